import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config';
import { SpeakDocument } from '../generated/graphql';
import { signToken } from '../auth/tokens';
import type { Loose } from '../support/loose';
import { errorsOf, runWs, wsClient } from '../support/clients';
import { startGateway, type Harness } from '../support/gateway';

const CALL = 'v3:trusted-documents-call';
const CURSOR = '{ latestEventCursor }';
const CALL_EVENTS = 'subscription { callEvents { eventType } }';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The client preset's manifest for the test operations (keys "sha256:<hex>"), plus two bare-hex entries. */
const generated = JSON.parse(
  readFileSync(new URL('../generated/persisted-documents.json', import.meta.url), 'utf8'),
) as Record<string, string>;
const speakId = (SpeakDocument as unknown as { __meta__: { hash: string } }).__meta__.hash;
const speakVariables = { input: { callControlId: CALL, payload: 'hello', voice: 'Telnyx.KokoroTTS.af' } };

const dir = mkdtempSync(join(tmpdir(), 'vmg-trusted-'));
const manifestPath = join(dir, 'persisted-documents.json');
let h: Harness;
let token: string;

beforeAll(async () => {
  writeFileSync(
    manifestPath,
    JSON.stringify({ ...generated, [sha256(CURSOR)]: CURSOR, [sha256(CALL_EVENTS)]: CALL_EVENTS }),
  );
  h = await startGateway({ env: { GATEWAY_TRUSTED_DOCUMENTS: manifestPath } });
  token = await signToken();
});
afterAll(async () => {
  await h.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  h.telnyx.requests.length = 0;
});

async function post(body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${h.url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json',
      authorization: `Bearer ${token}`,
      ...headers,
    },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    body: (await response.json()) as { data?: Loose; errors?: Array<{ extensions?: Record<string, unknown> }> },
  };
}

describe('trusted documents over HTTP', () => {
  it('runs a mutation named by the documentId the client preset generated', async () => {
    const { status, body } = await post({ documentId: speakId, variables: speakVariables });
    expect(status).toBe(200);
    expect(body.data.speak.result).toBe('ok');
    expect(h.telnyx.requests).toHaveLength(1);
  });

  it("runs a document named by Apollo's persistedQuery extension", async () => {
    const { body } = await post({ extensions: { persistedQuery: { version: 1, sha256Hash: sha256(CURSOR) } } });
    expect(body.data).toHaveProperty('latestEventCursor');
  });

  it('refuses a document of its own with 400 PERSISTED_QUERY_ONLY, sending nothing to Telnyx', async () => {
    const query = generated[speakId]!;
    const { status, body } = await post({ query, variables: speakVariables });
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions).toEqual({ code: 'PERSISTED_QUERY_ONLY' });
    expect(h.telnyx.requests).toHaveLength(0);
  });

  it('refuses an unknown id with 404 PERSISTED_QUERY_NOT_FOUND, sending nothing to Telnyx', async () => {
    const { status, body } = await post({ documentId: sha256('mutation { other }'), variables: speakVariables });
    expect(status).toBe(404);
    expect(body.errors?.[0]?.extensions).toEqual({ code: 'PERSISTED_QUERY_NOT_FOUND' });
    expect(h.telnyx.requests).toHaveLength(0);
  });

  it('reads documentId from the query string of a GET', async () => {
    const ok = await fetch(`${h.url}/graphql?documentId=${sha256(CURSOR)}`, {
      headers: { accept: 'application/json', authorization: `Bearer ${token}` },
    });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as Loose).data).toHaveProperty('latestEventCursor');
    const own = await fetch(`${h.url}/graphql?query=${encodeURIComponent(CURSOR)}`, {
      headers: { accept: 'application/json', authorization: `Bearer ${token}` },
    });
    expect(own.status).toBe(400);
    expect(((await own.json()) as Loose).errors[0].extensions.code).toBe('PERSISTED_QUERY_ONLY');
  });

  it('runs a trusted subscription over SSE (GET) and refuses an unknown one', async () => {
    const shortLived = await signToken({ scope: 'events:read', expiresIn: 1 });
    const headers = { accept: 'text/event-stream', authorization: `Bearer ${shortLived}` };
    const stream = await fetch(`${h.url}/graphql?documentId=${sha256(CALL_EVENTS)}`, { headers });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    // The subscription runs until the token expires: proof it executed rather than being refused.
    expect(await stream.text()).toContain('Token expired');
    // A fresh token: the expired one is refused (401) before any document is looked at.
    const fresh = { ...headers, authorization: `Bearer ${await signToken({ scope: 'events:read' })}` };
    const unknown = await fetch(`${h.url}/graphql?documentId=${sha256('subscription { x }')}`, { headers: fresh });
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('PERSISTED_QUERY_NOT_FOUND');
  });

  it('turns GraphiQL off', async () => {
    const page = await fetch(`${h.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(await page.text()).not.toMatch(/graphiql/i);
  });
});

describe('trusted documents over graphql-ws', () => {
  it('runs `query: ""` with a documentId, and with the persistedQuery extension', async () => {
    const client = wsClient(h.wsUrl, token);
    const sent = [
      { query: '', documentId: speakId, variables: speakVariables },
      { query: '', extensions: { persistedQuery: { version: 1, sha256Hash: sha256(CURSOR) } } },
    ];
    const [speak, cursor] = await Promise.all(sent.map((payload) => run(client, payload)));
    expect(speak?.data).toMatchObject({ speak: { result: 'ok' } });
    expect(cursor?.data).toHaveProperty('latestEventCursor');
    await client.dispose();
  });

  it('refuses a document of its own and an unknown id, and keeps the socket open', async () => {
    let closed = false;
    // Connected at once and held, so that only the gateway could close it between operations.
    const client = wsClient(h.wsUrl, token, { lazy: false, onClose: () => (closed = true) });
    const own = await runWs(client, generated[speakId]!, speakVariables);
    expect(errorsOf(own)?.[0]?.extensions).toEqual({ code: 'PERSISTED_QUERY_ONLY' });
    const unknown = await run(client, { query: '', documentId: sha256('query { nope }') });
    expect(unknown?.errors?.[0]?.extensions).toEqual({ code: 'PERSISTED_QUERY_NOT_FOUND' });
    expect(h.telnyx.requests).toHaveLength(0);
    const cursor = await run(client, { query: '', documentId: sha256(CURSOR) });
    expect(cursor?.data).toHaveProperty('latestEventCursor');
    expect(closed).toBe(false);
    await client.dispose();
  });
});

/** One operation over graphql-ws with a payload of any shape; its first result, or its errors. */
function run(client: ReturnType<typeof wsClient>, payload: Record<string, unknown>) {
  type Result = { data?: Loose; errors?: Array<{ extensions?: Record<string, unknown> }> };
  return new Promise<Result | undefined>((resolve) => {
    let first: Result | undefined;
    client.subscribe(payload as { query: string }, {
      next: (value) => {
        first ??= value as unknown as Result;
      },
      error: (error) => resolve({ errors: error as Result['errors'] }),
      complete: () => resolve(first),
    });
  });
}

describe('the manifest', () => {
  const configWith = (path: string) => () => loadConfig({ GATEWAY_TRUSTED_DOCUMENTS: path });

  it('stops start-up on a wrong hash, naming the variable and the file but not the document', () => {
    const secretDocument = 'query SecretInternalName { latestEventCursor }';
    const path = join(dir, 'wrong-hash.json');
    writeFileSync(path, JSON.stringify({ [sha256(CURSOR)]: CURSOR, [sha256('something else')]: secretDocument }));
    expect(configWith(path)).toThrow(ConfigError);
    expect(configWith(path)).toThrow(
      /GATEWAY_TRUSTED_DOCUMENTS: .*wrong-hash\.json: entry 2: the key is not the sha256 of its document/,
    );
    try {
      configWith(path)();
    } catch (error) {
      expect(String((error as Error).message)).not.toContain('SecretInternalName');
    }
  });

  it('stops start-up on a missing file, a non-object, or a document that is not GraphQL', () => {
    const notObject = join(dir, 'array.json');
    writeFileSync(notObject, '["query { a }"]');
    const notGraphql = join(dir, 'not-graphql.json');
    writeFileSync(notGraphql, JSON.stringify({ [sha256('not graphql {')]: 'not graphql {' }));
    expect(configWith(join(dir, 'absent.json'))).toThrow(/absent\.json: cannot be read \(ENOENT\)/);
    expect(configWith(notObject)).toThrow(/must be a JSON object/);
    expect(configWith(notGraphql)).toThrow(/entry 1: the document is not valid GraphQL/);
  });

  it('reloads: a new document runs after reload(), and a bad file leaves the documents in force', async () => {
    const added = 'query Added { latestEventCursor }';
    const path = join(dir, 'reloaded.json');
    writeFileSync(path, JSON.stringify({ [sha256(CURSOR)]: CURSOR }));
    const reloading = await startGateway({ env: { GATEWAY_TRUSTED_DOCUMENTS: path } });
    try {
      const ask = async (id: string) => {
        const response = await fetch(`${reloading.url}/graphql`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            accept: 'application/graphql-response+json',
            authorization: `Bearer ${token}`,
          },
          body: JSON.stringify({ documentId: id }),
        });
        return response.status;
      };
      expect(await ask(sha256(added))).toBe(404);
      writeFileSync(path, JSON.stringify({ [sha256(CURSOR)]: CURSOR, [sha256(added)]: added }));
      expect(reloading.trustedDocuments!.reload()).toBe(2);
      expect(await ask(sha256(added))).toBe(200);
      writeFileSync(path, '{ not json');
      expect(() => reloading.trustedDocuments!.reload()).toThrow(/is not JSON/);
      expect(await ask(sha256(added))).toBe(200);
    } finally {
      await reloading.close();
    }
  });
});
