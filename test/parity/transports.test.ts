import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transports } from '../support/transports';

/**
 * The transport list covers the gateway's direct POST path only while its plain-JSON transport sends
 * what that path takes (src/graphql-post.ts `takes()`); no answer tells the two paths apart, so the
 * request itself is checked, on a loopback server that records it.
 */

let url: string;
const received: IncomingMessage[] = [];
const server = createServer((req, res) => {
  received.push(req);
  req.resume();
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end('{"data":{}}');
});
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('the transport list', () => {
  it('sends the direct path a plain JSON POST to /graphql: no Origin, a Content-Length, JSON in and out', async () => {
    const transport = transports.find((candidate) => candidate.name === 'POST application/json')!;
    await transport.run({ url, wsUrl: '' }, { query: '{ latestEventCursor }' }, { token: 'a-token' });
    const { method, url: path, headers } = received.at(-1)!;
    expect({ method, path }).toEqual({ method: 'POST', path: '/graphql' });
    expect(headers.origin).toBeUndefined();
    expect(headers['transfer-encoding']).toBeUndefined();
    expect(headers['content-length']).toMatch(/^\d+$/);
    expect(headers['content-type']).toBe('application/json');
    expect(headers.accept).toBe('application/json');
  });

  it('holds every GraphQL transport the gateway serves, once', () => {
    expect(transports.map((transport) => transport.name)).toEqual([
      'POST application/json',
      'POST graphql-response+json',
      'GET',
      'SSE GET',
      'SSE POST',
      'graphql-ws',
    ]);
  });
});
