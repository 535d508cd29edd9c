import type { CallLifecycleEventType, DeliveredCallEvent } from './types';

/** Where a call is in its lifecycle, as the gateway learnt it from `call.initiated`, `.answered`, `.hangup`. */
export type CallState = 'initiated' | 'answered' | 'ended';
export const CALL_STATES = ['initiated', 'answered', 'ended'] as const satisfies readonly CallState[];
export type CallDirection = 'incoming' | 'outgoing';
export const CALL_DIRECTIONS = ['incoming', 'outgoing'] as const satisfies readonly CallDirection[];

/**
 * What the gateway knows of one call from its events. Every instance sharing a store sees the same
 * record; the store merges each event into it atomically, by the rules of `mergeCallEvent`.
 */
export interface CallRecord {
  callControlId: string;
  /** Cursor of the first event the gateway saw of the call: its place in the call list, never changed. */
  position: string;
  callLegId: string | null;
  callSessionId: string | null;
  connectionId: string | null;
  /** Null until a lifecycle event of the call arrives (the gateway saw only media events). */
  state: CallState | null;
  direction: CallDirection | null;
  from: string | null;
  to: string | null;
  startedAt: string | null;
  answeredAt: string | null;
  endedAt: string | null;
  hangupCause: string | null;
}

/** The fields a record holds besides its id and position, in the order stores write them. */
export const CALL_RECORD_FIELDS = [
  'callLegId',
  'callSessionId',
  'connectionId',
  'state',
  'direction',
  'from',
  'to',
  'startedAt',
  'answeredAt',
  'endedAt',
  'hangupCause',
] as const satisfies readonly (keyof CallRecord)[];

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
