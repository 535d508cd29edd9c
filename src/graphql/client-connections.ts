import type { ExecutionResult } from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import type { Principal } from '../auth/principal';
import type { GraphQLContext } from './context';

/** What a client over its share is told to wait before trying again (SSE 429 `Retry-After`). */
export const RETRY_AFTER_SECONDS = 5;

/** A client for fair-use limits: the token subject, else the remote address (auth off). */
export function connectionClientKey(principal: Principal, remoteAddress: string | undefined): string {
  return principal.subject !== null ? `sub:${principal.subject}` : `addr:${remoteAddress ?? 'unknown'}`;
}

/**
 * The long-lived connections each client holds, websockets and SSE streams together, against
 * GATEWAY_MAX_CONNECTIONS_PER_CLIENT: one anonymous client could otherwise hold thousands of SSE
 * streams (each a subscriber on the event bus) however few websockets it may open.
 */
export function createClientConnections(maxPerClient: number) {
  const held = new Map<string, number>();
  return {
    /** Takes a slot for `key`: a release function (safe to call twice), or null when the client is at its limit. */
    tryAcquire(key: string): (() => void) | null {
      const count = held.get(key) ?? 0;
      if (count >= maxPerClient) return null;
      held.set(key, count + 1);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        const left = (held.get(key) ?? 1) - 1;
        if (left > 0) held.set(key, left);
        else held.delete(key);
      };
    },
    /** Slots `key` holds now. */
    heldBy(key: string): number {
      return held.get(key) ?? 0;
    },
    /** Slots held by every client together. */
    total(): number {
      let total = 0;
      for (const count of held.values()) total += count;
      return total;
    },
  };
}

export type ClientConnections = ReturnType<typeof createClientConnections>;

/**
 * Each subscription over SSE (GraphQL over HTTP) holds one of its client's connection slots until
 * its stream ends; past the limit it is refused before it subscribes, with HTTP 429, `Retry-After`
 * and `LIMIT_EXCEEDED`. Websocket subscriptions are counted per socket by the websocket guard.
 */
export function limitSseStreamsPerClient(connections: ClientConnections, maxPerClient: number): Plugin<GraphQLContext> {
  return {
    onSubscribe({ args, setResultAndStopExecution }) {
      const context = args.contextValue as GraphQLContext & {
        request?: Request;
        req?: { socket?: { remoteAddress?: string } };
      };
      if (!context.request) return; // a websocket operation
      const key = connectionClientKey(context.principal, context.req?.socket?.remoteAddress);
      const release = connections.tryAcquire(key);
      if (!release) {
        setResultAndStopExecution({ errors: [tooManyStreams(maxPerClient)] });
        return;
      }
      return {
        onSubscribeResult({ result, setResult }) {
          if (Symbol.asyncIterator in result) setResult(releasedWhenDone(result, release));
          else release();
        },
        onSubscribeError() {
          release();
        },
      };
    },
  };
}

function tooManyStreams(maxPerClient: number) {
  return createGraphQLError(
    `Too many connections for this client (at most ${maxPerClient} websockets and event streams)`,
    {
      extensions: {
        code: 'LIMIT_EXCEEDED',
        http: { status: 429, headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) } },
      },
    },
  );
}

/** The same results, with the slot given back when the stream ends, fails, or the client goes away. */
function releasedWhenDone(
  source: AsyncIterableIterator<ExecutionResult>,
  release: () => void,
): AsyncIterableIterator<ExecutionResult> {
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    next() {
      // A then-chain, not an async function: this runs once per event per SSE subscriber.
      return source.next().then(
        (result) => {
          if (result.done) release();
          return result;
        },
        (error: unknown) => {
          release();
          throw error;
        },
      );
    },
    async return() {
      release();
      return (await source.return?.()) ?? { done: true, value: undefined };
    },
    async throw(error?: unknown) {
      release();
      if (source.throw) return source.throw(error);
      throw error;
    },
  };
}
