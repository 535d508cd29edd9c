import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { signToken } from '../auth/tokens';
import { makeEvent } from '../events/make-event';
import { SpeakDocument } from '../generated/graphql';
import { ONE_SEND_PER_ATTEMPT, startGateway, type Harness } from '../support/gateway';
import { transports, transportsRunning, verdictOf } from '../support/transports';

/** GATEWAY_TRUSTED_DOCUMENTS: only the listed documents run, whichever transport carries them. */

const CALL = 'v3:parity-trusted-call';
const CURSOR = '{ latestEventCursor }';
const CALL_EVENTS = 'subscription TrustedEvents($id: ID) { callEvents(callControlId: $id) { id eventType } }';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The client preset's manifest (keys "sha256:<hex>"), plus two bare-hex entries. */
const generated = JSON.parse(
  readFileSync(new URL('../generated/persisted-documents.json', import.meta.url), 'utf8'),
) as Record<string, string>;
const speakId = (SpeakDocument as unknown as { __meta__: { hash: string } }).__meta__.hash;
const speak = {
  documentId: speakId,
  query: '',
  variables: { input: { callControlId: CALL, payload: 'hello', voice: 'Telnyx.KokoroTTS.af' } },
};

const dir = mkdtempSync(join(tmpdir(), 'vmg-parity-trusted-'));
let h: Harness;
let token: string;
beforeAll(async () => {
  const manifest = join(dir, 'persisted-documents.json');
  writeFileSync(
    manifest,
    JSON.stringify({ ...generated, [sha256(CURSOR)]: CURSOR, [sha256(CALL_EVENTS)]: CALL_EVENTS }),
  );
  h = await startGateway({ env: { GATEWAY_TRUSTED_DOCUMENTS: manifest }, tuning: ONE_SEND_PER_ATTEMPT });
  token = await signToken({ scope: 'events:read media:write' });
});
afterAll(async () => {
  await h.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  h.telnyx.requests.length = 0;
});

describe('a trusted document', () => {
  it.each(transports)('runs a query by its id over $name', async (transport) => {
    const outcome = await transport.run(h, { query: '', documentId: sha256(CURSOR) }, { token });
    expect(verdictOf(outcome)).toEqual({ ...transport.answers.executed, codes: [] });
    expect(outcome.results).toEqual([{ data: { latestEventCursor: expect.any(String) } }]);
  });

  it.each(transportsRunning('mutation'))('runs a mutation by its id over $name', async (transport) => {
    const outcome = await transport.run(h, speak, { token });
    expect(verdictOf(outcome)).toEqual({ ...transport.answers.executed, codes: [] });
    expect(outcome.data).toMatchObject({ speak: { callControlId: CALL, result: 'ok' } });
    expect(h.telnyx.requests).toHaveLength(1);
  });

  it.each(transportsRunning('subscription'))(
    'delivers events to a subscription named by its id over $name',
    async (transport) => {
      const stream = await transport.subscribe!(
        h,
        { query: '', documentId: sha256(CALL_EVENTS), variables: { id: CALL } },
        { token },
      );
      try {
        await h.waitForSubscribers(1);
        await h.events.publish(makeEvent({ id: `trusted-${transport.name}`, callControlId: CALL }));
        const [result] = await stream.collected.waitFor(1);
        expect(result).toEqual({
          data: { callEvents: { id: `trusted-${transport.name}`, eventType: 'call.speak.ended' } },
        });
      } finally {
        stream.cancel();
        await h.waitForNoSubscribers();
      }
    },
  );
});

describe('a document that is not trusted', () => {
  it.each(transports)('is refused as PERSISTED_QUERY_ONLY when sent as text, over $name', async (transport) => {
    const outcome = await transport.run(h, { query: CURSOR }, { token });
    expect(verdictOf(outcome)).toEqual({ ...transport.answers.persistedQueryOnly, codes: ['PERSISTED_QUERY_ONLY'] });
  });

  it.each(transportsRunning('mutation'))(
    'is refused as PERSISTED_QUERY_ONLY for a mutation, sending nothing to Telnyx, over $name',
    async (transport) => {
      const outcome = await transport.run(h, { query: generated[speakId]!, variables: speak.variables }, { token });
      expect(verdictOf(outcome)).toEqual({ ...transport.answers.persistedQueryOnly, codes: ['PERSISTED_QUERY_ONLY'] });
      expect(h.telnyx.requests).toEqual([]);
    },
  );

  it.each(transports)('is refused as PERSISTED_QUERY_NOT_FOUND for an unknown id, over $name', async (transport) => {
    const outcome = await transport.run(h, { query: '', documentId: sha256('{ nope }') }, { token });
    expect(verdictOf(outcome)).toEqual({
      ...transport.answers.persistedQueryNotFound,
      codes: ['PERSISTED_QUERY_NOT_FOUND'],
    });
  });
});
