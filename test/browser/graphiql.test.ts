import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken, TEST_AUDIENCE, TEST_ISSUER, TEST_JWT_SECRET } from '../auth/tokens';
import { launchBrowser, openOriginPage } from '../support/browser';
import { startGatewayProcess, type GatewayProcess } from '../support/gateway-process';

/** `npm start` with nothing configured (simulator mode), plus `env`, speech in real time. */
function startSimulatorGateway(env: Record<string, string> = {}): Promise<GatewayProcess> {
  return startGatewayProcess({
    environment: 'fresh shell',
    env: { SIMULATOR_SPEED: '1', LOG_LEVEL: 'warn', ...env },
    startTimeoutMs: 30_000,
  });
}

async function speak(gateway: GatewayProcess, token?: string): Promise<unknown> {
  const response = await fetch(`${gateway.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({
      query:
        'mutation($id: ID!) { speak(input: {callControlId: $id, payload: "Hello from the browser test; this sentence keeps the call speaking for a few seconds.", voice: "Telnyx.KokoroTTS.af"}) { result } }',
      variables: { id: gateway.demoCallControlId },
    }),
  });
  return response.json();
}

/** Subscriptions the gateway is serving, from its own metrics: the condition for "the subscription is live". */
async function activeSubscriptions(gateway: GatewayProcess): Promise<number> {
  const metrics = await (await fetch(`${gateway.url}/metrics`)).text();
  return Number(/^vmg_active_subscriptions(?:\{[^}]*\})? (\d+)/m.exec(metrics)?.[1] ?? 0);
}

/** What a person reads in a pane (Monaco renders spaces as no-break spaces). */
const paneText = async (page: Page, selector: string) =>
  ((await page.locator(selector).textContent()) ?? '').replace(/\u00a0/g, ' ');
const queryEditorText = (page: Page) => paneText(page, '.graphiql-query-editor');
const resultText = (page: Page) => paneText(page, '.graphiql-response');

describe('GraphiQL in Chromium, offline (simulator mode)', () => {
  let browser: Browser;
  let gateway: GatewayProcess;

  beforeAll(async () => {
    [browser, gateway] = await Promise.all([launchBrowser(), startSimulatorGateway()]);
  });
  afterAll(async () => {
    await browser?.close();
    await gateway?.kill('SIGKILL');
  });

  it('opens on the demo subscription, runs it, and shows the events a speak causes', async () => {
    const { page, blocked, errors, context } = await openOriginPage(browser, gateway.url);
    await page.goto(`${gateway.url}/graphql`);

    // The first tab, on a fresh load, is the demo subscription with the demo call filled in.
    await expect.poll(() => queryEditorText(page), { timeout: 30_000 }).toContain('subscription WatchDemoCall');
    expect(await page.getByRole('tab', { selected: true }).textContent()).toContain('WatchDemoCall');
    await expect.poll(() => paneText(page, '.graphiql-editor-tool')).toContain(gateway.demoCallControlId);

    await page.getByRole('button', { name: /execute query/i }).click();
    await expect.poll(() => activeSubscriptions(gateway), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await speak(gateway)).toEqual({ data: { speak: { result: 'ok' } } });

    // GraphiQL shows a subscription's latest event: started while the call speaks (real-time speech), then ended.
    await expect
      .poll(() => resultText(page), { timeout: 15_000 })
      .toMatch(/"CallSpeakStarted"[\s\S]*"call\.speak\.started"/);
    await page.screenshot({ path: '/tmp/graphiql-demo-subscription.png' });
    await expect.poll(() => resultText(page), { timeout: 30_000 }).toMatch(/"CallSpeakEnded"[\s\S]*"COMPLETED"/);

    expect(blocked).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});

/** Rendered lines of the query editor wider than its visible area (Monaco renders only the lines in view). */
const linesCutOff = (page: Page) =>
  page.evaluate(() => {
    const visible = document.querySelector('.graphiql-query-editor .overflow-guard')!.getBoundingClientRect();
    return [...document.querySelectorAll('.graphiql-query-editor .view-line > span')]
      .filter((line) => line.getBoundingClientRect().right > visible.right)
      .map((line) => line.textContent);
  });

describe('GraphiQL in a 1280-pixel-wide window (simulator mode)', () => {
  let browser: Browser;
  let gateway: GatewayProcess;

  beforeAll(async () => {
    [browser, gateway] = await Promise.all([launchBrowser(), startSimulatorGateway()]);
  });
  afterAll(async () => {
    await browser?.close();
    await gateway?.kill('SIGKILL');
  });

  it('shows every line of the first tab whole', async () => {
    const { page, context } = await openOriginPage(browser, gateway.url, { width: 1280, height: 800 });
    await page.goto(`${gateway.url}/graphql`);
    await expect.poll(() => queryEditorText(page), { timeout: 30_000 }).toContain('# Run this subscription');
    await page.screenshot({ path: '/tmp/graphiql-first-tab-1280.png' });
    expect(await page.locator('.graphiql-query-editor .view-line').count()).toBeGreaterThan(10);
    expect(await linesCutOff(page)).toEqual([]);
    // The rest of the tab, scrolled into view.
    await page.locator('.graphiql-query-editor .view-lines').click();
    await page.keyboard.press('ControlOrMeta+End');
    await expect.poll(() => queryEditorText(page)).toContain('recordingUrls');
    expect(await linesCutOff(page)).toEqual([]);
    await context.close();
  });
});

describe('GraphiQL with client auth on (GATEWAY_AUTH=jwt, simulator mode)', () => {
  let browser: Browser;
  let gateway: GatewayProcess;
  const authEnv = {
    GATEWAY_AUTH: 'jwt',
    GATEWAY_JWT_SECRET: TEST_JWT_SECRET,
    GATEWAY_JWT_ISSUER: TEST_ISSUER,
    GATEWAY_JWT_AUDIENCE: TEST_AUDIENCE,
  };

  beforeAll(async () => {
    [browser, gateway] = await Promise.all([launchBrowser(), startSimulatorGateway(authEnv)]);
  });
  afterAll(async () => {
    await browser?.close();
    await gateway?.kill('SIGKILL');
  });

  it('carries no secret, takes the token in the header editor, and subscribes with it over the websocket', async () => {
    const html = await (await fetch(`${gateway.url}/graphql`, { headers: { accept: 'text/html' } })).text();
    expect(html).not.toContain(TEST_JWT_SECRET);
    expect(html).not.toMatch(/eyJ[\w-]+\.[\w-]+/); // nothing JWT-shaped

    const { page, blocked, errors, context } = await openOriginPage(browser, gateway.url);
    await page.goto(`${gateway.url}/graphql`);
    // The header editor is open, with where the token goes.
    const headerEditor = page.getByRole('region', { name: 'Headers' }).getByRole('code');
    await expect.poll(() => paneText(page, '.graphiql-editor-tool'), { timeout: 30_000 }).toContain('Bearer <token>');

    const token = await signToken({ scope: 'events:read media:write' });
    await headerEditor.click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Backspace');
    await expect.poll(() => paneText(page, '.graphiql-editor-tool')).not.toContain('Bearer');
    await page.keyboard.insertText(JSON.stringify({ Authorization: `Bearer ${token}` }));
    await expect.poll(() => paneText(page, '.graphiql-editor-tool')).toContain(`${token}"}`);

    await page.getByRole('button', { name: /execute query/i }).click();
    await expect.poll(() => activeSubscriptions(gateway), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await speak(gateway, token)).toEqual({ data: { speak: { result: 'ok' } } });
    await expect
      .poll(() => resultText(page), { timeout: 15_000 })
      .toMatch(/"CallSpeakStarted"[\s\S]*"call\.speak\.started"/);

    expect(blocked).toEqual([]);
    // Before the token was entered, the schema request was refused (401), which the browser logs; nothing else.
    expect(errors.filter((error) => !error.includes('status of 401'))).toEqual([]);
    await context.close();
  });
});
