import type { Loose } from '../support/loose';
import { afterEach, describe, expect, it } from 'vitest';
import { START_CURSOR } from '../../src/events/cursor';
import { postSignedWebhook } from '../support/signing';
import { speakEnded } from '../support/webhooks';
import { subscribeSse, subscribeWs } from '../support/clients';
import { startGateway, type Harness } from '../support/gateway';

const CALL = 'v3:resume-call';

/** A speak ending on `call`, on a leg of its own. */
const speakEndedOn = (call = CALL) => speakEnded(call, { call_leg_id: `leg-${call}` });

async function post(gw: Harness, body: object): Promise<void> {
  const response = await postSignedWebhook(gw.webhookUrl, body);
  expect(response.status).toBe(200);
}

const RESUME = `subscription($call: ID, $after: String) { callEvents(callControlId: $call, after: $after) { id cursor } }`;

describe('callEvents(after:) resume', () => {
  let gw: Harness;
  afterEach(async () => {
    await gw?.close();
  });

  for (const transport of ['graphql-ws', 'SSE'] as const) {
    it(`${transport}: replays what was missed while events keep arriving, with no gap and no duplicate`, async () => {
      gw = await startGateway({ auth: 'off', tuning: { replayPageSize: 4 } });
      // A first connection sees a few events, then goes away.
      const first = subscribeWs(gw.wsClient(), RESUME, { call: CALL });
      await gw.waitForSubscribers(1);
      for (let i = 0; i < 5; i++) await post(gw, speakEndedOn());
      const seen = await first.collected.waitFor(5);
      first.unsubscribe();
      const lastCursor = seen.at(-1)!.data!.callEvents.cursor as string;
      // Missed while disconnected (and noise from another call).
      for (let i = 0; i < 30; i++) await post(gw, speakEndedOn(i % 3 === 0 ? 'v3:other' : CALL));

      // Reconnect with the last cursor while a burst of concurrent deliveries lands during the replay.
      const burst = Promise.all(
        Array.from({ length: 60 }, (_, i) => post(gw, speakEndedOn(i % 4 === 0 ? 'v3:other' : CALL))),
      );
      const resumed =
        transport === 'SSE'
          ? (await subscribeSse(gw.url, RESUME, { variables: { call: CALL, after: lastCursor } })).collected
          : subscribeWs(gw.wsClient(), RESUME, { call: CALL, after: lastCursor }).collected;
      await burst;
      for (let i = 0; i < 5; i++) await post(gw, speakEndedOn());

      const expected = (await gw.store.readAfter(lastCursor, 10_000))
        .filter((e) => e.callControlId === CALL)
        .map((e) => e.id);
      expect(expected).toHaveLength(20 + 45 + 5);
      const received = await resumed.waitFor(expected.length);
      expect(received.map((r) => r.errors)).toEqual(Array(expected.length).fill(undefined));
      expect(received.map((r) => r.data!.callEvents.id)).toEqual(expected);
      // And nothing after it: a further event is the next one received.
      const marker = speakEndedOn();
      await post(gw, marker);
      await resumed.waitFor(expected.length + 1);
      expect(resumed.items.at(-1)!.data!.callEvents.id).toBe(marker.data.id);
      expect(resumed.items).toHaveLength(expected.length + 1);
    });
  }

  it('starts from the cursor a query gives, so nothing published after it is lost', async () => {
    gw = await startGateway({ auth: 'off' });
    await post(gw, speakEndedOn());
    const response = await fetch(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ latestEventCursor }' }),
    });
    const { data } = (await response.json()) as { data: { latestEventCursor: string } };
    expect(data.latestEventCursor).toBe(await gw.events.latestCursor());
    const afterQuery = speakEndedOn();
    await post(gw, afterQuery); // lands before the client subscribes
    const sub = subscribeWs(gw.wsClient(), RESUME, { call: CALL, after: data.latestEventCursor });
    const [first] = await sub.collected.waitFor(1);
    expect(first!.data!.callEvents.id).toBe(afterQuery.data.id);
  });

  it('ends with CURSOR_EXPIRED when the cursor is older than the buffer', async () => {
    gw = await startGateway({ auth: 'off', env: { EVENT_BUFFER_TOTAL: '5' } });
    for (let i = 0; i < 10; i++) await post(gw, speakEndedOn());
    for (const collected of [
      subscribeWs(gw.wsClient(), RESUME, { after: START_CURSOR }).collected,
      (await subscribeSse(gw.url, RESUME, { variables: { after: START_CURSOR } })).collected,
    ]) {
      await collected.waitForEnd();
      expect(collected.items).toHaveLength(1);
      expect(collected.items[0]!.errors![0]!.extensions).toMatchObject({ code: 'CURSOR_EXPIRED' });
    }
  });

  it('resumes a call past another call’s per-call trims; the firehose resume from there is CURSOR_EXPIRED', async () => {
    gw = await startGateway({ auth: 'off', env: { EVENT_BUFFER_PER_CALL: '3' } });
    await post(gw, speakEndedOn());
    const resumeFrom = await gw.events.latestCursor();
    for (let i = 0; i < 6; i++) await post(gw, speakEndedOn('v3:chatty')); // the chatty call trims its own oldest three
    const missed = speakEndedOn();
    await post(gw, missed);
    const ws = subscribeWs(gw.wsClient(), RESUME, { call: CALL, after: resumeFrom }).collected;
    const sse = (await subscribeSse(gw.url, RESUME, { variables: { call: CALL, after: resumeFrom } })).collected;
    for (const collected of [ws, sse]) {
      const [first] = await collected.waitFor(1);
      expect(first).toMatchObject({ data: { callEvents: { id: missed.data.id } } });
      expect(first!.errors).toBeUndefined();
    }
    const firehose = subscribeWs(gw.wsClient(), RESUME, { after: resumeFrom }).collected;
    await firehose.waitForEnd();
    expect(firehose.items[0]!.errors![0]!.extensions).toMatchObject({ code: 'CURSOR_EXPIRED' });
  });

  it('rejects a malformed cursor as BAD_USER_INPUT', async () => {
    gw = await startGateway({ auth: 'off' });
    const sub = subscribeWs(gw.wsClient(), RESUME, { after: 'last tuesday' });
    await sub.collected.waitForEnd();
    const errors = (sub.collected.items[0]?.errors ?? (sub.collected.error as Loose[])) as Array<{
      extensions?: Record<string, unknown>;
    }>;
    expect(errors[0]).toMatchObject({
      message: 'after: not a cursor (expected the `cursor` of an event, or one from a query)',
      extensions: { code: 'BAD_USER_INPUT', field: 'after' },
    });
  });
});
