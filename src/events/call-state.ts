import { CALL_RECORD_FIELDS, type CallDirection, type CallRecord, type CallState } from './call-record';
import type { CallLifecycleEventType, DeliveredCallEvent } from './types';

const STATE_OF: Record<CallLifecycleEventType, CallState> = {
  'call.initiated': 'initiated',
  'call.answered': 'answered',
  'call.hangup': 'ended',
};

function isCallDirection(value: string | null): value is CallDirection {
  return value === 'incoming' || value === 'outgoing';
}

/** Later states win whatever order Telnyx delivers in: a hangup ends the call, nothing revives it. */
export const STATE_RANK: Record<CallState, number> = { initiated: 1, answered: 2, ended: 3 };

/**
 * The values one event contributes to its call's record. The merge rules, the same in every store
 * (the Redis script mirrors them): `state` takes the later of the two states; every other field is
 * filled once, by the first event that carries it, and never overwritten. So duplicates change
 * nothing, a `call.hangup` before `call.answered` ends the call, and a late `call.answered` does
 * not revive an ended call but still records `answeredAt`. A media event contributes only to the
 * record it creates (its ids): merging it into a known call would only cost time on every webhook.
 */
export function contributionOf(event: DeliveredCallEvent): Partial<Omit<CallRecord, 'callControlId' | 'position'>> {
  const ids = { callLegId: event.callLegId, callSessionId: event.callSessionId, connectionId: event.connectionId };
  switch (event.eventType) {
    case 'call.initiated':
      return Object.assign(ids, {
        state: STATE_OF[event.eventType],
        direction: isCallDirection(event.direction) ? event.direction : null,
        from: event.from,
        to: event.to,
        startedAt: event.startTime ?? event.occurredAt,
      });
    case 'call.answered':
      return Object.assign(ids, {
        state: STATE_OF[event.eventType],
        from: event.from,
        to: event.to,
        startedAt: event.startTime,
        answeredAt: event.occurredAt,
      });
    case 'call.hangup':
      return Object.assign(ids, {
        state: STATE_OF[event.eventType],
        from: event.from,
        to: event.to,
        startedAt: event.startTime,
        endedAt: event.occurredAt,
        hangupCause: event.hangupCause,
      });
    default:
      return ids;
  }
}

/** A new record, for the first event seen of a call. */
export function emptyCallRecord(callControlId: string, position: string): CallRecord {
  return {
    callControlId,
    position,
    callLegId: null,
    callSessionId: null,
    connectionId: null,
    state: null,
    direction: null,
    from: null,
    to: null,
    startedAt: null,
    answeredAt: null,
    endedAt: null,
    hangupCause: null,
  };
}

/** Merges an event into its call's record in place (see contributionOf for the rules). */
export function mergeCallEvent(record: CallRecord, event: DeliveredCallEvent): void {
  const contribution = contributionOf(event);
  for (const field of CALL_RECORD_FIELDS) {
    const value = contribution[field];
    if (value == null) continue;
    if (field === 'state') {
      const state = value as CallState;
      if (record.state === null || STATE_RANK[state] > STATE_RANK[record.state]) record.state = state;
    } else if (record[field] === null) {
      (record as unknown as Record<string, string>)[field] = value;
    }
  }
}
