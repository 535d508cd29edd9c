import { causeOf } from './commands';
import type { CallEvent } from './event-stream';
import { timestamp } from './time';

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

function detail(event: CallEvent): string {
  switch (event.__typename) {
    case 'CallInitiated':
      return [event.from && `from ${event.from}`, event.to && `to ${event.to}`, event.direction?.toLowerCase()]
        .filter(Boolean)
        .join(' ');
    case 'CallHangup':
      return [`cause ${event.hangupCause ?? 'unknown'}`, event.hangupSource && `(by ${event.hangupSource})`]
        .filter(Boolean)
        .join(' ');
    case 'CallSpeakEnded':
    case 'CallPlaybackEnded':
      return event.status ? `status ${event.status.toLowerCase()}` : '';
    case 'CallRecordingError':
      return event.reason ?? '';
    case 'CallRecordingSaved':
      return recordingLabel(event);
    case 'CallRecordingTranscriptionSaved':
      return event.transcriptionText ? `“${event.transcriptionText}”` : 'empty transcription (nothing was heard)';
    default:
      return '';
  }
}

/** One timeline line: time, Telnyx event type, and what matters about it. */
export function describeEvent(event: CallEvent): HTMLLIElement {
  const item = make('li', 'event');
  item.dataset.eventType = event.eventType;
  item.dataset.cursor = event.cursor;
  const time = make('time', 'time', timestamp(event.occurredAt));
  time.dateTime = event.occurredAt;
  // The event type is the line's only <code>: tests and readers take it as the line's name.
  item.append(make('code', 'type', event.eventType));
  const more = detail(event);
  if (more) item.append(' ', make('span', 'detail', more));
  const cause = causeOf(event);
  if (cause) {
    const from = cause.yours ? `from your ${cause.label} command` : `from a ${cause.label} command of another console`;
    item.append(' ', make('span', 'cause', `· ${from} ${cause.commandId.slice(0, 8)}`));
  }
  item.append(time);
  return item;
}

/** How a recording is named: when it started, how long it is, its format (its id is in its facts). */
function recordingLabel(event: RecordingSaved): string {
  const millis = event.recording?.durationMillis;
  return [
    event.recordingStartedAt ? `started ${timestamp(event.recordingStartedAt, { millis: false })}` : 'start unknown',
    millis == null ? 'duration unknown' : `${(millis / 1000).toFixed(1)} s`,
    event.format ?? 'format unknown',
  ].join(' · ');
}

function recordingItem(list: HTMLUListElement, recordingId: string): HTMLLIElement {
  const existing = [...list.children].find((child) => (child as HTMLElement).dataset.recordingId === recordingId);
  if (existing) return existing as HTMLLIElement;
  const item = make('li', 'recording');
  item.dataset.recordingId = recordingId;
  // A transcription can arrive before its recording is saved: named once the recording is.
  item.append(make('h3', undefined, 'Recording (being saved)'));
  list.append(item);
  return item;
}

/** A saved recording: its name, a player fed by the gateway's audio URL, its channels and id. */
export function renderRecording(list: HTMLUListElement, event: RecordingSaved): void {
  const recordingId = event.recording?.id ?? event.recordingId;
  if (!recordingId) return;
  const item = recordingItem(list, recordingId);
  if (item.querySelector('audio, .missing')) return;
  const heading = item.querySelector('h3')!;
  const label = `Recording ${recordingLabel(event)}`;
  heading.textContent = label;
  const audioUrl = event.recording?.audioUrl;
  const facts = make('p', 'facts');
  facts.textContent = [
    `Channels: ${(event.recording?.channels ?? event.channels ?? 'unknown').toLowerCase()}`,
    `id ${recordingId}`,
  ].join(' · ');
  if (audioUrl) {
    const audio = make('audio');
    audio.controls = true;
    audio.preload = 'metadata';
    audio.src = audioUrl;
    audio.setAttribute('aria-label', label);
    heading.after(audio, facts);
  } else {
    heading.after(make('p', 'missing', 'The gateway could not fetch this recording from Telnyx.'), facts);
  }
}

/** A transcription lands on its recording (which may not be listed yet). */
export function renderTranscription(list: HTMLUListElement, event: TranscriptionSaved): void {
  if (!event.recordingId) return;
  const item = recordingItem(list, event.recordingId);
  item.querySelector('.transcription')?.remove();
  const block = make('blockquote', 'transcription');
  const text = event.transcriptionText
    ? make('p', undefined, event.transcriptionText)
    : make('p', 'empty', '(empty: nothing was heard while recording)');
  block.append(make('p', 'label', 'Transcription'), text);
  item.append(block);
}
