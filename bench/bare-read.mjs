// The yardstick for start-up: node + import('xlsx') + read(dense) of one file, nothing else.
import { readFileSync } from 'node:fs';

const XLSX = await import('xlsx');
XLSX.read(readFileSync(process.argv[2]), { dense: true });
