import type { GraphQLResult } from './clients';
import type { LooseRecord } from './loose';

/** What a subscription received, as it arrives, with ways to wait for a count or for its end. */
export class Collected<T = GraphQLResult<LooseRecord>> {
  readonly items: T[] = [];
  ended = false;
  /** What ended it, if not a `complete`: a graphql-ws error (often the GraphQL errors) or a broken stream. */
  error: unknown = null;
  private waiters: Array<() => void> = [];

  push(item: T): void {
    this.items.push(item);
    this.wake();
  }

  /** The first end counts: a stream aborted after its `complete` still completed. */
  end(error?: unknown): void {
    if (this.ended) return;
    this.ended = true;
    this.error = error ?? null;
    this.wake();
  }

  /** Resolves with the first `count` items once they arrived (or the stream ended); fails after `timeoutMs`. */
  async waitFor(count: number, { timeoutMs = 10_000 } = {}): Promise<T[]> {
    await this.until(
      () => this.items.length >= count || this.ended,
      timeoutMs,
      () => `${this.items.length}/${count} items`,
    );
    return this.items.slice(0, count);
  }

  /** Resolves once the stream ended; fails after `timeoutMs`. */
  async waitForEnd({ timeoutMs = 10_000 } = {}): Promise<this> {
    await this.until(
      () => this.ended,
      timeoutMs,
      () => `the stream to end (${this.items.length} items so far)`,
    );
    return this;
  }

  /** Woken by each item or the end, not by polling: a reader that keeps pace is never held back. */
  private async until(done: () => boolean, timeoutMs: number, describe: () => string): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!done()) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(`timed out waiting for ${describe()}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}
