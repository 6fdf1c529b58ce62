/**
 * `--format sarif`: SARIF 2.1.0, one run for all workbooks. tool.driver lists
 * the whole rule catalog; each result names its workbook as artifactLocation
 * and every cell involved as a logicalLocation ("03支出总表!D7"). Unreadable
 * workbooks are toolExecutionNotifications of the invocation.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Finding, Severity } from '../model/finding.js';
import type { RuleMeta } from '../rules/types.js';
import type { FormatOptions, ReportFile } from './shared.js';
import { cellName, exitCodeFor, fails } from './shared.js';
import { figuresText, messages } from './messages.js';
import type { SuggestedCell, Suggestion } from '../model/suggestion.js';
import { changeText, suggestionText } from './suggestion-text.js';
import { ROUNDING_CONSISTENCY_META } from '../corrections/meta.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

type Level = 'error' | 'warning' | 'note';

/** rounding and info have no SARIF level of their own: note (the exact severity is in properties). */
export function sarifLevel(s: Severity): Level {
  return s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'note';
}

const SRCROOT = 'SRCROOT';

/** A workbook path as a URI: relative to cwd under %SRCROOT% when inside it, else an absolute file URI. */
function artifactLocation(p: string, cwd: string, index: number): Record<string, unknown> {
  const abs = path.resolve(cwd, p);
  const rel = path.relative(cwd, abs);
  if (rel && !rel.startsWith('..') && !path.isAbsolute(rel)) {
    return { uri: rel.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT, index };
  }
  return { uri: pathToFileURL(abs).href, index };
}

function ruleDescriptor(r: RuleMeta, opts: FormatOptions): Record<string, unknown> {
  const lang = opts.lang;
  const M = messages(lang);
  const help = [r.description[lang], `${M.identity}: ${r.identity}`, r.example ? `${M.example}: ${r.example}` : '']
    .filter(Boolean)
    .join('\n\n');
  return {
    id: r.id,
    name: r.id,
    shortDescription: { text: r.title[lang] },
    fullDescription: { text: `${r.title[lang]} — ${r.identity}` },
    help: { text: help },
    defaultConfiguration: { level: sarifLevel(r.severity) },
    properties: { family: r.family, severity: r.severity, tables: r.tables, identity: r.identity },
  };
}

function resultMessage(f: Finding, opts: FormatOptions): string {
  const nums = figuresText(f, opts.lang);
  return nums ? (opts.lang === 'zh' ? `${f.message.zh}（${nums}）` : `${f.message.en} (${nums})`) : f.message[opts.lang];
}

/**
 * Code scanning tracks a finding across runs by this: the rule and the first
 * cell's table, row label and column (not its address or value, which move and
 * change when the workbook is edited); a second finding with the same key in
 * one workbook gets its ordinal.
 */
export const FINGERPRINT_KEY = 'budgetAudit/v1';
function fingerprint(f: Finding, seen: Map<string, number>, file: string): string {
  const l = f.locations[0];
  const key = [f.ruleId, l?.table ?? '', l?.row ?? l?.cell ?? l?.quote?.text ?? '', l?.column ?? ''].join('\u0000');
  const n = (seen.get(`${file}\u0000${key}`) ?? 0) + 1;
  seen.set(`${file}\u0000${key}`, n);
  const hash = createHash('sha256').update(key).digest('hex').slice(0, 32);
  return n > 1 ? `${hash}:${n}` : hash;
}

/** "F17" → 1-based row 17, column 6. */
function rowCol(a1: string): { line: number; column: number } | undefined {
  const m = /^([A-Z]+)(\d+)$/.exec(a1.replace(/\$/g, ''));
  if (!m) return undefined;
  let column = 0;
  for (const ch of m[1]!) column = column * 26 + (ch.charCodeAt(0) - 64);
  return { line: Number(m[2]), column };
}

/**
 * A cell change as a SARIF replacement: a workbook has no text lines, so the
 * region is the cell's sheet row (startLine) and column (startColumn), with
 * the sheet, the cell's logical name and its published value in properties.
 */
function replacement(c: SuggestedCell, lang: FormatOptions['lang']): Record<string, unknown> {
  const rc = rowCol(c.cell) ?? { line: 1, column: 1 };
  return {
    deletedRegion: {
      startLine: rc.line, startColumn: rc.column, endLine: rc.line, endColumn: rc.column + 1,
      message: { text: changeText(c, lang) },
      properties: { sheet: c.sheet, cell: c.cell, logicalLocation: `${c.sheet}!${c.cell}`, table: c.table, row: c.row, column: c.column, from: c.from },
    },
    insertedContent: { text: c.to },
  };
}

/** The suggestion and its ranked alternatives as SARIF fixes (alternatives are alternative fixes). */
function fixes(s: Suggestion, artifact: Record<string, unknown>, lang: FormatOptions['lang']): Record<string, unknown>[] {
  const all = [s.cells, ...s.alternatives.map((a) => a.cells)];
  return all.map((cells, i) => ({
    description: { text: i === 0 ? suggestionText(s, lang) : cells.map((c) => changeText(c, lang)).join('; ') },
    artifactChanges: [{ artifactLocation: artifact, replacements: cells.map((c) => replacement(c, lang)) }],
    properties: { suggestionId: s.id, verified: s.verified, ambiguous: s.ambiguous, resolves: s.resolves, rank: i + 1 },
  }));
}

export function formatSarif(reports: readonly ReportFile[], opts: FormatOptions): string {
  const rules = [...opts.rules];
  // Rule ids the findings use that the catalog doesn't list still need a descriptor.
  for (const r of reports) {
    for (const f of r.findings) {
      if (!rules.some((x) => x.id === f.ruleId)) {
        if (f.ruleId === ROUNDING_CONSISTENCY_META.id) {
          rules.push(ROUNDING_CONSISTENCY_META);
          continue;
        }
        rules.push({
          id: f.ruleId, family: 'D', severity: f.severity, tables: [],
          title: { zh: f.ruleId, en: f.ruleId }, identity: f.ruleId, description: { zh: f.ruleId, en: f.ruleId },
        });
      }
    }
  }
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));

  const artifacts: Record<string, unknown>[] = reports.map((r) => {
    const { index: _index, ...location } = artifactLocation(r.path, opts.cwd, 0);
    return { location };
  });
  // Narrative files (说明) are artifacts too, after the workbooks: a quote is a region in one.
  const narrativeIndex = new Map<string, number>();
  const narrativeArtifact = (file: string): Record<string, unknown> => {
    let i = narrativeIndex.get(file);
    if (i === undefined) {
      i = artifacts.length;
      narrativeIndex.set(file, i);
      const { index: _index, ...location } = artifactLocation(file, opts.cwd, i);
      artifacts.push({ location, roles: ['attachment'] });
    }
    return artifactLocation(file, opts.cwd, i);
  };

  const results: Record<string, unknown>[] = [];
  const notifications: Record<string, unknown>[] = [];
  const seen = new Map<string, number>();
  reports.forEach((r, i) => {
    const artifact = artifactLocation(r.path, opts.cwd, i);
    if (r.loadError !== undefined) {
      notifications.push({
        level: 'error',
        message: { text: `${r.path}: ${r.loadError}` },
        locations: [{ physicalLocation: { artifactLocation: artifact } }],
      });
      return;
    }
    for (const f of r.findings) {
      const quoteLocations = f.locations.filter((l) => l.quote).map((l) => {
        const q = l.quote!;
        return {
          physicalLocation: {
            artifactLocation: narrativeArtifact(q.file),
            region: { charOffset: q.offset, charLength: q.length, snippet: { text: q.text } },
          },
          properties: { paragraph: q.paragraph, sentence: q.sentence, ...(q.page !== undefined ? { page: q.page } : {}) },
        };
      });
      const logicalLocations = f.locations.filter((l) => !l.quote).map((l) => {
        const ll: Record<string, unknown> = { fullyQualifiedName: cellName(l, opts.lang), kind: 'cell' };
        if (l.cell) ll.name = l.cell;
        const props: Record<string, string> = { table: l.table };
        if (l.row !== undefined) props.row = l.row;
        if (l.column !== undefined) props.column = l.column;
        if (l.value !== undefined) props.value = l.value;
        // PDF: the page in the logical location, the figure's box (PDF points) beside it.
        if (l.page !== undefined) props.page = String(l.page);
        if (l.box) props.box = `${l.box.x},${l.box.y},${l.box.w},${l.box.h}`;
        ll.properties = props;
        return ll;
      });
      const location: Record<string, unknown> = { physicalLocation: { artifactLocation: artifact } };
      if (logicalLocations.length) location.logicalLocations = logicalLocations;
      const props: Record<string, unknown> = { severity: f.severity, failing: fails(f.severity, opts.failOn) };
      if (f.expected !== undefined) props.expected = f.expected;
      if (f.actual !== undefined) props.actual = f.actual;
      if (f.difference !== undefined) props.difference = f.difference;
      if (f.id !== undefined) props.findingId = f.id;
      results.push({
        ruleId: f.ruleId,
        ruleIndex: ruleIndex.get(f.ruleId),
        level: sarifLevel(f.severity),
        message: { text: resultMessage(f, opts) },
        locations: [...quoteLocations, location],
        partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(f, seen, r.path) },
        ...(f.suggestion ? { fixes: fixes(f.suggestion, artifact, opts.lang) } : {}),
        properties: props,
      });
    }
  });

  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: opts.tool.name,
            version: opts.tool.version,
            semanticVersion: opts.tool.version,
            rules: rules.map((r) => ruleDescriptor(r, opts)),
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(opts.cwd).href.replace(/\/?$/, '/') } },
        artifacts,
        invocations: [
          {
            executionSuccessful: notifications.length === 0,
            exitCode: exitCodeFor(reports, opts.failOn, opts.maxWarnings),
            toolExecutionNotifications: notifications,
            ...(opts.configPath !== undefined ? { properties: { configFile: opts.configPath } } : {}),
          },
        ],
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
