import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken, TEST_JWT_SECRET } from '../auth/tokens';
import { launchBrowser, openOriginPage, type OriginPage } from '../support/browser';
import { type GatewayProcess, startGatewayProcess } from '../support/gateway-process';

const example = fileURLToPath(new URL('../../docs/examples/frontend/', import.meta.url));

/** The number the gateway reports on /metrics for subscriptions it is serving. */
async function activeSubscriptions(gatewayUrl: string): Promise<number> {
  const text = await (await fetch(`${gatewayUrl}/metrics`)).text();
  return Number(/^vmg_active_subscriptions (\d+)/m.exec(text)?.[1] ?? 0);
}

/**
 * docs/frontend.md's code as a reader runs it: the gateway as `npm start` runs it (with JWT auth),
 * the example served by Vite's dev server with the guide's vite.config.ts (a proxy with `ws: true`),
 * and the page in Chromium, allowed to reach the dev server's origin only.
 */
describe('the frontend guide example (docs/examples/frontend)', () => {
  let browser: Browser;
  let gateway: GatewayProcess;
  let vite: ViteDevServer;
  let cacheDir: string;
  let opened: OriginPage | undefined;

  beforeAll(async () => {
    cacheDir = await mkdtemp(join(tmpdir(), 'vmg-frontend-example-'));
    [browser, gateway] = await Promise.all([
      launchBrowser(),
      startGatewayProcess({
        environment: 'fresh shell',
        env: { SIMULATOR_SPEED: '10', GATEWAY_AUTH: 'jwt', GATEWAY_JWT_SECRET: TEST_JWT_SECRET },
        startTimeoutMs: 60_000,
      }),
    ]);
    // The example's vite.config.ts reads where the gateway is from GATEWAY_URL.
    process.env.GATEWAY_URL = gateway.url;
    vite = await createServer({
      root: example,
      configFile: join(example, 'vite.config.ts'),
      cacheDir,
      logLevel: 'silent',
      server: { host: '127.0.0.1', port: 0, strictPort: false },
    });
    await vite.listen();
  });

  afterAll(async () => {
    await opened?.context.close();
    await Promise.all([browser?.close(), vite?.close(), gateway?.stop()]);
    delete process.env.GATEWAY_URL;
    await rm(cacheDir, { recursive: true, force: true });
  });

  it('receives typed call events over websockets and SSE through the Vite proxy, with a token', async () => {
    const origin = `http://127.0.0.1:${(vite.httpServer!.address() as AddressInfo).port}`;
    const token = await signToken({ issuer: null, audience: null });
    opened = await openOriginPage(browser, origin);
    const { page, context, errors, blocked } = opened;
    await context.addInitScript((value) => sessionStorage.setItem('gateway-token', value), token);
    await page.goto(`${origin}/?call=${encodeURIComponent(gateway.demoCallControlId!)}`);
    // Both subscriptions are on the gateway's bus before the page speaks.
    await expect.poll(() => activeSubscriptions(gateway.url), { timeout: 30_000 }).toBe(2);

    await page.getByRole('button', { name: 'Speak' }).click();
    const list = (name: string) => page.getByRole('list', { name }).locator('li').allTextContents();
    const expected = ['CallSpeakStarted', 'CallSpeakEnded (COMPLETED)'];
    await expect.poll(() => list('Over websockets'), { timeout: 20_000 }).toEqual(expected);
    await expect.poll(() => list('Over SSE'), { timeout: 20_000 }).toEqual(expected);
    expect({ errors, blocked }).toEqual({ errors: [], blocked: [] });
  });
});
