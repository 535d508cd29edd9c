import { pino, type Logger } from 'pino';
import { scrubSecrets } from './scrub';

export type { Logger };

/** Paths pino blanks wherever they appear in a log object: credentials never reach a log line. */
const redactedPaths = [
  'authorization',
  'headers.authorization',
  'req.headers.authorization',
  'request.headers.authorization',
  '*.authorization',
  'apiKey',
  '*.apiKey',
  'token',
  '*.token',
  'jwt',
  'signature',
  '*.signature',
  'headers["telnyx-signature-ed25519"]',
  'req.headers["telnyx-signature-ed25519"]',
  'connectionParams',
  '*.connectionParams',
];

/**
 * `secrets` (the Telnyx API key, the JWT secret) are masked wherever they appear in a line, as are
 * JWTs and webhook signatures, beside the path-based redaction above.
 */
export function createLogger(
  level: string,
  destination?: pino.DestinationStream,
  secrets: readonly (string | undefined)[] = [],
): Logger {
  const known = secrets.filter((secret): secret is string => typeof secret === 'string');
  return pino(
    {
      level,
      redact: { paths: redactedPaths, censor: '[redacted]' },
      hooks: { streamWrite: (line) => scrubSecrets(line, known) },
    },
    destination,
  );
}
