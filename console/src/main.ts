import { ApiError, execute, loadSettings, tokenStore, type ConsoleSettings } from './api';
import { watchCall, type CallEvent, type StreamNotice } from './event-stream';
import {
  ConsolePauseRecordingDocument,
  ConsoleResumeRecordingDocument,
  ConsoleSpeakDocument,
  ConsoleStartPlaybackDocument,
  ConsoleStartRecordingDocument,
  ConsoleStopPlaybackDocument,
  ConsoleStopRecordingDocument,
} from './generated/graphql';
import { describeEvent, renderRecording, renderTranscription } from './render';
import { clientStateFor, newCommandId, type CausingCommand } from './commands';
import { RecordingState, type RecordingCommand } from './recording-state';

function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`#${id} is missing from index.html`);
  return found as T;
}

const ui = {
  connection: element<HTMLParagraphElement>('connection'),
  tokenForm: element<HTMLFormElement>('token-form'),
  token: element<HTMLInputElement>('token'),
  forgetToken: element<HTMLButtonElement>('forget-token'),
  callForm: element<HTMLFormElement>('call-form'),
  callId: element<HTMLInputElement>('call-id'),
  alert: element<HTMLParagraphElement>('alert'),
  status: element<HTMLParagraphElement>('status'),
  speakForm: element<HTMLFormElement>('speak-form'),
  speakText: element<HTMLTextAreaElement>('speak-text'),
  speakVoice: element<HTMLInputElement>('speak-voice'),
  playbackForm: element<HTMLFormElement>('playback-form'),
  audioUrl: element<HTMLInputElement>('audio-url'),
  stopAudio: element<HTMLButtonElement>('stop-audio'),
  audioHint: element<HTMLParagraphElement>('audio-hint'),
  transcribe: element<HTMLInputElement>('transcribe'),
  recordingState: element<HTMLParagraphElement>('recording-state'),
  startRecording: element<HTMLButtonElement>('start-recording'),
  pauseRecording: element<HTMLButtonElement>('pause-recording'),
  resumeRecording: element<HTMLButtonElement>('resume-recording'),
  stopRecording: element<HTMLButtonElement>('stop-recording'),
  streamNote: element<HTMLParagraphElement>('stream-note'),
  eventsScroller: element<HTMLDivElement>('events-scroller'),
  events: element<HTMLOListElement>('events'),
  eventsEmpty: element<HTMLParagraphElement>('events-empty'),
  recordings: element<HTMLUListElement>('recordings'),
  recordingsEmpty: element<HTMLParagraphElement>('recordings-empty'),
};

let settings: ConsoleSettings = { authRequired: false, simulator: false, demoCallControlId: null };
const recording = new RecordingState({
  state: ui.recordingState,
  buttons: { start: ui.startRecording, pause: ui.pauseRecording, resume: ui.resumeRecording, stop: ui.stopRecording },
});
let watching: { callControlId: string; stop(): void } | null = null;

function showAlert(error: unknown): void {
  const apiError = error instanceof ApiError ? error : new ApiError(String(error), 'INTERNAL_SERVER_ERROR');
  // The code already says Telnyx refused: its message need not say "Telnyx: " again.
  const message = apiError.code === 'TELNYX_ERROR' ? apiError.message.replace(/^Telnyx: /, '') : apiError.message;
  ui.alert.textContent = `${apiError.code}: ${message}`;
  if ((apiError.code === 'UNAUTHENTICATED' || apiError.code === 'FORBIDDEN') && settings.authRequired)
    ui.tokenForm.hidden = false;
}

function clearAlert(): void {
  ui.alert.textContent = '';
}

const CONNECTION_TEXT: Record<StreamNotice['kind'], string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Connection lost: reconnecting',
  'cursor-expired': 'Live',
  'slow-consumer': 'Live',
  refused: 'Not connected',
};

function onNotice(notice: StreamNotice): void {
  ui.connection.textContent =
    notice.kind === 'reconnecting'
      ? `${CONNECTION_TEXT.reconnecting} in ${notice.seconds} s (events missed meanwhile will be replayed)`
      : CONNECTION_TEXT[notice.kind];
  ui.connection.dataset.state = notice.kind;
  if (notice.kind === 'cursor-expired') {
    showNote(
      "CURSOR_EXPIRED: some earlier events of this call are no longer in the gateway's buffer (it keeps a limited number, for a limited time), so they cannot be shown. Events continue from now on.",
    );
  } else if (notice.kind === 'slow-consumer') {
    showNote(
      'SLOW_CONSUMER: this page fell too far behind and the gateway ended its subscription; it resumed from the last event shown, so nothing was missed.',
    );
  } else if (notice.kind === 'refused') {
    showAlert(notice.error);
  }
}

function showNote(text: string): void {
  ui.streamNote.textContent = text;
  ui.streamNote.hidden = false;
}

function onEvent(event: CallEvent): void {
  const scroller = ui.eventsScroller;
  // Follow the newest event unless the reader has scrolled up to read older ones.
  const following = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 40;
  ui.events.append(describeEvent(event));
  ui.eventsEmpty.hidden = true;
  if (following) scroller.scrollTop = scroller.scrollHeight;
  recording.seen(event);
  if (event.__typename === 'CallRecordingSaved') {
    renderRecording(ui.recordings, event);
    ui.recordingsEmpty.hidden = true;
  } else if (event.__typename === 'CallRecordingTranscriptionSaved') {
    renderTranscription(ui.recordings, event);
    ui.recordingsEmpty.hidden = true;
  }
}

function watch(callControlId: string): void {
  if (watching?.callControlId === callControlId) return;
  watching?.stop();
  ui.events.replaceChildren();
  ui.recordings.replaceChildren();
  ui.eventsEmpty.hidden = false;
  ui.recordingsEmpty.hidden = false;
  ui.streamNote.hidden = true;
  watching = null;
  recording.show(callControlId);
  if (!callControlId) {
    ui.connection.textContent = 'Enter a call control ID to watch its events';
    return;
  }
  if (settings.authRequired && !tokenStore.get()) {
    ui.connection.textContent = 'Enter an access token to connect';
    ui.tokenForm.hidden = false;
    return;
  }
  watching = { callControlId, ...watchCall(callControlId, onEvent, onNotice) };
}

function currentCall(): string {
  return ui.callId.value.trim();
}

interface CommandOptions {
  commandId: string;
  clientState?: string;
}

/**
 * Sends one media action with a command id made here; one that causes events also sends client
 * state naming it, so its events say which command caused them. A refusal shows in the alert.
 */
async function act(
  label: string,
  send: (callControlId: string, options: CommandOptions) => Promise<unknown>,
  causes?: CausingCommand,
): Promise<string | null> {
  clearAlert();
  const callControlId = currentCall();
  if (!callControlId) {
    ui.status.textContent = `${label}: not sent`;
    showAlert(new ApiError('Enter the call control ID of the call to act on', 'BAD_USER_INPUT'));
    return null;
  }
  watch(callControlId);
  const commandId = newCommandId();
  const options: CommandOptions = causes
    ? { commandId, clientState: clientStateFor(causes, commandId) }
    : { commandId };
  // The events it causes name the command by the same first eight characters.
  const command = `command ${commandId.slice(0, 8)}`;
  ui.status.textContent = `${label}: sending… (${command})`;
  try {
    await send(callControlId, options);
    ui.status.textContent = `${label}: accepted (${command})`;
    return commandId;
  } catch (error) {
    ui.status.textContent = `${label}: refused (${command})`;
    showAlert(error);
    return null;
  }
}

async function record(label: string, command: RecordingCommand, send: Parameters<typeof act>[1]): Promise<void> {
  const callControlId = currentCall();
  const commandId = await act(label, send, command === 'start' ? 'startRecording' : undefined);
  if (commandId && currentCall() === callControlId) recording.accepted(command, commandId);
}

function onSubmit(form: HTMLFormElement, handler: () => void): void {
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    handler();
  });
}

onSubmit(ui.callForm, () => {
  clearAlert();
  watching?.stop();
  watching = null; // watch again even if the id is unchanged: a fresh replay from the buffer
  watch(currentCall());
});

onSubmit(
  ui.speakForm,
  () =>
    void act(
      'Speak',
      (callControlId, options) =>
        execute(ConsoleSpeakDocument, {
          input: { callControlId, payload: ui.speakText.value, voice: ui.speakVoice.value.trim(), ...options },
        }),
      'speak',
    ),
);

onSubmit(ui.playbackForm, () => {
  const audioUrl = ui.audioUrl.value.trim();
  if (!audioUrl) {
    ui.status.textContent = 'Play audio: not sent';
    return showAlert(new ApiError('Enter the address of an audio file to play', 'BAD_USER_INPUT'));
  }
  void act(
    'Play audio',
    (callControlId, options) =>
      execute(ConsoleStartPlaybackDocument, { input: { callControlId, audioUrl, ...options } }),
    'startPlayback',
  );
});
ui.stopAudio.addEventListener(
  'click',
  () =>
    void act('Stop audio', (callControlId, options) =>
      execute(ConsoleStopPlaybackDocument, { input: { callControlId, ...options } }),
    ),
);

ui.startRecording.addEventListener(
  'click',
  () =>
    void record('Start recording', 'start', (callControlId, options) =>
      execute(ConsoleStartRecordingDocument, {
        input: { callControlId, format: 'MP3', channels: 'SINGLE', transcription: ui.transcribe.checked, ...options },
      }),
    ),
);
ui.pauseRecording.addEventListener(
  'click',
  () =>
    void record('Pause recording', 'pause', (callControlId, options) =>
      execute(ConsolePauseRecordingDocument, { input: { callControlId, ...options } }),
    ),
);
ui.resumeRecording.addEventListener(
  'click',
  () =>
    void record('Resume recording', 'resume', (callControlId, options) =>
      execute(ConsoleResumeRecordingDocument, { input: { callControlId, ...options } }),
    ),
);
ui.stopRecording.addEventListener(
  'click',
  () =>
    void record('Stop recording', 'stop', (callControlId, options) =>
      execute(ConsoleStopRecordingDocument, { input: { callControlId, ...options } }),
    ),
);

onSubmit(ui.tokenForm, () => {
  const token = ui.token.value.trim().replace(/^Bearer\s+/i, '');
  ui.token.value = '';
  if (!token) return showAlert(new ApiError('Paste a JWT to use', 'UNAUTHENTICATED'));
  tokenStore.set(token);
  clearAlert();
  ui.tokenForm.hidden = true;
  watching?.stop();
  watching = null;
  watch(currentCall());
});
ui.forgetToken.addEventListener('click', () => {
  tokenStore.clear();
  watching?.stop();
  watching = null;
  ui.connection.textContent = 'Token forgotten: enter an access token to connect';
});

async function start(): Promise<void> {
  try {
    settings = await loadSettings();
  } catch (error) {
    showAlert(new ApiError(`Could not read the console's settings (${String(error)})`, 'NETWORK_ERROR'));
  }
  ui.tokenForm.hidden = !settings.authRequired || tokenStore.get() !== null;
  if (!currentCall() && settings.demoCallControlId) ui.callId.value = settings.demoCallControlId;
  if (settings.simulator) {
    // The simulator fetches no audio: any address plays (3 s per loop), so offer one.
    ui.audioUrl.value ||= 'https://example.com/hold-music.mp3';
    ui.audioHint.textContent = 'Simulator mode: any http(s) address plays (nothing is fetched; 3 seconds per loop).';
  }
  watch(currentCall());
}

void start();
