/**
 * Delivers signed v2 webhooks the way Telnyx does (docs/telnyx-reference.md §3): POST JSON with
 * `telnyx-timestamp` and `telnyx-signature-ed25519`; anything but a 2xx within the timeout
 * (3xx included, as S5 says) is a failure and is retried with exponential backoff, with the same
 * `data.id` and `meta.attempt` counting up. Events of one call go out in order: a later event
 * waits until the earlier one is delivered or has used up its attempts.
 */
import { Agent, request } from 'undici';
import type { Logger } from '../lib/logger';
import { newUuid, telnyxTimestamp } from './ids';
import type { WebhookSigner } from './signing';

export interface OutgoingEvent {
  eventType: string;
  payload: Record<string, unknown>;
}

export interface WebhookDeliveryOptions {
  /** Per attempt; Telnyx waits 2000 ms. */
  timeoutMs: number;
  /** Attempts per event, the first included. Telnyx does not publish its number for Voice. */
  maxAttempts: number;
  /** Wait before the second attempt; doubles after each failure. */
  backoffBaseMs: number;
}

const MAX_QUEUED_PER_CALL = 1_000;

interface QueuedEvent {
  data: { event_type: string; id: string; occurred_at: string; payload: Record<string, unknown>; record_type: 'event' };
}

export class WebhookSender {
  private readonly queues = new Map<string, QueuedEvent[]>();
  private readonly running = new Set<string>();
  private readonly idleWaiters: Array<() => void> = [];
  private readonly agent = new Agent({ keepAliveTimeout: 4_000, connect: { timeout: 2_000 } });
  private readonly inFlight = new Set<AbortController>();
  private readonly pauses = new Set<() => void>();
  private closed = false;

  constructor(
    private readonly signer: WebhookSigner,
    private readonly getUrl: () => string | undefined,
    private readonly options: WebhookDeliveryOptions,
    private readonly logger: Logger,
  ) {}

  /** Queues an event behind the earlier events with the same order key (the call's leg). */
  send(orderKey: string, event: OutgoingEvent): string {
    const id = newUuid();
    if (this.closed) return id;
    const data = {
      event_type: event.eventType,
      id,
      occurred_at: telnyxTimestamp(),
      payload: event.payload,
      record_type: 'event' as const,
    };
    const queue = this.queues.get(orderKey) ?? [];
    // A receiver that is down holds a call's events back; past this many the oldest waiting one goes.
    if (queue.length >= MAX_QUEUED_PER_CALL) {
      const dropped = queue.splice(1, 1)[0];
      this.logger.warn(
        { eventType: dropped?.data.event_type, id: dropped?.data.id },
        'webhook queue full; oldest waiting event dropped',
      );
    }
    queue.push({ data });
    this.queues.set(orderKey, queue);
    if (!this.running.has(orderKey)) void this.drain(orderKey);
    return id;
  }

  /** Resolves once every queued event has been delivered or given up on. */
  idle(): Promise<void> {
    if (this.running.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const controller of this.inFlight) controller.abort();
    for (const wake of [...this.pauses]) wake();
    this.queues.clear();
    await this.agent.destroy().catch(() => undefined);
  }

  private async drain(orderKey: string): Promise<void> {
    this.running.add(orderKey);
    try {
      const queue = this.queues.get(orderKey);
      while (!this.closed && queue && queue.length > 0) {
        await this.deliver(queue[0]!);
        queue.shift();
      }
    } finally {
      this.queues.delete(orderKey);
      this.running.delete(orderKey);
      if (this.running.size === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
    }
  }

  private async deliver(event: QueuedEvent): Promise<void> {
    for (let attempt = 1; attempt <= this.options.maxAttempts && !this.closed; attempt += 1) {
      const url = this.getUrl();
      if (!url) {
        this.logger.warn({ eventType: event.data.event_type }, 'no webhook URL configured; event dropped');
        return;
      }
      const outcome = await this.attempt(url, event, attempt);
      if (outcome === 'delivered') return;
      this.logger.debug(
        { eventType: event.data.event_type, id: event.data.id, attempt, outcome },
        'webhook delivery failed',
      );
      if (attempt < this.options.maxAttempts) await this.pause(this.options.backoffBaseMs * 2 ** (attempt - 1));
    }
    if (!this.closed) {
      this.logger.warn(
        { eventType: event.data.event_type, id: event.data.id },
        'webhook not delivered after all attempts',
      );
    }
  }

  private async attempt(url: string, event: QueuedEvent, attempt: number): Promise<string> {
    const body = JSON.stringify({ data: event.data, meta: { attempt, delivered_to: url } });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.options.timeoutMs);
    this.inFlight.add(controller);
    try {
      const response = await request(url, {
        method: 'POST',
        dispatcher: this.agent,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'telnyx-webhooks',
          'telnyx-timestamp': timestamp,
          'telnyx-signature-ed25519': this.signer.sign(timestamp, body),
        },
        body,
        signal: controller.signal,
      });
      await response.body.dump().catch(() => undefined);
      return response.statusCode >= 200 && response.statusCode < 300 ? 'delivered' : `status ${response.statusCode}`;
    } catch (error) {
      return error instanceof Error ? error.name : 'error';
    } finally {
      clearTimeout(timer);
      this.inFlight.delete(controller);
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.pauses.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.pauses.add(wake);
    });
  }
}
