import { describe, expect, it } from 'vitest';
import { describeRedisUrl, reconnectDelay, sanitizeRedisMessage } from '../../src/events/redis-connection';

describe('Redis connection helpers', () => {
  it('shows a Redis URL without its password', () => {
    const shown = describeRedisUrl('rediss://app:p%40ss-w0rd@redis.internal:6380/2');
    expect(shown).toContain('redis.internal:6380');
    expect(shown).toContain('app');
    expect(shown).not.toContain('w0rd');
    expect(describeRedisUrl('redis://127.0.0.1:6379')).toBe('redis://127.0.0.1:6379');
  });

  it('cuts the password out of a message that echoes it', () => {
    const url = 'redis://:p%40ss-w0rd@127.0.0.1:6379';
    expect(sanitizeRedisMessage('AUTH p@ss-w0rd failed', url)).toBe('AUTH *** failed');
    expect(sanitizeRedisMessage('connect ECONNREFUSED 127.0.0.1:6379', url)).toBe('connect ECONNREFUSED 127.0.0.1:6379');
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
