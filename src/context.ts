import type { Principal } from './auth/principal';
import type { EventBus } from './events/bus';
import type { Logger } from './logger';
import type { AudioUrlSigner } from './recordings/audio-url';
import { createLoaders, type Loaders } from './schema/loaders';
import type { TelnyxClient } from './telnyx/client';

/** The long-lived parts every request shares. */
export interface GatewayServices {
  telnyx: TelnyxClient;
  events: EventBus;
  logger: Logger;
  /** Issues the URLs `Recording.audioUrl` returns (signed when client auth is on). */
  audioUrls: AudioUrlSigner;
}

/** What a resolver sees: the shared services, who is asking, and this request's own loaders. */
export interface GraphQLContext extends GatewayServices {
  principal: Principal;
  /** The peer's address: what the rate limit counts against when there is no token subject. */
  clientAddress: string | undefined;
  loaders: Loaders;
}

export function createRequestContext(services: GatewayServices, principal: Principal, clientAddress?: string): GraphQLContext {
  // Named, not spread: callers pass their whole dependency bag, and spreading it cost microseconds per request.
  return {
    telnyx: services.telnyx,
    events: services.events,
    logger: services.logger,
    audioUrls: services.audioUrls,
    principal,
    clientAddress,
    loaders: createLoaders(services.telnyx),
  };
}
