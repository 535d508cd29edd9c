import { contextCacheSymbol } from '@pothos/core';
import type { LiveSession } from '../auth/live-session';
import type { Principal } from '../auth/principal';
import type { EventBus } from '../events/bus';
import type { Logger } from '../lib/logger';
import type { AudioUrlSigner } from '../recordings/audio-url';
import { createLoaders, type Loaders } from './schema/loaders';
import type { NextFrameSender } from './shared-results';
import type { TelnyxClient } from '../telnyx/client';

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
  /** Set for every websocket operation, and only those: sends a serialised result as its `next` frame (shared event results skip graphql-ws). */
  sendNext?: NextFrameSender;
  /** The websocket's session (renewSession moves it to a new token); absent over HTTP and SSE. */
  session?: LiveSession;
  /**
   * W3C traceparent the client sent: a websocket operation's `extensions.traceparent`, or the header
   * on the direct POST path; requests through Yoga carry it in their Request's headers instead.
   */
  traceparent?: string;
  /** The key Pothos's per-request caches are kept under (see releaseRequestCaches). */
  [contextCacheSymbol]: object;
}

/** What a websocket operation adds to its context. */
export interface WebSocketOperation {
  session: LiveSession;
  traceparent: string | undefined;
  sendNext: NextFrameSender;
}

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
