import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';

/**
 * The simulator's own Ed25519 key, used exactly as Telnyx uses its key: the signature covers the
 * UTF-8 bytes of `${telnyx-timestamp}|${rawBody}` and travels base64-encoded (docs/telnyx-reference.md §3.3).
 */
export class WebhookSigner {
  /** Base64 of the raw 32-byte public key: the form Telnyx's portal shows and `TELNYX_PUBLIC_KEY` takes. */
  readonly publicKeyBase64: string;
  private readonly privateKey: KeyObject;

  /** A PKCS#8 PEM keeps the key stable across restarts; without one a fresh key is made. */
  constructor(privateKeyPem?: string) {
    this.privateKey = privateKeyPem ? createPrivateKey(privateKeyPem) : generateKeyPairSync('ed25519').privateKey;
    if (this.privateKey.asymmetricKeyType !== 'ed25519')
      throw new Error('the webhook signing key must be an Ed25519 key');
    // The raw key is the tail of the SPKI DER encoding (prefix 302a300506032b6570032100).
    const spki = createPublicKey(this.privateKey).export({ format: 'der', type: 'spki' });
    this.publicKeyBase64 = spki.subarray(spki.length - 32).toString('base64');
  }

  sign(timestamp: string, rawBody: string): string {
    return sign(null, Buffer.from(`${timestamp}|${rawBody}`, 'utf8'), this.privateKey).toString('base64');
  }
}
