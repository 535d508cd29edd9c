import { GraphQLError, Kind } from 'graphql';
import { createGraphQLError } from 'graphql-yoga';
import { GatewayError } from '../lib/errors';

function findGatewayError(error: unknown): GatewayError | undefined {
  if (error instanceof GatewayError) return error;
  if (error instanceof GraphQLError) return findGatewayError(error.originalError);
  return undefined;
}

/**
 * A gateway error refused before execution (trusted documents, rate limits): the GraphQL error a
 * client sees; over HTTP, `http` is the status (and headers) Yoga answers with (it never reaches the body).
 */
export function requestRefusal(
  error: GatewayError,
  http?: { status: number; headers?: Record<string, string> },
): GraphQLError {
  return createGraphQLError(error.message, {
    extensions: { code: error.code, ...error.extensions, ...(http ? { http } : {}) },
  });
}

/**
 * The one place where errors become what a client sees: gateway errors keep their code and
 * extensions; a variable that does not fit its type becomes BAD_USER_INPUT naming the field; GraphQL's
 * other errors (syntax, validation) stay as Yoga makes them; anything else is masked and shown as an
 * internal error.
 */
export function createErrorMasker() {
  return (error: unknown, message: string): Error => {
    const gatewayError = findGatewayError(error);
    if (gatewayError) {
      const original = error instanceof GraphQLError ? error : undefined;
      return createGraphQLError(gatewayError.message, {
        nodes: original?.nodes,
        path: original?.path,
        extensions: { code: gatewayError.code, ...gatewayError.extensions },
      });
    }
    if (error instanceof GraphQLError && error.nodes?.[0]?.kind === Kind.VARIABLE_DEFINITION) return badVariable(error);
    if (error instanceof GraphQLError && error.extensions.originalError) return withoutOriginalError(error);
    if (error instanceof GraphQLError && !error.originalError) return error;
    if (error instanceof GraphQLError && isDeliberate(error.originalError)) return located(error.originalError, error);
    // Yoga logs the original of every masked error (src/graphql/request-logging.ts decides at which level).
    // The field it was raised for stays: the spec gives a field error its path and locations.
    const field = error instanceof GraphQLError ? error : undefined;
    return createGraphQLError(message, {
      nodes: field?.nodes,
      source: field?.source,
      positions: field?.positions,
      path: field?.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  };
}

/**
 * A GraphQL error raised on purpose, with a code. One without (graphql-js failing to serialise a
 * value, in a subscription's execution) is masked like any other fault: its message may quote the value.
 */
function isDeliberate(error: Error | undefined): error is GraphQLError {
  return error instanceof GraphQLError && typeof error.extensions.code === 'string';
}

/** `original` with the path and locations of the field error wrapping it, when it has none of its own. */
function located(original: GraphQLError, field: GraphQLError): GraphQLError {
  if (original.path || !field.path) return original;
  return createGraphQLError(original.message, {
    nodes: field.nodes,
    source: field.source,
    positions: field.positions,
    path: field.path,
    originalError: original.originalError ?? undefined,
    extensions: original.extensions,
  });
}

/**
 * Yoga puts the JSON parser's message under `extensions.originalError` of "POST body sent invalid
 * JSON."; that message quotes the body, tokens and all. The fixed message and code stay, and the
 * status is 400 whatever the Accept header (Yoga's `spec` flag would turn it into 200 for
 * `application/json` once the original error is gone).
 */
function withoutOriginalError(error: GraphQLError): GraphQLError {
  const { originalError: _originalError, http, ...extensions } = error.extensions as Record<string, unknown>;
  const status = (http as { status?: number } | undefined)?.status ?? 400;
  return createGraphQLError(error.message, { extensions: { ...extensions, http: { status } } });
}

/**
 * A variable that does not fit its type (missing field, wrong type, unknown enum value, bad
 * scalar) is the client's input being wrong: BAD_USER_INPUT naming the field, like the validation
 * plugin's errors. graphql-js quotes the offending value in its message; that value can be
 * anything (a token pasted into the wrong field), so the message is rebuilt without it.
 */
function badVariable(error: GraphQLError): GraphQLError {
  // graphql-js: `Variable "$v" got invalid value <value> at "<path>"; <reason>`; the value may
  // itself hold `"; `, so the reason is taken from the end and the path just before it.
  const original = error.originalError?.message;
  const split = error.message.lastIndexOf('; ');
  const reason =
    original && error.message.endsWith(`; ${original}`)
      ? original
      : split >= 0
        ? error.message.slice(split + 2)
        : error.message;
  const prefix = error.message.slice(0, Math.max(0, error.message.length - reason.length - 2));
  const variable = /^Variable "\$([_A-Za-z][_0-9A-Za-z]*)"/.exec(error.message)?.[1];
  const at = / at "([_0-9A-Za-z.[\]]+)"$/.exec(prefix)?.[1];
  const missing = /^Field "([_A-Za-z][_0-9A-Za-z]*)" of required type/.exec(reason)?.[1];
  const field = [at ?? variable, missing].filter(Boolean).join('.');
  return createGraphQLError(`${field || 'variables'}: ${valueFreeReason(reason)}`, {
    nodes: error.nodes,
    // 400 under GraphQL over HTTP's media type (the spec's SHOULD for a variable that cannot be coerced); 200 under legacy JSON.
    extensions: { code: 'BAD_USER_INPUT', ...(field ? { field } : {}), http: { status: 400, spec: true } },
  });
}

const SAFE_REASONS = [
  /^Field "[_A-Za-z][_0-9A-Za-z]*" of required type "[^"]+" was not provided\.$/,
  /^Field "[_A-Za-z][_0-9A-Za-z]{0,63}" is not defined by type "[^"]+"\.$/,
  /^Expected type "[^"]+" to be an object\.$/,
  /^Variable "\$[^"]+" of (required|non-null) type "[^"]+" (was not provided|must not be null)\.$/,
  /^Loop must be an integer from 1 to 100 or "infinity"$/,
];

function valueFreeReason(reason: string): string {
  const enumName = /does not exist in "(\w+)" enum/.exec(reason)?.[1];
  if (enumName) return `not a value of the ${enumName} enum`;
  const scalar = /^(\w+) cannot represent/.exec(reason)?.[1];
  if (scalar) return `not a valid ${scalar}`;
  if (SAFE_REASONS.some((pattern) => pattern.test(reason))) return reason;
  return 'not a valid value for its type';
}
