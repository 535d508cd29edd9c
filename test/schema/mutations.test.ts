import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
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
import { specProperties, voiceSettingsProviders } from '../telnyx/spec';
import { CALL, startHarness, type Harness } from './harness';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const RECORDING_ID = '428c31b6-7af4-4bcb-b7f5-5013ef9657c1';
const AUDIO_BASE64 = Buffer.from('ID3 fake mp3 bytes').toString('base64');

interface ActionCase {
  name: string;
  document: TypedDocumentNode<any, { input: any }>;
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
const voiceSettingsCases: Array<[NonNullable<SpeakInput['voiceSettings']>, Record<string, unknown>]> = [
  [{ elevenlabs: { apiKeyRef: 'my_elevenlabs_key' } }, { type: 'elevenlabs', api_key_ref: 'my_elevenlabs_key' }],
  [{ telnyx: { voiceSpeed: 1.5 } }, { type: 'telnyx', voice_speed: 1.5 }],
  [{ aws: true }, { type: 'aws' }],
  [
    { minimax: { speed: 1.2, vol: 0.8, pitch: -2, languageBoost: 'CHINESE_YUE' } },
    { type: 'minimax', speed: 1.2, vol: 0.8, pitch: -2, language_boost: 'Chinese,Yue' },
  ],
  [
    { azure: { apiKeyRef: 'azure_key', deploymentId: 'dep-1', region: 'westeurope', gender: 'FEMALE', effect: 'EQ_TELECOMHP8K' } },
    { type: 'azure', api_key_ref: 'azure_key', deployment_id: 'dep-1', region: 'westeurope', gender: 'Female', effect: 'eq_telecomhp8k' },
  ],
  [{ rime: { voiceSpeed: 0.9 } }, { type: 'rime', voice_speed: 0.9 }],
  [
    { resemble: { format: 'WAV', precision: 'MULAW', sampleRate: 'HZ_22050' } },
    { type: 'resemble', format: 'wav', precision: 'MULAW', sample_rate: '22050' },
  ],
  [{ inworld: { deliveryMode: 'CREATIVE' } }, { type: 'inworld', delivery_mode: 'CREATIVE' }],
  [{ xai: { language: 'pt-BR' } }, { type: 'xai', language: 'pt-BR' }],
];

const cases: ActionCase[] = [
  {
    name: 'startPlayback from a URL with every option',
    document: StartPlaybackDocument,
    field: 'startPlayback',
    action: 'playback_start',
    schema: 'PlayAudioUrlRequest',
    input: { ...common, audioUrl: 'https://example.com/a.wav?x=1', audioType: 'WAV', loop: 'infinity', overlay: false, stop: 'CURRENT', targetLegs: 'BOTH', cacheAudio: false },
    body: { ...commonBody, audio_url: 'https://example.com/a.wav?x=1', audio_type: 'wav', loop: 'infinity', overlay: false, stop: 'current', target_legs: 'both', cache_audio: false },
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
    input: { ...speakBase, payloadType: 'SSML', serviceLevel: 'PREMIUM', language: 'EN_GB_WLS', loop: 2, stop: 'CURRENT', targetLegs: 'OPPOSITE' },
    body: { ...speakBaseBody, payload_type: 'ssml', service_level: 'premium', language: 'en-GB-WLS', loop: 2, stop: 'current', target_legs: 'opposite' },
  },
  ...voiceSettingsCases.map(([voiceSettings, expected]): ActionCase => ({
    name: `speak with ${expected.type} voice settings`,
    document: SpeakDocument,
    field: 'speak',
    action: 'speak',
    schema: 'SpeakRequest',
    input: { ...speakBase, voiceSettings },
    body: { ...speakBaseBody, voice_settings: expected },
  })),
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
      maxLength: 14_400,
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
      max_length: 14_400,
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
    input: { ...common, format: 'MP3', channels: 'SINGLE', transcription: true, transcriptionEngine: 'DEEPGRAM_NOVA_3', transcriptionLanguage: 'EN_US' },
    body: { ...commonBody, format: 'mp3', channels: 'single', transcription: true, transcription_engine: 'deepgram/nova-3', transcription_language: 'en-US' },
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

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness.close();
});
beforeEach(() => {
  harness.fake.requests.length = 0;
});

describe('each mutation sends Telnyx the spec-exact request', () => {
  it.each(cases)('$name', async ({ document, field, action, input, body }) => {
    const result = await harness.execute(document, { input });
    expect(result.errors).toBeUndefined();
    expect(result.data?.[field]).toEqual({ callControlId: CALL, commandId: 'cmd-1', result: 'ok', cursor: expect.any(String) });
    if (action === 'record_start') {
      // It then learns the call's leg in the background (see the queries tests).
      await harness.fake.waitForRequests(2);
      expect(harness.fake.requests[1]).toMatchObject({ method: 'GET', url: `/v2/calls/${CALL}` });
    } else {
      expect(harness.fake.requests).toHaveLength(1);
    }
    const [request] = harness.fake.requests;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe(`/v2/calls/${CALL}/actions/${action}`);
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers.authorization).toMatch(/^Bearer KEYtest_/);
    expect(request?.body).toEqual(body);
  });

  it('covers every parameter of every action in the spec', () => {
    const sent = new Map<string, Set<string>>();
    for (const { schema, body } of cases) {
      const keys = sent.get(schema) ?? new Set<string>();
      for (const key of Object.keys(body)) keys.add(key);
      sent.set(schema, keys);
    }
    for (const schema of ['PlayAudioUrlRequest', 'PlaybackStopRequest', 'SpeakRequest', 'StartRecordingRequest', 'StopRecordingRequest', 'PauseRecordingRequest', 'ResumeRecordingRequest']) {
      expect([...(sent.get(schema) ?? [])].sort(), schema).toEqual(specProperties(schema));
    }
  });

  it('covers every voice provider and every provider field in the spec', () => {
    const providers = voiceSettingsProviders();
    const sent = voiceSettingsCases.map(([, expected]) => expected);
    expect(sent.map((settings) => settings.type).sort()).toEqual(Object.keys(providers).sort());
    for (const settings of sent) {
      expect(Object.keys(settings).sort(), String(settings.type)).toEqual(specProperties(providers[String(settings.type)]!));
    }
  });
});

describe('command ids and client state', () => {
  it('generates a UUID v4 command_id when none is given and returns it', async () => {
    const result = await harness.execute(StopPlaybackDocument, { input: { callControlId: CALL } });
    const commandId = result.data?.stopPlayback.commandId;
    expect(commandId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(harness.fake.requests[0]?.body).toEqual({ command_id: commandId });
  });

  it('sends {} plus the command id for an action given no options, and a fresh id per call', async () => {
    await harness.execute(PauseRecordingDocument, { input: { callControlId: CALL } });
    await harness.execute(PauseRecordingDocument, { input: { callControlId: CALL } });
    const [first, second] = harness.fake.requests.map((request) => request.body as { command_id: string });
    expect(Object.keys(first!)).toEqual(['command_id']);
    expect(first?.command_id).not.toBe(second?.command_id);
  });

  it('base64-encodes client state as UTF-8 text', async () => {
    await harness.execute(StopPlaybackDocument, { input: { callControlId: CALL, clientState: '{"agent":"Zoë"}' } });
    const sent = (harness.fake.requests[0]?.body as { client_state: string }).client_state;
    expect(Buffer.from(sent, 'base64').toString('utf8')).toBe('{"agent":"Zoë"}');
  });
});
