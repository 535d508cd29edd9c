import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const repositoryRoot = fileURLToPath(new URL('../..', import.meta.url));

/**
 * A process manager (systemd, Docker, a supervisor) signals the PID it started: `kill -TERM` on the
 * PID of `npm start` must stop the gateway, not just npm while the server goes on serving.
 */
describe('npm start and SIGTERM', () => {
  let npm: ChildProcess | undefined;

  afterAll(() => {
    // The test's own process group (detached below): nothing it started survives a failed run.
    if (npm?.pid) {
      try {
        process.kill(-npm.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  });

  it('stops serving when the PID of `npm start` gets SIGTERM, and exits cleanly', async () => {
    npm = spawn('npm', ['start'], {
      cwd: repositoryRoot,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: '0', SIMULATOR_SPEED: '20' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    const graphqlUrl = await new Promise<string>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const url = /Open (http:\/\/\S+)\/graphql/.exec(output);
        if (url) resolve(url[1]!);
      };
      npm!.stdout!.on('data', onData);
      npm!.stderr!.on('data', onData);
      npm!.once('exit', (code) => reject(new Error(`npm start exited (${code}) before serving:\n${output}`)));
      setTimeout(() => reject(new Error(`npm start did not serve within 40 s:\n${output}`)), 40_000).unref();
    });
    expect((await fetch(`${graphqlUrl}/healthz`)).status).toBe(200);

    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      npm!.once('exit', (code, signal) => resolve({ code, signal })),
    );
    process.kill(npm.pid!, 'SIGTERM');
    const exit = await exited;
    expect(exit.code === 0 || exit.signal === 'SIGTERM', `exit ${JSON.stringify(exit)}:\n${output}`).toBe(true);
    expect(output).toContain('"signal":"SIGTERM","msg":"shutting down"');
    // Nothing left serving on the port: the server itself stopped, not just npm.
    await expect.poll(() => fetch(`${graphqlUrl}/healthz`).then(() => 'serving', () => 'stopped'), { timeout: 10_000 }).toBe('stopped');
  }, 60_000);
});
