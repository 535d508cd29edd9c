import { GraphQLEnumType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../../src/graphql/schema/index';
import { telnyxEnumName } from '../../src/graphql/schema/enums';
import { StartRecordingDocument, type TranscriptionLanguage } from '../generated/graphql';
import { specEnum } from '../telnyx/spec';
import { startGateway, type Harness } from '../support/gateway';
import { CALL, schemaSuiteGateway } from './principals';

/** Every enumerated Telnyx parameter → the GraphQL enum that carries it. */
const enumsFromSpec: Array<[schemaName: string, property: string, graphqlEnum: string]> = [
  ['PlayAudioUrlRequest', 'audio_type', 'AudioType'],
  ['StartRecordingRequest', 'format', 'RecordingFormat'],
  ['StartRecordingRequest', 'channels', 'RecordingChannels'],
  ['StartRecordingRequest', 'recording_track', 'RecordingTrack'],
  ['StartRecordingRequest', 'trim', 'RecordingTrim'],
  ['StartRecordingRequest', 'transcription_engine', 'TranscriptionEngine'],
  ['StartRecordingRequest', 'transcription_language', 'TranscriptionLanguage'],
  ['SpeakRequest', 'payload_type', 'SpeakPayloadType'],
  ['SpeakRequest', 'service_level', 'SpeakServiceLevel'],
  ['SpeakRequest', 'language', 'SpeakLanguage'],
  ['SpeakRequest', 'target_legs', 'TargetLegs'],
  ['AzureVoiceSettings', 'gender', 'AzureVoiceGender'],
  ['AzureVoiceSettings', 'effect', 'AzureVoiceEffect'],
  ['InworldVoiceSettings', 'delivery_mode', 'InworldDeliveryMode'],
  ['MinimaxVoiceSettings', 'language_boost', 'MinimaxLanguageBoost'],
  ['ResembleVoiceSettings', 'format', 'ResembleAudioFormat'],
  ['ResembleVoiceSettings', 'precision', 'ResemblePrecision'],
  ['ResembleVoiceSettings', 'sample_rate', 'ResembleSampleRate'],
];

describe('GraphQL enums carry exactly the values of the spec', () => {
  it.each(enumsFromSpec)('%s.%s → %s', (schemaName, property, graphqlEnum) => {
    const type = schema.getType(graphqlEnum);
    expect(type).toBeInstanceOf(GraphQLEnumType);
    const values = (type as GraphQLEnumType).getValues();
    expect(values.map((value) => value.value).sort()).toEqual(specEnum(schemaName, property).sort());
    for (const value of values) {
      expect(value.name).toBe(
        telnyxEnumName(String(value.value), graphqlEnum === 'ResembleSampleRate' ? 'HZ' : undefined),
      );
    }
  });

  it('names values by the contract rule', () => {
    expect(telnyxEnumName('deepgram/nova-3')).toBe('DEEPGRAM_NOVA_3');
    expect(telnyxEnumName('en-US')).toBe('EN_US');
    expect(telnyxEnumName('trim-silence')).toBe('TRIM_SILENCE');
    expect(telnyxEnumName('Chinese,Yue')).toBe('CHINESE_YUE');
    expect(telnyxEnumName('8000', 'HZ')).toBe('HZ_8000');
  });

  it('has the 245 transcription languages of the spec', () => {
    expect((schema.getType('TranscriptionLanguage') as GraphQLEnumType).getValues()).toHaveLength(245);
  });
});

describe('enum values reach Telnyx spelled as the spec spells them', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startGateway(schemaSuiteGateway);
    harness.telnyx.setFallback((request) =>
      request.method === 'GET' ? { status: 404, body: {} } : { status: 200, body: { data: { result: 'ok' } } },
    );
  });
  afterAll(async () => {
    await harness.close();
  });

  // The schema test above proves every value maps; these round trips cover the irregular spellings.
  it.each(['es-419', 'pa-Guru-IN', 'ss-latn-za', 'yue-Hant-HK', 'auto_detect', 'iw-IL', 'haw', 'fil-PH'])(
    '%s',
    async (language) => {
      const before = harness.telnyx.requests.length;
      const result = await harness.execute(StartRecordingDocument, {
        input: {
          callControlId: CALL,
          format: 'MP3',
          channels: 'SINGLE',
          transcription: true,
          transcriptionLanguage: telnyxEnumName(language) as TranscriptionLanguage,
        },
      });
      expect(result.errors).toBeUndefined();
      const posted = harness.telnyx.requests.slice(before).find((request) => request.method === 'POST');
      expect((posted!.body as { transcription_language: string }).transcription_language).toBe(language);
    },
  );
});
