/**
 * Call recording (docs/telnyx-reference.md §2.3–2.6): record_start begins a recording; pause, resume and stop act
 * on the one named by `recording_id`, or on every recording of the call in the needed state; a
 * command with nothing to act on is a 422. Recordings end at hang-up or after `max_length`.
 * Once saved, a recording is listed by the Recordings API and its audio is served by the simulator.
 */
import type { SimClock, Timer } from './clock';
import { noRecording } from './errors';
import { newUuid, telnyxTimestamp } from './ids';
import type { RecordingTargetCommand, RecordStartCommand } from './validation';

/** A saved recording: what `GET /v2/recordings` lists. */
export interface SavedRecording extends CallIdentity {
  id: string;
  channels: 'single' | 'dual';
  format: 'wav' | 'mp3';
  createdAt: Date;
  startedAt: Date;
  endedAt: Date;
  /** Simulated milliseconds of recorded (unpaused) audio. */
  durationMillis: number;
}

export interface CallIdentity {
  callControlId: string;
  callLegId: string;
  callSessionId: string;
  connectionId: string;
  from: string;
  to: string;
}

export interface RecordingEvents {
  emit(
    eventType: string,
    clientState: string | null,
    fields: Record<string, unknown>,
    withoutCallControlId?: boolean,
  ): void;
  saved(recording: SavedRecording): void;
  audioUrl(recordingId: string, format: 'wav' | 'mp3'): string;
  /** A reason from `call.recording.error`'s enum when this recording is to fail instead of being saved. */
  failure(): string | null;
}

interface ActiveRecording {
  id: string;
  command: RecordStartCommand;
  clientState: string | null;
  startedAt: Date;
  state: 'recording' | 'paused';
  recordedMs: number;
  runningSince: number;
  limit: Timer | null;
  spoken: string[];
}

/** Realistic processing delays between the end of a recording and its webhooks. */
const SAVE_DELAY_MS = 1_000;
const TRANSCRIPTION_DELAY_MS = 2_000;

export class CallRecordings {
  private readonly active: ActiveRecording[] = [];

  constructor(
    private readonly call: CallIdentity,
    private readonly clock: SimClock,
    private readonly events: RecordingEvents,
  ) {}

  start(command: RecordStartCommand, clientState: string | null): void {
    const recording: ActiveRecording = {
      id: newUuid(),
      command,
      clientState,
      startedAt: new Date(),
      state: 'recording',
      recordedMs: 0,
      runningSince: Date.now(),
      limit: null,
      spoken: [],
    };
    this.active.push(recording);
    this.armLimit(recording);
  }

  pause(command: RecordingTargetCommand): void {
    for (const recording of this.select(
      command,
      ['recording'],
      'There is no recording in progress on this call to pause.',
    )) {
      recording.recordedMs += this.clock.simulated(Date.now() - recording.runningSince);
      recording.state = 'paused';
      recording.limit?.cancel();
      recording.limit = null;
    }
  }

  resume(command: RecordingTargetCommand): void {
    for (const recording of this.select(command, ['paused'], 'There is no paused recording on this call to resume.')) {
      recording.state = 'recording';
      recording.runningSince = Date.now();
      this.armLimit(recording);
    }
  }

  stop(command: RecordingTargetCommand): void {
    for (const recording of this.select(
      command,
      ['recording', 'paused'],
      'There is no recording on this call to stop.',
    ))
      this.finish(recording);
  }

  hangup(): void {
    for (const recording of [...this.active]) this.finish(recording);
  }

  /** Speech heard while a recording runs becomes its transcription. */
  heard(text: string): void {
    for (const recording of this.active) if (recording.state === 'recording') recording.spoken.push(text);
  }

  private select(
    command: RecordingTargetCommand,
    states: ActiveRecording['state'][],
    detail: string,
  ): ActiveRecording[] {
    const matches = this.active.filter(
      (recording) =>
        states.includes(recording.state) && (command.recordingId === undefined || recording.id === command.recordingId),
    );
    if (matches.length === 0) throw noRecording(detail);
    return matches;
  }

  private armLimit(recording: ActiveRecording): void {
    const limitMs = recording.command.maxLengthSeconds * 1000;
    if (limitMs > 0)
      recording.limit = this.clock.after(Math.max(0, limitMs - recording.recordedMs), () =>
        this.finish(recording, true),
      );
  }

  private finish(recording: ActiveRecording, reachedLimit = false): void {
    this.active.splice(this.active.indexOf(recording), 1);
    recording.limit?.cancel();
    if (recording.state === 'recording')
      recording.recordedMs += this.clock.simulated(Date.now() - recording.runningSince);
    // Timers fire a little late or, against Date.now, up to a millisecond early, and at high speed a
    // millisecond is seconds: a recording stopped by max_length is exactly that long.
    const limitMs = recording.command.maxLengthSeconds * 1000;
    if (limitMs > 0) recording.recordedMs = reachedLimit ? limitMs : Math.min(recording.recordedMs, limitMs);
    const saved: SavedRecording = {
      ...this.call,
      id: recording.id,
      channels: recording.command.recordingTrack === 'both' ? recording.command.channels : 'single',
      format: recording.command.format,
      createdAt: new Date(),
      startedAt: recording.startedAt,
      endedAt: new Date(),
      durationMillis: Math.round(recording.recordedMs),
    };
    const failure = this.events.failure();
    this.clock.after(SAVE_DELAY_MS, () => {
      if (failure) {
        this.events.emit('call.recording.error', recording.clientState, { reason: failure });
        return;
      }
      this.events.saved(saved);
      this.emitSaved(saved, recording.clientState);
      if (recording.command.transcription) {
        this.clock.after(TRANSCRIPTION_DELAY_MS, () => this.emitTranscription(saved, recording));
      }
    });
  }

  private emitSaved(saved: SavedRecording, clientState: string | null): void {
    const url = this.events.audioUrl(saved.id, saved.format);
    const urls = { mp3: saved.format === 'mp3' ? url : null, wav: saved.format === 'wav' ? url : null };
    // The published schema has no call_control_id here: receivers must route by call_leg_id.
    this.events.emit(
      'call.recording.saved',
      clientState,
      {
        recording_id: saved.id,
        channels: saved.channels,
        format: saved.format,
        recording_started_at: telnyxTimestamp(saved.startedAt),
        recording_ended_at: telnyxTimestamp(saved.endedAt),
        recording_urls: urls,
        public_recording_urls: { mp3: null, wav: null },
      },
      true,
    );
  }

  private emitTranscription(saved: SavedRecording, recording: ActiveRecording): void {
    this.events.emit('call.recording.transcription.saved', recording.clientState, {
      calling_party_type: 'pstn',
      recording_id: saved.id,
      recording_transcription_id: newUuid(),
      status: 'completed',
      transcription_text: recording.spoken.join(' '),
    });
  }
}
