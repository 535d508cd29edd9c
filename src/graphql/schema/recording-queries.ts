import { z } from 'zod';
import type { TelnyxClient } from '../../telnyx/client';
import { listRecordings, type Recording, type RecordingFilter } from '../../telnyx/actions';
import { callControlIdSchema, uuidSchema } from './action-payload';
import { builder } from './builder';
import { connectionType, type ConnectionShape } from './page-info';
import { assertMayRead, RecordingRef } from './recording';

/** `first` bounds: Telnyx's `page[size]` is 1–250. */
export const RECORDINGS_MAX_PAGE_SIZE = 250;
const RECORDINGS_DEFAULT_FIRST = 20;
/** Telnyx numbers pages from 1; no documented maximum, so positions are bounded to keep page numbers sane. */
const MAX_RECORDING_POSITION = 10_000_000;

/**
 * A cursor is the recording's position in Telnyx's list (0 = newest), opaque to clients. Telnyx
 * pages by number and size, so the position alone lets any `first` continue after any cursor.
 */
function recordingCursor(position: number): string {
  return Buffer.from(`recordings:${position}`, 'utf8').toString('base64url');
}

function positionOfCursor(cursor: string): number | null {
  const match = /^recordings:(\d{1,8})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  const position = match ? Number(match[1]) : NaN;
  return Number.isSafeInteger(position) && position < MAX_RECORDING_POSITION ? position : null;
}

interface RecordingEdgeShape {
  cursor: string;
  node: Recording;
}

const RecordingConnection = connectionType<RecordingEdgeShape, Recording>(
  'Recording',
  RecordingRef,
  (edge) => edge.node,
  {
    connection: 'A page of recordings, newest first, as a Relay connection.',
    edge: 'One recording and the cursor to continue after it.',
    cursor: 'Pass as `recordings(after:)` to continue after this recording.',
    node: 'The recording.',
    edges: 'The recordings of this page.',
    pageInfo: 'Where this page is in the list.',
    totalCount: 'Recordings matching the filter, as Telnyx counts them.',
  },
);

/**
 * The `first` recordings from `position` on: the Telnyx page of size `first` that holds `position`,
 * and the next page too when the window straddles two (at most two requests).
 *
 * Telnyx's pages are slices of one ordered list, so a page shorter than asked for ends the list,
 * whatever its (possibly stale) `total_results` says: recordings deleted between two reads leave
 * an empty page where the count still promised more. A page with no edge has no cursor to continue
 * from, so it never says there is more.
 */
async function recordingsFrom(
  telnyx: TelnyxClient,
  position: number,
  first: number,
  filter: RecordingFilter,
): Promise<ConnectionShape<RecordingEdgeShape>> {
  const pageNumber = Math.floor(position / first) + 1;
  const skip = position % first;
  const page = await listRecordings(telnyx, { pageNumber, pageSize: first, filter });
  let items = page.data.slice(skip);
  let totalCount = page.meta.total_results;
  let listEnded = page.data.length < first;
  if (skip > 0 && !listEnded && pageNumber < page.meta.total_pages) {
    const next = await listRecordings(telnyx, { pageNumber: pageNumber + 1, pageSize: first, filter });
    items = items.concat(next.data.slice(0, skip));
    totalCount = next.meta.total_results;
    listEnded = next.data.length <= skip;
  }
  return {
    edges: items.map((node, index) => ({ cursor: recordingCursor(position + index), node })),
    hasNextPage: items.length > 0 && !listEnded && position + items.length < totalCount,
    hasPreviousPage: position > 0,
    totalCount,
  };
}

// ---- queries ----

const DateTimeRange = builder.inputType('DateTimeRange', {
  description: 'Inclusive bounds; either may be left out.',
  fields: (t) => ({
    gte: t.field({ type: 'DateTime', description: 'At or after this instant.' }),
    lte: t.field({ type: 'DateTime', description: 'At or before this instant.' }),
  }),
});

const boundedText = z.string().min(1).max(256);

const RecordingFilterInput = builder.inputType('RecordingFilter', {
  description: 'Telnyx `filter[...]` of `GET /recordings`; string matches are exact and case-sensitive.',
  fields: (t) => ({
    callControlId: t.id({ description: 'Recorded on this call.', validate: callControlIdSchema }),
    callLegId: t.string({ description: 'Recorded on this call leg (a UUID).', validate: uuidSchema }),
    callSessionId: t.string({ description: 'Recorded in this call session (a UUID).', validate: uuidSchema }),
    conferenceId: t.string({ description: 'Recorded in this conference (1–256 characters).', validate: boundedText }),
    conferenceRegion: t.string({ description: 'Conference region (1–256 characters).', validate: boundedText }),
    connectionId: t.string({ description: 'Call Control Application id (1–256 characters).', validate: boundedText }),
    from: t.string({ description: 'Calling number or SIP URI (1–256 characters).', validate: boundedText }),
    to: t.string({ description: 'Called number or SIP URI (1–256 characters).', validate: boundedText }),
    sipCallId: t.string({ description: 'SIP Call-ID (1–256 characters).', validate: boundedText }),
    createdAt: t.field({ type: DateTimeRange, description: 'When Telnyx stored it.' }),
    startTime: t.field({ type: DateTimeRange, description: 'When recording started.' }),
    endTime: t.field({ type: DateTimeRange, description: 'When recording ended.' }),
  }),
});

type RecordingFilterShape = typeof RecordingFilterInput.$inferInput;
type RangeShape = typeof DateTimeRange.$inferInput;

function range(value: RangeShape | null | undefined): { gte?: string; lte?: string } | undefined {
  if (!value) return undefined;
  return { gte: value.gte?.toISOString(), lte: value.lte?.toISOString() };
}

function recordingFilterParams(filter: RecordingFilterShape | null | undefined): RecordingFilter {
  if (!filter) return {};
  return {
    call_control_id: filter.callControlId == null ? undefined : String(filter.callControlId),
    call_leg_id: filter.callLegId ?? undefined,
    call_session_id: filter.callSessionId ?? undefined,
    conference_id: filter.conferenceId ?? undefined,
    conference_region: filter.conferenceRegion ?? undefined,
    connection_id: filter.connectionId ?? undefined,
    from: filter.from ?? undefined,
    to: filter.to ?? undefined,
    sip_call_id: filter.sipCallId ?? undefined,
    created_at: range(filter.createdAt),
    start_time: range(filter.startTime),
    end_time: range(filter.endTime),
  };
}

builder.queryField('recording', (t) =>
  t.field({
    type: RecordingRef,
    nullable: true,
    description: 'One recording by id; null when Telnyx does not know it.',
    args: {
      id: t.arg.id({
        required: true,
        description: 'The Telnyx recording id.',
        validate: z.string().regex(/^[\x21-\x7e]{1,256}$/, 'is not a recording id'),
      }),
    },
    authScopes: { eventsRead: true },
    resolve: async (_root, args, context) => {
      const recording = await context.loaders.recording.load(String(args.id));
      if (recording) assertMayRead(context, recording);
      return recording;
    },
  }),
);

builder.queryField('recordings', (t) =>
  t.field({
    type: RecordingConnection,
    nullable: false,
    description:
      'Recordings, newest first as Telnyx orders them, as a Relay connection: `first` (1–250, default 20) after the ' +
      '`after` cursor. A token limited to some calls must filter by one of its `callControlId`s (FORBIDDEN otherwise).',
    args: {
      first: t.arg.int({
        defaultValue: RECORDINGS_DEFAULT_FIRST,
        description: `How many recordings, 1–${RECORDINGS_MAX_PAGE_SIZE} (Telnyx's page size bound); default ${RECORDINGS_DEFAULT_FIRST}.`,
        validate: z.number().int().min(1).max(RECORDINGS_MAX_PAGE_SIZE),
      }),
      after: t.arg.string({
        description:
          "Continue after this cursor (an edge's `cursor` or `pageInfo.endCursor`); omitted: from the newest.",
        validate: z
          .string()
          .max(64)
          .refine((cursor) => positionOfCursor(cursor) !== null, 'is not a cursor of recordings'),
      }),
      filter: t.arg({ type: RecordingFilterInput, description: 'Only recordings matching every field given.' }),
    },
    authScopes: (_root, args, context) =>
      context.principal.calls === null
        ? { eventsRead: true }
        : {
            $all: {
              eventsRead: true,
              call: args.filter?.callControlId == null ? '' : String(args.filter.callControlId),
            },
          },
    resolve: async (_root, args, context) => {
      const position = args.after == null ? 0 : positionOfCursor(args.after)! + 1;
      const connection = await recordingsFrom(
        context.telnyx,
        position,
        args.first ?? RECORDINGS_DEFAULT_FIRST,
        recordingFilterParams(args.filter),
      );
      for (const edge of connection.edges) assertMayRead(context, edge.node);
      return connection;
    },
  }),
);
