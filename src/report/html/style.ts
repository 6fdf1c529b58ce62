/** The report's stylesheet, inlined: the file must open offline, so system fonts only. */
export const STYLE = String.raw`
:root {
  --error: #c62828; --error-bg: #fde0dc;
  --warning: #b26a00; --warning-bg: #fff1c9;
  --rounding: #1565c0; --rounding-bg: #dcebfb;
  --info: #546e7a; --info-bg: #eceff1;
  --culprit: #8e0000; --culprit-bg: #ff9e9e;
  --term: #8c959f; --term-bg: #f3f5f7;
  --fix: #1b7f3b;
  --line: #d0d7de; --head: #f3f5f7; --focus: #6a1b9a;
}
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; color: #1f2328; background: #fff; }
header.top { padding: 14px 20px 8px; border-bottom: 1px solid var(--line); }
header.top h1 { margin: 0; font-size: 20px; }
header.top .meta { color: #59636e; font-size: 12px; }
.filters { position: sticky; top: 0; z-index: 5; display: flex; flex-wrap: wrap; gap: 14px; align-items: center; padding: 8px 20px; background: #fafbfc; border-bottom: 1px solid var(--line); }
.filters fieldset { border: 0; margin: 0; padding: 0; display: flex; gap: 10px; align-items: center; }
.filters legend { float: left; margin-right: 6px; font-weight: 600; }
.filters label { cursor: pointer; white-space: nowrap; }
.filters select { max-width: 24em; }
.filters .shown { color: #59636e; font-size: 12px; margin-left: auto; }
main { padding: 0 20px 40px; }
section.file { border-bottom: 2px solid var(--line); padding-bottom: 20px; }
section.file > h2 { font-size: 17px; margin: 18px 0 8px; word-break: break-all; }
.summary { display: flex; flex-wrap: wrap; gap: 24px; align-items: flex-start; }
.summary dl { display: grid; grid-template-columns: max-content auto; gap: 2px 12px; margin: 0; }
.summary dt { color: #59636e; }
.summary dd { margin: 0; }
.counts { display: flex; gap: 8px; margin: 6px 0; }
.badge { display: inline-block; min-width: 3em; padding: 1px 7px; border-radius: 10px; font-size: 12px; font-weight: 600; text-align: center; border: 1px solid currentColor; }
.badge.sev-error { color: var(--error); background: var(--error-bg); }
.badge.sev-warning { color: var(--warning); background: var(--warning-bg); }
.badge.sev-rounding { color: var(--rounding); background: var(--rounding-bg); }
.badge.sev-info { color: var(--info); background: var(--info-bg); }
.loaderror { border-left: 4px solid var(--error); background: var(--error-bg); padding: 8px 12px; margin: 10px 0; }
figure.chart { margin: 0; }
figure.chart figcaption { font-size: 12px; color: #59636e; }
figure.chart rect.sev-error { fill: var(--error); }
figure.chart rect.sev-warning { fill: var(--warning); }
figure.chart rect.sev-rounding { fill: var(--rounding); }
figure.chart rect.sev-info { fill: var(--info); }
figure.chart rect.hit { fill: transparent; }
figure.chart g.bar { cursor: pointer; }
figure.chart g.bar:hover rect.hit, figure.chart g.bar.active rect.hit { fill: #eef2f6; }
figure.chart text { font-size: 10px; text-anchor: middle; fill: #59636e; }
figure.chart text.max { text-anchor: end; }
figure.chart line.axis { stroke: #8c959f; }
ol.findings { padding-left: 2.4em; margin: 6px 0; }
li.finding { padding: 6px 8px; margin: 2px 0; border-left: 4px solid transparent; border-radius: 3px; cursor: pointer; }
li.finding:hover { background: #f6f8fa; }
li.finding.selected { background: #f3e8fa; outline: 2px solid var(--focus); }
li.finding.sev-error { border-left-color: var(--error); }
li.finding.sev-warning { border-left-color: var(--warning); }
li.finding.sev-rounding { border-left-color: var(--rounding); }
li.finding.sev-info { border-left-color: var(--info); }
li.finding code.rule { font-size: 12px; color: #59636e; }
li.finding .nums { font-size: 12px; color: #424a53; }
li.finding .nums span { margin-right: 12px; font-variant-numeric: tabular-nums; }
ul.locs { margin: 2px 0 0; padding-left: 1.2em; font-size: 12px; color: #424a53; }
ul.locs a { color: var(--focus); }
ul.locs .missing { color: #8c959f; }
ul.locs .role { font-size: 11px; padding: 0 4px; border-radius: 3px; border: 1px solid var(--term); color: #424a53; }
ul.locs .role-disagrees { border-color: currentColor; font-weight: 600; }
ul.locs .role-culprit { border-color: var(--culprit); color: var(--culprit); font-weight: 700; }
ul.locs li.quote mark { background: #fff8c5; font-weight: 600; }
details.notrun { margin: 8px 0; font-size: 13px; }
nav.toc { display: flex; flex-wrap: wrap; gap: 4px 10px; font-size: 12px; }
nav.toc a { color: #0969da; text-decoration: none; }
nav.toc a.has-findings { font-weight: 700; }
section.tbl { margin: 18px 0; }
section.tbl h4 { margin: 0 0 6px; font-size: 15px; }
section.tbl h4 small { color: #59636e; font-weight: 400; margin-left: 8px; }
section.tbl .tid { color: #59636e; }
.scroll { overflow: auto; max-height: 75vh; border: 1px solid var(--line); }
table.sheet { border-collapse: collapse; font-size: 12px; }
table.sheet th, table.sheet td { border: 1px solid var(--line); padding: 2px 6px; }
table.sheet thead th { background: var(--head); font-weight: 600; text-align: center; vertical-align: middle; }
table.sheet thead tr.letters th { font-weight: 400; color: #8c959f; font-size: 11px; }
table.sheet th.rownum { background: var(--head); color: #8c959f; font-weight: 400; text-align: right; font-size: 11px; }
table.sheet td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
table.sheet td.txt { white-space: pre-wrap; min-width: 3em; max-width: 28em; }
table.sheet td.name { min-width: 12em; }
table.sheet tr.k-total td, table.sheet tr.k-department td { font-weight: 700; }
table.sheet tr.lv-1 td { font-weight: 600; }
table.sheet td.flag { cursor: help; }
/* Coloured by role: the figure that disagrees by its severity, the suggested culprit stronger, other terms
   of the identity neutral, blank cells only outlined (never filled as an error). */
.flag.role-disagrees.sev-error { background: var(--error-bg); box-shadow: inset 0 0 0 2px var(--error); }
.flag.role-disagrees.sev-warning { background: var(--warning-bg); box-shadow: inset 0 0 0 2px var(--warning); }
.flag.role-disagrees.sev-rounding { background: var(--rounding-bg); box-shadow: inset 0 0 0 2px var(--rounding); }
.flag.role-disagrees.sev-info { background: var(--info-bg); box-shadow: inset 0 0 0 2px var(--info); }
.flag.role-culprit { background: var(--culprit-bg); box-shadow: inset 0 0 0 3px var(--culprit); font-weight: 700; }
.flag.role-term { background: var(--term-bg); box-shadow: inset 0 0 0 1px var(--term); }
.flag.blank.blank { background: transparent; box-shadow: inset 0 0 0 1px var(--term); outline: 1px dashed var(--term); outline-offset: -3px; font-weight: inherit; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 14px; align-items: center; font-size: 12px; color: #424a53; margin: 8px 0 0; }
.legend i { display: inline-block; width: 2.2em; height: 1.1em; margin-right: 4px; vertical-align: -2px; }
/* A suggested correction: the cell to change, its suggested value under the published one, and the cluster list. */
table.sheet td.fix { outline: 2px dashed var(--fix); outline-offset: -4px; }
table.sheet td.fix .fix-to { display: block; color: var(--fix); font-weight: 600; }
ol.fixes li.fix { border-left: 4px solid var(--fix); padding: .3em .6em; margin: .3em 0; list-style-position: inside; }
ol.fixes li.fix .fix-text { color: var(--fix); font-weight: 600; }
ol.fixes li.fix .amb { color: var(--warning); }
table.sheet td.outlined { outline: 3px solid var(--focus); outline-offset: -1px; position: relative; z-index: 1; animation: pulse 1.2s ease-out 2; }
@keyframes pulse { 0% { outline-color: transparent; } 50% { outline-color: var(--focus); } }
.notes { font-size: 12px; color: #424a53; margin-top: 6px; }
.notes p { margin: 2px 0; white-space: pre-wrap; }
#tip { position: absolute; z-index: 20; max-width: 460px; padding: 6px 9px; background: #1f2328; color: #fff; font-size: 12px; border-radius: 4px; white-space: pre-line; pointer-events: none; box-shadow: 0 2px 8px rgba(0,0,0,.25); }
#tip[hidden] { display: none; }
[hidden] { display: none !important; }
@media print {
  .filters { display: none; }
  .scroll { max-height: none; overflow: visible; }
}
`;
