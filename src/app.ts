import { createAuthenticator } from './auth/authenticator';
import type { Authenticator } from './auth/principal';
import type { Config } from './config';
import { EventBus } from './events/bus';
import { MemoryEventStore } from './events/memory-store';
import { RedisEventStore } from './events/redis-store';
import type { EventStore } from './events/store';
import type { Logger } from './logger';
import { createMetrics, type Metrics } from './metrics';
import { createAudioUrlSigner, signingKey, unsignedAudioUrls, type AudioUrlSigner } from './recordings/audio-url';
import { createGateway, type Gateway } from './server';
import { TelnyxClient, type TelnyxClientOptions } from './telnyx/client';

/** Where Telnyx is: the real API, or the simulator in simulator mode. */
export interface Upstream {
  baseUrl: string;
  apiKey: string;
  /** Base64 Ed25519 key that Telnyx's (or the simulator's) webhooks are signed with. */
  webhookPublicKey: string;
}

export interface AssembleOptions {
  config: Config;
  logger: Logger;
  upstream: Upstream;
  /** Defaults to the one `config.auth` describes. */
  authenticator?: Authenticator;
  /** Simulator mode: the demo call GraphiQL's examples act on. */
  demoCallControlId?: () => string | undefined;
  /** Timings no operator needs to set; tests shorten them. */
  tuning?: {
    telnyx?: Pick<TelnyxClientOptions, 'deadlineMs' | 'backoffBaseMs' | 'backoffMaxMs' | 'maxServerWaitMs'>;
    replayPageSize?: number;
    keepAliveMs?: number;
  };
}

export interface AssembledGateway {
  gateway: Gateway;
  events: EventBus;
  store: EventStore;
  telnyx: TelnyxClient;
  metrics: Metrics;
  /** Closes the server (ending subscriptions), then the Telnyx pool and the event store. */
  close(): Promise<void>;
}

/**
 * The one wiring of the gateway's parts from a validated config: the event store (in-process, or
 * Redis when REDIS_URL is set), the bus over it, the Telnyx client and the HTTP server. Start-up
 * and the tests build the gateway the same way.
 */
export function assembleGateway({ config, logger, upstream, authenticator, demoCallControlId, tuning }: AssembleOptions): AssembledGateway {
  const metrics = createMetrics();
  const store: EventStore = config.redis
    ? new RedisEventStore({ ...config.redis, ...config.events, logger: logger.child({ component: 'redis' }) })
    : new MemoryEventStore(config.events);
  const events = new EventBus(store, {
    maxBacklog: config.events.subscriberMaxBacklog,
    replayPageSize: tuning?.replayPageSize,
    metrics,
    logger,
  });
  const telnyx = new TelnyxClient({
    baseUrl: upstream.baseUrl,
    apiKey: upstream.apiKey,
    timeoutMs: config.telnyx.timeoutMs,
    maxRetries: config.telnyx.maxRetries,
    metrics,
    logger: logger.child({ component: 'telnyx' }),
    ...tuning?.telnyx,
  });
  const gateway = createGateway({
    config,
    logger,
    metrics,
    telnyx,
    events,
    audioUrls: audioUrlSigner(config, logger),
    authenticator: authenticator ?? createAuthenticator(config.auth),
    webhookPublicKey: upstream.webhookPublicKey,
    demoCallControlId,
    keepAliveMs: tuning?.keepAliveMs,
  });
  return {
    gateway,
    events,
    store,
    telnyx,
    metrics,
    async close() {
      await gateway.close();
      await telnyx.close();
      await store.close();
    },
  };
}

/** Signed audio URLs with client auth on; their key comes from configuration so every instance accepts them. */
function audioUrlSigner(config: Config, logger: Logger): AudioUrlSigner {
  if (config.auth.mode === 'off') return unsignedAudioUrls;
  const { key, perProcess } = signingKey({ urlSigningSecret: config.urlSigningSecret, jwtSecret: config.auth.jwtSecret });
  if (perProcess) {
    logger.warn('recording audio URLs are signed with a key of this process only: set GATEWAY_URL_SIGNING_SECRET when running several instances');
  }
  return createAudioUrlSigner(key);
}
