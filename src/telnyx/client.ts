import { Pool } from 'undici';
import { RateLimitedError, TelnyxError } from '../lib/errors';
import type { Logger } from '../lib/logger';
import type { Metrics } from '../lib/metrics';
import type { Tracing } from '../tracing/tracing';
import { UpstreamBudget } from './budget';
import type { TelnyxRequest } from './request';
import { AnswerTimes, firstSuccess, isIdempotent, SendCancellation } from './hedging';
import { exchange, ResponseTooLargeError, type Answer } from './exchange';
import {
  describeNetworkError,
  failureFromResponse,
  unavailable,
  type AttemptFailure,
  type AttemptResult,
} from './responses';

export interface TelnyxClientOptions {
  /** The API root, e.g. https://api.telnyx.com/v2 (a path prefix is kept). */
  baseUrl: string;
  apiKey: string;
  /** Connect, headers and body timeout of one attempt. */
  timeoutMs: number;
  /** Attempts after the first, for network errors, 408, 429 and 5xx. */
  maxRetries: number;
  metrics: Metrics;
  logger: Logger;
  /** Upper bound on one request, retries and waits included (the contract says 30 s). */
  deadlineMs?: number;
  /** First backoff step; later ones double, each drawn with full jitter. */
  backoffBaseMs?: number;
  /** Longest single backoff wait. */
  backoffMaxMs?: number;
  /** Longest Retry-After / x-ratelimit-reset the gateway waits out itself; longer ones go back to the client. */
  maxServerWaitMs?: number;
  /** Connections kept open to Telnyx. */
  connections?: number;
  /**
   * Least wait before a second, identical attempt of an idempotent request that has no answer yet
   * (the p99 of recent answers when longer; Infinity: never). Telnyx advises re-sending a command
   * with the same command_id after 500 ms without an answer.
   */
  hedgeFloorMs?: number;
  /** Tracing on: a span per send (a hedge included), named to Telnyx by a `traceparent` header. */
  tracing?: Tracing;
  /** Requests held toward Telnyx at once (sending, retrying, waiting); past it, RATE_LIMITED at once. */
  maxQueuedRequests?: number;
}

type Outcome = 'ok' | 'telnyx_error' | 'rate_limited' | 'unavailable';

const DEFAULT_DEADLINE_MS = 25_000;
const DEFAULT_HEDGE_FLOOR_MS = 500;
/** A page of 250 recordings is a few hundred KiB; anything far larger is not Telnyx talking. */
const MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

/**
 * The outbound side: one keep-alive pool to the Telnyx API, bearer auth, per-attempt timeouts,
 * retries with exponential backoff and full jitter, and Telnyx answers mapped to typed errors.
 * Retrying a POST is safe because every action carries a command_id Telnyx deduplicates on.
 */
export class TelnyxClient {
  readonly #pool: Pool;
  readonly #pathPrefix: string;
  readonly #authorization: string;
  readonly #options: Required<Omit<TelnyxClientOptions, 'apiKey' | 'baseUrl' | 'tracing'>>;
  readonly #tracing: Tracing | undefined;
  readonly #answerTimes = new AnswerTimes();
  /** Telnyx's rate limit as last seen, and the bound on queued work. */
  readonly budget: UpstreamBudget;

  constructor(options: TelnyxClientOptions) {
    const url = new URL(options.baseUrl);
    this.#pathPrefix = url.pathname.replace(/\/+$/, '');
    this.#authorization = `Bearer ${options.apiKey}`;
    this.#tracing = options.tracing;
    this.#options = {
      timeoutMs: options.timeoutMs,
      maxRetries: options.maxRetries,
      metrics: options.metrics,
      logger: options.logger,
      deadlineMs: options.deadlineMs ?? DEFAULT_DEADLINE_MS,
      backoffBaseMs: options.backoffBaseMs ?? 100,
      backoffMaxMs: options.backoffMaxMs ?? 2_000,
      maxServerWaitMs: options.maxServerWaitMs ?? 5_000,
      connections: options.connections ?? 32,
      hedgeFloorMs: options.hedgeFloorMs ?? DEFAULT_HEDGE_FLOOR_MS,
      maxQueuedRequests: options.maxQueuedRequests ?? 256,
    };
    this.budget = new UpstreamBudget({ maxQueued: this.#options.maxQueuedRequests, metrics: options.metrics });
    this.#pool = new Pool(url.origin, {
      connections: this.#options.connections,
      connect: { timeout: options.timeoutMs },
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
      keepAliveTimeout: 30_000,
    });
  }

  /** Sends one request (with retries) and returns Telnyx's parsed JSON body, or throws a typed error. */
  async request<T>(request: TelnyxRequest): Promise<T> {
    const started = performance.now();
    const deadline = Date.now() + this.#options.deadlineMs;
    let outcome: Outcome = 'unavailable';
    try {
      this.budget.enter();
    } catch (error) {
      this.#options.metrics.telnyxRequests.observe({ operation: request.operation, outcome: 'rate_limited' }, 0);
      throw error;
    }
    try {
      const result = await this.#withRetries<T>(request, deadline);
      outcome = 'ok';
      return result;
    } catch (error) {
      outcome = outcomeOf(error);
      if (error instanceof TelnyxError && (error.status === 401 || error.status === 403)) {
        this.#options.logger.error(
          { operation: request.operation, status: error.status },
          'Telnyx refused the API key: check TELNYX_API_KEY',
        );
      }
      throw error;
    } finally {
      this.budget.leave();
      this.#options.metrics.telnyxRequests.observe(
        { operation: request.operation, outcome },
        (performance.now() - started) / 1000,
      );
    }
  }

  /** Lets in-flight requests finish for a moment, then cuts them (they end as UPSTREAM_UNAVAILABLE). */
  async close(graceMs = 2_000): Promise<void> {
    const cut = setTimeout(() => void this.#pool.destroy().catch(() => undefined), graceMs);
    try {
      await this.#pool.close();
    } catch {
      // Destroyed while closing: closed all the same.
    } finally {
      clearTimeout(cut);
    }
  }

  async #withRetries<T>(request: TelnyxRequest, deadline: number): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const result = await this.#hedgedAttempt<T>(request, deadline, attempt + 1);
      if (result.ok) return result.value;
      const { failure } = result;
      const remaining = deadline - Date.now();
      const serverWait = failure.waitSeconds !== undefined ? failure.waitSeconds * 1000 : undefined;
      const wait = serverWait ?? this.#backoff(attempt);
      // A long server-requested wait is the client's to schedule (RATE_LIMITED carries retryAfter).
      const tooLong = serverWait !== undefined && serverWait > this.#options.maxServerWaitMs;
      if (!failure.retryable || attempt >= this.#options.maxRetries || tooLong || wait >= remaining)
        throw failure.error;
      this.#options.logger.warn(
        { operation: request.operation, attempt: attempt + 1, waitMs: Math.round(wait), reason: failure.error.message },
        'retrying Telnyx request',
      );
      await sleep(wait);
    }
  }

  /** Full jitter: a uniform draw between 0 and the capped exponential step. */
  #backoff(attempt: number): number {
    const step = Math.min(this.#options.backoffMaxMs, this.#options.backoffBaseMs * 2 ** attempt);
    return Math.random() * step;
  }

  /**
   * One attempt; if it has no answer by the p99 of recent answers (at least `hedgeFloorMs`) after it
   * was sent, a second identical one races it and the first success wins (the other is aborted).
   * Only for requests Telnyx deduplicates or that change nothing: a command with its command_id, or
   * a GET. Each send, the second included, waits for the upstream budget's clearance: the hedge
   * clock starts once the first is cleared, so a wait for a rate-limit reset is never hedged.
   */
  async #hedgedAttempt<T>(request: TelnyxRequest, deadline: number, attempt: number): Promise<AttemptResult<T>> {
    // Usually clear: no promise to wait on then.
    const refused = this.budget.isClear() ? undefined : await this.#clearance(deadline);
    if (refused) return refused;
    const hedgeAfter = Math.max(this.#options.hedgeFloorMs, this.#answerTimes.p99());
    const first = new SendCancellation();
    if (!isIdempotent(request) || !Number.isFinite(hedgeAfter) || hedgeAfter >= deadline - Date.now()) {
      return this.#timedSend<T>(request, deadline, attempt, first);
    }
    const firstResult = this.#timedSend<T>(request, deadline, attempt, first);
    const early = await answeredWithin(firstResult, hedgeAfter);
    if (early !== null) return early;
    this.#options.logger.debug(
      { operation: request.operation, afterMs: Math.round(hedgeAfter) },
      'no answer yet: sending the request again',
    );
    const second = new SendCancellation();
    const secondResult = this.#clearance(deadline).then(
      (refusal) => refusal ?? this.#timedSend<T>(request, deadline, attempt, second, true),
    );
    const { index, result } = await firstSuccess([firstResult, secondResult]);
    (index === 0 ? second : first).supersede();
    return result;
  }

  /** Waits until the upstream budget lets one more request go; a refusal (RATE_LIMITED) when it never will in time. */
  async #clearance(deadline: number): Promise<{ ok: false; failure: AttemptFailure } | undefined> {
    try {
      await this.budget.clearance(deadline, this.#options.maxServerWaitMs);
      return undefined;
    } catch (error) {
      return { ok: false, failure: { error: error as RateLimitedError, retryable: false } };
    }
  }

  /**
   * One send, timed: any answer from Telnyx counts, errors included; no answer (network, timeout,
   * aborted) does not. With tracing on, the send is a span of its own (a hedge too).
   */
  async #timedSend<T>(
    request: TelnyxRequest,
    deadline: number,
    attempt: number,
    cancellation: SendCancellation,
    hedge = false,
  ): Promise<AttemptResult<T>> {
    const span = this.#tracing?.startTelnyxAttempt({
      operation: request.operation,
      method: request.method,
      callControlId: request.callControlId,
      attempt,
      hedge,
    });
    const started = performance.now();
    const result = await this.#send<T>(request, deadline, cancellation, span?.traceparent);
    if (result.ok || result.failure.status !== undefined) this.#answerTimes.add(performance.now() - started);
    if (span) {
      if (result.ok) span.end({ status: result.status });
      // The other send of a hedged pair answered first: not a failure of this one.
      else if (cancellation.superseded) span.end({ cancelled: true });
      else span.end({ status: result.failure.status, error: result.failure.error.code });
    }
    return result;
  }

  async #send<T>(
    request: TelnyxRequest,
    deadline: number,
    cancellation: SendCancellation,
    traceparent?: string,
  ): Promise<AttemptResult<T>> {
    const remaining = deadline - Date.now();
    if (remaining <= 0) return { ok: false, failure: unavailable('Telnyx did not answer in time', false) };
    const attemptMs = Math.min(this.#options.timeoutMs, remaining);
    const timer = setTimeout(timeOut, attemptMs, cancellation);
    let answer: Answer | AttemptResult<T>;
    try {
      answer = await this.#exchange(request, attemptMs, cancellation, traceparent);
    } finally {
      clearTimeout(timer);
    }
    if (!('text' in answer)) return answer;
    const { statusCode, headers, text } = answer;
    if (statusCode >= 200 && statusCode < 300) {
      this.budget.observe(statusCode, headers, undefined);
      try {
        return { ok: true, value: (text ? JSON.parse(text) : {}) as T, status: statusCode };
      } catch {
        return { ok: false, failure: unavailable('Telnyx sent a response that is not JSON', false) };
      }
    }
    const failure = failureFromResponse(statusCode, headers, text);
    this.budget.observe(statusCode, headers, failure.waitSeconds);
    return { ok: false, failure: { ...failure, status: statusCode } };
  }

  /** One request and its whole body, or the failure that ended it. */
  async #exchange(
    request: TelnyxRequest,
    attemptMs: number,
    cancellation: SendCancellation,
    traceparent: string | undefined,
  ): Promise<Answer | AttemptResult<never>> {
    const query = request.query?.toString();
    // Set one by one: properties after an object spread are V8's slow path on Node 20.
    const headers: Record<string, string> = {
      authorization: this.#authorization,
      accept: 'application/json',
      'user-agent': 'voice-media-gateway',
    };
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    if (traceparent !== undefined) headers.traceparent = traceparent;
    try {
      return await exchange(
        this.#pool,
        {
          method: request.method,
          path: `${this.#pathPrefix}${request.path}${query ? `?${query}` : ''}`,
          headers,
          body: request.body === undefined ? undefined : JSON.stringify(request.body),
          // undici's own headers/body timers tick once a second; the send's timer is exact.
          headersTimeout: attemptMs,
          bodyTimeout: attemptMs,
        },
        cancellation,
        MAX_RESPONSE_BYTES,
      );
    } catch (error) {
      if (error instanceof ResponseTooLargeError) return { ok: false, failure: unavailable(error.message, false) };
      return { ok: false, failure: unavailable(describeNetworkError(error), true) };
    }
  }
}

/** The result if it comes within `ms`, else null (one timer and one promise, not a race of two). */
function answeredWithin<R>(result: Promise<R>, ms: number): Promise<R | null> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms, null);
    result.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

function timeOut(cancellation: SendCancellation): void {
  cancellation.abort(new DOMException('Telnyx did not answer in time', 'TimeoutError'));
}

function outcomeOf(error: unknown): Outcome {
  if (error instanceof RateLimitedError) return 'rate_limited';
  if (error instanceof TelnyxError) return 'telnyx_error';
  return 'unavailable';
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
