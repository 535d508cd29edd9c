import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';

/**
 * Telnyx webhook bodies, shaped as Telnyx sends them (docs/telnyx-reference.md §3); sign and post them
 * with test/support/signing.ts.
 */
export interface WebhookBody {
  data: { event_type: string; id: string; occurred_at: string; record_type: 'event'; payload: Record<string, unknown> };
  meta: { attempt: number; delivered_to: string };
}

/** An event of `eventType` with a fresh id, occurring now; `payload` names the call. */
export function telnyxEvent(
  eventType: string,
  payload: Record<string, unknown>,
  { id = randomUUID() } = {},
): WebhookBody {
  return {
    data: { event_type: eventType, id, occurred_at: new Date().toISOString(), record_type: 'event', payload },
    meta: { attempt: 1, delivered_to: 'https://gateway.example/webhooks/telnyx' },
  };
}

/** `call.speak.started` on `callControlId`, with any further payload fields. */
export function speakStarted(callControlId: string, payload: Record<string, unknown> = {}): WebhookBody {
  return telnyxEvent('call.speak.started', { call_control_id: callControlId, ...payload });
}

/** `call.speak.ended` (completed) on `callControlId`, with any further payload fields. */
export function speakEnded(callControlId: string, payload: Record<string, unknown> = {}): WebhookBody {
  return telnyxEvent('call.speak.ended', { call_control_id: callControlId, status: 'completed', ...payload });
}

/** A new call: its id, its leg, and events on it carrying both, as Telnyx's do. */
export function newCall() {
  const callControlId = `v3:e2e-${randomUUID()}`;
  const callLegId = randomUUID();
  const webhook = (eventType: string, payload: Record<string, unknown> = {}) =>
    telnyxEvent(eventType, {
      call_control_id: callControlId,
      call_leg_id: callLegId,
      call_session_id: callLegId,
      connection_id: '7267',
      ...payload,
    });
  return { callControlId, callLegId, webhook };
}

/** The example bodies of docs/telnyx-reference.md §3.6, in document order (two playback, two speak, three recording). */
export function referenceExamples(): Array<
  { data: { event_type: string; id: string; payload: Record<string, unknown> } } & Record<string, unknown>
> {
  return JSON.parse(readFileSync(new URL('../fixtures/telnyx-webhook-examples.json', import.meta.url), 'utf8'));
}
