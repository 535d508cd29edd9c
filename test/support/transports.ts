import { it } from 'vitest';
import { subscribeSse, wsClient, type GraphQLErrorJson, type GraphQLResult } from './clients';
import { Collected } from './collected';
import type { LooseRecord } from './loose';

/**
 * Every way a client runs a GraphQL operation on the gateway, as one list, so that a behaviour suite
 * runs over all of them (as graphql-ws's tests/utils/tservers.ts runs each suite over every server
 * adapter). Each transport is a real client on a real socket; what legitimately differs between
 * them (HTTP status codes, graphql-ws's `error` message and close codes) is declared here, in
 * `answers`, so that suites assert one thing per behaviour without branching on the transport.
 */

export type OperationType = 'query' | 'mutation' | 'subscription';

/** Behaviours a transport may be known to fall short of (listed in `Transport.knownGaps`). */
export type KnownGap = 'variablesStatus';

/** What a client sends: a document's text, or a trusted document's id. */
export interface Operation {
  /** The document; empty when `documentId` names a trusted one. */
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
  /** A trusted document's id (GATEWAY_TRUSTED_DOCUMENTS), sent where this transport carries it. */
  documentId?: string;
}

export interface RunOptions {
  /** Sent as `Bearer <token>`: the Authorization header, or graphql-ws's connectionParams. */
  token?: string;
  /** The client's W3C trace context: a header over HTTP, `extensions.traceparent` over graphql-ws. */
  traceparent?: string;
}

/** The gateway a transport talks to (a Harness is one). */
export interface Endpoint {
  url: string;
  wsUrl: string;
}

/** What a client saw of one operation. */
export interface Outcome {
  /** The HTTP status; none over graphql-ws. */
  status?: number;
  /** Every result received (one for a query or a mutation). */
  results: Array<GraphQLResult<LooseRecord>>;
  /** The first result's data. */
  data?: LooseRecord | null;
  /** The first result's errors, or those of a graphql-ws `error` message. */
  errors?: GraphQLErrorJson[];
  /** graphql-ws only: the errors came in an `error` message (the operation was refused before it ran). */
  errorMessage?: true;
  /** graphql-ws only: the gateway closed the socket instead of answering. */
  closed?: { code: number; reason: string };
}

/** An open subscription: its results as they arrive. */
export interface Stream {
  status?: number;
  collected: Collected;
  /** Ends it from the client's side. */
  cancel(): void;
}

/** How a transport frames an answer, beside the GraphQL errors themselves. */
export interface Envelope {
  status?: number;
  errorMessage?: true;
  closed?: { code: number; reason: string };
}

/** An envelope with the error codes a client reads from it. */
export interface Verdict extends Envelope {
  codes: unknown[];
}

export interface Transport {
  name: string;
  /** How it refuses the operation types it does not run (a mutation over GET: 405). */
  refuses: Partial<Record<OperationType, Verdict>>;
  /** How it frames each kind of answer. */
  answers: {
    /** An operation that ran, whether or not its fields failed (TELNYX_ERROR, FORBIDDEN, BAD_USER_INPUT…). */
    executed: Envelope;
    /** A document refused before it ran: a parse error, a validation error, a limit. */
    refusedDocument: Envelope;
    /** Variables that do not fit their types: a request error, no `data`. */
    refusedVariables: Envelope;
    /** A mutation refused by the per-client rate limit (where mutations run). */
    rateLimited?: Envelope;
    /** A document of the client's own while only trusted documents run (PERSISTED_QUERY_ONLY). */
    persistedQueryOnly: Envelope;
    /** An id that names no trusted document (PERSISTED_QUERY_NOT_FOUND). */
    persistedQueryNotFound: Envelope;
    /** No token where one is required: the whole verdict, since graphql-ws closes the socket instead. */
    unauthenticated: Verdict;
  };
  /**
   * Behaviours where the gateway answers over this transport otherwise than it should, each with a
   * one-line reason: suites run them as `it.fails` (see `itOver`), so a fix shows up as a failure to remove it.
   */
  knownGaps?: Partial<Record<KnownGap, string>>;
  /** Runs one operation to its end. */
  run(endpoint: Endpoint, operation: Operation, options?: RunOptions): Promise<Outcome>;
  /** Opens a subscription (where subscriptions run). */
  subscribe?(endpoint: Endpoint, operation: Operation, options?: RunOptions): Promise<Stream>;
}

/** The envelope and error codes of an outcome, to compare with a transport's `answers`. */
export function verdictOf(outcome: Outcome): Verdict {
  const verdict: Verdict = { codes: (outcome.errors ?? []).map((error) => error.extensions?.code) };
  if (outcome.status !== undefined) verdict.status = outcome.status;
  if (outcome.errorMessage) verdict.errorMessage = true;
  if (outcome.closed) verdict.closed = outcome.closed;
  return verdict;
}

/** An outcome's envelope alone. */
export function envelopeOf(outcome: Outcome): Envelope {
  const { codes: _codes, ...envelope } = verdictOf(outcome);
  return envelope;
}

const MISSING_TOKEN: Verdict = { status: 401, codes: ['UNAUTHENTICATED'] };
const MUTATION_OVER_GET: Verdict = { status: 405, codes: ['BAD_REQUEST'] };
/** A subscription asked for as one JSON result. */
const NOT_ACCEPTABLE: Verdict = { status: 406, codes: [] };

function headersFor(options: RunOptions, accept: string): Record<string, string> {
  const headers: Record<string, string> = { accept };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.traceparent) headers.traceparent = options.traceparent;
  return headers;
}

/** The GraphQL-over-HTTP body or query-string parameters of an operation. */
function paramsOf(operation: Operation): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  if (operation.documentId) params.documentId = operation.documentId;
  else params.query = operation.query;
  if (operation.variables) params.variables = operation.variables;
  if (operation.operationName) params.operationName = operation.operationName;
  return params;
}

/** A JSON body as one result; none when the body is not JSON (e.g. a 406 for an operation type it does not run). */
async function resultsOf(response: Response): Promise<Array<GraphQLResult<LooseRecord>>> {
  const text = await response.text();
  try {
    return [JSON.parse(text) as GraphQLResult<LooseRecord>];
  } catch {
    return [];
  }
}

function outcomeOf(status: number | undefined, results: Array<GraphQLResult<LooseRecord>>): Outcome {
  const first = results[0];
  return { status, results, data: first?.data, errors: first?.errors };
}

/** A POST with a JSON body, answered with one JSON result. */
async function postJson(accept: string, endpoint: Endpoint, operation: Operation, options: RunOptions = {}) {
  // fetch sends a Content-Length and no Origin: what the gateway's direct path asks of a request.
  const response = await fetch(`${endpoint.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headersFor(options, accept) },
    body: JSON.stringify(paramsOf(operation)),
  });
  return outcomeOf(response.status, await resultsOf(response));
}

/** Server-Sent Events in Yoga's distinct-connections mode: one request per operation. */
async function subscribeOverSse(
  method: 'GET' | 'POST',
  endpoint: Endpoint,
  operation: Operation,
  options: RunOptions = {},
): Promise<Stream> {
  const stream = await subscribeSse(endpoint.url, operation.query, {
    method,
    variables: operation.variables,
    operationName: operation.operationName,
    documentId: operation.documentId,
    headers: headersFor(options, 'text/event-stream'),
  });
  return { status: stream.response.status, collected: stream.collected, cancel: stream.cancel };
}

async function runOverSse(method: 'GET' | 'POST', endpoint: Endpoint, operation: Operation, options?: RunOptions) {
  const stream = await subscribeOverSse(method, endpoint, operation, options);
  await stream.collected.waitForEnd();
  return outcomeOf(stream.status, stream.collected.items);
}

/** graphql-ws: one connection per operation here, so that each outcome (a close included) is its own. */
async function subscribeOverWebSocket(
  endpoint: Endpoint,
  operation: Operation,
  options: RunOptions = {},
): Promise<Stream> {
  const client = wsClient(endpoint.wsUrl, options.token);
  const collected = new Collected();
  const payload: Record<string, unknown> = {
    ...paramsOf(operation),
    query: operation.documentId ? '' : operation.query,
  };
  if (options.traceparent) payload.extensions = { traceparent: options.traceparent };
  client.subscribe(payload as { query: string }, {
    next: (result) => collected.push(result as GraphQLResult<LooseRecord>),
    error: (error) => collected.end(error),
    complete: () => collected.end(),
  });
  return { collected, cancel: () => void client.dispose() };
}

async function runOverWebSocket(endpoint: Endpoint, operation: Operation, options?: RunOptions): Promise<Outcome> {
  const stream = await subscribeOverWebSocket(endpoint, operation, options);
  await stream.collected.waitForEnd();
  stream.cancel();
  const { items, error } = stream.collected;
  const outcome = outcomeOf(undefined, items);
  if (Array.isArray(error)) return { ...outcome, errors: error as GraphQLErrorJson[], errorMessage: true };
  const close = error as { code?: unknown; reason?: unknown } | null;
  if (typeof close?.code === 'number') outcome.closed = { code: close.code, reason: String(close.reason) };
  return outcome;
}

/** Every GraphQL transport of the gateway. */
export const transports: readonly Transport[] = [
  {
    // The gateway's direct path (src/graphql-post.ts): plain JSON in and out.
    name: 'POST application/json',
    refuses: { subscription: NOT_ACCEPTABLE },
    answers: {
      executed: { status: 200 },
      // GraphQL over HTTP: legacy application/json keeps 200 for any well-formed request.
      refusedDocument: { status: 200 },
      refusedVariables: { status: 200 },
      rateLimited: { status: 429 },
      persistedQueryOnly: { status: 400 },
      persistedQueryNotFound: { status: 404 },
      unauthenticated: MISSING_TOKEN,
    },
    run: (endpoint, operation, options) => postJson('application/json', endpoint, operation, options),
  },
  {
    // Yoga's own path, with the GraphQL-over-HTTP media type.
    name: 'POST graphql-response+json',
    refuses: { subscription: NOT_ACCEPTABLE },
    answers: {
      executed: { status: 200 },
      refusedDocument: { status: 400 },
      refusedVariables: { status: 400 },
      rateLimited: { status: 429 },
      persistedQueryOnly: { status: 400 },
      persistedQueryNotFound: { status: 404 },
      unauthenticated: MISSING_TOKEN,
    },
    run: (endpoint, operation, options) => postJson('application/graphql-response+json', endpoint, operation, options),
  },
  {
    name: 'GET',
    refuses: { mutation: MUTATION_OVER_GET, subscription: NOT_ACCEPTABLE },
    answers: {
      executed: { status: 200 },
      refusedDocument: { status: 400 },
      refusedVariables: { status: 400 },
      persistedQueryOnly: { status: 400 },
      persistedQueryNotFound: { status: 404 },
      unauthenticated: MISSING_TOKEN,
    },
    async run(endpoint, operation, options = {}) {
      const params = new URLSearchParams();
      for (const [name, value] of Object.entries(paramsOf(operation))) {
        params.set(name, typeof value === 'string' ? value : JSON.stringify(value));
      }
      const accept = 'application/graphql-response+json, application/json;q=0.9';
      const response = await fetch(`${endpoint.url}/graphql?${params}`, { headers: headersFor(options, accept) });
      return outcomeOf(response.status, await resultsOf(response));
    },
  },
  {
    name: 'SSE GET',
    refuses: { mutation: MUTATION_OVER_GET },
    // The stream starts (200) before the document is looked at: errors from then on are events.
    answers: {
      executed: { status: 200 },
      refusedDocument: { status: 200 },
      refusedVariables: { status: 200 },
      persistedQueryOnly: { status: 400 },
      persistedQueryNotFound: { status: 404 },
      unauthenticated: MISSING_TOKEN,
    },
    run: (endpoint, operation, options) => runOverSse('GET', endpoint, operation, options),
    subscribe: (endpoint, operation, options) => subscribeOverSse('GET', endpoint, operation, options),
  },
  {
    name: 'SSE POST',
    refuses: {},
    answers: {
      executed: { status: 200 },
      refusedDocument: { status: 200 },
      refusedVariables: { status: 200 },
      rateLimited: { status: 429 },
      persistedQueryOnly: { status: 400 },
      persistedQueryNotFound: { status: 404 },
      unauthenticated: MISSING_TOKEN,
    },
    run: (endpoint, operation, options) => runOverSse('POST', endpoint, operation, options),
    subscribe: (endpoint, operation, options) => subscribeOverSse('POST', endpoint, operation, options),
  },
  {
    name: 'graphql-ws',
    refuses: {},
    // No HTTP status; an operation refused before it runs gets an `error` message instead of a result.
    answers: {
      executed: {},
      refusedDocument: { errorMessage: true },
      refusedVariables: {},
      rateLimited: {},
      persistedQueryOnly: { errorMessage: true },
      persistedQueryNotFound: { errorMessage: true },
      // A bad token is refused once, at connection_init, by closing the socket (API.md).
      unauthenticated: { closed: { code: 4403, reason: 'Forbidden' }, codes: [] },
    },
    run: runOverWebSocket,
    subscribe: subscribeOverWebSocket,
  },
];

/** The transports that run operations of `type`. */
export function transportsRunning(type: OperationType): Transport[] {
  return transports.filter((transport) => !transport.refuses[type]);
}

/** `it`, or `it.fails` where the transport is known to fall short of `behaviour`. */
export function itOver(transport: Transport, behaviour: KnownGap): typeof it | typeof it.fails {
  return transport.knownGaps?.[behaviour] ? it.fails : it;
}
