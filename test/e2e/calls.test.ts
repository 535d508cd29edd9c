import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../auth/tokens';
import type { Loose } from '../support/loose';
import { subscribeWs } from '../support/clients';
import { startGateway, type Harness } from '../support/gateway';
import { deleteKeys, REDIS_URL, skipWithoutRedis, uniquePrefix } from '../support/redis';
import { postSignedWebhook } from '../support/signing';
import { newCall } from '../support/webhooks';
import { waitFor } from '../support/wait';

/**
 * The call list, histories and live updates through GraphQL on two gateway instances sharing one
 * Redis: webhooks land on either, and either answers the same.
 */
const skip = await skipWithoutRedis();

const CALLS = `query($first: Int, $after: String, $state: [CallState!]) {
  calls(first: $first, after: $after, state: $state) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { callControlId state direction from to startedAt answeredAt endedAt hangupCause } }
  }
}`;

const HISTORY = `query($id: ID!, $first: Int, $after: String) {
  call(callControlId: $id) {
    state
    events(first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor node { __typename eventType cursor } }
    }
  }
}`;

const UPDATES = `subscription($after: String) {
  callUpdates(after: $after) { eventType cursor call { callControlId state hangupCause eventsCursor } }
}`;

type Call = ReturnType<typeof newCall>;

describe.skipIf(skip)('calls on two gateway instances over Redis', () => {
  const prefix = uniquePrefix('e2e-calls');
  let a: Harness;
  let b: Harness;
  let token: string;

  beforeAll(async () => {
    const env = { REDIS_URL, REDIS_PREFIX: prefix };
    [a, b] = await Promise.all([startGateway({ env }), startGateway({ env })]);
    await waitFor(() => a.events.isReady() && b.events.isReady(), 'both gateways ready');
    token = await signToken();
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await deleteKeys(prefix);
  });

  async function deliver(gateway: Harness, call: Call, eventType: string, payload: Record<string, unknown> = {}) {
    const response = await postSignedWebhook(gateway.webhookUrl, call.webhook(eventType, payload));
    expect(response.status).toBe(200);
  }

  async function query(gateway: Harness, text: string, variables: Record<string, unknown>, bearer = token) {
    const response = await gateway.graphql(text, { variables, token: bearer });
    expect(response.body.errors).toBeUndefined();
    return response.body.data as Loose;
  }

  it('lists the same calls on both, newest first, with their states; pages continue on the other instance', async () => {
    const [first, second, third] = [newCall(), newCall(), newCall()];
    await deliver(a, first!, 'call.initiated', { direction: 'outgoing', from: '+1555001', to: '+1555002' });
    await deliver(b, second!, 'call.initiated', { direction: 'incoming' });
    await deliver(a, first!, 'call.answered');
    await deliver(b, third!, 'call.hangup', { hangup_cause: 'user_busy' }); // the hangup before anything else
    await deliver(a, second!, 'call.answered');
    await deliver(b, second!, 'call.hangup', { hangup_cause: 'normal_clearing' });

    const onA = (await query(a, CALLS, { first: 10 })).calls;
    const onB = (await query(b, CALLS, { first: 10 })).calls;
    expect(onB).toEqual(onA);
    const mine = onA.edges.filter((edge: Loose) =>
      [first, second, third].some((call) => call!.callControlId === edge.node.callControlId),
    );
    expect(mine.map((edge: Loose) => [edge.node.callControlId, edge.node.state, edge.node.hangupCause])).toEqual([
      [third!.callControlId, 'ENDED', 'user_busy'],
      [second!.callControlId, 'ENDED', 'normal_clearing'],
      [first!.callControlId, 'ANSWERED', null],
    ]);
    expect(mine[2].node).toMatchObject({ direction: 'OUTGOING', from: '+1555001', to: '+1555002' });
    expect(mine[2].node.answeredAt).not.toBeNull();

    // One call per page, across instances: each page continues after the last.
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < onA.totalCount; i++) {
      const page: Loose = (await query(i % 2 ? b : a, CALLS, { first: 1, after })).calls;
      expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
      seen.push(page.edges[0].node.callControlId);
      after = page.pageInfo.endCursor;
      if (i === 0) await deliver(b, newCall(), 'call.initiated'); // a newer call does not shift the pages
    }
    expect(seen).toEqual(onA.edges.map((edge: Loose) => edge.node.callControlId));
    const ended = (await query(b, CALLS, { first: 10, state: ['ENDED'] })).calls;
    expect(ended.edges.every((edge: Loose) => edge.node.state === 'ENDED')).toBe(true);
    expect(ended.totalCount).toBe(2);
  });

  it("pages a call's history oldest first, on either instance", async () => {
    const call = newCall();
    const types = ['call.initiated', 'call.answered', 'call.speak.started', 'call.speak.ended', 'call.hangup'];
    for (const [i, type] of types.entries()) await deliver(i % 2 ? a : b, call, type, { status: 'completed' });
    const firstPage = (await query(a, HISTORY, { id: call.callControlId, first: 2 })).call;
    expect(firstPage.state).toBe('ENDED');
    expect(firstPage.events.totalCount).toBe(5);
    expect(firstPage.events.edges.map((edge: Loose) => edge.node.eventType)).toEqual(types.slice(0, 2));
    const rest = (
      await query(b, HISTORY, { id: call.callControlId, first: 10, after: firstPage.events.pageInfo.endCursor })
    ).call.events;
    expect(rest.edges.map((edge: Loose) => edge.node.__typename)).toEqual([
      'CallSpeakStarted',
      'CallSpeakEnded',
      'CallHangup',
    ]);
    expect(rest.edges.every((edge: Loose) => edge.cursor === edge.node.cursor)).toBe(true);
    expect(rest.pageInfo.hasNextPage).toBe(false);
  });

  it('resumes callUpdates on B from the last cursor seen on A, with no gap and no duplicate', async () => {
    const start = (await query(a, 'query { latestEventCursor }', {})).latestEventCursor;
    const call = newCall();
    const first = subscribeWs(a.wsClient(token), UPDATES, { after: start });
    await deliver(a, call, 'call.initiated');
    await deliver(b, call, 'call.speak.started'); // not a lifecycle event: no update
    await deliver(b, call, 'call.answered');
    const got = await first.collected.waitFor(2);
    first.unsubscribe();
    expect(got.map((result) => result.data!.callUpdates.call.state)).toEqual(['INITIATED', 'ANSWERED']);

    await deliver(a, call, 'call.hangup', { hangup_cause: 'normal_clearing' });
    const other = newCall();
    await deliver(b, other, 'call.initiated');
    const resumed = subscribeWs(b.wsClient(token), UPDATES, { after: got[1]!.data!.callUpdates.cursor });
    const rest = await resumed.collected.waitFor(2);
    expect(rest.map((result) => result.data!.callUpdates)).toEqual([
      {
        eventType: 'call.hangup',
        cursor: expect.any(String),
        call: {
          callControlId: call.callControlId,
          state: 'ENDED',
          hangupCause: 'normal_clearing',
          eventsCursor: expect.any(String),
        },
      },
      {
        eventType: 'call.initiated',
        cursor: expect.any(String),
        call: {
          callControlId: other.callControlId,
          state: 'INITIATED',
          hangupCause: null,
          eventsCursor: expect.any(String),
        },
      },
    ]);
    await deliver(a, other, 'call.answered');
    await resumed.collected.waitFor(3);
    resumed.unsubscribe();
    expect(resumed.collected.items).toHaveLength(3);
  });

  it("limits calls, Call.events and callUpdates to a token's calls claim", async () => {
    const [mine, theirs] = [newCall(), newCall()];
    const limited = await signToken({ calls: [mine.callControlId] });
    const start = (await query(a, 'query { latestEventCursor }', {})).latestEventCursor;
    const updates = subscribeWs(b.wsClient(limited), UPDATES, { after: start });
    await deliver(a, theirs, 'call.initiated');
    await deliver(a, mine, 'call.initiated');
    await deliver(b, theirs, 'call.hangup');
    await deliver(b, mine, 'call.answered');

    const listed = (await query(b, CALLS, { first: 10 }, limited)).calls;
    expect(listed.edges.map((edge: Loose) => edge.node.callControlId)).toEqual([mine.callControlId]);
    expect(listed.totalCount).toBe(1);
    const refused = await a.graphql(HISTORY, { variables: { id: theirs.callControlId }, token: limited });
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await query(a, HISTORY, { id: mine.callControlId }, limited)).call.events.totalCount).toBe(2);

    await updates.collected.waitFor(2);
    await deliver(a, mine, 'call.hangup');
    const received = await updates.collected.waitFor(3);
    updates.unsubscribe();
    expect(received.map((result) => result.data!.callUpdates.call.callControlId)).toEqual(
      Array(3).fill(mine.callControlId),
    );
    expect(updates.collected.items).toHaveLength(3);
  });

  it('asks Telnyx nothing for a list unless a Telnyx field is selected, then once per call through the loader', async () => {
    const call = newCall();
    await deliver(a, call, 'call.initiated');
    const before = a.telnyx.requests.length;
    await query(a, CALLS, { first: 5 });
    expect(a.telnyx.requests.length).toBe(before);
    const response = await a.graphql(
      'query { calls(first: 3) { edges { node { isAlive callDuration isAliveAgain: isAlive } } } }',
      {
        token,
      },
    );
    expect(response.body.errors).toBeUndefined();
    const asked = a.telnyx.requests.slice(before);
    expect(asked.every((request) => request.method === 'GET' && request.pathname.startsWith('/v2/calls/'))).toBe(true);
    expect(asked).toHaveLength(new Set(asked.map((request) => request.pathname)).size);
    expect(asked.length).toBe(3);
    // The stand-in knows none of these calls: Telnyx forgot them, so they are not alive.
    expect((response.body.data as Loose).calls.edges.map((edge: Loose) => edge.node.isAlive)).toEqual([
      false,
      false,
      false,
    ]);
  });
});
