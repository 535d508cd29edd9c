import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PauseRecordingDocument, StopPlaybackDocument } from '../generated/graphql';
import { specProperties, voiceSettingsProviders } from '../telnyx/spec';
import { actionCases as cases, voiceSettingsCases } from './action-cases';
import { startGateway, TEST_API_KEY, type Harness } from '../support/gateway';
import { CALL, schemaSuiteGateway } from './principals';

let harness: Harness;

beforeAll(async () => {
  harness = await startGateway(schemaSuiteGateway);
});
afterAll(async () => {
  await harness.close();
});
beforeEach(() => {
  harness.telnyx.requests.length = 0;
});

describe('each mutation sends Telnyx the spec-exact request', () => {
  it.each(cases)('$name', async ({ document, field, action, input, body }) => {
    const result = await harness.execute(document, { input });
    expect(result.errors).toBeUndefined();
    expect(result.data?.[field]).toEqual({
      callControlId: CALL,
      commandId: 'cmd-1',
      result: 'ok',
      cursor: expect.any(String),
    });
    if (action === 'record_start') {
      // It then learns the call's leg in the background (see the queries tests).
      await harness.telnyx.waitForRequests(2);
      expect(harness.telnyx.requests[1]).toMatchObject({ method: 'GET', url: `/v2/calls/${CALL}` });
    } else {
      expect(harness.telnyx.requests).toHaveLength(1);
    }
    const [request] = harness.telnyx.requests;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe(`/v2/calls/${CALL}/actions/${action}`);
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers.authorization).toBe(`Bearer ${TEST_API_KEY}`);
    expect(request?.body).toEqual(body);
  });

  it('covers every parameter of every action in the spec', () => {
    const sent = new Map<string, Set<string>>();
    for (const { schema, body } of cases) {
      const keys = sent.get(schema) ?? new Set<string>();
      for (const key of Object.keys(body)) keys.add(key);
      sent.set(schema, keys);
    }
    for (const schema of [
      'PlayAudioUrlRequest',
      'PlaybackStopRequest',
      'SpeakRequest',
      'StartRecordingRequest',
      'StopRecordingRequest',
      'PauseRecordingRequest',
      'ResumeRecordingRequest',
    ]) {
      expect([...(sent.get(schema) ?? [])].sort(), schema).toEqual(specProperties(schema));
    }
  });

  it('covers every voice provider and every provider field in the spec', () => {
    const providers = voiceSettingsProviders();
    const sent = voiceSettingsCases.map(([, expected]) => expected);
    expect(sent.map((settings) => settings.type).sort()).toEqual(Object.keys(providers).sort());
    for (const settings of sent) {
      expect(Object.keys(settings).sort(), String(settings.type)).toEqual(
        specProperties(providers[String(settings.type)]!),
      );
    }
  });
});

describe('command ids and client state', () => {
  it('generates a UUID v4 command_id when none is given and returns it', async () => {
    const result = await harness.execute(StopPlaybackDocument, { input: { callControlId: CALL } });
    const commandId = result.data?.stopPlayback.commandId;
    expect(commandId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(harness.telnyx.requests[0]?.body).toEqual({ command_id: commandId });
  });

  it('sends {} plus the command id for an action given no options, and a fresh id per call', async () => {
    await harness.execute(PauseRecordingDocument, { input: { callControlId: CALL } });
    await harness.execute(PauseRecordingDocument, { input: { callControlId: CALL } });
    const [first, second] = harness.telnyx.requests.map((request) => request.body as { command_id: string });
    expect(Object.keys(first!)).toEqual(['command_id']);
    expect(first?.command_id).not.toBe(second?.command_id);
  });

  it('base64-encodes client state as UTF-8 text', async () => {
    await harness.execute(StopPlaybackDocument, { input: { callControlId: CALL, clientState: '{"agent":"Zoë"}' } });
    const sent = (harness.telnyx.requests[0]!.body as { client_state: string }).client_state;
    expect(Buffer.from(sent, 'base64').toString('utf8')).toBe('{"agent":"Zoë"}');
  });
});
