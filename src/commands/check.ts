/**
 * `budget-audit check FILES...`: thin wiring of options, configuration and
 * output over the programmatic API (src/api.ts).
 */
import { Option, type Command } from 'commander';
import { Decimal } from 'decimal.js';
import { checkFiles, ruleCatalog } from '../api.js';
import { expandInputs } from '../batch/expand.js';
import { defaultJobs } from '../batch/run.js';
import type { Config, RuleSetting } from '../config.js';
import { findConfig, loadConfig, parseRuleFlag, parseTolerance } from '../config.js';
import { UsageError } from '../errors.js';
import type { FailOn, FormatName, FormatOptions, Lang, ReportFile } from '../report/index.js';
import { defaultFormatOptions, effectiveFailOn, exitCodeFor, FAIL_ON, FORMATS, formatReports, LANGS } from '../report/index.js';
import { annotateTargets, writeAnnotatedCopies } from '../report/annotate/targets.js';
import { assertNotInput, writeFileAtomic } from '../report/write.js';
import { pairNarratives } from '../narrative/pair.js';
import { addOutputOptions, outputSettings, stderrSummary, type OutputFlags } from './check-output.js';

/** ESLint habits and the answer-first text report: OutputFlags (src/commands/check-output.ts). */
interface CheckFlags extends OutputFlags {
  format?: FormatName;
  output?: string;
  failOn?: FailOn;
  strict?: boolean;
  tolerance?: string;
  lang?: Lang;
  jobs?: string;
  config?: string;
  rule?: string[];
  annotate?: string;
  maxSize?: string;
  narrative?: string;
  pair?: boolean;
  suggest?: boolean;
  roundingCheck?: boolean;
}

export function registerCheck(program: Command, setExit: (code: number) => void): void {
  const cmd = program
    .command('check')
    .description('Check every identity of budget disclosure workbooks (files, directories or globs).')
    .argument('<files...>', 'workbooks (.xlsx/.xls), published PDFs, directories (searched recursively for both) or glob patterns')
    .addOption(new Option('--format <format>', 'output format (default text)').choices(FORMATS as string[]))
    .option('-o, --output <file>', 'write the report to a file (atomically; never over an input)')
    .addOption(new Option('--fail-on <severity>', 'lowest severity that fails the run (default error)').choices(FAIL_ON as string[]))
    .option('--strict', 'rounding findings fail too (same as --fail-on rounding)')
    .option('--no-strict', 'override strict: true from the config file')
    .option('--tolerance <amount>', 'fixed absolute tolerance replacing the rounding bound, e.g. 0.05')
    .addOption(new Option('--lang <lang>', 'message language (default zh)').choices(LANGS as string[]))
    .option('--jobs <n>', 'worker threads for a batch (default: number of cores)')
    .option('--config <file>', `configuration file (default: budget-audit.config.json from here upward)`)
    .option('--rule <id=setting>', 'turn a rule off or change its severity (repeatable): ID=off|error|warning|rounding|info', collect, [])
    .option('--annotate <out.xlsx|out.pdf|dir/>', 'also write a copy of the workbook with a comment on every flagged cell (a PDF: a highlight on every flagged figure; a batch: one copy per file into dir/)')
    .option('--max-size <MB>', 'refuse workbooks larger than this many MB')
    .option('--narrative <file>', 'the narrative (说明, .docx/.doc/.txt) to check against the (single) workbook')
    .option('--no-pair', 'do not pair workbooks with a narrative beside them of the same name (X.docx, X说明.docx, X.txt)')
    .option('--no-suggest', 'do not compute suggested corrections for errors')
    .option('--rounding-check', 'also check that all figures can be roundings of one set of exact figures (implied by --strict)');
  addOutputOptions(cmd);
  cmd.action(async (files: string[], flags: CheckFlags) => {
      setExit(await runCheck(files, flags));
    });
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Runs the command; returns the exit code. Usage problems throw UsageError (exit 2 in main). */
export async function runCheck(inputs: string[], flags: CheckFlags): Promise<number> {
  const cwd = process.cwd();
  const catalog = ruleCatalog();
  const ruleIds = catalog.map((r) => r.id);

  // Configuration: the file first, the command line over it.
  const configPath = flags.config ?? findConfig(cwd);
  const cfg: Config = configPath ? loadConfig(configPath, ruleIds) : {};
  const rules: Record<string, RuleSetting> = { ...cfg.rules };
  for (const flag of flags.rule ?? []) {
    const [id, setting] = parseRuleFlag(flag, ruleIds);
    rules[id] = setting;
  }
  // The command line wins over the file: --fail-on given alone undoes strict: true from the file;
  // --strict with a --fail-on other than rounding contradicts itself and is refused.
  if (flags.strict === true && flags.failOn !== undefined && flags.failOn !== 'rounding') {
    throw new UsageError(`--strict and --fail-on ${flags.failOn} contradict each other (--strict means --fail-on rounding)`);
  }
  const strict = flags.strict ?? (flags.failOn !== undefined ? false : (cfg.strict ?? false));
  const failOn = effectiveFailOn(flags.failOn ?? cfg.failOn, strict);
  const lang: Lang = flags.lang ?? cfg.lang ?? 'zh';
  const tolerance =
    flags.tolerance !== undefined
      ? parseTolerance(flags.tolerance, (why) => {
          throw new UsageError(`--tolerance ${flags.tolerance}: ${why}`);
        })
      : cfg.tolerance;
  const jobs = flags.jobs !== undefined ? parseJobs(flags.jobs) : (cfg.jobs ?? defaultJobs());
  const maxBytes = flags.maxSize !== undefined ? parseMaxSize(flags.maxSize) : undefined;
  const formatName: FormatName = flags.format ?? 'text';
  const out = outputSettings(flags);

  const { files, problems } = await expandInputs(inputs, cwd);
  for (const p of problems) process.stderr.write(`budget-audit: ${p}\n`);
  if (files.length === 0) throw new UsageError(problems.length ? 'no workbooks to check' : 'no input files given');
  if (out.output) assertNotInput(out.output, files, 'report');
  const annotate = flags.annotate ? annotateTargets(flags.annotate, files, out.output) : undefined;

  // The narrative: named for a single workbook, or paired by file name (shown in the report).
  let narratives: Record<string, { file: string; paired: boolean }> = {};
  if (flags.narrative !== undefined) {
    if (files.length !== 1) throw new UsageError('--narrative works on a single workbook (a batch pairs X.xlsx with X.docx / X说明.docx / X.txt)');
    narratives = { [files[0]!]: { file: flags.narrative, paired: false } };
  } else if (flags.pair !== false) {
    narratives = pairNarratives(files, cwd);
  }
  // Narratives are inputs too: never written over.
  const narrativeFiles = Object.values(narratives).map((n) => n.file);
  if (out.output) assertNotInput(out.output, narrativeFiles, 'report');
  if (flags.annotate) assertNotInput(flags.annotate, narrativeFiles, 'annotated workbook');

  // Loaded only when shown: a single-file check starts faster without it.
  const cliProgress = process.stderr.isTTY && files.length > 1 ? (await import('cli-progress')).default : undefined;
  const bar = cliProgress
    ? new cliProgress.SingleBar(
        { stream: process.stderr, format: ' {bar} {value}/{total} {file}', hideCursor: true, clearOnComplete: true },
        cliProgress.Presets.shades_classic,
      )
    : undefined;
  bar?.start(files.length, 0, { file: '' });
  let reports: ReportFile[];
  try {
    reports = await checkFiles(files, {
      jobs,
      strict,
      ...(tolerance !== undefined ? { tolerance } : {}),
      ...(Object.keys(rules).length ? { rules } : {}),
      ...(maxBytes !== undefined ? { maxBytes } : {}),
      ...(flags.suggest === false ? { suggest: false } : {}),
      ...(flags.roundingCheck ? { roundingCheck: true } : {}),
      keepBudget: formatName === 'html',
      ...(Object.keys(narratives).length ? { narratives } : {}),
      onProgress: (done, _total, r) => bar?.update(done, { file: r.path }),
    });
  } finally {
    bar?.stop();
  }

  for (const r of reports) if (r.loadError !== undefined) process.stderr.write(`budget-audit: ${r.loadError}\n`);

  const opts: FormatOptions = defaultFormatOptions({
    lang,
    failOn,
    color: !out.output && out.color !== false && colorWanted(),
    rules: catalog,
    cwd,
    ...out.format,
    ...(configPath ? { configPath } : {}),
  });
  // One unreadable file in text: the error line says it all.
  const onlyError = reports.length === 1 && reports[0]!.loadError !== undefined && formatName === 'text' && !out.output;
  if (!onlyError) {
    const rendered = await formatReports(reports, formatName, opts);
    if (out.output) await writeFileAtomic(out.output, rendered);
    else await writeStdout(rendered);
  }
  // -o FILE: the log still gets the one-line answer (unless --quiet, or no file could be read: its error line says it).
  if (out.output && !opts.quiet && reports.some((r) => r.loadError === undefined)) process.stderr.write(stderrSummary(reports, opts, out.output));
  let annotated = true;
  if (annotate) {
    const log = (line: string) => process.stderr.write(`budget-audit: ${line}\n`);
    // The suggested cell's 批注 starts with its suggestion (src/corrections).
    const { annotateSuggestion } = await import('../report/annotate-suggestion.js');
    annotated = await writeAnnotatedCopies(files, reports, annotate, { ...opts, suggestion: annotateSuggestion }, log);
  }
  return Math.max(exitCodeFor(reports, failOn, opts.maxWarnings), problems.length || !annotated ? 2 : 0);
}

/**
 * Writes to stdout; a reader that went away (`| head`) is not an error worth
 * a stack trace: the rest of the report is dropped quietly.
 */
function writeStdout(text: string): Promise<void> {
  return new Promise((resolve) => {
    const onError = (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE') process.stderr.write(`budget-audit: cannot write the report: ${err.message}\n`);
      resolve();
    };
    process.stdout.once('error', onError);
    process.stdout.write(text, (err) => {
      if (!err) {
        process.stdout.off('error', onError);
        resolve();
      }
    });
  });
}

function parseJobs(s: string): number {
  if (!/^\s*\d+\s*$/.test(s) || parseInt(s, 10) < 1) throw new UsageError(`--jobs ${s}: expected a positive whole number`);
  return parseInt(s, 10);
}

function parseMaxSize(s: string): number {
  if (!/^\s*\d+(\.\d+)?\s*$/.test(s) || new Decimal(s.trim()).lte(0)) {
    throw new UsageError(`--max-size ${s}: expected a positive number of MB`);
  }
  // A byte count, not money: an integer string read back as an integer.
  return parseInt(new Decimal(s.trim()).times(1024 * 1024).floor().toString(), 10);
}

/**
 * Colour only on a TTY. FORCE_COLOR forces it (0/false: off); NO_COLOR
 * (non-empty) turns it off — chalk alone ignores NO_COLOR.
 */
export function colorWanted(env: NodeJS.ProcessEnv = process.env, isTTY = !!process.stdout.isTTY): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return !(force === '0' || force.toLowerCase() === 'false');
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return isTTY && env.TERM !== 'dumb';
}
