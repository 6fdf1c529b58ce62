/**
 * The HTML report: one self-contained file (inline CSS, JS and SVG; a CSP that
 * forbids every fetch) that auditors open offline. Per file: a summary with a
 * findings-per-table chart, the findings list, and every table drawn like the
 * workbook with the cells findings point at highlighted by severity.
 */
import path from 'node:path';
import { TABLE_IDS, type TableId } from '../model/amount.js';
import type { Finding, FindingLocation, Severity } from '../model/finding.js';
import { SEVERITY_ORDER } from '../model/finding.js';
import { findingsChart, STACK_ORDER } from './html/chart.js';
import { cellKey, esc, formatDecimalString } from './html/format.js';
import { LABELS, type Lang } from './html/i18n.js';
import { sheetOfTable, type ReportInput } from './html/input.js';
import { SCRIPT } from './html/script.js';
import { STYLE } from './html/style.js';
import { renderTable, roleLegend, topSeverity, type CellFlag } from './html/table.js';
import { isBlankLocation, locationRole } from './roles.js';
import { VERSION } from '../version.js';
import { narrativeHeader, quoteParts, quotePlace } from './quote.js';
import { BATCH_STYLE, fileIndex, lazySection } from './html/batch.js';
import { messages, oneLanguage } from './messages.js';
import { verdictOf, verdictText } from './verdict.js';
import { suggestionsOf, suggestionText } from './suggestion-text.js';

export interface HtmlOptions {
  lang: 'zh' | 'en';
  /** File paths are shown relative to this directory (when inside it). */
  cwd?: string;
  /** For the batch file index's pass/fail (default error). */
  failOn?: 'error' | 'warning' | 'rounding';
  maxWarnings?: number;
  /** The budget-audit.config.json applied, shown in the header. */
  configPath?: string;
}

/** Forbids every network fetch (and any script but ours): the report works offline by construction. */
const CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

export function formatHtml(reports: readonly ReportInput[], opts: HtmlOptions): string {
  const lang: Lang = opts.lang === 'en' ? 'en' : 'zh';
  const L = LABELS[lang];

  const sevTotals: Record<Severity, number> = { error: 0, warning: 0, rounding: 0, info: 0 };
  const tablesSeen = new Set<TableId>();
  for (const r of reports) {
    for (const f of r.findings) {
      sevTotals[f.severity]++;
      for (const loc of f.locations) tablesSeen.add(loc.table);
    }
    for (const id of TABLE_IDS) if (r.budget?.tables[id]?.found) tablesSeen.add(id);
    for (const t of r.tables ?? []) if (t.found) tablesSeen.add(t.id);
  }

  const titleOf = (id: TableId): string => {
    for (const r of reports) {
      const t = r.budget?.tables[id] ?? r.tables?.find((x) => x.id === id);
      if (t) return t.title;
    }
    return '';
  };

  const sevFilter = STACK_ORDER.map(
    (s) =>
      `<label><input type="checkbox" data-sev="${s}" checked> <span class="badge sev-${s}">${esc(L.severity[s])}</span> ${sevTotals[s]}</label>`,
  ).join('');
  const tableOptions = TABLE_IDS.filter((id) => tablesSeen.has(id))
    .map((id) => `<option value="${id}">${esc(`${L.table(id)} ${titleOf(id)}`)}</option>`)
    .join('');

  const single = reports.length === 1 ? reports[0] : undefined;
  const docTitle = [L.title, single?.budget?.department ?? single?.department, single?.budget?.year ?? single?.year].filter(Boolean).join(' · ');

  // A batch: a file index first, each file's section rendered on demand (./html/batch.ts).
  const shown = reports.map((r) => shownPath(r.path, opts.cwd));
  const batch = reports.length > 1;
  const index = batch ? fileIndex(reports, shown, { lang, ...(opts.failOn ? { failOn: opts.failOn } : {}), ...(opts.maxWarnings !== undefined ? { maxWarnings: opts.maxWarnings } : {}) }) : '';
  const body = reports
    .map((r, i) => {
      const html = renderFile(r, i, lang, shown[i]!);
      return batch ? lazySection(html, messages(lang).openSection) : html;
    })
    .join('');
  // The answer first: one workbook's verdict under the header (a batch has it per file in the index).
  const verdict = single ? singleVerdict(single, lang, opts) : '';
  const config = opts.configPath !== undefined ? ` · ${esc(messages(lang).config(opts.configPath))}` : '';
  return (
    `<!doctype html>\n<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8">` +
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<meta name="generator" content="budget-audit ${esc(VERSION)}">` +
    `<title>${esc(docTitle)}</title><style>${STYLE}${BATCH_STYLE}</style></head><body>` +
    `<header class="top"><h1>${esc(L.title)}</h1><div class="meta">${esc(L.generatedBy(VERSION))}` +
    (reports.length > 1 ? ` · ${esc(L.files)} ${reports.length}` : '') +
    config +
    `</div></header>` +
    verdict +
    index +
    `<div class="filters" role="toolbar" aria-label="${esc(L.filters)}">` +
    `<fieldset><legend>${esc(L.severityFilter)}</legend>${sevFilter}</fieldset>` +
    `<label>${esc(L.tableFilter)} <select id="table-filter"><option value="">${esc(L.allTables)}</option>${tableOptions}</select></label>` +
    `<span id="shown" class="shown" data-label="${esc(L.findings)}"></span></div>` +
    `<main>${body}</main><div id="tip" role="tooltip" hidden></div>` +
    `<script>${SCRIPT}</script></body></html>\n`
  );
}

function singleVerdict(r: ReportInput, lang: Lang, opts: HtmlOptions): string {
  const vopts = { lang, failOn: opts.failOn ?? 'error', ...(opts.maxWarnings !== undefined ? { maxWarnings: opts.maxWarnings } : {}) };
  const flat = { path: r.path, tables: [], summary: r.summary, findings: r.findings, notRun: r.notRun, ...(r.loadError !== undefined ? { loadError: r.loadError } : {}) };
  const v = verdictOf(flat, vopts);
  return `<p class="verdict ${v.pass ? 'pass' : 'fail'}">${esc(`${v.pass ? '✔' : '✖'} ${verdictText(v, vopts)}`)}</p>`;
}

function shownPath(p: string, cwd: string | undefined): string {
  if (!cwd) return p;
  const rel = path.relative(cwd, path.resolve(cwd, p));
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : p;
}

function sortFindings(findings: Finding[]): Finding[] {
  // Most severe first; the rules' own order within a severity.
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => SEVERITY_ORDER[b.f.severity] - SEVERITY_ORDER[a.f.severity] || a.i - b.i)
    .map((x) => x.f);
}

function renderFile(report: ReportInput, index: number, lang: Lang, shown: string): string {
  const L = LABELS[lang];
  const budget = report.budget;
  const fileId = `file-${index}`;
  const findings = sortFindings(report.findings);
  const sheetOf = (loc: FindingLocation): string | undefined => loc.sheet ?? sheetOfTable(report, loc.table);
  const keyOf = (loc: FindingLocation): string | undefined => {
    const sheet = sheetOf(loc);
    return sheet !== undefined && loc.cell ? cellKey(sheet, loc.cell) : undefined;
  };

  // Which findings point at which cell.
  const flags = new Map<string, CellFlag>();
  const perTable = new Map<TableId, Record<Severity, number>>();
  findings.forEach((f, i) => {
    const tables = new Set<TableId>();
    f.locations.forEach((loc, j) => {
      tables.add(loc.table);
      const key = keyOf(loc);
      if (!key) return;
      let flag = flags.get(key);
      if (!flag) flags.set(key, (flag = { severity: f.severity, severities: new Set(), findings: [], tip: [], marks: [], blank: true }));
      flag.marks.push({ severity: f.severity, role: locationRole(f, j) });
      if (!isBlankLocation(loc)) flag.blank = false;
      if (flag.findings.includes(i)) return;
      flag.findings.push(i);
      flag.severities.add(f.severity);
      flag.severity = topSeverity(flag.severities);
      flag.tip.push(tipLine(f, lang));
    });
    for (const t of tables) {
      let counts = perTable.get(t);
      if (!counts) perTable.set(t, (counts = { error: 0, warning: 0, rounding: 0, info: 0 }));
      counts[f.severity]++;
    }
  });

  // Suggested corrections: the cell to change carries its suggested value (the best candidate's).
  const fixes = suggestionsOf(findings);
  for (const s of fixes) {
    for (const c of s.cells) {
      const key = cellKey(c.sheet, c.cell);
      const flag = flags.get(key);
      if (flag) flag.fix = c.to;
      else flags.set(key, { severity: 'error', severities: new Set(['error']), findings: [], tip: [suggestionText(s, lang)], marks: [{ severity: 'error', role: 'culprit' }], blank: c.from === '', fix: c.to });
    }
  }

  // Cells drawn in some table: a location elsewhere is listed but can't be outlined.
  const tables = budget ? TABLE_IDS.map((id) => budget.tables[id]).filter((t) => t && t.found) : [];
  const titles: Partial<Record<TableId, string>> = {};
  for (const t of report.tables ?? []) titles[t.id] = t.title;
  if (budget) for (const id of TABLE_IDS) if (budget.tables[id]) titles[id] = budget.tables[id].title;
  const precision = budget?.precision ?? report.precision ?? 2;
  const tableHtml = tables.map((t) => renderTable(t, flags, L, precision, `${fileId}-t${t.id}`)).join('');
  const drawn = new Set<string>();
  for (const m of tableHtml.matchAll(/<td [^>]*data-cell="([^"]*)"/g)) drawn.add(m[1]!);

  const s = report.summary;
  // Without a Budget (a batch worker's report) the flat fields stand in; no grids then.
  const foundIds = budget
    ? TABLE_IDS.filter((id) => budget.tables[id]?.found)
    : (report.tables ?? []).filter((t) => t.found).map((t) => t.id);
  const known = !!budget || !!report.tables?.length;
  const found = foundIds.length;
  const missing = known ? TABLE_IDS.filter((id) => !foundIds.includes(id)) : [];
  const department = budget?.department ?? report.department;
  const year = budget?.year ?? report.year;
  const dl: [string, string][] = [
    [L.department, department ?? L.unknown],
    [L.year, year !== undefined ? String(year) : L.unknown],
    [L.unit, budget?.unit ?? report.unit ?? L.unknown],
    [
      L.tablesFound,
      `${found} / ${TABLE_IDS.length}` + (missing.length ? ` (${L.missingTables}: ${missing.join(', ')})` : ''),
    ],
    [L.checks, `${s.checks} (${L.passed} ${s.passed})`],
  ];
  const narrative = report.narrative;
  if (narrative) dl.push([lang === 'zh' ? '说明' : 'Narrative', narrativeHeader(narrative, lang).replace(/^(说明|Narrative): /, '')]);
  const counts = STACK_ORDER.map((sev) => `<span class="badge sev-${sev}">${esc(L.severity[sev])} ${s[sev]}</span>`).join('');

  const items = findings
    .map((f, i) => {
      const tablesOf = [...new Set(f.locations.map((l) => l.table))];
      const cells = f.locations.map(keyOf).filter((k): k is string => !!k);
      const nums = (
        [
          [L.expected, f.expected],
          [L.actual, f.actual],
          [L.difference, f.difference],
        ] as const
      )
        .filter(([, v]) => v !== undefined && v !== '')
        .map(([k, v]) => `<span>${esc(k)} ${esc(formatDecimalString(v))}</span>`)
        .join('');
      const locs = f.locations
        .map((loc, j) => {
          if (loc.quote) {
            // The narrative sentence, its figure highlighted.
            const [before, fig, after] = quoteParts(loc.quote);
            return `<li class="quote">${esc(quotePlace(loc.quote, lang))}: <q>${esc(before)}${fig ? `<mark>${esc(fig)}</mark>` : ''}${esc(after)}</q></li>`;
          }
          const key = keyOf(loc);
          const where =
            loc.page !== undefined
              ? `第${loc.page}页 ${L.table(loc.table)}${loc.box ? ` (x ${loc.box.x}, y ${loc.box.y} pt)` : ''}`
              : `${L.table(loc.table)} ${loc.cell ?? ''}`.trim();
          // Which of the identity's cells this is, as the cell colours say (only worth saying with several).
          const role = f.locations.length > 1 ? locationRole(f, j) : undefined;
          const link =
            key && drawn.has(key)
              ? `<a href="#" class="loc" data-target="${esc(key)}">${esc(where)}</a>`
              : `<span class="missing">${esc(where)} ${esc(L.notShown)}</span>`;
          const detail = [loc.row, loc.column, loc.value !== undefined && loc.value !== '' ? formatDecimalString(loc.value) : undefined]
            .filter((x) => x !== undefined && x !== '')
            .join(' · ');
          return `<li>${link}${role ? ` <span class="role role-${role}">${esc(L.role[role])}</span>` : ''}${detail ? ` ${esc(detail)}` : ''}</li>`;
        })
        .join('');
      return (
        `<li class="finding sev-${f.severity}" data-i="${i}" data-sev="${f.severity}" data-rule="${esc(f.ruleId)}"` +
        ` data-tables="${esc(tablesOf.join(' '))}" data-cells="${esc(JSON.stringify(cells))}" tabindex="0" role="button">` +
        `<span class="badge sev-${f.severity}">${esc(L.severity[f.severity])}</span> <code class="rule">${esc(f.ruleId)}</code> ` +
        `<span class="msg">${esc(f.message[lang])}</span>` +
        (nums ? `<div class="nums">${nums}</div>` : '') +
        (locs ? `<ul class="locs">${locs}</ul>` : '') +
        `</li>`
      );
    })
    .join('');

  // The cluster view: each suggestion, its cells (links to them) and the findings it resolves.
  const fixList = fixes
    .map((s) => {
      const cells = s.cells
        .map((c) => `<a href="#" class="loc" data-target="${esc(cellKey(c.sheet, c.cell))}">${esc(`${L.table(c.table)} ${c.cell}`)}</a>`)
        .join(' ');
      const resolved = findings
        .map((f, i) => ({ f, i }))
        .filter(({ f }) => f.suggestion?.id === s.id)
        .map(({ f, i }) => `<li data-f="${i}"><code class="rule">${esc(f.ruleId)}</code> ${esc(f.message[lang])}</li>`)
        .join('');
      return (
        `<li class="fix" data-fix="${esc(s.id)}"><span class="fix-text${s.ambiguous ? ' amb' : ''}">${esc(suggestionText(s, lang))}</span> ${cells}` +
        `<div>${esc(L.fixResolves(s.resolves.length))}</div><ul class="resolves">${resolved}</ul></li>`
      );
    })
    .join('');

  const notRun = report.notRun.length
    ? `<details class="notrun"><summary>${esc(L.notRun)} (${report.notRun.length})</summary><ul>` +
      report.notRun.map((n) => `<li><code>${esc(n.ruleId)}</code> ${esc(oneLanguage(n.reason, lang))}</li>`).join('') +
      `</ul></details>`
    : '';

  const toc = tables.length
    ? `<nav class="toc">` +
      tables
        .map(
          (t) =>
            `<a href="#${fileId}-t${t.id}" data-table="${t.id}"${perTable.has(t.id) ? ' class="has-findings"' : ''}>${esc(`${L.table(t.id)} ${t.title}`)}</a>`,
        )
        .join('') +
      `</nav>`
    : '';

  return (
    `<section class="file" id="${fileId}" data-path="${esc(report.path)}">` +
    `<h2>${esc(shown)}</h2>` +
    (report.loadError ? `<div class="loaderror"><strong>${esc(L.loadError)}:</strong> ${esc(report.loadError)}</div>` : '') +
    (known
      ? `<div class="summary"><div><dl>${dl.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('')}</dl>` +
        `<div class="counts">${counts}</div></div>${findingsChart(perTable, titles, L)}</div>`
      : '') +
    (fixes.length ? `<h3>${esc(L.fixes)} (${fixes.length})</h3><ol class="fixes">${fixList}</ol>` : '') +
    `<h3>${esc(L.findings)} (${findings.length})</h3>` +
    (findings.length ? `<ol class="findings">${items}</ol>` : `<p>${esc(L.noFindings)}</p>`) +
    notRun +
    (tables.length ? `<h3>${esc(L.tables)}</h3>${toc}${flags.size ? roleLegend(L, [...flags.values()].some((fl) => fl.marks.some((m) => m.role === 'culprit'))) : ''}${tableHtml}` : '') +
    `</section>`
  );
}

function tipLine(f: Finding, lang: Lang): string {
  const L = LABELS[lang];
  const nums = [
    f.expected ? `${L.expected} ${formatDecimalString(f.expected)}` : '',
    f.actual ? `${L.actual} ${formatDecimalString(f.actual)}` : '',
    f.difference ? `${L.difference} ${formatDecimalString(f.difference)}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return `[${L.severity[f.severity]}] ${f.message[lang]}${nums ? ` (${nums})` : ''}`;
}
