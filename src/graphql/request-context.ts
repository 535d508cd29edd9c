import { contextCacheSymbol } from '@pothos/core';
import type { Principal } from '../auth/principal';
import type { GatewayServices, GraphQLContext, WebSocketOperation } from './context';
import { createLoaders } from './schema/loaders';

/**
 * Named data properties, not a spread (callers pass their whole dependency bag, and spreading it
 * cost microseconds per request) and no accessor (one made the object dictionary-mode). Yoga copies
 * the context by spreading; the copies share its loaders, which make each DataLoader on first use.
 */
export function createRequestContext(
  services: GatewayServices,
  principal: Principal,
  clientAddress?: string,
  websocket?: WebSocketOperation,
): GraphQLContext {
  const { telnyx, events, logger, audioUrls } = services;
  return {
    telnyx,
    events,
    logger,
    audioUrls,
    principal,
    clientAddress,
    sendNext: websocket?.sendNext,
    session: websocket?.session,
    traceparent: websocket?.traceparent,
    loaders: createLoaders(telnyx),
    [contextCacheSymbol]: {},
  };
}

/**
 * Lets go of the per-request caches Pothos built while authorising an operation (five Maps, about
 * 1 KB): a subscription holds its context for as long as it lives, and its events are authorised at
 * subscribe time. A later resolver that needs them builds them anew.
 */
export function releaseRequestCaches(context: GraphQLContext): void {
  context[contextCacheSymbol] = {};
}

/** The key a client is known by (rate limits, log lines): its token subject, else its address. */
export function clientKeyOf(context: Pick<GraphQLContext, 'principal' | 'clientAddress'>): string {
  return context.principal.subject !== null
    ? `sub:${context.principal.subject}`
    : `addr:${context.clientAddress ?? 'unknown'}`;
}
