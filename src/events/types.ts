import type { CallRecord } from './call-record';
import { type EventTypeOf, eventTypesOf } from './catalogue';

/** The events that move a call through its lifecycle: they drive the call state (see call-state.ts). */
export const CALL_LIFECYCLE_EVENT_TYPES = eventTypesOf('lifecycle');

export type CallLifecycleEventType = EventTypeOf<'lifecycle'>;

const LIFECYCLE_EVENT_TYPES: ReadonlySet<string> = new Set(CALL_LIFECYCLE_EVENT_TYPES);

/** Asked once per appended event: a set lookup. */
export function isCallLifecycleEventType(value: string): value is CallLifecycleEventType {
  return LIFECYCLE_EVENT_TYPES.has(value);
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

/** What call.initiated, call.answered and call.hangup share (Telnyx's payload fields, camelCase). */
interface CallLifecycleCommon extends CallEventCommon {
  from: string | null;
  to: string | null;
  /** Telnyx's `start_time`, ISO 8601 UTC. */
  startTime: string | null;
  /** Telnyx's `state` (`parked`, `bridging`, `answered`, `hangup`), as sent. */
  state: string | null;
  tags: string[] | null;
  customHeaders: SipHeader[] | null;
  sipHeaders: SipHeader[] | null;
  /** Set by the store on delivery: the call's state once this event was merged into it. */
  call?: CallRecord;
}

/** A SIP header Telnyx reports (`custom_headers`, `sip_headers`); entries without both parts are left out. */
export interface SipHeader {
  name: string;
  value: string;
}

export interface CallInitiatedEvent extends CallLifecycleCommon {
  eventType: 'call.initiated';
  direction: 'incoming' | 'outgoing' | (string & {}) | null;
  callerIdName: string | null;
  callScreeningResult: string | null;
  connectionCodecs: string | null;
  offeredCodecs: string | null;
  shakenStirAttestation: string | null;
  shakenStirValidated: boolean | null;
}

export interface CallAnsweredEvent extends CallLifecycleCommon {
  eventType: 'call.answered';
}

export interface CallHangupEvent extends CallLifecycleCommon {
  eventType: 'call.hangup';
  /** Telnyx documents `call_rejected`, `normal_clearing`, `originator_cancel`, … ; kept as sent. */
  hangupCause: string | null;
  hangupSource: 'caller' | 'callee' | 'unknown' | (string & {}) | null;
  sipHangupCause: string | null;
}

export type CallLifecycleEvent = CallInitiatedEvent | CallAnsweredEvent | CallHangupEvent;

/**
 * A Telnyx call webhook once verified and normalised: camelCase, client state as sent (base64; the
 * schema decodes it). This is what the store appends; DeliveredCallEvent, with its cursor, travels on the bus.
 */
/**
 * Every event the gateway publishes; its `eventType`s are the catalogue's (src/events/catalogue.ts):
 * resolveType reads the catalogue by it, and the normalisers build one of these for each type there.
 */
export type CallEvent =
  | CallPlaybackStartedEvent
  | CallPlaybackEndedEvent
  | CallSpeakStartedEvent
  | CallSpeakEndedEvent
  | CallRecordingSavedEvent
  | CallRecordingErrorEvent
  | CallRecordingTranscriptionSavedEvent
  | CallLifecycleEvent;

/** An event the store accepted, with its place in the log. */
export type DeliveredCallEvent = CallEvent & { cursor: string };
