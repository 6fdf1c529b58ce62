/**
 * Narrative files → text → parseNarrativeText: .txt (UTF-8, UTF-16 with a
 * BOM, else GB18030/GBK), .docx (mammoth's raw text), legacy .doc
 * (word-extractor), and a 说明 sheet inside the workbook. The Word readers
 * are loaded only when such a file is given. Anything unreadable or empty is
 * an InputError: one line, exit 2.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../errors.js';
import type { SheetCells, WorkbookCells } from '../loaders/cells.js';
import type { Narrative, NarrativeKind } from '../model/narrative.js';
import { parseNarrativeText } from './parse.js';

export const NARRATIVE_EXTENSIONS = ['docx', 'doc', 'txt'] as const;

/** Narratives are documents of a few pages: refuse anything much bigger before reading it. */
export const NARRATIVE_MAX_BYTES = 20 * 1024 * 1024;

/** Decodes a .txt: a BOM decides; else UTF-8 when it is valid UTF-8, else GB18030 (a superset of GBK). */
export function decodeText(buf: Uint8Array): { text: string; encoding: string } {
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(buf.subarray(3)), encoding: 'utf-8' };
  if (buf[0] === 0xff && buf[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(buf.subarray(2)), encoding: 'utf-16le' };
  if (buf[0] === 0xfe && buf[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(buf.subarray(2)), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buf), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(buf), encoding: 'gb18030' };
  }
}

function kindOf(file: string): NarrativeKind | undefined {
  const ext = path.extname(file).slice(1).toLowerCase();
  if (ext === 'docx' || ext === 'doc' || ext === 'txt') return ext;
  if (ext === 'text') return 'txt';
  return undefined;
}

/** Reads and parses a narrative file. Throws InputError (one line naming the file) when it can't. */
export async function readNarrativeFile(file: string): Promise<Narrative> {
  const kind = kindOf(file);
  if (!kind) throw new InputError(`${file}: not a narrative file (expected .docx, .doc or .txt)`, file);
  let size: number;
  try {
    const st = await stat(file);
    if (!st.isFile()) throw new InputError(`${file}: not a file`, file);
    size = st.size;
  } catch (err) {
    if (err instanceof InputError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? `${file}: narrative file not found` : `${file}: cannot read the narrative (${code ?? 'error'})`, file);
  }
  if (size > NARRATIVE_MAX_BYTES) throw new InputError(`${file}: narrative file too large (${Math.ceil(size / 1048576)} MB)`, file);
  let buf: Buffer;
  try {
    buf = await readFile(file);
  } catch (err) {
    throw new InputError(`${file}: cannot read the narrative (${(err as NodeJS.ErrnoException).code ?? 'error'})`, file);
  }
  let text: string;
  let encoding: string | undefined;
  try {
    if (kind === 'txt') ({ text, encoding } = decodeText(buf));
    else if (kind === 'docx') text = await docxText(buf);
    else text = await docText(buf);
  } catch (err) {
    throw new InputError(`${file}: not a readable ${kind === 'txt' ? 'text' : `.${kind}`} file (${firstLine(err)})`, file);
  }
  const n = parseNarrativeText(text, { file, kind, ...(encoding ? { encoding } : {}) });
  if (n.sentences.length === 0) throw new InputError(`${file}: the narrative is empty`, file);
  return n;
}

function firstLine(err: unknown): string {
  return String((err as Error)?.message ?? err).split('\n')[0]!.slice(0, 120);
}

/** A .docx whose parts claim more than this unpacked is refused before mammoth unpacks it (a zip bomb). */
export const DOCX_MAX_UNPACKED = 200 * 1024 * 1024;

async function docxText(buf: Buffer): Promise<string> {
  // The central directory's declared sizes, read without inflating anything.
  const { unzipSync } = await import('fflate');
  let unpacked = 0;
  unzipSync(buf, {
    filter: (f) => {
      unpacked += f.originalSize;
      return false;
    },
  });
  if (unpacked > DOCX_MAX_UNPACKED) throw new Error(`its parts unpack to more than ${DOCX_MAX_UNPACKED / 1048576} MB`);
  const mammoth = (await import('mammoth')).default;
  const r = await mammoth.extractRawText({ buffer: buf });
  return r.value;
}

async function docText(buf: Buffer): Promise<string> {
  const WordExtractor = (await import('word-extractor')).default;
  const doc = await new WordExtractor().extract(buf);
  return doc.getBody();
}

/**
 * A narrative inside the workbook: a sheet that is none of the 23 tables,
 * is titled …说明 (its name or its first text), and holds paragraphs
 * (cells of 40 characters or more). Each row's texts make one line.
 */
export function narrativeFromSheets(cells: WorkbookCells, tableSheets: ReadonlySet<string>): Narrative | undefined {
  for (const sheet of cells.sheets) {
    if (tableSheets.has(sheet.name)) continue;
    const lines = sheetLines(sheet);
    if (lines.length === 0) continue;
    const title = `${sheet.name} ${lines[0]}`;
    if (!/说明/.test(title) || /部门公开表/.test(lines.slice(0, 3).join(''))) continue;
    if (!lines.some((l) => l.replace(/\s+/g, '').length >= 40)) continue;
    const n = parseNarrativeText(lines.join('\n'), { file: cells.file, kind: 'sheet', sheet: sheet.name });
    if (n.sentences.length) return n;
  }
  return undefined;
}

function sheetLines(sheet: SheetCells): string[] {
  const out: string[] = [];
  for (const row of sheet.rows) {
    const texts = (row ?? []).map((c) => (c && (c.t === 's' || c.t === 'n') ? String(c.w ?? c.v ?? '') : '')).filter((s) => s.trim() !== '');
    if (texts.length) out.push(texts.join(''));
  }
  return out;
}
