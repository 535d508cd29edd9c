import type { CallSummary } from './event-stream';
import { timestamp } from './time';

/** Who is on the call, as its button is named. */
export function parties(call: CallSummary): string {
  if (call.from || call.to) return `${call.from ?? 'unknown'} to ${call.to ?? 'unknown'}`;
  return `Call ${call.callControlId}`;
}

/** Its state as text, with the hang-up cause of an ended call and when it started or ended. */
export function stateText(call: CallSummary): string {
  const state = call.state?.toLowerCase() ?? 'state unknown';
  const when = (iso: string | null | undefined, label: string) =>
    iso ? `${label} ${timestamp(iso, { millis: false })}` : '';
  const facts =
    call.state === 'ENDED'
      ? [`cause ${call.hangupCause ?? 'unknown'}`, when(call.endedAt, 'at')]
      : [when(call.answeredAt ?? call.startedAt, 'since')];
  return [state, ...facts.filter(Boolean)].join(' · ');
}

/**
 * The Calls list: one button per call, newest first, the chosen one pressed. Buttons are updated
 * in place and new calls go on top, so the one holding focus is never moved or replaced.
 */
export function renderCalls(
  list: HTMLUListElement,
  calls: readonly CallSummary[],
  chosen: string,
  choose: (callControlId: string) => void,
): void {
  const items = new Map([...list.children].map((item) => [(item as HTMLElement).dataset.callControlId, item]));
  let previous: Element | null = null;
  for (const call of calls) {
    let item = items.get(call.callControlId) as HTMLLIElement | undefined;
    if (!item) {
      item = document.createElement('li');
      item.dataset.callControlId = call.callControlId;
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'call';
      button.append(document.createElement('span'), ' ', document.createElement('span'));
      button.addEventListener('click', () => choose(call.callControlId));
      item.append(button);
      if (previous) previous.after(item);
      else list.prepend(item);
    }
    const button = item.querySelector('button')!;
    const [who, state] = button.children as unknown as [HTMLSpanElement, HTMLSpanElement];
    who.className = 'parties';
    who.textContent = parties(call);
    state.className = 'call-state';
    state.dataset.state = call.state?.toLowerCase() ?? 'unknown';
    state.textContent = stateText(call);
    button.setAttribute('aria-pressed', String(call.callControlId === chosen));
    previous = item;
  }
}
