/**
 * Playback and speak on one call (docs/telnyx-reference.md §2.1, §2.2, §2.7). Audio plays on two lanes: the main
 * lane, where consecutive playback_start and speak commands queue up one after the other, and the
 * overlay lane, mixed over a main-lane playback. `stop: current` skips to the next queued item,
 * `stop: all` also clears the queue. Items that were queued but never started end silently.
 */
import type { SimClock, Timer } from './clock';
import { invalidValue } from './errors';
import type { Loop, PlaybackStartCommand, PlaybackStopCommand, SpeakCommand } from './validation';
import { wavDurationSeconds } from './audio';

export type PlaybackEndStatus = 'completed' | 'cancelled' | 'call_hangup';
type EndReason = 'completed' | 'stopped' | 'call_hangup';

export interface MediaEvents {
  emit(eventType: string, clientState: string | null, fields: Record<string, unknown>): void;
  /** Text spoken on the call, so a running recording can "transcribe" it. */
  spoke(text: string): void;
}

interface PlaybackItem {
  kind: 'playback';
  clientState: string | null;
  source: { media_url: string } | { media_name: string } | Record<string, never>;
  overlay: boolean;
  loop: Loop;
  loopMs: number;
}

interface SpeakItem {
  kind: 'speak';
  clientState: string | null;
  text: string;
  loop: Loop;
  loopMs: number;
}

type MediaItem = PlaybackItem | SpeakItem;

/** Realistic durations; divided by the clock's speed. */
export const DEFAULT_PLAYBACK_MS = 3_000;
const SPEAK_MS_PER_CHARACTER = 60; // about 160 words a minute
const MIN_SPEAK_MS = 500;

class Lane {
  current: { item: MediaItem; timer: Timer | null } | null = null;
  readonly queue: MediaItem[] = [];

  constructor(
    private readonly clock: SimClock,
    private readonly events: MediaEvents,
  ) {}

  enqueue(item: MediaItem, stop: 'current' | 'all' | undefined): void {
    if (stop) this.stop(stop);
    this.queue.push(item);
    if (!this.current) this.startNext();
  }

  stop(stop: 'current' | 'all'): void {
    if (stop === 'all') this.queue.length = 0;
    if (this.current) this.finish('stopped');
  }

  hangup(): void {
    this.queue.length = 0;
    if (this.current) this.finish('call_hangup', false);
  }

  private startNext(): void {
    const item = this.queue.shift();
    if (!item) return;
    this.current = { item, timer: null };
    if (item.kind === 'playback') {
      this.events.emit('call.playback.started', item.clientState, { ...item.source, overlay: item.overlay });
    } else {
      this.events.emit('call.speak.started', item.clientState, {});
      this.events.spoke(item.text);
    }
    if (item.loop !== 'infinity') {
      this.current.timer = this.clock.after(item.loopMs * item.loop, () => this.finish('completed'));
    }
  }

  private finish(reason: EndReason, continueQueue = true): void {
    const current = this.current;
    if (!current) return;
    current.timer?.cancel();
    this.current = null;
    const { item } = current;
    if (item.kind === 'playback') {
      const status: PlaybackEndStatus = reason === 'stopped' ? 'cancelled' : reason;
      this.events.emit('call.playback.ended', item.clientState, { ...item.source, overlay: item.overlay, status });
    } else {
      // The published enum for speak has no "cancelled": a stopped speak ends as completed.
      this.events.emit('call.speak.ended', item.clientState, {
        status: reason === 'call_hangup' ? 'call_hangup' : 'completed',
      });
    }
    if (continueQueue) this.startNext();
  }
}

export class CallMedia {
  private readonly main: Lane;
  private readonly overlay: Lane;

  constructor(clock: SimClock, events: MediaEvents) {
    this.main = new Lane(clock, events);
    this.overlay = new Lane(clock, events);
  }

  startPlayback(command: PlaybackStartCommand, clientState: string | null): void {
    if (command.overlay && this.main.current?.item.kind !== 'playback') {
      throw invalidValue('/overlay', "'overlay' needs a playback without overlay to be playing on the call.");
    }
    const item: PlaybackItem = {
      kind: 'playback',
      clientState,
      source: command.audioUrl
        ? { media_url: command.audioUrl }
        : command.mediaName
          ? { media_name: command.mediaName }
          : {},
      overlay: command.overlay,
      loop: command.loop,
      loopMs: playbackMs(command),
    };
    (command.overlay ? this.overlay : this.main).enqueue(item, command.stop);
  }

  speak(command: SpeakCommand, clientState: string | null): void {
    const text =
      command.payloadType === 'ssml'
        ? command.payload
            .replace(/<[^>]*>/g, ' ')
            .replace(/\s+/g, ' ')
            .trim()
        : command.payload;
    const loopMs = Math.max(MIN_SPEAK_MS, text.length * SPEAK_MS_PER_CHARACTER);
    this.main.enqueue({ kind: 'speak', clientState, text, loop: command.loop, loopMs }, command.stop);
  }

  /** playback_stop ends a speak as well: both play on the main lane. */
  stopPlayback(command: PlaybackStopCommand): void {
    (command.overlay ? this.overlay : this.main).stop(command.stop);
  }

  hangup(): void {
    this.overlay.hangup();
    this.main.hangup();
  }
}

/** A WAV given inline plays for as long as it lasts; any other source gets a fixed length. */
function playbackMs(command: PlaybackStartCommand): number {
  if (command.playbackContent) {
    const seconds = wavDurationSeconds(Buffer.from(command.playbackContent, 'base64'));
    if (seconds !== null) return Math.max(1, seconds * 1000);
  }
  return DEFAULT_PLAYBACK_MS;
}
