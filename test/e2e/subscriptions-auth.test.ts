import type { LooseRecord } from '../support/loose';
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Authenticator, Principal, Scope } from '../../src/auth/principal';
import { UnauthenticatedError } from '../../src/lib/errors';
import { postSignedWebhook } from '../support/signing';
import { subscribeSse, subscribeWs } from '../support/clients';
import { startGateway, type Harness } from '../support/gateway';
import { referenceExamples, speakStarted } from '../support/webhooks';

const CALL_A = 'v3:call-a';
const CALL_B = 'v3:call-b';

function principal(scopes: Scope[], calls: string[] | null): Principal {
  return { subject: randomUUID(), scopes: new Set(scopes), calls: calls && new Set(calls), expiresAt: null };
}

/** Tokens are names here; what matters is the principal each one yields. */
const tokens: Record<string, Principal> = {
  'reader-a': principal(['events:read'], [CALL_A]),
  reader: principal(['events:read'], null),
  writer: principal(['media:write'], null),
};
const authenticator: Authenticator = {
  async authenticate(authorization) {
    const found = tokens[authorization?.replace(/^Bearer /, '') ?? ''];
    if (!found) throw new UnauthenticatedError('bad token');
    return found;
  },
};

describe('who may subscribe to what', () => {
  let gw: Harness;
  afterEach(async () => {
    await gw.close();
  });

  it('needs events:read, and the call in the token for a one-call subscription', async () => {
    gw = await startGateway({ auth: authenticator });
    const cases: Array<[string, string]> = [
      ['writer', `subscription { callEvents { id } }`],
      ['reader-a', `subscription { callEvents(callControlId: "${CALL_B}") { id } }`],
      ['reader-a', `subscription { playbackEvents(callControlId: "${CALL_B}") { id } }`],
    ];
    for (const [token, query] of cases) {
      const ws = subscribeWs(gw.wsClient(token), query);
      await ws.collected.waitForEnd();
      const errors = (ws.collected.items[0]?.errors ?? ws.collected.error) as Array<{ extensions?: { code?: string } }>;
      expect(errors[0]!.extensions!.code, `${token}: ${query}`).toBe('FORBIDDEN');
      const sse = await subscribeSse(gw.url, query, { headers: { authorization: `Bearer ${token}` } });
      await sse.collected.waitForEnd();
      expect(sse.collected.items[0]!.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    }
    expect((await gw.metrics.activeSubscriptions.get()).values[0]!.value).toBe(0);
  });

  it('limits an all-calls subscription to the calls in the token; an unlimited token sees every call', async () => {
    gw = await startGateway({ auth: authenticator });
    const limited = subscribeWs(gw.wsClient('reader-a'), `subscription { callEvents { id callControlId } }`);
    const limitedSse = await subscribeSse(gw.url, `subscription { speakEvents { id callControlId } }`, {
      headers: { authorization: 'Bearer reader-a' },
    });
    const firehose = subscribeWs(gw.wsClient('reader'), `subscription { callEvents { id callControlId } }`);
    await gw.waitForSubscribers(3);
    for (const call of [CALL_B, CALL_A, CALL_B, CALL_A])
      expect((await postSignedWebhook(gw.webhookUrl, speakStarted(call))).status).toBe(200);
    const calls = (items: Array<{ data?: LooseRecord | null }>, field: string) =>
      items.map((r) => r.data![field].callControlId);
    expect(calls(await firehose.collected.waitFor(4), 'callEvents')).toEqual([CALL_B, CALL_A, CALL_B, CALL_A]);
    expect(calls(await limited.collected.waitFor(2), 'callEvents')).toEqual([CALL_A, CALL_A]);
    expect(calls(await limitedSse.collected.waitFor(2), 'speakEvents')).toEqual([CALL_A, CALL_A]);
    expect(limited.collected.items).toHaveLength(2);
    expect(limitedSse.collected.items).toHaveLength(2);
  });

  it('resolves CallRecordingSaved.recording through the Recordings API, and null without a recording id', async () => {
    gw = await startGateway({ auth: 'off' });
    gw.telnyx.setFallback((request) => {
      const id = request.pathname.split('/').pop();
      return {
        status: 200,
        body: {
          data: { id, record_type: 'recording', call_control_id: CALL_A, duration_millis: 1234, status: 'completed' },
        },
      };
    });
    const sub = subscribeWs(
      gw.wsClient(),
      `subscription { recordingEvents { ... on CallRecordingSaved { recordingId recording { id durationMillis callControlId } } } }`,
    );
    await gw.waitForSubscribers(1);
    const saved = referenceExamples()[4]!;
    const withId = {
      ...saved,
      data: {
        ...saved.data,
        id: randomUUID(),
        payload: { ...saved.data.payload, call_control_id: CALL_A, recording_id: 'rec-1' },
      },
    };
    const withoutId = { ...saved, data: { ...saved.data, id: randomUUID() } };
    await postSignedWebhook(gw.webhookUrl, withId);
    await postSignedWebhook(gw.webhookUrl, withoutId);
    const [first, second] = await sub.collected.waitFor(2);
    expect(first!.data!.recordingEvents).toEqual({
      recordingId: 'rec-1',
      recording: { id: 'rec-1', durationMillis: 1234, callControlId: CALL_A },
    });
    expect(second!.data!.recordingEvents).toEqual({ recordingId: null, recording: null });
    expect(gw.telnyx.requests.map((request) => request.url)).toEqual(['/v2/recordings/rec-1']);
  });
});
