import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken, startJwksIssuer, type JwksIssuer } from '../auth/tokens';
import { makeEvent } from '../events/make-event';
import { errorsOf, runWs, subscribeWs, wsClient } from '../support/clients';
import { startGateway, type Harness } from '../support/gateway';
import { waitFor } from '../support/wait';

const PLAY = `mutation Play($id: ID!) { startPlayback(input: { callControlId: $id, audioUrl: "https://example.com/a.mp3" }) { callControlId commandId result } }`;
const CALL_EVENTS = `subscription Events($id: ID) { callEvents(callControlId: $id) { id callControlId eventType } }`;

let h: Harness;
beforeAll(async () => {
  h = await startGateway();
});
afterAll(() => h.close());

function upstreamActions(): number {
  return h.telnyx.requests.filter((request) => request.method === 'POST').length;
}

describe('HTTP client authentication', () => {
  it.each([
    ['no token', async () => undefined, /Missing bearer token/],
    ['an expired token', () => signToken({ expiresIn: -10 }), /Token expired/],
    [
      'a token with a wrong signature',
      () => signToken({ secret: 'an-attacker-secret-0123456789-abcdefghijkl' }),
      /signature invalid/,
    ],
    ['a token for another audience', () => signToken({ audience: 'another-api' }), /audience not accepted/],
    ['a token from another issuer', () => signToken({ issuer: 'https://evil.example' }), /issuer not accepted/],
    ['a token without exp', () => signToken({ omitExp: true }), /"exp" claim required/],
  ])(
    'answers %s with 401, WWW-Authenticate and UNAUTHENTICATED, before any Telnyx request',
    async (_name, token, message) => {
      const before = upstreamActions();
      const response = await h.graphql(PLAY, { variables: { id: 'v3:call-a' }, token: await token() });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
      expect(response.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(response.body.errors?.[0]?.message).toMatch(message);
      expect(upstreamActions()).toBe(before);
    },
  );

  it('runs a mutation for a token with media:write, sending the Telnyx key upstream (never the client token)', async () => {
    const token = await signToken({ scope: 'media:write' });
    const response = await h.graphql(PLAY, { variables: { id: 'v3:call-a' }, token });
    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data?.startPlayback).toMatchObject({ callControlId: 'v3:call-a', result: 'ok' });
    const sent = h.telnyx.requests.at(-1)!;
    expect(sent.url).toMatch(/\/calls\/v3(:|%3A)call-a\/actions\/playback_start$/);
    expect(sent.headers.authorization).toMatch(/^Bearer KEY/);
    expect(JSON.stringify(sent)).not.toContain(token);
  });

  it('forbids a mutation to a token without media:write', async () => {
    const before = upstreamActions();
    const response = await h.graphql(PLAY, {
      variables: { id: 'v3:call-a' },
      token: await signToken({ scope: 'events:read' }),
    });
    expect(response.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(response.body.data).toBeNull();
    expect(upstreamActions()).toBe(before);
  });

  it("forbids a mutation on a call outside the token's calls claim, allows it on its own call", async () => {
    const token = await signToken({ scope: 'media:write', calls: ['v3:call-a'] });
    const before = upstreamActions();
    const other = await h.graphql(PLAY, { variables: { id: 'v3:call-b' }, token });
    expect(other.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(upstreamActions()).toBe(before);
    const own = await h.graphql(PLAY, { variables: { id: 'v3:call-a' }, token });
    expect(own.body.errors).toBeUndefined();
    expect(upstreamActions()).toBe(before + 1);
  });

  it('forbids queries to a token without events:read', async () => {
    const response = await h.graphql('{ latestEventCursor }', { token: await signToken({ scope: 'media:write' }) });
    expect(response.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const allowed = await h.graphql('{ latestEventCursor }', { token: await signToken({ scope: 'events:read' }) });
    expect(allowed.body.errors).toBeUndefined();
    expect(typeof allowed.body.data?.latestEventCursor).toBe('string');
  });

  it('forbids the call query for a call outside the calls claim, before any Telnyx request', async () => {
    const before = h.telnyx.requests.length;
    const response = await h.graphql('query($id: ID!) { call(callControlId: $id) { callControlId } }', {
      variables: { id: 'v3:call-b' },
      token: await signToken({ scope: 'events:read', calls: ['v3:call-a'] }),
    });
    expect(response.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(h.telnyx.requests.length).toBe(before);
  });
});

describe('JWKS client authentication end to end', () => {
  let issuer: JwksIssuer;
  let jwks: Harness;
  beforeAll(async () => {
    issuer = await startJwksIssuer();
    jwks = await startGateway({ env: { GATEWAY_JWT_SECRET: '', GATEWAY_JWKS_URL: issuer.url } });
  });
  afterAll(async () => {
    await jwks.close();
    await issuer.close();
  });

  it.each(['RS256', 'ES256'] as const)('accepts a %s token from the JWKS and refuses an HS256 one', async (alg) => {
    const ok = await jwks.graphql(PLAY, {
      variables: { id: 'v3:call-a' },
      token: await issuer.sign(alg, { scope: 'media:write' }),
    });
    expect(ok.body.errors).toBeUndefined();
    const hs = await jwks.graphql(PLAY, {
      variables: { id: 'v3:call-a' },
      token: await signToken({ scope: 'media:write' }),
    });
    expect(hs.status).toBe(401);
    expect(hs.body.errors?.[0]?.message).toMatch(/algorithm not accepted/);
  });
});

describe('websocket client authentication', () => {
  async function closeCodeFor(
    connectionParams: Record<string, unknown> | undefined,
  ): Promise<{ code: number; reason: string }> {
    const { default: WebSocket } = await import('ws');
    const socket = new WebSocket(h.wsUrl, 'graphql-transport-ws');
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    socket.send(JSON.stringify({ type: 'connection_init', payload: connectionParams }));
    return new Promise((resolve) =>
      socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
  }

  it.each([
    ['no connectionParams', async () => undefined],
    ['no authorization', async () => ({})],
    ['a non-string authorization', async () => ({ authorization: 42 })],
    ['an expired token', async () => ({ authorization: `Bearer ${await signToken({ expiresIn: -10 })}` })],
    [
      'a wrong signature',
      async () => ({
        authorization: `Bearer ${await signToken({ secret: 'an-attacker-secret-0123456789-abcdefghijkl' })}`,
      }),
    ],
    ['a wrong audience', async () => ({ authorization: `Bearer ${await signToken({ audience: 'another-api' })}` })],
  ])('closes the socket with 4403 at connection_init for %s', async (_name, params) => {
    const closed = await closeCodeFor(await params());
    expect(closed).toEqual({ code: 4403, reason: 'Forbidden' });
  });

  it('acknowledges a valid token', async () => {
    const { default: WebSocket } = await import('ws');
    const socket = new WebSocket(h.wsUrl, 'graphql-transport-ws');
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${await signToken()}` } }));
    const message = await new Promise<string>((resolve) => socket.once('message', (data) => resolve(String(data))));
    expect(JSON.parse(message)).toEqual({ type: 'connection_ack' });
    socket.close();
  });

  it("delivers to a token limited to one call only that call's events, even on the unfiltered subscription", async () => {
    const client = wsClient(h.wsUrl, await signToken({ scope: 'events:read', calls: ['v3:call-a'] }));
    const received = subscribeWs(client, CALL_EVENTS, {});
    // Probe until the subscription is live, then interleave another call's events with its own.
    await waitFor(
      () => {
        if (received.collected.items.length > 0) return true;
        void h.events.publish(makeEvent({ callControlId: 'v3:call-a' }));
        return false;
      },
      'live',
      { timeoutMs: 3_000 },
    );
    await h.events.publish(makeEvent({ callControlId: 'v3:call-b', callLegId: 'leg-b' }));
    await h.events.publish(makeEvent({ id: 'own-1', callControlId: 'v3:call-a' }));
    await h.events.publish(makeEvent({ callControlId: 'v3:call-b', callLegId: 'leg-b' }));
    await h.events.publish(makeEvent({ id: 'own-2', callControlId: 'v3:call-a' }));
    await waitFor(
      () => received.collected.items.some((result) => JSON.stringify(result).includes('own-2')),
      'own events',
      { timeoutMs: 3_000 },
    );
    received.unsubscribe();
    await client.dispose();
    const calls = received.collected.items.map(
      (result) => (result.data as { callEvents: { callControlId: string } }).callEvents.callControlId,
    );
    expect(calls.length).toBeGreaterThanOrEqual(3);
    expect(new Set(calls)).toEqual(new Set(['v3:call-a']));
  });

  it('refuses a subscription to another call, and a subscription without events:read, with FORBIDDEN', async () => {
    const limited = wsClient(h.wsUrl, await signToken({ scope: 'events:read', calls: ['v3:call-a'] }));
    const other = await runWs(limited, CALL_EVENTS, { id: 'v3:call-b' });
    expect(errorsOf(other)?.[0]?.extensions?.code).toBe('FORBIDDEN');
    await limited.dispose();

    const writer = wsClient(h.wsUrl, await signToken({ scope: 'media:write' }));
    const noScope = await runWs(writer, CALL_EVENTS, {});
    expect(errorsOf(noScope)?.[0]?.extensions?.code).toBe('FORBIDDEN');
    await writer.dispose();
  });

  it('checks events:read before the resume cursor: a malformed `after` without the scope is FORBIDDEN', async () => {
    const writer = wsClient(h.wsUrl, await signToken({ scope: 'media:write' }));
    const outcome = await runWs(writer, 'subscription { callEvents(after: "last tuesday") { id } }', {});
    expect(errorsOf(outcome)?.[0]?.extensions?.code).toBe('FORBIDDEN');
    await writer.dispose();
  });

  it('forbids a mutation over the socket on a call outside the calls claim', async () => {
    const client = wsClient(h.wsUrl, await signToken({ scope: 'media:write', calls: ['v3:call-a'] }));
    const before = upstreamActions();
    const outcome = await runWs(client, PLAY, { id: 'v3:call-b' });
    expect(errorsOf(outcome)?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(upstreamActions()).toBe(before);
    await client.dispose();
  });

  it('closes the socket with 4403 "Token expired" when the token expires, ending its subscriptions', async () => {
    const expiresInSeconds = 2;
    const token = await signToken({ scope: 'events:read', expiresIn: expiresInSeconds });
    const expiresAt = (Math.floor(Date.now() / 1000) + expiresInSeconds) * 1000;
    let closed: { code: number; reason: string; at: number } | undefined;
    const client = wsClient(h.wsUrl, token, { onClose: (code, reason) => (closed = { code, reason, at: Date.now() }) });
    const subscription = subscribeWs(client, CALL_EVENTS, {});
    const outcome = await subscription.collected.waitForEnd();
    // The subscription may end (UNAUTHENTICATED) a moment before the close frame arrives.
    await waitFor(() => closed !== undefined, 'the socket to close', { timeoutMs: 2_000 });
    expect(closed).toMatchObject({ code: 4403, reason: 'Token expired' });
    expect(closed!.at).toBeGreaterThanOrEqual(expiresAt - 1_100);
    expect(closed!.at).toBeLessThan(expiresAt + 1_000);
    expect(outcome.error ?? outcome.items.at(-1)?.errors).toBeDefined();
    await client.dispose();
  });
});

describe('SSE subscriptions and token expiry', () => {
  it('ends an SSE subscription with an UNAUTHENTICATED error when its token expires', async () => {
    const token = await signToken({ scope: 'events:read', expiresIn: 2 });
    const started = Date.now();
    const response = await fetch(`${h.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: CALL_EVENTS, variables: {} }),
    });
    expect(response.status).toBe(200);
    const text = await response.text(); // the stream ends at expiry
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(text).toContain('"code":"UNAUTHENTICATED"');
    expect(text).toContain('Token expired');
    expect(text).not.toContain(token);
  });
});
