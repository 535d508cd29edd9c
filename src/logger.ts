import { pino, type Logger } from 'pino';

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

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, redact: { paths: redactedPaths, censor: '[redacted]' } }, destination);
}
