import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config';

const PUBLIC_KEY = Buffer.alloc(32, 7).toString('base64');
const API_KEY = 'KEY0123456789ABCDEF_live_secret_value';
const JWT_SECRET = 'jwt-secret-0123456789-abcdefghijklmnopqrstuvwxyz';
/** A production-like environment: real key, webhook key, HS256 client auth. */
const production = { TELNYX_API_KEY: API_KEY, TELNYX_PUBLIC_KEY: PUBLIC_KEY, GATEWAY_JWT_SECRET: JWT_SECRET };

function configError(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`expected a ConfigError for ${Object.keys(env).join(', ')}`);
}

describe('loadConfig defaults', () => {
  it('lets GATEWAY_AUTH=jwt run in simulator mode (to try authentication without a Telnyx account)', () => {
    const config = loadConfig({ GATEWAY_AUTH: 'jwt', GATEWAY_JWT_SECRET: JWT_SECRET });
    expect(config.upstream).toEqual({ kind: 'simulator', speed: 1 });
    expect(config.auth).toMatchObject({ mode: 'jwt', jwtSecret: JWT_SECRET });
  });

  it('runs in simulator mode with auth off and everything switched on when nothing is set', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 4000,
      host: '127.0.0.1',
      upstream: { kind: 'simulator' },
      graphiql: true,
      introspection: true,
      console: true,
    });
    expect(config.urlSigningSecret).toBeUndefined();
    expect(config.auth.mode).toBe('off');
    expect(config.corsOrigins).toBeUndefined();
    expect(config.maxSubscriptionsPerConnection).toBe(50);
    expect(config.maxConnectionsPerClient).toBe(100);
    expect(config.rateLimitMutationsPerMinute).toBe(600);
    expect(config.telnyx.maxQueuedRequests).toBe(256);
    expect(config.trustedDocuments).toBeUndefined();
    expect(config.events.callRetentionSeconds).toBe(24 * 3_600);
    expect(loadConfig({ GATEWAY_CALL_RETENTION_HOURS: '72' }).events.callRetentionSeconds).toBe(72 * 3_600);
  });

  it('uses the real Telnyx API, and its webhook key, when TELNYX_API_KEY is set', () => {
    expect(loadConfig(production).upstream).toEqual({
      kind: 'telnyx',
      baseUrl: 'https://api.telnyx.com/v2',
      apiKey: API_KEY,
      webhookPublicKey: PUBLIC_KEY,
    });
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', TELNYX_API_KEY: '' }).upstream.kind).toBe('simulator');
  });
});

describe('secure by default', () => {
  it('requires client auth (jwt) when a real Telnyx key is set', () => {
    expect(loadConfig(production).auth).toMatchObject({ mode: 'jwt', jwtSecret: JWT_SECRET });
  });

  it('refuses to start with a real key and neither secret nor JWKS, naming both variables', () => {
    const error = configError({ TELNYX_API_KEY: API_KEY, TELNYX_PUBLIC_KEY: PUBLIC_KEY });
    expect(error.message).toContain('GATEWAY_JWT_SECRET / GATEWAY_JWKS_URL');
    expect(error.message).toContain('GATEWAY_AUTH=off');
    expect(error.message).not.toContain(API_KEY);
  });

  it('refuses GATEWAY_AUTH=jwt without a key source even in simulator mode', () => {
    expect(configError({ GATEWAY_AUTH: 'jwt' }).message).toContain('GATEWAY_JWT_SECRET');
  });

  it('runs without client auth only when GATEWAY_AUTH=off is explicit', () => {
    expect(loadConfig({ TELNYX_API_KEY: API_KEY, TELNYX_PUBLIC_KEY: PUBLIC_KEY, GATEWAY_AUTH: 'off' }).auth.mode).toBe(
      'off',
    );
  });

  it('accepts a JWKS URL instead of a secret', () => {
    const config = loadConfig({
      TELNYX_API_KEY: API_KEY,
      TELNYX_PUBLIC_KEY: PUBLIC_KEY,
      GATEWAY_JWKS_URL: 'https://idp.example/jwks.json/',
    });
    expect(config.auth).toMatchObject({ mode: 'jwt', jwksUrl: 'https://idp.example/jwks.json', jwtSecret: undefined });
  });

  it('requires the webhook public key with a real Telnyx key', () => {
    expect(configError({ TELNYX_API_KEY: API_KEY, GATEWAY_JWT_SECRET: JWT_SECRET }).message).toContain(
      'TELNYX_PUBLIC_KEY',
    );
  });

  it('switches GraphiQL and introspection off only when asked', () => {
    const config = loadConfig({
      ...production,
      GATEWAY_GRAPHIQL: 'off',
      GATEWAY_INTROSPECTION: 'off',
      NODE_ENV: 'production',
    });
    expect(config.graphiql).toBe(false);
    expect(config.introspection).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production' }).introspection).toBe(true);
  });

  it('parses the CORS origin list', () => {
    expect(loadConfig({ GATEWAY_CORS_ORIGINS: 'https://app.example, http://localhost:5173' }).corsOrigins).toEqual([
      'https://app.example',
      'http://localhost:5173',
    ]);
  });
});

/** Every variable with values that must stop start-up. */
const badValues: Record<string, string[]> = {
  PORT: ['abc', '-1', '65536', '80.5'],
  HOST: ['   '],
  GATEWAY_METRICS_PORT: ['abc', '-1', '65536', '9090.5'],
  TELNYX_API_KEY: ['   '],
  TELNYX_API_BASE_URL: ['not a url', 'ftp://api.telnyx.com/v2', 'file:///etc/passwd'],
  TELNYX_PUBLIC_KEY: ['not-base64!', Buffer.alloc(31).toString('base64'), Buffer.alloc(33).toString('base64')],
  TELNYX_WEBHOOK_TOLERANCE_SECONDS: ['0', '-5', 'soon', '86401'],
  TELNYX_TIMEOUT_MS: ['0', '30001', 'fast'],
  TELNYX_MAX_RETRIES: ['-1', '6', 'many'],
  TELNYX_MAX_QUEUED_REQUESTS: ['0', '100001', 'many'],
  REDIS_URL: ['http://127.0.0.1:6379', 'nope'],
  REDIS_PREFIX: ['has space', 'x'.repeat(65), 'a/b', '{vmg}'],
  REDIS_SENTINELS: [
    '127.0.0.1',
    'sentinel-a:0',
    'sentinel-a:26379,,sentinel-b:26379',
    'sentinel-a:70000',
    'redis://sentinel-a:26379',
  ],
  // Valid alone, but meaningless without REDIS_SENTINELS: named, and never echoed.
  REDIS_SENTINEL_NAME: ['has space', 'mymaster'],
  REDIS_SENTINEL_PASSWORD: ['sentinel-pass-s3cret'],
  REDIS_CLUSTER_NODES: ['node-1', 'node-1:abc', ':7000'],
  REDIS_USERNAME: ['gateway-user'],
  REDIS_PASSWORD: ['redis-pass-s3cret'],
  REDIS_MIN_REPLICAS_ACK: ['-1', '17', 'two', '1.5', '1'],
  REDIS_MIN_REPLICAS_ACK_TIMEOUT_MS: ['0', '1501', 'soon'],
  EVENT_BUFFER_PER_CALL: ['0', '100001', 'x'],
  EVENT_BUFFER_TOTAL: ['0', '10000001'],
  EVENT_BUFFER_MAX_AGE_SECONDS: ['0', '604801'],
  SUBSCRIBER_MAX_BACKLOG: ['0', '100001'],
  GATEWAY_CALL_RETENTION_HOURS: ['0', '721', '1.5', 'a day'],
  GATEWAY_AUTH: ['on', 'JWT', 'none'],
  GATEWAY_JWT_SECRET: ['short-secret-value'],
  GATEWAY_JWKS_URL: ['idp.example/jwks', 'ftp://idp.example/jwks'],
  GATEWAY_JWT_ISSUER: ['   '],
  GATEWAY_JWT_AUDIENCE: ['   '],
  GATEWAY_GRAPHIQL: ['true', 'yes', '1'],
  GATEWAY_INTROSPECTION: ['false', 'no', '0'],
  GATEWAY_CONSOLE: ['true', 'disabled', '0'],
  GATEWAY_URL_SIGNING_SECRET: ['short-signing-key'],
  GATEWAY_CORS_ORIGINS: ['app.example', 'https://ok.example,javascript:alert(1)'],
  GATEWAY_MAX_SUBSCRIPTIONS_PER_CONNECTION: ['0', '10001', 'lots'],
  GATEWAY_MAX_CONNECTIONS_PER_CLIENT: ['0', '100001'],
  GATEWAY_MAX_INFLIGHT_WEBHOOKS: ['0', '100001', 'many'],
  GATEWAY_MAX_WEBHOOKS_PER_TURN: ['0', '-1', '100001', '1.5'],
  GATEWAY_MAX_EVENT_LOOP_DELAY_MS: ['-1', '10001', 'late'],
  GATEWAY_RATE_LIMIT_MUTATIONS_PER_MINUTE: ['0', '-3', '1000001', 'fast'],
  SIMULATOR_SPEED: ['0', '-1', '1001', 'warp'],
  LOG_LEVEL: ['verbose', 'INFO'],
};

describe('Redis: one way to reach it', () => {
  it('reads a URL, a Sentinel set or a Cluster seed list', () => {
    expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379' }).redis).toEqual({
      target: { kind: 'url', url: 'redis://127.0.0.1:6379' },
      prefix: 'vmg',
      minReplicasAck: 0,
      replicaAckTimeoutMs: 500,
    });
    const sentinel = loadConfig({
      REDIS_SENTINELS: 'sentinel-a:26379, [::1]:26380',
      REDIS_SENTINEL_NAME: 'events',
      REDIS_PASSWORD: 'data-pass',
      REDIS_SENTINEL_PASSWORD: 'sentinel-pass',
      REDIS_MIN_REPLICAS_ACK: '1',
      REDIS_MIN_REPLICAS_ACK_TIMEOUT_MS: '250',
    }).redis;
    expect(sentinel).toEqual({
      target: {
        kind: 'sentinel',
        sentinels: [
          { host: 'sentinel-a', port: 26379 },
          { host: '::1', port: 26380 },
        ],
        name: 'events',
        password: 'data-pass',
        sentinelPassword: 'sentinel-pass',
        username: undefined,
      },
      prefix: 'vmg',
      minReplicasAck: 1,
      replicaAckTimeoutMs: 250,
    });
    expect(
      loadConfig({ REDIS_CLUSTER_NODES: '10.0.0.1:7000,10.0.0.2:7000', REDIS_USERNAME: 'gw' }).redis?.target,
    ).toEqual({
      kind: 'cluster',
      nodes: [
        { host: '10.0.0.1', port: 7000 },
        { host: '10.0.0.2', port: 7000 },
      ],
      username: 'gw',
      password: undefined,
    });
    expect(loadConfig({}).redis).toBeUndefined();
  });

  it('refuses two ways at once, a Sentinel set without its name, credentials beside a URL, and acks without Redis', () => {
    const both = configError({
      REDIS_URL: 'redis://:url-s3cret@127.0.0.1:6379',
      REDIS_CLUSTER_NODES: '127.0.0.1:7000',
    });
    expect(both.message).toContain('REDIS_URL / REDIS_CLUSTER_NODES: set only one');
    expect(both.message).not.toContain('url-s3cret');
    expect(configError({ REDIS_SENTINELS: '127.0.0.1:26379' }).message).toContain(
      'REDIS_SENTINEL_NAME: required with REDIS_SENTINELS',
    );
    const beside = configError({ REDIS_URL: 'redis://127.0.0.1:6379', REDIS_PASSWORD: 'pw-s3cret' });
    expect(beside.message).toContain('REDIS_PASSWORD: with REDIS_URL, put the credentials in the URL');
    expect(beside.message).not.toContain('pw-s3cret');
    expect(configError({ REDIS_MIN_REPLICAS_ACK: '1' }).message).toContain('REDIS_MIN_REPLICAS_ACK: needs a Redis');
    expect(configError({ REDIS_CLUSTER_NODES: '127.0.0.1:7000,nope' }).message).toContain(
      'REDIS_CLUSTER_NODES: entry 2 of 2 is not host:port',
    );
  });
});

describe('bad values stop start-up with a message naming the variable', () => {
  const cases = Object.entries(badValues).flatMap(([name, values]) => values.map((value) => [name, value] as const));
  it.each(cases)('%s=%j', (name, value) => {
    const env = { ...production, [name]: value };
    const error = configError(env);
    expect(error.message).toMatch(new RegExp(`^\\s+${name}(\\.\\d+)?: `, 'm'));
    // The value is never echoed (it may be a secret or part of one).
    if (value.trim().length >= 3) expect(error.message).not.toContain(value.trim());
    expect(error.message).not.toContain(API_KEY);
    expect(error.message).not.toContain(JWT_SECRET);
  });

  it('serves /metrics on its own port only when GATEWAY_METRICS_PORT is set, never on PORT itself', () => {
    expect(loadConfig({}).metricsPort).toBeUndefined();
    expect(loadConfig({ GATEWAY_METRICS_PORT: '9464' }).metricsPort).toBe(9464);
    expect(configError({ PORT: '4000', GATEWAY_METRICS_PORT: '4000' }).message).toContain(
      'GATEWAY_METRICS_PORT: must differ from PORT',
    );
    expect(configError({ GATEWAY_METRICS_PORT: '4000' }).message).toContain('GATEWAY_METRICS_PORT');
    expect(configError({ GATEWAY_METRICS_PORT: 'prometheus' }).message).toContain(
      'GATEWAY_METRICS_PORT: must be a number',
    );
  });

  it('names every bad variable at once', () => {
    const error = configError({ PORT: 'abc', LOG_LEVEL: 'loud', GATEWAY_GRAPHIQL: 'maybe' });
    for (const name of ['PORT', 'LOG_LEVEL', 'GATEWAY_GRAPHIQL']) expect(error.message).toContain(`${name}:`);
  });

  it('says what a numeric variable must be, in words an operator reads', () => {
    const error = configError({
      PORT: 'abc',
      TELNYX_MAX_RETRIES: '1.5',
      SIMULATOR_SPEED: 'fast',
      TELNYX_TIMEOUT_MS: '-5',
    });
    expect(error.message).toContain('PORT: must be a number');
    expect(error.message).toContain('TELNYX_MAX_RETRIES: must be a whole number');
    expect(error.message).toContain('SIMULATOR_SPEED: must be a number');
    expect(error.message).toMatch(/TELNYX_TIMEOUT_MS: Too small/);
    expect(error.message).not.toContain('NaN');
  });
});

describe('loadConfig under random environments (fast-check)', () => {
  const names = Object.keys(badValues);
  const secretNames = new Set([
    'TELNYX_API_KEY',
    'GATEWAY_JWT_SECRET',
    'GATEWAY_URL_SIGNING_SECRET',
    'REDIS_URL',
    'GATEWAY_JWKS_URL',
    'REDIS_PASSWORD',
    'REDIS_SENTINEL_PASSWORD',
  ]);
  const value = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.constantFrom(
      'on',
      'off',
      'jwt',
      '0',
      '1',
      '-1',
      '4000',
      'https://x.example',
      'redis://:pw-secret-1@127.0.0.1:6379',
      '127.0.0.1:26379,127.0.0.1:26380',
      'mymaster',
      PUBLIC_KEY,
      JWT_SECRET,
    ),
    fc.integer().map(String),
  );

  it('either returns a config or throws a ConfigError naming only known variables and echoing no secret', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...names), value, { maxKeys: 8 }), (env) => {
        let message: string;
        try {
          const config = loadConfig(env);
          expect(config.port).toBeGreaterThanOrEqual(0);
          expect(['jwt', 'off']).toContain(config.auth.mode);
          if (config.auth.mode === 'jwt') expect(config.auth.jwtSecret ?? config.auth.jwksUrl).toBeDefined();
          if (config.upstream.kind === 'telnyx' && config.auth.mode === 'off') expect(env.GATEWAY_AUTH).toBe('off');
          return;
        } catch (error) {
          expect(error).toBeInstanceOf(ConfigError);
          message = (error as Error).message;
        }
        const lines = message.split('\n').slice(1);
        expect(lines.length).toBeGreaterThan(0);
        for (const line of lines) expect(names.some((name) => line.trimStart().startsWith(name))).toBe(true);
        for (const [name, raw] of Object.entries(env)) {
          if (secretNames.has(name) && raw && raw.trim().length >= 4) expect(message).not.toContain(raw.trim());
        }
      }),
      { numRuns: 1_000 },
    );
  });
});
