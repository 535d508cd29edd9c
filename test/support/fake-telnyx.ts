import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A scripted stand-in for the Telnyx API on loopback: it records every request exactly as it
 * arrived and answers from a queue of scripted replies (then a fallback), including replies that
 * never come (`hang`) or a connection cut mid-request (`drop`).
 */
export interface RecordedRequest {
  method: string;
  /** Path and query exactly as sent (still percent-encoded). */
  url: string;
  pathname: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  rawBody: string;
  /** The parsed JSON body, or undefined when there was none. */
  body: unknown;
  /** The client's port: equal ports mean one reused connection. */
  remotePort: number | undefined;
}

export type FakeReply =
  | {
      status: number;
      body?: unknown;
      headers?: Record<string, string> /** Sent as is instead of JSON. */;
      raw?: string;
    }
  | { hang: true }
  | { drop: true };

export interface FakeTelnyx {
  /** e.g. http://127.0.0.1:PORT/v2 */
  baseUrl: string;
  requests: RecordedRequest[];
  /** Replies for the next requests, in order; once used up, the fallback answers. */
  enqueue(...replies: FakeReply[]): void;
  setFallback(reply: (request: RecordedRequest) => FakeReply): void;
  /** Resolves once at least `count` requests have arrived. */
  waitForRequests(count: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export const OK_REPLY: FakeReply = { status: 200, body: { data: { result: 'ok' } } };

export function telnyxErrorReply(
  status: number,
  code: string,
  title: string,
  detail?: string,
  headers?: Record<string, string>,
): FakeReply {
  return { status, headers, body: { errors: [{ code, title, ...(detail ? { detail } : {}) }] } };
}

/** Actions succeed, except on a call whose id contains "reject": it has ended (422, as Telnyx says). */
function defaultReply(request: RecordedRequest): FakeReply {
  if (request.pathname.includes('reject')) {
    return telnyxErrorReply(
      422,
      '90018',
      'Call has already ended',
      'This call is no longer active and can not receive commands.',
    );
  }
  if (request.method === 'POST' && /\/actions\/[a-z_]+$/.test(request.pathname)) return OK_REPLY;
  return telnyxErrorReply(404, '10005', 'Resource not found');
}

export async function startFakeTelnyx(): Promise<FakeTelnyx> {
  const requests: RecordedRequest[] = [];
  const queue: FakeReply[] = [];
  const sockets = new Set<Socket>();
  const waiters = new Set<() => void>();
  let fallback = defaultReply;

  const server = createServer((req, res) => {
    void handle(req, res);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const rawBody = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://fake');
    const recorded: RecordedRequest = {
      method: req.method ?? '',
      url: req.url ?? '',
      pathname: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      rawBody,
      body: rawBody ? JSON.parse(rawBody) : undefined,
      remotePort: req.socket.remotePort,
    };
    requests.push(recorded);
    for (const wake of waiters) wake();
    const reply = queue.shift() ?? fallback(recorded);
    if ('hang' in reply) return;
    if ('drop' in reply) {
      req.socket.destroy();
      return;
    }
    res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
    res.end(reply.raw ?? (reply.body === undefined ? '' : JSON.stringify(reply.body)));
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}/v2`,
    requests,
    enqueue: (...replies) => queue.push(...replies),
    setFallback: (reply) => {
      fallback = reply;
    },
    waitForRequests: (count, timeoutMs = 5_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (requests.length < count) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`expected ${count} requests, got ${requests.length}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
