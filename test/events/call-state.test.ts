import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CallRecord } from '../../src/events/call-record';
import { emptyCallRecord, mergeCallEvent } from '../../src/events/call-state';
import type { DeliveredCallEvent } from '../../src/events/types';
import { makeEvent, makeLifecycleEvent as lifecycleEvent } from './make-event';

const CALL = 'v3:call-a';

function merged(events: DeliveredCallEvent[]): CallRecord {
  const record = emptyCallRecord(CALL, '1-0');
  for (const event of events) mergeCallEvent(record, event);
  return record;
}

const initiated = lifecycleEvent('call.initiated');
const answered = lifecycleEvent('call.answered');
const hangup = lifecycleEvent('call.hangup');

const COMPLETE: CallRecord = {
  callControlId: CALL,
  position: '1-0',
  callLegId: 'leg-a',
  callSessionId: 'session-a',
  connectionId: 'conn-1',
  state: 'ended',
  direction: 'incoming',
  from: '+15550001111',
  to: '+15550002222',
  startedAt: '2026-12-01T10:00:00.000Z',
  answeredAt: '2026-12-01T10:00:05.000Z',
  endedAt: '2026-12-01T10:03:00.000Z',
  hangupCause: 'normal_clearing',
};

describe('mergeCallEvent', () => {
  it('follows a call through initiated, answered and hangup', () => {
    expect(merged([initiated])).toMatchObject({ state: 'initiated', direction: 'incoming', answeredAt: null });
    expect(merged([initiated, answered])).toMatchObject({ state: 'answered', answeredAt: '2026-12-01T10:00:05.000Z' });
    expect(merged([initiated, answered, hangup])).toEqual(COMPLETE);
  });

  it('ends a call on a hangup that arrives before answered, and a late answered does not revive it but is recorded', () => {
    const record = merged([hangup]);
    expect(record).toMatchObject({ state: 'ended', hangupCause: 'normal_clearing', answeredAt: null });
    mergeCallEvent(record, answered);
    expect(record).toMatchObject({ state: 'ended', answeredAt: '2026-12-01T10:00:05.000Z' });
    mergeCallEvent(record, initiated);
    expect(record).toEqual(COMPLETE);
  });

  it('gives the same record whatever the order and however often each event is delivered', () => {
    const deliveries = fc.array(fc.constantFrom(initiated, answered, hangup), { maxLength: 6 }).chain((retries) => {
      const all = [initiated, answered, hangup, ...retries];
      return fc.shuffledSubarray(all, { minLength: all.length, maxLength: all.length });
    });
    fc.assert(
      fc.property(deliveries, (events) => {
        expect(merged(events)).toEqual(COMPLETE);
      }),
    );
  });

  it('keeps the first value of each field: a later event with another value does not overwrite it', () => {
    const record = merged([
      initiated,
      lifecycleEvent('call.hangup', { from: '+19990000000', hangupCause: 'user_busy' }),
    ]);
    mergeCallEvent(record, lifecycleEvent('call.hangup', { hangupCause: 'timeout' }));
    expect(record).toMatchObject({ from: '+15550001111', hangupCause: 'user_busy' });
  });

  it('learns ids from media events but no state; a direction Telnyx may add later is left out', () => {
    const media = merged([{ ...makeEvent(), callControlId: CALL, cursor: '1-0' }]);
    expect(media).toMatchObject({ state: null, callLegId: 'leg-a', callSessionId: 'session-a', from: null });
    expect(merged([lifecycleEvent('call.initiated', { direction: 'sideways' })]).direction).toBeNull();
  });

  it('takes the start from call.initiated when Telnyx sent no start_time', () => {
    expect(merged([lifecycleEvent('call.initiated', { startTime: null })]).startedAt).toBe('2026-12-01T10:00:00.100Z');
    expect(merged([lifecycleEvent('call.hangup', { startTime: null })]).startedAt).toBeNull();
  });
});
