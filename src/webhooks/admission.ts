import { EventLoopDelayMonitor } from '../lib/event-loop-delay';
import type { Metrics } from '../lib/metrics';

export type ShedReason = 'in_flight' | 'turn' | 'event_loop_delay';

export interface WebhookAdmissionOptions {
  /** Webhooks being verified and appended at once; past it the next ones are shed. */
  maxInFlight: number;
  /** Webhooks admitted per event-loop turn; past it the rest of the turn's arrivals are shed. */
  maxPerTurn: number;
  /** Event-loop delay (ms) past which a growing share of webhooks is shed; 0 turns that off. */
  maxEventLoopDelayMs: number;
  metrics: Metrics;
}

/** The share admitted never drops below this while the loop is late, so some work always gets done. */
const MIN_ADMITTED_SHARE = 0.2;
/** Per timely window (100 ms) the admitted share grows back by this much: full again within a second. */
const RECOVERY_PER_WINDOW = 0.1;

/**
 * Load shedding at the webhook door, decided before the body is read: a webhook is refused (the
 * caller answers 503 with Retry-After, and Telnyx retries later) when `maxInFlight` are already
 * being verified or appended; when `maxPerTurn` were already admitted in this event-loop turn; or,
 * while the event loop runs late, at random, the admitted share halving each late 100 ms window (down
 * to a fifth). The per-turn bound keeps one poll phase from admitting more verifications than the next
 * turns can finish inside Telnyx's 2 s; the delay covers requests Node has parsed but not yet handed
 * to a handler, which the counts cannot see.
 */
export class WebhookAdmission {
  private inFlight = 0;
  private admittedThisTurn = 0;
  private turnEnd: NodeJS.Immediate | null = null;
  private readonly endTurn = () => {
    this.admittedThisTurn = 0;
    this.turnEnd = null;
  };
  private admittedShare = 1;
  private readonly monitor: EventLoopDelayMonitor | undefined;

  constructor(private readonly options: WebhookAdmissionOptions) {
    if (options.maxEventLoopDelayMs > 0) this.monitor = new EventLoopDelayMonitor((delayMs) => this.adjust(delayMs));
  }

  /** null when admitted (call `release` once answered); otherwise why it is shed. */
  admit(): ShedReason | null {
    if (this.inFlight >= this.options.maxInFlight) return this.shed('in_flight');
    if (this.admittedThisTurn >= this.options.maxPerTurn) return this.shed('turn');
    if (this.admittedShare < 1 && Math.random() >= this.admittedShare) return this.shed('event_loop_delay');
    this.admittedThisTurn += 1;
    // The turn ends at the loop's check phase, after every request read in this poll phase was seen.
    this.turnEnd ??= setImmediate(this.endTurn);
    this.inFlight += 1;
    this.options.metrics.webhooksInFlight.set(this.inFlight);
    return null;
  }

  release(): void {
    this.inFlight -= 1;
    this.options.metrics.webhooksInFlight.set(this.inFlight);
  }

  close(): void {
    if (this.turnEnd) clearImmediate(this.turnEnd);
    this.monitor?.close();
  }

  private shed(reason: ShedReason): ShedReason {
    this.options.metrics.webhooksShed.inc({ reason });
    return reason;
  }

  private adjust(delayMs: number): void {
    this.options.metrics.eventLoopDelay.set(delayMs / 1000);
    this.admittedShare =
      delayMs > this.options.maxEventLoopDelayMs
        ? Math.max(MIN_ADMITTED_SHARE, this.admittedShare / 2)
        : Math.min(1, this.admittedShare + RECOVERY_PER_WINDOW);
  }
}
