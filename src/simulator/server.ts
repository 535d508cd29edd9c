/**
 * A Telnyx Call Control simulator on a real HTTP server: the `/v2` paths the gateway uses, simulated
 * calls with media state, and signed webhooks delivered to one configurable URL. The gateway runs
 * it in-process in simulator mode; `npm run simulator` runs it alone.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../lib/logger';
import { CallRegistry, type CallIds, type CreateCallOptions } from './calls';
import { SimClock } from './clock';
import { FaultInjector, type Fault } from './faults';
import { RecordingStore } from './recordings-api';
import { createRequestHandler, type RouteContext } from './routes';
import { WebhookSigner } from './signing';
import { WebhookSender } from './webhook-sender';

export interface SimulatorOptions {
  port: number;
  host: string;
  /** Time factor: 1 is realistic; larger runs media and retry timings that many times faster. */
  speed: number;
  logger: Logger;
  webhookUrl?: string;
  /** The key clients must send as `Authorization: Bearer <key>`; made up when absent. */
  apiKey?: string;
  /** PKCS#8 PEM of an Ed25519 key, to keep the public key stable across restarts. */
  signingKeyPem?: string;
  /** Base of the URLs the simulator hands out (recording audio); defaults to where it listens. */
  publicUrl?: string;
  /** Per-attempt webhook timeout; Telnyx waits 2000 ms. */
  webhookTimeoutMs?: number;
  /** Attempts per webhook, the first included (default 5). */
  webhookMaxAttempts?: number;
  /** Wait before the first retry, doubling after that (default 1000 ms divided by speed). */
  webhookBackoffBaseMs?: number;
}

export interface RunningSimulator {
  /** e.g. `http://127.0.0.1:PORT/v2`: what the gateway uses as TELNYX_API_BASE_URL. */
  apiBaseUrl: string;
  apiKey: string;
  /** Base64 of the raw Ed25519 public key that verifies the simulator's webhooks. */
  publicKeyBase64: string;
  setWebhookUrl(url: string): void;
  /** A live, answered call (its `call.initiated` and `call.answered` webhooks are on their way). */
  createCall(options?: CreateCallOptions): Promise<CallIds>;
  hangup(callControlId: string): Promise<void>;
  /**
   * The next `count` `/v2` requests fail with `status` (429 with `x-ratelimit-reset`) or get no answer;
   * with `recordingError`, the next `count` recordings to end send `call.recording.error` with that reason.
   */
  injectFault(fault: {
    status?: Fault['status'];
    count?: number;
    resetSeconds?: number;
    recordingError?: string;
  }): void;
  /** Resolves once every webhook so far has been delivered or given up on. */
  webhooksIdle(): Promise<void>;
  close(): Promise<void>;
}

export async function startSimulator(options: SimulatorOptions): Promise<RunningSimulator> {
  const parts = assemble(options);
  const server = createServer(createRequestHandler(parts.routes));
  const port = await listen(server, options.port, options.host);
  parts.endpoints.baseUrl = (options.publicUrl ?? `http://${urlHost(options.host)}:${port}`).replace(/\/+$/, '');
  options.logger.info({ url: `${parts.endpoints.baseUrl}/v2`, speed: options.speed }, 'Telnyx simulator listening');
  const { calls, clock, faults, sender, endpoints } = parts;

  return {
    apiBaseUrl: `${endpoints.baseUrl}/v2`,
    apiKey: parts.routes.apiKey,
    publicKeyBase64: parts.signer.publicKeyBase64,
    setWebhookUrl: parts.routes.setWebhookUrl,
    createCall: async (callOptions) => {
      const { callControlId, callLegId, callSessionId } = calls.create(callOptions).identity;
      return { callControlId, callLegId, callSessionId };
    },
    hangup: async (callControlId) => calls.hangup(callControlId),
    injectFault: ({ status, count, resetSeconds, recordingError }) =>
      faults.arm({ status, count, reset_seconds: resetSeconds, recording_error: recordingError }),
    webhooksIdle: () => sender.idle(),
    close: async () => {
      clock.stopAll();
      await sender.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The simulator's parts, wired; `endpoints` are filled in once the server listens (or changed at run time). */
function assemble(options: SimulatorOptions) {
  const endpoints: { baseUrl: string; webhookUrl: string | undefined } = {
    baseUrl: '',
    webhookUrl: options.webhookUrl,
  };
  const clock = new SimClock(options.speed);
  const faults = new FaultInjector();
  const signer = new WebhookSigner(options.signingKeyPem);
  const sender = new WebhookSender(
    signer,
    () => endpoints.webhookUrl,
    {
      timeoutMs: options.webhookTimeoutMs ?? 2_000,
      maxAttempts: options.webhookMaxAttempts ?? 5,
      backoffBaseMs: options.webhookBackoffBaseMs ?? 1_000 / options.speed,
    },
    options.logger,
  );
  const recordings = new RecordingStore();
  const audioUrl = (id: string, format: 'wav' | 'mp3') => `${endpoints.baseUrl}/simulator/recordings/${id}.${format}`;
  const calls = new CallRegistry(clock, {
    send: (orderKey, event) => sender.send(orderKey, event),
    recordingSaved: (recording) => recordings.add(recording),
    recordingAudioUrl: audioUrl,
    recordingFailure: () => faults.takeRecordingFailure(),
  });
  const routes: RouteContext = {
    apiKey: options.apiKey ?? `KEYSIM${randomBytes(24).toString('base64url')}`,
    calls,
    recordings,
    faults,
    audioUrl,
    setWebhookUrl: (url) => {
      endpoints.webhookUrl = url;
    },
    describe: () => ({
      api_base_url: `${endpoints.baseUrl}/v2`,
      public_key: signer.publicKeyBase64,
      webhook_url: endpoints.webhookUrl ?? null,
    }),
    logger: options.logger,
  };
  return { endpoints, clock, faults, signer, sender, calls, routes };
}

async function listen(server: Server, port: number, host: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return (server.address() as AddressInfo).port;
}

/** A wildcard listen address is not one a client can dial. */
function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}
