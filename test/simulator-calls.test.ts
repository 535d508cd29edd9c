import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/lib/logger';
import { startSimulator, type RunningSimulator } from '../src/simulator/server';
import { signToken } from './auth/tokens';
import { startGateway, type Harness } from './support/gateway';
import { waitFor } from './support/wait';

/**
 * Simulator mode's call routes on the gateway, forwarding to a real simulator whose webhooks come
 * back to the gateway: a browser on the gateway's origin starts and hangs up demo calls without
 * ever seeing the simulator's key.
 */
let simulator: RunningSimulator;
let gateway: Harness;
let token: string;

beforeAll(async () => {
  // Real time: the speak must still be playing when the call is hung up.
  simulator = await startSimulator({ port: 0, host: '127.0.0.1', speed: 1, logger: createLogger('silent') });
  gateway = await startGateway({
    upstream: { baseUrl: simulator.apiBaseUrl, apiKey: simulator.apiKey, webhookPublicKey: simulator.publicKeyBase64 },
    simulator: { baseUrl: simulator.apiBaseUrl.replace(/\/v2$/, ''), apiKey: simulator.apiKey },
  });
  simulator.setWebhookUrl(gateway.webhookUrl);
  token = await signToken();
});
afterAll(async () => {
  await gateway?.close();
  await simulator?.close();
});

function post(path: string, init: { token?: string | null; body?: string; contentType?: string | null } = {}) {
  const headers: Record<string, string> = {};
  if (init.contentType !== null) headers['content-type'] = init.contentType ?? 'application/json';
  const bearer = init.token === undefined ? token : init.token;
  if (bearer !== null) headers.authorization = `Bearer ${bearer}`;
  return fetch(`${gateway.url}${path}`, { method: 'POST', headers, body: init.body ?? '{}' });
}

const hangupPath = (callControlId: string) => `/simulator/calls/${encodeURIComponent(callControlId)}/hangup`;

const CALL_QUERY = `query($id: ID!) {
  call(callControlId: $id) {
    state from to hangupCause
    events { edges { node { eventType ... on CallSpeakEnded { status } ... on CallHangup { hangupCause } } } }
  }
}`;

async function callOf(callControlId: string) {
  const response = await gateway.graphql(CALL_QUERY, { variables: { id: callControlId }, token });
  expect(response.body.errors).toBeUndefined();
  return response.body.data!.call as {
    state: string | null;
    from: string;
    to: string;
    hangupCause: string | null;
    events: { edges: { node: { eventType: string; status?: string; hangupCause?: string } }[] };
  };
}

describe('POST /simulator/calls and /simulator/calls/{id}/hangup', () => {
  it('starts a call that the gateway lists as answered, and hangs it up: ended with its cause, its speak cut off', async () => {
    const created = await post('/simulator/calls', {
      body: JSON.stringify({ from: '+15550001111', to: '+15550002222' }),
    });
    expect(created.status).toBe(201);
    const { data } = (await created.json()) as { data: { callControlId: string; callLegId: string } };
    expect(data.callControlId).toMatch(/^v3:/);
    await waitFor(async () => (await callOf(data.callControlId)).state === 'ANSWERED', 'the call to be answered');
    expect(await callOf(data.callControlId)).toMatchObject({ from: '+15550001111', to: '+15550002222' });

    const speak = await gateway.graphql(
      'mutation($id: ID!) { speak(input: { callControlId: $id, payload: "A sentence long enough to be cut off by the hangup: about six seconds of speech in real time", voice: "female" }) { result } }',
      { variables: { id: data.callControlId }, token },
    );
    expect(speak.body.errors).toBeUndefined();
    await waitFor(
      async () =>
        (await callOf(data.callControlId)).events.edges.some((e) => e.node.eventType === 'call.speak.started'),
      'the speak to start',
    );
    const hungUp = await post(hangupPath(data.callControlId));
    expect(hungUp.status).toBe(200);
    expect(await hungUp.json()).toEqual({ data: { result: 'ok' } });

    await waitFor(async () => (await callOf(data.callControlId)).state === 'ENDED', 'the call to end');
    const ended = await callOf(data.callControlId);
    expect(ended.hangupCause).toBe('normal_clearing');
    expect(ended.events.edges.map((e) => e.node)).toEqual([
      { eventType: 'call.initiated' },
      { eventType: 'call.answered' },
      { eventType: 'call.speak.started' },
      { eventType: 'call.speak.ended', status: 'CALL_HANGUP' },
      { eventType: 'call.hangup', hangupCause: 'normal_clearing' },
    ]);

    const again = await post(hangupPath(data.callControlId));
    expect(again.status).toBe(422);
    const body = (await again.json()) as {
      errors: { extensions: { code: string; telnyx: { errors: { code: string }[] } } }[];
    };
    expect(body.errors[0]!.extensions.code).toBe('TELNYX_ERROR');
    expect(body.errors[0]!.extensions.telnyx.errors[0]!.code).toBe('90018');
  });

  it('refuses what /graphql refuses: other methods, cross-site forms, no token, no media:write, a call the token does not cover', async () => {
    const { callControlId } = await simulator.createCall();
    const answers = [
      (await fetch(`${gateway.url}/simulator/calls`)).status,
      (await post('/simulator/calls', { contentType: 'text/plain' })).status,
      (await post('/simulator/calls', { contentType: null })).status,
      (await post('/simulator/calls', { token: null })).status,
      (await post('/simulator/calls', { token: await signToken({ scope: 'events:read' }) })).status,
      (await post(hangupPath(callControlId), { token: await signToken({ calls: ['v3:another'] }) })).status,
      (await post('/simulator/calls', { body: '{"from": 7}' })).status,
      (await post('/simulator/calls', { body: 'not json' })).status,
      (await post(hangupPath('v3:never-made'))).status,
    ];
    expect(answers).toEqual([405, 403, 403, 401, 403, 403, 400, 400, 404]);
    expect((await callOf(callControlId)).state).not.toBe('ENDED');
  });

  it('never shows the simulator key', async () => {
    const texts = await Promise.all([
      post('/simulator/calls').then((r) => r.text()),
      post(hangupPath('v3:never-made')).then((r) => r.text()),
      post('/simulator/calls', { token: null }).then((r) => r.text()),
    ]);
    for (const text of texts) expect(text).not.toContain(simulator.apiKey);
  });
});

describe('outside simulator mode', () => {
  it('has no simulator routes', async () => {
    const plain = await startGateway({ auth: 'off' });
    try {
      const response = await fetch(`${plain.url}/simulator/calls`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      expect(response.status).toBe(404);
    } finally {
      await plain.close();
    }
  });
});
