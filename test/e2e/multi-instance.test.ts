import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  deleteKeys,
  REDIS_URL,
  skipWithoutRedis,
  skipWithoutRedisServer,
  startThrowawayRedis,
  uniquePrefix,
  type ThrowawayRedis,
} from '../support/redis';
import { waitFor } from '../support/wait';
import {
  latestEventCursor,
  startGatewayPair,
  subscribeCallEvents,
  type CallEventSubscription,
  type GatewayProcess,
} from '../support/gateway-process';
import { newCall } from '../support/webhooks';
import { deliver, deliverUntilAccepted, expectOnceInOrder, readyz } from './telnyx-traffic';

const skip = await skipWithoutRedis();
const skipRestart = skipWithoutRedisServer();

describe.skipIf(skip)('two gateway processes on one Redis', () => {
  const prefix = uniquePrefix('e2e');
  let a: GatewayProcess;
  let b: GatewayProcess;
  const subscriptions: CallEventSubscription[] = [];

  beforeAll(async () => {
    [a, b] = await startGatewayPair({ REDIS_URL, REDIS_PREFIX: prefix });
    await waitFor(async () => (await readyz(a)) === 200 && (await readyz(b)) === 200, 'both gateways ready');
  }, 90_000);
  afterEach(async () => {
    await Promise.all(subscriptions.splice(0).map((subscription) => subscription.close()));
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await deleteKeys(prefix);
  });

  it('delivers a webhook into A to subscribers on A and B once each; a retry into B is acknowledged, not delivered again', async () => {
    const call = newCall();
    const onA = subscribeCallEvents(a, call.callControlId, await latestEventCursor(a));
    const onB = subscribeCallEvents(b, call.callControlId, await latestEventCursor(b));
    subscriptions.push(onA, onB);

    const started = call.webhook('call.speak.started');
    expect(await deliver(a, started)).toEqual({ status: 200, outcome: 'published' });
    expect(await deliver(b, started)).toEqual({ status: 200, outcome: 'duplicate' });
    // Telnyx leaves call_control_id out of recording events: B routes it by the leg A saw.
    const saved = call.webhook('call.recording.saved', {
      call_control_id: undefined,
      channels: 'single',
      recording_urls: { mp3: 'https://r.example/a.mp3' },
    });
    expect(await deliver(b, saved)).toEqual({ status: 200, outcome: 'published' });
    const ended = call.webhook('call.speak.ended', { status: 'completed' });
    expect(await deliver(a, ended)).toEqual({ status: 200, outcome: 'published' });

    const ids = [started.data.id, saved.data.id, ended.data.id];
    await onA.waitFor(3);
    await onB.waitFor(3);
    expectOnceInOrder(onA, ids);
    expectOnceInOrder(onB, ids);
    expect(onB.events).toEqual(onA.events);
    expect(onA.events[1]!.callControlId).toBe(call.callControlId);
  }, 40_000);

  it('lets a client resume on B with the last cursor it got from A, losing nothing', async () => {
    const call = newCall();
    const first = subscribeCallEvents(a, call.callControlId, await latestEventCursor(a));
    subscriptions.push(first);
    const e1 = call.webhook('call.playback.started', { media_url: 'https://m.example/1.mp3' });
    await deliver(a, e1);
    await first.waitFor(1);
    const lastCursor = first.events[0]!.cursor;
    await first.close();

    const e2 = call.webhook('call.playback.ended', { status: 'completed' });
    const e3 = call.webhook('call.speak.started');
    expect((await deliver(a, e2)).status).toBe(200);
    expect((await deliver(b, e3)).status).toBe(200);

    const resumed = subscribeCallEvents(b, call.callControlId, lastCursor);
    subscriptions.push(resumed);
    await resumed.waitFor(2);
    const e4 = call.webhook('call.speak.ended', { status: 'completed' });
    expect((await deliver(a, e4)).status).toBe(200);
    await resumed.waitFor(3);
    expectOnceInOrder(resumed, [e2.data.id, e3.data.id, e4.data.id]);
  }, 40_000);
});

describe.skipIf(skipRestart)('two gateway processes through a Redis restart', () => {
  let redis: ThrowawayRedis;
  let a: GatewayProcess;
  let b: GatewayProcess;

  beforeAll(async () => {
    // Persisting every write before acknowledging it: the deployment that promises no accepted event is lost.
    redis = await startThrowawayRedis({ appendonly: true });
    [a, b] = await startGatewayPair({ REDIS_URL: redis.url, REDIS_PREFIX: 'vmg-e2e' });
    await waitFor(async () => (await readyz(a)) === 200 && (await readyz(b)) === 200, 'both gateways ready');
  }, 90_000);
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await redis?.dispose();
  });

  it('answers 5xx and /readyz 503 while Redis is down, then resumes every subscription with no accepted event lost', async () => {
    const call = newCall();
    const onA = subscribeCallEvents(a, call.callControlId, await latestEventCursor(a));
    const onB = subscribeCallEvents(b, call.callControlId, await latestEventCursor(b));
    try {
      const before = [call.webhook('call.speak.started'), call.webhook('call.speak.ended', { status: 'completed' })];
      expect((await deliver(a, before[0]!)).status).toBe(200);
      expect((await deliver(b, before[1]!)).status).toBe(200);
      await onA.waitFor(2);
      // Accepted, then Redis crashes at once: whoever had not read it yet must still get it.
      const lastBeforeCrash = call.webhook('call.playback.started', { media_url: 'https://m.example/x.mp3' });
      expect((await deliver(b, lastBeforeCrash)).status).toBe(200);
      await redis.stop('SIGKILL');

      await waitFor(async () => (await readyz(a)) === 503 && (await readyz(b)) === 503, '/readyz 503 on both');
      const during = [
        call.webhook('call.playback.ended', { status: 'completed' }),
        call.webhook('call.recording.error', { reason: 'x' }),
      ];
      const statuses: number[][] = [[], []];
      const retries = [
        deliverUntilAccepted(a, during[0]!, statuses[0]!),
        deliverUntilAccepted(b, during[1]!, statuses[1]!),
      ];
      await waitFor(() => statuses.every((list) => list.length > 0), 'a first answer during the outage');
      expect(statuses.map((list) => list[0])).toEqual([503, 503]);

      await redis.start();
      await Promise.all(retries);
      await waitFor(async () => (await readyz(a)) === 200 && (await readyz(b)) === 200, 'both gateways ready again');
      const after = call.webhook('call.recording.saved', { channels: 'single' });
      expect((await deliver(a, after)).status).toBe(200);

      const accepted = [...before, lastBeforeCrash, ...during, after].map((body) => body.data.id);
      await onA.waitFor(accepted.length);
      await onB.waitFor(accepted.length);
      for (const subscription of [onA, onB]) {
        expect(subscription.errors).toEqual([]);
        expect([...subscription.events.map((event) => event.id)].sort()).toEqual([...accepted].sort());
        expectOnceInOrder(
          subscription,
          subscription.events.map((event) => event.id),
        );
      }
      expect(onB.events).toEqual(onA.events);
    } finally {
      await Promise.all([onA.close(), onB.close()]);
    }
  }, 40_000);
});
