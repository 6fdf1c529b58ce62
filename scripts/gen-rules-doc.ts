/** Writes docs/rules.md from the rule catalog (`npm run docs:rules`). */
import { writeFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RULES } from '../src/rules/index.js';
import { renderRulesDoc } from '../src/rules/doc.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const target = path.join(root, 'docs', 'rules.md');
const tmp = `${target}.tmp-${process.pid}`;
writeFileSync(tmp, renderRulesDoc(RULES.map((r) => r.meta)));
renameSync(tmp, target);
process.stdout.write(`wrote ${path.relative(root, target)} (${RULES.length} rules)\n`);
