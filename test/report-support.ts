/** Helpers shared by the report/check/batch tests (not a test file itself). */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ajvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import * as XLSX from 'xlsx';

// CommonJS packages: under NodeNext their classes are on `.default`.
const Ajv4 = ajvDraft04.default;
const addFormats = ajvFormats.default;

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** BUDGET_AUDIT_SHARED, else ../shared beside the repo (as CI lays it), else /work/shared. */
export function sharedDir(): string {
  const candidates = [process.env.BUDGET_AUDIT_SHARED, path.resolve(repoRoot, '../shared'), '/work/shared'];
  const found = candidates.find((d) => d && existsSync(path.join(d, 'schemas', 'sarif-schema-2.1.0.json')));
  if (!found) throw new Error(`SARIF schema not found in ${candidates.filter(Boolean).join(', ')}`);
  return found;
}

/** The official SARIF 2.1.0 schema (draft-04), compiled with format checks (uri, date-time). */
export function sarifValidator() {
  const schema = JSON.parse(readFileSync(path.join(sharedDir(), 'schemas', 'sarif-schema-2.1.0.json'), 'utf8'));
  const ajv = new Ajv4({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(schema);
}

// ---- the sample workbook, planted-error copies, the built CLI ----------------------------

export const SAMPLE = path.join(repoRoot, 'fixtures', 'hengnan-hrss-2025.xlsx');
export const CLI = path.join(repoRoot, 'bin', 'budget-audit');

export function tempDir(prefix = 'ba-test-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

const text = (c: XLSX.CellObject | undefined) => (c?.v === undefined ? '' : String(c.v).replace(/\s+/g, ''));

export interface Plant {
  /** The table's title as published (the title cell), e.g. "支出总表". */
  title: string;
  /** A cell of the row to change holds exactly this (a code or a row label), e.g. "2080199". */
  row: string;
  /** The header cell of the column to change, e.g. "项目支出" (first match left to right). */
  column: string;
  value: number;
}

/**
 * Copies the sample with one amount changed, found by content (title cell,
 * row key, header text) as a person would; returns the changed cell as
 * "sheet!A1" together with the copy's path.
 */
export function plantCopy(dest: string, plant: Plant, src = SAMPLE): { file: string; cell: string; sheet: string; address: string } {
  const wb = XLSX.read(readFileSync(src), { type: 'buffer' });
  for (const name of wb.SheetNames) {
    const ws = wb.Sheets[name]!;
    const range = XLSX.utils.decode_range(ws['!ref'] ?? 'A1');
    const at = (r: number, c: number) => ws[XLSX.utils.encode_cell({ r, c })] as XLSX.CellObject | undefined;
    let titled = false;
    for (let r = range.s.r; r <= Math.min(range.e.r, range.s.r + 6) && !titled; r++) {
      for (let c = range.s.c; c <= range.e.c; c++) if (text(at(r, c)) === plant.title) titled = true;
    }
    if (!titled) continue;
    let col = -1;
    for (let r = range.s.r; r <= range.e.r && col < 0; r++) {
      for (let c = range.s.c; c <= range.e.c; c++) if (text(at(r, c)) === plant.column) { col = c; break; }
    }
    let row = -1;
    for (let r = range.s.r; r <= range.e.r && row < 0; r++) {
      for (let c = range.s.c; c <= range.e.c; c++) if (text(at(r, c)) === plant.row) { row = r; break; }
    }
    if (col < 0 || row < 0) continue;
    const address = XLSX.utils.encode_cell({ r: row, c: col });
    const old = at(row, col);
    ws[address] = { t: 'n', v: plant.value, ...(old?.z ? { z: old.z } : {}) };
    writeFileSync(dest, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    return { file: dest, cell: `${name}!${address}`, sheet: name, address };
  }
  throw new Error(`plantCopy: no sheet titled ${plant.title} with row ${plant.row} and column ${plant.column}`);
}

/** 表03 2080199 其他人力资源和社会保障管理事务支出 项目支出 196.00 → 197.00. */
export const PLANT_03: Plant = { title: '支出总表', row: '2080199', column: '项目支出', value: 197 };

/** A file with a workbook's name and garbage inside. */
export function corruptFile(dest: string): string {
  writeFileSync(dest, Buffer.from('PK\u0003\u0004 this is not really a zip archive at all'.repeat(20)));
  return dest;
}

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI (vitest's globalSetup builds dist/); no colour settings unless given. */
export function cli(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Run {
  const env = { ...process.env };
  delete env.FORCE_COLOR;
  delete env.NO_COLOR;
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: opts.cwd ?? repoRoot,
    env: { ...env, ...opts.env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
