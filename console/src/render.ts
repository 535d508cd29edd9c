import type { CallEvent } from './event-stream';

type RecordingSaved = Extract<CallEvent, { __typename: 'CallRecordingSaved' }>;
type TranscriptionSaved = Extract<CallEvent, { __typename: 'CallRecordingTranscriptionSaved' }>;

function make<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function clock(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

function detail(event: CallEvent): string {
  switch (event.__typename) {
    case 'CallSpeakEnded':
    case 'CallPlaybackEnded':
      return event.status ? `status ${event.status.toLowerCase()}` : '';
    case 'CallRecordingError':
      return event.reason ?? '';
    case 'CallRecordingSaved':
      return event.recordingId ? `recording ${event.recordingId}` : '';
    case 'CallRecordingTranscriptionSaved':
      return event.transcriptionText ? `“${event.transcriptionText}”` : '';
    default:
      return '';
  }
}

/** One timeline line: time, Telnyx event type, and what matters about it. */
export function describeEvent(event: CallEvent): HTMLLIElement {
  const item = make('li', 'event');
  item.dataset.eventType = event.eventType;
  item.dataset.cursor = event.cursor;
  const time = make('time', 'time', clock(event.occurredAt));
  time.dateTime = event.occurredAt;
  item.append(time, ' ', make('code', 'type', event.eventType));
  const more = detail(event);
  if (more) item.append(' ', make('span', 'detail', more));
  return item;
}

function recordingItem(list: HTMLUListElement, recordingId: string): HTMLLIElement {
  const existing = [...list.children].find((child) => (child as HTMLElement).dataset.recordingId === recordingId);
  if (existing) return existing as HTMLLIElement;
  const item = make('li', 'recording');
  item.dataset.recordingId = recordingId;
  item.append(make('h3', undefined, `Recording ${recordingId}`));
  list.append(item);
  return item;
}

/** A saved recording: a player fed by the gateway's audio URL, its duration and channels. */
export function renderRecording(list: HTMLUListElement, event: RecordingSaved): void {
  const recordingId = event.recording?.id ?? event.recordingId;
  if (!recordingId) return;
  const item = recordingItem(list, recordingId);
  if (item.querySelector('audio, .missing')) return;
  const audioUrl = event.recording?.audioUrl;
  const facts = make('p', 'facts');
  const millis = event.recording?.durationMillis;
  facts.textContent = [
    millis == null ? 'Duration unknown' : `Duration ${(millis / 1000).toFixed(1)} s`,
    `Channels: ${(event.recording?.channels ?? event.channels ?? 'unknown').toLowerCase()}`,
  ].join(' · ');
  if (audioUrl) {
    const audio = make('audio');
    audio.controls = true;
    audio.preload = 'metadata';
    audio.src = audioUrl;
    audio.setAttribute('aria-label', `Recording ${recordingId}`);
    item.querySelector('h3')!.after(audio, facts);
  } else {
    item
      .querySelector('h3')!
      .after(make('p', 'missing', 'The gateway could not fetch this recording from Telnyx.'), facts);
  }
}

/** A transcription lands on its recording (which may not be listed yet). */
export function renderTranscription(list: HTMLUListElement, event: TranscriptionSaved): void {
  if (!event.recordingId) return;
  const item = recordingItem(list, event.recordingId);
  item.querySelector('.transcription')?.remove();
  const block = make('blockquote', 'transcription');
  block.append(make('p', 'label', 'Transcription'), make('p', undefined, event.transcriptionText ?? '(empty)'));
  item.append(block);
}
