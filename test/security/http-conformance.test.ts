import { auditServer } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../auth/tokens';
import { startGateway, type Harness } from '../support/gateway';

let h: Harness;
let token: string;
beforeAll(async () => {
  h = await startGateway({ env: { LOG_LEVEL: 'silent' } });
  token = await signToken({ scope: 'events:read media:write' });
});
afterAll(() => h.close());

describe('GraphQL over HTTP conformance (graphql-http audit)', () => {
  it('passes every audit of the spec, MUST and SHOULD alike', async () => {
    const authorized = (input: RequestInfo | URL, init: RequestInit = {}) => {
      const headers = new Headers(init.headers);
      headers.set('authorization', `Bearer ${token}`);
      return fetch(input, { ...init, headers });
    };
    const results = await auditServer({ url: `${h.url}/graphql`, fetchFn: authorized });
    const failures = await Promise.all(
      results
        .filter((result) => result.status !== 'ok')
        .map(async (result) => `${result.name}: ${'reason' in result ? result.reason : ''}`),
    );
    expect(failures).toEqual([]);
    expect(results.length).toBeGreaterThanOrEqual(61);
  });
});

describe('malformed request bodies', () => {
  it('answers malformed JSON with 400 and a fixed message, never echoing the body', async () => {
    const secretLooking = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';
    for (const accept of ['application/graphql-response+json', 'application/json']) {
      const response = await fetch(`${h.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept, authorization: `Bearer ${token}` },
        body: `{"query": "{ __typename }", "variables": {"x": "${secretLooking}`,
      });
      const text = await response.text();
      expect(response.status, accept).toBe(400);
      expect(JSON.parse(text)).toEqual({
        errors: [{ message: 'POST body sent invalid JSON.', extensions: { code: 'BAD_REQUEST' } }],
      });
    }
  });
});
