import { createClient, type Client, type ExecutionResult } from 'graphql-ws';
import { ApiError, authorization, firstError } from './api';

/** What the page tells the operator about a stream, beside what it delivers. */
export type StreamNotice =
  | { kind: 'connecting' }
  | { kind: 'live' }
  | { kind: 'reconnecting'; seconds: number }
  /** The gateway's buffer no longer held what followed our cursor: caught up another way. */
  | { kind: 'cursor-expired' }
  /** The gateway dropped us for falling behind: resuming from the last item shown. */
  | { kind: 'slow-consumer' }
  /** The thing to watch does not exist (an unknown call): nothing to subscribe to. */
  | { kind: 'not-found' }
  /** The gateway refused (UNAUTHENTICATED, FORBIDDEN, BAD_USER_INPUT, ...): not retried. */
  | { kind: 'refused'; error: ApiError };

export interface ResumableStream<Item> {
  /** The subscription, printed; it takes `after` (a cursor) beside `variables`. */
  query: string;
  variables: Record<string, unknown>;
  /** The item of one result, or undefined for a result without one. */
  pick(data: unknown): Item | undefined;
  /** Identifies an item, so that none is delivered twice. */
  key(item: Item): string;
  cursor(item: Item): string;
  /**
   * Called before the first subscription (`after` null) and when the gateway no longer buffers
   * what followed the last cursor (`after` that cursor): deliver what is needed from a query and
   * return the cursor to subscribe after, or null when there is nothing to watch.
   */
  begin(after: string | null, deliver: (item: Item) => void): Promise<string | null>;
  onItem(item: Item): void;
  onNotice(notice: StreamNotice): void;
}

/**
 * A subscription that loses nothing across dropped sockets: it remembers the cursor of each item
 * delivered, and every new socket resumes after it, so the gateway replays what was missed; item
 * keys are kept as well, so nothing is delivered twice.
 */
export function resumableStream<Item>(stream: ResumableStream<Item>): { stop(): void } {
  let cursor = '';
  const seen = new Set<string>();
  let stopped = false;
  let client: Client | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;
  /** Items delivered since the last `begin`: a second CURSOR_EXPIRED without any waits before retrying. */
  let deliveredSinceBegin = 0;

  function deliver(item: Item): void {
    if (stopped) return;
    const key = stream.key(item);
    if (seen.has(key)) return;
    seen.add(key);
    deliveredSinceBegin += 1;
    cursor = stream.cursor(item);
    stream.onItem(item);
  }

  async function begin(after: string | null): Promise<void> {
    deliveredSinceBegin = 0;
    try {
      const from = await stream.begin(after, deliver);
      if (stopped) return;
      if (from === null) return stream.onNotice({ kind: 'not-found' });
      cursor = from;
      connect();
    } catch (failure) {
      if (failure instanceof ApiError && failure.code === 'NETWORK_ERROR') return retryLater(() => void begin(after));
      refuse(failure instanceof ApiError ? failure : new ApiError(String(failure), 'INTERNAL_SERVER_ERROR'));
    }
  }

  function connect(): void {
    if (stopped) return;
    stream.onNotice({ kind: 'connecting' });
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;
    // graphql-ws's own retries would resubscribe with the first cursor; this resubscribes after the last one.
    const socket = createClient({ url, connectionParams: authorization(), retryAttempts: 0, lazy: true });
    client = socket;
    let ending: ApiError | null = null;
    socket.subscribe(
      { query: stream.query, variables: { ...stream.variables, after: cursor } },
      {
        next(result: ExecutionResult) {
          const item = result.data ? stream.pick(result.data) : undefined;
          if (!item) {
            // CURSOR_EXPIRED, SLOW_CONSUMER and the like come as a last result with errors, then `complete`.
            if (result.errors?.length) ending = firstError(result.errors);
            return;
          }
          failures = 0;
          deliver(item);
        },
        error(error) {
          if (socket !== client) return;
          if (Array.isArray(error)) return void refuse(firstError(error));
          const close = error as { code?: number; reason?: string };
          if (close.code === 4403)
            return void refuse(new ApiError(close.reason || 'The token was refused', 'UNAUTHENTICATED'));
          retryLater(connect);
        },
        complete() {
          if (socket !== client || stopped) return;
          ended(ending);
        },
      },
    );
    // A socket that opens means the gateway is reachable again.
    socket.on('connected', () => {
      if (socket !== client) return;
      failures = 0;
      stream.onNotice({ kind: 'live' });
    });
  }

  function ended(error: ApiError | null): void {
    dispose();
    if (error?.code === 'SLOW_CONSUMER') {
      stream.onNotice({ kind: 'slow-consumer' });
      connect();
    } else if (error?.code === 'CURSOR_EXPIRED') {
      stream.onNotice({ kind: 'cursor-expired' });
      const again = () => void begin(cursor);
      if (deliveredSinceBegin === 0) retryLater(again);
      else again();
    } else if (error) {
      refuse(error);
    } else {
      // The gateway completed the stream without a reason (it is shutting down): come back.
      retryLater(connect);
    }
  }

  function refuse(error: ApiError): void {
    dispose();
    if (!stopped) stream.onNotice({ kind: 'refused', error });
  }

  function retryLater(again: () => void): void {
    dispose();
    if (stopped) return;
    failures += 1;
    const seconds = Math.min(10, 2 ** Math.min(failures - 1, 4));
    stream.onNotice({ kind: 'reconnecting', seconds });
    retryTimer = setTimeout(again, seconds * 1000);
  }

  function dispose(): void {
    const old = client;
    client = null;
    void old?.dispose();
  }

  void begin(null);
  return {
    stop() {
      stopped = true;
      clearTimeout(retryTimer);
      dispose();
    },
  };
}
