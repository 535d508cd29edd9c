import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeEvent } from '../events/make-event';
import {
  CallStatusDocument,
  RecordingDocument,
  RecordingsDocument,
  SameRecordingTwiceDocument,
  StartRecordingDocument,
  StopPlaybackDocument,
} from '../generated/graphql';
import { OK_REPLY, telnyxErrorReply, type RecordedRequest } from '../support/fake-telnyx';
import { errorCode } from '../support/clients';
import { startGateway, type Harness } from '../support/gateway';
import { waitFor } from '../support/wait';
import { CALL, OTHER_CALL, schemaSuiteGateway } from './principals';

const LEG = '2dc6fc34-f9e0-11ea-b68e-02420a0f7768';
const SESSION = '2dc1b3c8-f9e0-11ea-bc5a-02420a0f7768';
const RECORDING_ID = '428c31b6-7af4-4bcb-b7f5-5013ef9657c1';

const callStatus = {
  call_control_id: CALL,
  call_duration: 50,
  call_leg_id: LEG,
  call_session_id: SESSION,
  client_state: Buffer.from('agent=Zoë').toString('base64'),
  end_time: '2019-01-23T18:11:52.574Z',
  is_alive: false,
  record_type: 'call',
  start_time: '2019-01-23T18:10:02.574Z',
};

function recording(id: string, callControlId = CALL) {
  return {
    id,
    record_type: 'recording',
    call_control_id: callControlId,
    call_leg_id: LEG,
    call_session_id: SESSION,
    conference_id: null,
    connection_id: '175237942907135762',
    channels: 'dual',
    created_at: '2019-03-29T11:10:19.123Z',
    updated_at: '2019-03-29T11:10:19.123Z',
    recording_started_at: '2019-03-29T11:10:00.000Z',
    recording_ended_at: '2019-03-29T11:10:19.000Z',
    duration_millis: 19000,
    download_urls: { mp3: `https://example.com/${id}.mp3`, wav: `https://example.com/${id}.wav` },
    from: '+15551230000',
    to: '+15551239999',
    initiated_by: 'StartCallRecordingAPI',
    source: 'call',
    status: 'completed',
  };
}

/** The recordings Telnyx lists, newest first. */
const ALL_RECORDINGS = [RECORDING_ID, 'rec-2', 'rec-3', 'rec-4', 'rec-5', 'rec-6', 'rec-7', 'rec-8', 'rec-9'];

/** Answers call status and recordings like Telnyx would, for the ids the tests use. */
function telnyxLike(request: RecordedRequest) {
  if (request.method === 'GET' && request.pathname === `/v2/calls/${CALL}`)
    return { status: 200, body: { data: callStatus } };
  const recordingMatch = /^\/v2\/recordings\/(.+)$/.exec(request.pathname);
  if (request.method === 'GET' && recordingMatch?.[1] === RECORDING_ID)
    return { status: 200, body: { data: recording(RECORDING_ID) } };
  if (request.method === 'GET' && recordingMatch?.[1] === 'rec-of-other-call')
    return { status: 200, body: { data: recording('rec-of-other-call', OTHER_CALL) } };
  if (request.method === 'GET' && request.pathname === '/v2/recordings') {
    // Telnyx pages by number (from 1) and size over its list, newest first.
    const number = Number(request.query.get('page[number]'));
    const size = Number(request.query.get('page[size]'));
    const data = ALL_RECORDINGS.slice((number - 1) * size, number * size).map((id) => recording(id));
    const meta = {
      page_number: number,
      page_size: size,
      total_pages: Math.ceil(ALL_RECORDINGS.length / size),
      total_results: ALL_RECORDINGS.length,
    };
    return { status: 200, body: { data, meta } };
  }
  if (request.method === 'POST') return OK_REPLY;
  return telnyxErrorReply(404, '10005', 'Resource not found');
}

let harness: Harness;

beforeAll(async () => {
  harness = await startGateway(schemaSuiteGateway);
});
afterAll(async () => {
  await harness.close();
});
beforeEach(() => {
  harness.telnyx.requests.length = 0;
  harness.telnyx.setFallback(telnyxLike);
});

describe('call(callControlId)', () => {
  it('returns the Telnyx call status with decoded client state and an events cursor', async () => {
    const before = await harness.events.latestCursor();
    const result = await harness.execute(CallStatusDocument, { callControlId: CALL });
    expect(result.errors).toBeUndefined();
    expect(result.data?.call).toEqual({
      id: CALL,
      callControlId: CALL,
      callLegId: LEG,
      callSessionId: SESSION,
      isAlive: false,
      callDuration: 50,
      startTime: '2019-01-23T18:10:02.574Z',
      endTime: '2019-01-23T18:11:52.574Z',
      clientState: 'agent=Zoë',
      clientStateBase64: callStatus.client_state,
      eventsCursor: before,
    });
    expect(harness.telnyx.requests.map((request) => `${request.method} ${request.url}`)).toEqual([
      `GET /v2/calls/${CALL}`,
    ]);
  });

  it('shows binary client state only as base64', async () => {
    const binary = Buffer.from([0xff, 0x00, 0xfe]).toString('base64');
    harness.telnyx.enqueue({ status: 200, body: { data: { ...callStatus, client_state: binary } } });
    const result = await harness.execute(CallStatusDocument, { callControlId: CALL });
    expect(result.data?.call).toMatchObject({ clientState: null, clientStateBase64: binary });
  });

  it('is null for a call Telnyx does not know (404, or 422 code 90015)', async () => {
    expect((await harness.execute(CallStatusDocument, { callControlId: 'v3:unknown' })).data).toEqual({ call: null });
    harness.telnyx.enqueue(telnyxErrorReply(422, '90015', 'Invalid Call Control ID'));
    const result = await harness.execute(CallStatusDocument, { callControlId: 'v3:unknown' });
    expect(result).toEqual({ data: { call: null } });
  });

  it('teaches the event bus the call leg, so a recording event without call_control_id is routed', async () => {
    await harness.execute(CallStatusDocument, { callControlId: CALL });
    const delivered = await harness.events.publish(
      makeEvent({ callControlId: null, callLegId: LEG, id: `evt-${Date.now()}` }) as never,
    );
    expect(delivered?.callControlId).toBe(CALL);
  });

  it("is FORBIDDEN for a call outside the token's calls, without asking Telnyx", async () => {
    const result = await harness.execute(CallStatusDocument, { callControlId: OTHER_CALL }, 'limited');
    expect(errorCode(result)).toBe('FORBIDDEN');
    expect(harness.telnyx.requests).toEqual([]);
  });
});

describe('startRecording learns the call leg in the background', () => {
  it('fetches the call status after Telnyx accepted record_start, and routes a leg-only event', async () => {
    const leg = 'b2f6a1de-0000-4000-8000-00000000abcd';
    harness.telnyx.setFallback((request) =>
      request.method === 'GET'
        ? { status: 200, body: { data: { ...callStatus, call_control_id: 'v3:rec-call', call_leg_id: leg } } }
        : OK_REPLY,
    );
    const result = await harness.execute(StartRecordingDocument, {
      input: { callControlId: 'v3:rec-call', format: 'MP3', channels: 'SINGLE' },
    });
    expect(result.errors).toBeUndefined();
    await harness.telnyx.waitForRequests(2);
    expect(harness.telnyx.requests.map((request) => `${request.method} ${request.url}`)).toEqual([
      'POST /v2/calls/v3:rec-call/actions/record_start',
      'GET /v2/calls/v3:rec-call',
    ]);
    // The bus learns the leg right after the status arrives.
    let attempt = 0;
    const delivered = await waitFor(async () => {
      const event = await harness.events.publish(
        makeEvent({ callControlId: null, callLegId: leg, id: `evt-${attempt++}-${Date.now()}` }) as never,
      );
      return event?.callControlId === 'v3:rec-call' && event;
    }, 'a leg-only event routed to the call');
    expect(delivered.callControlId).toBe('v3:rec-call');
  });
});

describe('mutation cursors', () => {
  it('returns the cursor read before the command, so callEvents(after: cursor) gets exactly the events after it', async () => {
    await harness.events.publish(makeEvent({ callControlId: CALL, id: `before-${Date.now()}` }) as never);
    const result = await harness.execute(StopPlaybackDocument, { input: { callControlId: CALL } });
    const cursor = result.data!.stopPlayback.cursor;
    expect(cursor).toBe(await harness.events.latestCursor());
    const caused = await harness.events.publish(
      makeEvent({ callControlId: CALL, id: `caused-${Date.now()}` }) as never,
    );
    const abort = new AbortController();
    const iterator = harness.events.subscribe({ callControlId: CALL, after: cursor }, abort.signal);
    const first = await iterator.next();
    abort.abort();
    expect(first.value?.id).toBe(caused?.id);
  });
});

describe('recording(id)', () => {
  it('answers a status Telnyx added later as OTHER with the raw value beside it, and an unknown channel layout as null', async () => {
    harness.telnyx.enqueue({
      status: 200,
      body: { data: { ...recording(RECORDING_ID), status: 'archived', channels: 'quad' } },
    });
    const result = await harness.execute(RecordingDocument, { id: RECORDING_ID });
    expect(result.errors).toBeUndefined();
    expect(result.data?.recording).toMatchObject({
      id: RECORDING_ID,
      status: 'OTHER',
      telnyxStatus: 'archived',
      channels: null,
    });
  });

  it('returns every field of a Telnyx recording', async () => {
    const result = await harness.execute(RecordingDocument, { id: RECORDING_ID });
    expect(result.errors).toBeUndefined();
    expect(result.data?.recording).toEqual({
      id: RECORDING_ID,
      callControlId: CALL,
      callLegId: LEG,
      callSessionId: SESSION,
      conferenceId: null,
      connectionId: '175237942907135762',
      channels: 'DUAL',
      source: 'call',
      status: 'COMPLETED',
      telnyxStatus: 'completed',
      initiatedBy: 'StartCallRecordingAPI',
      from: '+15551230000',
      to: '+15551239999',
      durationMillis: 19000,
      downloadUrls: { mp3: `https://example.com/${RECORDING_ID}.mp3`, wav: `https://example.com/${RECORDING_ID}.wav` },
      recordingStartedAt: '2019-03-29T11:10:00.000Z',
      recordingEndedAt: '2019-03-29T11:10:19.000Z',
      createdAt: '2019-03-29T11:10:19.123Z',
      updatedAt: '2019-03-29T11:10:19.123Z',
    });
    expect(harness.telnyx.requests.map((request) => request.url)).toEqual([`/v2/recordings/${RECORDING_ID}`]);
  });

  it('fetches a recording asked for twice in one request only once (DataLoader)', async () => {
    const result = await harness.execute(SameRecordingTwiceDocument, { id: RECORDING_ID });
    expect(result.data).toEqual({ first: { id: RECORDING_ID }, second: { id: RECORDING_ID, durationMillis: 19000 } });
    expect(harness.telnyx.requests).toHaveLength(1);
  });

  it('fetches again in the next request (loaders are per request)', async () => {
    await harness.execute(RecordingDocument, { id: RECORDING_ID });
    await harness.execute(RecordingDocument, { id: RECORDING_ID });
    expect(harness.telnyx.requests).toHaveLength(2);
  });

  it('is null for an unknown recording', async () => {
    expect(await harness.execute(RecordingDocument, { id: 'unknown' })).toEqual({ data: { recording: null } });
  });

  it('is FORBIDDEN for a token limited to other calls', async () => {
    const result = await harness.execute(RecordingDocument, { id: 'rec-of-other-call' }, 'limited');
    expect(errorCode(result)).toBe('FORBIDDEN');
    expect(result.data).toEqual({ recording: null });
    const allowed = await harness.execute(RecordingDocument, { id: RECORDING_ID }, 'limited');
    expect(allowed.data?.recording?.id).toBe(RECORDING_ID);
  });
});

describe('recordings(...)', () => {
  it('sends every filter as a deepObject and answers a Relay connection', async () => {
    const result = await harness.execute(RecordingsDocument, {
      first: 2,
      filter: {
        callControlId: CALL,
        callLegId: LEG,
        callSessionId: SESSION,
        conferenceId: 'conf-1',
        conferenceRegion: 'us',
        connectionId: '175237942907135762',
        from: '+15551230000',
        to: '+15551239999',
        sipCallId: 'sip-abc',
        createdAt: { gte: '2019-03-29T11:10:00Z', lte: '2019-03-30T11:10:00Z' },
        startTime: { gte: '2019-03-29T00:00:00Z' },
        endTime: { lte: '2019-03-31T00:00:00.000+02:00' },
      },
    });
    expect(result.errors).toBeUndefined();
    const connection = result.data!.recordings;
    expect(connection.edges.map((edge) => edge.node.id)).toEqual([RECORDING_ID, 'rec-2']);
    expect(connection.totalCount).toBe(9);
    expect(connection.pageInfo).toMatchObject({
      hasNextPage: true,
      hasPreviousPage: false,
      endCursor: connection.edges[1]!.cursor,
    });
    const [request] = harness.telnyx.requests;
    expect(request?.pathname).toBe('/v2/recordings');
    expect(Object.fromEntries(request!.query)).toEqual({
      'page[number]': '1',
      'page[size]': '2',
      'filter[call_control_id]': CALL,
      'filter[call_leg_id]': LEG,
      'filter[call_session_id]': SESSION,
      'filter[conference_id]': 'conf-1',
      'filter[conference_region]': 'us',
      'filter[connection_id]': '175237942907135762',
      'filter[from]': '+15551230000',
      'filter[to]': '+15551239999',
      'filter[sip_call_id]': 'sip-abc',
      'filter[created_at][gte]': '2019-03-29T11:10:00.000Z',
      'filter[created_at][lte]': '2019-03-30T11:10:00.000Z',
      'filter[start_time][gte]': '2019-03-29T00:00:00.000Z',
      'filter[end_time][lte]': '2019-03-30T22:00:00.000Z',
    });
  });

  it('walks the whole list with first/after, each recording once, whatever `first` each page uses', async () => {
    const seen: string[] = [];
    let after: string | null | undefined;
    for (const first of [2, 3, 1, 4, 4]) {
      const result = await harness.execute(RecordingsDocument, { first, after });
      expect(result.errors).toBeUndefined();
      const { edges, pageInfo } = result.data!.recordings;
      seen.push(...edges.map((edge) => edge.node.id));
      expect(pageInfo.hasPreviousPage).toBe(after != null);
      after = pageInfo.endCursor;
      if (!pageInfo.hasNextPage) break;
    }
    expect(seen).toEqual(ALL_RECORDINGS);
    // A window straddling two Telnyx pages costs two requests, never more.
    expect(harness.telnyx.requests.length).toBeLessThanOrEqual(2 * 5);
  });

  it('keeps cursors opaque (no page number in sight) and refuses one it did not make', async () => {
    const first = await harness.execute(RecordingsDocument, { first: 1 });
    const cursor = first.data!.recordings.pageInfo.endCursor!;
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor).not.toMatch(/^\d+$|page/);
    for (const bad of ['1', 'not-a-cursor', Buffer.from('recordings:-1').toString('base64url')]) {
      const result = await harness.execute(RecordingsDocument, { after: bad });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    }
  });

  it('ends with hasNextPage false and an empty page past the end', async () => {
    const last = await harness.execute(RecordingsDocument, { first: 250 });
    expect(last.data!.recordings.edges).toHaveLength(9);
    expect(last.data!.recordings.pageInfo.hasNextPage).toBe(false);
    const past = await harness.execute(RecordingsDocument, { after: last.data!.recordings.pageInfo.endCursor });
    expect(past.data!.recordings).toMatchObject({ edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
  });

  it('never says there is more without a cursor: an empty page under a stale count ends the list', async () => {
    let listed = Array.from({ length: 25 }, (_, index) => `rec-${index}`);
    harness.telnyx.setFallback((request) => {
      const number = Number(request.query.get('page[number]'));
      const size = Number(request.query.get('page[size]'));
      const data = listed.slice((number - 1) * size, number * size).map((id) => recording(id));
      // Telnyx's count lags behind deletions.
      return {
        status: 200,
        body: { data, meta: { page_number: number, page_size: size, total_pages: 3, total_results: 45 } },
      };
    });
    const first = await harness.execute(RecordingsDocument, { first: 20 });
    expect(first.data!.recordings.pageInfo.hasNextPage).toBe(true);
    listed = listed.slice(0, 9);
    const { endCursor } = first.data!.recordings.pageInfo;
    const next = await harness.execute(RecordingsDocument, { first: 20, after: endCursor });
    expect(next.data!.recordings).toMatchObject({ edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
    const again = await harness.execute(RecordingsDocument, { first: 20 });
    expect(again.data!.recordings.edges).toHaveLength(9);
    expect(again.data!.recordings.pageInfo.hasNextPage).toBe(false);
  });

  it('says there is more only when a window straddling two pages ends before the list does', async () => {
    const page = async (first: number, after?: string | null) =>
      (await harness.execute(RecordingsDocument, { first, after })).data!.recordings;
    // After position 4, first 4: page 2 (4–7) and page 3 (8 alone): 5–8, and nothing after.
    const end = await page(4, (await page(5)).pageInfo.endCursor);
    expect(end.edges.map((edge) => edge.node.id)).toEqual(ALL_RECORDINGS.slice(5, 9));
    expect(end.pageInfo.hasNextPage).toBe(false);
    // After position 2, first 2: page 2 (2–3) and page 3 (4–5): 3–4, and 5 onwards follow.
    const middle = await page(2, (await page(3)).pageInfo.endCursor);
    expect(middle.edges.map((edge) => edge.node.id)).toEqual(ALL_RECORDINGS.slice(3, 5));
    expect(middle.pageInfo.hasNextPage).toBe(true);
  });

  it('defaults to page 1 of 20 with no filter', async () => {
    await harness.execute(RecordingsDocument, {});
    expect(harness.telnyx.requests[0]?.url).toBe('/v2/recordings?page%5Bnumber%5D=1&page%5Bsize%5D=20');
  });

  it('requires a token limited to some calls to filter by one of them', async () => {
    const unfiltered = await harness.execute(RecordingsDocument, {}, 'limited');
    expect(errorCode(unfiltered)).toBe('FORBIDDEN');
    const otherCall = await harness.execute(RecordingsDocument, { filter: { callControlId: OTHER_CALL } }, 'limited');
    expect(errorCode(otherCall)).toBe('FORBIDDEN');
    expect(harness.telnyx.requests).toEqual([]);
    const ownCall = await harness.execute(RecordingsDocument, { filter: { callControlId: CALL } }, 'limited');
    expect(ownCall.errors).toBeUndefined();
    expect(harness.telnyx.requests[0]?.query.get('filter[call_control_id]')).toBe(CALL);
  });

  it('maps a Telnyx 401 on the recordings API to TELNYX_ERROR', async () => {
    harness.telnyx.enqueue({ status: 401, body: { errors: [{ code: '401', title: 'Unauthorized' }] } });
    const result = await harness.execute(RecordingsDocument, {});
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'TELNYX_ERROR', telnyx: { status: 401 } });
  });
});

describe('authorisation of mutations', () => {
  it("is FORBIDDEN to act on a call outside the token's calls, and Telnyx hears nothing", async () => {
    const result = await harness.execute(StopPlaybackDocument, { input: { callControlId: OTHER_CALL } }, 'limited');
    expect(errorCode(result)).toBe('FORBIDDEN');
    expect(result.errors?.[0]?.message).toBe('Not authorized to resolve Mutation.stopPlayback');
    expect(harness.telnyx.requests).toEqual([]);
  });

  it('is FORBIDDEN without the media:write scope', async () => {
    const result = await harness.execute(StopPlaybackDocument, { input: { callControlId: CALL } }, 'readOnly');
    expect(errorCode(result)).toBe('FORBIDDEN');
    expect(result.errors?.[0]?.message).toBe('Not authorized to resolve Mutation.stopPlayback');
    expect(harness.telnyx.requests).toEqual([]);
  });

  it('lets a limited token act on its own call', async () => {
    const result = await harness.execute(StopPlaybackDocument, { input: { callControlId: CALL } }, 'limited');
    expect(result.errors).toBeUndefined();
    expect(harness.telnyx.requests).toHaveLength(1);
  });
});
