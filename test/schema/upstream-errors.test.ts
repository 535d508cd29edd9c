import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CallStatusDocument, StartRecordingDocument, StopPlaybackDocument } from '../generated/graphql';
import { OK_REPLY, telnyxErrorReply } from '../support/fake-telnyx';
import { errorCode } from '../support/clients';
import { startGateway, TEST_API_KEY, type Harness, type GatewayOptions } from '../support/gateway';
import { CALL, principalsByName } from './principals';

let harness: Harness;
const stop = { input: { callControlId: CALL } };
// 400 ms per attempt (a loaded machine still answers inside it), two retries: failure paths stay
// within a few seconds.
const quickToGiveUp: GatewayOptions = {
  auth: principalsByName,
  env: { TELNYX_TIMEOUT_MS: '400', TELNYX_MAX_RETRIES: '2' },
};

beforeAll(async () => {
  harness = await startGateway(quickToGiveUp);
});
afterAll(async () => {
  await harness.close();
});
async function withOwnHarness(test: (own: Harness) => Promise<void>): Promise<void> {
  const own = await startGateway(quickToGiveUp);
  try {
    await test(own);
  } finally {
    await own.close();
  }
}

beforeEach(() => {
  harness.telnyx.requests.length = 0;
  harness.telnyx.setFallback(() => OK_REPLY);
});

describe('Telnyx answers become typed GraphQL errors', () => {
  it('422 with Telnyx errors → TELNYX_ERROR carrying status and every {code,title,detail}', async () => {
    harness.telnyx.enqueue({
      status: 422,
      body: {
        errors: [
          {
            code: '90018',
            title: 'Call has already ended',
            detail: "This call is no longer active and can't receive commands.",
            meta: { url: 'https://developers.telnyx.com/docs/overview/errors/90018' },
          },
          { code: '10004', title: 'Missing required parameter', source: { pointer: '/format' } },
        ],
      },
    });
    const result = await harness.execute(StopPlaybackDocument, stop);
    expect(result.data).toBeNull();
    expect(result.errors?.[0]?.extensions).toEqual({
      code: 'TELNYX_ERROR',
      telnyx: {
        status: 422,
        errors: [
          {
            code: '90018',
            title: 'Call has already ended',
            detail: "This call is no longer active and can't receive commands.",
          },
          { code: '10004', title: 'Missing required parameter' },
        ],
      },
    });
    expect(result.errors?.[0]?.path).toEqual(['stopPlayback']);
    expect(harness.telnyx.requests).toHaveLength(1);
  });

  it('a 2xx look-up without data → UPSTREAM_UNAVAILABLE, a typed error rather than an internal one', async () => {
    harness.telnyx.enqueue({ status: 200, body: {} });
    const result = await harness.execute(CallStatusDocument, { callControlId: CALL });
    expect(errorCode(result)).toBe('UPSTREAM_UNAVAILABLE');
  });

  it('404 → TELNYX_ERROR with status 404, not retried', async () => {
    harness.telnyx.enqueue(telnyxErrorReply(404, '10005', 'Resource not found', 'invalid call_control_id'));
    const result = await harness.execute(StopPlaybackDocument, stop);
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'TELNYX_ERROR',
      telnyx: { status: 404, errors: [{ code: '10005' }] },
    });
    expect(harness.telnyx.requests).toHaveLength(1);
  });

  it('401 → TELNYX_ERROR with status 401, and the key appears nowhere in the response', async () => {
    harness.telnyx.enqueue(telnyxErrorReply(401, '10009', 'Authentication failed'));
    const result = await harness.execute(StopPlaybackDocument, stop);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'TELNYX_ERROR', telnyx: { status: 401 } });
    expect(JSON.stringify(result)).not.toContain(TEST_API_KEY);
  });

  // A long 429 pauses every request to Telnyx until its reset: each of these gets a gateway of its own.
  it('429 with Retry-After beyond the deadline → RATE_LIMITED with that retryAfter, at once', async () => {
    await withOwnHarness(async (own) => {
      own.telnyx.enqueue(telnyxErrorReply(429, '10011', 'Too many requests', undefined, { 'retry-after': '120' }));
      const result = await own.execute(StopPlaybackDocument, stop);
      expect(result.errors?.[0]?.extensions).toEqual({ code: 'RATE_LIMITED', retryAfter: 120 });
      expect(own.telnyx.requests).toHaveLength(1);
    });
  });

  it('429 with x-ratelimit-reset and no Retry-After → RATE_LIMITED with the reset seconds', async () => {
    await withOwnHarness(async (own) => {
      own.telnyx.enqueue(
        telnyxErrorReply(429, '10011', 'Too many requests', undefined, {
          'x-ratelimit-limit': '100',
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': '37',
        }),
      );
      const result = await own.execute(StopPlaybackDocument, stop);
      expect(result.errors?.[0]?.extensions).toEqual({ code: 'RATE_LIMITED', retryAfter: 37 });
    });
  });

  it('429 with a short Retry-After is waited out and retried with the same command_id', async () => {
    harness.telnyx.enqueue(
      telnyxErrorReply(429, '10011', 'Too many requests', undefined, { 'retry-after': '0' }),
      OK_REPLY,
    );
    const result = await harness.execute(StopPlaybackDocument, stop);
    expect(result.errors).toBeUndefined();
    expect(harness.telnyx.requests).toHaveLength(2);
    expect(harness.telnyx.requests[1]?.body).toEqual(harness.telnyx.requests[0]?.body);
  });

  it('429 without any header is retried with backoff, then RATE_LIMITED', async () => {
    harness.telnyx.setFallback(() => telnyxErrorReply(429, '10011', 'Too many requests'));
    const result = await harness.execute(StopPlaybackDocument, stop);
    expect(errorCode(result)).toBe('RATE_LIMITED');
    expect(result.errors?.[0]?.extensions?.retryAfter).toBeGreaterThanOrEqual(1);
    expect(harness.telnyx.requests).toHaveLength(3);
  });

  it('500 then success → the mutation succeeds; the retry carries the same generated command_id', async () => {
    harness.telnyx.enqueue(telnyxErrorReply(500, '10007', 'Internal server error'), OK_REPLY);
    const result = await harness.execute(StopPlaybackDocument, stop);
    expect(result.errors).toBeUndefined();
    const [first, second] = harness.telnyx.requests.map(
      (request) => (request.body as { command_id: string }).command_id,
    );
    expect(second).toBe(first);
    expect(result.data?.stopPlayback.commandId).toBe(first);
  });

  it('500 forever → UPSTREAM_UNAVAILABLE after the retries', async () => {
    harness.telnyx.setFallback(() => telnyxErrorReply(500, '10007', 'Internal server error'));
    const result = await harness.execute(StopPlaybackDocument, stop);
    expect(errorCode(result)).toBe('UPSTREAM_UNAVAILABLE');
    expect(harness.telnyx.requests).toHaveLength(3);
  });

  it('an answer that never comes → UPSTREAM_UNAVAILABLE after the per-attempt timeouts', async () => {
    harness.telnyx.setFallback(() => ({ hang: true }));
    const started = Date.now();
    const result = await harness.execute(StopPlaybackDocument, stop);
    expect(errorCode(result)).toBe('UPSTREAM_UNAVAILABLE');
    expect(harness.telnyx.requests).toHaveLength(3);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('a dropped connection → retried; dropped every time → UPSTREAM_UNAVAILABLE', async () => {
    harness.telnyx.enqueue({ drop: true }, OK_REPLY);
    expect((await harness.execute(StopPlaybackDocument, stop)).errors).toBeUndefined();
    harness.telnyx.requests.length = 0;
    harness.telnyx.setFallback(() => ({ drop: true }));
    const result = await harness.execute(StopPlaybackDocument, stop);
    expect(errorCode(result)).toBe('UPSTREAM_UNAVAILABLE');
    expect(harness.telnyx.requests).toHaveLength(3);
  });

  it('a failing startRecording leaves no background status fetch behind', async () => {
    harness.telnyx.enqueue(telnyxErrorReply(422, '90034', 'Call not answered yet'));
    const result = await harness.execute(StartRecordingDocument, {
      input: { callControlId: CALL, format: 'MP3', channels: 'SINGLE' },
    });
    expect(errorCode(result)).toBe('TELNYX_ERROR');
    // Proving an absence: a background fetch would have been sent within these 50 ms.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(harness.telnyx.requests.map((request) => request.method)).toEqual(['POST']);
  });

  it('counts requests per operation and outcome in /metrics', async () => {
    harness.telnyx.enqueue(telnyxErrorReply(422, '90018', 'Call has already ended'));
    await harness.execute(StopPlaybackDocument, stop);
    const text = await (await fetch(`${harness.url}/metrics`)).text();
    expect(text).toMatch(/vmg_telnyx_request_seconds_count\{operation="playback_stop",outcome="telnyx_error"\} [1-9]/);
  });
});
