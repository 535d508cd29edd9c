import { randomUUID } from 'node:crypto';
import type { CallEvent, CallLifecycleEvent, CallSpeakEndedEvent, DeliveredCallEvent } from '../../src/events/types';

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

/** A delivered lifecycle event of `v3:call-a` as the normaliser makes it; override what the test is about. */
export function makeLifecycleEvent(
  eventType: CallLifecycleEvent['eventType'],
  overrides: Record<string, unknown> = {},
): DeliveredCallEvent {
  const common = {
    ...makeEvent(),
    callControlId: 'v3:call-a',
    from: '+15550001111',
    to: '+15550002222',
    startTime: '2026-12-01T10:00:00.000Z',
    state: null,
    tags: null,
    customHeaders: null,
    sipHeaders: null,
    cursor: '1-0',
  };
  const specific = {
    'call.initiated': {
      direction: 'incoming',
      callerIdName: null,
      callScreeningResult: null,
      connectionCodecs: null,
      offeredCodecs: null,
      shakenStirAttestation: null,
      shakenStirValidated: null,
      occurredAt: '2026-12-01T10:00:00.100Z',
    },
    'call.answered': { occurredAt: '2026-12-01T10:00:05.000Z' },
    'call.hangup': {
      hangupCause: 'normal_clearing',
      hangupSource: 'caller',
      sipHangupCause: '200',
      occurredAt: '2026-12-01T10:03:00.000Z',
    },
  }[eventType];
  return { ...common, ...specific, eventType, ...overrides } as DeliveredCallEvent;
}
