import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createYoga, type Plugin } from 'graphql-yoga';
import { endSubscriptionsAtTokenExpiry } from './auth/expiry';
import { authenticateBeforeParsing } from './auth/http';
import type { Authenticator } from './auth/principal';
import type { Config } from './config';
import { createRequestContext, type GatewayServices, type GraphQLContext } from './context';
import type { Metrics } from './metrics';
import { createConsoleHandler } from './console';
import { createDirectGraphqlPost } from './graphql-post';
import { serveGraphiqlAsset } from './graphiql/assets';
import { graphiqlOptions } from './graphiql/options';
import { renderGraphiqlPage, type GraphiqlPageOptions } from './graphiql/page';
import { AUDIO_PATH, createAudioRoute } from './recordings/audio-route';
import { createErrorMasker } from './schema/errors';
import { schema } from './schema/index';
import { corsOptions, csrfPrevention, graphiqlPageSecurityHeaders } from './security/http-policy';
import { MAX_REQUEST_BODY_BYTES, operationLimitPlugins, requestBodyLimit, slowClientTimeouts } from './security/limits';
import type { TrustedDocuments } from './security/trusted-documents';
import { useTrustedDocuments } from './security/use-trusted-documents';
import { attributeErrorsToClients, createLogRateLimiter, createYogaLogger } from './request-logging';
import { createClientConnections, limitSseStreamsPerClient } from './security/client-connections';
import { settledWithin } from './settled-within';
import { createSimulatorCallRoutes, type SimulatorEndpoint } from './simulator-calls';
import { createSharedSubscribe } from './subscriptions/shared-results';
import type { Tracing } from './tracing/tracing';
import { WebhookAdmission } from './webhooks/admission';
import { createWebhookHandler } from './webhooks/handler';
import { serveGraphqlOverWebSockets, type GatewayYoga } from './websocket';

export interface GatewayDependencies extends GatewayServices {
  config: Config;
  authenticator: Authenticator;
  metrics: Metrics;
  /** The ed25519 public key (base64) webhooks must be signed with. */
  webhookPublicKey: string;
  /** Simulator mode: the demo call GraphiQL's example operations act on, once it exists. */
  demoCallControlId?: () => string | undefined;
  /** Simulator mode: the embedded simulator, whose calls `/simulator/calls` starts and hangs up. */
  simulator?: SimulatorEndpoint;
  /** Websocket ping interval; a peer that misses a pong for as long is terminated (default 12 s). */
  keepAliveMs?: number;
  /** Tracing on: operation and webhook spans. */
  tracing?: Tracing;
  /** Set: only these documents run, over every transport. */
  trustedDocuments?: TrustedDocuments;
  /** Envelop plugins that run for every operation, over HTTP and websockets alike. */
  operationPlugins?: Plugin<GraphQLContext>[];
}

/** How long close() lets open connections finish before cutting them (main.ts exits at 10 s). */
const SHUTDOWN_GRACE_MS = 8_000;
/** Of that, how long in-flight webhooks get before subscriptions are completed anyway. */
const WEBHOOK_DRAIN_MS = 5_000;

export interface Gateway {
  server: Server;
  yoga: GatewayYoga;
  /** Starts listening; resolves with the base URL (http://host:port). */
  listen(port?: number, host?: string): Promise<string>;
  /** Stops accepting, finishes in-flight work, ends subscriptions (1001), closes. */
  close(): Promise<void>;
}

export function createGateway(deps: GatewayDependencies): Gateway {
  const { config, logger, metrics } = deps;

  const authentication = authenticateBeforeParsing(deps.authenticator);
  const logLimiter = createLogRateLimiter();
  const connections = createClientConnections(config.maxConnectionsPerClient);
  const yoga = createYoga<Record<string, never>, GraphQLContext>({
    schema,
    graphqlEndpoint: '/graphql',
    graphiql:
      config.graphiql &&
      ((request) =>
        graphiqlOptions(deps.demoCallControlId?.(), config.auth.mode === 'jwt', new URL(request.url).origin)),
    // GraphiQL's files come from this gateway (src/graphiql/assets.ts), not from a CDN.
    renderGraphiQL: (options) => renderGraphiqlPage(options as GraphiqlPageOptions),
    landingPage: false,
    // Yoga logs every error it masks; this logger logs client mistakes at debug/info, rate-limited per client.
    logging: createYogaLogger(logger.child({ component: 'graphql' }), logLimiter),
    maskedErrors: { maskError: createErrorMasker() },
    cors: corsOptions(config.corsOrigins),
    // requestBodyLimit enforces MAX_REQUEST_BODY_BYTES; Yoga's own limit streams every body through a transform.
    maxRequestBodySize: false,
    multipart: false,
    plugins: [
      attributeErrorsToClients(),
      csrfPrevention(),
      authentication.plugin,
      graphiqlPageSecurityHeaders(),
      requestBodyLimit(MAX_REQUEST_BODY_BYTES),
      ...(deps.trustedDocuments ? [useTrustedDocuments(deps.trustedDocuments)] : []),
      ...operationLimitPlugins({ introspection: config.introspection }),
      ...(deps.operationPlugins ?? []),
      endSubscriptionsAtTokenExpiry(),
      limitSseStreamsPerClient(connections, config.maxConnectionsPerClient),
      subscriptionsSharingResults(createErrorMasker()),
      // Last, so that its span wraps the execute/subscribe the plugins above chose.
      ...(deps.tracing ? [deps.tracing.operationPlugin()] : []),
    ],
    context: (initial) => {
      // requestListener hands Yoga the Node request as `req`.
      const req = (initial as { req?: IncomingMessage }).req;
      return createRequestContext(deps, authentication.principalOf(initial.request), req?.socket.remoteAddress);
    },
  });

  // Plain JSON POSTs skip Yoga's fetch adapter; with trusted documents configured every request
  // goes through Yoga, whose plugin resolves documentId/persisted queries.
  const handleGraphqlPost = deps.trustedDocuments
    ? undefined
    : createDirectGraphqlPost({
        yoga,
        services: deps,
        authenticator: deps.authenticator,
        maxBodyBytes: MAX_REQUEST_BODY_BYTES,
      });

  const admission = new WebhookAdmission({ ...config.webhookAdmission, metrics });
  const handleWebhook = createWebhookHandler({
    events: deps.events,
    admission,
    publicKey: deps.webhookPublicKey,
    toleranceSeconds: config.telnyx.webhookToleranceSeconds,
    logger: logger.child({ component: 'webhooks' }),
    metrics,
    tracing: deps.tracing,
  });

  const serveRecordingAudio = createAudioRoute({
    telnyx: deps.telnyx,
    signer: deps.audioUrls,
    logger: logger.child({ component: 'recording-audio' }),
    timeoutMs: config.telnyx.timeoutMs,
  });
  const serveConsole = config.console
    ? createConsoleHandler(() => ({
        authRequired: config.auth.mode === 'jwt',
        simulator: config.upstream.kind === 'simulator',
        demoCallControlId: deps.demoCallControlId?.() ?? null,
      }))
    : undefined;

  const serveSimulatorCalls =
    deps.simulator &&
    createSimulatorCallRoutes({
      simulator: deps.simulator,
      authenticator: deps.authenticator,
      logger: logger.child({ component: 'simulator-calls' }),
    });

  const server = createServer(slowClientTimeouts, (req, res) => {
    route(req, res).catch((error: unknown) => {
      logger.error({ err: error }, 'request failed');
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('internal error');
    });
  });

  /** Webhooks being processed: close() lets them finish so Telnyx gets its answer. */
  const inFlightWebhooks = new Set<Promise<void>>();
  let closing = false;
  function trackWebhook(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (closing) {
      // Nobody will see it once subscriptions end: let Telnyx retry it to another instance.
      res.writeHead(503, { 'content-type': 'text/plain', connection: 'close', 'retry-after': '1' });
      res.end('shutting down');
      return Promise.resolve();
    }
    const work = handleWebhook(req, res);
    inFlightWebhooks.add(work);
    return work.finally(() => inFlightWebhooks.delete(work));
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0]!;
    switch (path) {
      case '/graphql':
        if (handleGraphqlPost && (await handleGraphqlPost(req, res))) return;
        // requestListener sends Yoga's response (handleNodeRequestAndResponse only returns it).
        return yoga.requestListener(req, res);
      case '/webhooks/telnyx':
        return trackWebhook(req, res);
      case '/healthz':
        return sendText(res, 200, 'ok');
      case '/readyz': {
        // The upstream side is always configured once loadConfig passed (a key, or the simulator).
        const ready = deps.events.isReady();
        return sendText(res, ready ? 200 : 503, ready ? 'ready' : 'not ready');
      }
      case '/metrics':
        res.writeHead(200, { 'content-type': metrics.registry.contentType });
        res.end(await metrics.registry.metrics());
        return;
      default: {
        const audio = AUDIO_PATH.exec(path);
        if (audio) return serveRecordingAudio(req, res, audio);
        if (config.graphiql && (await serveGraphiqlAsset(req, res, path))) return;
        if (serveConsole && (await serveConsole(req, res, path))) return;
        if (serveSimulatorCalls && (await serveSimulatorCalls(req, res, path))) return;
        return sendText(res, 404, 'not found');
      }
    }
  }

  const websockets = serveGraphqlOverWebSockets(server, {
    yoga,
    services: deps,
    authenticator: deps.authenticator,
    connections,
    maxSubscriptionsPerConnection: config.maxSubscriptionsPerConnection,
    corsOrigins: config.corsOrigins,
    logLimiter,
    keepAliveMs: deps.keepAliveMs ?? 12_000,
    trustedDocuments: deps.trustedDocuments,
  });

  return {
    server,
    yoga,
    listen(port = config.port, host = config.host) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const address = server.address() as AddressInfo;
          const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
          resolve(`http://${shownHost}:${address.port}`);
        });
      });
    },
    async close() {
      // Stop accepting connections and new webhooks, then finish the webhooks already in hand.
      closing = true;
      const cutoff = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
      cutoff.unref();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await settledWithin([...inFlightWebhooks], WEBHOOK_DRAIN_MS);
      // Complete every subscription (SSE streams end with `complete`), then close websockets with 1001.
      await deps.events.close();
      await new Promise((resolve) => setImmediate(resolve)); // lets graphql-ws send its `complete` frames first
      await websockets.dispose();
      server.closeIdleConnections();
      await closed;
      clearTimeout(cutoff);
      admission.close();
    },
  };
}

/**
 * Subscriptions run on graphql-js's source streams with their event results shared between
 * subscribers (src/subscriptions/shared-results.ts); Yoga's default executor would also wrap every
 * event of every subscriber in an async generator and a flattening iterator (for @defer/@stream,
 * which this gateway does not enable). Queries and mutations keep Yoga's executor.
 */
function subscriptionsSharingResults(maskError: ReturnType<typeof createErrorMasker>): Plugin<GraphQLContext> {
  const subscribe = createSharedSubscribe(maskError);
  return {
    onSubscribe({ setSubscribeFn }) {
      setSubscribeFn(subscribe as Parameters<typeof setSubscribeFn>[0]);
    },
  };
}

function sendText(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(body);
}
