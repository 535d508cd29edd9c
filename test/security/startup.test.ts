import { describe, expect, it } from 'vitest';
import { TEST_JWT_SECRET } from '../auth/tokens';
import { runGatewayProcess } from '../support/gateway-process';

const API_KEY = 'KEY_STARTUP_TEST_live_secret_0123456789';

/** `src/main.ts` as production runs it, with a real-looking key and client auth as `auth` says. */
function runGateway(auth: Record<string, string | undefined>) {
  return runGatewayProcess({ env: { TELNYX_API_KEY: API_KEY, GATEWAY_AUTH: undefined, ...auth } });
}

describe('secure by default at start-up', () => {
  it('refuses to start with a real Telnyx key and no client auth, naming the variables and not the key', async () => {
    const run = await runGateway({});
    expect(run.listened).toBe(false);
    expect(run.exit.code).toBe(78);
    expect(run.output).toContain('GATEWAY_JWT_SECRET / GATEWAY_JWKS_URL');
    expect(run.output).not.toContain(API_KEY);
  }, 60_000);

  it('starts with GATEWAY_AUTH=off and a real key only with a warning, and with a JWT secret without one', async () => {
    const [off, jwt] = await Promise.all([
      runGateway({ GATEWAY_AUTH: 'off' }),
      runGateway({ GATEWAY_JWT_SECRET: TEST_JWT_SECRET }),
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
