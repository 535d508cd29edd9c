import type { ExecutionResult } from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import { atExpiry } from '../../auth/expiry';
import type { LiveSession } from '../../auth/live-session';
import type { GraphQLContext } from '../context';

/**
 * Ends a subscription when its token expires: one last result with an UNAUTHENTICATED error, then
 * done, and the source (an EventBus subscription) is released. Covers SSE, where no socket closes.
 * Over a websocket the expiry follows the session: renewSession moves it.
 */
export function useTokenExpiry(): Plugin<GraphQLContext> {
  return {
    onSubscribe({ args }) {
      const expiresAt = args.contextValue.principal?.expiresAt ?? null;
      if (expiresAt === null) return;
      const session = args.contextValue.session;
      return {
        onSubscribeResult({ result, setResult }) {
          if (Symbol.asyncIterator in result) setResult(untilExpiry(result, expiresAt, session));
        },
      };
    },
  };
}

/**
 * A hand-written iterator, not a generator: `return()` must release the source even while `next()`
 * waits. The expiry settles the one pending `next()` directly rather than through a race with a
 * shared promise: racing added a reaction to that promise per event, kept until the token expired.
 */
function untilExpiry(
  source: AsyncIterableIterator<ExecutionResult>,
  expiresAt: number,
  session: LiveSession | undefined,
): AsyncIterableIterator<ExecutionResult> {
  let finished = false;
  let expired = false;
  /** Ends the `next()` in progress with the expiry result, if one is waiting. */
  let expireWaiting: (() => void) | null = null;
  const expire = () => {
    expired = true;
    expireWaiting?.();
  };
  let stopTimer = atExpiry(expiresAt, expire);
  const stopFollowingRenewals = session?.onRenewed((principal) => {
    stopTimer();
    stopTimer = atExpiry(principal.expiresAt, expire);
  });
  const finish = async () => {
    if (finished) return;
    finished = true;
    stopTimer();
    stopFollowingRenewals?.();
    await source.return?.();
  };
  const expiryResult = async (): Promise<IteratorResult<ExecutionResult>> => {
    await finish();
    return {
      done: false,
      value: { errors: [createGraphQLError('Token expired', { extensions: { code: 'UNAUTHENTICATED' } })] },
    };
  };
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    next() {
      if (finished) return Promise.resolve({ done: true, value: undefined });
      if (expired) return expiryResult();
      return new Promise((resolve, reject) => {
        let settled = false;
        const settle = () => {
          const first = !settled;
          settled = true;
          expireWaiting = null;
          return first;
        };
        expireWaiting = () => {
          if (settle()) resolve(expiryResult());
        };
        source.next().then(
          (result) => {
            if (!settle()) return;
            if (result.done) resolve(finish().then(() => result));
            else resolve(result);
          },
          (error: unknown) => {
            if (settle()) reject(error);
          },
        );
      });
    },
    async return() {
      await finish();
      return { done: true, value: undefined };
    },
    async throw(error?: unknown) {
      await finish();
      throw error;
    },
  };
}
