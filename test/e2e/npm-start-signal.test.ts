import { afterAll, describe, expect, it } from 'vitest';
import { startGatewayProcess, type GatewayProcess } from '../support/gateway-process';

/**
 * A process manager (systemd, Docker, a supervisor) signals the PID it started: `kill -TERM` on the
 * PID of `npm start` must stop the gateway, not just npm while the server goes on serving.
 */
describe('npm start and SIGTERM', () => {
  let npm: GatewayProcess | undefined;

  // The whole process group npm started: nothing it started survives a failed run.
  afterAll(() => npm?.kill('SIGKILL'));

  it('stops serving when the PID of `npm start` gets SIGTERM, and exits cleanly', async () => {
    npm = await startGatewayProcess({ entry: 'npm start', environment: 'fresh shell', env: { SIMULATOR_SPEED: '20' } });
    const graphqlUrl = npm.url;
    expect((await fetch(`${graphqlUrl}/healthz`)).status).toBe(200);

    npm.signal('SIGTERM');
    const exit = await npm.exited;
    const output = npm.output();
    expect(exit.code === 0 || exit.signal === 'SIGTERM', `exit ${JSON.stringify(exit)}:\n${output}`).toBe(true);
    expect(output).toContain('"signal":"SIGTERM","msg":"shutting down"');
    // Nothing left serving on the port: the server itself stopped, not just npm.
    await expect
      .poll(
        () =>
          fetch(`${graphqlUrl}/healthz`).then(
            () => 'serving',
            () => 'stopped',
          ),
        { timeout: 10_000 },
      )
      .toBe('stopped');
  }, 60_000);
});
