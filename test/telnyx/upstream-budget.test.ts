import { afterEach, describe, expect, it } from 'vitest';
import { StopPlaybackDocument } from '../generated/graphql';
import { CALL, principalsByName } from '../schema/principals';
import { errorCode } from '../support/clients';
import { startGateway, type Harness } from '../support/gateway';
import { OK_REPLY, telnyxErrorReply, type FakeReply } from '../support/fake-telnyx';
import { waitFor } from '../support/wait';

const stop = { input: { callControlId: CALL } };
let harness: Harness | undefined;

afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

/** A 429 the way Telnyx sends it: code 10011 and x-ratelimit-* (reset in seconds). */
const tooMany = (resetSeconds: number): FakeReply =>
  telnyxErrorReply(429, '10011', 'Too many requests', undefined, {
    'x-ratelimit-limit': '100',
    'x-ratelimit-remaining': '0',
    'x-ratelimit-reset': String(resetSeconds),
  });

async function metric(name: string, labels = ''): Promise<number> {
  const text = await harness!.metrics.registry.metrics();
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${name}${labels} `));
  return line ? Number(line.split(' ')[1]) : NaN;
}

describe('after a Telnyx 429, nothing is sent until its reset', () => {
  it('answers every mutation in the window RATE_LIMITED at once, and /metrics shows the pause', async () => {
    harness = await startGateway({
      auth: principalsByName,
      env: { TELNYX_TIMEOUT_MS: '1000', TELNYX_MAX_RETRIES: '2' },
    });
    harness.telnyx.enqueue(tooMany(30));
    const first = await harness.execute(StopPlaybackDocument, stop);
    expect(first.errors?.[0]?.extensions).toEqual({ code: 'RATE_LIMITED', retryAfter: 30 });

    const started = Date.now();
    const during = await Promise.all(Array.from({ length: 5 }, () => harness!.execute(StopPlaybackDocument, stop)));
    expect(Date.now() - started).toBeLessThan(2_000); // at once, not after the 30 s
    for (const result of during) {
      expect(errorCode(result)).toBe('RATE_LIMITED');
      expect(result.errors?.[0]?.extensions?.retryAfter).toBeGreaterThanOrEqual(28);
      expect(result.errors?.[0]?.extensions?.retryAfter).toBeLessThanOrEqual(30);
    }
    expect(harness.telnyx.requests).toHaveLength(1);
    expect(await metric('vmg_telnyx_pause_remaining_seconds')).toBeGreaterThan(25);
    expect(await metric('vmg_telnyx_paused_seconds_total')).toBeGreaterThanOrEqual(30);
    expect(await metric('vmg_telnyx_ratelimit_remaining')).toBe(0);
    expect(await metric('vmg_telnyx_ratelimit_limit')).toBe(100);
    expect(await metric('vmg_telnyx_requests_refused_total', '{reason="paused"}')).toBe(5);
  });

  it('lets a request whose deadline fits wait out a short reset, then sends it', async () => {
    harness = await startGateway({
      auth: principalsByName,
      env: { TELNYX_TIMEOUT_MS: '1000', TELNYX_MAX_RETRIES: '0' },
    });
    const arrivals: number[] = [];
    harness.telnyx.setFallback(() => {
      arrivals.push(Date.now());
      return arrivals.length === 1 ? tooMany(1) : OK_REPLY;
    });
    const first = await harness.execute(StopPlaybackDocument, stop);
    expect(errorCode(first)).toBe('RATE_LIMITED'); // no retries allowed: the 429 is the answer
    const second = await harness.execute(StopPlaybackDocument, stop);
    expect(second.errors).toBeUndefined();
    expect(arrivals).toHaveLength(2);
    // Sent only once the reset had passed (1 s after the 429 arrived).
    expect(arrivals[1]! - arrivals[0]!).toBeGreaterThanOrEqual(950);
  });

  it('answers at once the requests whose deadline the reset does not fit', async () => {
    harness = await startGateway({
      auth: principalsByName,
      env: { TELNYX_TIMEOUT_MS: '1000', TELNYX_MAX_RETRIES: '0' },
      tuning: { telnyx: { deadlineMs: 1_500 } },
    });
    harness.telnyx.enqueue(tooMany(3));
    await harness.execute(StopPlaybackDocument, stop);
    const started = Date.now();
    const result = await harness.execute(StopPlaybackDocument, stop);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(harness.telnyx.requests).toHaveLength(1);
  });
});

describe('spending the budget', () => {
  it('spreads requests over the window while x-ratelimit-remaining is low instead of bursting', async () => {
    harness = await startGateway({
      auth: principalsByName,
      env: { TELNYX_TIMEOUT_MS: '2000', TELNYX_MAX_RETRIES: '0' },
      tuning: { telnyx: { deadlineMs: 10_000 } },
    });
    const arrivals: number[] = [];
    // 3 left of 100 with 1.2 s to the reset: the gateway spaces requests ~0.4 s apart.
    harness.telnyx.setFallback(() => {
      arrivals.push(Date.now());
      return {
        ...OK_REPLY,
        headers: { 'x-ratelimit-limit': '100', 'x-ratelimit-remaining': '3', 'x-ratelimit-reset': '1.2' },
      } as FakeReply;
    });
    await harness.execute(StopPlaybackDocument, stop); // learns the budget
    const burst = await Promise.all(Array.from({ length: 4 }, () => harness!.execute(StopPlaybackDocument, stop)));
    for (const result of burst) expect(result.errors).toBeUndefined();
    const gaps = arrivals.slice(1).map((at, index) => at - arrivals[index]!);
    expect(arrivals).toHaveLength(5);
    // A burst would arrive within a few ms; spread, the four take about a second.
    expect(arrivals[4]! - arrivals[1]!).toBeGreaterThanOrEqual(800);
    expect(Math.min(...gaps.slice(1))).toBeGreaterThanOrEqual(250);
  });

  it('bounds the requests queued toward Telnyx: past it, RATE_LIMITED at once', async () => {
    harness = await startGateway({
      auth: principalsByName,
      env: { TELNYX_TIMEOUT_MS: '3000', TELNYX_MAX_RETRIES: '0' },
      tuning: { telnyx: { maxQueuedRequests: 2 } },
    });
    harness.telnyx.setFallback(() => ({ hang: true }));
    const held = [harness.execute(StopPlaybackDocument, stop), harness.execute(StopPlaybackDocument, stop)];
    await harness.telnyx.waitForRequests(2);
    const started = Date.now();
    const refused = await harness.execute(StopPlaybackDocument, stop);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(refused.errors?.[0]?.extensions).toEqual({ code: 'RATE_LIMITED', retryAfter: 1 });
    expect(refused.errors?.[0]?.message).toContain('waiting for Telnyx');
    expect(harness.telnyx.requests).toHaveLength(2);
    expect(await metric('vmg_telnyx_requests_refused_total', '{reason="queue_full"}')).toBe(1);
    expect(await metric('vmg_telnyx_queued_requests')).toBe(2);
    await Promise.all(held);
    await waitFor(async () => (await metric('vmg_telnyx_queued_requests')) === 0, 'the queue to drain');
  });
});
