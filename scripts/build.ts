/**
 * `npm run build`: src/main.ts bundled into dist/main.js (ESM, Node 20), with the packages left as
 * imports of node_modules, so production runs `node dist/main.js` without TypeScript or tsx.
 * Type checking is `npm run typecheck`'s job; esbuild only strips types.
 * When the repository has the browser console (console/vite.config.ts), it is built too: the server
 * finds its files relative to its own module, and dist/ sits beside src/, so both find console/dist/.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { bundleServer } from './server-bundle';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${root}dist`;

// `--no-console`: the server alone (tests build it while others read console/dist/).
if (existsSync(`${root}console/vite.config.ts`) && !process.argv.includes('--no-console')) {
  const vite = spawnSync(
    process.execPath,
    [`${root}node_modules/vite/bin/vite.js`, 'build', '--config', 'console/vite.config.ts'],
    { cwd: root, stdio: 'inherit' },
  );
  if (vite.status !== 0) process.exit(vite.status ?? 1);
}
const bytes = await bundleServer(root, 'src/main.ts', outdir);
process.stdout.write(`dist/main.js built (${Math.round(bytes / 1024)} KiB with its source map)\n`);
