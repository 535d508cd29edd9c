import { z } from 'zod';
import type { RedisAddress, RedisTarget } from './lib/redis-connection';
import { readTrustedDocuments, type TrustedDocumentManifest } from './graphql/trusted-documents';
import type { AuthConfig } from './auth/authenticator';
import type { TracingConfig } from './tracing/tracing';

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
const httpUrl = z.url({ protocol: /^https?$/ }).transform((url) => url.replace(/\/+$/, ''));

/** `host:port,host:port` (IPv6 as `[::1]:26379`); the message names the entry by position, not its text. */
const addressList = z
  .string()
  .trim()
  .transform((list, context): RedisAddress[] => {
    const entries = list.split(',').map((entry) => entry.trim());
    const addresses: RedisAddress[] = [];
    entries.forEach((entry, index) => {
      const match = /^(?:\[([0-9A-Fa-f:.]+)\]|([A-Za-z0-9.-]+)):(\d{1,5})$/.exec(entry);
      const port = Number(match?.[3]);
      if (!match || port < 1 || port > 65_535) {
        context.addIssue({
          code: 'custom',
          message: `entry ${index + 1} of ${entries.length} is not host:port (comma-separated, port 1-65535)`,
        });
        return;
      }
      addresses.push({ host: match[1] ?? match[2]!, port });
    });
    return addresses;
  });

/** grpc would need @grpc/grpc-js in the process; OTLP over HTTP covers every collector. */
const otlpProtocol = z.enum(['http/protobuf', 'http/json'], {
  error: 'must be http/protobuf or http/json (grpc is not supported)',
});

const base64Ed25519Key = z
  .string()
  .trim()
  .refine((value) => /^[A-Za-z0-9+/]+={0,2}$/.test(value) && Buffer.from(value, 'base64').length === 32, {
    message: 'must be the base64 of a 32-byte Ed25519 public key',
  });

/** Measured with `npm run overload` (README, Reliability): see there for the figures behind it. */
const DEFAULT_MAX_INFLIGHT_WEBHOOKS = 512;
const DEFAULT_MAX_WEBHOOKS_PER_TURN = 64;

/** Every variable the gateway reads (docs/operations.md documents each: test/docs/environment.test.ts). */
export const environmentSchema = z.object({
  PORT: number().int().min(0).max(65_535).default(4000),
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  GATEWAY_METRICS_PORT: number().int().min(0).max(65_535).optional(),
  TELNYX_API_KEY: optionalText,
  TELNYX_API_BASE_URL: httpUrl.default('https://api.telnyx.com/v2'),
  TELNYX_PUBLIC_KEY: base64Ed25519Key.optional(),
  TELNYX_WEBHOOK_TOLERANCE_SECONDS: positiveInt.max(86_400).default(300),
  TELNYX_TIMEOUT_MS: positiveInt.max(30_000).default(10_000),
  TELNYX_MAX_RETRIES: number().int().min(0).max(5).default(2),
  TELNYX_MAX_QUEUED_REQUESTS: positiveInt.max(100_000).default(256),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  REDIS_SENTINELS: addressList.optional(),
  REDIS_SENTINEL_NAME: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_.-]{1,128}$/, 'letters, digits and _ . - only (1-128)')
    .optional(),
  REDIS_SENTINEL_PASSWORD: z.string().optional(),
  REDIS_CLUSTER_NODES: addressList.optional(),
  REDIS_USERNAME: optionalText,
  REDIS_PASSWORD: z.string().optional(),
  REDIS_MIN_REPLICAS_ACK: number().int().min(0).max(16).default(0),
  REDIS_MIN_REPLICAS_ACK_TIMEOUT_MS: number().int().min(10).max(1_500).default(500),
  REDIS_PREFIX: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9:_.-]{1,64}$/, 'letters, digits and : _ . - only (1-64)')
    .default('vmg'),
  EVENT_BUFFER_PER_CALL: positiveInt.max(100_000).default(1_000),
  EVENT_BUFFER_TOTAL: positiveInt.max(10_000_000).default(100_000),
  EVENT_BUFFER_MAX_AGE_SECONDS: positiveInt.max(7 * 86_400).default(3_600),
  SUBSCRIBER_MAX_BACKLOG: positiveInt.max(100_000).default(1_000),
  GATEWAY_CALL_RETENTION_HOURS: number()
    .int()
    .min(1, 'must be a whole number of hours from 1 to 720')
    .max(720, 'must be a whole number of hours from 1 to 720 (30 days)')
    .default(24),
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
    .transform((list) =>
      list
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.union([z.literal('*'), z.url({ protocol: /^https?$/ })])))
    .optional(),
  GATEWAY_MAX_SUBSCRIPTIONS_PER_CONNECTION: positiveInt.max(10_000).default(50),
  GATEWAY_MAX_CONNECTIONS_PER_CLIENT: positiveInt.max(100_000).default(100),
  GATEWAY_MAX_INFLIGHT_WEBHOOKS: positiveInt.max(100_000).default(DEFAULT_MAX_INFLIGHT_WEBHOOKS),
  GATEWAY_MAX_WEBHOOKS_PER_TURN: positiveInt.max(100_000).default(DEFAULT_MAX_WEBHOOKS_PER_TURN),
  GATEWAY_MAX_EVENT_LOOP_DELAY_MS: number().int().min(0).max(10_000).default(100),
  GATEWAY_RATE_LIMIT_MUTATIONS_PER_MINUTE: positiveInt.max(1_000_000).default(600),
  GATEWAY_TRUSTED_DOCUMENTS: optionalText,
  SIMULATOR_SPEED: number().positive().max(1_000).default(1),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // OpenTelemetry's standard variables (https://opentelemetry.io/docs/specs/otel/configuration/sdk-environment-variables/).
  OTEL_SDK_DISABLED: z.enum(['true', 'false']).optional(),
  OTEL_EXPORTER_OTLP_ENDPOINT: httpUrl.optional(),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  OTEL_EXPORTER_OTLP_PROTOCOL: otlpProtocol.optional(),
  OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: otlpProtocol.optional(),
  OTEL_SERVICE_NAME: optionalText,
  OTEL_BSP_SCHEDULE_DELAY: number().int().min(0).max(3_600_000).optional(),
  OTEL_BSP_EXPORT_TIMEOUT: positiveInt.max(600_000).optional(),
  OTEL_BSP_MAX_QUEUE_SIZE: positiveInt.max(1_000_000).optional(),
  OTEL_BSP_MAX_EXPORT_BATCH_SIZE: positiveInt.max(1_000_000).optional(),
});

type Environment = z.infer<typeof environmentSchema>;

export interface Config {
  port: number;
  host: string;
  /** Set: /metrics is served only by a listener of its own on this port (same HOST); unset: on `port`. */
  metricsPort: number | undefined;
  /** Where Telnyx is: the real API with TELNYX_API_KEY, else the embedded simulator (simulator mode). */
  upstream: TelnyxUpstreamConfig | SimulatorUpstreamConfig;
  /** How the gateway talks to Telnyx, the real one or the simulator. */
  telnyx: {
    webhookToleranceSeconds: number;
    timeoutMs: number;
    maxRetries: number;
    /** Requests toward Telnyx one instance holds (sending or waiting); past it, RATE_LIMITED at once. */
    maxQueuedRequests: number;
  };
  /** Absent: the in-process event bus. */
  redis: RedisConfig | undefined;
  events: {
    bufferPerCall: number;
    bufferTotal: number;
    bufferMaxAgeSeconds: number;
    subscriberMaxBacklog: number;
    /** Calls and their event histories are kept this long after the call's first event. */
    callRetentionSeconds: number;
  };
  /** Client authentication: none, or bearer JWTs. */
  auth: AuthConfig;
  graphiql: boolean;
  introspection: boolean;
  /** Serve the call console at `/`. */
  console: boolean;
  /** HMAC key of signed recording-audio URLs; unset: derived from the JWT secret (see src/recordings/audio-url.ts). */
  urlSigningSecret: string | undefined;
  corsOrigins: string[] | undefined;
  maxSubscriptionsPerConnection: number;
  maxConnectionsPerClient: number;
  webhookAdmission: {
    /** Webhooks verified and appended at once; past it: 503 + Retry-After before reading the body. */
    maxInFlight: number;
    /** Webhooks admitted (and so verified) per event-loop turn; past it, the same 503. */
    maxPerTurn: number;
    /** Event-loop delay (ms) past which webhooks are shed earlier; 0: off. */
    maxEventLoopDelayMs: number;
  };
  rateLimitMutationsPerMinute: number;
  /** Set: only these documents run (GraphiQL is off). */
  trustedDocuments: TrustedDocumentManifest | undefined;
  logLevel: Environment['LOG_LEVEL'];
  /** Absent: tracing off, and nothing of OpenTelemetry is loaded. */
  tracing: TracingConfig | undefined;
  /** Every secret the environment sets, used in this mode or not: the logger scrubs them from its lines. */
  secrets: string[];
}

export interface TelnyxUpstreamConfig {
  kind: 'telnyx';
  baseUrl: string;
  apiKey: string;
  /** Base64 Ed25519 key Telnyx signs its webhooks with. */
  webhookPublicKey: string;
}

export interface SimulatorUpstreamConfig {
  kind: 'simulator';
  /** The simulator's clock rate: 2 plays media twice as fast. */
  speed: number;
}

export interface RedisConfig {
  target: RedisTarget;
  prefix: string;
  /** Replicas that must confirm an append before its webhook is acknowledged (0: the primary alone). */
  minReplicasAck: number;
  replicaAckTimeoutMs: number;
}

/** How to reach Redis: the variables of exactly one way, or none (in-process bus); else the problems. */
function redisTarget(e: Environment): { target?: RedisTarget; problems: string[] } {
  const problems: string[] = [];
  const ways = (['REDIS_URL', 'REDIS_SENTINELS', 'REDIS_CLUSTER_NODES'] as const).filter(
    (name) => e[name] !== undefined,
  );
  if (ways.length > 1) problems.push(`${ways.join(' / ')}: set only one (each names a different way to reach Redis)`);
  const sentinel = e.REDIS_SENTINELS !== undefined;
  if (sentinel && e.REDIS_SENTINEL_NAME === undefined) {
    problems.push('REDIS_SENTINEL_NAME: required with REDIS_SENTINELS (the primary name the sentinels monitor)');
  }
  for (const name of ['REDIS_SENTINEL_NAME', 'REDIS_SENTINEL_PASSWORD'] as const) {
    if (!sentinel && e[name] !== undefined) problems.push(`${name}: only meaningful with REDIS_SENTINELS`);
  }
  for (const name of ['REDIS_USERNAME', 'REDIS_PASSWORD'] as const) {
    if (e[name] === undefined) continue;
    if (e.REDIS_URL !== undefined) problems.push(`${name}: with REDIS_URL, put the credentials in the URL`);
    else if (ways.length === 0) problems.push(`${name}: only meaningful with REDIS_SENTINELS or REDIS_CLUSTER_NODES`);
  }
  if (ways.length === 0) {
    if (e.REDIS_MIN_REPLICAS_ACK > 0)
      problems.push('REDIS_MIN_REPLICAS_ACK: needs a Redis (REDIS_URL, REDIS_SENTINELS or REDIS_CLUSTER_NODES)');
    return { problems };
  }
  if (problems.length > 0) return { problems };
  const credentials = { username: e.REDIS_USERNAME, password: e.REDIS_PASSWORD };
  if (e.REDIS_URL !== undefined) return { target: { kind: 'url', url: e.REDIS_URL }, problems };
  if (e.REDIS_SENTINELS !== undefined) {
    const target: RedisTarget = {
      kind: 'sentinel',
      sentinels: e.REDIS_SENTINELS,
      name: e.REDIS_SENTINEL_NAME!,
      sentinelPassword: e.REDIS_SENTINEL_PASSWORD,
      ...credentials,
    };
    return { target, problems };
  }
  return { target: { kind: 'cluster', nodes: e.REDIS_CLUSTER_NODES!, ...credentials }, problems };
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
  const upstream = upstreamConfig(e);
  const redis = redisTarget(e);
  if (redis.problems.length > 0) throw new ConfigError(`invalid configuration:\n  ${redis.problems.join('\n  ')}`);
  const authMode = e.GATEWAY_AUTH ?? (upstream.kind === 'simulator' ? 'off' : 'jwt');
  if (authMode === 'jwt' && e.GATEWAY_JWT_SECRET === undefined && e.GATEWAY_JWKS_URL === undefined) {
    throw new ConfigError(
      'invalid configuration:\n  GATEWAY_JWT_SECRET / GATEWAY_JWKS_URL: one is required when GATEWAY_AUTH is jwt ' +
        '(the default with a TELNYX_API_KEY); set GATEWAY_AUTH=off explicitly to run without client authentication',
    );
  }
  if (e.GATEWAY_METRICS_PORT !== undefined && e.GATEWAY_METRICS_PORT !== 0 && e.GATEWAY_METRICS_PORT === e.PORT) {
    throw new ConfigError(
      'invalid configuration:\n  GATEWAY_METRICS_PORT: must differ from PORT (unset it to serve /metrics on PORT)',
    );
  }
  // Read last: the file is only worth opening once everything else is valid.
  const trustedDocuments =
    e.GATEWAY_TRUSTED_DOCUMENTS === undefined ? undefined : readTrustedDocumentsOrFail(e.GATEWAY_TRUSTED_DOCUMENTS);
  return {
    port: e.PORT,
    host: e.HOST,
    metricsPort: e.GATEWAY_METRICS_PORT,
    upstream,
    telnyx: {
      webhookToleranceSeconds: e.TELNYX_WEBHOOK_TOLERANCE_SECONDS,
      timeoutMs: e.TELNYX_TIMEOUT_MS,
      maxRetries: e.TELNYX_MAX_RETRIES,
      maxQueuedRequests: e.TELNYX_MAX_QUEUED_REQUESTS,
    },
    redis: redis.target && {
      target: redis.target,
      prefix: e.REDIS_PREFIX,
      minReplicasAck: e.REDIS_MIN_REPLICAS_ACK,
      replicaAckTimeoutMs: e.REDIS_MIN_REPLICAS_ACK_TIMEOUT_MS,
    },
    events: {
      bufferPerCall: e.EVENT_BUFFER_PER_CALL,
      bufferTotal: e.EVENT_BUFFER_TOTAL,
      bufferMaxAgeSeconds: e.EVENT_BUFFER_MAX_AGE_SECONDS,
      subscriberMaxBacklog: e.SUBSCRIBER_MAX_BACKLOG,
      callRetentionSeconds: e.GATEWAY_CALL_RETENTION_HOURS * 3_600,
    },
    auth:
      authMode === 'off'
        ? { mode: 'off' }
        : {
            mode: 'jwt',
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
    webhookAdmission: {
      maxInFlight: e.GATEWAY_MAX_INFLIGHT_WEBHOOKS,
      maxPerTurn: e.GATEWAY_MAX_WEBHOOKS_PER_TURN,
      maxEventLoopDelayMs: e.GATEWAY_MAX_EVENT_LOOP_DELAY_MS,
    },
    rateLimitMutationsPerMinute: e.GATEWAY_RATE_LIMIT_MUTATIONS_PER_MINUTE,
    trustedDocuments,
    logLevel: e.LOG_LEVEL,
    tracing: tracingConfig(e),
    secrets: [e.TELNYX_API_KEY, e.GATEWAY_JWT_SECRET, e.GATEWAY_URL_SIGNING_SECRET].filter(
      (secret) => secret !== undefined,
    ),
  };
}

/** The real Telnyx API when TELNYX_API_KEY is set (its webhook key is then required), else the simulator. */
function upstreamConfig(e: Environment): TelnyxUpstreamConfig | SimulatorUpstreamConfig {
  if (e.TELNYX_API_KEY === undefined) return { kind: 'simulator', speed: e.SIMULATOR_SPEED };
  if (e.TELNYX_PUBLIC_KEY === undefined) {
    throw new ConfigError('invalid configuration:\n  TELNYX_PUBLIC_KEY: required when TELNYX_API_KEY is set');
  }
  return {
    kind: 'telnyx',
    baseUrl: e.TELNYX_API_BASE_URL,
    apiKey: e.TELNYX_API_KEY,
    webhookPublicKey: e.TELNYX_PUBLIC_KEY,
  };
}

/** Tracing is on when an OTLP endpoint is set and the SDK is not disabled. */
function tracingConfig(e: Environment): TracingConfig | undefined {
  if (e.OTEL_SDK_DISABLED === 'true') return undefined;
  const tracesUrl =
    e.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ??
    (e.OTEL_EXPORTER_OTLP_ENDPOINT && `${e.OTEL_EXPORTER_OTLP_ENDPOINT}/v1/traces`);
  if (!tracesUrl) return undefined;
  const batch: TracingConfig['batch'] = {
    scheduledDelayMillis: e.OTEL_BSP_SCHEDULE_DELAY,
    exportTimeoutMillis: e.OTEL_BSP_EXPORT_TIMEOUT,
    maxQueueSize: e.OTEL_BSP_MAX_QUEUE_SIZE,
    maxExportBatchSize: e.OTEL_BSP_MAX_EXPORT_BATCH_SIZE,
  };
  if ((batch.maxExportBatchSize ?? 512) > (batch.maxQueueSize ?? 2048)) {
    throw new ConfigError(
      'invalid configuration:\n  OTEL_BSP_MAX_EXPORT_BATCH_SIZE: must not exceed OTEL_BSP_MAX_QUEUE_SIZE',
    );
  }
  return {
    tracesUrl,
    protocol: e.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL ?? e.OTEL_EXPORTER_OTLP_PROTOCOL ?? 'http/protobuf',
    serviceName: e.OTEL_SERVICE_NAME,
    batch,
  };
}

/** The manifest, or a ConfigError naming the variable and the file (never a document's text). */
function readTrustedDocumentsOrFail(path: string): TrustedDocumentManifest {
  try {
    return readTrustedDocuments(path);
  } catch (error) {
    throw new ConfigError(
      `invalid configuration:\n  GATEWAY_TRUSTED_DOCUMENTS: ${error instanceof Error ? error.message : 'cannot be read'}`,
    );
  }
}
