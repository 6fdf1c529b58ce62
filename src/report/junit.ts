/**
 * `--format junit`: one <testsuite> per workbook. A rule none of whose
 * findings reaches --fail-on is one passing <testcase> (or <skipped> when it
 * could not run); each finding that does is a <testcase> of its own, named by
 * the rule and the cell to fix, with one <failure>: CI test views (GitLab,
 * Jenkins) show one failure per case. Findings below the threshold go to the
 * rule's first case as <system-out>; an unreadable workbook is a suite with
 * one <error>.
 */
import type { Finding } from '../model/finding.js';
import type { FormatOptions, ReportFile } from './shared.js';
import { cellName, fails } from './shared.js';

/** Escapes text for XML content and attributes, dropping characters XML 1.0 forbids. */
export function xmlEscape(s: string): string {
  return s
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;');
}

/** Content text keeps its line breaks. */
function xmlText(s: string): string {
  return xmlEscape(s).replace(/&#10;/g, '\n');
}

function findingText(f: Finding, opts: FormatOptions): string {
  const lines = [`[${f.severity}] ${f.message[opts.lang]}`];
  const nums = [
    f.expected !== undefined ? `expected ${f.expected}` : '',
    f.actual !== undefined ? `actual ${f.actual}` : '',
    f.difference !== undefined ? `difference ${f.difference}` : '',
  ].filter(Boolean);
  if (nums.length) lines.push(nums.join(', '));
  for (const l of f.locations) {
    const value = l.value === undefined ? '' : ` = ${l.value === '' ? '(blank)' : l.value}`;
    lines.push(`  ${cellName(l)}  ${[l.row, l.column].filter(Boolean).join(' · ')}${value}`);
  }
  return lines.join('\n');
}

export function formatJunit(reports: readonly ReportFile[], opts: FormatOptions): string {
  const catalog = new Map(opts.rules.map((r) => [r.id, r]));
  const suites: string[] = [];
  let tTests = 0;
  let tFail = 0;
  let tErr = 0;
  let tSkip = 0;

  for (const r of reports) {
    const name = xmlEscape(r.path);
    if (r.loadError !== undefined) {
      tTests++;
      tErr++;
      suites.push(
        `  <testsuite name="${name}" tests="1" failures="0" errors="1" skipped="0">\n` +
          `    <testcase classname="${name}" name="load">\n` +
          `      <error message="${xmlEscape(r.loadError)}" type="load-error">${xmlText(r.loadError)}</error>\n` +
          `    </testcase>\n  </testsuite>`,
      );
      continue;
    }
    // Every rule of the catalog, then any rule id only the findings know (e.g. reading problems).
    const ids = [...catalog.keys()];
    for (const f of r.findings) if (!ids.includes(f.ruleId)) ids.push(f.ruleId);
    for (const n of r.notRun) if (!ids.includes(n.ruleId)) ids.push(n.ruleId);

    const byRule = new Map<string, Finding[]>();
    for (const f of r.findings) byRule.set(f.ruleId, [...(byRule.get(f.ruleId) ?? []), f]);
    const notRun = new Map(r.notRun.map((n) => [n.ruleId, n.reason]));

    const cases: string[] = [];
    let failures = 0;
    let skipped = 0;
    for (const id of ids) {
      const fs = byRule.get(id) ?? [];
      const failing = fs.filter((f) => fails(f.severity, opts.failOn));
      const other = fs.filter((f) => !fails(f.severity, opts.failOn));
      const title = catalog.get(id)?.title[opts.lang];
      const ruleName = title ? `${id}: ${title}` : id;
      const out = other.length
        ? [`      <system-out>${xmlText(other.map((f) => findingText(f, opts)).join('\n\n'))}</system-out>`]
        : [];
      const testcase = (caseName: string, body: string[]) => {
        const open = `    <testcase classname="${name}" name="${xmlEscape(caseName)}"`;
        cases.push(body.length ? `${open}>\n${body.join('\n')}\n    </testcase>` : `${open}/>`);
      };
      if (failing.length === 0) {
        const reason = notRun.get(id);
        const body: string[] = [];
        if (reason !== undefined) {
          skipped++;
          body.push(`      <skipped message="${xmlEscape(reason)}"/>`);
        }
        testcase(ruleName, [...body, ...out]);
        continue;
      }
      // Case names stay unique within the suite: the cell to fix, numbered when two findings share it.
      const seen = new Map<string, number>();
      failing.forEach((f, i) => {
        failures++;
        const at = f.locations[0] ? cellName(f.locations[0]) : '';
        const n = (seen.get(at) ?? 0) + 1;
        seen.set(at, n);
        const caseName = `${ruleName}${at ? ` @ ${at}` : ''}${n > 1 ? ` (${n})` : ''}`;
        const failure = `      <failure message="${xmlEscape(f.message[opts.lang])}" type="${f.severity}">${xmlText(findingText(f, opts))}</failure>`;
        testcase(caseName, i === 0 ? [failure, ...out] : [failure]);
      });
    }
    tTests += cases.length;
    tFail += failures;
    tSkip += skipped;
    const props = [
      r.department !== undefined ? `      <property name="department" value="${xmlEscape(r.department)}"/>` : '',
      r.year !== undefined ? `      <property name="year" value="${r.year}"/>` : '',
      `      <property name="summary" value="${xmlEscape(JSON.stringify(r.summary))}"/>`,
    ].filter(Boolean);
    suites.push(
      `  <testsuite name="${name}" tests="${cases.length}" failures="${failures}" errors="0" skipped="${skipped}">\n` +
        `    <properties>\n${props.join('\n')}\n    </properties>\n` +
        cases.join('\n') +
        `\n  </testsuite>`,
    );
  }
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<testsuites name="${xmlEscape(opts.tool.name)}" tests="${tTests}" failures="${tFail}" errors="${tErr}" skipped="${tSkip}">\n` +
    suites.join('\n') +
    `\n</testsuites>\n`
  );
}
