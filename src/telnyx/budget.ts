import { RateLimitedError } from '../lib/errors';
import type { Metrics } from '../lib/metrics';

export interface UpstreamBudgetOptions {
  /** Requests one instance holds toward Telnyx (sending, retrying or waiting); past it, RATE_LIMITED at once. */
  maxQueued: number;
  metrics: Metrics;
  /** At or below this share of x-ratelimit-limit left, requests are spaced evenly until the reset. */
  lowShare?: number;
}

/** Tells the other instances about a pause (Redis), so none of them sends into it. */
export interface PauseAnnouncer {
  announce(pauseMs: number): void;
}

type Headers = Record<string, string | string[] | undefined>;

/**
 * Telnyx's rate limit as this instance knows it. After a 429 that names a reset, nothing is sent
 * until that reset (a request whose wait fits its own budget waits it out; the others get
 * RATE_LIMITED with retryAfter at once). While `x-ratelimit-remaining` is low, requests are spread
 * over what is left of the window instead of spending it in one burst. It also bounds the work
 * queued toward Telnyx, so overload is answered at once rather than by a queue that grows.
 */
export class UpstreamBudget {
  readonly #options: Required<Omit<UpstreamBudgetOptions, 'metrics'>>;
  readonly #metrics: Metrics;
  #announcer: PauseAnnouncer | undefined;
  #pausedUntil = 0;
  #limit: number | undefined;
  #remaining: number | undefined;
  #resetAt = 0;
  /** Earliest time the next spaced request may go. */
  #nextSlot = 0;
  #queued = 0;

  constructor(options: UpstreamBudgetOptions) {
    this.#options = { maxQueued: options.maxQueued, lowShare: options.lowShare ?? 0.1 };
    this.#metrics = options.metrics;
    this.#metrics.telnyxBudget.pausedFor = () => this.pausedForMs() / 1000;
  }

  /** Shares pauses with other instances from now on. */
  shareWith(announcer: PauseAnnouncer): void {
    this.#announcer = announcer;
  }

  pausedForMs(now = Date.now()): number {
    return Math.max(0, this.#pausedUntil - now);
  }

  /** Takes a place in the queue toward Telnyx, or refuses at once when it is full. Pair with leave(). */
  enter(): void {
    if (this.#queued >= this.#options.maxQueued) {
      this.#metrics.telnyxRefused.inc({ reason: 'queue_full' });
      throw new RateLimitedError(1, 'Too many requests are waiting for Telnyx; retry after 1 s');
    }
    this.#queued += 1;
    this.#metrics.telnyxQueued.set(this.#queued);
  }

  leave(): void {
    this.#queued -= 1;
    this.#metrics.telnyxQueued.set(this.#queued);
  }

  /** Whether an attempt may be sent now, without waiting: no pause, and no spacing. */
  isClear(now = Date.now()): boolean {
    return this.pausedForMs(now) === 0 && this.#spacingMs(now) === 0;
  }

  /**
   * Resolves when an attempt may be sent: at once, or after a pause or spacing that fits both
   * `maxWaitMs` and the request's deadline. Otherwise throws RATE_LIMITED with the wait.
   */
  async clearance(deadline: number, maxWaitMs: number): Promise<void> {
    for (;;) {
      const now = Date.now();
      const paused = this.pausedForMs(now);
      if (paused === 0) break;
      this.#refuseUnlessFits(paused, 'paused', deadline - now, maxWaitMs);
      await sleep(paused); // then look again: another 429 may have moved the reset
    }
    const now = Date.now();
    const spacing = this.#spacingMs(now);
    if (spacing === 0) return;
    const slot = Math.max(now, this.#nextSlot);
    this.#refuseUnlessFits(slot - now, 'paced', deadline - now, maxWaitMs);
    this.#nextSlot = slot + spacing;
    if (slot > now) await sleep(slot - now);
  }

  /** Reads Telnyx's x-ratelimit-* headers off any answer; a 429 naming a wait pauses every request. */
  observe(status: number, headers: Headers, waitSeconds: number | undefined, now = Date.now()): void {
    const limit = numberHeader(headers['x-ratelimit-limit']);
    const remaining = numberHeader(headers['x-ratelimit-remaining']);
    const reset = numberHeader(headers['x-ratelimit-reset']);
    if (limit !== undefined) {
      this.#limit = limit;
      this.#metrics.telnyxRateLimit.set(limit);
    }
    if (remaining !== undefined) {
      this.#remaining = remaining;
      this.#metrics.telnyxRateLimitRemaining.set(remaining);
    }
    if (reset !== undefined) this.#resetAt = now + reset * 1000;
    if (status === 429 && waitSeconds !== undefined && waitSeconds > 0) {
      this.pause(waitSeconds * 1000, now);
      this.#announcer?.announce(waitSeconds * 1000);
    }
  }

  /** Sends nothing for `ms` (a 429 here, or one another instance announced). Only ever extends a pause. */
  pause(ms: number, now = Date.now()): void {
    const until = now + ms;
    if (until <= this.#pausedUntil) return;
    this.#metrics.telnyxPausedSeconds.inc((until - Math.max(now, this.#pausedUntil)) / 1000);
    this.#pausedUntil = until;
  }

  #refuseUnlessFits(waitMs: number, reason: 'paused' | 'paced', untilDeadlineMs: number, maxWaitMs: number): void {
    if (waitMs <= maxWaitMs && waitMs < untilDeadlineMs) return;
    this.#metrics.telnyxRefused.inc({ reason });
    throw new RateLimitedError(Math.max(1, Math.ceil(waitMs / 1000)));
  }

  /** With little budget left, the gap that spreads the rest evenly until the reset; else 0. */
  #spacingMs(now: number): number {
    if (this.#remaining === undefined || this.#limit === undefined || this.#resetAt <= now) return 0;
    const low = Math.max(1, Math.floor(this.#limit * this.#options.lowShare));
    if (this.#remaining > low) return 0;
    return (this.#resetAt - now) / Math.max(1, this.#remaining);
  }
}

function numberHeader(value: string | string[] | undefined): number | undefined {
  const first = (Array.isArray(value) ? value[0] : value)?.trim();
  return first && /^\d+(\.\d+)?$/.test(first) ? Number(first) : undefined;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
