import { z } from 'zod';

/** A body that is not a Telnyx webhook event (the receiver answers 400). */
export class WebhookPayloadError extends Error {
  override readonly name = 'WebhookPayloadError';
}

/**
 * The v2 envelope, checked only as far as routing needs: `data.id`, `data.event_type` and an
 * object `data.payload`. Everything else is optional and extra fields pass through, because real
 * deliveries carry fields the published schema does not list.
 */
const envelopeSchema = z.object({
  data: z.object({
    id: z.string().min(1).max(256),
    event_type: z.string().min(1).max(256),
    occurred_at: z.unknown().optional(),
    payload: z.record(z.string(), z.unknown()),
  }),
});

export interface TelnyxEnvelope {
  id: string;
  eventType: string;
  occurredAt: unknown;
  payload: Record<string, unknown>;
}

/** Parses a verified raw body; throws WebhookPayloadError (and nothing else) when it is not an event. */
export function parseTelnyxEnvelope(rawBody: Buffer | string): TelnyxEnvelope {
  let json: unknown;
  try {
    json = JSON.parse(typeof rawBody === 'string' ? rawBody : rawBody.toString('utf8'));
  } catch {
    throw new WebhookPayloadError('body is not JSON');
  }
  const parsed = envelopeSchema.safeParse(json);
  if (!parsed.success) {
    const where = parsed.error.issues[0]?.path.join('.') || 'body';
    throw new WebhookPayloadError(`not a Telnyx event: ${where} is missing or invalid`);
  }
  const { data } = parsed.data;
  return { id: data.id, eventType: data.event_type, occurredAt: data.occurred_at, payload: data.payload };
}
