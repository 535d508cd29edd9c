import type { Browser, Page, WebSocketRoute } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken, TEST_JWT_SECRET } from '../auth/tokens';
import { errorsOf, postGraphQL, runWs, subscribeWs, wsClient } from '../support/clients';
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

/** Where each shown panel sits, measured with the page scrolled to the top (the docked ones are fixed). */
function panelPlaces(page: Page): Promise<Array<{ name: string; top: number; left: number }>> {
  return page.locator('main form, main section').evaluateAll((panels) => {
    scrollTo(0, 0);
    return panels
      .filter((panel) => panel.checkVisibility())
      .map((panel) => {
        const box = panel.getBoundingClientRect();
        return { name: panel.id || panel.getAttribute('aria-labelledby')!, top: box.top, left: box.left };
      });
  });
}

/** Whether the newest event line is wholly inside the window and inside the log's visible part. */
function latestEventInView(page: Page): Promise<boolean> {
  return page.getByRole('log', { name: 'Call events' }).evaluate((log) => {
    const latest = log.querySelector('li:last-child');
    if (!latest) return false;
    const line = latest.getBoundingClientRect();
    const visible = log.getBoundingClientRect();
    // Scroll positions are whole pixels, boxes fractional: a pixel of slack.
    return line.top >= Math.max(0, visible.top) - 1 && line.bottom <= Math.min(innerHeight, visible.bottom) + 1;
  });
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

  it('lists the demo call as answered and chosen, and each control causes its events on the timeline', async () => {
    const { page, blocked, errors } = await open();
    expect(await page.getByRole('textbox', { name: 'Call control ID' }).inputValue()).toBe(gateway.demoCall);
    const chosen = page.getByRole('region', { name: 'Calls' }).getByRole('button', { pressed: true });
    expect(await chosen.textContent()).toMatch(/^\+\d+ to \+\d+ answered · since \d{4}-/);
    const log = page.getByRole('log', { name: 'Call events' });
    const status = page.locator('#status');

    // Recording runs while speech plays, so the speech becomes its transcription. Telnyx sends no
    // event for start, pause or resume: the console shows what its own accepted commands did.
    const recordingState = page.locator('#recording-state');
    const enabled = () =>
      Promise.all(
        ['Start recording', 'Pause recording', 'Resume recording', 'Stop recording'].map((name) =>
          page.getByRole('button', { name }).isEnabled(),
        ),
      );
    expect(await recordingState.textContent()).toBe('Not recording');
    expect(await enabled()).toEqual([true, false, false, false]);
    await page.getByRole('button', { name: 'Start recording' }).click();
    await expect.poll(() => status.textContent()).toMatch(/^Start recording: accepted/);
    expect(await recordingState.textContent()).toMatch(/^Recording since \d\d:\d\d:\d\d \S+$/);
    expect(await enabled()).toEqual([false, true, false, true]);
    await page.getByRole('textbox', { name: 'Text to speak' }).fill('Console test speech');
    await page.getByRole('button', { name: 'Speak' }).click();
    await expect.poll(() => status.textContent()).toMatch(/^Speak: accepted/);
    const speakCommand = /^Speak: accepted \(command ([0-9a-f]{8})\)$/.exec((await status.textContent())!)![1]!;
    // The call's history comes first: how it started.
    await expect
      .poll(() => timeline(page), { timeout: 15_000 })
      .toEqual(['call.initiated', 'call.answered', 'call.speak.started', 'call.speak.ended']);
    // Each event names the command that caused it (through the client state the console sent).
    expect(await log.locator('li').last().textContent()).toContain(`from your Speak command ${speakCommand}`);
    await page.getByRole('button', { name: 'Pause recording' }).click();
    await expect.poll(() => status.textContent()).toMatch(/^Pause recording: accepted/);
    expect(await recordingState.textContent()).toMatch(/^Recording paused/);
    expect(await enabled()).toEqual([false, false, true, true]);
    await page.getByRole('button', { name: 'Resume recording' }).click();
    await expect.poll(() => status.textContent()).toMatch(/^Resume recording: accepted/);
    expect(await enabled()).toEqual([false, true, false, true]);

    // In simulator mode the field offers an address and says that any plays.
    const audioUrl = page.getByRole('textbox', { name: 'Audio URL' });
    expect(await audioUrl.inputValue()).toMatch(/^https:\/\/\S+\.mp3$/);
    expect(await page.locator(`#${await audioUrl.getAttribute('aria-describedby')}`).textContent()).toMatch(
      /^Simulator mode: any http\(s\) address plays/,
    );
    await page.getByRole('button', { name: 'Play audio' }).click();
    await expect.poll(() => timeline(page), { timeout: 15_000 }).toContain('call.playback.started');
    await page.getByRole('button', { name: 'Stop audio' }).click();
    await expect.poll(() => timeline(page), { timeout: 15_000 }).toContain('call.playback.ended');

    await page.getByRole('button', { name: 'Stop recording' }).click();
    await expect
      .poll(() => timeline(page), { timeout: 15_000 })
      .toEqual(expect.arrayContaining(['call.recording.saved', 'call.recording.transcription.saved']));
    // The saved event ends the recording the console started.
    await expect.poll(() => recordingState.textContent()).toBe('Not recording');
    expect(await enabled()).toEqual([true, false, false, false]);
    // Each line carries its date and time with the zone named, not a bare local time.
    const time = log.locator('li time').first();
    expect(await time.getAttribute('datetime')).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(await time.textContent()).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} \S+$/);

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
    // Named by when it started, how long it is and its format, not by its id.
    await expect
      .poll(() => recordings.locator('h3').textContent())
      .toMatch(/^Recording started \d{4}-\d\d-\d\d \d\d:\d\d:\d\d \S+ · \d+\.\d s · MP3$/);
    expect(await recordings.textContent()).toMatch(/Channels: single · id [0-9a-f-]{36}/);
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

  it('lists calls live: a new demo call, its hang-up with cause (its speak ends with call_hangup), the same after a reload', async () => {
    const { page } = await open();
    const other = await open(); // another operator's page: the list reaches it through callUpdates
    const list = (on: Page) => on.getByRole('region', { name: 'Calls' }).locator('li button');
    const callId = page.getByRole('textbox', { name: 'Call control ID' });
    const listed = await list(page).count();

    await page.getByRole('button', { name: 'New demo call' }).click();
    await expect.poll(() => list(page).count(), { timeout: 15_000 }).toBe(listed + 1);
    // The new call is on top, chosen, answered; its history shows how it started.
    await expect.poll(() => callId.inputValue()).not.toBe(gateway.demoCall);
    const newCall = await callId.inputValue();
    const chosen = page.getByRole('region', { name: 'Calls' }).getByRole('button', { pressed: true });
    await expect.poll(() => chosen.textContent()).toMatch(/^\+\d+ to \+\d+ answered · since /);
    expect(await list(page).first().getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => timeline(page), { timeout: 15_000 }).toEqual(['call.initiated', 'call.answered']);
    await expect.poll(() => list(other.page).count(), { timeout: 15_000 }).toBe(listed + 1);

    // A long speech, and the far end hangs up while it plays.
    await page
      .getByRole('textbox', { name: 'Text to speak' })
      .fill('Still speaking when the caller hangs up. '.repeat(40));
    await page.getByRole('button', { name: 'Speak' }).click();
    await expect.poll(() => timeline(page), { timeout: 15_000 }).toContain('call.speak.started');
    await page.getByRole('button', { name: 'Hang up' }).click();
    await expect
      .poll(() => chosen.textContent(), { timeout: 15_000 })
      .toMatch(/^\+\d+ to \+\d+ ended · cause normal_clearing · at \d{4}-/);
    await expect
      .poll(() => timeline(page), { timeout: 15_000 })
      .toEqual(expect.arrayContaining(['call.speak.ended', 'call.hangup']));
    const log = page.getByRole('log', { name: 'Call events' });
    expect(await log.locator('li[data-event-type="call.speak.ended"]').textContent()).toContain('status call_hangup');
    expect(await log.locator('li[data-event-type="call.hangup"]').textContent()).toContain('cause normal_clearing');
    // An ended call takes no command.
    expect(await page.getByRole('button', { name: 'Speak' }).isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Hang up' }).isDisabled()).toBe(true);
    await expect
      .poll(() => list(other.page).first().textContent(), { timeout: 15_000 })
      .toMatch(/ended · cause normal_clearing/);
    await page.screenshot({ path: '/tmp/console-hung-up.png' });

    // A reload shows the same list, the same call chosen, and its history.
    const listBefore = await list(page).allTextContents();
    const eventsBefore = await timeline(page);
    await page.reload();
    await expect.poll(() => page.locator('#connection').textContent(), { timeout: 15_000 }).toBe('Live');
    await expect.poll(() => list(page).allTextContents(), { timeout: 15_000 }).toEqual(listBefore);
    expect(await callId.inputValue()).toBe(newCall);
    await expect.poll(() => timeline(page), { timeout: 15_000 }).toEqual(eventsBefore);
    expect(await chosen.textContent()).toMatch(/ended · cause normal_clearing/);

    // Choosing the demo call shows its own history.
    await list(page).filter({ hasText: 'answered' }).last().click();
    expect(await callId.inputValue()).toBe(gateway.demoCall);
    await expect.poll(() => timeline(page), { timeout: 15_000 }).toEqual(expect.arrayContaining(['call.answered']));
    expect(await page.getByRole('button', { name: 'Speak' }).isEnabled()).toBe(true);
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it('says so when the call to watch is unknown, instead of showing Live', async () => {
    const { page } = await open();
    await page.getByRole('textbox', { name: 'Call control ID' }).fill('v3:no-such-call');
    await page.getByRole('button', { name: 'Watch call' }).click();
    await expect.poll(() => page.locator('#connection').textContent(), { timeout: 15_000 }).toBe('No such call');
    expect(await page.locator('#stream-note').textContent()).toMatch(/^No call v3:no-such-call is known/);
    expect(await timeline(page)).toEqual([]);
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

  it('shows the message of a refused action in an alert, saying Telnyx once', async () => {
    const { page } = await open();
    const alert = page.getByRole('alert');
    // No audio source: the console asks for one itself, naming its own field.
    await page.getByRole('textbox', { name: 'Audio URL' }).fill('');
    await page.getByRole('button', { name: 'Play audio' }).click();
    expect(await alert.textContent()).toBe('BAD_USER_INPUT: Enter the address of an audio file to play');
    // A call Telnyx does not know: Telnyx refuses it; the code says who refused, the message once.
    await page.getByRole('textbox', { name: 'Call control ID' }).fill('v3:no-such-call');
    await page.getByRole('button', { name: 'Speak' }).click();
    await expect.poll(() => alert.textContent()).toMatch(/^TELNYX_ERROR: /);
    expect(await alert.textContent()).not.toMatch(/Telnyx:/i);
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

  for (const width of [1280, 400]) {
    it(`keeps every panel in place when acting, with the latest event in view after acting (${width} px)`, async () => {
      const { page } = await open({ width, height: 860 });
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
      const before = await panelPlaces(page);
      const countBefore = (await timeline(page)).length;
      await page.getByRole('textbox', { name: 'Text to speak' }).fill(`At ${width} px`);
      await page.getByRole('button', { name: 'Speak' }).click();
      // Earlier tests' late events (a replay page, a recording saved) may still arrive: look at what follows.
      await expect
        .poll(async () => (await timeline(page)).slice(countBefore), { timeout: 15_000 })
        .toEqual(expect.arrayContaining(['call.speak.started', 'call.speak.ended']));
      expect(await page.locator('#status').textContent()).toMatch(/^Speak: accepted/);
      expect(await panelPlaces(page)).toEqual(before);
      expect(await latestEventInView(page)).toBe(true);
      await page.screenshot({ path: `/tmp/console-acted-${width}.png` });

      // A refused action's alert moves nothing either.
      await page.getByRole('textbox', { name: 'Audio URL' }).fill('');
      await page.getByRole('button', { name: 'Play audio' }).click();
      expect(await page.getByRole('alert').textContent()).toMatch(/^BAD_USER_INPUT: /);
      expect(await panelPlaces(page)).toEqual(before);
      expect(await latestEventInView(page)).toBe(true);
      await page.screenshot({ path: `/tmp/console-refused-${width}.png` });
      expect(await seriousAxeViolations(page)).toEqual([]);
    });
  }
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

describe('call console when the live buffer no longer holds what it missed', () => {
  let browser: Browser;
  let gateway: Awaited<ReturnType<typeof startSimulatorGateway>>;
  let opened: OriginPage | undefined;

  beforeAll(async () => {
    [browser, gateway] = await Promise.all([
      launchBrowser(),
      startSimulatorGateway({ EVENT_BUFFER_MAX_AGE_SECONDS: '1' }),
    ]);
  });
  afterAll(async () => {
    await opened?.context.close();
    await browser?.close();
    await gateway?.stop();
  });

  it('fills from the call history what the live buffer no longer holds after an outage, and says so', async () => {
    opened = await openOriginPage(browser, gateway.url);
    const { page, context } = opened;
    const sockets: WebSocketRoute[] = [];
    let refusing = false;
    await context.routeWebSocket(/\/graphql$/, (ws) => {
      if (refusing) return ws.close({ code: 1011, reason: 'outage' });
      ws.connectToServer();
      sockets.push(ws);
    });
    await page.goto(`${gateway.url}/`);
    await expect.poll(() => page.locator('#connection').textContent(), { timeout: 15_000 }).toBe('Live');
    await expect.poll(() => timeline(page), { timeout: 15_000 }).toEqual(['call.initiated', 'call.answered']);

    refusing = true;
    for (const socket of sockets) await socket.close({ code: 1011, reason: 'outage' });
    await expect.poll(() => page.locator('#connection').textContent()).toMatch(/^Connection lost: reconnecting/);
    // Two speaks during the outage; then wait until the live buffer (1 s) has dropped them: the
    // call's history still holds them.
    let outageStart = '';
    for (let i = 0; i < 2; i++) {
      const spoken = await postGraphQL(gateway.url, SPEAK, { variables: { id: gateway.demoCall } });
      const after = (spoken.body.data as { speak: { cursor: string } }).speak.cursor;
      outageStart ||= after;
      const client = wsClient(`${gateway.url.replace('http', 'ws')}/graphql`, undefined);
      await subscribeWs(client, WATCH_EVENTS, { id: gateway.demoCall, after }, { limit: 2 }).collected.waitForEnd();
      await client.dispose();
    }
    const probe = wsClient(`${gateway.url.replace('http', 'ws')}/graphql`, undefined);
    await expect
      .poll(
        async () =>
          errorsOf(await runWs(probe, WATCH_EVENTS, { id: gateway.demoCall, after: outageStart }))?.[0]?.extensions
            ?.code,
        { timeout: 15_000 },
      )
      .toBe('CURSOR_EXPIRED');
    await probe.dispose();
    refusing = false;
    await expect
      .poll(() => page.locator('#stream-note').textContent(), { timeout: 30_000 })
      .toMatch(/^CURSOR_EXPIRED: /);
    // Every event of the outage, once, in order.
    const spoken = ['call.speak.started', 'call.speak.ended'];
    await expect
      .poll(() => timeline(page), { timeout: 15_000 })
      .toEqual(['call.initiated', 'call.answered', ...spoken, ...spoken]);
    await expect.poll(() => page.locator('#connection').textContent(), { timeout: 15_000 }).toBe('Live');
    await page.getByRole('button', { name: 'Speak' }).click();
    await expect
      .poll(() => timeline(page), { timeout: 15_000 })
      .toEqual(['call.initiated', 'call.answered', ...spoken, ...spoken, ...spoken]);
    await page.screenshot({ path: '/tmp/console-expired.png' });
    expect(await seriousAxeViolations(page)).toEqual([]);
  });
});
