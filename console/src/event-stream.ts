import { print } from 'graphql';
import { execute } from './api';
import {
  ConsoleCallEventsDocument,
  ConsoleCallHistoryDocument,
  type ConsoleCallEventFragment,
  type ConsoleCallSummaryFragment,
  type ConsoleCallEventsSubscription,
} from './generated/graphql';
import { resumableStream, type StreamNotice } from './stream';

export type CallEvent = ConsoleCallEventFragment;
export type CallSummary = ConsoleCallSummaryFragment;

const SUBSCRIPTION = print(ConsoleCallEventsDocument);

/**
 * One call's events: its stored history first (oldest first, page by page), then live events
 * from the history's last cursor, so none is missed or shown twice. When the gateway's live buffer
 * no longer holds what followed the last event shown (a long outage), the history fills the gap.
 */
export function watchCall(
  callControlId: string,
  onCall: (call: CallSummary) => void,
  onEvent: (event: CallEvent) => void,
  onNotice: (notice: StreamNotice) => void,
): { stop(): void } {
  return resumableStream<CallEvent>({
    query: SUBSCRIPTION,
    variables: { callControlId },
    pick: (data) => (data as ConsoleCallEventsSubscription).callEvents,
    key: (event) => event.id,
    cursor: (event) => event.cursor,
    async begin(after, deliver) {
      let cursor = after;
      for (;;) {
        const { call } = await execute(ConsoleCallHistoryDocument, { callControlId, after: cursor });
        if (!call) return null;
        if (cursor === after) onCall(call);
        for (const { node } of call.events.edges) {
          deliver(node);
          cursor = node.cursor;
        }
        // The log position read before the history: whatever followed it is either in the history
        // just shown or still buffered (ids weed out the overlap), and it is not yet trimmed.
        if (!call.events.pageInfo.hasNextPage) return call.eventsCursor;
      }
    },
    onItem: onEvent,
    onNotice,
  });
}
