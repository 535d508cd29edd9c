/**
 * Injected failures for the `/v2` API, so clients can test their retries against the simulator:
 * the next `count` requests get `status` (with Telnyx's error body and, for 429, its
 * `x-ratelimit-*` headers) or, with `no_answer`, no response at all until the client gives up.
 * Also recordings that fail in storage: the next ones to end send `call.recording.error` instead
 * of `call.recording.saved`.
 */
import { invalidEnum, invalidValue, TelnyxApiError } from './errors';

export interface Fault {
  status: number | 'no_answer';
  count: number;
  /** For 429: seconds until the limit resets, sent as `x-ratelimit-reset`. */
  resetSeconds: number;
}

const TITLES: Record<number, [code: string, title: string]> = {
  429: ['10011', 'Too many requests'],
  500: ['10007', 'Internal server error'],
  502: ['10007', 'Bad gateway'],
  503: ['10007', 'Service unavailable'],
  504: ['10007', 'Gateway timeout'],
};

/** The published enum of `call.recording.error`'s `reason`. */
export const RECORDING_ERROR_REASONS = [
  'Failed to authorize with storage using custom credentials',
  'Invalid credentials json',
  'Unsupported backend',
  'Internal server error',
] as const;

export class FaultInjector {
  private pending: Fault | null = null;
  private readonly recordingFailures: string[] = [];

  /** Validates a `POST /simulator/faults` body (or a direct call) and arms it: one kind per call. */
  arm(body: Record<string, unknown>): void {
    const { status, count = 1, reset_seconds: resetSeconds = 1, recording_error: recordingError } = body;
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 0 || count > 1_000) {
      throw invalidValue('/count', "'count' must be an integer from 0 to 1000.");
    }
    if (recordingError !== undefined) {
      if (status !== undefined) throw invalidValue('/status', "Give either 'status' or 'recording_error', not both.");
      if (!(RECORDING_ERROR_REASONS as readonly unknown[]).includes(recordingError)) {
        throw invalidEnum('/recording_error', RECORDING_ERROR_REASONS);
      }
      this.recordingFailures.push(...Array<string>(count).fill(recordingError as string));
      return;
    }
    if (status !== 'no_answer' && !(typeof status === 'number' && Number.isInteger(status) && status in TITLES)) {
      throw invalidValue('/status', `'status' must be one of ${Object.keys(TITLES).join(', ')} or 'no_answer'.`);
    }
    if (typeof resetSeconds !== 'number' || !Number.isInteger(resetSeconds) || resetSeconds < 0) {
      throw invalidValue('/reset_seconds', "'reset_seconds' must be a non-negative integer.");
    }
    this.pending = count > 0 ? { status, count, resetSeconds } : null;
  }

  takeRecordingFailure(): string | null {
    return this.recordingFailures.shift() ?? null;
  }

  /** The fault for this request, if one is armed (each request uses one up). */
  take(): Fault | null {
    const fault = this.pending;
    if (!fault) return null;
    fault.count -= 1;
    if (fault.count === 0) this.pending = null;
    return fault;
  }
}

export function faultError(status: number, resetSeconds: number): TelnyxApiError {
  const [code, title] = TITLES[status] ?? ['10007', 'Internal server error'];
  const headers: Record<string, string> =
    status === 429
      ? { 'x-ratelimit-limit': '100', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(resetSeconds) }
      : {};
  return new TelnyxApiError(status, [{ code, title, detail: 'Injected by the simulator.' }], headers);
}
