import type { ActionSpeakParams, ActionStartPlaybackParams, ActionStartRecordingParams } from 'telnyx/resources/calls/actions';
import type { AzureVoiceSettings, InworldVoiceSettings, MinimaxVoiceSettings, ResembleVoiceSettings } from 'telnyx/resources/shared';

/**
 * The enumerated values of the Telnyx actions, as the published spec lists them. Each list is
 * checked both ways against the official SDK's generated types, so a value Telnyx adds or drops
 * fails the compiler here rather than surprising a caller.
 */
type Exhaustive<List extends readonly string[], Union extends string> = [Exclude<Union, List[number]>] extends [never]
  ? List
  : { missing: Exclude<Union, List[number]> };

function values<Union extends string>() {
  return <const List extends readonly Union[]>(list: List & Exhaustive<List, Union>): List => list;
}

type StartRecording = Required<ActionStartRecordingParams>;
type Speak = Required<ActionSpeakParams>;

export const AUDIO_TYPES = values<NonNullable<ActionStartPlaybackParams['audio_type']>>()(['mp3', 'wav']);
/** Free text in the spec; these are the values its description names. */
export const STOP_MODES = ['current', 'all'] as const;
export const TARGET_LEGS = values<Speak['target_legs']>()(['self', 'opposite', 'both']);
export const RECORDING_FORMATS = values<StartRecording['format']>()(['wav', 'mp3']);
export const RECORDING_CHANNELS = values<StartRecording['channels']>()(['single', 'dual']);
export const RECORDING_TRACKS = values<StartRecording['recording_track']>()(['both', 'inbound', 'outbound']);
export const RECORDING_TRIMS = values<StartRecording['trim']>()(['trim-silence']);
export const TRANSCRIPTION_ENGINES = values<StartRecording['transcription_engine']>()(['A', 'B', 'deepgram/nova-3']);
export const SPEAK_PAYLOAD_TYPES = values<Speak['payload_type']>()(['text', 'ssml']);
export const SPEAK_SERVICE_LEVELS = values<Speak['service_level']>()(['basic', 'premium']);
export const SPEAK_LANGUAGES = values<Speak['language']>()([
  'arb', 'cmn-CN', 'cy-GB', 'da-DK', 'de-DE', 'en-AU', 'en-GB', 'en-GB-WLS', 'en-IN', 'en-US', 'es-ES', 'es-MX', 'es-US', 'fr-CA',
  'fr-FR', 'hi-IN', 'is-IS', 'it-IT', 'ja-JP', 'ko-KR', 'nb-NO', 'nl-NL', 'pl-PL', 'pt-BR', 'pt-PT', 'ro-RO', 'ru-RU', 'sv-SE', 'tr-TR',
]);
export const AZURE_GENDERS = values<NonNullable<AzureVoiceSettings['gender']>>()(['Male', 'Female']);
export const AZURE_EFFECTS = values<NonNullable<AzureVoiceSettings['effect']>>()(['eq_car', 'eq_telecomhp8k']);
export const INWORLD_DELIVERY_MODES = values<NonNullable<InworldVoiceSettings['delivery_mode']>>()(['STABLE', 'BALANCED', 'CREATIVE']);
export const RESEMBLE_FORMATS = values<NonNullable<ResembleVoiceSettings['format']>>()(['wav', 'mp3']);
export const RESEMBLE_PRECISIONS = values<NonNullable<ResembleVoiceSettings['precision']>>()(['PCM_16', 'PCM_24', 'PCM_32', 'MULAW']);
export const RESEMBLE_SAMPLE_RATES = values<NonNullable<ResembleVoiceSettings['sample_rate']>>()([
  '8000', '16000', '22050', '32000', '44100', '48000',
]);
export const MINIMAX_LANGUAGE_BOOSTS = values<NonNullable<MinimaxVoiceSettings['language_boost']>>()([
  'auto', 'Chinese', 'Chinese,Yue', 'English', 'Arabic', 'Russian', 'Spanish', 'French', 'Portuguese', 'German', 'Turkish', 'Dutch',
  'Ukrainian', 'Vietnamese', 'Indonesian', 'Japanese', 'Italian', 'Korean', 'Thai', 'Polish', 'Romanian', 'Greek', 'Czech', 'Finnish',
  'Hindi', 'Bulgarian', 'Danish', 'Hebrew', 'Malay', 'Persian', 'Slovak', 'Swedish', 'Croatian', 'Filipino', 'Hungarian', 'Norwegian',
  'Slovenian', 'Catalan', 'Nynorsk', 'Tamil', 'Afrikaans',
]);

/** The spec's `TranscriptionLanguage`: 245 codes; not every engine supports every one. */
export const TRANSCRIPTION_LANGUAGES = values<StartRecording['transcription_language']>()([
  "af", "af-ZA", "am", "am-ET", "ar", "ar-AE", "ar-BH", "ar-DZ", "ar-EG", "ar-IL", "ar-IQ", "ar-JO", "ar-KW", "ar-LB",
  "ar-MA", "ar-MR", "ar-OM", "ar-PS", "ar-QA", "ar-SA", "ar-TN", "ar-YE", "as", "auto_detect", "az", "az-AZ", "ba",
  "be", "bg", "bg-BG", "bn", "bn-BD", "bn-IN", "bo", "br", "bs", "bs-BA", "ca", "ca-ES", "cs", "cs-CZ", "cy", "da",
  "da-DK", "de", "de-AT", "de-CH", "de-DE", "el", "el-GR", "en", "en-AU", "en-CA", "en-GB", "en-GH", "en-HK", "en-IE",
  "en-IN", "en-KE", "en-NG", "en-NZ", "en-PH", "en-PK", "en-SG", "en-TZ", "en-US", "en-ZA", "es", "es-419", "es-AR",
  "es-BO", "es-CL", "es-CO", "es-CR", "es-DO", "es-EC", "es-ES", "es-GT", "es-HN", "es-MX", "es-NI", "es-PA", "es-PE",
  "es-PR", "es-PY", "es-SV", "es-US", "es-UY", "es-VE", "et", "et-EE", "eu", "eu-ES", "fa", "fa-IR", "fi", "fi-FI",
  "fil-PH", "fo", "fr", "fr-BE", "fr-CA", "fr-CH", "fr-FR", "gl", "gl-ES", "gu", "gu-IN", "ha", "haw", "he", "hi",
  "hi-IN", "hr", "hr-HR", "ht", "hu", "hu-HU", "hy", "hy-AM", "id", "id-ID", "is", "is-IS", "it", "it-CH", "it-IT",
  "iw-IL", "ja", "ja-JP", "jv-ID", "jw", "ka", "ka-GE", "kk", "kk-KZ", "km", "km-KH", "kn", "kn-IN", "ko", "ko-KR",
  "la", "lb", "ln", "lo", "lo-LA", "lt", "lt-LT", "lv", "lv-LV", "mg", "mi", "mk", "mk-MK", "ml", "ml-IN", "mn",
  "mn-MN", "mr", "mr-IN", "ms", "ms-MY", "mt", "my", "my-MM", "ne", "ne-NP", "nl", "nl-BE", "nl-NL", "nn", "no",
  "no-NO", "oc", "pa", "pa-Guru-IN", "pl", "pl-PL", "ps", "pt", "pt-BR", "pt-PT", "ro", "ro-RO", "ru", "ru-RU",
  "rw-RW", "sa", "sd", "si", "si-LK", "sk", "sk-SK", "sl", "sl-SI", "sn", "so", "sq", "sq-AL", "sr", "sr-RS",
  "ss-latn-za", "st-ZA", "su", "su-ID", "sv", "sv-SE", "sw", "sw-KE", "sw-TZ", "ta", "ta-IN", "ta-LK", "ta-MY",
  "ta-SG", "te", "te-IN", "tg", "th", "th-TH", "tk", "tl", "tn-latn-za", "tr", "tr-TR", "ts-ZA", "tt", "uk", "uk-UA",
  "ur", "ur-IN", "ur-PK", "uz", "uz-UZ", "ve-ZA", "vi", "vi-VN", "xh-ZA", "yi", "yo", "yue-Hant-HK", "zh", "zh-TW",
  "zu-ZA",
]);
