/** The simulator rejects what Telnyx rejects, with Telnyx's status codes and error bodies. */
import type { Loose } from '../support/loose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { b64, startHarness, type Harness } from './harness';
import { waitFor } from '../support/wait';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

const firstError = (body: Loose) => body.errors[0];

describe('authentication', () => {
  it('answers a missing or wrong bearer key with 401 10009 and does nothing', async () => {
    const call = await h.sim.createCall();
    const missing = await h.api(
      'POST',
      `/v2/calls/${call.callControlId}/actions/speak`,
      { payload: 'hi', voice: 'female' },
      { authorization: '' },
    );
    expect(missing.status).toBe(401);
    expect(firstError(missing.body)).toMatchObject({ code: '10009', title: 'Authentication failed' });
    const wrong = await h.api('GET', `/v2/calls/${call.callControlId}`, undefined, {
      authorization: `Bearer ${h.sim.apiKey}x`,
    });
    expect(wrong.status).toBe(401);
    expect(JSON.stringify(wrong.body)).not.toContain(h.sim.apiKey);
    const right = await h.api('GET', `/v2/calls/${call.callControlId}`, undefined, {
      authorization: `bearer ${h.sim.apiKey}`,
    });
    expect(right.status).toBe(200);
    await h.sim.webhooksIdle();
    expect(h.receiver.eventTypes(call.callLegId)).toEqual(['call.initiated', 'call.answered']);
  });

  it('uses the recordings API 401 body on /v2/recordings', async () => {
    const response = await h.api('GET', '/v2/recordings', undefined, { authorization: 'Bearer nope' });
    expect(response.status).toBe(401);
    expect(firstError(response.body)).toMatchObject({ code: '401', title: 'Unauthorized' });
  });
});

describe('bodies, unknown calls and ended calls', () => {
  it('answers a body that is not a JSON object with 400 10015', async () => {
    const call = await h.sim.createCall();
    for (const body of ['{"payload": ', '[1,2]', '"text"']) {
      const response = await h.action(call.callControlId, 'speak', body);
      expect(response.status).toBe(400);
      expect(firstError(response.body).code).toBe('10015');
    }
  });

  it('gives 404 10005 for a well-formed unknown call and 422 90015 for a malformed id', async () => {
    const unknown = await h.action('v3:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 'playback_stop');
    expect(unknown.status).toBe(404);
    expect(firstError(unknown.body)).toMatchObject({ code: '10005', source: { pointer: '/call_control_id' } });
    const status = await h.api('GET', '/v2/calls/v3:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    expect(status.status).toBe(404);
    const malformed = await h.action('not%20an%20id', 'playback_stop');
    expect(malformed.status).toBe(422);
    expect(firstError(malformed.body)).toMatchObject({
      code: '90015',
      title: 'Invalid Call Control ID',
      source: { pointer: '/call_control_id' },
    });
  });

  it('accepts the call id percent-encoded or not, and reports call status as S1 `Call`', async () => {
    const call = await h.sim.createCall({ clientState: b64('created') });
    for (const id of [call.callControlId, encodeURIComponent(call.callControlId)]) {
      const response = await h.api('GET', `/v2/calls/${id}`);
      expect(response.status).toBe(200);
      expect(response.body.data).toMatchObject({
        call_control_id: call.callControlId,
        call_leg_id: call.callLegId,
        call_session_id: call.callSessionId,
        client_state: b64('created'),
        is_alive: true,
        record_type: 'call',
      });
      expect(response.body.data.end_time).toBeUndefined();
    }
    expect(call.callControlId).toMatch(/^v3:[A-Za-z0-9_-]+$/);
    expect(call.callLegId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers every action on a hung-up call with 422 90018 and shows it is no longer alive', async () => {
    const call = await h.sim.createCall();
    await h.sim.hangup(call.callControlId);
    const bodies: Record<string, unknown> = {
      playback_start: { audio_url: 'https://example.com/a.mp3' },
      playback_stop: {},
      speak: { payload: 'hi', voice: 'female' },
      record_start: { format: 'wav', channels: 'single' },
      record_stop: {},
      record_pause: {},
      record_resume: {},
    };
    for (const [action, body] of Object.entries(bodies)) {
      const response = await h.action(call.callControlId, action, body);
      expect(response.status, action).toBe(422);
      expect(firstError(response.body)).toMatchObject({ code: '90018', title: 'Call has already ended' });
    }
    const status = await h.api('GET', `/v2/calls/${call.callControlId}`);
    expect(status.body.data.is_alive).toBe(false);
    expect(typeof status.body.data.end_time).toBe('string');
    const again = await h.api('POST', `/simulator/calls/${call.callControlId}/hangup`);
    expect(firstError(again.body).code).toBe('90018');
  });
});

describe('request validation (S1 request schemas)', () => {
  const cases: Array<[action: string, body: Record<string, unknown>, code: string, pointer: string]> = [
    ['speak', { voice: 'female' }, '10004', '/payload'],
    ['speak', { payload: 'hi' }, '10004', '/voice'],
    ['speak', { payload: 'x'.repeat(3001), voice: 'female' }, '10033', '/payload'],
    ['speak', { payload: 'hi', voice: 'female', payload_type: 'html' }, '10032', '/payload_type'],
    ['speak', { payload: 'hi', voice: 'AWS.Polly.Joanna-Neural', service_level: 'basic' }, '10032', '/voice'],
    ['speak', { payload: 'hi', voice: 'female', language: 'xx-XX' }, '10032', '/language'],
    ['speak', { payload: 'hi', voice: 'female', target_legs: 'everyone' }, '10032', '/target_legs'],
    [
      'speak',
      { payload: 'hi', voice: 'Telnyx.KokoroTTS.af', voice_settings: { type: 'telnyx', voice_speed: 3 } },
      '10033',
      '/voice_settings/voice_speed',
    ],
    ['speak', { payload: 'hi', voice: 'female', voice_settings: { type: 'nope' } }, '10032', '/voice_settings/type'],
    ['speak', { payload: 'hi', voice: 'female', client_state: 'not base64!' }, '10015', '/client_state'],
    ['speak', { payload: 'hi', voice: 'female', loop: 0 }, '10033', '/loop'],
    ['record_start', {}, '10004', '/format'],
    ['record_start', { format: 'wav' }, '10004', '/channels'],
    ['record_start', { format: 'ogg', channels: 'single' }, '10032', '/format'],
    ['record_start', { format: 'wav', channels: 'stereo' }, '10032', '/channels'],
    ['record_start', { format: 'wav', channels: 'single', max_length: 14_401 }, '10033', '/max_length'],
    [
      'record_start',
      { format: 'wav', channels: 'single', custom_file_name: 'x'.repeat(41) },
      '10033',
      '/custom_file_name',
    ],
    [
      'record_start',
      { format: 'wav', channels: 'single', transcription_engine: 'C' },
      '10032',
      '/transcription_engine',
    ],
    [
      'record_start',
      { format: 'mp3', channels: 'dual', transcription_engine: 'deepgram/nova-3', transcription_language: 'de' },
      '10015',
      '/transcription_language',
    ],
    ['playback_start', {}, '10004', '/audio_url'],
    ['playback_start', { audio_url: 'https://example.com/a.mp3', media_name: 'greeting' }, '10015', '/media_name'],
    ['playback_start', { audio_url: 'https://example.com/a.mp3', loop: 101 }, '10033', '/loop'],
    ['playback_start', { audio_url: 'https://example.com/a.mp3', loop: 'forever' }, '10015', '/loop'],
    ['playback_start', { audio_url: 'https://example.com/a.mp3', audio_type: 'ogg' }, '10032', '/audio_type'],
    ['playback_start', { audio_url: 'https://example.com/a.mp3', stop: 'some' }, '10032', '/stop'],
    [
      'playback_start',
      { audio_url: 'https://example.com/a.mp3', overlay: true, target_legs: 'both' },
      '10015',
      '/target_legs',
    ],
    ['playback_start', { audio_url: 'https://example.com/a.mp3', overlay: 'yes' }, '10015', '/overlay'],
    ['playback_stop', { stop: 'everything' }, '10032', '/stop'],
    ['record_stop', { recording_id: 'abc' }, '10015', '/recording_id'],
    ['record_pause', { command_id: 42 }, '10015', '/command_id'],
  ];

  const named = cases.map(([action, body, code, pointer]) => ({
    action,
    body,
    code,
    pointer,
    shown: JSON.stringify(body).slice(0, 80),
  }));
  it.each(named)('$action $shown → 422 $code at $pointer, with no effect', async ({ action, body, code, pointer }) => {
    const call = await h.sim.createCall();
    const response = await h.action(call.callControlId, action, body);
    expect(response.status).toBe(422);
    expect(firstError(response.body)).toMatchObject({ code, source: { pointer } });
    expect(typeof firstError(response.body).title).toBe('string');
    // A valid command afterwards proves the rejected one left nothing behind in the call's webhooks.
    await h.action(call.callControlId, 'speak', { payload: 'after', voice: 'female' });
    await waitFor(() => h.receiver.eventTypes(call.callLegId).includes('call.speak.ended'), 'speak after');
    expect(h.receiver.eventTypes(call.callLegId)).toEqual([
      'call.initiated',
      'call.answered',
      'call.speak.started',
      'call.speak.ended',
    ]);
  });

  it('accepts the edges of each range', async () => {
    const call = await h.sim.createCall();
    const ok = [
      ['speak', { payload: 'x'.repeat(3000), voice: 'AWS.Polly.Joanna-Neural', loop: '2', stop: 'all' }],
      ['playback_start', { audio_url: 'https://example.com/a.mp3', loop: 'infinity', client_state: b64('s') }],
      ['playback_start', { media_name: 'greeting', loop: 100 }],
      ['record_start', { format: 'mp3', channels: 'dual', max_length: 14_400, transcription_language: 'auto_detect' }],
      ['record_stop', {}],
      ['playback_stop', {}],
      [
        'speak',
        {
          payload: '<speak>Hi</speak>',
          voice: 'male',
          service_level: 'basic',
          payload_type: 'text',
          language: 'en-US',
        },
      ],
    ] as const;
    for (const [action, body] of ok) {
      const response = await h.action(call.callControlId, action, body);
      expect(response, `${action} ${JSON.stringify(body).slice(0, 60)}`).toMatchObject({
        status: 200,
        body: { data: { result: 'ok' } },
      });
    }
  });

  it('answers an unknown action or path with 404 and a wrong method with 405', async () => {
    const call = await h.sim.createCall();
    expect((await h.action(call.callControlId, 'teleport')).status).toBe(404);
    expect((await h.api('GET', '/v2/elsewhere')).status).toBe(404);
    expect((await h.api('DELETE', `/v2/calls/${call.callControlId}`)).status).toBe(405);
  });
});

describe('recording state machine errors', () => {
  it('rejects pause, resume and stop without a recording in the right state', async () => {
    const call = await h.sim.createCall();
    const expectNoRecording = async (action: string) => {
      const response = await h.action(call.callControlId, action);
      expect(response.status, action).toBe(422);
      expect(firstError(response.body)).toMatchObject({ code: '10005', title: 'Recording not found' });
    };
    await expectNoRecording('record_pause');
    await expectNoRecording('record_resume');
    await expectNoRecording('record_stop');
    expect((await h.action(call.callControlId, 'record_start', { format: 'wav', channels: 'single' })).status).toBe(
      200,
    );
    await expectNoRecording('record_resume'); // recording, not paused
    expect((await h.action(call.callControlId, 'record_pause')).status).toBe(200);
    await expectNoRecording('record_pause'); // already paused
    expect((await h.action(call.callControlId, 'record_resume')).status).toBe(200);
    expect(
      (await h.action(call.callControlId, 'record_stop', { recording_id: '00000000-0000-4000-8000-000000000000' }))
        .status,
    ).toBe(422);
    expect((await h.action(call.callControlId, 'record_stop')).status).toBe(200);
    await expectNoRecording('record_stop');
  });
});

describe('command_id', () => {
  it('ignores a repeated command_id on the same call: 200 ok, no second effect', async () => {
    const call = await h.sim.createCall();
    const speak = { payload: 'once', voice: 'female', command_id: 'cmd-1' };
    expect((await h.action(call.callControlId, 'speak', speak)).body).toEqual({ data: { result: 'ok' } });
    expect((await h.action(call.callControlId, 'speak', speak)).body).toEqual({ data: { result: 'ok' } });
    await h.action(call.callControlId, 'speak', {
      payload: 'marker',
      voice: 'female',
      command_id: 'cmd-2',
      client_state: b64('marker'),
    });
    // Speaks queue: once the marker has ended, a second "once" would have started before it.
    await waitFor(
      () =>
        h.receiver
          .accepted({ callLegId: call.callLegId })
          .find(
            (d) => d.body.data.event_type === 'call.speak.ended' && d.body.data.payload.client_state === b64('marker'),
          ),
      'the marker speak',
    );
    expect(h.receiver.eventTypes(call.callLegId, 'call.speak.started')).toHaveLength(2);
  });

  it('does not treat the same command_id on another call, or after a rejected command, as a duplicate', async () => {
    const [a, b] = [await h.sim.createCall(), await h.sim.createCall()];
    const body = { format: 'wav', channels: 'single', command_id: 'shared' };
    expect((await h.action(a.callControlId, 'record_start', body)).status).toBe(200);
    expect((await h.action(b.callControlId, 'record_start', body)).status).toBe(200);
    expect((await h.action(b.callControlId, 'record_pause')).status).toBe(200); // b's recording exists

    expect((await h.action(a.callControlId, 'record_resume', { command_id: 'retry-me' })).status).toBe(422);
    expect((await h.action(a.callControlId, 'record_pause', { command_id: 'retry-me' })).status).toBe(200);
    expect((await h.action(a.callControlId, 'record_resume')).status).toBe(200); // it really paused
  });

  it('answers a duplicate of an accepted command with ok even after hang-up', async () => {
    const call = await h.sim.createCall();
    const body = { payload: 'x', voice: 'female', command_id: 'before-hangup' };
    await h.action(call.callControlId, 'speak', body);
    await h.sim.hangup(call.callControlId);
    expect((await h.action(call.callControlId, 'speak', body)).status).toBe(200);
    expect((await h.action(call.callControlId, 'speak', { ...body, command_id: 'new' })).status).toBe(422);
  });
});

describe('simulator-only routes', () => {
  it('creates and hangs up calls over HTTP, behind the API key', async () => {
    expect((await h.api('POST', '/simulator/calls', {}, { authorization: '' })).status).toBe(401);
    const created = await h.api('POST', '/simulator/calls', { client_state: b64('hello'), from: '+15551230000' });
    expect(created.status).toBe(201);
    const id = created.body.data.call_control_id;
    expect(created.body.data).toMatchObject({ is_alive: true, client_state: b64('hello') });
    await waitFor(
      () => h.receiver.eventTypes(created.body.data.call_leg_id).includes('call.answered'),
      'call.answered',
    );
    expect((await h.api('POST', `/simulator/calls/${id}/hangup`)).status).toBe(200);
    await waitFor(
      () =>
        h.receiver
          .accepted({ callLegId: created.body.data.call_leg_id })
          .find((d) => d.body.data.event_type === 'call.hangup'),
      'call.hangup',
    );
    const hangup = h.receiver
      .accepted({ callLegId: created.body.data.call_leg_id })
      .find((d) => d.body.data.event_type === 'call.hangup')!;
    expect(hangup.body.data.payload).toMatchObject({
      call_control_id: id,
      hangup_source: 'caller',
      from: '+15551230000',
      client_state: b64('hello'),
    });
  });

  it('describes itself without the API key', async () => {
    const info = await h.api('GET', '/simulator', undefined, { authorization: '' });
    expect(info.body.data).toMatchObject({ api_base_url: h.sim.apiBaseUrl, public_key: h.sim.publicKeyBase64 });
    expect(JSON.stringify(info.body)).not.toContain(h.sim.apiKey);
  });
});
