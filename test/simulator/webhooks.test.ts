/**
 * Webhook delivery: the v2 envelope, Telnyx's Ed25519 signature (checked by the official SDK's
 * verifier and by the gateway's own), and retries against a failing receiver.
 */
import { TelnyxWebhook } from 'telnyx/lib/webhooks';
import { afterEach, describe, expect, it } from 'vitest';
import { importTelnyxPublicKey, verifyTelnyxSignature } from '../../src/webhooks/verify';
import { startHarness, WebhookReceiver, type Delivery, type Harness } from './harness';
import { waitFor } from '../support/wait';

let harnesses: Harness[] = [];
async function harness(options: Parameters<typeof startHarness>[0] = {}): Promise<Harness> {
  const h = await startHarness(options);
  harnesses.push(h);
  return h;
}
afterEach(async () => {
  await Promise.all(harnesses.map((h) => h.close()));
  harnesses = [];
});

const plainHeaders = (delivery: Delivery): Record<string, string> =>
  Object.fromEntries(
    Object.entries(delivery.headers).map(([name, value]) => [
      name,
      Array.isArray(value) ? value.join(', ') : String(value),
    ]),
  );

async function speakOnce(h: Harness) {
  const call = await h.sim.createCall();
  await h.action(call.callControlId, 'speak', { payload: 'Signed and delivered', voice: 'female' });
  return call;
}

describe('signature', () => {
  it('verifies with the official telnyx SDK verifier and with the gateway verifier, and fails once tampered', async () => {
    const h = await harness();
    const call = await speakOnce(h);
    await h.action(call.callControlId, 'record_start', { format: 'wav', channels: 'single', transcription: true });
    await h.action(call.callControlId, 'hangup');
    await waitFor(
      () => h.receiver.eventTypes(call.callLegId).includes('call.recording.transcription.saved'),
      'transcription',
    );
    const sdk = new TelnyxWebhook(h.sim.publicKeyBase64);
    const gatewayKey = importTelnyxPublicKey(h.sim.publicKeyBase64);
    expect(h.receiver.deliveries.length).toBeGreaterThanOrEqual(7);
    for (const delivery of h.receiver.deliveries) {
      await expect(sdk.verify(delivery.rawBody, plainHeaders(delivery))).resolves.toBeUndefined();
      const seconds = verifyTelnyxSignature({
        rawBody: Buffer.from(delivery.rawBody, 'utf8'),
        signature: plainHeaders(delivery)['telnyx-signature-ed25519'],
        timestamp: plainHeaders(delivery)['telnyx-timestamp'],
        publicKey: gatewayKey,
        toleranceSeconds: 300,
      });
      expect(Math.abs(seconds - Date.now() / 1000)).toBeLessThan(5);
    }
    const sample = h.receiver.deliveries[0]!;
    const tampered = sample.rawBody.replace('"attempt":1', '"attempt":2');
    expect(tampered).not.toBe(sample.rawBody);
    await expect(sdk.verify(tampered, plainHeaders(sample))).rejects.toThrow();
    const otherKey = (await harness()).sim.publicKeyBase64;
    await expect(new TelnyxWebhook(otherKey).verify(sample.rawBody, plainHeaders(sample))).rejects.toThrow();
  });

  it('sends Telnyx headers and the v2 envelope with meta', async () => {
    const h = await harness();
    const call = await speakOnce(h);
    await waitFor(() => h.receiver.eventTypes(call.callLegId).includes('call.speak.started'), 'speak.started');
    const delivery = h.receiver
      .accepted({ callLegId: call.callLegId })
      .find((d) => d.body.data.event_type === 'call.speak.started')!;
    expect(delivery.headers).toMatchObject({ 'content-type': 'application/json', 'user-agent': 'telnyx-webhooks' });
    expect(delivery.headers['telnyx-timestamp']).toMatch(/^\d{10}$/);
    expect(delivery.headers['telnyx-signature-ed25519']).toMatch(/^[A-Za-z0-9+/]{86}==$/);
    expect(Object.keys(delivery.body).sort()).toEqual(['data', 'meta']);
    expect(Object.keys(delivery.body.data).sort()).toEqual([
      'event_type',
      'id',
      'occurred_at',
      'payload',
      'record_type',
    ]);
    expect(delivery.body.data).toMatchObject({
      event_type: 'call.speak.started',
      id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      occurred_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/),
      record_type: 'event',
    });
    expect(delivery.body.meta).toEqual({ attempt: 1, delivered_to: h.receiver.url });
    const ids = h.receiver.deliveries.map((d) => d.body.data.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('retries', () => {
  it("retries a failed delivery with the same id and a growing attempt, holding back the call's later events", async () => {
    const h = await harness({ webhookBackoffBaseMs: 10 });
    h.receiver.responder = (delivery) =>
      delivery.body.data.event_type === 'call.speak.started' && delivery.body.meta.attempt < 3 ? 500 : 200;
    const call = await speakOnce(h);
    await waitFor(() => h.receiver.eventTypes(call.callLegId).includes('call.speak.ended'), 'speak.ended');
    const started = h.receiver.deliveries.filter((d) => d.body.data.event_type === 'call.speak.started');
    expect(started.map((d) => d.body.meta.attempt)).toEqual([1, 2, 3]);
    expect(new Set(started.map((d) => d.body.data.id)).size).toBe(1);
    expect(started.map((d) => d.status)).toEqual([500, 500, 200]);
    const order = h.receiver.deliveries
      .filter((d) => d.body.data.payload.call_leg_id === call.callLegId)
      .map((d) => d.body.data.event_type);
    expect(order.slice(-2)).toEqual(['call.speak.started', 'call.speak.ended']);
    // Exponential backoff: at least 10 ms before the second attempt, 20 ms before the third.
    const [first, second, third] = started.map((d) => d.receivedAt) as [number, number, number];
    expect(second - first).toBeGreaterThanOrEqual(9);
    expect(third - second).toBeGreaterThanOrEqual(19);
  });

  it('treats no answer within the timeout, and a redirect, as failures', async () => {
    const h = await harness({ webhookTimeoutMs: 150, webhookBackoffBaseMs: 5 });
    h.receiver.responder = (delivery) => {
      if (delivery.body.data.event_type !== 'call.initiated') return 200;
      return ({ 1: 'no answer', 2: 302 } as const)[delivery.body.meta.attempt] ?? 204;
    };
    const call = await h.sim.createCall();
    await waitFor(() => h.receiver.eventTypes(call.callLegId).includes('call.answered'), 'call.answered');
    const initiated = h.receiver.deliveries.filter((d) => d.body.data.event_type === 'call.initiated');
    expect(initiated.map((d) => [d.body.meta.attempt, d.status])).toEqual([
      [1, 'no answer'],
      [2, 302],
      [3, 204],
    ]);
  });

  it('gives up after a bounded number of attempts and moves on to the next event', async () => {
    const h = await harness({ webhookMaxAttempts: 3, webhookBackoffBaseMs: 2 });
    h.receiver.responder = (delivery) => (delivery.body.data.event_type === 'call.initiated' ? 503 : 200);
    const call = await h.sim.createCall();
    await waitFor(() => h.receiver.eventTypes(call.callLegId).includes('call.answered'), 'call.answered');
    await h.sim.webhooksIdle();
    expect(h.receiver.deliveries.filter((d) => d.body.data.event_type === 'call.initiated')).toHaveLength(3);
  });

  it("does not let one call's failing deliveries hold up another call", async () => {
    const h = await harness({ webhookTimeoutMs: 2_000, webhookBackoffBaseMs: 1_000 });
    const stuck = await h.sim.createCall({ from: '+15550000001' });
    h.receiver.responder = (delivery) => (delivery.body.data.payload.from === '+15550000001' ? 'no answer' : 200);
    const other = await speakOnce(h);
    await waitFor(() => h.receiver.eventTypes(other.callLegId).includes('call.speak.ended'), "the other call's speak");
    expect(h.receiver.eventTypes(stuck.callLegId)).toEqual([]);
  });
});

describe('webhook URL', () => {
  it('follows setWebhookUrl and PUT /simulator/webhook_url, and meta.delivered_to names the URL used', async () => {
    const h = await harness();
    const second = await new WebhookReceiver().listen();
    try {
      h.sim.setWebhookUrl(second.url);
      const call = await h.sim.createCall();
      await waitFor(() => second.accepted({ callLegId: call.callLegId }).length === 2, 'second receiver');
      expect(second.deliveries[0]!.body.meta.delivered_to).toBe(second.url);
      expect(h.receiver.accepted({ callLegId: call.callLegId })).toEqual([]);

      expect((await h.api('PUT', '/simulator/webhook_url', { url: h.receiver.url })).status).toBe(200);
      expect((await h.api('PUT', '/simulator/webhook_url', { url: 'ftp://nope' })).status).toBe(422);
      await h.action(call.callControlId, 'speak', { payload: 'back', voice: 'female' });
      await waitFor(() => h.receiver.eventTypes(call.callLegId).includes('call.speak.ended'), 'first receiver again');
    } finally {
      await second.close();
    }
  });
});
