import { randomUUID } from 'node:crypto';
import type { CallEvent, CallSpeakEndedEvent } from '../../src/events/types';

/** A minimal valid normalised event for bus/store tests; override what the test is about. */
export function makeEvent(overrides: Partial<CallSpeakEndedEvent> = {}): CallEvent {
  return {
    id: randomUUID(),
    eventType: 'call.speak.ended',
    occurredAt: new Date().toISOString(),
    callControlId: 'v3:call-a',
    callLegId: 'leg-a',
    callSessionId: 'session-a',
    connectionId: 'conn-1',
    clientStateBase64: null,
    status: 'completed',
    ...overrides,
  };
}
