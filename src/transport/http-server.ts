import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { EventBus } from '../events/bus';
import type { ClientConnections } from '../graphql/client-connections';
import type { Engine } from '../graphql/engine';
import { MAX_REQUEST_BODY_BYTES } from '../graphql/plugins/use-request-body-limit';
import type { Metrics } from '../lib/metrics';
import { settledWithin } from '../lib/settled-within';
import { AUDIO_PATH, type createAudioRoute } from './audio-route';
import type { createConsoleHandler } from './console';
import { serveGraphiqlAsset } from './graphiql/assets';
import { createDirectGraphqlPost } from './graphql-post';
import { serveGraphqlOverWebSockets } from './graphql-ws';
import { createMetricsListener, listenOn, sendMetrics } from './metrics-listener';
import type { createSimulatorCallRoutes } from './simulator-calls';
import { slowClientTimeouts } from './limits';

export interface HttpServerOptions {
  engine: Engine;
  /** Readiness, and the subscriptions shutdown completes. */
  events: EventBus;
  metrics: Metrics;
  /** `POST /webhooks/telnyx`. */
  handleWebhook: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  serveRecordingAudio: ReturnType<typeof createAudioRoute>;
  /** Absent: no console at `/`. */
  serveConsole?: ReturnType<typeof createConsoleHandler>;
  /** Simulator mode: `POST /simulator/calls` and its hang-up route. */
  serveSimulatorCalls?: ReturnType<typeof createSimulatorCallRoutes>;
  /** Serve GraphiQL's files (its page comes from the engine's Yoga). */
  graphiql: boolean;
  /** Websockets and SSE streams per client, counted together. */
  connections: ClientConnections;
  websockets: {
    maxSubscriptionsPerConnection: number;
    corsOrigins: readonly string[] | undefined;
    keepAliveMs: number;
  };
  /** Where listen() listens unless told otherwise. */
  port: number;
  host: string;
  /** Set: `/metrics` on a listener of its own on this port (same host), and not on the public one. */
  metricsPort?: number;
}

/** How long close() lets open connections finish before cutting them (main.ts exits at 10 s). */
const SHUTDOWN_GRACE_MS = 8_000;
/** Of that, how long in-flight webhooks get before subscriptions are completed anyway. */
const WEBHOOK_DRAIN_MS = 5_000;

export interface Gateway {
  server: Server;
  /** Starts listening; resolves with the base URL (http://host:port). */
  listen(port?: number, host?: string): Promise<string>;
  /** The metrics listener's base URL once listening, with a metrics port; else undefined. */
  metricsUrl(): string | undefined;
  /** Stops accepting, finishes in-flight work, ends subscriptions (1001), closes. */
  close(): Promise<void>;
}

/** The one HTTP port: GraphQL (direct POST, Yoga, graphql-ws), webhooks, health, metrics, audio, GraphiQL, console. */
export function createHttpServer(options: HttpServerOptions): Gateway {
  const { engine, events, metrics } = options;
  const handleGraphqlPost = createDirectGraphqlPost({ engine, maxBodyBytes: MAX_REQUEST_BODY_BYTES });
  const webhooks = trackWebhooks(options.handleWebhook);
  const metricsListener = options.metricsPort === undefined ? undefined : createMetricsListener(metrics);
  let metricsUrl: string | undefined;

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0]!;
    switch (path) {
      case '/graphql':
        if (await handleGraphqlPost(req, res)) return;
        // requestListener sends Yoga's response (handleNodeRequestAndResponse only returns it).
        return engine.yoga.requestListener(req, res);
      case '/webhooks/telnyx':
        return webhooks.handle(req, res);
      case '/healthz':
        return sendText(res, 200, 'ok');
      case '/readyz': {
        // The upstream side is always configured once loadConfig passed (a key, or the simulator).
        const ready = events.isReady();
        return sendText(res, ready ? 200 : 503, ready ? 'ready' : 'not ready');
      }
      case '/metrics':
        // With a metrics port of its own, the public port does not serve it.
        if (metricsListener) return sendText(res, 404, 'not found');
        return sendMetrics(res, metrics);
      default: {
        const audio = AUDIO_PATH.exec(path);
        if (audio) return options.serveRecordingAudio(req, res, audio);
        if (options.graphiql && (await serveGraphiqlAsset(req, res, path))) return;
        if (options.serveConsole && (await options.serveConsole(req, res, path))) return;
        if (options.serveSimulatorCalls && (await options.serveSimulatorCalls(req, res, path))) return;
        return sendText(res, 404, 'not found');
      }
    }
  }

  const server = createServer(slowClientTimeouts, (req, res) => {
    route(req, res).catch((error: unknown) => {
      engine.logger.error({ err: error }, 'request failed');
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('internal error');
    });
  });
  const websockets = serveGraphqlOverWebSockets(server, {
    engine,
    connections: options.connections,
    ...options.websockets,
  });

  return {
    server,
    async listen(port = options.port, host = options.host) {
      if (metricsListener) metricsUrl = await metricsListener.listen(options.metricsPort!, host);
      return listenOn(server, port, host);
    },
    metricsUrl: () => metricsUrl,
    async close() {
      // Stop accepting connections and new webhooks, then finish the webhooks already in hand.
      webhooks.refuseNew();
      const cutoff = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
      cutoff.unref();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await webhooks.drain(WEBHOOK_DRAIN_MS);
      // Complete every subscription (SSE streams end with `complete`), then close websockets with 1001.
      await events.close();
      await new Promise((resolve) => setImmediate(resolve)); // lets graphql-ws send its `complete` frames first
      await websockets.dispose();
      server.closeIdleConnections();
      await closed;
      clearTimeout(cutoff);
      await metricsListener?.close();
    },
  };
}

/** Webhooks being processed: shutdown lets them finish so Telnyx gets its answer, and refuses new ones. */
function trackWebhooks(handle: HttpServerOptions['handleWebhook']) {
  const inFlight = new Set<Promise<void>>();
  let closing = false;
  return {
    handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
      if (closing) {
        // Nobody will see it once subscriptions end: let Telnyx retry it to another instance.
        res.writeHead(503, { 'content-type': 'text/plain', connection: 'close', 'retry-after': '1' });
        res.end('shutting down');
        return Promise.resolve();
      }
      const work = handle(req, res);
      inFlight.add(work);
      return work.finally(() => inFlight.delete(work));
    },
    refuseNew() {
      closing = true;
    },
    drain(ms: number): Promise<unknown> {
      return settledWithin([...inFlight], ms);
    },
  };
}

function sendText(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(body);
}
