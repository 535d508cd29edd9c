import { request } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { createLogger } from '../../src/lib/logger';
import { createMetrics } from '../../src/lib/metrics';
import { RedisMutationCounter } from '../../src/limits/mutation-rate-limit';
import { limitKeys } from '../../src/limits/redis-keys';
import { signToken } from '../auth/tokens';
import { errorsOf, runWs, wsClient } from '../support/clients';
import { startGateway, type Harness } from '../support/gateway';
import { awayFromMinuteEnd } from '../support/wait';
import { deleteKeys, REDIS_URL, skipWithoutRedis, startCuttableProxy, uniquePrefix } from '../support/redis';

const SPEAK =
  'mutation($id: ID!) { speak(input: { callControlId: $id, payload: "hi", voice: "Telnyx.KokoroTTS.af" }) { result } }';
const TWO_SPEAKS = `mutation($id: ID!) {
  a: speak(input: { callControlId: $id, payload: "hi", voice: "Telnyx.KokoroTTS.af" }) { result }
  ...More
}
fragment More on Mutation { b: speak(input: { callControlId: $id, payload: "hi", voice: "Telnyx.KokoroTTS.af" }) { result } }`;
const variables = { id: 'v3:rate-limited-call' };

let h: Harness;
let alice: string;
let bob: string;

beforeAll(async () => {
  h = await startGateway({ env: { GATEWAY_RATE_LIMIT_MUTATIONS_PER_MINUTE: '3' } });
  alice = await signToken({ sub: 'alice' });
  bob = await signToken({ sub: 'bob' });
});
afterAll(async () => {
  await h.close();
});
beforeEach(async () => {
  await awayFromMinuteEnd(8_000);
  h.telnyx.requests.length = 0;
});

describe('GATEWAY_RATE_LIMIT_MUTATIONS_PER_MINUTE per token subject', () => {
  it('answers 429 RATE_LIMITED with retryAfter past the limit, sends nothing to Telnyx, and leaves other clients alone', async () => {
    // Two root fields (one through a fragment) count as two mutations.
    expect((await h.graphql(TWO_SPEAKS, { variables, token: alice })).body.errors).toBeUndefined();
    expect((await h.graphql(SPEAK, { variables, token: alice })).body.errors).toBeUndefined();
    expect(h.telnyx.requests).toHaveLength(3);

    const refused = await h.graphql(SPEAK, { variables, token: alice });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    const extensions = refused.body.errors?.[0]?.extensions;
    expect(extensions?.code).toBe('RATE_LIMITED');
    expect(extensions?.retryAfter).toBeGreaterThan(0);
    expect(extensions?.retryAfter).toBeLessThanOrEqual(60);
    expect(h.telnyx.requests).toHaveLength(3);

    // Queries are not mutations: still served.
    expect((await h.graphql('{ latestEventCursor }', { token: alice })).status).toBe(200);
    // Another subject has its own count.
    expect((await h.graphql(SPEAK, { variables, token: bob })).body.errors).toBeUndefined();
    expect(h.telnyx.requests).toHaveLength(4);
  });

  it('counts websocket mutations with HTTP ones, for the same subject', async () => {
    const carol = await signToken({ sub: 'carol' });
    expect((await h.graphql(TWO_SPEAKS, { variables, token: carol })).body.errors).toBeUndefined();
    const client = wsClient(h.wsUrl, carol);
    const third = await runWs(client, SPEAK, variables);
    expect(third.items[0]?.errors).toBeUndefined();
    const fourth = await runWs(client, SPEAK, variables);
    const errors = errorsOf(fourth);
    expect(errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(errors?.[0]?.extensions?.retryAfter).toBeGreaterThan(0);
    expect(errors?.[0]?.extensions).not.toHaveProperty('http');
    expect(h.telnyx.requests).toHaveLength(3);
    await client.dispose();
  });
});

describe('with authentication off', () => {
  /** POSTs from a chosen loopback address (Linux routes all of 127/8 to lo). */
  function speakFrom(url: string, localAddress: string): Promise<number> {
    return new Promise((resolve, reject) => {
      const body = JSON.stringify({ query: SPEAK, variables });
      const req = request(
        `${url}/graphql`,
        { method: 'POST', localAddress, headers: { 'content-type': 'application/json' } },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  it('counts per client address', async () => {
    const open = await startGateway({ auth: 'off', env: { GATEWAY_RATE_LIMIT_MUTATIONS_PER_MINUTE: '1' } });
    try {
      expect(await speakFrom(open.url, '127.0.0.1')).toBe(200);
      expect(await speakFrom(open.url, '127.0.0.1')).toBe(429);
      expect(await speakFrom(open.url, '127.0.0.2')).toBe(200);
      expect(open.telnyx.requests).toHaveLength(2);
    } finally {
      await open.close();
    }
  });
});

describe('the shared counter when Redis fails', () => {
  let skip = false;
  beforeAll(async () => {
    skip = await skipWithoutRedis();
  });

  it('lets mutations through while Redis is unreachable, with one warning and a metric per check, then enforces again', async (context) => {
    if (skip) return context.skip();
    const prefix = uniquePrefix('ratelimit-failopen');
    const proxy = await startCuttableProxy(Number(new URL(REDIS_URL).port || 6379));
    const redis = new Redis(proxy.url, {
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      commandTimeout: 300,
      retryStrategy: () => 50,
    });
    redis.on('error', () => {});
    const warnings: string[] = [];
    const metrics = createMetrics();
    const logger = createLogger('warn', { write: (line: string) => void warnings.push(line) });
    const counter = new RedisMutationCounter({ redis, keys: limitKeys(prefix), perMinute: 1, logger, metrics });
    try {
      await new Promise((resolve) => redis.once('ready', resolve));
      const now = Date.now() - (Date.now() % 60_000) + 1_000; // one fixed window for every call
      expect(await counter.take('sub:x', 1, now)).toEqual({ allowed: true });
      expect(await counter.take('sub:x', 1, now)).toMatchObject({ allowed: false, retryAfter: 59 });

      proxy.cut();
      for (let i = 0; i < 3; i += 1) expect(await counter.take('sub:x', 1, now)).toEqual({ allowed: true });
      expect(warnings.filter((line) => line.includes('rate limit not enforced'))).toHaveLength(1);
      expect(await metrics.registry.getSingleMetricAsString('vmg_rate_limit_store_errors_total')).toMatch(/ 3$/m);

      proxy.restore();
      await new Promise((resolve) => redis.once('ready', resolve));
      expect(await counter.take('sub:x', 1, now)).toMatchObject({ allowed: false });
    } finally {
      redis.disconnect();
      await proxy.close();
      await deleteKeys(`{${prefix}}`);
    }
  });
});
