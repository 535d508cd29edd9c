import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config';
import { CommandSpans } from '../../src/tracing/command-spans';
import { testKeys } from '../support/signing';

const run = promisify(execFile);

/**
 * A fresh process builds and starts a gateway the way main.ts does, then reports whether any
 * OpenTelemetry SDK or exporter module was loaded (a resolve hook sees every module, ESM or
 * CommonJS). The API package is left out: prom-client loads it whatever the gateway does.
 */
async function modulesLoadedBy(
  env: Record<string, string>,
): Promise<{ tracing: boolean; openTelemetryModules: number }> {
  const script = `
    import { registerHooks } from 'node:module';
    const loaded = new Set();
    registerHooks({
      resolve(specifier, context, nextResolve) {
        const resolved = nextResolve(specifier, context);
        if (resolved.url.includes('/@opentelemetry/') && !resolved.url.includes('/@opentelemetry/api/')) loaded.add(resolved.url);
        return resolved;
      },
    });
    const { loadConfig } = await import('./src/config.ts');
    const { createLogger } = await import('./src/lib/logger.ts');
    const { startTracing } = await import('./src/tracing/start.ts');
    const { assembleGateway } = await import('./src/app.ts');
    const config = loadConfig({ GATEWAY_AUTH: 'off', LOG_LEVEL: 'silent', ...JSON.parse(process.env.GATEWAY_TEST_ENV) });
    const logger = createLogger('silent');
    const tracing = await startTracing(config.tracing, logger);
    const app = assembleGateway({ config, logger, tracing, upstream: { baseUrl: 'http://127.0.0.1:9/v2', apiKey: 'KEY_TEST', webhookPublicKey: '${testKeys.publicKeyBase64}' } });
    await app.gateway.listen(0, '127.0.0.1');
    const openTelemetryModules = loaded.size;
    await app.close();
    process.stdout.write(JSON.stringify({ tracing: tracing !== undefined, openTelemetryModules }));
  `;
  const { stdout } = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: new URL('../..', import.meta.url).pathname,
    env: { ...process.env, GATEWAY_TEST_ENV: JSON.stringify(env) },
    // Two cold tsx start-ups on a busy machine can take a while.
    timeout: 120_000,
  });
  return JSON.parse(stdout);
}

describe('switching tracing on and off', () => {
  it('loads nothing of OpenTelemetry without an endpoint, and the SDK with one', async () => {
    const [off, on] = await Promise.all([
      modulesLoadedBy({}),
      modulesLoadedBy({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9' }),
    ]);
    expect(off).toEqual({ tracing: false, openTelemetryModules: 0 });
    expect(on.tracing).toBe(true);
    expect(on.openTelemetryModules).toBeGreaterThan(10);
  }, 150_000);
});

describe('tracing configuration', () => {
  it('reads the standard variables', () => {
    expect(loadConfig({}).tracing).toBeUndefined();
    expect(
      loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318', OTEL_SDK_DISABLED: 'true' }).tracing,
    ).toBeUndefined();
    expect(
      loadConfig({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'https://collector.example:4318/',
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
        OTEL_SERVICE_NAME: 'media-gateway-eu',
        OTEL_BSP_SCHEDULE_DELAY: '500',
        OTEL_BSP_MAX_QUEUE_SIZE: '4096',
        OTEL_BSP_MAX_EXPORT_BATCH_SIZE: '1024',
        OTEL_BSP_EXPORT_TIMEOUT: '10000',
      }).tracing,
    ).toEqual({
      tracesUrl: 'https://collector.example:4318/v1/traces',
      protocol: 'http/json',
      serviceName: 'media-gateway-eu',
      batch: { scheduledDelayMillis: 500, maxQueueSize: 4096, maxExportBatchSize: 1024, exportTimeoutMillis: 10000 },
    });
    // The per-signal variables win, and the traces endpoint is used as given.
    expect(
      loadConfig({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://a:4318',
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://b:4318/custom/traces',
        OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/json',
      }).tracing,
    ).toMatchObject({ tracesUrl: 'http://b:4318/custom/traces', protocol: 'http/json', serviceName: undefined });
    expect(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://a:4318' }).tracing?.protocol).toBe('http/protobuf');
  });

  it.each([
    ['OTEL_EXPORTER_OTLP_PROTOCOL', 'grpc', /OTEL_EXPORTER_OTLP_PROTOCOL: must be http\/protobuf or http\/json/],
    ['OTEL_EXPORTER_OTLP_ENDPOINT', 'collector:4318', /OTEL_EXPORTER_OTLP_ENDPOINT/],
    ['OTEL_BSP_MAX_QUEUE_SIZE', 'lots', /OTEL_BSP_MAX_QUEUE_SIZE: must be a (whole )?number/],
    ['OTEL_BSP_SCHEDULE_DELAY', '-1', /OTEL_BSP_SCHEDULE_DELAY/],
    [
      'OTEL_BSP_MAX_EXPORT_BATCH_SIZE',
      '5000',
      /OTEL_BSP_MAX_EXPORT_BATCH_SIZE: must not exceed OTEL_BSP_MAX_QUEUE_SIZE/,
    ],
  ])('refuses %s=%s, naming the variable and not its value', (name, value, message) => {
    const attempt = () => loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318', [name]: value });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(message);
    if (value.length > 3) expect(() => attempt()).not.toThrow(new RegExp(`=${value}|"${value}"`));
  });
});

describe('the last command per call and kind', () => {
  it('keeps the newest command of each call and kind, and forgets the oldest past its capacity', () => {
    const spans = new CommandSpans<string>(2);
    spans.remember('call-a', 'speak', 'first');
    spans.remember('call-a', 'speak', 'second');
    spans.remember('call-a', 'playback', 'play');
    expect(spans.lastCommand('call-a', 'speak')).toBe('second');
    spans.remember('call-b', 'speak', 'other');
    expect(spans.size).toBe(2);
    expect(spans.lastCommand('call-a', 'speak')).toBeUndefined();
    expect(spans.lastCommand('call-a', 'playback')).toBe('play');
    expect(spans.lastCommand('call-b', 'recording')).toBeUndefined();
  });
});
