import type { Server } from 'node:http';
import { GraphQLError, type ExecutionArgs, type ExecutionResult, type FormattedExecutionResult } from 'graphql';
import { WebSocketServer, type WebSocket } from 'ws';
import type { GatewayYoga, NextFrameSender } from '../graphql/context';
import type { Engine } from '../graphql/engine';
import { createRequestContext } from '../graphql/request-context';
import { CONNECTION_INIT_TIMEOUT_MS, MAX_WEBSOCKET_MESSAGE_BYTES } from './limits';
import { serveGraphqlWs } from './graphql-ws-server';
import { createWebSocketGuard, type GuardedSocket, type WebSocketGuardOptions } from './websocket-guard';

/** Yoga's functions for one operation, wrapped by every plugin of the engine. */
type Enveloped = ReturnType<GatewayYoga['getEnveloped']>;

/**
 * What onSubscribe hands graphql-ws as the root value, for its `execute` and `subscribe` options:
 * this operation's enveloped execute and subscribe.
 */
class EnvelopedOperation {
  constructor(
    readonly execute: Enveloped['execute'],
    readonly subscribe: Enveloped['subscribe'],
  ) {}
}

function envelopedOperationOf(args: ExecutionArgs): EnvelopedOperation {
  if (args.rootValue instanceof EnvelopedOperation) return args.rootValue;
  throw new TypeError('a websocket operation reached execution without the root value onSubscribe gives it');
}

export interface GraphqlWebSocketOptions
  extends Omit<WebSocketGuardOptions, 'logger' | 'authenticator' | 'logLimiter'> {
  engine: Engine;
  /** Ping interval; a peer that misses a pong for as long is terminated. */
  keepAliveMs: number;
}

/**
 * GraphQL over websockets (graphql-ws) on the HTTP server's `/graphql`: the guard authenticates and
 * limits sockets; each operation is prepared by the engine and runs through its plugins.
 */
export function serveGraphqlOverWebSockets(
  server: Server,
  options: GraphqlWebSocketOptions,
): { dispose(): Promise<void> } {
  const { engine } = options;
  const { yoga, services, logger } = engine;
  const guard = createWebSocketGuard({
    ...options,
    authenticator: engine.authenticator,
    logLimiter: engine.logLimiter,
    logger: logger.child({ component: 'websocket' }),
  });
  const wsServer = new WebSocketServer({
    server,
    path: '/graphql',
    maxPayload: MAX_WEBSOCKET_MESSAGE_BYTES,
    verifyClient: guard.verifyClient,
  });
  return serveGraphqlWs<Record<string, unknown>, GuardedSocket>(
    {
      connectionInitWaitTimeout: CONNECTION_INIT_TIMEOUT_MS,
      execute: (args) => envelopedOperationOf(args).execute(args),
      subscribe: (args) => envelopedOperationOf(args).subscribe(args),
      // A bad token closes the socket with 4403; see src/transport/websocket-guard.ts for the other codes.
      onConnect: (ctx) => guard.onConnect(ctx),
      onNext: (_ctx, _id, _payload, _args, result) => withoutHttpExtensions(result),
      onClose: (ctx) => guard.onClose(ctx),
      onSubscribe: (ctx, id, params) => {
        const overCap = guard.checkSubscriptionCap(ctx);
        if (overCap) return overCap;
        const prepared = engine.prepare(params);
        if (prepared.errors) {
          const code = prepared.stage === 'validation' ? 'GRAPHQL_VALIDATION_FAILED' : 'GRAPHQL_PARSE_FAILED';
          return prepared.errors.map((error) => forWebSocket(error, code));
        }
        const session = guard.sessionOf(ctx);
        const enveloped = yoga.getEnveloped({ ...ctx, socket: ctx.extra.socket, params });
        return {
          schema: enveloped.schema,
          operationName: params.operationName,
          document: prepared.document,
          variableValues: params.variables,
          contextValue: createRequestContext(services, session.principal, ctx.extra.address, {
            session,
            traceparent: traceparentOf(params.extensions),
            sendNext: websocketNextFrames(ctx.extra.socket, id),
          }),
          rootValue: new EnvelopedOperation(enveloped.execute, enveloped.subscribe),
        };
      },
    },
    wsServer,
    options.keepAliveMs,
    (error) => logger.error({ err: error }, 'websocket internal error'),
  );
}

/** `next` frame of operation `id` on `socket`, with backlog counting by write callbacks (the bus drops a subscriber past its limit). */
function websocketNextFrames(socket: WebSocket, id: string): NextFrameSender {
  const frameStart = `{"id":${JSON.stringify(id)},"type":"next","payload":`;
  let unwritten = 0;
  const written = () => {
    unwritten--;
  };
  return (resultJson) => {
    if (socket.readyState !== socket.OPEN) return 0;
    unwritten++;
    socket.send(`${frameStart}${resultJson}}`, written);
    return unwritten;
  };
}

/**
 * A refused, unparsable or invalid operation as a graphql-ws `error` message: with the
 * `extensions.code` the same error has over HTTP, without the `http` status extension that only
 * means something there.
 */
function forWebSocket(error: GraphQLError, defaultCode: string): GraphQLError {
  const { http: _http, ...extensions } = error.extensions as Record<string, unknown>;
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    extensions: { ...extensions, code: extensions.code ?? defaultCode },
  });
}

/**
 * A result as graphql-ws sends it: an error's `extensions.http` (the status and headers an HTTP
 * answer carries, set by the engine whatever the transport) means nothing in a frame, and is left out.
 */
function withoutHttpExtensions(result: ExecutionResult): FormattedExecutionResult | undefined {
  if (!result.errors?.some((error) => error.extensions?.http !== undefined)) return undefined;
  return {
    ...result,
    errors: result.errors.map((error) => {
      const { http: _http, ...extensions } = error.extensions;
      return { ...error.toJSON(), extensions };
    }),
  };
}

/** A websocket operation's `extensions.traceparent`, when it is a string. */
function traceparentOf(extensions: Record<string, unknown> | null | undefined): string | undefined {
  const value = extensions?.traceparent;
  return typeof value === 'string' ? value : undefined;
}
