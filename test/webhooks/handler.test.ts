import { randomUUID } from 'node:crypto';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventBus } from '../../src/events/bus';
import { MemoryEventStore } from '../../src/events/memory-store';
import type { CallEvent } from '../../src/events/types';
import { EventBusUnavailableError } from '../../src/lib/errors';
import { createLogger } from '../../src/lib/logger';
import { createMetrics } from '../../src/lib/metrics';
import { WebhookAdmission } from '../../src/webhooks/admission';
import { createWebhookHandler, MAX_WEBHOOK_BODY_BYTES } from '../../src/transport/webhook-endpoint';
import { subscribeWs } from '../support/clients';
import { startGateway, type Harness } from '../support/gateway';
import { createTestKeyPair, postSignedWebhook, signedWebhook, testKeys } from '../support/signing';
import { speakStarted } from '../support/webhooks';

const CALL = 'v3:handler-test';
const speakStartedOnCall = (extra: Record<string, unknown> = {}) =>
  speakStarted(CALL, { call_leg_id: 'leg-h', ...extra });

async function outcomes(gw: Harness): Promise<Record<string, number>> {
  const metric = await gw.metrics.webhooksReceived.get();
  return Object.fromEntries(metric.values.map((v) => [v.labels.outcome as string, v.value]));
}

/** Posts raw bytes with explicit headers (chunked when `chunked`), returns the status. */
function rawPost(url: string, body: Buffer, headers: Record<string, string>, chunked = false): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', headers: chunked ? headers : { ...headers, 'content-length': String(body.length) } },
      (res) => {
        res.resume();
        resolve(res.statusCode!);
      },
    );
    req.on('error', reject);
    if (chunked) {
      // Written in pieces so the server sees the size only as it reads.
      for (let offset = 0; offset < body.length; offset += 64 * 1024)
        req.write(body.subarray(offset, offset + 64 * 1024));
      req.end();
    } else req.end(body);
  });
}

describe('POST /webhooks/telnyx', () => {
  let gw: Harness;
  let sub: ReturnType<typeof subscribeWs>;
  beforeAll(async () => {
    gw = await startGateway({ auth: 'off' });
    sub = subscribeWs(gw.wsClient(), `subscription { callEvents { id } }`);
    await gw.waitForSubscribers(1);
  });
  afterAll(async () => {
    await gw.close();
  });

  it('rejects every forged, malformed or oversize delivery, publishes none, and keeps serving', async () => {
    const url = gw.webhookUrl;
    const now = Math.floor(Date.now() / 1000);
    const stranger = createTestKeyPair();
    const good = signedWebhook(speakStartedOnCall());
    const cases: Array<[string, () => Promise<Response | number>, number]> = [
      ['wrong key', () => postSignedWebhook(url, speakStartedOnCall(), { privateKey: stranger.privateKey }), 401],
      [
        'tampered body',
        () => fetch(url, { method: 'POST', headers: good.headers, body: good.body.replace('leg-h', 'leg-x') }),
        401,
      ],
      [
        'missing signature',
        () => fetch(url, { method: 'POST', headers: { 'telnyx-timestamp': String(now) }, body: good.body }),
        401,
      ],
      [
        'missing timestamp',
        () =>
          fetch(url, {
            method: 'POST',
            headers: { 'telnyx-signature-ed25519': good.headers['telnyx-signature-ed25519']! },
            body: good.body,
          }),
        401,
      ],
      ['no headers', () => fetch(url, { method: 'POST', body: good.body }), 401],
      [
        'malformed base64',
        () =>
          fetch(url, {
            method: 'POST',
            headers: { ...good.headers, 'telnyx-signature-ed25519': '%%%not-base64%%%' },
            body: good.body,
          }),
        401,
      ],
      [
        'short signature',
        () =>
          fetch(url, {
            method: 'POST',
            headers: { ...good.headers, 'telnyx-signature-ed25519': Buffer.alloc(32).toString('base64') },
            body: good.body,
          }),
        401,
      ],
      // Margins beyond the edge (tested exactly in verify.test.ts) so a slow machine cannot drift into tolerance.
      [
        'stale timestamp',
        () => postSignedWebhook(url, speakStartedOnCall(), { timestamp: Math.floor(Date.now() / 1000) - 330 }),
        401,
      ],
      [
        'future timestamp',
        () => postSignedWebhook(url, speakStartedOnCall(), { timestamp: Math.floor(Date.now() / 1000) + 330 }),
        401,
      ],
      ['non-JSON', () => postSignedWebhook(url, 'this is not json'), 400],
      ['JSON that is not an event', () => postSignedWebhook(url, { hello: 'world' }), 400],
      [
        'event without payload',
        () => postSignedWebhook(url, { data: { id: 'x', event_type: 'call.speak.started' } }),
        400,
      ],
      [
        'oversize (declared)',
        () => postSignedWebhook(url, speakStartedOnCall({ pad: 'x'.repeat(MAX_WEBHOOK_BODY_BYTES) })),
        413,
      ],
      [
        'oversize (chunked)',
        () => {
          const big = signedWebhook(speakStartedOnCall({ pad: 'x'.repeat(MAX_WEBHOOK_BODY_BYTES) }));
          return rawPost(url, Buffer.from(big.body), big.headers, true);
        },
        413,
      ],
    ];
    for (const [name, send, status] of cases) {
      const response = await send();
      expect(typeof response === 'number' ? response : response.status, name).toBe(status);
    }
    expect(await outcomes(gw)).toMatchObject({ bad_signature: 9, bad_request: 3, too_large: 2 });
    // Still serving, and the subscriber saw none of it: the next event is the first it gets.
    expect((await fetch(`${gw.url}/healthz`)).status).toBe(200);
    const valid = speakStartedOnCall();
    expect((await postSignedWebhook(url, valid)).status).toBe(200);
    const [first] = await sub.collected.waitFor(1);
    expect(first!.data!.callEvents.id).toBe(valid.data.id);
    expect(sub.collected.items).toHaveLength(1);
  });

  it('accepts a body just under the limit', async () => {
    const body = JSON.stringify(speakStartedOnCall({ pad: '' }));
    const padded = body.replace('"pad":""', `"pad":"${'x'.repeat(MAX_WEBHOOK_BODY_BYTES - body.length)}"`);
    expect(Buffer.byteLength(padded)).toBe(MAX_WEBHOOK_BODY_BYTES);
    const before = sub.collected.items.length;
    expect((await postSignedWebhook(gw.webhookUrl, padded)).status).toBe(200);
    const items = await sub.collected.waitFor(before + 1);
    expect(items.at(-1)!.data!.callEvents.id).toBe(JSON.parse(padded).data.id);
  });

  it('acknowledges a duplicate data.id without publishing it again', async () => {
    const before = sub.collected.items.length;
    const event = speakStartedOnCall();
    expect((await postSignedWebhook(gw.webhookUrl, event)).status).toBe(200);
    const retry = await postSignedWebhook(gw.webhookUrl, { ...event, meta: { attempt: 2 } });
    expect(retry.status).toBe(200);
    expect(await retry.json()).toEqual({ status: 'duplicate' });
    const marker = speakStartedOnCall();
    await postSignedWebhook(gw.webhookUrl, marker);
    const items = await sub.collected.waitFor(before + 2);
    expect(items.slice(before).map((r) => r.data!.callEvents.id)).toEqual([event.data.id, marker.data.id]);
  });

  it('acknowledges and counts unknown event types without publishing them', async () => {
    const before = sub.collected.items.length;
    const counted = (await outcomes(gw)).unknown_type ?? 0;
    const response = await postSignedWebhook(gw.webhookUrl, {
      data: { id: randomUUID(), event_type: 'call.bridged', payload: { call_control_id: CALL } },
    });
    expect(response.status).toBe(200);
    expect((await outcomes(gw)).unknown_type).toBe(counted + 1);
    const marker = speakStartedOnCall();
    await postSignedWebhook(gw.webhookUrl, marker);
    const items = await sub.collected.waitFor(before + 1);
    expect(items.at(-1)!.data!.callEvents.id).toBe(marker.data.id);
  });

  it('answers 405 to other methods', async () => {
    expect((await fetch(gw.webhookUrl)).status).toBe(405);
  });
});

describe('webhook receiver when the event bus is down', () => {
  it('answers 503 so that Telnyx retries', async () => {
    class DownStore extends MemoryEventStore {
      override async append(_event: CallEvent): Promise<never> {
        throw new EventBusUnavailableError('redis down');
      }
    }
    const metrics = createMetrics();
    const logger = createLogger('silent');
    const events = new EventBus(new DownStore({ bufferPerCall: 10, bufferTotal: 10, bufferMaxAgeSeconds: 60 }), {
      maxBacklog: 10,
      metrics,
      logger,
    });
    const handler = createWebhookHandler({
      events,
      publicKey: testKeys.publicKeyBase64,
      toleranceSeconds: 300,
      logger,
      metrics,
      admission: new WebhookAdmission({ maxInFlight: 64, maxPerTurn: 64, maxEventLoopDelayMs: 0, metrics }),
    });
    const server = createServer((req, res) => void handler(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/telnyx`;
    try {
      const response = await postSignedWebhook(url, speakStartedOnCall());
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('1');
      expect((await metrics.webhooksReceived.get()).values).toEqual([
        expect.objectContaining({ labels: { outcome: 'unavailable' }, value: 1 }),
      ]);
    } finally {
      server.close();
      await events.close();
    }
  });
});
