/**
 * `npm run build`: src/main.ts bundled into dist/main.js (ESM, Node 20), with the packages left as
 * imports of node_modules, so production runs `node dist/main.js` without TypeScript or tsx.
 * Type checking is `npm run typecheck`'s job; esbuild only strips types.
 */
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${root}dist`;

rmSync(outdir, { recursive: true, force: true });
const result = await build({
  absWorkingDir: root,
  entryPoints: ['src/main.ts'],
  outdir,
  bundle: true,
  packages: 'external',
  platform: 'node',
  format: 'esm',
  target: 'node20.19',
  sourcemap: true,
  metafile: true,
  logLevel: 'warning',
});
const bytes = Object.values(result.metafile.outputs).reduce((sum, output) => sum + output.bytes, 0);
process.stdout.write(`dist/main.js built (${Math.round(bytes / 1024)} KiB with its source map)\n`);
