/**
 * No prototype pollution (issue 11): a workbook whose sheet names, defined
 * names, cell texts, header labels and department name are `__proto__`,
 * `constructor`, `prototype` (and JSON that would pollute if merged) is read,
 * audited and rendered in every format, and afterwards Object.prototype,
 * Array.prototype and Function.prototype are exactly as they were.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkFile, format } from '../src/api.js';
import { FORMATS } from '../src/report/index.js';
import { ROOT, runCli, tempDir } from './support/cli.js';
import { partsOf, rawZip, text, type RawEntry } from './support/zip.js';

const SAMPLE = readFileSync(path.join(ROOT, 'fixtures', 'hengnan-hrss-2025.xlsx'));
const tmp = tempDir('budget-audit-proto-');
afterAll(() => tmp.cleanup());

const NAMES = ['__proto__', 'constructor', 'prototype'];
const JSON_BAIT = '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}';
const inline = (ref: string, s: string) => `<c r="${ref}" t="inlineStr"><is><t>${s.replace(/"/g, '&quot;')}</t></is></c>`;

function hostileWorkbook(): Buffer {
  const edit = (e: RawEntry, fn: (xml: string) => string): RawEntry => ({ ...e, data: Buffer.from(fn(text(e)), 'utf8') });
  const entries = partsOf(SAMPLE).map((e) => {
    if (e.name === 'xl/workbook.xml') {
      return edit(e, (xml) => {
        let i = 0;
        // The first three sheets renamed; defined names with the same words.
        const renamed = xml.replace(/<sheet name="[^"]*"/g, (m) => (i < NAMES.length ? `<sheet name="${NAMES[i++]}"` : m));
        const defined = NAMES.map((n, k) => `<definedName name="${n}">'${n}'!$A$${k + 1}</definedName>`).join('');
        return renamed.replace('</sheets>', `</sheets><definedNames>${defined}</definedNames>`);
      });
    }
    if (e.name === 'xl/worksheets/sheet1.xml') {
      // Extra rows of bait text below the table.
      return edit(e, (xml) =>
        xml
          .replace('</sheetData>', `<row r="40">${NAMES.map((n, k) => inline(`${'ABC'[k]}40`, n)).join('')}${inline('D40', JSON_BAIT)}</row></sheetData>`),
      );
    }
    if (e.name === 'xl/worksheets/sheet2.xml') {
      // Header labels: every 预算数 header becomes a bait word.
      return edit(e, (xml) => xml.replace(/<v>([^<]*)<\/v>/g, (m, v: string) => (/^(项目|合计)$/.test(v) ? `<v>${NAMES[v.length % 3]}</v>` : m)));
    }
    return e;
  });
  // Department name (单位：…) on every table.
  return rawZip(entries.map((e) => (e.name.startsWith('xl/worksheets/') ? edit(e, (xml) => xml.replace(/单位：[^<]*/g, '单位：__proto__')) : e)));
}

function snapshot(): string {
  const describe = (o: object) =>
    Object.getOwnPropertyNames(o)
      .sort()
      .map((k) => {
        const d = Object.getOwnPropertyDescriptor(o, k)!;
        return `${k}:${typeof d.value}:${typeof d.get}:${String(d.writable)}`;
      })
      .join(',');
  return [describe(Object.prototype), describe(Array.prototype), describe(Function.prototype), String(Object.getPrototypeOf({}) === Object.prototype)].join('|');
}

describe('prototype names in a workbook', () => {
  const file = path.join(tmp.dir, 'proto.xlsx');
  writeFileSync(file, hostileWorkbook());

  it('are read as plain text, and Object.prototype is unchanged after load, audit and every format', async () => {
    const before = snapshot();
    const report = await checkFile(file, { keepBudget: true });
    expect(report.loadError).toBeUndefined();
    // The renamed sheets are still found by their content, under their new names.
    const sheets = report.tables.filter((t) => t.found).map((t) => t.sheet);
    expect(sheets).toEqual(expect.arrayContaining(NAMES));
    expect(report.department).toBe('__proto__');
    for (const name of FORMATS) {
      const out = await format([report], name, { lang: 'en' });
      expect(out.length).toBeGreaterThan(0);
      if (name === 'json') expect(JSON.parse(out).files[0].tables.map((t: { sheet?: string }) => t.sheet)).toEqual(expect.arrayContaining(NAMES));
    }
    expect(snapshot()).toBe(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
  });

  it('the CLI reads it like any workbook: exit 0/1, valid JSON naming the sheets', async () => {
    const res = await runCli(['check', file, '--format', 'json']);
    expect([0, 1], res.stderr).toContain(res.code);
    const json = JSON.parse(res.stdout) as { files: { department: string; tables: { sheet?: string }[] }[] };
    expect(json.files[0]!.department).toBe('__proto__');
    expect(json.files[0]!.tables.map((t) => t.sheet)).toEqual(expect.arrayContaining(NAMES));
  });
});
