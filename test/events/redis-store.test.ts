import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { Redis } from 'ioredis';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { START_CURSOR } from '../../src/events/cursor';
import { EventBus } from '../../src/events/bus';
import { RedisEventStore, type RedisEventStoreOptions } from '../../src/events/redis-store';
import { eventLogKeys } from '../../src/events/redis-scripts';
import type { CallLifecycleEvent, DeliveredCallEvent } from '../../src/events/types';
import { CursorExpiredError, EventBusUnavailableError } from '../../src/lib/errors';
import { createLogger, type Logger } from '../../src/lib/logger';
import { createMetrics } from '../../src/lib/metrics';
import {
  deleteKeys,
  freePort,
  REDIS_URL,
  skipWithoutRedis,
  skipWithoutRedisServer,
  startCuttableProxy,
  startThrowawayRedis,
  TEST_STORE_BOUNDS,
  uniquePrefix,
  type CuttableProxy,
  type ThrowawayRedis,
} from '../support/redis';
import { waitFor } from '../support/wait';
import { makeEvent, makeLifecycleEvent } from './make-event';
import { describeCallStoreContract } from './call-store-contract';
import { describeEventStoreContract } from './store-contract';

const skip = await skipWithoutRedis();
const skipRestarts = skipWithoutRedisServer();
const silent = createLogger('silent');
const prefixes: string[] = [];
const opened: RedisEventStore[] = [];
const cleanups: (() => Promise<void>)[] = [];

function prefixFor(name: string): string {
  const prefix = uniquePrefix(name);
  prefixes.push(prefix);
  return prefix;
}

function openStore({
  url = REDIS_URL,
  ...options
}: Partial<RedisEventStoreOptions> & { prefix: string; url?: string }): RedisEventStore {
  const store = new RedisEventStore({
    target: { kind: 'url', url },
    ...TEST_STORE_BOUNDS,
    logger: silent,
    ...options,
  });
  opened.push(store);
  return store;
}

async function ready(...stores: RedisEventStore[]): Promise<void> {
  await waitFor(() => stores.every((store) => store.isReady()), 'the stores to be ready');
}

function collect(store: RedisEventStore) {
  const seen: DeliveredCallEvent[] = [];
  store.onEvent((event) => seen.push(event));
  return {
    seen,
    ids: () => seen.map((event) => event.id),
    until: (count: number) =>
      waitFor(
        () => seen.length >= count,
        () => `${count} events (have ${seen.length})`,
      ),
  };
}

/** Log lines as text, to check what reaches the logs. */
function capturedLogger(): { logger: Logger; text: () => string } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: createLogger('debug', sink), text: () => lines.join('') };
}

afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()));
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

afterAll(async () => {
  if (!skip) await Promise.all(prefixes.map((prefix) => deleteKeys(prefix)));
});

describeEventStoreContract('RedisEventStore', (bounds) => openStore({ prefix: prefixFor('contract'), ...bounds }), {
  skip,
});

describeCallStoreContract('RedisEventStore', (bounds) => openStore({ prefix: prefixFor('calls'), ...bounds }), {
  skip,
});

describe.skipIf(skip)('RedisEventStore across instances', () => {
  it('shows every instance the same calls: records, list and histories, and the call on each lifecycle event', async () => {
    const prefix = prefixFor('calls-shared');
    const a = openStore({ prefix });
    const b = openStore({ prefix });
    await ready(a, b);
    const onB = collect(b);
    const call = `v3:${randomUUID()}`;
    const initiated = await a.append(makeLifecycleEvent('call.initiated', { id: randomUUID(), callControlId: call }));
    await b.append(makeEvent({ callControlId: call }));
    await a.append(makeLifecycleEvent('call.hangup', { id: randomUUID(), callControlId: call }));
    await onB.until(3);
    expect(onB.seen.map((event) => (event as CallLifecycleEvent).call?.state)).toEqual([
      'initiated',
      undefined,
      'ended',
    ]);
    expect(await b.calls.get(call)).toEqual(await a.calls.get(call));
    expect(await b.calls.get(call)).toMatchObject({ state: 'ended', position: initiated!.cursor });
    const query = { first: 10, after: null, states: null, only: null };
    expect(await b.calls.list(query)).toEqual(await a.calls.list(query));
    expect((await b.calls.events(call, 10, null)).events.map((event) => event.eventType)).toEqual([
      'call.initiated',
      'call.speak.ended',
      'call.hangup',
    ]);
  });

  it('delivers what either instance appends to the listeners of both, once each, in one order', async () => {
    const prefix = prefixFor('fanout');
    const a = openStore({ prefix });
    const b = openStore({ prefix });
    await ready(a, b);
    const onA = collect(a);
    const onB = collect(b);
    const appended: DeliveredCallEvent[] = [];
    for (let i = 0; i < 30; i++) appended.push((await (i % 3 === 0 ? b : a).append(makeEvent()))!);
    await onA.until(30);
    await onB.until(30);
    expect(onA.seen.map((e) => e.cursor)).toEqual(appended.map((e) => e.cursor));
    expect(onB.seen).toEqual(onA.seen);
    expect(await b.readAfter(appended[9]!.cursor, 5)).toEqual(appended.slice(10, 15));
    expect(await a.latestCursor()).toBe(await b.latestCursor());
  });

  it('accepts an event id once when it is appended on both instances at the same time', async () => {
    const prefix = prefixFor('dedup');
    const a = openStore({ prefix });
    const b = openStore({ prefix });
    await ready(a, b);
    const onB = collect(b);
    const events = Array.from({ length: 25 }, () => makeEvent());
    const results = await Promise.all(events.flatMap((event) => [a.append(event), b.append({ ...event })]));
    for (let i = 0; i < events.length; i++) {
      expect([results[2 * i], results[2 * i + 1]].filter((r) => r !== null)).toHaveLength(1);
    }
    const marker = await a.append(makeEvent());
    await onB.until(events.length + 1);
    expect(onB.seen.at(-1)!.cursor).toBe(marker!.cursor);
    expect(new Set(onB.ids()).size).toBe(events.length + 1);
    expect(onB.seen).toHaveLength(events.length + 1);
  });

  it('shares leg routing: a leg learned on one instance routes an event appended on the other', async () => {
    const prefix = prefixFor('legs');
    const a = openStore({ prefix });
    const b = openStore({ prefix });
    await ready(a, b);
    await a.append(makeEvent({ callControlId: 'v3:shared', callLegId: 'leg-shared' }));
    await a.rememberCallLeg('leg-status', 'v3:from-status');
    expect((await b.append(makeEvent({ callControlId: null, callLegId: 'leg-shared' })))!.callControlId).toBe(
      'v3:shared',
    );
    expect((await b.append(makeEvent({ callControlId: null, callLegId: 'leg-status' })))!.callControlId).toBe(
      'v3:from-status',
    );
  });

  it('keeps deployments with different prefixes apart', async () => {
    const one = openStore({ prefix: prefixFor('deployment-one') });
    const two = openStore({ prefix: prefixFor('deployment-two') });
    await ready(one, two);
    const onTwo = collect(two);
    const event = makeEvent({ callControlId: 'v3:one', callLegId: 'leg-one' });
    expect(await one.append(event)).not.toBeNull();
    expect(await two.append({ ...event, callControlId: null })).not.toBeNull(); // its own dedup record and leg map
    await onTwo.until(1);
    expect(onTwo.seen.map((e) => e.callControlId)).toEqual([null]);
    expect(await two.readAfter(START_CURSOR, 10)).toHaveLength(1);
  });

  it('resumes a cut-off reader from the last event it delivered, losing none appended meanwhile', async () => {
    const prefix = prefixFor('partition');
    const proxy = await startCuttableProxy(Number(new URL(REDIS_URL).port || 6379));
    cleanups.push(() => proxy.close());
    const writer = openStore({ prefix });
    const cutOff = openStore({ prefix, url: proxy.url });
    await ready(writer, cutOff);
    const received = collect(cutOff);
    const before = await writer.append(makeEvent());
    await received.until(1);
    proxy.cut();
    await waitFor(() => !cutOff.isReady(), 'the cut-off store to notice');
    const during: DeliveredCallEvent[] = [];
    for (let i = 0; i < 10; i++) during.push((await writer.append(makeEvent()))!);
    proxy.restore();
    await received.until(11);
    expect(received.seen.map((e) => e.cursor)).toEqual([before!, ...during].map((e) => e.cursor));
    await waitFor(() => cutOff.isReady(), 'the cut-off store to be ready again');
  });
});

describe.skipIf(skip)('EventBus over RedisEventStore', () => {
  it('resumes a subscriber on B after a cursor from A with no gap and no duplicate while A keeps publishing', async () => {
    const prefix = prefixFor('bus');
    const a = openStore({ prefix });
    const b = openStore({ prefix });
    await ready(a, b);
    const options = { maxBacklog: 1_000, replayPageSize: 16, metrics: createMetrics(), logger: silent };
    const busA = new EventBus(a, options);
    const busB = new EventBus(b, { ...options, metrics: createMetrics() });
    try {
      const published: string[] = [];
      for (let i = 0; i < 50; i++) published.push((await busA.publish(makeEvent()))!.id);
      const resumeAfter = (await a.readAfter(START_CURSOR, 10)).at(-1)!.cursor;
      const subscription = busB.subscribe({ after: resumeAfter });
      const publishing = (async () => {
        for (let i = 0; i < 100; i++) published.push((await busA.publish(makeEvent()))!.id);
      })();
      const received: DeliveredCallEvent[] = [];
      while (received.length < 140) received.push((await subscription.next()).value as DeliveredCallEvent);
      await publishing;
      expect(received.map((event) => event.id)).toEqual(published.slice(10));
      await subscription.return!();
    } finally {
      await Promise.all([busA.close(), busB.close()]);
    }
  });
});

describe('RedisEventStore without Redis', () => {
  it('is not ready and fails appends with EventBusUnavailableError, never showing the password', async () => {
    const { logger, text } = capturedLogger();
    const url = `redis://:hunter2-s3cret@127.0.0.1:${await freePort()}`;
    const store = openStore({ url, prefix: prefixFor('down'), logger });
    const started = Date.now();
    const failure = await store.append(makeEvent()).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(EventBusUnavailableError);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(store.isReady()).toBe(false);
    await expect(store.readAfter(START_CURSOR, 10)).rejects.toBeInstanceOf(EventBusUnavailableError);
    await waitFor(() => text().includes('redis unavailable'), 'the outage to be logged');
    expect(text()).toContain('127.0.0.1');
    expect(text()).not.toContain('hunter2-s3cret');
    expect(String((failure as Error).message)).not.toContain('hunter2-s3cret');
  });
});

describe.skipIf(skipRestarts)('RedisEventStore through a Redis restart', () => {
  async function throwaway(options: { appendonly?: boolean } = {}): Promise<ThrowawayRedis> {
    const server = await startThrowawayRedis(options);
    cleanups.push(() => server.dispose());
    return server;
  }

  it('turns unavailable while Redis is down and resumes delivery after it comes back empty', async () => {
    const server = await throwaway();
    const prefix = 'vmgtest:restart';
    const a = openStore({ url: server.url, prefix });
    const b = openStore({ url: server.url, prefix });
    await ready(a, b);
    const onB = collect(b);
    const old = await a.append(makeEvent());
    await onB.until(1);

    await server.stop();
    await waitFor(() => !a.isReady() && !b.isReady(), 'both stores to notice the outage');
    await expect(a.append(makeEvent())).rejects.toBeInstanceOf(EventBusUnavailableError);

    await server.start();
    await ready(a, b);
    const fresh = await a.append(makeEvent());
    await onB.until(2);
    expect(onB.seen.map((e) => e.cursor)).toEqual([old!.cursor, fresh!.cursor]);
    // Without persistence the log before the restart is gone: resuming from before it must say so.
    await expect(b.readAfter(old!.cursor, 10)).rejects.toBeInstanceOf(CursorExpiredError);
    expect(await b.readAfter(START_CURSOR, 10)).toEqual([fresh]);
  });

  it('delivers a replaced log from its start even when its ids are older than the last delivered', async () => {
    const server = await throwaway();
    const prefix = 'vmgtest:replaced';
    const store = openStore({ url: server.url, prefix });
    await ready(store);
    const received = collect(store);
    await store.append(makeEvent());
    await received.until(1);
    await server.stop();
    await server.start();
    // As if an older snapshot were restored: the new log's ids sort before what was delivered.
    const restored = makeEvent();
    const raw = new Redis(server.url);
    const keys = eventLogKeys(prefix);
    await raw.xadd(keys.stream, '1000-0', 'e', JSON.stringify(restored), 'c', restored.callControlId!);
    await raw.hset(keys.meta, 'origin', '1000-0', 'last', '1000-0');
    raw.disconnect();
    await received.until(2);
    expect(received.seen[1]).toEqual({ ...restored, cursor: '1000-0' });
  });

  it('loses no accepted event across a crash when Redis persists every write', async () => {
    const server = await throwaway({ appendonly: true });
    const prefix = 'vmgtest:durable';
    const proxy: CuttableProxy = await startCuttableProxy(server.port);
    cleanups.push(() => proxy.close());
    const writer = openStore({ url: server.url, prefix });
    const reader = openStore({ url: proxy.url, prefix });
    await ready(writer, reader);
    const received = collect(reader);
    const accepted: DeliveredCallEvent[] = [(await writer.append(makeEvent()))!];
    await received.until(1);

    // The reader is cut off, events are accepted, and Redis crashes before the reader saw them.
    proxy.cut();
    for (let i = 0; i < 5; i++) accepted.push((await writer.append(makeEvent()))!);
    await server.stop('SIGKILL');
    await server.start();
    proxy.restore();
    await ready(writer, reader);
    accepted.push((await writer.append(makeEvent()))!);

    await received.until(accepted.length);
    expect(received.seen.map((e) => e.cursor)).toEqual(accepted.map((e) => e.cursor));
    expect((await reader.readAfter(START_CURSOR, 100)).map((e) => e.cursor)).toEqual(accepted.map((e) => e.cursor));
  });

  it('turns unready when a connected Redis stops answering, and ready again once it takes writes', async () => {
    const server = await throwaway();
    const store = openStore({ url: server.url, prefix: 'vmgtest:hung' });
    await ready(store);
    const received = collect(store);
    server.pause();
    const started = Date.now();
    await expect(store.append(makeEvent())).rejects.toBeInstanceOf(EventBusUnavailableError);
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(store.isReady()).toBe(false);
    await expect(store.append(makeEvent())).rejects.toBeInstanceOf(EventBusUnavailableError);
    server.resume();
    await ready(store);
    const after = await store.append(makeEvent());
    await waitFor(
      () => received.seen.some((event) => event.cursor === after!.cursor),
      'the event appended after the hang',
    );
  });

  it('keeps every key under its prefix, as one hash tag', async () => {
    const server = await throwaway();
    const store = openStore({ url: server.url, prefix: 'tenant-a', bufferTotal: 3 });
    await ready(store);
    for (let i = 0; i < 5; i++) await store.append(makeEvent({ callLegId: `leg-${i}` }));
    await store.rememberCallLeg('leg-x', 'v3:x');
    await store.readAfter(START_CURSOR, 10).catch(() => []);
    const raw = new Redis(server.url);
    const keys = await raw.keys('*');
    raw.disconnect();
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.filter((key) => !key.startsWith('{tenant-a}:'))).toEqual([]);
  });
});
