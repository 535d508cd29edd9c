import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** A fresh clone has nothing beside it: no source, test or script may name a path outside the repository. */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const scanned = ['src', 'test', 'bench', 'codegen.ts', 'vitest.config.ts', 'package.json'];
const skipped = new Set(['node_modules', 'generated', 'dist']);

function files(path: string): string[] {
  const full = join(root, path);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return /\.(ts|mts|js|json|md)$/.test(path) ? [path] : [];
  return readdirSync(full).flatMap((name) => (skipped.has(name) ? [] : files(join(path, name))));
}

/** Every quoted relative path (`'../x'`), resolved from the file that names it. */
function relativePaths(file: string): Array<{ literal: string; target: string }> {
  const text = readFileSync(join(root, file), 'utf8');
  return [...text.matchAll(/['"`]((?:\.\.\/)+[^'"`\s]*)['"`]/g)].map((match) => ({
    literal: match[1]!,
    target: relative(root, resolve(root, dirname(file), match[1]!)),
  }));
}

describe('the repository stands alone', () => {
  it('names no path outside itself', () => {
    const outside = scanned.flatMap(files).flatMap((file) =>
      relativePaths(file)
        .filter(({ target }) => target.startsWith('..'))
        .map(({ literal }) => `${file}: ${literal}`),
    );
    expect(outside).toEqual([]);
  });

  it('never reads the shared research folder', () => {
    const named = scanned
      .flatMap(files)
      .filter((file) => /shared\/telnyx|\.\.\/shared/.test(readFileSync(join(root, file), 'utf8')));
    expect(named).toEqual([]);
  });
});
