import { z } from 'zod';
import { pauseRecording, resumeRecording, startRecording, stopRecording } from '../../telnyx/actions';
import { callActionInputFields, callActionMutation, learnCallLegLater, uuidSchema } from './action-payload';
import { builder } from './builder';
import {
  RecordingChannels,
  RecordingFormat,
  RecordingTrack,
  RecordingTrim,
  TranscriptionEngine,
  TranscriptionLanguage,
} from './recording';

export const MAX_RECORDING_SECONDS = 14_400;

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
      recordingId: t.id({ description: 'The recording to act on, when several are running.', validate: uuidSchema }),
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
