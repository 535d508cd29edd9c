/**
 * `npm run startup`: start-up time (spawn → "listening" log line) and RSS at idle (after 3 s) of the
 * production build (`node dist/main.js`, built first) beside `node --import tsx src/main.ts`, in
 * simulator mode, five runs each; prints the medians.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';

const root = fileURLToPath(new URL('..', import.meta.url));
const RUNS = 5;

async function once(args: string[]): Promise<{ startMs: number; idleRssMiB: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { PATH: process.env.PATH, PORT: '0', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  const startMs = await new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('voice-media-gateway listening')) resolve(performance.now() - started);
    });
    child.once('exit', (code) => reject(new Error(`exited ${code} before listening`)));
  });
  await sleep(3_000);
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  const idleRssMiB = Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
  return { startMs, idleRssMiB };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

await new Promise<void>((resolve, reject) =>
  spawn(process.execPath, ['--import', 'tsx', 'scripts/build.ts'], { cwd: root, stdio: 'inherit' }).once(
    'exit',
    (code) => (code === 0 ? resolve() : reject(new Error('build failed'))),
  ),
);
for (const [name, args] of [
  ['node dist/main.js', ['dist/main.js']],
  ['node --import tsx src/main.ts', ['--import', 'tsx', 'src/main.ts']],
] as const) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await once([...args]));
  process.stdout.write(
    `${name}: start-up ${median(runs.map((r) => r.startMs)).toFixed(0)} ms, idle RSS ${median(runs.map((r) => r.idleRssMiB)).toFixed(0)} MiB (median of ${RUNS})\n`,
  );
}
