// The renderer's import graph, read with the TypeScript compiler: no cycles (type-only imports
// count too: a cycle of types is still two files that cannot be understood one without the other),
// screens and components never reach the bridge, and one file subscribes to PosApi's events.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const RENDERER = resolve(dirname(fileURLToPath(import.meta.url)), '../../renderer');
const SOURCE = /\.(ts|tsx)$/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return SOURCE.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The renderer file a relative specifier names, as the bundler resolves it; null for packages and shared/. */
function resolveImport(from: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  const base = resolve(dirname(from), specifier);
  const candidates = [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')];
  const found = candidates.find((path) => SOURCE.test(path) && ts.sys.fileExists(path));
  return found && found.startsWith(RENDERER) ? found : null;
}

/** Each renderer file with the renderer files it imports (static, type-only, re-exports and dynamic imports). */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(RENDERER)) {
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets = info.importedFiles.map((entry) => resolveImport(file, entry.fileName)).filter((path): path is string => path !== null);
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** Every cycle's files, found as the strongly connected components of the graph (Tarjan). */
function cycles(graph: Map<string, string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (file: string): void => {
    index.set(file, counter);
    low.set(file, counter);
    counter += 1;
    stack.push(file);
    onStack.add(file);
    for (const next of graph.get(file) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(file, Math.min(low.get(file) as number, low.get(next) as number));
      } else if (onStack.has(next)) {
        low.set(file, Math.min(low.get(file) as number, index.get(next) as number));
      }
    }
    if (low.get(file) !== index.get(file)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop() as string;
      onStack.delete(member);
      component.push(member);
    } while (member !== file);
    if (component.length > 1 || (graph.get(file) ?? []).includes(file)) found.push(component);
  };
  for (const file of graph.keys()) if (!index.has(file)) visit(file);
  return found;
}

const name = (path: string): string => relative(RENDERER, path);

describe("the renderer's imports", () => {
  it('form no cycle, type-only imports included', () => {
    const graph = importGraph();
    expect(graph.size).toBeGreaterThan(20);
    expect(cycles(graph).map((component) => component.map(name).sort())).toEqual([]);
  });

  it('keep PosApi behind the stores: no screen or component imports the bridge', () => {
    const reachBridge = [...importGraph()]
      .filter(([file, targets]) => file.endsWith('.tsx') && name(file) !== 'main.tsx' && targets.some((target) => name(target).startsWith('bridge/')))
      .map(([file]) => name(file));
    expect(reachBridge).toEqual([]);
  });

  it("subscribe to PosApi's events and the connection in events.ts only", () => {
    const subscribers = sourceFiles(RENDERER)
      .filter((file) => /\.on\(\s*'(sale-updated|status-changed)'|watchConnection\(/.test(readFileSync(file, 'utf8')))
      .map(name)
      .filter((file) => !file.startsWith('bridge/'));
    expect(subscribers).toEqual(['events.ts']);
  });

  it('finds a cycle when there is one (the check itself works)', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', ['a']],
    ]);
    expect(cycles(graph).map((component) => component.sort())).toEqual([['a', 'b', 'c']]);
  });
});
