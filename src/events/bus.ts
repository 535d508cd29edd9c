import { settledWithin } from '../lib/settled-within';
import type { Tracing } from '../tracing/tracing';
import { MalformedCursorError, parseCursor } from './cursor';
import type { CallReader, EventStore } from './store';
import {
  positionOf,
  Subscription,
  type PushableEvents,
  type SubscriptionFilter,
  type SubscriptionOptions,
} from './subscription';
import type { CallEvent, DeliveredCallEvent } from './types';

export interface EventBusOptions extends SubscriptionOptions {
  /** Tracing on: a span per event handed to this instance's subscribers. */
  tracing?: Tracing;
}

/**
 * Typed publish/subscribe for call events on top of any EventStore. One store listener fans
 * out to every local subscription; each subscription owns a bounded queue, so publishing never
 * waits for a subscriber and a stalled one is dropped instead of growing memory or slowing others.
 */
export class EventBus {
  private readonly subscriptions = new Set<Subscription>();
  /** Topics: subscriptions to one call are found by its id; the rest see every event (firehose). */
  private readonly byCall = new Map<string, Set<Subscription>>();
  private readonly firehose = new Set<Subscription>();
  private readonly unlisten: () => void;
  private closed = false;

  constructor(
    private readonly store: EventStore,
    private readonly options: EventBusOptions,
  ) {
    const tracing = options.tracing;
    this.unlisten = store.onEvent(
      tracing
        ? (event) => tracing.deliver(event, this.candidatesFor(event), () => this.fanOut(event))
        : (event) => this.fanOut(event),
    );
  }

  /** Offers one event to every local subscription that may want it; never waits for one. */
  private fanOut(event: DeliveredCallEvent): void {
    const topic = event.callControlId === null ? undefined : this.byCall.get(event.callControlId);
    if (topic === undefined && this.firehose.size === 0) return;
    // Parsed once here rather than once per subscriber: every subscription orders by it.
    const position = positionOf(event);
    for (const subscription of this.firehose) subscription.offer(event, position);
    if (topic) for (const subscription of topic) subscription.offer(event, position);
  }

  /** How many local subscriptions an event is offered to (their own filters may still skip it). */
  private candidatesFor(event: DeliveredCallEvent): number {
    const topic = event.callControlId === null ? undefined : this.byCall.get(event.callControlId);
    return this.firehose.size + (topic?.size ?? 0);
  }

  /** Records the event (once per id) and delivers it to subscribers; null means a duplicate id. */
  async publish(event: CallEvent): Promise<DeliveredCallEvent | null> {
    const delivered = await this.store.append(event);
    if (delivered) this.options.metrics.eventsPublished.inc({ event_type: delivered.eventType });
    return delivered;
  }

  /**
   * Live events matching the filter; with `after`, the buffered ones after that cursor first,
   * with no gap and no duplicate. Throws MalformedCursorError for a malformed cursor; the iterator
   * rejects with CursorExpiredError (cursor older than the buffer) or SlowConsumerError.
   */
  subscribe(filter: SubscriptionFilter, signal?: AbortSignal): PushableEvents {
    if (filter.after != null && parseCursor(filter.after) === null) throw new MalformedCursorError();
    if (this.closed) return emptyIterator();
    const subscription = new Subscription(filter, this.store, this.options, () => this.forget(subscription));
    this.subscriptions.add(subscription);
    this.topicOf(filter.callControlId ?? null, true)!.add(subscription);
    this.options.metrics.activeSubscriptions.inc();
    if (signal) {
      if (signal.aborted) void subscription.return();
      else signal.addEventListener('abort', () => void subscription.return(), { once: true });
    }
    return subscription;
  }

  /** Where a client starts so that it misses nothing published after this call. */
  latestCursor(): Promise<string> {
    return this.store.latestCursor();
  }

  /** The calls the store knows from their events (records, list, histories). */
  get calls(): CallReader {
    return this.store.calls;
  }

  rememberCallLeg(callLegId: string, callControlId: string): Promise<void> {
    return this.store.rememberCallLeg(callLegId, callControlId);
  }

  isReady(): boolean {
    return !this.closed && this.store.isReady();
  }

  /**
   * Stops listening to the store and completes every subscription: each may first deliver what is
   * already queued for it (for up to `graceMs`), then its stream ends cleanly.
   */
  async close(graceMs = 2_000): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.unlisten();
    const subscriptions = [...this.subscriptions];
    for (const subscription of subscriptions) subscription.complete();
    await settledWithin(
      subscriptions.map((subscription) => subscription.ended),
      graceMs,
    );
    await Promise.all(subscriptions.map((subscription) => subscription.return()));
  }

  private forget(subscription: Subscription): void {
    if (!this.subscriptions.delete(subscription)) return;
    this.options.metrics.activeSubscriptions.dec();
    const callControlId = subscription.callControlId;
    const topic = this.topicOf(callControlId, false);
    topic?.delete(subscription);
    if (callControlId !== null && topic?.size === 0) this.byCall.delete(callControlId);
  }

  private topicOf(callControlId: string | null, create: boolean): Set<Subscription> | undefined {
    if (callControlId === null) return this.firehose;
    let topic = this.byCall.get(callControlId);
    if (!topic && create) {
      topic = new Set();
      this.byCall.set(callControlId, topic);
    }
    return topic;
  }
}

function emptyIterator(): PushableEvents {
  const iterator: PushableEvents = {
    pipeTo: async () => {},
    next: async () => ({ value: undefined, done: true }),
    return: async () => ({ value: undefined, done: true }),
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}
