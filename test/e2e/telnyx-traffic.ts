import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'vitest';
import { compareCursors } from '../../src/events/cursor';
import { postSignedWebhook } from '../support/signing';
import type { CallEventSubscription, GatewayProcess } from './gateway-process';

/** A new call: its id, its leg, and Telnyx webhook bodies for it. */
export function newCall() {
  const callControlId = `v3:e2e-${randomUUID()}`;
  const callLegId = randomUUID();
  const webhook = (eventType: string, payload: Record<string, unknown> = {}) => ({
    data: {
      event_type: eventType,
      id: randomUUID(),
      occurred_at: new Date().toISOString(),
      payload: {
        call_control_id: callControlId,
        call_leg_id: callLegId,
        call_session_id: callLegId,
        connection_id: '7267',
        ...payload,
      },
      record_type: 'event',
    },
    meta: { attempt: 1, delivered_to: 'https://gateway.example/webhooks/telnyx' },
  });
  return { callControlId, callLegId, webhook };
}

export type Webhook = ReturnType<ReturnType<typeof newCall>['webhook']>;

export async function deliver(gateway: GatewayProcess, body: Webhook): Promise<{ status: number; outcome: string }> {
  const response = await postSignedWebhook(gateway.webhookUrl, body);
  const text = await response.text();
  return { status: response.status, outcome: (JSON.parse(text) as { status: string }).status };
}

/** As Telnyx does: deliver, and on anything but 2xx try again shortly, until accepted. */
export async function deliverUntilAccepted(gateway: GatewayProcess, body: Webhook, statuses: number[]): Promise<void> {
  for (;;) {
    const { status } = await deliver(gateway, body).catch(() => ({ status: 0 }));
    statuses.push(status);
    if (status >= 200 && status < 300) return;
    await sleep(100);
  }
}

export async function readyz(gateway: GatewayProcess): Promise<number> {
  return (await fetch(`${gateway.url}/readyz`)).status;
}

/** The subscription got exactly these ids, in this order, with rising cursors. */
export function expectOnceInOrder(subscription: CallEventSubscription, ids: string[]): void {
  expect(subscription.events.map((event) => event.id)).toEqual(ids);
  const cursors = subscription.events.map((event) => event.cursor);
  expect([...cursors].sort(compareCursors)).toEqual(cursors);
}
