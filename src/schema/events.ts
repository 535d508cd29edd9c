import type { InterfaceRef } from '@pothos/core';
import type { GraphQLContext } from '../context';
import type { SubscriptionFilter } from '../events/bus';
import type {
  CallEventType,
  CallPlaybackEndedEvent,
  CallPlaybackStartedEvent,
  CallRecordingErrorEvent,
  CallRecordingSavedEvent,
  CallRecordingTranscriptionSavedEvent,
  CallSpeakEndedEvent,
  CallSpeakStartedEvent,
  DeliveredCallEvent,
  RecordingUrls,
} from '../events/types';
import { builder, type BuilderTypes } from './builder';
import { RecordingRef } from './recording';

type Delivered<T> = T & { cursor: string };

const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2,3})?$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Client state as the text the client sent; null when it is not base64 of valid UTF-8. */
export function decodeClientState(base64: string | null): string | null {
  if (base64 === null || !STRICT_BASE64.test(base64)) return null;
  try {
    return utf8.decode(Buffer.from(base64, 'base64'));
  } catch {
    return null;
  }
}

/** Decoded once per event, not once per subscriber: every subscriber receives the same event object. */
const decodedClientStates = new WeakMap<DeliveredCallEvent, string | null>();

function clientStateOf(event: DeliveredCallEvent): string | null {
  let decoded = decodedClientStates.get(event);
  if (decoded === undefined) {
    decoded = decodeClientState(event.clientStateBase64);
    decodedClientStates.set(event, decoded);
  }
  return decoded;
}

const TYPE_NAMES: Record<CallEventType, string> = {
  'call.playback.started': 'CallPlaybackStarted',
  'call.playback.ended': 'CallPlaybackEnded',
  'call.speak.started': 'CallSpeakStarted',
  'call.speak.ended': 'CallSpeakEnded',
  'call.recording.saved': 'CallRecordingSaved',
  'call.recording.error': 'CallRecordingError',
  'call.recording.transcription.saved': 'CallRecordingTranscriptionSaved',
};

const resolveType = (event: DeliveredCallEvent) => TYPE_NAMES[event.eventType];

export const CallEventRef = builder.interfaceRef<DeliveredCallEvent>('CallEvent').implement({
  description: 'A Telnyx call webhook, verified and normalised. `cursor` is where to resume after it.',
  resolveType,
  fields: (t) => ({
    id: t.exposeID('id', { nullable: false, description: "Telnyx's `data.id`: unique per event, the same on Telnyx's retries." }),
    cursor: t.exposeString('cursor', { nullable: false, description: 'Position in the event log: pass it as `callEvents(after:)` to resume after this event.' }),
    eventType: t.exposeString('eventType', { nullable: false, description: "Telnyx's `event_type`, e.g. `call.playback.started`." }),
    occurredAt: t.field({ type: 'DateTime', nullable: false, resolve: (event) => event.occurredAt }),
    callControlId: t.exposeID('callControlId', {
      nullable: true,
      description: 'The call; filled from the call leg when Telnyx left it out. Null only when the call is unknown.',
    }),
    callLegId: t.exposeString('callLegId', { nullable: true }),
    callSessionId: t.exposeString('callSessionId', { nullable: true, description: 'Shared by the related legs of one phone call.' }),
    connectionId: t.exposeString('connectionId', { nullable: true, description: 'The Call Control Application id.' }),
    clientState: t.string({
      nullable: true,
      description: 'The `clientState` of the command that caused the event, as text; null when absent or not UTF-8 text.',
      resolve: clientStateOf,
    }),
    clientStateBase64: t.exposeString('clientStateBase64', { nullable: true, description: 'Client state exactly as Telnyx sent it (base64).' }),
  }),
});

export const PlaybackEventRef = builder
  .interfaceRef<Delivered<CallPlaybackStartedEvent | CallPlaybackEndedEvent>>('PlaybackEvent')
  .implement({
    description: '`call.playback.started` or `call.playback.ended`.',
    interfaces: [CallEventRef],
    resolveType,
    fields: (t) => ({
      mediaUrl: t.exposeString('mediaUrl', { nullable: true, description: 'Set when the playback used `audioUrl`.' }),
      mediaName: t.exposeString('mediaName', { nullable: true, description: 'Set when the playback used `mediaName`.' }),
      overlay: t.exposeBoolean('overlay', { nullable: true }),
    }),
  });

export const SpeakEventRef = builder.interfaceRef<Delivered<CallSpeakStartedEvent | CallSpeakEndedEvent>>('SpeakEvent').implement({
  description: '`call.speak.started` or `call.speak.ended`.',
  interfaces: [CallEventRef],
  resolveType,
});

export const RecordingEventRef = builder
  .interfaceRef<Delivered<CallRecordingSavedEvent | CallRecordingErrorEvent | CallRecordingTranscriptionSavedEvent>>('RecordingEvent')
  .implement({
    description: '`call.recording.saved`, `call.recording.error` or `call.recording.transcription.saved`.',
    interfaces: [CallEventRef],
    resolveType,
  });

export const RecordingFileUrlsRef = builder.objectRef<RecordingUrls>('RecordingFileUrls').implement({
  description: 'Where a recording can be downloaded, per format (null for a format not recorded).',
  fields: (t) => ({
    mp3: t.exposeString('mp3', { nullable: true }),
    wav: t.exposeString('wav', { nullable: true }),
  }),
});

builder.objectRef<Delivered<CallPlaybackStartedEvent>>('CallPlaybackStarted').implement({
  description: 'Telnyx `call.playback.started`: audio started playing.',
  interfaces: [CallEventRef, PlaybackEventRef],
  fields: () => ({}),
});

builder.objectRef<Delivered<CallPlaybackEndedEvent>>('CallPlaybackEnded').implement({
  description: 'Telnyx `call.playback.ended`: audio finished, was stopped, or failed.',
  interfaces: [CallEventRef, PlaybackEventRef],
  fields: (t) => ({
    status: t.exposeString('status', {
      nullable: true,
      description: '`completed`, `cancelled`, `call_hangup`, `file_not_found`, `failed`, `cancelled_amd` or `unknown`.',
    }),
    statusDetail: t.exposeString('statusDetail', { nullable: true, description: 'Why it failed, when it did.' }),
  }),
});

builder.objectRef<Delivered<CallSpeakStartedEvent>>('CallSpeakStarted').implement({
  description: 'Telnyx `call.speak.started`: text-to-speech started.',
  interfaces: [CallEventRef, SpeakEventRef],
  fields: () => ({}),
});

builder.objectRef<Delivered<CallSpeakEndedEvent>>('CallSpeakEnded').implement({
  description: 'Telnyx `call.speak.ended`: text-to-speech finished or was stopped.',
  interfaces: [CallEventRef, SpeakEventRef],
  fields: (t) => ({
    status: t.exposeString('status', { nullable: true, description: '`completed`, `call_hangup` or `cancelled_amd`.' }),
  }),
});

builder.objectRef<Delivered<CallRecordingSavedEvent>>('CallRecordingSaved').implement({
  description: 'Telnyx `call.recording.saved`: a recording is stored. Its URLs are valid for 10 minutes.',
  interfaces: [CallEventRef, RecordingEventRef],
  fields: (t) => ({
    recordingId: t.exposeID('recordingId', { nullable: true, description: 'Sent by Telnyx in practice, though not in its published schema.' }),
    channels: t.exposeString('channels', { nullable: true, description: '`single` or `dual`.' }),
    format: t.exposeString('format', { nullable: true, description: '`mp3` or `wav`, when Telnyx says.' }),
    recordingStartedAt: t.field({ type: 'DateTime', nullable: true, resolve: (event) => event.recordingStartedAt }),
    recordingEndedAt: t.field({ type: 'DateTime', nullable: true, resolve: (event) => event.recordingEndedAt }),
    recordingUrls: t.field({
      type: RecordingFileUrlsRef,
      nullable: true,
      description: 'Download URLs, valid for 10 minutes; afterwards use `recording`.',
      resolve: (event) => event.recordingUrls,
    }),
    publicRecordingUrls: t.field({
      type: RecordingFileUrlsRef,
      nullable: true,
      description: 'Public URLs (an account feature), valid while the file exists.',
      resolve: (event) => event.publicRecordingUrls,
    }),
    recording: t.field({
      type: RecordingRef,
      nullable: true,
      description: 'The stored recording (Telnyx Recordings API, batched per request); null without a recording id.',
      resolve: (event, _args, context) => (event.recordingId ? context.loaders.recording.load(event.recordingId) : null),
    }),
  }),
});

builder.objectRef<Delivered<CallRecordingErrorEvent>>('CallRecordingError').implement({
  description: 'Telnyx `call.recording.error`: a recording could not be stored.',
  interfaces: [CallEventRef, RecordingEventRef],
  fields: (t) => ({
    reason: t.exposeString('reason', { nullable: true }),
  }),
});

builder
  .objectRef<Delivered<CallRecordingTranscriptionSavedEvent>>('CallRecordingTranscriptionSaved')
  .implement({
    description: 'Telnyx `call.recording.transcription.saved`: the transcription of a recording is ready.',
    interfaces: [CallEventRef, RecordingEventRef],
    fields: (t) => ({
      recordingId: t.exposeID('recordingId', { nullable: true }),
      recordingTranscriptionId: t.exposeString('recordingTranscriptionId', { nullable: true }),
      transcriptionText: t.exposeString('transcriptionText', { nullable: true }),
      status: t.exposeString('status', { nullable: true, description: '`completed`.' }),
      callingPartyType: t.exposeString('callingPartyType', { nullable: true, description: '`pstn` or `sip`.' }),
    }),
  });

/** What a subscription stream carries: events, then possibly one error that ends it. */
interface StreamEnd {
  streamError: unknown;
}

function isStreamEnd(value: DeliveredCallEvent | StreamEnd): value is StreamEnd {
  return 'streamError' in value;
}

/**
 * Bus events the principal may see. A failure of the stream (slow consumer, expired cursor)
 * becomes one last item that `resolve` throws, so both transports show it as a GraphQL error
 * with its code and then complete, instead of dropping the connection. Hand-written rather than
 * a generator so that `return()` releases the bus subscription even while `next()` waits.
 */
function subscribeToEvents(context: GraphQLContext, filter: SubscriptionFilter): AsyncIterableIterator<DeliveredCallEvent | StreamEnd> {
  const source = context.events.subscribe({ ...filter, allowedCalls: context.principal.calls });
  let ended = false;
  const streamEnd = (error: unknown): IteratorResult<StreamEnd> => {
    ended = true;
    return { value: { streamError: error }, done: false };
  };
  const iterator: AsyncIterableIterator<DeliveredCallEvent | StreamEnd> = {
    // A `then` chain rather than an async function: one promise less per event and subscriber.
    next() {
      if (ended) return Promise.resolve({ value: undefined, done: true });
      let result: Promise<IteratorResult<DeliveredCallEvent>>;
      try {
        result = source.next();
      } catch (error) {
        return Promise.resolve(streamEnd(error));
      }
      return result.then((item) => {
        if (item.done) ended = true;
        return item;
      }, streamEnd);
    },
    async return() {
      ended = true;
      await source.return?.();
      return { value: undefined, done: true };
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}

function unwrap<T extends DeliveredCallEvent>(value: DeliveredCallEvent | StreamEnd): T {
  if (isStreamEnd(value)) throw value.streamError;
  return value as T;
}

/** `events:read` always; with a call, the token must also cover that call. */
function eventScopes(_root: unknown, args: { callControlId?: string | number | null }) {
  return args.callControlId != null ? { $all: { eventsRead: true, call: String(args.callControlId) } } : { eventsRead: true };
}

const CALL_ARG_DESCRIPTION = 'Only this call; omitted: every call the token may see.';

const PLAYBACK_TYPES: CallEventType[] = ['call.playback.started', 'call.playback.ended'];
const SPEAK_TYPES: CallEventType[] = ['call.speak.started', 'call.speak.ended'];
const RECORDING_TYPES: CallEventType[] = ['call.recording.saved', 'call.recording.error', 'call.recording.transcription.saved'];

builder.subscriptionField('callEvents', (t) =>
  t.field({
    type: CallEventRef,
    nullable: false,
    description:
      'Every media event of a call (or of every call the token may see), live. With `after`, the buffered events after that ' +
      'cursor come first, with no gap and no duplicate; CURSOR_EXPIRED when they are no longer buffered.',
    args: {
      callControlId: t.arg.id({ description: CALL_ARG_DESCRIPTION }),
      after: t.arg.string({ description: 'Resume after this cursor (an event\'s `cursor`, a mutation\'s `cursor`, or `latestEventCursor`).' }),
    },
    authScopes: eventScopes,
    subscribe: (_root, args, context) =>
      subscribeToEvents(context, { callControlId: args.callControlId == null ? null : String(args.callControlId), after: args.after }),
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
        subscribeToEvents(context, { callControlId: args.callControlId == null ? null : String(args.callControlId), eventTypes }),
      resolve: (value) => unwrap(value),
    }),
  );
}

groupedEventsSubscription('playbackEvents', PlaybackEventRef, PLAYBACK_TYPES, '`call.playback.started` and `call.playback.ended`, live.');
groupedEventsSubscription('speakEvents', SpeakEventRef, SPEAK_TYPES, '`call.speak.started` and `call.speak.ended`, live.');
groupedEventsSubscription(
  'recordingEvents',
  RecordingEventRef,
  RECORDING_TYPES,
  '`call.recording.saved`, `call.recording.error` and `call.recording.transcription.saved`, live.',
);

builder.queryField('latestEventCursor', (t) =>
  t.string({
    nullable: false,
    description: 'The newest position in the event log: subscribe with `callEvents(after:)` set to it to miss nothing from now on.',
    authScopes: { eventsRead: true },
    resolve: (_root, _args, context) => context.events.latestCursor(),
  }),
);
