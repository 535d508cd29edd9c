import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import type { CallRecordingSavedEvent } from '../../src/events/types';
import { makeEvent } from '../events/make-event';
import { subscribeSse, subscribeWs, type GraphQLResult } from '../support/clients';
import { startGateway, type Harness } from '../support/gateway';
import { postSignedWebhook } from '../support/signing';
import { transportsRunning } from '../support/transports';
import { newCall } from '../support/webhooks';

/**
 * An error raised by a field carries that field's `path` and `locations` (GraphQL spec, "Errors"),
 * masked or not, on every transport: a client must be able to tell which field failed.
 */
const CALL = 'v3:field-errors';
/** Telnyx answers with a value the schema's Int cannot represent: graphql-js fails the field, and the gateway masks it. */
const UNREADABLE_DURATION = 'fifty';

let harness: Harness;

beforeAll(async () => {
  harness = await startGateway({ auth: 'off' });
});
afterAll(async () => {
  await harness.close();
});
beforeEach(() => {
  harness.telnyx.setFallback((request) => {
    if (request.pathname === `/v2/calls/${CALL}`) {
      const status = { call_control_id: CALL, call_leg_id: 'leg', call_session_id: 'session', is_alive: true };
      return { status: 200, body: { data: { ...status, call_duration: UNREADABLE_DURATION } } };
    }
    const recording = /^\/v2\/recordings\/(.+)$/.exec(request.pathname)?.[1];
    if (recording) return { status: 200, body: { data: { id: recording, duration_millis: UNREADABLE_DURATION } } };
    if (request.pathname === '/v2/recordings') {
      const data = ['rec-1', 'rec-2'].map((id) => ({ id, duration_millis: UNREADABLE_DURATION }));
      return { status: 200, body: { data, meta: { page_number: 1, page_size: 20, total_pages: 1, total_results: 2 } } };
    }
    return { status: 404, body: { errors: [{ code: '10005', title: 'Resource not found' }] } };
  });
});

function expectMaskedFieldErrors(result: GraphQLResult, paths: Array<Array<string | number>>) {
  expect(result.errors?.map((error) => error.path)).toEqual(paths);
  for (const error of result.errors ?? []) {
    expect(error.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(error.message).not.toContain(UNREADABLE_DURATION);
    expect(error.locations).toEqual([expect.objectContaining({ line: 1 })]);
  }
}

describe.each(transportsRunning('query'))('an unexpected field error over $name', (transport) => {
  it('keeps the path and locations of the field that failed', async () => {
    const [result] = (
      await transport.run(harness, { query: `{ call(callControlId: "${CALL}") { callControlId callDuration } }` })
    ).results;
    expect(result?.data).toEqual({ call: { callControlId: CALL, callDuration: null } });
    expectMaskedFieldErrors(result!, [['call', 'callDuration']]);
  });

  it('names each item of a list that failed', async () => {
    const [result] = (
      await transport.run(harness, { query: '{ recordings { edges { node { id durationMillis } } } }' })
    ).results;
    expectMaskedFieldErrors(result!, [
      ['recordings', 'edges', 0, 'node', 'durationMillis'],
      ['recordings', 'edges', 1, 'node', 'durationMillis'],
    ]);
  });
});

describe('an unexpected field error in a subscription event', () => {
  const recordingQuery = (callControlId: string) =>
    `subscription { recordingEvents(callControlId: "${callControlId}") { ... on CallRecordingSaved { recording { id durationMillis } } } }`;

  it('keeps its path over graphql-ws and SSE, for a field read from Telnyx per subscriber', async () => {
    const call = newCall();
    const ws = subscribeWs(harness.wsClient(), recordingQuery(call.callControlId), undefined, { limit: 1 });
    const sse = await subscribeSse(harness.url, recordingQuery(call.callControlId));
    onTestFinished(() => sse.cancel());
    await harness.waitForSubscribers(2);
    const saved = call.webhook('call.recording.saved', { recording_id: 'rec-saved', channels: 'single' });
    expect((await postSignedWebhook(harness.webhookUrl, saved)).status).toBe(200);
    for (const [result] of [await ws.collected.waitFor(1), await sse.collected.waitFor(1)]) {
      expect(result?.data).toEqual({ recordingEvents: { recording: { id: 'rec-saved', durationMillis: null } } });
      expectMaskedFieldErrors(result!, [['recordingEvents', 'recording', 'durationMillis']]);
    }
  });

  it('keeps its path in a result shared between subscribers (websockets) and over SSE', async () => {
    const callControlId = 'v3:shared-result';
    const query = `subscription { callEvents(callControlId: "${callControlId}") { ... on CallRecordingSaved { recordingStartedAt } } }`;
    const ws = subscribeWs(harness.wsClient(), query, undefined, { limit: 1 });
    const sse = await subscribeSse(harness.url, query);
    onTestFinished(() => sse.cancel());
    await harness.waitForSubscribers(2);
    // An event as a Redis log written by another version could hold it: a time that is not one.
    const event: CallRecordingSavedEvent = {
      ...makeEvent({ callControlId }),
      eventType: 'call.recording.saved',
      recordingId: 'rec-1',
      channels: 'single',
      format: 'mp3',
      recordingStartedAt: 'not a time',
      recordingEndedAt: null,
      recordingUrls: null,
      publicRecordingUrls: null,
    };
    await harness.events.publish(event);
    for (const [result] of [await ws.collected.waitFor(1), await sse.collected.waitFor(1)]) {
      expect(result?.data).toEqual({ callEvents: { recordingStartedAt: null } });
      expect(result?.errors?.map((error) => error.path)).toEqual([['callEvents', 'recordingStartedAt']]);
      expect(result?.errors?.[0]?.locations).toEqual([expect.objectContaining({ line: 1 })]);
    }
  });
});
