import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { compareCursors } from '../../src/events/cursor';
import type { RedisTarget } from '../../src/lib/redis-connection';
import { eventLogKeys } from '../../src/events/redis-scripts';
import { RedisEventStore, type RedisEventStoreOptions } from '../../src/events/redis-store';
import type { DeliveredCallEvent } from '../../src/events/types';
import { EventBusUnavailableError } from '../../src/lib/errors';
import { createLogger } from '../../src/lib/logger';
import { startReplicatedRedis, startSentinels, skipWithoutRedisHa, withRedis } from '../support/redis-ha';
import { TEST_STORE_BOUNDS } from '../support/redis';
import { waitFor } from '../support/wait';
import { makeEvent } from './make-event';

const skip = skipWithoutRedisHa();
const silent = createLogger((process.env.TEST_LOG_LEVEL as 'debug' | undefined) ?? 'silent');
const opened: RedisEventStore[] = [];
const cleanups: (() => Promise<void>)[] = [];

function openStore(
  options: Partial<RedisEventStoreOptions> & { target: RedisTarget; prefix: string },
): RedisEventStore {
  const store = new RedisEventStore({
    ...TEST_STORE_BOUNDS,
    logger: silent,
    ...options,
  });
  opened.push(store);
  return store;
}

function collect(store: RedisEventStore) {
  const seen: DeliveredCallEvent[] = [];
  store.onEvent((event) => seen.push(event));
  return { seen, ids: () => seen.map((event) => event.id) };
}

/** Each id once, in cursor order. */
function expectOnceInOrder(seen: DeliveredCallEvent[]): void {
  expect(new Set(seen.map((event) => event.id)).size).toBe(seen.length);
  const cursors = seen.map((event) => event.cursor);
  expect([...cursors].sort(compareCursors)).toEqual(cursors);
}

afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()));
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe.skipIf(skip)('RedisEventStore behind Sentinel', () => {
  it('refuses appends while the primary is down, then continues on the promoted replica; listeners resume with no loss and no duplicate', async () => {
    // Acknowledged only once every replica holds it, so the promoted one has every acknowledged
    // event. (With one replica of two, a crash here lost a few acknowledged events in about one run
    // of six: Sentinel promoted the replica that had not confirmed them yet.)
    const redis = await startReplicatedRedis(1);
    cleanups.push(async () => void (await Promise.all(redis.all().map((server) => server.dispose()))));
    const sentinels = await startSentinels(redis.primary.port, 1);
    cleanups.push(() => sentinels.dispose());
    const target: RedisTarget = { kind: 'sentinel', sentinels: sentinels.addresses, name: sentinels.name };
    const acks = { minReplicasAck: 1, replicaAckTimeoutMs: 300 };
    const a = openStore({ target, prefix: 'vmgtest:sentinel', ...acks });
    const b = openStore({ target, prefix: 'vmgtest:sentinel', ...acks });
    await waitFor(() => a.isReady() && b.isReady(), 'both stores to be ready');
    const onA = collect(a);
    const onB = collect(b);

    // Webhook traffic as Telnyx sends it: each event retried (same id) until it is accepted.
    const accepted: string[] = [];
    let refused = 0;
    let sending = true;
    const send = async (store: RedisEventStore) => {
      while (sending) {
        const event = makeEvent();
        for (;;) {
          try {
            await store.append(event); // null (a duplicate) also acknowledges: an earlier try got in
            accepted.push(event.id);
            break;
          } catch (error) {
            if (!(error instanceof EventBusUnavailableError)) throw error;
            refused += 1;
            await sleep(25); // retry a refused append shortly, as a producer would
          }
        }
      }
    };
    const senders = [a, b, a, b].map(send);
    await waitFor(() => accepted.length >= 40, 'traffic before the failover');

    await redis.primary.crash();
    const replica = redis.replicas[0]!;
    await waitFor(async () => (await sentinels.primaryPort()) === replica.port, 'Sentinel to promote the replica', {
      timeoutMs: 15_000,
    });
    // The new primary has no replica, so nothing is acknowledged until the old one comes back as
    // its replica, as an orchestrator restarting it would bring it back.
    const atPromotion = accepted.length;
    await redis.primary.start({ args: ['--replicaof', '127.0.0.1', String(replica.port)] });
    // Sentinel's reconfiguration, ioredis's reconnect and the replica's full sync: seconds, more on a loaded machine.
    await waitFor(() => accepted.length >= atPromotion + 40, 'traffic to continue on the new primary', {
      timeoutMs: 30_000,
    });
    sending = false;
    await Promise.all(senders);

    expect(refused).toBeGreaterThan(0);
    const everyAccepted = [...accepted].sort();
    for (const listener of [onA, onB]) {
      await waitFor(
        () => listener.seen.length >= accepted.length,
        `${accepted.length} delivered (have ${listener.seen.length})`,
      );
      expectOnceInOrder(listener.seen);
      expect([...listener.ids()].sort()).toEqual(everyAccepted);
    }
    expect(onB.seen).toEqual(onA.seen);
    // The log now lives on the promoted replica.
    const onNewPrimary = await withRedis(replica.url, (raw) => raw.xlen(eventLogKeys('vmgtest:sentinel').stream));
    expect(onNewPrimary).toBeGreaterThanOrEqual(accepted.length);
  }, 60_000);
});

describe.skipIf(skip)('RedisEventStore with minReplicasAck', () => {
  it('answers unavailable while no replica confirms, delivers the event once the retry is acknowledged, and never before', async () => {
    const redis = await startReplicatedRedis(1);
    cleanups.push(async () => void (await Promise.all(redis.all().map((server) => server.dispose()))));
    const target: RedisTarget = { kind: 'url', url: redis.primary.url };
    const prefix = 'vmgtest:acks';
    const store = openStore({ target, prefix, minReplicasAck: 1, replicaAckTimeoutMs: 1_000 });
    await waitFor(() => store.isReady(), 'the store to be ready');
    const received = collect(store);

    // A loaded machine may keep even a healthy replica from confirming in time: retry as Telnyx would.
    const first = makeEvent();
    await waitFor(
      async () => (await store.append({ ...first }).catch(() => 'refused')) !== 'refused',
      'the first append',
    );
    await waitFor(() => received.seen.length === 1, 'the first event');

    const replica = redis.replicas[0]!;
    replica.pause();
    const held = makeEvent();
    const started = Date.now();
    await expect(store.append(held)).rejects.toThrow(/replicas/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    // Telnyx retries: the id is in the log now, but still only on the primary, so still not acknowledged.
    await expect(store.append({ ...held })).rejects.toBeInstanceOf(EventBusUnavailableError);
    // Only the primary holds it: a failover now would lose it, so no listener has it either.
    expect(received.ids()).toEqual([first.id]);

    replica.resume();
    // The next retry: a duplicate, acknowledged now that the replica confirms the first append.
    let answer: DeliveredCallEvent | null | 'refused' = 'refused';
    await waitFor(async () => {
      answer = await store.append({ ...held }).catch(() => 'refused' as const);
      return answer !== 'refused';
    }, 'the retry to be acknowledged');
    expect(answer).toBeNull();
    const after = makeEvent();
    await waitFor(
      async () => (await store.append({ ...after }).catch(() => 'refused')) !== 'refused',
      'the next append',
    );
    await waitFor(() => received.seen.length === 3, 'the held event and the next one');
    expect(received.ids()).toEqual([first.id, held.id, after.id]);
    expectOnceInOrder(received.seen);
    const onReplica = await withRedis(replica.url, (raw) => raw.xrange(eventLogKeys(prefix).stream, '-', '+'));
    expect(onReplica.map(([cursor]) => cursor)).toEqual(received.seen.map((event) => event.cursor));
  }, 30_000);

  it('refuses appends when the replica is gone, and takes them again once one is back', async () => {
    const redis = await startReplicatedRedis(1);
    cleanups.push(async () => void (await Promise.all(redis.all().map((server) => server.dispose()))));
    const store = openStore({
      target: { kind: 'url', url: redis.primary.url },
      prefix: 'vmgtest:acks-gone',
      minReplicasAck: 1,
      replicaAckTimeoutMs: 100,
    });
    await waitFor(() => store.isReady(), 'the store to be ready');
    const received = collect(store);
    await redis.replicas[0]!.stop('SIGKILL');
    const event = makeEvent();
    await expect(store.append(event)).rejects.toBeInstanceOf(EventBusUnavailableError);
    await redis.replicas[0]!.start();
    await waitFor(
      async () => (await store.append({ ...event }).catch(() => 'refused')) !== 'refused',
      'the retry to be acknowledged',
      { timeoutMs: 15_000 },
    );
    await waitFor(() => received.seen.length === 1, 'the event');
    expect(received.ids()).toEqual([event.id]);
  }, 30_000);
});
