/**
 * Fuzzing the readers (issue 11), shared by `npm run fuzz` (bench/fuzz.ts) and
 * test/fuzz.test.ts. A case is a fast-check recipe applied to the sample:
 *  - bytes: flips, overwrites, inserts, cuts of the .xlsx or .xls file itself;
 *  - xml: edits of one sheet's XML, re-zipped with valid CRCs so the parsers
 *    see them — cell values replaced ("NaN", "1e309", "-0", full-width digits,
 *    "(1.00)", "约5万", control characters, very long strings…), cells deleted,
 *    overlapping merges, shared-string indexes out of range, formulas without
 *    cached values, wrong cell types and references, raw byte damage.
 * Recipes come from `fc.sample(recipe, { seed })`: the same seed gives the same
 * cases, and case i of a seed is rebuilt alone with `--seed S --only i`.
 *
 * Cases run through the production batch path — the built worker
 * (dist/batch/worker.js) in a piscina pool with the per-file time and heap
 * limits — and are classified as a user would see them; a smaller sample is
 * also run as the spawned CLI. A case fails on: an internal error or worker
 * crash, a hang (the time limit) or the heap limit, an exit other than 0/1/2,
 * a stack trace, more than 3 stderr lines on exit 2, invalid JSON on 0/1.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import * as XLSX from 'xlsx';
import { runGuarded } from '../../src/batch/guard.js';
import { workerFile } from '../../src/batch/run.js';
import type { WorkerTask } from '../../src/batch/worker.js';
import { ISOLATION_LIMITS, type IsolationLimits } from '../../src/loaders/limits.js';
import type { ReportFile } from '../../src/report/index.js';
import { formatReports } from '../../src/report/index.js';
import { ROOT, runCliMeasured } from './cli.js';
import { partsOf, rawZip, type RawEntry } from './zip.js';

export const SAMPLE_PATH = path.join(ROOT, 'fixtures', 'hengnan-hrss-2025.xlsx');

// ───────────────────────────── recipes ─────────────────────────────

/** Cell values a hostile or careless export may hold. */
const SPECIAL_VALUES = [
  'NaN', '1e309', '-1e309', '-0', '0', 'Infinity', '1e-400', '１２３．４５', '２,４２４.７３', '(1.00)', '（1.00）', '约5万',
  '5万元', '-', '—', '－', '', ' ', '1,234.56', '1.234,56', '0x1F', '12%', '¥100', '9'.repeat(40), '0.'.padEnd(30, '1'),
  '\u0000', '\u0001\u0002', '\u001f', '\u007f', '\ufffe', '\ud800', '\u200b123', 'true', '#DIV/0!', '=SUM(A1:A2)',
  '__proto__', 'constructor', '<b>x</b>', '&amp;', '_x0000_', '合计', '项目', '单位：万元', '部门公开表01',
];

export type CellOp =
  | { kind: 'value'; cell: number; value: string; as: 'n' | 'str' | 'inline' | 'b' | 'e' }
  | { kind: 'delete'; cell: number }
  | { kind: 'sst'; cell: number; index: number }
  | { kind: 'formula'; cell: number; formula: string }
  | { kind: 'ref'; cell: number; ref: string }
  | { kind: 'merge'; r1: number; c1: number; r2: number; c2: number }
  | { kind: 'xmlBytes'; at: number; bytes: number[] }
  | { kind: 'xmlCut'; at: number };

export type ByteOp = { kind: 'flip' | 'set' | 'insert' | 'remove'; at: number; bytes: number[] } | { kind: 'truncate'; at: number };

export type Recipe =
  | { mode: 'xml'; sheet: number; ops: CellOp[] }
  | { mode: 'bytes'; base: 'xlsx' | 'xls'; ops: ByteOp[] };

/** Positions are fractions (0..1) of the target's length, as integers out of 1e6. */
const frac = fc.integer({ min: 0, max: 999_999 });
const bytes = fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 16 });
const cell = fc.nat({ max: 10_000 });

const value = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...SPECIAL_VALUES) },
  { weight: 2, arbitrary: fc.string({ maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 2, arbitrary: fc.double().map(String) },
  { weight: 1, arbitrary: fc.bigInt().map(String) },
  { weight: 1, arbitrary: fc.constantFrom(1_000, 32_767, 40_000, 200_000).map((n) => '预'.repeat(n)) },
);

const cellOp: fc.Arbitrary<CellOp> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('value' as const), cell, value, as: fc.constantFrom('n' as const, 'str' as const, 'inline' as const, 'b' as const, 'e' as const) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('delete' as const), cell }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('sst' as const), cell, index: fc.oneof(fc.integer({ min: -5, max: 10 }), fc.constant(2 ** 31), fc.constant(1e20)) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('formula' as const), cell, formula: fc.constantFrom('SUM(D8:D9)', 'A1', '1/0', 'SUM(A1:XFD1048576)', '') }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('ref' as const), cell, ref: fc.constantFrom('A0', 'ZZZZ1', 'XFD1048576', 'A1048577', '', '1A', 'A-1', 'B2') }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('merge' as const), r1: fc.nat(45), c1: fc.nat(12), r2: fc.nat(45), c2: fc.nat(12) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('xmlBytes' as const), at: frac, bytes }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('xmlCut' as const), at: frac }) },
);

const byteOp: fc.Arbitrary<ByteOp> = fc.oneof(
  fc.record({ kind: fc.constantFrom('flip' as const, 'set' as const, 'insert' as const, 'remove' as const), at: frac, bytes }),
  fc.record({ kind: fc.constant('truncate' as const), at: frac }),
);

export const recipe: fc.Arbitrary<Recipe> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ mode: fc.constant('xml' as const), sheet: fc.nat(22), ops: fc.array(cellOp, { minLength: 1, maxLength: 6 }) }) },
  { weight: 1, arbitrary: fc.record({ mode: fc.constant('bytes' as const), base: fc.constantFrom('xlsx' as const, 'xls' as const), ops: fc.array(byteOp, { minLength: 1, maxLength: 4 }) }) },
);

/** The recipes of a run: deterministic in the seed. */
export function recipes(seed: number, cases: number): Recipe[] {
  return fc.sample(recipe, { seed, numRuns: cases });
}

// ───────────────────────────── applying a recipe ─────────────────────────────

interface Bases {
  xlsx: Buffer;
  xls: Buffer;
  parts: RawEntry[];
}
let bases: Bases | undefined;
function getBases(): Bases {
  if (!bases) {
    const xlsx = readFileSync(SAMPLE_PATH);
    bases = { xlsx, xls: XLSX.write(XLSX.read(xlsx), { type: 'buffer', bookType: 'xls' }) as Buffer, parts: partsOf(xlsx) };
  }
  return bases;
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const at = (f: number, len: number) => Math.floor((f / 1e6) * len);

function applyCellOp(xml: string, op: CellOp): string {
  const cells = [...xml.matchAll(/<c\b[^>]*?(?:\/>|>[\s\S]*?<\/c>)/g)];
  const pick = 'cell' in op && cells.length ? cells[op.cell % cells.length]! : undefined;
  const ref = pick ? (/\br="([^"]*)"/.exec(pick[0])?.[1] ?? '') : '';
  const style = pick ? (/\bs="([^"]*)"/.exec(pick[0])?.[0] ?? '') : '';
  const replace = (s: string) => (pick ? xml.slice(0, pick.index) + s + xml.slice(pick.index! + pick[0].length) : xml);
  switch (op.kind) {
    case 'value': {
      const v = escapeXml(op.value);
      if (op.as === 'inline') return replace(`<c r="${ref}" ${style} t="inlineStr"><is><t>${v}</t></is></c>`);
      return replace(`<c r="${ref}" ${style}${op.as === 'n' ? '' : ` t="${op.as}"`}><v>${v}</v></c>`);
    }
    case 'delete':
      return replace('');
    case 'sst':
      return replace(`<c r="${ref}" ${style} t="s"><v>${op.index}</v></c>`);
    case 'formula':
      return replace(`<c r="${ref}" ${style}><f>${escapeXml(op.formula)}</f></c>`);
    case 'ref':
      return pick ? replace(pick[0].replace(/\br="[^"]*"/, `r="${op.ref}"`)) : xml;
    case 'merge': {
      const a = XLSX.utils.encode_cell({ r: Math.min(op.r1, op.r2), c: Math.min(op.c1, op.c2) });
      const b = XLSX.utils.encode_cell({ r: Math.max(op.r1, op.r2), c: Math.max(op.c1, op.c2) });
      const m = `<mergeCell ref="${a}:${b}"/>`;
      if (xml.includes('</mergeCells>')) return xml.replace('</mergeCells>', `${m}</mergeCells>`);
      return xml.replace('</sheetData>', `</sheetData><mergeCells>${m}</mergeCells>`);
    }
    case 'xmlBytes':
    case 'xmlCut':
      return xml; // byte-level, applied to the encoded part
  }
}

function applyByteOps(buf: Buffer, ops: readonly (ByteOp | CellOp)[]): Buffer {
  let b = Buffer.from(buf);
  for (const op of ops) {
    if (op.kind === 'xmlCut' || op.kind === 'truncate') b = b.subarray(0, at(op.at, b.length));
    else if (op.kind === 'xmlBytes' || op.kind === 'set') {
      const p = at(op.at, b.length);
      for (let k = 0; k < op.bytes.length && p + k < b.length; k++) b[p + k] = op.bytes[k]!;
    } else if (op.kind === 'flip') {
      const p = at(op.at, b.length);
      for (let k = 0; k < op.bytes.length && p + k < b.length; k++) b[p + k]! ^= op.bytes[k]! || 0xff;
    } else if (op.kind === 'insert') {
      const p = at(op.at, b.length);
      b = Buffer.concat([b.subarray(0, p), Buffer.from(op.bytes), b.subarray(p)]);
    } else if (op.kind === 'remove') {
      const p = at(op.at, b.length);
      b = Buffer.concat([b.subarray(0, p), b.subarray(p + op.bytes.length)]);
    }
  }
  return b;
}

/** The file a recipe describes, and its extension. */
export function build(r: Recipe): { data: Buffer; ext: 'xlsx' | 'xls' } {
  const base = getBases();
  if (r.mode === 'bytes') return { data: applyByteOps(r.base === 'xls' ? base.xls : base.xlsx, r.ops), ext: r.base };
  const name = `xl/worksheets/sheet${r.sheet + 1}.xml`;
  const parts = base.parts.map((e) => {
    if (e.name !== name) return e;
    let xml = Buffer.from(e.data).toString('utf8');
    for (const op of r.ops) xml = applyCellOp(xml, op);
    const raw = r.ops.filter((op) => op.kind === 'xmlBytes' || op.kind === 'xmlCut');
    return { ...e, data: applyByteOps(Buffer.from(xml, 'utf8'), raw) };
  });
  // Shared strings for the out-of-range indexes to miss (the sample has none).
  if (r.ops.some((op) => op.kind === 'sst')) {
    const sst = '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2" uniqueCount="2"><si><t>甲</t></si><si><t>乙</t></si></sst>';
    parts.push({ name: 'xl/sharedStrings.xml', data: Buffer.from(sst) });
  }
  return { data: rawZip(parts), ext: 'xlsx' };
}

// ───────────────────────────── running and classifying ─────────────────────────────

export interface CaseResult {
  index: number;
  ms: number;
  outcome: 'report' | 'load-error';
  failure?: string;
  rssMb?: number;
  spawned?: boolean;
}

/** What a user would call a crash in an in-process result (the pool's report for the file). */
async function classifyReport(r: ReportFile): Promise<string | undefined> {
  if (r.loadError !== undefined) {
    if (/internal error|worker failed|took longer than the limit|more memory than the limit/.test(r.loadError)) return `load error: ${r.loadError}`;
    if (r.loadError.includes('\n')) return 'load error over several lines';
    return undefined;
  }
  try {
    JSON.parse(await formatReports([r], 'json'));
    await formatReports([r], 'text');
  } catch (err) {
    return `formatting the report failed: ${(err as Error).message}`;
  }
  return undefined;
}

/** The spawned CLI, judged by the issue's rules. */
async function classifySpawn(file: string, timeMs: number): Promise<{ failure?: string; rssMb?: number }> {
  const res = await runCliMeasured(['check', file, '--format', 'json'], { timeoutMs: timeMs });
  const rssMb = res.peakRssMb;
  if (res.code === null) return { failure: 'CLI hang (killed at the time limit)', ...(rssMb ? { rssMb } : {}) };
  if (![0, 1, 2].includes(res.code)) return { failure: `CLI exit ${res.code}` };
  if (/^\s+at .*[:(]/m.test(res.stderr)) return { failure: `CLI stack trace: ${res.stderr.split('\n')[0]}` };
  const lines = res.stderr.split('\n').filter((l) => l !== '');
  if (res.code === 2 && lines.length > 3) return { failure: `CLI printed ${lines.length} stderr lines on exit 2` };
  if (res.code !== 2) {
    try {
      JSON.parse(res.stdout);
    } catch {
      return { failure: `CLI exit ${res.code} with invalid JSON` };
    }
  }
  if (/internal error/.test(res.stderr)) return { failure: `CLI internal error: ${lines[0]}` };
  return rssMb === undefined ? {} : { rssMb };
}

export interface FuzzOptions {
  seed: number;
  cases: number;
  /** Spawn the CLI for every Nth case too (0: never). */
  spawnEvery?: number;
  /** Run only case `only` of the seed. */
  only?: number;
  jobs?: number;
  /** A case taking longer is a hang. */
  timeMs?: number;
  /** Failing inputs are copied here. */
  keepDir?: string;
  onCase?: (r: CaseResult) => void;
}

export interface FuzzSummary {
  seed: number;
  cases: number;
  failures: CaseResult[];
  reports: number;
  loadErrors: number;
  spawned: number;
  worstMs: number;
  worstCase: number;
  worstSpawnRssMb: number;
}

export async function fuzz(o: FuzzOptions): Promise<FuzzSummary> {
  const all = recipes(o.seed, o.only !== undefined ? o.only + 1 : o.cases);
  const indexes = o.only !== undefined ? [o.only] : all.map((_, i) => i);
  const timeMs = o.timeMs ?? 10_000;
  const limits: IsolationLimits = { ...ISOLATION_LIMITS, timeMs };
  const worker = workerFile();
  if (!worker) throw new Error('dist/batch/worker.js is missing: npm run build first');
  const { Piscina } = await import('piscina');
  const jobs = o.jobs ?? 2;
  const pool = new Piscina<WorkerTask, ReportFile>({
    filename: worker,
    minThreads: jobs,
    maxThreads: jobs,
    resourceLimits: { maxOldGenerationSizeMb: limits.maxHeapMb, maxYoungGenerationSizeMb: limits.maxYoungMb },
  });
  // Warm the workers (module loading, JIT) so case times are the cases' own.
  await Promise.all(Array.from({ length: jobs }, () => pool.run({ path: SAMPLE_PATH, options: {} })));
  const dir = mkdtempSync(path.join(os.tmpdir(), 'budget-audit-fuzz-'));
  const summary: FuzzSummary = { seed: o.seed, cases: 0, failures: [], reports: 0, loadErrors: 0, spawned: 0, worstMs: 0, worstCase: -1, worstSpawnRssMb: 0 };
  let next = 0;
  const lane = async () => {
    while (next < indexes.length) {
      const index = indexes[next++]!;
      const { data, ext } = build(all[index]!);
      const file = path.join(dir, `case-${index}.${ext}`);
      writeFileSync(file, data);
      const t0 = performance.now();
      const [report] = await runGuarded(pool, [file], {}, 1, limits, (r) => r);
      const ms = performance.now() - t0;
      const result: CaseResult = { index, ms, outcome: report!.loadError === undefined ? 'report' : 'load-error' };
      const failure = await classifyReport(report!);
      if (failure) result.failure = failure;
      if (!failure && o.spawnEvery && index % o.spawnEvery === 0) {
        const s = await classifySpawn(file, timeMs + 5_000);
        result.spawned = true;
        if (s.failure) result.failure = s.failure;
        if (s.rssMb !== undefined) result.rssMb = s.rssMb;
      }
      summary.cases++;
      if (result.outcome === 'report') summary.reports++;
      else summary.loadErrors++;
      if (result.spawned) summary.spawned++;
      if (ms > summary.worstMs) {
        summary.worstMs = ms;
        summary.worstCase = index;
      }
      if (result.rssMb !== undefined && result.rssMb > summary.worstSpawnRssMb) summary.worstSpawnRssMb = result.rssMb;
      if (result.failure) {
        summary.failures.push(result);
        if (o.keepDir) writeFileSync(path.join(o.keepDir, `seed-${o.seed}-case-${index}.${ext}`), data);
      }
      o.onCase?.(result);
      rmSync(file, { force: true });
    }
  };
  try {
    await Promise.all(Array.from({ length: jobs }, lane));
  } finally {
    await pool.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
  return summary;
}
