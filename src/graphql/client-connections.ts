import type { Principal } from '../auth/principal';

/** What a client over its share is told to wait before trying again (SSE 429 `Retry-After`). */
export const RETRY_AFTER_SECONDS = 5;

/** A client for fair-use limits: the token subject, else the remote address (auth off). */
export function connectionClientKey(principal: Principal, remoteAddress: string | undefined): string {
  return principal.subject !== null ? `sub:${principal.subject}` : `addr:${remoteAddress ?? 'unknown'}`;
}

/**
 * The long-lived connections each client holds, websockets and SSE streams together, against
 * GATEWAY_MAX_CONNECTIONS_PER_CLIENT: one anonymous client could otherwise hold thousands of SSE
 * streams (each a subscriber on the event bus) however few websockets it may open.
 */
export function createClientConnections(maxPerClient: number) {
  const held = new Map<string, number>();
  return {
    /** Takes a slot for `key`: a release function (safe to call twice), or null when the client is at its limit. */
    tryAcquire(key: string): (() => void) | null {
      const count = held.get(key) ?? 0;
      if (count >= maxPerClient) return null;
      held.set(key, count + 1);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        const left = (held.get(key) ?? 1) - 1;
        if (left > 0) held.set(key, left);
        else held.delete(key);
      };
    },
    /** Slots `key` holds now. */
    heldBy(key: string): number {
      return held.get(key) ?? 0;
    },
    /** Slots held by every client together. */
    total(): number {
      let total = 0;
      for (const count of held.values()) total += count;
      return total;
    },
  };
}

export type ClientConnections = ReturnType<typeof createClientConnections>;
