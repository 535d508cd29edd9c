import type { IncomingMessage } from 'node:http';
import { GraphQLError } from 'graphql';
import type { WebSocket } from 'ws';
import { LiveSession } from '../auth/live-session';
import type { Authenticator, Principal } from '../auth/principal';
import type { Logger } from '../lib/logger';
import type { LogRateLimiter } from '../graphql/request-logging';
import { connectionClientKey, type ClientConnections } from '../graphql/client-connections';
import { isWebSocketOriginAllowed } from '../graphql/http-policy';

/** Close codes this gateway uses beside graphql-ws's own (4400, 4403 bad token, 4406, 4408, 4409). */
export const CloseCodes = {
  /** The token expired while the socket was open; graphql-ws clients retry, with a fresh token from lazy connectionParams. */
  TokenExpired: { code: 4403, reason: 'Token expired' },
  /** The client already holds GATEWAY_MAX_CONNECTIONS_PER_CLIENT sockets. */
  TooManyConnections: { code: 4429, reason: 'Too many connections for this client' },
} as const;

/** What the guard keeps on graphql-ws's `ctx.extra` for one socket. */
export type GuardedSocket = {
  socket: WebSocket;
  /** The peer's address (the upgrade request itself is not kept: a few KB per idle socket). */
  address: string | undefined;
  /** Set once connection_init passed: the socket's principal, renewable with renewSession. */
  session?: LiveSession;
  /** Gives the client's connection slot back. */
  releaseSlot?: () => void;
};

interface ConnectionContext {
  connectionParams?: Readonly<Record<string, unknown>>;
  subscriptions: Record<string, unknown>;
  extra: GuardedSocket;
}

export interface WebSocketGuardOptions {
  authenticator: Authenticator;
  /** Connection slots per client, shared with SSE streams. */
  connections: ClientConnections;
  maxSubscriptionsPerConnection: number;
  corsOrigins: readonly string[] | undefined;
  logger: Logger;
  /** Refusals are a client's doing: logged at info, a few per client per minute. */
  logLimiter: LogRateLimiter;
}

/**
 * Authentication and fair-use limits for graphql-ws sockets: the token is checked at connection_init,
 * the socket closes when it expires (unless renewed), a client (token subject, else remote address) holds a
 * bounded number of sockets and SSE streams together, and a socket a bounded number of operations.
 */
export function createWebSocketGuard(options: WebSocketGuardOptions) {
  return {
    /** `verifyClient` for the WebSocketServer: answers a cross-origin browser upgrade 403 before any frame. */
    verifyClient(
      info: { origin: string; req: IncomingMessage },
      done: (allowed: boolean, status?: number, message?: string) => void,
    ): void {
      if (isWebSocketOriginAllowed(info.origin || undefined, info.req.headers.host, options.corsOrigins)) done(true);
      else done(false, 403, 'Origin not allowed');
    },

    /** graphql-ws `onConnect`: false closes the socket with 4403 Forbidden. */
    async onConnect(ctx: ConnectionContext): Promise<boolean> {
      const authorization = ctx.connectionParams?.authorization;
      let principal: Principal;
      try {
        principal = await options.authenticator.authenticate(typeof authorization === 'string' ? authorization : null);
      } catch {
        return false;
      }
      const key = connectionClientKey(principal, ctx.extra.address);
      const releaseSlot = options.connections.tryAcquire(key);
      if (!releaseSlot) {
        if (options.logLimiter.allow(`${key}|websocket-refused`).write) {
          options.logger.info(
            { client: key, held: options.connections.heldBy(key) },
            'websocket refused: too many connections for this client',
          );
        }
        ctx.extra.socket.close(CloseCodes.TooManyConnections.code, CloseCodes.TooManyConnections.reason);
        return false;
      }
      ctx.extra.releaseSlot = releaseSlot;
      ctx.extra.session = new LiveSession(principal, options.authenticator, () =>
        ctx.extra.socket.close(CloseCodes.TokenExpired.code, CloseCodes.TokenExpired.reason),
      );
      return true;
    },

    /** graphql-ws `onClose`: gives the client's connection slot back. */
    onClose(ctx: ConnectionContext): void {
      ctx.extra.session?.close();
      ctx.extra.releaseSlot?.();
    },

    /** The socket's session, from `onSubscribe` on: graphql-ws runs operations only once `onConnect` accepted the socket. */
    sessionOf(ctx: ConnectionContext): LiveSession {
      if (!ctx.extra.session) throw new Error('websocket operation before connection_init was accepted');
      return ctx.extra.session;
    },

    /** Called from `onSubscribe` (graphql-ws has already registered this operation's id): errors when over the cap. */
    checkSubscriptionCap(ctx: ConnectionContext): readonly GraphQLError[] | null {
      if (Object.keys(ctx.subscriptions).length <= options.maxSubscriptionsPerConnection) return null;
      return [
        new GraphQLError(`Too many operations on this connection (at most ${options.maxSubscriptionsPerConnection})`, {
          extensions: { code: 'LIMIT_EXCEEDED' },
        }),
      ];
    },
  };
}
