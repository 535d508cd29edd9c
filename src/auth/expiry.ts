import type { ExecutionResult } from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import type { GraphQLContext } from '../context';

/** setTimeout caps delays at 2^31-1 ms (~24.8 days); longer-lived tokens re-arm instead of firing at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Calls `expire` once at `expiresAt` (epoch ms; null = never); returns a function that cancels it. */
export function atExpiry(expiresAt: number | null, expire: () => void): () => void {
  if (expiresAt === null) return () => {};
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    const remaining = expiresAt - Date.now();
    if (remaining <= 0) return expire();
    timer = setTimeout(arm, Math.min(remaining, MAX_TIMER_MS));
    timer.unref();
  };
  arm();
  return () => clearTimeout(timer);
}

const EXPIRED = Symbol('expired');

/**
 * Ends a subscription when its token expires: one last result with an UNAUTHENTICATED error, then
 * done, and the source (an EventBus subscription) is released. Covers SSE, where no socket closes.
 */
export function endSubscriptionsAtTokenExpiry(): Plugin<GraphQLContext> {
  return {
    onSubscribe({ args }) {
      const expiresAt = args.contextValue.principal?.expiresAt ?? null;
      if (expiresAt === null) return;
      return {
        onSubscribeResult({ result, setResult }) {
          if (Symbol.asyncIterator in result) setResult(untilExpiry(result, expiresAt));
        },
      };
    },
  };
}

/** A hand-written iterator, not a generator: `return()` must release the source even while `next()` waits. */
function untilExpiry(source: AsyncIterableIterator<ExecutionResult>, expiresAt: number): AsyncIterableIterator<ExecutionResult> {
  let finished = false;
  let signalExpiry!: () => void;
  const expired = new Promise<typeof EXPIRED>((resolve) => (signalExpiry = () => resolve(EXPIRED)));
  const stopTimer = atExpiry(expiresAt, signalExpiry);
  const finish = async () => {
    if (finished) return;
    finished = true;
    stopTimer();
    await source.return?.();
  };
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    async next() {
      if (finished) return { done: true, value: undefined };
      const winner = await Promise.race([source.next(), expired]);
      if (winner !== EXPIRED) {
        if (winner.done) await finish();
        return winner;
      }
      await finish();
      return { done: false, value: { errors: [createGraphQLError('Token expired', { extensions: { code: 'UNAUTHENTICATED' } })] } };
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
