import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { assembleGateway } from '../../src/app';
import { loadConfig } from '../../src/config';
import type { EventBus } from '../../src/events/bus';
import { createLogger } from '../../src/logger';
import type { TrustedDocuments } from '../../src/security/trusted-documents';
import type { Gateway } from '../../src/server';
import { OK_REPLY, startFakeTelnyx, telnyxErrorReply, type FakeTelnyx } from '../support/fake-telnyx';
import { TEST_AUDIENCE, TEST_ISSUER, TEST_JWT_SECRET } from '../auth/tokens';
import { testKeys } from '../support/signing';

/** A Telnyx API key shaped like a real one; every hygiene test greps for it. */
export const TEST_API_KEY = 'KEY01968F1E4B3A7C2D9E0F1A2B3C4D5E6F_sEcReTtElNyXkEy';

/** The Telnyx stand-in: answers 422 "Call has already ended" for calls whose id contains "reject", 200 otherwise. */
async function startUpstream(): Promise<FakeTelnyx> {
  const upstream = await startFakeTelnyx();
  upstream.setFallback((request) =>
    request.pathname.includes('reject')
      ? telnyxErrorReply(422, '90018', 'Call has already ended', 'This call is no longer active and can not receive commands.')
      : OK_REPLY,
  );
  return upstream;
}

export interface Harness {
  url: string;
  wsUrl: string;
  gateway: Gateway;
  events: EventBus;
  upstream: FakeTelnyx;
  /** Set with GATEWAY_TRUSTED_DOCUMENTS. */
  trustedDocuments: TrustedDocuments | undefined;
  /** Every log line the gateway wrote (pino JSON). */
  logs: string[];
  /** POST /graphql as a JSON client would; returns status, headers and the parsed body. */
  graphql(query: string, options?: { variables?: unknown; token?: string; headers?: Record<string, string> }): Promise<GraphQLResponse>;
  close(): Promise<void>;
}

export interface GraphQLResponse {
  status: number;
  headers: Headers;
  text: string;
  body: { data?: Record<string, unknown> | null; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
}

/** A gateway on loopback with HS256 auth (iss/aud enforced) in front of the stand-in; `env` overrides variables. */
export async function startHarness(env: Record<string, string> = {}): Promise<Harness> {
  const upstream = await startUpstream();
  const config = loadConfig({
    TELNYX_API_KEY: TEST_API_KEY,
    TELNYX_PUBLIC_KEY: testKeys.publicKeyBase64,
    TELNYX_API_BASE_URL: upstream.baseUrl,
    TELNYX_MAX_RETRIES: '0',
    GATEWAY_JWT_SECRET: TEST_JWT_SECRET,
    GATEWAY_JWT_ISSUER: TEST_ISSUER,
    GATEWAY_JWT_AUDIENCE: TEST_AUDIENCE,
    LOG_LEVEL: 'debug',
    // Tests share two busy cores: a late loop must not turn their webhooks into 503s (tested on its own).
    GATEWAY_MAX_EVENT_LOOP_DELAY_MS: '0',
    ...env,
  });
  const logs: string[] = [];
  const logger = createLogger(config.logLevel, { write: (line: string) => void logs.push(line) }, [TEST_API_KEY, TEST_JWT_SECRET]);
  const app = assembleGateway({
    config,
    logger,
    upstream: { baseUrl: upstream.baseUrl, apiKey: TEST_API_KEY, webhookPublicKey: testKeys.publicKeyBase64 },
    tuning: { telnyx: { deadlineMs: 5_000 } },
  });
  const { gateway, events } = app;
  const url = await gateway.listen(0, '127.0.0.1');
  return {
    url,
    wsUrl: `${url.replace('http', 'ws')}/graphql`,
    gateway,
    events,
    upstream,
    trustedDocuments: app.trustedDocuments,
    logs,
    graphql: (query, options = {}) => postGraphQL(url, query, options),
    async close() {
      await app.close();
      await upstream.close();
    },
  };
}

export async function postGraphQL(
  url: string,
  query: string,
  options: { variables?: unknown; token?: string; headers?: Record<string, string> } = {},
): Promise<GraphQLResponse> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const response = await fetch(`${url}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables: options.variables }) });
  const text = await response.text();
  let body: GraphQLResponse['body'] = {};
  try {
    body = JSON.parse(text) as GraphQLResponse['body'];
  } catch {
    // Not JSON (e.g. a plain-text 413): the caller asserts on status and text.
  }
  return { status: response.status, headers: response.headers, text, body };
}

/** A graphql-ws client that does not retry, so each test sees exactly one socket's fate. */
export function wsClient(wsUrl: string, token: string | undefined, options: { lazy?: boolean; onClose?: (code: number, reason: string) => void } = {}): Client {
  return createClient({
    url: wsUrl,
    webSocketImpl: WebSocket,
    lazy: options.lazy ?? true,
    retryAttempts: 0,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    on: {
      closed: (event) => {
        const close = event as { code: number; reason: string };
        options.onClose?.(close.code, String(close.reason));
      },
    },
  });
}

/** Runs one operation over a graphql-ws client and gathers its results until it completes or errors. */
export function collect(client: Client, query: string, variables?: Record<string, unknown>, limit = Infinity) {
  const results: Array<{ data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> }> = [];
  let dispose = () => {};
  const done = new Promise<{ results: typeof results; error?: unknown }>((resolve) => {
    dispose = client.subscribe(
      { query, variables },
      {
        next: (value) => {
          results.push(value as (typeof results)[number]);
          if (results.length >= limit) {
            dispose();
            resolve({ results });
          }
        },
        error: (error) => resolve({ results, error }),
        complete: () => resolve({ results }),
      },
    );
  });
  return { results, done, dispose: () => dispose() };
}

/** A refused operation's errors, whether graphql-ws sent them as an error message or as a result with errors. */
export function errorsOf(outcome: { results: Array<{ errors?: Array<{ message: string; extensions?: Record<string, unknown> }> }>; error?: unknown }) {
  if (Array.isArray(outcome.error)) return outcome.error as Array<{ message: string; extensions?: Record<string, unknown> }>;
  return outcome.results[0]?.errors;
}

/** Waits until `condition` holds, polling; fails after `timeoutMs`. */
export async function waitFor(condition: () => boolean, timeoutMs = 5_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
