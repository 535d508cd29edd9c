/**
 * Keys of the shared limits, under the deployment prefix as a hash tag (`{prefix}:…`), the
 * convention of the event log's keys: on a Redis Cluster every key of one prefix sits in one slot.
 */
export function limitKeys(prefix: string) {
  const tag = `{${prefix}}`;
  return {
    /** Mutations of one client in one fixed window. */
    mutations: (client: string, window: number) => `${tag}:ratelimit:mutations:${window}:${client}`,
    /** Present (with a TTL) while Telnyx's budget is spent: nothing is sent until it expires. */
    telnyxPause: `${tag}:telnyx:paused`,
    /** Where a new pause is announced to the other instances. */
    telnyxPauseChannel: `${tag}:telnyx:pause`,
  };
}

export type LimitKeys = ReturnType<typeof limitKeys>;
