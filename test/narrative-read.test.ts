/**
 * The same narrative however it comes: .docx, .doc, GBK .txt, a 说明 sheet
 * of the workbook, text broken over lines and pages the way PDF text comes
 * out, full-width digits and spaces inside figures. Each must read to the
 * statements of the verbatim UTF-8 reference and check clean on the sample.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as XLSX from 'xlsx';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../src/errors.js';
import { loadWorkbook } from '../src/loaders/index.js';
import type { Narrative } from '../src/model/narrative.js';
import { parseNarrativeText } from '../src/narrative/parse.js';
import { audit } from '../src/rules/index.js';
import { decodeText, readNarrativeFile } from '../src/narrative/read.js';
import { readBook, writeBook } from './support/mutate.js';
import {
  auditSample, encodeGb18030, NARRATIVE_DIR, NARRATIVE_TXT, narrativeFindings, plant, referenceNarrative, SAMPLE,
} from './support/narrative.js';

const REF = referenceNarrative();
const dir = mkdtempSync(path.join(tmpdir(), 'narrative-read-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What a narrative states, comparable across readers. */
const facts = (n: Narrative) => n.statements.map((s) => [s.subject, s.name ?? '', s.figure?.value.toString() ?? (s.none ? 'none' : ''), s.share?.printed ?? '', s.change?.rate?.printed ?? '']);
const reference = parseNarrativeText(REF, NARRATIVE_TXT);

async function cleanOnSample(n: Narrative): Promise<void> {
  const r = await auditSample(n);
  expect(narrativeFindings(r).filter((f) => f.severity === 'error' || f.severity === 'warning')).toEqual([]);
}

describe('narrative files', () => {
  it.each([
    ['hengnan-hrss-2025-narrative-gbk.txt', 'txt'],
    ['hengnan-hrss-2025-narrative.docx', 'docx'],
    ['hengnan-hrss-2025-narrative.doc', 'doc'],
  ])('%s reads to the same statements and checks clean', async (name, kind) => {
    const n = await readNarrativeFile(path.join(NARRATIVE_DIR, name));
    expect(n.source.kind).toBe(kind);
    if (kind === 'txt') expect(n.source.encoding).toBe('gb18030');
    expect(n.figures).toHaveLength(89);
    expect(facts(n)).toEqual(facts(reference));
    await cleanOnSample(n);
  });

  it('detects the encoding: UTF-8, UTF-8 with a BOM, GB18030', () => {
    const s = '2025年本部门收入预算 2424.73万元。';
    expect(decodeText(new TextEncoder().encode(s))).toEqual({ text: s, encoding: 'utf-8' });
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(s)]))).toEqual({ text: s, encoding: 'utf-8' });
    expect(decodeText(encodeGb18030(s))).toEqual({ text: s, encoding: 'gb18030' });
  });

  it('a planted edit is found in the .docx as in the text', async () => {
    // The .docx holds one paragraph per Word paragraph: rebuild it from the edited text.
    const { writeDocx } = await import('./support/narrative.js');
    const edited = parseNarrativeText(plant(REF, '占 4.00%', '占 4.10%'), 'x').paragraphs.map((p) => p.text);
    const file = path.join(dir, 'edited.docx');
    writeDocx(file, edited);
    const r = await auditSample(await readNarrativeFile(file));
    const f = narrativeFindings(r, 'error');
    expect(f.map((x) => x.ruleId)).toEqual(['narrative-share']);
    expect(f[0]!.locations[0]!.quote).toMatchObject({ file, paragraph: 19 });
  });
});

describe('text as PDF extraction gives it', () => {
  it('lines broken every few characters, even inside figures and years, on three pages', () => {
    const paragraphs = reference.paragraphs.map((p) => p.text);
    const broken = paragraphs.map((p) => (p.match(/[\s\S]{1,13}/g) ?? []).join('\n\n'));
    expect(broken.some((p) => /\d\n\n(\d|万元)/.test(p))).toBe(true); // a figure does get split
    const per = Math.ceil(broken.length / 3);
    const pages = [0, 1, 2].map((i) => ({ page: i + 4, text: broken.slice(i * per, (i + 1) * per).join('\n') }));
    const n = parseNarrativeText(pages, { file: 'budget.pdf', kind: 'pdf' });
    expect(facts(n)).toEqual(facts(reference));
    expect(n.paragraphs[0]!.page).toBe(4);
    expect(n.paragraphs[n.paragraphs.length - 1]!.page).toBe(6);
    const opex = n.figures.find((f) => f.printed === '200.88万元')!;
    expect(opex.sentence.page).toBeGreaterThanOrEqual(5);
    // Offsets point into the pages' text as joined.
    expect(n.text.slice(opex.offset, opex.offset + opex.length).replace(/\s+/g, '')).toBe('200.88万元');
  });

  it('full-width digits and punctuation, spaces inside figures', async () => {
    let t = plant(REF, '2025年本部门收入预算 2424.73万元', '2025年本部门收入预算 ２４２４．７３万元');
    t = plant(t, '比上年预算减少 34.32万元，下降 14.59%', '比上年预算减少 34. 32 万元，下降 14.59％');
    t = plant(t, '支出预算 2424.73万元', '支出预算 2 424.73万元');
    const n = parseNarrativeText(t, 'x.txt');
    expect(facts(n)).toEqual(facts(reference));
    await cleanOnSample(n);
  });
});

describe('a narrative sheet inside the workbook', () => {
  it('is found by its …说明 title and long paragraphs, and checked', async () => {
    const wb = readBook(SAMPLE);
    const rows = reference.paragraphs.map((p) => [p.text]);
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['2025年部门预算公开说明'], ...rows]), '部门预算公开说明');
    const file = writeBook(wb, dir, 'with-narrative.xlsx');
    const b = await loadWorkbook(file);
    expect(b.narrative?.source).toMatchObject({ kind: 'sheet', sheet: '部门预算公开说明', file });
    expect(facts(b.narrative!).slice(0, 5)).toEqual(facts(reference).slice(0, 5));
    const r = await auditSample(b.narrative!);
    expect(narrativeFindings(r, 'error')).toEqual([]);
  });

  it('the sample workbook alone has none', async () => {
    expect((await loadWorkbook(SAMPLE)).narrative).toBeUndefined();
  });
});

describe('bad narrative files: one line, InputError', () => {
  it.each([
    ['missing.docx', undefined, /narrative file not found/],
    ['empty.txt', '  \n\n\u3000 \n', /the narrative is empty/],
    ['broken.docx', 'not a zip at all', /not a readable \.docx file/],
    ['broken.doc', 'not a word file', /not a readable \.doc file/],
    ['notes.pdf', '%PDF-1.4', /not a narrative file/],
  ])('%s', async (name, content, message) => {
    const file = path.join(dir, name);
    if (content !== undefined) writeFileSync(file, content);
    const err = await readNarrativeFile(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toMatch(message);
    expect((err as Error).message).not.toContain('\n');
  });
});

describe('the narrative pages of a published PDF', () => {
  it('are read from the PDF loader’s paragraphs, each with its page, to the same statements, and check clean', async () => {
    const b = await loadWorkbook(path.join(path.dirname(SAMPLE), 'pdf', 'hengnan-hrss-2025.pdf'));
    const n = b.narrative!;
    expect(n.source).toMatchObject({ kind: 'pdf' });
    expect(facts(n)).toEqual(facts(reference));
    expect(n.paragraphs[0]!.page).toBe(1);
    const opex = n.figures.find((f) => f.printed === '200.88万元')!;
    expect(opex.sentence.page).toBeGreaterThan(1);
    const r = audit({ ...b });
    expect(r.findings.filter((f) => f.ruleId.startsWith('narrative-') && f.severity !== 'info')).toEqual([]);
    expect(r.findings.find((f) => f.ruleId === 'narrative-coverage')?.locations[0]?.quote?.page).toBe(1);
  });
});

describe('a .docx built to unpack to gigabytes', () => {
  it('is refused in one line before it is unpacked', async () => {
    const { zipSync } = await import('fflate');
    // 300 MB of zeros deflate to ~300 KB: a part that claims more than the limit.
    const file = path.join(dir, 'bomb.docx');
    writeFileSync(file, zipSync({ 'word/document.xml': new Uint8Array(300 * 1024 * 1024) }, { level: 9 }));
    const err = await readNarrativeFile(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toMatch(/bomb\.docx: not a readable \.docx file \(its parts unpack to more than 200 MB\)/);
  });
});
