/** Injected API failures, for clients that test their retries against the simulator. */
import type { Loose } from '../support/loose';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness';
import { waitFor } from '../support/wait';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

it('fails the next `count` /v2 requests with a Telnyx 5xx body, without their effect', async () => {
  const call = await h.sim.createCall();
  h.sim.injectFault({ status: 503, count: 2 });
  for (let i = 0; i < 2; i += 1) {
    const failed = await h.action(call.callControlId, 'record_start', { format: 'wav', channels: 'single' });
    expect(failed.status).toBe(503);
    expect(failed.body.errors[0]).toMatchObject({ code: '10007', title: 'Service unavailable' });
  }
  expect((await h.action(call.callControlId, 'record_stop')).status).toBe(422); // no recording was started
  expect((await h.action(call.callControlId, 'record_start', { format: 'wav', channels: 'single' })).status).toBe(200);
});

it('answers 429 with code 10011 and x-ratelimit headers, armed over HTTP', async () => {
  const call = await h.sim.createCall();
  expect((await h.api('POST', '/simulator/faults', { status: 429, count: 1, reset_seconds: 7 })).status).toBe(200);
  const response = await fetch(`${h.sim.apiBaseUrl}/calls/${call.callControlId}`, {
    headers: { authorization: `Bearer ${h.sim.apiKey}` },
  });
  expect(response.status).toBe(429);
  expect(response.headers.get('x-ratelimit-reset')).toBe('7');
  expect(response.headers.get('x-ratelimit-remaining')).toBe('0');
  expect(((await response.json()) as Loose).errors[0].code).toBe('10011');
  expect((await h.api('GET', `/v2/calls/${call.callControlId}`)).status).toBe(200);
});

it('can leave a request unanswered', async () => {
  const call = await h.sim.createCall();
  h.sim.injectFault({ status: 'no_answer' });
  const started = performance.now();
  const hung = fetch(`${h.sim.apiBaseUrl}/calls/${call.callControlId}`, {
    headers: { authorization: `Bearer ${h.sim.apiKey}` },
    signal: AbortSignal.timeout(150),
  });
  await expect(hung).rejects.toThrow();
  expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  expect((await h.api('GET', `/v2/calls/${call.callControlId}`)).status).toBe(200);
});

it('rejects a fault it cannot produce, and does not count unauthenticated requests', async () => {
  expect((await h.api('POST', '/simulator/faults', { status: 418 })).status).toBe(422);
  expect((await h.api('POST', '/simulator/faults', { status: 500, count: -1 })).status).toBe(422);
  h.sim.injectFault({ status: 500, count: 1 });
  expect((await h.api('GET', '/v2/recordings', undefined, { authorization: 'Bearer wrong' })).status).toBe(401);
  expect((await h.api('GET', '/v2/recordings')).status).toBe(500);
  expect((await h.api('GET', '/v2/recordings')).status).toBe(200);
});

it('makes the next recordings fail in storage: call.recording.error instead of call.recording.saved', async () => {
  const call = await h.sim.createCall();
  expect((await h.api('POST', '/simulator/faults', { recording_error: 'Unsupported backend' })).status).toBe(200);
  expect((await h.api('POST', '/simulator/faults', { recording_error: 'Disk on fire' })).status).toBe(422);
  expect(
    (await h.api('POST', '/simulator/faults', { recording_error: 'Unsupported backend', status: 500 })).status,
  ).toBe(422);
  for (let i = 0; i < 2; i += 1) {
    await h.action(call.callControlId, 'record_start', { format: 'wav', channels: 'single', client_state: 'ZmFpbA==' });
    await h.action(call.callControlId, 'record_stop');
  }
  await waitFor(() => h.receiver.eventTypes(call.callLegId, 'call.recording').length === 2, 'error then saved');
  expect(h.receiver.eventTypes(call.callLegId, 'call.recording')).toEqual([
    'call.recording.error',
    'call.recording.saved',
  ]);
  const error = h.receiver
    .accepted({ callLegId: call.callLegId })
    .find((d) => d.body.data.event_type === 'call.recording.error')!;
  expect(error.body.data.payload).toEqual({
    call_control_id: call.callControlId,
    call_leg_id: call.callLegId,
    call_session_id: call.callSessionId,
    client_state: 'ZmFpbA==',
    connection_id: expect.any(String),
    reason: 'Unsupported backend',
  });
  expect((await h.api('GET', `/v2/recordings?filter[call_leg_id]=${call.callLegId}`)).body.meta.total_results).toBe(1);
});
