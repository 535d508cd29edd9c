import { z } from 'zod';

/** A body that is not a Telnyx webhook event (the receiver answers 400). */
export class WebhookPayloadError extends Error {
  override readonly name = 'WebhookPayloadError';
}

/** Longest `data.id` and `data.event_type` accepted. */
const MAX_FIELD_LENGTH = 256;

/**
 * The v2 envelope, checked only as far as routing needs: `data.id`, `data.event_type` and an
 * object `data.payload`. Everything else is optional and extra fields pass through, because real
 * deliveries carry fields the published schema does not list.
 */
export const envelopeSchema = z.object({
  data: z.object({
    id: z.string().min(1).max(MAX_FIELD_LENGTH),
    event_type: z.string().min(1).max(MAX_FIELD_LENGTH),
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
  const { data } = isPlainEnvelope(json) ? json : checkedBySchema(json);
  return { id: data.id, eventType: data.event_type, occurredAt: data.occurred_at, payload: data.payload };
}

function checkedBySchema(json: unknown): z.infer<typeof envelopeSchema> {
  const parsed = envelopeSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const where = parsed.error.issues[0]?.path.join('.') || 'body';
  throw new WebhookPayloadError(`not a Telnyx event: ${where} is missing or invalid`);
}

type PlainObject = Record<string, unknown>;

export function isPlainObject(value: unknown): value is PlainObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isShortText(value: unknown): value is string {
  return typeof value === 'string' && value.length >= 1 && value.length <= MAX_FIELD_LENGTH;
}

/**
 * What every delivery looks like, checked by hand, without the copies zod makes of `data` and
 * `payload` (a few µs of a webhook's 150-200): a subset of what envelopeSchema accepts, which judges
 * the rest and words the error (test/webhooks/normalise.test.ts holds the two to the same answers).
 */
function isPlainEnvelope(json: unknown): json is {
  data: { id: string; event_type: string; occurred_at?: unknown; payload: PlainObject };
} {
  if (!isPlainObject(json) || !isPlainObject(json.data)) return false;
  const { data } = json;
  // A `__proto__` key is left to zod, which drops it from its copy.
  return (
    isShortText(data.id) &&
    isShortText(data.event_type) &&
    isPlainObject(data.payload) &&
    !Object.hasOwn(data.payload, '__proto__')
  );
}
