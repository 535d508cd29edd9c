import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../auth/tokens';
import { makeEvent } from '../events/make-event';
import { startGateway, type Harness } from '../support/gateway';
import { transportsRunning, type Stream } from '../support/transports';

/**
 * Subscribers on every transport at once, to one document: the gateway may execute an event once
 * for all of them, yet each receives only the events its own token may see.
 */

const EVENTS = 'subscription ParityEvents($id: ID) { callEvents(callControlId: $id) { id eventType callControlId } }';
const subscribing = transportsRunning('subscription');
const callOf = (name: string) => `v3:parity-sub-${name.replace(/[^a-z0-9]+/gi, '-')}`;

let h: Harness;
beforeAll(async () => {
  h = await startGateway();
});
afterAll(() => h.close());

describe('subscriptions', () => {
  it(`deliver to each subscriber only its own calls' events, over ${subscribing.map((t) => t.name).join(', ')} at once`, async () => {
    const streams: Stream[] = [];
    try {
      for (const transport of subscribing) {
        // Unfiltered: which events arrive is the token's calls claim alone.
        const token = await signToken({ scope: 'events:read', calls: [callOf(transport.name)] });
        const stream = await transport.subscribe!(h, { query: EVENTS }, { token });
        expect(stream.status, transport.name).toBe(transport.answers.executed.status);
        streams.push(stream);
      }
      await h.waitForSubscribers(subscribing.length);
      await h.events.publish(makeEvent({ id: 'nobody-s', callControlId: 'v3:parity-sub-nobody' }));
      for (const transport of subscribing) {
        await h.events.publish(makeEvent({ id: `own-${transport.name}`, callControlId: callOf(transport.name) }));
      }
      for (const [index, transport] of subscribing.entries()) {
        const [result] = await streams[index]!.collected.waitFor(1);
        expect(result, transport.name).toEqual({
          data: {
            callEvents: {
              id: `own-${transport.name}`,
              eventType: 'call.speak.ended',
              callControlId: callOf(transport.name),
            },
          },
        });
      }
    } finally {
      for (const stream of streams) stream.cancel();
      await h.waitForNoSubscribers();
    }
  });

  it.each(subscribing)('deliver only the events of the call they filter on, over $name', async (transport) => {
    const token = await signToken({ scope: 'events:read' });
    const own = callOf(`filtered-${transport.name}`);
    const stream = await transport.subscribe!(h, { query: EVENTS, variables: { id: own } }, { token });
    try {
      await h.waitForSubscribers(1);
      await h.events.publish(makeEvent({ callControlId: 'v3:parity-sub-elsewhere' }));
      await h.events.publish(makeEvent({ id: `filtered-${transport.name}`, callControlId: own }));
      const [result] = await stream.collected.waitFor(1);
      expect(result?.data?.callEvents).toEqual({
        id: `filtered-${transport.name}`,
        eventType: 'call.speak.ended',
        callControlId: own,
      });
    } finally {
      stream.cancel();
      await h.waitForNoSubscribers();
    }
  });
});
