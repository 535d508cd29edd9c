import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The layers of src/ (CONTRIBUTING.md, "Where things live"): each module imports only from its own
 * layer or the ones below it, type imports included, and no import closes a cycle.
 */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SRC = join(ROOT, 'src');

/** Lowest first. */
const LAYERS: ReadonlyArray<{ name: string; holds: (path: string) => boolean }> = [
  { name: 'lib', holds: (path) => path.startsWith('lib/') },
  {
    name: 'domain',
    holds: (path) => /^(telnyx|events|webhooks|auth|recordings|tracing|limits|calls)\//.test(path),
  },
  { name: 'graphql', holds: (path) => path.startsWith('graphql/') },
  { name: 'transport', holds: (path) => path.startsWith('transport/') },
  { name: 'app', holds: (path) => ['main.ts', 'app.ts', 'config.ts'].includes(path) },
];
/** The simulator stands apart: it uses the basics, and only start-up starts it. */
const SIMULATOR = (path: string) => path.startsWith('simulator/');

function layerOf(path: string): number {
  if (SIMULATOR(path)) return 0.5; // above lib, beside everything else
  const index = LAYERS.findIndex((layer) => layer.holds(path));
  if (index < 0) throw new Error(`src/${path} is in no layer: put it in one, or add its folder to LAYERS`);
  return index;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Every relative module a file names: static imports and re-exports (type-only too) and dynamic imports. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'";]*?\sfrom\s*['"]([^'"]+)['"]/g)]
    .concat([...text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)])
    .concat([...text.matchAll(/(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g)])
    .map((match) => match[1]!)
    .filter((specifier) => specifier.startsWith('.'));
  const files = new Set(sourceFiles(SRC));
  return specifiers.map((specifier) => {
    const base = resolve(dirname(file), specifier);
    const found = [base, `${base}.ts`, join(base, 'index.ts'), base.replace(/\.js$/, '.ts')].find((c) => files.has(c));
    if (!found) throw new Error(`${relative(ROOT, file)} imports ${specifier}, which is no file of src/`);
    return found;
  });
}

const graph = new Map(sourceFiles(SRC).map((file) => [file, importsOf(file)]));
const name = (file: string) => relative(SRC, file);

/** Strongly connected components with more than one file, or a file importing itself (Tarjan). */
function cycles(): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (file: string) => {
    index.set(file, counter);
    low.set(file, counter++);
    stack.push(file);
    onStack.add(file);
    for (const next of graph.get(file) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(file, Math.min(low.get(file)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(file, Math.min(low.get(file)!, index.get(next)!));
    }
    if (low.get(file) !== index.get(file)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(name(member));
    } while (member !== file);
    if (component.length > 1 || graph.get(file)?.includes(file)) found.push(component.sort());
  };
  for (const file of graph.keys()) if (!index.has(file)) visit(file);
  return found;
}

describe('the layers of src/', () => {
  it('puts every module in a layer', () => {
    for (const file of graph.keys()) expect(() => layerOf(name(file))).not.toThrow();
  });

  it('has no import that points up a layer (type imports included)', () => {
    const upward: string[] = [];
    for (const [file, imports] of graph) {
      const from = name(file);
      for (const target of imports) {
        const to = name(target);
        const crossesToSimulator = SIMULATOR(to) && !SIMULATOR(from) && from !== 'main.ts';
        if (layerOf(to) > layerOf(from) || crossesToSimulator) upward.push(`${from} -> ${to}`);
      }
    }
    expect(upward).toEqual([]);
  });

  it('has no import cycle (type imports included)', () => {
    expect(cycles()).toEqual([]);
  });

  it('lets only start-up and the composition root read the configuration', () => {
    const readers = [...graph]
      .filter(([, imports]) => imports.some((target) => name(target) === 'config.ts'))
      .map(([file]) => name(file));
    expect(readers.filter((reader) => !['main.ts', 'app.ts'].includes(reader))).toEqual([]);
  });

  it('finds what it checks: a known import and the layer of each root module', () => {
    expect(graph.get(join(SRC, 'main.ts'))).toContain(join(SRC, 'app.ts'));
    expect(LAYERS[layerOf('lib/logger.ts')]!.name).toBe('lib');
    expect(LAYERS[layerOf('app.ts')]!.name).toBe('app');
  });
});
