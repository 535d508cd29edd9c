import { describe, expect, it } from 'vitest';
import {
  describeRedisTarget,
  describeRedisUrl,
  reconnectDelay,
  sanitizeRedisMessage,
  type RedisTarget,
} from '../../src/lib/redis-connection';

describe('Redis connection helpers', () => {
  it('shows a Redis URL without its password', () => {
    const shown = describeRedisUrl('rediss://app:p%40ss-w0rd@redis.internal:6380/2');
    expect(shown).toContain('redis.internal:6380');
    expect(shown).toContain('app');
    expect(shown).not.toContain('w0rd');
    expect(describeRedisUrl('redis://127.0.0.1:6379')).toBe('redis://127.0.0.1:6379');
  });

  it('cuts the password out of a message that echoes it', () => {
    const target: RedisTarget = { kind: 'url', url: 'redis://:p%40ss-w0rd@127.0.0.1:6379' };
    expect(sanitizeRedisMessage('AUTH p@ss-w0rd failed', target)).toBe('AUTH *** failed');
    expect(sanitizeRedisMessage('connect ECONNREFUSED 127.0.0.1:6379', target)).toBe(
      'connect ECONNREFUSED 127.0.0.1:6379',
    );
  });

  it('shows Sentinel and Cluster targets by address and name, and cuts their passwords out of messages', () => {
    const sentinel: RedisTarget = {
      kind: 'sentinel',
      sentinels: [
        { host: '10.0.0.5', port: 26379 },
        { host: '::1', port: 26380 },
      ],
      name: 'events',
      password: 'data-s3cret',
      sentinelPassword: 'sentinel-s3cret',
    };
    expect(describeRedisTarget(sentinel)).toBe('sentinel events via 10.0.0.5:26379,[::1]:26380');
    expect(sanitizeRedisMessage('WRONGPASS data-s3cret / sentinel-s3cret', sentinel)).toBe('WRONGPASS *** / ***');
    const cluster: RedisTarget = {
      kind: 'cluster',
      nodes: [{ host: 'redis-0', port: 7000 }],
      password: 'cluster-s3cret',
    };
    expect(describeRedisTarget(cluster)).toBe('cluster redis-0:7000');
    expect(describeRedisTarget(cluster)).not.toContain('s3cret');
    expect(sanitizeRedisMessage('AUTH cluster-s3cret', cluster)).toBe('AUTH ***');
  });

  it('backs off from about 100 ms to at most about 2 s', () => {
    const first = Array.from({ length: 50 }, () => reconnectDelay(1));
    const late = Array.from({ length: 50 }, () => reconnectDelay(30));
    expect(Math.max(...first)).toBeLessThanOrEqual(120);
    expect(Math.min(...first)).toBeGreaterThanOrEqual(80);
    expect(Math.max(...late)).toBeLessThanOrEqual(2_400);
    expect(Math.min(...late)).toBeGreaterThanOrEqual(1_600);
    expect(reconnectDelay(4)).toBeGreaterThan(reconnectDelay(1));
  });
});
