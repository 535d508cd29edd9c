import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';

/**
 * A test Ed25519 key pair and helpers that sign webhook bodies exactly as Telnyx does:
 * base64(Ed25519(`${timestamp}|${rawBody}`)), with the public key given as base64 of the raw 32 bytes.
 */
export interface TestKeyPair {
  privateKey: KeyObject;
  /** Base64 of the raw 32-byte public key, as Telnyx shows it in the portal. */
  publicKeyBase64: string;
}

export function createTestKeyPair(): TestKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const spki = publicKey.export({ format: 'der', type: 'spki' });
  // The raw key is the last 32 bytes of the 44-byte SPKI DER.
  return { privateKey, publicKeyBase64: spki.subarray(spki.length - 32).toString('base64') };
}

/** The pair every test uses unless it needs a second (wrong) key. */
export const testKeys: TestKeyPair = createTestKeyPair();

export function signWebhook(body: string, timestamp: string, privateKey: KeyObject = testKeys.privateKey): string {
  return sign(null, Buffer.from(`${timestamp}|${body}`, 'utf8'), privateKey).toString('base64');
}

export interface SignedWebhook {
  body: string;
  headers: Record<string, string>;
}

/**
 * A webhook delivery ready to POST: the body (an object is JSON-encoded) and the Telnyx headers.
 * `timestamp` defaults to now (seconds); `privateKey` to the test key.
 */
export function signedWebhook(
  body: string | object,
  options: { timestamp?: number | string; privateKey?: KeyObject } = {},
): SignedWebhook {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  return {
    body: raw,
    headers: {
      'content-type': 'application/json',
      'user-agent': 'telnyx-webhooks',
      'telnyx-timestamp': timestamp,
      'telnyx-signature-ed25519': signWebhook(raw, timestamp, options.privateKey),
    },
  };
}

/** POSTs a signed webhook to `url` (e.g. `${base}/webhooks/telnyx`) and returns the response. */
export async function postSignedWebhook(
  url: string,
  body: string | object,
  options?: Parameters<typeof signedWebhook>[1],
): Promise<Response> {
  const delivery = signedWebhook(body, options);
  return fetch(url, { method: 'POST', headers: delivery.headers, body: delivery.body });
}
