import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/lib/logger';
import { startSimulator, type RunningSimulator } from '../../src/simulator/server';
import {
  CallStatusDocument,
  PauseRecordingDocument,
  RecordingsDocument,
  StartPlaybackDocument,
  StartRecordingDocument,
  StopRecordingDocument,
} from '../generated/graphql';
import { actionCases } from './action-cases';
import { startGateway, type Harness } from '../support/gateway';
import { waitFor } from '../support/wait';
import { principalsByName } from './principals';

/**
 * The same spec-complete inputs, sent through the gateway to the Telnyx simulator, which checks
 * each body against the published request schemas on its own: two independent readings of the
 * spec have to agree.
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
});
afterAll(async () => {
  await harness?.close();
  await simulator?.close();
});

/** What must already be happening on the call for the action to make sense. */
async function prepare(callControlId: string, action: string, input: Record<string, unknown>): Promise<void> {
  if (['record_stop', 'record_pause', 'record_resume'].includes(action)) {
    const started = await harness.execute(StartRecordingDocument, {
      input: { callControlId, format: 'MP3', channels: 'SINGLE' },
    });
    expect(started.errors).toBeUndefined();
  }
  if (action === 'record_resume') {
    expect((await harness.execute(PauseRecordingDocument, { input: { callControlId } })).errors).toBeUndefined();
  }
  if (action === 'playback_start' && input.overlay === true) {
    const base = await harness.execute(StartPlaybackDocument, {
      input: { callControlId, audioUrl: 'https://example.com/base.mp3', loop: 'infinity' },
    });
    expect(base.errors).toBeUndefined();
  }
}

describe('every action, every parameter, accepted by the simulator', () => {
  it.each(actionCases)('$name', async ({ document, field, action, input }) => {
    const { callControlId } = await simulator.createCall();
    await prepare(callControlId, action, input);
    // A recording id the simulator never issued would rightly be refused; the flow uses the running one.
    const { recordingId: _unused, ...rest } = input;
    const result = await harness.execute(document, { input: { ...rest, callControlId } });
    expect(result.errors).toBeUndefined();
    expect(result.data?.[field]).toMatchObject({ callControlId, result: 'ok' });
  });
});

describe('queries against the simulator', () => {
  it('reads the status of a live call and lists its recording once stopped', async () => {
    const { callControlId, callLegId } = await simulator.createCall();
    const status = await harness.execute(CallStatusDocument, { callControlId });
    expect(status.data?.call).toMatchObject({ callControlId, callLegId, isAlive: true });
    await harness.execute(StartRecordingDocument, { input: { callControlId, format: 'WAV', channels: 'DUAL' } });
    await new Promise((resolve) => setTimeout(resolve, 50)); // some seconds of audio to record, at speed 50
    expect((await harness.execute(StopRecordingDocument, { input: { callControlId } })).errors).toBeUndefined();
    const items = await waitFor(async () => {
      const page = await harness.execute(RecordingsDocument, { filter: { callControlId } });
      const listed = page.data?.recordings.edges.map((edge) => edge.node) ?? [];
      return listed.length > 0 && listed;
    }, 'the recording to be listed');
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ callControlId, channels: 'DUAL' });
  });

  it("answers a command on a call that has hung up with the simulator's TELNYX_ERROR", async () => {
    const { callControlId } = await simulator.createCall();
    await simulator.hangup(callControlId);
    const result = await harness.execute(StartRecordingDocument, {
      input: { callControlId, format: 'MP3', channels: 'SINGLE' },
    });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'TELNYX_ERROR', telnyx: { status: 422 } });
  });
});
