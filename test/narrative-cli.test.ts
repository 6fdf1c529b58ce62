/**
 * `check --narrative`, pairing by file name in a batch, bad narrative files
 * (exit 2, one line), and the quote in text, JSON, SARIF (schema-valid, a
 * region in the narrative artifact) and HTML (the figure highlighted).
 */
import { copyFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseNarrativeText } from '../src/narrative/parse.js';
import { runCli, tempDir } from './support/cli.js';
import { NARRATIVE_TXT, plant, referenceNarrative, SAMPLE, writeDocx } from './support/narrative.js';
import { sarifValidator } from './report-support.js';

const REF = referenceNarrative();
const { dir, cleanup } = tempDir('narrative-cli-');
afterAll(cleanup);

/** The reference with 占 4.00% → 4.10%, as a .docx of real paragraphs. */
function editedDocx(file: string): string {
  writeDocx(file, parseNarrativeText(plant(REF, '占 4.00%', '占 4.10%'), 'x').paragraphs.map((p) => p.text));
  return file;
}

describe('check --narrative', () => {
  it('the reference narrative with the sample: exit 0, the narrative and its coverage in the header', async () => {
    const r = await runCli(['check', SAMPLE, '--narrative', NARRATIVE_TXT]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`说明: ${NARRATIVE_TXT}  42 段，89 个数字，已核对 80，无表可核 9，未识别 0`);
    expect(r.stdout).toContain('narrative-coverage'); // info: in the summary lines by default
  });

  it('a planted share: exit 1, the finding under 说明 with the sentence and the figure', async () => {
    const docx = editedDocx(path.join(dir, 'edited.docx'));
    const r = await runCli(['check', SAMPLE, '--narrative', docx, '--lang', 'en']);
    expect(r.code).toBe(1);
    const at = r.stdout.indexOf('Narrative (说明)');
    expect(at).toBeGreaterThan(0);
    const section = r.stdout.slice(at);
    expect(section).toContain('narrative-share');
    expect(section).toMatch(/narrative ¶19 sentence 1 +「.*卫生健康支出 97\.09万元，占 4\.10%/);
  });

  it.each([
    ['missing.docx', undefined, 'narrative file not found'],
    ['empty.txt', '\n \n', 'the narrative is empty'],
    ['bad.docx', 'PK not really', 'not a readable .docx file'],
  ])('an unreadable narrative (%s): exit 2, one line', async (name, content, message) => {
    const file = path.join(dir, name);
    if (content !== undefined) writeFileSync(file, content);
    const r = await runCli(['check', SAMPLE, '--narrative', file]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringContaining(message)]);
    expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });

  it('--narrative with several workbooks is a usage error', async () => {
    const r = await runCli(['check', SAMPLE, SAMPLE.replace('.xlsx', '.xlsx'), path.join(dir, 'x.xlsx'), '--narrative', NARRATIVE_TXT]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--narrative works on a single workbook');
  });
});

describe('a batch pairs narratives by file name', () => {
  const batch = path.join(dir, 'batch');
  it('X.xlsx + X说明.docx, Y.xlsx + Y.txt, Z.xlsx alone; shown in text and JSON', async () => {
    const { mkdirSync } = await import('node:fs');
    mkdirSync(batch, { recursive: true });
    for (const x of ['X', 'Y', 'Z']) copyFileSync(SAMPLE, path.join(batch, `${x}.xlsx`));
    editedDocx(path.join(batch, 'X说明.docx'));
    copyFileSync(NARRATIVE_TXT, path.join(batch, 'Y.txt'));

    const json = await runCli(['check', batch, '--format', 'json', '--jobs', '2']);
    expect(json.code).toBe(1);
    const doc = JSON.parse(json.stdout);
    const byName = Object.fromEntries(doc.files.map((f: { path: string }) => [path.basename(f.path), f]));
    expect(byName['X.xlsx'].narrative).toMatchObject({ file: path.join(batch, 'X说明.docx'), kind: 'docx', paired: true, figures: 89 });
    expect(byName['Y.xlsx'].narrative).toMatchObject({ file: path.join(batch, 'Y.txt'), kind: 'txt', paired: true, checked: 80 });
    expect(byName['Z.xlsx'].narrative).toBeUndefined();
    const share = byName['X.xlsx'].findings.filter((f: { ruleId: string }) => f.ruleId === 'narrative-share');
    expect(share).toHaveLength(1);
    expect(share[0].locations[0].quote).toMatchObject({ file: path.join(batch, 'X说明.docx'), paragraph: 19, sentence: 1 });
    expect(share[0].locations[0].quote.text.slice(share[0].locations[0].quote.figureStart, share[0].locations[0].quote.figureEnd)).toBe('4.10%');
    expect(byName['Y.xlsx'].findings.filter((f: { ruleId: string; severity: string }) => f.ruleId.startsWith('narrative-') && f.severity === 'error')).toEqual([]);

    const text = await runCli(['check', batch, '--jobs', '1']);
    expect(text.stdout).toContain(`说明: ${path.join(batch, 'X说明.docx')}（按文件名配对）`);

    const off = await runCli(['check', batch, '--no-pair', '--format', 'json', '--jobs', '1']);
    expect(JSON.parse(off.stdout).files.every((f: { narrative?: unknown }) => f.narrative === undefined)).toBe(true);
  });
});

describe('the quote in SARIF and HTML', () => {
  it('SARIF: schema-valid; a region in the narrative artifact beside the cells', async () => {
    const docx = editedDocx(path.join(dir, 'sarif.docx'));
    const r = await runCli(['check', SAMPLE, '--narrative', docx, '--format', 'sarif', '--rule', 'narrative-expense=off']);
    const log = JSON.parse(r.stdout);
    const validate = sarifValidator();
    expect(validate(log), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    const run = log.runs[0];
    const result = run.results.find((x: { ruleId: string }) => x.ruleId === 'narrative-share');
    const [quoteLoc, workbookLoc] = result.locations;
    expect(run.artifacts[quoteLoc.physicalLocation.artifactLocation.index].location.uri).toBe(quoteLoc.physicalLocation.artifactLocation.uri);
    expect(quoteLoc.physicalLocation.artifactLocation.uri).toMatch(/sarif\.docx$/);
    expect(quoteLoc.physicalLocation.region.snippet.text).toContain('占 4.10%');
    expect(quoteLoc.properties).toMatchObject({ paragraph: 19, sentence: 1 });
    expect(workbookLoc.physicalLocation.artifactLocation.uri).toBe('fixtures/hengnan-hrss-2025.xlsx');
    // A finding against the tables names its cells as logical locations.
    const project = await runCli(['check', SAMPLE, '--narrative', writeEdited('project.txt', '就业专项经费 25.00万元', '就业专项经费 35.00万元'), '--format', 'sarif']);
    const res = JSON.parse(project.stdout).runs[0].results.find((x: { ruleId: string; properties: { expected?: string } }) => x.ruleId === 'narrative-project' && x.properties.expected === '25.00');
    expect(res.locations[1].logicalLocations.map((l: { fullyQualifiedName: string }) => l.fullyQualifiedName)).toEqual(['21专项资金预算汇总表!D14']); // 一般公共预算小计 of 2025年就业专项经费
  });

  it('HTML: the sentence with the figure highlighted', async () => {
    const docx = editedDocx(path.join(dir, 'html.docx'));
    const out = path.join(dir, 'report.html');
    const r = await runCli(['check', SAMPLE, '--narrative', docx, '--format', 'html', '-o', out]);
    expect(r.code).toBe(1);
    const html = (await import('node:fs')).readFileSync(out, 'utf8');
    expect(html).toMatch(/<li class="quote">说明 第19段第1句: <q>[^<]*卫生健康支出 97\.09万元，占 <mark>4\.10%<\/mark>/);
  });

  it('-o over the narrative is refused', async () => {
    const copy = path.join(dir, 'n.txt');
    copyFileSync(NARRATIVE_TXT, copy);
    const r = await runCli(['check', SAMPLE, '--narrative', copy, '-o', copy]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('refusing to write the report over the input file');
  });
});

function writeEdited(name: string, from: string, to: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, plant(REF, from, to));
  return file;
}

describe('inspect shows the narrative', () => {
  it('text: the file and every statement with its paragraph; --json: the same as data', async () => {
    const r = await runCli(['inspect', SAMPLE, '--narrative', NARRATIVE_TXT]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Narrative:   ${NARRATIVE_TXT} (txt, utf-8)`);
    expect(r.stdout).toContain('year 2025; 42 paragraphs');
    expect(r.stdout).toMatch(/¶19\.1 {2}一般公共预算拨款支出（类）「卫生健康支出」 {2}97\.09万元 {2}占 4\.00%/);
    expect(r.stdout).toMatch(/¶27\.1 {2}机关运行经费 {2}200\.88万元 {2}↓ 34\.32万元 14\.59%/);
    const j = JSON.parse((await runCli(['inspect', SAMPLE, '--narrative', NARRATIVE_TXT, '--json'])).stdout);
    expect(j.narrative).toMatchObject({ kind: 'txt', encoding: 'utf-8', year: 2025, figures: 89, notUnderstood: [] });
    expect(j.narrative.statements.filter((s: { subject: string }) => s.subject === 'project')).toHaveLength(20);
    expect(j.narrative.statements.find((s: { subject: string }) => s.subject === 'fund.total')).toMatchObject({ none: true, paragraph: 23 });
  });

  it('an unreadable narrative: exit 2, one line', async () => {
    const r = await runCli(['inspect', SAMPLE, '--narrative', path.join(dir, 'nope.txt')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringContaining('narrative file not found')]);
  });
});

describe('JUnit', () => {
  it('narrative rules are test cases only when a narrative was checked; a failure is named by its quote', async () => {
    const without = await runCli(['check', SAMPLE, '--format', 'junit']);
    expect(without.stdout).not.toContain('narrative-');
    const file = writeEdited('junit.txt', '卫生健康支出 97.09\n', '卫生健康支出 98.09\n');
    const withIt = await runCli(['check', SAMPLE, '--narrative', file, '--format', 'junit']);
    expect(withIt.stdout).toContain('name="narrative-expense: 说明的支出预算与支出总表不符 @ 说明¶17.1"');
    expect(withIt.stdout).toMatch(/<testcase [^>]*name="narrative-share: [^"]*"\/>/);
  });
});
