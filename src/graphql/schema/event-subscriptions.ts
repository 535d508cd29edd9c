import type { InterfaceRef } from '@pothos/core';
import { BadUserInputError } from '../../lib/errors';
import { parseCursor } from '../../events/cursor';
import { type CallEventType, eventTypesOf } from '../../events/catalogue';
import type { DeliveredCallEvent } from '../../events/types';
import { builder, type BuilderTypes } from './builder';
import { CallEventRef, PlaybackEventRef, RecordingEventRef, SpeakEventRef } from './call-events';
import { isStreamEnd, subscribeToEvents, type StreamEnd } from './event-stream';

export function unwrap<T extends DeliveredCallEvent>(value: DeliveredCallEvent | StreamEnd): T {
  if (isStreamEnd(value)) throw value.streamError;
  return value as T;
}

/**
 * `after` as given, once it is a cursor. Checked in `subscribe` rather than by the validation
 * plugin, which runs before the scope check: a client without `events:read` gets FORBIDDEN first.
 */
export function resumeCursor(after: string | null | undefined): string | null {
  if (after == null) return null;
  if (parseCursor(after) === null) {
    throw new BadUserInputError(
      'after: not a cursor (expected the `cursor` of an event, or one from a query)',
      'after',
    );
  }
  return after;
}

/** `events:read` always; with a call, the token must also cover that call. */
function eventScopes(_root: unknown, args: { callControlId?: string | number | null }) {
  return args.callControlId != null
    ? { $all: { eventsRead: true, call: String(args.callControlId) } }
    : { eventsRead: true };
}

const CALL_ARG_DESCRIPTION = 'Only this call; omitted: every call the token may see.';

const PLAYBACK_TYPES = eventTypesOf('playback');
const SPEAK_TYPES = eventTypesOf('speak');
const RECORDING_TYPES = eventTypesOf('recording');

builder.subscriptionField('callEvents', (t) =>
  t.field({
    type: CallEventRef,
    nullable: false,
    description:
      'Every media event of a call (or of every call the token may see), live. With `after`, the buffered events after that ' +
      'cursor come first, with no gap and no duplicate; CURSOR_EXPIRED when they are no longer buffered.',
    args: {
      callControlId: t.arg.id({ description: CALL_ARG_DESCRIPTION }),
      after: t.arg.string({
        description: "Resume after this cursor (an event's `cursor`, a mutation's `cursor`, or `latestEventCursor`).",
      }),
    },
    authScopes: eventScopes,
    subscribe: (_root, args, context) =>
      subscribeToEvents(context, {
        callControlId: args.callControlId == null ? null : String(args.callControlId),
        after: resumeCursor(args.after),
      }),
    resolve: (value) => unwrap(value),
  }),
);

/** A subscription to one group of event types (playback, speak, recording), optionally of one call. */
function groupedEventsSubscription(
  name: string,
  type: InterfaceRef<BuilderTypes, DeliveredCallEvent>,
  eventTypes: CallEventType[],
  description: string,
): void {
  builder.subscriptionField(name, (t) =>
    t.field({
      type,
      nullable: false,
      description,
      args: { callControlId: t.arg.id({ description: CALL_ARG_DESCRIPTION }) },
      authScopes: eventScopes,
      subscribe: (_root, args, context) =>
        subscribeToEvents(context, {
          callControlId: args.callControlId == null ? null : String(args.callControlId),
          eventTypes,
        }),
      resolve: (value) => unwrap(value),
    }),
  );
}

groupedEventsSubscription(
  'playbackEvents',
  PlaybackEventRef,
  PLAYBACK_TYPES,
  '`call.playback.started` and `call.playback.ended`, live.',
);
groupedEventsSubscription(
  'speakEvents',
  SpeakEventRef,
  SPEAK_TYPES,
  '`call.speak.started` and `call.speak.ended`, live.',
);
groupedEventsSubscription(
  'recordingEvents',
  RecordingEventRef,
  RECORDING_TYPES,
  '`call.recording.saved`, `call.recording.error` and `call.recording.transcription.saved`, live.',
);

builder.queryField('latestEventCursor', (t) =>
  t.string({
    nullable: false,
    description:
      'The newest position in the event log: subscribe with `callEvents(after:)` set to it to miss nothing from now on.',
    authScopes: { eventsRead: true },
    resolve: (_root, _args, context) => context.events.latestCursor(),
  }),
);
