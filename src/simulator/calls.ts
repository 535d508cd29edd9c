/**
 * Simulated calls: their ids, lifecycle webhooks (`call.initiated`, `call.answered`,
 * `call.hangup`), and the checks Telnyx makes before a command touches the media: a known,
 * live call, a `command_id` not already seen on it within 60 s, a valid body.
 */
import type { SimClock } from './clock';
import { callAlreadyEnded, invalidCallControlId, resourceNotFound } from './errors';
import { isWellFormedCallControlId, newCallControlId, newConnectionId, newUuid, telnyxTimestamp } from './ids';
import { CallMedia } from './media';
import { CallRecordings, type CallIdentity, type SavedRecording } from './recording';
import type { OutgoingEvent } from './webhook-sender';
import {
  validatePlaybackStart,
  validatePlaybackStop,
  validateRecordingTarget,
  validateRecordStart,
  validateCommon,
  validateSpeak,
  type CommandCommon,
} from './validation';

export interface CreateCallOptions {
  /** Base64, as Telnyx takes it; echoed on every webhook of the call. */
  clientState?: string | null;
  connectionId?: string;
  from?: string;
  to?: string;
  /** The call `npm start` creates for people to try the gateway with. */
  demo?: boolean;
}

export interface CallIds {
  callControlId: string;
  callLegId: string;
  callSessionId: string;
}

export interface CallHooks {
  send(orderKey: string, event: OutgoingEvent): void;
  recordingSaved(recording: SavedRecording): void;
  recordingAudioUrl(recordingId: string, format: 'wav' | 'mp3'): string;
  /** An injected storage failure for the recording that is ending, if one is armed. */
  recordingFailure(): string | null;
}

type Body = Record<string, unknown>;
const DUPLICATE_WINDOW_MS = 60_000;
/** Telnyx keeps an ended call's status for 10 minutes. */
const ENDED_CALL_RETENTION_MS = 10 * 60_000;

export class SimCall {
  readonly identity: CallIdentity;
  readonly startedAt = new Date();
  endedAt: Date | null = null;
  clientState: string | null;
  readonly media: CallMedia;
  readonly recordings: CallRecordings;
  private readonly commandIds = new Map<string, number>();

  constructor(
    options: CreateCallOptions,
    clock: SimClock,
    private readonly hooks: CallHooks,
  ) {
    this.identity = {
      callControlId: newCallControlId(),
      callLegId: newUuid(),
      callSessionId: newUuid(),
      connectionId: options.connectionId ?? newConnectionId(),
      from: options.from ?? (options.demo ? '+15550100001' : '+15550100000'),
      to: options.to ?? '+15550199999',
    };
    this.clientState = options.clientState ?? null;
    const emit = this.emit.bind(this);
    this.recordings = new CallRecordings(this.identity, clock, {
      emit,
      saved: (recording) => hooks.recordingSaved(recording),
      audioUrl: (id, format) => hooks.recordingAudioUrl(id, format),
      failure: () => hooks.recordingFailure(),
    });
    this.media = new CallMedia(clock, { emit, spoke: (text) => this.recordings.heard(text) });
  }

  get isAlive(): boolean {
    return this.endedAt === null;
  }

  /** Every webhook of the call goes through here, in order (keyed by the leg). */
  emit(
    eventType: string,
    clientState: string | null,
    fields: Record<string, unknown>,
    withoutCallControlId = false,
  ): void {
    const { callControlId, callLegId, callSessionId, connectionId } = this.identity;
    const payload = {
      ...(withoutCallControlId ? {} : { call_control_id: callControlId }),
      call_leg_id: callLegId,
      call_session_id: callSessionId,
      client_state: clientState,
      connection_id: connectionId,
      ...fields,
    };
    this.hooks.send(callLegId, { eventType, payload });
  }

  announce(): void {
    const { from, to } = this.identity;
    const startTime = telnyxTimestamp(this.startedAt);
    this.emit('call.initiated', this.clientState, {
      caller_id_name: from,
      direction: 'incoming',
      from,
      to,
      start_time: startTime,
      state: 'parked',
    });
    this.emit('call.answered', this.clientState, { from, to, start_time: startTime });
  }

  hangup(source: 'caller' | 'callee'): void {
    if (!this.isAlive) return;
    this.endedAt = new Date();
    this.media.hangup();
    this.recordings.hangup();
    const { from, to } = this.identity;
    this.emit('call.hangup', this.clientState, {
      from,
      to,
      start_time: telnyxTimestamp(this.startedAt),
      end_time: telnyxTimestamp(this.endedAt),
      hangup_cause: 'normal_clearing',
      hangup_source: source,
      sip_hangup_cause: '200',
    });
  }

  /** True when this `command_id` was accepted on this call within the last 60 s. */
  isDuplicate(commandId: string | undefined): boolean {
    if (commandId === undefined) return false;
    // Ids are stored in the order accepted, on a monotonic clock: the expired ones are the oldest,
    // so pruning stops at the first live one instead of scanning every id on each command.
    const now = performance.now();
    for (const [id, at] of this.commandIds) {
      if (now - at <= DUPLICATE_WINDOW_MS) break;
      this.commandIds.delete(id);
    }
    return this.commandIds.has(commandId);
  }

  accept(command: CommandCommon): void {
    if (command.clientState !== undefined) this.clientState = command.clientState;
    if (command.commandId !== undefined) this.commandIds.set(command.commandId, performance.now());
  }

  /** `GET /v2/calls/{id}`: S1's `Call`. */
  toTelnyx(): Record<string, unknown> {
    const end = this.endedAt ?? new Date();
    return {
      call_control_id: this.identity.callControlId,
      call_duration: Math.floor((end.getTime() - this.startedAt.getTime()) / 1000),
      call_leg_id: this.identity.callLegId,
      call_session_id: this.identity.callSessionId,
      client_state: this.clientState,
      ...(this.endedAt ? { end_time: this.endedAt.toISOString() } : {}),
      is_alive: this.isAlive,
      record_type: 'call',
      start_time: this.startedAt.toISOString(),
    };
  }
}

/**
 * What each action does once its body is valid. `state` gives the client_state its events carry (the
 * command's own, else the call's); the returned command's client_state and command_id are then kept.
 */
type Action = (call: SimCall, body: Body, state: (command: CommandCommon) => string | null) => CommandCommon;

const ACTIONS: Record<string, Action> = {
  playback_start: (call, body, state) =>
    apply(validatePlaybackStart(body), (c) => call.media.startPlayback(c, state(c))),
  playback_stop: (call, body) => apply(validatePlaybackStop(body), (c) => call.media.stopPlayback(c)),
  speak: (call, body, state) => apply(validateSpeak(body), (c) => call.media.speak(c, state(c))),
  record_start: (call, body, state) => apply(validateRecordStart(body), (c) => call.recordings.start(c, state(c))),
  record_stop: (call, body) => apply(validateRecordingTarget(body), (c) => call.recordings.stop(c)),
  record_pause: (call, body) => apply(validateRecordingTarget(body), (c) => call.recordings.pause(c)),
  record_resume: (call, body) => apply(validateRecordingTarget(body), (c) => call.recordings.resume(c)),
  // Not one of the seven, but Telnyx's own path: lets a client end a simulated call as it would a real one.
  hangup: (call, body) =>
    apply(validateCommon(body), (c) => {
      call.accept(c);
      call.hangup('callee');
    }),
};

function apply<C extends CommandCommon>(command: C, effect: (command: C) => void): C {
  effect(command);
  return command;
}

export class CallRegistry {
  private readonly calls = new Map<string, SimCall>();

  constructor(
    private readonly clock: SimClock,
    private readonly hooks: CallHooks,
  ) {}

  create(options: CreateCallOptions = {}): SimCall {
    this.forgetOldCalls();
    const call = new SimCall(options, this.clock, this.hooks);
    this.calls.set(call.identity.callControlId, call);
    call.announce();
    return call;
  }

  /** A known call, or the error Telnyx gives: 422 `90015` for a malformed id, 404 for an unknown one. */
  find(callControlId: string): SimCall {
    if (!isWellFormedCallControlId(callControlId)) throw invalidCallControlId();
    const call = this.calls.get(callControlId);
    if (!call || this.isForgotten(call)) throw resourceNotFound('/call_control_id');
    return call;
  }

  /** Runs one action; a duplicate `command_id` is answered like the original and changes nothing. */
  command(callControlId: string, action: string, body: Body): void {
    const run = ACTIONS[action];
    if (!run) throw resourceNotFound();
    const call = this.find(callControlId);
    if (call.isDuplicate(typeof body.command_id === 'string' ? body.command_id : undefined)) return;
    if (!call.isAlive) throw callAlreadyEnded();
    const command = run(call, body, (c) => c.clientState ?? call.clientState);
    call.accept(command);
  }

  /** The far end hangs up (the simulator's own route): same checks as a command, source `caller`. */
  hangup(callControlId: string): void {
    const call = this.find(callControlId);
    if (!call.isAlive) throw callAlreadyEnded();
    call.hangup('caller');
  }

  private isForgotten(call: SimCall): boolean {
    return call.endedAt !== null && Date.now() - call.endedAt.getTime() > ENDED_CALL_RETENTION_MS;
  }

  private forgetOldCalls(): void {
    for (const [id, call] of this.calls) if (this.isForgotten(call)) this.calls.delete(id);
  }
}
