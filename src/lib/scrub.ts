/**
 * Last-line defence for secrets in text we emit (log lines, error messages): wherever a value is
 * echoed back — a client's variable in a graphql-js message, an error from a library — JWTs,
 * Ed25519 signatures and known secrets are masked. Pino's path redaction handles the known fields.
 */

/** A JWS compact serialisation: its header is base64url JSON, so it always starts with `eyJ`. */
const JWT_PATTERN = /eyJ[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]*/g;
/** Base64 of a 64-byte Ed25519 signature (Telnyx's `telnyx-signature-ed25519`): 86 characters and `==`. */
const SIGNATURE_PATTERN = /(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{86}==/g;
/** Shorter values could collide with ordinary words in a log line. */
const MIN_KNOWN_SECRET_LENGTH = 8;

export function scrubSecrets(text: string, knownSecrets: readonly string[] = []): string {
  let scrubbed = text.replace(JWT_PATTERN, '[redacted jwt]').replace(SIGNATURE_PATTERN, '[redacted signature]');
  for (const secret of knownSecrets) {
    if (secret.length >= MIN_KNOWN_SECRET_LENGTH && scrubbed.includes(secret))
      scrubbed = scrubbed.split(secret).join('[redacted]');
  }
  return scrubbed;
}
