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
  return new ExpiringResults(source, expiresAt, session);
}

class ExpiringResults implements AsyncIterableIterator<ExecutionResult> {
  #finished = false;
  #expired = false;
  /** Ends the `next()` in progress with the expiry result, if one is waiting. */
  #expireWaiting: (() => void) | null = null;
  #stopTimer: () => void;
  readonly #stopFollowingRenewals: (() => void) | undefined;

  constructor(
    private readonly source: AsyncIterableIterator<ExecutionResult>,
    expiresAt: number,
    session: LiveSession | undefined,
  ) {
    const expire = () => {
      this.#expired = true;
      this.#expireWaiting?.();
    };
    this.#stopTimer = atExpiry(expiresAt, expire);
    this.#stopFollowingRenewals = session?.onRenewed((principal) => {
      this.#stopTimer();
      this.#stopTimer = atExpiry(principal.expiresAt, expire);
    });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<ExecutionResult>> {
    if (this.#finished) return Promise.resolve({ done: true, value: undefined });
    if (this.#expired) return this.#expiryResult();
    return new Promise((resolve, reject) => {
      let settled = false;
      const settle = () => {
        const first = !settled;
        settled = true;
        this.#expireWaiting = null;
        return first;
      };
      this.#expireWaiting = () => {
        if (settle()) resolve(this.#expiryResult());
      };
      this.source.next().then(
        (result) => {
          if (!settle()) return;
          if (result.done) resolve(this.#finish().then(() => result));
          else resolve(result);
        },
        (error: unknown) => {
          if (settle()) reject(error);
        },
      );
    });
  }

  async return(): Promise<IteratorResult<ExecutionResult>> {
    await this.#finish();
    return { done: true, value: undefined };
  }

  async throw(error?: unknown): Promise<IteratorResult<ExecutionResult>> {
    await this.#finish();
    throw error;
  }

  async #finish(): Promise<void> {
    if (this.#finished) return;
    this.#finished = true;
    this.#stopTimer();
    this.#stopFollowingRenewals?.();
    await this.source.return?.();
  }

  async #expiryResult(): Promise<IteratorResult<ExecutionResult>> {
    await this.#finish();
    return {
      done: false,
      value: { errors: [createGraphQLError('Token expired', { extensions: { code: 'UNAUTHENTICATED' } })] },
    };
  }
}
