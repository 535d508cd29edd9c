/** The Telnyx webhook event types the gateway publishes. */
export const CALL_EVENT_TYPES = [
  'call.playback.started',
  'call.playback.ended',
  'call.speak.started',
  'call.speak.ended',
  'call.recording.saved',
  'call.recording.error',
  'call.recording.transcription.saved',
] as const;

export type CallEventType = (typeof CALL_EVENT_TYPES)[number];

export function isCallEventType(value: unknown): value is CallEventType {
  return typeof value === 'string' && (CALL_EVENT_TYPES as readonly string[]).includes(value);
}

interface CallEventCommon {
  /** Telnyx's `data.id`; unique per event, repeated on retries. */
  id: string;
  /** ISO 8601 in UTC (Telnyx's `occurred_at`; the time of receipt when it sent none or an unreadable one). */
  occurredAt: string;
  /** Null only when Telnyx left it out and no other event of the call told us (see the store). */
  callControlId: string | null;
  callLegId: string | null;
  callSessionId: string | null;
  connectionId: string | null;
  /** As Telnyx sent it (base64); the schema decodes it for `clientState`. */
  clientStateBase64: string | null;
  /** Tracing on: the W3C traceparent of the webhook span that accepted it, so its delivery on any instance joins that trace. */
  traceparent?: string;
}

export type PlaybackEndedStatus =
  | 'file_not_found'
  | 'call_hangup'
  | 'unknown'
  | 'cancelled'
  | 'cancelled_amd'
  | 'completed'
  | 'failed';
export type SpeakEndedStatus = 'completed' | 'call_hangup' | 'cancelled_amd';

export interface RecordingUrls {
  mp3: string | null;
  wav: string | null;
}

export interface CallPlaybackStartedEvent extends CallEventCommon {
  eventType: 'call.playback.started';
  mediaUrl: string | null;
  mediaName: string | null;
  overlay: boolean | null;
}

export interface CallPlaybackEndedEvent extends CallEventCommon {
  eventType: 'call.playback.ended';
  mediaUrl: string | null;
  mediaName: string | null;
  overlay: boolean | null;
  /** One of PlaybackEndedStatus as Telnyx documents it; kept as sent so new values are not lost. */
  status: PlaybackEndedStatus | (string & {}) | null;
  statusDetail: string | null;
}

export interface CallSpeakStartedEvent extends CallEventCommon {
  eventType: 'call.speak.started';
}

export interface CallSpeakEndedEvent extends CallEventCommon {
  eventType: 'call.speak.ended';
  /** One of SpeakEndedStatus as documented; kept as sent. */
  status: SpeakEndedStatus | (string & {}) | null;
}

export interface CallRecordingSavedEvent extends CallEventCommon {
  eventType: 'call.recording.saved';
  /** Not in the published schema, sent in practice; used to resolve `recording`. */
  recordingId: string | null;
  channels: 'single' | 'dual' | (string & {}) | null;
  format: string | null;
  recordingStartedAt: string | null;
  recordingEndedAt: string | null;
  recordingUrls: RecordingUrls | null;
  publicRecordingUrls: RecordingUrls | null;
}

export interface CallRecordingErrorEvent extends CallEventCommon {
  eventType: 'call.recording.error';
  reason: string | null;
}

export interface CallRecordingTranscriptionSavedEvent extends CallEventCommon {
  eventType: 'call.recording.transcription.saved';
  recordingId: string | null;
  recordingTranscriptionId: string | null;
  transcriptionText: string | null;
  status: string | null;
  callingPartyType: string | null;
}

/**
 * A Telnyx media webhook once verified and normalised: camelCase, client state as sent (base64; the
 * schema decodes it). This is what the store appends; DeliveredCallEvent, with its cursor, travels on the bus.
 */
export type CallEvent =
  | CallPlaybackStartedEvent
  | CallPlaybackEndedEvent
  | CallSpeakStartedEvent
  | CallSpeakEndedEvent
  | CallRecordingSavedEvent
  | CallRecordingErrorEvent
  | CallRecordingTranscriptionSavedEvent;

/** An event the store accepted, with its place in the log. */
export type DeliveredCallEvent = CallEvent & { cursor: string };
