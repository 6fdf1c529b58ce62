/**
 * --annotate on an .xlsx edits its package: a planted-error sample dressed in
 * a department's formatting (fonts, fills, borders, widths, frozen panes,
 * print settings, a formula) keeps every part byte for byte but for the
 * minimal edits; flagged cells are filled by role; notes are sized; 审核结果
 * comes first with numbers, a frozen header and links. The .xls fallback and
 * the refusals are here too; package edge cases (macros, many notes, no
 * stylesheet) are in annotate-package.test.ts, the batch (--annotate DIR/)
 * in annotate-batch.test.ts.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { UsageError } from '../src/errors.js';
import { loadWorkbook } from '../src/loaders/index.js';
import { emptySummary, type Finding } from '../src/model/index.js';
import type { FileReport } from '../src/model/report.js';
import { annotateWorkbook, internalLink, RESULTS_SHEET } from '../src/report/annotate.js';
import { audit } from '../src/rules/index.js';
import { plantCopy, PLANT_03, tempDir } from './report-support.js';
import { sheetPart, STYLED_STYLES, styledCopy, XF_BORDERED, XF_LOUD } from './support/styled-workbook.js';

const READ: XLSX.ParsingOptions = { type: 'buffer', cellFormula: true, cellNF: true, cellStyles: true };
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const open = (file: string) => XLSX.read(readFileSync(file), READ);
const parts = (file: string) => unzipSync(readFileSync(file));
const text = (files: Record<string, Uint8Array>, name: string) => strFromU8(files[name]!);

/** The children of one stylesheet section, as written. */
function section(xml: string, name: string, child: string): string[] {
  const body = new RegExp(`<${name}\\b[^>]*>([\\s\\S]*?)</${name}>`).exec(xml)?.[1] ?? '';
  return [...body.matchAll(new RegExp(`<${child}\\b(?:[^>]*?/>|[\\s\\S]*?</${child}>)`, 'g'))].map((m) => m[0]);
}

/** The solid fill colour a cellXfs entry paints, and the entry's other attributes. */
function xfOf(styles: string, index: number): { fill: string | undefined; attrs: Record<string, string>; body: string } {
  const xf = section(styles, 'cellXfs', 'xf')[index]!;
  const attrs = Object.fromEntries([...xf.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
  const fill = section(styles, 'fills', 'fill')[parseInt(attrs.fillId ?? '0', 10)]!;
  return { fill: /fgColor rgb="(\w+)"/.exec(fill)?.[1], attrs, body: xf.replace(/^<xf[^>]*>/, '') };
}

/** Every <c …> start tag of a sheet by address. */
function cellTags(xml: string): Map<string, string> {
  return new Map([...xml.matchAll(/<c r="([A-Z]+\d+)"[^>]*>/g)].map((m) => [m[1]!, m[0]]));
}
const sOf = (tag: string | undefined) => (tag ? parseInt(/ s="(\d+)"/.exec(tag)?.[1] ?? '0', 10) : undefined);

describe('annotating a department-formatted workbook (package edit)', () => {
  let dir: string;
  let planted: { file: string; sheet: string; address: string };
  let styled: ReturnType<typeof styledCopy>;
  let report: FileReport;
  let out: string;
  let inputHash: string;
  let before: Record<string, Uint8Array>;
  let after: Record<string, Uint8Array>;

  beforeAll(async () => {
    dir = tempDir('ba-annotate-');
    planted = plantCopy(path.join(dir, 'planted.xlsx'), PLANT_03);
    styled = styledCopy(planted.file, path.join(dir, 'styled.xlsx'), planted.sheet, planted.address);
    report = audit(await loadWorkbook(styled.file));
    inputHash = sha(styled.file);
    out = path.join(dir, 'out', '..', 'annotated.xlsx');
    await annotateWorkbook(styled.file, report, out, { lang: 'zh' });
    before = parts(styled.file);
    after = parts(out);
  });

  /** Sheets holding a flagged cell (their XML may change), by part. */
  const flaggedParts = () => {
    const names = new Set(report.findings.flatMap((f) => f.locations.map((l) => l.sheet)).filter((s): s is string => !!s));
    return new Set([...names].map((n) => sheetPart(before, n)));
  };

  it('leaves every other part byte for byte as it was', () => {
    const edited = new Set(['[Content_Types].xml', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', ...flaggedParts()]);
    for (const name of Object.keys(before)) {
      expect(after[name], name).toBeDefined();
      if (!edited.has(name)) expect(Buffer.compare(Buffer.from(after[name]!), Buffer.from(before[name]!)), name).toBe(0);
    }
    // Added parts only: comments, their VML boxes, the sheets' rels, 审核结果.
    for (const name of Object.keys(after).filter((n) => !(n in before))) {
      expect(name).toMatch(/^xl\/(comments\d+\.xml|drawings\/vmlDrawing\d+\.vml|worksheets\/_rels\/sheet\d+\.xml\.rels|worksheets\/sheet\d+\.xml)$/);
    }
    expect(sha(styled.file)).toBe(inputHash);
    expect(readdirSync(dir).sort()).toEqual(['annotated.xlsx', 'planted.xlsx', 'styled.xlsx']);
  });

  it("keeps the stylesheet's fonts, fills, borders and cell formats as a prefix, the rest unchanged", () => {
    const was = text(before, 'xl/styles.xml');
    const now = text(after, 'xl/styles.xml');
    expect(was).toBe(STYLED_STYLES);
    for (const [name, child] of [['fonts', 'font'], ['fills', 'fill'], ['borders', 'border'], ['cellXfs', 'xf']] as const) {
      const old = section(was, name, child);
      expect(section(now, name, child).slice(0, old.length), name).toEqual(old);
      const count = /count="(\d+)"/.exec(new RegExp(`<${name}\\b[^>]*>`).exec(now)![0])![1];
      expect(Number(count), `${name} count`).toBe(section(now, name, child).length);
    }
    expect(section(now, 'borders', 'border')).toEqual(section(was, 'borders', 'border'));
    for (const name of ['cellStyleXfs', 'cellStyles', 'dxfs']) {
      const re = new RegExp(`<${name}\\b[\\s\\S]*?</${name}>`);
      expect(re.exec(now)?.[0], name).toBe(re.exec(was)?.[0]);
    }
  });

  it('changes the dressed sheet only in the flagged cells’ s attributes and one <legacyDrawing>', () => {
    const was = text(before, styled.part);
    const now = text(after, styled.part);
    const legacy = /<legacyDrawing r:id="rId\d+"\/>/.exec(now);
    expect(legacy, 'legacyDrawing').not.toBeNull();
    const stripped = now.replace(legacy![0], '');
    // Put back the original s of every cell: the sheet is then its original bytes.
    const original = cellTags(was);
    const restored = stripped.replace(/<c r="([A-Z]+\d+)"[^>]*>/g, (tag, ref: string) => {
      const o = original.get(ref)!;
      if (tag !== o) expect(tag.replace(/ s="\d+"/, ''), ref).toBe(o.replace(/ s="\d+"/, ''));
      return o;
    });
    expect(restored).toBe(was);
    // The department's view and print settings are among those bytes.
    for (const kept of ['state="frozen"', '<cols>', '<pageSetup paperSize="9" orientation="landscape"', '<headerFooter>', '<mergeCells', `<f>`]) {
      expect(now).toContain(kept);
    }
    expect(now).toContain(`<c r="${styled.formulaCell}" s="${XF_BORDERED}"><f>`);
  });

  it('fills the planted cell as the disagreeing figure, keeping its bold red font, border and format', () => {
    const styles = text(after, 'xl/styles.xml');
    const s = sOf(cellTags(text(after, styled.part)).get(planted.address))!;
    expect(s).toBeGreaterThan(XF_BORDERED); // a new, appended cell format
    const xf = xfOf(styles, s);
    const loud = xfOf(STYLED_STYLES, XF_LOUD);
    expect(xf.fill).toBe('FFFFC7CE'); // error: the figure that disagrees (表03 vs 表05/表07 on 2080199 项目支出)
    for (const k of ['fontId', 'borderId', 'numFmtId', 'xfId']) expect(xf.attrs[k], k).toBe(loud.attrs[k]);
    expect(xf.body).toBe(loud.body); // <alignment horizontal="right" vertical="center"/>
  });

  it('paints the other terms of a failing identity neutral, and never a blank cell', () => {
    const tags = cellTags(text(after, styled.part));
    const was = cellTags(text(before, styled.part));
    const styles = text(after, 'xl/styles.xml');
    const onSheet = report.findings.flatMap((f) => f.locations.map((l, j) => ({ f, l, j }))).filter(({ l }) => l.sheet === planted.sheet);
    const disagreeing = new Set(onSheet.filter(({ j }) => j === 0).map(({ l }) => l.cell));
    // 表03 20801 项目支出 392.00 ≠ the sum of its 项 (393.00 with the plant): 2080104 综合业务管理 15.00 is a term only.
    const term = onSheet.find(({ f, l, j }) => f.ruleId === 'function-rollup' && j > 0 && l.value === '15.00' && !disagreeing.has(l.cell))!;
    expect(term, 'a non-blank term').toBeDefined();
    const termXf = xfOf(styles, sOf(tags.get(term.l.cell!))!);
    expect(termXf.fill).toBe('FFF2F2F2');
    expect(termXf.attrs.borderId).toBe('1');
    // 表03 2080199 基本支出 is blank: a term of the row identity, noted but not filled.
    const blank = onSheet.filter(({ l }) => l.value === '' && !disagreeing.has(l.cell));
    expect(blank.length).toBeGreaterThan(0);
    for (const { l } of blank) expect(tags.get(l.cell!), l.cell).toBe(was.get(l.cell!));
  });

  it('puts a sized note with message, role and figures on the planted cell', () => {
    const wb = open(out);
    const cell = wb.Sheets[planted.sheet]![planted.address] as XLSX.CellObject;
    expect(cell.v).toBe(197);
    const note = cell.c!.map((c) => c.t).join('\n');
    expect(cell.c![0]!.a).toBe('budget-audit');
    expect(note).toContain('[错误] cross-function-by-code（不符的数）');
    expect(note).toContain('应为 196.00；实际 197.00；差额 1.00');
    expect(note).toContain('[错误] row-total（相关项）');
    // Its box: hidden until hovered, anchored at the cell, as tall as the text (12 pt a line, rows of 15 pt).
    const sheetRels = text(after, styled.part.replace('worksheets/', 'worksheets/_rels/') + '.rels');
    const vmlName = 'xl/' + /Target="\.\.\/(drawings\/vmlDrawing\d+\.vml)"/.exec(sheetRels)![1];
    const vml = text(after, vmlName);
    const at = XLSX.utils.decode_cell(planted.address);
    const shape = [...vml.matchAll(/<v:shape [\s\S]*?<\/v:shape>/g)].map((m) => m[0]).find((s) => s.includes(`<x:Row>${at.r}</x:Row><x:Column>${at.c}</x:Column>`))!;
    expect(shape).toContain('visibility:hidden');
    const anchor = /<x:Anchor>([^<]+)<\/x:Anchor>/.exec(shape)![1]!.split(',').map((n) => parseInt(n, 10));
    const lines = note.split('\n').length;
    expect((anchor[6]! - anchor[2]!) * 15).toBeGreaterThanOrEqual(lines * 12);
    const shortShape = [...vml.matchAll(/<v:shape [\s\S]*?<\/v:shape>/g)].map((m) => m[0]).find((s) => s !== shape)!;
    const shortAnchor = /<x:Anchor>([^<]+)<\/x:Anchor>/.exec(shortShape)![1]!.split(',').map((n) => parseInt(n, 10));
    expect(anchor[6]! - anchor[2]!).toBeGreaterThan(shortAnchor[6]! - shortAnchor[2]!);
  });

  it('adds 审核结果 first: numbers as #,##0.00, a frozen header, a link to each cell', () => {
    const wb = open(out);
    expect(wb.SheetNames[0]).toBe(RESULTS_SHEET);
    expect(wb.SheetNames.slice(1)).toEqual(open(styled.file).SheetNames);
    const ws = wb.Sheets[RESULTS_SHEET]!;
    const rows = XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1, raw: true, defval: null });
    const header = rows.findIndex((r) => r[0] === '序号');
    expect(rows[header]).toEqual(['序号', '严重程度', '规则', '说明', '应为', '实际', '差额', '单元格', '角色', '表', '行', '列', '数值']);
    // The row of 表03 2080199 项目支出 vs 表05: 应为 196.00, 实际 197.00, 差额 1.00 — numbers, shown #,##0.00.
    const r = rows.findIndex((row, i) => i > header && row[2] === 'cross-function-by-code' && String(row[3]).includes('表05'));
    const at = (c: number) => ws[XLSX.utils.encode_cell({ r, c })] as XLSX.CellObject;
    expect([at(4).t, at(4).v, at(5).v, at(6).v]).toEqual(['n', 196, 197, 1]);
    expect(at(4).z).toBe('#,##0.00');
    expect(at(7).l?.Target).toBe(internalLink(planted.sheet, planted.address));
    expect(at(8).v).toBe('不符的数');
    // One link per located cell.
    const links = Object.values(ws).filter((c) => (c as XLSX.CellObject).l?.Target?.startsWith('#'));
    expect(links).toHaveLength(report.findings.reduce((n, f) => n + f.locations.filter((l) => l.cell).length, 0));
    // Frozen below the header row; the filter starts on it.
    const resultsPart = sheetPart(after, RESULTS_SHEET);
    const xml = text(after, resultsPart);
    expect(xml).toContain(`<pane ySplit="${header + 1}" topLeftCell="A${header + 2}" activePane="bottomLeft" state="frozen"/>`);
    expect(xml).toMatch(new RegExp(`<autoFilter ref="A${header + 1}:M\\d+"/>`));
  });

  it('keeps the workbook opening on its own sheet and its names on theirs', () => {
    const wbXml = text(after, 'xl/workbook.xml');
    const index = open(styled.file).SheetNames.indexOf(planted.sheet);
    expect(wbXml).toContain(`<workbookView activeTab="${index + 1}"/>`);
    expect(wbXml).toContain(`<definedName name="_xlnm.Print_Area" localSheetId="${index + 1}">`);
    expect(wbXml).toMatch(/<sheets><sheet name="审核结果" sheetId="\d+" r:id="rId\d+"\/>/);
    const wb = open(out);
    expect(wb.Workbook?.Names?.find((n) => n.Name === '_xlnm.Print_Area')?.Sheet).toBe(index + 1);
  });

  it('refuses to write over the input, however it is named, or to an unknown extension', async () => {
    const alias = path.join(dir, 'alias.xlsx');
    symlinkSync(styled.file, alias);
    for (const target of [styled.file, path.join(dir, '.', 'styled.xlsx'), alias]) {
      await expect(annotateWorkbook(styled.file, report, target, { lang: 'zh' })).rejects.toBeInstanceOf(UsageError);
    }
    expect(sha(styled.file)).toBe(inputHash);
    await expect(annotateWorkbook(styled.file, report, path.join(dir, 'x.xls'), { lang: 'zh' })).rejects.toBeInstanceOf(UsageError);
    // No macros in it: an .xlsm name would mislead Excel.
    await expect(annotateWorkbook(styled.file, report, path.join(dir, 'x.xlsm'), { lang: 'zh' })).rejects.toThrow(/\*\.xlsx/);
    await expect(annotateWorkbook(styled.file, report, path.join(dir, 'no-such-dir', 'x.xlsx'), { lang: 'zh' })).rejects.toBeInstanceOf(UsageError);
  });
});

describe('the suggested culprit and its suggestion (the hook for corrections)', () => {
  it('fills the culprit distinctly, starts its note with the suggestion, and adds 建议修改', async () => {
    const dir = tempDir('ba-annotate-');
    const planted = plantCopy(path.join(dir, 'planted.xlsx'), PLANT_03);
    const base = audit(await loadWorkbook(planted.file));
    // As a suggester would: the planted cell marked culprit in every finding naming it.
    const findings = base.findings.map((f) => ({
      ...f,
      locations: f.locations.map((l) => (l.sheet === planted.sheet && l.cell === planted.address ? { ...l, role: 'culprit' as const } : l)),
    }));
    const culpritOf = (f: Finding) => f.locations.find((l) => l.role === 'culprit');
    const out = path.join(dir, 'out.xlsx');
    await annotateWorkbook(planted.file, { ...base, findings }, out, {
      lang: 'zh',
      suggestion: (f) => (culpritOf(f) ? `建议修改 表03!${planted.address}：197.00 → 196.00` : undefined),
    });
    const files = parts(out);
    const sheetXml = text(files, sheetPart(files, planted.sheet));
    const s = sOf(cellTags(sheetXml).get(planted.address))!;
    expect(xfOf(text(files, 'xl/styles.xml'), s).fill).toBe('FFFF7C80');
    const note = (open(out).Sheets[planted.sheet]![planted.address] as XLSX.CellObject).c![0]!.t;
    expect(note.startsWith(`建议修改 表03!${planted.address}：197.00 → 196.00\n\n`)).toBe(true);
    expect(note.match(/建议修改 表03/g)).toHaveLength(1); // once, however many findings name it
    expect(note).toContain('（建议修改处）');
    const rows = XLSX.utils.sheet_to_json<unknown[]>(open(out).Sheets[RESULTS_SHEET]!, { header: 1, defval: null });
    const header = rows.find((r) => r[0] === '序号')!;
    expect(header[header.length - 1]).toBe('建议修改');
    expect(rows.some((r) => r[header.length - 1] === `建议修改 表03!${planted.address}：197.00 → 196.00`)).toBe(true);
  });
});

describe('annotating hand-made workbooks', () => {
  /** Formulas, formats, merges, a hidden sheet, a sheet-scoped name, a blank flagged cell, a quote in a sheet name. */
  function makeWorkbook(file: string, bookType: 'xlsx' | 'biff8'): void {
    const ws = XLSX.utils.aoa_to_sheet([
      ['项目', '金额'],
      ['甲', 1.5],
      ['乙', 2.25],
      ['合计', 3.75],
      ['空', null],
    ]);
    ws['B2']!.z = '#,##0.00';
    ws['B4'] = { t: 'n', v: 3.75, f: 'SUM(B2:B3)', z: '#,##0.00' };
    ws['!merges'] = [{ s: { r: 0, c: 2 }, e: { r: 0, c: 3 } }];
    ws['C1'] = { t: 's', v: '说明' };
    ws['!ref'] = 'A1:D5';
    const hidden = XLSX.utils.aoa_to_sheet([['hidden']]);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, "O'Brien表");
    XLSX.utils.book_append_sheet(wb, hidden, '隐藏');
    wb.Workbook = { Sheets: [{ Hidden: 0 }, { Hidden: 1 }], Names: [{ Name: 'Print_Area', Sheet: 0, Ref: "'O''Brien表'!$A$1:$B$4" }] };
    writeFileSync(file, XLSX.write(wb, { type: 'buffer', bookType }) as Buffer);
  }

  const findings: Finding[] = [
    {
      ruleId: 'row-total',
      severity: 'error',
      message: { zh: '合计 应等于 甲 + 乙', en: 'total should equal the parts' },
      expected: '3.75',
      actual: '3.5',
      difference: '-0.25',
      locations: [
        { table: '03', sheet: "O'Brien表", cell: 'B4', row: '合计', column: '金额', value: '3.75' },
        { table: '03', sheet: "O'Brien表", cell: 'B5', row: '空', column: '金额', value: '' },
      ],
    },
    {
      ruleId: 'cross-table',
      severity: 'rounding',
      message: { zh: '尾差', en: 'rounding difference' },
      expected: '3.75',
      actual: '3.76',
      difference: '0.01',
      locations: [{ table: '03', sheet: "O'Brien表", cell: '$B$4' }],
    },
  ];
  const report = (file: string): FileReport => ({ path: file, findings, notRun: [{ ruleId: 'x', reason: '表05 未找到' }], summary: { ...emptySummary(), error: 1, rounding: 1 } });

  /** Every cell of every original sheet: same type, value, formula and number format; merges too. */
  function expectOriginalKept(input: XLSX.WorkBook, output: XLSX.WorkBook): void {
    for (const name of input.SheetNames) {
      const a = input.Sheets[name]!;
      const b = output.Sheets[name]!;
      for (const addr of Object.keys(a).filter((k) => !k.startsWith('!'))) {
        const x = a[addr] as XLSX.CellObject;
        const y = b[addr] as XLSX.CellObject;
        expect({ t: y.t, v: y.v, f: y.f, z: y.z }, `${name}!${addr}`).toEqual({ t: x.t, v: x.v, f: x.f, z: x.z });
      }
      expect(b['!merges'] ?? []).toEqual(a['!merges'] ?? []);
    }
  }

  for (const bookType of ['xlsx', 'biff8'] as const) {
    it(`keeps formulas, formats, merges, hidden sheets and names (${bookType} input → xlsx)`, async () => {
      const dir = tempDir('ba-annotate-');
      const input = path.join(dir, bookType === 'xlsx' ? 'in.xlsx' : 'in.xls');
      makeWorkbook(input, bookType);
      const hash = sha(input);
      const out = path.join(dir, 'out.xlsx');
      const { mode } = await annotateWorkbook(input, report(input), out, { lang: 'en' });
      expect(mode).toBe(bookType === 'xlsx' ? 'package' : 'converted');
      expect(sha(input)).toBe(hash);
      const before = open(input);
      const after = open(out);
      expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK'); // an .xlsx (zip), whatever came in
      expectOriginalKept(before, after);
      expect(after.SheetNames).toEqual([RESULTS_SHEET, "O'Brien表", '隐藏']);
      // Sheet indices moved by one: the hidden sheet stays hidden, the sheet-scoped name stays on its sheet.
      expect(after.Workbook?.Sheets?.map((s) => s.Hidden ?? 0)).toEqual([0, 0, 1]);
      if (bookType === 'xlsx') expect(after.Workbook?.Names?.find((n) => n.Name.includes('Print_Area'))?.Sheet).toBe(1);
      const ws = after.Sheets["O'Brien表"]!;
      // Two findings on B4 make one note; the blank B5 gets a note and stays blank.
      const b4 = (ws['B4'] as XLSX.CellObject).c!;
      expect(b4).toHaveLength(1);
      expect(b4[0]!.t).toContain('[Error] row-total (Disagreeing figure)');
      expect(b4[0]!.t).toContain('Expected 3.75; Actual 3.50; Difference -0.25');
      expect(b4[0]!.t).toContain('[Rounding] cross-table\nrounding difference'); // one cell: no role to tell apart
      expect((ws['B5'] as XLSX.CellObject).c![0]!.t).toContain('total should equal the parts');
      expect((ws['B5'] as XLSX.CellObject).v).toBeUndefined();
      const results = after.Sheets[RESULTS_SHEET]!;
      const links = Object.values(results)
        .map((c) => (c as XLSX.CellObject).l?.Target)
        .filter(Boolean);
      expect(links).toEqual([internalLink("O'Brien表", 'B4'), internalLink("O'Brien表", 'B5'), internalLink("O'Brien表", 'B4')]);
      expect(internalLink("O'Brien表", 'B4')).toBe("#'O''Brien表'!B4");
      // The .xls copy says it was converted, in the sheet the officer reads first.
      const said = XLSX.utils.sheet_to_csv(results).includes('does not keep its fonts, fills or borders');
      expect(said).toBe(bookType === 'biff8');
    });
  }

  it('keeps a note the workbook already had, and ours after it, in its own parts', async () => {
    const dir = tempDir('ba-annotate-');
    const input = path.join(dir, 'noted.xlsx');
    const ws = XLSX.utils.aoa_to_sheet([['合计', 3.75, 1]]);
    ws['B1']!.c = [{ a: '财务科', t: '已核对' }];
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, 'S');
    writeFileSync(input, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    const r: FileReport = {
      path: input,
      findings: [
        { ruleId: 'r', severity: 'warning', message: { zh: '请核对', en: 'check' }, locations: [{ table: '01', sheet: 'S', cell: 'B1' }, { table: '01', sheet: 'S', cell: 'C1', value: '1' }] },
      ],
      notRun: [],
      summary: emptySummary(),
    };
    const out = path.join(dir, 'noted-annotated.xlsx');
    await annotateWorkbook(input, r, out, { lang: 'zh' });
    const was = parts(input);
    const now = parts(out);
    const commentsName = Object.keys(was).find((n) => /comments\d*\.xml$/.test(n))!;
    const vmlName = Object.keys(was).find((n) => /\.vml$/.test(n))!;
    // The same parts, extended: no second comments part or drawing for the sheet.
    expect(Object.keys(now).filter((n) => /comments\d*\.xml$|\.vml$/.test(n)).sort()).toEqual([commentsName, vmlName].sort());
    const xml = text(now, commentsName);
    expect(xml).toContain('<author>财务科</author>');
    expect(xml).toContain('<author>budget-audit</author>');
    const wbOut = open(out);
    const b1 = (wbOut.Sheets['S']!['B1'] as XLSX.CellObject).c!.map((c) => c.t).join('');
    expect(b1.indexOf('已核对')).toBeLessThan(b1.indexOf('[警告] r'));
    expect((wbOut.Sheets['S']!['C1'] as XLSX.CellObject).c![0]!.t).toContain('[警告] r（相关项）');
    // Its box kept, one box added for C1.
    const vmlWas = text(was, vmlName);
    const vmlNow = text(now, vmlName);
    expect(vmlNow.match(/<v:shape /g)!.length).toBe(vmlWas.match(/<v:shape /g)!.length + 1);
    const ids = [...vmlNow.matchAll(/<v:shape id="(_x0000_s\d+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
