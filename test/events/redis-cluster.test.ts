import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { START_CURSOR } from '../../src/events/cursor';
import type { RedisTarget } from '../../src/lib/redis-connection';
import { RedisEventStore, type RedisEventStoreOptions } from '../../src/events/redis-store';
import type { DeliveredCallEvent } from '../../src/events/types';
import { createLogger } from '../../src/lib/logger';
import { skipWithoutRedisHa, startRedisCluster, withRedis, type RedisCluster } from '../support/redis-ha';
import { TEST_STORE_BOUNDS, uniquePrefix } from '../support/redis';
import { waitFor } from '../support/wait';
import { makeEvent } from './make-event';
import { describeCallStoreContract } from './call-store-contract';
import { describeEventStoreContract } from './store-contract';

const skip = skipWithoutRedisHa();
const silent = createLogger('silent');
let cluster: RedisCluster | undefined;
const opened: RedisEventStore[] = [];

function clusterTarget(): RedisTarget {
  return { kind: 'cluster', nodes: cluster!.addresses };
}

function openStore(options: Partial<RedisEventStoreOptions> & { prefix: string }): RedisEventStore {
  const store = new RedisEventStore({
    target: clusterTarget(),
    ...TEST_STORE_BOUNDS,
    logger: silent,
    ...options,
  });
  opened.push(store);
  return store;
}

beforeAll(async () => {
  if (!skip) cluster = await startRedisCluster(3);
}, 30_000);
afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()));
});
afterAll(async () => {
  await cluster?.dispose();
});

describeEventStoreContract(
  'RedisEventStore on a Redis Cluster',
  (bounds) => openStore({ prefix: uniquePrefix('cluster-contract'), ...bounds }),
  { skip },
);

describeCallStoreContract(
  'RedisEventStore on a Redis Cluster',
  (bounds) => openStore({ prefix: uniquePrefix('cluster-calls'), ...bounds }),
  { skip },
);

describe.skipIf(skip)('RedisEventStore on a Redis Cluster', () => {
  it('shares one log between instances: each event delivered once to both, duplicates refused, cursors valid on either', async () => {
    const prefix = uniquePrefix('cluster');
    const a = openStore({ prefix });
    const b = openStore({ prefix });
    await waitFor(() => a.isReady() && b.isReady(), 'both stores to be ready');
    const onA: DeliveredCallEvent[] = [];
    const onB: DeliveredCallEvent[] = [];
    a.onEvent((event) => onA.push(event));
    b.onEvent((event) => onB.push(event));
    const appended: DeliveredCallEvent[] = [];
    for (let i = 0; i < 20; i++) {
      const event = makeEvent({ callLegId: `leg-${i}` });
      appended.push((await (i % 2 ? a : b).append(event))!);
      expect(await (i % 2 ? b : a).append({ ...event })).toBeNull();
    }
    await waitFor(() => onA.length >= 20 && onB.length >= 20, 'both listeners to have every event');
    expect(onA.map((event) => event.cursor)).toEqual(appended.map((event) => event.cursor));
    expect(onB).toEqual(onA);
    expect(await b.readAfter(appended[4]!.cursor, 3)).toEqual(appended.slice(5, 8));
    expect(await a.readAfter(START_CURSOR, 100)).toHaveLength(20);
  });

  it('waits for replicas on the shard that holds the log: without replicas, minReplicasAck=1 refuses the append', async () => {
    const store = openStore({ prefix: uniquePrefix('cluster-acks'), minReplicasAck: 1, replicaAckTimeoutMs: 50 });
    await waitFor(() => store.isReady(), 'the store to be ready');
    await expect(store.append(makeEvent())).rejects.toThrow(/too few Redis replicas/);
  });

  it('keeps every key of one prefix in one slot, so the append script runs on one shard', async () => {
    const prefix = uniquePrefix('cluster-slot');
    const store = openStore({ prefix });
    await waitFor(() => store.isReady(), 'the store to be ready');
    for (let i = 0; i < 5; i++) await store.append(makeEvent({ callLegId: `leg-${i}` }));
    await store.rememberCallLeg('leg-x', 'v3:x');
    const keysByNode = await Promise.all(
      cluster!.nodes.map((node) => withRedis(node.url, (raw) => raw.keys(`{${prefix}}:*`))),
    );
    const keys = keysByNode.flat();
    expect(keys.length).toBeGreaterThanOrEqual(5 + 6 + 2); // seen ids, legs, stream and meta
    expect(keysByNode.filter((onNode) => onNode.length > 0)).toHaveLength(1);
    const slots = await withRedis(cluster!.nodes[0]!.url, (raw) =>
      Promise.all(keys.map((key) => raw.cluster('KEYSLOT', key))),
    );
    expect(new Set(slots).size).toBe(1);
  });
});
