import type { MediaKind } from '../events/catalogue';
import { BoundedMap } from '../lib/bounded-map';

/** Enough for thousands of live calls with three kinds each; the oldest is forgotten first. */
const DEFAULT_CAPACITY = 10_000;

/**
 * The last command sent per call and kind of media, so a webhook can link to the span of the
 * command that caused it. Bounded: a newer command of a call and kind replaces the span in place,
 * and once full the call and kind first remembered goes. In-process only: a webhook that lands on
 * another instance has no link (its delivery still follows the webhook's trace through the event).
 */
export class CommandSpans<SpanRef> {
  readonly #entries: BoundedMap<string, SpanRef>;

  constructor(capacity = DEFAULT_CAPACITY) {
    this.#entries = new BoundedMap(capacity);
  }

  remember(callControlId: string, kind: MediaKind, span: SpanRef): void {
    this.#entries.set(`${kind} ${callControlId}`, span);
  }

  lastCommand(callControlId: string, kind: MediaKind): SpanRef | undefined {
    return this.#entries.get(`${kind} ${callControlId}`);
  }

  get size(): number {
    return this.#entries.size;
  }
}
