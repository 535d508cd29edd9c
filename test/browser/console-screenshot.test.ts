import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openOriginPage } from '../support/browser';
import { type GatewayProcess, startGatewayProcess } from '../support/gateway-process';

/**
 * The README's picture of the console, taken as a new user sees it after pressing Speak.
 * `npm run screenshot` writes it to docs/console.png (CONSOLE_SCREENSHOT); otherwise to a scratch file.
 */
describe('the console screenshot (docs/console.png)', () => {
  let browser: Browser;
  let gateway: GatewayProcess;
  let scratch: string;

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'vmg-screenshot-'));
    [browser, gateway] = await Promise.all([
      launchBrowser(),
      startGatewayProcess({ environment: 'fresh shell', env: { SIMULATOR_SPEED: '10' }, startTimeoutMs: 60_000 }),
    ]);
  });

  afterAll(async () => {
    await Promise.all([browser?.close(), gateway?.stop()]);
    await rm(scratch, { recursive: true, force: true });
  });

  it('shows the demo call, its history and the events of one Speak', async () => {
    const { page, context } = await openOriginPage(browser, gateway.url, { width: 1200, height: 800 });
    await page.goto(`${gateway.url}/`);
    await expect.poll(() => page.locator('#connection').textContent(), { timeout: 15_000 }).toBe('Live');
    await page.getByRole('button', { name: 'Speak' }).click();
    const events = page.getByRole('log', { name: 'Call events' }).locator('li code');
    await expect
      .poll(() => events.allTextContents(), { timeout: 15_000 })
      .toEqual(['call.initiated', 'call.answered', 'call.speak.started', 'call.speak.ended']);
    const path = process.env.CONSOLE_SCREENSHOT ?? join(scratch, 'console.png');
    await page.screenshot({ path, fullPage: true });
    const png = await readFile(path);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(1200); // the IHDR width: the whole page at the window's width
    await context.close();
  });
});
