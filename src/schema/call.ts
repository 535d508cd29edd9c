import type { GraphQLContext } from '../context';
import type { CallStatus } from '../telnyx/actions';
import { callControlIdSchema } from './action-payload';
import { builder } from './builder';

/** A call's Telnyx status, with the event-log position read before it was fetched. */
export interface CallShape {
  status: CallStatus;
  eventsCursor: string;
}

/**
 * Client state as text: strict base64 holding valid UTF-8 without control characters other than
 * whitespace; null otherwise (binary state stays available as `clientStateBase64`).
 */
export function decodeClientState(base64: string | null | undefined): string | null {
  if (!base64 || !/^[A-Za-z0-9+/]*={0,2}$/.test(base64) || base64.length % 4 !== 0) return null;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(base64, 'base64'));
    return /[\u0000-\u0008\u000e-\u001f\u007f]/.test(text) ? null : text;
  } catch {
    return null;
  }
}

export const CallRef = builder.objectRef<CallShape>('Call').implement({
  description: 'Status of a call as Telnyx reports it (kept by Telnyx for 10 minutes after the call ends).',
  fields: (t) => ({
    callControlId: t.id({ nullable: false, resolve: (call) => call.status.call_control_id }),
    callLegId: t.string({ nullable: false, resolve: (call) => call.status.call_leg_id }),
    callSessionId: t.string({ nullable: false, resolve: (call) => call.status.call_session_id }),
    isAlive: t.boolean({ nullable: false, description: 'Always false for a Dial still in progress.', resolve: (call) => call.status.is_alive }),
    callDuration: t.int({ nullable: true, description: 'Seconds.', resolve: (call) => call.status.call_duration ?? null }),
    startTime: t.field({ type: 'DateTime', nullable: true, resolve: (call) => call.status.start_time ?? null }),
    endTime: t.field({ type: 'DateTime', nullable: true, description: 'Set once the call is over.', resolve: (call) => call.status.end_time ?? null }),
    clientState: t.string({
      nullable: true,
      description: 'The client state, decoded as UTF-8 text; null when unset or not text.',
      resolve: (call) => decodeClientState(call.status.client_state),
    }),
    clientStateBase64: t.string({ nullable: true, resolve: (call) => call.status.client_state || null }),
    eventsCursor: t.string({
      nullable: false,
      description: 'Event-log position read before the status: `callEvents(after: eventsCursor)` misses nothing since.',
      resolve: (call) => call.eventsCursor,
    }),
  }),
});

/** Teaches the event bus which call a leg belongs to (`call.recording.saved` names only the leg). */
export async function rememberCallLeg(context: GraphQLContext, status: CallStatus): Promise<void> {
  try {
    await context.events.rememberCallLeg(status.call_leg_id, status.call_control_id);
  } catch (error) {
    context.logger.warn({ err: error, callControlId: status.call_control_id }, 'could not record the call leg');
  }
}

builder.queryField('call', (t) =>
  t.field({
    type: CallRef,
    nullable: true,
    description: 'Telnyx call status; null for a call Telnyx does not know (or forgot).',
    args: { callControlId: t.arg.id({ required: true, validate: callControlIdSchema }) },
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
