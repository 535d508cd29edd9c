import { createPublicKey, verify, type KeyObject } from 'node:crypto';

/** DER prefix that turns a raw 32-byte Ed25519 public key into SubjectPublicKeyInfo (RFC 8410). */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const STRICT_BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const DECIMAL_SECONDS = /^\d{1,15}$/;

export type SignatureFailure =
  | 'missing_signature'
  | 'missing_timestamp'
  | 'malformed_timestamp'
  | 'stale_timestamp'
  | 'future_timestamp'
  | 'malformed_signature'
  | 'bad_signature';

/** A webhook that did not prove it came from Telnyx. The reason never contains the signature itself. */
export class WebhookSignatureError extends Error {
  override readonly name = 'WebhookSignatureError';
  constructor(readonly reason: SignatureFailure) {
    super(`webhook signature rejected: ${reason}`);
  }
}

/** Imports the portal's public key (base64 of the raw 32 bytes); throws on anything else. */
export function importTelnyxPublicKey(publicKeyBase64: string): KeyObject {
  const trimmed = publicKeyBase64.trim();
  const raw = Buffer.from(trimmed, 'base64');
  if (!STRICT_BASE64.test(trimmed) || raw.length !== 32) {
    throw new TypeError('Telnyx public key must be the base64 of a 32-byte Ed25519 key');
  }
  return createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
}

function decodeSignature(value: string): Buffer {
  if (value.length === 0 || value.length % 4 !== 0 || !STRICT_BASE64.test(value)) {
    throw new WebhookSignatureError('malformed_signature');
  }
  const bytes = Buffer.from(value, 'base64');
  if (bytes.length !== 64) throw new WebhookSignatureError('malformed_signature');
  return bytes;
}

export interface VerifyInput {
  /** The request body exactly as received. */
  rawBody: Buffer;
  /** `telnyx-signature-ed25519` header. */
  signature: string | undefined;
  /** `telnyx-timestamp` header. */
  timestamp: string | undefined;
  publicKey: KeyObject;
  toleranceSeconds: number;
  /** Epoch milliseconds; injectable for tests. */
  now?: number;
}

/**
 * Checks a delivery the way Telnyx's SDKs do: both headers present, the timestamp a decimal
 * within ±tolerance of now, the signature strict base64 of 64 bytes, and Ed25519 over
 * `${timestamp}|${rawBody}` with the header and body bytes exactly as received.
 * Throws WebhookSignatureError; returns the timestamp (seconds) when the delivery is genuine.
 */
export function verifyTelnyxSignature(input: VerifyInput): number {
  const { signature, timestamp } = input;
  if (!signature) throw new WebhookSignatureError('missing_signature');
  if (!timestamp) throw new WebhookSignatureError('missing_timestamp');
  if (!DECIMAL_SECONDS.test(timestamp)) throw new WebhookSignatureError('malformed_timestamp');
  const seconds = Number(timestamp);
  const nowSeconds = Math.floor((input.now ?? Date.now()) / 1000);
  if (nowSeconds - seconds > input.toleranceSeconds) throw new WebhookSignatureError('stale_timestamp');
  if (seconds - nowSeconds > input.toleranceSeconds) throw new WebhookSignatureError('future_timestamp');
  const signatureBytes = decodeSignature(signature);
  const signed = Buffer.concat([Buffer.from(`${timestamp}|`, 'utf8'), input.rawBody]);
  if (!verify(null, signed, input.publicKey, signatureBytes)) throw new WebhookSignatureError('bad_signature');
  return seconds;
}
