import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import type { Client } from 'graphql-ws';
import { assembleGateway, type AssembleOptions, type Upstream } from '../../src/app';
import type { Authenticator } from '../../src/auth/principal';
import { loadConfig } from '../../src/config';
import type { EventBus } from '../../src/events/bus';
import type { EventStore } from '../../src/events/store';
import { createLogger } from '../../src/lib/logger';
import type { Metrics } from '../../src/lib/metrics';
import type { TrustedDocuments } from '../../src/graphql/trusted-documents';
import type { Gateway } from '../../src/transport/http-server';
import type { SimulatorEndpoint } from '../../src/transport/simulator-calls';
import { startTracing } from '../../src/tracing/start';
import { TEST_AUDIENCE, TEST_ISSUER, TEST_JWT_SECRET } from '../auth/tokens';
import {
  postGraphQL,
  wsClient,
  type GraphQLRequestOptions,
  type GraphQLResponse,
  type GraphQLResult,
  type WsClientOptions,
} from './clients';
import { startFakeTelnyx, type FakeTelnyx } from './fake-telnyx';
import { testKeys } from './signing';
import { waitFor } from './wait';

/** A Telnyx API key shaped like a real one; the hygiene tests grep every output for it. */
export const TEST_API_KEY = 'KEY01968F1E4B3A7C2D9E0F1A2B3C4D5E6F_sEcReTtElNyXkEy';

/**
 * Tuning for suites that count the requests Telnyx receives: a slow answer on a busy machine is not
 * hedged with a second send (within the harness's 5 s deadline).
 */
export const ONE_SEND_PER_ATTEMPT = { telnyx: { hedgeFloorMs: 4_000 } } as const;

export interface GatewayOptions {
  /**
   * Who the clients are: `jwt` (the default, as in production: HS256 with the test secret, issuer and
   * audience enforced), `off`, or an authenticator of the test's own (GATEWAY_AUTH=off underneath).
   */
  auth?: 'jwt' | 'off' | Authenticator;
  /** Variables as production reads them, over the defaults (undefined removes one). */
  env?: Record<string, string | undefined>;
  /** Another Telnyx API (the simulator, a shared stand-in, nowhere); by default the gateway talks to `telnyx`. */
  upstream?: Upstream;
  /** Simulator mode's call routes (`POST /simulator/calls`…), forwarding to this simulator. */
  simulator?: SimulatorEndpoint;
  /** Trace as the OTEL_* variables in `env` say, as start-up does. */
  traced?: boolean;
  tuning?: AssembleOptions['tuning'];
}

export interface Harness {
  /** http://127.0.0.1:PORT */
  url: string;
  wsUrl: string;
  webhookUrl: string;
  /** The scripted Telnyx stand-in (idle when `upstream` points elsewhere). */
  telnyx: FakeTelnyx;
  gateway: Gateway;
  events: EventBus;
  store: EventStore;
  metrics: Metrics;
  /** Set with GATEWAY_TRUSTED_DOCUMENTS. */
  trustedDocuments: TrustedDocuments | undefined;
  /** Every log line the gateway wrote (pino JSON), at LOG_LEVEL (default silent). */
  logs: string[];
  /** POST /graphql as a JSON client would. */
  graphql(query: string, options?: GraphQLRequestOptions): Promise<GraphQLResponse>;
  /** A generated typed operation over POST /graphql; its result. */
  execute<T, V>(document: TypedDocumentNode<T, V>, variables: V, token?: string): Promise<GraphQLResult<T>>;
  /** A graphql-ws client to this gateway, disposed by close(). */
  wsClient(token?: string, options?: WsClientOptions): Client;
  /** Resolves once the gateway serves `count` subscriptions, so that an event published next reaches them. */
  waitForSubscribers(count: number): Promise<void>;
  /** Resolves once the gateway serves no subscription: those a test ended are gone, so a count starts afresh. */
  waitForNoSubscribers(): Promise<void>;
  close(): Promise<void>;
}

/** Variables for the auth modes; `env` may still override any of them. */
function authEnvironment(auth: GatewayOptions['auth']): Record<string, string> {
  if (auth === undefined || auth === 'jwt') {
    return {
      GATEWAY_JWT_SECRET: TEST_JWT_SECRET,
      GATEWAY_JWT_ISSUER: TEST_ISSUER,
      GATEWAY_JWT_AUDIENCE: TEST_AUDIENCE,
    };
  }
  return { GATEWAY_AUTH: 'off' };
}

/**
 * The whole gateway on a loopback port, configured from variables by the real `loadConfig` and wired
 * by the composition root (`assembleGateway`) as start-up does, with Telnyx replaced by a scripted
 * stand-in unless `upstream` says otherwise.
 */
export async function startGateway(options: GatewayOptions = {}): Promise<Harness> {
  const telnyx = await startFakeTelnyx();
  const upstream = options.upstream ?? {
    baseUrl: telnyx.baseUrl,
    apiKey: TEST_API_KEY,
    webhookPublicKey: testKeys.publicKeyBase64,
  };
  const env = {
    TELNYX_API_KEY: upstream.apiKey,
    TELNYX_PUBLIC_KEY: upstream.webhookPublicKey,
    TELNYX_API_BASE_URL: upstream.baseUrl,
    TELNYX_MAX_RETRIES: '0',
    LOG_LEVEL: 'silent',
    // Tests share two busy cores: a late loop must not turn their webhooks into 503s (tested on its own).
    GATEWAY_MAX_EVENT_LOOP_DELAY_MS: '0',
    ...authEnvironment(options.auth),
    ...options.env,
  };
  const config = loadConfig(env);
  // The simulator runs apart from the gateway in tests: pass it as `upstream`.
  if (config.upstream.kind !== 'telnyx') throw new Error('startGateway needs TELNYX_API_KEY');
  const logs: string[] = [];
  const logger = createLogger(config.logLevel, { write: (line: string) => void logs.push(line) }, config.secrets);
  const app = assembleGateway({
    config,
    logger,
    upstream: config.upstream,
    authenticator: typeof options.auth === 'object' ? options.auth : undefined,
    simulator: options.simulator,
    tracing: options.traced ? await startTracing(config.tracing, logger) : undefined,
    // Short backoffs and deadline keep failure paths fast.
    tuning: {
      ...options.tuning,
      telnyx: { deadlineMs: 5_000, backoffBaseMs: 5, backoffMaxMs: 20, ...options.tuning?.telnyx },
    },
  });
  const url = await app.gateway.listen(0, '127.0.0.1');
  const wsUrl = `${url.replace('http', 'ws')}/graphql`;
  const clients: Client[] = [];
  const serving = async () => (await app.metrics.activeSubscriptions.get()).values[0]?.value ?? 0;
  return {
    url,
    wsUrl,
    webhookUrl: `${url}/webhooks/telnyx`,
    telnyx,
    gateway: app.gateway,
    events: app.events,
    store: app.store,
    metrics: app.metrics,
    trustedDocuments: app.trustedDocuments,
    logs,
    graphql: (query, requestOptions) => postGraphQL(url, query, requestOptions),
    async execute(document, variables, token) {
      return (await postGraphQL(url, print(document), { variables, token })).body as GraphQLResult<never>;
    },
    wsClient(token, clientOptions) {
      const client = wsClient(wsUrl, token, clientOptions);
      clients.push(client);
      return client;
    },
    async waitForSubscribers(count) {
      await waitFor(async () => (await serving()) >= count, `${count} subscriptions to be served`);
    },
    async waitForNoSubscribers() {
      await waitFor(async () => (await serving()) === 0, 'no subscription to be served');
    },
    async close() {
      await Promise.all(clients.map((client) => client.dispose()));
      await app.close();
      await telnyx.close();
    },
  };
}
