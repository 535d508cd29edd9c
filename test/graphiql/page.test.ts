import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSpeakCommand } from '../../src/transport/demo-call';
import { graphiqlOptions } from '../../src/transport/graphiql/options';
import { TEST_JWT_SECRET } from '../auth/tokens';
import { startGateway, TEST_API_KEY, type Harness } from '../support/gateway';

/** GraphiQL over HTTP: a page whose every file comes from the gateway, under a CSP that says so. */
describe('GraphiQL page and assets', () => {
  let h: Harness;
  let off: Harness;
  let html: string;
  let page: Response;

  beforeAll(async () => {
    [h, off] = await Promise.all([startGateway(), startGateway({ env: { GATEWAY_GRAPHIQL: 'off' } })]);
    page = await fetch(`${h.url}/graphql`, { headers: { accept: 'text/html' } });
    html = await page.text();
  });
  afterAll(async () => {
    await Promise.all([h.close(), off.close()]);
  });

  const references = () => [...html.matchAll(/\s(?:src|href)="([^"]*)"/g)].map((match) => match[1]!);

  it('references only files under /graphiql/assets/ on its own origin', () => {
    expect(page.status).toBe(200);
    expect(references().length).toBeGreaterThanOrEqual(4);
    for (const url of references()) expect(url).toMatch(/^\/graphiql\/assets\/[0-9a-f]{16}\/[\w./-]+$/);
    expect(html).not.toMatch(/https?:\/\/|unpkg|cdn/i);
    // No inline code: every <script> loads a file, except the JSON data block of options.
    const inlineScripts = [...html.matchAll(/<script(?![^>]*\ssrc=)([^>]*)>/g)].map((match) => match[1]!.trim());
    expect(inlineScripts).toEqual(['type="application/json" id="graphiql-options"']);
  });

  it('is sent with a CSP that allows scripts, workers and connections from this origin only', () => {
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("worker-src 'self';");
    expect(csp).toContain("connect-src 'self';");
    expect(csp).toContain("default-src 'self';");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves every file the page and start.js load, with its type and cached for good', async () => {
    const base = references()[0]!.replace(/[^/]+$/, '');
    const start = await (await fetch(`${h.url}${base}start.js`)).text();
    const imported = [...start.matchAll(/from '\.\/([^']+)'/g)].map((match) => `${base}${match[1]}`);
    const client = await (await fetch(`${h.url}${base}graphql-ws/client.js`)).text();
    const chunks = [...client.matchAll(/from '\.\/([^']+)'/g)].map((match) => `${base}graphql-ws/${match[1]}`);
    const workers = ['editor.worker.js', 'json.worker.js', 'graphql.worker.js'].map((name) => `${base}${name}`);
    expect(imported).toEqual([`${base}graphql-ws/client.js`]);
    expect(chunks.length).toBeGreaterThan(0);

    for (const url of new Set([...references(), ...imported, ...chunks, ...workers])) {
      const response = await fetch(`${h.url}${url}`);
      expect(response.status, url).toBe(200);
      const expectedType = url.endsWith('.css')
        ? 'text/css'
        : url.endsWith('.ico')
          ? 'image/x-icon'
          : 'text/javascript';
      expect(response.headers.get('content-type'), url).toContain(expectedType);
      expect(response.headers.get('cache-control'), url).toBe('public, max-age=31536000, immutable');
      expect((await response.arrayBuffer()).byteLength, url).toBeGreaterThan(100);
    }
  });

  it('compresses the GraphiQL build for clients that accept gzip', async () => {
    const url = `${h.url}${references().find((ref) => ref.endsWith('graphiql.js'))}`;
    const plain = Buffer.from(await (await fetch(url, { headers: { 'accept-encoding': 'identity' } })).arrayBuffer());
    // undici's fetch decompresses on its own; read the raw bytes through node:http semantics instead.
    const { request } = await import('node:http');
    const raw = await new Promise<{ encoding?: string; body: Buffer }>((resolve, reject) => {
      request(url, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ encoding: res.headers['content-encoding'], body: Buffer.concat(chunks) }));
      })
        .on('error', reject)
        .end();
    });
    expect(raw.encoding).toBe('gzip');
    expect(raw.body.length).toBeLessThan(plain.length / 2);
    expect(gunzipSync(raw.body).equals(plain)).toBe(true);
  });

  it('answers 404 for unknown files and old versions, 405 for other methods', async () => {
    const base = references()[0]!.replace(/[^/]+$/, '');
    expect((await fetch(`${h.url}${base}nope.js`)).status).toBe(404);
    expect((await fetch(`${h.url}/graphiql/assets/0000000000000000/start.js`)).status).toBe(404);
    expect((await fetch(`${h.url}${base}../start.js`)).status).toBe(404);
    expect((await fetch(`${h.url}${base}start.js`, { method: 'POST' })).status).toBe(405);
  });

  it('serves no GraphiQL files when GraphiQL is off', async () => {
    expect((await fetch(`${off.url}${references()[0]}`)).status).toBe(404);
  });

  it('with client auth on, carries no secret and shows where the token goes', () => {
    expect(html).not.toContain(TEST_JWT_SECRET);
    expect(html).not.toContain(TEST_API_KEY);
    expect(html).toContain('Bearer \\u003ctoken>'); // '<' escaped inside the JSON data block
  });
});

describe('GraphiQL tabs in simulator mode', () => {
  const origin = 'http://127.0.0.1:4000';
  const options = graphiqlOptions('v3:demo-call', false, origin);

  it('opens on the demo subscription with its call id, the speak in the second tab', () => {
    expect(options.defaultTabs?.[0]?.query).toMatch(/^subscription WatchDemoCall\(/m);
    expect(options.defaultTabs?.[1]?.query).toMatch(/^mutation SpeakOnDemoCall\(/m);
    // GraphiQL gives the tab open at load these variables, not the tab's own.
    expect(JSON.parse(options.variables!)).toEqual({ callControlId: 'v3:demo-call' });
    expect(options.storageNamespace).toBe('v3:demo-call');
    expect(options.defaultHeaders).toBeUndefined();
  });

  it('points the first tab to the console and the printed command, in lines that fit the editor', () => {
    const tab = options.defaultTabs![0]!.query!;
    expect(tab).toContain(`#   ${origin}/\n`);
    expect(tab).toContain('curl command the\n# gateway printed');
    // 50 columns: what the editor shows of a line in a 1280-pixel-wide window (test/browser/graphiql.test.ts).
    for (const { query } of options.defaultTabs!) {
      for (const line of query!.split('\n')) expect(line.length, line).toBeLessThanOrEqual(50);
    }
  });

  it('prints a speak command for a terminal, with a token placeholder only when auth is on', () => {
    const callControlId = `v3:${'x'.repeat(52)}`; // as long as Telnyx's
    const command = demoSpeakCommand(origin, callControlId, false);
    expect(command).toContain(`"callControlId": "${callControlId}"`);
    expect(command).not.toContain('authorization');
    for (const line of command.split('\n')) expect(line.length, line).toBeLessThanOrEqual(78);
    expect(demoSpeakCommand(origin, callControlId, true)).toContain("-H 'authorization: Bearer <token>' \\\n");
  });
});
