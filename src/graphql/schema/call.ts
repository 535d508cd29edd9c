import type { GraphQLContext } from '../context';
import { CALL_DIRECTIONS, CALL_STATES, type CallRecord } from '../../events/call-record';
import { UpstreamUnavailableError } from '../../lib/errors';
import type { CallStatus } from '../../telnyx/actions';
import { callControlIdSchema, rememberCallLeg } from './action-payload';
import { builder } from './builder';
import { telnyxEnum } from './enums';
import { decodeClientState } from './call-events';
import { telnyxTime } from './telnyx-time';

/**
 * A call: what the gateway knows from its events (`record`), and Telnyx's status, fetched only when a
 * field needs it (through the request's loader, so within the upstream budget and once per request).
 */
export interface CallShape {
  callControlId: string;
  /** Null when the gateway has seen no event of the call. */
  record: CallRecord | null;
  /** Telnyx's status when it was fetched already; undefined: fetch it when a field asks. */
  status?: CallStatus | null;
  /** Event-log position read before the call was looked up. */
  eventsCursor: string;
}

/** Telnyx's status of the call, null when Telnyx does not know it (or forgot it: 10 minutes after it ended). */
export function telnyxStatusOf(
  call: CallShape,
  context: GraphQLContext,
): CallStatus | null | Promise<CallStatus | null> {
  return call.status !== undefined ? call.status : context.loaders.callStatus.load(call.callControlId);
}

async function fromStatus<T>(
  call: CallShape,
  context: GraphQLContext,
  pick: (status: CallStatus) => T,
  otherwise: T,
): Promise<T> {
  const status = await telnyxStatusOf(call, context);
  return status ? pick(status) : otherwise;
}

/** An id the record lacks comes from Telnyx; a call neither knows has no such id to give. */
async function idOf(
  call: CallShape,
  context: GraphQLContext,
  known: string | null,
  pick: (status: CallStatus) => string,
) {
  if (known !== null) return known;
  const id = await fromStatus(call, context, pick, null);
  if (id === null) throw new UpstreamUnavailableError('Telnyx no longer knows this call, and its events did not say');
  return id;
}

export const CallStateEnum = telnyxEnum('CallState', CALL_STATES, {
  description: 'Where a call is, from the lifecycle webhooks the gateway received (a later state never goes back).',
  describe: (state) =>
    ({
      initiated: '`call.initiated` seen: the call is ringing or being set up.',
      answered: '`call.answered` seen: the call is up.',
      ended: '`call.hangup` seen: the call is over (`hangupCause` says why).',
    })[state],
});

export const CallDirectionEnum = telnyxEnum('CallDirection', CALL_DIRECTIONS, {
  description: "Telnyx's `direction` of the call, from `call.initiated`.",
});

/** A field of the gateway's record of the call; null when it has no record. */
function recorded<K extends keyof CallRecord>(field: K) {
  return (call: CallShape): CallRecord[K] | null => call.record?.[field] ?? null;
}

export const CallRef = builder.objectRef<CallShape>('Call').implement({
  description:
    "A call: its state from the lifecycle events the gateway received (kept for GATEWAY_CALL_RETENTION_HOURS), and Telnyx's " +
    'status of it (kept by Telnyx for 10 minutes after the call ends; those fields ask Telnyx only when selected).',
  fields: (t) => ({
    id: t.id({
      nullable: false,
      description: 'The call control id, as `id` so client caches (Apollo, urql) normalise calls.',
      resolve: (call) => call.callControlId,
    }),
    callControlId: t.id({
      nullable: false,
      description: 'The call control id: what every mutation and subscription takes.',
      resolve: (call) => call.callControlId,
    }),
    callLegId: t.string({
      nullable: false,
      description: 'The call leg (Telnyx `call_leg_id`).',
      resolve: (call, _args, context) =>
        idOf(call, context, call.record?.callLegId ?? null, (status) => status.call_leg_id),
    }),
    callSessionId: t.string({
      nullable: false,
      description: 'Shared by the related legs of one phone call.',
      resolve: (call, _args, context) =>
        idOf(call, context, call.record?.callSessionId ?? null, (status) => status.call_session_id),
    }),
    isAlive: t.boolean({
      nullable: false,
      description: 'Telnyx: whether the call is up (false for a call Telnyx forgot, and for a Dial still in progress).',
      resolve: (call, _args, context) => fromStatus(call, context, (status) => status.is_alive, false),
    }),
    callDuration: t.int({
      nullable: true,
      description: 'Telnyx: seconds.',
      resolve: (call, _args, context) => fromStatus(call, context, (status) => status.call_duration ?? null, null),
    }),
    startTime: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'Telnyx: when the call started.',
      resolve: async (call, _args, context, info) =>
        telnyxTime(await fromStatus(call, context, (status) => status.start_time ?? null, null), context, info),
    }),
    endTime: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'Telnyx: set once the call is over.',
      resolve: async (call, _args, context, info) =>
        telnyxTime(await fromStatus(call, context, (status) => status.end_time ?? null, null), context, info),
    }),
    clientState: t.string({
      nullable: true,
      description: 'Telnyx: the client state, decoded as UTF-8 text; null when unset or not text.',
      resolve: (call, _args, context) =>
        fromStatus(call, context, (status) => decodeClientState(status.client_state ?? null), null),
    }),
    clientStateBase64: t.string({
      nullable: true,
      description: 'Telnyx: client state exactly as Telnyx holds it (base64).',
      resolve: (call, _args, context) => fromStatus(call, context, (status) => status.client_state || null, null),
    }),
    eventsCursor: t.string({
      nullable: false,
      description: 'Event-log position read before the status: `callEvents(after: eventsCursor)` misses nothing since.',
      resolve: (call) => call.eventsCursor,
    }),
    state: t.field({
      type: CallStateEnum,
      nullable: true,
      description: 'From the lifecycle webhooks; null when the gateway has received none of this call.',
      resolve: recorded('state'),
    }),
    direction: t.field({
      type: CallDirectionEnum,
      nullable: true,
      description: '`INCOMING` or `OUTGOING`, from `call.initiated`.',
      resolve: recorded('direction'),
    }),
    from: t.string({ nullable: true, description: 'Number or SIP URI placing the call.', resolve: recorded('from') }),
    to: t.string({ nullable: true, description: 'Destination number or SIP URI.', resolve: recorded('to') }),
    startedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: "Telnyx's `start_time` of the call (the time of `call.initiated` when it sent none).",
      resolve: recorded('startedAt'),
    }),
    answeredAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When `call.answered` occurred (recorded even when it arrived after the hangup).',
      resolve: recorded('answeredAt'),
    }),
    endedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When `call.hangup` occurred.',
      resolve: recorded('endedAt'),
    }),
    hangupCause: t.string({
      nullable: true,
      description: "Telnyx's `hangup_cause` (`normal_clearing`, `user_busy`, `no_answer`, …), as sent.",
      resolve: recorded('hangupCause'),
    }),
  }),
});

builder.queryField('call', (t) =>
  t.field({
    type: CallRef,
    nullable: true,
    description:
      'A call the gateway has seen events of, or that Telnyx knows; null for neither. Telnyx is asked only for the fields that need it.',
    args: {
      callControlId: t.arg.id({
        required: true,
        description: 'The call (printable ASCII, 1–256 characters).',
        validate: callControlIdSchema,
      }),
    },
    authScopes: (_root, args) => ({ $all: { eventsRead: true, call: String(args.callControlId) } }),
    resolve: async (_root, args, context) => {
      const callControlId = String(args.callControlId);
      const eventsCursor = await context.events.latestCursor();
      const record = await context.events.calls.get(callControlId);
      if (record) return { callControlId, record, eventsCursor };
      const status = await context.loaders.callStatus.load(callControlId);
      if (!status) return null;
      await rememberCallLeg(context, status);
      return { callControlId, record: null, status, eventsCursor };
    },
  }),
);
