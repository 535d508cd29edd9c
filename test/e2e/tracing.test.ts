import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/lib/logger';
import { startSimulator, type RunningSimulator } from '../../src/simulator/server';
import { postGraphQL, subscribeWs, wsClient } from '../support/clients';
import { telnyxErrorReply, OK_REPLY, type FakeTelnyx } from '../support/fake-telnyx';
import { startGateway, TEST_API_KEY, type GatewayOptions, type Harness } from '../support/gateway';
import { startOtlpCollector, type CollectedSpan, type OtlpCollector } from '../support/otlp-collector';
import { deleteKeys, REDIS_URL, skipWithoutRedis, uniquePrefix } from '../support/redis';
import { postSignedWebhook, testKeys } from '../support/signing';
import { waitFor } from '../support/wait';
import { speakStarted } from '../support/webhooks';

const noRedis = await skipWithoutRedis();

const SPEAK = `mutation SpeakHello($id: ID!, $text: String!) { speak(input: { callControlId: $id, payload: $text, voice: "Telnyx.KokoroTTS.af" }) { commandId } }`;
const SPEAK_EVENTS = `subscription WatchSpeech($id: ID) { speakEvents(callControlId: $id) { eventType } }`;
/** Spoken text: must never appear in a span. */
const SECRET_TEXT = 'the account number is 4242';

const SERVER = 2;
const CLIENT = 3;
const CONSUMER = 5;

/** A gateway that exports its spans to `collector` over OTLP/JSON in 20 ms batches. */
function startTracedGateway(collector: OtlpCollector, options: GatewayOptions = {}): Promise<Harness> {
  return startGateway({
    auth: 'off',
    traced: true,
    ...options,
    env: {
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.endpoint,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_SERVICE_NAME: 'gateway-under-test',
      OTEL_BSP_SCHEDULE_DELAY: '20',
      ...options.env,
    },
    tuning: { telnyx: { backoffBaseMs: 1, backoffMaxMs: 5 } },
  });
}

/** A client's own trace context, as a browser SDK would send it. */
function clientTraceparent() {
  const traceId = randomBytes(16).toString('hex');
  const spanId = randomBytes(8).toString('hex');
  return { traceId, spanId, header: `00-${traceId}-${spanId}-01` };
}

/** A plain JSON POST without Origin: the kind the gateway answers on its direct path, without Yoga's Request. */
async function postPlainJson(url: string, query: string, variables: Record<string, unknown>, traceparent: string) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', traceparent },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { errors?: unknown[] };
}

function childOf(parent: CollectedSpan) {
  return (span: CollectedSpan) => span.traceId === parent.traceId && span.parentSpanId === parent.spanId;
}

describe('tracing against the simulator: speak → Telnyx → call.speak.started → subscribers', () => {
  let collector: OtlpCollector;
  let simulator: RunningSimulator;
  let gateway: Harness;

  beforeAll(async () => {
    collector = await startOtlpCollector();
    simulator = await startSimulator({ port: 0, host: '127.0.0.1', speed: 20, logger: createLogger('silent') });
    gateway = await startTracedGateway(collector, {
      upstream: {
        baseUrl: simulator.apiBaseUrl,
        apiKey: simulator.apiKey,
        webhookPublicKey: simulator.publicKeyBase64,
      },
    });
    simulator.setWebhookUrl(`${gateway.url}/webhooks/telnyx`);
  });
  afterAll(async () => {
    await gateway.close();
    await simulator.close();
    await collector.close();
  });

  it('exports one connected trace over OTLP/JSON with the right attributes, parents and link', async () => {
    const call = await simulator.createCall();
    const client = wsClient(gateway.wsUrl);
    const watching = subscribeWs(client, SPEAK_EVENTS, { id: call.callControlId }, { limit: 1 });
    await expect
      .poll(async () => (await gateway.metrics.activeSubscriptions.get()).values[0]?.value, { timeout: 3_000 })
      .toBeGreaterThan(0);

    const incoming = clientTraceparent();
    const spoken = await postGraphQL(gateway.url, SPEAK, {
      variables: { id: call.callControlId, text: SECRET_TEXT },
      headers: { traceparent: incoming.header },
    });
    expect(spoken.body.errors).toBeUndefined();
    const results = (await watching.collected.waitForEnd()).items;
    expect(results[0]?.data).toEqual({ speakEvents: { eventType: 'call.speak.started' } });

    const operation = await collector.waitForSpan((span) => span.name === 'mutation SpeakHello', 'the operation span');
    expect(operation).toMatchObject({
      traceId: incoming.traceId,
      parentSpanId: incoming.spanId,
      kind: SERVER,
      serviceName: 'gateway-under-test',
    });
    expect(operation.attributes).toMatchObject({
      'graphql.operation.type': 'mutation',
      'graphql.operation.name': 'SpeakHello',
    });

    const telnyx = await collector.waitForSpan(childOf(operation), 'the Telnyx span under the operation');
    expect(telnyx).toMatchObject({ name: 'telnyx speak', kind: CLIENT });
    expect(telnyx.attributes).toMatchObject({
      'telnyx.action': 'speak',
      'http.response.status_code': 200,
      'telnyx.attempt': 1,
      'telnyx.call_control_id': call.callControlId,
    });

    const webhook = await collector.waitForSpan(
      (span) => span.name === 'webhook call.speak.started',
      'the webhook span',
    );
    expect(webhook.kind).toBe(SERVER);
    expect(webhook.attributes).toMatchObject({
      'telnyx.event_type': 'call.speak.started',
      'webhook.outcome': 'accepted',
      'webhook.result': 'published',
    });
    expect(webhook.links).toContainEqual(expect.objectContaining({ traceId: telnyx.traceId, spanId: telnyx.spanId }));

    const delivery = await collector.waitForSpan(
      (span) => childOf(webhook)(span) && span.name === 'deliver call.speak.started',
      'the delivery span under the webhook',
    );
    expect(delivery.kind).toBe(CONSUMER);
    expect(delivery.attributes['events.subscribers']).toBeGreaterThanOrEqual(1);

    // Nothing the caller said reaches the exporter: no variable values, no document.
    expect(JSON.stringify(collector.spans)).not.toContain(SECRET_TEXT);
    await client.dispose();
  });
});

describe('tracing against a Telnyx stand-in', () => {
  let collector: OtlpCollector;
  let upstream: FakeTelnyx;
  let gateway: Harness;

  beforeAll(async () => {
    collector = await startOtlpCollector();
    gateway = await startTracedGateway(collector, { env: { TELNYX_MAX_RETRIES: '2' } });
    upstream = gateway.telnyx;
  });
  afterEach(() => {
    upstream.requests.length = 0;
  });
  afterAll(async () => {
    await gateway.close();
    await collector.close();
  });

  it('sends each attempt with the traceparent of its own span, numbered, with its status', async () => {
    upstream.enqueue(telnyxErrorReply(503, '10007', 'Unavailable'), OK_REPLY);
    const incoming = clientTraceparent();
    const response = await postGraphQL(gateway.url, SPEAK, {
      variables: { id: 'v3:retried-call', text: 'hello' },
      headers: { traceparent: incoming.header },
    });
    expect(response.body.errors).toBeUndefined();
    expect(upstream.requests).toHaveLength(2);

    const operation = await collector.waitForSpan(
      (span) => span.traceId === incoming.traceId && span.name === 'mutation SpeakHello',
      'operation',
    );
    for (const [index, status] of [503, 200].entries()) {
      const sent = String(upstream.requests[index]!.headers.traceparent);
      const [, traceId, spanId] = /^00-([0-9a-f]{32})-([0-9a-f]{16})-01$/.exec(sent) ?? [];
      expect(traceId).toBe(incoming.traceId);
      const attempt = await collector.waitForSpan((span) => span.spanId === spanId, `attempt ${index + 1}`);
      expect(attempt.parentSpanId).toBe(operation.spanId);
      expect(attempt.attributes).toMatchObject({
        'telnyx.action': 'speak',
        'telnyx.attempt': index + 1,
        'http.response.status_code': status,
      });
      expect(attempt.statusCode).toBe(status === 200 ? 0 : 2);
    }
  });

  it('honours the traceparent a websocket operation carries in its extensions', async () => {
    const incoming = clientTraceparent();
    const client = wsClient(gateway.wsUrl);
    const { value } = await client
      .iterate({
        query: SPEAK,
        variables: { id: 'v3:ws-call', text: 'hello' },
        extensions: { traceparent: incoming.header },
      })
      .next();
    expect(value?.errors).toBeUndefined();
    const operation = await collector.waitForSpan(
      (span) => span.traceId === incoming.traceId && span.name === 'mutation SpeakHello',
      'the websocket operation',
    );
    expect(operation).toMatchObject({ name: 'mutation SpeakHello', parentSpanId: incoming.spanId });
    const sent = String(upstream.requests.at(-1)!.headers.traceparent);
    expect(sent.split('-')[1]).toBe(incoming.traceId);
    await client.dispose();
  });

  it('covers the direct POST path (plain JSON, no Yoga Request) with the operation span under the traceparent header', async () => {
    const incoming = clientTraceparent();
    const response = await postPlainJson(gateway.url, SPEAK, { id: 'v3:direct-call', text: 'hello' }, incoming.header);
    expect(response.errors).toBeUndefined();
    const operation = await collector.waitForSpan(
      (span) => span.traceId === incoming.traceId && span.name === 'mutation SpeakHello',
      'the operation span of the direct path',
    );
    expect(operation.parentSpanId).toBe(incoming.spanId);
    const sent = String(upstream.requests.at(-1)!.headers.traceparent);
    const attempt = await collector.waitForSpan((span) => span.spanId === sent.split('-')[2], 'its Telnyx attempt');
    expect(attempt.parentSpanId).toBe(operation.spanId);
  });

  it('gives the hedge of a stalled command a span of its own, and marks the send it beat as cancelled', async () => {
    upstream.enqueue({ hang: true }, OK_REPLY);
    const incoming = clientTraceparent();
    const response = await postPlainJson(gateway.url, SPEAK, { id: 'v3:hedged-call', text: 'hello' }, incoming.header);
    expect(response.errors).toBeUndefined();
    expect(upstream.requests).toHaveLength(2);
    const operation = await collector.waitForSpan(
      (span) => span.traceId === incoming.traceId && span.name === 'mutation SpeakHello',
      'operation',
    );
    const [first, hedge] = upstream.requests.map((request) => String(request.headers.traceparent).split('-')[2]);
    expect(first).not.toBe(hedge);
    const firstSpan = await collector.waitForSpan((span) => span.spanId === first, 'the stalled send');
    const hedgeSpan = await collector.waitForSpan((span) => span.spanId === hedge, 'the hedge');
    for (const span of [firstSpan, hedgeSpan]) {
      expect(span.parentSpanId).toBe(operation.spanId);
      expect(span.attributes).toMatchObject({ 'telnyx.action': 'speak', 'telnyx.attempt': 1 });
    }
    expect(hedgeSpan.attributes).toMatchObject({ 'telnyx.hedge': true, 'http.response.status_code': 200 });
    expect(hedgeSpan.statusCode).toBe(0);
    expect(firstSpan.attributes['telnyx.hedge']).toBeUndefined();
    expect(firstSpan.attributes['telnyx.hedge.cancelled']).toBe(true);
    expect(firstSpan.statusCode).toBe(0);
  });

  it('marks an operation that failed with the codes of its errors', async () => {
    upstream.enqueue(telnyxErrorReply(422, '90018', 'Call has already ended'));
    const incoming = clientTraceparent();
    const response = await postGraphQL(gateway.url, SPEAK, {
      variables: { id: 'v3:ended-call', text: 'hello' },
      headers: { traceparent: incoming.header },
    });
    expect(response.body.errors?.[0]?.extensions?.code).toBe('TELNYX_ERROR');
    const operation = await collector.waitForSpan(
      (span) => span.traceId === incoming.traceId && span.name === 'mutation SpeakHello',
      'operation',
    );
    expect(operation.attributes['graphql.error.codes']).toEqual(['TELNYX_ERROR']);
    expect(operation.statusCode).toBe(2);
  });

  it('gives each webhook a span with its outcome, linked to the last command of its kind on its call', async () => {
    const callControlId = 'v3:linked-call';
    await postGraphQL(gateway.url, SPEAK, { variables: { id: callControlId, text: 'first' } });
    await postGraphQL(gateway.url, SPEAK, { variables: { id: callControlId, text: 'second' } });
    const sentTraceparent = String(upstream.requests.at(-1)!.headers.traceparent);
    const lastSpeakSpanId = sentTraceparent.split('-')[2];

    const event = speakStarted(callControlId);
    expect((await postSignedWebhook(`${gateway.url}/webhooks/telnyx`, event)).status).toBe(200);
    expect((await postSignedWebhook(`${gateway.url}/webhooks/telnyx`, event)).status).toBe(200);
    const forged = await fetch(`${gateway.url}/webhooks/telnyx`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'telnyx-timestamp': String(Math.floor(Date.now() / 1000)),
        'telnyx-signature-ed25519': 'AAAA',
      },
      body: JSON.stringify(speakStarted(callControlId)),
    });
    expect(forged.status).toBe(401);

    const webhookSpans = () =>
      collector.spans.filter(
        (span) => span.attributes['telnyx.call_control_id'] === callControlId && span.name.startsWith('webhook'),
      );
    await waitFor(() => webhookSpans().length === 2, 'two webhook spans of the call', { timeoutMs: 5_000 });
    const rejected = await collector.waitForSpan(
      (span) => span.name === 'webhook' && span.attributes['webhook.result'] === 'bad_signature',
      'the rejected webhook',
    );
    expect(rejected.attributes['webhook.outcome']).toBe('rejected');

    const outcomes = webhookSpans().map((span) => span.attributes['webhook.outcome']);
    expect(outcomes.sort()).toEqual(['accepted', 'duplicate']);
    for (const span of webhookSpans()) {
      expect(span.links).toEqual([
        expect.objectContaining({ spanId: lastSpeakSpanId, attributes: { 'link.reason': 'caused_by_command' } }),
      ]);
    }
  });

  it('does not link a webhook of another kind of media, or of another call', async () => {
    const callControlId = 'v3:unlinked-call';
    await postGraphQL(gateway.url, SPEAK, { variables: { id: callControlId, text: 'hi' } });
    const playback = { ...speakStarted(callControlId) };
    playback.data = { ...playback.data, event_type: 'call.playback.started' };
    await postSignedWebhook(`${gateway.url}/webhooks/telnyx`, playback);
    await postSignedWebhook(`${gateway.url}/webhooks/telnyx`, speakStarted('v3:some-other-call'));
    const played = await collector.waitForSpan(
      (span) =>
        span.name === 'webhook call.playback.started' && span.attributes['telnyx.call_control_id'] === callControlId,
      'playback',
    );
    const other = await collector.waitForSpan(
      (span) => span.attributes['telnyx.call_control_id'] === 'v3:some-other-call' && span.name.startsWith('webhook'),
      'other call',
    );
    expect(played.links).toEqual([]);
    expect(other.links).toEqual([]);
  });
});

describe.skipIf(noRedis)('tracing across two instances on Redis', () => {
  const prefix = uniquePrefix('tracing');
  let collector: OtlpCollector;
  let upstream: FakeTelnyx;
  let a: Harness;
  let b: Harness;

  beforeAll(async () => {
    collector = await startOtlpCollector();
    const environment = (serviceName: string) => ({ REDIS_URL, REDIS_PREFIX: prefix, OTEL_SERVICE_NAME: serviceName });
    a = await startTracedGateway(collector, { env: environment('gateway-a') });
    // Both instances talk to A's Telnyx stand-in.
    upstream = a.telnyx;
    b = await startTracedGateway(collector, {
      env: environment('gateway-b'),
      upstream: { baseUrl: upstream.baseUrl, apiKey: TEST_API_KEY, webhookPublicKey: testKeys.publicKeyBase64 },
    });
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await collector.close();
    await deleteKeys(prefix);
  });

  it('delivers on the other instance under the webhook span; links to the command only on the instance that sent it', async () => {
    const callControlId = `v3:redis-${randomBytes(4).toString('hex')}`;
    const client = wsClient(b.wsUrl);
    const watching = subscribeWs(client, SPEAK_EVENTS, { id: callControlId }, { limit: 1 });
    await expect
      .poll(async () => (await b.metrics.activeSubscriptions.get()).values[0]?.value, { timeout: 3_000 })
      .toBeGreaterThan(0);

    // The command goes through A, its webhook lands on A, a subscriber waits on B.
    await postGraphQL(a.url, SPEAK, { variables: { id: callControlId, text: 'hi' } });
    const commandSpanId = String(upstream.requests.at(-1)!.headers.traceparent).split('-')[2];
    expect((await postSignedWebhook(`${a.url}/webhooks/telnyx`, speakStarted(callControlId))).status).toBe(200);
    // A second command through B; its webhook lands on A, which never saw that command.
    await postGraphQL(b.url, SPEAK, { variables: { id: `${callControlId}-b`, text: 'hi' } });
    expect((await postSignedWebhook(`${a.url}/webhooks/telnyx`, speakStarted(`${callControlId}-b`))).status).toBe(200);
    await watching.collected.waitForEnd();

    const linked = await collector.waitForSpan(
      (span) => span.name.startsWith('webhook') && span.attributes['telnyx.call_control_id'] === callControlId,
      'webhook on A',
    );
    expect(linked.serviceName).toBe('gateway-a');
    expect(linked.links).toEqual([expect.objectContaining({ spanId: commandSpanId })]);
    const delivery = await collector.waitForSpan(
      (span) => span.serviceName === 'gateway-b' && childOf(linked)(span),
      'delivery on B under the webhook span',
    );
    expect(delivery.name).toBe('deliver call.speak.started');
    expect(delivery.attributes['events.subscribers']).toBe(1);

    const unlinked = await collector.waitForSpan(
      (span) => span.name.startsWith('webhook') && span.attributes['telnyx.call_control_id'] === `${callControlId}-b`,
      'webhook of the command sent through B',
    );
    expect(unlinked.links).toEqual([]);
    await client.dispose();
  });
});
