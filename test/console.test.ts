import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_BUILD_DIR } from '../src/app';
import { consoleIsBuilt, createConsoleHandler } from '../src/transport/console';
import { startGateway, type Harness } from './support/gateway';

/** The console's HTTP side: where it is served, with which headers, and what a missing build says. */
describe('call console serving', () => {
  let on: Harness;
  let off: Harness;
  beforeAll(async () => {
    [on, off] = await Promise.all([startGateway(), startGateway({ env: { GATEWAY_CONSOLE: 'off' } })]);
  });
  afterAll(async () => {
    await Promise.all([on?.close(), off?.close()]);
  });

  it.skipIf(!consoleIsBuilt(CONSOLE_BUILD_DIR))(
    'serves the page and its assets at / under a self-only CSP, without auth (the page holds no secret)',
    async () => {
      const page = await fetch(`${on.url}/`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      const csp = page.headers.get('content-security-policy')!;
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self';");
      expect(csp).not.toContain('unsafe-inline');
      expect(page.headers.get('x-frame-options')).toBe('DENY');
      const html = await page.text();
      expect(html).not.toMatch(/<script>|<style>| style=/); // nothing inline for the CSP to refuse
      const script = /src="(\/console\/assets\/[^"]+\.js)"/.exec(html)?.[1];
      expect(script).toBeDefined();
      const asset = await fetch(`${on.url}${script}`);
      expect(asset.status).toBe(200);
      expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
      expect(asset.headers.get('content-security-policy')).toBe(csp);
    },
  );

  it('tells the page whether to ask for a token, and refuses paths outside the build', async () => {
    const settings = await fetch(`${on.url}/console/settings.json`);
    expect(await settings.json()).toEqual({ authRequired: true, simulator: false, demoCallControlId: null });
    for (const path of [
      '/console/../package.json',
      '/console/%2e%2e/package.json',
      '/console/assets/nope.js',
      '/console/.env',
    ]) {
      expect((await fetch(`${on.url}${path}`)).status, path).toBe(404);
    }
    expect((await fetch(`${on.url}/`, { method: 'POST' })).status).toBe(405);
  });

  it('is not served with GATEWAY_CONSOLE=off', async () => {
    expect((await fetch(`${off.url}/`)).status).toBe(404);
    expect((await fetch(`${off.url}/console/settings.json`)).status).toBe(404);
  });

  it('says the console is not built, with 503 rather than an error, when the build is missing', async () => {
    const serve = createConsoleHandler(
      () => ({ authRequired: false, simulator: false, demoCallControlId: null }),
      mkdtempSync(join(tmpdir(), 'console-')),
    );
    const server = createServer((req, res) => void serve(req, res, req.url ?? '/'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('npm run build:console');
    server.close();
  });
});
