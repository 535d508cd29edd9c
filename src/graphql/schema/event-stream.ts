import type { LiveSession } from '../../auth/live-session';
import { canAccessCall, type Principal } from '../../auth/principal';
import type { GraphQLContext } from '../context';
import { ForbiddenError } from '../../lib/errors';
import type { EventSink, PushableEvents, SubscriptionFilter } from '../../events/subscription';
import type { DeliveredCallEvent } from '../../events/types';

/** What a subscription stream carries: events, then possibly one error that ends it. */
export interface StreamEnd {
  streamError: unknown;
}

export function isStreamEnd(value: unknown): value is StreamEnd {
  return typeof value === 'object' && value !== null && 'streamError' in value;
}

/**
 * A subscription's source stream. `pipeTo` pushes the events to a sink instead of being pulled
 * (websocket fan-out) and resolves with the stream's ending error, if it ended with one.
 */
export interface EventStream extends AsyncIterableIterator<DeliveredCallEvent | StreamEnd> {
  pipeTo(sink: EventSink): Promise<StreamEnd | null>;
}

/**
 * Bus events the principal may see. A failure of the stream (slow consumer, expired cursor, a
 * renewed token that no longer covers it) becomes one last item that `resolve` throws, so both
 * transports show it as a GraphQL error with its code and then complete, instead of dropping the
 * connection. A class rather than a generator so that `return()` releases the bus subscription
 * even while `next()` waits, and rather than closures so that an idle subscriber costs one small
 * object.
 */
class BusEventStream implements EventStream {
  private ended = false;
  /** Set when a renewed token stops covering this subscription: its last item. */
  private revoked: ForbiddenError | null = null;
  private readonly stopWatching: (() => void) | undefined;

  constructor(
    private readonly source: PushableEvents,
    session: LiveSession | undefined,
    granted: Principal,
    callControlId: string | null,
  ) {
    this.stopWatching = session?.onRenewed((renewed) => {
      if (this.ended || this.revoked || stillCovers(renewed, granted, callControlId)) return;
      this.revoked = new ForbiddenError('The renewed token no longer covers this subscription');
      // Ends the bus subscription: a pending next() and a running pipeTo() both settle, and end with `revoked`.
      void this.source.return?.();
    });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  // A `then` chain rather than an async function: one promise less per event and subscriber.
  next(): Promise<IteratorResult<DeliveredCallEvent | StreamEnd>> {
    if (this.ended) return Promise.resolve({ value: undefined, done: true });
    if (this.revoked) return Promise.resolve(this.streamEnd(this.revoked));
    let result: Promise<IteratorResult<DeliveredCallEvent>>;
    try {
      result = this.source.next();
    } catch (error) {
      return Promise.resolve(this.streamEnd(error));
    }
    return result.then(
      (item) => {
        if (this.revoked) return this.streamEnd(this.revoked);
        if (item.done) this.finish();
        return item;
      },
      (error: unknown) => this.streamEnd(error),
    );
  }

  pipeTo(sink: EventSink): Promise<StreamEnd | null> {
    return this.source.pipeTo(sink).then(
      () => {
        if (this.revoked) return this.streamEnd(this.revoked).value;
        this.finish();
        return null;
      },
      (error: unknown) => this.streamEnd(error).value,
    );
  }

  async return(): Promise<IteratorResult<DeliveredCallEvent | StreamEnd>> {
    this.finish();
    await this.source.return?.();
    return { value: undefined, done: true };
  }

  private finish(): void {
    this.ended = true;
    this.stopWatching?.();
  }

  private streamEnd(error: unknown): { value: StreamEnd; done: false } {
    this.finish();
    return { value: { streamError: error }, done: false };
  }
}

/** The bus events behind one GraphQL subscription, limited to the calls the token may see. */
export function subscribeToEvents(
  context: GraphQLContext,
  filter: Omit<SubscriptionFilter, 'allowedCalls'>,
): EventStream {
  const granted = context.principal;
  // Field by field: on Node 20 a property added after a spread gives each filter a hidden class of
  // its own (~300 bytes kept per live subscription).
  const source = context.events.subscribe({
    callControlId: filter.callControlId ?? null,
    eventTypes: filter.eventTypes,
    after: filter.after ?? null,
    allowedCalls: granted.calls,
  });
  return new BusEventStream(source, context.session, granted, filter.callControlId ?? null);
}

/**
 * Whether a renewed token still allows a running subscription: `events:read`, its call, and (for
 * one over every call) at least every call the token it started with allowed.
 */
function stillCovers(renewed: Principal, granted: Principal, callControlId: string | null): boolean {
  if (!renewed.scopes.has('events:read')) return false;
  if (callControlId !== null) return canAccessCall(renewed, callControlId);
  if (renewed.calls === null) return true;
  if (granted.calls === null) return false;
  for (const call of granted.calls) if (!renewed.calls.has(call)) return false;
  return true;
}
