import { canAccessCall } from '../../auth/principal';
import type { GraphQLContext } from '../context';
import { readsSubscriberContext } from '../subscriber-context';
import { ForbiddenError } from '../../lib/errors';
import type { Recording } from '../../telnyx/actions';
import {
  RECORDING_CHANNELS,
  RECORDING_FORMATS,
  RECORDING_TRACKS,
  RECORDING_TRIMS,
  TRANSCRIPTION_ENGINES,
  TRANSCRIPTION_LANGUAGES,
} from '../../telnyx/values';
import { builder } from './builder';
import { knownOrNull, telnyxEnum, telnyxStatusEnum } from './enums';
import { telnyxTime } from './telnyx-time';

export const RecordingFormat = telnyxEnum('RecordingFormat', RECORDING_FORMATS, {
  description: 'Stored recording file format.',
});
export const RecordingChannels = telnyxEnum('RecordingChannels', RECORDING_CHANNELS, {
  description: '`DUAL`: stereo, the first leg on channel A and the rest on B.',
});
export const RecordingTrack = telnyxEnum('RecordingTrack', RECORDING_TRACKS, {
  description: 'Which direction to record; one track makes the file mono (default `BOTH`).',
});
export const RecordingTrim = telnyxEnum('RecordingTrim', RECORDING_TRIMS, {
  description: 'Remove leading and trailing silence.',
});
export const TranscriptionEngine = telnyxEnum('TranscriptionEngine', TRANSCRIPTION_ENGINES, {
  description: '`A`: Google, `B`: Telnyx, `DEEPGRAM_NOVA_3`: Deepgram Nova 3 (English only). Default `A`.',
});
export const TranscriptionLanguage = telnyxEnum('TranscriptionLanguage', TRANSCRIPTION_LANGUAGES, {
  description: 'Transcription language (default `EN_US`); not every engine supports every code.',
});

// ---- the Recording object ----

/** What Telnyx gives for a recording's files, in the Recordings API and in `call.recording.saved` alike. */
interface RecordingUrlsShape {
  mp3?: string | null;
  wav?: string | null;
}

export const RecordingFileUrlsRef = builder.objectRef<RecordingUrlsShape>('RecordingFileUrls').implement({
  description: 'Where a recording can be downloaded, per format (null for a format not recorded).',
  fields: (t) => ({
    mp3: t.string({ nullable: true, description: 'URL of the MP3 file.', resolve: (urls) => urls.mp3 ?? null }),
    wav: t.string({ nullable: true, description: 'URL of the WAV file.', resolve: (urls) => urls.wav ?? null }),
  }),
});

const RecordingStatus = telnyxStatusEnum(
  'RecordingStatus',
  ['completed'],
  'State of a stored recording; Telnyx lists only completed ones.',
);

export const RecordingRef = builder.objectRef<Recording>('Recording').implement({
  description: 'A completed call recording kept by Telnyx.',
  fields: (t) => ({
    id: t.id({ nullable: false, description: 'The Telnyx recording id.', resolve: (recording) => recording.id ?? '' }),
    callControlId: t.id({
      nullable: true,
      description: 'The call it was recorded on.',
      resolve: (r) => r.call_control_id ?? null,
    }),
    callLegId: t.string({
      nullable: true,
      description: 'The call leg it was recorded on.',
      resolve: (r) => r.call_leg_id ?? null,
    }),
    callSessionId: t.string({
      nullable: true,
      description: 'Shared by the related legs of one phone call.',
      resolve: (r) => r.call_session_id ?? null,
    }),
    conferenceId: t.string({
      nullable: true,
      description: 'The conference, for a conference recording.',
      resolve: (r) => r.conference_id ?? null,
    }),
    connectionId: t.string({
      nullable: true,
      description: 'The Call Control Application id.',
      resolve: (r) => r.connection_id ?? null,
    }),
    channels: t.field({
      type: RecordingChannels,
      nullable: true,
      description: 'Mono or stereo; null when Telnyx sends a value this schema does not know.',
      resolve: (r) => knownOrNull(RECORDING_CHANNELS, r.channels),
    }),
    source: t.string({ nullable: true, description: '`call` or `conference`.', resolve: (r) => r.source ?? null }),
    status: t.field({
      type: RecordingStatus.ref,
      nullable: true,
      description: 'Only `COMPLETED` recordings are listed.',
      resolve: (r) => RecordingStatus.fromTelnyx(r.status),
    }),
    telnyxStatus: t.string({
      nullable: true,
      description: "Telnyx's `status` exactly as sent.",
      resolve: (r) => r.status ?? null,
    }),
    initiatedBy: t.string({
      nullable: true,
      description: 'What started it, e.g. `StartCallRecordingAPI`.',
      resolve: (r) => r.initiated_by ?? null,
    }),
    from: t.string({ nullable: true, description: 'Calling number or SIP URI.', resolve: (r) => r.from ?? null }),
    to: t.string({ nullable: true, description: 'Called number or SIP URI.', resolve: (r) => r.to ?? null }),
    durationMillis: t.int({
      nullable: true,
      description: 'Length in milliseconds.',
      resolve: (r) => r.duration_millis ?? null,
    }),
    downloadUrls: t.field({
      type: RecordingFileUrlsRef,
      nullable: true,
      description: 'Download URLs, valid for 10 minutes from this answer.',
      resolve: (r) => r.download_urls ?? null,
    }),
    recordingStartedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When recording started.',
      resolve: (r, _args, context, info) => telnyxTime(r.recording_started_at, context, info),
    }),
    recordingEndedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When recording ended.',
      resolve: (r, _args, context, info) => telnyxTime(r.recording_ended_at, context, info),
    }),
    createdAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When Telnyx stored it.',
      resolve: (r, _args, context, info) => telnyxTime(r.created_at, context, info),
    }),
    updatedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When Telnyx last changed it.',
      resolve: (r, _args, context, info) => telnyxTime(r.updated_at, context, info),
    }),
    audioUrl: t.string({
      nullable: true,
      description:
        "A URL on this gateway (a path: resolve it against the gateway's address) that streams the audio with " +
        '`Range` support, fetching a fresh Telnyx download link each time. With client auth on it is signed for ' +
        "this token's calls and plays for 15 minutes (never past the token's expiry), so an `<audio src>` can " +
        'use it without headers. Null when Telnyx keeps no file of that format.',
      args: { format: t.arg({ type: RecordingFormat, defaultValue: 'mp3', description: 'Default `MP3`.' }) },
      extensions: readsSubscriberContext,
      resolve: (recording, args, context) => {
        const format = args.format ?? 'mp3';
        if (!recording.id || !recording.download_urls?.[format]) return null;
        assertMayRead(context, recording);
        return context.audioUrls.issue(recording.id, format, context.principal);
      },
    }),
  }),
});

/** A token limited to some calls may see a recording only of one of them. */
export function assertMayRead(context: GraphQLContext, recording: Recording): void {
  if (context.principal.calls === null) return;
  if (!recording.call_control_id || !canAccessCall(context.principal, recording.call_control_id)) {
    throw new ForbiddenError('this token may not read that recording');
  }
}
