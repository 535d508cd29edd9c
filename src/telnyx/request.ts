/** One request to the Telnyx API, as the client's callers describe it. */
export interface TelnyxRequest {
  /** Names the request in metrics and logs, e.g. "playback_start". */
  operation: string;
  method: 'GET' | 'POST';
  /** Path below the base URL, already percent-encoded, starting with "/". */
  path: string;
  /** The call a call action acts on (for tracing: a webhook links to the command that caused it). */
  callControlId?: string;
  query?: URLSearchParams;
  body?: unknown;
}
