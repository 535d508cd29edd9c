import { BoundedMap } from '../lib/bounded-map';
import type { CallEventType } from '../events/types';

/** The kind of media a Telnyx action starts or changes, and the kind its webhooks report on. */
export type MediaKind = 'playback' | 'speak' | 'recording';

const ACTION_KINDS: Readonly<Record<string, MediaKind>> = {
  playback_start: 'playback',
  playback_stop: 'playback',
  speak: 'speak',
  record_start: 'recording',
  record_stop: 'recording',
  record_pause: 'recording',
  record_resume: 'recording',
};

export function mediaKindOfAction(action: string): MediaKind | undefined {
  return ACTION_KINDS[action];
}

/** The media a webhook reports on; none for call.initiated, .answered and .hangup (no media command causes them). */
export function mediaKindOfEvent(eventType: CallEventType | string): MediaKind | undefined {
  if (eventType.startsWith('call.playback.')) return 'playback';
  if (eventType.startsWith('call.speak.')) return 'speak';
  if (eventType.startsWith('call.recording.')) return 'recording';
  return undefined;
}

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
