import type { LooseRecord } from '../support/loose';
import { readFileSync } from 'node:fs';
import { createClient, type Client, type ExecutionResult } from 'graphql-ws';
import WebSocket from 'ws';
import { openAccess, type Authenticator } from '../../src/auth/principal';
import { loadConfig } from '../../src/config';
import { assembleGateway } from '../../src/app';
import { createLogger } from '../../src/logger';
import { testKeys } from '../support/signing';

/** The example bodies of docs/telnyx-reference.md §3.6, in document order (two playback, two speak, three recording). */
export function referenceExamples(): Array<{ data: { event_type: string; id: string; payload: Record<string, unknown> } } & Record<string, unknown>> {
  return JSON.parse(readFileSync(new URL('../fixtures/telnyx-webhook-examples.json', import.meta.url), 'utf8'));
}

export interface EventGatewayOptions {
  maxBacklog?: number;
  bufferPerCall?: number;
  bufferTotal?: number;
  authenticator?: Authenticator;
  replayPageSize?: number;
  keepAliveMs?: number;
  /** Where the Telnyx client sends requests (default: nowhere). */
  telnyxBaseUrl?: string;
}

/** A real gateway on a loopback port with the in-memory bus; the Telnyx side points nowhere. */
export async function startEventGateway(options: EventGatewayOptions = {}) {
  const config = loadConfig({
    GATEWAY_AUTH: 'off',
    LOG_LEVEL: 'silent',
    // Tests share two busy cores: a late loop must not turn their webhooks into 503s (tested on its own).
    GATEWAY_MAX_EVENT_LOOP_DELAY_MS: '0',
    TELNYX_TIMEOUT_MS: '1000',
    TELNYX_MAX_RETRIES: '0',
    EVENT_BUFFER_PER_CALL: String(options.bufferPerCall ?? 10_000),
    EVENT_BUFFER_TOTAL: String(options.bufferTotal ?? 100_000),
    SUBSCRIBER_MAX_BACKLOG: String(options.maxBacklog ?? 1000),
  });
  const app = assembleGateway({
    config,
    logger: createLogger('silent'),
    upstream: { baseUrl: options.telnyxBaseUrl ?? 'http://127.0.0.1:9/v2', apiKey: 'KEY_TEST', webhookPublicKey: testKeys.publicKeyBase64 },
    authenticator: options.authenticator ?? openAccess,
    tuning: { replayPageSize: options.replayPageSize, keepAliveMs: options.keepAliveMs },
  });
  const { gateway, events, store, metrics } = app;
  const url = await gateway.listen(0, '127.0.0.1');
  const clients: Client[] = [];
  return {
    url,
    webhookUrl: `${url}/webhooks/telnyx`,
    wsUrl: `${url.replace('http', 'ws')}/graphql`,
    gateway,
    events,
    store,
    metrics,
    wsClient(connectionParams?: Record<string, unknown>): Client {
      const client = createClient({ url: `${url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0, lazy: true, connectionParams });
      clients.push(client);
      return client;
    },
    async close() {
      await Promise.all(clients.map((client) => client.dispose()));
      await app.close();
    },
  };
}

export type EventGateway = Awaited<ReturnType<typeof startEventGateway>>;

/** Results of a subscription, collected as they come, with a way to wait for a count. */
export class Collected<T = ExecutionResult<LooseRecord>> {
  readonly items: T[] = [];
  done = false;
  error: unknown = null;
  private waiters: Array<() => void> = [];

  push(item: T): void {
    this.items.push(item);
    this.wake();
  }

  end(error?: unknown): void {
    this.done = true;
    this.error = error ?? null;
    this.wake();
  }

  /** Resolves once `count` items arrived (or the stream ended); rejects after `timeoutMs`. */
  async waitFor(count: number, timeoutMs = 10_000): Promise<T[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.items.length < count && !this.done) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(`timed out with ${this.items.length}/${count} items`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.items.slice(0, count);
  }

  async waitForEnd(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.done) {
      if (Date.now() > deadline) throw new Error('stream did not end');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 50);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}

/** Subscribes over graphql-ws; resolves once the server acknowledged the connection. */
export function subscribeWs(client: Client, query: string, variables?: Record<string, unknown>) {
  const collected = new Collected();
  const unsubscribe = client.subscribe(
    { query, variables },
    {
      next: (result) => collected.push(result as ExecutionResult<LooseRecord>),
      error: (error) => collected.end(error),
      complete: () => collected.end(),
    },
  );
  return { collected, unsubscribe };
}

/** A subscription over SSE: GET /graphql with Accept: text/event-stream; frames parsed as they arrive. */
export async function subscribeSse(baseUrl: string, query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) {
  const params = new URLSearchParams({ query });
  if (variables) params.set('variables', JSON.stringify(variables));
  const controller = new AbortController();
  const response = await fetch(`${baseUrl}/graphql?${params}`, {
    headers: { accept: 'text/event-stream', ...headers },
    signal: controller.signal,
  });
  const collected = new Collected();
  const frames: Array<{ event: string | null; data: string }> = [];
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let boundary: number;
        for (boundary = buffer.indexOf('\n\n'); boundary >= 0; boundary = buffer.indexOf('\n\n')) {
          const frame = parseFrame(buffer.slice(0, boundary));
          buffer = buffer.slice(boundary + 2);
          if (!frame) continue;
          frames.push(frame);
          if (frame.event === 'complete') return collected.end();
          if (frame.data) collected.push(JSON.parse(frame.data));
        }
      }
      collected.end();
    } catch (error) {
      collected.end(error);
    }
  })();
  return { response, collected, frames, cancel: () => controller.abort() };
}

function parseFrame(text: string): { event: string | null; data: string } | null {
  let event: string | null = null;
  const data: string[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith(':')) continue;
    if (line.startsWith('event:')) event = line.slice(6).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
  }
  if (event === null && data.length === 0) return null;
  return { event, data: data.join('\n') };
}

/** Everything a client can ask of a call event, for asserting complete payloads. */
export const CALL_EVENT_SELECTION = `
  __typename id cursor eventType occurredAt callControlId callLegId callSessionId connectionId clientState clientStateBase64
  ... on CallPlaybackStarted { mediaUrl mediaName overlay }
  ... on CallPlaybackEnded { mediaUrl mediaName overlay status telnyxStatus statusDetail }
  ... on CallSpeakEnded { status telnyxStatus }
  ... on CallRecordingSaved { recordingId channels format recordingStartedAt recordingEndedAt recordingUrls { mp3 wav } publicRecordingUrls { mp3 wav } }
  ... on CallRecordingError { reason }
  ... on CallRecordingTranscriptionSaved { recordingId recordingTranscriptionId transcriptionText status telnyxStatus callingPartyType }
`;

/** Waits until the gateway serves `count` subscriptions (so a webhook posted next reaches them). */
export async function waitForSubscribers(gw: EventGateway, count: number, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = (await gw.metrics.activeSubscriptions.get()).values[0]?.value ?? 0;
    if (value >= count) return;
    if (Date.now() > deadline) throw new Error(`only ${value}/${count} subscriptions started`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
