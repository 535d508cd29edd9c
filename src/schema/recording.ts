import { z } from 'zod';
import { canAccessCall } from '../auth/principal';
import type { GraphQLContext } from '../context';
import { ForbiddenError } from '../errors';
import type { TelnyxClient } from '../telnyx/client';
import {
  listRecordings,
  pauseRecording,
  resumeRecording,
  startRecording,
  stopRecording,
  type Recording,
  type RecordingFilter,
} from '../telnyx/actions';
import {
  RECORDING_CHANNELS,
  RECORDING_FORMATS,
  RECORDING_TRACKS,
  RECORDING_TRIMS,
  TRANSCRIPTION_ENGINES,
  TRANSCRIPTION_LANGUAGES,
} from '../telnyx/values';
import { builder } from './builder';
import { callActionInputFields, callActionMutation, callControlIdSchema, learnCallLegLater } from './action-payload';
import { knownOrNull, telnyxEnum, telnyxStatusEnum } from './enums';

export const MAX_RECORDING_SECONDS = 14_400;
export const RECORDINGS_MAX_PAGE_SIZE = 250;
const uuidLike = z.guid('must be a UUID');

export const RecordingFormat = telnyxEnum('RecordingFormat', RECORDING_FORMATS, {
  description: 'Stored recording file format.',
});
export const RecordingChannels = telnyxEnum('RecordingChannels', RECORDING_CHANNELS, {
  description: '`DUAL`: stereo, the first leg on channel A and the rest on B.',
});
const RecordingTrack = telnyxEnum('RecordingTrack', RECORDING_TRACKS, {
  description: 'Which direction to record; one track makes the file mono (default `BOTH`).',
});
const RecordingTrim = telnyxEnum('RecordingTrim', RECORDING_TRIMS, {
  description: 'Remove leading and trailing silence.',
});
const TranscriptionEngine = telnyxEnum('TranscriptionEngine', TRANSCRIPTION_ENGINES, {
  description: '`A`: Google, `B`: Telnyx, `DEEPGRAM_NOVA_3`: Deepgram Nova 3 (English only). Default `A`.',
});
const TranscriptionLanguage = telnyxEnum('TranscriptionLanguage', TRANSCRIPTION_LANGUAGES, {
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
      resolve: (r) => r.recording_started_at ?? null,
    }),
    recordingEndedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When recording ended.',
      resolve: (r) => r.recording_ended_at ?? null,
    }),
    createdAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When Telnyx stored it.',
      resolve: (r) => r.created_at ?? null,
    }),
    updatedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When Telnyx last changed it.',
      resolve: (r) => r.updated_at ?? null,
    }),
    audioUrl: t.string({
      nullable: true,
      description:
        "A URL on this gateway (a path: resolve it against the gateway's address) that streams the audio with " +
        '`Range` support, fetching a fresh Telnyx download link each time. With client auth on it is signed for ' +
        "this token's calls and plays for 15 minutes (never past the token's expiry), so an `<audio src>` can " +
        'use it without headers. Null when Telnyx keeps no file of that format.',
      args: { format: t.arg({ type: RecordingFormat, defaultValue: 'mp3', description: 'Default `MP3`.' }) },
      resolve: (recording, args, context) => {
        const format = args.format ?? 'mp3';
        if (!recording.id || !recording.download_urls?.[format]) return null;
        assertMayRead(context, recording);
        return context.audioUrls.issue(recording.id, format, context.principal);
      },
    }),
  }),
});

// ---- the recordings connection ----

/** `first` bounds: Telnyx's `page[size]` is 1–250. */
const RECORDINGS_DEFAULT_FIRST = 20;
/** Telnyx numbers pages from 1; no documented maximum, so positions are bounded to keep page numbers sane. */
const MAX_RECORDING_POSITION = 10_000_000;

/**
 * A cursor is the recording's position in Telnyx's list (0 = newest), opaque to clients. Telnyx
 * pages by number and size, so the position alone lets any `first` continue after any cursor.
 */
function recordingCursor(position: number): string {
  return Buffer.from(`recordings:${position}`, 'utf8').toString('base64url');
}

function positionOfCursor(cursor: string): number | null {
  const match = /^recordings:(\d{1,8})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  const position = match ? Number(match[1]) : NaN;
  return Number.isSafeInteger(position) && position < MAX_RECORDING_POSITION ? position : null;
}

interface RecordingEdgeShape {
  cursor: string;
  node: Recording;
}

interface RecordingConnectionShape {
  edges: RecordingEdgeShape[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  totalCount: number;
}

const RecordingEdge = builder.objectRef<RecordingEdgeShape>('RecordingEdge').implement({
  description: 'One recording and the cursor to continue after it.',
  fields: (t) => ({
    cursor: t.exposeString('cursor', {
      nullable: false,
      description: 'Pass as `recordings(after:)` to continue after this recording.',
    }),
    node: t.field({ type: RecordingRef, nullable: false, description: 'The recording.', resolve: (edge) => edge.node }),
  }),
});

const PageInfo = builder.objectRef<RecordingConnectionShape>('PageInfo').implement({
  description: 'Relay pagination state of a connection.',
  fields: (t) => ({
    hasNextPage: t.exposeBoolean('hasNextPage', { nullable: false, description: 'More items follow `endCursor`.' }),
    hasPreviousPage: t.exposeBoolean('hasPreviousPage', {
      nullable: false,
      description: 'Items precede `startCursor` (this page was asked for with `after`).',
    }),
    startCursor: t.string({
      nullable: true,
      description: 'Cursor of the first edge; null when there is none.',
      resolve: (c) => c.edges[0]?.cursor ?? null,
    }),
    endCursor: t.string({
      nullable: true,
      description: 'Cursor of the last edge: pass it as `after` for the next page; null when there is no edge.',
      resolve: (c) => c.edges.at(-1)?.cursor ?? null,
    }),
  }),
});

const RecordingConnection = builder.objectRef<RecordingConnectionShape>('RecordingConnection').implement({
  description: 'A page of recordings, newest first, as a Relay connection.',
  fields: (t) => ({
    edges: t.field({
      type: [RecordingEdge],
      nullable: { list: false, items: false },
      description: 'The recordings of this page.',
      resolve: (c) => c.edges,
    }),
    pageInfo: t.field({
      type: PageInfo,
      nullable: false,
      description: 'Where this page is in the list.',
      resolve: (c) => c,
    }),
    totalCount: t.exposeInt('totalCount', {
      nullable: false,
      description: 'Recordings matching the filter, as Telnyx counts them.',
    }),
  }),
});

/**
 * The `first` recordings from `position` on: the Telnyx page of size `first` that holds `position`,
 * and the next page too when the window straddles two (at most two requests).
 */
async function recordingsFrom(
  telnyx: TelnyxClient,
  position: number,
  first: number,
  filter: RecordingFilter,
): Promise<RecordingConnectionShape> {
  const pageNumber = Math.floor(position / first) + 1;
  const skip = position % first;
  const page = await listRecordings(telnyx, { pageNumber, pageSize: first, filter });
  let items = page.data.slice(skip);
  let totalCount = page.meta.total_results;
  if (skip > 0 && page.data.length === first && pageNumber < page.meta.total_pages) {
    const next = await listRecordings(telnyx, { pageNumber: pageNumber + 1, pageSize: first, filter });
    items = items.concat(next.data.slice(0, skip));
    totalCount = next.meta.total_results;
  }
  return {
    edges: items.map((node, index) => ({ cursor: recordingCursor(position + index), node })),
    hasNextPage: position + items.length < totalCount,
    hasPreviousPage: position > 0,
    totalCount,
  };
}

// ---- queries ----

const DateTimeRange = builder.inputType('DateTimeRange', {
  description: 'Inclusive bounds; either may be left out.',
  fields: (t) => ({
    gte: t.field({ type: 'DateTime', description: 'At or after this instant.' }),
    lte: t.field({ type: 'DateTime', description: 'At or before this instant.' }),
  }),
});

const boundedText = z.string().min(1).max(256);

const RecordingFilterInput = builder.inputType('RecordingFilter', {
  description: 'Telnyx `filter[...]` of `GET /recordings`; string matches are exact and case-sensitive.',
  fields: (t) => ({
    callControlId: t.id({ description: 'Recorded on this call.', validate: callControlIdSchema }),
    callLegId: t.string({ description: 'Recorded on this call leg (a UUID).', validate: uuidLike }),
    callSessionId: t.string({ description: 'Recorded in this call session (a UUID).', validate: uuidLike }),
    conferenceId: t.string({ description: 'Recorded in this conference (1–256 characters).', validate: boundedText }),
    conferenceRegion: t.string({ description: 'Conference region (1–256 characters).', validate: boundedText }),
    connectionId: t.string({ description: 'Call Control Application id (1–256 characters).', validate: boundedText }),
    from: t.string({ description: 'Calling number or SIP URI (1–256 characters).', validate: boundedText }),
    to: t.string({ description: 'Called number or SIP URI (1–256 characters).', validate: boundedText }),
    sipCallId: t.string({ description: 'SIP Call-ID (1–256 characters).', validate: boundedText }),
    createdAt: t.field({ type: DateTimeRange, description: 'When Telnyx stored it.' }),
    startTime: t.field({ type: DateTimeRange, description: 'When recording started.' }),
    endTime: t.field({ type: DateTimeRange, description: 'When recording ended.' }),
  }),
});

type RecordingFilterShape = typeof RecordingFilterInput.$inferInput;
type RangeShape = typeof DateTimeRange.$inferInput;

function range(value: RangeShape | null | undefined): { gte?: string; lte?: string } | undefined {
  if (!value) return undefined;
  return { gte: value.gte?.toISOString(), lte: value.lte?.toISOString() };
}

function recordingFilterParams(filter: RecordingFilterShape | null | undefined): RecordingFilter {
  if (!filter) return {};
  return {
    call_control_id: filter.callControlId == null ? undefined : String(filter.callControlId),
    call_leg_id: filter.callLegId ?? undefined,
    call_session_id: filter.callSessionId ?? undefined,
    conference_id: filter.conferenceId ?? undefined,
    conference_region: filter.conferenceRegion ?? undefined,
    connection_id: filter.connectionId ?? undefined,
    from: filter.from ?? undefined,
    to: filter.to ?? undefined,
    sip_call_id: filter.sipCallId ?? undefined,
    created_at: range(filter.createdAt),
    start_time: range(filter.startTime),
    end_time: range(filter.endTime),
  };
}

/** A token limited to some calls may see a recording only of one of them. */
function assertMayRead(context: GraphQLContext, recording: Recording): void {
  if (context.principal.calls === null) return;
  if (!recording.call_control_id || !canAccessCall(context.principal, recording.call_control_id)) {
    throw new ForbiddenError('this token may not read that recording');
  }
}

builder.queryField('recording', (t) =>
  t.field({
    type: RecordingRef,
    nullable: true,
    description: 'One recording by id; null when Telnyx does not know it.',
    args: {
      id: t.arg.id({
        required: true,
        description: 'The Telnyx recording id.',
        validate: z.string().regex(/^[\x21-\x7e]{1,256}$/, 'is not a recording id'),
      }),
    },
    authScopes: { eventsRead: true },
    resolve: async (_root, args, context) => {
      const recording = await context.loaders.recording.load(String(args.id));
      if (recording) assertMayRead(context, recording);
      return recording;
    },
  }),
);

builder.queryField('recordings', (t) =>
  t.field({
    type: RecordingConnection,
    nullable: false,
    description:
      'Recordings, newest first as Telnyx orders them, as a Relay connection: `first` (1–250, default 20) after the ' +
      '`after` cursor. A token limited to some calls must filter by one of its `callControlId`s (FORBIDDEN otherwise).',
    args: {
      first: t.arg.int({
        defaultValue: RECORDINGS_DEFAULT_FIRST,
        description: `How many recordings, 1–${RECORDINGS_MAX_PAGE_SIZE} (Telnyx's page size bound); default ${RECORDINGS_DEFAULT_FIRST}.`,
        validate: z.number().int().min(1).max(RECORDINGS_MAX_PAGE_SIZE),
      }),
      after: t.arg.string({
        description:
          "Continue after this cursor (an edge's `cursor` or `pageInfo.endCursor`); omitted: from the newest.",
        validate: z
          .string()
          .max(64)
          .refine((cursor) => positionOfCursor(cursor) !== null, 'is not a cursor of recordings'),
      }),
      filter: t.arg({ type: RecordingFilterInput, description: 'Only recordings matching every field given.' }),
    },
    authScopes: (_root, args, context) =>
      context.principal.calls === null
        ? { eventsRead: true }
        : {
            $all: {
              eventsRead: true,
              call: args.filter?.callControlId == null ? '' : String(args.filter.callControlId),
            },
          },
    resolve: async (_root, args, context) => {
      const position = args.after == null ? 0 : positionOfCursor(args.after)! + 1;
      const connection = await recordingsFrom(
        context.telnyx,
        position,
        args.first ?? RECORDINGS_DEFAULT_FIRST,
        recordingFilterParams(args.filter),
      );
      for (const edge of connection.edges) assertMayRead(context, edge.node);
      return connection;
    },
  }),
);

// ---- mutations ----

/** Spec rules that span fields. */
const startRecordingRules = z.custom<Record<string, unknown>>().superRefine((input, ctx) => {
  const min = input.transcriptionMinSpeakerCount;
  const max = input.transcriptionMaxSpeakerCount;
  if (typeof min === 'number' && typeof max === 'number' && min > max) {
    ctx.addIssue({
      code: 'custom',
      path: ['transcriptionMinSpeakerCount'],
      message: 'must not exceed transcriptionMaxSpeakerCount',
    });
  }
  const language = input.transcriptionLanguage;
  if (
    input.transcriptionEngine === 'deepgram/nova-3' &&
    typeof language === 'string' &&
    language !== 'en' &&
    !language.startsWith('en-')
  ) {
    ctx.addIssue({
      code: 'custom',
      path: ['transcriptionLanguage'],
      message: 'DEEPGRAM_NOVA_3 transcribes English (EN, EN_*) only',
    });
  }
});

const speakerCount = z.number().int().min(1).max(100);

export const StartRecordingInput = builder.inputType('StartRecordingInput', {
  description: 'Telnyx `record_start`: record the call until `stopRecording` or hang-up.',
  validate: startRecordingRules,
  fields: (t) => ({
    ...callActionInputFields(t),
    format: t.field({ type: RecordingFormat, required: true, description: 'File format of the stored recording.' }),
    channels: t.field({
      type: RecordingChannels,
      required: true,
      description: '`SINGLE` (mono) or `DUAL` (stereo, one leg per channel).',
    }),
    recordingTrack: t.field({ type: RecordingTrack, description: 'Which direction to record (default `BOTH`).' }),
    maxLength: t.int({
      description: 'Maximum length in seconds, 0–14400 (0, the default, means no limit).',
      validate: z.number().int().min(0).max(MAX_RECORDING_SECONDS),
    }),
    timeoutSecs: t.int({
      description: 'Stop after this much silence once speech was heard (0, the default, means never).',
      validate: z.number().int().min(0),
    }),
    playBeep: t.boolean({ description: 'Beep when recording starts.' }),
    customFileName: t.string({
      description: 'File name used instead of the call leg id (1–40 characters); Telnyx appends a timestamp.',
      validate: z.string().min(1).max(40),
    }),
    trim: t.field({ type: RecordingTrim, description: 'Trim silence from the start and end.' }),
    transcription: t.boolean({ description: 'Transcribe after recording (→ `call.recording.transcription.saved`).' }),
    transcriptionEngine: t.field({
      type: TranscriptionEngine,
      description: 'Engine for `transcription` (default `A`).',
    }),
    transcriptionLanguage: t.field({
      type: TranscriptionLanguage,
      description: 'Language for `transcription` (default `EN_US`).',
    }),
    transcriptionMaxSpeakerCount: t.int({ description: 'Google engine only (default 6).', validate: speakerCount }),
    transcriptionMinSpeakerCount: t.int({ description: 'Google engine only (default 2).', validate: speakerCount }),
    transcriptionProfanityFilter: t.boolean({ description: 'Google engine only.' }),
    transcriptionSpeakerDiarization: t.boolean({ description: 'Google engine only.' }),
  }),
});

function recordingControlInput(name: string, action: string) {
  return builder.inputType(name, {
    description: `Telnyx \`${action}\`.`,
    fields: (t) => ({
      ...callActionInputFields(t),
      recordingId: t.id({ description: 'The recording to act on, when several are running.', validate: uuidLike }),
    }),
  });
}

const StopRecordingInput = recordingControlInput('StopRecordingInput', 'record_stop');
const PauseRecordingInput = recordingControlInput('PauseRecordingInput', 'record_pause');
const ResumeRecordingInput = recordingControlInput('ResumeRecordingInput', 'record_resume');

callActionMutation('startRecording', {
  description:
    'Starts recording a call (Telnyx `record_start`). Events: `call.recording.saved`, `.transcription.saved`, `.error`.',
  input: StartRecordingInput,
  action: startRecording,
  params: (input) => ({
    format: input.format,
    channels: input.channels,
    recording_track: input.recordingTrack ?? undefined,
    max_length: input.maxLength ?? undefined,
    timeout_secs: input.timeoutSecs ?? undefined,
    play_beep: input.playBeep ?? undefined,
    custom_file_name: input.customFileName ?? undefined,
    trim: input.trim ?? undefined,
    transcription: input.transcription ?? undefined,
    transcription_engine: input.transcriptionEngine ?? undefined,
    transcription_language: input.transcriptionLanguage ?? undefined,
    transcription_max_speaker_count: input.transcriptionMaxSpeakerCount ?? undefined,
    transcription_min_speaker_count: input.transcriptionMinSpeakerCount ?? undefined,
    transcription_profanity_filter: input.transcriptionProfanityFilter ?? undefined,
    transcription_speaker_diarization: input.transcriptionSpeakerDiarization ?? undefined,
  }),
  accepted: (context, result) => learnCallLegLater(context, result.callControlId),
});

const controls = [
  [
    'stopRecording',
    StopRecordingInput,
    stopRecording,
    'Stops a recording (Telnyx `record_stop`). Event: `call.recording.saved`.',
  ],
  ['pauseRecording', PauseRecordingInput, pauseRecording, 'Pauses a recording (Telnyx `record_pause`). No events.'],
  [
    'resumeRecording',
    ResumeRecordingInput,
    resumeRecording,
    'Resumes a paused recording (Telnyx `record_resume`). No events.',
  ],
] as const;

for (const [name, inputType, action, description] of controls) {
  callActionMutation(name, {
    description,
    input: inputType,
    action,
    params: (input) => ({ recording_id: input.recordingId == null ? undefined : String(input.recordingId) }),
  });
}
