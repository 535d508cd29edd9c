import type {
  ActionPauseRecordingParams,
  ActionPauseRecordingResponse,
  ActionResumeRecordingParams,
  ActionResumeRecordingResponse,
  ActionSpeakParams,
  ActionSpeakResponse,
  ActionStartPlaybackParams,
  ActionStartPlaybackResponse,
  ActionStartRecordingParams,
  ActionStartRecordingResponse,
  ActionStopPlaybackParams,
  ActionStopPlaybackResponse,
  ActionStopRecordingParams,
  ActionStopRecordingResponse,
} from 'telnyx/resources/calls/actions';
import type { CallRetrieveStatusResponse } from 'telnyx/resources/calls/calls';
import type {
  RecordingListParams,
  RecordingResponse,
  RecordingResponseData,
} from 'telnyx/resources/recordings/recordings';
import type { MediaKind } from '../events/catalogue';
import { BadUserInputError, UpstreamUnavailableError } from '../lib/errors';
import type { TelnyxClient } from './client';

/**
 * The Telnyx Call Control calls the gateway makes, typed with the official SDK's generated
 * request and response types (type-only imports), so drift from the real API fails the compiler.
 */

export type CallStatus = NonNullable<CallRetrieveStatusResponse['data']>;
export type Recording = RecordingResponseData;
export type RecordingFilter = NonNullable<RecordingListParams['filter']>;

/**
 * The spec lists `rime` among the speak voice settings; SDK 7.24 omits it (and adds `soniox`,
 * which the spec lacks), so its shape is written out from the spec here.
 */
export interface RimeVoiceSettings {
  type: 'rime';
  voice_speed?: number;
}
export type SpeakParams = Omit<ActionSpeakParams, 'voice_settings'> & {
  voice_settings?: NonNullable<ActionSpeakParams['voice_settings']> | RimeVoiceSettings;
};

/** `{ data: { result } }`, the same for all seven actions. */
export type CommandResponse = ActionStartPlaybackResponse;

export interface RecordingPage {
  data: Recording[];
  meta: { page_number: number; page_size: number; total_pages: number; total_results: number };
}

/**
 * Percent-encodes a path segment the way the SDK does (`internal/utils/path.ts`): RFC 3986 pchar
 * characters stay as they are, so `v3:` call control ids keep their colon.
 */
export function encodePathSegment(value: string): string {
  // "." and ".." (or empty) would change which resource the path names.
  if (/^\.{0,2}$/.test(value)) throw new BadUserInputError(`"${value}" is not a valid identifier`);
  return value.replace(/[^A-Za-z0-9\-._~!$&'()*+,;=:@]+/g, encodeURIComponent);
}

/**
 * The Telnyx call actions the gateway sends, with the media each starts or changes (a webhook about
 * that media links to the command's span). `callAction` takes only these names.
 */
export const TELNYX_ACTIONS = {
  playback_start: 'playback',
  playback_stop: 'playback',
  speak: 'speak',
  record_start: 'recording',
  record_stop: 'recording',
  record_pause: 'recording',
  record_resume: 'recording',
} as const satisfies Record<string, MediaKind>;

export type TelnyxAction = keyof typeof TELNYX_ACTIONS;

/** The media a Telnyx request acts on; none for look-ups. */
export function mediaKindOfAction(operation: string): MediaKind | undefined {
  return Object.hasOwn(TELNYX_ACTIONS, operation) ? TELNYX_ACTIONS[operation as TelnyxAction] : undefined;
}

function callAction<Params extends object, Response>(action: TelnyxAction) {
  return (client: TelnyxClient, callControlId: string, params: Params): Promise<Response> =>
    client.request<Response>({
      operation: action,
      method: 'POST',
      path: `/calls/${encodePathSegment(callControlId)}/actions/${action}`,
      body: params,
      callControlId,
    });
}

export const startPlayback = callAction<ActionStartPlaybackParams, ActionStartPlaybackResponse>('playback_start');
export const stopPlayback = callAction<ActionStopPlaybackParams, ActionStopPlaybackResponse>('playback_stop');
export const speak = callAction<SpeakParams, ActionSpeakResponse>('speak');
export const startRecording = callAction<ActionStartRecordingParams, ActionStartRecordingResponse>('record_start');
export const stopRecording = callAction<ActionStopRecordingParams, ActionStopRecordingResponse>('record_stop');
export const pauseRecording = callAction<ActionPauseRecordingParams, ActionPauseRecordingResponse>('record_pause');
export const resumeRecording = callAction<ActionResumeRecordingParams, ActionResumeRecordingResponse>('record_resume');

export async function retrieveCallStatus(client: TelnyxClient, callControlId: string): Promise<CallStatus> {
  const response = await client.request<CallRetrieveStatusResponse>({
    operation: 'call_status',
    method: 'GET',
    path: `/calls/${encodePathSegment(callControlId)}`,
  });
  if (!response.data) throw new UpstreamUnavailableError('Telnyx answered the call status without data');
  return response.data;
}

export async function retrieveRecording(client: TelnyxClient, recordingId: string): Promise<Recording> {
  const response = await client.request<RecordingResponse>({
    operation: 'recording_get',
    method: 'GET',
    path: `/recordings/${encodePathSegment(recordingId)}`,
  });
  if (!response.data) throw new UpstreamUnavailableError('Telnyx answered the recording without data');
  return response.data;
}

export interface ListRecordingsParams {
  pageNumber: number;
  pageSize: number;
  filter?: RecordingFilter;
}

export async function listRecordings(client: TelnyxClient, params: ListRecordingsParams): Promise<RecordingPage> {
  const query = new URLSearchParams({
    'page[number]': String(params.pageNumber),
    'page[size]': String(params.pageSize),
  });
  appendDeepObject(query, 'filter', params.filter ?? {});
  const response = await client.request<Partial<RecordingPage>>({
    operation: 'recordings_list',
    method: 'GET',
    path: '/recordings',
    query,
  });
  const data = response.data ?? [];
  return {
    data,
    meta: {
      page_number: response.meta?.page_number ?? params.pageNumber,
      page_size: response.meta?.page_size ?? params.pageSize,
      total_pages: response.meta?.total_pages ?? 1,
      total_results: response.meta?.total_results ?? data.length,
    },
  };
}

/** OpenAPI `style: deepObject, explode: true`: `filter[created_at][gte]=...`. */
function appendDeepObject(query: URLSearchParams, prefix: string, value: object): void {
  for (const [key, entry] of Object.entries(value)) {
    if (entry === undefined || entry === null) continue;
    if (typeof entry === 'object') appendDeepObject(query, `${prefix}[${key}]`, entry);
    else query.append(`${prefix}[${key}]`, String(entry));
  }
}
