import type { Logger } from '../lib/logger';
import type { Tracing, TracingConfig } from './tracing';

/** Loads OpenTelemetry only when tracing is configured. */
export async function startTracing(config: TracingConfig | undefined, logger: Logger): Promise<Tracing | undefined> {
  if (!config) return undefined;
  const { createOpenTelemetryTracing } = await import('./opentelemetry');
  const tracing = await createOpenTelemetryTracing(config, logger);
  // Origin and path only: a URL may carry credentials.
  const { origin, pathname } = new URL(config.tracesUrl);
  logger.info({ endpoint: `${origin}${pathname}`, protocol: config.protocol }, 'tracing: exporting spans over OTLP');
  return tracing;
}
