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
  transcribe: element<HTMLInputElement>('transcribe'),
  startRecording: element<HTMLButtonElement>('start-recording'),
  pauseRecording: element<HTMLButtonElement>('pause-recording'),
  resumeRecording: element<HTMLButtonElement>('resume-recording'),
  stopRecording: element<HTMLButtonElement>('stop-recording'),
  streamNote: element<HTMLParagraphElement>('stream-note'),
  events: element<HTMLOListElement>('events'),
  eventsEmpty: element<HTMLParagraphElement>('events-empty'),
  recordings: element<HTMLUListElement>('recordings'),
  recordingsEmpty: element<HTMLParagraphElement>('recordings-empty'),
};

let settings: ConsoleSettings = { authRequired: false, demoCallControlId: null };
let watching: { callControlId: string; stop(): void } | null = null;

function showAlert(error: unknown): void {
  const apiError = error instanceof ApiError ? error : new ApiError(String(error), 'INTERNAL_SERVER_ERROR');
  ui.alert.textContent = `${apiError.code}: ${apiError.message}`;
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
  ui.events.append(describeEvent(event));
  ui.eventsEmpty.hidden = true;
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

/** Sends one media action; a refusal shows its message in the alert, success a short status. */
async function act(label: string, send: (callControlId: string) => Promise<{ commandId: string }>): Promise<void> {
  clearAlert();
  const callControlId = currentCall();
  if (!callControlId)
    return showAlert(new ApiError('Enter the call control ID of the call to act on', 'BAD_USER_INPUT'));
  watch(callControlId);
  ui.status.textContent = `${label}: sending…`;
  try {
    const { commandId } = await send(callControlId);
    ui.status.textContent = `${label}: accepted (command ${commandId})`;
  } catch (error) {
    ui.status.textContent = `${label}: refused`;
    showAlert(error);
  }
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
      async (callControlId) =>
        (
          await execute(ConsoleSpeakDocument, {
            input: { callControlId, payload: ui.speakText.value, voice: ui.speakVoice.value.trim() },
          })
        ).speak,
    ),
);

onSubmit(
  ui.playbackForm,
  () =>
    void act(
      'Play audio',
      async (callControlId) =>
        (
          await execute(ConsoleStartPlaybackDocument, {
            input: { callControlId, audioUrl: ui.audioUrl.value.trim() || null },
          })
        ).startPlayback,
    ),
);
ui.stopAudio.addEventListener(
  'click',
  () =>
    void act(
      'Stop audio',
      async (callControlId) => (await execute(ConsoleStopPlaybackDocument, { input: { callControlId } })).stopPlayback,
    ),
);

ui.startRecording.addEventListener(
  'click',
  () =>
    void act(
      'Start recording',
      async (callControlId) =>
        (
          await execute(ConsoleStartRecordingDocument, {
            input: { callControlId, format: 'MP3', channels: 'SINGLE', transcription: ui.transcribe.checked },
          })
        ).startRecording,
    ),
);
ui.pauseRecording.addEventListener(
  'click',
  () =>
    void act(
      'Pause recording',
      async (callControlId) =>
        (await execute(ConsolePauseRecordingDocument, { input: { callControlId } })).pauseRecording,
    ),
);
ui.resumeRecording.addEventListener(
  'click',
  () =>
    void act(
      'Resume recording',
      async (callControlId) =>
        (await execute(ConsoleResumeRecordingDocument, { input: { callControlId } })).resumeRecording,
    ),
);
ui.stopRecording.addEventListener(
  'click',
  () =>
    void act(
      'Stop recording',
      async (callControlId) =>
        (await execute(ConsoleStopRecordingDocument, { input: { callControlId } })).stopRecording,
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
  watch(currentCall());
}

void start();
