import type { TelnyxRequest } from './request';
import type { AttemptResult } from './responses';

/** A command Telnyx deduplicates by its command_id, or a read. */
export function isIdempotent(request: TelnyxRequest): boolean {
  if (request.method === 'GET') return true;
  const body = request.body as { command_id?: unknown } | undefined;
  return typeof body?.command_id === 'string' && body.command_id.length > 0;
}

/** The first attempt to succeed; when none does, the first to fail. */
export function firstSuccess<T>(
  attempts: Promise<AttemptResult<T>>[],
): Promise<{ index: number; result: AttemptResult<T> }> {
  return new Promise((resolve) => {
    let failures = 0;
    let firstFailure: { index: number; result: AttemptResult<T> } | undefined;
    attempts.forEach((attempt, index) => {
      void attempt.then((result) => {
        if (result.ok) return resolve({ index, result });
        firstFailure ??= { index, result };
        if (++failures === attempts.length) resolve(firstFailure);
      });
    });
  });
}

/** The last answer times (ms) in a ring, and their p99, recomputed every so many answers. */
export class AnswerTimes {
  static readonly SIZE = 512;
  static readonly RECOMPUTE_EVERY = 32;
  readonly #times = new Float64Array(AnswerTimes.SIZE);
  #count = 0;
  #p99 = 0;

  add(ms: number): void {
    this.#times[this.#count % AnswerTimes.SIZE] = ms;
    this.#count++;
    if (this.#count % AnswerTimes.RECOMPUTE_EVERY === 0) {
      const filled = this.#times.slice(0, Math.min(this.#count, AnswerTimes.SIZE)).sort();
      this.#p99 = filled[Math.floor(0.99 * (filled.length - 1))]!;
    }
  }

  /** 0 until enough answers were seen. */
  p99(): number {
    return this.#p99;
  }
}

/**
 * What one send runs under: aborted when the send's time is up, or superseded when the other send
 * of a hedged pair answered first. The send in flight listens through `onAbort` (one at a time).
 */
export class SendCancellation {
  aborted = false;
  reason: Error | undefined;
  /** The other send of the pair won: this one's end is not a failure. */
  superseded = false;
  onAbort: ((reason: Error) => void) | undefined;

  abort(reason: Error): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    this.onAbort?.(reason);
  }

  supersede(): void {
    this.superseded = true;
    this.abort(new DOMException('the other send answered first', 'AbortError'));
  }
}
