import { AsyncLocalStorage } from 'node:async_hooks';
import type { Attributes, Context, Span, SpanContext, Tracer } from '@opentelemetry/api';
import type { W3CTraceContextPropagator } from '@opentelemetry/core';
import type { SpanExporter, TracerProvider } from '@opentelemetry/sdk-trace';
import type { Logger } from '../lib/logger';
import { mediaKindOfEvent } from '../events/catalogue';
import { mediaKindOfAction } from '../telnyx/actions';
import { CommandSpans } from './command-spans';
import type { OperationInfo, TelnyxAttemptInfo, Tracing, TracingConfig, WebhookOutcome } from './tracing';

const TRACER_NAME = 'voice-media-gateway';
const DEFAULT_SERVICE_NAME = 'voice-media-gateway';

/**
 * Tracing with the OpenTelemetry SDK (`@opentelemetry/sdk-trace` 3.x, OTLP exporters 0.30x). Nothing
 * is registered globally: the active span lives in this instance's own AsyncLocalStorage, so several
 * gateways in one process (tests) keep their traces apart and the process's other libraries are not
 * instrumented behind the operator's back.
 */
export async function createOpenTelemetryTracing(config: TracingConfig, logger: Logger): Promise<Tracing> {
  // Imported here, not at the top: the production build inlines this module into dist/main.js,
  // where top-level imports would load the SDK at start-up with tracing off.
  const [api, { W3CTraceContextPropagator }, resources, { TracerProvider, BatchSpanProcessor }] = await Promise.all([
    import('@opentelemetry/api'),
    import('@opentelemetry/core'),
    import('@opentelemetry/resources'),
    import('@opentelemetry/sdk-trace'),
  ]);
  const { defaultResource, detectResources, envDetector, resourceFromAttributes } = resources;
  const provider = new TracerProvider({
    resource: defaultResource()
      .merge(resourceFromAttributes({ 'service.name': DEFAULT_SERVICE_NAME }))
      .merge(detectResources({ detectors: [envDetector] }))
      .merge(config.serviceName ? resourceFromAttributes({ 'service.name': config.serviceName }) : null),
    spanProcessors: [new BatchSpanProcessor({ exporter: await otlpExporter(config), ...config.batch })],
  });
  return new OpenTelemetryTracing(api, new W3CTraceContextPropagator(), provider, logger);
}

async function otlpExporter(config: TracingConfig): Promise<SpanExporter> {
  // OTEL_EXPORTER_OTLP_HEADERS, _TIMEOUT and _COMPRESSION are read by the exporter itself.
  if (config.protocol === 'http/json') {
    const { OTLPTraceExporter } = await import('@opentelemetry/exporter-trace-otlp-http');
    return new OTLPTraceExporter({ url: config.tracesUrl });
  }
  const { OTLPTraceExporter } = await import('@opentelemetry/exporter-trace-otlp-proto');
  return new OTLPTraceExporter({ url: config.tracesUrl });
}

type OpenTelemetryApi = typeof import('@opentelemetry/api');

function traceparentOf(span: SpanContext): string {
  return `00-${span.traceId}-${span.spanId}-${span.traceFlags.toString(16).padStart(2, '0')}`;
}

class OpenTelemetryTracing implements Tracing {
  readonly #tracer: Tracer;
  readonly #active = new AsyncLocalStorage<Context>();
  readonly #commands = new CommandSpans<SpanContext>();

  constructor(
    private readonly api: OpenTelemetryApi,
    private readonly propagator: W3CTraceContextPropagator,
    private readonly provider: TracerProvider,
    private readonly logger: Logger,
  ) {
    this.#tracer = provider.getTracer(TRACER_NAME);
  }

  async inOperation<T>(
    operation: OperationInfo,
    traceparent: string | null | undefined,
    execute: () => T | Promise<T>,
    errorCodes: (result: T) => string[] | undefined,
  ): Promise<T> {
    const parent = this.#contextFrom(traceparent);
    // No variable values and no document: both may carry what callers say on calls.
    const attributes: Attributes = { 'graphql.operation.type': operation.type };
    if (operation.name) attributes['graphql.operation.name'] = operation.name;
    const span = this.#tracer.startSpan(
      operation.name ? `${operation.type} ${operation.name}` : operation.type,
      { kind: this.api.SpanKind.SERVER, attributes },
      parent,
    );
    try {
      const result = await this.#active.run(this.api.trace.setSpan(parent, span), execute);
      const codes = errorCodes(result);
      if (codes) {
        span.setAttribute('graphql.error.codes', codes);
        span.setStatus({ code: this.api.SpanStatusCode.ERROR, message: codes.join(', ') });
      }
      return result;
    } catch (error) {
      span.setStatus({ code: this.api.SpanStatusCode.ERROR, message: error instanceof Error ? error.name : 'error' });
      throw error;
    } finally {
      span.end();
    }
  }

  startTelnyxAttempt(request: TelnyxAttemptInfo) {
    const attributes: Attributes = {
      'telnyx.action': request.operation,
      'http.request.method': request.method,
      'telnyx.attempt': request.attempt,
    };
    if (request.callControlId) attributes['telnyx.call_control_id'] = request.callControlId;
    if (request.attempt > 1) attributes['http.request.resend_count'] = request.attempt - 1;
    if (request.hedge) attributes['telnyx.hedge'] = true;
    const span = this.#tracer.startSpan(
      `telnyx ${request.operation}`,
      { kind: this.api.SpanKind.CLIENT, attributes },
      this.#activeContext(),
    );
    const kind = mediaKindOfAction(request.operation);
    // Remembered before the answer: Telnyx may send the first webhook before its HTTP answer arrives.
    if (kind && request.callControlId) this.#commands.remember(request.callControlId, kind, span.spanContext());
    return {
      traceparent: traceparentOf(span.spanContext()),
      end: ({ status, error, cancelled }: { status?: number; error?: string; cancelled?: boolean }) => {
        if (cancelled) span.setAttribute('telnyx.hedge.cancelled', true);
        if (status !== undefined) span.setAttribute('http.response.status_code', status);
        if (error !== undefined || (status !== undefined && status >= 400)) {
          span.setStatus({ code: this.api.SpanStatusCode.ERROR, message: error ?? `HTTP ${status}` });
        }
        span.end();
      },
    };
  }

  startWebhook(headers: { traceparent?: string | string[] }) {
    const sent = typeof headers.traceparent === 'string' ? headers.traceparent : undefined;
    const span = this.#tracer.startSpan(
      'webhook',
      { kind: this.api.SpanKind.SERVER, attributes: { 'http.request.method': 'POST', 'url.path': '/webhooks/telnyx' } },
      this.#contextFrom(sent),
    );
    let ended = false;
    return {
      traceparent: traceparentOf(span.spanContext()),
      event: (eventType: string, callControlId: string | null) => this.#describeWebhook(span, eventType, callControlId),
      end: (outcome: WebhookOutcome, result: string) => {
        if (ended) return;
        ended = true;
        span.setAttributes({ 'webhook.outcome': outcome, 'webhook.result': result });
        // A refused webhook is the sender's problem; one the gateway could not take is its own.
        if (result === 'unavailable')
          span.setStatus({ code: this.api.SpanStatusCode.ERROR, message: 'event bus unavailable' });
        span.end();
      },
    };
  }

  #describeWebhook(span: Span, eventType: string, callControlId: string | null): void {
    span.updateName(`webhook ${eventType}`);
    span.setAttribute('telnyx.event_type', eventType);
    if (callControlId === null) return;
    span.setAttribute('telnyx.call_control_id', callControlId);
    const kind = mediaKindOfEvent(eventType);
    const command = kind && this.#commands.lastCommand(callControlId, kind);
    if (command) span.addLink({ context: command, attributes: { 'link.reason': 'caused_by_command' } });
  }

  deliver(
    event: { eventType: string; cursor: string; traceparent?: string },
    subscribers: number,
    fanOut: () => void,
  ): void {
    const parent = this.#contextFrom(event.traceparent);
    const span = this.#tracer.startSpan(
      `deliver ${event.eventType}`,
      {
        kind: this.api.SpanKind.CONSUMER,
        attributes: {
          'telnyx.event_type': event.eventType,
          'events.cursor': event.cursor,
          'events.subscribers': subscribers,
        },
      },
      parent,
    );
    try {
      this.#active.run(this.api.trace.setSpan(parent, span), fanOut);
    } finally {
      span.end();
    }
  }

  async shutdown(): Promise<void> {
    try {
      await this.provider.shutdown();
    } catch (error) {
      this.logger.warn({ err: error }, 'tracing: the last spans could not be exported');
    }
  }

  #activeContext(): Context {
    return this.#active.getStore() ?? this.api.ROOT_CONTEXT;
  }

  /** The context a W3C `traceparent` names, or the root when it is absent or malformed. */
  #contextFrom(traceparent: string | undefined | null): Context {
    const root = this.api.ROOT_CONTEXT;
    if (!traceparent) return root;
    return this.propagator.extract(root, { traceparent }, this.api.defaultTextMapGetter);
  }
}
