import { CALL_DIRECTIONS } from '../../events/call-record';
import type {
  CallAnsweredEvent,
  CallHangupEvent,
  CallInitiatedEvent,
  CallLifecycleEvent,
  SipHeader,
} from '../../events/types';
import { builder } from './builder';
import { CallDirectionEnum } from './call';
import { CallEventRef, resolveType } from './call-events';
import { knownOrNull } from './enums';

type Delivered<T> = T & { cursor: string };

const SipHeaderRef = builder.objectRef<SipHeader>('SipHeader').implement({
  description: 'A SIP header Telnyx reports on a lifecycle event.',
  fields: (t) => ({
    name: t.exposeString('name', { nullable: false, description: 'Header name.' }),
    value: t.exposeString('value', { nullable: false, description: 'Header value.' }),
  }),
});

/** `call.initiated`, `call.answered`, `call.hangup`: the events that drive `Call.state` and `callUpdates`. */
export const CallLifecycleEventRef = builder
  .interfaceRef<Delivered<CallLifecycleEvent>>('CallLifecycleEvent')
  .implement({
    description: '`call.initiated`, `call.answered` or `call.hangup`: they move `Call.state`.',
    interfaces: [CallEventRef],
    resolveType,
    fields: (t) => ({
      from: t.exposeString('from', { nullable: true, description: 'Number or SIP URI placing the call.' }),
      to: t.exposeString('to', { nullable: true, description: 'Destination number or SIP URI of the call.' }),
      startTime: t.field({
        type: 'DateTime',
        nullable: true,
        description: "Telnyx's `start_time`: when the call started.",
        resolve: (event) => event.startTime,
      }),
      state: t.exposeString('state', {
        nullable: true,
        description: "Telnyx's `state` of the call leg (`parked`, `bridging`, `answered`, `hangup`), as sent.",
      }),
      tags: t.exposeStringList('tags', { nullable: true, description: 'Tags of the number.' }),
      customHeaders: t.field({
        type: [SipHeaderRef],
        nullable: { list: true, items: false },
        description: 'Custom SIP headers (of the INVITE, or set by the answer command).',
        resolve: (event) => event.customHeaders,
      }),
      sipHeaders: t.field({
        type: [SipHeaderRef],
        nullable: { list: true, items: false },
        description: 'User-to-User and Diversion headers of the SIP INVITE.',
        resolve: (event) => event.sipHeaders,
      }),
    }),
  });

builder.objectRef<Delivered<CallInitiatedEvent>>('CallInitiated').implement({
  description: 'Telnyx `call.initiated`: a call started (incoming, or placed by the application).',
  interfaces: [CallEventRef, CallLifecycleEventRef],
  fields: (t) => ({
    direction: t.field({
      type: CallDirectionEnum,
      nullable: true,
      description: '`INCOMING` or `OUTGOING`; null for a value this schema does not know.',
      resolve: (event) => knownOrNull(CALL_DIRECTIONS, event.direction),
    }),
    callerIdName: t.exposeString('callerIdName', { nullable: true, description: 'Caller id name.' }),
    callScreeningResult: t.exposeString('callScreeningResult', {
      nullable: true,
      description: 'Call screening result.',
    }),
    connectionCodecs: t.exposeString('connectionCodecs', {
      nullable: true,
      description: 'Comma-separated codecs enabled for the connection.',
    }),
    offeredCodecs: t.exposeString('offeredCodecs', {
      nullable: true,
      description: 'Comma-separated codecs the caller offered.',
    }),
    shakenStirAttestation: t.exposeString('shakenStirAttestation', {
      nullable: true,
      description: 'SHAKEN/STIR attestation level.',
    }),
    shakenStirValidated: t.exposeBoolean('shakenStirValidated', {
      nullable: true,
      description: 'Whether the attestation was validated.',
    }),
  }),
});

builder.objectRef<Delivered<CallAnsweredEvent>>('CallAnswered').implement({
  description: 'Telnyx `call.answered`: the call is up.',
  interfaces: [CallEventRef, CallLifecycleEventRef],
  fields: () => ({}),
});

builder.objectRef<Delivered<CallHangupEvent>>('CallHangup').implement({
  description: 'Telnyx `call.hangup`: the call is over. Media in progress ends with status `CALL_HANGUP`.',
  interfaces: [CallEventRef, CallLifecycleEventRef],
  fields: (t) => ({
    hangupCause: t.exposeString('hangupCause', {
      nullable: true,
      description:
        "Telnyx's `hangup_cause` (`call_rejected`, `normal_clearing`, `originator_cancel`, `timeout`, `time_limit`, `user_busy`, `not_found`, `no_answer`, `unspecified`), as sent.",
    }),
    hangupSource: t.exposeString('hangupSource', {
      nullable: true,
      description: 'Who ended the call: `caller`, `callee` or `unknown`.',
    }),
    sipHangupCause: t.exposeString('sipHangupCause', {
      nullable: true,
      description: 'The SIP response code that ended the call (`unspecified` when unavailable).',
    }),
  }),
});
