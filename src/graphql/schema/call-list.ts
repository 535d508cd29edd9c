import { z } from 'zod';
import { parseCursor } from '../../events/cursor';
import { CALL_LIFECYCLE_EVENT_TYPES, type CallLifecycleEvent, type DeliveredCallEvent } from '../../events/types';
import { builder } from './builder';
import { CallRef, CallStateEnum, type CallShape } from './call';
import { CallEventRef } from './call-events';
import { subscribeToEvents } from './event-stream';
import { resumeCursor, unwrap } from './event-subscriptions';
import { connectionType } from './page-info';

const CALLS_DEFAULT_FIRST = 20;
const CALLS_MAX_FIRST = 100;
const EVENTS_DEFAULT_FIRST = 50;
const EVENTS_MAX_FIRST = 500;

const cursorArg = z
  .string()
  .max(64)
  .refine((cursor) => parseCursor(cursor) !== null, 'is not a cursor (an edge `cursor` or `pageInfo.endCursor`)');

interface CallEdgeShape {
  cursor: string;
  node: CallShape;
}

const CallConnection = connectionType<CallEdgeShape, CallShape>('Call', CallRef, (edge) => edge.node, {
  connection: 'A page of calls, newest first, as a Relay connection.',
  edge: 'One call and the cursor to continue after it.',
  cursor: 'Pass as `calls(after:)` to continue after this call; it stays valid while newer calls arrive.',
  node: 'The call.',
  edges: 'The calls of this page.',
  pageInfo: 'Where this page is in the list.',
  totalCount: 'Calls matching `state` that the token may see, on every page.',
});

const CallEventConnection = connectionType<DeliveredCallEvent, DeliveredCallEvent>(
  'CallEvent',
  CallEventRef,
  (event) => event,
  {
    connection: "A page of a call's stored events, oldest first, as a Relay connection.",
    edge: "One of a call's stored events and the cursor to continue after it.",
    cursor: "The event's `cursor`: pass as `events(after:)` for the next page, or as `callEvents(after:)` to go live.",
    node: 'The event.',
    edges: 'The events of this page.',
    pageInfo: 'Where this page is in the history.',
    totalCount: "The call's stored events.",
  },
);

builder.queryField('calls', (t) =>
  t.field({
    type: CallConnection,
    nullable: false,
    description:
      'The calls the gateway has seen events of (within GATEWAY_CALL_RETENTION_HOURS), newest first, the same on every ' +
      'instance. A token limited to some calls sees only those. Telnyx is asked only for the fields of `Call` that need it.',
    args: {
      first: t.arg.int({
        defaultValue: CALLS_DEFAULT_FIRST,
        description: `How many calls, 1–${CALLS_MAX_FIRST}; default ${CALLS_DEFAULT_FIRST}.`,
        validate: z.number().int().min(1).max(CALLS_MAX_FIRST),
      }),
      after: t.arg.string({
        description:
          "Continue after this cursor (an edge's `cursor` or `pageInfo.endCursor`); omitted: from the newest.",
        validate: cursorArg,
      }),
      state: t.arg({
        type: [CallStateEnum],
        required: { list: false, items: true },
        description:
          'Only calls in one of these states (omitted or empty: every call, those with no state yet included).',
      }),
    },
    authScopes: { eventsRead: true },
    resolve: async (_root, args, context) => {
      const after = args.after ?? null;
      const eventsCursor = await context.events.latestCursor();
      const page = await context.events.calls.list({
        first: args.first ?? CALLS_DEFAULT_FIRST,
        after,
        states: args.state?.length ? args.state : null,
        only: context.principal.calls,
      });
      return {
        edges: page.calls.map((record) => ({
          cursor: record.position,
          node: { callControlId: record.callControlId, record, eventsCursor },
        })),
        hasNextPage: page.hasNextPage,
        hasPreviousPage: after !== null,
        totalCount: page.totalCount,
      };
    },
  }),
);

builder.objectField(CallRef, 'events', (t) =>
  t.field({
    type: CallEventConnection,
    nullable: false,
    description:
      "The call's stored events, oldest first (kept for GATEWAY_CALL_RETENTION_HOURS, at most EVENT_BUFFER_PER_CALL of " +
      'them): its history beyond the live replay buffer. Continue live with `callEvents(callControlId, after: <last cursor>)`.',
    args: {
      first: t.arg.int({
        defaultValue: EVENTS_DEFAULT_FIRST,
        description: `How many events, 1–${EVENTS_MAX_FIRST}; default ${EVENTS_DEFAULT_FIRST}.`,
        validate: z.number().int().min(1).max(EVENTS_MAX_FIRST),
      }),
      after: t.arg.string({
        description: "Continue after this cursor (an edge's `cursor`); omitted: from the oldest.",
        validate: cursorArg,
      }),
    },
    authScopes: (call) => ({ $all: { eventsRead: true, call: call.callControlId } }),
    resolve: async (call, args, context) => {
      const after = args.after ?? null;
      const page = await context.events.calls.events(call.callControlId, args.first ?? EVENTS_DEFAULT_FIRST, after);
      return {
        edges: page.events,
        hasNextPage: page.hasNextPage,
        hasPreviousPage: after !== null,
        totalCount: page.totalCount,
      };
    },
  }),
);

interface CallUpdateShape {
  call: CallShape;
  eventType: string;
  cursor: string;
}

const CallUpdate = builder.objectRef<CallUpdateShape>('CallUpdate').implement({
  description: 'A lifecycle event of a call, with the call as it stands once that event was taken in.',
  fields: (t) => ({
    call: t.field({
      type: CallRef,
      nullable: false,
      description: 'The call after this event.',
      resolve: (u) => u.call,
    }),
    eventType: t.exposeString('eventType', {
      nullable: false,
      description: '`call.initiated`, `call.answered` or `call.hangup`.',
    }),
    cursor: t.exposeString('cursor', {
      nullable: false,
      description: 'Pass as `callUpdates(after:)` to resume after this update with no gap and no duplicate.',
    }),
  }),
});

/** A lifecycle event as an update of its call; the store set the call's state on it. */
function callUpdateOf(event: DeliveredCallEvent): CallUpdateShape {
  const lifecycle = event as CallLifecycleEvent & { cursor: string };
  const record = lifecycle.call ?? null;
  const callControlId = record?.callControlId ?? event.callControlId;
  // Telnyx always names the call on lifecycle events; the store fills it from the leg otherwise.
  if (callControlId === null) throw new Error(`${event.eventType} ${event.id} names no call`);
  return {
    call: { callControlId, record, eventsCursor: event.cursor },
    eventType: event.eventType,
    cursor: event.cursor,
  };
}

builder.subscriptionField('callUpdates', (t) =>
  t.field({
    type: CallUpdate,
    nullable: false,
    description:
      'The live call list: one update per `call.initiated`, `call.answered` and `call.hangup` of every call the token may ' +
      "see. With `after` (an update's `cursor`, or `latestEventCursor` read with `calls`), the buffered updates since come " +
      'first, with no gap and no duplicate; CURSOR_EXPIRED when they are no longer buffered.',
    args: {
      after: t.arg.string({ description: "Resume after this cursor (an update's `cursor`, or `latestEventCursor`)." }),
    },
    authScopes: { eventsRead: true },
    subscribe: (_root, args, context) =>
      subscribeToEvents(context, { eventTypes: CALL_LIFECYCLE_EVENT_TYPES, after: resumeCursor(args.after) }),
    resolve: (value) => callUpdateOf(unwrap(value)),
  }),
);
