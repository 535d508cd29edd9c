import { z } from 'zod';
import { canAccessCall } from '../auth/principal';
import type { GraphQLContext } from '../context';
import { ForbiddenError } from '../errors';
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
import {
  CallActionPayload,
  callActionInputFields,
  callControlIdSchema,
  learnCallLegLater,
  mediaWriteScopes,
  performCallAction,
} from './action-payload';
import { telnyxEnum } from './enums';

export const MAX_RECORDING_SECONDS = 14_400;
export const RECORDINGS_MAX_PAGE_SIZE = 250;
const uuidLike = z.guid('must be a UUID');

const RecordingFormat = telnyxEnum('RecordingFormat', RECORDING_FORMATS, { description: 'Stored recording file format.' });
const RecordingChannels = telnyxEnum('RecordingChannels', RECORDING_CHANNELS, {
  description: '`DUAL`: stereo, the first leg on channel A and the rest on B.',
});
const RecordingTrack = telnyxEnum('RecordingTrack', RECORDING_TRACKS, {
  description: 'Which direction to record; one track makes the file mono (default `BOTH`).',
});
const RecordingTrim = telnyxEnum('RecordingTrim', RECORDING_TRIMS, { description: 'Remove leading and trailing silence.' });
const TranscriptionEngine = telnyxEnum('TranscriptionEngine', TRANSCRIPTION_ENGINES, {
  description: '`A`: Google, `B`: Telnyx, `DEEPGRAM_NOVA_3`: Deepgram Nova 3 (English only). Default `A`.',
});
const TranscriptionLanguage = telnyxEnum('TranscriptionLanguage', TRANSCRIPTION_LANGUAGES, {
  description: 'Transcription language (default `EN_US`); not every engine supports every code.',
});

// ---- the Recording object ----

const RecordingDownloadUrls = builder.objectRef<NonNullable<Recording['download_urls']>>('RecordingDownloadUrls').implement({
  fields: (t) => ({
    mp3: t.string({ nullable: true, resolve: (urls) => urls.mp3 ?? null }),
    wav: t.string({ nullable: true, resolve: (urls) => urls.wav ?? null }),
  }),
});

export const RecordingRef = builder.objectRef<Recording>('Recording').implement({
  description: 'A completed call recording kept by Telnyx.',
  fields: (t) => ({
    id: t.id({ nullable: false, resolve: (recording) => recording.id ?? '' }),
    callControlId: t.id({ nullable: true, resolve: (r) => r.call_control_id ?? null }),
    callLegId: t.string({ nullable: true, resolve: (r) => r.call_leg_id ?? null }),
    callSessionId: t.string({ nullable: true, resolve: (r) => r.call_session_id ?? null }),
    conferenceId: t.string({ nullable: true, resolve: (r) => r.conference_id ?? null }),
    connectionId: t.string({ nullable: true, resolve: (r) => r.connection_id ?? null }),
    channels: t.field({ type: RecordingChannels, nullable: true, resolve: (r) => r.channels ?? null }),
    source: t.string({ nullable: true, description: '`call` or `conference`.', resolve: (r) => r.source ?? null }),
    status: t.string({ nullable: true, description: 'Only `completed` recordings are listed.', resolve: (r) => r.status ?? null }),
    initiatedBy: t.string({ nullable: true, description: 'What started it, e.g. `StartCallRecordingAPI`.', resolve: (r) => r.initiated_by ?? null }),
    from: t.string({ nullable: true, resolve: (r) => r.from ?? null }),
    to: t.string({ nullable: true, resolve: (r) => r.to ?? null }),
    durationMillis: t.int({ nullable: true, resolve: (r) => r.duration_millis ?? null }),
    downloadUrls: t.field({ type: RecordingDownloadUrls, nullable: true, resolve: (r) => r.download_urls ?? null }),
    recordingStartedAt: t.field({ type: 'DateTime', nullable: true, resolve: (r) => r.recording_started_at ?? null }),
    recordingEndedAt: t.field({ type: 'DateTime', nullable: true, resolve: (r) => r.recording_ended_at ?? null }),
    createdAt: t.field({ type: 'DateTime', nullable: true, resolve: (r) => r.created_at ?? null }),
    updatedAt: t.field({ type: 'DateTime', nullable: true, resolve: (r) => r.updated_at ?? null }),
    audioUrl: t.string({
      nullable: true,
      description:
        'A URL on this gateway (a path: resolve it against the gateway\'s address) that streams the audio with ' +
        '`Range` support, fetching a fresh Telnyx download link each time. With client auth on it is signed for ' +
        'this token\'s calls and plays for 15 minutes (never past the token\'s expiry), so an `<audio src>` can ' +
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

interface RecordingPageShape {
  items: Recording[];
  pageNumber: number;
  pageSize: number;
  totalPages: number;
  totalResults: number;
}

const RecordingPage = builder.objectRef<RecordingPageShape>('RecordingPage').implement({
  description: 'One page of recordings (Telnyx numbers its pages from 1).',
  fields: (t) => ({
    items: t.field({ type: [RecordingRef], nullable: { list: false, items: false }, resolve: (page) => page.items }),
    pageNumber: t.exposeInt('pageNumber', { nullable: false }),
    pageSize: t.exposeInt('pageSize', { nullable: false }),
    totalPages: t.exposeInt('totalPages', { nullable: false }),
    totalResults: t.exposeInt('totalResults', { nullable: false }),
  }),
});

// ---- queries ----

const DateTimeRange = builder.inputType('DateTimeRange', {
  description: 'Inclusive bounds; either may be left out.',
  fields: (t) => ({ gte: t.field({ type: 'DateTime' }), lte: t.field({ type: 'DateTime' }) }),
});

const boundedText = z.string().min(1).max(256);

const RecordingFilterInput = builder.inputType('RecordingFilter', {
  description: 'Telnyx `filter[...]` of `GET /recordings`; string matches are exact and case-sensitive.',
  fields: (t) => ({
    callControlId: t.id({ validate: callControlIdSchema }),
    callLegId: t.string({ validate: uuidLike }),
    callSessionId: t.string({ validate: uuidLike }),
    conferenceId: t.string({ validate: boundedText }),
    conferenceRegion: t.string({ validate: boundedText }),
    connectionId: t.string({ validate: boundedText }),
    from: t.string({ validate: boundedText }),
    to: t.string({ validate: boundedText }),
    sipCallId: t.string({ validate: boundedText }),
    createdAt: t.field({ type: DateTimeRange }),
    startTime: t.field({ type: DateTimeRange }),
    endTime: t.field({ type: DateTimeRange }),
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
    args: { id: t.arg.id({ required: true, validate: z.string().regex(/^[\x21-\x7e]{1,256}$/, 'is not a recording id') }) },
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
    type: RecordingPage,
    nullable: false,
    description:
      'Recordings, newest first as Telnyx orders them. A token limited to some calls must filter by one of its ' +
      '`callControlId`s (FORBIDDEN otherwise).',
    args: {
      filter: t.arg({ type: RecordingFilterInput }),
      page: t.arg.int({ defaultValue: 1, validate: z.number().int().min(1).max(100_000) }),
      pageSize: t.arg.int({ defaultValue: 20, validate: z.number().int().min(1).max(RECORDINGS_MAX_PAGE_SIZE) }),
    },
    authScopes: (_root, args, context) =>
      context.principal.calls === null
        ? { eventsRead: true }
        : { $all: { eventsRead: true, call: args.filter?.callControlId == null ? '' : String(args.filter.callControlId) } },
    resolve: async (_root, args, context) => {
      const page = await listRecordings(context.telnyx, {
        pageNumber: args.page ?? 1,
        pageSize: args.pageSize ?? 20,
        filter: recordingFilterParams(args.filter),
      });
      for (const recording of page.data) assertMayRead(context, recording);
      return {
        items: page.data,
        pageNumber: page.meta.page_number,
        pageSize: page.meta.page_size,
        totalPages: page.meta.total_pages,
        totalResults: page.meta.total_results,
      };
    },
  }),
);

// ---- mutations ----

/** Spec rules that span fields. */
const startRecordingRules = z.custom<Record<string, unknown>>().superRefine((input, ctx) => {
  const min = input.transcriptionMinSpeakerCount;
  const max = input.transcriptionMaxSpeakerCount;
  if (typeof min === 'number' && typeof max === 'number' && min > max) {
    ctx.addIssue({ code: 'custom', path: ['transcriptionMinSpeakerCount'], message: 'must not exceed transcriptionMaxSpeakerCount' });
  }
  const language = input.transcriptionLanguage;
  if (input.transcriptionEngine === 'deepgram/nova-3' && typeof language === 'string' && language !== 'en' && !language.startsWith('en-')) {
    ctx.addIssue({ code: 'custom', path: ['transcriptionLanguage'], message: 'DEEPGRAM_NOVA_3 transcribes English (EN, EN_*) only' });
  }
});

const speakerCount = z.number().int().min(1).max(100);

export const StartRecordingInput = builder.inputType('StartRecordingInput', {
  description: 'Telnyx `record_start`: record the call until `stopRecording` or hang-up.',
  validate: startRecordingRules,
  fields: (t) => ({
    ...callActionInputFields(t),
    format: t.field({ type: RecordingFormat, required: true }),
    channels: t.field({ type: RecordingChannels, required: true }),
    recordingTrack: t.field({ type: RecordingTrack }),
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
    trim: t.field({ type: RecordingTrim }),
    transcription: t.boolean({ description: 'Transcribe after recording (→ `call.recording.transcription.saved`).' }),
    transcriptionEngine: t.field({ type: TranscriptionEngine }),
    transcriptionLanguage: t.field({ type: TranscriptionLanguage }),
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

builder.mutationField('startRecording', (t) =>
  t.field({
    type: CallActionPayload,
    nullable: false,
    description: 'Starts recording a call (Telnyx `record_start`). Events: `call.recording.saved`, `.transcription.saved`, `.error`.',
    args: { input: t.arg({ type: StartRecordingInput, required: true }) },
    authScopes: mediaWriteScopes,
    resolve: async (_root, { input }, context) => {
      const result = await performCallAction(context, input, (telnyx, callControlId, common) =>
        startRecording(telnyx, callControlId, {
          ...common,
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
      );
      learnCallLegLater(context, result.callControlId);
      return result;
    },
  }),
);

const controls = [
  ['stopRecording', StopRecordingInput, stopRecording, 'Stops a recording (Telnyx `record_stop`). Event: `call.recording.saved`.'],
  ['pauseRecording', PauseRecordingInput, pauseRecording, 'Pauses a recording (Telnyx `record_pause`). No events.'],
  ['resumeRecording', ResumeRecordingInput, resumeRecording, 'Resumes a paused recording (Telnyx `record_resume`). No events.'],
] as const;

for (const [name, inputType, send, description] of controls) {
  builder.mutationField(name, (t) =>
    t.field({
      type: CallActionPayload,
      nullable: false,
      description,
      args: { input: t.arg({ type: inputType, required: true }) },
      authScopes: mediaWriteScopes,
      resolve: (_root, { input }, context) =>
        performCallAction(context, input, (telnyx, callControlId, common) =>
          send(telnyx, callControlId, { ...common, recording_id: input.recordingId == null ? undefined : String(input.recordingId) }),
        ),
    }),
  );
}
