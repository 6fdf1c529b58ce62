// Loaded with `node --import` by runCliMeasured: writes the process's peak RSS (KB) on exit.
import { writeFileSync } from 'node:fs';

const out = process.env.BUDGET_AUDIT_RSS_OUT;
if (out) process.on('exit', () => writeFileSync(out, String(process.resourceUsage().maxRSS)));
