import type { ExecutionResult } from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import { connectionClientKey, RETRY_AFTER_SECONDS, type ClientConnections } from '../client-connections';
import type { GraphQLContext } from '../context';

/**
 * Each subscription over SSE (GraphQL over HTTP) holds one of its client's connection slots until
 * its stream ends; past the limit it is refused before it subscribes, with HTTP 429, `Retry-After`
 * and `LIMIT_EXCEEDED`. Websocket subscriptions are counted per socket by the websocket guard.
 */
export function useSseStreamLimit(connections: ClientConnections, maxPerClient: number): Plugin<GraphQLContext> {
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
