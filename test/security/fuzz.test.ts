import fc from 'fast-check';
import { type GraphQLInputObjectType, GraphQLNonNull } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../../src/graphql/schema/index';
import { parseTelnyxEnvelope, WebhookPayloadError } from '../../src/webhooks/parse';
import { importTelnyxPublicKey, verifyTelnyxSignature, WebhookSignatureError } from '../../src/webhooks/verify';
import { signToken } from '../auth/tokens';
import { signedWebhook, signWebhook, testKeys } from '../support/signing';
import { startGateway, type Harness } from '../support/gateway';

const publicKey = importTelnyxPublicKey(testKeys.publicKeyBase64);
const now = Date.now();
const nowSeconds = String(Math.floor(now / 1000));

describe('webhook verifier under hostile input (fast-check)', () => {
  it('only ever returns for a genuine signature, and otherwise throws WebhookSignatureError without echoing the signature', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 512 }),
        fc.option(fc.oneof(fc.string(), fc.base64String({ minLength: 88, maxLength: 88 })), { nil: undefined }),
        fc.option(fc.oneof(fc.string(), fc.constant(nowSeconds), fc.integer().map(String)), { nil: undefined }),
        (body, signature, timestamp) => {
          try {
            verifyTelnyxSignature({
              rawBody: Buffer.from(body),
              signature,
              timestamp,
              publicKey,
              toleranceSeconds: 300,
              now,
            });
          } catch (error) {
            expect(error).toBeInstanceOf(WebhookSignatureError);
            if (signature && signature.length > 8) expect((error as Error).message).not.toContain(signature);
            return;
          }
          throw new Error('a random signature verified');
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('accepts a genuine delivery and refuses it after any change to body, timestamp or signature', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 200 }),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        (body, position, flip) => {
          const signature = signWebhook(body, nowSeconds);
          const genuine = {
            rawBody: Buffer.from(body, 'utf8'),
            signature,
            timestamp: nowSeconds,
            publicKey,
            toleranceSeconds: 300,
            now,
          };
          expect(verifyTelnyxSignature(genuine)).toBe(Number(nowSeconds));

          const tampered = Buffer.from(genuine.rawBody);
          tampered[position % tampered.length]! ^= flip;
          expect(() => verifyTelnyxSignature({ ...genuine, rawBody: tampered })).toThrow(WebhookSignatureError);
          expect(() => verifyTelnyxSignature({ ...genuine, timestamp: String(Number(nowSeconds) - 1) })).toThrow(
            WebhookSignatureError,
          );
          const bytes = Buffer.from(signature, 'base64');
          bytes[position % 64]! ^= flip;
          expect(() => verifyTelnyxSignature({ ...genuine, signature: bytes.toString('base64') })).toThrow(
            WebhookSignatureError,
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('webhook parser under hostile input (fast-check)', () => {
  it('returns an envelope or throws WebhookPayloadError, for any text or JSON', () => {
    const bodies = fc.oneof(
      fc.string(),
      fc.jsonValue().map((value) => JSON.stringify(value)),
      fc.jsonValue().map((value) => JSON.stringify({ data: value })),
      fc
        .record(
          { id: fc.jsonValue(), event_type: fc.jsonValue(), payload: fc.jsonValue(), occurred_at: fc.jsonValue() },
          { requiredKeys: [] },
        )
        .map((data) => JSON.stringify({ data })),
    );
    fc.assert(
      fc.property(bodies, (body) => {
        try {
          const envelope = parseTelnyxEnvelope(body);
          expect(typeof envelope.id).toBe('string');
          expect(typeof envelope.eventType).toBe('string');
          expect(typeof envelope.payload).toBe('object');
        } catch (error) {
          expect(error).toBeInstanceOf(WebhookPayloadError);
        }
      }),
      { numRuns: 3_000 },
    );
  });
});

let h: Harness;
let token: string;
beforeAll(async () => {
  h = await startGateway({ env: { LOG_LEVEL: 'silent' } });
  token = await signToken({ scope: 'media:write events:read' });
});
afterAll(() => h.close());

describe('webhook receiver under hostile input over HTTP', () => {
  it('answers genuinely signed junk with 2xx or 400, forged deliveries with 401, never 500', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string(),
          fc.jsonValue().map((value) => JSON.stringify({ data: value })),
        ),
        fc.boolean(),
        async (body, genuine) => {
          const delivery = signedWebhook(body);
          if (!genuine)
            delivery.headers['telnyx-signature-ed25519'] = signWebhook(
              `${body} `,
              delivery.headers['telnyx-timestamp']!,
            );
          const response = await fetch(`${h.url}/webhooks/telnyx`, {
            method: 'POST',
            headers: delivery.headers,
            body: delivery.body,
          });
          await response.arrayBuffer();
          if (genuine) expect([200, 202, 204, 400]).toContain(response.status);
          else expect(response.status).toBe(401);
        },
      ),
      { numRuns: 150 },
    );
  });
});

/** Each media mutation (those taking `input`) and the names of its input's fields, read from the schema itself. */
const mutations = Object.values(schema.getMutationType()!.getFields())
  .filter((field) => field.args[0]?.name === 'input')
  .map((field) => {
    const inputType = field.args[0]!.type;
    const input = (inputType instanceof GraphQLNonNull ? inputType.ofType : inputType) as GraphQLInputObjectType;
    return { name: field.name, inputType: input.name, fields: Object.keys(input.getFields()) };
  });

const ALLOWED_CODES = new Set(['BAD_USER_INPUT', 'TELNYX_ERROR', 'BAD_REQUEST']);

describe('GraphQL inputs under hostile variables (fast-check)', () => {
  it('has the media mutations to fuzz', () => {
    expect(mutations.map((mutation) => mutation.name)).toEqual(
      expect.arrayContaining([
        'startPlayback',
        'stopPlayback',
        'speak',
        'startRecording',
        'stopRecording',
        'pauseRecording',
        'resumeRecording',
      ]),
    );
  });

  it.each(mutations.map((mutation) => [mutation.name, mutation] as const))(
    '%s: any variables give a GraphQL error or a result, never a 500, and invalid input never reaches Telnyx',
    async (_name, mutation) => {
      const fieldValue = fc.oneof(
        fc.jsonValue({ maxDepth: 2 }),
        fc.constantFrom(
          'v3:call-a',
          'https://example.com/a.mp3',
          'MP3',
          'infinity',
          'SELF',
          'ALL',
          'en-US',
          'UklGRgAA',
          '',
        ),
        fc.integer(),
        fc.string({ maxLength: 300 }),
      );
      const input = fc.oneof(
        fc.jsonValue({ maxDepth: 2 }),
        fc.dictionary(fc.constantFrom(...mutation.fields, 'unknownField'), fieldValue, {
          maxKeys: mutation.fields.length,
        }),
      );
      const query = `mutation($input: ${mutation.inputType}!) { ${mutation.name}(input: $input) { callControlId commandId result } }`;
      await fc.assert(
        fc.asyncProperty(input, async (value) => {
          const before = h.telnyx.requests.length;
          const response = await h.graphql(query, { token, variables: { input: value } });
          expect(response.status).not.toBe(500);
          const errors = response.body.errors ?? [];
          for (const error of errors)
            expect(ALLOWED_CODES.has(String(error.extensions?.code)), JSON.stringify(error)).toBe(true);
          if (
            errors.some(
              (error) => error.extensions?.code === 'BAD_USER_INPUT' || error.extensions?.code === 'BAD_REQUEST',
            )
          ) {
            expect(h.telnyx.requests.length).toBe(before);
          } else {
            expect(errors.length > 0 || response.body.data?.[mutation.name] != null).toBe(true);
            // Whatever reached Telnyx was well formed: one request, a JSON object carrying a command_id.
            for (const request of h.telnyx.requests.slice(before)) {
              expect(request.body).toMatchObject({ command_id: expect.any(String) });
            }
          }
        }),
        { numRuns: 60 },
      );
    },
    30_000,
  );
});
