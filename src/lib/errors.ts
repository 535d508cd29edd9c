/**
 * The gateway's error vocabulary. Every failure a client may see is one of these typed values;
 * `src/graphql/masking.ts` maps them to GraphQL errors in one place. Messages never carry secrets.
 */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'BAD_REQUEST'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'TELNYX_ERROR'
  | 'RATE_LIMITED'
  | 'UPSTREAM_UNAVAILABLE'
  | 'CURSOR_EXPIRED'
  | 'EVENT_BUS_UNAVAILABLE'
  | 'SLOW_CONSUMER'
  | 'PERSISTED_QUERY_ONLY'
  | 'PERSISTED_QUERY_NOT_FOUND';

export abstract class GatewayError extends Error {
  abstract readonly code: ErrorCode;
  /** Extra fields for `extensions`, beside `code`. */
  get extensions(): Record<string, unknown> {
    return {};
  }
}

export class BadUserInputError extends GatewayError {
  readonly code = 'BAD_USER_INPUT';
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
  override get extensions() {
    return this.field ? { field: this.field } : {};
  }
}

/** The request cannot work on this transport or in this state (e.g. renewSession over HTTP). */
export class BadRequestError extends GatewayError {
  readonly code = 'BAD_REQUEST';
}

export class UnauthenticatedError extends GatewayError {
  readonly code = 'UNAUTHENTICATED';
}

export class ForbiddenError extends GatewayError {
  readonly code = 'FORBIDDEN';
}

export interface TelnyxErrorDetail {
  code: string;
  title: string;
  detail?: string;
}

/** Telnyx answered and said no. */
export class TelnyxError extends GatewayError {
  readonly code = 'TELNYX_ERROR';
  constructor(
    readonly status: number,
    readonly errors: TelnyxErrorDetail[],
  ) {
    super(
      errors[0]
        ? `Telnyx: ${errors[0].title}${errors[0].detail ? ` (${errors[0].detail})` : ''}`
        : `Telnyx answered ${status}`,
    );
  }
  override get extensions() {
    return { telnyx: { status: this.status, errors: this.errors } };
  }
}

/** A limit (the client's own, or Telnyx's) says wait: `retryAfter` whole seconds. */
export class RateLimitedError extends GatewayError {
  readonly code = 'RATE_LIMITED';
  constructor(
    readonly retryAfter: number,
    message = `Telnyx rate limit reached; retry after ${retryAfter} s`,
  ) {
    super(message);
  }
  override get extensions() {
    return { retryAfter: this.retryAfter };
  }
}

/** Telnyx could not be reached in time (timeouts, connection failures, 5xx after retries). */
export class UpstreamUnavailableError extends GatewayError {
  readonly code = 'UPSTREAM_UNAVAILABLE';
}

/** A resume cursor older than the replay buffer: events after it may be gone. */
export class CursorExpiredError extends GatewayError {
  readonly code = 'CURSOR_EXPIRED';
}

/** The event bus (Redis) cannot take or deliver events right now. */
export class EventBusUnavailableError extends GatewayError {
  readonly code = 'EVENT_BUS_UNAVAILABLE';
}

/** A subscriber fell further behind than the backlog allows and was dropped; it may resume with its last cursor. */
export class SlowConsumerError extends GatewayError {
  readonly code = 'SLOW_CONSUMER';
}

/** Trusted documents are on and the request sent a document of its own (or none at all). */
export class PersistedQueryOnlyError extends GatewayError {
  readonly code = 'PERSISTED_QUERY_ONLY';
  constructor() {
    super(
      'Only trusted documents run here: send their documentId (or extensions.persistedQuery.sha256Hash) instead of a query',
    );
  }
}

/** Trusted documents are on and the id names none of them. */
export class PersistedQueryNotFoundError extends GatewayError {
  readonly code = 'PERSISTED_QUERY_NOT_FOUND';
  constructor() {
    super('No trusted document has this id');
  }
}
