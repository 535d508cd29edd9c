import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventStore } from '../../src/events/store';
import { subscribeWs } from '../support/clients';
import type { Collected } from '../support/collected';
import { startGateway } from '../support/gateway';
import { waitFor } from '../support/wait';
import { postSignedWebhook, signedWebhook } from '../support/signing';
import { speakStarted } from '../support/webhooks';

const CALL = 'v3:load-shedding';

/** Holds the store's appends until released, so that webhooks stay in flight. */
function gateAppends(store: EventStore) {
  const append = store.append.bind(store);
  let gate: Promise<void> = Promise.resolve();
  let openGate = () => {};
  store.append = async (event) => {
    await gate;
    return append(event);
  };
  return {
    hold() {
      gate = new Promise((resolve) => {
        openGate = resolve;
      });
    },
    release: () => openGate(),
  };
}

/** The gateway configured by environment as production is, with its appends gated and one subscriber to the call. */
async function startGatedGateway(env: Record<string, string>) {
  const harness = await startGateway({
    auth: 'off',
    env: { EVENT_BUFFER_PER_CALL: '10000', EVENT_BUFFER_TOTAL: '10000', SUBSCRIBER_MAX_BACKLOG: '10000', ...env },
  });
  const appends = gateAppends(harness.store);
  const { collected } = subscribeWs(
    harness.wsClient(),
    'subscription($call: ID) { callEvents(callControlId: $call) { id } }',
    {
      call: CALL,
    },
  );
  await harness.waitForSubscribers(1);
  return {
    url: harness.url,
    webhookUrl: harness.webhookUrl,
    appends,
    delivered: collected,
    async close() {
      appends.release();
      await harness.close();
    },
  };
}

async function metricsText(url: string): Promise<string> {
  return (await fetch(`${url}/metrics`)).text();
}

/** Sends the headers and a first slice of the body only: an answer can only come from before the body is read. */
function postHeadersOnly(url: string): Promise<{ status: number; retryAfter: string | undefined; body: string }> {
  const delivery = signedWebhook(speakStarted(CALL));
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', headers: { ...delivery.headers, 'content-length': String(delivery.body.length) } },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => {
          resolve({ status: res.statusCode!, retryAfter: res.headers['retry-after'], body });
          req.destroy();
        });
      },
    );
    req.on('error', (error) => (req.destroyed ? undefined : reject(error)));
    req.write(delivery.body.slice(0, 10));
  });
}

/** Keep-alive sockets, each already past one request, so that the server reads them all in one poll. */
async function warmSockets(url: string, count: number): Promise<Socket[]> {
  const { hostname, port } = new URL(url);
  return Promise.all(
    Array.from({ length: count }, async () => {
      const socket = connect(Number(port), hostname);
      await new Promise<void>((resolve) => socket.once('connect', resolve));
      socket.write(`GET /healthz HTTP/1.1\r\nHost: ${hostname}\r\n\r\n`);
      await new Promise<void>((resolve) => socket.once('data', () => resolve()));
      return socket;
    }),
  );
}

/** The status of the next response on a raw socket. */
function nextStatus(socket: Socket): Promise<number> {
  return new Promise((resolve) =>
    socket.once('data', (chunk: Buffer) => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(chunk.toString())?.[1]))),
  );
}

const ids = (collected: Collected) =>
  collected.items.map((item) => (item.data as { callEvents: { id: string } }).callEvents.id);

describe('webhook load shedding', () => {
  let gateway: Awaited<ReturnType<typeof startGatedGateway>> | undefined;
  afterEach(async () => {
    await gateway?.close();
    gateway = undefined;
  });

  it('answers 503 with Retry-After before reading the body once GATEWAY_MAX_INFLIGHT_WEBHOOKS are in flight, and delivers the accepted ones', async () => {
    gateway = await startGatedGateway({ GATEWAY_MAX_INFLIGHT_WEBHOOKS: '2', GATEWAY_MAX_EVENT_LOOP_DELAY_MS: '0' });
    const gw = gateway;
    gw.appends.hold();
    const first = speakStarted(CALL);
    const second = speakStarted(CALL);
    const inFlight = [postSignedWebhook(gw.webhookUrl, first), postSignedWebhook(gw.webhookUrl, second)];
    await waitFor(async () => /^vmg_webhooks_in_flight 2$/m.test(await metricsText(gw.url)), 'two webhooks in flight');

    const shed = await postHeadersOnly(gw.webhookUrl);
    expect(shed).toEqual({
      status: 503,
      retryAfter: '1',
      body: JSON.stringify({ status: 'shed', detail: 'overloaded; retry later' }),
    });

    gw.appends.release();
    expect((await Promise.all(inFlight)).map((response) => response.status)).toEqual([200, 200]);
    // Telnyx's retry of a shed webhook, once there is room, is accepted like any other.
    const retried = speakStarted(CALL);
    expect((await postSignedWebhook(gw.webhookUrl, retried)).status).toBe(200);
    await gw.delivered.waitFor(3);
    expect(ids(gw.delivered).sort()).toEqual([first.data.id, second.data.id, retried.data.id].sort());

    const metrics = await metricsText(gw.url);
    expect(metrics).toMatch(/^vmg_webhooks_shed_total\{reason="in_flight"\} 1$/m);
    expect(metrics).toMatch(/^vmg_webhooks_received_total\{outcome="shed"\} 1$/m);
    expect(metrics).toMatch(/^vmg_webhooks_received_total\{outcome="published"\} 3$/m);
    expect(metrics).toMatch(/^vmg_webhooks_in_flight 0$/m);
  });

  it('admits at most GATEWAY_MAX_WEBHOOKS_PER_TURN of the webhooks read in one event-loop turn and sheds the rest', async () => {
    gateway = await startGatedGateway({
      GATEWAY_MAX_INFLIGHT_WEBHOOKS: '1000',
      GATEWAY_MAX_WEBHOOKS_PER_TURN: '2',
      GATEWAY_MAX_EVENT_LOOP_DELAY_MS: '0',
    });
    const gw = gateway;
    const sockets = await warmSockets(gw.url, 6);
    const bodies = sockets.map(() => speakStarted(CALL));
    const statuses = sockets.map(nextStatus);
    // Six complete requests on six sockets, then a loop busy long enough for all of them to arrive:
    // the gateway reads them in its next poll phase, one turn.
    bodies.forEach((body, index) => {
      const delivery = signedWebhook(body);
      const headers = Object.entries({
        ...delivery.headers,
        host: '127.0.0.1',
        'content-length': Buffer.byteLength(delivery.body),
      })
        .map(([name, value]) => `${name}: ${value}\r\n`)
        .join('');
      sockets[index]!.write(`POST /webhooks/telnyx HTTP/1.1\r\n${headers}\r\n${delivery.body}`);
    });
    const until = performance.now() + 50;
    while (performance.now() < until);

    const answered = await Promise.all(statuses);
    for (const socket of sockets) socket.destroy();
    expect(answered.filter((status) => status === 200)).toHaveLength(2);
    expect(answered.filter((status) => status === 503)).toHaveLength(4);
    const accepted = bodies.filter((_, index) => answered[index] === 200).map((body) => body.data.id);
    await gw.delivered.waitFor(2);
    expect(ids(gw.delivered).sort()).toEqual(accepted.sort());
    expect(await metricsText(gw.url)).toMatch(/^vmg_webhooks_shed_total\{reason="turn"\} 4$/m);

    // The next turn admits again: Telnyx's retry of a shed webhook is accepted.
    expect((await postSignedWebhook(gw.webhookUrl, bodies[answered.indexOf(503)]!)).status).toBe(200);
    await gw.delivered.waitFor(3);
  });

  it('sheds while the event loop runs later than GATEWAY_MAX_EVENT_LOOP_DELAY_MS, delivers every webhook it accepted, and recovers', async () => {
    gateway = await startGatedGateway({ GATEWAY_MAX_INFLIGHT_WEBHOOKS: '1000', GATEWAY_MAX_EVENT_LOOP_DELAY_MS: '50' });
    const gw = gateway;
    // Hog this process's event loop (the gateway's) 150 ms of every 200 ms while webhooks arrive.
    const hog = setInterval(() => {
      const until = performance.now() + 150;
      while (performance.now() < until);
    }, 50);
    const answers: Array<{ id: string; status: number; retryAfter: string | null }> = [];
    try {
      await waitFor(
        async () => /^vmg_event_loop_delay_seconds 0\.[1-9]/m.test(await metricsText(gw.url)),
        'a late event loop seen',
      );
      await Promise.all(
        Array.from({ length: 40 }, async () => {
          const body = speakStarted(CALL);
          const response = await postSignedWebhook(gw.webhookUrl, body);
          answers.push({ id: body.data.id, status: response.status, retryAfter: response.headers.get('retry-after') });
        }),
      );
    } finally {
      clearInterval(hog);
    }
    const shed = answers.filter((answer) => answer.status === 503);
    expect(shed.length).toBeGreaterThan(0);
    expect(shed.every((answer) => answer.retryAfter === '1')).toBe(true);
    expect(answers.every((answer) => answer.status === 200 || answer.status === 503)).toBe(true);
    expect(await metricsText(gw.url)).toMatch(
      new RegExp(`^vmg_webhooks_shed_total\\{reason="event_loop_delay"\\} ${shed.length}$`, 'm'),
    );

    // Once the loop is on time again, webhooks are accepted again.
    let recovered: { id: string } | undefined;
    await waitFor(async () => {
      const body = speakStarted(CALL);
      if ((await postSignedWebhook(gw.webhookUrl, body)).status !== 200) return false;
      recovered = body.data;
      return true;
    }, 'a webhook accepted after the delay passed');
    const accepted = [...answers.filter((answer) => answer.status === 200).map((answer) => answer.id), recovered!.id];
    await gw.delivered.waitFor(accepted.length);
    expect(ids(gw.delivered).sort()).toEqual(accepted.sort());
  });
});
