import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** One registry per gateway instance, so tests can run several in one process. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  /** Read when /metrics is scraped; the Telnyx client's budget fills it in. */
  const telnyxBudget = { pausedFor: () => 0 };
  return {
    registry,
    telnyxBudget,
    webhooksReceived: new Counter({
      name: 'vmg_webhooks_received_total',
      help: 'Webhook deliveries by outcome (published, duplicate, unknown_type, bad_signature, bad_request, too_large, unavailable, shed)',
      labelNames: ['outcome'] as const,
      registers: [registry],
    }),
    webhooksShed: new Counter({
      name: 'vmg_webhooks_shed_total',
      help: 'Webhooks answered 503 with Retry-After before reading their body, by reason (in_flight, turn, event_loop_delay)',
      labelNames: ['reason'] as const,
      registers: [registry],
    }),
    webhooksInFlight: new Gauge({
      name: 'vmg_webhooks_in_flight',
      help: 'Webhooks being verified and appended',
      registers: [registry],
    }),
    eventLoopDelay: new Gauge({
      name: 'vmg_event_loop_delay_seconds',
      help: 'Longest event-loop delay of the last 100 ms window, as webhook load shedding sees it',
      registers: [registry],
    }),
    eventsPublished: new Counter({
      name: 'vmg_events_published_total',
      help: 'Call events published on the bus, by event type',
      labelNames: ['event_type'] as const,
      registers: [registry],
    }),
    telnyxRequests: new Histogram({
      name: 'vmg_telnyx_request_seconds',
      help: 'Requests to the Telnyx API by operation and outcome, retries included',
      labelNames: ['operation', 'outcome'] as const,
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    telnyxRateLimit: new Gauge({
      name: 'vmg_telnyx_ratelimit_limit',
      help: "x-ratelimit-limit of Telnyx's latest answer that carried it",
      registers: [registry],
    }),
    telnyxRateLimitRemaining: new Gauge({
      name: 'vmg_telnyx_ratelimit_remaining',
      help: "x-ratelimit-remaining of Telnyx's latest answer that carried it: the budget left in the current window",
      registers: [registry],
    }),
    telnyxPausedSeconds: new Counter({
      name: 'vmg_telnyx_paused_seconds_total',
      help: 'Time during which nothing was sent to Telnyx after a 429 (here or, with Redis, on another instance)',
      registers: [registry],
    }),
    telnyxPauseRemaining: new Gauge({
      name: 'vmg_telnyx_pause_remaining_seconds',
      help: 'Seconds until requests to Telnyx may be sent again (0: not paused)',
      registers: [registry],
      collect() {
        this.set(telnyxBudget.pausedFor());
      },
    }),
    telnyxQueued: new Gauge({
      name: 'vmg_telnyx_queued_requests',
      help: 'Requests toward Telnyx this instance holds: sending, retrying or waiting for the budget',
      registers: [registry],
    }),
    telnyxRefused: new Counter({
      name: 'vmg_telnyx_requests_refused_total',
      help: 'Requests answered RATE_LIMITED without reaching Telnyx, by reason (paused, paced, queue_full)',
      labelNames: ['reason'] as const,
      registers: [registry],
    }),
    rateLimited: new Counter({
      name: 'vmg_rate_limited_mutations_total',
      help: 'Mutations refused for going past GATEWAY_RATE_LIMIT_MUTATIONS_PER_MINUTE',
      registers: [registry],
    }),
    rateLimitStoreErrors: new Counter({
      name: 'vmg_rate_limit_store_errors_total',
      help: 'Rate limit checks Redis could not answer (the mutation was let through)',
      registers: [registry],
    }),
    activeSubscriptions: new Gauge({
      name: 'vmg_active_subscriptions',
      help: 'Subscriptions being served',
      registers: [registry],
    }),
    droppedSubscribers: new Counter({
      name: 'vmg_dropped_subscribers_total',
      help: 'Subscribers dropped for falling too far behind',
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
