import type { Principal } from './auth/principal';
import type { EventBus } from './events/bus';
import type { Logger } from './logger';
import { createLoaders, type Loaders } from './schema/loaders';
import type { NextFrameSender } from './subscriptions/shared-results';
import type { TelnyxClient } from './telnyx/client';

/** The long-lived parts every request shares. */
export interface GatewayServices {
  telnyx: TelnyxClient;
  events: EventBus;
  logger: Logger;
}

/** What a resolver sees: the shared services, who is asking, and this request's own loaders. */
export interface GraphQLContext extends GatewayServices {
  principal: Principal;
  loaders: Loaders;
  /** A websocket subscription: sends a serialised result as its `next` frame (shared event results skip graphql-ws). */
  sendNext?: NextFrameSender;
}

/**
 * Named fields, not a spread (callers pass their whole dependency bag, and spreading it cost
 * microseconds per request); the loaders are made on first use, since most operations, and every
 * idle subscription, never need them.
 */
class RequestContext implements GraphQLContext {
  readonly telnyx: TelnyxClient;
  readonly events: EventBus;
  readonly logger: Logger;
  #loaders: Loaders | undefined;

  constructor(
    services: GatewayServices,
    readonly principal: Principal,
    readonly sendNext?: NextFrameSender,
  ) {
    this.telnyx = services.telnyx;
    this.events = services.events;
    this.logger = services.logger;
  }

  get loaders(): Loaders {
    return (this.#loaders ??= createLoaders(this.telnyx));
  }
}

export function createRequestContext(services: GatewayServices, principal: Principal, sendNext?: NextFrameSender): GraphQLContext {
  return new RequestContext(services, principal, sendNext);
}
