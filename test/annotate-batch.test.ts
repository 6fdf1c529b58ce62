/**
 * `check DIR --annotate OUT/`: one annotated copy per workbook into OUT/
 * (created), named after each input, never over one; an .xls is converted and
 * says so; an unreadable workbook is skipped with its error. Run through the
 * built CLI as a user would.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { RESULTS_SHEET } from '../src/report/annotate.js';
import { cli, corruptFile, PLANT_03, plantCopy, SAMPLE, tempDir } from './report-support.js';
import { readBook, writeBook } from './support/mutate.js';

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const open = (file: string) => XLSX.read(readFileSync(file), { type: 'buffer' });

let dir: string;
let uploads: string;
let planted: { file: string; sheet: string; address: string }[];
let hashes: Map<string, string>;

function inputs(): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(p);
    }
  };
  walk(uploads);
  return out.sort();
}

beforeAll(() => {
  dir = tempDir('ba-annotate-batch-');
  uploads = path.join(dir, 'uploads');
  mkdirSync(path.join(uploads, 'deep'), { recursive: true });
  copyFileSync(SAMPLE, path.join(uploads, 'a-sample.xlsx'));
  planted = [
    plantCopy(path.join(uploads, 'b-planted.xlsx'), PLANT_03),
    // 表03 2080101 行政运行 基本支出 1,555.66 → 1,500.00, same file name in another folder.
    plantCopy(path.join(uploads, 'deep', 'b-planted.xlsx'), { title: '支出总表', row: '2080101', column: '基本支出', value: 1500 }),
  ];
  writeBook(readBook(SAMPLE), path.join(uploads, 'deep'), 'c-old.xls');
  hashes = new Map(inputs().map((f) => [f, sha(f)]));
});

describe('check DIR --annotate OUT/', () => {
  it('writes one annotated copy per workbook into a new directory', () => {
    const out = path.join(dir, 'out', 'copies') + '/';
    const r = cli(['check', uploads, '--annotate', out, '--jobs', '2', '--format', 'json', '-o', path.join(dir, 'report.json')]);
    expect(r.code, r.stderr).toBe(1); // the planted errors
    const names = readdirSync(out).sort();
    expect(names).toEqual(['a-sample.annotated.xlsx', 'b-planted(2).annotated.xlsx', 'b-planted.annotated.xlsx', 'c-old.annotated.xlsx']);
    // Inputs expand in path order (uploads/b-planted.xlsx before uploads/deep/b-planted.xlsx): each copy has its own plant's note.
    const noted = (file: string, p: { sheet: string; address: string }) => !!(open(path.join(out, file)).Sheets[p.sheet]![p.address] as XLSX.CellObject | undefined)?.c?.length;
    expect(noted('b-planted.annotated.xlsx', planted[0]!)).toBe(true);
    expect(noted('b-planted.annotated.xlsx', planted[1]!)).toBe(false);
    expect(noted('b-planted(2).annotated.xlsx', planted[1]!)).toBe(true);
    expect(noted('b-planted(2).annotated.xlsx', planted[0]!)).toBe(false);
    // The clean sample's copy: 审核结果 first, no error listed.
    const clean = open(path.join(out, 'a-sample.annotated.xlsx'));
    expect(clean.SheetNames[0]).toBe(RESULTS_SHEET);
    expect(XLSX.utils.sheet_to_csv(clean.Sheets[RESULTS_SHEET]!)).toContain('错误 0');
    // The .xls is converted, and stderr says its formatting is not kept.
    expect(r.stderr).toContain('c-old.xls');
    expect(r.stderr).toMatch(/converted \.xlsx copy \(fonts, fills and borders not kept\)/);
    expect(open(path.join(out, 'c-old.annotated.xlsx')).SheetNames[0]).toBe(RESULTS_SHEET);
    // Inputs untouched, no temp files left.
    for (const [f, h] of hashes) expect(sha(f), f).toBe(h);
    expect(readdirSync(out).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('writes beside the inputs when OUT/ is their own directory, never over one', () => {
    const one = tempDir('ba-annotate-same-');
    const input = path.join(one, 'b.xlsx');
    copyFileSync(planted[0]!.file, input);
    copyFileSync(SAMPLE, path.join(one, 'a.xlsx'));
    const before = sha(input);
    const r = cli(['check', one, '--annotate', one, '--jobs', '1'], { cwd: one });
    expect(r.code, r.stderr).toBe(1);
    expect(readdirSync(one).sort()).toEqual(['a.annotated.xlsx', 'a.xlsx', 'b.annotated.xlsx', 'b.xlsx']);
    expect(sha(input)).toBe(before);
  });

  it('skips an unreadable workbook (exit 2) and still writes the others', () => {
    const mixed = tempDir('ba-annotate-mixed-');
    copyFileSync(planted[0]!.file, path.join(mixed, 'good.xlsx'));
    corruptFile(path.join(mixed, 'broken.xlsx'));
    const out = path.join(mixed, 'out');
    const r = cli(['check', mixed, '--annotate', out + path.sep, '--format', 'json', '-o', path.join(mixed, 'r.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('broken.xlsx');
    expect(readdirSync(out)).toEqual(['good.annotated.xlsx']);
  });

  it('refuses one output file for several workbooks, in one line', () => {
    const r = cli(['check', uploads, '--annotate', path.join(dir, 'one.xlsx')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/give a directory instead \(--annotate DIR\/\)/);
    expect(existsSync(path.join(dir, 'one.xlsx'))).toBe(false);
  });
});
