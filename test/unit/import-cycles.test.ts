// No import cycle in src/ nor scripts/: a cycle makes the load order decide what a module sees (an
// undefined binding at start-up) and ties domains that should stand apart. The graph counts every relative
// import, type-only and dynamic ones included, of the .ts and .svelte files.
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const ROOTS = ['src', 'scripts'];
const SOURCE = /\.(ts|svelte)$/;
/** `import … from '…'`, `export … from '…'`, `import '…'`, and `import('…')` (dynamic, or in a type). */
const IMPORT = /(?:\bimport|\bexport)\s+(?:type\s+)?(?:[\w*${}\s,]*?\s+from\s+)?['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sources(path);
    return SOURCE.test(name) ? [path] : [];
  });
}

/** The file a relative specifier names, or undefined for a package or a file that is not source. */
function resolveImport(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = resolve(dirname(from), specifier.replace(/\?.*$/, ''));
  return [base, `${base}.ts`, join(base, 'index.ts')].find((p) => SOURCE.test(p) && existsSync(p) && statSync(p).isFile());
}

function importGraph(files: string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const targets = new Set<string>();
    for (const m of text.matchAll(IMPORT)) {
      const target = resolveImport(file, m[1] ?? m[2]);
      if (target) targets.add(target);
    }
    graph.set(file, [...targets]);
  }
  return graph;
}

/** The graph's strongly connected components of more than one file (or a file importing itself): its cycles. */
function cycles(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

describe("graphe d'imports", () => {
  const files = ROOTS.flatMap((r) => sources(join(ROOT, r)));
  const graph = importGraph(files);

  it('lit les imports de chaque fichier (le relevé lui-même fonctionne)', () => {
    const permalink = join(ROOT, 'src/core/permalink.ts');
    expect(files).toContain(permalink);
    expect(graph.get(permalink)).toContain(join(ROOT, 'src/core/dates.ts'));
    expect(cycles(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]]))).toEqual([['a', 'b', 'c']]);
  });

  it("aucun cycle d'imports dans src/ ni scripts/", () => {
    const found = cycles(graph).map((c) => c.map((f) => relative(ROOT, f)).join(' ↔ '));
    expect(found).toEqual([]);
  });
});
