/**
 * `check`'s output options, kept apart from check.ts so other branches' options
 * merge cleanly: ESLint's habits (--quiet, --max-warnings, --output-file,
 * --no-color, a --format listing in --help) and the answer-first text report
 * (--verbose, --show), plus the one-line summary `-o FILE` prints on stderr.
 */
import { Option, type Command } from 'commander';
import type { Severity } from '../model/finding.js';
import { UsageError } from '../errors.js';
import type { FormatOptions, ReportFile } from '../report/shared.js';
import { messages } from '../report/messages.js';
import { runVerdict, verdictText } from '../report/verdict.js';

const FORMAT_HELP = `
Formats (--format):
  text   for people (default): the verdict first, errors and warnings in full,
         rounding and info summarised (--verbose or --show rounding,info: in full)
  json   one document for all files (amounts as decimal strings)
  junit  one <testsuite> per workbook, a <testcase> per failing finding
  sarif  SARIF 2.1.0 for code scanning (GitHub upload-sarif)
  html   a self-contained report to open offline`;

const SHOWABLE: readonly Severity[] = ['rounding', 'info', 'warning', 'error'];

export function addOutputOptions(cmd: Command): void {
  cmd
    .option('--output-file <file>', 'same as -o')
    .option('--quiet', 'report errors only; with -o, nothing on stderr unless the run cannot proceed')
    .option('--max-warnings <n>', 'fail (exit 1) when there are more than n warnings')
    .option('--no-color', 'no colour in text output (also NO_COLOR=1; FORCE_COLOR=1 forces it)')
    .option('--verbose', 'text: every finding in full, blank cells listed (same as --show rounding,info plus blanks)')
    .addOption(new Option('--show <severities>', 'text: also print these in full, e.g. rounding,info'))
    .addHelpText('after', FORMAT_HELP);
}

export interface OutputFlags {
  output?: string;
  outputFile?: string;
  quiet?: boolean;
  maxWarnings?: string;
  color?: boolean;
  verbose?: boolean;
  show?: string;
}

export interface OutputSettings {
  /** -o / --output-file. */
  output?: string;
  /** false with --no-color. */
  color?: boolean;
  format: Pick<FormatOptions, 'show' | 'listBlanks' | 'quiet' | 'maxWarnings'>;
}

export function outputSettings(flags: OutputFlags): OutputSettings {
  if (flags.output !== undefined && flags.outputFile !== undefined && flags.output !== flags.outputFile) {
    throw new UsageError('-o and --output-file name different files');
  }
  const format: OutputSettings['format'] = {};
  if (flags.quiet) format.quiet = true;
  if (flags.maxWarnings !== undefined) {
    if (!/^\s*\d+\s*$/.test(flags.maxWarnings)) throw new UsageError(`--max-warnings ${flags.maxWarnings}: expected a whole number ≥ 0`);
    format.maxWarnings = parseInt(flags.maxWarnings, 10);
  }
  const show = new Set<Severity>(['error', 'warning']);
  if (flags.show !== undefined) {
    for (const s of flags.show.split(',').map((x) => x.trim()).filter(Boolean)) {
      if (!(SHOWABLE as string[]).includes(s)) throw new UsageError(`--show ${flags.show}: expected severities among ${SHOWABLE.join(', ')}`);
      show.add(s as Severity);
    }
  }
  if (flags.verbose) {
    show.add('rounding').add('info');
    format.listBlanks = true;
  }
  if (flags.show !== undefined || flags.verbose) format.show = [...show];
  const output = flags.output ?? flags.outputFile;
  return { ...(output !== undefined ? { output } : {}), ...(flags.color === false ? { color: false } : {}), format };
}

/** "budget-audit: 未通过（错误达到 --fail-on error）— 错误 1，… — report written to audit.json". */
export function stderrSummary(reports: readonly ReportFile[], opts: FormatOptions, file: string): string {
  const v = runVerdict(reports, opts);
  const M = messages(opts.lang);
  return `budget-audit: ${reports.length > 1 ? M.fileCount(reports.length) : ''}${verdictText(v, opts)} — ${M.written(file)}\n`;
}
