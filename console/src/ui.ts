/** The page's elements, found once by id (index.html is their one definition). */
function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`#${id} is missing from index.html`);
  return found as T;
}

export const ui = {
  connection: element<HTMLParagraphElement>('connection'),
  tokenForm: element<HTMLFormElement>('token-form'),
  token: element<HTMLInputElement>('token'),
  forgetToken: element<HTMLButtonElement>('forget-token'),
  calls: element<HTMLUListElement>('calls'),
  callsNote: element<HTMLParagraphElement>('calls-note'),
  simulatorCalls: element<HTMLDivElement>('simulator-calls'),
  newCall: element<HTMLButtonElement>('new-call'),
  hangUp: element<HTMLButtonElement>('hang-up'),
  callForm: element<HTMLFormElement>('call-form'),
  callId: element<HTMLInputElement>('call-id'),
  alert: element<HTMLParagraphElement>('alert'),
  status: element<HTMLParagraphElement>('status'),
  speakForm: element<HTMLFormElement>('speak-form'),
  speak: element<HTMLButtonElement>('speak'),
  playAudio: element<HTMLButtonElement>('play-audio'),
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
