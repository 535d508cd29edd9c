import { describe, expect, it } from 'vitest';
import { compareCursors, START_CURSOR } from '../../src/events/cursor';
import { MemoryEventStore } from '../../src/events/memory-store';
import type { DeliveredCallEvent } from '../../src/events/types';
import { CursorExpiredError } from '../../src/lib/errors';
import { makeEvent } from './make-event';

function store(overrides: Partial<ConstructorParameters<typeof MemoryEventStore>[0]> = {}) {
  return new MemoryEventStore({ bufferPerCall: 100, bufferTotal: 1000, bufferMaxAgeSeconds: 3600, ...overrides });
}

describe('MemoryEventStore', () => {
  it('gives strictly increasing cursors and reads back after any cursor in order', async () => {
    const s = store();
    const cursors: string[] = [];
    for (let i = 0; i < 50; i++) cursors.push((await s.append(makeEvent()))!.cursor);
    for (let i = 1; i < cursors.length; i++) expect(compareCursors(cursors[i]!, cursors[i - 1]!)).toBeGreaterThan(0);
    expect((await s.readAfter(START_CURSOR, 1000)).map((e) => e.cursor)).toEqual(cursors);
    expect((await s.readAfter(cursors[19]!, 10)).map((e) => e.cursor)).toEqual(cursors.slice(20, 30));
    expect(await s.latestCursor()).toBe(cursors.at(-1));
    await s.close();
  });

  it('keeps cursors increasing when the clock steps back', async () => {
    let now = 1_000_000;
    const s = store({ now: () => now });
    const a = (await s.append(makeEvent()))!.cursor;
    now -= 500;
    const b = (await s.append(makeEvent()))!.cursor;
    expect(compareCursors(b, a)).toBeGreaterThan(0);
    await s.close();
  });

  it('expires a cursor made before this store existed (an earlier process), but not START_CURSOR', async () => {
    let now = 5_000_000;
    const s = store({ now: () => now });
    await expect(s.readAfter('4999999-3', 10)).rejects.toBeInstanceOf(CursorExpiredError);
    expect(await s.readAfter(START_CURSOR, 10)).toEqual([]);
    now -= 10; // even with the clock stepping back, this store's cursors stay valid
    const first = (await s.append(makeEvent()))!;
    expect(await s.readAfter(START_CURSOR, 10)).toEqual([first]);
    expect(await s.readAfter(first.cursor, 10)).toEqual([]);
    await s.close();
  });

  it('returns null for a duplicate id and does not append it again', async () => {
    const s = store();
    const event = makeEvent();
    const seen: DeliveredCallEvent[] = [];
    s.onEvent((e) => seen.push(e));
    expect(await s.append(event)).not.toBeNull();
    expect(await s.append({ ...event })).toBeNull();
    expect(seen).toHaveLength(1);
    expect(await s.readAfter(START_CURSOR, 10)).toHaveLength(1);
    await s.close();
  });

  it('forgets ids after the de-duplication ttl, and keeps at most dedupMaxEntries', async () => {
    let now = 1_000_000;
    const s = store({ now: () => now, dedupTtlSeconds: 10, dedupMaxEntries: 3 });
    const first = makeEvent();
    await s.append(first);
    now += 11_000;
    expect(await s.append({ ...first })).not.toBeNull();
    const ids = [makeEvent(), makeEvent(), makeEvent(), makeEvent()];
    for (const e of ids) await s.append(e);
    expect(await s.append({ ...ids[0]! })).not.toBeNull(); // evicted from the bounded record
    expect(await s.append({ ...ids[3]! })).toBeNull();
    await s.close();
  });

  it('fills a missing callControlId from the leg seen on the call’s earlier events', async () => {
    const s = store();
    await s.append(makeEvent({ callControlId: 'v3:known', callLegId: 'leg-1' }));
    const routed = await s.append(makeEvent({ callControlId: null, callLegId: 'leg-1' }));
    expect(routed!.callControlId).toBe('v3:known');
    await s.rememberCallLeg('leg-2', 'v3:taught');
    expect((await s.append(makeEvent({ callControlId: null, callLegId: 'leg-2' })))!.callControlId).toBe('v3:taught');
    expect((await s.append(makeEvent({ callControlId: null, callLegId: 'leg-unknown' })))!.callControlId).toBeNull();
    await s.close();
  });

  it('bounds the leg map', async () => {
    const s = store({ legMapMaxEntries: 2 });
    await s.rememberCallLeg('l1', 'c1');
    await s.rememberCallLeg('l2', 'c2');
    await s.rememberCallLeg('l3', 'c3');
    expect((await s.append(makeEvent({ callControlId: null, callLegId: 'l1' })))!.callControlId).toBeNull();
    expect((await s.append(makeEvent({ callControlId: null, callLegId: 'l3' })))!.callControlId).toBe('c3');
    await s.close();
  });

  it('forgets the leg learned first past the bound, a leg learned again keeping its place and its new call', async () => {
    const s = store({ legMapMaxEntries: 2 });
    await s.rememberCallLeg('l1', 'c1');
    await s.rememberCallLeg('l2', 'c2');
    await s.rememberCallLeg('l1', 'c1-transferred');
    const routed = async (leg: string) =>
      (await s.append(makeEvent({ callControlId: null, callLegId: leg })))!.callControlId;
    expect(await routed('l1')).toBe('c1-transferred');
    await s.rememberCallLeg('l3', 'c3');
    expect([await routed('l1'), await routed('l2'), await routed('l3')]).toEqual([null, 'c2', 'c3']);
    await s.close();
  });

  it('keeps forgetting the oldest ids, expired or past the bound, however many came and went', async () => {
    let now = 1_000_000;
    const s = store({ now: () => now, dedupTtlSeconds: 10, dedupMaxEntries: 100 });
    const events = Array.from({ length: 5_000 }, () => makeEvent());
    for (const event of events) expect(await s.append(event)).not.toBeNull();
    // The newest 100 are remembered, the rest forgotten.
    expect(await s.append({ ...events[4_899]! })).not.toBeNull();
    expect(await s.append({ ...events[4_999]! })).toBeNull();
    now += 11_000;
    expect(await s.append({ ...events[4_999]! })).not.toBeNull();
    await s.close();
  });

  it('bounds events per call and expires cursors from before the trimmed ones', async () => {
    const s = store({ bufferPerCall: 3 });
    const a: string[] = [];
    for (let i = 0; i < 5; i++) a.push((await s.append(makeEvent({ callControlId: 'v3:a' })))!.cursor);
    const b = (await s.append(makeEvent({ callControlId: 'v3:b' })))!.cursor;
    const all = await s.readAfter(a[1]!, 100);
    expect(all.map((e) => e.cursor)).toEqual([...a.slice(2), b]);
    await expect(s.readAfter(a[0]!, 100)).rejects.toBeInstanceOf(CursorExpiredError);
    await expect(s.readAfter(START_CURSOR, 100)).rejects.toBeInstanceOf(CursorExpiredError);
    await s.close();
  });

  it('expires a call-filtered resume only for the call that reached its per-call bound; an unfiltered one for any', async () => {
    const s = store({ bufferPerCall: 3 });
    const b1 = (await s.append(makeEvent({ callControlId: 'v3:quiet' })))!;
    const a: string[] = [];
    for (let i = 0; i < 5; i++) a.push((await s.append(makeEvent({ callControlId: 'v3:chatty' })))!.cursor); // trims a[0], a[1]
    const b2 = (await s.append(makeEvent({ callControlId: 'v3:quiet' })))!;
    const quietAfter = async (cursor: string) =>
      (await s.readAfter(cursor, 100, 'v3:quiet')).filter((e) => e.callControlId === 'v3:quiet');
    expect(await quietAfter(b1.cursor)).toEqual([b2]);
    expect(await quietAfter(START_CURSOR)).toEqual([b1, b2]);
    await expect(s.readAfter(a[0]!, 100, 'v3:chatty')).rejects.toBeInstanceOf(CursorExpiredError);
    expect((await s.readAfter(a[1]!, 100, 'v3:chatty')).map((e) => e.cursor)).toEqual([...a.slice(2), b2.cursor]);
    await expect(s.readAfter(b1.cursor, 100)).rejects.toBeInstanceOf(CursorExpiredError);
    await expect(s.readAfter(b1.cursor, 100, null)).rejects.toBeInstanceOf(CursorExpiredError);
    expect((await s.readAfter(a[1]!, 100)).map((e) => e.cursor)).toEqual([...a.slice(2), b2.cursor]);
    await s.close();
  });

  it('expires a call-filtered resume after a total trim that removed that call’s events, or its whole buffer', async () => {
    const s = store({ bufferTotal: 4 });
    const call = (callControlId: string) => s.append(makeEvent({ callControlId })).then((e) => e!);
    const b1 = await call('v3:b');
    const a1 = await call('v3:a');
    const b2 = await call('v3:b');
    for (let i = 0; i < 3; i++) await call('v3:a'); // six appended: b1 and a1 trimmed
    await expect(s.readAfter(START_CURSOR, 100, 'v3:b')).rejects.toBeInstanceOf(CursorExpiredError);
    await expect(s.readAfter(START_CURSOR, 100, 'v3:a')).rejects.toBeInstanceOf(CursorExpiredError);
    await expect(s.readAfter(b1.cursor, 100)).rejects.toBeInstanceOf(CursorExpiredError); // a1 is gone
    // b lost nothing after b1 (a1 was a's), so its resume from b1 is whole.
    expect((await s.readAfter(b1.cursor, 100, 'v3:b')).filter((e) => e.callControlId === 'v3:b')).toEqual([b2]);
    for (let i = 0; i < 2; i++) await call('v3:a'); // b2 trimmed: b has no buffer left
    await expect(s.readAfter(b1.cursor, 100, 'v3:b')).rejects.toBeInstanceOf(CursorExpiredError);
    // A call without a buffer cannot tell what it lost before the newest trim of a vanished buffer.
    await expect(s.readAfter(a1.cursor, 100, 'v3:never-seen')).rejects.toBeInstanceOf(CursorExpiredError);
    const b3 = await call('v3:b'); // a new buffer for b keeps what the old one may have lost
    await expect(s.readAfter(b1.cursor, 100, 'v3:b')).rejects.toBeInstanceOf(CursorExpiredError);
    expect((await s.readAfter(b2.cursor, 100, 'v3:b')).at(-1)).toEqual(b3);
    await s.close();
  });

  it('expires every resume from before an age trim, filtered or not', async () => {
    let now = 1_000_000;
    const s = store({ now: () => now, bufferMaxAgeSeconds: 60 });
    const b1 = (await s.append(makeEvent({ callControlId: 'v3:b' })))!;
    const a1 = (await s.append(makeEvent({ callControlId: 'v3:a' })))!;
    now += 61_000;
    const a2 = (await s.append(makeEvent({ callControlId: 'v3:a' })))!;
    for (const call of ['v3:a', 'v3:b', 'v3:c', null]) {
      await expect(s.readAfter(START_CURSOR, 100, call)).rejects.toBeInstanceOf(CursorExpiredError);
    }
    await expect(s.readAfter(b1.cursor, 100, 'v3:a')).rejects.toBeInstanceOf(CursorExpiredError);
    expect(await s.readAfter(a1.cursor, 100, 'v3:a')).toEqual([a2]);
    expect(await s.readAfter(a1.cursor, 100)).toEqual([a2]);
    await s.close();
  });

  it('keeps per-call state only for calls with buffered events', async () => {
    const s = store({ bufferTotal: 10, bufferPerCall: 2 });
    for (let i = 0; i < 5000; i++) await s.append(makeEvent({ callControlId: `v3:${i}` }));
    for (let i = 0; i < 50; i++) await s.append(makeEvent({ callControlId: 'v3:chatty' }));
    const calls = (s as unknown as { perCall: Map<string, unknown> }).perCall;
    expect(calls.size).toBeLessThanOrEqual(10);
    await s.close();
  });

  it('bounds events in total', async () => {
    const s = store({ bufferTotal: 10 });
    const cursors: string[] = [];
    for (let i = 0; i < 5000; i++) cursors.push((await s.append(makeEvent({ callControlId: `v3:${i % 7}` })))!.cursor);
    const kept = await s.readAfter(cursors[4989]!, 100);
    expect(kept.map((e) => e.cursor)).toEqual(cursors.slice(4990));
    await expect(s.readAfter(cursors[4988]!, 100)).rejects.toBeInstanceOf(CursorExpiredError);
    await s.close();
  });

  it('trims events older than the age limit', async () => {
    let now = 1_000_000;
    const s = store({ now: () => now, bufferMaxAgeSeconds: 60 });
    const old = (await s.append(makeEvent()))!.cursor;
    now += 30_000;
    const younger = (await s.append(makeEvent()))!;
    now += 31_000;
    expect(await s.readAfter(old, 10)).toEqual([younger]);
    await expect(s.readAfter(START_CURSOR, 10)).rejects.toBeInstanceOf(CursorExpiredError);
    now += 30_000;
    expect(await s.readAfter(younger.cursor, 10)).toEqual([]);
    await expect(s.readAfter(old, 10)).rejects.toBeInstanceOf(CursorExpiredError);
    await s.close();
  });
});
