import type { Server } from 'node:http';
import { GraphQLError, type DocumentNode, type ExecutionArgs, type GraphQLSchema } from 'graphql';
import type { YogaServerInstance } from 'graphql-yoga';
import { WebSocketServer } from 'ws';
import { createRequestContext, type GatewayServices, type GraphQLContext } from '../graphql/context';
import { GatewayError } from '../lib/errors';
import { requestRefusal } from '../graphql/masking';
import { CONNECTION_INIT_TIMEOUT_MS, MAX_WEBSOCKET_MESSAGE_BYTES } from '../graphql/plugins/use-operation-limits';
import type { TrustedDocuments } from '../graphql/trusted-documents';
import { createWebSocketGuard, type GuardedSocket, type WebSocketGuardOptions } from './websocket-guard';
import { websocketNextFrames } from '../graphql/shared-results';
import { serveGraphqlWs } from './graphql-ws-server';

/** The gateway's Yoga: no server context of its own, the gateway's GraphQL context. */
export type GatewayYoga = YogaServerInstance<Record<string, never>, GraphQLContext>;

/** Yoga's functions for one operation, wrapped by every plugin of the HTTP path. */
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

export interface GraphqlWebSocketOptions extends Omit<WebSocketGuardOptions, 'logger'> {
  yoga: GatewayYoga;
  services: GatewayServices;
  /** Ping interval; a peer that misses a pong for as long is terminated. */
  keepAliveMs: number;
  /** Set: only these documents run. */
  trustedDocuments: TrustedDocuments | undefined;
}

/**
 * GraphQL over websockets (graphql-ws) on the HTTP server's `/graphql`: the guard authenticates and
 * limits sockets, and every operation runs through the same Yoga plugins as over HTTP.
 */
export function serveGraphqlOverWebSockets(
  server: Server,
  options: GraphqlWebSocketOptions,
): { dispose(): Promise<void> } {
  const { yoga, services, trustedDocuments } = options;
  const logger = services.logger;
  const guard = createWebSocketGuard({ ...options, logger: logger.child({ component: 'websocket' }) });
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
      // A bad token closes the socket with 4403; see src/security/websocket-guard.ts for the other codes.
      onConnect: (ctx) => guard.onConnect(ctx),
      onClose: (ctx) => guard.onClose(ctx),
      onSubscribe: async (ctx, id, params) => {
        const overCap = guard.checkSubscriptionCap(ctx);
        if (overCap) return overCap;
        const session = guard.sessionOf(ctx);
        const enveloped = yoga.getEnveloped({ ...ctx, socket: ctx.extra.socket, params });
        let document: DocumentNode;
        try {
          const trusted = trustedDocuments?.resolve(params);
          if (trusted instanceof GatewayError) return [requestRefusal(trusted)];
          document = trusted ?? enveloped.parse(params.query);
        } catch (error) {
          // Syntax errors and the token limit throw: answer this operation, keep the socket.
          return [
            forWebSocket(
              error instanceof GraphQLError ? error : new GraphQLError('Invalid operation'),
              'GRAPHQL_PARSE_FAILED',
            ),
          ];
        }
        const schema: GraphQLSchema = enveloped.schema;
        const errors: readonly GraphQLError[] = enveloped.validate(schema, document);
        if (errors.length) return errors.map((error) => forWebSocket(error, 'GRAPHQL_VALIDATION_FAILED'));
        const { address } = ctx.extra;
        return {
          schema,
          operationName: params.operationName,
          document,
          variableValues: params.variables,
          contextValue: createRequestContext(services, session.principal, address, {
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

/**
 * A parse or validation error as a graphql-ws `error` message: with the `extensions.code` the same
 * error has over HTTP, without the `http` status extension that only means something there.
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

/** A websocket operation's `extensions.traceparent`, when it is a string. */
function traceparentOf(extensions: Record<string, unknown> | null | undefined): string | undefined {
  const value = extensions?.traceparent;
  return typeof value === 'string' ? value : undefined;
}
