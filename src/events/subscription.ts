import { SlowConsumerError } from '../lib/errors';
import type { Logger } from '../lib/logger';
import type { Metrics } from '../lib/metrics';
import { parseCursor, type CursorParts } from './cursor';
import type { EventStore } from './store';
import type { CallEventType } from './catalogue';
import type { DeliveredCallEvent } from './types';

/** Which events one subscriber receives, and where its replay starts. */
export interface SubscriptionFilter {
  /** One call; null/absent: every call the subscriber may see. */
  callControlId?: string | null;
  /** Only these event types; absent: every published type. */
  eventTypes?: readonly CallEventType[];
  /** The principal's `calls` claim; null/absent: unlimited. */
  allowedCalls?: ReadonlySet<string> | null;
  /** Replay the buffered events after this cursor first. */
  after?: string | null;
}

/** What one subscription needs of its bus: the backlog bound, the replay page, and where to report drops. */
export interface SubscriptionOptions {
  /** Most events queued for one subscriber before it is dropped as too slow. */
  maxBacklog: number;
  metrics: Metrics;
  logger: Logger;
  /** Events read from the store per replay page. */
  replayPageSize?: number;
}

const DEFAULT_REPLAY_PAGE = 256;

/** An event with its parsed cursor, the form a subscription queues and orders. */
interface Positioned {
  event: DeliveredCallEvent;
  position: CursorParts;
}

export function positionOf(event: DeliveredCallEvent): CursorParts {
  const position = parseCursor(event.cursor);
  if (!position) throw new TypeError('not a cursor');
  return position;
}

/** Negative when a is older than b, zero when equal, positive when newer. */
function comparePositions(a: CursorParts, b: CursorParts): number {
  return a.ms - b.ms || a.seq - b.seq;
}

/**
 * Push delivery: takes one live event and hands it on at once (a websocket frame), returning how many
 * handed-on events the consumer has not yet taken (frames not yet written to the socket).
 */
export type EventSink = (event: DeliveredCallEvent) => number;

/** A bus subscription that can push live events instead of being pulled (see `Subscription.pipeTo`). */
export interface PushableEvents extends AsyncIterableIterator<DeliveredCallEvent> {
  pipeTo(sink: EventSink): Promise<void>;
}

type Waiter = { resolve: (result: IteratorResult<DeliveredCallEvent>) => void; reject: (error: unknown) => void };

/**
 * One subscriber. While replaying, live events are held aside; the replay is pulled one page
 * at a time as the consumer reads (so a slow reader never makes us load the whole buffer), then
 * the held events newer than the last one sent follow. Every event goes out at most once, in
 * cursor order, because anything not newer than the last queued cursor is skipped.
 */
export class Subscription implements PushableEvents {
  private readonly queue: DeliveredCallEvent[] = [];
  /** Set once live with an empty queue, by `pipeTo`: live events skip the queue. */
  private sink: EventSink | null = null;
  /** Live events that arrived during replay; null once live. */
  private held: Positioned[] | null;
  private replayCursor: string | null;
  /** The replay has read the whole buffer; the held events follow once the queue is empty. */
  private replayRead = false;
  private lastPosition: CursorParts | null = null;
  private waiter: Waiter | null = null;
  private failure: unknown = null;
  private done = false;
  /** No more events will be offered: deliver what is queued, then end. */
  private draining = false;
  private readonly types: ReadonlySet<string> | null;
  private markEnded!: () => void;
  /** Settles when the subscription has ended, however it ended. */
  readonly ended = new Promise<void>((resolve) => (this.markEnded = resolve));

  constructor(
    private readonly filter: SubscriptionFilter,
    private readonly store: EventStore,
    private readonly options: SubscriptionOptions,
    private readonly onEnd: () => void,
  ) {
    this.types = filter.eventTypes ? new Set(filter.eventTypes) : null;
    this.replayCursor = filter.after ?? null;
    this.held = this.replayCursor === null ? null : [];
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<DeliveredCallEvent> {
    return this;
  }

  /** The call this subscription is limited to (its topic), or null for every call. */
  get callControlId(): string | null {
    return this.filter.callControlId ?? null;
  }

  /**
   * Delivers every event to `sink` until the subscription ends: the replay and anything queued are
   * pulled first, then live events are pushed straight from the store listener (no promise per event).
   * Resolves when the subscription ends; rejects with its failure (slow consumer, expired cursor).
   */
  pipeTo(sink: EventSink): Promise<void> {
    if (this.queue.length > 0 || this.held || this.draining) return this.pullThenPush(sink);
    return this.pushLive(sink);
  }

  private async pullThenPush(sink: EventSink): Promise<void> {
    while (this.queue.length > 0 || this.held || this.draining) {
      const item = await this.next();
      if (item.done) return;
      if (sink(item.value) > this.options.maxBacklog) this.dropAsSlow();
    }
    return this.pushLive(sink);
  }

  /** A then-chain, not an async function: an idle live subscriber holds no suspended function. */
  private pushLive(sink: EventSink): Promise<void> {
    if (!this.done && !this.failure) this.sink = sink;
    return this.ended.then(() => {
      const failure = this.failure;
      this.failure = null;
      if (failure) throw failure;
    });
  }

  /** Called synchronously by the store listener: never blocks, never throws. */
  offer(event: DeliveredCallEvent, position: CursorParts = positionOf(event)): void {
    if (this.done || this.draining || !this.matches(event)) return;
    if (this.held) {
      this.held.push({ event, position });
      if (this.held.length > this.options.maxBacklog) this.dropAsSlow();
      return;
    }
    this.enqueue(event, position);
  }

  /**
   * Not an async function: a live subscriber's next event is handed over as is (or through the
   * waiter's promise) without an extra promise and adoption per event; everything else is `settle`.
   */
  next(): Promise<IteratorResult<DeliveredCallEvent>> {
    const event = this.queue.shift();
    if (event) return Promise.resolve({ value: event, done: false });
    if (this.failure || this.done || this.draining || this.held) return this.settle();
    return new Promise((resolve, reject) => {
      this.waiter = { resolve, reject };
    });
  }

  /** The queue is empty and the subscription is ending, failed, or replaying. */
  private async settle(): Promise<IteratorResult<DeliveredCallEvent>> {
    for (;;) {
      const event = this.queue.shift();
      if (event) return { value: event, done: false };
      if (this.failure) {
        const failure = this.failure;
        this.failure = null;
        throw failure;
      }
      if (this.done) return { value: undefined, done: true };
      if (this.draining) {
        this.finish();
        return { value: undefined, done: true };
      }
      if (this.held && this.replayRead) {
        this.goLive();
        continue;
      }
      if (this.held) {
        try {
          await this.replayPage();
        } catch (error) {
          this.fail(error);
        }
        continue;
      }
      return new Promise((resolve, reject) => {
        this.waiter = { resolve, reject };
      });
    }
  }

  /** Graceful end: queued events are still delivered; a replay in progress ends now (resume later). */
  complete(): void {
    if (this.done) return;
    if (this.held || this.queue.length === 0) this.finish();
    else this.draining = true;
  }

  async return(): Promise<IteratorResult<DeliveredCallEvent>> {
    this.finish();
    this.queue.length = 0;
    this.failure = null;
    return { value: undefined, done: true };
  }

  async throw(error?: unknown): Promise<IteratorResult<DeliveredCallEvent>> {
    await this.return();
    throw error;
  }

  private matches(event: DeliveredCallEvent): boolean {
    const { callControlId, allowedCalls } = this.filter;
    if (this.types && !this.types.has(event.eventType)) return false;
    if (callControlId != null && event.callControlId !== callControlId) return false;
    if (allowedCalls && (event.callControlId === null || !allowedCalls.has(event.callControlId))) return false;
    return true;
  }

  private enqueue(event: DeliveredCallEvent, position: CursorParts): void {
    if (this.lastPosition !== null && comparePositions(position, this.lastPosition) <= 0) return;
    this.lastPosition = position;
    if (this.sink) {
      let backlog: number;
      try {
        backlog = this.sink(event);
      } catch (error) {
        this.fail(error);
        return;
      }
      if (backlog > this.options.maxBacklog) this.dropAsSlow();
      return;
    }
    if (this.waiter) {
      const { resolve } = this.waiter;
      this.waiter = null;
      resolve({ value: event, done: false });
      return;
    }
    this.queue.push(event);
    if (this.queue.length > this.options.maxBacklog) this.dropAsSlow();
  }

  private async replayPage(): Promise<void> {
    // A page never exceeds the backlog: replay alone must not make a subscriber look slow.
    const pageSize = Math.min(this.options.replayPageSize ?? DEFAULT_REPLAY_PAGE, this.options.maxBacklog);
    // Expiry is judged for this subscription's call alone: other calls' trimmed events don't matter to it.
    const page = await this.store.readAfter(this.replayCursor!, pageSize, this.callControlId);
    if (this.done || !this.held) return;
    for (const event of page) if (this.matches(event)) this.enqueue(event, positionOf(event));
    const last = page.at(-1);
    if (last) this.replayCursor = last.cursor;
    if (page.length < pageSize) this.replayRead = true;
  }

  /** Replay caught up: the held live events follow, skipping those the replay already sent. */
  private goLive(): void {
    const held = this.held ?? [];
    this.held = null;
    this.replayCursor = null;
    for (const { event, position } of held) {
      if (this.done) return;
      this.enqueue(event, position);
    }
  }

  private dropAsSlow(): void {
    this.options.metrics.droppedSubscribers.inc();
    this.options.logger.warn(
      { maxBacklog: this.options.maxBacklog, callControlId: this.filter.callControlId ?? null },
      'subscriber dropped: too slow',
    );
    this.fail(
      new SlowConsumerError(
        `subscriber fell more than ${this.options.maxBacklog} events behind and was dropped; resubscribe with the last cursor received`,
      ),
    );
  }

  /** Ends the subscription with an error the consumer sees after no further events. */
  private fail(error: unknown): void {
    if (this.done) return;
    this.queue.length = 0;
    const waiter = this.waiter;
    this.waiter = null;
    if (waiter) waiter.reject(error);
    else this.failure = error;
    this.sink = null;
    this.finish();
  }

  private finish(): void {
    if (this.done) return;
    this.done = true;
    this.held = null;
    this.sink = null;
    this.onEnd();
    this.markEnded();
    if (this.waiter) {
      const { resolve } = this.waiter;
      this.waiter = null;
      resolve({ value: undefined, done: true });
    }
  }
}
