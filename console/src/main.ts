import { setUpActions } from './actions';
import { ApiError, loadSettings, tokenStore, type ConsoleSettings } from './api';
import { watchCalls } from './call-list';
import { renderCalls } from './calls-view';
import { watchCall, type CallEvent, type CallSummary } from './event-stream';
import { RecordingState } from './recording-state';
import { describeEvent, renderRecording, renderTranscription } from './render';
import { hangUp, newDemoCall } from './simulator';
import type { StreamNotice } from './stream';
import { ui } from './ui';

let settings: ConsoleSettings = { authRequired: false, simulator: false, demoCallControlId: null };
const recording = new RecordingState({
  state: ui.recordingState,
  buttons: { start: ui.startRecording, pause: ui.pauseRecording, resume: ui.resumeRecording, stop: ui.stopRecording },
});
let watching: { callControlId: string; stop(): void } | null = null;
let callList: { stop(): void } | null = null;
/** The calls as last listed, and the chosen call's state as last seen (list or history). */
let calls: readonly CallSummary[] = [];
let chosenCall: CallSummary | null = null;

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
  'not-found': 'No such call',
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
      "CURSOR_EXPIRED: the gateway's live buffer no longer held the events since the last one shown, so they were filled in from the call's history (which keeps a limited number of events per call).",
    );
  } else if (notice.kind === 'slow-consumer') {
    showNote(
      'SLOW_CONSUMER: this page fell too far behind and the gateway ended its subscription; it resumed from the last event shown, so nothing was missed.',
    );
  } else if (notice.kind === 'not-found') {
    showNote(
      `No call ${watching?.callControlId ?? ''} is known to Telnyx or to this gateway: check the call control ID, or choose a call from the list.`,
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

/** The chosen call's state decides what can be sent to it: nothing once it has ended. */
function showChosenCall(call: CallSummary | null): void {
  chosenCall = call;
  const ended = call?.state === 'ENDED';
  for (const button of [ui.speak, ui.playAudio, ui.stopAudio]) button.disabled = ended;
  ui.hangUp.disabled = !call || ended;
  recording.setCallEnded(ended);
  renderCalls(ui.calls, calls, watching?.callControlId ?? '', choose);
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
    showChosenCall(null);
    return;
  }
  if (settings.authRequired && !tokenStore.get()) {
    ui.connection.textContent = 'Enter an access token to connect';
    ui.tokenForm.hidden = false;
    return;
  }
  watching = { callControlId, ...watchCall(callControlId, showChosenCall, onEvent, onNotice) };
  // The address names the chosen call, so a reload (or a shared link) shows the same one.
  history.replaceState(null, '', `#call=${encodeURIComponent(callControlId)}`);
  showChosenCall(calls.find((call) => call.callControlId === callControlId) ?? null);
}

function currentCall(): string {
  return ui.callId.value.trim();
}

/** Choosing a call from the list fills the Call control ID and shows its history, then live events. */
function choose(callControlId: string): void {
  clearAlert();
  ui.callId.value = callControlId;
  watch(callControlId);
}

function onCalls(listed: readonly CallSummary[]): void {
  calls = listed;
  ui.callsNote.textContent = listed.length ? '' : 'No call seen yet.';
  const chosen = listed.find((call) => call.callControlId === watching?.callControlId);
  showChosenCall(chosen ?? chosenCall);
}

function onCallsNotice(notice: StreamNotice): void {
  if (notice.kind === 'refused') ui.callsNote.textContent = `The list is not available: ${notice.error.code}`;
  else if (notice.kind === 'reconnecting') ui.callsNote.textContent = 'Connection lost: the list will catch up';
  else if (notice.kind === 'live') ui.callsNote.textContent = calls.length ? '' : 'No call seen yet.';
}

function listCalls(): void {
  callList?.stop();
  callList = null;
  if (settings.authRequired && !tokenStore.get()) return;
  callList = watchCalls(onCalls, onCallsNotice);
}

/** Watches the call again from its history, and the list afresh: after a token change. */
function reconnect(): void {
  watching?.stop();
  watching = null;
  listCalls();
  watch(currentCall());
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
  watching = null; // watch again even if the id is unchanged: its history afresh
  watch(currentCall());
});

onSubmit(ui.tokenForm, () => {
  const token = ui.token.value.trim().replace(/^Bearer\s+/i, '');
  ui.token.value = '';
  if (!token) return showAlert(new ApiError('Paste a JWT to use', 'UNAUTHENTICATED'));
  tokenStore.set(token);
  clearAlert();
  ui.tokenForm.hidden = true;
  reconnect();
});
ui.forgetToken.addEventListener('click', () => {
  tokenStore.clear();
  watching?.stop();
  watching = null;
  callList?.stop();
  ui.connection.textContent = 'Token forgotten: enter an access token to connect';
});

ui.newCall.addEventListener('click', async () => {
  clearAlert();
  ui.status.textContent = 'New demo call: dialling…';
  try {
    const callControlId = await newDemoCall();
    ui.status.textContent = `New demo call: answered (${callControlId})`;
    choose(callControlId);
  } catch (error) {
    ui.status.textContent = 'New demo call: refused';
    showAlert(error);
  }
});
ui.hangUp.addEventListener('click', async () => {
  clearAlert();
  const callControlId = currentCall();
  ui.status.textContent = 'Hang up: sending…';
  try {
    await hangUp(callControlId);
    ui.status.textContent = 'Hang up: done (the far end hung up)';
  } catch (error) {
    ui.status.textContent = 'Hang up: refused';
    showAlert(error);
  }
});

setUpActions({ currentCall, watch, showAlert, clearAlert, recording });

/** The call to show first: the one in the address (a reload), else the demo call. */
function firstCall(): string {
  const fromAddress = /^#call=(.+)$/.exec(location.hash)?.[1];
  if (fromAddress) return decodeURIComponent(fromAddress);
  return settings.demoCallControlId ?? '';
}

async function start(): Promise<void> {
  try {
    settings = await loadSettings();
  } catch (error) {
    showAlert(new ApiError(`Could not read the console's settings (${String(error)})`, 'NETWORK_ERROR'));
  }
  ui.tokenForm.hidden = !settings.authRequired || tokenStore.get() !== null;
  ui.simulatorCalls.hidden = !settings.simulator;
  if (settings.simulator) {
    // The simulator fetches no audio: any address plays (3 s per loop), so offer one.
    ui.audioUrl.value ||= 'https://example.com/hold-music.mp3';
    ui.audioHint.textContent = 'Simulator mode: any http(s) address plays (nothing is fetched; 3 seconds per loop).';
  }
  ui.callId.value ||= firstCall();
  listCalls();
  watch(currentCall());
}

void start();
