import type { RedisClient } from '../lib/redis-connection';
import type { Logger } from '../lib/logger';
import type { Metrics } from '../lib/metrics';
import type { LimitKeys } from './redis-keys';

const WINDOW_MS = 60_000;

/** Allowed, or refused with the whole seconds until the window ends. */
export type RateDecision = { allowed: true } | { allowed: false; retryAfter: number };

const ALLOWED: RateDecision = { allowed: true };

/**
 * Counts each client's mutations in fixed one-minute windows (aligned on the clock's minutes).
 * A refused request is not counted, so a client that waits for `retryAfter` gets in.
 */
export interface MutationCounter {
  take(client: string, mutations: number): RateDecision | Promise<RateDecision>;
  close(): void;
}

function refusal(window: number, now: number): RateDecision {
  return { allowed: false, retryAfter: Math.max(1, Math.ceil(((window + 1) * WINDOW_MS - now) / 1000)) };
}

/** One instance's count, in memory: the map holds the current window's clients only. */
export class MemoryMutationCounter implements MutationCounter {
  #window = -1;
  #counts = new Map<string, number>();

  constructor(private readonly perMinute: number) {}

  take(client: string, mutations: number, now = Date.now()): RateDecision {
    const window = Math.floor(now / WINDOW_MS);
    if (window !== this.#window) {
      this.#window = window;
      this.#counts = new Map();
    }
    const used = (this.#counts.get(client) ?? 0) + mutations;
    if (used > this.perMinute) return refusal(window, now);
    this.#counts.set(client, used);
    return ALLOWED;
  }

  close(): void {}
}

/**
 * KEYS[1]: the client's counter for this window. ARGV: mutations, limit, TTL ms.
 * Returns 1 when counted, 0 when the limit would be passed (nothing counted).
 */
const takeLua = `
local used = tonumber(redis.call('GET', KEYS[1]) or '0')
local wanted = tonumber(ARGV[1])
if used + wanted > tonumber(ARGV[2]) then return 0 end
redis.call('INCRBY', KEYS[1], wanted)
if used == 0 then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
return 1
`;

export interface RedisMutationCounterOptions {
  redis: RedisClient;
  keys: LimitKeys;
  perMinute: number;
  logger: Logger;
  metrics: Metrics;
}

/**
 * The count shared by every instance on one Redis: one script per mutation request, atomic, so
 * two instances cannot both let the last allowed mutation through. While Redis cannot answer,
 * mutations are let through (an outage of the limiter must not stop the product), with a warning
 * at most every 30 s and a metric for each.
 */
export class RedisMutationCounter implements MutationCounter {
  readonly #options: RedisMutationCounterOptions;
  #warnedAt = 0;

  constructor(options: RedisMutationCounterOptions) {
    this.#options = options;
    options.redis.defineCommand('vmgTakeMutations', { numberOfKeys: 1, lua: takeLua });
  }

  async take(client: string, mutations: number, now = Date.now()): Promise<RateDecision> {
    const { redis, keys, perMinute } = this.#options;
    const window = Math.floor(now / WINDOW_MS);
    try {
      // The key outlives its window by a little, so clocks a few seconds apart still share it.
      const counted = await (
        redis as RedisClient & { vmgTakeMutations(...args: Array<string | number>): Promise<number> }
      ).vmgTakeMutations(keys.mutations(client, window), mutations, perMinute, WINDOW_MS + 10_000);
      return counted === 1 ? ALLOWED : refusal(window, now);
    } catch (error) {
      this.#failOpen(error);
      return ALLOWED;
    }
  }

  #failOpen(error: unknown): void {
    this.#options.metrics.rateLimitStoreErrors.inc();
    if (Date.now() - this.#warnedAt < 30_000) return;
    this.#warnedAt = Date.now();
    const reason = error instanceof Error ? error.message : String(error);
    this.#options.logger.warn(
      { reason },
      'rate limit not enforced: Redis did not answer; mutations are let through until it does',
    );
  }

  close(): void {}
}
