import { CloseCode, handleProtocols, makeServer, type ServerOptions } from 'graphql-ws';
import type { WebSocket, WebSocketServer } from 'ws';

/** What graphql-ws's `ctx.extra` holds for a socket: the socket and its peer's address (not the upgrade request, as graphql-ws/use/ws keeps). */
export interface SocketExtra {
  socket: WebSocket;
  address: string | undefined;
}

/**
 * graphql-ws over a `ws` server, as graphql-ws/use/ws does, except for keep-alive: one sweep every
 * `keepAliveMs` pings every socket and terminates those that did not answer the previous ping,
 * instead of an interval and a pong timer per socket (thousands of idle subscribers, thousands of
 * timers). A silent peer is terminated between one and two intervals after its last pong.
 */
export function serveGraphqlWs<P extends Record<string, unknown>, E extends SocketExtra>(
  options: ServerOptions<P, E>,
  wss: WebSocketServer,
  keepAliveMs: number,
  onInternalError: (error: unknown) => void,
): { dispose(): Promise<void> } {
  const server = makeServer<P, E>(options);
  wss.options.handleProtocols = handleProtocols;
  wss.on('error', onInternalError);
  const awaitingPong = new WeakSet<WebSocket>();
  const markAlive = function (this: WebSocket) {
    awaitingPong.delete(this);
  };

  const sweep =
    keepAliveMs > 0 && Number.isFinite(keepAliveMs)
      ? setInterval(() => {
          for (const socket of wss.clients) {
            if (socket.readyState !== socket.OPEN) continue;
            if (awaitingPong.has(socket)) {
              socket.terminate();
              continue;
            }
            awaitingPong.add(socket);
            socket.ping();
          }
        }, keepAliveMs)
      : null;
  sweep?.unref();

  const closeOnInternalError = (socket: WebSocket, error: unknown) => {
    onInternalError(error);
    socket.close(CloseCode.InternalServerError, 'Internal server error');
  };

  wss.on('connection', (socket, request) => {
    socket.once('error', (error) => closeOnInternalError(socket, error));
    socket.on('pong', markAlive);
    const closed = server.opened(
      {
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
              closeOnInternalError(socket, error);
            }
          }),
      },
      { socket, address: request.socket.remoteAddress } as E,
    );
    socket.once('close', (code, reason) => void closed(code, String(reason)));
  });

  return {
    async dispose() {
      if (sweep) clearInterval(sweep);
      for (const client of wss.clients) client.close(1001, 'Going away');
      wss.removeAllListeners();
      await new Promise<void>((resolve, reject) => wss.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
