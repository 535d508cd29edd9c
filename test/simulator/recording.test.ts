/** Recording: the state machine's webhooks, the Recordings API, and the audio behind the URLs. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallIds } from '../../src/simulator/calls';
import { b64, SPEED, startHarness, type Harness } from './harness';
import { waitFor } from '../support/wait';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

const events = (call: CallIds, type: string) =>
  h.receiver
    .accepted({ callLegId: call.callLegId })
    .filter((d) => d.body.data.event_type === type)
    .map((d) => d.body.data);
const waitForEvent = (call: CallIds, type: string, count = 1) =>
  waitFor(() => events(call, type).length >= count && events(call, type), `${count} × ${type}`);

async function download(url: string): Promise<{ status: number; type: string | null; bytes: Buffer }> {
  const response = await fetch(url);
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    bytes: Buffer.from(await response.arrayBuffer()),
  };
}

describe('call.recording.saved', () => {
  it('follows record_stop, without call_control_id but with recording_id and call_leg_id, and a WAV at its URL', async () => {
    const call = await h.sim.createCall();
    const start = await h.action(call.callControlId, 'record_start', {
      format: 'wav',
      channels: 'dual',
      client_state: b64('rec'),
    });
    expect(start.body).toEqual({ data: { result: 'ok' } });
    await new Promise((resolve) => setTimeout(resolve, 5)); // 5 s of call audio at speed 1000
    expect((await h.action(call.callControlId, 'record_stop')).status).toBe(200);
    const [saved] = await waitForEvent(call, 'call.recording.saved');
    const payload = saved!.payload;
    expect(payload.call_control_id).toBeUndefined();
    expect(payload).toMatchObject({
      call_leg_id: call.callLegId,
      call_session_id: call.callSessionId,
      client_state: b64('rec'),
      channels: 'dual',
      recording_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      recording_urls: {
        wav: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/simulator\/recordings\/.+\.wav$/),
        mp3: null,
      },
      public_recording_urls: { wav: null, mp3: null },
    });
    expect(Date.parse(payload.recording_ended_at)).toBeGreaterThanOrEqual(Date.parse(payload.recording_started_at));

    const wav = await download(payload.recording_urls.wav);
    expect(wav.status).toBe(200);
    expect(wav.type).toBe('audio/wav');
    expect(wav.bytes.toString('ascii', 0, 4)).toBe('RIFF');
    expect(wav.bytes.readUInt32LE(4)).toBe(wav.bytes.length - 8);
    expect(wav.bytes.toString('ascii', 8, 16)).toBe('WAVEfmt ');
    expect(wav.bytes.readUInt16LE(20)).toBe(1); // PCM
    expect(wav.bytes.readUInt32LE(40)).toBe(wav.bytes.length - 44);
    expect(wav.bytes.length - 44).toBeGreaterThanOrEqual(16_000); // at least a second of 8 kHz 16-bit audio
    expect(wav.bytes.subarray(44).some((byte) => byte !== 0)).toBe(true);
    expect(events(call, 'call.recording.transcription.saved')).toEqual([]);
  });

  it('serves an MP3 made of valid MPEG frames for an mp3 recording', async () => {
    const call = await h.sim.createCall();
    await h.action(call.callControlId, 'record_start', { format: 'mp3', channels: 'single' });
    await h.action(call.callControlId, 'record_stop');
    const [saved] = await waitForEvent(call, 'call.recording.saved');
    expect(saved!.payload.recording_urls).toMatchObject({ wav: null, mp3: expect.stringMatching(/\.mp3$/) });
    const mp3 = await download(saved!.payload.recording_urls.mp3);
    expect(mp3.type).toBe('audio/mpeg');
    expect(mp3.bytes.length).toBeGreaterThan(0);
    let frames = 0;
    for (let offset = 0; offset < mp3.bytes.length; offset += frameLength(mp3.bytes, offset)) frames += 1;
    expect(frames * 0.024).toBeGreaterThanOrEqual(1); // ≥ 1 s of audio
  });

  it('then sends call.recording.transcription.saved with what was spoken, when transcription was asked for', async () => {
    const call = await h.sim.createCall();
    await h.action(call.callControlId, 'record_start', {
      format: 'wav',
      channels: 'single',
      transcription: true,
      client_state: b64('t'),
    });
    await h.action(call.callControlId, 'speak', { payload: 'Hello from the simulator', voice: 'female' });
    await waitForEvent(call, 'call.speak.ended');
    await h.action(call.callControlId, 'record_stop');
    const [transcription] = await waitForEvent(call, 'call.recording.transcription.saved');
    const [saved] = events(call, 'call.recording.saved');
    expect(transcription!.payload).toEqual({
      call_control_id: call.callControlId,
      call_leg_id: call.callLegId,
      call_session_id: call.callSessionId,
      client_state: b64('t'),
      connection_id: saved!.payload.connection_id,
      calling_party_type: 'pstn',
      recording_id: saved!.payload.recording_id,
      recording_transcription_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      status: 'completed',
      transcription_text: 'Hello from the simulator',
    });
    const order = h.receiver.eventTypes(call.callLegId, 'call.recording');
    expect(order).toEqual(['call.recording.saved', 'call.recording.transcription.saved']);
  });

  it('ends a running or paused recording at hang-up, after call.hangup', async () => {
    const call = await h.sim.createCall();
    await h.action(call.callControlId, 'record_start', { format: 'wav', channels: 'single' });
    await h.action(call.callControlId, 'record_start', { format: 'mp3', channels: 'single' });
    await h.action(call.callControlId, 'record_pause');
    await h.sim.hangup(call.callControlId);
    await waitForEvent(call, 'call.recording.saved', 2);
    const types = h.receiver.eventTypes(call.callLegId);
    expect(types.indexOf('call.hangup')).toBeLessThan(types.indexOf('call.recording.saved'));
  });

  it('stops by itself after max_length seconds', async () => {
    const call = await h.sim.createCall();
    await h.action(call.callControlId, 'record_start', { format: 'wav', channels: 'single', max_length: 2 });
    const [saved] = await waitForEvent(call, 'call.recording.saved');
    const recording = await h.api('GET', `/v2/recordings/${saved!.payload.recording_id}`);
    expect(recording.body.data.duration_millis).toBe(2_000);
    expect((await h.action(call.callControlId, 'record_stop')).status).toBe(422);
  });

  it('stops only the recording named by recording_id', async () => {
    const call = await h.sim.createCall();
    await h.action(call.callControlId, 'record_start', { format: 'wav', channels: 'single', max_length: 1 });
    const [first] = await waitForEvent(call, 'call.recording.saved');
    await h.action(call.callControlId, 'record_start', { format: 'wav', channels: 'single' });
    expect(
      (await h.action(call.callControlId, 'record_stop', { recording_id: first!.payload.recording_id })).status,
    ).toBe(422);
    expect((await h.action(call.callControlId, 'record_stop')).status).toBe(200);
  });

  it('counts only unpaused time in duration_millis', async () => {
    const call = await h.sim.createCall();
    const t0 = performance.now();
    await h.action(call.callControlId, 'record_start', { format: 'wav', channels: 'single' });
    await h.action(call.callControlId, 'record_pause');
    const t1 = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 150)); // 150 s of simulated pause
    const t2 = performance.now();
    await h.action(call.callControlId, 'record_resume');
    await h.action(call.callControlId, 'record_stop');
    const t3 = performance.now();
    const [saved] = await waitForEvent(call, 'call.recording.saved');
    const recording = await h.api('GET', `/v2/recordings/${saved!.payload.recording_id}`);
    // At most the time the recording can have been running, in simulated milliseconds.
    expect(recording.body.data.duration_millis).toBeLessThanOrEqual((t1 - t0 + (t3 - t2)) * SPEED + 1);
  });
});

describe('Recordings API', () => {
  it('lists saved recordings with filters and deepObject pagination, and retrieves one', async () => {
    const [a, b] = [await h.sim.createCall(), await h.sim.createCall()];
    for (const call of [a, b, a]) {
      await h.action(call.callControlId, 'record_start', { format: 'mp3', channels: 'single' });
      await h.action(call.callControlId, 'record_stop');
    }
    await waitForEvent(a, 'call.recording.saved', 2);
    await waitForEvent(b, 'call.recording.saved');

    const ofA = await h.api(
      'GET',
      `/v2/recordings?filter[call_control_id]=${encodeURIComponent(a.callControlId)}&page[size]=1`,
    );
    expect(ofA.status).toBe(200);
    expect(ofA.body.meta).toEqual({ page_number: 1, page_size: 1, total_pages: 2, total_results: 2 });
    const page2 = await h.api(
      'GET',
      `/v2/recordings?filter[call_control_id]=${encodeURIComponent(a.callControlId)}&page[size]=1&page[number]=2`,
    );
    expect(page2.body.data).toHaveLength(1);
    expect(page2.body.data[0].id).not.toBe(ofA.body.data[0].id);
    expect(Date.parse(ofA.body.data[0].created_at)).toBeGreaterThanOrEqual(Date.parse(page2.body.data[0].created_at));

    const ofB = await h.api('GET', `/v2/recordings?filter%5Bcall_leg_id%5D=${b.callLegId}`);
    expect(ofB.body.data).toHaveLength(1);
    expect(ofB.body.data[0]).toMatchObject({
      record_type: 'recording',
      call_control_id: b.callControlId,
      call_leg_id: b.callLegId,
      call_session_id: b.callSessionId,
      channels: 'single',
      status: 'completed',
      source: 'call',
      download_urls: { mp3: expect.stringMatching(/\.mp3$/) },
    });
    expect(
      (await h.api('GET', `/v2/recordings?filter[call_session_id]=${a.callSessionId}`)).body.meta.total_results,
    ).toBe(2);
    const future = new Date(Date.now() + 60_000).toISOString();
    expect((await h.api('GET', `/v2/recordings?filter[created_at][gte]=${future}`)).body.data).toEqual([]);
    const past = new Date(Date.now() - 60_000).toISOString();
    expect(
      (await h.api('GET', `/v2/recordings?filter[created_at][lte]=${past}&filter[call_leg_id]=${b.callLegId}`)).body
        .data,
    ).toEqual([]);

    const one = await h.api('GET', `/v2/recordings/${ofB.body.data[0].id}`);
    expect(one.body.data).toEqual(ofB.body.data[0]);
    const audio = await download(one.body.data.download_urls.mp3);
    expect(audio.status).toBe(200);
  });

  it('rejects bad pagination and filters, and unknown recordings', async () => {
    for (const query of ['page[size]=0', 'page[size]=251', 'page[number]=0', 'page[size]=ten']) {
      const response = await h.api('GET', `/v2/recordings?${query}`);
      expect(response.status, query).toBe(422);
      expect(response.body.errors[0]).toMatchObject({ code: '10033', source: { parameter: query.split('=')[0] } });
    }
    expect((await h.api('GET', '/v2/recordings?page[size]=250')).status).toBe(200);
    expect((await h.api('GET', '/v2/recordings?filter[call_leg_id]=not-a-uuid')).status).toBe(422);
    expect((await h.api('GET', '/v2/recordings?filter[created_at][gte]=yesterday')).status).toBe(422);
    const missing = await h.api('GET', '/v2/recordings/00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
    expect(missing.body.errors[0].code).toBe('10005');
    expect((await download(`${h.sim.apiBaseUrl.replace(/\/v2$/, '')}/simulator/recordings/nope.wav`)).status).toBe(404);
  });
});

/** Length of the MPEG-1 Layer III frame at `offset`; throws when there is no valid frame header. */
function frameLength(bytes: Buffer, offset: number): number {
  const header = bytes.readUInt32BE(offset);
  if (header >>> 21 !== 0x7ff) throw new Error(`no frame sync at ${offset}`);
  const version = (header >>> 19) & 3;
  const layer = (header >>> 17) & 3;
  const bitrateIndex = (header >>> 12) & 15;
  const rateIndex = (header >>> 10) & 3;
  const padding = (header >>> 9) & 1;
  if (version !== 3 || layer !== 1) throw new Error('not MPEG-1 Layer III');
  const kbps = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320][bitrateIndex];
  const rate = [44_100, 48_000, 32_000][rateIndex];
  if (!kbps || !rate) throw new Error('bad bitrate or sample rate');
  return Math.floor((144 * kbps * 1000) / rate) + padding;
}
