import { fileURLToPath } from 'node:url';
import { createAuthenticator } from './auth/authenticator';
import type { Authenticator } from './auth/principal';
import type { Config } from './config';
import { EventBus } from './events/bus';
import { MemoryEventStore } from './events/memory-store';
import { openRedisConnection } from './lib/redis-connection';
import { MemoryMutationCounter, RedisMutationCounter, type MutationCounter } from './limits/mutation-rate-limit';
import { limitKeys } from './limits/redis-keys';
import { RedisEventStore } from './events/redis-store';
import type { EventStore } from './events/store';
import type { Logger } from './lib/logger';
import { createMetrics, type Metrics } from './lib/metrics';
import { createAudioUrlSigner, signingKey, unsignedAudioUrls, type AudioUrlSigner } from './recordings/audio-url';
import { TrustedDocuments } from './graphql/trusted-documents';
import { createClientConnections, type ClientConnections } from './graphql/client-connections';
import { createEngine, type Engine } from './graphql/engine';
import { createLogRateLimiter } from './graphql/request-logging';
import { createAudioRoute } from './transport/audio-route';
import { createConsoleHandler } from './transport/console';
import { graphiqlOptions } from './transport/graphiql/options';
import { renderGraphiqlPage, type GraphiqlPageOptions } from './transport/graphiql/page';
import { createHttpServer, type Gateway } from './transport/http-server';
import { createWebhookHandler } from './transport/webhook-endpoint';
import { WebhookAdmission } from './webhooks/admission';
import { createSimulatorCallRoutes, type SimulatorEndpoint } from './transport/simulator-calls';
import { TelnyxClient, type TelnyxClientOptions } from './telnyx/client';
import type { Tracing } from './tracing/tracing';
import { shareTelnyxPauses } from './telnyx/shared-pause';

/** Where `npm run build:console` (Vite) writes the console: beside src/ and beside dist/ (the production build). */
export const CONSOLE_BUILD_DIR = fileURLToPath(new URL('../console/dist/', import.meta.url));

/** Where Telnyx is: the real API, or the simulator in simulator mode. */
export interface Upstream {
  baseUrl: string;
  apiKey: string;
  /** Base64 Ed25519 key that Telnyx's (or the simulator's) webhooks are signed with. */
  webhookPublicKey: string;
}

export interface AssembleOptions {
  config: Config;
  logger: Logger;
  upstream: Upstream;
  /** Defaults to the one `config.auth` describes. */
  authenticator?: Authenticator;
  /** Simulator mode: the demo call GraphiQL's examples act on. */
  demoCallControlId?: () => string | undefined;
  /** Simulator mode: the embedded simulator, for `POST /simulator/calls` and its hang-up route. */
  simulator?: SimulatorEndpoint;
  /** From `startTracing(config.tracing)`; absent: tracing off. */
  tracing?: Tracing;
  /** Timings no operator needs to set; tests shorten them. */
  tuning?: {
    telnyx?: Pick<
      TelnyxClientOptions,
      'deadlineMs' | 'backoffBaseMs' | 'backoffMaxMs' | 'maxServerWaitMs' | 'hedgeFloorMs' | 'maxQueuedRequests'
    >;
    replayPageSize?: number;
    keepAliveMs?: number;
  };
}

export interface AssembledGateway {
  gateway: Gateway;
  events: EventBus;
  store: EventStore;
  telnyx: TelnyxClient;
  metrics: Metrics;
  /** Set when GATEWAY_TRUSTED_DOCUMENTS is: reload() re-reads the file (SIGHUP). */
  trustedDocuments: TrustedDocuments | undefined;
  /** Closes the server (ending subscriptions), then the Telnyx pool and the event store, then exports the last spans. */
  close(): Promise<void>;
}

/**
 * The one wiring of the gateway's parts from a validated config: the event store (in-process, or
 * Redis when one is configured), the bus over it, the Telnyx client, the limits and the HTTP server.
 * Start-up and the tests build the gateway the same way.
 */
export function assembleGateway(options: AssembleOptions): AssembledGateway {
  const { config, logger, tracing } = options;
  const metrics = createMetrics();
  const { store, events, telnyx } = assembleDomain(options, metrics);
  const limits = assembleLimits(config, logger, metrics, telnyx);
  const trustedDocuments = config.trustedDocuments ? new TrustedDocuments(config.trustedDocuments) : undefined;
  const connections = createClientConnections(config.maxConnectionsPerClient);
  const engine = createEngine({
    services: { telnyx, events, logger, audioUrls: audioUrlSigner(config, logger) },
    authenticator: options.authenticator ?? createAuthenticator(config.auth),
    metrics,
    logLimiter: createLogRateLimiter(),
    connections,
    maxConnectionsPerClient: config.maxConnectionsPerClient,
    introspection: config.introspection,
    corsOrigins: config.corsOrigins,
    mutationCounter: limits.mutations,
    graphiql: config.graphiql ? graphiqlFor(config, options.demoCallControlId) : undefined,
    trustedDocuments,
    tracing,
  });
  const admission = new WebhookAdmission({ ...config.webhookAdmission, metrics });
  const gateway = assembleHttpServer(options, { engine, metrics, connections, admission });
  return {
    gateway,
    events,
    store,
    telnyx,
    metrics,
    trustedDocuments,
    async close() {
      await gateway.close();
      admission.close();
      await telnyx.close();
      limits.close();
      await store.close();
      await tracing?.shutdown();
    },
  };
}

/** The event store (in-process, or Redis when one is configured), the bus over it, and the Telnyx client. */
function assembleDomain({ config, logger, upstream, tracing, tuning }: AssembleOptions, metrics: Metrics) {
  const store: EventStore = config.redis
    ? new RedisEventStore({ ...config.redis, ...config.events, logger: logger.child({ component: 'redis' }) })
    : new MemoryEventStore(config.events);
  const events = new EventBus(store, {
    maxBacklog: config.events.subscriberMaxBacklog,
    replayPageSize: tuning?.replayPageSize,
    metrics,
    logger,
    tracing,
  });
  const telnyx = new TelnyxClient({
    baseUrl: upstream.baseUrl,
    apiKey: upstream.apiKey,
    timeoutMs: config.telnyx.timeoutMs,
    maxRetries: config.telnyx.maxRetries,
    maxQueuedRequests: config.telnyx.maxQueuedRequests,
    metrics,
    logger: logger.child({ component: 'telnyx' }),
    tracing,
    ...tuning?.telnyx,
  });
  return { store, events, telnyx };
}

/** GraphiQL's options for a request (the demo call's tabs in simulator mode) and its page. */
function graphiqlFor(config: Config, demoCallControlId: AssembleOptions['demoCallControlId']) {
  const authRequired = config.auth.mode === 'jwt';
  return {
    options: (request: Request) => graphiqlOptions(demoCallControlId?.(), authRequired, new URL(request.url).origin),
    render: (options: unknown) => renderGraphiqlPage(options as GraphiqlPageOptions),
  };
}

/** The one HTTP port and its routes, every one a thin adapter over the engine or a domain part. */
function assembleHttpServer(
  { config, logger, upstream, demoCallControlId, simulator, tracing, tuning }: AssembleOptions,
  parts: { engine: Engine; metrics: Metrics; connections: ClientConnections; admission: WebhookAdmission },
): Gateway {
  const { engine, metrics } = parts;
  const { events, telnyx, audioUrls } = engine.services;
  const authRequired = config.auth.mode === 'jwt';
  const consoleSettings = () => ({
    authRequired,
    simulator: config.upstream.kind === 'simulator',
    demoCallControlId: demoCallControlId?.() ?? null,
  });
  return createHttpServer({
    engine,
    events,
    metrics,
    handleWebhook: createWebhookHandler({
      events,
      admission: parts.admission,
      publicKey: upstream.webhookPublicKey,
      toleranceSeconds: config.telnyx.webhookToleranceSeconds,
      logger: logger.child({ component: 'webhooks' }),
      metrics,
      tracing,
    }),
    serveRecordingAudio: createAudioRoute({
      telnyx,
      signer: audioUrls,
      logger: logger.child({ component: 'recording-audio' }),
      timeoutMs: config.telnyx.timeoutMs,
    }),
    serveConsole: config.console ? createConsoleHandler(consoleSettings, CONSOLE_BUILD_DIR) : undefined,
    serveSimulatorCalls:
      simulator &&
      createSimulatorCallRoutes({
        simulator,
        authenticator: engine.authenticator,
        logger: logger.child({ component: 'simulator-calls' }),
      }),
    graphiql: config.graphiql,
    connections: parts.connections,
    websockets: {
      maxSubscriptionsPerConnection: config.maxSubscriptionsPerConnection,
      corsOrigins: config.corsOrigins,
      keepAliveMs: tuning?.keepAliveMs ?? 12_000,
    },
    port: config.port,
    host: config.host,
    metricsPort: config.metricsPort,
  });
}

/** Signed audio URLs with client auth on; their key comes from configuration so every instance accepts them. */
function audioUrlSigner(config: Config, logger: Logger): AudioUrlSigner {
  if (config.auth.mode === 'off') return unsignedAudioUrls;
  const { key, perProcess } = signingKey({
    urlSigningSecret: config.urlSigningSecret,
    jwtSecret: config.auth.jwtSecret,
  });
  if (perProcess) {
    logger.warn(
      'recording audio URLs are signed with a key of this process only: set GATEWAY_URL_SIGNING_SECRET when running several instances',
    );
  }
  return createAudioUrlSigner(key);
}

/**
 * The per-client mutation limit and the Telnyx pause: in memory, or shared by every instance
 * through Redis (their own connections, with a short deadline: a limit check must not hold a
 * mutation up for long).
 */
function assembleLimits(
  config: Config,
  logger: Logger,
  metrics: Metrics,
  telnyx: TelnyxClient,
): { mutations: MutationCounter; close(): void } {
  const perMinute = config.rateLimitMutationsPerMinute;
  if (!config.redis) return { mutations: new MemoryMutationCounter(perMinute), close() {} };
  const log = logger.child({ component: 'limits' });
  const keys = limitKeys(config.redis.prefix);
  const open = (role: string) =>
    openRedisConnection({ target: config.redis!.target, role, logger: log, commandTimeoutMs: 500 });
  const commands = open('limits');
  const pauses = shareTelnyxPauses({
    budget: telnyx.budget,
    commands,
    subscriber: open('limits-subscriber'),
    keys,
    logger: log,
  });
  return {
    mutations: new RedisMutationCounter({ redis: commands, keys, perMinute, logger: log, metrics }),
    close() {
      pauses.close();
      commands.disconnect();
    },
  };
}
