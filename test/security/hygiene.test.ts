import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../auth/tokens';
import { makeEvent } from '../events/make-event';
import { createTestKeyPair, signedWebhook, testKeys, type TestKeyPair } from '../support/signing';
import { speakStarted } from '../support/webhooks';
import { subscribeWs, wsClient } from '../support/clients';
import { startGateway, TEST_API_KEY, type Harness } from '../support/gateway';
import { waitFor } from '../support/wait';

/**
 * One broad scenario (good and bad tokens over HTTP, SSE and websockets, good and forged webhooks,
 * Telnyx refusing and Telnyx unreachable, bad input), capturing every response and every log line,
 * then searching all of it for the API key, every JWT and every webhook signature used.
 */
let h: Harness;
let unreachable: Harness;
const seen: string[] = [];
const secrets = new Set<string>([TEST_API_KEY]);

async function token(options: Parameters<typeof signToken>[0] = {}): Promise<string> {
  const jwt = await signToken(options);
  secrets.add(jwt);
  secrets.add(jwt.split('.')[2]!); // the signature alone is a secret too
  return jwt;
}

async function record(response: Response): Promise<void> {
  seen.push(`${response.status} ${JSON.stringify([...response.headers.entries()])} ${await response.text()}`);
}

/** A speak whose client state, "hello", the live subscriber must receive. */
const helloSpoken = () => speakStarted('v3:call-a', { client_state: Buffer.from('hello').toString('base64') });

function webhook(url: string, body: object, keys: TestKeyPair) {
  const delivery = signedWebhook(body, { privateKey: keys.privateKey });
  secrets.add(delivery.headers['telnyx-signature-ed25519']!);
  return fetch(`${url}/webhooks/telnyx`, { method: 'POST', headers: delivery.headers, body: delivery.body });
}

const PLAY =
  'mutation($id: ID!) { startPlayback(input: { callControlId: $id, audioUrl: "https://example.com/a.mp3" }) { result } }';

beforeAll(async () => {
  h = await startGateway({ env: { LOG_LEVEL: 'trace' } });
  unreachable = await startGateway({
    env: { LOG_LEVEL: 'trace', TELNYX_API_BASE_URL: 'http://127.0.0.1:9/v2', TELNYX_TIMEOUT_MS: '500' },
  });

  const gql = (url: string, query: string, variables: unknown, authorization?: string) =>
    fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: JSON.stringify({ query, variables }),
    });

  // HTTP: good, expired, forged, wrong audience, garbage after a real token, no scope.
  const good = await token({ scope: 'media:write events:read' });
  await record(await gql(h.url, PLAY, { id: 'v3:call-a' }, `Bearer ${good}`));
  await record(await gql(h.url, PLAY, { id: 'v3:call-a' }, `Bearer ${await token({ expiresIn: -30 })}`));
  await record(
    await gql(
      h.url,
      PLAY,
      { id: 'v3:call-a' },
      `Bearer ${await token({ secret: 'forged-secret-0123456789-abcdefghijklmnop' })}`,
    ),
  );
  await record(await gql(h.url, PLAY, { id: 'v3:call-a' }, `Bearer ${await token({ audience: 'elsewhere' })}`));
  await record(await gql(h.url, PLAY, { id: 'v3:call-a' }, `Bearer ${good}!!`));
  await record(await gql(h.url, PLAY, { id: 'v3:call-a' }, `Basic ${good}`));
  await record(await gql(h.url, PLAY, { id: 'v3:call-a' }, `Bearer ${await token({ scope: '' })}`));
  // Telnyx says no; Telnyx cannot be reached; bad input; an internal-looking variable error.
  await record(await gql(h.url, PLAY, { id: 'v3:reject-me' }, `Bearer ${good}`));
  await record(await gql(unreachable.url, PLAY, { id: 'v3:call-a' }, `Bearer ${await token({})}`));
  await record(await gql(h.url, PLAY, { id: 'has spaces' }, `Bearer ${good}`));
  await record(await gql(h.url, PLAY, { id: { nested: good } }, `Bearer ${good}`));
  // SSE with a short-lived token, to the end of its stream.
  await record(
    await fetch(`${h.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'text/event-stream',
        authorization: `Bearer ${await token({ expiresIn: 1 })}`,
      },
      body: JSON.stringify({ query: 'subscription { callEvents { id } }' }),
    }),
  );
  // Websockets: a live subscription receives an event from a valid webhook; a forged webhook is refused.
  const client = wsClient(h.wsUrl, good);
  const live = subscribeWs(client, 'subscription { callEvents { id callControlId clientState } }', undefined, {
    limit: 2,
  });
  await waitFor(
    () => {
      if (live.collected.items.length > 0) return true;
      void h.events.publish(makeEvent());
      return false;
    },
    'live subscription',
    { timeoutMs: 5_000 },
  );
  await record(await webhook(h.url, helloSpoken(), testKeys));
  await record(await webhook(h.url, helloSpoken(), createTestKeyPair()));
  const { items, error } = await live.collected.waitForEnd();
  seen.push(JSON.stringify({ items, error }));
  await client.dispose();
  // Bad tokens at connection_init, and a token expiring under a live subscription.
  for (const bad of [
    await token({ expiresIn: -30 }),
    await token({ secret: 'forged-secret-0123456789-abcdefghijklmnop' }),
  ]) {
    seen.push(await wsCloseOf(h.wsUrl, { authorization: `Bearer ${bad}` }));
  }
  seen.push(await wsCloseOf(h.wsUrl, { authorization: `Bearer ${await token({ expiresIn: 1 })}` }, true));
}, 30_000);

afterAll(async () => {
  await h.close();
  await unreachable.close();
});

/** Opens a raw socket, sends connection_init (and a subscription), and returns everything it received and its close. */
async function wsCloseOf(url: string, payload: Record<string, unknown>, subscribe = false): Promise<string> {
  const socket = new WebSocket(url, 'graphql-transport-ws');
  const frames: string[] = [];
  socket.on('message', (data) => frames.push(String(data)));
  await new Promise((resolve) => socket.once('open', resolve));
  socket.send(JSON.stringify({ type: 'connection_init', payload }));
  // A client must wait for connection_ack before subscribing (graphql-ws closes 4401 otherwise).
  if (subscribe) {
    await new Promise((resolve) => socket.once('message', resolve));
    socket.send(
      JSON.stringify({ id: '1', type: 'subscribe', payload: { query: 'subscription { callEvents { id } }' } }),
    );
  }
  const [code, reason] = await new Promise<[number, string]>((resolve) =>
    socket.once('close', (c, r) => resolve([c, r.toString()])),
  );
  return `${code} ${reason} ${frames.join(' ')}`;
}

describe('secret hygiene across a broad scenario', () => {
  it('ran the scenario: the expected outcomes were produced (so the search below means something)', () => {
    const all = seen.join('\n');
    for (const code of [
      'UNAUTHENTICATED',
      'FORBIDDEN',
      'TELNYX_ERROR',
      'UPSTREAM_UNAVAILABLE',
      'BAD_USER_INPUT',
      'Token expired',
      '4403',
      'published',
      'bad_signature',
      '"clientState":"hello"',
    ]) {
      expect(all, code).toContain(code);
    }
    expect(h.logs.length).toBeGreaterThan(10);
    expect(unreachable.logs.length).toBeGreaterThan(0);
    expect(secrets.size).toBeGreaterThan(15);
  });

  it('no response, websocket frame or close reason contains the API key, a JWT or a signature', () => {
    const all = seen.join('\n');
    for (const secret of secrets) expect(all.includes(secret), `response leaks ${secret.slice(0, 12)}…`).toBe(false);
  });

  it('no log line contains the API key, a JWT or a signature', () => {
    const lines = [...h.logs, ...unreachable.logs];
    for (const line of lines) {
      for (const secret of secrets)
        expect(line.includes(secret), `log leaks ${secret.slice(0, 12)}… in ${line.slice(0, 200)}`).toBe(false);
    }
  });
});
