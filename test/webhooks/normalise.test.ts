import type { Loose } from '../support/loose';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CALL_EVENT_TYPES } from '../../src/events/catalogue';
import { decodeClientState } from '../../src/graphql/schema/call-events';
import { normaliseTelnyxEvent } from '../../src/webhooks/normalise';
import { envelopeSchema, parseTelnyxEnvelope, WebhookPayloadError } from '../../src/webhooks/parse';
import { referenceExamples } from '../support/webhooks';

const received = new Date('2026-01-01T00:00:00.000Z');
const normalise = (body: unknown) => normaliseTelnyxEvent(parseTelnyxEnvelope(JSON.stringify(body)), received);

describe('parseTelnyxEnvelope + normaliseTelnyxEvent', () => {
  it('normalises every reference example to its camelCase event', () => {
    const events = referenceExamples().map((example) => normalise(example));
    expect(events.map((e) => e.kind === 'event' && e.event.eventType)).toEqual([...CALL_EVENT_TYPES]);
    const [started, ended, , speakEnded, saved, error, transcription, initiated, answered, hangup] = events.map((e) =>
      e.kind === 'event' ? e.event : null,
    ) as Loose[];
    expect(started).toEqual({
      id: '0ccc7b54-4df3-4bca-a65a-3da1ecc777f0',
      eventType: 'call.playback.started',
      occurredAt: '2018-02-02T22:25:27.521Z',
      callControlId: 'v3:MdI91X4lWFEs7IgbBEOT9M4AigoY08M0WWZFISt1Yw2axZ_IiE4pqg',
      callLegId: '428c31b6-7af4-4bcb-b7f5-5013ef9657c1',
      callSessionId: '428c31b6-7af4-4bcb-b7f5-5013ef9657c1',
      connectionId: '7267xxxxxxxxxxxxxx',
      clientStateBase64: 'aGF2ZSBhIG5pY2UgZGF5ID1d',
      mediaUrl: 'http://example.com/audio.wav',
      mediaName: null,
      overlay: false,
    });
    expect(ended).toMatchObject({
      mediaName: 'my_media_uploaded_to_media_storage_api',
      status: 'completed',
      statusDetail: null,
    });
    expect(speakEnded).toMatchObject({ status: 'completed' });
    expect(saved).toMatchObject({
      callControlId: null,
      channels: 'single',
      recordingId: null,
      recordingStartedAt: '2018-02-02T22:20:27.521Z',
      recordingUrls: { mp3: 'http://example.com/recording.mp3', wav: 'http://example.com/recording.wav' },
      publicRecordingUrls: { mp3: 'http://example.com/recording.mp3', wav: 'http://example.com/recording.wav' },
    });
    expect(error).toMatchObject({ reason: 'Internal server error', callControlId: null });
    expect(transcription).toMatchObject({
      recordingId: '428c31b6-7af4-4bcb-b7f5-5013ef9657c1',
      transcriptionText: 'Hi!',
      callingPartyType: 'pstn',
      status: 'completed',
    });
    expect(initiated).toMatchObject({
      direction: 'incoming',
      from: '+35319605860',
      to: '+13129457420',
      callerIdName: '+35319605860',
      startTime: '2018-02-02T22:20:27.521Z',
      state: 'parked',
      tags: ['support'],
      customHeaders: [{ name: 'X-Team', value: 'support' }],
      sipHeaders: [{ name: 'User-to-User', value: '12345' }],
      offeredCodecs: 'PCMU,PCMA,G722',
      connectionCodecs: 'PCMU,PCMA',
      shakenStirAttestation: 'A',
      shakenStirValidated: true,
      callScreeningResult: null,
    });
    expect(answered).toMatchObject({ state: 'answered', from: '+35319605860', customHeaders: null });
    expect(hangup).toMatchObject({
      hangupCause: 'normal_clearing',
      hangupSource: 'caller',
      sipHangupCause: '200',
      state: 'hangup',
    });
  });

  it('keeps only SIP headers with a text name and value', () => {
    const result = normalise({
      data: {
        id: 'h1',
        event_type: 'call.answered',
        payload: { custom_headers: [{ name: 'X-A', value: '1' }, { name: 'X-B' }, 'junk', { name: 2, value: 'x' }] },
      },
    });
    expect(result.kind === 'event' && result.event).toMatchObject({ customHeaders: [{ name: 'X-A', value: '1' }] });
  });

  it('reads Telnyx times in any ISO 8601 form (no offset is UTC) and answers them in RFC 3339', () => {
    const result = normalise({
      data: {
        id: 'e1',
        event_type: 'call.recording.saved',
        occurred_at: '2026-11-24T10:00:02.574',
        payload: {
          call_control_id: 'v3:x',
          recording_started_at: '2026-11-24T10:59:00+0100',
          recording_ended_at: '20261124T100002.5Z',
        },
      },
    });
    expect(result).toMatchObject({
      event: {
        occurredAt: '2026-11-24T10:00:02.574Z',
        recordingStartedAt: '2026-11-24T09:59:00.000Z',
        recordingEndedAt: '2026-11-24T10:00:02.500Z',
      },
    });
  });

  it('keeps fields Telnyx sends in practice and tolerates odd optional ones', () => {
    const result = normalise({
      data: {
        id: 'e1',
        event_type: 'call.recording.saved',
        occurred_at: 'yesterday',
        payload: {
          call_control_id: 'v3:x',
          recording_id: 'r1',
          format: 'mp3',
          public_recording_urls: {},
          recording_urls: 'nope',
          channels: 7,
          extra: { deep: true },
        },
      },
    });
    expect(result).toEqual({
      kind: 'event',
      event: expect.objectContaining({
        occurredAt: received.toISOString(),
        recordingId: 'r1',
        format: 'mp3',
        channels: null,
        recordingUrls: null,
        publicRecordingUrls: { mp3: null, wav: null },
      }),
    });
  });

  it('reports other event types as unknown, with the ids that teach routing', () => {
    expect(
      normalise({
        data: { id: 'x', event_type: 'call.bridged', payload: { call_control_id: 'v3:c', call_leg_id: 'l' } },
      }),
    ).toEqual({
      kind: 'unknown',
      eventType: 'call.bridged',
      callControlId: 'v3:c',
      callLegId: 'l',
    });
  });

  it('rejects bodies that are not JSON or not events with WebhookPayloadError', () => {
    for (const body of [
      '',
      'not json',
      '[]',
      'null',
      '{}',
      '{"data":{}}',
      '{"data":{"id":"x","event_type":"call.speak.started"}}',
      '{"data":{"id":"","event_type":"call.speak.started","payload":{}}}',
      '{"data":{"id":"x","event_type":1,"payload":{}}}',
      '{"data":{"id":"x","event_type":"call.speak.started","payload":[]}}',
    ]) {
      expect(() => parseTelnyxEnvelope(body), body).toThrow(WebhookPayloadError);
    }
  });

  it('property: any valid event normalises to its type with its id and payload fields, deterministically', () => {
    const optionalText = fc.option(fc.string({ minLength: 1, maxLength: 40 }), { nil: undefined });
    const payload = fc.record(
      {
        call_control_id: optionalText,
        call_leg_id: optionalText,
        call_session_id: optionalText,
        connection_id: optionalText,
        client_state: fc.option(fc.base64String({ minLength: 4, maxLength: 40 }), { nil: undefined }),
        media_url: optionalText,
        status: optionalText,
        overlay: fc.option(fc.boolean(), { nil: undefined }),
        recording_id: optionalText,
        transcription_text: fc.option(fc.string(), { nil: undefined }),
        reason: optionalText,
        junk: fc.anything(),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...CALL_EVENT_TYPES),
        fc.string({ minLength: 1, maxLength: 64 }),
        fc.option(fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }), {
          nil: undefined,
        }),
        payload,
        (eventType, id, occurred, p) => {
          const body = {
            data: { id, event_type: eventType, occurred_at: occurred?.toISOString(), payload: p, record_type: 'event' },
            meta: { attempt: 2 },
          };
          const first = normalise(body);
          expect(first).toEqual(normalise(JSON.parse(JSON.stringify(body))));
          if (first.kind !== 'event') throw new Error('expected an event');
          const event = first.event;
          expect(event.eventType).toBe(eventType);
          expect(event.id).toBe(id);
          expect(event.occurredAt).toBe((occurred ?? received).toISOString());
          expect(event.callControlId).toBe(p.call_control_id ?? null);
          expect(event.callLegId).toBe(p.call_leg_id ?? null);
          expect(event.clientStateBase64).toBe(p.client_state ?? null);
          if ('status' in event) expect(event.status).toBe(p.status ?? null);
          if ('reason' in event) expect(event.reason).toBe(p.reason ?? null);
          if ('overlay' in event) expect(event.overlay).toBe(p.overlay ?? null);
          // Plain JSON data: what the Redis store serialises comes back equal.
          expect(JSON.parse(JSON.stringify(event))).toEqual(event);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('property: accepts exactly what the envelope schema accepts, with the same fields', () => {
    const text = fc.oneof(fc.string({ maxLength: 300 }), fc.constantFrom('', 'x'.repeat(256), 'x'.repeat(257)));
    const value = fc.oneof(
      text,
      fc.integer(),
      fc.constant(null),
      fc.array(fc.string()),
      fc.dictionary(fc.string(), fc.json()),
    );
    const envelopes = fc.oneof(
      value,
      fc.record({ data: value }),
      fc.record(
        {
          data: fc.record(
            { id: value, event_type: value, payload: value, occurred_at: value, extra: value },
            { requiredKeys: [] },
          ),
          meta: value,
        },
        { requiredKeys: ['data'] },
      ),
      // Mostly well-formed: every field present, each still possibly wrong.
      {
        weight: 4,
        arbitrary: fc.record({
          data: fc.record({
            id: fc.oneof({ weight: 4, arbitrary: fc.string({ minLength: 1, maxLength: 256 }) }, text, value),
            event_type: fc.oneof({ weight: 4, arbitrary: fc.string({ minLength: 1, maxLength: 256 }) }, text, value),
            payload: fc.oneof({ weight: 4, arbitrary: fc.dictionary(fc.string(), fc.json()) }, value),
            occurred_at: value,
          }),
        }),
      },
    );
    let accepted = 0;
    fc.assert(
      fc.property(envelopes, (envelope) => {
        const body = JSON.stringify(envelope);
        const reference = envelopeSchema.safeParse(JSON.parse(body));
        if (!reference.success) return void expect(() => parseTelnyxEnvelope(body)).toThrow(WebhookPayloadError);
        accepted++;
        const { data } = reference.data;
        expect(parseTelnyxEnvelope(body)).toEqual({
          id: data.id,
          eventType: data.event_type,
          occurredAt: data.occurred_at,
          payload: data.payload,
        });
      }),
      { numRuns: 2000 },
    );
    expect(accepted).toBeGreaterThan(200);
  });

  it('drops a payload key named __proto__ rather than make it a prototype', () => {
    const body =
      '{"data":{"id":"e1","event_type":"call.speak.ended","payload":{"__proto__":{"polluted":true},"status":"completed"}}}';
    const { payload } = parseTelnyxEnvelope(body);
    expect(Object.getPrototypeOf(payload)).toBe(Object.prototype);
    expect(payload).toEqual({ status: 'completed' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('property: junk never throws anything but WebhookPayloadError', () => {
    const junk = fc.oneof(
      fc.string(),
      fc.json(),
      fc.anything().map((value) => JSON.stringify(value) ?? 'undefined'),
      fc
        .record({
          data: fc.record(
            { id: fc.anything(), event_type: fc.anything(), payload: fc.anything(), occurred_at: fc.anything() },
            { requiredKeys: [] },
          ),
        })
        .map((v) => JSON.stringify(v)),
      fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
    );
    fc.assert(
      fc.property(junk, (text) => {
        try {
          const result = normaliseTelnyxEvent(parseTelnyxEnvelope(text), received);
          expect(['event', 'unknown']).toContain(result.kind);
        } catch (error) {
          expect(error).toBeInstanceOf(WebhookPayloadError);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('decodeClientState', () => {
  it('decodes base64 UTF-8 text and gives null for anything else', () => {
    expect(decodeClientState('aGF2ZSBhIG5pY2UgZGF5ID1d')).toBe('have a nice day =]');
    expect(decodeClientState(Buffer.from('héllo ☎', 'utf8').toString('base64'))).toBe('héllo ☎');
    expect(decodeClientState(Buffer.from([0xff, 0xfe, 0x00]).toString('base64'))).toBeNull();
    expect(decodeClientState('not base64!')).toBeNull();
    expect(decodeClientState(null)).toBeNull();
  });

  it('property: round-trips any string through base64', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        expect(decodeClientState(Buffer.from(text, 'utf8').toString('base64'))).toBe(text);
      }),
    );
  });
});
