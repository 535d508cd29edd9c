import type { CallRecord, CallState } from './call-record';
import { emptyCallRecord, mergeCallEvent } from './call-state';
import { compareCursors } from './cursor';
import type { CallEventPage, CallListQuery, CallPage, CallReader } from './store';
import { type DeliveredCallEvent, isCallLifecycleEventType } from './types';

export interface MemoryCallStoreOptions {
  /** A call and its events are forgotten this long after its first event. */
  retentionSeconds: number;
  /** Most events kept per call (the oldest go first). */
  eventsPerCall: number;
  /** Most events kept across every call's history: past it, the oldest calls are forgotten whole. */
  eventsTotal: number;
  now: () => number;
}

interface StoredCall {
  record: CallRecord;
  /** Epoch ms of the call's first event: retention counts from it. */
  firstSeenMs: number;
  events: DeliveredCallEvent[];
}

type StateKey = CallState | 'none';

/**
 * The in-process call records and histories, fed by MemoryEventStore.append in the same step as
 * the log. Calls are kept in the order first seen, which is the order of their positions, so the
 * newest-first list walks an array backwards and retention trims it from the front.
 */
export class MemoryCallStore implements CallReader {
  private readonly byId = new Map<string, StoredCall>();
  /** Oldest first; entries before `head` are forgotten. */
  private order: StoredCall[] = [];
  private head = 0;
  private eventsHeld = 0;
  private readonly counts: Record<StateKey, number> = { initiated: 0, answered: 0, ended: 0, none: 0 };

  constructor(private readonly options: MemoryCallStoreOptions) {}

  /** Takes in an appended event; for a lifecycle event, returns its call's record as it now stands. */
  take(event: DeliveredCallEvent): CallRecord | undefined {
    const callControlId = event.callControlId;
    if (callControlId === null) return undefined;
    this.forgetExpired();
    let call = this.byId.get(callControlId);
    const created = call === undefined;
    if (!call) {
      call = { record: emptyCallRecord(callControlId, event.cursor), firstSeenMs: this.options.now(), events: [] };
      this.byId.set(callControlId, call);
      this.order.push(call);
      this.counts.none += 1;
    }
    const lifecycle = isCallLifecycleEventType(event.eventType);
    if (lifecycle || created) {
      const before = call.record.state;
      mergeCallEvent(call.record, event);
      this.counts[before ?? 'none'] -= 1;
      this.counts[call.record.state ?? 'none'] += 1;
    }
    call.events.push(event);
    this.eventsHeld += 1;
    if (call.events.length > this.options.eventsPerCall) {
      call.events.shift();
      this.eventsHeld -= 1;
    }
    while (this.eventsHeld > this.options.eventsTotal && this.head < this.order.length - 1) this.forgetOldest();
    return lifecycle ? { ...call.record } : undefined;
  }

  async list({ first, after, states, only }: CallListQuery): Promise<CallPage> {
    this.forgetExpired();
    const wanted = (call: StoredCall) =>
      (states === null || (call.record.state !== null && states.includes(call.record.state))) &&
      (only === null || only.has(call.record.callControlId));
    const candidates = only === null ? this.order : this.callsOf(only);
    const from = only === null ? this.head : 0;
    const found: CallRecord[] = [];
    for (let i = this.lastBefore(candidates, from, after); i >= from && found.length <= first; i--) {
      if (wanted(candidates[i]!)) found.push({ ...candidates[i]!.record });
    }
    const totalCount =
      only === null
        ? states === null
          ? this.order.length - this.head
          : states.reduce((sum, state) => sum + this.counts[state], 0)
        : candidates.reduce((sum, call) => sum + (wanted(call) ? 1 : 0), 0);
    return { calls: found.slice(0, first), hasNextPage: found.length > first, totalCount };
  }

  async get(callControlId: string): Promise<CallRecord | null> {
    this.forgetExpired();
    const call = this.byId.get(callControlId);
    return call ? { ...call.record } : null;
  }

  async events(callControlId: string, first: number, after: string | null): Promise<CallEventPage> {
    this.forgetExpired();
    const events = this.byId.get(callControlId)?.events ?? [];
    let start = 0;
    if (after !== null) {
      let high = events.length;
      while (start < high) {
        const mid = (start + high) >>> 1;
        if (compareCursors(events[mid]!.cursor, after) <= 0) start = mid + 1;
        else high = mid;
      }
    }
    return {
      events: events.slice(start, start + first),
      hasNextPage: start + first < events.length,
      totalCount: events.length,
    };
  }

  /** The claimed calls still held, oldest first like `order`. */
  private callsOf(only: ReadonlySet<string>): StoredCall[] {
    const calls: StoredCall[] = [];
    for (const id of only) {
      const call = this.byId.get(id);
      if (call) calls.push(call);
    }
    return calls.sort((a, b) => compareCursors(a.record.position, b.record.position));
  }

  /** Index of the newest call from `from` on older than `after` (the last one when null); from - 1 when none. */
  private lastBefore(calls: StoredCall[], from: number, after: string | null): number {
    if (after === null) return calls.length - 1;
    let low = from;
    let high = calls.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (compareCursors(calls[mid]!.record.position, after) < 0) low = mid + 1;
      else high = mid;
    }
    return low - 1;
  }

  private forgetExpired(): void {
    const oldestKept = this.options.now() - this.options.retentionSeconds * 1000;
    while (this.head < this.order.length && this.order[this.head]!.firstSeenMs < oldestKept) this.forgetOldest();
  }

  private forgetOldest(): void {
    const call = this.order[this.head]!;
    this.head += 1;
    this.byId.delete(call.record.callControlId);
    this.counts[call.record.state ?? 'none'] -= 1;
    this.eventsHeld -= call.events.length;
    // Drop forgotten entries once they outnumber the kept ones, so memory follows the bounds.
    if (this.head >= 1024 && this.head * 2 >= this.order.length) {
      this.order = this.order.slice(this.head);
      this.head = 0;
    }
  }
}
