/**
 * The house rules of src/, read from the import statements themselves
 * (static, `export … from`, type-only and dynamic `import()`):
 * - the model knows no file format, rule or report: nothing in src/model
 *   imports src/loaders, src/rules, src/report or src/commands;
 * - src/loaders reads the model only through its public modules (those
 *   src/model/index.ts re-exports), never its internals (the lookup index);
 * - no import cycle inside src/report, src/model, src/loaders or src/rules.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(import.meta.dirname, '../src');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...sourceFiles(p));
    else if (e.name.endsWith('.ts')) out.push(p);
  }
  return out;
}

// import … from '…' / export … from '…' (over several lines), import '…', import('…').
const IMPORT_RE = /(?:^|\n)\s*(?:import|export)\s[^'";]*?from\s*['"]([^'"]+)['"]|(?:^|\n)\s*import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Relative imports of a file, resolved to src/ paths (the .js of an import names the .ts file). */
function importsOf(file: string): string[] {
  // Comments may quote imports; they don't count.
  const text = fs.readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
  const out: string[] = [];
  for (const m of text.matchAll(IMPORT_RE)) {
    const spec = m[1] ?? m[2] ?? m[3]!;
    if (!spec.startsWith('.')) continue;
    out.push(path.resolve(path.dirname(file), spec).replace(/\.js$/, '.ts'));
  }
  return out;
}

const FILES = sourceFiles(SRC);
const GRAPH = new Map(FILES.map((f) => [f, importsOf(f)]));
const rel = (f: string) => path.relative(SRC, f);
const under = (f: string, dir: string) => rel(f).startsWith(`${dir}/`);

/** Every cycle among the files under `dir` (by Tarjan's strongly connected components). */
function cyclesUnder(dir: string): string[][] {
  const nodes = FILES.filter((f) => under(f, dir));
  const inDir = new Set(nodes);
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of GRAPH.get(v) ?? []) {
      if (!inDir.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const comp: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        comp.push(rel(w));
      } while (w !== v);
      if (comp.length > 1 || (GRAPH.get(v) ?? []).includes(v)) out.push(comp.sort());
    }
  };
  for (const v of nodes) if (!index.has(v)) visit(v);
  return out;
}

describe('architecture (import statements of src/)', () => {
  it('reads the imports it judges', () => {
    // The scan itself must see imports, or every assertion below would pass vacuously.
    expect(GRAPH.get(path.join(SRC, 'report/index.ts'))).toContain(path.join(SRC, 'report/shared.ts'));
    expect(GRAPH.get(path.join(SRC, 'report/index.ts'))).toContain(path.join(SRC, 'report/html.ts')); // dynamic import()
    expect(GRAPH.get(path.join(SRC, 'loaders/index.ts'))).toContain(path.join(SRC, 'model/budget.ts')); // type-only
    expect(FILES.filter((f) => under(f, 'model')).length).toBeGreaterThan(5);
  });

  it('src/model imports nothing from src/loaders, src/rules, src/report or src/commands', () => {
    const bad: string[] = [];
    for (const f of FILES.filter((x) => under(x, 'model'))) {
      for (const to of GRAPH.get(f)!) {
        if (['loaders', 'rules', 'report', 'commands'].some((d) => under(to, d))) bad.push(`${rel(f)} → ${rel(to)}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('src/loaders imports only the public modules of src/model, and no rule, report or command', () => {
    const index = path.join(SRC, 'model/index.ts');
    const publicModel = new Set(GRAPH.get(index)!);
    expect(publicModel.size).toBeGreaterThan(3);
    const bad: string[] = [];
    for (const f of FILES.filter((x) => under(x, 'loaders'))) {
      for (const to of GRAPH.get(f)!) {
        if (under(to, 'model') && to !== index && !publicModel.has(to)) bad.push(`${rel(f)} → ${rel(to)}`);
        if (['rules', 'report', 'commands'].some((d) => under(to, d))) bad.push(`${rel(f)} → ${rel(to)}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it.each(['report', 'model', 'loaders', 'rules'])('no import cycle in src/%s', (dir) => {
    expect(cyclesUnder(dir)).toEqual([]);
  });

  it('finds a cycle when there is one (the check can fail)', () => {
    const a = path.join(SRC, 'report/shared.ts');
    const saved = GRAPH.get(a)!;
    GRAPH.set(a, [...saved, path.join(SRC, 'report/index.ts')]);
    try {
      const cycles = cyclesUnder('report');
      expect(cycles).toHaveLength(1);
      expect(cycles[0]).toEqual(expect.arrayContaining(['report/index.ts', 'report/shared.ts']));
    } finally {
      GRAPH.set(a, saved);
    }
  });
});
