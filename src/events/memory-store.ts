import { BoundedMap } from '../lib/bounded-map';
import { CursorExpiredError } from '../lib/errors';
import { compareCursors, formatCursor, START_CURSOR } from './cursor';
import type { EventStore } from './store';
import { MemoryCallStore } from './memory-calls';
import type { CallEvent, CallLifecycleEvent, DeliveredCallEvent } from './types';

export interface MemoryEventStoreOptions {
  /** Most events kept per call (events with no known call share one bucket). */
  bufferPerCall: number;
  /** Most events kept in all. */
  bufferTotal: number;
  /** Events older than this are trimmed. */
  bufferMaxAgeSeconds: number;
  /** How long a seen `data.id` is remembered for de-duplication (default: a day, at least the buffer age). */
  dedupTtlSeconds?: number;
  /** Most ids remembered for de-duplication (default: max(bufferTotal, 10 000)). */
  dedupMaxEntries?: number;
  /** Most leg → call mappings remembered (default: max(bufferTotal, 10 000)). */
  legMapMaxEntries?: number;
  /** Calls and their histories are kept this long after the call's first event (default: a day). */
  callRetentionSeconds?: number;
  /** Clock in epoch milliseconds; injectable for tests. */
  now?: () => number;
}

interface Entry {
  event: DeliveredCallEvent;
  /** Epoch ms when it was appended (age trimming uses our clock, not Telnyx's). */
  appendedAt: number;
  bucket: string;
  removed: boolean;
}

/** One call's buffered events, oldest first, and the newest of its events trimmed so far. */
interface CallBuffer {
  entries: Entry[];
  /** A resume of this call from before this cursor may have lost some of the call's events. */
  trimmedThrough: string;
}

const NO_CALL = '';
const SWEEP_INTERVAL_MS = 30_000;

/**
 * The in-process event log: one ordered array of entries (trimmed from the front, compacted
 * when removals pile up), per-call buffers for the per-call bound, an expiring id record for
 * de-duplication, a bounded leg → call map (oldest learned forgotten first), and the call records
 * and histories (MemoryCallStore), updated in the same step. Serves a single gateway instance.
 *
 * Expiry is judged per reader: an unfiltered resume expires once any event after its cursor was
 * trimmed; a resume filtered to one call only once one of that call's events was, so a chatty
 * call reaching its per-call bound does not expire the resumes of the other calls.
 */
export class MemoryEventStore implements EventStore {
  private log: Entry[] = [];
  private head = 0;
  private live = 0;
  private readonly perCall = new Map<string, CallBuffer>();
  /** Cursor of the newest trimmed event: an unfiltered resume from before it may have lost events. */
  private trimmedThrough = START_CURSOR;
  /**
   * Newest trimmed event of the calls whose buffer is gone: what a call without a buffer may have
   * lost (its own watermark went with its buffer, which keeps the watermarks bounded by the log).
   */
  private forgottenThrough = START_CURSOR;
  private lastMs: number;
  private lastSeq = -1;
  /** Cursors below this were made before this store existed (an earlier process): their events are gone. */
  private readonly birth: string;
  private latest = START_CURSOR;
  /** Each id's expiry, oldest first. */
  private readonly seenIds: BoundedMap<string, number>;
  private readonly legToCall: BoundedMap<string, string>;
  private readonly listeners = new Set<(event: DeliveredCallEvent) => void>();
  private readonly sweeper: NodeJS.Timeout;
  private closed = false;
  private readonly now: () => number;
  private readonly dedupTtlMs: number;
  readonly calls: MemoryCallStore;

  constructor(private readonly options: MemoryEventStoreOptions) {
    this.now = options.now ?? Date.now;
    this.calls = new MemoryCallStore({
      retentionSeconds: options.callRetentionSeconds ?? 86_400,
      eventsPerCall: options.bufferPerCall,
      // The history outlives the live buffer: it is bounded by retention, per call, and this.
      eventsTotal: Math.max(options.bufferTotal, 100_000),
      now: this.now,
    });
    this.dedupTtlMs = (options.dedupTtlSeconds ?? Math.max(86_400, options.bufferMaxAgeSeconds)) * 1000;
    this.seenIds = new BoundedMap(options.dedupMaxEntries ?? Math.max(options.bufferTotal, 10_000));
    this.legToCall = new BoundedMap(options.legMapMaxEntries ?? Math.max(options.bufferTotal, 10_000));
    this.lastMs = this.now();
    this.birth = formatCursor({ ms: this.lastMs, seq: 0 });
    this.sweeper = setInterval(() => this.trimByAge(), SWEEP_INTERVAL_MS);
    this.sweeper.unref();
  }

  async append(event: CallEvent): Promise<DeliveredCallEvent | null> {
    const now = this.now();
    this.forgetExpiredIds(now);
    if (this.seenIds.has(event.id)) return null;
    this.seenIds.set(event.id, now + this.dedupTtlMs);

    let callControlId = event.callControlId;
    if (callControlId !== null && event.callLegId !== null) this.learnLeg(event.callLegId, callControlId);
    if (callControlId === null && event.callLegId !== null) callControlId = this.legToCall.get(event.callLegId) ?? null;

    // Not `{ ...event, callControlId, cursor }`: a property added after a spread is slow on Node 20.
    const delivered: DeliveredCallEvent = Object.assign({}, event, { callControlId, cursor: this.nextCursor(now) });
    this.latest = delivered.cursor;
    const call = this.calls.take(delivered);
    if (call) (delivered as CallLifecycleEvent).call = call;
    this.push({ event: delivered, appendedAt: now, bucket: callControlId ?? NO_CALL, removed: false });
    this.trimByAge();
    for (const listener of this.listeners) {
      try {
        listener(delivered);
      } catch {
        // A listener must not break the log or the other listeners.
      }
    }
    return delivered;
  }

  async readAfter(cursor: string, limit: number, callControlId?: string | null): Promise<DeliveredCallEvent[]> {
    this.trimByAge();
    const beforeThisStore = cursor !== START_CURSOR && compareCursors(cursor, this.birth) < 0;
    if (beforeThisStore || compareCursors(cursor, this.trimmedThroughFor(callControlId ?? null)) < 0) {
      throw new CursorExpiredError(
        'the events after this cursor are no longer buffered; start again from the latest cursor',
      );
    }
    const events: DeliveredCallEvent[] = [];
    for (let i = this.firstIndexAfter(cursor); i < this.log.length && events.length < limit; i++) {
      const entry = this.log[i]!;
      if (!entry.removed) events.push(entry.event);
    }
    return events;
  }

  async latestCursor(): Promise<string> {
    return this.latest;
  }

  async rememberCallLeg(callLegId: string, callControlId: string): Promise<void> {
    this.learnLeg(callLegId, callControlId);
  }

  onEvent(listener: (event: DeliveredCallEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  isReady(): boolean {
    return !this.closed;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.sweeper);
    this.listeners.clear();
  }

  /** Newest trimmed event a reader of this call (null: of every call) might have wanted. */
  private trimmedThroughFor(callControlId: string | null): string {
    if (callControlId === null) return this.trimmedThrough;
    return this.perCall.get(callControlId)?.trimmedThrough ?? this.forgottenThrough;
  }

  /** Strictly increasing `<ms>-<seq>` even if the wall clock steps back. */
  private nextCursor(now: number): string {
    if (now > this.lastMs) {
      this.lastMs = now;
      this.lastSeq = 0;
    } else {
      this.lastSeq += 1;
    }
    return formatCursor({ ms: this.lastMs, seq: this.lastSeq });
  }

  private push(entry: Entry): void {
    this.log.push(entry);
    this.live += 1;
    let buffer = this.perCall.get(entry.bucket);
    // A new buffer inherits what earlier buffers of this call (if any) may have lost.
    if (!buffer) {
      buffer = { entries: [], trimmedThrough: this.forgottenThrough };
      this.perCall.set(entry.bucket, buffer);
    }
    buffer.entries.push(entry);
    if (buffer.entries.length > this.options.bufferPerCall) this.remove(buffer.entries[0]!);
    while (this.live > this.options.bufferTotal) this.remove(this.oldestLive()!);
  }

  private oldestLive(): Entry | undefined {
    while (this.head < this.log.length && this.log[this.head]!.removed) this.head += 1;
    return this.log[this.head];
  }

  /** Removes an entry that is the oldest of its call (always true: both bounds trim oldest first). */
  private remove(entry: Entry): void {
    entry.removed = true;
    this.live -= 1;
    const cursor = entry.event.cursor;
    const buffer = this.perCall.get(entry.bucket)!;
    buffer.entries.shift();
    buffer.trimmedThrough = newer(buffer.trimmedThrough, cursor);
    if (buffer.entries.length === 0) {
      this.forgottenThrough = newer(this.forgottenThrough, buffer.trimmedThrough);
      this.perCall.delete(entry.bucket);
    }
    this.trimmedThrough = newer(this.trimmedThrough, cursor);
    this.compact();
  }

  private trimByAge(): void {
    const oldestAllowed = this.now() - this.options.bufferMaxAgeSeconds * 1000;
    for (let entry = this.oldestLive(); entry && entry.appendedAt < oldestAllowed; entry = this.oldestLive()) {
      this.remove(entry);
    }
  }

  /** Drops removed entries once they outnumber the live ones, so memory follows the bounds. */
  private compact(): void {
    const dead = this.log.length - this.live;
    if (dead < 1024 || dead < this.live) return;
    this.log = this.log.filter((entry) => !entry.removed);
    this.head = 0;
  }

  private firstIndexAfter(cursor: string): number {
    let low = this.head;
    let high = this.log.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (compareCursors(this.log[mid]!.event.cursor, cursor) <= 0) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** Every id lives as long: they expire in the order they came. */
  private forgetExpiredIds(now: number): void {
    for (
      let id = this.seenIds.oldestKey();
      id !== undefined && this.seenIds.get(id)! <= now;
      id = this.seenIds.oldestKey()
    ) {
      this.seenIds.deleteOldest();
    }
  }

  /**
   * A known leg is updated in place and keeps its age: past the bound, the leg learned first goes,
   * not the one used least recently. The two differ only for a call still sending events after
   * 10,000 or more newer legs were learned; moving the leg to the end on each of its events left a
   * hole in the Map every time.
   */
  private learnLeg(callLegId: string, callControlId: string): void {
    this.legToCall.set(callLegId, callControlId);
  }
}

function newer(a: string, b: string): string {
  return compareCursors(a, b) >= 0 ? a : b;
}
