import { readFileSync } from 'node:fs';

/** The example bodies of docs/telnyx-reference.md §3.6, in document order (two playback, two speak, three recording). */
export function referenceExamples(): Array<
  { data: { event_type: string; id: string; payload: Record<string, unknown> } } & Record<string, unknown>
> {
  return JSON.parse(readFileSync(new URL('../fixtures/telnyx-webhook-examples.json', import.meta.url), 'utf8'));
}
