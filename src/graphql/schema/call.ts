import type { CallStatus } from '../../telnyx/actions';
import { callControlIdSchema, rememberCallLeg } from './action-payload';
import { builder } from './builder';
import { decodeClientState } from './call-events';
import { telnyxTime } from './telnyx-time';

/** A call's Telnyx status, with the event-log position read before it was fetched. */
export interface CallShape {
  status: CallStatus;
  eventsCursor: string;
}

export const CallRef = builder.objectRef<CallShape>('Call').implement({
  description: 'Status of a call as Telnyx reports it (kept by Telnyx for 10 minutes after the call ends).',
  fields: (t) => ({
    id: t.id({
      nullable: false,
      description: 'The call control id, as `id` so client caches (Apollo, urql) normalise calls.',
      resolve: (call) => call.status.call_control_id,
    }),
    callControlId: t.id({
      nullable: false,
      description: 'The call control id: what every mutation and subscription takes.',
      resolve: (call) => call.status.call_control_id,
    }),
    callLegId: t.string({
      nullable: false,
      description: 'The call leg (Telnyx `call_leg_id`).',
      resolve: (call) => call.status.call_leg_id,
    }),
    callSessionId: t.string({
      nullable: false,
      description: 'Shared by the related legs of one phone call.',
      resolve: (call) => call.status.call_session_id,
    }),
    isAlive: t.boolean({
      nullable: false,
      description: 'Always false for a Dial still in progress.',
      resolve: (call) => call.status.is_alive,
    }),
    callDuration: t.int({
      nullable: true,
      description: 'Seconds.',
      resolve: (call) => call.status.call_duration ?? null,
    }),
    startTime: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When the call started.',
      resolve: (call, _args, context, info) => telnyxTime(call.status.start_time, context, info),
    }),
    endTime: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'Set once the call is over.',
      resolve: (call, _args, context, info) => telnyxTime(call.status.end_time, context, info),
    }),
    clientState: t.string({
      nullable: true,
      description: 'The client state, decoded as UTF-8 text; null when unset or not text.',
      resolve: (call) => decodeClientState(call.status.client_state ?? null),
    }),
    clientStateBase64: t.string({
      nullable: true,
      description: 'Client state exactly as Telnyx holds it (base64).',
      resolve: (call) => call.status.client_state || null,
    }),
    eventsCursor: t.string({
      nullable: false,
      description: 'Event-log position read before the status: `callEvents(after: eventsCursor)` misses nothing since.',
      resolve: (call) => call.eventsCursor,
    }),
  }),
});

builder.queryField('call', (t) =>
  t.field({
    type: CallRef,
    nullable: true,
    description: 'Telnyx call status; null for a call Telnyx does not know (or forgot).',
    args: {
      callControlId: t.arg.id({
        required: true,
        description: 'The call (printable ASCII, 1–256 characters).',
        validate: callControlIdSchema,
      }),
    },
    authScopes: (_root, args) => ({ $all: { eventsRead: true, call: String(args.callControlId) } }),
    resolve: async (_root, args, context) => {
      const eventsCursor = await context.events.latestCursor();
      const status = await context.loaders.callStatus.load(String(args.callControlId));
      if (!status) return null;
      await rememberCallLeg(context, status);
      return { status, eventsCursor };
    },
  }),
);
