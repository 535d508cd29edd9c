/**
 * Telnyx-style error bodies: `{"errors":[{code, title, detail, source?}]}` with `code` a string of
 * digits, as `docs/telnyx-reference.md` §1 documents. A route throws `TelnyxApiError`; the server writes it.
 */
export interface TelnyxErrorObject {
  code: string;
  title: string;
  detail?: string;
  source?: { pointer?: string; parameter?: string };
  meta?: Record<string, unknown>;
}

export class TelnyxApiError extends Error {
  constructor(
    readonly status: number,
    readonly errors: TelnyxErrorObject[],
    /** Extra response headers (e.g. `x-ratelimit-reset` on a 429). */
    readonly headers: Record<string, string> = {},
  ) {
    super(errors.map((error) => `${error.code} ${error.title}`).join('; '));
  }

  toBody(): { errors: TelnyxErrorObject[] } {
    return { errors: this.errors };
  }
}

function withDocs(code: string): Record<string, unknown> {
  return { url: `https://developers.telnyx.com/docs/overview/errors/${code}` };
}

function one(
  status: number,
  code: string,
  title: string,
  detail: string,
  source?: TelnyxErrorObject['source'],
): TelnyxApiError {
  return new TelnyxApiError(status, [{ code, title, detail, ...(source ? { source } : {}), meta: withDocs(code) }]);
}

/** Call Control endpoints answer a missing or wrong key with 10009. */
export const authenticationFailed = (): TelnyxApiError =>
  one(401, '10009', 'Authentication failed', 'The API key is missing or not valid.');

/** The recordings endpoints use their own 401 body (S1 `call-recordings_UnauthorizedResponse`). */
export const recordingsUnauthorized = (): TelnyxApiError =>
  new TelnyxApiError(401, [{ code: '401', title: 'Unauthorized', detail: 'Unauthorized' }]);

export const badRequest = (detail: string): TelnyxApiError => one(400, '10015', 'Bad Request', detail);

export const routeNotFound = (): TelnyxApiError =>
  new TelnyxApiError(404, [{ code: '404', title: 'Not Found', detail: 'Page not found' }]);

export const methodNotAllowed = (): TelnyxApiError =>
  new TelnyxApiError(405, [
    { code: '405', title: 'Method Not Allowed', detail: 'This path does not accept that method.' },
  ]);

export const resourceNotFound = (pointer?: string): TelnyxApiError =>
  one(
    404,
    '10005',
    'Resource not found',
    'The requested resource or URL could not be found.',
    pointer ? { pointer } : undefined,
  );

export const invalidCallControlId = (): TelnyxApiError =>
  one(422, '90015', 'Invalid Call Control ID', 'The call_control_id provided was not valid.', {
    pointer: '/call_control_id',
  });

export const callAlreadyEnded = (): TelnyxApiError =>
  one(422, '90018', 'Call has already ended', "This call is no longer active and can't receive commands.");

export const missingParameter = (pointer: string): TelnyxApiError =>
  one(422, '10004', 'Missing required parameter', `The '${name(pointer)}' parameter is required and cannot be blank.`, {
    pointer,
  });

export const invalidEnum = (pointer: string, allowed: readonly string[]): TelnyxApiError =>
  one(422, '10032', 'Invalid enumerated value', `The value must be one of: ${[...allowed].sort().join(', ')}.`, {
    pointer,
  });

export const outOfRange = (pointer: string, detail: string): TelnyxApiError =>
  one(422, '10033', 'Value outside of range', detail, { pointer });

/** A value of the wrong type or shape (the spec gives no dedicated code; 10015 is Telnyx's "invalid value"). */
export const invalidValue = (pointer: string, detail: string): TelnyxApiError =>
  one(422, '10015', 'Invalid value', detail, { pointer });

export const invalidQueryParameter = (parameter: string, code: string, title: string, detail: string): TelnyxApiError =>
  new TelnyxApiError(422, [{ code, title, detail, source: { parameter }, meta: withDocs(code) }]);

/** pause/resume/stop with no recording in the needed state ("Recording not found", docs/telnyx-reference.md §1). */
export const noRecording = (detail: string): TelnyxApiError =>
  one(422, '10005', 'Recording not found', detail, { pointer: '/recording_id' });

function name(pointer: string): string {
  return pointer.split('/').filter(Boolean).join('.');
}
