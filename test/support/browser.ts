import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/**
 * Debian's Chromium driven by playwright-core, with every request that leaves the page's own origin
 * refused: a page that needs the internet fails its test, as it would in an air-gapped deployment.
 */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags that keep Chromium off a closed network (its background services would try) and root-safe. */
const flags = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: flags });
}

export interface OriginPage {
  context: BrowserContext;
  page: Page;
  /** Requests the page tried to send outside its origin (all refused). */
  blocked: string[];
  /** Console errors and uncaught page errors, for failure messages. */
  errors: string[];
}

/** A fresh context (own storage) whose page may only talk to `origin` (http and ws alike). */
export async function openOriginPage(
  browser: Browser,
  origin: string,
  viewport = { width: 1400, height: 900 },
): Promise<OriginPage> {
  const context = await browser.newContext({ viewport });
  const allowed = new URL(origin);
  const blocked: string[] = [];
  const errors: string[] = [];
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.host === allowed.host || url.protocol === 'data:' || url.protocol === 'blob:') return route.continue();
    blocked.push(url.href);
    return route.abort('blockedbyclient');
  });
  // Websockets do not pass through route(); refuse any to another host the same way.
  await context.routeWebSocket(/.*/, (ws) => {
    if (new URL(ws.url()).host === allowed.host) ws.connectToServer();
    else {
      blocked.push(ws.url());
      ws.close();
    }
  });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  return { context, page, blocked, errors };
}

/** Runs axe-core in the page; returns the serious and critical violations (id and first target). */
export async function seriousAxeViolations(
  page: Page,
): Promise<Array<{ id: string; impact: string; targets: string[] }>> {
  const source = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  // Evaluated through the debugging protocol, not as a <script>: the pages' CSP forbids inline scripts.
  await page.evaluate(source);
  const results = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: {
          run: (context: Document) => Promise<{
            violations: Array<{ id: string; impact: string | null; nodes: Array<{ target: unknown[] }> }>;
          }>;
        };
      }
    ).axe;
    return (await axe.run(document)).violations;
  });
  return results
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      id: violation.id,
      impact: violation.impact!,
      targets: violation.nodes.slice(0, 3).map((node) => String(node.target[0])),
    }));
}
