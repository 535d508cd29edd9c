import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { compareCursors, START_CURSOR } from '../../src/events/cursor';
import type { EventStore } from '../../src/events/store';
import type { CallRecordingSavedEvent, DeliveredCallEvent } from '../../src/events/types';
import { CursorExpiredError } from '../../src/lib/errors';
import { waitFor } from '../support/wait';
import { makeEvent } from './make-event';

export interface StoreBounds {
  bufferPerCall: number;
  bufferTotal: number;
  bufferMaxAgeSeconds: number;
}

export type MakeStore = (bounds: StoreBounds) => EventStore | Promise<EventStore>;

/**
 * Opens a store per call with `defaults` under the test's own bounds, waits until it is ready, and
 * closes every store a test opened after it: what each store contract starts from.
 */
export function storeOpener<Bounds extends StoreBounds>(
  makeStore: (bounds: Bounds) => EventStore | Promise<EventStore>,
  defaults: Bounds,
): (bounds?: Partial<Bounds>) => Promise<EventStore> {
  const opened: EventStore[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
  });
  return async (bounds = {}) => {
    const store = await makeStore({ ...defaults, ...bounds });
    opened.push(store);
    await waitFor(() => store.isReady(), 'the store to be ready');
    return store;
  };
}

const roomy: StoreBounds = { bufferPerCall: 10_000, bufferTotal: 10_000, bufferMaxAgeSeconds: 3_600 };

/** Collects what a store's onEvent delivers, for stores that deliver asynchronously too. */
function listen(store: EventStore) {
  const seen: DeliveredCallEvent[] = [];
  const stop = store.onEvent((event) => seen.push(event));
  return {
    seen,
    stop,
    cursors: () => seen.map((event) => event.cursor),
    until: (count: number) =>
      waitFor(
        () => seen.length >= count,
        () => `${count} delivered events (have ${seen.length})`,
      ),
  };
}

function recordingSaved(overrides: Partial<CallRecordingSavedEvent> = {}): CallRecordingSavedEvent {
  return {
    ...(makeEvent() as object as CallRecordingSavedEvent),
    eventType: 'call.recording.saved',
    clientStateBase64: Buffer.from('tenant=7').toString('base64'),
    recordingId: 'rec-1',
    channels: 'dual',
    format: 'mp3',
    recordingStartedAt: '2026-01-01T00:00:00.000Z',
    recordingEndedAt: '2026-01-01T00:01:00.000Z',
    recordingUrls: { mp3: 'https://example.test/a.mp3', wav: null },
    publicRecordingUrls: null,
    ...overrides,
  };
}

/** The events after `cursor` (of every call, or only `call`'s), or 'expired' when the store refuses the cursor. */
async function readOrExpired(
  store: EventStore,
  cursor: string,
  call?: string | null,
): Promise<DeliveredCallEvent[] | 'expired'> {
  try {
    const events = await store.readAfter(cursor, 10_000, call);
    return call == null ? events : events.filter((event) => event.callControlId === call);
  } catch (error) {
    if (error instanceof CursorExpiredError) return 'expired';
    throw error;
  }
}

/**
 * What every EventStore must do, whatever holds the log: run it against each implementation.
 * Bounds are checked as guarantees both kinds of store can give: at least the newest
 * `bufferTotal` events stay readable, and a cursor from before a trimmed event is refused.
 */
export function describeEventStoreContract(name: string, makeStore: MakeStore, options: { skip?: boolean } = {}): void {
  describe.skipIf(options.skip ?? false)(`EventStore contract: ${name}`, () => {
    const open = storeOpener(makeStore, roomy);

    it('gives strictly increasing cursors and reads back after any cursor, in order, paged by limit', async () => {
      const store = await open();
      const cursors: string[] = [];
      for (let i = 0; i < 30; i++) cursors.push((await store.append(makeEvent()))!.cursor);
      for (let i = 1; i < cursors.length; i++) expect(compareCursors(cursors[i]!, cursors[i - 1]!)).toBeGreaterThan(0);
      expect((await store.readAfter(START_CURSOR, 100)).map((e) => e.cursor)).toEqual(cursors);
      expect((await store.readAfter(cursors[9]!, 5)).map((e) => e.cursor)).toEqual(cursors.slice(10, 15));
      expect(await store.readAfter(cursors.at(-1)!, 100)).toEqual([]);
    });

    it('hands back every field of the event as appended, with its cursor, from append, readAfter and onEvent alike', async () => {
      const store = await open();
      const events = listen(store);
      const event = recordingSaved();
      const appended = await store.append(event);
      expect(appended).toEqual({ ...event, cursor: appended!.cursor });
      expect(await store.readAfter(START_CURSOR, 10)).toEqual([appended]);
      await events.until(1);
      expect(events.seen).toEqual([appended]);
    });

    it('accepts an event id once: a duplicate returns null and is neither stored nor delivered again', async () => {
      const store = await open();
      const events = listen(store);
      const event = makeEvent();
      const first = await store.append(event);
      expect(first).not.toBeNull();
      expect(await store.append({ ...event, occurredAt: new Date().toISOString() })).toBeNull();
      const next = await store.append(makeEvent());
      await events.until(2);
      expect(events.cursors()).toEqual([first!.cursor, next!.cursor]);
      expect((await store.readAfter(START_CURSOR, 10)).map((e) => e.id)).toEqual([event.id, next!.id]);
    });

    it('routes an event without callControlId to the call its leg was seen on, or was taught', async () => {
      const store = await open();
      await store.append(makeEvent({ callControlId: 'v3:routed', callLegId: 'leg-routed' }));
      const fromEvent = await store.append(makeEvent({ callControlId: null, callLegId: 'leg-routed' }));
      expect(fromEvent!.callControlId).toBe('v3:routed');
      await store.rememberCallLeg('leg-taught', 'v3:taught');
      const fromStatus = await store.append(makeEvent({ callControlId: null, callLegId: 'leg-taught' }));
      expect(fromStatus!.callControlId).toBe('v3:taught');
      const unknown = await store.append(makeEvent({ callControlId: null, callLegId: 'leg-never-seen' }));
      expect(unknown!.callControlId).toBeNull();
      const stored = await store.readAfter(START_CURSOR, 10);
      expect(stored.map((e) => e.callControlId)).toEqual(['v3:routed', 'v3:routed', 'v3:taught', null]);
    });

    it('delivers every event to every listener in cursor order, keeps going past a throwing listener, stops after unsubscribe', async () => {
      const store = await open();
      store.onEvent(() => {
        throw new Error('listener bug');
      });
      const first = listen(store);
      const second = listen(store);
      const appended = await Promise.all(Array.from({ length: 20 }, () => store.append(makeEvent())));
      const inCursorOrder = appended.map((e) => e!.cursor).sort(compareCursors);
      await first.until(20);
      await second.until(20);
      expect(first.cursors()).toEqual(inCursorOrder);
      expect(second.cursors()).toEqual(inCursorOrder);
      first.stop();
      const later = await store.append(makeEvent());
      await second.until(21);
      expect(second.cursors().at(-1)).toBe(later!.cursor);
      expect(first.seen).toHaveLength(20);
    });

    it('reports the newest cursor as latestCursor, START_CURSOR while empty', async () => {
      const store = await open();
      expect(await store.latestCursor()).toBe(START_CURSOR);
      expect(await store.readAfter(await store.latestCursor(), 10)).toEqual([]);
      await store.append(makeEvent());
      const last = await store.append(makeEvent());
      expect(await store.latestCursor()).toBe(last!.cursor);
      expect(await store.readAfter(await store.latestCursor(), 10)).toEqual([]);
    });

    it('keeps at least the newest bufferTotal events and refuses a cursor from before trimmed ones', async () => {
      const bufferTotal = 10;
      const store = await open({ bufferTotal });
      const cursors: string[] = [];
      for (let i = 0; i < 300; i++)
        cursors.push((await store.append(makeEvent({ callControlId: `v3:call-${i % 7}` })))!.cursor);
      await expect(store.readAfter(START_CURSOR, 10)).rejects.toBeInstanceOf(CursorExpiredError);
      await expect(store.readAfter(cursors[0]!, 10)).rejects.toBeInstanceOf(CursorExpiredError);
      const newest = cursors.slice(-bufferTotal);
      expect((await store.readAfter(cursors.at(-bufferTotal - 1)!, 100)).map((e) => e.cursor)).toEqual(newest);
      expect(await store.latestCursor()).toBe(cursors.at(-1));
    });

    it('trims events older than bufferMaxAgeSeconds, refusing filtered and unfiltered resumes from before them', async () => {
      const store = await open({ bufferMaxAgeSeconds: 1 });
      await store.append(makeEvent({ callControlId: 'v3:other' }));
      const old = await store.append(makeEvent({ callControlId: 'v3:old' }));
      await sleep(1_100); // the age limit is the point: let the first events grow older than it
      const fresh = await store.append(makeEvent({ callControlId: 'v3:old' }));
      await expect(store.readAfter(START_CURSOR, 10)).rejects.toBeInstanceOf(CursorExpiredError);
      await expect(store.readAfter(START_CURSOR, 10, 'v3:old')).rejects.toBeInstanceOf(CursorExpiredError);
      await expect(store.readAfter(START_CURSOR, 10, 'v3:other')).rejects.toBeInstanceOf(CursorExpiredError);
      expect((await store.readAfter(old!.cursor, 10, 'v3:old')).map((e) => e.cursor)).toEqual([fresh!.cursor]);
    });

    it('refuses a call-filtered resume from before a total trim of that call’s events', async () => {
      const store = await open({ bufferTotal: 10 });
      const cursors: string[] = [];
      for (let i = 0; i < 30; i++)
        cursors.push((await store.append(makeEvent({ callControlId: `v3:call-${i % 3}` })))!.cursor);
      for (const call of ['v3:call-0', 'v3:call-1', 'v3:call-2']) {
        await expect(store.readAfter(START_CURSOR, 10, call)).rejects.toBeInstanceOf(CursorExpiredError);
        await expect(store.readAfter(cursors[0]!, 10, call)).rejects.toBeInstanceOf(CursorExpiredError);
      }
      const newestOfCall0 = cursors.filter((_, i) => i >= 20 && i % 3 === 0);
      expect(
        (await store.readAfter(cursors[19]!, 100, 'v3:call-0'))
          .filter((e) => e.callControlId === 'v3:call-0')
          .map((e) => e.cursor),
      ).toEqual(newestOfCall0);
    });

    it('does not refuse a call’s resume because another call went past bufferPerCall, and never leaves a silent gap', async () => {
      const store = await open({ bufferPerCall: 3 });
      const quiet1 = (await store.append(makeEvent({ callControlId: 'v3:quiet' })))!;
      const chatty: DeliveredCallEvent[] = [];
      for (let i = 0; i < 8; i++) chatty.push((await store.append(makeEvent({ callControlId: 'v3:chatty' })))!);
      const quiet2 = (await store.append(makeEvent({ callControlId: 'v3:quiet' })))!;
      expect(await readOrExpired(store, quiet1.cursor, 'v3:quiet')).toEqual([quiet2]);
      expect(await readOrExpired(store, START_CURSOR, 'v3:quiet')).toEqual([quiet1, quiet2]);
      // Where the chatty call's own events may be trimmed, its resume and an unfiltered one are refused, not shortened.
      const chattyResume = await readOrExpired(store, chatty[0]!.cursor, 'v3:chatty');
      if (chattyResume !== 'expired') expect(chattyResume).toEqual(chatty.slice(1));
      const unfiltered = await readOrExpired(store, quiet1.cursor);
      if (unfiltered !== 'expired') expect(unfiltered).toEqual([...chatty, quiet2]);
    });

    it('is ready while open and not after close', async () => {
      const store = await open();
      expect(store.isReady()).toBe(true);
      await store.close();
      expect(store.isReady()).toBe(false);
    });
  });
}
