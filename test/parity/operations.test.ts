import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../auth/tokens';
import { ONE_SEND_PER_ATTEMPT, startGateway, type Harness } from '../support/gateway';
import { envelopeOf, itOver, transports, transportsRunning, verdictOf, type Transport } from '../support/transports';

/**
 * What a client sees of an operation (its data, its errors' codes, messages, paths and fields) is the
 * same over every transport; only the envelope differs, as each transport declares.
 */

const SPEAK = `mutation Speak($id: ID!) {
  speak(input: { callControlId: $id, payload: "hello", voice: "Telnyx.KokoroTTS.af" }) { callControlId commandId result }
}`;
const CALL_STATUS = 'query CallStatus($id: ID!) { call(callControlId: $id) { callControlId } }';

/** The operation limits README documents (tokens 1000, depth 16, aliases 15, directives 20, cost 20,000). */
const nest = (field: string, depth: number): string =>
  depth === 0 ? 'name' : `${field} { ${nest(field, depth - 1)} }`;
const overLimit = {
  depth: `{ __schema { queryType { ${nest('ofType', 16)} } } }`,
  aliases: `{ ${Array.from({ length: 16 }, (_, i) => `a${i}: latestEventCursor`).join(' ')} }`,
  directives: `{ __typename ${'@include(if: true) '.repeat(21)} }`,
  tokens: `{ ${'__typename '.repeat(1_000)} }`,
  cost: `fragment F on __Type { ${nest('ofType', 12)} } { __schema { types { ${'...F '.repeat(40)} } } }`,
};

/** A call id of this transport's own, so that what reached Telnyx can be told apart. */
const callOf = (transport: Transport, what: string) =>
  `v3:parity-${what}-${transport.name.replace(/[^a-z0-9]+/gi, '-')}`;

let h: Harness;
let token: string;
beforeAll(async () => {
  h = await startGateway({ tuning: ONE_SEND_PER_ATTEMPT });
  token = await signToken({ scope: 'events:read media:write' });
});
afterAll(() => h.close());

/** The requests Telnyx received about `callControlId`. */
function sentToTelnyx(callControlId: string) {
  return h.telnyx.requests.filter((request) => decodeURIComponent(request.pathname).includes(`/${callControlId}/`));
}

describe('success', () => {
  it.each(transports)('answers a query with its data over $name', async (transport) => {
    const outcome = await transport.run(h, { query: '{ latestEventCursor }' }, { token });
    expect(verdictOf(outcome)).toEqual({ ...transport.answers.executed, codes: [] });
    expect(outcome.results).toEqual([{ data: { latestEventCursor: expect.any(String) } }]);
  });

  it.each(transportsRunning('mutation'))(
    'runs a mutation once, answering its payload, over $name',
    async (transport) => {
      const callControlId = callOf(transport, 'speak');
      const outcome = await transport.run(h, { query: SPEAK, variables: { id: callControlId } }, { token });
      expect(verdictOf(outcome)).toEqual({ ...transport.answers.executed, codes: [] });
      expect(outcome.results).toEqual([
        { data: { speak: { callControlId, commandId: expect.any(String), result: 'ok' } } },
      ]);
      const sent = sentToTelnyx(callControlId);
      expect(sent.map((request) => request.pathname.split('/').at(-1))).toEqual(['speak']);
      expect((sent[0]!.body as { command_id: string }).command_id).toBe(outcome.data!.speak.commandId);
    },
  );

  it.each(transports.filter((transport) => transport.refuses.mutation))(
    'refuses a mutation over $name, sending nothing to Telnyx',
    async (transport) => {
      const callControlId = callOf(transport, 'refused');
      const outcome = await transport.run(h, { query: SPEAK, variables: { id: callControlId } }, { token });
      expect(verdictOf(outcome)).toEqual(transport.refuses.mutation);
      expect(sentToTelnyx(callControlId)).toEqual([]);
    },
  );
});

describe('documents refused before they run', () => {
  it.each(transports)('answers a parse error with GRAPHQL_PARSE_FAILED over $name', async (transport) => {
    const outcome = await transport.run(h, { query: '{ latestEventCursor' }, { token });
    expect(verdictOf(outcome)).toEqual({ ...transport.answers.refusedDocument, codes: ['GRAPHQL_PARSE_FAILED'] });
    expect(outcome.errors?.[0]?.message).toBe('Syntax Error: Expected Name, found <EOF>.');
    expect(outcome.data ?? undefined).toBeUndefined();
  });

  it.each(transports)('answers an unknown field with GRAPHQL_VALIDATION_FAILED over $name', async (transport) => {
    const outcome = await transport.run(h, { query: '{ latestEventCurso }' }, { token });
    expect(verdictOf(outcome)).toEqual({
      ...transport.answers.refusedDocument,
      codes: ['GRAPHQL_VALIDATION_FAILED'],
    });
    expect(outcome.errors?.[0]?.message).toMatch(/^Cannot query field "latestEventCurso" on type "Query"\./);
    expect(outcome.errors?.[0]?.path).toBeUndefined();
  });

  describe.each(Object.entries(overLimit))('over the %s limit', (limit, query) => {
    it.each(transports)('refuses the document, naming the limit, over $name', async (transport) => {
      const outcome = await transport.run(h, { query }, { token });
      expect(envelopeOf(outcome)).toEqual(transport.answers.refusedDocument);
      expect(outcome.errors).toEqual([
        {
          message: expect.stringMatching(/limit of \d+ exceeded/i),
          extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit },
        },
      ]);
    });
  });
});

describe('bad input', () => {
  it.each(transportsRunning('mutation'))(
    'answers a bad callControlId with BAD_USER_INPUT naming the field, sending nothing to Telnyx, over $name',
    async (transport) => {
      const callControlId = '../calls x';
      const outcome = await transport.run(h, { query: SPEAK, variables: { id: callControlId } }, { token });
      expect(verdictOf(outcome)).toEqual({ ...transport.answers.executed, codes: ['BAD_USER_INPUT'] });
      expect(outcome.data).toBeNull();
      expect(outcome.errors?.[0]).toMatchObject({
        message: expect.stringMatching(/^input\.callControlId: /),
        path: ['speak'],
        extensions: { code: 'BAD_USER_INPUT', field: 'input.callControlId' },
      });
      expect(sentToTelnyx(callControlId)).toEqual([]);
    },
  );

  it.each(transports)(
    'answers a bad query argument with BAD_USER_INPUT, the field null, over $name',
    async (transport) => {
      const outcome = await transport.run(h, { query: CALL_STATUS, variables: { id: 'a b' } }, { token });
      expect(verdictOf(outcome)).toEqual({ ...transport.answers.executed, codes: ['BAD_USER_INPUT'] });
      expect(outcome.data).toEqual({ call: null });
      expect(outcome.errors?.[0]).toMatchObject({ path: ['call'], extensions: { field: 'callControlId' } });
    },
  );

  describe.each(transports)('a variable that does not fit its type, over $name', (transport) => {
    itOver(transport, 'variablesStatus')('is a request error: BAD_USER_INPUT naming it, no data', async () => {
      const outcome = await transport.run(h, { query: CALL_STATUS, variables: { id: null } }, { token });
      expect(verdictOf(outcome)).toEqual({ ...transport.answers.refusedVariables, codes: ['BAD_USER_INPUT'] });
      expect(outcome.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'id' });
      expect(outcome.results[0]).not.toHaveProperty('data');
    });
  });
});
