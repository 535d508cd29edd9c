import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startGateway, type Harness } from '../support/gateway';

/**
 * Times in Telnyx's answers are ISO 8601, not always RFC 3339: the gateway reads every form and
 * answers RFC 3339; a value that is no time at all makes that field null with an error at its
 * path, and the log says so once per field.
 */
const CALL = 'v3:telnyx-times';
let startTime: unknown;
let createdAt: unknown;

let harness: Harness;

beforeAll(async () => {
  harness = await startGateway({ auth: 'off', env: { LOG_LEVEL: 'warn' } });
  harness.telnyx.setFallback((request) => {
    if (request.pathname === `/v2/calls/${CALL}`) {
      const status = { call_control_id: CALL, call_leg_id: 'leg', call_session_id: 'session', is_alive: false };
      return { status: 200, body: { data: { ...status, start_time: startTime, end_time: '2026-11-24T10:01:00Z' } } };
    }
    const data = ['rec-1', 'rec-2'].map((id) => ({
      id,
      created_at: createdAt,
      updated_at: '2026-11-24T10:01:00+0000',
    }));
    return { status: 200, body: { data, meta: { page_number: 1, page_size: 20, total_pages: 1, total_results: 2 } } };
  });
});
afterAll(async () => {
  await harness.close();
});
beforeEach(() => {
  harness.logs.length = 0;
});

const callTimes = `{ call(callControlId: "${CALL}") { startTime endTime } }`;
const warnings = () =>
  harness.logs.map((line) => JSON.parse(line) as { level: number; field?: string }).filter((line) => line.field);

describe('a time in a Telnyx answer', () => {
  it.each([
    ['2019-01-23T18:10:02.574', '2019-01-23T18:10:02.574Z'],
    ['2019-01-23T18:10:02.574+0000', '2019-01-23T18:10:02.574Z'],
    ['2019-01-23T20:10:02+02', '2019-01-23T18:10:02.000Z'],
    ['2019-01-23T18:10:02.574123456Z', '2019-01-23T18:10:02.574Z'],
  ])('%s answers %s', async (sent, answered) => {
    startTime = sent;
    const result = await harness.graphql(callTimes);
    expect(result.body).toEqual({ data: { call: { startTime: answered, endTime: '2026-11-24T10:01:00.000Z' } } });
  });

  it('that is no time at all: the field is null, with an error at its path, logged once per field', async () => {
    startTime = 'yesterday';
    for (let request = 0; request < 3; request++) {
      const result = await harness.graphql(callTimes);
      expect(result.body.data).toEqual({ call: { startTime: null, endTime: '2026-11-24T10:01:00.000Z' } });
      expect(result.body.errors).toEqual([
        expect.objectContaining({
          path: ['call', 'startTime'],
          locations: [expect.objectContaining({ line: 1 })],
          extensions: { code: 'UPSTREAM_UNAVAILABLE' },
        }),
      ]);
    }
    startTime = 1548267002574;
    expect((await harness.graphql(callTimes)).body.errors?.[0]?.path).toEqual(['call', 'startTime']);
    expect(warnings()).toEqual([expect.objectContaining({ level: 40, field: 'Call.startTime' })]);
  });

  it('that is no time on every item of a page: one error per item, one warning', async () => {
    createdAt = '24/11/2026 10:00';
    const result = await harness.graphql('{ recordings { edges { node { id createdAt updatedAt } } } }');
    expect(result.body.errors?.map((error) => error.path)).toEqual([
      ['recordings', 'edges', 0, 'node', 'createdAt'],
      ['recordings', 'edges', 1, 'node', 'createdAt'],
    ]);
    expect(result.body.data).toEqual({
      recordings: {
        edges: ['rec-1', 'rec-2'].map((id) => ({
          node: { id, createdAt: null, updatedAt: '2026-11-24T10:01:00.000Z' },
        })),
      },
    });
    expect(warnings()).toEqual([expect.objectContaining({ field: 'Recording.createdAt' })]);
  });
});
