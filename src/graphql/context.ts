import type { YogaServerInstance } from 'graphql-yoga';
import type { contextCacheSymbol } from '@pothos/core';
import type { LiveSession } from '../auth/live-session';
import type { Principal } from '../auth/principal';
import type { EventBus } from '../events/bus';
import type { Logger } from '../lib/logger';
import type { AudioUrlSigner } from '../recordings/audio-url';
import type { Loaders } from './schema/loaders';
import type { TelnyxClient } from '../telnyx/client';

/** Sends one `next` frame carrying a serialised result; returns the frames not yet written to the socket. */
export type NextFrameSender = (resultJson: string) => number;

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

/** The gateway's Yoga: no server context of its own, the gateway's GraphQL context. */
export type GatewayYoga = YogaServerInstance<Record<string, never>, GraphQLContext>;

/** What a websocket operation adds to its context. */
export interface WebSocketOperation {
  session: LiveSession;
  traceparent: string | undefined;
  sendNext: NextFrameSender;
}
