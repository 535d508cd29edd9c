import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'vitest';
import { compareCursors } from '../../src/events/cursor';
import { postSignedWebhook } from '../support/signing';
import type { WebhookBody } from '../support/webhooks';
import type { CallEventSubscription, GatewayProcess } from '../support/gateway-process';

export async function deliver(
  gateway: GatewayProcess,
  body: WebhookBody,
): Promise<{ status: number; outcome: string }> {
  const response = await postSignedWebhook(gateway.webhookUrl, body);
  const text = await response.text();
  return { status: response.status, outcome: (JSON.parse(text) as { status: string }).status };
}

/** As Telnyx does: deliver, and on anything but 2xx try again shortly, until accepted. */
export async function deliverUntilAccepted(
  gateway: GatewayProcess,
  body: WebhookBody,
  statuses: number[],
): Promise<void> {
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
