import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/lib/logger';
import { startSimulator, type RunningSimulator } from '../../src/simulator/server';
import {
  ActionEventsDocument,
  SpeakDocument,
  StartRecordingDocument,
  StopRecordingDocument,
  type ActionEventsSubscription,
} from '../generated/graphql';
import { startGateway, type Harness } from '../support/gateway';
import { waitFor } from '../support/wait';
import { principalsByName } from './principals';

/**
 * The whole loop on loopback: a mutation through the gateway to the Telnyx simulator, whose signed
 * webhooks come back to the gateway; a client that subscribes only after the mutation answered,
 * from the mutation's `cursor`, still receives every event the command caused.
 */
let simulator: RunningSimulator;
let harness: Harness;

beforeAll(async () => {
  simulator = await startSimulator({ port: 0, host: '127.0.0.1', speed: 50, logger: createLogger('silent') });
  harness = await startGateway({
    auth: principalsByName,
    env: { TELNYX_TIMEOUT_MS: '2000', TELNYX_MAX_RETRIES: '2' },
    upstream: { baseUrl: simulator.apiBaseUrl, apiKey: simulator.apiKey, webhookPublicKey: simulator.publicKeyBase64 },
  });
  simulator.setWebhookUrl(`${harness.url}/webhooks/telnyx`);
});
afterAll(async () => {
  await harness?.close();
  await simulator?.close();
});

type CallEventFrame = ActionEventsSubscription['callEvents'];

/** Reads `callEvents` over SSE until `done` says so (or the time runs out), then disconnects. */
async function collectEvents(
  variables: { callControlId: string; after: string },
  done: (events: CallEventFrame[]) => boolean,
  timeoutMs = 10_000,
): Promise<CallEventFrame[]> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  const events: CallEventFrame[] = [];
  try {
    const response = await fetch(`${harness.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ query: print(ActionEventsDocument), variables }),
      signal: abort.signal,
    });
    const decoder = new TextDecoder();
    let buffer = '';
    const reader = response.body!.getReader();
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      buffer += decoder.decode(chunk.value, { stream: true });
      let end: number;
      for (end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = frame.split('\n').find((line) => line.startsWith('data: '));
        if (!data || !frame.includes('event: next')) continue;
        const payload = JSON.parse(data.slice(6)) as { data?: ActionEventsSubscription; errors?: unknown };
        expect(payload.errors).toBeUndefined();
        events.push(payload.data!.callEvents);
        if (done(events)) return events;
      }
    }
  } catch (error) {
    if (!abort.signal.aborted) throw error;
  } finally {
    clearTimeout(timer);
    abort.abort();
  }
  return events;
}

async function settle(): Promise<void> {
  await simulator.webhooksIdle();
}

describe('events caused by a mutation, from its cursor', () => {
  it('speak: a late subscriber from the cursor gets speak.started and speak.ended with the client state', async () => {
    const { callControlId } = await simulator.createCall();
    await settle();
    const result = await harness.execute(SpeakDocument, {
      input: {
        callControlId,
        payload: 'Your order has shipped.',
        voice: 'Telnyx.KokoroTTS.af',
        clientState: 'order-42',
      },
    });
    expect(result.errors).toBeUndefined();
    const { cursor } = result.data!.speak;
    // Let the webhooks land first: the subscriber arrives after the fact.
    await waitFor(
      async () =>
        (await harness.store.readAfter(cursor, 100, callControlId)).some(
          (event) => event.eventType === 'call.speak.ended',
        ),
      'the speak to end',
    );
    await settle();
    const events = await collectEvents({ callControlId, after: cursor }, (seen) =>
      seen.some((event) => event.eventType === 'call.speak.ended'),
    );
    expect(events.map((event) => event.eventType)).toEqual(['call.speak.started', 'call.speak.ended']);
    for (const event of events) expect(event).toMatchObject({ callControlId, clientState: 'order-42' });
  });

  it('recording: call.recording.saved reaches the call, with its Recording resolved through the Recordings API', async () => {
    const { callControlId } = await simulator.createCall();
    await settle();
    const started = await harness.execute(StartRecordingDocument, {
      input: { callControlId, format: 'MP3', channels: 'SINGLE' },
    });
    expect(started.errors).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 100)); // five seconds of audio to record, at speed 50
    expect((await harness.execute(StopRecordingDocument, { input: { callControlId } })).errors).toBeUndefined();
    const events = await collectEvents({ callControlId, after: started.data!.startRecording.cursor }, (seen) =>
      seen.some((event) => event.eventType === 'call.recording.saved'),
    );
    const saved = events.find((event) => event.eventType === 'call.recording.saved');
    expect(saved).toMatchObject({ __typename: 'CallRecordingSaved', callControlId });
    if (saved?.__typename !== 'CallRecordingSaved') throw new Error('no recording event');
    expect(saved.recordingId).toBeTruthy();
    expect(saved.recording).toMatchObject({ id: saved.recordingId, callControlId });
    expect(saved.recording?.durationMillis).toBeGreaterThan(0);
  });
});
