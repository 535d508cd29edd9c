import { z } from 'zod';
import { speak, type SpeakParams } from '../../telnyx/actions';
import {
  AZURE_EFFECTS,
  AZURE_GENDERS,
  INWORLD_DELIVERY_MODES,
  MINIMAX_LANGUAGE_BOOSTS,
  RESEMBLE_FORMATS,
  RESEMBLE_PRECISIONS,
  RESEMBLE_SAMPLE_RATES,
  SPEAK_LANGUAGES,
  SPEAK_PAYLOAD_TYPES,
  SPEAK_SERVICE_LEVELS,
} from '../../telnyx/values';
import { builder } from './builder';
import { callActionInputFields, callActionMutation } from './action-payload';
import { StopAudio, TargetLegs, telnyxEnum } from './enums';

export const SPEAK_PAYLOAD_MAX_LENGTH = 3000;
export const VOICE_MAX_LENGTH = 256;
/** Integration-secret identifiers and provider ids: short names, bounded for sanity. */
const shortText = z.string().min(1).max(256);

const SpeakPayloadType = telnyxEnum('SpeakPayloadType', SPEAK_PAYLOAD_TYPES, {
  description: 'How to read `payload` (default `TEXT`).',
});
const SpeakServiceLevel = telnyxEnum('SpeakServiceLevel', SPEAK_SERVICE_LEVELS, {
  description: 'Speech quality; `BASIC` allows only `EN_US` and `TEXT` (default `PREMIUM`).',
});
const SpeakLanguage = telnyxEnum('SpeakLanguage', SPEAK_LANGUAGES, {
  description: 'Language to speak; ignored for `Polly.*` voices.',
});
const AzureVoiceGender = telnyxEnum('AzureVoiceGender', AZURE_GENDERS, { description: 'Azure voice gender filter.' });
const AzureVoiceEffect = telnyxEnum('AzureVoiceEffect', AZURE_EFFECTS, { description: 'Azure audio effect.' });
const InworldDeliveryMode = telnyxEnum('InworldDeliveryMode', INWORLD_DELIVERY_MODES, {
  description: 'Expressiveness of Inworld TTS2 speech.',
});
const MinimaxLanguageBoost = telnyxEnum('MinimaxLanguageBoost', MINIMAX_LANGUAGE_BOOSTS, {
  description: 'Language or dialect MiniMax should favour.',
});
const ResembleAudioFormat = telnyxEnum('ResembleAudioFormat', RESEMBLE_FORMATS, {
  description: 'Resemble output format.',
});
const ResemblePrecision = telnyxEnum('ResemblePrecision', RESEMBLE_PRECISIONS, {
  description: 'Resemble audio precision.',
});
const ResembleSampleRate = telnyxEnum('ResembleSampleRate', RESEMBLE_SAMPLE_RATES, {
  description: 'Resemble sample rate in Hz (`HZ_8000` is Telnyx `"8000"`).',
  digitPrefix: 'HZ',
});

const ElevenLabsVoiceSettingsInput = builder.inputType('ElevenLabsVoiceSettingsInput', {
  description: 'Settings for ElevenLabs voices.',
  fields: (t) => ({
    apiKeyRef: t.string({
      description: 'Identifier of the integration secret holding the ElevenLabs API key.',
      validate: shortText,
    }),
  }),
});
const TelnyxVoiceSettingsInput = builder.inputType('TelnyxVoiceSettingsInput', {
  description: 'Settings for Telnyx voices.',
  fields: (t) => ({
    voiceSpeed: t.float({ description: 'Speed, 0.1–2.0 (default 1.0).', validate: z.number().min(0.1).max(2) }),
  }),
});
const MinimaxVoiceSettingsInput = builder.inputType('MinimaxVoiceSettingsInput', {
  description: 'Settings for MiniMax voices.',
  fields: (t) => ({
    speed: t.float({ description: 'Speed multiplier (default 1.0).', validate: z.number().positive().max(10) }),
    vol: t.float({ description: 'Volume multiplier (default 1.0).', validate: z.number().min(0).max(10) }),
    pitch: t.int({ description: 'Pitch adjustment (default 0).', validate: z.number().int().min(-100).max(100) }),
    languageBoost: t.field({ type: MinimaxLanguageBoost, description: 'Language to favour (default none).' }),
  }),
});
const AzureVoiceSettingsInput = builder.inputType('AzureVoiceSettingsInput', {
  description: 'Settings for Azure voices.',
  fields: (t) => ({
    apiKeyRef: t.string({
      description: 'Identifier of the integration secret holding the Azure Speech key.',
      validate: shortText,
    }),
    deploymentId: t.string({ description: 'Deployment of a custom Azure neural voice.', validate: shortText }),
    region: t.string({
      description: 'Azure Speech region, e.g. `eastus`.',
      validate: z.string().regex(/^[a-z0-9-]{1,64}$/),
    }),
    gender: t.field({ type: AzureVoiceGender, description: 'Voice gender, for voices that have both.' }),
    effect: t.field({ type: AzureVoiceEffect, description: 'Audio effect applied to the voice.' }),
  }),
});
const RimeVoiceSettingsInput = builder.inputType('RimeVoiceSettingsInput', {
  description: 'Settings for Rime voices.',
  fields: (t) => ({
    voiceSpeed: t.float({ description: 'Speed multiplier (default 1.0).', validate: z.number().positive().max(10) }),
  }),
});
const ResembleVoiceSettingsInput = builder.inputType('ResembleVoiceSettingsInput', {
  description: 'Settings for Resemble voices.',
  fields: (t) => ({
    format: t.field({ type: ResembleAudioFormat, description: 'Default `MP3`.' }),
    precision: t.field({ type: ResemblePrecision, description: 'Default `PCM_32`.' }),
    sampleRate: t.field({ type: ResembleSampleRate, description: 'Default `HZ_48000`.' }),
  }),
});
const InworldVoiceSettingsInput = builder.inputType('InworldVoiceSettingsInput', {
  description: 'Settings for Inworld voices.',
  fields: (t) => ({
    deliveryMode: t.field({ type: InworldDeliveryMode, description: 'How freely the voice performs the text.' }),
  }),
});
const XaiVoiceSettingsInput = builder.inputType('XaiVoiceSettingsInput', {
  description: 'Settings for xAI voices.',
  fields: (t) => ({
    language: t.string({
      description: 'Language code, or `auto` (default).',
      validate: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/),
    }),
  }),
});

/** One field per provider: the field given picks Telnyx's `voice_settings.type`. */
const VoiceSettingsInput = builder.inputType('VoiceSettingsInput', {
  description: 'Provider settings for the voice: give exactly one provider.',
  isOneOf: true,
  fields: (t) => ({
    elevenlabs: t.field({ type: ElevenLabsVoiceSettingsInput, description: 'ElevenLabs.' }),
    telnyx: t.field({ type: TelnyxVoiceSettingsInput, description: 'Telnyx.' }),
    aws: t.boolean({
      description: 'AWS Polly has no settings: `true` selects it explicitly.',
      validate: z.literal(true, 'must be true (AWS has no settings)'),
    }),
    minimax: t.field({ type: MinimaxVoiceSettingsInput, description: 'MiniMax.' }),
    azure: t.field({ type: AzureVoiceSettingsInput, description: 'Azure.' }),
    rime: t.field({ type: RimeVoiceSettingsInput, description: 'Rime.' }),
    resemble: t.field({ type: ResembleVoiceSettingsInput, description: 'Resemble.' }),
    inworld: t.field({ type: InworldVoiceSettingsInput, description: 'Inworld.' }),
    xai: t.field({ type: XaiVoiceSettingsInput, description: 'xAI.' }),
  }),
});

type VoiceSettingsShape = typeof VoiceSettingsInput.$inferInput;

/** The GraphQL oneOf becomes Telnyx's discriminated object: `{type: "<provider>", ...snake_case}`. */
function voiceSettingsParams(settings: VoiceSettingsShape): SpeakParams['voice_settings'] {
  const none = undefined;
  if (settings.elevenlabs) return { type: 'elevenlabs', api_key_ref: settings.elevenlabs.apiKeyRef ?? none };
  if (settings.telnyx) return { type: 'telnyx', voice_speed: settings.telnyx.voiceSpeed ?? none };
  if (settings.aws) return { type: 'aws' };
  if (settings.minimax) {
    const { speed, vol, pitch, languageBoost } = settings.minimax;
    return {
      type: 'minimax',
      speed: speed ?? none,
      vol: vol ?? none,
      pitch: pitch ?? none,
      language_boost: languageBoost ?? none,
    };
  }
  if (settings.azure) {
    const { apiKeyRef, deploymentId, region, gender, effect } = settings.azure;
    return {
      type: 'azure',
      api_key_ref: apiKeyRef ?? none,
      deployment_id: deploymentId ?? none,
      region: region ?? none,
      gender: gender ?? none,
      effect: effect ?? none,
    };
  }
  if (settings.rime) return { type: 'rime', voice_speed: settings.rime.voiceSpeed ?? none };
  if (settings.resemble) {
    const { format, precision, sampleRate } = settings.resemble;
    return { type: 'resemble', format: format ?? none, precision: precision ?? none, sample_rate: sampleRate ?? none };
  }
  if (settings.inworld) return { type: 'inworld', delivery_mode: settings.inworld.deliveryMode ?? none };
  if (settings.xai) return { type: 'xai', language: settings.xai.language ?? none };
  return none;
}

/** The spec: `basic` service allows only en-US text. */
const speakRules = z.custom<Record<string, unknown>>().superRefine((input, ctx) => {
  if (input.serviceLevel !== 'basic') return;
  if (input.payloadType === 'ssml')
    ctx.addIssue({ code: 'custom', path: ['payloadType'], message: 'BASIC service level speaks TEXT only' });
  if (input.language != null && input.language !== 'en-US') {
    ctx.addIssue({ code: 'custom', path: ['language'], message: 'BASIC service level speaks EN_US only' });
  }
});

export const SpeakInput = builder.inputType('SpeakInput', {
  description: 'Telnyx `speak`: text to speech on the call.',
  validate: speakRules,
  fields: (t) => ({
    ...callActionInputFields(t),
    payload: t.string({
      required: true,
      description: 'Text or SSML to speak, at most 3,000 characters.',
      validate: z.string().min(1).max(SPEAK_PAYLOAD_MAX_LENGTH),
    }),
    voice: t.string({
      required: true,
      description:
        '`<Provider>.<Model>.<VoiceId>` (e.g. `AWS.Polly.Joanna-Neural`, `Telnyx.KokoroTTS.af`); `male`/`female` with BASIC.',
      validate: z
        .string()
        .regex(/^[\x21-\x7e]{1,256}$/, `must be 1–${VOICE_MAX_LENGTH} printable characters without spaces`),
    }),
    payloadType: t.field({
      type: SpeakPayloadType,
      description: 'Whether `payload` is plain text or SSML (default `TEXT`).',
    }),
    serviceLevel: t.field({
      type: SpeakServiceLevel,
      description: '`BASIC` speaks English text with `male`/`female` voices only; default `PREMIUM`.',
    }),
    language: t.field({ type: SpeakLanguage, description: 'Language of the text; ignored for `Polly.*` voices.' }),
    loop: t.field({ type: 'Loop', description: 'Repetitions (default 1); "infinity" loops for ever.' }),
    stop: t.field({ type: StopAudio, description: 'Stop what is playing first.' }),
    targetLegs: t.field({ type: TargetLegs, description: 'Which leg(s) hear it (default `SELF`).' }),
    voiceSettings: t.field({
      type: VoiceSettingsInput,
      description: "Settings of the voice's provider; give the one that matches `voice`.",
    }),
  }),
});

callActionMutation('speak', {
  description: 'Speaks text on a call (Telnyx `speak`). Events: `call.speak.started`, `call.speak.ended`.',
  input: SpeakInput,
  action: speak,
  params: (input) => ({
    payload: input.payload,
    voice: input.voice,
    payload_type: input.payloadType ?? undefined,
    service_level: input.serviceLevel ?? undefined,
    language: input.language ?? undefined,
    loop: input.loop ?? undefined,
    stop: input.stop ?? undefined,
    target_legs: input.targetLegs ?? undefined,
    voice_settings: input.voiceSettings ? voiceSettingsParams(input.voiceSettings) : undefined,
  }),
});
