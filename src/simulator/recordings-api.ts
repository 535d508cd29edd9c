/**
 * The Recordings API over the simulator's saved recordings (docs/telnyx-reference.md §4): `GET /v2/recordings`
 * with Telnyx's deepObject pagination and filters, newest first, and `GET /v2/recordings/{id}`.
 */
import { invalidQueryParameter, resourceNotFound } from './errors';
import type { SavedRecording } from './recording';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Finished recordings kept for the Recordings API; the oldest go first. */
const MAX_RECORDINGS = 10_000;

type AudioUrl = (recordingId: string, format: 'wav' | 'mp3') => string;

export class RecordingStore {
  private readonly recordings = new Map<string, SavedRecording>();

  add(recording: SavedRecording): void {
    this.recordings.set(recording.id, recording);
    if (this.recordings.size > MAX_RECORDINGS) this.recordings.delete(this.recordings.keys().next().value!);
  }

  get(id: string): SavedRecording | undefined {
    return this.recordings.get(id);
  }

  /** `GET /v2/recordings`: `{data, meta: {page_number, page_size, total_pages, total_results}}`. */
  list(query: URLSearchParams, audioUrl: AudioUrl): Record<string, unknown> {
    const pageNumber = pageParameter(query, 'page[number]', 1, Number.MAX_SAFE_INTEGER, 1);
    const pageSize = pageParameter(query, 'page[size]', 1, 250, 20);
    const matches = [...this.recordings.values()]
      .filter(filterFrom(query))
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
    const page = matches.slice((pageNumber - 1) * pageSize, pageNumber * pageSize);
    return {
      data: page.map((recording) => toTelnyx(recording, audioUrl)),
      meta: {
        page_number: pageNumber,
        page_size: pageSize,
        total_pages: Math.ceil(matches.length / pageSize),
        total_results: matches.length,
      },
    };
  }

  retrieve(id: string, audioUrl: AudioUrl): Record<string, unknown> {
    const recording = this.recordings.get(id);
    if (!recording) throw resourceNotFound('/recording_id');
    return { data: toTelnyx(recording, audioUrl) };
  }
}

function pageParameter(query: URLSearchParams, name: string, min: number, max: number, fallback: number): number {
  const raw = query.get(name);
  if (raw === null) return fallback;
  const value = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw invalidQueryParameter(
      name,
      '10033',
      'Value outside of range',
      `The value is outside of allowed range ${min} to ${max}`,
    );
  }
  return value;
}

function filterFrom(query: URLSearchParams): (recording: SavedRecording) => boolean {
  const checks: Array<(recording: SavedRecording) => boolean> = [];
  const exact: Array<[string, (recording: SavedRecording) => string]> = [
    ['call_control_id', (r) => r.callControlId],
    ['call_leg_id', (r) => r.callLegId],
    ['call_session_id', (r) => r.callSessionId],
    ['connection_id', (r) => r.connectionId],
    ['from', (r) => r.from],
    ['to', (r) => r.to],
  ];
  for (const [field, read] of exact) {
    const wanted = query.get(`filter[${field}]`);
    if (wanted === null) continue;
    if ((field === 'call_leg_id' || field === 'call_session_id') && !UUID.test(wanted)) {
      throw invalidQueryParameter(`filter[${field}]`, '10015', 'Invalid value', `filter[${field}] must be a UUID.`);
    }
    checks.push((recording) => read(recording) === wanted);
  }
  // Recordings of plain calls have no conference or SIP call id: such a filter matches nothing.
  for (const field of ['conference_id', 'conference_region', 'sip_call_id']) {
    if (query.get(`filter[${field}]`) !== null) checks.push(() => false);
  }
  const ranges: Array<[string, (recording: SavedRecording) => Date]> = [
    ['created_at', (r) => r.createdAt],
    ['start_time', (r) => r.startedAt],
    ['end_time', (r) => r.endedAt],
  ];
  for (const [field, read] of ranges) {
    for (const bound of ['gte', 'lte'] as const) {
      const name = `filter[${field}][${bound}]`;
      const raw = query.get(name);
      if (raw === null) continue;
      const limit = Date.parse(raw);
      if (Number.isNaN(limit))
        throw invalidQueryParameter(name, '10015', 'Invalid value', `${name} must be an ISO 8601 date-time.`);
      checks.push((recording) =>
        bound === 'gte' ? read(recording).getTime() >= limit : read(recording).getTime() <= limit,
      );
    }
  }
  return (recording) => checks.every((check) => check(recording));
}

function toTelnyx(recording: SavedRecording, audioUrl: AudioUrl): Record<string, unknown> {
  return {
    id: recording.id,
    record_type: 'recording',
    call_control_id: recording.callControlId,
    call_leg_id: recording.callLegId,
    call_session_id: recording.callSessionId,
    connection_id: recording.connectionId,
    channels: recording.channels,
    created_at: recording.createdAt.toISOString(),
    updated_at: recording.createdAt.toISOString(),
    recording_started_at: recording.startedAt.toISOString(),
    recording_ended_at: recording.endedAt.toISOString(),
    duration_millis: recording.durationMillis,
    download_urls: { [recording.format]: audioUrl(recording.id, recording.format) },
    from: recording.from,
    to: recording.to,
    initiated_by: 'StartCallRecordingAPI',
    source: 'call',
    status: 'completed',
  };
}
