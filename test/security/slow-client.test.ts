import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slowClientTimeouts } from '../../src/transport/limits';
import { signToken } from '../auth/tokens';
import { startGateway, type Harness } from '../support/gateway';
import { waitFor } from '../support/wait';

let h: Harness;
beforeAll(async () => {
  h = await startGateway({ env: { LOG_LEVEL: 'silent' } });
});
afterAll(() => h.close());

describe('slow clients (slowloris)', () => {
  it('drops connections that never finish their headers (408), while serving everyone else', async () => {
    const { port } = new URL(h.url);
    const started = Date.now();
    const closedAfter: number[] = [];
    const answers: string[] = [];
    const sockets = Array.from({ length: 20 }, () => {
      const socket = connect(Number(port), '127.0.0.1');
      socket.on('error', () => {});
      socket.on('data', (data) => answers.push(String(data).split('\r\n')[0]!));
      socket.on('close', () => closedAfter.push(Date.now() - started));
      socket.write('POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
      return socket;
    });
    const served = await h.graphql('{ latestEventCursor }', { token: await signToken({ scope: 'events:read' }) });
    expect(served.body.errors).toBeUndefined();
    try {
      await waitFor(() => closedAfter.length === sockets.length, 'the slow sockets to be dropped', {
        timeoutMs: 25_000,
      });
    } finally {
      for (const socket of sockets) socket.destroy();
    }
    expect(answers.every((line) => line === 'HTTP/1.1 408 Request Timeout')).toBe(true);
    for (const ms of closedAfter) {
      expect(ms).toBeGreaterThanOrEqual(slowClientTimeouts.headersTimeout - 500);
      expect(ms).toBeLessThan(slowClientTimeouts.headersTimeout + 5_000);
    }
  }, 40_000);
});
