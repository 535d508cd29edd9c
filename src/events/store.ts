import type { CallRecord, CallState } from './call-record';
import type { CallEvent, DeliveredCallEvent } from './types';

/**
 * Where accepted events live: the shared, ordered, bounded log behind every subscription.
 * `MemoryEventStore` serves one process; `RedisEventStore` serves several instances as one.
 * The bus (`bus.ts`, a `Subscription` per subscriber) builds fan-out, filtering and gapless resume on top of any store.
 */
export interface EventStore {
  /**
   * Records an accepted event, exactly once across every instance sharing the store:
   * - a duplicate `id` (a Telnyx retry) returns null and is not appended again;
   * - a missing `callControlId` is filled from the call leg seen on that call's other events;
   * - a present one teaches the store that leg → call mapping;
   * - the event gets the next global cursor (order per call is the order of append).
   * Throws EventBusUnavailableError when it cannot record (the webhook then answers 5xx).
   */
  append(event: CallEvent): Promise<DeliveredCallEvent | null>;

  /**
   * Buffered events strictly after `cursor`, oldest first, at most `limit`, of every call (the
   * caller filters). Throws CursorExpiredError when events after `cursor` may already have been
   * trimmed: of any call, or with `callControlId` only that call's own events, so a resume of one
   * call is not refused because another call's events were trimmed.
   */
  readAfter(cursor: string, limit: number, callControlId?: string | null): Promise<DeliveredCallEvent[]>;

  /** The cursor of the newest appended event (START_CURSOR when none): where a new client starts. */
  latestCursor(): Promise<string>;

  /** Teaches leg → call routing from any other source (call status, unpublished event types). */
  rememberCallLeg(callLegId: string, callControlId: string): Promise<void>;

  /**
   * Every event appended by any instance, in cursor order, as it becomes visible here.
   * Returns an unsubscribe function. Listeners must not throw or block.
   */
  onEvent(listener: (event: DeliveredCallEvent) => void): () => void;

  /** The calls known from their events, and each call's stored events, kept for the call retention. */
  readonly calls: CallReader;

  /** Whether the store can take events right now (drives /readyz and webhook 503s). */
  isReady(): boolean;

  close(): Promise<void>;
}

/** One page of the call list: newest first (by `position`), after a position. */
export interface CallListQuery {
  first: number;
  /** A call's `position`: the page starts with the next older call. Null: from the newest. */
  after: string | null;
  /** Only calls in these states; null: every call, those with no state yet included. */
  states: readonly CallState[] | null;
  /** Only these calls (a token's `calls` claim); null: every call. */
  only: ReadonlySet<string> | null;
}

export interface CallPage {
  calls: CallRecord[];
  hasNextPage: boolean;
  /** Calls matching the query's states and `only`, on every page. */
  totalCount: number;
}

export interface CallEventPage {
  /** Oldest first. */
  events: DeliveredCallEvent[];
  hasNextPage: boolean;
  /** The call's stored events. */
  totalCount: number;
}

/**
 * The call records and per-call histories a store keeps beside its log: the store merges each
 * appended event into its call's record (call-state.ts) and history in the same atomic step, and
 * keeps both for the call retention, counted from the call's first event. A history is bounded
 * per call (`bufferPerCall`), like the live buffer, but outlives the live buffer's age limit.
 */
export interface CallReader {
  list(query: CallListQuery): Promise<CallPage>;
  get(callControlId: string): Promise<CallRecord | null>;
  /** The call's stored events after `after` (an event cursor; null: from the oldest), oldest first. */
  events(callControlId: string, first: number, after: string | null): Promise<CallEventPage>;
}
