import { copyFileSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

/**
 * A server entry point bundled as production runs it: ESM for Node 20, the packages left as imports
 * of node_modules (so `outdir` must sit inside the repository), GraphiQL's start script beside it
 * (src/transport/graphiql/assets.ts reads it from its own module's folder). Types are only stripped. Returns
 * the bytes written.
 */
export async function bundleServer(root: string, entryPoint: string, outdir: string): Promise<number> {
  rmSync(outdir, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: [entryPoint],
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
  copyFileSync(`${root}src/transport/graphiql/start.js`, `${outdir}/start.js`);
  return Object.values(result.metafile.outputs).reduce((sum, output) => sum + output.bytes, 0);
}
