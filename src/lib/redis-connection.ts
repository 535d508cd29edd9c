import { Cluster, Redis, type RedisOptions } from 'ioredis';
import type { Logger } from './logger';

/** A host and port, as listed in REDIS_SENTINELS / REDIS_CLUSTER_NODES. */
export interface RedisAddress {
  host: string;
  port: number;
}

/** Credentials of the Redis data nodes (Sentinel and Cluster modes; a URL carries its own). */
export interface RedisCredentials {
  username?: string;
  password?: string;
}

/** Where the event log lives: one Redis by URL, a Sentinel-managed primary, or a Cluster. */
export type RedisTarget =
  | { kind: 'url'; url: string }
  | ({ kind: 'sentinel'; sentinels: RedisAddress[]; name: string; sentinelPassword?: string } & RedisCredentials)
  | ({ kind: 'cluster'; nodes: RedisAddress[] } & RedisCredentials);

/** A connection to any target: the store only uses commands both clients have. */
export type RedisClient = Redis | Cluster;

/** Reconnect delays: 100 ms doubling to 2 s, with jitter so instances do not reconnect in lockstep. */
export function reconnectDelay(attempt: number): number {
  const base = Math.min(100 * 2 ** Math.max(0, attempt - 1), 2_000);
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

/** The URL as it may appear in logs and errors: never its password. */
export function describeRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'redis (unparseable URL)';
  }
}

function listAddresses(addresses: RedisAddress[]): string {
  return addresses.map(({ host, port }) => (host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`)).join(',');
}

/** The target as it may appear in logs: addresses and names, never a password. */
export function describeRedisTarget(target: RedisTarget): string {
  switch (target.kind) {
    case 'url':
      return describeRedisUrl(target.url);
    case 'sentinel':
      return `sentinel ${target.name} via ${listAddresses(target.sentinels)}`;
    case 'cluster':
      return `cluster ${listAddresses(target.nodes)}`;
  }
}

/** Every secret the target holds, to cut out of anything that may reach a log. */
function secretsOf(target: RedisTarget): string[] {
  if (target.kind === 'url') {
    try {
      return [decodeURIComponent(new URL(target.url).password)];
    } catch {
      return []; // an unparseable URL carries no password we could recognise
    }
  }
  return [target.password ?? '', target.kind === 'sentinel' ? (target.sentinelPassword ?? '') : ''];
}

/** An error message with the target's passwords cut out, should a driver ever echo one. */
export function sanitizeRedisMessage(message: string, target: RedisTarget): string {
  return secretsOf(target)
    .filter(Boolean)
    .reduce((text, secret) => text.split(secret).join('***'), message);
}

export interface RedisConnectionOptions {
  target: RedisTarget;
  /** Shows in logs ("commands", "reader"). */
  role: string;
  logger: Logger;
  /** Per-command deadline; a hung Redis fails commands instead of holding webhooks open. */
  commandTimeoutMs: number;
}

/**
 * One connection to the target, tuned to fail fast: no offline queue (a command while disconnected
 * is rejected at once), no retry of in-flight commands on a lost connection (the caller decides),
 * endless reconnects with backoff. Logs each outage once, not every failed attempt.
 * With Sentinel, each reconnect asks the sentinels for the current primary, and a READONLY reply
 * (a primary demoted by a failover) drops the connection so the next one finds the new primary.
 */
export function openRedisConnection({ target, role, logger, commandTimeoutMs }: RedisConnectionOptions): RedisClient {
  const options: RedisOptions = {
    connectionName: `voice-media-gateway:${role}`,
    connectTimeout: 2_000,
    commandTimeout: commandTimeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    autoResendUnfulfilledCommands: false,
    retryStrategy: reconnectDelay,
    reconnectOnError: (error) => error.message.startsWith('READONLY'),
  };
  const redis = connect(target, options);
  const shown = describeRedisTarget(target);
  let outageLogged = false;
  redis.on('ready', () => {
    if (outageLogged) logger.info({ redis: shown, role }, 'redis connection restored');
    else logger.debug({ redis: shown, role }, 'redis connected');
    outageLogged = false;
  });
  redis.on('error', (error: Error) => {
    if (outageLogged) return;
    outageLogged = true;
    logger.warn(
      { redis: shown, role, reason: sanitizeRedisMessage(error.message, target) },
      'redis unavailable; reconnecting',
    );
  });
  redis.on('close', () => {
    if (outageLogged || closing.has(redis) || redis.status === 'end') return;
    outageLogged = true;
    logger.warn({ redis: shown, role }, 'redis connection lost; reconnecting');
  });
  // ioredis gives up in a few paths despite the retry strategy (a Sentinel failover announced while
  // it was still connecting ends the client): start over unless we closed it.
  redis.on('end', () => {
    if (closing.has(redis)) return;
    logger.warn({ redis: shown, role }, 'redis client stopped reconnecting; starting over');
    setTimeout(() => {
      if (!closing.has(redis) && redis.status === 'end') redis.connect().catch(() => {});
    }, reconnectDelay(2)).unref();
  });
  return redis;
}

const closing = new WeakSet<RedisClient>();

/** Closes a connection for good: QUIT after pending replies, or at once (`now`) for a blocked reader. */
export async function closeRedisConnection(redis: RedisClient, { now = false } = {}): Promise<void> {
  closing.add(redis);
  if (now) return void redis.disconnect();
  await redis.quit().catch(() => redis.disconnect());
}

function connect(target: RedisTarget, options: RedisOptions): RedisClient {
  switch (target.kind) {
    case 'url':
      return new Redis(target.url, options);
    case 'sentinel':
      return new Redis({
        ...options,
        sentinels: target.sentinels,
        name: target.name,
        username: target.username,
        password: target.password,
        sentinelPassword: target.sentinelPassword,
        sentinelRetryStrategy: reconnectDelay,
        // Sentinels announce a failover: switch at once instead of waiting for the old primary to fail.
        failoverDetector: true,
      });
    case 'cluster': {
      const { retryStrategy: _perNode, enableOfflineQueue: _queue, ...nodeOptions } = options;
      return new Cluster(target.nodes, {
        redisOptions: { ...nodeOptions, username: target.username, password: target.password },
        clusterRetryStrategy: reconnectDelay,
        enableOfflineQueue: false,
        slotsRefreshTimeout: 2_000,
      });
    }
  }
}
