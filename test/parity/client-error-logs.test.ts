import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../auth/tokens';
import { ONE_SEND_PER_ATTEMPT, startGateway, type Harness } from '../support/gateway';
import { transports, type Operation, type Transport } from '../support/transports';

/**
 * A client's mistake is logged as the client's, at debug or info with its code, never as a server
 * error, whichever transport carried it (a plugin hooked on one path only would miss the others).
 */

const BAD_INPUT: Operation = { query: 'query BadInput { call(callControlId: "a b") { id } }' };
const CALL_ENDED: Operation = { query: 'query Ended { call(callControlId: "v3:reject-call") { id } }' };
const NULL_VARIABLE: Operation = {
  query: 'query NullVariable($id: ID!) { call(callControlId: $id) { id } }',
  variables: { id: null },
};
const DEBUG = 20;
const INFO = 30;

let h: Harness;
beforeAll(async () => {
  h = await startGateway({ env: { LOG_LEVEL: 'debug' }, tuning: ONE_SEND_PER_ATTEMPT });
});
afterAll(() => h.close());

/** Runs `operation` as a client of its own (the log's rate limit is per client); the lines it logged from info up, and its refusals. */
async function logsOf(transport: Transport, operation: Operation, what: string) {
  const subject = `parity-${what}-${transport.name.replace(/[^a-z0-9]+/gi, '-')}`;
  const before = h.logs.length;
  await transport.run(h, operation, { token: await signToken({ sub: subject }) });
  const lines = h.logs.slice(before).map((line) => JSON.parse(line) as Record<string, unknown>);
  return {
    client: `sub:${subject}`,
    refusals: lines.filter((line) => line.msg === 'request refused' || line.msg === 'request failed'),
    errors: lines.filter((line) => Number(line.level) >= 40),
  };
}

describe('client mistakes in the log', () => {
  it.each(transports)(
    'logs bad input at debug as BAD_USER_INPUT, against the client, over $name',
    async (transport) => {
      const { client, refusals, errors } = await logsOf(transport, BAD_INPUT, 'bad-input');
      expect(refusals).toEqual([expect.objectContaining({ level: DEBUG, code: 'BAD_USER_INPUT', client })]);
      expect(errors).toEqual([]);
    },
  );

  it.each(transports)(
    'logs a Telnyx refusal at info as TELNYX_ERROR, against the client, over $name',
    async (transport) => {
      const { client, refusals, errors } = await logsOf(transport, CALL_ENDED, 'telnyx');
      expect(refusals).toEqual([expect.objectContaining({ level: INFO, code: 'TELNYX_ERROR', client })]);
      expect(errors).toEqual([]);
    },
  );

  it.each(transports)(
    'logs a null for a non-null variable with the code the client sees, over $name',
    async (transport) => {
      const { client, refusals, errors } = await logsOf(transport, NULL_VARIABLE, 'null-variable');
      expect(refusals).toEqual([expect.objectContaining({ level: DEBUG, code: 'BAD_USER_INPUT', client })]);
      expect(errors).toEqual([]);
    },
  );
});
