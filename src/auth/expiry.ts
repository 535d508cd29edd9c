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
