import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { waitFor } from './wait';

/** The shared Redis the tests use (127.0.0.1:6379 here and in CI). */
export const REDIS_URL = process.env.REDIS_TEST_URL ?? 'redis://127.0.0.1:6379';

const inCI = Boolean(process.env.CI);

export async function ping(url: string): Promise<boolean> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 500,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  client.on('error', () => {});
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

/**
 * Whether the Redis tests should skip: only outside CI, when nothing answers at REDIS_URL.
 * In CI (`CI` set) they always run, so an unreachable Redis fails them instead of hiding them.
 */
export async function skipWithoutRedis(): Promise<boolean> {
  if (inCI) return false;
  if (await ping(REDIS_URL)) return false;
  console.warn(`Redis is not reachable at ${REDIS_URL}: skipping the Redis tests (set CI to make them fail instead)`);
  return true;
}

/** The redis-server binary for throw-away servers. */
export function redisServerBinary(): string | null {
  const candidates = [process.env.REDIS_SERVER_BIN, '/usr/bin/redis-server', '/usr/local/bin/redis-server'];
  return candidates.find((path): path is string => Boolean(path && existsSync(path))) ?? null;
}

/** Whether tests that start their own redis-server should skip (never in CI). */
export function skipWithoutRedisServer(): boolean {
  if (inCI || redisServerBinary()) return false;
  console.warn('redis-server not found: skipping the Redis restart tests');
  return true;
}

/** A prefix no other test (or run) uses; remove its keys with `deleteKeys`. */
export function uniquePrefix(name: string): string {
  return `vmgtest:${name}:${process.pid}:${randomBytes(4).toString('hex')}`;
}

/** Deletes every key under the prefix (the store's keys carry it as a hash tag: `{prefix}:…`). */
export async function deleteKeys(prefix: string, url = REDIS_URL): Promise<void> {
  const client = new Redis(url, { maxRetriesPerRequest: 0 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `{${prefix}}:*`, 'COUNT', 500);
      if (keys.length) await client.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    client.disconnect();
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface ThrowawayRedis {
  url: string;
  port: number;
  /** Kills the server (SIGKILL by default: a crash, no graceful save). */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /**
   * Kills it (SIGKILL) and keeps its port taken, resetting every connection, as a host that died
   * would: on this shared machine another test's server could otherwise start on the freed port and
   * answer in its place. `start` or `dispose` frees the port.
   */
  crash(): Promise<void>;
  /** Starts it again on the same port and data directory (with `args` added, e.g. `--replicaof`). */
  start(options?: { args?: string[] }): Promise<void>;
  /** Freezes it (SIGSTOP): connections stay open, nothing answers — a hung Redis. */
  pause(): void;
  /** Lets a paused server run again (SIGCONT). */
  resume(): void;
  /** Stops it and removes its data directory. */
  dispose(): Promise<void>;
}

/**
 * A redis-server of the test's own on a free port, which the test may kill and restart.
 * Without `appendonly`, nothing persists: a restart comes back empty. With it, every write is
 * fsynced before the reply (appendfsync always), so whatever Redis acknowledged survives a kill.
 */
export async function startThrowawayRedis(
  options: { appendonly?: boolean; args?: string[] } = {},
): Promise<ThrowawayRedis> {
  const binary = redisServerBinary() ?? 'redis-server';
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'vmg-redis-'));
  const url = `redis://127.0.0.1:${port}`;
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--dir',
    dir,
    '--save',
    '',
    '--daemonize',
    'no',
    '--loglevel',
    'warning',
  ];
  args.push(...(options.appendonly ? ['--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no']));
  args.push(...(options.args ?? []));
  let child: ChildProcess | null = null;

  let placeholder: Server | null = null;
  const releasePort = async () => {
    const holding = placeholder;
    placeholder = null;
    if (holding) await new Promise<void>((resolve) => holding.close(() => resolve()));
  };
  const start = async ({ args: more = [] }: { args?: string[] } = {}) => {
    await releasePort();
    const spawned = spawn(binary, [...args, ...more], { stdio: 'ignore' });
    child = spawned;
    await waitFor(
      async () => {
        if (spawned.exitCode !== null) throw new Error(`redis-server exited with ${spawned.exitCode}`);
        return ping(url);
      },
      `redis-server to answer on port ${port}`,
      { intervalMs: 50 }, // each look opens a connection
    );
  };
  const stop = async (signal: NodeJS.Signals = 'SIGKILL') => {
    const running = child as ChildProcess | null;
    child = null;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGCONT'); // a paused server must run to act on the signal
    running.kill(signal);
    await exited;
  };
  await start();
  return {
    url,
    port,
    stop,
    start,
    pause: () => void (child as ChildProcess | null)?.kill('SIGSTOP'),
    resume: () => void (child as ChildProcess | null)?.kill('SIGCONT'),
    async crash() {
      await stop('SIGKILL');
      const holding = createServer((socket) => socket.resetAndDestroy());
      placeholder = holding;
      await new Promise<void>((resolve, reject) => {
        holding.once('error', reject);
        holding.listen(port, '127.0.0.1', resolve);
      });
    },
    async dispose() {
      await stop();
      await releasePort();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface CuttableProxy {
  /** Connect through this instead of the server. */
  url: string;
  /** Drops every connection through it and refuses new ones, as a network partition would. */
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

/**
 * A TCP proxy in front of a Redis, so a test can cut one client off while others keep working
 * (for example: a reader that misses events and must catch up after reconnecting).
 */
export async function startCuttableProxy(targetPort: number): Promise<CuttableProxy> {
  const sockets = new Set<Socket>();
  let isCut = false;
  const server = createServer((client) => {
    if (isCut) return void client.destroy();
    const upstream = connect(targetPort, '127.0.0.1');
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => {});
    }
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `redis://127.0.0.1:${port}`,
    cut() {
      isCut = true;
      for (const socket of sockets) socket.destroy();
    },
    restore() {
      isCut = false;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The bounds every Redis store test opens its stores with (large enough that no test trims by accident). */
export const TEST_STORE_BOUNDS = {
  bufferPerCall: 1_000,
  bufferTotal: 10_000,
  bufferMaxAgeSeconds: 3_600,
  subscriberMaxBacklog: 1_000,
} as const;
