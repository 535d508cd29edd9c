/**
 * Links an event to the console command that caused it. Telnyx's webhooks do not carry the
 * command_id, but they do carry the command's client_state: the console sends
 * `console:<command>:<commandId>` as client state with each command that causes events, and reads
 * it back from them.
 */

/** The console's commands that cause events, with the label of their button. */
const COMMANDS = {
  speak: { label: 'Speak', events: 'call.speak.' },
  startPlayback: { label: 'Play audio', events: 'call.playback.' },
  startRecording: { label: 'Start recording', events: 'call.recording.' },
} as const;
export type CausingCommand = keyof typeof COMMANDS;

const PREFIX = 'console:';
const SENT_KEY = 'voice-media-gateway.console.sent-commands';
/** This tab remembers its last commands, across reloads, to tell "your" command from another tab's. */
const SENT_LIMIT = 200;

/** A UUID made here, so the client state can name the command before the gateway answers. */
export function newCommandId(): string {
  // getRandomValues works on plain http too (randomUUID needs a secure context).
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40; // version 4
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // RFC 4122 variant
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The client state to send with a command; the command id is remembered as this tab's. */
export function clientStateFor(command: CausingCommand, commandId: string): string {
  const sent = sentCommandIds();
  sent.push(commandId);
  sessionStorage.setItem(SENT_KEY, JSON.stringify(sent.slice(-SENT_LIMIT)));
  return `${PREFIX}${command}:${commandId}`;
}

function sentCommandIds(): string[] {
  try {
    const stored: unknown = JSON.parse(sessionStorage.getItem(SENT_KEY) ?? '[]');
    return Array.isArray(stored) ? stored.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    return [];
  }
}

export interface Cause {
  label: string;
  commandId: string;
  /** Sent from this tab (else from another console). */
  yours: boolean;
}

/**
 * The console command behind an event, if its client state names one whose events it is of: a
 * call keeps its last client state for later events, so a hang-up can carry a Speak's state.
 */
export function causeOf(event: { eventType: string; clientState?: string | null }): Cause | null {
  const state = event.clientState;
  if (!state?.startsWith(PREFIX)) return null;
  const [command, commandId] = state.slice(PREFIX.length).split(':');
  if (!command || !commandId || !Object.hasOwn(COMMANDS, command)) return null;
  const { label, events } = COMMANDS[command as CausingCommand];
  if (!event.eventType.startsWith(events)) return null;
  return { label, commandId, yours: sentCommandIds().includes(commandId) };
}
