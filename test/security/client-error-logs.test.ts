import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BadUserInputError, TelnyxError, UpstreamUnavailableError } from '../../src/lib/errors';
import { createLogRateLimiter, describeRequestError } from '../../src/graphql/request-logging';
import { signToken } from '../auth/tokens';
import { runWs } from '../support/clients';
import { startGateway, type Harness } from '../support/gateway';

const SECRET_LOOKING = 'sk_live_51Hq0nOtAsEcReTvAlUe';

let h: Harness;
let token: string;
beforeAll(async () => {
  h = await startGateway({ env: { LOG_LEVEL: 'debug' } });
  token = await signToken({ sub: 'log-client', scope: 'events:read media:write' });
});
afterAll(() => h.close());

const parsed = (lines: string[]) => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
const refusals = (lines: string[]) =>
  parsed(lines).filter((line) => line.msg === 'request refused' || line.msg === 'request failed');

describe('client mistakes in the log', () => {
  it.each([
    [
      'a variable of the wrong type (its value a secret)',
      'mutation($l: Loop) { startPlayback(input: { callControlId: "v3:a", audioUrl: "https://e.com/a.mp3", loop: $l }) { result } }',
      { l: SECRET_LOOKING },
      'BAD_USER_INPUT',
      20,
    ],
    [
      'input refused by validation',
      `mutation { startPlayback(input: { callControlId: "v3:a", audioUrl: "ftp://${SECRET_LOOKING}" }) { result } }`,
      undefined,
      'BAD_USER_INPUT',
      20,
    ],
    [
      'a Telnyx 422 (call ended)',
      'mutation { startPlayback(input: { callControlId: "v3:reject", audioUrl: "https://e.com/a.mp3" }) { result } }',
      undefined,
      'TELNYX_ERROR',
      30,
    ],
  ])('logs %s at debug/info as its code, without stack or value', async (_name, query, variables, code, level) => {
    const before = h.logs.length;
    await h.graphql(query, { token, variables });
    const lines = refusals(h.logs.slice(before));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level, code, client: 'sub:log-client', msg: 'request refused' });
    const text = h.logs.slice(before).join('');
    expect(text).not.toContain(SECRET_LOOKING);
    expect(text).not.toMatch(/"stack"|"level":50/);
  });

  it('logs a websocket operation refused the same way, against its socket token', async () => {
    const before = h.logs.length;
    const collected = await runWs(
      h.wsClient(token),
      'mutation { startPlayback(input: { callControlId: "v3:a", audioUrl: "ftp://e.com/a.mp3" }) { result } }',
    );
    expect(collected.items[0]?.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(refusals(h.logs.slice(before))).toEqual([
      expect.objectContaining({ level: 20, code: 'BAD_USER_INPUT', client: 'sub:log-client' }),
    ]);
  });

  it('logs an expired resume cursor (CURSOR_EXPIRED) at debug', async () => {
    const before = h.logs.length;
    const response = await h.graphql('subscription { callEvents(after: "1-0") { id } }', {
      token,
      headers: { accept: 'text/event-stream' },
    });
    expect(response.text).toContain('CURSOR_EXPIRED');
    expect(refusals(h.logs.slice(before))).toEqual([
      expect.objectContaining({ level: 20, code: 'CURSOR_EXPIRED', client: 'sub:log-client' }),
    ]);
  });

  it('rate-limits a client repeating a mistake: 10 lines a minute, whatever it sends', async () => {
    const flooder = await signToken({ sub: 'flooder', scope: 'events:read media:write' });
    const before = h.logs.length;
    for (let i = 0; i < 30; i += 1) {
      await h.graphql(
        'mutation { startPlayback(input: { callControlId: "v3:a", audioUrl: "ftp://e.com/a.mp3" }) { result } }',
        { token: flooder },
      );
    }
    const lines = refusals(h.logs.slice(before)).filter((line) => line.client === 'sub:flooder');
    expect(lines).toHaveLength(10);
    // Another client's lines are not swallowed by the flood.
    const other = h.logs.length;
    await h.graphql(
      'mutation { startPlayback(input: { callControlId: "v3:a", audioUrl: "ftp://e.com/a.mp3" }) { result } }',
      { token: await signToken({ sub: 'quiet' }) },
    );
    expect(refusals(h.logs.slice(other))).toHaveLength(1);
  });
});

describe('describeRequestError', () => {
  it("keeps error for the gateway's own faults, with the stack", () => {
    const fault = new TypeError('cannot read properties of undefined');
    expect(describeRequestError(fault)).toEqual({ level: 'error', fields: { err: fault } });
  });

  it('ranks client mistakes below upstream trouble', () => {
    expect(describeRequestError(new BadUserInputError('x: bad', 'input.x'))).toEqual({
      level: 'debug',
      fields: { code: 'BAD_USER_INPUT', field: 'input.x' },
    });
    expect(describeRequestError(new TelnyxError(404, [{ code: '10005', title: 'Not found' }])).level).toBe('info');
    expect(describeRequestError(new TelnyxError(503, [])).level).toBe('warn');
    expect(describeRequestError(new UpstreamUnavailableError('timed out')).level).toBe('warn');
  });
});

describe('log rate limiter', () => {
  it('writes N lines per key per window, then says how many it dropped when the next window opens', () => {
    let now = 0;
    const limiter = createLogRateLimiter({ linesPerWindow: 2, windowMs: 1_000, maxKeys: 10 }, () => now);
    const writes = Array.from({ length: 5 }, () => limiter.allow('a').write);
    expect(writes).toEqual([true, true, false, false, false]);
    expect(limiter.allow('b').write).toBe(true);
    now = 1_000;
    expect(limiter.allow('a')).toEqual({ write: true, droppedBefore: 3 });
  });

  it('tracks a bounded number of keys', () => {
    const limiter = createLogRateLimiter({ linesPerWindow: 1, windowMs: 60_000, maxKeys: 3 }, () => 0);
    for (const key of ['a', 'b', 'c', 'd']) limiter.allow(key);
    // 'a' was forgotten to make room for 'd', so it starts a new window.
    expect(limiter.allow('a').write).toBe(true);
    expect(limiter.allow('d').write).toBe(false);
  });
});
