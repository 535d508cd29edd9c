import { request as httpRequest } from 'node:http';
import { getIntrospectionQuery } from 'graphql';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operationLimits } from '../../src/graphql/plugins/use-operation-limits';
import { MAX_REQUEST_BODY_BYTES } from '../../src/graphql/plugins/use-request-body-limit';
import { signToken } from '../auth/tokens';
import { errorsOf, runWs, wsClient } from '../support/clients';
import { startGateway, type Harness } from '../support/gateway';

const nest = (field: string, depth: number, leaf = 'name'): string =>
  depth === 0 ? leaf : `${field} { ${nest(field, depth - 1, leaf)} }`;

/** Queries just past each limit; each stays inside every other limit so the test names the one that bites. */
const overLimit = {
  depth: `{ __schema { queryType { ${nest('ofType', operationLimits.maxDepth)} } } }`,
  aliases: `{ ${Array.from({ length: operationLimits.maxAliases + 1 }, (_, i) => `a${i}: latestEventCursor`).join(' ')} }`,
  directives: `{ __typename ${'@include(if: true) '.repeat(operationLimits.maxDirectives + 1)} }`,
  tokens: `{ ${'__typename '.repeat(operationLimits.maxTokens)} }`,
  cost: `fragment F on __Type { ${nest('ofType', 12)} } { __schema { types { ${'...F '.repeat(40)} } } }`,
};

let h: Harness;
let token: string;
beforeAll(async () => {
  h = await startGateway();
  token = await signToken({ scope: 'events:read media:write' });
});
afterAll(() => h.close());

describe('operation limits (GraphQL Armor) over HTTP', () => {
  it.each([
    ['the default', {}],
    [
      'every option GraphiQL may ask for',
      {
        descriptions: true,
        specifiedByUrl: true,
        directiveIsRepeatable: true,
        schemaDescription: true,
        inputValueDeprecation: true,
        oneOf: true,
      },
    ],
  ])('lets the standard introspection query through (%s)', async (_name, options) => {
    const response = await h.graphql(getIntrospectionQuery(options), { token });
    expect(response.body.errors).toBeUndefined();
    expect((response.body.data!.__schema as { types: unknown[] }).types.length).toBeGreaterThan(10);
  });

  it.each([
    ['depth', /depth limit of 16 exceeded/],
    ['aliases', /Aliases limit of 15 exceeded/],
    ['directives', /Directives limit of 20 exceeded/],
    ['tokens', /Token limit of 1000 exceeded/],
    ['cost', /Cost limit of 20000 exceeded/],
  ] as const)(
    'refuses a query over the %s limit, fast and without running it: 400 and GRAPHQL_VALIDATION_FAILED',
    async (limit, message) => {
      const started = performance.now();
      const response = await h.graphql(overLimit[limit], {
        token,
        headers: { accept: 'application/graphql-response+json' },
      });
      expect(performance.now() - started).toBeLessThan(500);
      // GraphQL over HTTP: a response without `data` is 4xx under application/graphql-response+json.
      expect(response.status).toBe(400);
      expect(response.body.data ?? undefined).toBeUndefined();
      expect(response.body.errors).toHaveLength(1);
      expect(response.body.errors?.[0]?.message).toMatch(message);
      expect(response.body.errors?.[0]?.message).not.toMatch(/Syntax Error/);
      expect(response.body.errors?.[0]?.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED', limit });
    },
  );

  it('keeps 200 for a limit error under legacy application/json, with the same code (as the spec asks)', async () => {
    const response = await h.graphql(overLimit.aliases, { token, headers: { accept: 'application/json' } });
    expect(response.status).toBe(200);
    expect(response.body.errors?.[0]?.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED', limit: 'aliases' });
  });

  it('counts __typename aliases toward the alias limit', async () => {
    const typenames = `{ ${Array.from({ length: operationLimits.maxAliases + 1 }, (_, i) => `t${i}: __typename`).join(' ')} }`;
    const response = await h.graphql(typenames, { token });
    expect(response.status).toBe(400);
    expect(response.body.errors?.[0]?.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED', limit: 'aliases' });
    const atLimit = `{ ${Array.from({ length: operationLimits.maxAliases }, (_, i) => `t${i}: __typename`).join(' ')} }`;
    expect((await h.graphql(atLimit, { token })).body.data?.t0).toBe('Query');
  });

  it('refuses nested introspection lists (graphql-js MaxIntrospectionDepthRule)', async () => {
    const response = await h.graphql(
      '{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }',
      { token },
    );
    expect(response.body.errors?.[0]?.message).toMatch(/Maximum introspection depth exceeded/);
  });

  it('checks the token before a limit-sized query can cost anything: unauthenticated gets 401 too', async () => {
    const response = await h.graphql(getIntrospectionQuery());
    expect(response.status).toBe(401);
  });

  it.each([
    ['a misspelt field', '{ latestEventCurso }'],
    ['a syntax error', '{ a'],
    ['an over-limit query', overLimit.aliases],
    [
      'an unknown enum value',
      'mutation { speak(input: { callControlId: "v3:a", payload: "hi", voice: "Telnyx.KokoroTTS.af", language: EN_U }) { result } }',
    ],
  ])(
    'authenticates before parsing: no token and %s → 401 UNAUTHENTICATED, nothing about the schema',
    async (_name, query) => {
      const response = await h.graphql(query);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
      expect(response.body.errors).toEqual([
        { message: expect.stringMatching(/bearer token/i), extensions: { code: 'UNAUTHENTICATED' } },
      ]);
      expect(response.text).not.toMatch(/Did you mean|latestEventCursor|EN_US|limit/);
    },
  );

  it('authenticates before reading the body: no token and malformed JSON → 401', async () => {
    const response = await fetch(`${h.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": ',
    });
    expect(response.status).toBe(401);
  });
});

describe('operation limits over graphql-ws', () => {
  it('passes introspection and refuses each over-limit query with an error, keeping the socket', async () => {
    const client = wsClient(h.wsUrl, token);
    const introspection = await runWs(client, getIntrospectionQuery());
    expect(introspection.items[0]?.errors).toBeUndefined();
    for (const [limit, query] of Object.entries(overLimit)) {
      const outcome = await runWs(client, query);
      expect(errorsOf(outcome)?.[0]?.message, limit).toMatch(/limit of \d+ exceeded/);
      expect(errorsOf(outcome)?.[0]?.extensions, limit).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED', limit });
    }
    const syntax = await runWs(client, '{ a');
    expect(errorsOf(syntax)?.[0]?.extensions).toEqual({ code: 'GRAPHQL_PARSE_FAILED' });
    const unknownField = await runWs(client, '{ nope }');
    expect(errorsOf(unknownField)?.[0]?.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
    const after = await runWs(client, '{ __typename }');
    expect(after.items[0]?.data).toEqual({ __typename: 'Query' });
    await client.dispose();
  });
});

describe('request body size', () => {
  it(`answers 413 past ${MAX_REQUEST_BODY_BYTES} bytes with a Content-Length`, async () => {
    const padding = 'x'.repeat(MAX_REQUEST_BODY_BYTES);
    const response = await h.graphql('{ __typename }', { token, variables: { padding } });
    expect(response.status).toBe(413);
  });

  it('answers 413 to a chunked body that grows past the limit, without buffering it all', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(`${h.url}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${token}`,
          'transfer-encoding': 'chunked',
        },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.write('{"query":"{ __typename }","variables":{"padding":"');
      const chunk = 'y'.repeat(64 * 1024);
      let sent = 0;
      const pump = () => {
        while (sent < MAX_REQUEST_BODY_BYTES * 2) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        req.end('"}}');
      };
      pump();
    });
    expect(status).toBe(413);
  });

  it('accepts the largest inline audio a startPlayback takes (4,000,000 base64 characters)', async () => {
    const playbackContent = 'UklGRgAA'.repeat(500_000);
    const response = await h.graphql(
      'mutation($content: String!) { startPlayback(input: { callControlId: "v3:call-a", playbackContent: $content }) { result } }',
      { token, variables: { content: playbackContent } },
    );
    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
  });
});

describe('CSRF prevention', () => {
  const mutation =
    'mutation { startPlayback(input: { callControlId: "v3:call-a", audioUrl: "https://example.com/a.mp3" }) { result } }';

  it.each([
    ['text/plain', JSON.stringify({ query: mutation })],
    ['application/x-www-form-urlencoded', new URLSearchParams({ query: mutation }).toString()],
    [
      'multipart/form-data; boundary=x',
      `--x\r\nContent-Disposition: form-data; name="operations"\r\n\r\n${JSON.stringify({ query: mutation })}\r\n--x--\r\n`,
    ],
  ])('refuses a simple cross-site POST (%s) with 403 before anything runs', async (contentType, body) => {
    const before = h.telnyx.requests.length;
    const response = await fetch(`${h.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': contentType, authorization: `Bearer ${token}` },
      body,
    });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('cross-site');
    expect(h.telnyx.requests.length).toBe(before);
  });

  it('lets a POST with a preflight header through, whatever its content type', async () => {
    const response = await fetch(`${h.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-graphql-yoga-csrf': '1',
        authorization: `Bearer ${token}`,
      },
      body: new URLSearchParams({ query: '{ __typename }' }).toString(),
    });
    expect(response.status).not.toBe(403);
  });

  it('never runs a mutation over GET', async () => {
    const before = h.telnyx.requests.length;
    const response = await fetch(`${h.url}/graphql?query=${encodeURIComponent(mutation)}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(405);
    expect(h.telnyx.requests.length).toBe(before);
  });
});

describe('CORS', () => {
  async function preflight(url: string, origin: string) {
    return fetch(`${url}/graphql`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });
  }

  it('grants no cross-origin access by default (same-origin only)', async () => {
    const response = await preflight(h.url, 'https://evil.example');
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    const post = await h.graphql('{ __typename }', { token, headers: { origin: 'https://evil.example' } });
    expect(post.headers.get('access-control-allow-origin')).toBeNull();
  });

  describe('with GATEWAY_CORS_ORIGINS', () => {
    let listed: Harness;
    beforeAll(async () => {
      listed = await startGateway({ env: { GATEWAY_CORS_ORIGINS: 'https://app.example,https://admin.example' } });
    });
    afterAll(() => listed.close());

    it('allows a listed origin, without credentials', async () => {
      const response = await preflight(listed.url, 'https://app.example');
      expect(response.headers.get('access-control-allow-origin')).toBe('https://app.example');
      expect(response.headers.get('access-control-allow-headers')).toContain('authorization');
      expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    });

    it('does not allow an unlisted origin', async () => {
      const response = await preflight(listed.url, 'https://evil.example');
      expect(['null', null]).toContain(response.headers.get('access-control-allow-origin'));
    });

    it('checks the Origin of websocket upgrades against the same list', async () => {
      expect(await upgradeStatus(listed.wsUrl, 'https://evil.example')).toBe(403);
      expect(await upgradeStatus(listed.wsUrl, 'https://admin.example')).toBe(101);
    });

    it("still lets the gateway's own pages open websockets (same origin)", async () => {
      expect(await upgradeStatus(listed.wsUrl, listed.url)).toBe(101);
    });
  });

  it('refuses a cross-origin websocket upgrade by default, allows same-origin and non-browser clients', async () => {
    expect(await upgradeStatus(h.wsUrl, 'https://evil.example')).toBe(403);
    expect(await upgradeStatus(h.wsUrl, h.url)).toBe(101);
    expect(await upgradeStatus(h.wsUrl, undefined)).toBe(101);
  });
});

function upgradeStatus(wsUrl: string, origin: string | undefined): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(wsUrl, 'graphql-transport-ws', origin ? { origin } : {});
    socket.once('open', () => {
      socket.close();
      resolve(101);
    });
    socket.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      socket.terminate();
    });
    socket.once('error', (error) => {
      if (!/Unexpected server response/.test(String(error))) reject(error);
    });
  });
}

describe('GraphiQL and introspection switches', () => {
  let locked: Harness;
  beforeAll(async () => {
    locked = await startGateway({ env: { GATEWAY_GRAPHIQL: 'off', GATEWAY_INTROSPECTION: 'off' } });
  });
  afterAll(() => locked.close());

  const graphiql = (url: string) => fetch(`${url}/graphql`, { headers: { accept: 'text/html' } });

  it('serves GraphiQL by default and not when switched off', async () => {
    const on = await graphiql(h.url);
    expect(on.status).toBe(200);
    expect(await on.text()).toMatch(/graphiql/i);
    const off = await graphiql(locked.url);
    expect(await off.text()).not.toMatch(/graphiql/i);
  });

  it.each([
    ['__schema', getIntrospectionQuery()],
    ['__type', '{ __type(name: "Query") { name } }'],
  ])('blocks %s over HTTP when introspection is off', async (_name, query) => {
    const response = await locked.graphql(query, { token });
    expect(response.body.data ?? undefined).toBeUndefined();
    expect(response.body.errors?.[0]?.message).toMatch(/introspection/i);
  });

  it('blocks __schema over graphql-ws when introspection is off, keeps __typename', async () => {
    const client = wsClient(locked.wsUrl, token);
    const blocked = await runWs(client, '{ __schema { queryType { name } } }');
    expect(errorsOf(blocked)?.[0]?.message).toMatch(/introspection/i);
    const typename = await runWs(client, '{ __typename }');
    expect(typename.items[0]?.data).toEqual({ __typename: 'Query' });
    await client.dispose();
  });

  it.each([
    [
      'an enum value',
      'mutation { speak(input: { callControlId: "v3:a", payload: "hi", voice: "Telnyx.KokoroTTS.af", language: EN_U }) { result } }',
      'EN_US',
    ],
    ['an argument', '{ call(callControlI: "v3:a") { callControlId } }', 'callControlId'],
    [
      'an input field',
      'mutation { speak(input: { callControlI: "v3:a", payload: "hi" }) { result } }',
      'callControlId',
    ],
    ['a type', 'query($f: RecordingFilte) { __typename }', 'RecordingFilter'],
  ])('hides every suggestion (%s) when introspection is off, shows it when on', async (_name, query, suggested) => {
    const off = await locked.graphql(query, { token });
    expect(off.body.errors?.length).toBeGreaterThan(0);
    expect(off.text).not.toMatch(/Did you mean/);
    const on = await h.graphql(query, { token });
    const messages = on.body.errors?.map((error) => error.message).join('\n');
    expect(messages).toMatch(/Did you mean/);
    expect(messages).toContain(`"${suggested}"`);
  });

  it('hides field suggestions when introspection is off, shows them when on', async () => {
    const query = '{ latestEventCurso }';
    const off = await locked.graphql(query, { token });
    expect(off.body.errors?.[0]?.message).not.toContain('latestEventCursor');
    const on = await h.graphql(query, { token });
    expect(on.body.errors?.[0]?.message).toContain('latestEventCursor');
  });
});
