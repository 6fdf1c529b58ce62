import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NAME, VERSION } from '../src/version.js';

// The JSON/SARIF "tool" block and --version print src/version.ts: it must follow package.json.
describe('version', () => {
  it('matches package.json', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    expect({ NAME, VERSION }).toEqual({ NAME: pkg.name, VERSION: pkg.version });
  });
});
