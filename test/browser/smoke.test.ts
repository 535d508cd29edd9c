import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openOriginPage, seriousAxeViolations } from '../support/browser';

/** The browser support itself: a page reaches its own origin and nothing else. */
describe('browser support', () => {
  let browser: Browser;
  const server = createServer((_req, res) => {
    res.setHeader('content-type', 'text/html');
    res.end('<!doctype html><title>t</title><img src="https://example.invalid/x.png"><p id="ok">served</p>');
  });
  let origin = '';

  beforeAll(async () => {
    browser = await launchBrowser();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await browser?.close();
    server.close();
  });

  it('loads a same-origin page and refuses a request to another host', async () => {
    const { page, blocked, context } = await openOriginPage(browser, origin);
    await page.goto(origin);
    await expect.poll(() => blocked).toContain('https://example.invalid/x.png');
    expect(await page.textContent('#ok')).toBe('served');
    // axe-core runs in the page: the image without alt text is a critical violation.
    expect((await seriousAxeViolations(page)).map((violation) => violation.id)).toContain('image-alt');
    await context.close();
  });
});
