import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { Collected } from './collected';
import type { LooseRecord } from './loose';

/**
 * The clients a test talks to the gateway with, as real clients would: JSON over HTTP, graphql-ws
 * over a websocket, and Server-Sent Events.
 */

/** One GraphQL error as it arrives on the wire. */
export interface GraphQLErrorJson {
  message: string;
  path?: ReadonlyArray<string | number>;
  locations?: ReadonlyArray<{ line: number; column: number }>;
  extensions?: Record<string, unknown>;
}

/** A GraphQL result as JSON: an HTTP body, a websocket `next`, an SSE frame. */
export interface GraphQLResult<T = Record<string, unknown>> {
  data?: T | null;
  errors?: GraphQLErrorJson[];
}

/** An answer to POST /graphql: status, headers, the raw text and the parsed result (empty when not JSON). */
export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  text: string;
  body: GraphQLResult<T>;
}

export interface GraphQLRequestOptions {
  variables?: unknown;
  /** Sent as `authorization: Bearer <token>`. */
  token?: string;
  headers?: Record<string, string>;
}

/** POSTs an operation to `${url}/graphql` as a JSON client would. */
export async function postGraphQL<T = Record<string, unknown>>(
  url: string,
  query: string,
  options: GraphQLRequestOptions = {},
): Promise<GraphQLResponse<T>> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/graphql-response+json, application/json',
    ...options.headers,
  };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ query, variables: options.variables }),
  });
  const text = await response.text();
  let body: GraphQLResult<T> = {};
  try {
    body = JSON.parse(text) as GraphQLResult<T>;
  } catch {
    // Not JSON (e.g. a plain-text 413): the caller asserts on status and text.
  }
  return { status: response.status, headers: response.headers, text, body };
}

/** The first error's code, for compact assertions. */
export function errorCode(result: GraphQLResult<unknown>): unknown {
  return result.errors?.[0]?.extensions?.code;
}

export interface WsClientOptions {
  /** Connect on the first operation (default) or at once. */
  lazy?: boolean;
  /** Sent in connection_init besides the token's authorization. */
  connectionParams?: Record<string, unknown>;
  onClose?: (code: number, reason: string) => void;
}

/** A graphql-ws client that does not retry, so each test sees exactly one socket's fate. */
export function wsClient(wsUrl: string, token?: string, options: WsClientOptions = {}): Client {
  return createClient({
    url: wsUrl,
    webSocketImpl: WebSocket,
    lazy: options.lazy ?? true,
    retryAttempts: 0,
    connectionParams: { ...options.connectionParams, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    on: {
      closed: (event) => {
        const close = event as { code: number; reason: string };
        options.onClose?.(close.code, String(close.reason));
      },
    },
  });
}

export interface WsSubscription {
  collected: Collected;
  unsubscribe(): void;
}

/** Runs an operation over a graphql-ws client, collecting its results; after `limit` of them it unsubscribes. */
export function subscribeWs(
  client: Client,
  query: string,
  variables?: Record<string, unknown>,
  { limit = Infinity } = {},
): WsSubscription {
  const collected = new Collected();
  const unsubscribe = client.subscribe(
    { query, variables },
    {
      next: (result) => {
        collected.push(result as GraphQLResult<LooseRecord>);
        if (collected.items.length < limit) return;
        unsubscribe();
        collected.end();
      },
      error: (error) => collected.end(error),
      complete: () => collected.end(),
    },
  );
  return { collected, unsubscribe };
}

/** Runs one operation over graphql-ws to its end (complete or error): what a query or a refused operation gets. */
export function runWs(client: Client, query: string, variables?: Record<string, unknown>): Promise<Collected> {
  return subscribeWs(client, query, variables).collected.waitForEnd();
}

/** A refused operation's errors, whether graphql-ws sent them as an error message or as a result with errors. */
export function errorsOf(collected: Collected): GraphQLErrorJson[] | undefined {
  if (Array.isArray(collected.error)) return collected.error as GraphQLErrorJson[];
  return collected.items[0]?.errors;
}

export interface SseFrame {
  event: string | null;
  data: string;
}

export interface SseSubscription {
  response: Response;
  collected: Collected;
  frames: SseFrame[];
  cancel(): void;
}

export interface SseOptions {
  variables?: Record<string, unknown>;
  operationName?: string;
  /** A trusted document's id, sent instead of the query. */
  documentId?: string;
  headers?: Record<string, string>;
  method?: 'GET' | 'POST';
}

/**
 * A subscription over SSE (`accept: text/event-stream`) to `${url}/graphql`, by GET with the operation in
 * the query string (default) or by POST with a JSON body; frames are parsed as they arrive.
 */
export async function subscribeSse(url: string, query: string, options: SseOptions = {}): Promise<SseSubscription> {
  const controller = new AbortController();
  const headers = { accept: 'text/event-stream', ...options.headers };
  // A trusted document's id replaces the query.
  const operation = options.documentId
    ? { documentId: options.documentId, variables: options.variables, operationName: options.operationName }
    : { query, variables: options.variables, operationName: options.operationName };
  let response: Response;
  if (options.method === 'POST') {
    response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(operation),
      signal: controller.signal,
    });
  } else {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(operation)) {
      if (value !== undefined) params.set(name, typeof value === 'string' ? value : JSON.stringify(value));
    }
    response = await fetch(`${url}/graphql?${params}`, { headers, signal: controller.signal });
  }
  const collected = new Collected();
  const frames: SseFrame[] = [];
  void readFrames(response, (frame) => {
    frames.push(frame);
    if (frame.event === 'complete') return collected.end();
    if (frame.data) collected.push(JSON.parse(frame.data));
  }).then(
    () => collected.end(),
    (error: unknown) => collected.end(error),
  );
  return { response, collected, frames, cancel: () => controller.abort() };
}

async function readFrames(response: Response, onFrame: (frame: SseFrame) => void): Promise<void> {
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    for (let boundary = buffer.indexOf('\n\n'); boundary >= 0; boundary = buffer.indexOf('\n\n')) {
      const frame = parseFrame(buffer.slice(0, boundary));
      buffer = buffer.slice(boundary + 2);
      if (frame) onFrame(frame);
    }
  }
}

function parseFrame(text: string): SseFrame | null {
  let event: string | null = null;
  const data: string[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith(':')) continue;
    if (line.startsWith('event:')) event = line.slice(6).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
  }
  if (event === null && data.length === 0) return null;
  return { event, data: data.join('\n') };
}
