/**
 * PDF file → positioned text items, page by page, with pdfjs-dist 4 (legacy
 * build, the one that runs on Node 20), loaded only when a PDF is read. No
 * worker thread of our own, no font loading, no network: pdfjs only parses
 * the bytes we hand it. Every way a PDF can be unusable (too big, corrupt,
 * encrypted, too many pages, no text layer) is one InputError line.
 */
import { readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { InputError } from '../../errors.js';

/** One run of text in PDF user space: (x, y) is the start of its baseline, `size` the font size. */
export interface PdfTextItem {
  str: string;
  x: number;
  y: number;
  w: number;
  size: number;
}

export interface PdfPageText {
  /** 1-based. */
  number: number;
  width: number;
  height: number;
  /** In reading layout: unrotated, upright text only (x right, y up, origin at the page's lower left). */
  items: PdfTextItem[];
}

export interface PdfReadOptions {
  maxBytes?: number;
  /** Refuse PDFs with more pages than this. Default 500. */
  maxPages?: number;
}

export const DEFAULT_PDF_MAX_BYTES = 50 * 1024 * 1024;
export const DEFAULT_MAX_PAGES = 500;
/** Text items over the whole document: beyond this a file is hostile, not a budget. */
const MAX_ITEMS = 2_000_000;

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjsPromise: Promise<PdfJs> | undefined;

export function loadPdfJs(): Promise<PdfJs> {
  pdfjsPromise ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjsPromise;
}

/** pdfjs's CMaps (for PDFs whose CJK fonts are not embedded, e.g. UniGB-UCS2-H), read from its package folder. */
function cMapUrl(): string | undefined {
  try {
    const require = createRequire(import.meta.url);
    return path.join(path.dirname(require.resolve('pdfjs-dist/package.json')), 'cmaps') + path.sep;
  } catch {
    return undefined;
  }
}

function formatSize(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`;
}

export async function readPdfBytes(file: string, maxBytes = DEFAULT_PDF_MAX_BYTES): Promise<Uint8Array> {
  let size: number;
  try {
    const st = await stat(file);
    if (st.isDirectory()) throw new InputError(`${file}: is a directory, not a PDF file`, file);
    if (!st.isFile()) throw new InputError(`${file}: is not a regular file`, file);
    size = st.size;
  } catch (err) {
    if (err instanceof InputError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? `${file}: no such file` : `${file}: cannot be read (${code ?? 'error'})`, file);
  }
  if (size > maxBytes) throw new InputError(`${file}: file is ${formatSize(size)}, over the size limit of ${formatSize(maxBytes)}`, file);
  const buf = await readFile(file);
  if (buf.length > maxBytes) throw new InputError(`${file}: file is ${formatSize(buf.length)}, over the size limit of ${formatSize(maxBytes)}`, file);
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

/**
 * Opens the PDF and returns every page's text items. Throws InputError for a
 * PDF that can't be audited; a scan (no text on any page) says OCR is not supported.
 */
export async function readPdfText(file: string, data: Uint8Array, opts: PdfReadOptions = {}): Promise<PdfPageText[]> {
  const maxPages = opts.maxPages ?? DEFAULT_MAX_PAGES;
  if (!isPdfHeader(data)) throw new InputError(`${file}: not a PDF file (no %PDF header)`, file);
  const pdfjs = await loadPdfJs();
  const cmaps = cMapUrl();
  // pdfjs transfers (detaches) the buffer it is given: hand it a copy so the caller's bytes stay intact.
  const task = pdfjs.getDocument({
    data: data.slice(),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    disableAutoFetch: true,
    disableStream: true,
    stopAtErrors: false,
    verbosity: 0,
    ...(cmaps ? { cMapUrl: cmaps, cMapPacked: true } : {}),
  });
  let doc: Awaited<typeof task.promise>;
  try {
    doc = await task.promise;
  } catch (err) {
    await task.destroy().catch(() => undefined);
    const name = (err as Error)?.name;
    if (name === 'PasswordException') {
      throw new InputError(`${file}: the PDF is encrypted (password-protected); save an unprotected copy to audit it`, file);
    }
    throw new InputError(`${file}: not a readable PDF (corrupt or truncated: ${oneLine((err as Error)?.message ?? String(err))})`, file);
  }
  try {
    if (doc.numPages > maxPages) {
      throw new InputError(`${file}: the PDF has ${doc.numPages} pages, over the limit of ${maxPages} pages`, file);
    }
    const pages: PdfPageText[] = [];
    let total = 0;
    let chars = 0;
    for (let n = 1; n <= doc.numPages; n++) {
      let page;
      let content;
      try {
        page = await doc.getPage(n);
        content = await page.getTextContent({ includeMarkedContent: false, disableNormalization: false });
      } catch (err) {
        throw new InputError(`${file}: page ${n} of the PDF can't be read (${oneLine((err as Error)?.message ?? String(err))})`, file);
      }
      const vp = page.getViewport({ scale: 1, rotation: 0 });
      const [x0, y0] = [page.view[0] ?? 0, page.view[1] ?? 0];
      const items: PdfTextItem[] = [];
      for (const it of content.items) {
        if (!('str' in it)) continue;
        const str = it.str;
        if (str.trim() === '') continue;
        const [a, b, , d, e, f] = it.transform as number[];
        // Upright text only: rotated or mirrored runs (stamps, watermarks, vertical labels) are not table cells.
        if (Math.abs(b!) > 1e-3 * Math.abs(a!) || a! <= 0 || d! <= 0) continue;
        const size = Math.hypot(it.transform[2] as number, d!) || Math.abs(a!);
        items.push({ str, x: e! - x0, y: f! - y0, w: it.width, size });
        chars += str.length;
      }
      total += items.length;
      if (total > MAX_ITEMS) throw new InputError(`${file}: the PDF holds over ${MAX_ITEMS} text items, too many for a budget disclosure`, file);
      pages.push({ number: n, width: vp.width, height: vp.height, items });
      page.cleanup();
    }
    if (chars === 0) {
      throw new InputError(`${file}: the PDF has no text layer (a scanned document?); OCR is not supported`, file);
    }
    return pages;
  } finally {
    await doc.destroy().catch(() => undefined);
  }
}

export function isPdfHeader(data: Uint8Array): boolean {
  // The header may follow up to 1 KB of junk (PDF 1.7 §7.5.2, as readers accept).
  const head = Buffer.from(data.buffer, data.byteOffset, Math.min(data.byteLength, 1024)).toString('latin1');
  return head.includes('%PDF-');
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim().slice(0, 160);
}
