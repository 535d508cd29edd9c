import { describe, expect, it } from 'vitest';
import { importTelnyxPublicKey, verifyTelnyxSignature, WebhookSignatureError } from '../../src/webhooks/verify';
import { createTestKeyPair, signWebhook, testKeys } from '../support/signing';

const publicKey = importTelnyxPublicKey(testKeys.publicKeyBase64);
const NOW = 1_760_000_000_000;
const ts = String(NOW / 1000);
const body = '{"data":{"event_type":"call.speak.started","id":"x","payload":{}}}';

function check(overrides: Partial<Parameters<typeof verifyTelnyxSignature>[0]>) {
  return () =>
    verifyTelnyxSignature({
      rawBody: Buffer.from(body),
      signature: signWebhook(body, ts),
      timestamp: ts,
      publicKey,
      toleranceSeconds: 300,
      now: NOW,
      ...overrides,
    });
}

function reason(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(WebhookSignatureError);
    return (error as WebhookSignatureError).reason;
  }
  return 'accepted';
}

describe('verifyTelnyxSignature', () => {
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the test name quotes the signed string's shape.
  it('accepts a delivery signed over `${timestamp}|${body}` with the portal key', () => {
    expect(check({})()).toBe(NOW / 1000);
  });

  it('accepts timestamps at the edge of the tolerance, both ways', () => {
    for (const offset of [-300, 300]) {
      const t = String(NOW / 1000 + offset);
      expect(reason(check({ timestamp: t, signature: signWebhook(body, t) }))).toBe('accepted');
    }
  });

  it('rejects stale and future timestamps even when correctly signed', () => {
    const stale = String(NOW / 1000 - 301);
    const future = String(NOW / 1000 + 301);
    expect(reason(check({ timestamp: stale, signature: signWebhook(body, stale) }))).toBe('stale_timestamp');
    expect(reason(check({ timestamp: future, signature: signWebhook(body, future) }))).toBe('future_timestamp');
  });

  it('rejects missing headers and malformed timestamps', () => {
    expect(reason(check({ signature: undefined }))).toBe('missing_signature');
    expect(reason(check({ timestamp: undefined }))).toBe('missing_timestamp');
    for (const bad of ['-1', '1.5', ' 1760000000', '1760000000ms', '0x68', '1e9', '99999999999999999999']) {
      expect(reason(check({ timestamp: bad })), bad).toBe('malformed_timestamp');
    }
  });

  it('rejects malformed base64 and signatures that are not 64 bytes', () => {
    const good = signWebhook(body, ts);
    for (const bad of [
      good.slice(0, -2),
      `${good}==`,
      `-${good.slice(1)}`,
      `!${good.slice(1)}`,
      Buffer.alloc(63).toString('base64'),
      ` ${good}`,
    ]) {
      expect(reason(check({ signature: bad })), bad).toBe('malformed_signature');
    }
  });

  it('rejects a tampered body, a different timestamp, and another key', () => {
    expect(reason(check({ rawBody: Buffer.from(body.replace('started', 'ended')) }))).toBe('bad_signature');
    expect(reason(check({ rawBody: Buffer.from(`${body} `) }))).toBe('bad_signature');
    const other = String(NOW / 1000 + 1);
    expect(reason(check({ timestamp: other }))).toBe('bad_signature');
    const stranger = createTestKeyPair();
    expect(reason(check({ signature: signWebhook(body, ts, stranger.privateKey) }))).toBe('bad_signature');
  });

  it('verifies the exact bytes received, including non-ASCII text', () => {
    const text = '{"data":{"payload":{"client_state":"é ☎"}}}';
    const signature = signWebhook(text, ts);
    expect(reason(check({ rawBody: Buffer.from(text, 'utf8'), signature }))).toBe('accepted');
    expect(reason(check({ rawBody: Buffer.from(text, 'latin1'), signature }))).toBe('bad_signature');
  });

  it('never puts the signature in its message', () => {
    const signature = signWebhook('other body', ts);
    try {
      check({ signature })();
    } catch (error) {
      expect(String((error as Error).message)).not.toContain(signature);
    }
  });

  it('imports only base64 of a raw 32-byte key', () => {
    expect(() => importTelnyxPublicKey(Buffer.alloc(31).toString('base64'))).toThrow(TypeError);
    expect(() => importTelnyxPublicKey('not base64!')).toThrow(TypeError);
  });
});
