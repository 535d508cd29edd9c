import type { LooseRecord } from '../support/loose';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createClient, type Client, type ExecutionResult } from 'graphql-ws';
import WebSocket from 'ws';
import { testKeys } from '../support/signing';

const repositoryRoot = fileURLToPath(new URL('../..', import.meta.url));

export interface GatewayProcess {
  name: string;
  pid: number;
  /** http://127.0.0.1:PORT */
  url: string;
  webhookUrl: string;
  wsUrl: string;
  /** Everything it printed, for failure messages. */
  output(): string;
  /** Sends the process a signal (SIGHUP: reload the trusted documents). */
  signal(signal: NodeJS.Signals): void;
  /** SIGTERM, then SIGKILL after 5 s; resolves once it has exited. */
  stop(): Promise<void>;
  /** Sends the signal (SIGKILL: a crash) and resolves once it has exited. */
  kill(signal: NodeJS.Signals): Promise<void>;
  /** Resolves with the exit code (null when a signal ended it). */
  exited: Promise<number | null>;
}

export interface GatewayProcessOptions {
  /** `src` (default): `node --import tsx src/main.ts`; `dist`: `node dist/main.js` (run `npm run build` first). */
  entry?: 'src' | 'dist';
}

/** Usually Redis; any other variable (a Telnyx stand-in's URL, limits, trusted documents) may be added. */
export type GatewayEnvironment = Record<string, string>;

/**
 * A real gateway process (`node --import tsx src/main.ts`), as production runs it: its own port
 * (PORT=0; the port is read from its "listening" log line), Redis-backed events when given, webhooks signed
 * with the test key, the Telnyx API pointed nowhere (these tests only receive events).
 */
export async function startGatewayProcess(
  name: string,
  env: GatewayEnvironment,
  options: GatewayProcessOptions = {},
): Promise<GatewayProcess> {
  const args = options.entry === 'dist' ? ['dist/main.js'] : ['--import', 'tsx', 'src/main.ts'];
  const child = spawn(process.execPath, args, {
    cwd: repositoryRoot,
    env: {
      PATH: process.env.PATH,
      PORT: '0',
      HOST: '127.0.0.1',
      TELNYX_API_KEY: 'KEY_E2E_NOT_USED',
      TELNYX_API_BASE_URL: 'http://127.0.0.1:9/v2',
      TELNYX_PUBLIC_KEY: testKeys.publicKeyBase64,
      GATEWAY_AUTH: 'off',
      LOG_LEVEL: 'info',
      // Tests share two busy cores: no shedding for a late loop unless a test asks for it.
      GATEWAY_MAX_EVENT_LOOP_DELAY_MS: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /"url":"(http:\/\/[^"]+)\/graphql","msg":"voice-media-gateway listening"/.exec(output);
      if (match) resolve(match[1]!);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`gateway ${name} exited (${code}) before listening:\n${output}`)));
    setTimeout(() => reject(new Error(`gateway ${name} did not start within 40 s:\n${output}`)), 40_000).unref();
  }).catch(async (error: unknown) => {
    await stopProcess(child);
    throw error;
  });
  return {
    name,
    pid: child.pid!,
    url,
    webhookUrl: `${url}/webhooks/telnyx`,
    wsUrl: `${url.replace('http', 'ws')}/graphql`,
    output: () => output,
    signal: (signal) => void child.kill(signal),
    stop: () => stopProcess(child),
    async kill(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
    exited,
  };
}

/** Two gateways on one Redis and prefix; if either fails to start, neither is left running. */
export async function startGatewayPair(env: GatewayEnvironment): Promise<[GatewayProcess, GatewayProcess]> {
  const started = await Promise.allSettled([startGatewayProcess('A', env), startGatewayProcess('B', env)]);
  const running = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const failure = started.find((result) => result.status === 'rejected');
  if (failure) {
    await Promise.all(running.map((gateway) => gateway.stop()));
    throw failure.reason;
  }
  return running as [GatewayProcess, GatewayProcess];
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(killer);
}

export interface CallEventSubscription {
  /** The `callEvents` items received so far. */
  events: Array<{ id: string; cursor: string; eventType: string; callControlId: string | null }>;
  errors: unknown[];
  waitFor(count: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** A graphql-ws client subscribed to `callEvents` of one call (optionally resuming after a cursor). */
export function subscribeCallEvents(
  gateway: GatewayProcess,
  callControlId: string | null,
  after?: string,
): CallEventSubscription {
  const client: Client = createClient({ url: gateway.wsUrl, webSocketImpl: WebSocket, retryAttempts: 0, lazy: true });
  const subscription: CallEventSubscription = {
    events: [],
    errors: [],
    async waitFor(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (subscription.events.length < count) {
        if (subscription.errors.length)
          throw new Error(`subscription on ${gateway.name} failed: ${JSON.stringify(subscription.errors)}`);
        if (Date.now() > deadline)
          throw new Error(`subscription on ${gateway.name}: ${subscription.events.length}/${count} events`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    close: () => client.dispose() as Promise<void>,
  };
  client.subscribe(
    {
      query:
        'subscription($call: ID, $after: String) { callEvents(callControlId: $call, after: $after) { id cursor eventType callControlId } }',
      variables: { call: callControlId, after: after ?? null },
    },
    {
      next: (result: ExecutionResult<LooseRecord>) => {
        if (result.errors) subscription.errors.push(result.errors);
        else subscription.events.push(result.data!.callEvents);
      },
      error: (error) => subscription.errors.push(error),
      complete: () => {},
    },
  );
  return subscription;
}

/** The gateway's `latestEventCursor`: subscribing after it misses nothing published from now on. */
export async function latestEventCursor(gateway: GatewayProcess): Promise<string> {
  const response = await fetch(`${gateway.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ latestEventCursor }' }),
  });
  const body = (await response.json()) as { data?: { latestEventCursor: string }; errors?: unknown };
  if (!body.data) throw new Error(`latestEventCursor failed on ${gateway.name}: ${JSON.stringify(body.errors)}`);
  return body.data.latestEventCursor;
}
