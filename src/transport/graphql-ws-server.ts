import {
  CloseCode,
  handleProtocols,
  makeServer,
  type ServerOptions,
  type WebSocket as WebSocketLike,
} from 'graphql-ws';
import type { WebSocket, WebSocketServer } from 'ws';

/** What graphql-ws's `ctx.extra` holds for a socket: the socket and its peer's address (not the upgrade request, as graphql-ws/use/ws keeps). */
export interface SocketExtra {
  socket: WebSocket;
  address: string | undefined;
}

/**
 * graphql-ws over a `ws` server, as graphql-ws/use/ws does, except for its timers per socket
 * (thousands of idle subscribers, thousands of timers): one sweep every `keepAliveMs` pings every
 * socket and terminates those that did not answer the previous ping (a silent peer goes between one
 * and two intervals after its last pong), and one sweep closes the sockets that sent no
 * connection_init within `connectionInitWaitTimeout` (4408, up to a tenth of it late).
 */
export function serveGraphqlWs<P extends Record<string, unknown>, E extends SocketExtra>(
  options: ServerOptions<P, E>,
  wss: WebSocketServer,
  keepAliveMs: number,
  onInternalError: (error: unknown) => void,
): { dispose(): Promise<void> } {
  const initDeadlines = new InitDeadlines(options.connectionInitWaitTimeout ?? 3_000);
  const server = makeServer<P, E>({
    ...options,
    connectionInitWaitTimeout: Number.POSITIVE_INFINITY,
    onConnect: (ctx) => {
      initDeadlines.delete(ctx.extra.socket);
      return options.onConnect?.(ctx);
    },
  });
  wss.options.handleProtocols = handleProtocols;
  wss.on('error', onInternalError);
  const keepAlive = new KeepAlive(wss, keepAliveMs);
  wss.on('connection', (socket, request) => {
    initDeadlines.add(socket);
    keepAlive.watch(socket);
    const closed = server.opened(adapt(socket, onInternalError), {
      socket,
      address: request.socket.remoteAddress,
    } as E);
    socket.once('close', (code, reason) => {
      initDeadlines.delete(socket);
      void closed(code, String(reason));
    });
  });

  return {
    async dispose() {
      keepAlive.stop();
      initDeadlines.stop();
      for (const client of wss.clients) client.close(1001, 'Going away');
      wss.removeAllListeners();
      await new Promise<void>((resolve, reject) => wss.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

/** A `ws` socket as graphql-ws's transport-free server sees it; a fault closes it with 1011. */
function adapt(socket: WebSocket, onInternalError: (error: unknown) => void): WebSocketLike {
  const closeOnInternalError = (error: unknown) => {
    onInternalError(error);
    socket.close(CloseCode.InternalServerError, 'Internal server error');
  };
  socket.once('error', closeOnInternalError);
  return {
    protocol: socket.protocol,
    send: (data) =>
      new Promise<void>((resolve, reject) => {
        if (socket.readyState !== socket.OPEN) return resolve();
        socket.send(data, (error) => (error ? reject(error) : resolve()));
      }),
    close: (code, reason) => socket.close(code, reason),
    onMessage: (handle) =>
      socket.on('message', async (data: Buffer) => {
        try {
          await handle(String(data));
        } catch (error) {
          closeOnInternalError(error);
        }
      }),
  };
}

/**
 * One sweep every `keepAliveMs` pings every socket and terminates those that did not answer the
 * previous ping (a silent peer goes between one and two intervals after its last pong).
 */
class KeepAlive {
  readonly #awaitingPong = new WeakSet<WebSocket>();
  readonly #sweep: NodeJS.Timeout | null;
  readonly #markAlive: (this: WebSocket) => void;

  constructor(wss: WebSocketServer, keepAliveMs: number) {
    const awaitingPong = this.#awaitingPong;
    this.#markAlive = function (this: WebSocket) {
      awaitingPong.delete(this);
    };
    this.#sweep =
      keepAliveMs > 0 && Number.isFinite(keepAliveMs) ? setInterval(() => this.#ping(wss), keepAliveMs) : null;
    this.#sweep?.unref();
  }

  watch(socket: WebSocket): void {
    socket.on('pong', this.#markAlive);
  }

  stop(): void {
    if (this.#sweep) clearInterval(this.#sweep);
  }

  #ping(wss: WebSocketServer): void {
    for (const socket of wss.clients) {
      if (socket.readyState !== socket.OPEN) continue;
      if (this.#awaitingPong.has(socket)) {
        socket.terminate();
        continue;
      }
      this.#awaitingPong.add(socket);
      socket.ping();
    }
  }
}

/**
 * Sockets that have not sent connection_init yet, with their deadlines. Every socket waits as long,
 * so the Map's insertion order is deadline order: a sweep closes the overdue ones from the front and
 * stops at the first that is not. The sweep runs only while some socket is waiting.
 */
class InitDeadlines {
  readonly #due = new Map<WebSocket, number>();
  readonly #sweepMs: number;
  #sweep: NodeJS.Timeout | null = null;

  constructor(private readonly waitMs: number) {
    this.#sweepMs = Math.max(50, waitMs / 10);
  }

  add(socket: WebSocket): void {
    if (!(this.waitMs > 0 && Number.isFinite(this.waitMs))) return;
    this.#due.set(socket, Date.now() + this.waitMs);
    if (!this.#sweep) {
      this.#sweep = setInterval(() => this.#closeOverdue(), this.#sweepMs);
      this.#sweep.unref();
    }
  }

  delete(socket: WebSocket): void {
    if (!this.#due.delete(socket) || this.#due.size > 0) return;
    this.stop();
  }

  stop(): void {
    if (this.#sweep) clearInterval(this.#sweep);
    this.#sweep = null;
  }

  #closeOverdue(): void {
    const now = Date.now();
    for (const [socket, due] of this.#due) {
      if (due > now) break;
      this.delete(socket);
      socket.close(CloseCode.ConnectionInitialisationTimeout, 'Connection initialisation timeout');
    }
  }
}
