import { CALL_EVENTS } from '../../events/catalogue';
import type {
  CallPlaybackEndedEvent,
  CallPlaybackStartedEvent,
  CallRecordingErrorEvent,
  CallRecordingSavedEvent,
  CallRecordingTranscriptionSavedEvent,
  CallSpeakEndedEvent,
  CallSpeakStartedEvent,
  DeliveredCallEvent,
} from '../../events/types';
import { readsSubscriberContext } from '../subscriber-context';
import { builder } from './builder';
import { knownOrNull, telnyxStatusEnum } from './enums';
import { RecordingChannels, RecordingFileUrlsRef, RecordingFormat, RecordingRef } from './recording';
import { RECORDING_CHANNELS, RECORDING_FORMATS } from '../../telnyx/values';

type Delivered<T> = T & { cursor: string };

const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2,3})?$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Client state as the text the client sent; null when it is not base64 of valid UTF-8. */
export function decodeClientState(base64: string | null): string | null {
  if (base64 === null || !STRICT_BASE64.test(base64)) return null;
  try {
    return utf8.decode(Buffer.from(base64, 'base64'));
  } catch {
    return null;
  }
}

/** Decoded once per event, not once per subscriber: every subscriber receives the same event object. */
const decodedClientStates = new WeakMap<DeliveredCallEvent, string | null>();

function clientStateOf(event: DeliveredCallEvent): string | null {
  let decoded = decodedClientStates.get(event);
  if (decoded === undefined) {
    decoded = decodeClientState(event.clientStateBase64);
    decodedClientStates.set(event, decoded);
  }
  return decoded;
}

export const resolveType = (event: DeliveredCallEvent) => CALL_EVENTS[event.eventType].typeName;

export const CallEventRef = builder.interfaceRef<DeliveredCallEvent>('CallEvent').implement({
  description: 'A Telnyx call webhook, verified and normalised. `cursor` is where to resume after it.',
  resolveType,
  fields: (t) => ({
    id: t.exposeID('id', {
      nullable: false,
      description: "Telnyx's `data.id`: unique per event, the same on Telnyx's retries.",
    }),
    cursor: t.exposeString('cursor', {
      nullable: false,
      description: 'Position in the event log: pass it as `callEvents(after:)` to resume after this event.',
    }),
    eventType: t.exposeString('eventType', {
      nullable: false,
      description: "Telnyx's `event_type`, e.g. `call.playback.started`.",
    }),
    occurredAt: t.field({
      type: 'DateTime',
      nullable: false,
      description: "Telnyx's `occurred_at` (the time of receipt when it sent none).",
      resolve: (event) => event.occurredAt,
    }),
    callControlId: t.exposeID('callControlId', {
      nullable: true,
      description: 'The call; filled from the call leg when Telnyx left it out. Null only when the call is unknown.',
    }),
    callLegId: t.exposeString('callLegId', { nullable: true, description: 'The call leg the event is about.' }),
    callSessionId: t.exposeString('callSessionId', {
      nullable: true,
      description: 'Shared by the related legs of one phone call.',
    }),
    connectionId: t.exposeString('connectionId', { nullable: true, description: 'The Call Control Application id.' }),
    clientState: t.string({
      nullable: true,
      description:
        'The `clientState` of the command that caused the event, as text; null when absent or not UTF-8 text.',
      resolve: clientStateOf,
    }),
    clientStateBase64: t.exposeString('clientStateBase64', {
      nullable: true,
      description: 'Client state exactly as Telnyx sent it (base64).',
    }),
  }),
});

export const PlaybackEventRef = builder
  .interfaceRef<Delivered<CallPlaybackStartedEvent | CallPlaybackEndedEvent>>('PlaybackEvent')
  .implement({
    description: '`call.playback.started` or `call.playback.ended`.',
    interfaces: [CallEventRef],
    resolveType,
    fields: (t) => ({
      mediaUrl: t.exposeString('mediaUrl', { nullable: true, description: 'Set when the playback used `audioUrl`.' }),
      mediaName: t.exposeString('mediaName', {
        nullable: true,
        description: 'Set when the playback used `mediaName`.',
      }),
      overlay: t.exposeBoolean('overlay', {
        nullable: true,
        description: 'Whether the audio was an overlay on other playing audio.',
      }),
    }),
  });

export const SpeakEventRef = builder
  .interfaceRef<Delivered<CallSpeakStartedEvent | CallSpeakEndedEvent>>('SpeakEvent')
  .implement({
    description: '`call.speak.started` or `call.speak.ended`.',
    interfaces: [CallEventRef],
    resolveType,
  });

export const RecordingEventRef = builder
  .interfaceRef<Delivered<CallRecordingSavedEvent | CallRecordingErrorEvent | CallRecordingTranscriptionSavedEvent>>(
    'RecordingEvent',
  )
  .implement({
    description: '`call.recording.saved`, `call.recording.error` or `call.recording.transcription.saved`.',
    interfaces: [CallEventRef],
    resolveType,
  });

/**
 * One enum for every event's `status`: fields of one name selected in several fragments of a
 * `callEvents` selection must have one type (GraphQL's field-merging rule), so per-event enums
 * would make `... on CallPlaybackEnded { status } ... on CallSpeakEnded { status }` invalid.
 */
const CallEventStatus = telnyxStatusEnum(
  'CallEventStatus',
  ['completed', 'cancelled', 'call_hangup', 'file_not_found', 'failed', 'cancelled_amd', 'unknown'],
  'How a playback, a speech or a transcription ended, as Telnyx documents it (each field says which values it takes).',
);

const TELNYX_STATUS_DESCRIPTION =
  "Telnyx's `status` exactly as sent (the enum says `OTHER` for a value newer than this schema).";

builder.objectRef<Delivered<CallPlaybackStartedEvent>>('CallPlaybackStarted').implement({
  description: 'Telnyx `call.playback.started`: audio started playing.',
  interfaces: [CallEventRef, PlaybackEventRef],
  fields: () => ({}),
});

builder.objectRef<Delivered<CallPlaybackEndedEvent>>('CallPlaybackEnded').implement({
  description: 'Telnyx `call.playback.ended`: audio finished, was stopped, or failed.',
  interfaces: [CallEventRef, PlaybackEventRef],
  fields: (t) => ({
    status: t.field({
      type: CallEventStatus.ref,
      nullable: true,
      description:
        'How it ended: `COMPLETED`, `CANCELLED`, `CALL_HANGUP`, `FILE_NOT_FOUND`, `FAILED`, `CANCELLED_AMD` or `UNKNOWN`.',
      resolve: (event) => CallEventStatus.fromTelnyx(event.status),
    }),
    telnyxStatus: t.string({
      nullable: true,
      description: TELNYX_STATUS_DESCRIPTION,
      resolve: (event) => event.status,
    }),
    statusDetail: t.exposeString('statusDetail', { nullable: true, description: 'Why it failed, when it did.' }),
  }),
});

builder.objectRef<Delivered<CallSpeakStartedEvent>>('CallSpeakStarted').implement({
  description: 'Telnyx `call.speak.started`: text-to-speech started.',
  interfaces: [CallEventRef, SpeakEventRef],
  fields: () => ({}),
});

builder.objectRef<Delivered<CallSpeakEndedEvent>>('CallSpeakEnded').implement({
  description: 'Telnyx `call.speak.ended`: text-to-speech finished or was stopped.',
  interfaces: [CallEventRef, SpeakEventRef],
  fields: (t) => ({
    status: t.field({
      type: CallEventStatus.ref,
      nullable: true,
      description: 'How it ended: `COMPLETED`, `CALL_HANGUP` or `CANCELLED_AMD`.',
      resolve: (event) => CallEventStatus.fromTelnyx(event.status),
    }),
    telnyxStatus: t.string({
      nullable: true,
      description: TELNYX_STATUS_DESCRIPTION,
      resolve: (event) => event.status,
    }),
  }),
});

builder.objectRef<Delivered<CallRecordingSavedEvent>>('CallRecordingSaved').implement({
  description: 'Telnyx `call.recording.saved`: a recording is stored. Its URLs are valid for 10 minutes.',
  interfaces: [CallEventRef, RecordingEventRef],
  fields: (t) => ({
    recordingId: t.exposeID('recordingId', {
      nullable: true,
      description: 'Sent by Telnyx in practice, though not in its published schema.',
    }),
    channels: t.field({
      type: RecordingChannels,
      nullable: true,
      description:
        'Mono or stereo, as `startRecording` asked; null when Telnyx leaves it out or sends a value this schema does not know.',
      resolve: (event) => knownOrNull(RECORDING_CHANNELS, event.channels),
    }),
    format: t.field({
      type: RecordingFormat,
      nullable: true,
      description: 'File format, when Telnyx says; null for a value this schema does not know.',
      resolve: (event) => knownOrNull(RECORDING_FORMATS, event.format),
    }),
    recordingStartedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When recording started.',
      resolve: (event) => event.recordingStartedAt,
    }),
    recordingEndedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When recording ended.',
      resolve: (event) => event.recordingEndedAt,
    }),
    recordingUrls: t.field({
      type: RecordingFileUrlsRef,
      nullable: true,
      description: 'Download URLs, valid for 10 minutes; afterwards use `recording`.',
      resolve: (event) => event.recordingUrls,
    }),
    publicRecordingUrls: t.field({
      type: RecordingFileUrlsRef,
      nullable: true,
      description: 'Public URLs (an account feature), valid while the file exists.',
      resolve: (event) => event.publicRecordingUrls,
    }),
    recording: t.field({
      type: RecordingRef,
      nullable: true,
      description: 'The stored recording (Telnyx Recordings API, batched per request); null without a recording id.',
      extensions: readsSubscriberContext,
      resolve: (event, _args, context) =>
        event.recordingId ? context.loaders.recording.load(event.recordingId) : null,
    }),
  }),
});

builder.objectRef<Delivered<CallRecordingErrorEvent>>('CallRecordingError').implement({
  description: 'Telnyx `call.recording.error`: a recording could not be stored.',
  interfaces: [CallEventRef, RecordingEventRef],
  fields: (t) => ({
    reason: t.exposeString('reason', {
      nullable: true,
      description: "Telnyx's reason the recording could not be stored.",
    }),
  }),
});

builder.objectRef<Delivered<CallRecordingTranscriptionSavedEvent>>('CallRecordingTranscriptionSaved').implement({
  description: 'Telnyx `call.recording.transcription.saved`: the transcription of a recording is ready.',
  interfaces: [CallEventRef, RecordingEventRef],
  fields: (t) => ({
    recordingId: t.exposeID('recordingId', { nullable: true, description: 'The recording transcribed.' }),
    recordingTranscriptionId: t.exposeString('recordingTranscriptionId', {
      nullable: true,
      description: 'The Telnyx transcription id.',
    }),
    transcriptionText: t.exposeString('transcriptionText', { nullable: true, description: 'What was said.' }),
    status: t.field({
      type: CallEventStatus.ref,
      nullable: true,
      description: 'State of the transcription: `COMPLETED`.',
      resolve: (event) => CallEventStatus.fromTelnyx(event.status),
    }),
    telnyxStatus: t.string({
      nullable: true,
      description: TELNYX_STATUS_DESCRIPTION,
      resolve: (event) => event.status,
    }),
    callingPartyType: t.exposeString('callingPartyType', { nullable: true, description: '`pstn` or `sip`.' }),
  }),
});
