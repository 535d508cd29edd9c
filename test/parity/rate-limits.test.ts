import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { signToken } from '../auth/tokens';
import { ONE_SEND_PER_ATTEMPT, startGateway, type Harness } from '../support/gateway';
import { transportsRunning, verdictOf, type Outcome, type Transport } from '../support/transports';
import { awayFromMinuteEnd } from '../support/wait';

/** GATEWAY_RATE_LIMIT_MUTATIONS_PER_MINUTE: one count per token subject, whichever transport it uses. */

const PER_MINUTE = 2;
const SPEAK = {
  query: `mutation Speak($id: ID!) { speak(input: { callControlId: $id, payload: "hi", voice: "Telnyx.KokoroTTS.af" }) { result } }`,
  variables: { id: 'v3:parity-rate-limited' },
};

let h: Harness;
beforeAll(async () => {
  h = await startGateway({
    env: { GATEWAY_RATE_LIMIT_MUTATIONS_PER_MINUTE: String(PER_MINUTE) },
    tuning: ONE_SEND_PER_ATTEMPT,
  });
});
afterAll(() => h.close());
beforeEach(async () => {
  // Each test takes well under a second: a window that ends within two could reset its count.
  await awayFromMinuteEnd(2_000);
  h.telnyx.requests.length = 0;
});

/** The RATE_LIMITED error a transport answers, with its retryAfter in (0, 60]. */
function expectRateLimited(transport: Transport, outcome: Outcome) {
  expect(verdictOf(outcome)).toEqual({ ...transport.answers.rateLimited, codes: ['RATE_LIMITED'] });
  expect(outcome.errors?.[0]?.message).toMatch(/^Mutation rate limit reached; retry after \d+ s$/);
  const { retryAfter } = outcome.errors![0]!.extensions as { retryAfter: number };
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(60);
}

describe('the per-client mutation rate limit', () => {
  it.each(transportsRunning('mutation'))(
    'refuses the mutation past the limit with RATE_LIMITED, sending nothing to Telnyx, over $name',
    async (transport) => {
      const token = await signToken({ sub: `parity-${transport.name}` });
      for (let i = 0; i < PER_MINUTE; i++) {
        expect(verdictOf(await transport.run(h, SPEAK, { token }))).toEqual({
          ...transport.answers.executed,
          codes: [],
        });
      }
      expectRateLimited(transport, await transport.run(h, SPEAK, { token }));
      expect(h.telnyx.requests).toHaveLength(PER_MINUTE);
      // Queries are not counted.
      expect((await transport.run(h, { query: '{ latestEventCursor }' }, { token })).errors).toBeUndefined();
    },
  );

  it('keeps one count per subject across every transport', async () => {
    const token = await signToken({ sub: 'parity-across-transports' });
    const mutating = transportsRunning('mutation');
    const outcomes: Outcome[] = [];
    for (const transport of mutating) outcomes.push(await transport.run(h, SPEAK, { token }));
    expect(outcomes.slice(0, PER_MINUTE).map((outcome) => outcome.errors)).toEqual([undefined, undefined]);
    for (const [index, transport] of mutating.entries()) {
      if (index >= PER_MINUTE) expectRateLimited(transport, outcomes[index]!);
    }
    expect(h.telnyx.requests).toHaveLength(PER_MINUTE);
  });
});
