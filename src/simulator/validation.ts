/**
 * Request validation for the seven media actions, following the S1 request schemas
 * (`docs/telnyx-reference.md` §2). Each validator turns a parsed JSON body into a typed command or
 * throws the Telnyx-style 422 naming the field by JSON Pointer. Unknown fields are ignored.
 */
import { invalidEnum, invalidValue, missingParameter, outOfRange } from './errors';

type Body = Record<string, unknown>;
export type Loop = number | 'infinity';

export interface CommandCommon {
  clientState: string | undefined;
  commandId: string | undefined;
}

export interface PlaybackStartCommand extends CommandCommon {
  audioUrl: string | undefined;
  mediaName: string | undefined;
  playbackContent: string | undefined;
  audioType: 'mp3' | 'wav';
  loop: Loop;
  overlay: boolean;
  stop: 'current' | 'all' | undefined;
  targetLegs: 'self' | 'opposite' | 'both';
}

export interface PlaybackStopCommand extends CommandCommon {
  stop: 'current' | 'all';
  overlay: boolean;
}

export interface SpeakCommand extends CommandCommon {
  payload: string;
  payloadType: 'text' | 'ssml';
  voice: string;
  loop: Loop;
  stop: 'current' | 'all' | undefined;
}

export interface RecordStartCommand extends CommandCommon {
  format: 'wav' | 'mp3';
  channels: 'single' | 'dual';
  recordingTrack: 'both' | 'inbound' | 'outbound';
  maxLengthSeconds: number;
  customFileName: string | undefined;
  transcription: boolean;
  transcriptionEngine: 'A' | 'B' | 'deepgram/nova-3';
  transcriptionLanguage: string;
}

export interface RecordingTargetCommand extends CommandCommon {
  recordingId: string | undefined;
}

const STOP = ['current', 'all'] as const;
const TARGET_LEGS = ['self', 'opposite', 'both'] as const;
const SPEAK_LANGUAGES = [
  'arb',
  'cmn-CN',
  'cy-GB',
  'da-DK',
  'de-DE',
  'en-AU',
  'en-GB',
  'en-GB-WLS',
  'en-IN',
  'en-US',
  'es-ES',
  'es-MX',
  'es-US',
  'fr-CA',
  'fr-FR',
  'hi-IN',
  'is-IS',
  'it-IT',
  'ja-JP',
  'ko-KR',
  'nb-NO',
  'nl-NL',
  'pl-PL',
  'pt-BR',
  'pt-PT',
  'ro-RO',
  'ru-RU',
  'sv-SE',
  'tr-TR',
] as const;
const VOICE_SETTINGS_TYPES = [
  'elevenlabs',
  'telnyx',
  'aws',
  'minimax',
  'azure',
  'rime',
  'resemble',
  'inworld',
  'xai',
] as const;
const MAX_SPEAK_PAYLOAD = 3_000;
const MAX_RECORDING_SECONDS = 14_400;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// The spec lists 245 codes; their shape (plus auto_detect) is what a simulator can check cheaply.
const TRANSCRIPTION_LANGUAGE = /^(auto_detect|[a-z]{2,3}(-[A-Za-z0-9]{2,4})?)$/;

function optString(body: Body, key: string): string | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalidValue(`/${key}`, `The '${key}' parameter must be a string.`);
  return value;
}

function requiredString(body: Body, key: string): string {
  const value = optString(body, key);
  if (value === undefined || value.trim() === '') throw missingParameter(`/${key}`);
  return value;
}

function optBoolean(body: Body, key: string, fallback: boolean): boolean {
  const value = body[key];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'boolean') throw invalidValue(`/${key}`, `The '${key}' parameter must be a boolean.`);
  return value;
}

function optEnum<T extends string>(body: Body, key: string, allowed: readonly T[]): T | undefined {
  const value = optString(body, key);
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw invalidEnum(`/${key}`, allowed);
  return value as T;
}

function requiredEnum<T extends string>(body: Body, key: string, allowed: readonly T[]): T {
  if (body[key] === undefined || body[key] === null || body[key] === '') throw missingParameter(`/${key}`);
  return optEnum(body, key, allowed) as T;
}

function optInteger(body: Body, key: string, min: number, max: number, fallback: number): number {
  const value = body[key];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value))
    throw invalidValue(`/${key}`, `The '${key}' parameter must be an integer.`);
  if (value < min || value > max) throw outOfRange(`/${key}`, `The value is outside of allowed range ${min} to ${max}`);
  return value;
}

/** `Loopcount`: an integer 1–100 (also as a numeric string), or the string `infinity`. */
function loopCount(body: Body): Loop {
  const value = body.loop;
  if (value === undefined || value === null) return 1;
  if (value === 'infinity') return 'infinity';
  const count = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof count !== 'number' || !Number.isInteger(count)) {
    throw invalidValue('/loop', "The 'loop' parameter must be an integer from 1 to 100 or the string 'infinity'.");
  }
  if (count < 1 || count > 100) throw outOfRange('/loop', 'The value is outside of allowed range 1 to 100');
  return count;
}

function isCanonicalBase64(value: string): boolean {
  if (value === '' || !/^[A-Za-z0-9+/]+={0,2}$/.test(value) || value.length % 4 === 1) return false;
  const unpadded = value.replace(/=+$/, '');
  return Buffer.from(unpadded, 'base64').toString('base64').replace(/=+$/, '') === unpadded;
}

/** client_state and command_id, the fields every command takes (and all that hangup takes here). */
export function validateCommon(body: Body): CommandCommon {
  const clientState = optString(body, 'client_state');
  if (clientState !== undefined && !isCanonicalBase64(clientState)) {
    throw invalidValue('/client_state', "The 'client_state' parameter must be a valid Base64 string.");
  }
  return { clientState, commandId: optString(body, 'command_id') };
}

export function validatePlaybackStart(body: Body): PlaybackStartCommand {
  const shared = validateCommon(body);
  const audioUrl = optString(body, 'audio_url');
  const mediaName = optString(body, 'media_name');
  const playbackContent = optString(body, 'playback_content');
  if (audioUrl !== undefined && mediaName !== undefined) {
    throw invalidValue('/media_name', "'audio_url' and 'media_name' cannot be used together.");
  }
  if (!audioUrl && !mediaName && !playbackContent) throw missingParameter('/audio_url');
  if (audioUrl !== undefined && !/^https?:\/\/\S+$/i.test(audioUrl)) {
    throw invalidValue('/audio_url', "The 'audio_url' parameter must be an http(s) URL.");
  }
  if (playbackContent !== undefined && !isCanonicalBase64(playbackContent)) {
    throw invalidValue('/playback_content', "The 'playback_content' parameter must be valid Base64.");
  }
  const overlay = optBoolean(body, 'overlay', false);
  const targetLegs = optEnum(body, 'target_legs', TARGET_LEGS) ?? 'self';
  if (overlay && targetLegs !== 'self') {
    throw invalidValue('/target_legs', "With 'overlay' enabled, 'target_legs' can only be 'self'.");
  }
  optBoolean(body, 'cache_audio', true);
  return {
    ...shared,
    audioUrl,
    mediaName,
    playbackContent,
    audioType: optEnum(body, 'audio_type', ['mp3', 'wav'] as const) ?? 'mp3',
    loop: loopCount(body),
    overlay,
    stop: optEnum(body, 'stop', STOP),
    targetLegs,
  };
}

export function validatePlaybackStop(body: Body): PlaybackStopCommand {
  return {
    ...validateCommon(body),
    stop: optEnum(body, 'stop', STOP) ?? 'all',
    overlay: optBoolean(body, 'overlay', false),
  };
}

export function validateSpeak(body: Body): SpeakCommand {
  const shared = validateCommon(body);
  const payload = requiredString(body, 'payload');
  if (payload.length > MAX_SPEAK_PAYLOAD) {
    throw outOfRange('/payload', `The 'payload' parameter can be at most ${MAX_SPEAK_PAYLOAD} characters long.`);
  }
  const voice = requiredString(body, 'voice');
  const payloadType = optEnum(body, 'payload_type', ['text', 'ssml'] as const) ?? 'text';
  const serviceLevel = optEnum(body, 'service_level', ['basic', 'premium'] as const) ?? 'premium';
  const language = optEnum(body, 'language', SPEAK_LANGUAGES);
  checkVoice(voice, serviceLevel, payloadType, language);
  optEnum(body, 'target_legs', TARGET_LEGS);
  checkVoiceSettings(body.voice_settings);
  return { ...shared, payload, payloadType, voice, loop: loopCount(body), stop: optEnum(body, 'stop', STOP) };
}

function checkVoice(voice: string, serviceLevel: string, payloadType: string, language: string | undefined): void {
  const isGender = voice === 'male' || voice === 'female';
  if (serviceLevel === 'basic') {
    if (!isGender) throw invalidEnum('/voice', ['male', 'female']);
    if (payloadType !== 'text') throw invalidValue('/payload_type', "The 'basic' service level supports only 'text'.");
    if (language !== undefined && language !== 'en-US')
      throw invalidValue('/language', "The 'basic' service level supports only 'en-US'.");
    return;
  }
  if (!isGender && !/^[A-Za-z][A-Za-z0-9]*\.[^\s.][^\s]*$/.test(voice)) {
    throw invalidValue(
      '/voice',
      "The 'voice' parameter must look like '<Provider>.<Model>.<VoiceId>', e.g. 'AWS.Polly.Joanna-Neural'.",
    );
  }
}

function checkVoiceSettings(settings: unknown): void {
  if (settings === undefined || settings === null) return;
  if (typeof settings !== 'object' || Array.isArray(settings))
    throw invalidValue('/voice_settings', "'voice_settings' must be an object.");
  const body = settings as Body;
  const type = body.type;
  if (type === undefined) throw missingParameter('/voice_settings/type');
  if (typeof type !== 'string' || !(VOICE_SETTINGS_TYPES as readonly string[]).includes(type)) {
    throw invalidEnum('/voice_settings/type', VOICE_SETTINGS_TYPES);
  }
  if (type === 'telnyx' && body.voice_speed !== undefined) {
    const speed = body.voice_speed;
    if (typeof speed !== 'number') throw invalidValue('/voice_settings/voice_speed', "'voice_speed' must be a number.");
    if (speed < 0.1 || speed > 2)
      throw outOfRange('/voice_settings/voice_speed', 'The value is outside of allowed range 0.1 to 2.0');
  }
}

export function validateRecordStart(body: Body): RecordStartCommand {
  const shared = validateCommon(body);
  const format = requiredEnum(body, 'format', ['wav', 'mp3'] as const);
  const channels = requiredEnum(body, 'channels', ['single', 'dual'] as const);
  const customFileName = optString(body, 'custom_file_name');
  if (customFileName !== undefined && (customFileName.length < 1 || customFileName.length > 40)) {
    throw outOfRange('/custom_file_name', "The 'custom_file_name' parameter must be 1 to 40 characters long.");
  }
  optEnum(body, 'trim', ['trim-silence'] as const);
  optBoolean(body, 'play_beep', false);
  optInteger(body, 'timeout_secs', 0, 2_147_483_647, 0);
  const transcriptionEngine = optEnum(body, 'transcription_engine', ['A', 'B', 'deepgram/nova-3'] as const) ?? 'A';
  const transcriptionLanguage = optString(body, 'transcription_language') ?? 'en-US';
  if (!TRANSCRIPTION_LANGUAGE.test(transcriptionLanguage)) {
    throw invalidValue(
      '/transcription_language',
      "The 'transcription_language' parameter is not a supported language code.",
    );
  }
  if (transcriptionEngine === 'deepgram/nova-3' && !/^en(-|$)/.test(transcriptionLanguage)) {
    throw invalidValue('/transcription_language', "The 'deepgram/nova-3' engine supports only 'en' and 'en-*'.");
  }
  for (const key of ['transcription_max_speaker_count', 'transcription_min_speaker_count'])
    optInteger(body, key, 1, 2_147_483_647, 2);
  for (const key of ['transcription_profanity_filter', 'transcription_speaker_diarization'])
    optBoolean(body, key, false);
  return {
    ...shared,
    format,
    channels,
    recordingTrack: optEnum(body, 'recording_track', ['both', 'inbound', 'outbound'] as const) ?? 'both',
    maxLengthSeconds: optInteger(body, 'max_length', 0, MAX_RECORDING_SECONDS, 0),
    customFileName,
    transcription: optBoolean(body, 'transcription', false),
    transcriptionEngine,
    transcriptionLanguage,
  };
}

export function validateRecordingTarget(body: Body): RecordingTargetCommand {
  const shared = validateCommon(body);
  const recordingId = optString(body, 'recording_id');
  if (recordingId !== undefined && !UUID.test(recordingId)) {
    throw invalidValue('/recording_id', "The 'recording_id' parameter must be a UUID.");
  }
  return { ...shared, recordingId };
}
