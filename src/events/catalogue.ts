/** The media a Telnyx command starts or changes, and that its webhooks report on. */
export type MediaKind = 'playback' | 'speak' | 'recording';

/** What a webhook is about: a kind of media, or the call itself. */
export type EventGroup = MediaKind | 'lifecycle';

/**
 * Every Telnyx webhook the gateway publishes: the GraphQL type that carries it and its group (the
 * subscription that delivers it, and for media the command whose span it links to). Every list of
 * event types is derived from this table, and `CallEvent` (events/types.ts) must name exactly these
 * types: adding an event here makes the compiler name each place that must handle it.
 */
export const CALL_EVENTS = {
  'call.playback.started': { typeName: 'CallPlaybackStarted', group: 'playback' },
  'call.playback.ended': { typeName: 'CallPlaybackEnded', group: 'playback' },
  'call.speak.started': { typeName: 'CallSpeakStarted', group: 'speak' },
  'call.speak.ended': { typeName: 'CallSpeakEnded', group: 'speak' },
  'call.recording.saved': { typeName: 'CallRecordingSaved', group: 'recording' },
  'call.recording.error': { typeName: 'CallRecordingError', group: 'recording' },
  'call.recording.transcription.saved': { typeName: 'CallRecordingTranscriptionSaved', group: 'recording' },
  'call.initiated': { typeName: 'CallInitiated', group: 'lifecycle' },
  'call.answered': { typeName: 'CallAnswered', group: 'lifecycle' },
  'call.hangup': { typeName: 'CallHangup', group: 'lifecycle' },
} as const satisfies Record<string, { typeName: string; group: EventGroup }>;

export type CallEventType = keyof typeof CALL_EVENTS;

/** The event types of one group. */
export type EventTypeOf<G extends EventGroup> = {
  [T in CallEventType]: (typeof CALL_EVENTS)[T]['group'] extends G ? T : never;
}[CallEventType];

export const CALL_EVENT_TYPES = Object.keys(CALL_EVENTS) as CallEventType[];

export function eventTypesOf<G extends EventGroup>(group: G): EventTypeOf<G>[] {
  return CALL_EVENT_TYPES.filter((type): type is EventTypeOf<G> => CALL_EVENTS[type].group === group);
}

export function isCallEventType(value: unknown): value is CallEventType {
  return typeof value === 'string' && Object.hasOwn(CALL_EVENTS, value);
}

/** The media a webhook reports on; none for the call's own lifecycle (no media command causes it). */
export function mediaKindOfEvent(eventType: string): MediaKind | undefined {
  const group = isCallEventType(eventType) ? CALL_EVENTS[eventType].group : undefined;
  return group === 'lifecycle' ? undefined : group;
}
