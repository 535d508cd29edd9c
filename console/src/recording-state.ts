import { causeOf } from './commands';
import { timestamp } from './time';

/**
 * Whether the chosen call is being recorded, as far as this console knows: Telnyx sends no event
 * when a recording starts, pauses or resumes, so the state follows this tab's own accepted commands,
 * and the events that end a recording (saved, error, the call's hang-up). Kept per call in
 * sessionStorage, so a reload still knows a recording it started.
 */
export type RecordingCommand = 'start' | 'pause' | 'resume' | 'stop';
type Phase = 'idle' | 'recording' | 'paused' | 'saving';

interface Known {
  phase: Phase;
  /** The command id of the start: its saved or error event ends this recording. */
  startCommandId?: string;
  startedAt?: string;
}

const KEY = 'voice-media-gateway.console.recording:';
const NEXT: Record<RecordingCommand, Phase> = {
  start: 'recording',
  pause: 'paused',
  resume: 'recording',
  stop: 'saving',
};
/** Which buttons apply in each phase (a new recording may start while the last one is being saved). */
const ENABLED: Record<Phase, Record<RecordingCommand, boolean>> = {
  idle: { start: true, pause: false, resume: false, stop: false },
  recording: { start: false, pause: true, resume: false, stop: true },
  paused: { start: false, pause: false, resume: true, stop: true },
  saving: { start: true, pause: false, resume: false, stop: false },
};

export interface RecordingControls {
  state: HTMLElement;
  buttons: Record<RecordingCommand, HTMLButtonElement>;
}

export class RecordingState {
  private callControlId = '';
  private known: Known = { phase: 'idle' };
  private callEnded = false;

  constructor(private readonly controls: RecordingControls) {
    this.render();
  }

  /** Another call chosen: its own remembered state. */
  show(callControlId: string): void {
    this.callControlId = callControlId;
    this.callEnded = false;
    try {
      this.known = JSON.parse(sessionStorage.getItem(KEY + callControlId) ?? 'null') ?? { phase: 'idle' };
    } catch {
      this.known = { phase: 'idle' };
    }
    this.render();
  }

  /** The gateway accepted one of this tab's recording commands on the chosen call. */
  accepted(command: RecordingCommand, commandId: string): void {
    const known: Known = { ...this.known, phase: NEXT[command] };
    if (command === 'start') Object.assign(known, { startCommandId: commandId, startedAt: new Date().toISOString() });
    this.update(known);
  }

  /** An event of the chosen call: a hang-up ends any recording, a saved or error event its own. */
  seen(event: { eventType: string; clientState?: string | null }): void {
    if (event.eventType === 'call.hangup') {
      this.callEnded = true;
      this.update({ phase: 'idle' });
      return;
    }
    if (event.eventType !== 'call.recording.saved' && event.eventType !== 'call.recording.error') return;
    const ofThisRecording = causeOf(event)?.commandId === this.known.startCommandId;
    // Without our client state the event may be another recording's: only a stopped one is taken as over.
    if (ofThisRecording || this.known.phase === 'saving') this.update({ phase: 'idle' });
  }

  /** A call that has ended takes no command. */
  setCallEnded(ended: boolean): void {
    this.callEnded = ended;
    if (ended) this.update({ phase: 'idle' });
    else this.render();
  }

  private update(known: Known): void {
    this.known = known;
    if (this.callControlId) sessionStorage.setItem(KEY + this.callControlId, JSON.stringify(known));
    this.render();
  }

  private render(): void {
    const { phase, startedAt } = this.known;
    // Time and zone only: one line, and the recording is this session's.
    const since = startedAt ? timestamp(startedAt, { millis: false, date: false }) : '';
    const text: Record<Phase, string> = {
      idle: this.callEnded ? 'Not recording: the call has ended' : 'Not recording',
      recording: `Recording since ${since}`,
      paused: `Recording paused (started ${since})`,
      saving: 'Recording stopped: being saved',
    };
    this.controls.state.textContent = text[phase];
    this.controls.state.dataset.state = phase;
    for (const command of Object.keys(ENABLED[phase]) as RecordingCommand[])
      this.controls.buttons[command].disabled = this.callEnded || !ENABLED[phase][command];
  }
}
