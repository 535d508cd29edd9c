/**
 * The official telnyx SDK, pointed at the simulator, as an independent check of its HTTP surface:
 * the SDK builds the paths, bodies and deepObject queries, and maps the error statuses to its classes.
 */
import Telnyx, { AuthenticationError, NotFoundError, UnprocessableEntityError } from 'telnyx';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness';
import { waitFor } from '../support/wait';

let h: Harness;
let client: Telnyx;
beforeAll(async () => {
  h = await startHarness();
  client = new Telnyx({ apiKey: h.sim.apiKey, baseURL: h.sim.apiBaseUrl, maxRetries: 0 });
});
afterAll(async () => {
  await h.close();
});

it('runs the seven actions, call status and recordings through the SDK', async () => {
  const call = await h.sim.createCall();
  const id = call.callControlId;
  await expect(
    client.calls.actions.startPlayback(id, { audio_url: 'https://example.com/a.mp3', loop: 'infinity' }),
  ).resolves.toEqual({ data: { result: 'ok' } });
  await client.calls.actions.stopPlayback(id, { stop: 'all' });
  await client.calls.actions.speak(id, { payload: 'Hello', voice: 'AWS.Polly.Joanna-Neural' });
  await client.calls.actions.startRecording(id, { format: 'mp3', channels: 'single' });
  await client.calls.actions.pauseRecording(id, {});
  await client.calls.actions.resumeRecording(id, {});
  await client.calls.actions.stopRecording(id, {});
  const status = await client.calls.retrieveStatus(id);
  expect(status.data).toMatchObject({ call_control_id: id, is_alive: true, record_type: 'call' });

  for (let i = 0; i < 2; i += 1) {
    await client.calls.actions.startRecording(id, { format: 'wav', channels: 'dual' });
    await client.calls.actions.stopRecording(id, {});
  }
  await waitFor(() => h.receiver.eventTypes(call.callLegId, 'call.recording.saved').length === 3, '3 recordings saved');
  // The SDK's auto-pagination walks page[number] until page_number >= total_pages.
  const ids: string[] = [];
  for await (const item of client.recordings.list({ filter: { call_leg_id: call.callLegId }, 'page[size]': 1 }))
    ids.push(item.id!);
  expect(new Set(ids).size).toBe(3);
  const recording = await client.recordings.retrieve(ids[0]!);
  expect(recording.data).toMatchObject({ call_control_id: id, status: 'completed' });
});

it('maps the simulator errors onto the SDK error classes', async () => {
  const call = await h.sim.createCall();
  await expect(
    client.calls.actions.speak(call.callControlId, { payload: 'x'.repeat(3001), voice: 'female' }),
  ).rejects.toBeInstanceOf(UnprocessableEntityError);
  await expect(client.calls.retrieveStatus('v3:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).rejects.toBeInstanceOf(
    NotFoundError,
  );
  const wrongKey = new Telnyx({ apiKey: 'KEY-wrong', baseURL: h.sim.apiBaseUrl, maxRetries: 0 });
  await expect(wrongKey.calls.retrieveStatus(call.callControlId)).rejects.toBeInstanceOf(AuthenticationError);
});
