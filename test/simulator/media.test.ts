/** Playback and speak: the webhook sequences and payloads Telnyx sends (docs/telnyx-reference.md §2, §3.5). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeWav } from '../../src/simulator/audio';
import type { CallIds } from '../../src/simulator/calls';
import { b64, startHarness, type Harness } from './harness';
import { waitFor } from '../support/wait';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

/** The media events of a call so far, as `type[:detail]` strings, e.g. `playback.ended:a:cancelled`. */
function timeline(call: CallIds): string[] {
  return h.receiver
    .accepted({ callLegId: call.callLegId })
    .map((d) => d.body.data)
    .filter((data) => /^call\.(playback|speak)\./.test(data.event_type))
    .map((data) => {
      const p = data.payload;
      const name = p.media_url
        ? String(p.media_url)
            .replace(/^.*\//, '')
            .replace(/\.mp3$/, '')
        : p.media_name;
      return [data.event_type.replace(/^call\./, ''), name, p.overlay ? 'overlay' : undefined, p.status]
        .filter(Boolean)
        .join(':');
    });
}

const until = (call: CallIds, entry: string, count = 1) =>
  waitFor(() => timeline(call).filter((e) => e === entry).length >= count, `${entry} ×${count}`);

const play = (call: CallIds, name: string, extra: Record<string, unknown> = {}) =>
  h.action(call.callControlId, 'playback_start', { audio_url: `https://media.example.com/${name}.mp3`, ...extra });

function eventOf(call: CallIds, type: string, index = 0) {
  return h.receiver.accepted({ callLegId: call.callLegId }).filter((d) => d.body.data.event_type === type)[index]!.body
    .data;
}
const millisBetween = (a: { occurred_at: string }, b: { occurred_at: string }) =>
  Date.parse(b.occurred_at) - Date.parse(a.occurred_at);

describe('playback', () => {
  it('sends started then ended(completed) with the S1 payload fields', async () => {
    const call = await h.sim.createCall();
    expect((await play(call, 'a', { client_state: b64('play a') })).status).toBe(200);
    await until(call, 'playback.ended:a:completed');
    expect(timeline(call)).toEqual(['playback.started:a', 'playback.ended:a:completed']);
    expect(eventOf(call, 'call.playback.started').payload).toEqual({
      call_control_id: call.callControlId,
      call_leg_id: call.callLegId,
      call_session_id: call.callSessionId,
      client_state: b64('play a'),
      connection_id: expect.any(String),
      media_url: 'https://media.example.com/a.mp3',
      overlay: false,
    });
    expect(eventOf(call, 'call.playback.ended').payload).toMatchObject({
      media_url: 'https://media.example.com/a.mp3',
      overlay: false,
      status: 'completed',
    });
  });

  it('names media_name when that was the source, and neither for playback_content', async () => {
    const call = await h.sim.createCall();
    await h.action(call.callControlId, 'playback_start', { media_name: 'greeting' });
    await h.action(call.callControlId, 'playback_start', {
      playback_content: makeWav(1).toString('base64'),
      audio_type: 'wav',
    });
    await waitFor(() => timeline(call).filter((e) => e.startsWith('playback.ended')).length === 2, 'both ended');
    expect(eventOf(call, 'call.playback.started', 0).payload).toMatchObject({ media_name: 'greeting' });
    const inline = eventOf(call, 'call.playback.started', 1).payload;
    expect(inline.media_url).toBeUndefined();
    expect(inline.media_name).toBeUndefined();
  });

  it('queues consecutive playbacks: the second starts when the first ends', async () => {
    const call = await h.sim.createCall();
    await play(call, 'a');
    await play(call, 'b');
    await until(call, 'playback.ended:b:completed');
    expect(timeline(call)).toEqual([
      'playback.started:a',
      'playback.ended:a:completed',
      'playback.started:b',
      'playback.ended:b:completed',
    ]);
  });

  it('plays a file `loop` times, each loop as long as the file', async () => {
    const call = await h.sim.createCall();
    const tenSeconds = makeWav(10).toString('base64'); // 10 ms per loop at speed 1000
    await h.action(call.callControlId, 'playback_start', { playback_content: tenSeconds, audio_type: 'wav', loop: 3 });
    await waitFor(() => timeline(call).includes('playback.ended:completed'), 'loop end');
    const elapsed = millisBetween(eventOf(call, 'call.playback.started'), eventOf(call, 'call.playback.ended'));
    expect(elapsed).toBeGreaterThanOrEqual(28);
  });

  it('plays `loop: "infinity"` until playback_stop, which ends it as cancelled', async () => {
    const call = await h.sim.createCall();
    await play(call, 'forever', { loop: 'infinity' });
    await until(call, 'playback.started:forever');
    await new Promise((resolve) => setTimeout(resolve, 30)); // many 3 s loops at speed 1000
    expect(timeline(call)).toEqual(['playback.started:forever']);
    expect((await h.action(call.callControlId, 'playback_stop')).status).toBe(200);
    await until(call, 'playback.ended:forever:cancelled');
  });

  it('`stop: current` on playback_start skips to the next queued file; the new one queues behind it', async () => {
    const call = await h.sim.createCall();
    await play(call, 'a', { loop: 'infinity' });
    await play(call, 'b', { loop: 'infinity' });
    await play(call, 'c', { loop: 'infinity', stop: 'current' });
    await until(call, 'playback.started:b');
    await h.action(call.callControlId, 'playback_stop', { stop: 'current' });
    await until(call, 'playback.started:c');
    await h.action(call.callControlId, 'playback_stop', { stop: 'all' });
    await until(call, 'playback.ended:c:cancelled');
    expect(timeline(call)).toEqual([
      'playback.started:a',
      'playback.ended:a:cancelled',
      'playback.started:b',
      'playback.ended:b:cancelled',
      'playback.started:c',
      'playback.ended:c:cancelled',
    ]);
  });

  it('`stop: all` clears the queue: queued files never start', async () => {
    const call = await h.sim.createCall();
    await play(call, 'a', { loop: 'infinity' });
    await play(call, 'b');
    await play(call, 'c', { stop: 'all' });
    await until(call, 'playback.ended:c:completed');
    await h.sim.webhooksIdle();
    expect(timeline(call)).toEqual([
      'playback.started:a',
      'playback.ended:a:cancelled',
      'playback.started:c',
      'playback.ended:c:completed',
    ]);
  });

  it('overlay needs a non-overlay playback playing, and playback_stop overlay:true stops only the overlay', async () => {
    const call = await h.sim.createCall();
    const refused = await play(call, 'o', { overlay: true });
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0].source.pointer).toBe('/overlay');
    await play(call, 'main', { loop: 'infinity' });
    expect((await play(call, 'o', { overlay: true, loop: 'infinity' })).status).toBe(200);
    await until(call, 'playback.started:o:overlay');
    await h.action(call.callControlId, 'playback_stop', { overlay: true });
    await until(call, 'playback.ended:o:overlay:cancelled');
    await h.sim.webhooksIdle();
    expect(timeline(call)).toEqual([
      'playback.started:main',
      'playback.started:o:overlay',
      'playback.ended:o:overlay:cancelled',
    ]);
    expect(eventOf(call, 'call.playback.started', 1).payload.overlay).toBe(true);
  });

  it('refuses an overlay while only speech is playing', async () => {
    const call = await h.sim.createCall();
    await h.action(call.callControlId, 'speak', { payload: 'x'.repeat(2000), voice: 'female' });
    expect((await play(call, 'o', { overlay: true })).status).toBe(422);
  });
});

describe('speak', () => {
  it('sends speak.started then speak.ended(completed), taking time in proportion to the text', async () => {
    const call = await h.sim.createCall();
    await h.action(call.callControlId, 'speak', { payload: 'Hi', voice: 'female', client_state: b64('short') });
    await h.action(call.callControlId, 'speak', { payload: 'word '.repeat(600), voice: 'AWS.Polly.Joanna-Neural' }); // 180 s of speech
    await until(call, 'speak.ended:completed', 2);
    expect(timeline(call)).toEqual([
      'speak.started',
      'speak.ended:completed',
      'speak.started',
      'speak.ended:completed',
    ]);
    expect(eventOf(call, 'call.speak.started').payload).toEqual({
      call_control_id: call.callControlId,
      call_leg_id: call.callLegId,
      call_session_id: call.callSessionId,
      client_state: b64('short'),
      connection_id: expect.any(String),
    });
    const short = millisBetween(eventOf(call, 'call.speak.started', 0), eventOf(call, 'call.speak.ended', 0));
    const long = millisBetween(eventOf(call, 'call.speak.started', 1), eventOf(call, 'call.speak.ended', 1));
    expect(long).toBeGreaterThanOrEqual(175);
    expect(short).toBeLessThan(long / 2);
  });

  it('is ended by playback_stop (call.speak.ended), and the next queued item starts', async () => {
    const call = await h.sim.createCall();
    await h.action(call.callControlId, 'speak', { payload: 'Again and again', voice: 'female', loop: 'infinity' });
    await play(call, 'after');
    await until(call, 'speak.started');
    await h.action(call.callControlId, 'playback_stop', { stop: 'current' });
    await until(call, 'playback.ended:after:completed');
    expect(timeline(call)).toEqual([
      'speak.started',
      'speak.ended:completed',
      'playback.started:after',
      'playback.ended:after:completed',
    ]);
  });
});

describe('hang-up', () => {
  it('ends playback (main and overlay) and speech with status call_hangup, then sends call.hangup', async () => {
    const call = await h.sim.createCall();
    await play(call, 'main', { loop: 'infinity' });
    await play(call, 'o', { overlay: true, loop: 'infinity' });
    await until(call, 'playback.started:o:overlay');
    await h.sim.hangup(call.callControlId);
    await waitFor(() => h.receiver.eventTypes(call.callLegId).includes('call.hangup'), 'call.hangup');
    expect(timeline(call)).toEqual([
      'playback.started:main',
      'playback.started:o:overlay',
      'playback.ended:o:overlay:call_hangup',
      'playback.ended:main:call_hangup',
    ]);
    expect(h.receiver.eventTypes(call.callLegId).at(-1)).toBe('call.hangup');

    const speaking = await h.sim.createCall();
    await h.action(speaking.callControlId, 'speak', { payload: 'x'.repeat(3000), voice: 'female' });
    await until(speaking, 'speak.started');
    await h.action(speaking.callControlId, 'hangup');
    await until(speaking, 'speak.ended:call_hangup');
  });

  it('sends the lifecycle events Telnyx sends, each with call_control_id and call_leg_id', async () => {
    const call = await h.sim.createCall({ clientState: b64('life') });
    await h.action(call.callControlId, 'hangup', { client_state: b64('bye') });
    await waitFor(() => h.receiver.eventTypes(call.callLegId).includes('call.hangup'), 'call.hangup');
    expect(h.receiver.eventTypes(call.callLegId)).toEqual(['call.initiated', 'call.answered', 'call.hangup']);
    const payloads = h.receiver.accepted({ callLegId: call.callLegId }).map((d) => d.body.data.payload);
    for (const payload of payloads)
      expect(payload).toMatchObject({ call_control_id: call.callControlId, call_leg_id: call.callLegId });
    expect(payloads[0]).toMatchObject({ client_state: b64('life'), direction: 'incoming', state: 'parked' });
    expect(payloads[2]).toMatchObject({
      client_state: b64('bye'),
      hangup_cause: 'normal_clearing',
      hangup_source: 'callee',
    });
  });
});

describe('client_state', () => {
  it('rides on the events of the command that set it, and becomes the call state for later ones', async () => {
    const call = await h.sim.createCall();
    await play(call, 'a', { client_state: b64('first') });
    await h.action(call.callControlId, 'speak', { payload: 'Hi', voice: 'female' });
    await until(call, 'speak.ended:completed');
    expect(eventOf(call, 'call.playback.ended').payload.client_state).toBe(b64('first'));
    expect(eventOf(call, 'call.speak.started').payload.client_state).toBe(b64('first'));
    const status = await h.api('GET', `/v2/calls/${call.callControlId}`);
    expect(status.body.data.client_state).toBe(b64('first'));
  });
});
