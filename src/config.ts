import { z } from 'zod';
import { readTrustedDocuments, type TrustedDocumentManifest } from './security/trusted-documents';

/** A configuration problem that stops start-up; the message names the variable and never its value. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

const onOff = z.enum(['on', 'off']);
/** Environment values are text: say "must be a number" rather than zod's "received NaN". */
const number = () =>
  z.coerce.number({
    error: (issue) => {
      if (issue.code !== 'invalid_type') return undefined;
      return issue.expected === 'int' ? 'must be a whole number' : 'must be a number';
    },
  });
const positiveInt = number().int().positive();
const optionalText = z.string().trim().min(1).optional();
const httpUrl = z
  .url({ protocol: /^https?$/ })
  .transform((url) => url.replace(/\/+$/, ''));

const base64Ed25519Key = z
  .string()
  .trim()
  .refine((value) => /^[A-Za-z0-9+/]+={0,2}$/.test(value) && Buffer.from(value, 'base64').length === 32, {
    message: 'must be the base64 of a 32-byte Ed25519 public key',
  });

const environmentSchema = z.object({
  PORT: number().int().min(0).max(65_535).default(4000),
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  TELNYX_API_KEY: optionalText,
  TELNYX_API_BASE_URL: httpUrl.default('https://api.telnyx.com/v2'),
  TELNYX_PUBLIC_KEY: base64Ed25519Key.optional(),
  TELNYX_WEBHOOK_TOLERANCE_SECONDS: positiveInt.max(86_400).default(300),
  TELNYX_TIMEOUT_MS: positiveInt.max(30_000).default(10_000),
  TELNYX_MAX_RETRIES: number().int().min(0).max(5).default(2),
  TELNYX_MAX_QUEUED_REQUESTS: positiveInt.max(100_000).default(256),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  REDIS_PREFIX: z.string().trim().regex(/^[A-Za-z0-9:_.-]{1,64}$/, 'letters, digits and : _ . - only (1-64)').default('vmg'),
  EVENT_BUFFER_PER_CALL: positiveInt.max(100_000).default(1_000),
  EVENT_BUFFER_TOTAL: positiveInt.max(10_000_000).default(100_000),
  EVENT_BUFFER_MAX_AGE_SECONDS: positiveInt.max(7 * 86_400).default(3_600),
  SUBSCRIBER_MAX_BACKLOG: positiveInt.max(100_000).default(1_000),
  GATEWAY_AUTH: z.enum(['jwt', 'off']).optional(),
  GATEWAY_JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  GATEWAY_JWKS_URL: httpUrl.optional(),
  GATEWAY_JWT_ISSUER: optionalText,
  GATEWAY_JWT_AUDIENCE: optionalText,
  GATEWAY_GRAPHIQL: onOff.default('on'),
  GATEWAY_INTROSPECTION: onOff.default('on'),
  GATEWAY_CONSOLE: onOff.default('on'),
  GATEWAY_URL_SIGNING_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  GATEWAY_CORS_ORIGINS: z
    .string()
    .trim()
    .transform((list) => list.split(',').map((origin) => origin.trim()).filter(Boolean))
    .pipe(z.array(z.union([z.literal('*'), z.url({ protocol: /^https?$/ })])))
    .optional(),
  GATEWAY_MAX_SUBSCRIPTIONS_PER_CONNECTION: positiveInt.max(10_000).default(50),
  GATEWAY_MAX_CONNECTIONS_PER_CLIENT: positiveInt.max(100_000).default(100),
  GATEWAY_RATE_LIMIT_MUTATIONS_PER_MINUTE: positiveInt.max(1_000_000).default(600),
  GATEWAY_TRUSTED_DOCUMENTS: optionalText,
  SIMULATOR_SPEED: number().positive().max(1_000).default(1),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

type Environment = z.infer<typeof environmentSchema>;

export interface Config {
  port: number;
  host: string;
  /** Absent: simulator mode. */
  telnyx: {
    apiKey: string | undefined;
    baseUrl: string;
    publicKey: string | undefined;
    webhookToleranceSeconds: number;
    timeoutMs: number;
    maxRetries: number;
    /** Requests toward Telnyx one instance holds (sending or waiting); past it, RATE_LIMITED at once. */
    maxQueuedRequests: number;
  };
  simulatorMode: boolean;
  simulatorSpeed: number;
  redis: { url: string; prefix: string } | undefined;
  events: {
    bufferPerCall: number;
    bufferTotal: number;
    bufferMaxAgeSeconds: number;
    subscriberMaxBacklog: number;
  };
  auth: {
    mode: 'jwt' | 'off';
    jwtSecret: string | undefined;
    jwksUrl: string | undefined;
    issuer: string | undefined;
    audience: string | undefined;
  };
  graphiql: boolean;
  introspection: boolean;
  /** Serve the call console at `/`. */
  console: boolean;
  /** HMAC key of signed recording-audio URLs; unset: derived from the JWT secret (see src/recordings/audio-url.ts). */
  urlSigningSecret: string | undefined;
  corsOrigins: string[] | undefined;
  maxSubscriptionsPerConnection: number;
  maxConnectionsPerClient: number;
  rateLimitMutationsPerMinute: number;
  /** Set: only these documents run (GraphiQL is off). */
  trustedDocuments: TrustedDocumentManifest | undefined;
  logLevel: Environment['LOG_LEVEL'];
}

/** Reads and validates the environment; throws ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = environmentSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`);
    throw new ConfigError(`invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const e = parsed.data;
  const simulatorMode = e.TELNYX_API_KEY === undefined;
  if (!simulatorMode && e.TELNYX_PUBLIC_KEY === undefined) {
    throw new ConfigError('invalid configuration:\n  TELNYX_PUBLIC_KEY: required when TELNYX_API_KEY is set');
  }
  const authMode = e.GATEWAY_AUTH ?? (simulatorMode ? 'off' : 'jwt');
  if (authMode === 'jwt' && e.GATEWAY_JWT_SECRET === undefined && e.GATEWAY_JWKS_URL === undefined) {
    throw new ConfigError(
      'invalid configuration:\n  GATEWAY_JWT_SECRET / GATEWAY_JWKS_URL: one is required when GATEWAY_AUTH is jwt ' +
        '(the default with a TELNYX_API_KEY); set GATEWAY_AUTH=off explicitly to run without client authentication',
    );
  }
  // Read last: the file is only worth opening once everything else is valid.
  const trustedDocuments = e.GATEWAY_TRUSTED_DOCUMENTS === undefined ? undefined : readTrustedDocumentsOrFail(e.GATEWAY_TRUSTED_DOCUMENTS);
  return {
    port: e.PORT,
    host: e.HOST,
    telnyx: {
      apiKey: e.TELNYX_API_KEY,
      baseUrl: e.TELNYX_API_BASE_URL,
      publicKey: e.TELNYX_PUBLIC_KEY,
      webhookToleranceSeconds: e.TELNYX_WEBHOOK_TOLERANCE_SECONDS,
      timeoutMs: e.TELNYX_TIMEOUT_MS,
      maxRetries: e.TELNYX_MAX_RETRIES,
      maxQueuedRequests: e.TELNYX_MAX_QUEUED_REQUESTS,
    },
    simulatorMode,
    simulatorSpeed: e.SIMULATOR_SPEED,
    redis: e.REDIS_URL ? { url: e.REDIS_URL, prefix: e.REDIS_PREFIX } : undefined,
    events: {
      bufferPerCall: e.EVENT_BUFFER_PER_CALL,
      bufferTotal: e.EVENT_BUFFER_TOTAL,
      bufferMaxAgeSeconds: e.EVENT_BUFFER_MAX_AGE_SECONDS,
      subscriberMaxBacklog: e.SUBSCRIBER_MAX_BACKLOG,
    },
    auth: {
      mode: authMode,
      jwtSecret: e.GATEWAY_JWT_SECRET,
      jwksUrl: e.GATEWAY_JWKS_URL,
      issuer: e.GATEWAY_JWT_ISSUER,
      audience: e.GATEWAY_JWT_AUDIENCE,
    },
    graphiql: e.GATEWAY_GRAPHIQL === 'on' && trustedDocuments === undefined,
    introspection: e.GATEWAY_INTROSPECTION === 'on',
    console: e.GATEWAY_CONSOLE === 'on',
    urlSigningSecret: e.GATEWAY_URL_SIGNING_SECRET,
    corsOrigins: e.GATEWAY_CORS_ORIGINS,
    maxSubscriptionsPerConnection: e.GATEWAY_MAX_SUBSCRIPTIONS_PER_CONNECTION,
    maxConnectionsPerClient: e.GATEWAY_MAX_CONNECTIONS_PER_CLIENT,
    rateLimitMutationsPerMinute: e.GATEWAY_RATE_LIMIT_MUTATIONS_PER_MINUTE,
    trustedDocuments,
    logLevel: e.LOG_LEVEL,
  };
}

/** The manifest, or a ConfigError naming the variable and the file (never a document's text). */
function readTrustedDocumentsOrFail(path: string): TrustedDocumentManifest {
  try {
    return readTrustedDocuments(path);
  } catch (error) {
    throw new ConfigError(`invalid configuration:\n  GATEWAY_TRUSTED_DOCUMENTS: ${error instanceof Error ? error.message : 'cannot be read'}`);
  }
}
