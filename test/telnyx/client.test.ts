import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RateLimitedError, TelnyxError, UpstreamUnavailableError } from '../../src/lib/errors';
import { createLogger } from '../../src/lib/logger';
import { createMetrics, type Metrics } from '../../src/lib/metrics';
import { encodePathSegment, retrieveCallStatus, startPlayback } from '../../src/telnyx/actions';
import { TelnyxClient, type TelnyxClientOptions } from '../../src/telnyx/client';
import { retryAfterSeconds } from '../../src/telnyx/responses';
import { OK_REPLY, startFakeTelnyx, telnyxErrorReply, type FakeTelnyx } from '../support/fake-telnyx';

const API_KEY = 'KEY0123456789abcdefSECRET';
const CALL = 'v3:MdI91X4lWFEs7IgbBEOT9M4AigoY08M0WWZFISt1Yw2axZ_IiE4pqg';

let fake: FakeTelnyx;
let metrics: Metrics;
const clients: TelnyxClient[] = [];

function client(overrides: Partial<TelnyxClientOptions> = {}): TelnyxClient {
  const created = new TelnyxClient({
    baseUrl: fake.baseUrl,
    apiKey: API_KEY,
    timeoutMs: 1_000,
    maxRetries: 2,
    metrics,
    logger: createLogger('silent'),
    backoffBaseMs: 5,
    backoffMaxMs: 20,
    ...overrides,
  });
  clients.push(created);
  return created;
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error,
  );
}

beforeEach(async () => {
  fake = await startFakeTelnyx();
  metrics = createMetrics();
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close().catch(() => undefined)));
  await fake.close();
});

describe('TelnyxClient requests', () => {
  it('POSTs JSON with bearer auth under the base URL path, keeping the colon of v3: ids', async () => {
    const response = await startPlayback(client(), CALL, { audio_url: 'https://example.com/a.mp3', command_id: 'c-1' });
    expect(response).toEqual({ data: { result: 'ok' } });
    const [request] = fake.requests;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe(`/v2/calls/${CALL}/actions/playback_start`);
    expect(request?.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers.accept).toBe('application/json');
    expect(request?.body).toEqual({ audio_url: 'https://example.com/a.mp3', command_id: 'c-1' });
  });

  it('percent-encodes path segments as the SDK does', () => {
    expect(encodePathSegment('v3:abc-_~.')).toBe('v3:abc-_~.');
    expect(encodePathSegment('a/b?c#d e')).toBe('a%2Fb%3Fc%23d%20e');
    expect(() => encodePathSegment('..')).toThrow();
  });

  it('sends GETs without a body or content type', async () => {
    fake.enqueue({
      status: 200,
      body: {
        data: { call_control_id: CALL, call_leg_id: 'leg', call_session_id: 's', is_alive: true, record_type: 'call' },
      },
    });
    const status = await retrieveCallStatus(client(), CALL);
    expect(status.call_leg_id).toBe('leg');
    expect(fake.requests[0]?.method).toBe('GET');
    expect(fake.requests[0]?.headers['content-type']).toBeUndefined();
    expect(fake.requests[0]?.rawBody).toBe('');
  });

  it('reuses one keep-alive connection for consecutive requests', async () => {
    const c = client();
    for (let i = 0; i < 3; i++) {
      await startPlayback(c, CALL, { command_id: `c-${i}` });
      // Each GraphQL request is its own task; undici frees the connection on the next tick.
      await new Promise((resolve) => setImmediate(resolve));
    }
    const ports = new Set(fake.requests.map((r) => r.remotePort));
    expect(fake.requests).toHaveLength(3);
    expect(ports.size).toBe(1);
  });
});

describe('TelnyxClient errors', () => {
  it('maps a 422 body to TelnyxError with every entry and does not retry it', async () => {
    fake.enqueue({
      status: 422,
      body: {
        errors: [
          {
            code: '90018',
            title: 'Call has already ended',
            detail: "This call is no longer active and can't receive commands.",
          },
          { code: '10004', title: 'Missing required parameter', source: { pointer: '/format' } },
        ],
      },
    });
    const error = await failure(startPlayback(client(), CALL, { command_id: 'x' }));
    expect(error).toBeInstanceOf(TelnyxError);
    expect((error as TelnyxError).status).toBe(422);
    expect((error as TelnyxError).errors).toEqual([
      {
        code: '90018',
        title: 'Call has already ended',
        detail: "This call is no longer active and can't receive commands.",
      },
      { code: '10004', title: 'Missing required parameter' },
    ]);
    expect(fake.requests).toHaveLength(1);
  });

  it('maps a non-JSON error body to a generic TelnyxError entry', async () => {
    fake.enqueue({ status: 401, body: undefined });
    const error = (await failure(startPlayback(client(), CALL, {}))) as TelnyxError;
    expect(error).toBeInstanceOf(TelnyxError);
    expect(error.errors).toEqual([{ code: '401', title: 'HTTP 401' }]);
  });

  it('retries a 500 with the identical body, then succeeds', async () => {
    fake.enqueue(telnyxErrorReply(500, '10007', 'Internal server error'), OK_REPLY);
    await startPlayback(client(), CALL, { command_id: 'same' });
    expect(fake.requests).toHaveLength(2);
    expect(fake.requests[1]?.rawBody).toBe(fake.requests[0]?.rawBody);
  });

  it('retries a 408 Request Timeout', async () => {
    fake.enqueue({ status: 408, body: undefined }, OK_REPLY);
    await startPlayback(client(), CALL, { command_id: 'slow' });
    expect(fake.requests).toHaveLength(2);
  });

  it('treats a 2xx that is not JSON as UpstreamUnavailableError, without retrying', async () => {
    fake.enqueue({ status: 200, raw: '<html>maintenance</html>', headers: { 'content-type': 'text/html' } });
    const error = await failure(startPlayback(client(), CALL, {}));
    expect(error).toBeInstanceOf(UpstreamUnavailableError);
    expect(fake.requests).toHaveLength(1);
  });

  it('gives up after maxRetries on a 5xx with UpstreamUnavailableError', async () => {
    fake.setFallback(() => telnyxErrorReply(503, '10007', 'Service unavailable'));
    const error = await failure(startPlayback(client({ maxRetries: 2 }), CALL, {}));
    expect(error).toBeInstanceOf(UpstreamUnavailableError);
    expect(fake.requests).toHaveLength(3);
  });

  it('waits the Retry-After seconds on 429 and retries', async () => {
    fake.enqueue(telnyxErrorReply(429, '10011', 'Too many requests', undefined, { 'retry-after': '1' }), OK_REPLY);
    const started = Date.now();
    await startPlayback(client(), CALL, {});
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(fake.requests).toHaveLength(2);
  });

  it('answers RateLimitedError with retryAfter from x-ratelimit-reset when the wait is longer than the gateway waits', async () => {
    fake.setFallback(() =>
      telnyxErrorReply(429, '10011', 'Too many requests', undefined, { 'x-ratelimit-reset': '42' }),
    );
    const error = await failure(startPlayback(client(), CALL, {}));
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfter).toBe(42);
    expect(fake.requests).toHaveLength(1);
  });

  it('hands a wait longer than maxServerWaitMs back to the client at once', async () => {
    fake.setFallback(() => telnyxErrorReply(429, '10011', 'Too many requests', undefined, { 'retry-after': '2' }));
    const started = Date.now();
    const error = (await failure(startPlayback(client({ maxServerWaitMs: 1_000 }), CALL, {}))) as RateLimitedError;
    expect(error.retryAfter).toBe(2);
    expect(Date.now() - started).toBeLessThan(900);
    expect(fake.requests).toHaveLength(1);
  });

  it('prefers Retry-After over x-ratelimit-reset', async () => {
    fake.setFallback(() =>
      telnyxErrorReply(429, '10011', 'Too many requests', undefined, { 'retry-after': '30', 'x-ratelimit-reset': '5' }),
    );
    const error = (await failure(startPlayback(client(), CALL, {}))) as RateLimitedError;
    expect(error.retryAfter).toBe(30);
  });

  it('retries a 429 without headers with backoff, then reports RATE_LIMITED', async () => {
    fake.setFallback(() => telnyxErrorReply(429, '10011', 'Too many requests'));
    const error = (await failure(startPlayback(client({ maxRetries: 1 }), CALL, {}))) as RateLimitedError;
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error.retryAfter).toBeGreaterThanOrEqual(1);
    expect(fake.requests).toHaveLength(2);
  });

  it('times out a hanging answer and retries, ending in UpstreamUnavailableError', async () => {
    fake.setFallback(() => ({ hang: true }));
    const started = Date.now();
    const error = await failure(startPlayback(client({ timeoutMs: 150, maxRetries: 1 }), CALL, {}));
    expect(error).toBeInstanceOf(UpstreamUnavailableError);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(fake.requests).toHaveLength(2);
  });

  it('keeps the whole request within the overall deadline, retries included', async () => {
    fake.setFallback(() => ({ hang: true }));
    const started = Date.now();
    const error = await failure(startPlayback(client({ timeoutMs: 1_000, maxRetries: 5, deadlineMs: 400 }), CALL, {}));
    expect(error).toBeInstanceOf(UpstreamUnavailableError);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('retries a dropped connection and succeeds', async () => {
    fake.enqueue({ drop: true }, OK_REPLY);
    await expect(startPlayback(client(), CALL, { command_id: 'd' })).resolves.toEqual({ data: { result: 'ok' } });
    expect(fake.requests).toHaveLength(2);
  });

  it('closes within the grace period even while a request hangs', async () => {
    fake.setFallback(() => ({ hang: true }));
    const c = client({ timeoutMs: 10_000, maxRetries: 0 });
    const pending = failure(startPlayback(c, CALL, {}));
    await fake.waitForRequests(1);
    const started = Date.now();
    await c.close(100);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(await pending).toBeInstanceOf(UpstreamUnavailableError);
  });

  it('reports an unreachable Telnyx as UpstreamUnavailableError', async () => {
    const address = fake.baseUrl;
    await fake.close();
    fake = await startFakeTelnyx();
    const error = await failure(startPlayback(client({ baseUrl: address, maxRetries: 1 }), CALL, {}));
    expect(error).toBeInstanceOf(UpstreamUnavailableError);
  });

  it('never puts the API key in an error message or error extensions', async () => {
    const replies = [
      telnyxErrorReply(401, '10009', 'Authentication failed'),
      { drop: true } as const,
      { hang: true } as const,
      telnyxErrorReply(429, '10011', 'Too many requests', undefined, { 'retry-after': '99' }),
    ];
    for (const reply of replies) {
      fake.setFallback(() => reply);
      const error = (await failure(startPlayback(client({ timeoutMs: 100, maxRetries: 0 }), CALL, {}))) as Error & {
        extensions?: unknown;
      };
      const shown = JSON.stringify({
        message: error.message,
        stack: error.stack,
        extensions: error.extensions,
        cause: String(error.cause),
      });
      expect(shown).not.toContain(API_KEY);
    }
  });

  it('observes each request in the telnyx request histogram by operation and outcome', async () => {
    fake.enqueue(OK_REPLY, telnyxErrorReply(422, '90018', 'Call has already ended'));
    const c = client();
    await startPlayback(c, CALL, {});
    await failure(startPlayback(c, CALL, {}));
    const text = await metrics.registry.metrics();
    expect(text).toMatch(/vmg_telnyx_request_seconds_count\{operation="playback_start",outcome="ok"\} 1/);
    expect(text).toMatch(/vmg_telnyx_request_seconds_count\{operation="playback_start",outcome="telnyx_error"\} 1/);
  });

  it('refuses a response far larger than Telnyx ever sends', async () => {
    fake.setFallback(() => ({ status: 200, body: { data: 'x'.repeat(9 * 1024 * 1024) } }));
    const error = await failure(startPlayback(client({ timeoutMs: 15_000 }), CALL, {}));
    expect(error).toBeInstanceOf(UpstreamUnavailableError);
    expect((error as Error).message).toContain('more than');
    expect(fake.requests).toHaveLength(1);
  });

  it('logs retries and a refused API key for the operator, never the key', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    fake.enqueue(
      telnyxErrorReply(500, '10007', 'Internal server error'),
      { drop: true },
      { hang: true },
      telnyxErrorReply(429, '10011', 'Too many requests', undefined, { 'retry-after': '0' }),
      telnyxErrorReply(401, '10009', 'Authentication failed'),
    );
    await failure(
      startPlayback(client({ logger: createLogger('trace', sink), maxRetries: 5, timeoutMs: 150 }), CALL, {}),
    );
    const logged = lines.join('');
    expect(logged).toContain('retrying Telnyx request');
    expect(logged).toContain('Telnyx refused the API key');
    expect(logged).not.toContain(API_KEY);
  });
});

describe('TelnyxClient hedging', () => {
  it('answers a command whose first attempt stalls with a second attempt carrying the same command_id', async () => {
    fake.enqueue({ hang: true }, OK_REPLY);
    const started = Date.now();
    const response = await startPlayback(client({ timeoutMs: 10_000, maxRetries: 0 }), CALL, {
      audio_url: 'https://example.com/a.mp3',
      command_id: 'hedged-1',
    });
    expect(response).toEqual({ data: { result: 'ok' } });
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(490);
    expect(elapsed).toBeLessThan(5_000);
    expect(fake.requests).toHaveLength(2);
    expect(fake.requests[1]!.rawBody).toBe(fake.requests[0]!.rawBody);
    expect((fake.requests[1]!.body as { command_id: string }).command_id).toBe('hedged-1');
  });

  it('sends the second attempt only when the upstream budget clears it', async () => {
    fake.enqueue({ hang: true }, OK_REPLY);
    const telnyx = client({ timeoutMs: 1_500, maxRetries: 0 });
    const outcome = failure(
      startPlayback(telnyx, CALL, { audio_url: 'https://example.com/a.mp3', command_id: 'hedged-2' }),
    );
    await fake.waitForRequests(1);
    // A 429 seen elsewhere pauses every send for longer than the gateway waits out itself.
    telnyx.budget.pause(60_000);
    const error = await outcome;
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(fake.requests).toHaveLength(1);
  });

  it('does not send a command without a command_id twice', async () => {
    fake.enqueue({ hang: true }, OK_REPLY);
    const error = await failure(
      startPlayback(client({ timeoutMs: 800, maxRetries: 0 }), CALL, { audio_url: 'https://example.com/a.mp3' }),
    );
    expect(error).toBeInstanceOf(UpstreamUnavailableError);
    expect(fake.requests).toHaveLength(1);
  });
});

describe('retryAfterSeconds', () => {
  it('reads Retry-After as seconds or as an HTTP date, then falls back to x-ratelimit-reset', () => {
    const now = Date.parse('2026-11-26T03:00:00Z');
    expect(retryAfterSeconds({ 'retry-after': '7' }, now)).toBe(7);
    expect(retryAfterSeconds({ 'retry-after': 'Thu, 26 Nov 2026 03:00:30 GMT' }, now)).toBe(30);
    expect(retryAfterSeconds({ 'retry-after': 'Thu, 26 Nov 2026 02:00:00 GMT' }, now)).toBe(0);
    expect(retryAfterSeconds({ 'x-ratelimit-reset': '12' }, now)).toBe(12);
    expect(retryAfterSeconds({ 'retry-after': 'soon', 'x-ratelimit-reset': '3' }, now)).toBe(3);
    expect(retryAfterSeconds({}, now)).toBeUndefined();
  });
});
