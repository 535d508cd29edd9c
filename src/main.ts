import { assembleGateway, CONSOLE_BUILD_DIR, type Upstream } from './app';
import { ConfigError, loadConfig, type Config } from './config';
import { consoleIsBuilt } from './transport/console';
import { createLogger, type Logger } from './lib/logger';
import type { TrustedDocuments } from './graphql/trusted-documents';
import { demoSpeakCommand } from './transport/demo-call';
import { chooseLogFormat, prettyLogDestination } from './lib/log-format';
import { startSimulator, type RunningSimulator } from './simulator/server';
import { startTracing } from './tracing/start';

/** Start-up: read config, wire the parts, listen, and shut down gracefully on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`voice-media-gateway: ${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const format = chooseLogFormat(config.upstream.kind === 'simulator', process.stdout.isTTY === true);
  const logger = createLogger(
    config.logLevel,
    format === 'pretty' ? await prettyLogDestination() : undefined,
    config.secrets,
  );

  let simulator: RunningSimulator | undefined;
  let upstream: Upstream;
  if (config.upstream.kind === 'simulator') {
    simulator = await startSimulator({
      port: 0,
      host: '127.0.0.1',
      speed: config.upstream.speed,
      logger: logger.child({ component: 'simulator' }),
    });
    upstream = { baseUrl: simulator.apiBaseUrl, apiKey: simulator.apiKey, webhookPublicKey: simulator.publicKeyBase64 };
    logger.warn(
      { simulator: simulator.apiBaseUrl },
      'simulator mode: no TELNYX_API_KEY, so calls are served by the embedded Telnyx simulator',
    );
  } else {
    upstream = config.upstream;
    if (config.auth.mode === 'off') {
      logger.warn('GATEWAY_AUTH=off with a real Telnyx key: every client that reaches this port can act on live calls');
    }
  }

  let demoCallControlId: string | undefined;
  const tracing = await startTracing(config.tracing, logger);
  const app = assembleGateway({
    config,
    logger,
    upstream,
    tracing,
    demoCallControlId: () => demoCallControlId,
    simulator: simulator && { baseUrl: simulator.apiBaseUrl.replace(/\/v2$/, ''), apiKey: simulator.apiKey },
  });
  const url = await app.gateway.listen();
  logger.info({ url: `${url}/graphql` }, 'voice-media-gateway listening');
  const metricsUrl = app.gateway.metricsUrl();
  if (metricsUrl) logger.info({ url: `${metricsUrl}/metrics` }, 'metrics listening on their own port');
  if (config.console && !consoleIsBuilt(CONSOLE_BUILD_DIR)) {
    logger.warn('the call console is not built, so / answers 503: run `npm run build:console` (npm install does it)');
  }

  if (simulator) demoCallControlId = await announceDemoCall(simulator, url, config.auth.mode === 'jwt', logger);
  if (app.trustedDocuments) reloadOnHangup(app.trustedDocuments, logger);

  installShutdown(logger, async () => {
    await app.close();
    await simulator?.close();
  });
}

async function announceDemoCall(
  simulator: RunningSimulator,
  gatewayUrl: string,
  authRequired: boolean,
  logger: Logger,
): Promise<string> {
  simulator.setWebhookUrl(`${gatewayUrl}/webhooks/telnyx`);
  const call = await simulator.createCall({ demo: true });
  logger.info({ callControlId: call.callControlId }, `demo call ready: ${call.callControlId}`);
  const speak = demoSpeakCommand(gatewayUrl, call.callControlId, authRequired).replace(/^/gm, '  ');
  process.stdout.write(
    `\n  Simulator mode — demo call ${call.callControlId}\n  Open ${gatewayUrl}/graphql and run the example operations.\n  Call console: ${gatewayUrl}/\n  Make the call speak from a terminal:\n\n${speak}\n\n`,
  );
  return call.callControlId;
}

/** SIGHUP re-reads GATEWAY_TRUSTED_DOCUMENTS; a bad file is logged and the documents in force stay. */
function reloadOnHangup(trusted: TrustedDocuments, logger: Logger): void {
  logger.info({ documents: trusted.size }, 'trusted documents only');
  process.on('SIGHUP', () => {
    try {
      logger.info({ documents: trusted.reload() }, 'trusted documents reloaded');
    } catch (error) {
      logger.error(
        { reason: error instanceof Error ? error.message : 'unreadable' },
        'trusted documents not reloaded; the previous ones stay in force',
      );
    }
  });
}

function installShutdown(logger: Logger, shutdown: () => Promise<void>): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const deadline = setTimeout(() => {
      logger.error('shutdown took over 10 s; exiting');
      process.exit(1);
    }, 10_000);
    deadline.unref();
    shutdown().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `voice-media-gateway failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
