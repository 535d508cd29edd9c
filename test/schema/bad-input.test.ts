import type { Loose } from '../support/loose';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CallStatusDocument,
  PauseRecordingDocument,
  RecordingDocument,
  RecordingsDocument,
  ResumeRecordingDocument,
  SpeakDocument,
  StartPlaybackDocument,
  StartRecordingDocument,
  StopPlaybackDocument,
  StopRecordingDocument,
} from '../generated/graphql';
import { CLIENT_STATE_MAX_LENGTH, COMMAND_ID_MAX_LENGTH } from '../../src/graphql/schema/action-payload';
import { MEDIA_NAME_MAX_LENGTH, PLAYBACK_CONTENT_MAX_LENGTH } from '../../src/graphql/schema/playback';
import { MAX_RECORDING_SECONDS } from '../../src/graphql/schema/recording-mutations';
import { SPEAK_PAYLOAD_MAX_LENGTH, VOICE_MAX_LENGTH } from '../../src/graphql/schema/speak';
import { startGateway, type Harness } from '../support/gateway';
import { CALL, schemaSuiteGateway } from './principals';

/**
 * Every input type, with missing, wrong-typed, out-of-range and oversize values: each answer is
 * BAD_USER_INPUT naming the field, and Telnyx receives nothing.
 */
interface BadCase {
  name: string;
  document: TypedDocumentNode<Loose, Loose>;
  variables: Record<string, unknown>;
  field: string;
}

const long = (length: number, char = 'a') => char.repeat(length);
const playback = { callControlId: CALL, audioUrl: 'https://example.com/a.mp3' };
const speak = { callControlId: CALL, payload: 'Hi', voice: 'AWS.Polly.Joanna-Neural' };
const record = { callControlId: CALL, format: 'MP3', channels: 'SINGLE' };

function mutationCases(
  document: TypedDocumentNode<Loose, Loose>,
  valid: Record<string, unknown>,
  cases: Array<[string, Record<string, unknown>, string]>,
): BadCase[] {
  return cases.map(([name, change, field]) => {
    const input: Record<string, unknown> = { ...valid, ...change };
    for (const [key, value] of Object.entries(change)) if (value === undefined) delete input[key];
    return { name, document, variables: { input }, field };
  });
}

/** Shared by all seven: which call, command id and client state. */
function commonCases(document: TypedDocumentNode<Loose, Loose>, valid: Record<string, unknown>): BadCase[] {
  return mutationCases(document, valid, [
    ['missing callControlId', { callControlId: undefined }, 'input.callControlId'],
    ['wrong-typed callControlId', { callControlId: { id: 1 } }, 'input.callControlId'],
    ['empty callControlId', { callControlId: '' }, 'input.callControlId'],
    ['oversize callControlId', { callControlId: `v3:${long(300)}` }, 'input.callControlId'],
    ['callControlId with a slash and spaces', { callControlId: '../calls x' }, 'input.callControlId'],
    ['callControlId "..", a path traversal', { callControlId: '..' }, 'input.callControlId'],
    ['oversize commandId', { commandId: long(COMMAND_ID_MAX_LENGTH + 1) }, 'input.commandId'],
    ['empty commandId', { commandId: '' }, 'input.commandId'],
    [
      'commandId with CR LF (a header injected into the request to Telnyx)',
      { commandId: 'x\r\nX-Injected: 1' },
      'input.commandId',
    ],
    ['commandId with NUL', { commandId: 'x\u0000y' }, 'input.commandId'],
    ['commandId with a space', { commandId: 'x y' }, 'input.commandId'],
    ['commandId with non-ASCII', { commandId: 'caf\u00e9' }, 'input.commandId'],
    [
      'clientState with a lone high surrogate (would be sent as U+FFFD)',
      { clientState: 'a\ud800b' },
      'input.clientState',
    ],
    ['clientState with a lone low surrogate', { clientState: '\udc00' }, 'input.clientState'],
    ['wrong-typed clientState', { clientState: 42 }, 'input.clientState'],
    ['oversize clientState', { clientState: long(CLIENT_STATE_MAX_LENGTH + 1) }, 'input.clientState'],
  ]);
}

const cases: BadCase[] = [
  ...[
    StartPlaybackDocument,
    StopPlaybackDocument,
    SpeakDocument,
    StartRecordingDocument,
    StopRecordingDocument,
    PauseRecordingDocument,
    ResumeRecordingDocument,
  ].flatMap((document) => {
    const valid =
      document === StartPlaybackDocument
        ? playback
        : document === SpeakDocument
          ? speak
          : document === StartRecordingDocument
            ? record
            : { callControlId: CALL };
    const operation = (document.definitions[0] as { name?: { value: string } }).name?.value ?? '';
    return commonCases(document, valid).map((badCase) => ({ ...badCase, name: `${operation}: ${badCase.name}` }));
  }),
  ...mutationCases(StartPlaybackDocument, playback, [
    ['no audio source', { audioUrl: undefined }, 'input.audioUrl'],
    ['two audio sources', { mediaName: 'welcome' }, 'input.mediaName'],
    ['all three audio sources', { mediaName: 'welcome', playbackContent: 'AAAA' }, 'input.mediaName'],
    ['a URL that is not http(s)', { audioUrl: 'ftp://example.com/a.mp3' }, 'input.audioUrl'],
    ['a URL that is not a URL', { audioUrl: 'not a url' }, 'input.audioUrl'],
    ['a javascript: URL', { audioUrl: 'javascript:alert(1)' }, 'input.audioUrl'],
    ['an oversize URL', { audioUrl: `https://example.com/${long(2100)}` }, 'input.audioUrl'],
    ['wrong-typed audioUrl', { audioUrl: ['https://example.com/a.mp3'] }, 'input.audioUrl'],
    [
      'playbackContent that is not base64',
      { audioUrl: undefined, playbackContent: 'not base64!!' },
      'input.playbackContent',
    ],
    [
      'playbackContent too short and not base64',
      { audioUrl: undefined, playbackContent: '!' },
      'input.playbackContent',
    ],
    [
      'oversize playbackContent',
      { audioUrl: undefined, playbackContent: long(PLAYBACK_CONTENT_MAX_LENGTH + 4, 'A') },
      'input.playbackContent',
    ],
    ['oversize mediaName', { audioUrl: undefined, mediaName: long(MEDIA_NAME_MAX_LENGTH + 1) }, 'input.mediaName'],
    ['unknown audioType', { audioType: 'OGG' }, 'input.audioType'],
    ['audioType given as the Telnyx spelling', { audioType: 'mp3' }, 'input.audioType'],
    ['loop 0', { loop: 0 }, 'input.loop'],
    ['loop 101', { loop: 101 }, 'input.loop'],
    ['loop 1.5', { loop: 1.5 }, 'input.loop'],
    ['loop "forever"', { loop: 'forever' }, 'input.loop'],
    ['wrong-typed overlay', { overlay: 'yes' }, 'input.overlay'],
    ['overlay on the opposite leg', { overlay: true, targetLegs: 'OPPOSITE' }, 'input.targetLegs'],
    ['unknown stop', { stop: 'SOME' }, 'input.stop'],
    ['unknown targetLegs', { targetLegs: 'LEFT' }, 'input.targetLegs'],
    ['wrong-typed cacheAudio', { cacheAudio: 1 }, 'input.cacheAudio'],
  ]),
  ...mutationCases(StopPlaybackDocument, { callControlId: CALL }, [
    ['unknown stop', { stop: 'NONE' }, 'input.stop'],
    ['wrong-typed overlay', { overlay: 'true' }, 'input.overlay'],
  ]),
  ...mutationCases(SpeakDocument, speak, [
    ['missing payload', { payload: undefined }, 'input.payload'],
    ['missing voice', { voice: undefined }, 'input.voice'],
    ['empty payload', { payload: '' }, 'input.payload'],
    [
      `payload over ${SPEAK_PAYLOAD_MAX_LENGTH} characters`,
      { payload: long(SPEAK_PAYLOAD_MAX_LENGTH + 1) },
      'input.payload',
    ],
    ['wrong-typed payload', { payload: 3 }, 'input.payload'],
    ['oversize voice', { voice: long(VOICE_MAX_LENGTH + 1) }, 'input.voice'],
    ['voice with spaces', { voice: 'AWS Polly Joanna' }, 'input.voice'],
    ['unknown payloadType', { payloadType: 'HTML' }, 'input.payloadType'],
    ['unknown serviceLevel', { serviceLevel: 'GOLD' }, 'input.serviceLevel'],
    ['unknown language', { language: 'XX_YY' }, 'input.language'],
    ['BASIC service with SSML', { serviceLevel: 'BASIC', payloadType: 'SSML' }, 'input.payloadType'],
    ['BASIC service in French', { serviceLevel: 'BASIC', language: 'FR_FR' }, 'input.language'],
    ['loop 0', { loop: 0 }, 'input.loop'],
    ['unknown targetLegs', { targetLegs: 'ALL' }, 'input.targetLegs'],
    ['two voice providers at once', { voiceSettings: { aws: true, telnyx: { voiceSpeed: 1 } } }, 'input.voiceSettings'],
    ['no voice provider', { voiceSettings: {} }, 'input.voiceSettings'],
    ['an unknown voice provider', { voiceSettings: { google: {} } }, 'input.voiceSettings'],
    ['aws: false', { voiceSettings: { aws: false } }, 'input.voiceSettings.aws'],
    [
      'telnyx voiceSpeed below 0.1',
      { voiceSettings: { telnyx: { voiceSpeed: 0.05 } } },
      'input.voiceSettings.telnyx.voiceSpeed',
    ],
    [
      'telnyx voiceSpeed above 2.0',
      { voiceSettings: { telnyx: { voiceSpeed: 2.5 } } },
      'input.voiceSettings.telnyx.voiceSpeed',
    ],
    [
      'wrong-typed telnyx voiceSpeed',
      { voiceSettings: { telnyx: { voiceSpeed: 'fast' } } },
      'input.voiceSettings.telnyx.voiceSpeed',
    ],
    ['rime voiceSpeed 0', { voiceSettings: { rime: { voiceSpeed: 0 } } }, 'input.voiceSettings.rime.voiceSpeed'],
    ['minimax speed negative', { voiceSettings: { minimax: { speed: -1 } } }, 'input.voiceSettings.minimax.speed'],
    [
      'minimax pitch not an integer',
      { voiceSettings: { minimax: { pitch: 1.5 } } },
      'input.voiceSettings.minimax.pitch',
    ],
    [
      'unknown minimax languageBoost',
      { voiceSettings: { minimax: { languageBoost: 'KLINGON' } } },
      'input.voiceSettings.minimax.languageBoost',
    ],
    [
      'oversize elevenlabs apiKeyRef',
      { voiceSettings: { elevenlabs: { apiKeyRef: long(300) } } },
      'input.voiceSettings.elevenlabs.apiKeyRef',
    ],
    [
      'azure region with a slash',
      { voiceSettings: { azure: { region: 'east/us' } } },
      'input.voiceSettings.azure.region',
    ],
    ['unknown azure gender', { voiceSettings: { azure: { gender: 'OTHER' } } }, 'input.voiceSettings.azure.gender'],
    [
      'unknown resemble sampleRate',
      { voiceSettings: { resemble: { sampleRate: 'HZ_12345' } } },
      'input.voiceSettings.resemble.sampleRate',
    ],
    [
      'unknown inworld deliveryMode',
      { voiceSettings: { inworld: { deliveryMode: 'WILD' } } },
      'input.voiceSettings.inworld.deliveryMode',
    ],
    ['oversize xai language', { voiceSettings: { xai: { language: long(40) } } }, 'input.voiceSettings.xai.language'],
  ]),
  ...mutationCases(StartRecordingDocument, record, [
    ['missing format', { format: undefined }, 'input.format'],
    ['missing channels', { channels: undefined }, 'input.channels'],
    ['unknown format', { format: 'FLAC' }, 'input.format'],
    ['unknown channels', { channels: 'QUAD' }, 'input.channels'],
    ['unknown recordingTrack', { recordingTrack: 'SIDEWAYS' }, 'input.recordingTrack'],
    ['maxLength below 0', { maxLength: -1 }, 'input.maxLength'],
    [`maxLength above ${MAX_RECORDING_SECONDS}`, { maxLength: MAX_RECORDING_SECONDS + 1 }, 'input.maxLength'],
    ['wrong-typed maxLength', { maxLength: '60' }, 'input.maxLength'],
    ['maxLength beyond Int', { maxLength: 2 ** 40 }, 'input.maxLength'],
    ['timeoutSecs below 0', { timeoutSecs: -5 }, 'input.timeoutSecs'],
    ['empty customFileName', { customFileName: '' }, 'input.customFileName'],
    ['customFileName over 40 characters', { customFileName: long(41) }, 'input.customFileName'],
    ['wrong-typed playBeep', { playBeep: 'on' }, 'input.playBeep'],
    ['unknown trim', { trim: 'TRIM_ALL' }, 'input.trim'],
    ['unknown transcriptionEngine', { transcriptionEngine: 'C' }, 'input.transcriptionEngine'],
    ['unknown transcriptionLanguage', { transcriptionLanguage: 'EN_MARS' }, 'input.transcriptionLanguage'],
    [
      'Deepgram Nova 3 in German',
      { transcriptionEngine: 'DEEPGRAM_NOVA_3', transcriptionLanguage: 'DE_DE' },
      'input.transcriptionLanguage',
    ],
    ['speaker count 0', { transcriptionMinSpeakerCount: 0 }, 'input.transcriptionMinSpeakerCount'],
    [
      'min speakers above max',
      { transcriptionMinSpeakerCount: 5, transcriptionMaxSpeakerCount: 3 },
      'input.transcriptionMinSpeakerCount',
    ],
    ['wrong-typed transcription', { transcription: 'yes' }, 'input.transcription'],
  ]),
  ...[StopRecordingDocument, PauseRecordingDocument, ResumeRecordingDocument].flatMap((document) =>
    mutationCases(document, { callControlId: CALL }, [
      ['recordingId that is not a UUID', { recordingId: 'rec-1' }, 'input.recordingId'],
      ['wrong-typed recordingId', { recordingId: true }, 'input.recordingId'],
    ]).map((badCase) => ({
      ...badCase,
      name: `${(document.definitions[0] as { name?: { value: string } }).name?.value}: ${badCase.name}`,
    })),
  ),
  { name: 'call: missing callControlId', document: CallStatusDocument, variables: {}, field: 'callControlId' },
  {
    name: 'call: oversize callControlId',
    document: CallStatusDocument,
    variables: { callControlId: long(300) },
    field: 'callControlId',
  },
  { name: 'recording: id with spaces', document: RecordingDocument, variables: { id: 'a b' }, field: 'id' },
  { name: 'recordings: first 0', document: RecordingsDocument, variables: { first: 0 }, field: 'first' },
  {
    name: 'recordings: first 251 (past Telnyx page[size])',
    document: RecordingsDocument,
    variables: { first: 251 },
    field: 'first',
  },
  {
    name: 'recordings: after not a cursor',
    document: RecordingsDocument,
    variables: { after: 'page=2' },
    field: 'after',
  },
  {
    name: 'recordings: callLegId not a UUID',
    document: RecordingsDocument,
    variables: { filter: { callLegId: 'leg' } },
    field: 'filter.callLegId',
  },
  {
    name: 'recordings: createdAt not a date',
    document: RecordingsDocument,
    variables: { filter: { createdAt: { gte: 'yesterday' } } },
    field: 'filter.createdAt.gte',
  },
  {
    name: 'recordings: oversize from',
    document: RecordingsDocument,
    variables: { filter: { from: long(300) } },
    field: 'filter.from',
  },
];

let harness: Harness;

beforeAll(async () => {
  harness = await startGateway(schemaSuiteGateway);
});
afterAll(async () => {
  await harness.close();
});

describe('bad input is refused before any request to Telnyx', () => {
  it.each(cases)('$name', async ({ document, variables, field }) => {
    const result = await harness.execute(document, variables);
    // Mutations and RecordingPage are non-null (data: null); nullable queries answer { field: null }.
    expect(Object.values(result.data ?? {}).filter((value) => value !== null)).toEqual([]);
    expect(result.errors?.length).toBeGreaterThanOrEqual(1);
    for (const error of result.errors ?? []) expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.map((error) => error.extensions?.field)).toContain(field);
    for (const error of result.errors ?? []) {
      const problems = error.message.split('; ');
      expect(problems, 'each problem said once').toEqual([...new Set(problems)]);
    }
    expect(harness.telnyx.requests).toEqual([]);
  });

  it('says what is wrong with playbackContent: its length, or that it is not base64', async () => {
    const messages = async (playbackContent: string) => {
      const input = { callControlId: CALL, playbackContent };
      return (await harness.execute(StartPlaybackDocument, { input })).errors?.map((error) => error.message);
    };
    expect(await messages('!')).toEqual(['input.playbackContent: Too small: expected string to have >=4 characters']);
    expect(await messages('not base64!!')).toEqual(['input.playbackContent: must be valid base64']);
    expect(await messages(long(PLAYBACK_CONTENT_MAX_LENGTH + 4, 'A'))).toEqual([
      `input.playbackContent: Too big: expected string to have <=${PLAYBACK_CONTENT_MAX_LENGTH} characters`,
    ]);
  });

  it('does not echo the offending value (it may be a token pasted into the wrong field)', async () => {
    const secret = 'eyJhbGciOiJIUzI1NiJ9.c2VjcmV0.c2lnbmF0dXJl';
    const attempts: Array<[TypedDocumentNode<Loose, Loose>, Record<string, unknown>]> = [
      [StartPlaybackDocument, { input: { ...playback, callControlId: { nested: secret } } }],
      [StartPlaybackDocument, { input: { ...playback, audioType: secret } }],
      [StartPlaybackDocument, { input: { ...playback, overlay: secret } }],
      [StartPlaybackDocument, { input: { ...playback, loop: secret } }],
      [StartPlaybackDocument, { input: secret }],
      [RecordingsDocument, { filter: { createdAt: { gte: secret } } }],
    ];
    for (const [document, variables] of attempts) {
      const result = await harness.execute(document, variables);
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(result)).not.toContain(secret);
    }
  });
});
