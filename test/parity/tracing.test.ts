import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../auth/tokens';
import { startGateway, type Harness } from '../support/gateway';
import { startOtlpCollector, type OtlpCollector } from '../support/otlp-collector';
import { transports, transportsRunning, type Transport } from '../support/transports';

/**
 * The operation span is a child of the trace context the client sent (a traceparent header over
 * HTTP, `extensions.traceparent` over graphql-ws), and its Telnyx request carries that trace on.
 */

const SERVER = 2;
const CURSOR = { query: 'query ParityCursor { latestEventCursor }' };
const EVENTS = { query: 'subscription ParityEvents { callEvents { id } }' };
const SPEAK = {
  query: `mutation ParitySpeak($id: ID!) { speak(input: { callControlId: $id, payload: "hi", voice: "Telnyx.KokoroTTS.af" }) { result } }`,
};

let collector: OtlpCollector;
let h: Harness;
let token: string;
beforeAll(async () => {
  collector = await startOtlpCollector();
  h = await startGateway({
    traced: true,
    env: {
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.endpoint,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_SERVICE_NAME: 'gateway-under-test',
      OTEL_BSP_SCHEDULE_DELAY: '20',
    },
  });
  token = await signToken({ scope: 'events:read media:write' });
});
afterAll(async () => {
  await h.close();
  await collector.close();
});

/** A client's own trace context, as a browser SDK would send it. */
function clientTrace() {
  const traceId = randomBytes(16).toString('hex');
  const spanId = randomBytes(8).toString('hex');
  return { traceId, spanId, traceparent: `00-${traceId}-${spanId}-01` };
}

/** The span named `name` in the client's trace. */
function operationSpan(trace: { traceId: string }, name: string, transport: Transport) {
  return collector.waitForSpan(
    (span) => span.traceId === trace.traceId && span.name === name,
    `${name} over ${transport.name}`,
  );
}

describe('the operation span', () => {
  it.each(transports)("is a child of the client's traceparent for a query over $name", async (transport) => {
    const trace = clientTrace();
    const outcome = await transport.run(h, CURSOR, { token, traceparent: trace.traceparent });
    expect(outcome.errors).toBeUndefined();
    const span = await operationSpan(trace, 'query ParityCursor', transport);
    expect(span).toMatchObject({ parentSpanId: trace.spanId, kind: SERVER });
    expect(span.attributes).toMatchObject({
      'graphql.operation.type': 'query',
      'graphql.operation.name': 'ParityCursor',
    });
  });

  it.each(transportsRunning('mutation'))(
    'carries the trace on to Telnyx for a mutation over $name',
    async (transport) => {
      const trace = clientTrace();
      const callControlId = `v3:parity-traced-${transport.name.replace(/[^a-z0-9]+/gi, '-')}`;
      const outcome = await transport.run(
        h,
        { ...SPEAK, variables: { id: callControlId } },
        { token, traceparent: trace.traceparent },
      );
      expect(outcome.errors).toBeUndefined();
      const span = await operationSpan(trace, 'mutation ParitySpeak', transport);
      expect(span.parentSpanId).toBe(trace.spanId);
      const sent = h.telnyx.requests.find((request) => decodeURIComponent(request.pathname).includes(callControlId));
      const [, traceId, parentId] = String(sent?.headers.traceparent).split('-');
      expect(traceId).toBe(trace.traceId);
      const attempt = await collector.waitForSpan((candidate) => candidate.spanId === parentId, 'the Telnyx attempt');
      expect(attempt.parentSpanId).toBe(span.spanId);
    },
  );

  it.each(transportsRunning('subscription'))(
    "is a child of the client's traceparent for a subscription over $name",
    async (transport) => {
      const trace = clientTrace();
      const stream = await transport.subscribe!(h, EVENTS, { token, traceparent: trace.traceparent });
      await h.waitForSubscribers(1);
      stream.cancel();
      await h.waitForNoSubscribers();
      const span = await operationSpan(trace, 'subscription ParityEvents', transport);
      expect(span).toMatchObject({ parentSpanId: trace.spanId, kind: SERVER });
    },
  );
});
