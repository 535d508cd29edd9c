import type { Loose, LooseRecord } from '../support/loose';
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { postSignedWebhook } from '../support/signing';
import { subscribeSse, subscribeWs } from '../support/clients';
import { startGateway, type Harness } from '../support/gateway';
import { waitFor } from '../support/wait';
import { referenceExamples, telnyxEvent } from '../support/webhooks';

const CALL = 'v3:MdI91X4lWFEs7IgbBEOT9M4AigoY08M0WWZFISt1Yw2axZ_IiE4pqg';
const TYPE_NAMES: Record<string, string> = {
  'call.playback.started': 'CallPlaybackStarted',
  'call.playback.ended': 'CallPlaybackEnded',
  'call.speak.started': 'CallSpeakStarted',
  'call.speak.ended': 'CallSpeakEnded',
  'call.recording.saved': 'CallRecordingSaved',
  'call.recording.error': 'CallRecordingError',
  'call.recording.transcription.saved': 'CallRecordingTranscriptionSaved',
  'call.initiated': 'CallInitiated',
  'call.answered': 'CallAnswered',
  'call.hangup': 'CallHangup',
};

/** Everything a client can ask of a call event, for asserting complete payloads. */
const CALL_EVENT_SELECTION = `
  __typename id cursor eventType occurredAt callControlId callLegId callSessionId connectionId clientState clientStateBase64
  ... on CallPlaybackStarted { mediaUrl mediaName overlay }
  ... on CallPlaybackEnded { mediaUrl mediaName overlay status telnyxStatus statusDetail }
  ... on CallSpeakEnded { status telnyxStatus }
  ... on CallRecordingSaved { recordingId channels format recordingStartedAt recordingEndedAt recordingUrls { mp3 wav } publicRecordingUrls { mp3 wav } }
  ... on CallRecordingError { reason }
  ... on CallRecordingTranscriptionSaved { recordingId recordingTranscriptionId transcriptionText status telnyxStatus callingPartyType }
  ... on CallLifecycleEvent { from to startTime state tags customHeaders { name value } sipHeaders { name value } }
  ... on CallInitiated { direction callerIdName callScreeningResult connectionCodecs offeredCodecs shakenStirAttestation shakenStirValidated }
  ... on CallHangup { hangupCause hangupSource sipHangupCause }
`;

/** The reference examples, each with a fresh `data.id` (several share one in the document). */
function freshExamples() {
  return referenceExamples().map((example) => ({ ...example, data: { ...example.data, id: randomUUID() } }));
}

const camel = (key: string) => key.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());

/** Every payload field Telnyx sent must come out under its camelCase name, with the same value. */
function expectComplete(event: LooseRecord, example: ReturnType<typeof freshExamples>[number]) {
  const { data } = example as Loose;
  expect(event.__typename).toBe(TYPE_NAMES[data.event_type]);
  expect(event.id).toBe(data.id);
  expect(event.eventType).toBe(data.event_type);
  expect(Date.parse(event.occurredAt)).toBe(Date.parse(data.occurred_at));
  expect(event.cursor).toMatch(/^\d+-\d+$/);
  expect(event.callControlId).toBe(CALL); // filled from the leg when the payload lacks it
  for (const [key, value] of Object.entries(data.payload as Record<string, unknown>)) {
    if (key === 'client_state') {
      expect(event.clientStateBase64).toBe(value);
      expect(event.clientState).toBe(Buffer.from(value as string, 'base64').toString('utf8'));
    } else if (key === 'status') {
      // Documented statuses are enums (the Telnyx value upper-cased); the raw value stays in telnyxStatus.
      expect(event.telnyxStatus).toBe(value);
      expect(event.status).toBe(String(value).toUpperCase());
    } else if (key === 'channels' || key === 'format' || key === 'direction') {
      expect(event[key], key).toBe(String(value).toUpperCase());
    } else if (key.endsWith('_at') || key.endsWith('_time')) {
      expect(Date.parse(event[camel(key)])).toBe(Date.parse(value as string));
    } else {
      expect(event[camel(key)], key).toEqual(value);
    }
  }
}

describe('subscriptions over graphql-ws and SSE', () => {
  let gw: Harness;
  beforeEach(async () => {
    gw = await startGateway({ auth: 'off' });
  });
  afterEach(async () => {
    await gw.close();
  });

  it('delivers each of the ten reference events typed, complete, once and in order over both transports', async () => {
    const query = `subscription($call: ID) { callEvents(callControlId: $call) { ${CALL_EVENT_SELECTION} } }`;
    const ws = subscribeWs(gw.wsClient(), query, { call: CALL });
    const sse = await subscribeSse(gw.url, query, { variables: { call: CALL } });
    expect(sse.response.status).toBe(200);
    expect(sse.response.headers.get('content-type')).toContain('text/event-stream');
    await gw.waitForSubscribers(2);

    const examples = freshExamples();
    expect(examples).toHaveLength(10);
    for (const example of examples) {
      const response = await postSignedWebhook(gw.webhookUrl, example);
      expect(response.status).toBe(200);
    }
    for (const stream of [ws.collected, sse.collected]) {
      const results = await stream.waitFor(10);
      expect(results.map((r) => r.errors)).toEqual(Array(10).fill(undefined));
      const events = results.map((r) => r.data!.callEvents);
      for (const [i, event] of events.entries()) expectComplete(event, examples[i]!);
      const cursors = events.map((e) => e.cursor);
      expect([...cursors].sort(compareCursorStrings)).toEqual(cursors);
    }
    // Exactly once: nothing more arrives after a further event of another call.
    await postSignedWebhook(gw.webhookUrl, {
      ...examples[2],
      data: { ...examples[2]!.data, id: randomUUID(), payload: { call_control_id: 'v3:other' } },
    });
    await postSignedWebhook(gw.webhookUrl, { ...examples[2], data: { ...examples[2]!.data, id: randomUUID() } });
    expect((await ws.collected.waitFor(11)).length).toBe(11);
    expect((await sse.collected.waitFor(11)).length).toBe(11);
    expect(ws.collected.items).toHaveLength(11);
    expect(sse.collected.items).toHaveLength(11);
    // Leaving releases the bus subscription on both transports.
    ws.unsubscribe();
    sse.cancel();
    await waitFor(
      async () => (await gw.metrics.activeSubscriptions.get()).values[0]!.value === 0,
      'the subscriptions to be released',
    );
  });

  it('groups events: playbackEvents, speakEvents and recordingEvents get only their own types', async () => {
    const client = gw.wsClient();
    const playback = subscribeWs(
      client,
      `subscription { playbackEvents { __typename id mediaUrl mediaName overlay } }`,
    );
    const speak = subscribeWs(
      client,
      `subscription { speakEvents(callControlId: "${CALL}") { __typename id ... on CallSpeakEnded { status } } }`,
    );
    const recording = (
      await subscribeSse(
        gw.url,
        `subscription { recordingEvents { __typename id callControlId ... on CallRecordingError { reason } } }`,
      )
    ).collected;
    await gw.waitForSubscribers(3);
    const examples = freshExamples();
    for (const example of examples) expect((await postSignedWebhook(gw.webhookUrl, example)).status).toBe(200);
    const typenames = async (collected: typeof recording, field: string, count: number) =>
      (await collected.waitFor(count)).map((r) => r.data![field].__typename);
    expect(await typenames(playback.collected, 'playbackEvents', 2)).toEqual([
      'CallPlaybackStarted',
      'CallPlaybackEnded',
    ]);
    expect(playback.collected.items[0]!.data!.playbackEvents.mediaUrl).toBe('http://example.com/audio.wav');
    expect(await typenames(speak.collected, 'speakEvents', 2)).toEqual(['CallSpeakStarted', 'CallSpeakEnded']);
    expect(speak.collected.items[1]!.data!.speakEvents.status).toBe('COMPLETED');
    expect(await typenames(recording, 'recordingEvents', 3)).toEqual([
      'CallRecordingSaved',
      'CallRecordingError',
      'CallRecordingTranscriptionSaved',
    ]);
    expect(recording.items[1]!.data!.recordingEvents).toMatchObject({
      reason: 'Internal server error',
      callControlId: CALL,
    });
    expect(playback.collected.items).toHaveLength(2);
    expect(speak.collected.items).toHaveLength(2);
    expect(recording.items).toHaveLength(3);
  });

  it('routes call.recording.saved without call_control_id to the call whose leg was seen earlier', async () => {
    const leg = randomUUID();
    const call = `v3:${randomUUID()}`;
    const sub = subscribeWs(
      gw.wsClient(),
      `subscription($call: ID) { callEvents(callControlId: $call) { __typename callControlId callLegId } }`,
      { call },
    );
    await gw.waitForSubscribers(1);
    // Taught by an event type this gateway does not publish (acknowledged, not delivered).
    const bridged = telnyxEvent('call.bridged', { call_control_id: call, call_leg_id: leg });
    expect((await postSignedWebhook(gw.webhookUrl, bridged)).status).toBe(200);
    const saved = freshExamples()[4]!;
    expect(saved.data.event_type).toBe('call.recording.saved');
    expect(saved.data.payload.call_control_id).toBeUndefined();
    saved.data.payload = { ...saved.data.payload, call_leg_id: leg };
    expect((await postSignedWebhook(gw.webhookUrl, saved)).status).toBe(200);
    const [result] = await sub.collected.waitFor(1);
    expect(result!.data!.callEvents).toEqual({ __typename: 'CallRecordingSaved', callControlId: call, callLegId: leg });
  });
});

describe('values Telnyx adds after this schema', () => {
  let gw: Harness;
  beforeEach(async () => {
    gw = await startGateway({ auth: 'off' });
  });
  afterEach(async () => {
    await gw.close();
  });

  it('delivers a new status as OTHER with the raw value in telnyxStatus, and an unknown channel layout as null, not a field error', async () => {
    const sub = subscribeWs(
      gw.wsClient(),
      `subscription($call: ID) { callEvents(callControlId: $call) { __typename ... on CallPlaybackEnded { status telnyxStatus } ... on CallRecordingSaved { channels format } } }`,
      { call: CALL },
    );
    await gw.waitForSubscribers(1);
    const [, ended, , , saved] = freshExamples();
    expect(ended!.data.event_type).toBe('call.playback.ended');
    ended!.data.payload = { ...ended!.data.payload, status: 'interrupted_by_new_feature' };
    saved!.data.payload = { ...saved!.data.payload, call_control_id: CALL, channels: 'quad', format: 'flac' };
    expect((await postSignedWebhook(gw.webhookUrl, ended!)).status).toBe(200);
    expect((await postSignedWebhook(gw.webhookUrl, saved!)).status).toBe(200);
    const results = await sub.collected.waitFor(2);
    expect(results.map((result) => result.errors)).toEqual([undefined, undefined]);
    expect(results.map((result) => result.data!.callEvents)).toEqual([
      { __typename: 'CallPlaybackEnded', status: 'OTHER', telnyxStatus: 'interrupted_by_new_feature' },
      { __typename: 'CallRecordingSaved', channels: null, format: null },
    ]);
  });
});

function compareCursorStrings(a: string, b: string): number {
  const [am, as] = a.split('-').map(Number) as [number, number];
  const [bm, bs] = b.split('-').map(Number) as [number, number];
  return am - bm || as - bs;
}
