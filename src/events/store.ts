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

  /** Whether the store can take events right now (drives /readyz and webhook 503s). */
  isReady(): boolean;

  close(): Promise<void>;
}
