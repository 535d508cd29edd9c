import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from '../logger';

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

/** An error message with the URL's password cut out, should a driver ever echo it. */
export function sanitizeRedisMessage(message: string, url: string): string {
  let password = '';
  try {
    password = decodeURIComponent(new URL(url).password);
  } catch {
    // an unparseable URL carries no password we could recognise
  }
  return password ? message.split(password).join('***') : message;
}

export interface RedisConnectionOptions {
  url: string;
  /** Shows in logs ("commands", "reader"). */
  role: string;
  logger: Logger;
  /** Per-command deadline; a hung Redis fails commands instead of holding webhooks open. */
  commandTimeoutMs: number;
}

/**
 * One ioredis connection tuned to fail fast: no offline queue (a command while disconnected is
 * rejected at once), no retry of in-flight commands on a lost connection (the caller decides),
 * endless reconnects with backoff. Logs each outage once, not every failed attempt.
 */
export function openRedisConnection({ url, role, logger, commandTimeoutMs }: RedisConnectionOptions): Redis {
  const options: RedisOptions = {
    connectionName: `voice-media-gateway:${role}`,
    connectTimeout: 2_000,
    commandTimeout: commandTimeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    autoResendUnfulfilledCommands: false,
    retryStrategy: reconnectDelay,
  };
  const redis = new Redis(url, options);
  const target = describeRedisUrl(url);
  let outageLogged = false;
  redis.on('ready', () => {
    if (outageLogged) logger.info({ redis: target, role }, 'redis connection restored');
    else logger.debug({ redis: target, role }, 'redis connected');
    outageLogged = false;
  });
  redis.on('error', (error: Error) => {
    if (outageLogged) return;
    outageLogged = true;
    logger.warn({ redis: target, role, reason: sanitizeRedisMessage(error.message, url) }, 'redis unavailable; reconnecting');
  });
  redis.on('close', () => {
    if (outageLogged || redis.status === 'end') return;
    outageLogged = true;
    logger.warn({ redis: target, role }, 'redis connection lost; reconnecting');
  });
  return redis;
}
