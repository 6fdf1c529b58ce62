/**
 * The published PDF read like the workbook it was printed from (issue 10).
 * fixtures/pdf/*.pdf are printed by LibreOffice (npm run fixture:pdf) from
 * the sample workbook and the narrative; this test only reads them. Figures
 * are the reference's (hengnan-hrss-2025-budget.txt), written by hand; pages
 * are found by reading the PDF's text here, independently of the loader.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { MUTATIONS } from '../fixtures/pdf/mutations.js';
import { loadWorkbook } from '../src/loaders/index.js';
import type { Budget } from '../src/model/budget.js';
import type { Finding, FindingLocation } from '../src/model/finding.js';
import { audit } from '../src/rules/index.js';
import { ROOT } from './support/cli.js';

const SAMPLE = path.join(ROOT, 'fixtures', 'hengnan-hrss-2025.xlsx');
const PDF = path.join(ROOT, 'fixtures', 'pdf', 'hengnan-hrss-2025.pdf');
const PORTRAIT = path.join(ROOT, 'fixtures', 'pdf', 'hengnan-hrss-2025-portrait.pdf');
const mutationPdf = (name: string) => path.join(ROOT, 'fixtures', 'pdf', `mutation-${name}.pdf`);

/** Every text run of every page, straight from pdfjs (not through the loader). */
async function pdfRuns(file: string): Promise<{ page: number; str: string; x: number; y: number; w: number }[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(readFileSync(file)), verbosity: 0, isEvalSupported: false }).promise;
  const out: { page: number; str: string; x: number; y: number; w: number }[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const tc = await (await doc.getPage(n)).getTextContent();
    for (const it of tc.items) if ('str' in it && it.str.trim()) out.push({ page: n, str: it.str, x: it.transform[4], y: it.transform[5], w: it.width });
  }
  await doc.destroy();
  return out;
}

/** The page the "部门公开表NN" marker is printed on. */
function markerPage(runs: Awaited<ReturnType<typeof pdfRuns>>, id: string): number {
  const byPage = new Map<number, string>();
  for (const r of runs) byPage.set(r.page, (byPage.get(r.page) ?? '') + r.str.replace(/\s/g, ''));
  const hit = [...byPage].find(([, text]) => text.includes(`部门公开表${id}`));
  if (!hit) throw new Error(`no page prints 部门公开表${id}`);
  return hit[0];
}

/** A finding as both inputs must give it: rule, severity, figures, and where by table/row/column/value. */
function comparable(f: Finding) {
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    expected: f.expected,
    actual: f.actual,
    difference: f.difference,
    // Print keeps a label's words, not which space character separated them ("本　年　支　出" → "本 年 支 出").
    locations: f.locations.map((l) => ({ table: l.table, row: l.row?.replace(/[\s\u3000]+/g, ' '), column: l.column, value: l.value })),
  };
}

let xlsx: Budget;
let pdf: Budget;
let xlsxFindings: Finding[];
let pdfFindings: Finding[];

beforeAll(async () => {
  xlsx = await loadWorkbook(SAMPLE);
  pdf = await loadWorkbook(PDF);
  xlsxFindings = (await audit(xlsx)).findings;
  pdfFindings = (await audit(pdf)).findings;
}, 60_000);

describe('the published PDF (narrative + 23 tables, landscape, header repeated)', () => {
  it('finds all 23 tables with the reference grand totals', () => {
    expect(Object.values(pdf.tables).filter((t) => t.found)).toHaveLength(23);
    const total = (id: keyof Budget['tables'], key: string) => pdf.tables[id].rows.find((r) => r.kind === 'total')?.amounts[key]?.value.toFixed(2);
    expect(total('03', '合计')).toBe('2424.73');
    expect(total('08', '本年一般公共预算基本支出 › 合计')).toBe('2032.73');
    expect(total('15', '“三公”经费合计')).toBe('5.00');
    expect(total('21', '预算额度 › 总计')).toBe('392.00');
    // 表01: 收入总计 and 支出总计 are labelled lines.
    const line01 = (name: string) => pdf.tables['01'].rows.find((r) => r.name.replace(/\s/g, '') === name);
    expect(Object.values(line01('收入总计')!.amounts).find((a) => !a.blank)?.value.toFixed(2)).toBe('2424.73');
    expect(Object.values(line01('支出总计')!.amounts).find((a) => !a.blank)?.value.toFixed(2)).toBe('2424.73');
    expect(pdf.department).toBe('衡南县人力资源和社会保障局');
    expect(pdf.year).toBe(2025);
    expect(pdf.unit).toBe('万元');
    expect(pdf.problems).toEqual([]);
  });

  it('keeps the narrative pages before the first table, with page numbers', async () => {
    const runs = await pdfRuns(PDF);
    const first = markerPage(runs, '01');
    const narrative = pdf.pdf!.narrative;
    expect(narrative.length).toBeGreaterThan(50);
    expect(narrative[0]!.page).toBe(1);
    expect(narrative[0]!.text.replace(/\s/g, '')).toBe('第一部分2025年部门预算公开说明');
    expect(Math.max(...narrative.map((p) => p.page))).toBe(first - 1);
    const all = narrative.map((p) => p.text).join('');
    expect(all).toContain('衡南县人力资源和社会保障局的主要职责是：');
    expect(all).not.toContain('部门公开表');
    expect(pdf.pdf!.pages).toBe(new Set(runs.map((r) => r.page)).size);
  });

  it('reads every figure the workbook holds, in the same rows and columns', () => {
    for (const id of Object.keys(xlsx.tables) as (keyof Budget['tables'])[]) {
      const fig = (b: Budget) =>
        b.tables[id].rows.flatMap((r) => Object.entries(r.amounts).map(([k, a]) => `${r.kind}|${r.code ?? ''}|${r.name}|${k}|${a.blank ? '' : a.value.toFixed(2)}`));
      expect(fig(pdf), `表${id}`).toEqual(fig(xlsx));
    }
  });

  it('gives the same findings as the workbook, finding by finding, located by page', async () => {
    expect(pdfFindings.map(comparable)).toEqual(xlsxFindings.map(comparable));
    const runs = await pdfRuns(PDF);
    for (const f of pdfFindings) {
      for (const l of f.locations) {
        if (l.value === undefined) continue;
        expect(l.page, `${f.ruleId} ${l.table} ${l.row}`).toBe(expectedPage(runs, l));
        expect(l.page, `${f.ruleId} ${l.table} ${l.row}`).toBeGreaterThan(0);
        // Every printed amount has its box (text cells, e.g. an indicator's 度量单位, have their page).
        if (/^-?\d+\.\d+$/.test(l.value)) expect(l.box, `${f.ruleId} ${l.table} ${l.row}`).toBeDefined();
      }
    }
  });
});

/** The page a located figure is on: its table's page, or a later one when the table runs over pages. */
function expectedPage(runs: Awaited<ReturnType<typeof pdfRuns>>, l: FindingLocation): number {
  const start = markerPage(runs, l.table);
  if (!l.box) return l.page!; // a blank: nothing printed to find
  const printed = runs.find((r) => r.page >= start && Math.abs(r.x - l.box!.x) < 0.6 && Math.abs(r.y - (l.box!.y + 0.22 * (l.box!.h / 1.12))) < 0.6);
  return printed ? printed.page : -1;
}

describe('a second print layout (portrait, a page break inside every table, header printed once)', () => {
  it('gives the same findings', async () => {
    const portrait = await loadWorkbook(PORTRAIT);
    expect(Object.values(portrait.tables).filter((t) => t.found)).toHaveLength(23);
    expect(portrait.problems).toEqual([]);
    expect((await audit(portrait)).findings.map(comparable)).toEqual(xlsxFindings.map(comparable));
  });
});

describe('planted errors printed to PDF', () => {
  for (const m of MUTATIONS) {
    it(`${m.name}: flagged at 表${m.table} ${m.row} › ${m.column}, on its page and at its printed box`, async () => {
      const file = mutationPdf(m.name);
      const findings = (await audit(await loadWorkbook(file))).findings;
      const errors = findings.filter((f) => f.severity === 'error');
      expect(errors.length).toBeGreaterThan(0);
      const to = m.to.replace(/,/g, '');
      const at = errors.flatMap((f) => f.locations).filter((l) => l.table === m.table && l.value === to);
      expect(at.length).toBeGreaterThan(0);
      const runs = await pdfRuns(file);
      const printed = runs.filter((r) => r.str === m.to);
      expect(printed).toHaveLength(1); // the planted figure appears once in the document
      for (const l of at) {
        expect(l.row).toContain(m.row);
        expect(l.column!.endsWith(m.column)).toBe(true);
        expect(l.page).toBe(printed[0]!.page);
        expect(l.page).toBe(markerPage(runs, m.table));
        expect(Math.abs(l.box!.x - printed[0]!.x)).toBeLessThan(0.5);
        expect(Math.abs(l.box!.w - printed[0]!.w)).toBeLessThan(0.5);
      }
      // The clean PDF has no error at all: the planted figure is the cause.
      expect(pdfFindings.filter((f) => f.severity === 'error')).toEqual([]);
    });
  }
});
