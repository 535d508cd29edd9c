import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { signToken } from '../auth/tokens';
import { ONE_SEND_PER_ATTEMPT, startGateway, type Harness } from '../support/gateway';
import { transports, transportsRunning, verdictOf, type Operation, type OperationType } from '../support/transports';

/** GATEWAY_AUTH=jwt: the same token gets the same answer over every transport. */

const OWN_CALL = 'v3:parity-own-call';
const OTHER_CALL = 'v3:parity-other-call';
const PLAY = {
  query: `mutation Play($id: ID!) { startPlayback(input: { callControlId: $id, audioUrl: "https://example.com/a.mp3" }) { callControlId result } }`,
  variables: { id: OTHER_CALL },
};
const CALL_STATUS = {
  query: 'query CallStatus($id: ID!) { call(callControlId: $id) { callControlId } }',
  variables: { id: OTHER_CALL },
};
const CURSOR = { query: '{ latestEventCursor }' };
const CALL_EVENTS = {
  query: 'subscription Events($id: ID) { callEvents(callControlId: $id) { id } }',
  variables: { id: OTHER_CALL },
};

let h: Harness;
const tokens: Record<'writer' | 'reader' | 'ownCallOnly' | 'wrongSignature', string> = {
  writer: '',
  reader: '',
  ownCallOnly: '',
  wrongSignature: '',
};
beforeAll(async () => {
  h = await startGateway({ tuning: ONE_SEND_PER_ATTEMPT });
  tokens.writer = await signToken({ scope: 'media:write' });
  tokens.reader = await signToken({ scope: 'events:read' });
  tokens.ownCallOnly = await signToken({ scope: 'media:write events:read', calls: [OWN_CALL] });
  tokens.wrongSignature = await signToken({ secret: 'an-attacker-secret-0123456789-abcdefghijkl' });
});
afterAll(() => h.close());
beforeEach(() => {
  h.telnyx.requests.length = 0;
});

/** One operation of each type, paired with every transport that runs that type. */
const everyOperation: Array<{ type: OperationType; operation: Operation }> = [
  { type: 'query', operation: CURSOR },
  { type: 'mutation', operation: PLAY },
  { type: 'subscription', operation: CALL_EVENTS },
];
const unauthenticatedCases = everyOperation.flatMap(({ type, operation }) =>
  transportsRunning(type).map((transport) => ({ transport, operation, name: `${type} over ${transport.name}` })),
);

describe('authentication', () => {
  it.each(unauthenticatedCases)('refuses no token before anything runs: $name', async ({ transport, operation }) => {
    const outcome = await transport.run(h, operation);
    expect(verdictOf(outcome)).toEqual(transport.answers.unauthenticated);
    for (const error of outcome.errors ?? []) expect(error.message).toMatch(/^Missing bearer token/);
    expect(h.telnyx.requests).toEqual([]);
  });

  it.each(unauthenticatedCases)('refuses a token with a wrong signature: $name', async ({ transport, operation }) => {
    const outcome = await transport.run(h, operation, { token: tokens.wrongSignature });
    expect(verdictOf(outcome)).toEqual(transport.answers.unauthenticated);
    for (const error of outcome.errors ?? []) expect(error.message).toMatch(/signature invalid/);
    expect(h.telnyx.requests).toEqual([]);
  });
});

describe('scopes', () => {
  it.each(transportsRunning('mutation'))(
    'forbids a mutation to a token without media:write, sending nothing to Telnyx, over $name',
    async (transport) => {
      const outcome = await transport.run(h, PLAY, { token: tokens.reader });
      expect(verdictOf(outcome)).toEqual({ ...transport.answers.executed, codes: ['FORBIDDEN'] });
      expect(outcome.data).toBeNull();
      expect(outcome.errors?.[0]?.path).toEqual(['startPlayback']);
      expect(h.telnyx.requests).toEqual([]);
    },
  );

  it.each(transports)('forbids a query to a token without events:read over $name', async (transport) => {
    const outcome = await transport.run(h, CURSOR, { token: tokens.writer });
    expect(verdictOf(outcome)).toEqual({ ...transport.answers.executed, codes: ['FORBIDDEN'] });
    expect(outcome.errors?.[0]?.path).toEqual(['latestEventCursor']);
  });

  it.each(transportsRunning('subscription'))(
    'forbids a subscription to a token without events:read over $name',
    async (transport) => {
      const outcome = await transport.run(h, CALL_EVENTS, { token: tokens.writer });
      expect(verdictOf(outcome)).toEqual({ ...transport.answers.executed, codes: ['FORBIDDEN'] });
    },
  );
});

describe("the token's calls claim", () => {
  it.each(transportsRunning('mutation'))(
    'forbids a mutation on another call and runs it on its own, over $name',
    async (transport) => {
      const other = await transport.run(h, PLAY, { token: tokens.ownCallOnly });
      expect(verdictOf(other)).toEqual({ ...transport.answers.executed, codes: ['FORBIDDEN'] });
      expect(h.telnyx.requests).toEqual([]);
      const own = await transport.run(h, { ...PLAY, variables: { id: OWN_CALL } }, { token: tokens.ownCallOnly });
      expect(own.data).toEqual({ startPlayback: { callControlId: OWN_CALL, result: 'ok' } });
      expect(h.telnyx.requests).toHaveLength(1);
    },
  );

  it.each(transports)(
    'forbids the call query for another call, asking Telnyx nothing, over $name',
    async (transport) => {
      const outcome = await transport.run(h, CALL_STATUS, { token: tokens.ownCallOnly });
      expect(verdictOf(outcome)).toEqual({ ...transport.answers.executed, codes: ['FORBIDDEN'] });
      expect(outcome.data).toEqual({ call: null });
      expect(h.telnyx.requests).toEqual([]);
    },
  );

  it.each(transportsRunning('subscription'))(
    "forbids a subscription to another call's events over $name",
    async (transport) => {
      const outcome = await transport.run(h, CALL_EVENTS, { token: tokens.ownCallOnly });
      expect(verdictOf(outcome)).toEqual({ ...transport.answers.executed, codes: ['FORBIDDEN'] });
    },
  );
});
