import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { CallRecord } from '../../src/events/call-record';
import type { EventStore } from '../../src/events/store';
import type { CallLifecycleEvent, DeliveredCallEvent } from '../../src/events/types';
import { waitFor } from '../support/wait';
import { makeEvent, makeLifecycleEvent } from './make-event';
import { type StoreBounds, storeOpener } from './store-contract';

export type CallStoreBounds = StoreBounds & { callRetentionSeconds?: number };
export type MakeCallStore = (bounds: CallStoreBounds) => EventStore | Promise<EventStore>;

const roomy: CallStoreBounds = { bufferPerCall: 1_000, bufferTotal: 10_000, bufferMaxAgeSeconds: 3_600 };

/** A fresh call id and its lifecycle and media events, as the normaliser makes them. */
function newCall() {
  const callControlId = `v3:${randomUUID()}`;
  const lifecycle = (eventType: CallLifecycleEvent['eventType'], overrides: Record<string, unknown> = {}) => {
    const { cursor: _none, ...event } = makeLifecycleEvent(eventType, {
      id: randomUUID(),
      callControlId,
      ...overrides,
    });
    return event as CallLifecycleEvent;
  };
  const media = (overrides: Record<string, unknown> = {}) => makeEvent({ callControlId, ...overrides });
  return { callControlId, lifecycle, media };
}

/**
 * What every store must do with calls, whatever holds them: run it against each implementation
 * (test/events/call-state.test.ts has the merge rules themselves).
 */
export function describeCallStoreContract(name: string, makeStore: MakeCallStore, options: { skip?: boolean } = {}) {
  describe.skipIf(options.skip ?? false)(`EventStore calls contract: ${name}`, () => {
    const open = storeOpener(makeStore, roomy);

    it('merges lifecycle events into the call, and delivers each with the call as it stood after it', async () => {
      const store = await open();
      const seen: DeliveredCallEvent[] = [];
      store.onEvent((event) => seen.push(event));
      const call = newCall();
      const first = await store.append(call.lifecycle('call.initiated'));
      await store.append(call.media());
      await store.append(call.lifecycle('call.answered'));
      await store.append(call.lifecycle('call.hangup', { hangupCause: 'user_busy' }));
      await waitFor(() => seen.length === 4, 'four events delivered');

      const states = seen.map((event) => (event as CallLifecycleEvent).call?.state);
      expect(states).toEqual(['initiated', undefined, 'answered', 'ended']);
      for (const event of seen.filter((e) => e.eventType !== 'call.speak.ended')) {
        expect((event as CallLifecycleEvent).call).toMatchObject({
          callControlId: call.callControlId,
          position: first!.cursor,
        });
      }
      expect(await store.calls.get(call.callControlId)).toEqual({
        callControlId: call.callControlId,
        position: first!.cursor,
        callLegId: 'leg-a',
        callSessionId: 'session-a',
        connectionId: 'conn-1',
        state: 'ended',
        direction: 'incoming',
        from: '+15550001111',
        to: '+15550002222',
        startedAt: '2026-12-01T10:00:00.000Z',
        answeredAt: '2026-12-01T10:00:05.000Z',
        endedAt: '2026-12-01T10:03:00.000Z',
        hangupCause: 'user_busy',
      } satisfies CallRecord);
      expect(await store.calls.get('v3:never-seen')).toBeNull();
    });

    it('ends a call whose hangup comes first; a late answered is recorded, not reviving it; a retry changes nothing', async () => {
      const store = await open();
      const call = newCall();
      const hangup = await store.append(call.lifecycle('call.hangup'));
      const answered = call.lifecycle('call.answered');
      await store.append(answered);
      expect(await store.append({ ...answered, occurredAt: '2026-12-01T11:00:00.000Z' })).toBeNull();
      expect(await store.calls.get(call.callControlId)).toMatchObject({
        position: hangup!.cursor,
        state: 'ended',
        answeredAt: '2026-12-01T10:00:05.000Z',
        endedAt: '2026-12-01T10:03:00.000Z',
        direction: null,
      });
      await store.append(call.lifecycle('call.initiated'));
      expect(await store.calls.get(call.callControlId)).toMatchObject({ state: 'ended', direction: 'incoming' });
    });

    it('lists calls newest first; pages continue where they stopped while newer calls arrive; state and claim filter', async () => {
      const store = await open();
      const [c1, c2, c3, c4, c5, c6] = Array.from({ length: 6 }, newCall);
      await store.append(c1!.lifecycle('call.initiated'));
      await store.append(c2!.lifecycle('call.answered'));
      await store.append(c3!.lifecycle('call.initiated'));
      await store.append(c4!.media());
      await store.append(c5!.lifecycle('call.answered'));
      await store.append(c3!.lifecycle('call.hangup'));
      const ids = (page: { calls: CallRecord[] }) => page.calls.map((record) => record.callControlId);
      const all = { states: null, only: null };

      const first = await store.calls.list({ first: 2, after: null, ...all });
      expect(ids(first)).toEqual([c5!.callControlId, c4!.callControlId]);
      expect(first).toMatchObject({ hasNextPage: true, totalCount: 5 });
      expect(first.calls[1]!.state).toBeNull(); // only a media event seen
      const second = await store.calls.list({ first: 2, after: first.calls[1]!.position, ...all });
      expect(ids(second)).toEqual([c3!.callControlId, c2!.callControlId]);
      await store.append(c6!.lifecycle('call.initiated'));
      const third = await store.calls.list({ first: 2, after: second.calls[1]!.position, ...all });
      expect(ids(third)).toEqual([c1!.callControlId]);
      expect(third).toMatchObject({ hasNextPage: false, totalCount: 6 });

      const answered = await store.calls.list({ first: 10, after: null, states: ['answered'], only: null });
      expect(ids(answered)).toEqual([c5!.callControlId, c2!.callControlId]);
      expect(answered.totalCount).toBe(2);
      const notAnswered = await store.calls.list({
        first: 10,
        after: null,
        states: ['initiated', 'ended'],
        only: null,
      });
      expect(ids(notAnswered)).toEqual([c6!.callControlId, c3!.callControlId, c1!.callControlId]);
      const page = await store.calls.list({ first: 1, after: null, states: ['initiated', 'ended'], only: null });
      expect(page).toMatchObject({ hasNextPage: true, totalCount: 3 });

      const only = new Set([c2!.callControlId, c3!.callControlId, 'v3:never-seen']);
      const claimed = await store.calls.list({ first: 10, after: null, states: null, only });
      expect(ids(claimed)).toEqual([c3!.callControlId, c2!.callControlId]);
      expect(claimed.totalCount).toBe(2);
      const claimedPage = await store.calls.list({ first: 1, after: claimed.calls[0]!.position, states: null, only });
      expect(ids(claimedPage)).toEqual([c2!.callControlId]);
      const claimedEnded = await store.calls.list({ first: 10, after: null, states: ['ended'], only });
      expect(ids(claimedEnded)).toEqual([c3!.callControlId]);
    });

    it("keeps each call's events oldest first, paged, longer than the live log and at most bufferPerCall", async () => {
      const store = await open({ bufferTotal: 5, bufferPerCall: 8 });
      const call = newCall();
      const cursors: string[] = [];
      for (let i = 0; i < 9; i++) cursors.push((await store.append(call.media({ callLegId: 'leg-h' })))!.cursor);
      // Telnyx leaves the call out of some events: the leg seen above routes it into the history.
      cursors.push((await store.append(call.media({ callControlId: null, callLegId: 'leg-h' })))!.cursor);
      await store.append(newCall().media());

      const firstPage = await store.calls.events(call.callControlId, 4, null);
      expect(firstPage.events.map((event) => event.cursor)).toEqual(cursors.slice(2, 6));
      expect(firstPage).toMatchObject({ hasNextPage: true, totalCount: 8 });
      const lastPage = await store.calls.events(call.callControlId, 4, firstPage.events.at(-1)!.cursor);
      expect(lastPage.events.map((event) => event.cursor)).toEqual(cursors.slice(6));
      expect(lastPage.hasNextPage).toBe(false);
      expect(lastPage.events.at(-1)!.callControlId).toBe(call.callControlId);
      expect(await store.calls.events(call.callControlId, 4, lastPage.events.at(-1)!.cursor)).toEqual({
        events: [],
        hasNextPage: false,
        totalCount: 8,
      });
      expect(await store.calls.events('v3:never-seen', 4, null)).toEqual({
        events: [],
        hasNextPage: false,
        totalCount: 0,
      });
    });

    it('forgets a call and its events once the retention since its first event has passed', async () => {
      const store = await open({ callRetentionSeconds: 1 });
      const call = newCall();
      await store.append(call.lifecycle('call.initiated'));
      const listed = await store.calls.list({ first: 10, after: null, states: null, only: null });
      expect(listed.calls.map((record) => record.callControlId)).toEqual([call.callControlId]);
      await waitFor(
        async () =>
          (await store.calls.get(call.callControlId)) === null &&
          (await store.calls.list({ first: 10, after: null, states: null, only: null })).totalCount === 0 &&
          (await store.calls.events(call.callControlId, 10, null)).totalCount === 0,
        'the call to be forgotten',
        { timeoutMs: 5_000 },
      );
    });
  });
}
