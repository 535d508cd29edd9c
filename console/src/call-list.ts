import { print } from 'graphql';
import { execute } from './api';
import type { CallSummary } from './event-stream';
import {
  ConsoleCallUpdatesDocument,
  ConsoleCallsDocument,
  type ConsoleCallUpdatesSubscription,
} from './generated/graphql';
import { resumableStream, type StreamNotice } from './stream';

type CallUpdate = ConsoleCallUpdatesSubscription['callUpdates'];

const SUBSCRIPTION = print(ConsoleCallUpdatesDocument);

/**
 * The calls the gateway has seen, newest first, kept live: the list as queried, then each
 * `callUpdates` item (from the cursor read with the list, so no change is missed) replaces its
 * call, or puts a new call on top. After CURSOR_EXPIRED the list is read afresh.
 */
export function watchCalls(
  onCalls: (calls: readonly CallSummary[]) => void,
  onNotice: (notice: StreamNotice) => void,
): { stop(): void } {
  let calls: CallSummary[] = [];
  return resumableStream<CallUpdate>({
    query: SUBSCRIPTION,
    variables: {},
    pick: (data) => (data as ConsoleCallUpdatesSubscription).callUpdates,
    key: (update) => update.cursor,
    cursor: (update) => update.cursor,
    async begin() {
      const data = await execute(ConsoleCallsDocument, {});
      calls = data.calls.edges.map((edge) => edge.node);
      onCalls(calls);
      return data.latestEventCursor;
    },
    onItem({ call }) {
      const index = calls.findIndex((known) => known.callControlId === call.callControlId);
      calls = index === -1 ? [call, ...calls] : calls.map((known, at) => (at === index ? call : known));
      onCalls(calls);
    },
    onNotice,
  });
}
