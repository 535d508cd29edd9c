import { GraphQLError } from 'graphql';
import type { YogaLogger } from 'graphql-yoga';
import { BoundedMap } from '../lib/bounded-map';
import { GatewayError, TelnyxError, type ErrorCode } from '../lib/errors';
import type { Logger } from '../lib/logger';
import { createErrorMasker } from './masking';

const maskError = createErrorMasker();

/**
 * How request errors reach the log. A client's mistake (bad input, a variable of the wrong type, an
 * unknown field, a missing token, a call Telnyx says has ended, an expired cursor) is logged at
 * debug or info as its code and field, never with a stack or the value sent (a token pasted into
 * the wrong field must not land in the log); `error` is kept for the gateway's own faults. Lines
 * repeated by one client are rate-limited, so a client sending bad requests in a loop cannot grow
 * the log without bound.
 */

/**
 * The client each error of an operation was raised for, noted before Yoga masks the error (and logs
 * it): Yoga's logger is handed the error alone. Passed along explicitly rather than through an
 * AsyncLocalStorage, whose promise hooks (Node 20) taxed every promise of every request by ~15% CPU.
 */
export const clientOfError = new WeakMap<object, string>();

export interface LogRateLimit {
  /** Lines of one kind a client may write per window. */
  linesPerWindow: number;
  windowMs: number;
  /** Clients tracked at once; past it the oldest window is forgotten (bounded memory under a flood of addresses). */
  maxKeys: number;
}

export const DEFAULT_LOG_RATE_LIMIT: LogRateLimit = { linesPerWindow: 10, windowMs: 60_000, maxKeys: 10_000 };

/**
 * Per-key line budget: `allow(key)` says whether to write the line, and when a new window opens
 * after lines were dropped, how many were, so the log still says it happened.
 */
export function createLogRateLimiter(limit: LogRateLimit = DEFAULT_LOG_RATE_LIMIT, now: () => number = Date.now) {
  // A key's new window replaces its old one in place; past maxKeys the key first seen goes.
  const windows = new BoundedMap<string, { startedAt: number; written: number; dropped: number }>(limit.maxKeys);
  return {
    allow(key: string): { write: boolean; droppedBefore: number } {
      const time = now();
      let window = windows.get(key);
      let droppedBefore = 0;
      if (!window || time - window.startedAt >= limit.windowMs) {
        droppedBefore = window?.dropped ?? 0;
        window = { startedAt: time, written: 0, dropped: 0 };
        windows.set(key, window);
      }
      if (window.written >= limit.linesPerWindow) {
        window.dropped++;
        return { write: false, droppedBefore: 0 };
      }
      window.written++;
      return { write: true, droppedBefore };
    },
  };
}

export type LogRateLimiter = ReturnType<typeof createLogRateLimiter>;

/** Codes that mean the client asked for something wrong or not allowed: debug. */
const CLIENT_MISTAKES: ReadonlySet<string> = new Set<ErrorCode | string>([
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'CURSOR_EXPIRED',
  'SLOW_CONSUMER',
  'BAD_REQUEST',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'LIMIT_EXCEEDED',
]);

/** What one refused request is logged as: its code and where, never its message (it may quote the value). */
export function describeRequestError(error: unknown): {
  level: 'debug' | 'info' | 'warn' | 'error';
  fields: Record<string, unknown>;
} {
  const gatewayError = findGatewayError(error);
  if (gatewayError) {
    const fields: Record<string, unknown> = { code: gatewayError.code };
    const field = (gatewayError.extensions as { field?: unknown }).field;
    if (typeof field === 'string') fields.field = field;
    if (gatewayError instanceof TelnyxError) {
      fields.telnyx = { status: gatewayError.status, codes: gatewayError.errors.map((detail) => detail.code) };
      // Telnyx refused this request (a call that ended, an unknown recording): the client's to handle.
      return { level: gatewayError.status < 500 ? 'info' : 'warn', fields };
    }
    if (CLIENT_MISTAKES.has(gatewayError.code)) return { level: 'debug', fields };
    // Upstream or event-bus trouble: worth an operator's eye, not the gateway's own bug.
    return { level: 'warn', fields };
  }
  if (error instanceof GraphQLError && !hasNonGraphQLCause(error)) {
    // Yoga logs the error before masking: the code and field are the ones the client is shown.
    const shown = maskError(error, 'Unexpected error.');
    const extensions = shown instanceof GraphQLError ? shown.extensions : error.extensions;
    const code = typeof extensions.code === 'string' ? extensions.code : 'GRAPHQL_ERROR';
    const field = extensions.field;
    return { level: 'debug', fields: { code, ...(typeof field === 'string' ? { field } : {}) } };
  }
  return { level: 'error', fields: { err: error } };
}

function findGatewayError(error: unknown): GatewayError | undefined {
  if (error instanceof GatewayError) return error;
  if (error instanceof GraphQLError) return findGatewayError(error.originalError);
  return undefined;
}

/** A GraphQLError raised for an Error that is not a GraphQLError (a resolver or library fault). */
function hasNonGraphQLCause(error: GraphQLError): boolean {
  const cause = error.originalError;
  if (!cause) return false;
  return cause instanceof GraphQLError ? hasNonGraphQLCause(cause) : true;
}

/**
 * Yoga's logger: its debug chatter passes through, and each error it reports (every error it masks,
 * client mistakes included, which it logs at `error` with their stack) is classified and limited.
 */
export function createYogaLogger(logger: Logger, limiter: LogRateLimiter): YogaLogger {
  return {
    // Yoga writes two debug lines per operation: joined only when someone reads them.
    debug: (...args: unknown[]) => {
      if (logger.isLevelEnabled('debug')) logger.debug(args.map(String).join(' '));
    },
    info: (...args: unknown[]) => logger.info(args.map(String).join(' ')),
    warn: (...args: unknown[]) => logger.warn(args.map(String).join(' ')),
    error: (...args: unknown[]) => {
      for (const error of args) logRequestError(logger, limiter, error);
    },
  };
}

/** Logs one request error at its level, if this client's budget for that kind of line allows. */
export function logRequestError(logger: Logger, limiter: LogRateLimiter, error: unknown): void {
  const { level, fields } = describeRequestError(error);
  if (!logger.isLevelEnabled(level)) return;
  const client = (typeof error === 'object' && error !== null && clientOfError.get(error)) || 'unknown';
  const { write, droppedBefore } = limiter.allow(`${client}|${level}|${String(fields.code ?? 'internal')}`);
  if (!write) return;
  const line = { ...fields, client, ...(droppedBefore ? { droppedBefore } : {}) };
  logger[level](line, level === 'error' ? 'request failed' : 'request refused');
}
