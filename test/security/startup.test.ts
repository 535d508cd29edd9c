import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { TEST_JWT_SECRET } from '../auth/tokens';
import { testKeys } from '../support/signing';

const repositoryRoot = fileURLToPath(new URL('../..', import.meta.url));
const API_KEY = 'KEY_STARTUP_TEST_live_secret_0123456789';

/** Runs `src/main.ts` as production does; resolves when it exits or once it logs that it listens (then stops it). */
function runGateway(env: Record<string, string>): Promise<{ exitCode: number | null; output: string; listened: boolean }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: repositoryRoot,
    env: { PATH: process.env.PATH, PORT: '0', HOST: '127.0.0.1', TELNYX_API_BASE_URL: 'http://127.0.0.1:9/v2', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let listened = false;
  return new Promise((resolve) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (!listened && output.includes('voice-media-gateway listening')) {
        listened = true;
        child.kill('SIGTERM');
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (exitCode) => resolve({ exitCode, output, listened }));
    setTimeout(() => child.kill('SIGKILL'), 50_000).unref();
  });
}

describe('secure by default at start-up', () => {
  it('refuses to start with a real Telnyx key and no client auth, naming the variables and not the key', async () => {
    const run = await runGateway({ TELNYX_API_KEY: API_KEY, TELNYX_PUBLIC_KEY: testKeys.publicKeyBase64 });
    expect(run.listened).toBe(false);
    expect(run.exitCode).toBe(78);
    expect(run.output).toContain('GATEWAY_JWT_SECRET / GATEWAY_JWKS_URL');
    expect(run.output).not.toContain(API_KEY);
  }, 60_000);

  it('starts with GATEWAY_AUTH=off and a real key only with a warning, and with a JWT secret without one', async () => {
    const [off, jwt] = await Promise.all([
      runGateway({ TELNYX_API_KEY: API_KEY, TELNYX_PUBLIC_KEY: testKeys.publicKeyBase64, GATEWAY_AUTH: 'off' }),
      runGateway({ TELNYX_API_KEY: API_KEY, TELNYX_PUBLIC_KEY: testKeys.publicKeyBase64, GATEWAY_JWT_SECRET: TEST_JWT_SECRET }),
    ]);
    expect(off.listened).toBe(true);
    expect(off.output).toMatch(/"level":40.*GATEWAY_AUTH=off with a real Telnyx key/);
    expect(jwt.listened).toBe(true);
    expect(jwt.output).not.toContain('GATEWAY_AUTH=off');
    for (const run of [off, jwt]) {
      expect(run.output).not.toContain(API_KEY);
      expect(run.output).not.toContain(TEST_JWT_SECRET);
    }
  }, 60_000);
});
