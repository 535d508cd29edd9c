import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** One registry per gateway instance, so tests can run several in one process. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    webhooksReceived: new Counter({
      name: 'vmg_webhooks_received_total',
      help: 'Webhook deliveries by outcome (published, duplicate, unknown_type, bad_signature, bad_request, too_large, unavailable, shed)',
      labelNames: ['outcome'] as const,
      registers: [registry],
    }),
    webhooksShed: new Counter({
      name: 'vmg_webhooks_shed_total',
      help: 'Webhooks answered 503 with Retry-After before reading their body, by reason (in_flight, event_loop_delay)',
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
