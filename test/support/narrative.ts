/**
 * Narrative test helpers: the reference narrative, a pure-JS GB18030/GBK
 * encoder (Node decodes GB18030 but has no encoder), a minimal .docx writer
 * (fflate) and a one-call audit of a workbook with a narrative text.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { loadWorkbook } from '../../src/loaders/index.js';
import type { Finding } from '../../src/model/finding.js';
import type { Narrative } from '../../src/model/narrative.js';
import type { FileReport } from '../../src/model/report.js';
import { parseNarrativeText } from '../../src/narrative/parse.js';
import { audit } from '../../src/rules/index.js';
import { ROOT } from './cli.js';

export const SAMPLE = path.join(ROOT, 'fixtures', 'hengnan-hrss-2025.xlsx');
export const NARRATIVE_TXT = path.join(ROOT, 'fixtures', 'hengnan-hrss-2025-narrative.txt');
export const NARRATIVE_DIR = path.join(ROOT, 'fixtures', 'narrative');

export function referenceNarrative(): string {
  return readFileSync(NARRATIVE_TXT, 'utf8');
}

/** `text` with `from` replaced by `to`, where `from` occurs exactly once. */
export function plant(text: string, from: string, to: string): string {
  const i = text.indexOf(from);
  if (i < 0 || text.indexOf(from, i + 1) >= 0) throw new Error(`plant: "${from}" must occur exactly once`);
  return text.slice(0, i) + to + text.slice(i + from.length);
}

let gbkTable: Map<string, number[]> | undefined;

/** UTF-16 text → GB18030 bytes (ASCII and the two-byte GBK range, which holds every character of a narrative). */
export function encodeGb18030(text: string): Uint8Array {
  if (!gbkTable) {
    gbkTable = new Map();
    const dec = new TextDecoder('gb18030');
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        const ch = dec.decode(new Uint8Array([lead, trail]));
        if (ch.length === 1 && ch !== '\ufffd' && !gbkTable.has(ch)) gbkTable.set(ch, [lead, trail]);
      }
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else {
      const b = gbkTable.get(ch);
      if (!b) throw new Error(`encodeGb18030: no two-byte code for U+${c.toString(16)}`);
      out.push(...b);
    }
  }
  return new Uint8Array(out);
}

const xmlEsc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A minimal valid .docx with one <w:p> per paragraph. */
export function docxBytes(paragraphs: readonly string[]): Uint8Array {
  const body = paragraphs.map((p) => `<w:p><w:r><w:t xml:space="preserve">${xmlEsc(p)}</w:t></w:r></w:p>`).join('');
  return zipSync({
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
        '</Types>',
    ),
    '_rels/.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
        '</Relationships>',
    ),
    'word/document.xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>' +
        body +
        '</w:body></w:document>',
    ),
  });
}

export function writeDocx(file: string, paragraphs: readonly string[]): void {
  writeFileSync(file, docxBytes(paragraphs));
}

let sampleBudget: Awaited<ReturnType<typeof loadWorkbook>> | undefined;

/** The sample workbook audited with a narrative (text, or an already read Narrative). */
export async function auditSample(narrative: string | Narrative, file = 'narrative.txt'): Promise<FileReport> {
  sampleBudget ??= await loadWorkbook(SAMPLE);
  const n = typeof narrative === 'string' ? parseNarrativeText(narrative, file) : narrative;
  return audit({ ...sampleBudget, narrative: n });
}

export const narrativeFindings = (r: FileReport, severity?: Finding['severity']): Finding[] =>
  r.findings.filter((f) => f.ruleId.startsWith('narrative-') && (severity === undefined || f.severity === severity));

/** A finding's quote location and its cells. */
export function quoteOf(f: Finding) {
  return f.locations.find((l) => l.quote)?.quote;
}
export function cellsOf(f: Finding): string[] {
  return f.locations.filter((l) => !l.quote && l.cell).map((l) => `${l.sheet}!${l.cell}`);
}
