import type { Loose } from '../support/loose';
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { postSignedWebhook, signedWebhook } from '../support/signing';
import { waitFor } from '../support/wait';
import { speakStarted } from '../support/webhooks';
import { subscribeSse, subscribeWs } from '../support/clients';
import { startGateway, type Harness } from '../support/gateway';

const CALL = 'v3:lifecycle-call';

/** A bare graphql-transport-ws client, so a test can stop reading and see raw frames and close codes. */
async function rawSubscriber(wsUrl: string, query: string, options: WebSocket.ClientOptions = {}) {
  const socket = new WebSocket(wsUrl, 'graphql-transport-ws', options);
  const messages: Loose[] = [];
  let closeCode: number | null = null;
  const closed = new Promise<number>((resolve) =>
    socket.on('close', (code) => {
      closeCode = code;
      resolve(code);
    }),
  );
  socket.on('message', (data) => messages.push(JSON.parse(String(data))));
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  socket.send(JSON.stringify({ type: 'connection_init', payload: {} }));
  await waitFor(() => messages.some((m) => m.type === 'connection_ack'), 'connection_ack');
  socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query } }));
  return { socket, messages, closed, closeCode: () => closeCode };
}

const metricValue = async (metric: { get(): Promise<{ values: Array<{ value: number }> }> }) =>
  (await metric.get()).values[0]?.value ?? 0;

describe('subscription lifecycle', () => {
  let gw: Harness | undefined;
  afterEach(async () => {
    await gw?.close();
    gw = undefined;
  });

  it('drops a subscriber that stops reading with SLOW_CONSUMER, while another keeps receiving everything', async () => {
    gw = await startGateway({ auth: 'off', env: { SUBSCRIBER_MAX_BACKLOG: '5' } });
    const query = `subscription { callEvents(callControlId: "${CALL}") { id clientStateBase64 } }`;
    const stalled = await rawSubscriber(gw.wsUrl, query);
    const reading = subscribeWs(gw.wsClient(), query);
    await gw.waitForSubscribers(2);
    stalled.socket.pause();

    // Large events fill the socket buffers quickly; the stalled subscriber's queue then overflows.
    const clientState = Buffer.alloc(96 * 1024, 7).toString('base64');
    const sent: string[] = [];
    while ((await metricValue(gw.metrics.droppedSubscribers)) === 0) {
      if (sent.length >= 400) throw new Error('the stalled subscriber was never dropped');
      const event = speakStarted(CALL, { client_state: clientState });
      expect((await postSignedWebhook(gw.webhookUrl, event)).status).toBe(200);
      sent.push(event.data.id);
      await reading.collected.waitFor(sent.length); // the reader keeps pace and is never held back
    }
    const more = speakStarted(CALL);
    await postSignedWebhook(gw.webhookUrl, more);
    sent.push(more.data.id);
    const received = await reading.collected.waitFor(sent.length);
    expect(received.map((r) => r.data!.callEvents.id)).toEqual(sent);
    expect(await metricValue(gw.metrics.droppedSubscribers)).toBe(1);
    expect(await metricValue(gw.metrics.activeSubscriptions)).toBe(1);

    // Once it reads again, the stalled client sees a clear reason, then the end of the stream.
    stalled.socket.resume();
    await waitFor(() => stalled.messages.some((m) => m.type === 'complete'), 'the stalled subscription to complete');
    const errorFrame = stalled.messages.find((m) => m.type === 'next' && m.payload.errors);
    expect(errorFrame.payload.errors[0].extensions.code).toBe('SLOW_CONSUMER');
    expect(errorFrame.payload.errors[0].message).toMatch(/fell more than 5 events behind/);
    const delivered = stalled.messages.filter((m) => m.type === 'next' && m.payload.data).length;
    expect(delivered).toBeLessThan(sent.length);
    expect(stalled.socket.readyState).toBe(WebSocket.OPEN); // the socket survives; only that subscription ended
    stalled.socket.close();
  });

  it('drops an SSE subscriber that stops reading with SLOW_CONSUMER, without holding memory for it', async () => {
    gw = await startGateway({ auth: 'off', env: { SUBSCRIBER_MAX_BACKLOG: '5' } });
    const params = new URLSearchParams({
      query: `subscription { callEvents(callControlId: "${CALL}") { id clientStateBase64 } }`,
    });
    let text = '';
    const response = await new Promise<import('node:http').IncomingMessage>((resolve, reject) => {
      request(`${gw!.url}/graphql?${params}`, { headers: { accept: 'text/event-stream' } }, resolve)
        .on('error', reject)
        .end();
    });
    response.pause();
    await gw.waitForSubscribers(1);
    const clientState = Buffer.alloc(96 * 1024, 7).toString('base64');
    let sent = 0;
    while ((await metricValue(gw.metrics.droppedSubscribers)) === 0) {
      if (sent++ >= 400) throw new Error('the stalled SSE subscriber was never dropped');
      expect((await postSignedWebhook(gw.webhookUrl, speakStarted(CALL, { client_state: clientState }))).status).toBe(
        200,
      );
    }
    expect(await metricValue(gw.metrics.activeSubscriptions)).toBe(0);
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => (text += chunk));
    response.resume();
    await waitFor(() => text.includes('event: complete'), 'the SSE stream to complete');
    expect(text).toContain('"code":"SLOW_CONSUMER"');
  });

  it('close() finishes an in-flight webhook, completes SSE streams and closes websockets with 1001', async () => {
    gw = await startGateway({ auth: 'off' });
    const closedWith: number[] = [];
    const client = gw.wsClient();
    client.on('closed', (event) => closedWith.push((event as { code: number }).code));
    const ws = subscribeWs(client, `subscription { callEvents { id } }`);
    const sse = await subscribeSse(gw.url, `subscription { callEvents { id } }`);
    await gw.waitForSubscribers(2);

    // A webhook whose body is still arriving when shutdown begins.
    const pending = speakStarted(CALL);
    const delivery = signedWebhook(pending);
    const body = Buffer.from(delivery.body);
    let finishBody!: () => void;
    const status = new Promise<number>((resolve, reject) => {
      const req = request(
        gw!.webhookUrl,
        { method: 'POST', headers: { ...delivery.headers, 'content-length': String(body.length) } },
        (res) => {
          res.resume();
          resolve(res.statusCode!);
        },
      );
      req.on('error', reject);
      req.write(body.subarray(0, 10));
      finishBody = () => req.end(body.subarray(10));
    });
    await waitFor(
      async () => (await fetch(`${gw!.url}/healthz`)).ok,
      'the gateway to answer while the body is pending',
    );

    const started = Date.now();
    const closing = gw.gateway.close();
    await waitFor(() => !gw!.gateway.server.listening, 'shutdown to begin');
    finishBody();
    expect(await status).toBe(200);
    await closing;
    const elapsed = Date.now() - started;
    gw = undefined;

    expect(elapsed).toBeLessThan(10_000);
    // The event accepted during shutdown reached both subscribers before they were completed.
    await ws.collected.waitForEnd();
    await sse.collected.waitForEnd();
    expect(ws.collected.items.map((r) => r.data!.callEvents.id)).toEqual([pending.data.id]);
    expect(sse.collected.items.map((r) => r.data!.callEvents.id)).toEqual([pending.data.id]);
    expect(sse.frames.at(-1)!.event).toBe('complete');
    await waitFor(() => closedWith.length > 0, 'the websocket to close');
    expect(closedWith).toEqual([1001]);
  });

  it('pings websockets and terminates a peer that stops answering', async () => {
    gw = await startGateway({ auth: 'off', tuning: { keepAliveMs: 100 } });
    const query = `subscription { callEvents { id } }`;
    const silent = await rawSubscriber(gw.wsUrl, query, { autoPong: false });
    const alive = await rawSubscriber(gw.wsUrl, query);
    let pings = 0;
    alive.socket.on('ping', () => (pings += 1));
    expect(await silent.closed).toBe(1006); // terminated, no close frame
    await waitFor(() => pings >= 3, 'three pings');
    expect(alive.socket.readyState).toBe(WebSocket.OPEN);
    await waitFor(
      async () => (await metricValue(gw!.metrics.activeSubscriptions)) === 1,
      'the silent peer’s subscription to end',
    );
    alive.socket.close();
  });
});
