import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startReplicatedRedis,
  startSentinels,
  skipWithoutRedisHa,
  type ReplicatedRedis,
  type Sentinels,
} from '../support/redis-ha';
import { waitFor } from '../support/wait';
import {
  latestEventCursor,
  startGatewayPair,
  subscribeCallEvents,
  type GatewayProcess,
} from '../support/gateway-process';
import { newCall, type WebhookBody } from '../support/webhooks';
import { deliverUntilAccepted, expectOnceInOrder, readyz } from './telnyx-traffic';

const skip = skipWithoutRedisHa();

describe.skipIf(skip)('two gateway processes behind Sentinel, acknowledging only what a replica holds', () => {
  let redis: ReplicatedRedis;
  let sentinels: Sentinels;
  let a: GatewayProcess;
  let b: GatewayProcess;

  beforeAll(async () => {
    // REDIS_MIN_REPLICAS_ACK equal to the number of replicas: the promoted one holds every acknowledged event.
    redis = await startReplicatedRedis(1);
    sentinels = await startSentinels(redis.primary.port, 1);
    [a, b] = await startGatewayPair({
      REDIS_SENTINELS: sentinels.addresses.map(({ host, port }) => `${host}:${port}`).join(','),
      REDIS_SENTINEL_NAME: sentinels.name,
      REDIS_MIN_REPLICAS_ACK: '1',
      REDIS_MIN_REPLICAS_ACK_TIMEOUT_MS: '300',
      REDIS_PREFIX: 'vmg-e2e-sentinel',
    });
    await waitFor(async () => (await readyz(a)) === 200 && (await readyz(b)) === 200, 'both gateways ready');
  }, 90_000);
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await sentinels?.dispose();
    await Promise.all((redis?.all() ?? []).map((server) => server.dispose()));
  });

  it('answers 503 while the primary is gone, continues on the promoted replica, and subscribers miss nothing and get nothing twice', async () => {
    const call = newCall();
    const onA = subscribeCallEvents(a, call.callControlId, await latestEventCursor(a));
    const onB = subscribeCallEvents(b, call.callControlId, await latestEventCursor(b));
    try {
      // Telnyx's traffic: one webhook after another, alternately into A and B, each retried until accepted.
      const accepted: WebhookBody[] = [];
      const statuses: number[] = [];
      let sending = true;
      const traffic = (async () => {
        for (let i = 0; sending; i++) {
          const body = call.webhook(i % 2 ? 'call.speak.ended' : 'call.speak.started', { status: 'completed' });
          await deliverUntilAccepted(i % 2 ? b : a, body, statuses);
          accepted.push(body);
        }
      })();
      await waitFor(() => accepted.length >= 10, 'webhooks accepted before the failover');

      await redis.primary.crash();
      const replica = redis.replicas[0]!;
      await waitFor(async () => (await sentinels.primaryPort()) === replica.port, 'Sentinel to promote the replica', {
        timeoutMs: 15_000,
      });
      // Acknowledgements resume once the new primary has a replica: the old one, restarted as one.
      await redis.primary.start({ args: ['--replicaof', '127.0.0.1', String(replica.port)] });
      const atPromotion = accepted.length;
      await waitFor(() => accepted.length >= atPromotion + 10, 'webhooks accepted after the failover', {
        timeoutMs: 20_000,
      });
      sending = false;
      await traffic;

      expect(statuses).toContain(503);
      expect(statuses.filter((status) => status !== 200 && status !== 503)).toEqual([]);
      const ids = accepted.map((body) => body.data.id);
      await onA.waitFor(ids.length, { timeoutMs: 15_000 });
      await onB.waitFor(ids.length, { timeoutMs: 15_000 });
      for (const subscription of [onA, onB]) {
        expect(subscription.errors).toEqual([]);
        expectOnceInOrder(subscription, ids);
      }
      expect(onB.events).toEqual(onA.events);
    } finally {
      await Promise.all([onA.close(), onB.close()]);
    }
  }, 60_000);
});
