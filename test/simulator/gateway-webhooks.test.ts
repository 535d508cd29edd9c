/**
 * The simulator's webhooks against the gateway's own receiver (verify → parse → normalise → bus):
 * every delivery is accepted on the first attempt, and `call.recording.saved`, which carries no
 * call_control_id, reaches a subscription filtered to its call through the leg seen earlier.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { EventBus } from '../../src/events/bus';
import { MemoryEventStore } from '../../src/events/memory-store';
import { type DeliveredCallEvent, isCallLifecycleEventType } from '../../src/events/types';
import { createLogger } from '../../src/lib/logger';
import { createMetrics } from '../../src/lib/metrics';
import { WebhookAdmission } from '../../src/webhooks/admission';
import { createWebhookHandler } from '../../src/transport/webhook-endpoint';
import { startHarness, type Harness } from './harness';
import { waitFor } from '../support/wait';

let h: Harness;
let bus: EventBus;
let gateway: Server;
const answers: number[] = [];

beforeAll(async () => {
  h = await startHarness();
  const logger = createLogger('silent');
  const metrics = createMetrics();
  bus = new EventBus(new MemoryEventStore({ bufferPerCall: 100, bufferTotal: 1_000, bufferMaxAgeSeconds: 600 }), {
    maxBacklog: 100,
    metrics,
    logger,
  });
  const handle = createWebhookHandler({
    events: bus,
    publicKey: h.sim.publicKeyBase64,
    toleranceSeconds: 300,
    logger,
    metrics,
    admission: new WebhookAdmission({ maxInFlight: 64, maxPerTurn: 64, maxEventLoopDelayMs: 0, metrics }),
  });
  gateway = createServer((req, res) => {
    res.once('finish', () => answers.push(res.statusCode));
    void handle(req, res);
  });
  await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', () => resolve()));
  h.sim.setWebhookUrl(`http://127.0.0.1:${(gateway.address() as AddressInfo).port}/webhooks/telnyx`);
});
afterAll(async () => {
  await h.close();
  await bus.close();
  gateway.closeAllConnections();
  await new Promise<void>((resolve) => gateway.close(() => resolve()));
});

it('is accepted by the gateway receiver, and recording events reach the call by its leg', async () => {
  const call = await h.sim.createCall();
  const abort = new AbortController();
  const received: DeliveredCallEvent[] = [];
  const subscription = bus.subscribe({ callControlId: call.callControlId }, abort.signal);
  const collecting = (async () => {
    for await (const event of subscription) received.push(event);
  })();

  await h.action(call.callControlId, 'record_start', { format: 'mp3', channels: 'single', transcription: true });
  await h.action(call.callControlId, 'speak', { payload: 'Routed by leg', voice: 'female' });
  await waitFor(() => received.some((event) => event.eventType === 'call.speak.ended'), 'speak ended');
  await h.action(call.callControlId, 'record_stop');
  await waitFor(
    () => received.some((event) => event.eventType === 'call.recording.transcription.saved'),
    'transcription',
  );
  abort.abort();
  await collecting;

  // call.initiated and call.answered may land before or after the subscription started.
  const media = received.filter((event) => !isCallLifecycleEventType(event.eventType));
  expect(media.map((event) => event.eventType)).toEqual([
    'call.speak.started',
    'call.speak.ended',
    'call.recording.saved',
    'call.recording.transcription.saved',
  ]);
  const saved = received.find((event) => event.eventType === 'call.recording.saved');
  expect(saved).toMatchObject({
    callControlId: call.callControlId,
    callLegId: call.callLegId,
    recordingId: expect.any(String),
    format: 'mp3',
  });
  await h.sim.webhooksIdle();
  expect(answers.length).toBeGreaterThanOrEqual(6); // initiated, answered and the four above
  expect(answers.every((status) => status >= 200 && status < 300)).toBe(true);
});
