import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../auth/tokens';
import { makeEvent } from '../events/make-event';
import type { Collected } from '../support/collected';
import { errorsOf, runWs, subscribeWs, wsClient, type WsSubscription } from '../support/clients';
import { startGateway, type Harness } from '../support/gateway';
import { waitFor } from '../support/wait';

const RENEW = `mutation Renew($token: String!) { renewSession(token: $token) { subject scopes calls expiresAt } }`;
const CALL_EVENTS = `subscription Events($id: ID) { callEvents(callControlId: $id) { id callControlId } }`;

let h: Harness;
beforeAll(async () => {
  h = await startGateway();
});
afterAll(() => h.close());

/** Epoch ms of the `exp` a token signed now with `expiresIn` seconds carries. */
const expiryOf = (expiresIn: number) => (Math.floor(Date.now() / 1000) + expiresIn) * 1000;

/** Subscribes and publishes probe events on `callControlId` until the subscription has received one. */
async function liveSubscription(client: ReturnType<typeof wsClient>, callControlId: string | null) {
  const subscription = subscribeWs(client, CALL_EVENTS, callControlId ? { id: callControlId } : {});
  const probeCall = callControlId ?? 'v3:call-a';
  const receivedOrProbe = () => {
    if (subscription.collected.items.length > 0) return true;
    void h.events.publish(makeEvent({ callControlId: probeCall }));
    return false;
  };
  await waitFor(receivedOrProbe, 'live', { timeoutMs: 3_000 });
  return subscription;
}

/** Publishes one event and waits until `subscription` receives it. */
async function deliversTo(subscription: WsSubscription, callControlId = 'v3:call-a'): Promise<void> {
  const id = `check-${Math.random()}`;
  await h.events.publish(makeEvent({ id, callControlId }));
  await waitFor(
    () => subscription.collected.items.some((result) => JSON.stringify(result).includes(id)),
    `event ${id}`,
    {
      timeoutMs: 3_000,
    },
  );
}

async function renew(client: ReturnType<typeof wsClient>, token: string): Promise<Collected> {
  return runWs(client, RENEW, { token });
}

describe('renewSession over a websocket', () => {
  it('keeps the socket and its subscription open past the old expiry, and answers the new session', async () => {
    const oldExpiry = expiryOf(2);
    let closed: number | undefined;
    const client = wsClient(h.wsUrl, await signToken({ sub: 'renewer', scope: 'events:read', expiresIn: 2 }), {
      onClose: (code) => (closed = code),
    });
    const subscription = await liveSubscription(client, null);

    const newExpiry = expiryOf(300);
    const renewed = await renew(
      client,
      await signToken({ sub: 'renewer', scope: 'events:read media:write', expiresIn: 300 }),
    );
    const session = (renewed.items[0]?.data as { renewSession: { expiresAt: string } } | undefined)?.renewSession;
    if (!session) throw new Error(`renewSession failed: ${JSON.stringify(renewed)}`);
    expect(session).toMatchObject({ subject: 'renewer', scopes: ['events:read', 'media:write'], calls: null });
    // The token was signed just after newExpiry was computed: the same second, or the next.
    expect(Date.parse(session.expiresAt) - newExpiry).toBeGreaterThanOrEqual(0);
    expect(Date.parse(session.expiresAt) - newExpiry).toBeLessThanOrEqual(1_000);

    await waitFor(() => Date.now() > oldExpiry + 500, 'the old token to expire', { timeoutMs: 4_000 });
    await deliversTo(subscription);
    expect(closed).toBeUndefined();
    expect(subscription.collected.items.every((result) => result.errors === undefined)).toBe(true);
    subscription.unsubscribe();
    await client.dispose();
  });

  it('moves the expiry earlier too: the socket closes with 4403 and the subscription ends when the new token expires', async () => {
    let closed: { code: number; at: number } | undefined;
    const client = wsClient(h.wsUrl, await signToken({ sub: 'shortener', scope: 'events:read', expiresIn: 300 }), {
      onClose: (code) => (closed = { code, at: Date.now() }),
    });
    const subscription = await liveSubscription(client, 'v3:call-a');
    const newExpiry = expiryOf(2);
    await renew(client, await signToken({ sub: 'shortener', scope: 'events:read', expiresIn: 2 }));
    const outcome = await subscription.collected.waitForEnd();
    await waitFor(() => closed !== undefined, 'the socket to close', { timeoutMs: 4_000 });
    expect(closed!.code).toBe(4403);
    expect(closed!.at).toBeGreaterThanOrEqual(newExpiry - 1_100);
    expect(closed!.at).toBeLessThan(newExpiry + 1_000);
    expect(outcome.error ?? outcome.items.at(-1)?.errors).toBeDefined();
    await client.dispose();
  });

  it('refuses another subject (FORBIDDEN) and a bad or expired token (UNAUTHENTICATED) without changing or closing anything', async () => {
    const oldExpiry = expiryOf(3);
    let closed: { code: number; at: number } | undefined;
    const client = wsClient(h.wsUrl, await signToken({ sub: 'keeper', scope: 'events:read', expiresIn: 3 }), {
      onClose: (code) => (closed = { code, at: Date.now() }),
    });
    const subscription = await liveSubscription(client, 'v3:call-a');

    const otherSubject = await signToken({ sub: 'someone-else', scope: 'events:read', expiresIn: 300 });
    const cases: Array<[string, string]> = [
      [otherSubject, 'FORBIDDEN'],
      [await signToken({ sub: 'keeper', scope: 'events:read', expiresIn: -10 }), 'UNAUTHENTICATED'],
      [
        await signToken({ sub: 'keeper', scope: 'events:read', secret: 'another-secret-0123456789-abcdefghijklmnop' }),
        'UNAUTHENTICATED',
      ],
      ['not-a-jwt', 'UNAUTHENTICATED'],
    ];
    for (const [token, code] of cases) {
      const outcome = await renew(client, token);
      const errors = errorsOf(outcome);
      expect(errors?.[0]?.extensions?.code).toBe(code);
      expect(JSON.stringify(outcome)).not.toContain(token);
    }
    expect(closed).toBeUndefined();
    await deliversTo(subscription);

    // Nothing changed: the socket still expires with the token it connected with.
    await waitFor(() => closed !== undefined, 'the socket to close at the old expiry', { timeoutMs: 5_000 });
    expect(closed!.code).toBe(4403);
    expect(closed!.at).toBeLessThan(oldExpiry + 1_000);
    await client.dispose();
  });

  it('ends with FORBIDDEN only the subscriptions the new token no longer covers', async () => {
    const client = wsClient(
      h.wsUrl,
      await signToken({ sub: 'narrower', scope: 'events:read', calls: ['v3:call-a', 'v3:call-b'] }),
    );
    const onA = await liveSubscription(client, 'v3:call-a');
    const onB = await liveSubscription(client, 'v3:call-b');
    const onBoth = await liveSubscription(client, null);

    const renewed = await renew(
      client,
      await signToken({ sub: 'narrower', scope: 'events:read', calls: ['v3:call-a'] }),
    );
    expect(renewed.items[0]?.errors).toBeUndefined();

    for (const ended of [onB, onBoth]) {
      const outcome = await ended.collected.waitForEnd();
      expect(outcome.items.at(-1)?.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    await deliversTo(onA);
    // New operations on the socket run with the new token.
    const refused = await runWs(client, CALL_EVENTS, { id: 'v3:call-b' });
    expect(errorsOf(refused)?.[0]?.extensions?.code).toBe('FORBIDDEN');
    onA.unsubscribe();
    await client.dispose();
  });

  it('ends every subscription with FORBIDDEN when the new token lacks events:read', async () => {
    const client = wsClient(h.wsUrl, await signToken({ sub: 'descoped', scope: 'events:read media:write' }));
    const subscription = await liveSubscription(client, 'v3:call-a');
    await renew(client, await signToken({ sub: 'descoped', scope: 'media:write' }));
    const outcome = await subscription.collected.waitForEnd();
    expect(outcome.items.at(-1)?.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    await client.dispose();
  });
});

describe('renewSession outside a websocket', () => {
  it('answers BAD_REQUEST over HTTP', async () => {
    const token = await signToken({ scope: 'events:read' });
    const response = await h.graphql(RENEW, {
      token,
      variables: { token: await signToken({ scope: 'events:read', expiresIn: 600 }) },
    });
    expect(response.body.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
    expect(response.body.data).toBeNull();
  });

  it('answers BAD_REQUEST over SSE', async () => {
    const token = await signToken({ scope: 'events:read' });
    const response = await fetch(`${h.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: RENEW, variables: { token } }),
    });
    const text = await response.text();
    expect(text).toContain('"code":"BAD_REQUEST"');
    expect(text).not.toContain(token);
  });
});
