import type { Plugin } from 'graphql-yoga';
import type { GraphQLContext } from '../context';
import type { createErrorMasker } from '../masking';
import { createSharedSubscribe } from '../result-sharing';

/**
 * Subscriptions run on graphql-js's source streams with their event results shared between
 * subscribers (src/graphql/result-sharing.ts); Yoga's default executor would also wrap every
 * event of every subscriber in an async generator and a flattening iterator (for @defer/@stream,
 * which this gateway does not enable). Queries and mutations keep Yoga's executor.
 */
export function useSharedSubscriptions(maskError: ReturnType<typeof createErrorMasker>): Plugin<GraphQLContext> {
  const subscribe = createSharedSubscribe(maskError);
  return {
    onSubscribe({ setSubscribeFn }) {
      setSubscribeFn(subscribe as Parameters<typeof setSubscribeFn>[0]);
    },
  };
}
