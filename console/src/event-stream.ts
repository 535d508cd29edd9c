import { print } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import { ApiError, authorization, execute, firstError } from './api';
import {
  ConsoleCallEventsDocument,
  ConsoleLatestCursorDocument,
  type ConsoleCallEventsSubscription,
} from './generated/graphql';

export type CallEvent = ConsoleCallEventsSubscription['callEvents'];

/** What the page tells the operator about the stream, beside the events themselves. */
export type StreamNotice =
  | { kind: 'connecting' }
  | { kind: 'live' }
  | { kind: 'reconnecting'; seconds: number }
  /** Events after our cursor were trimmed from the gateway's buffer: continuing from now. */
  | { kind: 'cursor-expired' }
  /** The gateway dropped us for falling behind: resuming from the last event shown. */
  | { kind: 'slow-consumer' }
  /** The gateway refused the subscription (UNAUTHENTICATED, FORBIDDEN, BAD_USER_INPUT, ...): not retried. */
  | { kind: 'refused'; error: ApiError };

/** The position before every buffered event: subscribing after it replays the whole buffer first. */
const START_CURSOR = '0-0';
const SUBSCRIPTION = print(ConsoleCallEventsDocument);

/**
 * One call's events, lossless across dropped sockets: the subscription starts after the start of the
 * buffer (so a reload shows earlier events again), remembers the cursor of each event shown, and
 * every new socket resumes after it; the gateway replays what was missed with no gap. Event ids are
 * kept as well, so nothing is ever shown twice.
 */
export function watchCall(
  callControlId: string,
  onEvent: (event: CallEvent) => void,
  onNotice: (notice: StreamNotice) => void,
): { stop(): void } {
  let cursor = START_CURSOR;
  const seen = new Set<string>();
  let stopped = false;
  let client: Client | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;

  function connect(): void {
    if (stopped) return;
    onNotice({ kind: 'connecting' });
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;
    // graphql-ws's own retries would resubscribe with the first cursor; this resubscribes after the last one.
    const socket = createClient({ url, connectionParams: authorization(), retryAttempts: 0, lazy: true });
    client = socket;
    let ending: ApiError | null = null;
    socket.subscribe<ConsoleCallEventsSubscription>(
      { query: SUBSCRIPTION, variables: { callControlId, after: cursor } },
      {
        next(result) {
          const event = result.data?.callEvents;
          if (!event) {
            // CURSOR_EXPIRED, SLOW_CONSUMER and the like come as a last result with errors, then `complete`.
            if (result.errors?.length) ending = firstError(result.errors);
            return;
          }
          failures = 0;
          if (seen.has(event.id)) return;
          seen.add(event.id);
          cursor = event.cursor;
          onEvent(event);
        },
        error(error) {
          if (socket !== client) return;
          if (Array.isArray(error)) return void refuse(firstError(error));
          const close = error as { code?: number; reason?: string };
          if (close.code === 4403)
            return void refuse(new ApiError(close.reason || 'The token was refused', 'UNAUTHENTICATED'));
          retryLater();
        },
        complete() {
          if (socket !== client || stopped) return;
          void ended(ending);
        },
      },
    );
    // A socket that opens means the gateway is reachable again.
    socket.on('connected', () => {
      if (socket !== client) return;
      failures = 0;
      onNotice({ kind: 'live' });
    });
  }

  async function ended(error: ApiError | null): Promise<void> {
    dispose();
    if (error?.code === 'SLOW_CONSUMER') {
      onNotice({ kind: 'slow-consumer' });
      return connect();
    }
    if (error?.code === 'CURSOR_EXPIRED') {
      onNotice({ kind: 'cursor-expired' });
      try {
        cursor = (await execute(ConsoleLatestCursorDocument, {})).latestEventCursor;
      } catch (failure) {
        return refuse(failure instanceof ApiError ? failure : new ApiError(String(failure), 'INTERNAL_SERVER_ERROR'));
      }
      return connect();
    }
    if (error) return refuse(error);
    // The gateway completed the stream without a reason (it is shutting down): come back.
    retryLater();
  }

  function refuse(error: ApiError): void {
    dispose();
    if (!stopped) onNotice({ kind: 'refused', error });
  }

  function retryLater(): void {
    dispose();
    if (stopped) return;
    failures += 1;
    const seconds = Math.min(10, 2 ** Math.min(failures - 1, 4));
    onNotice({ kind: 'reconnecting', seconds });
    retryTimer = setTimeout(connect, seconds * 1000);
  }

  function dispose(): void {
    const old = client;
    client = null;
    void old?.dispose();
  }

  connect();
  return {
    stop() {
      stopped = true;
      clearTimeout(retryTimer);
      dispose();
    },
  };
}
