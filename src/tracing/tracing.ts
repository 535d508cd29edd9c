import type { IncomingHttpHeaders } from 'node:http';
import type { DeliveredCallEvent } from '../events/types';

/**
 * The spans the gateway makes, in its own words. Every caller holds a `Tracing | undefined` and
 * skips the call when it is undefined: with tracing off, OpenTelemetry is never loaded and the hot
 * paths pay one property check.
 */
export interface Tracing {
  /**
   * Runs `execute` inside one GraphQL operation's span, a child of the client's `traceparent` if it
   * sent one; `errorCodes` names what failed in its result (codes only: messages may hold input).
   */
  inOperation<T>(
    operation: OperationInfo,
    traceparent: string | null | undefined,
    execute: () => T | Promise<T>,
    errorCodes: (result: T) => string[] | undefined,
  ): Promise<T>;
  /** One HTTP attempt to Telnyx, a child of the operation running now. */
  startTelnyxAttempt(request: TelnyxAttemptInfo): TelnyxAttemptSpan;
  /** One `POST /webhooks/telnyx`, a child of the sender's `traceparent` if it sent one. */
  startWebhook(headers: IncomingHttpHeaders): WebhookSpan;
  /** One event handed to this instance's subscribers: a child of the webhook span that accepted it. */
  deliver(event: DeliveredCallEvent, subscribers: number, fanOut: () => void): void;
  /** Exports what is still queued, then stops. */
  shutdown(): Promise<void>;
}

export interface OperationInfo {
  type: 'query' | 'mutation' | 'subscription';
  name: string | undefined;
}

export interface TelnyxAttemptInfo {
  /** The Telnyx action or look-up, e.g. `speak`, `call_status`. */
  operation: string;
  method: string;
  callControlId: string | undefined;
  /** 1 for the first attempt (a retry counts up; a hedge shares its attempt's number). */
  attempt: number;
  /** The second, identical send of a hedged attempt. */
  hedge: boolean;
}

export interface TelnyxAttemptSpan {
  /** The W3C `traceparent` header that names this span to Telnyx. */
  readonly traceparent: string;
  /** `cancelled`: the other send of a hedged pair answered first, and this one was aborted. */
  end(outcome: { status?: number; error?: string; cancelled?: boolean }): void;
}

/** accepted: published or acknowledged; duplicate: a retry already published; rejected: refused (4xx) or not taken now (503). */
export type WebhookOutcome = 'accepted' | 'duplicate' | 'rejected';

export interface WebhookSpan {
  /** Stored on the event so that its delivery, on any instance, is a child of this span. */
  readonly traceparent: string;
  /** Names the event, and links to the command that caused it when this instance sent it. */
  event(eventType: string, callControlId: string | null): void;
  /** `result` is the receiver's own word (published, unknown_type, bad_signature, …). */
  end(outcome: WebhookOutcome, result: string): void;
}

export interface TracingConfig {
  /** Where spans are POSTed (OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, else OTEL_EXPORTER_OTLP_ENDPOINT + /v1/traces). */
  tracesUrl: string;
  protocol: 'http/protobuf' | 'http/json';
  /** OTEL_SERVICE_NAME; absent: `voice-media-gateway`, unless OTEL_RESOURCE_ATTRIBUTES names one. */
  serviceName: string | undefined;
  /** OTEL_BSP_*: the batch span processor's settings (the SDK's defaults where unset). */
  batch: {
    scheduledDelayMillis?: number;
    exportTimeoutMillis?: number;
    maxQueueSize?: number;
    maxExportBatchSize?: number;
  };
}
