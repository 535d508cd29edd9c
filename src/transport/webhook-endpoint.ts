import type { KeyObject } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EventBus } from '../events/bus';
import { EventBusUnavailableError } from '../lib/errors';
import type { Logger } from '../lib/logger';
import type { Metrics } from '../lib/metrics';
import type { Tracing, WebhookOutcome, WebhookSpan } from '../tracing/tracing';
import type { WebhookAdmission } from '../webhooks/admission';
import { type NormalisedWebhook, normaliseTelnyxEvent } from '../webhooks/normalise';
import { parseTelnyxEnvelope, WebhookPayloadError } from '../webhooks/parse';
import { importTelnyxPublicKey, verifyTelnyxSignature, WebhookSignatureError } from '../webhooks/verify';

/** Largest body accepted; anything longer is answered 413 without reading the rest. */
export const MAX_WEBHOOK_BODY_BYTES = 1024 * 1024;

export interface WebhookHandlerOptions {
  events: EventBus;
  /** Base64 of the raw 32-byte Ed25519 public key from the Telnyx portal. */
  publicKey: string;
  toleranceSeconds: number;
  logger: Logger;
  metrics: Metrics;
  /** Load shedding, decided before the body is read. */
  admission: WebhookAdmission;
  /** Tracing on: a span per webhook, linked to the command that caused it. */
  tracing?: Tracing;
}

type Outcome =
  | 'published'
  | 'duplicate'
  | 'unknown_type'
  | 'bad_signature'
  | 'bad_request'
  | 'too_large'
  | 'unavailable'
  | 'shed';

/** Seconds a shed (or, with the bus down, refused) webhook is told to wait: Telnyx retries anyway, this keeps other senders polite. */
export const SHED_RETRY_AFTER_SECONDS = 1;

const SPAN_OUTCOMES: Record<Outcome, WebhookOutcome> = {
  published: 'accepted',
  unknown_type: 'accepted',
  duplicate: 'duplicate',
  bad_signature: 'rejected',
  bad_request: 'rejected',
  too_large: 'rejected',
  unavailable: 'rejected',
  shed: 'rejected',
};

/** Each outcome's answer without a detail, serialised once. */
const PLAIN_BODIES = Object.fromEntries(
  Object.keys(SPAN_OUTCOMES).map((outcome) => [outcome, JSON.stringify({ status: outcome })]),
) as Record<Outcome, string>;

class BodyTooLargeError extends Error {}
/** The sender went away before its body ended: there is no one to answer. */
class RequestAbortedError extends Error {}

/**
 * `POST /webhooks/telnyx`: raw body (≤ 1 MiB) → signature → envelope → normalised event → bus.
 * 2xx only for an event verified and accepted (or already seen), 401 for a bad signature or
 * timestamp, 400 for a body that is not an event, 413 past the limit, 503 when the bus cannot
 * take it (Telnyx retries), and 503 with Retry-After at once, unread, when shedding load.
 */
export function createWebhookHandler(
  options: WebhookHandlerOptions,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const endpoint = new WebhookEndpoint(options);
  return options.tracing
    ? (req, res) => endpoint.handleTraced(req, res, options.tracing!)
    : (req, res) => endpoint.handle(req, res);
}

class WebhookEndpoint {
  readonly #publicKey: KeyObject;
  /** The span of each webhook being answered (tracing on only). */
  readonly #spans = new WeakMap<ServerResponse, WebhookSpan>();

  constructor(private readonly options: WebhookHandlerOptions) {
    this.#publicKey = importTelnyxPublicKey(options.publicKey);
  }

  async handleTraced(req: IncomingMessage, res: ServerResponse, tracing: Tracing): Promise<void> {
    const span = tracing.startWebhook(req.headers);
    this.#spans.set(res, span);
    try {
      await this.handle(req, res);
    } finally {
      // Answered paths ended it already (end is idempotent); this covers the sender going away and thrown errors.
      span.end('rejected', res.headersSent ? 'answered' : 'not_answered');
      this.#spans.delete(res);
    }
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') {
      res.writeHead(405, { allow: 'POST', 'content-type': 'text/plain' });
      res.end('method not allowed');
      return;
    }
    const { admission } = this.options;
    if (admission.admit()) return this.#answer(res, 503, 'shed', 'overloaded; retry later');
    try {
      await this.#admitted(req, res);
    } finally {
      admission.release();
    }
  }

  async #admitted(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let rawBody: Buffer;
    try {
      rawBody = await readBody(req, MAX_WEBHOOK_BODY_BYTES);
    } catch (error) {
      if (error instanceof BodyTooLargeError)
        return this.#answer(res, 413, 'too_large', `body exceeds ${MAX_WEBHOOK_BODY_BYTES} bytes`);
      if (error instanceof RequestAbortedError)
        return void this.options.logger.debug('webhook sender went away mid-body');
      throw error;
    }
    try {
      verifyTelnyxSignature({
        rawBody,
        signature: header(req, 'telnyx-signature-ed25519'),
        timestamp: header(req, 'telnyx-timestamp'),
        publicKey: this.#publicKey,
        toleranceSeconds: this.options.toleranceSeconds,
      });
      await this.#accept(normaliseTelnyxEvent(parseTelnyxEnvelope(rawBody)), res);
    } catch (error) {
      this.#refuse(error, res);
    }
  }

  /** A verified webhook: published (or acknowledged as a duplicate, or as a type the gateway does not publish). */
  async #accept(normalised: NormalisedWebhook, res: ServerResponse): Promise<void> {
    const { events, logger } = this.options;
    const span = this.#spans.get(res);
    if (normalised.kind === 'unknown') {
      span?.event(normalised.eventType, normalised.callControlId ?? null);
      const { callLegId, callControlId } = normalised;
      if (callLegId && callControlId) await events.rememberCallLeg(callLegId, callControlId);
      logger.debug({ eventType: normalised.eventType }, 'webhook of an unpublished event type acknowledged');
      return this.#answer(res, 200, 'unknown_type');
    }
    if (span) normalised.event.traceparent = span.traceparent;
    const delivered = await events.publish(normalised.event);
    // The delivered event knows the call even when Telnyx named only the leg.
    span?.event(normalised.event.eventType, delivered?.callControlId ?? normalised.event.callControlId);
    if (!delivered) return this.#answer(res, 200, 'duplicate');
    logger.debug({ eventType: delivered.eventType, id: delivered.id, cursor: delivered.cursor }, 'webhook published');
    return this.#answer(res, 200, 'published');
  }

  /** The answer to a webhook refused after its body was read; anything else is the gateway's fault (thrown). */
  #refuse(error: unknown, res: ServerResponse): void {
    const { logger } = this.options;
    if (error instanceof WebhookSignatureError) {
      logger.warn({ reason: error.reason }, 'webhook rejected: signature');
      this.#answer(res, 401, 'bad_signature', error.reason);
      return;
    }
    if (error instanceof WebhookPayloadError) {
      logger.warn({ reason: error.message }, 'webhook rejected: not an event');
      this.#answer(res, 400, 'bad_request', error.message);
      return;
    }
    if (error instanceof EventBusUnavailableError) {
      logger.error({ err: error }, 'webhook not accepted: event bus unavailable');
      this.#answer(res, 503, 'unavailable', 'event bus unavailable; retry');
      return;
    }
    throw error;
  }

  #answer(res: ServerResponse, status: number, outcome: Outcome, detail?: string): void {
    this.options.metrics.webhooksReceived.inc({ outcome });
    this.#spans.get(res)?.end(SPAN_OUTCOMES[outcome], outcome);
    const body = detail ? JSON.stringify({ status: outcome, detail }) : PLAIN_BODIES[outcome];
    // With its length, the answer leaves in one write (head and body), not as chunks.
    const headers: Record<string, string | number> = {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
    };
    if (outcome === 'too_large') headers.connection = 'close';
    if (outcome === 'shed' || outcome === 'unavailable') headers['retry-after'] = String(SHED_RETRY_AFTER_SECONDS);
    if (!res.headersSent) res.writeHead(status, headers);
    res.end(body);
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? undefined : value;
}

/** Reads the body up to `limit` bytes; past it, stops reading and throws BodyTooLargeError. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    req.pause();
    return Promise.reject(new BodyTooLargeError());
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        req.pause();
        reject(new BodyTooLargeError());
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(req.destroyed ? new RequestAbortedError(error.message) : error);
    };
    // A peer that goes away mid-body (or is cut off at shutdown) must not leave the read pending.
    const onClose = () => onError(new RequestAbortedError('request closed before its body ended'));
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}
