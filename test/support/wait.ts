import { setTimeout as sleep } from 'node:timers/promises';

export interface WaitOptions {
  /** Give up after this long (default 10 s: room for two busy cores; a passing test never waits it out). */
  timeoutMs?: number;
  /** How long to rest between looks (default 5 ms: against the simulator at speed 1000, a millisecond is a simulated second). */
  intervalMs?: number;
}

type Truthy<T> = Exclude<T, false | null | undefined | 0 | ''>;

/**
 * Looks at `condition` (sync or async) until it returns something truthy, and returns that; after
 * the timeout, fails naming `description`, what the test waited for (a function: as things stand then).
 */
export async function waitFor<T>(
  condition: () => T | Promise<T>,
  description: string | (() => string),
  { timeoutMs = 10_000, intervalMs = 5 }: WaitOptions = {},
): Promise<Truthy<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value) return value as Truthy<T>;
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${typeof description === 'string' ? description : description()}`,
      );
    }
    await sleep(intervalMs);
  }
}

/**
 * Resolves at once unless the clock's minute ends within `marginMs`; then just after it ends. Counts
 * kept in windows aligned on the clock's minutes (the mutation rate limit) then cannot reset mid-test.
 */
export async function awayFromMinuteEnd(marginMs: number): Promise<void> {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < marginMs) await sleep(left + 50);
}
