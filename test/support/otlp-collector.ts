import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { waitFor } from './wait';

/** One span as an OTLP/JSON export carries it, flattened for assertions. */
export interface CollectedSpan {
  traceId: string;
  spanId: string;
  /** Empty for a root span. */
  parentSpanId: string;
  name: string;
  /** OTLP's numeric kind: 1 internal, 2 server, 3 client, 4 producer, 5 consumer. */
  kind: number;
  attributes: Record<string, string | number | boolean | string[]>;
  links: Array<{ traceId: string; spanId: string; attributes: Record<string, unknown> }>;
  /** OTLP status code: 0 unset, 1 ok, 2 error. */
  statusCode: number;
  serviceName: string | undefined;
}

export interface OtlpCollector {
  /** e.g. http://127.0.0.1:PORT: what OTEL_EXPORTER_OTLP_ENDPOINT is set to. */
  endpoint: string;
  spans: CollectedSpan[];
  /** Headers of every export request, in order. */
  exports: Array<{ path: string; headers: IncomingHttpHeaders }>;
  /** Resolves with the first span `match` accepts, polling until `timeoutMs`. */
  waitForSpan(match: (span: CollectedSpan) => boolean, what: string, timeoutMs?: number): Promise<CollectedSpan>;
  close(): Promise<void>;
}

type AnyValue = {
  stringValue?: string;
  intValue?: string | number;
  boolValue?: boolean;
  doubleValue?: number;
  arrayValue?: { values?: AnyValue[] };
};
type KeyValue = { key: string; value: AnyValue };
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes?: KeyValue[];
  links?: Array<{ traceId: string; spanId: string; attributes?: KeyValue[] }>;
  status?: { code?: number };
}

function plainValue(value: AnyValue): string | number | boolean | string[] {
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.intValue !== undefined) return Number(value.intValue);
  if (value.doubleValue !== undefined) return value.doubleValue;
  if (value.boolValue !== undefined) return value.boolValue;
  return (value.arrayValue?.values ?? []).map((entry) => String(plainValue(entry)));
}

function attributesOf(list: KeyValue[] | undefined): Record<string, string | number | boolean | string[]> {
  return Object.fromEntries((list ?? []).map(({ key, value }) => [key, plainValue(value)]));
}

/**
 * An OpenTelemetry collector stand-in on loopback: accepts OTLP/HTTP JSON exports on
 * POST /v1/traces (as a collector's otlp receiver does) and keeps every span it receives.
 */
export async function startOtlpCollector(): Promise<OtlpCollector> {
  const spans: CollectedSpan[] = [];
  const exports: OtlpCollector['exports'] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      exports.push({ path: req.url ?? '', headers: req.headers });
      if (
        req.method !== 'POST' ||
        req.url !== '/v1/traces' ||
        !String(req.headers['content-type']).startsWith('application/json')
      ) {
        res.writeHead(415, { 'content-type': 'application/json' });
        res.end('{}');
        return;
      }
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        resourceSpans?: Array<{ resource?: { attributes?: KeyValue[] }; scopeSpans?: Array<{ spans?: OtlpSpan[] }> }>;
      };
      for (const resourceSpans of body.resourceSpans ?? []) {
        const serviceName = attributesOf(resourceSpans.resource?.attributes)['service.name'] as string | undefined;
        for (const scope of resourceSpans.scopeSpans ?? []) {
          for (const span of scope.spans ?? []) {
            spans.push({
              traceId: span.traceId,
              spanId: span.spanId,
              parentSpanId: span.parentSpanId ?? '',
              name: span.name,
              kind: span.kind,
              attributes: attributesOf(span.attributes),
              links: (span.links ?? []).map((link) => ({
                traceId: link.traceId,
                spanId: link.spanId,
                attributes: attributesOf(link.attributes),
              })),
              statusCode: span.status?.code ?? 0,
              serviceName,
            });
          }
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    endpoint,
    spans,
    exports,
    waitForSpan: (match, what, timeoutMs = 5_000) =>
      waitFor(
        () => spans.find(match),
        () => `span: ${what} (have: ${spans.map((span) => span.name).join(', ')})`,
        { timeoutMs },
      ),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
