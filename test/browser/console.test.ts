import type { Browser, Page, WebSocketRoute } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken, TEST_JWT_SECRET } from '../auth/tokens';
import { postGraphQL, subscribeWs, wsClient } from '../support/clients';
import { launchBrowser, openOriginPage, seriousAxeViolations, type OriginPage } from '../support/browser';
import { startGatewayProcess } from '../support/gateway-process';

/** The gateway as `npm start` runs it (simulator mode, no env), on a free port, speech 10× faster. */
async function startSimulatorGateway(env: Record<string, string> = {}) {
  const gateway = await startGatewayProcess({
    environment: 'fresh shell',
    env: { SIMULATOR_SPEED: '10', LOG_LEVEL: 'info', ...env },
    startTimeoutMs: 60_000,
  });
  return { ...gateway, demoCall: gateway.demoCallControlId! };
}

const SPEAK =
  'mutation($id: ID!) { speak(input: { callControlId: $id, payload: "During the outage", voice: "Telnyx.KokoroTTS.af" }) { cursor } }';
const WATCH_EVENTS =
  'subscription($id: ID!, $after: String) { callEvents(callControlId: $id, after: $after) { eventType } }';

/** The event types on the timeline after a cursor (cursors are `<ms>-<seq>`). */
async function eventsAfter(page: Page, cursor: string): Promise<string[]> {
  const key = (value: string) => value.split('-').map(Number) as [number, number];
  const [ms, seq] = key(cursor);
  const items = await page
    .getByRole('log', { name: 'Call events' })
    .locator('li')
    .evaluateAll((lis) =>
      lis.map((li) => ({ cursor: (li as HTMLElement).dataset.cursor!, type: (li as HTMLElement).dataset.eventType! })),
    );
  return items
    .filter((item) => {
      const [itemMs, itemSeq] = key(item.cursor);
      return itemMs > ms || (itemMs === ms && itemSeq > seq);
    })
    .map((item) => item.type);
}

/** The Telnyx event types on the timeline, in order. */
function timeline(page: Page): Promise<string[]> {
  return page.getByRole('log', { name: 'Call events' }).locator('li code').allTextContents();
}

describe('call console at /', () => {
  let browser: Browser;
  let gateway: Awaited<ReturnType<typeof startSimulatorGateway>>;
  const pages: OriginPage[] = [];

  async function open(viewport?: { width: number; height: number }): Promise<OriginPage> {
    const opened = await openOriginPage(browser, gateway.url, viewport);
    pages.push(opened);
    await opened.page.goto(`${gateway.url}/`);
    await expect.poll(() => opened.page.locator('#connection').textContent(), { timeout: 15_000 }).toBe('Live');
    return opened;
  }

  beforeAll(async () => {
    [browser, gateway] = await Promise.all([launchBrowser(), startSimulatorGateway()]);
  });
  afterAll(async () => {
    for (const { context } of pages) await context.close();
    await browser?.close();
    await gateway?.stop();
  });

  it('fills in the demo call, and each control causes its events on the timeline', async () => {
    const { page, blocked, errors } = await open();
    expect(await page.getByRole('textbox', { name: 'Call control ID' }).inputValue()).toBe(gateway.demoCall);
    const log = page.getByRole('log', { name: 'Call events' });
    const status = page.locator('#status');

    // Recording runs while speech plays, so the speech becomes its transcription.
    await page.getByRole('button', { name: 'Start recording' }).click();
    await expect.poll(() => status.textContent()).toMatch(/^Start recording: accepted/);
    await page.getByRole('textbox', { name: 'Text to speak' }).fill('Console test speech');
    await page.getByRole('button', { name: 'Speak' }).click();
    // The demo call's own lifecycle events come first: the console replays the call from its start.
    await expect
      .poll(() => timeline(page), { timeout: 15_000 })
      .toEqual(['call.initiated', 'call.answered', 'call.speak.started', 'call.speak.ended']);
    await page.getByRole('button', { name: 'Pause recording' }).click();
    await expect.poll(() => status.textContent()).toMatch(/^Pause recording: accepted/);
    await page.getByRole('button', { name: 'Resume recording' }).click();
    await expect.poll(() => status.textContent()).toMatch(/^Resume recording: accepted/);

    await page.getByRole('textbox', { name: 'Audio URL' }).fill('https://media.example.com/hold-music.mp3');
    await page.getByRole('button', { name: 'Play audio' }).click();
    await expect.poll(() => timeline(page), { timeout: 15_000 }).toContain('call.playback.started');
    await page.getByRole('button', { name: 'Stop audio' }).click();
    await expect.poll(() => timeline(page), { timeout: 15_000 }).toContain('call.playback.ended');

    await page.getByRole('button', { name: 'Stop recording' }).click();
    await expect
      .poll(() => timeline(page), { timeout: 15_000 })
      .toEqual(expect.arrayContaining(['call.recording.saved', 'call.recording.transcription.saved']));
    // Each line carries its time.
    expect(await log.locator('li time').first().getAttribute('datetime')).toMatch(/^\d{4}-\d\d-\d\dT/);

    // The recording plays from the gateway's origin, with its facts and transcription.
    const recordings = page.getByRole('region', { name: 'Recordings' });
    const audio = recordings.locator('audio[controls]');
    await expect.poll(() => audio.count()).toBe(1);
    const src = await audio.evaluate((element: HTMLAudioElement) => element.src);
    expect(new URL(src).origin).toBe(gateway.url);
    expect(new URL(src).pathname).toMatch(/^\/recordings\/[^/]+\/audio\.mp3$/);
    await expect
      .poll(() => audio.evaluate((element: HTMLAudioElement) => element.readyState), { timeout: 15_000 })
      .toBeGreaterThanOrEqual(1);
    const ranged = await page.evaluate(async (url) => {
      const response = await fetch(url, { headers: { range: 'bytes=0-99' } });
      return {
        status: response.status,
        type: response.headers.get('content-type'),
        bytes: (await response.arrayBuffer()).byteLength,
      };
    }, src);
    expect(ranged).toEqual({ status: 206, type: 'audio/mpeg', bytes: 100 });
    await expect.poll(() => recordings.textContent()).toMatch(/Duration \d+\.\d s · Channels: single/);
    await expect.poll(() => recordings.textContent(), { timeout: 15_000 }).toContain('Console test speech');

    await page.screenshot({ path: '/tmp/console-wide.png', fullPage: true });
    expect(blocked).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('shows a reload the earlier events again, once each', async () => {
    const { page } = await open();
    await expect.poll(() => timeline(page), { timeout: 15_000 }).toContain('call.recording.transcription.saved');
    const before = await timeline(page);
    await page.reload();
    await expect.poll(() => timeline(page), { timeout: 15_000 }).toEqual(before);
    expect(before.filter((type) => type === 'call.speak.started')).toHaveLength(1);
    await expect.poll(() => page.getByRole('region', { name: 'Recordings' }).locator('audio').count()).toBe(1);
  });

  it('resumes after a dropped socket from its last cursor: the events of the outage arrive once, in order', async () => {
    const opened = await openOriginPage(browser, gateway.url);
    pages.push(opened);
    const { page, context } = opened;
    // Route the page's sockets through the test (registered last, so this handler wins) to cut them at will.
    const sockets: WebSocketRoute[] = [];
    let refusing = false;
    await context.routeWebSocket(/\/graphql$/, (ws) => {
      if (refusing) return ws.close({ code: 1011, reason: 'outage' });
      ws.connectToServer();
      sockets.push(ws);
    });
    await page.goto(`${gateway.url}/`);
    await expect.poll(() => page.locator('#connection').textContent(), { timeout: 15_000 }).toBe('Live');
    // A speak before the outage, seen live.
    const first = await postGraphQL(gateway.url, SPEAK, { variables: { id: gateway.demoCall } });
    const firstCursor = (first.body.data as { speak: { cursor: string } }).speak.cursor;
    await expect
      .poll(() => eventsAfter(page, firstCursor), { timeout: 15_000 })
      .toEqual(['call.speak.started', 'call.speak.ended']);
    const before = await timeline(page);

    refusing = true;
    await sockets.at(-1)!.close({ code: 1011, reason: 'outage' });
    await expect.poll(() => page.locator('#connection').textContent()).toMatch(/^Connection lost: reconnecting/);
    // Speak during the outage, from outside the page, and wait until the gateway has both events.
    const spoken = await postGraphQL(gateway.url, SPEAK, { variables: { id: gateway.demoCall } });
    expect(spoken.body.errors).toBeUndefined();
    const after = (spoken.body.data as { speak: { cursor: string } }).speak.cursor;
    const client = wsClient(`${gateway.url.replace('http', 'ws')}/graphql`, undefined);
    const watcher = subscribeWs(client, WATCH_EVENTS, { id: gateway.demoCall, after }, { limit: 2 });
    const outageEvents = (await watcher.collected.waitForEnd()).items.map(
      (result) => (result.data as { callEvents: { eventType: string } }).callEvents.eventType,
    );
    await client.dispose();
    expect(outageEvents).toEqual(['call.speak.started', 'call.speak.ended']);

    refusing = false;
    await expect.poll(() => page.locator('#connection').textContent(), { timeout: 30_000 }).toBe('Live');
    await expect
      .poll(() => timeline(page), { timeout: 15_000 })
      .toEqual([...before, 'call.speak.started', 'call.speak.ended']);
    const cursors = await page
      .getByRole('log', { name: 'Call events' })
      .locator('li')
      .evaluateAll((items) => items.map((item) => (item as HTMLElement).dataset.cursor));
    expect(new Set(cursors).size).toBe(cursors.length);
  });

  it('shows the message of a refused action in an alert', async () => {
    const { page } = await open();
    const alert = page.getByRole('alert');
    // No audio source: the gateway refuses it before Telnyx.
    await page.getByRole('textbox', { name: 'Audio URL' }).fill('');
    await page.getByRole('button', { name: 'Play audio' }).click();
    await expect.poll(() => alert.textContent()).toMatch(/^BAD_USER_INPUT: /);
    // A call Telnyx does not know: Telnyx refuses it.
    await page.getByRole('textbox', { name: 'Call control ID' }).fill('v3:no-such-call');
    await page.getByRole('button', { name: 'Speak' }).click();
    await expect.poll(() => alert.textContent()).toMatch(/^TELNYX_ERROR: /);
    await page.screenshot({ path: '/tmp/console-alert.png' });
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it('has no serious or critical axe violation with events and recordings shown', async () => {
    const { page } = await open();
    await expect
      .poll(() => page.getByRole('region', { name: 'Recordings' }).locator('audio').count(), { timeout: 15_000 })
      .toBe(1);
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it('is usable on a narrow window', async () => {
    const { page } = await open({ width: 400, height: 860 });
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    const countBefore = (await timeline(page)).length;
    await page.getByRole('textbox', { name: 'Text to speak' }).fill('Narrow');
    await page.getByRole('button', { name: 'Speak' }).click();
    // Earlier tests' late events (a replay page, a recording saved) may still arrive: look at what follows.
    await expect
      .poll(async () => (await timeline(page)).slice(countBefore), { timeout: 15_000 })
      .toEqual(expect.arrayContaining(['call.speak.started', 'call.speak.ended']));
    await page.screenshot({ path: '/tmp/console-narrow.png', fullPage: true });
    expect(await seriousAxeViolations(page)).toEqual([]);
  });
});

describe('call console with client auth (JWT)', () => {
  let browser: Browser;
  let gateway: Awaited<ReturnType<typeof startSimulatorGateway>>;
  let opened: OriginPage | undefined;

  beforeAll(async () => {
    [browser, gateway] = await Promise.all([
      launchBrowser(),
      startSimulatorGateway({ GATEWAY_AUTH: 'jwt', GATEWAY_JWT_SECRET: TEST_JWT_SECRET }),
    ]);
  });
  afterAll(async () => {
    await opened?.context.close();
    await browser?.close();
    await gateway?.stop();
  });

  it('asks for a token, shows UNAUTHENTICATED and FORBIDDEN plainly, then works with a good one and plays signed audio', async () => {
    opened = await openOriginPage(browser, gateway.url);
    const { page } = opened;
    await page.goto(`${gateway.url}/`);
    const token = page.getByRole('textbox', { name: 'Access token' });
    const alert = page.getByRole('alert');
    const connection = page.locator('#connection');
    await expect.poll(() => connection.textContent()).toBe('Enter an access token to connect');
    expect(await page.content()).not.toMatch(/eyJ[\w-]+\./); // no token in the page

    await token.fill('not-a-jwt');
    await page.getByRole('button', { name: 'Use token' }).click();
    await expect.poll(() => alert.textContent(), { timeout: 15_000 }).toMatch(/^UNAUTHENTICATED: /);

    await token.fill(await signToken({ issuer: null, audience: null, calls: ['v3:another-call'] }));
    await page.getByRole('button', { name: 'Use token' }).click();
    await expect.poll(() => alert.textContent(), { timeout: 15_000 }).toMatch(/^FORBIDDEN: /);

    const good = await signToken({ issuer: null, audience: null, calls: [gateway.demoCall] });
    await token.fill(good);
    await page.getByRole('button', { name: 'Use token' }).click();
    await expect.poll(() => connection.textContent(), { timeout: 15_000 }).toBe('Live');
    expect(await page.evaluate(() => Object.values(sessionStorage))).toEqual([good]);
    expect(await alert.textContent()).toBe('');

    await page.getByRole('button', { name: 'Start recording' }).click();
    await page.getByRole('textbox', { name: 'Text to speak' }).fill('Signed audio');
    await page.getByRole('button', { name: 'Speak' }).click();
    await expect.poll(() => timeline(page), { timeout: 15_000 }).toContain('call.speak.ended');
    await page.getByRole('button', { name: 'Stop recording' }).click();
    const audio = page.getByRole('region', { name: 'Recordings' }).locator('audio');
    await expect.poll(() => audio.count(), { timeout: 15_000 }).toBe(1);
    const src = await audio.evaluate((element: HTMLAudioElement) => element.src);
    expect(new URL(src).origin).toBe(gateway.url);
    expect(new URL(src).searchParams.get('sig')).toBeTruthy();
    await expect
      .poll(() => audio.evaluate((element: HTMLAudioElement) => element.readyState), { timeout: 15_000 })
      .toBeGreaterThanOrEqual(1);
    await page.screenshot({ path: '/tmp/console-jwt.png', fullPage: true });
  });
});

describe('call console when the buffer no longer holds the start of the call', () => {
  let browser: Browser;
  let gateway: Awaited<ReturnType<typeof startSimulatorGateway>>;
  let opened: OriginPage | undefined;

  beforeAll(async () => {
    [browser, gateway] = await Promise.all([launchBrowser(), startSimulatorGateway({ EVENT_BUFFER_PER_CALL: '2' })]);
  });
  afterAll(async () => {
    await opened?.context.close();
    await browser?.close();
    await gateway?.stop();
  });

  it('explains CURSOR_EXPIRED and continues live from now', async () => {
    // Two speaks: four events, of which the buffer keeps the last two.
    for (let i = 0; i < 2; i++) {
      const spoken = await postGraphQL(gateway.url, SPEAK, { variables: { id: gateway.demoCall } });
      const after = (spoken.body.data as { speak: { cursor: string } }).speak.cursor;
      const client = wsClient(`${gateway.url.replace('http', 'ws')}/graphql`, undefined);
      await subscribeWs(client, WATCH_EVENTS, { id: gateway.demoCall, after }, { limit: 2 }).collected.waitForEnd();
      await client.dispose();
    }
    opened = await openOriginPage(browser, gateway.url);
    const { page } = opened;
    await page.goto(`${gateway.url}/`);
    await expect
      .poll(() => page.locator('#stream-note').textContent(), { timeout: 15_000 })
      .toMatch(/^CURSOR_EXPIRED: /);
    await expect.poll(() => page.locator('#connection').textContent(), { timeout: 15_000 }).toBe('Live');
    await page.getByRole('button', { name: 'Speak' }).click();
    await expect.poll(() => timeline(page), { timeout: 15_000 }).toEqual(['call.speak.started', 'call.speak.ended']);
    await page.screenshot({ path: '/tmp/console-expired.png' });
    expect(await seriousAxeViolations(page)).toEqual([]);
  });
});
