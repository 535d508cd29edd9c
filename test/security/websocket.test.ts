import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_WEBSOCKET_MESSAGE_BYTES } from '../../src/transport/limits';
import type { CallEvent } from '../../src/events/types';
import { signToken } from '../auth/tokens';
import { errorsOf, runWs, subscribeWs, wsClient } from '../support/clients';
import { startGateway, type Harness } from '../support/gateway';
import { waitFor } from '../support/wait';

const CALL_EVENTS = 'subscription { callEvents { id } }';

let h: Harness;
beforeAll(async () => {
  h = await startGateway({
    env: { GATEWAY_MAX_SUBSCRIPTIONS_PER_CONNECTION: '2', GATEWAY_MAX_CONNECTIONS_PER_CLIENT: '2' },
  });
});
afterAll(() => h.close());

/** A raw socket (no graphql-ws client) so tests can send anything and see exactly how it ends. */
async function rawSocket(url = h.wsUrl, protocol: string | string[] = 'graphql-transport-ws'): Promise<WebSocket> {
  const socket = new WebSocket(url, protocol);
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  return socket;
}

function closed(socket: WebSocket): Promise<{ code: number; reason: string }> {
  if (socket.readyState === WebSocket.CLOSED) return Promise.resolve({ code: -1, reason: 'already closed' });
  return new Promise((resolve) => socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
}

async function initialised(token: string): Promise<WebSocket> {
  const socket = await rawSocket();
  socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } }));
  const reply = await new Promise<string>((resolve) => socket.once('message', (data) => resolve(String(data))));
  expect(JSON.parse(reply)).toEqual({ type: 'connection_ack' });
  return socket;
}

/** The gateway still answers HTTP and a fresh websocket subscription. */
async function expectStillServing(): Promise<void> {
  const health = await fetch(`${h.url}/healthz`);
  expect(health.status).toBe(200);
  const client = wsClient(h.wsUrl, await signToken({ sub: `probe-${Math.random()}` }));
  const outcome = await runWs(client, '{ __typename }');
  expect(outcome.items[0]?.data).toEqual({ __typename: 'Query' });
  await client.dispose();
}

describe('subscriptions per connection (GATEWAY_MAX_SUBSCRIPTIONS_PER_CONNECTION=2)', () => {
  it('refuses the third concurrent operation on a socket with LIMIT_EXCEEDED, and frees the slot on complete', async () => {
    const client = wsClient(h.wsUrl, await signToken({ sub: 'subs-cap' }));
    const first = subscribeWs(client, CALL_EVENTS);
    const second = subscribeWs(client, CALL_EVENTS);
    const third = await runWs(client, CALL_EVENTS);
    expect(errorsOf(third)?.[0]?.extensions?.code).toBe('LIMIT_EXCEEDED');
    // Completing one frees its slot: a fourth is live (not refused), and then the socket is full again.
    const serving = async () => (await h.metrics.activeSubscriptions.get()).values[0]?.value ?? 0;
    const withTwo = await serving();
    first.unsubscribe();
    // graphql-ws frees the slot before it ends the subscription, so one fewer served means the slot is free.
    await waitFor(async () => (await serving()) === withTwo - 1, 'the first subscription to end');
    const fourth = subscribeWs(client, CALL_EVENTS);
    await waitFor(async () => (await serving()) === withTwo, 'the fourth subscription to be served');
    expect(fourth.collected.ended).toBe(false);
    const query = await runWs(client, '{ __typename }');
    expect(errorsOf(query)?.[0]?.extensions?.code).toBe('LIMIT_EXCEEDED');
    second.unsubscribe();
    fourth.unsubscribe();
    await client.dispose();
  });
});

describe('connections per client (GATEWAY_MAX_CONNECTIONS_PER_CLIENT=2)', () => {
  it('closes a third socket for the same token subject with 4429, serves other subjects, and frees slots on close', async () => {
    const token = await signToken({ sub: 'conn-cap' });
    const a = await initialised(token);
    const b = await initialised(token);
    const c = await rawSocket();
    c.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } }));
    expect(await closed(c)).toEqual({ code: 4429, reason: 'Too many connections for this client' });

    const other = await initialised(await signToken({ sub: 'someone-else' }));
    other.close();

    a.close();
    await closed(a);
    const d = await initialised(token);
    d.close();
    b.close();
  });

  it('keys unauthenticated clients (GATEWAY_AUTH=off) by remote address', async () => {
    const open = await startGateway({ auth: 'off', env: { GATEWAY_MAX_CONNECTIONS_PER_CLIENT: '2' } });
    try {
      const sockets: WebSocket[] = [];
      for (let i = 0; i < 2; i += 1) {
        const socket = await rawSocket(open.wsUrl);
        socket.send(JSON.stringify({ type: 'connection_init' }));
        await new Promise((resolve) => socket.once('message', resolve));
        sockets.push(socket);
      }
      const third = await rawSocket(open.wsUrl);
      third.send(JSON.stringify({ type: 'connection_init' }));
      expect((await closed(third)).code).toBe(4429);
      for (const socket of sockets) socket.close();
    } finally {
      await open.close();
    }
  });
});

/** An SSE subscription held open: resolves once the stream's first bytes arrive (or with the refusal). */
async function sseStream(url: string, token: string | undefined) {
  const abort = new AbortController();
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'text/event-stream' };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ query: CALL_EVENTS }),
    signal: abort.signal,
  });
  if (response.status === 200) await response.body!.getReader().read(); // the stream is live once its first ping arrives
  return { response, close: () => abort.abort() };
}

describe('SSE streams count toward GATEWAY_MAX_CONNECTIONS_PER_CLIENT (2) with websockets', () => {
  it('refuses a third SSE stream with 429 and Retry-After, and a websocket while two streams are held', async () => {
    const token = await signToken({ sub: 'sse-cap' });
    const first = await sseStream(h.url, token);
    const second = await sseStream(h.url, token);
    expect([first.response.status, second.response.status]).toEqual([200, 200]);

    const third = await sseStream(h.url, token);
    expect(third.response.status).toBe(429);
    expect(third.response.headers.get('retry-after')).toBe('5');
    expect(await third.response.text()).toContain('LIMIT_EXCEEDED');

    const socket = await rawSocket();
    socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } }));
    expect((await closed(socket)).code).toBe(4429);

    const other = await sseStream(h.url, await signToken({ sub: 'sse-other' }));
    expect(other.response.status).toBe(200);
    other.close();

    // A stream the client drops gives its slot back.
    first.close();
    await expect
      .poll(async () => {
        const next = await sseStream(h.url, token);
        next.close();
        return next.response.status;
      })
      .toBe(200);
    second.close();
  });

  it('counts a client with websockets and SSE together', async () => {
    const token = await signToken({ sub: 'mixed-cap' });
    const socket = await initialised(token);
    const stream = await sseStream(h.url, token);
    expect(stream.response.status).toBe(200);
    const refused = await sseStream(h.url, token);
    expect(refused.response.status).toBe(429);
    socket.close();
    await closed(socket);
    await expect
      .poll(async () => {
        const next = await sseStream(h.url, token);
        next.close();
        return next.response.status;
      })
      .toBe(200);
    stream.close();
  });

  it('keys unauthenticated SSE clients (GATEWAY_AUTH=off) by remote address', async () => {
    const open = await startGateway({ auth: 'off', env: { GATEWAY_MAX_CONNECTIONS_PER_CLIENT: '2' } });
    try {
      const streams = [await sseStream(open.url, undefined), await sseStream(open.url, undefined)];
      expect(streams.map((stream) => stream.response.status)).toEqual([200, 200]);
      expect((await sseStream(open.url, undefined)).response.status).toBe(429);
      for (const stream of streams) stream.close();
    } finally {
      await open.close();
    }
  });
});

describe('malformed websocket traffic', () => {
  it.each([
    ['garbage text', 'this is not json', 4400],
    ['JSON that is not a message', '{"hello":"world"}', 4400],
    ['an unknown message type', '{"type":"launch_missiles"}', 4400],
    ['a subscribe before connection_init', '{"id":"1","type":"subscribe","payload":{"query":"{ __typename }"}}', 4401],
    ['a connection_init with a non-object payload', '{"type":"connection_init","payload":"Bearer x"}', 4400],
  ])('closes a socket that sends %s, and keeps serving others', async (_name, frame, code) => {
    const socket = await rawSocket();
    socket.send(frame);
    expect((await closed(socket)).code).toBe(code);
    await expectStillServing();
  });

  it('closes a socket that sends binary garbage', async () => {
    const socket = await rawSocket();
    socket.send(Buffer.from([0xff, 0x00, 0xfe, 0x01, 0x80]));
    expect((await closed(socket)).code).toBe(4400);
  });

  it('closes a socket that sends a second connection_init', async () => {
    const socket = await initialised(await signToken({ sub: 'double-init' }));
    socket.send(JSON.stringify({ type: 'connection_init', payload: {} }));
    expect((await closed(socket)).code).toBe(4429);
  });

  it('answers a syntax error in a subscribe with an error, not a closed socket', async () => {
    const socket = await initialised(await signToken({ sub: 'syntax' }));
    socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: 'subscription {' } }));
    const reply = JSON.parse(
      await new Promise<string>((resolve) => socket.once('message', (data) => resolve(String(data)))),
    );
    expect(reply).toMatchObject({ id: '1', type: 'error' });
    expect(reply.payload[0].message).toMatch(/Syntax Error/);
    expect(socket.readyState).toBe(WebSocket.OPEN);
    socket.close();
  });

  it(`closes a socket that sends a message over ${MAX_WEBSOCKET_MESSAGE_BYTES} bytes (1009), and keeps serving`, async () => {
    const socket = await rawSocket();
    socket.on('error', () => {});
    socket.send(
      JSON.stringify({ type: 'connection_init', payload: { padding: 'x'.repeat(MAX_WEBSOCKET_MESSAGE_BYTES + 1) } }),
    );
    expect((await closed(socket)).code).toBe(1009);
    await expectStillServing();
  });

  it('closes a socket without the graphql-transport-ws subprotocol (4406)', async () => {
    const socket = await rawSocket(h.wsUrl, []);
    expect((await closed(socket)).code).toBe(4406);
  });

  it('does not agree to the legacy graphql-ws subprotocol', async () => {
    const socket = new WebSocket(h.wsUrl, 'graphql-ws');
    const error = await new Promise<Error>((resolve) => socket.once('error', resolve));
    expect(error.message).toMatch(/no subprotocol/);
    await expectStillServing();
  });

  it('closes a socket that never sends connection_init (4408) after the init timeout', async () => {
    const socket = await rawSocket();
    const started = Date.now();
    const { code, reason } = await closed(socket);
    expect({ code, reason }).toEqual({ code: 4408, reason: 'Connection initialisation timeout' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_900);
    expect(Date.now() - started).toBeLessThan(4_000);
  }, 10_000);

  it('keeps a socket that sends connection_init late but within the timeout, and closes the silent one beside it', async () => {
    const token = await signToken({ sub: 'late-init' });
    const [late, silent] = await Promise.all([rawSocket(), rawSocket()]);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    late.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } }));
    const reply = await new Promise<string>((resolve) => late.once('message', (data) => resolve(String(data))));
    expect(JSON.parse(reply)).toEqual({ type: 'connection_ack' });
    expect((await closed(silent)).code).toBe(4408);
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // past the late one's deadline too
    expect(late.readyState).toBe(WebSocket.OPEN);
    late.close(1000);
  }, 10_000);
});

describe('a flood of unauthenticated websocket connections', () => {
  it('stays bounded in memory and keeps serving a legitimate client', async () => {
    const legit = wsClient(h.wsUrl, await signToken({ sub: 'legit', scope: 'events:read' }), { lazy: false });
    const events = subscribeWs(legit, CALL_EVENTS);
    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;

    const FLOOD = 300;
    const sockets = await Promise.all(
      Array.from({ length: FLOOD }, async (_, i) => {
        const socket = new WebSocket(h.wsUrl, 'graphql-transport-ws');
        socket.on('error', () => {});
        await new Promise((resolve) => socket.once('open', resolve).once('close', resolve));
        // A third send a bad token, a third garbage, a third nothing at all.
        if (i % 3 === 0)
          socket.send(
            JSON.stringify({ type: 'connection_init', payload: { authorization: 'Bearer forged.token.value' } }),
          );
        if (i % 3 === 1) socket.send('garbage');
        return socket;
      }),
    );
    // While the flood is held open, the legitimate client is still served, over HTTP and its socket.
    const started = performance.now();
    const response = await h.graphql('{ latestEventCursor }', {
      token: await signToken({ sub: 'legit', scope: 'events:read' }),
    });
    expect(response.body.errors).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(1_000);
    const probe = (): CallEvent => ({
      id: `flood-${Math.random()}`,
      eventType: 'call.speak.ended',
      occurredAt: new Date().toISOString(),
      callControlId: 'v3:call-a',
      callLegId: null,
      callSessionId: null,
      connectionId: null,
      clientStateBase64: null,
      status: 'completed',
    });
    await waitFor(
      () => {
        if (events.collected.items.length > 0) return true;
        void h.events.publish(probe());
        return false;
      },
      'an event for the legitimate subscriber',
      { timeoutMs: 3_000 },
    );

    // Everything the flood opened is closed by the gateway: bad token 4403, garbage 4400, silence 4408.
    await waitFor(() => sockets.every((socket) => socket.readyState === WebSocket.CLOSED), 'the flood to be closed', {
      timeoutMs: 6_000,
    });
    expect(h.gateway.server.listening).toBe(true);
    global.gc?.();
    const heapGrowthMiB = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
    expect(heapGrowthMiB).toBeLessThan(64);
    events.unsubscribe();
    await legit.dispose();
  }, 20_000);
});
