import { describe, expect, it } from 'vitest';
import { EventBus } from '../../src/events/bus';
import { MalformedCursorError, START_CURSOR } from '../../src/events/cursor';
import { MemoryEventStore } from '../../src/events/memory-store';
import type { DeliveredCallEvent } from '../../src/events/types';
import { CursorExpiredError, SlowConsumerError } from '../../src/lib/errors';
import { createLogger } from '../../src/lib/logger';
import { createMetrics } from '../../src/lib/metrics';
import { makeEvent } from './make-event';

function setup(
  options: { maxBacklog?: number; replayPageSize?: number; bufferTotal?: number; bufferPerCall?: number } = {},
) {
  const store = new MemoryEventStore({
    bufferPerCall: options.bufferPerCall ?? 100_000,
    bufferTotal: options.bufferTotal ?? 100_000,
    bufferMaxAgeSeconds: 3600,
  });
  const metrics = createMetrics();
  const bus = new EventBus(store, {
    maxBacklog: options.maxBacklog ?? 1000,
    replayPageSize: options.replayPageSize,
    metrics,
    logger: createLogger('silent'),
  });
  return { store, bus, metrics };
}

async function take(iterator: AsyncIterator<DeliveredCallEvent>, count: number): Promise<DeliveredCallEvent[]> {
  const out: DeliveredCallEvent[] = [];
  while (out.length < count) {
    const result = await iterator.next();
    if (result.done) break;
    out.push(result.value);
  }
  return out;
}

describe('EventBus', () => {
  it('delivers published events to matching subscribers only, in order', async () => {
    const { bus } = setup();
    const callA = bus.subscribe({ callControlId: 'v3:a' });
    const speakOnly = bus.subscribe({ eventTypes: ['call.speak.started'] });
    const limited = bus.subscribe({ allowedCalls: new Set(['v3:b']) });
    const all = bus.subscribe({});
    const published = [
      await bus.publish(makeEvent({ callControlId: 'v3:a' })),
      await bus.publish(makeEvent({ callControlId: 'v3:b', eventType: 'call.speak.started' } as never)),
      await bus.publish(makeEvent({ callControlId: 'v3:a' })),
      await bus.publish(makeEvent({ callControlId: null, callLegId: 'nobody' })),
    ];
    expect(await take(all, 4)).toEqual(published);
    expect(await take(callA, 2)).toEqual([published[0], published[2]]);
    expect(await take(speakOnly, 1)).toEqual([published[1]]);
    expect(await take(limited, 1)).toEqual([published[1]]);
    // Nothing else is queued for the filtered ones: the next event they get is a new one.
    const later = await bus.publish(makeEvent({ callControlId: 'v3:b', eventType: 'call.speak.started' } as never));
    expect(await take(limited, 1)).toEqual([later]);
    await bus.close();
  });

  it('pipeTo pushes the replay, then live events in order, and ends with the subscription', async () => {
    const { bus } = setup({ replayPageSize: 2 });
    const before = [await bus.publish(makeEvent()), await bus.publish(makeEvent()), await bus.publish(makeEvent())];
    const subscription = bus.subscribe({ after: START_CURSOR });
    const pushed: DeliveredCallEvent[] = [];
    const ended = subscription.pipeTo((event) => {
      pushed.push(event);
      return 0;
    });
    const live = [await bus.publish(makeEvent()), await bus.publish(makeEvent())];
    await expect.poll(() => pushed.length).toBe(5);
    expect(pushed).toEqual([...before, ...live]);
    // Once live, an event reaches the sink within publish(), with no promise in between.
    const next = await bus.publish(makeEvent());
    expect(pushed.at(-1)).toEqual(next);
    await bus.close();
    await expect(ended).resolves.toBeUndefined();
  });

  it('pipeTo rejects with SlowConsumerError once the sink reports more than the backlog unwritten', async () => {
    const { bus } = setup({ maxBacklog: 3 });
    const subscription = bus.subscribe({});
    let unwritten = 0;
    const ended = subscription.pipeTo(() => ++unwritten);
    for (let i = 0; i < 5; i++) await bus.publish(makeEvent());
    await expect(ended).rejects.toBeInstanceOf(SlowConsumerError);
    expect(unwritten).toBe(4);
    await bus.close();
  });

  it('returns null and delivers nothing for a duplicate id', async () => {
    const { bus, metrics } = setup();
    const sub = bus.subscribe({});
    const event = makeEvent();
    const first = await bus.publish(event);
    expect(await bus.publish({ ...event })).toBeNull();
    const second = await bus.publish(makeEvent());
    expect(await take(sub, 2)).toEqual([first, second]);
    expect((await metrics.eventsPublished.get()).values[0]!.value).toBe(2);
    await bus.close();
  });

  it('rejects a malformed resume cursor', () => {
    const { bus } = setup();
    expect(() => bus.subscribe({ after: 'yesterday' })).toThrow(MalformedCursorError);
  });

  it('replays after a cursor, then continues live without gap or duplicate', async () => {
    const { bus } = setup({ replayPageSize: 3 });
    const before = [];
    for (let i = 0; i < 10; i++) before.push(await bus.publish(makeEvent()));
    const resumed = bus.subscribe({ after: before[3]!.cursor });
    const live = await bus.publish(makeEvent());
    const got = await take(resumed, 7);
    expect(got).toEqual([...before.slice(4), live]);
    await bus.close();
  });

  it('loses and repeats nothing when events are published concurrently with the replay', async () => {
    const { bus } = setup({ replayPageSize: 7 });
    const expected: DeliveredCallEvent[] = [];
    for (let i = 0; i < 200; i++) expected.push((await bus.publish(makeEvent({ callControlId: `v3:${i % 3}` })))!);
    const start = expected[49]!.cursor;
    const resumed = bus.subscribe({ after: start });
    const received: DeliveredCallEvent[] = [];
    const reader = (async () => {
      for await (const event of resumed) {
        received.push(event);
        if (received.length === 150 + 300) break;
        if (received.length % 5 === 0) await new Promise((r) => setImmediate(r));
      }
    })();
    const publisher = (async () => {
      for (let i = 0; i < 300; i++) {
        expected.push((await bus.publish(makeEvent({ callControlId: `v3:${i % 3}` })))!);
        if (i % 4 === 0) await new Promise((r) => setImmediate(r));
      }
    })();
    await Promise.all([reader, publisher]);
    expect(received.map((e) => e.id)).toEqual(expected.slice(50).map((e) => e.id));
    await bus.close();
  });

  it('does not count events held during a slow replay read against the backlog until the replay is delivered', async () => {
    const metrics = createMetrics();
    let duringRead: (() => Promise<void>) | null = null;
    class SlowReadStore extends MemoryEventStore {
      override async readAfter(cursor: string, limit: number) {
        const snapshot = await super.readAfter(cursor, limit);
        const hook = duringRead;
        duringRead = null;
        await hook?.(); // events appended now are not in this snapshot: the store answered before them
        return snapshot;
      }
    }
    const store = new SlowReadStore({ bufferPerCall: 100, bufferTotal: 100, bufferMaxAgeSeconds: 60 });
    const bus = new EventBus(store, { maxBacklog: 5, replayPageSize: 5, metrics, logger: createLogger('silent') });
    const start = await bus.latestCursor();
    const buffered = [];
    for (let i = 0; i < 3; i++) buffered.push(await bus.publish(makeEvent()));
    const live: unknown[] = [];
    duringRead = async () => {
      for (let i = 0; i < 4; i++) live.push(await bus.publish(makeEvent()));
    };
    const sub = bus.subscribe({ after: start });
    expect(await take(sub, 7)).toEqual([...buffered, ...live]);
    expect((await metrics.droppedSubscribers.get()).values[0]!.value).toBe(0);
    await bus.close();
  });

  it('starts from START_CURSOR with every buffered event, and from latestCursor with none', async () => {
    const { bus } = setup();
    const first = await bus.publish(makeEvent());
    const fromStart = bus.subscribe({ after: START_CURSOR });
    const fromLatest = bus.subscribe({ after: await bus.latestCursor() });
    const next = await bus.publish(makeEvent());
    expect(await take(fromStart, 2)).toEqual([first, next]);
    expect(await take(fromLatest, 1)).toEqual([next]);
    await bus.close();
  });

  it('ends a resume from a cursor older than the buffer with CursorExpiredError', async () => {
    const { bus } = setup({ bufferTotal: 5 });
    const first = await bus.publish(makeEvent());
    for (let i = 0; i < 10; i++) await bus.publish(makeEvent());
    const resumed = bus.subscribe({ after: first!.cursor });
    await expect(resumed.next()).rejects.toBeInstanceOf(CursorExpiredError);
    expect(await resumed.next()).toEqual({ value: undefined, done: true });
  });

  it('resumes one call past another call’s per-call trims, paging with no gap; refuses the trimmed call and the firehose', async () => {
    const { bus } = setup({ bufferPerCall: 3, replayPageSize: 2 });
    const quiet = [(await bus.publish(makeEvent({ callControlId: 'v3:quiet' })))!];
    const chatty: DeliveredCallEvent[] = [];
    for (let i = 0; i < 6; i++) {
      chatty.push((await bus.publish(makeEvent({ callControlId: 'v3:chatty' })))!);
      if (i % 2 === 0) quiet.push((await bus.publish(makeEvent({ callControlId: 'v3:quiet' })))!);
    }
    const resumed = bus.subscribe({ callControlId: 'v3:quiet', after: quiet[0]!.cursor });
    expect(await take(resumed, 3)).toEqual(quiet.slice(1));
    const live = await bus.publish(makeEvent({ callControlId: 'v3:quiet' }));
    expect(await take(resumed, 1)).toEqual([live]);
    for (const filter of [{ callControlId: 'v3:chatty', after: chatty[0]!.cursor }, { after: quiet[0]!.cursor }]) {
      const refused = bus.subscribe(filter);
      await expect(refused.next()).rejects.toBeInstanceOf(CursorExpiredError);
    }
    await bus.close();
  });

  it('drops a subscriber that stops reading, without holding up the others', async () => {
    const { bus, metrics } = setup({ maxBacklog: 20 });
    const stalled = bus.subscribe({});
    const reading = bus.subscribe({});
    const sent: DeliveredCallEvent[] = [];
    const received: DeliveredCallEvent[] = [];
    for (let i = 0; i < 100; i++) {
      sent.push((await bus.publish(makeEvent()))!);
      received.push(...(await take(reading, 1)));
    }
    expect(received).toEqual(sent);
    await expect(stalled.next()).rejects.toBeInstanceOf(SlowConsumerError);
    expect((await metrics.droppedSubscribers.get()).values[0]!.value).toBe(1);
    expect((await metrics.activeSubscriptions.get()).values[0]!.value).toBe(1);
    await bus.close();
    expect((await metrics.activeSubscriptions.get()).values[0]!.value).toBe(0);
  });

  it('ends a waiting subscription on return() and on abort', async () => {
    const { bus } = setup();
    const sub = bus.subscribe({});
    const pending = sub.next();
    await sub.return!();
    expect(await pending).toEqual({ value: undefined, done: true });
    const controller = new AbortController();
    const aborted = bus.subscribe({}, controller.signal);
    const waiting = aborted.next();
    controller.abort();
    expect(await waiting).toEqual({ value: undefined, done: true });
    await bus.close();
  });

  it('close() lets a subscription deliver what is already queued, then ends it', async () => {
    const { bus } = setup();
    const sub = bus.subscribe({});
    const queued = [await bus.publish(makeEvent()), await bus.publish(makeEvent())];
    const closing = bus.close();
    expect(await take(sub, 3)).toEqual(queued);
    await closing;
    expect(await bus.publish(makeEvent())).not.toBeNull(); // the store still records; nobody is listening
  });

  it('close() ends a subscription that stops reading after the grace period', async () => {
    const { bus } = setup();
    const sub = bus.subscribe({});
    await bus.publish(makeEvent());
    const started = Date.now();
    await bus.close(50);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await sub.next()).toEqual({ value: undefined, done: true });
  });

  it('completes every subscription on close()', async () => {
    const { bus } = setup();
    const sub = bus.subscribe({ callControlId: 'v3:a' });
    const pending = sub.next();
    await bus.close();
    expect(await pending).toEqual({ value: undefined, done: true });
    expect(bus.isReady()).toBe(false);
  });
});
