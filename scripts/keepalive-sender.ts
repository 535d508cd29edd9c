/**
 * A lean HTTP/1.1 sender for load scripts: many warm keep-alive sockets, one request at a time on
 * each, an idle socket taken in O(1), requests written as prepared bytes and answers read just far
 * enough for the status and the Retry-After header. A general client (undici's Pool) spends more
 * CPU per request looking for a free connection among thousands, on the same two cores as the
 * server it is measuring.
 */
import { connect, type Socket } from 'node:net';

export interface SentAnswer {
  /** 0 when the connection failed or closed before an answer. */
  status: number;
  retryAfter: boolean;
}

interface Pending {
  request: Buffer;
  resolve: (answer: SentAnswer) => void;
}

interface Connection {
  socket: Socket;
  received: Buffer;
  current: Pending | null;
}

const HEADER_END = Buffer.from('\r\n\r\n');
const LAST_CHUNK = Buffer.from('0\r\n\r\n');

export class KeepAliveSender {
  private readonly idle: Connection[] = [];
  private readonly queued: Pending[] = [];
  private readonly all = new Set<Connection>();
  private closing = false;

  private constructor(
    private readonly host: string,
    private readonly port: number,
  ) {}

  /** Opens `count` connections to the server at `url` (http://host:port). */
  static async open(url: string, count: number): Promise<KeepAliveSender> {
    const { hostname, port } = new URL(url);
    const sender = new KeepAliveSender(hostname, Number(port));
    for (let opened = 0; opened < count; opened += 100) {
      await Promise.all(Array.from({ length: Math.min(100, count - opened) }, () => sender.connect()));
    }
    return sender;
  }

  /** A prepared POST: request line, headers with Content-Length, body. */
  static post(path: string, headers: Record<string, string>, body: string): Buffer {
    const payload = Buffer.from(body);
    const lines = [
      `POST ${path} HTTP/1.1`,
      'host: load',
      ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
      `content-length: ${payload.length}`,
    ];
    return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`), payload]);
  }

  send(request: Buffer): Promise<SentAnswer> {
    return new Promise((resolve) => {
      const pending = { request, resolve };
      const connection = this.idle.pop();
      if (connection) this.write(connection, pending);
      else this.queued.push(pending);
    });
  }

  close(): void {
    this.closing = true;
    for (const connection of this.all) connection.socket.destroy();
  }

  private connect(): Promise<void> {
    return new Promise((resolve, reject) => {
      const socket = connect(this.port, this.host);
      const connection: Connection = { socket, received: Buffer.alloc(0), current: null };
      socket.setNoDelay(true);
      socket.once('connect', () => {
        this.all.add(connection);
        this.release(connection);
        resolve();
      });
      socket.on('data', (chunk: Buffer) => this.onData(connection, chunk));
      socket.on('error', (error) => {
        if (!this.all.has(connection)) reject(error);
      });
      socket.on('close', () => this.onClose(connection));
    });
  }

  private write(connection: Connection, pending: Pending): void {
    connection.current = pending;
    connection.socket.write(pending.request);
  }

  private release(connection: Connection): void {
    const next = this.queued.shift();
    if (next) this.write(connection, next);
    else this.idle.push(connection);
  }

  private onData(connection: Connection, chunk: Buffer): void {
    const received = connection.received.length ? Buffer.concat([connection.received, chunk]) : chunk;
    const headerEnd = received.indexOf(HEADER_END);
    if (headerEnd < 0) {
      connection.received = received;
      return;
    }
    const head = received.subarray(0, headerEnd).toString('latin1').toLowerCase();
    const length = /\r\ncontent-length: *(\d+)/.exec(head);
    const complete = length
      ? received.length >= headerEnd + 4 + Number(length[1])
      : received.indexOf(LAST_CHUNK, headerEnd) >= 0;
    if (!complete) {
      connection.received = received;
      return;
    }
    connection.received = Buffer.alloc(0);
    const pending = connection.current;
    connection.current = null;
    pending?.resolve({ status: Number(head.slice(9, 12)), retryAfter: head.includes('\r\nretry-after:') });
    if (head.includes('\r\nconnection: close')) return void connection.socket.destroy();
    this.release(connection);
  }

  private onClose(connection: Connection): void {
    this.all.delete(connection);
    const index = this.idle.indexOf(connection);
    if (index >= 0) this.idle.splice(index, 1);
    connection.current?.resolve({ status: 0, retryAfter: false });
    // Keep the pool's size: the server closed an idle socket, or the answer said `connection: close`.
    if (!this.closing) this.connect().catch(() => undefined);
  }
}
