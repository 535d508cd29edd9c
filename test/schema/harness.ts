import { print, type ExecutionResult } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { unrestrictedPrincipal, type Authenticator, type Principal } from '../../src/auth/principal';
import { loadConfig } from '../../src/config';
import { assembleGateway } from '../../src/app';
import type { EventBus } from '../../src/events/bus';
import { createLogger } from '../../src/logger';
import type { Metrics } from '../../src/metrics';
import type { Gateway } from '../../src/server';
import type { TelnyxClientOptions } from '../../src/telnyx/client';
import { startFakeTelnyx, type FakeTelnyx } from '../support/fake-telnyx';

export const TEST_API_KEY = 'KEYtest_0123456789_DO_NOT_LEAK';
export const CALL = 'v3:MdI91X4lWFEs7IgbBEOT9M4AigoY08M0WWZFISt1Yw2axZ_IiE4pqg';
export const OTHER_CALL = 'v3:other-call_ID';

/** Tokens the test authenticator knows: each names a principal. */
export const principals: Record<string, Principal> = {
  full: unrestrictedPrincipal,
  limited: { subject: 'limited', scopes: new Set(['media:write', 'events:read']), calls: new Set([CALL]), expiresAt: null },
  readOnly: { subject: 'reader', scopes: new Set(['events:read']), calls: null, expiresAt: null },
};

const testAuthenticator: Authenticator = {
  authenticate: async (authorization) => principals[authorization?.replace(/^Bearer /, '') ?? 'full'] ?? unrestrictedPrincipal,
};

export interface GraphQLResponse<T> extends ExecutionResult<T> {
  errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, unknown> }> & ExecutionResult['errors'];
}

export interface Harness {
  fake: FakeTelnyx;
  gateway: Gateway;
  url: string;
  events: EventBus;
  metrics: Metrics;
  /** POSTs an operation to /graphql over real HTTP, as a client would. */
  execute<T, V>(document: TypedDocumentNode<T, V>, variables: V, token?: keyof typeof principals): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
}

/**
 * The whole gateway over real HTTP on loopback, with Telnyx replaced by the scripted fake and
 * short timeouts so failure paths stay fast.
 */
export async function startHarness(
  client: Partial<TelnyxClientOptions> = {},
  options: { webhookPublicKey?: string } = {},
): Promise<Harness> {
  const fake = await startFakeTelnyx();
  const { baseUrl = fake.baseUrl, apiKey = TEST_API_KEY, timeoutMs = 300, maxRetries = 2, ...tuning } = client;
  const config = loadConfig({
    GATEWAY_AUTH: 'off',
    TELNYX_TIMEOUT_MS: String(timeoutMs),
    TELNYX_MAX_RETRIES: String(maxRetries),
    EVENT_BUFFER_PER_CALL: '100',
    EVENT_BUFFER_TOTAL: '1000',
    SUBSCRIBER_MAX_BACKLOG: '100',
    GATEWAY_MAX_EVENT_LOOP_DELAY_MS: '0',
  });
  const app = assembleGateway({
    config,
    logger: createLogger('silent'),
    upstream: { baseUrl, apiKey, webhookPublicKey: options.webhookPublicKey ?? Buffer.alloc(32).toString('base64') },
    authenticator: testAuthenticator,
    tuning: { telnyx: { backoffBaseMs: 5, backoffMaxMs: 20, ...tuning } },
  });
  const { gateway, events, metrics } = app;
  const url = await gateway.listen(0, '127.0.0.1');

  return {
    fake,
    gateway,
    url,
    events,
    metrics,
    async execute(document, variables, token = 'full') {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: print(document), variables }),
      });
      return (await response.json()) as GraphQLResponse<never>;
    },
    async close() {
      await app.close();
      await fake.close();
    },
  };
}

/** The first error's code, for compact assertions. */
export function errorCode(result: GraphQLResponse<unknown>): unknown {
  return result.errors?.[0]?.extensions?.code;
}
