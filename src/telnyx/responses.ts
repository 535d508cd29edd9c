import { errors as undiciErrors, type Dispatcher } from 'undici';
import { RateLimitedError, TelnyxError, UpstreamUnavailableError, type TelnyxErrorDetail } from '../lib/errors';

const RETRYABLE_STATUS = (status: number) => status === 408 || status === 429 || status >= 500;

/** An attempt's failure, with what the retry loop needs to decide. */
export interface AttemptFailure {
  error: TelnyxError | RateLimitedError | UpstreamUnavailableError;
  retryable: boolean;
  /** Seconds the server asked us to wait (Retry-After / x-ratelimit-reset). */
  waitSeconds?: number;
  /** The HTTP status when Telnyx answered (with an error status); absent when there was no answer at all. */
  status?: number;
}

/** What one attempt came to: Telnyx's parsed body and status, or a failure. */
export type AttemptResult<T> = { ok: true; value: T; status: number } | { ok: false; failure: AttemptFailure };

/** An error status as a failure: 429 rate limited, 408 and 5xx unavailable (both retried), others Telnyx's errors. */
export function failureFromResponse(
  status: number,
  headers: Dispatcher.ResponseData['headers'],
  text: string,
): AttemptFailure {
  if (status === 429) {
    const waitSeconds = retryAfterSeconds(headers);
    return { error: new RateLimitedError(Math.max(1, Math.ceil(waitSeconds ?? 1))), retryable: true, waitSeconds };
  }
  if (status >= 500 || status === 408) {
    return unavailable(`Telnyx answered ${status}`, true, retryAfterSeconds(headers));
  }
  return { error: new TelnyxError(status, parseTelnyxErrors(status, text)), retryable: RETRYABLE_STATUS(status) };
}

export function unavailable(message: string, retryable: boolean, waitSeconds?: number): AttemptFailure {
  return { error: new UpstreamUnavailableError(message), retryable, waitSeconds };
}

/** `Retry-After` (seconds or an HTTP date), else Telnyx's `x-ratelimit-reset` (seconds until reset). */
export function retryAfterSeconds(headers: Dispatcher.ResponseData['headers'], now = Date.now()): number | undefined {
  const retryAfter = headerValue(headers['retry-after']);
  if (retryAfter !== undefined) {
    if (/^\d+(\.\d+)?$/.test(retryAfter)) return Number(retryAfter);
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, (date - now) / 1000);
  }
  const reset = headerValue(headers['x-ratelimit-reset']);
  if (reset !== undefined && /^\d+(\.\d+)?$/.test(reset)) return Number(reset);
  return undefined;
}

function headerValue(value: string | string[] | undefined): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return first?.trim() || undefined;
}

/** Telnyx's `{errors: [{code, title, detail}]}`; anything else becomes one generic entry. */
export function parseTelnyxErrors(status: number, text: string): TelnyxErrorDetail[] {
  try {
    const parsed = JSON.parse(text) as { errors?: unknown };
    if (Array.isArray(parsed.errors) && parsed.errors.length > 0) {
      return parsed.errors.map((entry: Record<string, unknown>) => ({
        code: String(entry?.code ?? status),
        title: typeof entry?.title === 'string' ? entry.title : `HTTP ${status}`,
        ...(typeof entry?.detail === 'string' ? { detail: entry.detail } : {}),
      }));
    }
  } catch {
    // Not JSON: fall through to the generic entry.
  }
  return [{ code: String(status), title: `HTTP ${status}` }];
}

/** Names the failure without echoing request options (which hold the bearer token). */
export function describeNetworkError(error: unknown): string {
  if (error instanceof undiciErrors.HeadersTimeoutError || error instanceof undiciErrors.BodyTimeoutError)
    return 'Telnyx did not answer in time';
  if (error instanceof undiciErrors.ConnectTimeoutError) return 'connecting to Telnyx timed out';
  if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError'))
    return 'Telnyx did not answer in time';
  const code = (error as { code?: unknown })?.code;
  return `Telnyx could not be reached${typeof code === 'string' ? ` (${code})` : ''}`;
}
