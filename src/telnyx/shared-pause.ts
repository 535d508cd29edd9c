import { randomUUID } from 'node:crypto';
import type { RedisClient } from '../lib/redis-connection';
import type { LimitKeys } from '../limits/redis-keys';
import type { Logger } from '../lib/logger';
import type { PauseAnnouncer, UpstreamBudget } from './budget';

export interface SharedPauseOptions {
  budget: UpstreamBudget;
  /** For SET/PTTL. */
  commands: RedisClient;
  /** A connection of its own: once subscribed it can run nothing else. */
  subscriber: RedisClient;
  keys: LimitKeys;
  logger: Logger;
}

/**
 * Telnyx's rate limit is per account, so a 429 seen by one instance holds for all of them. The
 * pause is written to a key that expires with it (read by instances that start or reconnect during
 * it) and announced on a channel (so running instances stop at once). Durations travel, not
 * clock times, so instances need not agree on the time. If Redis is down each instance still
 * pauses on the 429s it meets itself.
 */
export function shareTelnyxPauses({ budget, commands, subscriber, keys, logger }: SharedPauseOptions): {
  close(): void;
} {
  const instance = randomUUID();
  let warned = 0;
  const warn = (error: unknown) => {
    // One line per outage-ish period, not one per 429.
    if (Date.now() - warned < 30_000) return;
    warned = Date.now();
    logger.warn(
      { reason: error instanceof Error ? error.message : String(error) },
      'could not share the Telnyx pause through Redis',
    );
  };

  const announcer: PauseAnnouncer = {
    announce(pauseMs) {
      const ms = Math.ceil(pauseMs);
      commands
        .multi()
        .set(keys.telnyxPause, String(ms), 'PX', ms)
        .publish(keys.telnyxPauseChannel, `${instance} ${ms}`)
        .exec()
        .catch(warn);
    },
  };
  budget.shareWith(announcer);

  const catchUp = () => {
    commands.pttl(keys.telnyxPause).then((ms) => {
      if (ms > 0) budget.pause(ms);
    }, warn);
  };
  const subscribe = () => {
    subscriber.subscribe(keys.telnyxPauseChannel).then(catchUp, warn);
  };
  subscriber.on('message', (channel: string, message: string) => {
    if (channel !== keys.telnyxPauseChannel) return;
    const [sender, ms] = message.split(' ');
    if (sender !== instance && Number(ms) > 0) budget.pause(Number(ms));
  });
  // ioredis resubscribes by itself after a reconnect; a pause announced meanwhile is read from the key.
  subscriber.on('ready', catchUp);
  if (subscriber.status === 'ready') subscribe();
  else subscriber.once('ready', subscribe);

  return {
    close() {
      subscriber.disconnect();
    },
  };
}
