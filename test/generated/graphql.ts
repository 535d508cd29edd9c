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

/** Inclusive bounds; either may be left out. */
export type DateTimeRange = {
  /** At or after this instant. */
  gte?: string | null | undefined;
  /** At or before this instant. */
  lte?: string | null | undefined;
};

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

/** Telnyx `filter[...]` of `GET /recordings`; string matches are exact and case-sensitive. */
export type RecordingFilter = {
  /** Recorded on this call. */
  callControlId?: string | number | null | undefined;
  /** Recorded on this call leg (a UUID). */
  callLegId?: string | null | undefined;
  /** Recorded in this call session (a UUID). */
  callSessionId?: string | null | undefined;
  /** Recorded in this conference (1–256 characters). */
  conferenceId?: string | null | undefined;
  /** Conference region (1–256 characters). */
  conferenceRegion?: string | null | undefined;
  /** Call Control Application id (1–256 characters). */
  connectionId?: string | null | undefined;
  /** When Telnyx stored it. */
  createdAt?: DateTimeRange | null | undefined;
  /** When recording ended. */
  endTime?: DateTimeRange | null | undefined;
  /** Calling number or SIP URI (1–256 characters). */
  from?: string | null | undefined;
  /** SIP Call-ID (1–256 characters). */
  sipCallId?: string | null | undefined;
  /** When recording started. */
  startTime?: DateTimeRange | null | undefined;
  /** Called number or SIP URI (1–256 characters). */
  to?: string | null | undefined;
};

/** Stored recording file format. */
export type RecordingFormat =
  /** Telnyx `mp3` */
  | 'MP3'
  /** Telnyx `wav` */
  | 'WAV';

/** State of a stored recording; Telnyx lists only completed ones. `OTHER` stands for a value Telnyx added later. */
export type RecordingStatus =
  /** Telnyx `completed` */
  | 'COMPLETED'
  /** A value newer than this schema: `telnyxStatus` has it as Telnyx sent it. */
  | 'OTHER';

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

export type CallStatusQueryVariables = Exact<{
  callControlId: string | number;
}>;


export type CallStatusQuery = { call: { id: string, callControlId: string, callLegId: string, callSessionId: string, isAlive: boolean, callDuration: number | null, startTime: string | null, endTime: string | null, clientState: string | null, clientStateBase64: string | null, eventsCursor: string } | null };

export type RecordingFieldsFragment = { id: string, callControlId: string | null, callLegId: string | null, callSessionId: string | null, conferenceId: string | null, connectionId: string | null, channels: RecordingChannels | null, source: string | null, status: RecordingStatus | null, telnyxStatus: string | null, initiatedBy: string | null, from: string | null, to: string | null, durationMillis: number | null, recordingStartedAt: string | null, recordingEndedAt: string | null, createdAt: string | null, updatedAt: string | null, downloadUrls: { mp3: string | null, wav: string | null } | null };

export type RecordingQueryVariables = Exact<{
  id: string | number;
}>;


export type RecordingQuery = { recording: { id: string, callControlId: string | null, callLegId: string | null, callSessionId: string | null, conferenceId: string | null, connectionId: string | null, channels: RecordingChannels | null, source: string | null, status: RecordingStatus | null, telnyxStatus: string | null, initiatedBy: string | null, from: string | null, to: string | null, durationMillis: number | null, recordingStartedAt: string | null, recordingEndedAt: string | null, createdAt: string | null, updatedAt: string | null, downloadUrls: { mp3: string | null, wav: string | null } | null } | null };

export type SameRecordingTwiceQueryVariables = Exact<{
  id: string | number;
}>;


export type SameRecordingTwiceQuery = { first: { id: string } | null, second: { id: string, durationMillis: number | null } | null };

export type RecordingsQueryVariables = Exact<{
  filter?: RecordingFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type RecordingsQuery = { recordings: { totalCount: number, edges: Array<{ cursor: string, node: { id: string, callControlId: string | null, callLegId: string | null, callSessionId: string | null, conferenceId: string | null, connectionId: string | null, channels: RecordingChannels | null, source: string | null, status: RecordingStatus | null, telnyxStatus: string | null, initiatedBy: string | null, from: string | null, to: string | null, durationMillis: number | null, recordingStartedAt: string | null, recordingEndedAt: string | null, createdAt: string | null, updatedAt: string | null, downloadUrls: { mp3: string | null, wav: string | null } | null } }>, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null } } };

export type StartPlaybackMutationVariables = Exact<{
  input: StartPlaybackInput;
}>;


export type StartPlaybackMutation = { startPlayback: { callControlId: string, commandId: string, result: string, cursor: string } };

export type StopPlaybackMutationVariables = Exact<{
  input: StopPlaybackInput;
}>;


export type StopPlaybackMutation = { stopPlayback: { callControlId: string, commandId: string, result: string, cursor: string } };

export type SpeakMutationVariables = Exact<{
  input: SpeakInput;
}>;


export type SpeakMutation = { speak: { callControlId: string, commandId: string, result: string, cursor: string } };

export type StartRecordingMutationVariables = Exact<{
  input: StartRecordingInput;
}>;


export type StartRecordingMutation = { startRecording: { callControlId: string, commandId: string, result: string, cursor: string } };

export type StopRecordingMutationVariables = Exact<{
  input: StopRecordingInput;
}>;


export type StopRecordingMutation = { stopRecording: { callControlId: string, commandId: string, result: string, cursor: string } };

export type PauseRecordingMutationVariables = Exact<{
  input: PauseRecordingInput;
}>;


export type PauseRecordingMutation = { pauseRecording: { callControlId: string, commandId: string, result: string, cursor: string } };

export type ResumeRecordingMutationVariables = Exact<{
  input: ResumeRecordingInput;
}>;


export type ResumeRecordingMutation = { resumeRecording: { callControlId: string, commandId: string, result: string, cursor: string } };

export type ActionEventsSubscriptionVariables = Exact<{
  callControlId: string | number;
  after?: string | null | undefined;
}>;


export type ActionEventsSubscription = { callEvents:
    | { __typename: 'CallAnswered', id: string, cursor: string, eventType: string, callControlId: string | null, clientState: string | null }
    | { __typename: 'CallHangup', id: string, cursor: string, eventType: string, callControlId: string | null, clientState: string | null }
    | { __typename: 'CallInitiated', id: string, cursor: string, eventType: string, callControlId: string | null, clientState: string | null }
    | { __typename: 'CallPlaybackEnded', id: string, cursor: string, eventType: string, callControlId: string | null, clientState: string | null }
    | { __typename: 'CallPlaybackStarted', id: string, cursor: string, eventType: string, callControlId: string | null, clientState: string | null }
    | { __typename: 'CallRecordingError', id: string, cursor: string, eventType: string, callControlId: string | null, clientState: string | null }
    | { __typename: 'CallRecordingSaved', recordingId: string | null, id: string, cursor: string, eventType: string, callControlId: string | null, clientState: string | null, recording: { id: string, callControlId: string | null, durationMillis: number | null } | null }
    | { __typename: 'CallRecordingTranscriptionSaved', id: string, cursor: string, eventType: string, callControlId: string | null, clientState: string | null }
    | { __typename: 'CallSpeakEnded', id: string, cursor: string, eventType: string, callControlId: string | null, clientState: string | null }
    | { __typename: 'CallSpeakStarted', id: string, cursor: string, eventType: string, callControlId: string | null, clientState: string | null }
   };

export const RecordingFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RecordingFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Recording"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"callControlId"}},{"kind":"Field","name":{"kind":"Name","value":"callLegId"}},{"kind":"Field","name":{"kind":"Name","value":"callSessionId"}},{"kind":"Field","name":{"kind":"Name","value":"conferenceId"}},{"kind":"Field","name":{"kind":"Name","value":"connectionId"}},{"kind":"Field","name":{"kind":"Name","value":"channels"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"telnyxStatus"}},{"kind":"Field","name":{"kind":"Name","value":"initiatedBy"}},{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"durationMillis"}},{"kind":"Field","name":{"kind":"Name","value":"downloadUrls"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mp3"}},{"kind":"Field","name":{"kind":"Name","value":"wav"}}]}},{"kind":"Field","name":{"kind":"Name","value":"recordingStartedAt"}},{"kind":"Field","name":{"kind":"Name","value":"recordingEndedAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]} as unknown as DocumentNode<RecordingFieldsFragment, unknown>;
export const CallStatusDocument = {"__meta__":{"hash":"sha256:9d8bba64da8341b03b9dcb0127020abcb44a656c9b710ab99fdacaa55a956125"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CallStatus"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"callControlId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"call"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"callControlId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"callControlId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"callControlId"}},{"kind":"Field","name":{"kind":"Name","value":"callLegId"}},{"kind":"Field","name":{"kind":"Name","value":"callSessionId"}},{"kind":"Field","name":{"kind":"Name","value":"isAlive"}},{"kind":"Field","name":{"kind":"Name","value":"callDuration"}},{"kind":"Field","name":{"kind":"Name","value":"startTime"}},{"kind":"Field","name":{"kind":"Name","value":"endTime"}},{"kind":"Field","name":{"kind":"Name","value":"clientState"}},{"kind":"Field","name":{"kind":"Name","value":"clientStateBase64"}},{"kind":"Field","name":{"kind":"Name","value":"eventsCursor"}}]}}]}}]} as unknown as DocumentNode<CallStatusQuery, CallStatusQueryVariables>;
export const RecordingDocument = {"__meta__":{"hash":"sha256:06d69c2b6e4963abc0ac310c64a15cd67fc73532a72dfba1018e10a981f18cfd"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Recording"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recording"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"RecordingFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RecordingFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Recording"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"callControlId"}},{"kind":"Field","name":{"kind":"Name","value":"callLegId"}},{"kind":"Field","name":{"kind":"Name","value":"callSessionId"}},{"kind":"Field","name":{"kind":"Name","value":"conferenceId"}},{"kind":"Field","name":{"kind":"Name","value":"connectionId"}},{"kind":"Field","name":{"kind":"Name","value":"channels"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"telnyxStatus"}},{"kind":"Field","name":{"kind":"Name","value":"initiatedBy"}},{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"durationMillis"}},{"kind":"Field","name":{"kind":"Name","value":"downloadUrls"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mp3"}},{"kind":"Field","name":{"kind":"Name","value":"wav"}}]}},{"kind":"Field","name":{"kind":"Name","value":"recordingStartedAt"}},{"kind":"Field","name":{"kind":"Name","value":"recordingEndedAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]} as unknown as DocumentNode<RecordingQuery, RecordingQueryVariables>;
export const SameRecordingTwiceDocument = {"__meta__":{"hash":"sha256:1baff988d9469211537d2a360234f90ca2f7d6aa9b50be66f4fde828af5811fb"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SameRecordingTwice"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","alias":{"kind":"Name","value":"first"},"name":{"kind":"Name","value":"recording"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"second"},"name":{"kind":"Name","value":"recording"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"durationMillis"}}]}}]}}]} as unknown as DocumentNode<SameRecordingTwiceQuery, SameRecordingTwiceQueryVariables>;
export const RecordingsDocument = {"__meta__":{"hash":"sha256:4751fb35a95e67bd04173abb0073575330437868a7407e5550c62a2cf8436d42"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Recordings"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"RecordingFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordings"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"RecordingFields"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"hasPreviousPage"}},{"kind":"Field","name":{"kind":"Name","value":"startCursor"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RecordingFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Recording"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"callControlId"}},{"kind":"Field","name":{"kind":"Name","value":"callLegId"}},{"kind":"Field","name":{"kind":"Name","value":"callSessionId"}},{"kind":"Field","name":{"kind":"Name","value":"conferenceId"}},{"kind":"Field","name":{"kind":"Name","value":"connectionId"}},{"kind":"Field","name":{"kind":"Name","value":"channels"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"telnyxStatus"}},{"kind":"Field","name":{"kind":"Name","value":"initiatedBy"}},{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"durationMillis"}},{"kind":"Field","name":{"kind":"Name","value":"downloadUrls"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mp3"}},{"kind":"Field","name":{"kind":"Name","value":"wav"}}]}},{"kind":"Field","name":{"kind":"Name","value":"recordingStartedAt"}},{"kind":"Field","name":{"kind":"Name","value":"recordingEndedAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]} as unknown as DocumentNode<RecordingsQuery, RecordingsQueryVariables>;
export const StartPlaybackDocument = {"__meta__":{"hash":"sha256:ccc695bf6cb374fb824c18bdf2fa256b00c4610cbeb90472b384b14a03596dea"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"StartPlayback"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"StartPlaybackInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"startPlayback"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"callControlId"}},{"kind":"Field","name":{"kind":"Name","value":"commandId"}},{"kind":"Field","name":{"kind":"Name","value":"result"}},{"kind":"Field","name":{"kind":"Name","value":"cursor"}}]}}]}}]} as unknown as DocumentNode<StartPlaybackMutation, StartPlaybackMutationVariables>;
export const StopPlaybackDocument = {"__meta__":{"hash":"sha256:258546577f6e69ceeeeddda6534e59a2cd49b4456b81a5114d58ecf5677967be"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"StopPlayback"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"StopPlaybackInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"stopPlayback"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"callControlId"}},{"kind":"Field","name":{"kind":"Name","value":"commandId"}},{"kind":"Field","name":{"kind":"Name","value":"result"}},{"kind":"Field","name":{"kind":"Name","value":"cursor"}}]}}]}}]} as unknown as DocumentNode<StopPlaybackMutation, StopPlaybackMutationVariables>;
export const SpeakDocument = {"__meta__":{"hash":"sha256:ac730b36bd667fdafec7867a67e827de41c775a0a0930229d74ebad15c6cffd0"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Speak"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SpeakInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"speak"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"callControlId"}},{"kind":"Field","name":{"kind":"Name","value":"commandId"}},{"kind":"Field","name":{"kind":"Name","value":"result"}},{"kind":"Field","name":{"kind":"Name","value":"cursor"}}]}}]}}]} as unknown as DocumentNode<SpeakMutation, SpeakMutationVariables>;
export const StartRecordingDocument = {"__meta__":{"hash":"sha256:c70a9497ca13c9c4ea0df4de2833009e502ae7ed5951d919cf8c006abf08fb7b"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"StartRecording"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"StartRecordingInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"startRecording"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"callControlId"}},{"kind":"Field","name":{"kind":"Name","value":"commandId"}},{"kind":"Field","name":{"kind":"Name","value":"result"}},{"kind":"Field","name":{"kind":"Name","value":"cursor"}}]}}]}}]} as unknown as DocumentNode<StartRecordingMutation, StartRecordingMutationVariables>;
export const StopRecordingDocument = {"__meta__":{"hash":"sha256:b5c6a953a1bfa374f5612acc997cc9ff1a255d26476e966f01a7e52f0653ddbf"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"StopRecording"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"StopRecordingInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"stopRecording"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"callControlId"}},{"kind":"Field","name":{"kind":"Name","value":"commandId"}},{"kind":"Field","name":{"kind":"Name","value":"result"}},{"kind":"Field","name":{"kind":"Name","value":"cursor"}}]}}]}}]} as unknown as DocumentNode<StopRecordingMutation, StopRecordingMutationVariables>;
export const PauseRecordingDocument = {"__meta__":{"hash":"sha256:6869dd8902d4505d5d81cbf17bc03cb0f3ec14b22b19ffb1cd7a7351c81e97db"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PauseRecording"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PauseRecordingInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pauseRecording"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"callControlId"}},{"kind":"Field","name":{"kind":"Name","value":"commandId"}},{"kind":"Field","name":{"kind":"Name","value":"result"}},{"kind":"Field","name":{"kind":"Name","value":"cursor"}}]}}]}}]} as unknown as DocumentNode<PauseRecordingMutation, PauseRecordingMutationVariables>;
export const ResumeRecordingDocument = {"__meta__":{"hash":"sha256:cde81b6182f1e1139193f039bb83cf5c4db07d7c904fdb62c4d011387881e36e"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ResumeRecording"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ResumeRecordingInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"resumeRecording"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"callControlId"}},{"kind":"Field","name":{"kind":"Name","value":"commandId"}},{"kind":"Field","name":{"kind":"Name","value":"result"}},{"kind":"Field","name":{"kind":"Name","value":"cursor"}}]}}]}}]} as unknown as DocumentNode<ResumeRecordingMutation, ResumeRecordingMutationVariables>;
export const ActionEventsDocument = {"__meta__":{"hash":"sha256:da3132122efc9810021470d33efdc7cf00c5c6f9e748d9ace22ea08f5171f426"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"ActionEvents"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"callControlId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"callEvents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"callControlId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"callControlId"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"eventType"}},{"kind":"Field","name":{"kind":"Name","value":"callControlId"}},{"kind":"Field","name":{"kind":"Name","value":"clientState"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CallRecordingSaved"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordingId"}},{"kind":"Field","name":{"kind":"Name","value":"recording"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"callControlId"}},{"kind":"Field","name":{"kind":"Name","value":"durationMillis"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ActionEventsSubscription, ActionEventsSubscriptionVariables>;