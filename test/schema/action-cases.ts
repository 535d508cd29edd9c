import type { Loose } from '../support/loose';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { MAX_RECORDING_SECONDS } from '../../src/graphql/schema/recording-mutations';
import {
  PauseRecordingDocument,
  ResumeRecordingDocument,
  SpeakDocument,
  StartPlaybackDocument,
  StartRecordingDocument,
  StopPlaybackDocument,
  StopRecordingDocument,
  type SpeakInput,
} from '../generated/graphql';
import { CALL } from './principals';

/**
 * For each action, inputs that together set every parameter the spec lists, and the exact JSON
 * body Telnyx must receive for each.
 */
export const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
export const RECORDING_ID = '428c31b6-7af4-4bcb-b7f5-5013ef9657c1';
const AUDIO_BASE64 = Buffer.from('ID3 fake mp3 bytes').toString('base64');

export interface ActionCase {
  name: string;
  document: TypedDocumentNode<Loose, { input: Loose }>;
  field: string;
  action: string;
  /** The spec's request schema this case covers part of. */
  schema: string;
  input: Record<string, unknown>;
  body: Record<string, unknown>;
}

const common = { callControlId: CALL, commandId: 'cmd-1', clientState: 'state ✓ 1' };
const commonBody = { command_id: 'cmd-1', client_state: b64('state ✓ 1') };

const speakBase = { ...common, payload: 'Hello <b>there</b>', voice: 'Telnyx.KokoroTTS.af' };
const speakBaseBody = { ...commonBody, payload: 'Hello <b>there</b>', voice: 'Telnyx.KokoroTTS.af' };

/** One speak case per voice provider, every provider field set. */
export const voiceSettingsCases: Array<[NonNullable<SpeakInput['voiceSettings']>, Record<string, unknown>]> = [
  [{ elevenlabs: { apiKeyRef: 'my_elevenlabs_key' } }, { type: 'elevenlabs', api_key_ref: 'my_elevenlabs_key' }],
  [{ telnyx: { voiceSpeed: 1.5 } }, { type: 'telnyx', voice_speed: 1.5 }],
  [{ aws: true }, { type: 'aws' }],
  [
    { minimax: { speed: 1.2, vol: 0.8, pitch: -2, languageBoost: 'CHINESE_YUE' } },
    { type: 'minimax', speed: 1.2, vol: 0.8, pitch: -2, language_boost: 'Chinese,Yue' },
  ],
  [
    {
      azure: {
        apiKeyRef: 'azure_key',
        deploymentId: 'dep-1',
        region: 'westeurope',
        gender: 'FEMALE',
        effect: 'EQ_TELECOMHP8K',
      },
    },
    {
      type: 'azure',
      api_key_ref: 'azure_key',
      deployment_id: 'dep-1',
      region: 'westeurope',
      gender: 'Female',
      effect: 'eq_telecomhp8k',
    },
  ],
  [{ rime: { voiceSpeed: 0.9 } }, { type: 'rime', voice_speed: 0.9 }],
  [
    { resemble: { format: 'WAV', precision: 'MULAW', sampleRate: 'HZ_22050' } },
    { type: 'resemble', format: 'wav', precision: 'MULAW', sample_rate: '22050' },
  ],
  [{ inworld: { deliveryMode: 'CREATIVE' } }, { type: 'inworld', delivery_mode: 'CREATIVE' }],
  [{ xai: { language: 'pt-BR' } }, { type: 'xai', language: 'pt-BR' }],
];

export const actionCases: ActionCase[] = [
  {
    name: 'startPlayback from a URL with every option',
    document: StartPlaybackDocument,
    field: 'startPlayback',
    action: 'playback_start',
    schema: 'PlayAudioUrlRequest',
    input: {
      ...common,
      audioUrl: 'https://example.com/a.wav?x=1',
      audioType: 'WAV',
      loop: 'infinity',
      overlay: false,
      stop: 'CURRENT',
      targetLegs: 'BOTH',
      cacheAudio: false,
    },
    body: {
      ...commonBody,
      audio_url: 'https://example.com/a.wav?x=1',
      audio_type: 'wav',
      loop: 'infinity',
      overlay: false,
      stop: 'current',
      target_legs: 'both',
      cache_audio: false,
    },
  },
  {
    name: 'startPlayback of uploaded media as an overlay',
    document: StartPlaybackDocument,
    field: 'startPlayback',
    action: 'playback_start',
    schema: 'PlayAudioUrlRequest',
    input: { ...common, mediaName: 'welcome_prompt', loop: 3, overlay: true, targetLegs: 'SELF', stop: 'ALL' },
    body: { ...commonBody, media_name: 'welcome_prompt', loop: 3, overlay: true, target_legs: 'self', stop: 'all' },
  },
  {
    name: 'startPlayback of inline base64 audio',
    document: StartPlaybackDocument,
    field: 'startPlayback',
    action: 'playback_start',
    schema: 'PlayAudioUrlRequest',
    input: { ...common, playbackContent: AUDIO_BASE64, audioType: 'MP3', targetLegs: 'OPPOSITE' },
    body: { ...commonBody, playback_content: AUDIO_BASE64, audio_type: 'mp3', target_legs: 'opposite' },
  },
  {
    name: 'stopPlayback of the overlay queue',
    document: StopPlaybackDocument,
    field: 'stopPlayback',
    action: 'playback_stop',
    schema: 'PlaybackStopRequest',
    input: { ...common, stop: 'ALL', overlay: true },
    body: { ...commonBody, stop: 'all', overlay: true },
  },
  {
    name: 'speak with every option',
    document: SpeakDocument,
    field: 'speak',
    action: 'speak',
    schema: 'SpeakRequest',
    input: {
      ...speakBase,
      payloadType: 'SSML',
      serviceLevel: 'PREMIUM',
      language: 'EN_GB_WLS',
      loop: 2,
      stop: 'CURRENT',
      targetLegs: 'OPPOSITE',
    },
    body: {
      ...speakBaseBody,
      payload_type: 'ssml',
      service_level: 'premium',
      language: 'en-GB-WLS',
      loop: 2,
      stop: 'current',
      target_legs: 'opposite',
    },
  },
  ...voiceSettingsCases.map(
    ([voiceSettings, expected]): ActionCase => ({
      name: `speak with ${expected.type} voice settings`,
      document: SpeakDocument,
      field: 'speak',
      action: 'speak',
      schema: 'SpeakRequest',
      input: { ...speakBase, voiceSettings },
      body: { ...speakBaseBody, voice_settings: expected },
    }),
  ),
  {
    name: 'startRecording with every option',
    document: StartRecordingDocument,
    field: 'startRecording',
    action: 'record_start',
    schema: 'StartRecordingRequest',
    input: {
      ...common,
      format: 'WAV',
      channels: 'DUAL',
      recordingTrack: 'INBOUND',
      maxLength: MAX_RECORDING_SECONDS,
      timeoutSecs: 30,
      playBeep: true,
      customFileName: 'sales-call-42',
      trim: 'TRIM_SILENCE',
      transcription: true,
      transcriptionEngine: 'A',
      transcriptionLanguage: 'ES_419',
      transcriptionMaxSpeakerCount: 4,
      transcriptionMinSpeakerCount: 2,
      transcriptionProfanityFilter: true,
      transcriptionSpeakerDiarization: true,
    },
    body: {
      ...commonBody,
      format: 'wav',
      channels: 'dual',
      recording_track: 'inbound',
      max_length: MAX_RECORDING_SECONDS,
      timeout_secs: 30,
      play_beep: true,
      custom_file_name: 'sales-call-42',
      trim: 'trim-silence',
      transcription: true,
      transcription_engine: 'A',
      transcription_language: 'es-419',
      transcription_max_speaker_count: 4,
      transcription_min_speaker_count: 2,
      transcription_profanity_filter: true,
      transcription_speaker_diarization: true,
    },
  },
  {
    name: 'startRecording with Deepgram Nova 3 in English',
    document: StartRecordingDocument,
    field: 'startRecording',
    action: 'record_start',
    schema: 'StartRecordingRequest',
    input: {
      ...common,
      format: 'MP3',
      channels: 'SINGLE',
      transcription: true,
      transcriptionEngine: 'DEEPGRAM_NOVA_3',
      transcriptionLanguage: 'EN_US',
    },
    body: {
      ...commonBody,
      format: 'mp3',
      channels: 'single',
      transcription: true,
      transcription_engine: 'deepgram/nova-3',
      transcription_language: 'en-US',
    },
  },
  ...(
    [
      [StopRecordingDocument, 'stopRecording', 'record_stop', 'StopRecordingRequest'],
      [PauseRecordingDocument, 'pauseRecording', 'record_pause', 'PauseRecordingRequest'],
      [ResumeRecordingDocument, 'resumeRecording', 'record_resume', 'ResumeRecordingRequest'],
    ] as const
  ).map(
    ([document, field, action, schema]): ActionCase => ({
      name: `${field} of one recording`,
      document,
      field,
      action,
      schema,
      input: { ...common, recordingId: RECORDING_ID },
      body: { ...commonBody, recording_id: RECORDING_ID },
    }),
  ),
];
