import type { Loose } from '../support/loose';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { subscribeSse } from '../support/clients';
import { startGatewayProcess, type GatewayProcess } from '../support/gateway-process';
import { waitFor } from '../support/wait';

/**
 * The real process: `src/main.ts` in simulator mode on a free port. SIGTERM must end its
 * subscriptions cleanly (websocket close 1001, SSE `complete`) and exit 0 within 10 s.
 */
describe('SIGTERM', () => {
  let gateway: GatewayProcess | undefined;
  afterEach(() => gateway?.kill('SIGKILL'));

  it('completes subscriptions, closes websockets with 1001 and exits 0 within 10 s', async () => {
    gateway = await startGatewayProcess({
      environment: 'fresh shell',
      env: { HOST: '127.0.0.1', LOG_LEVEL: 'info', GATEWAY_AUTH: 'off' },
    });
    const { url } = gateway;

    const socket = new WebSocket(`${url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
    const frames: Loose[] = [];
    socket.on('message', (data) => frames.push(JSON.parse(String(data))));
    const closeCode = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    socket.send(JSON.stringify({ type: 'connection_init' }));
    await waitFor(() => frames.some((frame) => frame.type === 'connection_ack'), 'connection_ack');
    socket.send(
      JSON.stringify({ id: 'a', type: 'subscribe', payload: { query: 'subscription { callEvents { id } }' } }),
    );
    const sse = await subscribeSse(url, 'subscription { callEvents { id } }');
    await waitFor(
      async () => /vmg_active_subscriptions 2/.test(await (await fetch(`${url}/metrics`)).text()),
      'both subscriptions to be served',
    );

    const started = Date.now();
    gateway.signal('SIGTERM');
    expect(await closeCode).toBe(1001);
    expect(frames.some((frame) => frame.type === 'complete' && frame.id === 'a')).toBe(true);
    await sse.collected.waitForEnd();
    expect(sse.frames.at(-1)!.event).toBe('complete');
    expect((await gateway.exited).code).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
  }, 40_000);
});
