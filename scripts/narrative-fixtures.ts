/**
 * Builds the narrative test fixtures in fixtures/narrative/ from the verbatim
 * reference narrative (fixtures/hengnan-hrss-2025-narrative.txt):
 * - hengnan-hrss-2025-narrative-gbk.txt: the same text in GB18030 (GBK);
 * - hengnan-hrss-2025-narrative.docx: one Word paragraph per paragraph;
 * - hengnan-hrss-2025-narrative.doc: that .docx converted by LibreOffice, when
 *   `soffice` is installed (the committed copy is used otherwise).
 * Run: npx tsx scripts/narrative-fixtures.ts
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, copyFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseNarrativeText } from '../src/narrative/parse.js';
import { encodeGb18030, NARRATIVE_DIR, referenceNarrative, writeDocx } from '../test/support/narrative.js';

const text = referenceNarrative();
mkdirSync(NARRATIVE_DIR, { recursive: true });
writeFileSync(path.join(NARRATIVE_DIR, 'hengnan-hrss-2025-narrative-gbk.txt'), encodeGb18030(text));
const paragraphs = parseNarrativeText(text, 'reference').paragraphs.map((p) => p.text);
const docx = path.join(NARRATIVE_DIR, 'hengnan-hrss-2025-narrative.docx');
writeDocx(docx, paragraphs);

try {
  const out = mkdtempSync(path.join(tmpdir(), 'narrative-doc-'));
  execFileSync('soffice', ['--headless', '--convert-to', 'doc', '--outdir', out, docx], { stdio: 'ignore', timeout: 120_000 });
  copyFileSync(path.join(out, 'hengnan-hrss-2025-narrative.doc'), path.join(NARRATIVE_DIR, 'hengnan-hrss-2025-narrative.doc'));
  rmSync(out, { recursive: true, force: true });
} catch (err) {
  console.warn(`no .doc written (LibreOffice soffice not available?): ${(err as Error).message.split('\n')[0]}`);
}
console.log(`wrote ${NARRATIVE_DIR}`);
