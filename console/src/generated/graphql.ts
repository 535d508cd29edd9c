/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** Format of the audio given in `audioUrl` or `playbackContent` (Telnyx default `mp3`). */
export type AudioType =
  /** Telnyx `mp3` */
  | 'MP3'
  /** Telnyx `wav` */
  | 'WAV';

/** Azure audio effect. */
export type AzureVoiceEffect =
  /** Telnyx `eq_car` */
  | 'EQ_CAR'
  /** Telnyx `eq_telecomhp8k` */
  | 'EQ_TELECOMHP8K';

/** Azure voice gender filter. */
export type AzureVoiceGender =
  /** Telnyx `Female` */
  | 'FEMALE'
  /** Telnyx `Male` */
  | 'MALE';

/** Settings for Azure voices. */
export type AzureVoiceSettingsInput = {
  /** Identifier of the integration secret holding the Azure Speech key. */
  apiKeyRef?: string | null | undefined;
  /** Deployment of a custom Azure neural voice. */
  deploymentId?: string | null | undefined;
  /** Audio effect applied to the voice. */
  effect?: AzureVoiceEffect | null | undefined;
  /** Voice gender, for voices that have both. */
  gender?: AzureVoiceGender | null | undefined;
  /** Azure Speech region, e.g. `eastus`. */
  region?: string | null | undefined;
};

/** Telnyx's `direction` of the call, from `call.initiated`. */
export type CallDirection =
  /** Telnyx `incoming` */
  | 'INCOMING'
  /** Telnyx `outgoing` */
  | 'OUTGOING';

/** How a playback, a speech or a transcription ended, as Telnyx documents it (each field says which values it takes). `OTHER` stands for a value Telnyx added later. */
export type CallEventStatus =
  /** Telnyx `call_hangup` */
  | 'CALL_HANGUP'
  /** Telnyx `cancelled` */
  | 'CANCELLED'
  /** Telnyx `cancelled_amd` */
  | 'CANCELLED_AMD'
  /** Telnyx `completed` */
  | 'COMPLETED'
  /** Telnyx `failed` */
  | 'FAILED'
  /** Telnyx `file_not_found` */
  | 'FILE_NOT_FOUND'
  /** A value newer than this schema: `telnyxStatus` has it as Telnyx sent it. */
  | 'OTHER'
  /** Telnyx `unknown` */
  | 'UNKNOWN';

/** Where a call is, from the lifecycle webhooks the gateway received (a later state never goes back). */
export type CallState =
  /** `call.answered` seen: the call is up. */
  | 'ANSWERED'
  /** `call.hangup` seen: the call is over (`hangupCause` says why). */
  | 'ENDED'
  /** `call.initiated` seen: the call is ringing or being set up. */
  | 'INITIATED';

/** Settings for ElevenLabs voices. */
export type ElevenLabsVoiceSettingsInput = {
  /** Identifier of the integration secret holding the ElevenLabs API key. */
  apiKeyRef?: string | null | undefined;
};

/** Expressiveness of Inworld TTS2 speech. */
export type InworldDeliveryMode =
  /** Telnyx `BALANCED` */
  | 'BALANCED'
  /** Telnyx `CREATIVE` */
  | 'CREATIVE'
  /** Telnyx `STABLE` */
  | 'STABLE';

/** Settings for Inworld voices. */
export type InworldVoiceSettingsInput = {
  /** How freely the voice performs the text. */
  deliveryMode?: InworldDeliveryMode | null | undefined;
};

/** Language or dialect MiniMax should favour. */
export type MinimaxLanguageBoost =
  /** Telnyx `Afrikaans` */
  | 'AFRIKAANS'
  /** Telnyx `Arabic` */
  | 'ARABIC'
  /** Telnyx `auto` */
  | 'AUTO'
  /** Telnyx `Bulgarian` */
  | 'BULGARIAN'
  /** Telnyx `Catalan` */
  | 'CATALAN'
  /** Telnyx `Chinese` */
  | 'CHINESE'
  /** Telnyx `Chinese,Yue` */
  | 'CHINESE_YUE'
  /** Telnyx `Croatian` */
  | 'CROATIAN'
  /** Telnyx `Czech` */
  | 'CZECH'
  /** Telnyx `Danish` */
  | 'DANISH'
  /** Telnyx `Dutch` */
  | 'DUTCH'
  /** Telnyx `English` */
  | 'ENGLISH'
  /** Telnyx `Filipino` */
  | 'FILIPINO'
  /** Telnyx `Finnish` */
  | 'FINNISH'
  /** Telnyx `French` */
  | 'FRENCH'
  /** Telnyx `German` */
  | 'GERMAN'
  /** Telnyx `Greek` */
  | 'GREEK'
  /** Telnyx `Hebrew` */
  | 'HEBREW'
  /** Telnyx `Hindi` */
  | 'HINDI'
  /** Telnyx `Hungarian` */
  | 'HUNGARIAN'
  /** Telnyx `Indonesian` */
  | 'INDONESIAN'
  /** Telnyx `Italian` */
  | 'ITALIAN'
  /** Telnyx `Japanese` */
  | 'JAPANESE'
  /** Telnyx `Korean` */
  | 'KOREAN'
  /** Telnyx `Malay` */
  | 'MALAY'
  /** Telnyx `Norwegian` */
  | 'NORWEGIAN'
  /** Telnyx `Nynorsk` */
  | 'NYNORSK'
  /** Telnyx `Persian` */
  | 'PERSIAN'
  /** Telnyx `Polish` */
  | 'POLISH'
  /** Telnyx `Portuguese` */
  | 'PORTUGUESE'
  /** Telnyx `Romanian` */
  | 'ROMANIAN'
  /** Telnyx `Russian` */
  | 'RUSSIAN'
  /** Telnyx `Slovak` */
  | 'SLOVAK'
  /** Telnyx `Slovenian` */
  | 'SLOVENIAN'
  /** Telnyx `Spanish` */
  | 'SPANISH'
  /** Telnyx `Swedish` */
  | 'SWEDISH'
  /** Telnyx `Tamil` */
  | 'TAMIL'
  /** Telnyx `Thai` */
  | 'THAI'
  /** Telnyx `Turkish` */
  | 'TURKISH'
  /** Telnyx `Ukrainian` */
  | 'UKRAINIAN'
  /** Telnyx `Vietnamese` */
  | 'VIETNAMESE';

/** Settings for MiniMax voices. */
export type MinimaxVoiceSettingsInput = {
  /** Language to favour (default none). */
  languageBoost?: MinimaxLanguageBoost | null | undefined;
  /** Pitch adjustment (default 0). */
  pitch?: number | null | undefined;
  /** Speed multiplier (default 1.0). */
  speed?: number | null | undefined;
  /** Volume multiplier (default 1.0). */
  vol?: number | null | undefined;
};

/** Telnyx `record_pause`. */
export type PauseRecordingInput = {
  /** The call to act on. */
  callControlId: string | number;
  /** Text attached to every later webhook of the call (sent to Telnyx base64-encoded). */
  clientState?: string | null | undefined;
  /** Idempotency key: Telnyx ignores a repeated command_id on the same call. Generated when absent. */
  commandId?: string | null | undefined;
  /** The recording to act on, when several are running. */
  recordingId?: string | number | null | undefined;
};

/** `DUAL`: stereo, the first leg on channel A and the rest on B. */
export type RecordingChannels =
  /** Telnyx `dual` */
  | 'DUAL'
  /** Telnyx `single` */
  | 'SINGLE';

/** Stored recording file format. */
export type RecordingFormat =
  /** Telnyx `mp3` */
  | 'MP3'
  /** Telnyx `wav` */
  | 'WAV';

/** Which direction to record; one track makes the file mono (default `BOTH`). */
export type RecordingTrack =
  /** Telnyx `both` */
  | 'BOTH'
  /** Telnyx `inbound` */
  | 'INBOUND'
  /** Telnyx `outbound` */
  | 'OUTBOUND';

/** Remove leading and trailing silence. */
export type RecordingTrim =
  /** Telnyx `trim-silence` */
  | 'TRIM_SILENCE';

/** Resemble output format. */
export type ResembleAudioFormat =
  /** Telnyx `mp3` */
  | 'MP3'
  /** Telnyx `wav` */
  | 'WAV';

/** Resemble audio precision. */
export type ResemblePrecision =
  /** Telnyx `MULAW` */
  | 'MULAW'
  /** Telnyx `PCM_16` */
  | 'PCM_16'
  /** Telnyx `PCM_24` */
  | 'PCM_24'
  /** Telnyx `PCM_32` */
  | 'PCM_32';

/** Resemble sample rate in Hz (`HZ_8000` is Telnyx `"8000"`). */
export type ResembleSampleRate =
  /** Telnyx `8000` */
  | 'HZ_8000'
  /** Telnyx `16000` */
  | 'HZ_16000'
  /** Telnyx `22050` */
  | 'HZ_22050'
  /** Telnyx `32000` */
  | 'HZ_32000'
  /** Telnyx `44100` */
  | 'HZ_44100'
  /** Telnyx `48000` */
  | 'HZ_48000';

/** Settings for Resemble voices. */
export type ResembleVoiceSettingsInput = {
  /** Default `MP3`. */
  format?: ResembleAudioFormat | null | undefined;
  /** Default `PCM_32`. */
  precision?: ResemblePrecision | null | undefined;
  /** Default `HZ_48000`. */
  sampleRate?: ResembleSampleRate | null | undefined;
};

/** Telnyx `record_resume`. */
export type ResumeRecordingInput = {
  /** The call to act on. */
  callControlId: string | number;
  /** Text attached to every later webhook of the call (sent to Telnyx base64-encoded). */
  clientState?: string | null | undefined;
  /** Idempotency key: Telnyx ignores a repeated command_id on the same call. Generated when absent. */
  commandId?: string | null | undefined;
  /** The recording to act on, when several are running. */
  recordingId?: string | number | null | undefined;
};

/** Settings for Rime voices. */
export type RimeVoiceSettingsInput = {
  /** Speed multiplier (default 1.0). */
  voiceSpeed?: number | null | undefined;
};

/** Telnyx `speak`: text to speech on the call. */
export type SpeakInput = {
  /** The call to act on. */
  callControlId: string | number;
  /** Text attached to every later webhook of the call (sent to Telnyx base64-encoded). */
  clientState?: string | null | undefined;
  /** Idempotency key: Telnyx ignores a repeated command_id on the same call. Generated when absent. */
  commandId?: string | null | undefined;
  /** Language of the text; ignored for `Polly.*` voices. */
  language?: SpeakLanguage | null | undefined;
  /** Repetitions (default 1); "infinity" loops for ever. */
  loop?: number | "infinity" | null | undefined;
  /** Text or SSML to speak, at most 3,000 characters. */
  payload: string;
  /** Whether `payload` is plain text or SSML (default `TEXT`). */
  payloadType?: SpeakPayloadType | null | undefined;
  /** `BASIC` speaks English text with `male`/`female` voices only; default `PREMIUM`. */
  serviceLevel?: SpeakServiceLevel | null | undefined;
  /** Stop what is playing first. */
  stop?: StopAudio | null | undefined;
  /** Which leg(s) hear it (default `SELF`). */
  targetLegs?: TargetLegs | null | undefined;
  /** `<Provider>.<Model>.<VoiceId>` (e.g. `AWS.Polly.Joanna-Neural`, `Telnyx.KokoroTTS.af`); `male`/`female` with BASIC. */
  voice: string;
  /** Settings of the voice's provider; give the one that matches `voice`. */
  voiceSettings?: VoiceSettingsInput | null | undefined;
};

/** Language to speak; ignored for `Polly.*` voices. */
export type SpeakLanguage =
  /** Telnyx `arb` */
  | 'ARB'
  /** Telnyx `cmn-CN` */
  | 'CMN_CN'
  /** Telnyx `cy-GB` */
  | 'CY_GB'
  /** Telnyx `da-DK` */
  | 'DA_DK'
  /** Telnyx `de-DE` */
  | 'DE_DE'
  /** Telnyx `en-AU` */
  | 'EN_AU'
  /** Telnyx `en-GB` */
  | 'EN_GB'
  /** Telnyx `en-GB-WLS` */
  | 'EN_GB_WLS'
  /** Telnyx `en-IN` */
  | 'EN_IN'
  /** Telnyx `en-US` */
  | 'EN_US'
  /** Telnyx `es-ES` */
  | 'ES_ES'
  /** Telnyx `es-MX` */
  | 'ES_MX'
  /** Telnyx `es-US` */
  | 'ES_US'
  /** Telnyx `fr-CA` */
  | 'FR_CA'
  /** Telnyx `fr-FR` */
  | 'FR_FR'
  /** Telnyx `hi-IN` */
  | 'HI_IN'
  /** Telnyx `is-IS` */
  | 'IS_IS'
  /** Telnyx `it-IT` */
  | 'IT_IT'
  /** Telnyx `ja-JP` */
  | 'JA_JP'
  /** Telnyx `ko-KR` */
  | 'KO_KR'
  /** Telnyx `nb-NO` */
  | 'NB_NO'
  /** Telnyx `nl-NL` */
  | 'NL_NL'
  /** Telnyx `pl-PL` */
  | 'PL_PL'
  /** Telnyx `pt-BR` */
  | 'PT_BR'
  /** Telnyx `pt-PT` */
  | 'PT_PT'
  /** Telnyx `ro-RO` */
  | 'RO_RO'
  /** Telnyx `ru-RU` */
  | 'RU_RU'
  /** Telnyx `sv-SE` */
  | 'SV_SE'
  /** Telnyx `tr-TR` */
  | 'TR_TR';

/** How to read `payload` (default `TEXT`). */
export type SpeakPayloadType =
  /** Telnyx `ssml` */
  | 'SSML'
  /** Telnyx `text` */
  | 'TEXT';

/** Speech quality; `BASIC` allows only `EN_US` and `TEXT` (default `PREMIUM`). */
export type SpeakServiceLevel =
  /** Telnyx `basic` */
  | 'BASIC'
  /** Telnyx `premium` */
  | 'PREMIUM';

/** Telnyx `playback_start`: play audio on the call. Give exactly one of `audioUrl`, `mediaName`, `playbackContent`. */
export type StartPlaybackInput = {
  /** Format of the audio (Telnyx default `MP3`). */
  audioType?: AudioType | null | undefined;
  /** http(s) URL of a WAV or MP3 file. */
  audioUrl?: string | null | undefined;
  /** Cache the file for repeated plays (Telnyx default true). */
  cacheAudio?: boolean | null | undefined;
  /** The call to act on. */
  callControlId: string | number;
  /** Text attached to every later webhook of the call (sent to Telnyx base64-encoded). */
  clientState?: string | null | undefined;
  /** Idempotency key: Telnyx ignores a repeated command_id on the same call. Generated when absent. */
  commandId?: string | null | undefined;
  /** How many times to play (Telnyx default 1). */
  loop?: number | "infinity" | null | undefined;
  /** Name of a WAV/MP3 file uploaded to Telnyx media storage. */
  mediaName?: string | null | undefined;
  /** Mix over audio already playing (needs a non-overlay playback running). */
  overlay?: boolean | null | undefined;
  /** Base64 of an MP3 or WAV file. */
  playbackContent?: string | null | undefined;
  /** Stop what is playing first. */
  stop?: StopAudio | null | undefined;
  /** Which leg(s) hear the audio (Telnyx default `SELF`). */
  targetLegs?: TargetLegs | null | undefined;
};

/** Telnyx `record_start`: record the call until `stopRecording` or hang-up. */
export type StartRecordingInput = {
  /** The call to act on. */
  callControlId: string | number;
  /** `SINGLE` (mono) or `DUAL` (stereo, one leg per channel). */
  channels: RecordingChannels;
  /** Text attached to every later webhook of the call (sent to Telnyx base64-encoded). */
  clientState?: string | null | undefined;
  /** Idempotency key: Telnyx ignores a repeated command_id on the same call. Generated when absent. */
  commandId?: string | null | undefined;
  /** File name used instead of the call leg id (1–40 characters); Telnyx appends a timestamp. */
  customFileName?: string | null | undefined;
  /** File format of the stored recording. */
  format: RecordingFormat;
  /** Maximum length in seconds, 0–14400 (0, the default, means no limit). */
  maxLength?: number | null | undefined;
  /** Beep when recording starts. */
  playBeep?: boolean | null | undefined;
  /** Which direction to record (default `BOTH`). */
  recordingTrack?: RecordingTrack | null | undefined;
  /** Stop after this much silence once speech was heard (0, the default, means never). */
  timeoutSecs?: number | null | undefined;
  /** Transcribe after recording (→ `call.recording.transcription.saved`). */
  transcription?: boolean | null | undefined;
  /** Engine for `transcription` (default `A`). */
  transcriptionEngine?: TranscriptionEngine | null | undefined;
  /** Language for `transcription` (default `EN_US`). */
  transcriptionLanguage?: TranscriptionLanguage | null | undefined;
  /** Google engine only (default 6). */
  transcriptionMaxSpeakerCount?: number | null | undefined;
  /** Google engine only (default 2). */
  transcriptionMinSpeakerCount?: number | null | undefined;
  /** Google engine only. */
  transcriptionProfanityFilter?: boolean | null | undefined;
  /** Google engine only. */
  transcriptionSpeakerDiarization?: boolean | null | undefined;
  /** Trim silence from the start and end. */
  trim?: RecordingTrim | null | undefined;
};

/** What to stop: `CURRENT` skips to the next queued audio; `ALL` also clears the queue. */
export type StopAudio =
  /** Telnyx `all` */
  | 'ALL'
  /** Telnyx `current` */
  | 'CURRENT';

/** Telnyx `playback_stop`: stop audio playing on the call. */
export type StopPlaybackInput = {
  /** The call to act on. */
  callControlId: string | number;
  /** Text attached to every later webhook of the call (sent to Telnyx base64-encoded). */
  clientState?: string | null | undefined;
  /** Idempotency key: Telnyx ignores a repeated command_id on the same call. Generated when absent. */
  commandId?: string | null | undefined;
  /** Act on the overlay queue instead. */
  overlay?: boolean | null | undefined;
  /** `CURRENT` stops the file playing now; `ALL` also clears the queue (default). */
  stop?: StopAudio | null | undefined;
};

/** Telnyx `record_stop`. */
export type StopRecordingInput = {
  /** The call to act on. */
  callControlId: string | number;
  /** Text attached to every later webhook of the call (sent to Telnyx base64-encoded). */
  clientState?: string | null | undefined;
  /** Idempotency key: Telnyx ignores a repeated command_id on the same call. Generated when absent. */
  commandId?: string | null | undefined;
  /** The recording to act on, when several are running. */
  recordingId?: string | number | null | undefined;
};

/** Which leg(s) of the call hear the audio (Telnyx default `self`). */
export type TargetLegs =
  /** Telnyx `both` */
  | 'BOTH'
  /** Telnyx `opposite` */
  | 'OPPOSITE'
  /** Telnyx `self` */
  | 'SELF';

/** Settings for Telnyx voices. */
export type TelnyxVoiceSettingsInput = {
  /** Speed, 0.1–2.0 (default 1.0). */
  voiceSpeed?: number | null | undefined;
};

/** `A`: Google, `B`: Telnyx, `DEEPGRAM_NOVA_3`: Deepgram Nova 3 (English only). Default `A`. */
export type TranscriptionEngine =
  /** Telnyx `A` */
  | 'A'
  /** Telnyx `B` */
  | 'B'
  /** Telnyx `deepgram/nova-3` */
  | 'DEEPGRAM_NOVA_3';

/** Transcription language (default `EN_US`); not every engine supports every code. */
export type TranscriptionLanguage =
  /** Telnyx `af` */
  | 'AF'
  /** Telnyx `af-ZA` */
  | 'AF_ZA'
  /** Telnyx `am` */
  | 'AM'
  /** Telnyx `am-ET` */
  | 'AM_ET'
  /** Telnyx `ar` */
  | 'AR'
  /** Telnyx `ar-AE` */
  | 'AR_AE'
  /** Telnyx `ar-BH` */
  | 'AR_BH'
  /** Telnyx `ar-DZ` */
  | 'AR_DZ'
  /** Telnyx `ar-EG` */
  | 'AR_EG'
  /** Telnyx `ar-IL` */
  | 'AR_IL'
  /** Telnyx `ar-IQ` */
  | 'AR_IQ'
  /** Telnyx `ar-JO` */
  | 'AR_JO'
  /** Telnyx `ar-KW` */
  | 'AR_KW'
  /** Telnyx `ar-LB` */
  | 'AR_LB'
  /** Telnyx `ar-MA` */
  | 'AR_MA'
  /** Telnyx `ar-MR` */
  | 'AR_MR'
  /** Telnyx `ar-OM` */
  | 'AR_OM'
  /** Telnyx `ar-PS` */
  | 'AR_PS'
  /** Telnyx `ar-QA` */
  | 'AR_QA'
  /** Telnyx `ar-SA` */
  | 'AR_SA'
  /** Telnyx `ar-TN` */
  | 'AR_TN'
  /** Telnyx `ar-YE` */
  | 'AR_YE'
  /** Telnyx `as` */
  | 'AS'
  /** Telnyx `auto_detect` */
  | 'AUTO_DETECT'
  /** Telnyx `az` */
  | 'AZ'
  /** Telnyx `az-AZ` */
  | 'AZ_AZ'
  /** Telnyx `ba` */
  | 'BA'
  /** Telnyx `be` */
  | 'BE'
  /** Telnyx `bg` */
  | 'BG'
  /** Telnyx `bg-BG` */
  | 'BG_BG'
  /** Telnyx `bn` */
  | 'BN'
  /** Telnyx `bn-BD` */
  | 'BN_BD'
  /** Telnyx `bn-IN` */
  | 'BN_IN'
  /** Telnyx `bo` */
  | 'BO'
  /** Telnyx `br` */
  | 'BR'
  /** Telnyx `bs` */
  | 'BS'
  /** Telnyx `bs-BA` */
  | 'BS_BA'
  /** Telnyx `ca` */
  | 'CA'
  /** Telnyx `ca-ES` */
  | 'CA_ES'
  /** Telnyx `cs` */
  | 'CS'
  /** Telnyx `cs-CZ` */
  | 'CS_CZ'
  /** Telnyx `cy` */
  | 'CY'
  /** Telnyx `da` */
  | 'DA'
  /** Telnyx `da-DK` */
  | 'DA_DK'
  /** Telnyx `de` */
  | 'DE'
  /** Telnyx `de-AT` */
  | 'DE_AT'
  /** Telnyx `de-CH` */
  | 'DE_CH'
  /** Telnyx `de-DE` */
  | 'DE_DE'
  /** Telnyx `el` */
  | 'EL'
  /** Telnyx `el-GR` */
  | 'EL_GR'
  /** Telnyx `en` */
  | 'EN'
  /** Telnyx `en-AU` */
  | 'EN_AU'
  /** Telnyx `en-CA` */
  | 'EN_CA'
  /** Telnyx `en-GB` */
  | 'EN_GB'
  /** Telnyx `en-GH` */
  | 'EN_GH'
  /** Telnyx `en-HK` */
  | 'EN_HK'
  /** Telnyx `en-IE` */
  | 'EN_IE'
  /** Telnyx `en-IN` */
  | 'EN_IN'
  /** Telnyx `en-KE` */
  | 'EN_KE'
  /** Telnyx `en-NG` */
  | 'EN_NG'
  /** Telnyx `en-NZ` */
  | 'EN_NZ'
  /** Telnyx `en-PH` */
  | 'EN_PH'
  /** Telnyx `en-PK` */
  | 'EN_PK'
  /** Telnyx `en-SG` */
  | 'EN_SG'
  /** Telnyx `en-TZ` */
  | 'EN_TZ'
  /** Telnyx `en-US` */
  | 'EN_US'
  /** Telnyx `en-ZA` */
  | 'EN_ZA'
  /** Telnyx `es` */
  | 'ES'
  /** Telnyx `es-419` */
  | 'ES_419'
  /** Telnyx `es-AR` */
  | 'ES_AR'
  /** Telnyx `es-BO` */
  | 'ES_BO'
  /** Telnyx `es-CL` */
  | 'ES_CL'
  /** Telnyx `es-CO` */
  | 'ES_CO'
  /** Telnyx `es-CR` */
  | 'ES_CR'
  /** Telnyx `es-DO` */
  | 'ES_DO'
  /** Telnyx `es-EC` */
  | 'ES_EC'
  /** Telnyx `es-ES` */
  | 'ES_ES'
  /** Telnyx `es-GT` */
  | 'ES_GT'
  /** Telnyx `es-HN` */
  | 'ES_HN'
  /** Telnyx `es-MX` */
  | 'ES_MX'
  /** Telnyx `es-NI` */
  | 'ES_NI'
  /** Telnyx `es-PA` */
  | 'ES_PA'
  /** Telnyx `es-PE` */
  | 'ES_PE'
  /** Telnyx `es-PR` */
  | 'ES_PR'
  /** Telnyx `es-PY` */
  | 'ES_PY'
  /** Telnyx `es-SV` */
  | 'ES_SV'
  /** Telnyx `es-US` */
  | 'ES_US'
  /** Telnyx `es-UY` */
  | 'ES_UY'
  /** Telnyx `es-VE` */
  | 'ES_VE'
  /** Telnyx `et` */
  | 'ET'
  /** Telnyx `et-EE` */
  | 'ET_EE'
  /** Telnyx `eu` */
  | 'EU'
  /** Telnyx `eu-ES` */
  | 'EU_ES'
  /** Telnyx `fa` */
  | 'FA'
  /** Telnyx `fa-IR` */
  | 'FA_IR'
  /** Telnyx `fi` */
  | 'FI'
  /** Telnyx `fil-PH` */
  | 'FIL_PH'
  /** Telnyx `fi-FI` */
  | 'FI_FI'
  /** Telnyx `fo` */
  | 'FO'
  /** Telnyx `fr` */
  | 'FR'
  /** Telnyx `fr-BE` */
  | 'FR_BE'
  /** Telnyx `fr-CA` */
  | 'FR_CA'
  /** Telnyx `fr-CH` */
  | 'FR_CH'
  /** Telnyx `fr-FR` */
  | 'FR_FR'
  /** Telnyx `gl` */
  | 'GL'
  /** Telnyx `gl-ES` */
  | 'GL_ES'
  /** Telnyx `gu` */
  | 'GU'
  /** Telnyx `gu-IN` */
  | 'GU_IN'
  /** Telnyx `ha` */
  | 'HA'
  /** Telnyx `haw` */
  | 'HAW'
  /** Telnyx `he` */
  | 'HE'
  /** Telnyx `hi` */
  | 'HI'
  /** Telnyx `hi-IN` */
  | 'HI_IN'
  /** Telnyx `hr` */
  | 'HR'
  /** Telnyx `hr-HR` */
  | 'HR_HR'
  /** Telnyx `ht` */
  | 'HT'
  /** Telnyx `hu` */
  | 'HU'
  /** Telnyx `hu-HU` */
  | 'HU_HU'
  /** Telnyx `hy` */
  | 'HY'
  /** Telnyx `hy-AM` */
  | 'HY_AM'
  /** Telnyx `id` */
  | 'ID'
  /** Telnyx `id-ID` */
  | 'ID_ID'
  /** Telnyx `is` */
  | 'IS'
  /** Telnyx `is-IS` */
  | 'IS_IS'
  /** Telnyx `it` */
  | 'IT'
  /** Telnyx `it-CH` */
  | 'IT_CH'
  /** Telnyx `it-IT` */
  | 'IT_IT'
  /** Telnyx `iw-IL` */
  | 'IW_IL'
  /** Telnyx `ja` */
  | 'JA'
  /** Telnyx `ja-JP` */
  | 'JA_JP'
  /** Telnyx `jv-ID` */
  | 'JV_ID'
  /** Telnyx `jw` */
  | 'JW'
  /** Telnyx `ka` */
  | 'KA'
  /** Telnyx `ka-GE` */
  | 'KA_GE'
  /** Telnyx `kk` */
  | 'KK'
  /** Telnyx `kk-KZ` */
  | 'KK_KZ'
  /** Telnyx `km` */
  | 'KM'
  /** Telnyx `km-KH` */
  | 'KM_KH'
  /** Telnyx `kn` */
  | 'KN'
  /** Telnyx `kn-IN` */
  | 'KN_IN'
  /** Telnyx `ko` */
  | 'KO'
  /** Telnyx `ko-KR` */
  | 'KO_KR'
  /** Telnyx `la` */
  | 'LA'
  /** Telnyx `lb` */
  | 'LB'
  /** Telnyx `ln` */
  | 'LN'
  /** Telnyx `lo` */
  | 'LO'
  /** Telnyx `lo-LA` */
  | 'LO_LA'
  /** Telnyx `lt` */
  | 'LT'
  /** Telnyx `lt-LT` */
  | 'LT_LT'
  /** Telnyx `lv` */
  | 'LV'
  /** Telnyx `lv-LV` */
  | 'LV_LV'
  /** Telnyx `mg` */
  | 'MG'
  /** Telnyx `mi` */
  | 'MI'
  /** Telnyx `mk` */
  | 'MK'
  /** Telnyx `mk-MK` */
  | 'MK_MK'
  /** Telnyx `ml` */
  | 'ML'
  /** Telnyx `ml-IN` */
  | 'ML_IN'
  /** Telnyx `mn` */
  | 'MN'
  /** Telnyx `mn-MN` */
  | 'MN_MN'
  /** Telnyx `mr` */
  | 'MR'
  /** Telnyx `mr-IN` */
  | 'MR_IN'
  /** Telnyx `ms` */
  | 'MS'
  /** Telnyx `ms-MY` */
  | 'MS_MY'
  /** Telnyx `mt` */
  | 'MT'
  /** Telnyx `my` */
  | 'MY'
  /** Telnyx `my-MM` */
  | 'MY_MM'
  /** Telnyx `ne` */
  | 'NE'
  /** Telnyx `ne-NP` */
  | 'NE_NP'
  /** Telnyx `nl` */
  | 'NL'
  /** Telnyx `nl-BE` */
  | 'NL_BE'
  /** Telnyx `nl-NL` */
  | 'NL_NL'
  /** Telnyx `nn` */
  | 'NN'
  /** Telnyx `no` */
  | 'NO'
  /** Telnyx `no-NO` */
  | 'NO_NO'
  /** Telnyx `oc` */
  | 'OC'
  /** Telnyx `pa` */
  | 'PA'
  /** Telnyx `pa-Guru-IN` */
  | 'PA_GURU_IN'
  /** Telnyx `pl` */
  | 'PL'
  /** Telnyx `pl-PL` */
  | 'PL_PL'
  /** Telnyx `ps` */
  | 'PS'
  /** Telnyx `pt` */
  | 'PT'
  /** Telnyx `pt-BR` */
  | 'PT_BR'
  /** Telnyx `pt-PT` */
  | 'PT_PT'
  /** Telnyx `ro` */
  | 'RO'
  /** Telnyx `ro-RO` */
  | 'RO_RO'
  /** Telnyx `ru` */
  | 'RU'
  /** Telnyx `ru-RU` */
  | 'RU_RU'
  /** Telnyx `rw-RW` */
  | 'RW_RW'
  /** Telnyx `sa` */
  | 'SA'
  /** Telnyx `sd` */
  | 'SD'
  /** Telnyx `si` */
  | 'SI'
  /** Telnyx `si-LK` */
  | 'SI_LK'
  /** Telnyx `sk` */
  | 'SK'
  /** Telnyx `sk-SK` */
  | 'SK_SK'
  /** Telnyx `sl` */
  | 'SL'
  /** Telnyx `sl-SI` */
  | 'SL_SI'
  /** Telnyx `sn` */
  | 'SN'
  /** Telnyx `so` */
  | 'SO'
  /** Telnyx `sq` */
  | 'SQ'
  /** Telnyx `sq-AL` */
  | 'SQ_AL'
  /** Telnyx `sr` */
  | 'SR'
  /** Telnyx `sr-RS` */
  | 'SR_RS'
  /** Telnyx `ss-latn-za` */
  | 'SS_LATN_ZA'
  /** Telnyx `st-ZA` */
  | 'ST_ZA'
  /** Telnyx `su` */
  | 'SU'
  /** Telnyx `su-ID` */
  | 'SU_ID'
  /** Telnyx `sv` */
  | 'SV'
  /** Telnyx `sv-SE` */
  | 'SV_SE'
  /** Telnyx `sw` */
  | 'SW'
  /** Telnyx `sw-KE` */
  | 'SW_KE'
  /** Telnyx `sw-TZ` */
  | 'SW_TZ'
  /** Telnyx `ta` */
  | 'TA'
  /** Telnyx `ta-IN` */
  | 'TA_IN'
  /** Telnyx `ta-LK` */
  | 'TA_LK'
  /** Telnyx `ta-MY` */
  | 'TA_MY'
  /** Telnyx `ta-SG` */
  | 'TA_SG'
  /** Telnyx `te` */
  | 'TE'
  /** Telnyx `te-IN` */
  | 'TE_IN'
  /** Telnyx `tg` */
  | 'TG'
  /** Telnyx `th` */
  | 'TH'
  /** Telnyx `th-TH` */
  | 'TH_TH'
  /** Telnyx `tk` */
  | 'TK'
  /** Telnyx `tl` */
  | 'TL'
  /** Telnyx `tn-latn-za` */
  | 'TN_LATN_ZA'
  /** Telnyx `tr` */
  | 'TR'
  /** Telnyx `tr-TR` */
  | 'TR_TR'
  /** Telnyx `ts-ZA` */
  | 'TS_ZA'
  /** Telnyx `tt` */
  | 'TT'
  /** Telnyx `uk` */
  | 'UK'
  /** Telnyx `uk-UA` */
  | 'UK_UA'
  /** Telnyx `ur` */
  | 'UR'
  /** Telnyx `ur-IN` */
  | 'UR_IN'
  /** Telnyx `ur-PK` */
  | 'UR_PK'
  /** Telnyx `uz` */
  | 'UZ'
  /** Telnyx `uz-UZ` */
  | 'UZ_UZ'
  /** Telnyx `ve-ZA` */
  | 'VE_ZA'
  /** Telnyx `vi` */
  | 'VI'
  /** Telnyx `vi-VN` */
  | 'VI_VN'
  /** Telnyx `xh-ZA` */
  | 'XH_ZA'
  /** Telnyx `yi` */
  | 'YI'
  /** Telnyx `yo` */
  | 'YO'
  /** Telnyx `yue-Hant-HK` */
  | 'YUE_HANT_HK'
  /** Telnyx `zh` */
  | 'ZH'
  /** Telnyx `zh-TW` */
  | 'ZH_TW'
  /** Telnyx `zu-ZA` */
  | 'ZU_ZA';

/** Provider settings for the voice: give exactly one provider. */
export type VoiceSettingsInput =
  {   /** AWS Polly has no settings: `true` selects it explicitly. */
  aws: boolean; azure?: never; elevenlabs?: never; inworld?: never; minimax?: never; resemble?: never; rime?: never; telnyx?: never; xai?: never; }
  |  { aws?: never;   /** Azure. */
  azure: AzureVoiceSettingsInput; elevenlabs?: never; inworld?: never; minimax?: never; resemble?: never; rime?: never; telnyx?: never; xai?: never; }
  |  { aws?: never; azure?: never;   /** ElevenLabs. */
  elevenlabs: ElevenLabsVoiceSettingsInput; inworld?: never; minimax?: never; resemble?: never; rime?: never; telnyx?: never; xai?: never; }
  |  { aws?: never; azure?: never; elevenlabs?: never;   /** Inworld. */
  inworld: InworldVoiceSettingsInput; minimax?: never; resemble?: never; rime?: never; telnyx?: never; xai?: never; }
  |  { aws?: never; azure?: never; elevenlabs?: never; inworld?: never;   /** MiniMax. */
  minimax: MinimaxVoiceSettingsInput; resemble?: never; rime?: never; telnyx?: never; xai?: never; }
  |  { aws?: never; azure?: never; elevenlabs?: never; inworld?: never; minimax?: never;   /** Resemble. */
  resemble: ResembleVoiceSettingsInput; rime?: never; telnyx?: never; xai?: never; }
  |  { aws?: never; azure?: never; elevenlabs?: never; inworld?: never; minimax?: never; resemble?: never;   /** Rime. */
  rime: RimeVoiceSettingsInput; telnyx?: never; xai?: never; }
  |  { aws?: never; azure?: never; elevenlabs?: never; inworld?: never; minimax?: never; resemble?: never; rime?: never;   /** Telnyx. */
  telnyx: TelnyxVoiceSettingsInput; xai?: never; }
  |  { aws?: never; azure?: never; elevenlabs?: never; inworld?: never; minimax?: never; resemble?: never; rime?: never; telnyx?: never;   /** xAI. */
  xai: XaiVoiceSettingsInput; };

/** Settings for xAI voices. */
export type XaiVoiceSettingsInput = {
  /** Language code, or `auto` (default). */
  language?: string | null | undefined;
};

type ConsoleCallEvent_CallAnswered_Fragment = { __typename: 'CallAnswered', id: string, cursor: string, eventType: string, occurredAt: string, clientState: string | null };

type ConsoleCallEvent_CallHangup_Fragment = { __typename: 'CallHangup', hangupCause: string | null, hangupSource: string | null, id: string, cursor: string, eventType: string, occurredAt: string, clientState: string | null };

type ConsoleCallEvent_CallInitiated_Fragment = { __typename: 'CallInitiated', from: string | null, to: string | null, direction: CallDirection | null, id: string, cursor: string, eventType: string, occurredAt: string, clientState: string | null };

type ConsoleCallEvent_CallPlaybackEnded_Fragment = { __typename: 'CallPlaybackEnded', status: CallEventStatus | null, id: string, cursor: string, eventType: string, occurredAt: string, clientState: string | null };

type ConsoleCallEvent_CallPlaybackStarted_Fragment = { __typename: 'CallPlaybackStarted', id: string, cursor: string, eventType: string, occurredAt: string, clientState: string | null };

type ConsoleCallEvent_CallRecordingError_Fragment = { __typename: 'CallRecordingError', reason: string | null, id: string, cursor: string, eventType: string, occurredAt: string, clientState: string | null };

type ConsoleCallEvent_CallRecordingSaved_Fragment = { __typename: 'CallRecordingSaved', recordingId: string | null, channels: RecordingChannels | null, format: RecordingFormat | null, recordingStartedAt: string | null, id: string, cursor: string, eventType: string, occurredAt: string, clientState: string | null, recording: { id: string, durationMillis: number | null, channels: RecordingChannels | null, audioUrl: string | null } | null };

type ConsoleCallEvent_CallRecordingTranscriptionSaved_Fragment = { __typename: 'CallRecordingTranscriptionSaved', recordingId: string | null, transcriptionText: string | null, id: string, cursor: string, eventType: string, occurredAt: string, clientState: string | null };

type ConsoleCallEvent_CallSpeakEnded_Fragment = { __typename: 'CallSpeakEnded', status: CallEventStatus | null, id: string, cursor: string, eventType: string, occurredAt: string, clientState: string | null };

type ConsoleCallEvent_CallSpeakStarted_Fragment = { __typename: 'CallSpeakStarted', id: string, cursor: string, eventType: string, occurredAt: string, clientState: string | null };

export type ConsoleCallEventFragment =
  | ConsoleCallEvent_CallAnswered_Fragment
  | ConsoleCallEvent_CallHangup_Fragment
  | ConsoleCallEvent_CallInitiated_Fragment
  | ConsoleCallEvent_CallPlaybackEnded_Fragment
  | ConsoleCallEvent_CallPlaybackStarted_Fragment
  | ConsoleCallEvent_CallRecordingError_Fragment
  | ConsoleCallEvent_CallRecordingSaved_Fragment
  | ConsoleCallEvent_CallRecordingTranscriptionSaved_Fragment
  | ConsoleCallEvent_CallSpeakEnded_Fragment
  | ConsoleCallEvent_CallSpeakStarted_Fragment
;

export type ConsoleCallEventsSubscriptionVariables = Exact<{
  callControlId: string | number;
  after?: string | null | undefined;
}>;


export type ConsoleCallEventsSubscription = { callEvents:
    | { __typename: 'CallAnswered', id: string, cursor: string, eventType: string, occurredAt: string, clientState: string | null }
    | { __typename: 'CallHangup', hangupCause: string | null, hangupSource: string | null, id: string, cursor: string, eventType: string, occurredAt: string, clientState: string | null }
    | { __typename: 'CallInitiated', from: string | null, to: string | null, direction: CallDirection | null, id: string, cursor: string, eventType: string, occurredAt: string, clientState: string | null }
    | { __typename: 'CallPlaybackEnded', status: CallEventStatus | null, id: string, cursor: string, eventType: string, occurredAt: string, clientState: string | null }
    | { __typename: 'CallPlaybackStarted', id: string, cursor: string, eventType: string, occurredAt: string, clientState: string | null }
    | { __typename: 'CallRecordingError', reason: string | null, id: string, cursor: string, eventType: string, occurredAt: string, clientState: string | null }
    | { __typename: 'CallRecordingSaved', recordingId: string | null, channels: RecordingChannels | null, format: RecordingFormat | null, recordingStartedAt: string | null, id: string, cursor: string, eventType: string, occurredAt: string, clientState: string | null, recording: { id: string, durationMillis: number | null, channels: RecordingChannels | null, audioUrl: string | null } | null }
    | { __typename: 'CallRecordingTranscriptionSaved', recordingId: string | null, transcriptionText: string | null, id: string, cursor: string, eventType: string, occurredAt: string, clientState: string | null }
    | { __typename: 'CallSpeakEnded', status: CallEventStatus | null, id: string, cursor: string, eventType: string, occurredAt: string, clientState: string | null }
    | { __typename: 'CallSpeakStarted', id: string, cursor: string, eventType: string, occurredAt: string, clientState: string | null }
   };

export type ConsoleCallHistoryQueryVariables = Exact<{
  callControlId: string | number;
  after?: string | null | undefined;
}>;


export type ConsoleCallHistoryQuery = { call: { eventsCursor: string, callControlId: string, state: CallState | null, direction: CallDirection | null, from: string | null, to: string | null, startedAt: string | null, answeredAt: string | null, endedAt: string | null, hangupCause: string | null, events: { edges: Array<{ node:
          | { __typename: 'CallAnswered', id: string, cursor: string, eventType: string, occurredAt: string, clientState: string | null }
          | { __typename: 'CallHangup', hangupCause: string | null, hangupSource: string | null, id: string, cursor: string, eventType: string, occurredAt: string, clientState: string | null }
          | { __typename: 'CallInitiated', from: string | null, to: string | null, direction: CallDirection | null, id: string, cursor: string, eventType: string, occurredAt: string, clientState: string | null }
          | { __typename: 'CallPlaybackEnded', status: CallEventStatus | null, id: string, cursor: string, eventType: string, occurredAt: string, clientState: string | null }
          | { __typename: 'CallPlaybackStarted', id: string, cursor: string, eventType: string, occurredAt: string, clientState: string | null }
          | { __typename: 'CallRecordingError', reason: string | null, id: string, cursor: string, eventType: string, occurredAt: string, clientState: string | null }
          | { __typename: 'CallRecordingSaved', recordingId: string | null, channels: RecordingChannels | null, format: RecordingFormat | null, recordingStartedAt: string | null, id: string, cursor: string, eventType: string, occurredAt: string, clientState: string | null, recording: { id: string, durationMillis: number | null, channels: RecordingChannels | null, audioUrl: string | null } | null }
          | { __typename: 'CallRecordingTranscriptionSaved', recordingId: string | null, transcriptionText: string | null, id: string, cursor: string, eventType: string, occurredAt: string, clientState: string | null }
          | { __typename: 'CallSpeakEnded', status: CallEventStatus | null, id: string, cursor: string, eventType: string, occurredAt: string, clientState: string | null }
          | { __typename: 'CallSpeakStarted', id: string, cursor: string, eventType: string, occurredAt: string, clientState: string | null }
         }>, pageInfo: { hasNextPage: boolean } } } | null };

export type ConsoleCallSummaryFragment = { callControlId: string, state: CallState | null, direction: CallDirection | null, from: string | null, to: string | null, startedAt: string | null, answeredAt: string | null, endedAt: string | null, hangupCause: string | null };

export type ConsoleCallsQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleCallsQuery = { latestEventCursor: string, calls: { totalCount: number, edges: Array<{ node: { callControlId: string, state: CallState | null, direction: CallDirection | null, from: string | null, to: string | null, startedAt: string | null, answeredAt: string | null, endedAt: string | null, hangupCause: string | null } }> } };

export type ConsoleCallUpdatesSubscriptionVariables = Exact<{
  after?: string | null | undefined;
}>;


export type ConsoleCallUpdatesSubscription = { callUpdates: { cursor: string, eventType: string, call: { callControlId: string, state: CallState | null, direction: CallDirection | null, from: string | null, to: string | null, startedAt: string | null, answeredAt: string | null, endedAt: string | null, hangupCause: string | null } } };

export type ConsoleSpeakMutationVariables = Exact<{
  input: SpeakInput;
}>;


export type ConsoleSpeakMutation = { speak: { commandId: string } };

export type ConsoleStartPlaybackMutationVariables = Exact<{
  input: StartPlaybackInput;
}>;


export type ConsoleStartPlaybackMutation = { startPlayback: { commandId: string } };

export type ConsoleStopPlaybackMutationVariables = Exact<{
  input: StopPlaybackInput;
}>;


export type ConsoleStopPlaybackMutation = { stopPlayback: { commandId: string } };

export type ConsoleStartRecordingMutationVariables = Exact<{
  input: StartRecordingInput;
}>;


export type ConsoleStartRecordingMutation = { startRecording: { commandId: string } };

export type ConsolePauseRecordingMutationVariables = Exact<{
  input: PauseRecordingInput;
}>;


export type ConsolePauseRecordingMutation = { pauseRecording: { commandId: string } };

export type ConsoleResumeRecordingMutationVariables = Exact<{
  input: ResumeRecordingInput;
}>;


export type ConsoleResumeRecordingMutation = { resumeRecording: { commandId: string } };

export type ConsoleStopRecordingMutationVariables = Exact<{
  input: StopRecordingInput;
}>;


export type ConsoleStopRecordingMutation = { stopRecording: { commandId: string } };

export const ConsoleCallEventFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ConsoleCallEvent"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CallEvent"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"eventType"}},{"kind":"Field","name":{"kind":"Name","value":"occurredAt"}},{"kind":"Field","name":{"kind":"Name","value":"clientState"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CallInitiated"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"direction"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CallHangup"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hangupCause"}},{"kind":"Field","name":{"kind":"Name","value":"hangupSource"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CallSpeakEnded"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CallPlaybackEnded"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CallRecordingError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CallRecordingSaved"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordingId"}},{"kind":"Field","name":{"kind":"Name","value":"channels"}},{"kind":"Field","name":{"kind":"Name","value":"format"}},{"kind":"Field","name":{"kind":"Name","value":"recordingStartedAt"}},{"kind":"Field","name":{"kind":"Name","value":"recording"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"durationMillis"}},{"kind":"Field","name":{"kind":"Name","value":"channels"}},{"kind":"Field","name":{"kind":"Name","value":"audioUrl"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"format"},"value":{"kind":"EnumValue","value":"MP3"}}]}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CallRecordingTranscriptionSaved"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordingId"}},{"kind":"Field","name":{"kind":"Name","value":"transcriptionText"}}]}}]}}]} as unknown as DocumentNode<ConsoleCallEventFragment, unknown>;
export const ConsoleCallSummaryFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ConsoleCallSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Call"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"callControlId"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"direction"}},{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"answeredAt"}},{"kind":"Field","name":{"kind":"Name","value":"endedAt"}},{"kind":"Field","name":{"kind":"Name","value":"hangupCause"}}]}}]} as unknown as DocumentNode<ConsoleCallSummaryFragment, unknown>;
export const ConsoleCallEventsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"ConsoleCallEvents"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"callControlId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"callEvents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"callControlId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"callControlId"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ConsoleCallEvent"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ConsoleCallEvent"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CallEvent"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"eventType"}},{"kind":"Field","name":{"kind":"Name","value":"occurredAt"}},{"kind":"Field","name":{"kind":"Name","value":"clientState"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CallInitiated"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"direction"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CallHangup"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hangupCause"}},{"kind":"Field","name":{"kind":"Name","value":"hangupSource"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CallSpeakEnded"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CallPlaybackEnded"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CallRecordingError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CallRecordingSaved"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordingId"}},{"kind":"Field","name":{"kind":"Name","value":"channels"}},{"kind":"Field","name":{"kind":"Name","value":"format"}},{"kind":"Field","name":{"kind":"Name","value":"recordingStartedAt"}},{"kind":"Field","name":{"kind":"Name","value":"recording"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"durationMillis"}},{"kind":"Field","name":{"kind":"Name","value":"channels"}},{"kind":"Field","name":{"kind":"Name","value":"audioUrl"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"format"},"value":{"kind":"EnumValue","value":"MP3"}}]}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CallRecordingTranscriptionSaved"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordingId"}},{"kind":"Field","name":{"kind":"Name","value":"transcriptionText"}}]}}]}}]} as unknown as DocumentNode<ConsoleCallEventsSubscription, ConsoleCallEventsSubscriptionVariables>;
export const ConsoleCallHistoryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleCallHistory"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"callControlId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"call"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"callControlId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"callControlId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ConsoleCallSummary"}},{"kind":"Field","name":{"kind":"Name","value":"eventsCursor"}},{"kind":"Field","name":{"kind":"Name","value":"events"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ConsoleCallEvent"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ConsoleCallSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Call"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"callControlId"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"direction"}},{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"answeredAt"}},{"kind":"Field","name":{"kind":"Name","value":"endedAt"}},{"kind":"Field","name":{"kind":"Name","value":"hangupCause"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ConsoleCallEvent"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CallEvent"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"eventType"}},{"kind":"Field","name":{"kind":"Name","value":"occurredAt"}},{"kind":"Field","name":{"kind":"Name","value":"clientState"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CallInitiated"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"direction"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CallHangup"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hangupCause"}},{"kind":"Field","name":{"kind":"Name","value":"hangupSource"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CallSpeakEnded"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CallPlaybackEnded"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CallRecordingError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CallRecordingSaved"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordingId"}},{"kind":"Field","name":{"kind":"Name","value":"channels"}},{"kind":"Field","name":{"kind":"Name","value":"format"}},{"kind":"Field","name":{"kind":"Name","value":"recordingStartedAt"}},{"kind":"Field","name":{"kind":"Name","value":"recording"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"durationMillis"}},{"kind":"Field","name":{"kind":"Name","value":"channels"}},{"kind":"Field","name":{"kind":"Name","value":"audioUrl"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"format"},"value":{"kind":"EnumValue","value":"MP3"}}]}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CallRecordingTranscriptionSaved"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordingId"}},{"kind":"Field","name":{"kind":"Name","value":"transcriptionText"}}]}}]}}]} as unknown as DocumentNode<ConsoleCallHistoryQuery, ConsoleCallHistoryQueryVariables>;
export const ConsoleCallsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleCalls"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"latestEventCursor"}},{"kind":"Field","name":{"kind":"Name","value":"calls"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ConsoleCallSummary"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ConsoleCallSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Call"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"callControlId"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"direction"}},{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"answeredAt"}},{"kind":"Field","name":{"kind":"Name","value":"endedAt"}},{"kind":"Field","name":{"kind":"Name","value":"hangupCause"}}]}}]} as unknown as DocumentNode<ConsoleCallsQuery, ConsoleCallsQueryVariables>;
export const ConsoleCallUpdatesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"ConsoleCallUpdates"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"callUpdates"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"eventType"}},{"kind":"Field","name":{"kind":"Name","value":"call"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ConsoleCallSummary"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ConsoleCallSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Call"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"callControlId"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"direction"}},{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"answeredAt"}},{"kind":"Field","name":{"kind":"Name","value":"endedAt"}},{"kind":"Field","name":{"kind":"Name","value":"hangupCause"}}]}}]} as unknown as DocumentNode<ConsoleCallUpdatesSubscription, ConsoleCallUpdatesSubscriptionVariables>;
export const ConsoleSpeakDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConsoleSpeak"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SpeakInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"speak"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"commandId"}}]}}]}}]} as unknown as DocumentNode<ConsoleSpeakMutation, ConsoleSpeakMutationVariables>;
export const ConsoleStartPlaybackDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConsoleStartPlayback"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"StartPlaybackInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"startPlayback"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"commandId"}}]}}]}}]} as unknown as DocumentNode<ConsoleStartPlaybackMutation, ConsoleStartPlaybackMutationVariables>;
export const ConsoleStopPlaybackDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConsoleStopPlayback"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"StopPlaybackInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"stopPlayback"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"commandId"}}]}}]}}]} as unknown as DocumentNode<ConsoleStopPlaybackMutation, ConsoleStopPlaybackMutationVariables>;
export const ConsoleStartRecordingDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConsoleStartRecording"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"StartRecordingInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"startRecording"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"commandId"}}]}}]}}]} as unknown as DocumentNode<ConsoleStartRecordingMutation, ConsoleStartRecordingMutationVariables>;
export const ConsolePauseRecordingDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConsolePauseRecording"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PauseRecordingInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pauseRecording"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"commandId"}}]}}]}}]} as unknown as DocumentNode<ConsolePauseRecordingMutation, ConsolePauseRecordingMutationVariables>;
export const ConsoleResumeRecordingDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConsoleResumeRecording"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ResumeRecordingInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"resumeRecording"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"commandId"}}]}}]}}]} as unknown as DocumentNode<ConsoleResumeRecordingMutation, ConsoleResumeRecordingMutationVariables>;
export const ConsoleStopRecordingDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConsoleStopRecording"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"StopRecordingInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"stopRecording"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"commandId"}}]}}]}}]} as unknown as DocumentNode<ConsoleStopRecordingMutation, ConsoleStopRecordingMutationVariables>;