/**
 * A batch in one HTML page that still opens at once: a file index with each
 * workbook's verdict at the top, and every file's section stored gzip'd
 * (base64, in a data attribute) and rendered by the page's script only when
 * it is opened. A 29-file batch was a 21.9 MB page that took 7.4 s to open;
 * tables and findings compress ~10×, and closed sections cost no layout.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import type { FailOn } from '../shared.js';
import { messages, type Lang } from '../messages.js';
import { verdictOf } from '../verdict.js';
import { esc } from './format.js';
import type { ReportInput } from './input.js';

export interface IndexOptions {
  lang: Lang;
  failOn?: FailOn;
  maxWarnings?: number;
}

/** The file index: verdict, path (a link that opens the section), department and counts per workbook. */
export function fileIndex(reports: readonly ReportInput[], shown: readonly string[], opts: IndexOptions): string {
  const M = messages(opts.lang);
  const vopts = { lang: opts.lang, failOn: opts.failOn ?? 'error', ...(opts.maxWarnings !== undefined ? { maxWarnings: opts.maxWarnings } : {}) };
  let failed = 0;
  let unreadable = 0;
  const rows = reports.map((r, i) => {
    const flat = { path: r.path, tables: [], summary: r.summary, findings: r.findings, notRun: r.notRun, ...(r.loadError !== undefined ? { loadError: r.loadError } : {}) };
    const v = verdictOf(flat, vopts);
    if (v.unreadable) unreadable++;
    else if (!v.pass) failed++;
    const status = v.unreadable ? M.unreadable : v.pass ? M.pass : M.fail;
    const cls = v.unreadable || !v.pass ? 'fail' : 'pass';
    const dept = r.budget?.department ?? r.department ?? '';
    const counts = (['error', 'warning', 'rounding', 'info'] as const).map((s) => `<td class="num">${v.unreadable ? '-' : v.counts[s]}</td>`).join('');
    return (
      `<tr class="${cls}" data-file="${i}"><td class="status">${esc(status)}</td>` +
      `<td><a href="#file-${i}" class="open-file" data-open="file-${i}">${esc(shown[i]!)}</a></td><td>${esc(dept)}</td>${counts}</tr>`
    );
  });
  const head = [M.status, M.files, M.department, M.severity.error, M.severity.warning, M.severity.rounding, M.severity.info]
    .map((h) => `<th>${esc(h)}</th>`)
    .join('');
  return (
    `<nav class="file-index" aria-label="${esc(M.files)}"><table><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody>` +
    `<tfoot><tr><td colspan="7">${esc(M.batchTotal(reports.length, failed, unreadable))}</td></tr></tfoot></table></nav>`
  );
}

/**
 * One file's section, its body stored compressed: `<section>` and its `<h2>`
 * stay in the page (the index links to them); the rest is rendered on demand.
 */
export function lazySection(sectionHtml: string, label: string): string {
  const m = /^(<section\b[^>]*>)(<h2>[\s\S]*?<\/h2>)([\s\S]*)<\/section>$/.exec(sectionHtml);
  if (!m) return sectionHtml;
  const data = gzipSync(Buffer.from(m[3]!, 'utf8'), { level: 6 }).toString('base64');
  const open = m[1]!.replace(/^<section\b/, `<section data-gz="${data}"`);
  return `${open}${m[2]}<button type="button" class="open-file" data-open="${/id="([^"]*)"/.exec(m[1]!)?.[1] ?? ''}">${esc(label)}</button><div class="lazy-body"></div></section>`;
}

/** Decodes a lazy section's body (tests and tools read a batch page this way). */
export function lazyBody(dataGz: string): string {
  return gunzipSync(Buffer.from(dataGz, 'base64')).toString('utf8');
}

/** Styles of the file index, the lazy sections and the verdict line. */
export const BATCH_STYLE = `
.file-index table{border-collapse:collapse;margin:0.5em 0 1em}
.file-index th,.file-index td{border:1px solid #ccc;padding:2px 8px;text-align:left}
.file-index td.num{text-align:right}
.file-index tr.fail td.status{color:#b00020;font-weight:bold}
.file-index tr.pass td.status{color:#1b7f3b;font-weight:bold}
section.file[data-gz] .lazy-body:empty{display:none}
button.open-file{margin:0.25em 0 0.75em}
p.verdict{margin:0.5em 1em;font-weight:bold}
p.verdict.pass{color:#1b7f3b}
p.verdict.fail{color:#b00020}
section.file:not([data-gz]) > button.open-file{display:none}
`;
