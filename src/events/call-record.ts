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
