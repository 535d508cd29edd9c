import { ApiError, execute } from './api';
import { clientStateFor, newCommandId, type CausingCommand } from './commands';
import {
  ConsolePauseRecordingDocument,
  ConsoleResumeRecordingDocument,
  ConsoleSpeakDocument,
  ConsoleStartPlaybackDocument,
  ConsoleStartRecordingDocument,
  ConsoleStopPlaybackDocument,
  ConsoleStopRecordingDocument,
} from './generated/graphql';
import type { RecordingCommand, RecordingState } from './recording-state';
import { ui } from './ui';

/** What the media controls need from the page around them. */
export interface ActionContext {
  currentCall(): string;
  /** Shows the call's events (no-op when already shown). */
  watch(callControlId: string): void;
  showAlert(error: unknown): void;
  clearAlert(): void;
  recording: RecordingState;
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
  context: ActionContext,
  label: string,
  send: (callControlId: string, options: CommandOptions) => Promise<unknown>,
  causes?: CausingCommand,
): Promise<string | null> {
  const { currentCall, showAlert, watch } = context;
  context.clearAlert();
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

async function record(
  context: ActionContext,
  label: string,
  command: RecordingCommand,
  send: Parameters<typeof act>[2],
): Promise<void> {
  const callControlId = context.currentCall();
  const commandId = await act(context, label, send, command === 'start' ? 'startRecording' : undefined);
  if (commandId && context.currentCall() === callControlId) context.recording.accepted(command, commandId);
}

function onSubmit(form: HTMLFormElement, handler: () => void): void {
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    handler();
  });
}

/** Wires the media controls: Speak, Play / Stop audio, and the four recording buttons. */
export function setUpActions(context: ActionContext): void {
  onSubmit(
    ui.speakForm,
    () =>
      void act(
        context,
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
      return context.showAlert(new ApiError('Enter the address of an audio file to play', 'BAD_USER_INPUT'));
    }
    void act(
      context,
      'Play audio',
      (callControlId, options) =>
        execute(ConsoleStartPlaybackDocument, { input: { callControlId, audioUrl, ...options } }),
      'startPlayback',
    );
  });
  ui.stopAudio.addEventListener(
    'click',
    () =>
      void act(context, 'Stop audio', (callControlId, options) =>
        execute(ConsoleStopPlaybackDocument, { input: { callControlId, ...options } }),
      ),
  );

  ui.startRecording.addEventListener(
    'click',
    () =>
      void record(context, 'Start recording', 'start', (callControlId, options) =>
        execute(ConsoleStartRecordingDocument, {
          input: { callControlId, format: 'MP3', channels: 'SINGLE', transcription: ui.transcribe.checked, ...options },
        }),
      ),
  );
  ui.pauseRecording.addEventListener(
    'click',
    () =>
      void record(context, 'Pause recording', 'pause', (callControlId, options) =>
        execute(ConsolePauseRecordingDocument, { input: { callControlId, ...options } }),
      ),
  );
  ui.resumeRecording.addEventListener(
    'click',
    () =>
      void record(context, 'Resume recording', 'resume', (callControlId, options) =>
        execute(ConsoleResumeRecordingDocument, { input: { callControlId, ...options } }),
      ),
  );
  ui.stopRecording.addEventListener(
    'click',
    () =>
      void record(context, 'Stop recording', 'stop', (callControlId, options) =>
        execute(ConsoleStopRecordingDocument, { input: { callControlId, ...options } }),
      ),
  );
}
