/**
 * `--annotate out.pdf` for a PDF input: a copy of the published PDF with a
 * highlight annotation on every figure a finding names, and a popup note
 * with the findings about it (pdf-lib, loaded only here). The input's bytes
 * are read, never written; the copy is written atomically.
 */
import { readFile } from 'node:fs/promises';
import { UsageError } from '../../errors.js';
import type { Finding, FindingLocation, Severity } from '../../model/finding.js';
import { SEVERITY_ORDER } from '../../model/finding.js';
import { LABELS, type Lang } from '../html/i18n.js';
import type { ReportInput } from '../html/input.js';
import { assertNotInput, writeFileAtomic } from '../write.js';

export const ANNOTATION_AUTHOR = 'budget-audit';

const COLORS: Record<Severity, [number, number, number]> = {
  error: [1, 0.25, 0.25],
  warning: [1, 0.6, 0.1],
  rounding: [1, 0.9, 0.2],
  info: [0.45, 0.7, 1],
};

/** Highlights are this much larger than the printed figure, in points. */
const PAD = 1;

interface Mark {
  page: number;
  box: NonNullable<FindingLocation['box']>;
  severity: Severity;
  notes: string[];
}

export async function annotatePdf(inputPath: string, report: ReportInput, outPath: string, opts: { lang: 'zh' | 'en' }): Promise<void> {
  const lang: Lang = opts.lang === 'en' ? 'en' : 'zh';
  if (!/\.pdf$/i.test(outPath)) {
    throw new UsageError(`--annotate on a PDF writes a PDF; name the output file *.pdf (got ${outPath})`);
  }
  assertNotInput(outPath, [inputPath], 'annotated PDF');
  const { PDFDocument, PDFName, PDFHexString } = await import('pdf-lib');
  const bytes = await readFile(inputPath);
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const pages = doc.getPages();

  for (const m of marks(report.findings, lang)) {
    const page = pages[m.page - 1];
    if (!page) continue;
    // Boxes are measured from the page's visible corner (pdfjs's view); annotations live in user space.
    const crop = page.getCropBox();
    const x0 = crop.x + m.box.x - PAD;
    const y0 = crop.y + m.box.y - PAD;
    const x1 = crop.x + m.box.x + m.box.w + PAD;
    const y1 = crop.y + m.box.y + m.box.h + PAD;
    const ctx = doc.context;
    const text = PDFHexString.fromText(m.notes.join('\n'));
    const popup = ctx.register(ctx.obj({ Type: 'Annot', Subtype: 'Popup', Rect: [x1, y1, x1 + 220, y1 + 120], Open: false, F: 28 }));
    const highlight = ctx.register(
      ctx.obj({
        Type: 'Annot',
        Subtype: 'Highlight',
        Rect: [x0, y0, x1, y1],
        QuadPoints: [x0, y1, x1, y1, x0, y0, x1, y0],
        C: COLORS[m.severity],
        CA: 0.45,
        F: 4,
        T: PDFHexString.fromText(ANNOTATION_AUTHOR),
        Contents: text,
        Popup: popup,
      }),
    );
    (ctx.lookup(popup) as import('pdf-lib').PDFDict).set(PDFName.of('Parent'), highlight);
    page.node.addAnnot(highlight);
  }
  await writeFileAtomic(outPath, await doc.save({ useObjectStreams: false }));
}

/** One mark per printed figure, with every finding that names it; the most severe finding colours it. */
function marks(findings: readonly Finding[], lang: Lang): Mark[] {
  const L = LABELS[lang];
  const byFigure = new Map<string, Mark>();
  for (const f of findings) {
    const note = [
      `${L.severity[f.severity]} [${f.ruleId}] ${f.message[lang]}`,
      [f.expected !== undefined ? `${L.expected} ${f.expected}` : '', f.actual !== undefined ? `${L.actual} ${f.actual}` : '', f.difference !== undefined ? `${L.difference} ${f.difference}` : '']
        .filter(Boolean)
        .join('  '),
    ]
      .filter(Boolean)
      .join('\n');
    for (const loc of f.locations) {
      if (loc.page === undefined || !loc.box) continue;
      const key = `${loc.page}:${loc.box.x}:${loc.box.y}`;
      const m = byFigure.get(key);
      if (!m) byFigure.set(key, { page: loc.page, box: loc.box, severity: f.severity, notes: [note] });
      else {
        if (!m.notes.includes(note)) m.notes.push(note);
        if (SEVERITY_ORDER[f.severity] > SEVERITY_ORDER[m.severity]) m.severity = f.severity;
      }
    }
  }
  return [...byFigure.values()];
}
