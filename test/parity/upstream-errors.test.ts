import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { signToken } from '../auth/tokens';
import { telnyxErrorReply } from '../support/fake-telnyx';
import { ONE_SEND_PER_ATTEMPT, startGateway, TEST_API_KEY, type Harness } from '../support/gateway';
import { transportsRunning, verdictOf, type Operation } from '../support/transports';

/** What Telnyx answers reaches a client as the same typed error over every transport. */

const STOP_PLAYBACK: Operation = {
  query: 'mutation Stop($id: ID!) { stopPlayback(input: { callControlId: $id }) { result } }',
  variables: { id: 'v3:parity-upstream' },
};
const CALL_STATUS: Operation = {
  query: 'query CallStatus($id: ID!) { call(callControlId: $id) { callControlId isAlive } }',
  variables: { id: 'v3:parity-upstream' },
};
/** One operation of each type a transport runs, with the path its error names. */
const operations = [
  { type: 'query', operation: CALL_STATUS, path: ['call'], data: { call: null } },
  { type: 'mutation', operation: STOP_PLAYBACK, path: ['stopPlayback'], data: null },
] as const;
const cases = operations.flatMap(({ type, ...rest }) =>
  transportsRunning(type).map((transport) => ({ ...rest, type, transport, name: `${type} over ${transport.name}` })),
);

let token: string;
beforeAll(async () => {
  token = await signToken({ scope: 'events:read media:write' });
});

describe('Telnyx refusing, failing', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startGateway({ tuning: ONE_SEND_PER_ATTEMPT });
  });
  afterAll(() => h.close());
  beforeEach(() => {
    h.telnyx.requests.length = 0;
  });

  it.each(cases)('a 422 → TELNYX_ERROR with extensions.telnyx: $name', async ({ transport, operation, path, data }) => {
    h.telnyx.enqueue(telnyxErrorReply(422, '90018', 'Call has already ended', 'This call is no longer active.'));
    const outcome = await transport.run(h, operation, { token });
    expect(verdictOf(outcome)).toEqual({ ...transport.answers.executed, codes: ['TELNYX_ERROR'] });
    expect(outcome.data).toEqual(data);
    expect(outcome.errors?.[0]).toMatchObject({
      message: 'Telnyx: Call has already ended (This call is no longer active.)',
      path,
      extensions: {
        code: 'TELNYX_ERROR',
        telnyx: {
          status: 422,
          errors: [{ code: '90018', title: 'Call has already ended', detail: 'This call is no longer active.' }],
        },
      },
    });
    expect(JSON.stringify(outcome)).not.toContain(TEST_API_KEY);
    expect(h.telnyx.requests).toHaveLength(1);
  });

  it.each(cases)(
    'a 500 (no retries configured) → UPSTREAM_UNAVAILABLE: $name',
    async ({ transport, operation, path }) => {
      h.telnyx.enqueue(telnyxErrorReply(500, '10007', 'Internal server error'));
      const outcome = await transport.run(h, operation, { token });
      expect(verdictOf(outcome)).toEqual({ ...transport.answers.executed, codes: ['UPSTREAM_UNAVAILABLE'] });
      expect(outcome.errors?.[0]?.path).toEqual(path);
      expect(h.telnyx.requests).toHaveLength(1);
    },
  );
});

// A Telnyx 429 pauses every request to Telnyx until its reset: this gateway is only for that.
describe('Telnyx rate limiting', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startGateway({ tuning: ONE_SEND_PER_ATTEMPT });
    h.telnyx.setFallback(() => telnyxErrorReply(429, '10011', 'Too many requests', undefined, { 'retry-after': '30' }));
  });
  afterAll(() => h.close());

  it.each(cases)('a 429 → RATE_LIMITED with retryAfter: $name', async ({ transport, operation, path }) => {
    const outcome = await transport.run(h, operation, { token });
    expect(verdictOf(outcome)).toEqual({ ...transport.answers.executed, codes: ['RATE_LIMITED'] });
    expect(outcome.errors?.[0]?.path).toEqual(path);
    const { retryAfter } = outcome.errors![0]!.extensions as { retryAfter: number };
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(30);
  });
});
