import type { LooseRecord } from './loose';
import { spawn, type ChildProcess, type SpawnOptionsWithStdioTuple } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createClient, type Client, type ExecutionResult } from 'graphql-ws';
import WebSocket from 'ws';
import { testKeys } from './signing';
import { waitFor, type WaitOptions } from './wait';

const repositoryRoot = fileURLToPath(new URL('../..', import.meta.url));

/** How a process ended: its exit code, or the signal that ended it. */
export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface GatewayProcess {
  name: string;
  pid: number;
  /** http://127.0.0.1:PORT */
  url: string;
  webhookUrl: string;
  wsUrl: string;
  /** In simulator mode, the demo call it announced. */
  demoCallControlId: string | undefined;
  /** Everything it printed, for assertions and failure messages. */
  output(): string;
  /** Sends the process a signal (SIGHUP: reload the trusted documents; SIGTERM: shut down). */
  signal(signal: NodeJS.Signals): void;
  /** SIGTERM, then SIGKILL after 5 s; resolves once it has exited. */
  stop(): Promise<void>;
  /** Sends the signal (SIGKILL: a crash) and resolves once it has exited. */
  kill(signal: NodeJS.Signals): Promise<void>;
  exited: Promise<ProcessExit>;
}

export interface GatewayProcessOptions {
  /** Names it in failure messages (default "gateway"). */
  name?: string;
  /**
   * `test` (default): the Telnyx API pointed nowhere with a key and the test signing key, client auth
   * off, LOG_LEVEL info, no shedding for a late loop. `fresh shell`: only PATH and HOME, as a new user
   * starts it (simulator mode).
   */
  environment?: 'test' | 'fresh shell';
  /** Variables over that environment (undefined removes one): Redis, limits, a Telnyx stand-in... */
  env?: Record<string, string | undefined>;
  /**
   * `src`: `node --import tsx src/main.ts` (default); `dist`: `node dist/main.js` (build first); `npm start`,
   * in a process group of its own; `terminal`: `src` with stdout a pseudo-terminal (util-linux `script`).
   */
  entry?: 'src' | 'dist' | 'npm start' | 'terminal';
  /** A cold tsx start takes 15 s or more on a loaded 2-core machine (default 40 s). */
  startTimeoutMs?: number;
}

/** The process exited before it served: its exit code and everything it printed. */
export class GatewayExitedEarly extends Error {
  constructor(
    readonly exit: ProcessExit,
    readonly output: string,
  ) {
    super(`gateway exited (${exit.code ?? exit.signal}) before it served:\n${output}`);
  }
}

function environmentFor(options: GatewayProcessOptions): Record<string, string | undefined> {
  const shell = { PATH: process.env.PATH, HOME: process.env.HOME, PORT: '0' };
  if (options.environment === 'fresh shell') return { ...shell, ...options.env };
  return {
    ...shell,
    HOST: '127.0.0.1',
    TELNYX_API_KEY: 'KEY_E2E_NOT_USED',
    TELNYX_API_BASE_URL: 'http://127.0.0.1:9/v2',
    TELNYX_PUBLIC_KEY: testKeys.publicKeyBase64,
    GATEWAY_AUTH: 'off',
    LOG_LEVEL: 'info',
    // Tests share two busy cores: no shedding for a late loop unless a test asks for it.
    GATEWAY_MAX_EVENT_LOOP_DELAY_MS: '0',
    ...options.env,
  };
}

function spawnEntry(entry: GatewayProcessOptions['entry'], env: NodeJS.ProcessEnv): ChildProcess {
  const options: SpawnOptionsWithStdioTuple<'ignore', 'pipe', 'pipe'> = {
    cwd: repositoryRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  };
  if (entry === 'npm start') return spawn('npm', ['start'], { ...options, detached: true });
  // `script` ends its child when it is signalled.
  if (entry === 'terminal') {
    return spawn('script', ['-qfec', `exec '${process.execPath}' --import tsx src/main.ts`, '/dev/null'], options);
  }
  return spawn(process.execPath, entry === 'dist' ? ['dist/main.js'] : ['--import', 'tsx', 'src/main.ts'], options);
}

/**
 * A real gateway process, as production runs it, on a port of its own (PORT=0). It has started once
 * it says where it listens (its "listening" log line, or the simulator-mode banner) and, in simulator
 * mode, has announced its demo call.
 */
export async function startGatewayProcess(options: GatewayProcessOptions = {}): Promise<GatewayProcess> {
  const name = options.name ?? 'gateway';
  const env = Object.fromEntries(Object.entries(environmentFor(options)).filter(([, value]) => value !== undefined));
  const simulatorMode = !env.TELNYX_API_KEY;
  const child = spawnEntry(options.entry, env);
  const exited = new Promise<ProcessExit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  // A process group of its own (npm start) is ended as a whole: npm's children with it, even once npm is gone.
  const ownGroup = options.entry === 'npm start';
  const send = (signal: NodeJS.Signals) => {
    try {
      if (ownGroup) process.kill(-child.pid!, signal);
      else child.kill(signal);
    } catch {
      // already gone
    }
  };
  let output = '';
  const started = await new Promise<{ url: string; demoCallControlId: string | undefined }>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url =
        /"url":"(http:\/\/[^"]+)\/graphql","msg":"voice-media-gateway listening"/.exec(output)?.[1] ??
        /Open (http:\/\/\S+)\/graphql/.exec(output)?.[1];
      const demoCallControlId = /demo call (v3:[A-Za-z0-9_-]+)/.exec(output)?.[1];
      if (url && (demoCallControlId || !simulatorMode)) resolve({ url, demoCallControlId });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    // On 'close', not 'exit': by then everything it printed has been read.
    child.once('close', (code, signal) => reject(new GatewayExitedEarly({ code, signal }, output)));
    const timeoutMs = options.startTimeoutMs ?? 40_000;
    setTimeout(() => reject(new Error(`${name} did not start within ${timeoutMs} ms:\n${output}`)), timeoutMs).unref();
  }).catch(async (error: unknown) => {
    await stopProcess(child, exited, send);
    throw error;
  });
  return {
    name,
    pid: child.pid!,
    ...started,
    webhookUrl: `${started.url}/webhooks/telnyx`,
    wsUrl: `${started.url.replace('http', 'ws')}/graphql`,
    output: () => output,
    signal: (signal) => void child.kill(signal),
    stop: () => stopProcess(child, exited, send),
    async kill(signal) {
      if (isRunning(child) || ownGroup) send(signal);
      await exited;
    },
    exited,
  };
}

/** Starts a gateway and stops it once it serves: whether it did, how it ended, and what it printed. */
export async function runGatewayProcess(
  options: GatewayProcessOptions,
): Promise<{ listened: boolean; exit: ProcessExit; output: string }> {
  try {
    const gateway = await startGatewayProcess(options);
    await gateway.stop();
    return { listened: true, exit: await gateway.exited, output: gateway.output() };
  } catch (error) {
    if (error instanceof GatewayExitedEarly) return { listened: false, exit: error.exit, output: error.output };
    throw error;
  }
}

/** Two gateways on one Redis and prefix; if either fails to start, neither is left running. */
export async function startGatewayPair(env: Record<string, string>): Promise<[GatewayProcess, GatewayProcess]> {
  const started = await Promise.allSettled([
    startGatewayProcess({ name: 'A', env }),
    startGatewayProcess({ name: 'B', env }),
  ]);
  const running = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const failure = started.find((result) => result.status === 'rejected');
  if (failure) {
    await Promise.all(running.map((gateway) => gateway.stop()));
    throw failure.reason;
  }
  return running as [GatewayProcess, GatewayProcess];
}

const isRunning = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;

async function stopProcess(
  child: ChildProcess,
  exited: Promise<ProcessExit>,
  send: (signal: NodeJS.Signals) => void,
): Promise<void> {
  if (!isRunning(child)) return;
  send('SIGTERM');
  const killer = setTimeout(() => isRunning(child) && send('SIGKILL'), 5_000);
  await exited;
  clearTimeout(killer);
}

export interface CallEventSubscription {
  /** The `callEvents` items received so far. */
  events: Array<{ id: string; cursor: string; eventType: string; callControlId: string | null }>;
  errors: unknown[];
  /** Resolves once `count` events arrived; fails at once if the subscription failed. */
  waitFor(count: number, options?: WaitOptions): Promise<void>;
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
    async waitFor(count, options) {
      await waitFor(
        () => {
          if (subscription.errors.length)
            throw new Error(`subscription on ${gateway.name} failed: ${JSON.stringify(subscription.errors)}`);
          return subscription.events.length >= count;
        },
        () => `${count} events on ${gateway.name} (have ${subscription.events.length})`,
        options,
      );
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
