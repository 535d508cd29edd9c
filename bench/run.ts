/**
 * `npm run bench`: the gateway's hot paths, each beside a baseline server doing the bare minimum of
 * the same work, in interleaved rounds of one run (the machine is shared and noisy: only same-run
 * ratios mean something). Every server under test is its own process (bench/servers.ts, bundled and
 * run as production runs the gateway), so its CPU is read from /proc/<pid>/stat; every client parses
 * what it receives. Each line gives the min/median/max over rounds and the target beside it.
 *
 *   mutation path    stopPlayback via GraphQL → zero-latency Telnyx stand-in   vs  bare forwarder (parse, undici request, answer)
 *   webhook ingest   unique signed events, no subscribers                      vs  bare Ed25519 verify + JSON.parse
 *   fan-out          1 call, N graphql-ws subscribers to callEvents            vs  bare verify + one `next` frame to N raw websockets
 *   memory           RSS per idle callEvents subscriber                        vs  RSS per idle raw websocket on a bare `ws` server
 *   tail latency     stopPlayback with a stand-in stalling 1 request in 100 (p50/p99/max)
 *
 * `npm run bench -- --quick` runs one small round of each (a smoke test, not figures to quote);
 * `npx tsx bench/run.ts --only mutation,ingest` runs only those paths (mutation, ingest, fan-out, memory, tail).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Pool } from 'undici';
import { WebSocket } from 'ws';
import { bundleServer } from '../scripts/server-bundle';
import { signedWebhook, testKeys } from '../test/support/signing';

const quick = process.argv.includes('--quick');
/** `--only mutation,fan-out`: just those paths (names as in the phase list at the end). */
const onlyIndex = process.argv.indexOf('--only');
const only = onlyIndex >= 0 ? new Set((process.argv[onlyIndex + 1] ?? '').split(',')) : null;
const selected = (name: string) => only === null || only.has(name);
const ROUNDS = quick ? 1 : 5;
/** Memory rounds are slow (thousands of sockets opened per side); one per side reads the baseline ±50%. */
const MEMORY_ROUNDS = quick ? 1 : 3;
const MUTATIONS = quick ? 300 : 4_000;
const MUTATION_CONNECTIONS = 50;
const WEBHOOKS = quick ? 300 : 4_000;
const WEBHOOK_CONNECTIONS = 16;
const SUBSCRIBERS = quick ? 100 : 1_000;
const FANOUT_EVENTS = quick ? 20 : 200;
const IDLE_SUBSCRIBERS = quick ? 500 : 5_000;
const TAIL_MUTATIONS = quick ? 300 : 800;
const CLOCK_TICK_MS = 10; // CLK_TCK is 100 on Linux

// ---------------------------------------------------------------- servers as processes

/**
 * The servers run as production runs the gateway (README, Production): bundled by esbuild, with
 * NODE_ENV=production (graphql-js then skips its development-only checks), not through tsx.
 */
const root = fileURLToPath(new URL('..', import.meta.url));
const SERVERS_BUNDLE_DIR = `${root}node_modules/.cache/vmg-bench`;
await bundleServer(root, 'bench/servers.ts', SERVERS_BUNDLE_DIR);

interface ServerProcess {
  url: string;
  pid: number;
  /** User + system CPU of the server process so far, in ms. */
  cpuMs(): number;
  /** Resident set size, in KiB. */
  rssKiB(): number;
  /** Asks the server for a full GC (SIGUSR2) and waits a moment for it. */
  collectGarbage(): Promise<void>;
  stop(): Promise<void>;
}

async function startServer(kind: string, options: Record<string, unknown> = {}): Promise<ServerProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--expose-gc', `${SERVERS_BUNDLE_DIR}/servers.js`, kind], {
    env: { ...process.env, NODE_ENV: 'production', BENCH_OPTIONS: JSON.stringify(options) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${kind} exited with ${code}`)));
    createInterface({ input: child.stdout! }).once('line', (line) =>
      resolve((JSON.parse(line) as { url: string }).url),
    );
  });
  const pid = child.pid!;
  return {
    url,
    pid,
    cpuMs() {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return (Number(fields[11]) + Number(fields[12])) * CLOCK_TICK_MS;
    },
    rssKiB() {
      const line = readFileSync(`/proc/${pid}/status`, 'utf8')
        .split('\n')
        .find((l) => l.startsWith('VmRSS:'))!;
      return Number(line.split(/\s+/)[1]);
    },
    async collectGarbage() {
      child.kill('SIGUSR2');
      await sleep(300);
    },
    async stop() {
      child.removeAllListeners('exit');
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await sleep(10);
  }
  return true;
}

// ---------------------------------------------------------------- measuring

interface Run {
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
  /** Server CPU per operation, in µs. */
  cpuPerOpUs: number;
}

/** Runs `send(i)` for i in [0, total) over `concurrency` loops, timing each and the server's CPU. */
async function load(
  server: ServerProcess,
  total: number,
  concurrency: number,
  send: (i: number) => Promise<void>,
): Promise<Run> {
  const latencies: number[] = [];
  let next = 0;
  const cpu0 = server.cpuMs();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const i = next++;
        const t0 = performance.now();
        await send(i);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const cpuMs = server.cpuMs() - cpu0;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  return {
    perSecond: total / elapsed,
    p50: at(0.5),
    p99: at(0.99),
    max: latencies.at(-1)!,
    cpuPerOpUs: (cpuMs * 1000) / total,
  };
}

/** Runs `measured` and `baseline` alternately, `ROUNDS` times each, the first side alternating. */
async function interleaved<T>(
  baseline: (round: number) => Promise<T>,
  measured: (round: number) => Promise<T>,
  rounds = ROUNDS,
) {
  const result = { baseline: [] as T[], measured: [] as T[] };
  for (let round = 0; round < rounds; round++) {
    if (round % 2 === 0) {
      result.baseline.push(await baseline(round));
      result.measured.push(await measured(round));
    } else {
      result.measured.push(await measured(round));
      result.baseline.push(await baseline(round));
    }
  }
  return result;
}

function spread(values: number[]): { min: number; median: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  return { min: sorted[0]!, median: sorted[Math.floor((sorted.length - 1) / 2)]!, max: sorted.at(-1)! };
}

const f2 = (n: number) => n.toFixed(2);
const f0 = (n: number) => n.toFixed(0);

/** One report line: the ratio's min/median/max over rounds, the target, and the medians it came from. */
function line(
  label: string,
  ratios: number[],
  target: string | null,
  met: (median: number) => boolean,
  detail: string,
) {
  const { min, median, max } = spread(ratios);
  const verdict = target === null ? '' : `target ${target}: ${met(median) ? 'met' : 'NOT MET'}   `;
  console.log(`  ${label.padEnd(40)} ${f2(median)}× (min ${f2(min)}, max ${f2(max)})  ${verdict}${detail}`);
}

// ---------------------------------------------------------------- webhook bodies

let eventSequence = 0;
function speakEventBody(callControlId: string) {
  const i = eventSequence++;
  return {
    data: {
      event_type: 'call.speak.ended',
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      occurred_at: new Date().toISOString(),
      record_type: 'event',
      payload: {
        call_control_id: callControlId,
        call_leg_id: `leg-${callControlId}`,
        call_session_id: `session-${callControlId}`,
        connection_id: '7267xxxxxxxxxxxxxx',
        client_state: Buffer.from('bench').toString('base64'),
        status: 'completed',
      },
    },
    meta: { attempt: 1, delivered_to: 'http://127.0.0.1/webhooks/telnyx' },
  };
}

async function postWebhook(pool: Pool, path: string, delivery: { headers: Record<string, string>; body: string }) {
  const response = await pool.request({ method: 'POST', path, headers: delivery.headers, body: delivery.body });
  JSON.parse(await response.body.text());
  if (response.statusCode !== 200) throw new Error(`webhook answered ${response.statusCode}`);
}

// ---------------------------------------------------------------- mutation path

const STOP_PLAYBACK = 'mutation($input: StopPlaybackInput!) { stopPlayback(input: $input) { commandId result } }';

function mutationSender(pool: Pool, prefix: string) {
  return async (i: number) => {
    const response = await pool.request({
      method: 'POST',
      path: '/graphql',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: STOP_PLAYBACK,
        variables: { input: { callControlId: 'v3:bench-call', commandId: `${prefix}-${i}` } },
      }),
    });
    const result = (await response.body.json()) as { data?: { stopPlayback?: { result: string } }; errors?: unknown };
    if (response.statusCode !== 200 || result.data?.stopPlayback?.result !== 'ok')
      throw new Error(`stopPlayback failed: ${JSON.stringify(result)}`);
  };
}

async function benchMutationPath() {
  const standin = await startServer('telnyx-standin');
  const telnyxBaseUrl = `${standin.url}/v2`;
  const bare = await startServer('bare-forwarder', { telnyxBaseUrl });
  const gateway = await startServer('gateway', {
    telnyxBaseUrl,
    publicKey: testKeys.publicKeyBase64,
    env: { TELNYX_MAX_RETRIES: '0' },
  });
  const barePool = new Pool(bare.url, { connections: MUTATION_CONNECTIONS });
  const gatewayPool = new Pool(gateway.url, { connections: MUTATION_CONNECTIONS });
  // Warm-up, unmeasured, a round's worth on each side: the JIT optimises the gateway's longer path
  // later than the baseline's, and a measured round should see both at their steady pace.
  await load(bare, MUTATIONS, MUTATION_CONNECTIONS, mutationSender(barePool, 'warm'));
  await load(gateway, MUTATIONS, MUTATION_CONNECTIONS, mutationSender(gatewayPool, 'warm'));
  const runs = await interleaved(
    (round) => load(bare, MUTATIONS, MUTATION_CONNECTIONS, mutationSender(barePool, `bare-${round}`)),
    (round) => load(gateway, MUTATIONS, MUTATION_CONNECTIONS, mutationSender(gatewayPool, `gw-${round}`)),
  );
  await Promise.all([barePool.close(), gatewayPool.close()]);
  await Promise.all([bare.stop(), gateway.stop(), standin.stop()]);
  return runs;
}

// ---------------------------------------------------------------- webhook ingest

async function benchWebhookIngest() {
  const options = { publicKey: testKeys.publicKeyBase64 };
  const bare = await startServer('bare-ingest', options);
  const gateway = await startServer('gateway', options);
  const barePool = new Pool(bare.url, { connections: WEBHOOK_CONNECTIONS });
  const gatewayPool = new Pool(gateway.url, { connections: WEBHOOK_CONNECTIONS });
  // Signed up front, so the client's signing is not timed; each event is unique (the gateway drops duplicates).
  const deliveries = (count: number) =>
    Array.from({ length: count }, (_, i) => signedWebhook(speakEventBody(`v3:ingest-${i % 50}`)));
  const ingest = (server: ServerProcess, pool: Pool, path: string, count: number) => {
    const batch = deliveries(count);
    return load(server, count, WEBHOOK_CONNECTIONS, (i) => postWebhook(pool, path, batch[i]!));
  };
  await ingest(bare, barePool, '/', WEBHOOKS); // warm-up, as for the mutation path
  await ingest(gateway, gatewayPool, '/webhooks/telnyx', WEBHOOKS);
  const runs = await interleaved(
    () => ingest(bare, barePool, '/', WEBHOOKS),
    () => ingest(gateway, gatewayPool, '/webhooks/telnyx', WEBHOOKS),
  );
  await Promise.all([barePool.close(), gatewayPool.close()]);
  await Promise.all([bare.stop(), gateway.stop()]);
  return runs;
}

// ---------------------------------------------------------------- websocket clients

const CALL_EVENTS = (callControlId: string) =>
  `subscription { callEvents(callControlId: "${callControlId}") { id cursor eventType callControlId occurredAt ... on CallSpeakEnded { status } } }`;

/** Websockets that count the `next` frames they receive, parsing every frame. */
class Subscribers {
  received = 0;
  readonly sockets: WebSocket[] = [];
  /** Subscribers that have received at least one event. */
  private readonly seen = new Set<WebSocket>();

  get live(): number {
    return this.seen.size;
  }

  /** `graphql`: speak graphql-transport-ws and subscribe to `query`; otherwise a bare socket. */
  async open(url: string, count: number, graphql: string | null): Promise<void> {
    const connectOne = () =>
      new Promise<void>((resolve, reject) => {
        const socket = new WebSocket(url, graphql ? 'graphql-transport-ws' : undefined);
        socket.on('message', (data: Buffer) => {
          const frame = JSON.parse(data.toString()) as { type: string; payload?: { data?: unknown; errors?: unknown } };
          if (frame.type === 'next') {
            if (!frame.payload?.data) throw new Error(`subscription error: ${JSON.stringify(frame.payload)}`);
            this.received++;
            this.seen.add(socket);
          } else if (frame.type === 'connection_ack') {
            socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: graphql } }));
            resolve();
          } else if (frame.type === 'error') {
            throw new Error(`subscription refused: ${JSON.stringify(frame.payload)}`);
          }
        });
        socket.once('error', reject);
        socket.once('open', () => {
          if (graphql) socket.send(JSON.stringify({ type: 'connection_init', payload: {} }));
          else resolve();
        });
        this.sockets.push(socket);
      });
    for (let opened = 0; opened < count; opened += 100) {
      await Promise.all(Array.from({ length: Math.min(100, count - opened) }, connectOne));
    }
  }

  async close(): Promise<void> {
    await Promise.all(
      this.sockets.map(
        (socket) =>
          new Promise<void>((resolve) => {
            if (socket.readyState === WebSocket.CLOSED) return resolve();
            socket.once('close', () => resolve());
            socket.terminate();
          }),
      ),
    );
  }
}

/** Publishes one event after another until every subscriber has received one (subscriptions start asynchronously). */
async function untilAllLive(subscribers: Subscribers, count: number, publish: () => Promise<void>): Promise<void> {
  while (subscribers.live < count) {
    await publish();
    await waitFor(() => subscribers.live >= count, 200);
  }
}

// ---------------------------------------------------------------- fan-out

interface FanOutRun {
  /** Server CPU per delivered event (one event to one subscriber), µs. */
  cpuPerDeliveryUs: number;
  /** Deliveries per second. */
  perSecond: number;
  lost: number;
}

async function benchFanOut() {
  const options = { publicKey: testKeys.publicKeyBase64, env: { GATEWAY_MAX_CONNECTIONS_PER_CLIENT: '100000' } };
  const sides = await Promise.all([startServer('bare-broadcast', options), startServer('gateway', options)]);
  const [bare, gateway] = sides;
  const setUp = async (server: ServerProcess, path: string, graphql: string | null) => {
    const subscribers = new Subscribers();
    await subscribers.open(`${server.url.replace('http', 'ws')}${path}`, SUBSCRIBERS, graphql);
    const pool = new Pool(server.url, { connections: 1, pipelining: 1 });
    const webhookPath = graphql ? '/webhooks/telnyx' : '/';
    const publish = () => postWebhook(pool, webhookPath, signedWebhook(speakEventBody('v3:fanout')));
    await untilAllLive(subscribers, SUBSCRIBERS, publish);
    return { server, subscribers, pool, webhookPath };
  };
  const bareSide = await setUp(bare, '/', null);
  const gatewaySide = await setUp(gateway, '/graphql', CALL_EVENTS('v3:fanout'));

  const round = async ({
    server,
    subscribers,
    pool,
    webhookPath,
  }: Awaited<ReturnType<typeof setUp>>): Promise<FanOutRun> => {
    const batch = Array.from({ length: FANOUT_EVENTS }, () => signedWebhook(speakEventBody('v3:fanout')));
    await waitFor(() => false, 100); // let the previous round's frames drain
    const expected = subscribers.received + FANOUT_EVENTS * SUBSCRIBERS;
    const cpu0 = server.cpuMs();
    const started = performance.now();
    for (const delivery of batch) await postWebhook(pool, webhookPath, delivery);
    await waitFor(() => subscribers.received >= expected, 30_000);
    const elapsed = (performance.now() - started) / 1000;
    const cpuMs = server.cpuMs() - cpu0;
    const deliveries = FANOUT_EVENTS * SUBSCRIBERS;
    return {
      cpuPerDeliveryUs: (cpuMs * 1000) / deliveries,
      perSecond: deliveries / elapsed,
      lost: expected - subscribers.received,
    };
  };
  const runs = await interleaved(
    () => round(bareSide),
    () => round(gatewaySide),
  );
  for (const side of [bareSide, gatewaySide]) {
    await side.subscribers.close();
    await side.pool.close();
  }
  await Promise.all(sides.map((side) => side.stop()));
  return runs;
}

// ---------------------------------------------------------------- memory

/** RSS growth per idle subscriber, in KB, on a fresh server process. */
async function idleMemory(kind: 'gateway' | 'bare-broadcast'): Promise<number> {
  const server = await startServer(kind, {
    publicKey: testKeys.publicKeyBase64,
    env: { GATEWAY_MAX_CONNECTIONS_PER_CLIENT: '100000' },
  });
  const graphql = kind === 'gateway' ? CALL_EVENTS('v3:idle') : null;
  const pool = new Pool(server.url, { connections: 1 });
  const webhookPath = graphql ? '/webhooks/telnyx' : '/';
  const publish = () => postWebhook(pool, webhookPath, signedWebhook(speakEventBody('v3:idle')));
  // Warm the server's code paths with a few subscribers first, so the figure is per subscriber, not code loaded.
  const warm = new Subscribers();
  await warm.open(`${server.url.replace('http', 'ws')}${graphql ? '/graphql' : '/'}`, 50, graphql);
  await untilAllLive(warm, 50, publish);
  await server.collectGarbage();
  const before = server.rssKiB();
  const subscribers = new Subscribers();
  await subscribers.open(`${server.url.replace('http', 'ws')}${graphql ? '/graphql' : '/'}`, IDLE_SUBSCRIBERS, graphql);
  await untilAllLive(subscribers, IDLE_SUBSCRIBERS, publish);
  await server.collectGarbage();
  await server.collectGarbage();
  const after = server.rssKiB();
  await subscribers.close();
  await warm.close();
  await pool.close();
  await server.stop();
  return ((after - before) * 1024) / 1000 / IDLE_SUBSCRIBERS;
}

// ---------------------------------------------------------------- tail latency

/** `hedged: false` sets the hedge past the request deadline, i.e. never. */
async function benchTailLatency(hedged: boolean) {
  const standin = await startServer('telnyx-standin', { stallEvery: 100, stallMs: 3_000 });
  const gateway = await startServer('gateway', {
    telnyxBaseUrl: `${standin.url}/v2`,
    publicKey: testKeys.publicKeyBase64,
    env: { TELNYX_MAX_RETRIES: '0' },
    telnyxTuning: hedged ? undefined : { hedgeFloorMs: 1e9 },
  });
  const pool = new Pool(gateway.url, { connections: MUTATION_CONNECTIONS });
  await load(gateway, 200, MUTATION_CONNECTIONS, mutationSender(pool, 'warm'));
  const run = await load(gateway, TAIL_MUTATIONS, MUTATION_CONNECTIONS, mutationSender(pool, 'tail'));
  await pool.close();
  await Promise.all([gateway.stop(), standin.stop()]);
  return run;
}

// ---------------------------------------------------------------- report

const started = performance.now();
console.log(
  `voice-media-gateway bench (${quick ? 'quick' : 'full'}: ${ROUNDS} interleaved round(s) per side; ratios against baselines of this run)`,
);
console.log(
  '  ratio = gateway ÷ baseline for throughput; baseline ÷ gateway for CPU and memory (higher is better, 1 = as cheap as the baseline)',
);

const phases: string[] = [];
async function phase<T>(name: string, run: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  const result = await run();
  phases.push(`${name} ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  return result;
}

const med = (runs: Run[], key: keyof Run) => spread(runs.map((run) => run[key])).median;
const perRound = <T>(runs: { baseline: T[]; measured: T[] }, ratio: (b: T, m: T) => number) =>
  runs.baseline.map((b, i) => ratio(b, runs.measured[i]!));

if (selected('mutation')) {
  const mutation = await phase('mutation', benchMutationPath);
  line(
    `mutation (stopPlayback ×${MUTATIONS}, ${MUTATION_CONNECTIONS} conns)`,
    perRound(mutation, (b, m) => m.perSecond / b.perSecond),
    '≥ 0.5×',
    (r) => r >= 0.5,
    `gateway ${f0(med(mutation.measured, 'perSecond'))}/s p99 ${f2(med(mutation.measured, 'p99'))} ms; bare forwarder ${f0(med(mutation.baseline, 'perSecond'))}/s p99 ${f2(med(mutation.baseline, 'p99'))} ms`,
  );
  line(
    '  server CPU per mutation',
    perRound(mutation, (b, m) => b.cpuPerOpUs / m.cpuPerOpUs),
    null,
    () => true,
    `gateway ${f0(med(mutation.measured, 'cpuPerOpUs'))} µs; bare ${f0(med(mutation.baseline, 'cpuPerOpUs'))} µs`,
  );
}

if (selected('ingest')) {
  const ingest = await phase('ingest', benchWebhookIngest);
  line(
    `webhook ingest (×${WEBHOOKS}, ${WEBHOOK_CONNECTIONS} conns)`,
    perRound(ingest, (b, m) => m.perSecond / b.perSecond),
    '≥ 0.8×',
    (r) => r >= 0.8,
    `gateway ${f0(med(ingest.measured, 'perSecond'))}/s; bare verify+parse ${f0(med(ingest.baseline, 'perSecond'))}/s`,
  );
  line(
    '  server CPU per webhook',
    perRound(ingest, (b, m) => b.cpuPerOpUs / m.cpuPerOpUs),
    null,
    () => true,
    `gateway ${f0(med(ingest.measured, 'cpuPerOpUs'))} µs; bare ${f0(med(ingest.baseline, 'cpuPerOpUs'))} µs`,
  );
}

if (selected('fan-out')) {
  const fanOut = await phase('fan-out', benchFanOut);
  const lost = fanOut.measured.reduce((sum, run) => sum + run.lost, 0);
  const fanMed = (runs: FanOutRun[], key: keyof FanOutRun) => spread(runs.map((run) => run[key])).median;
  line(
    `fan-out CPU (${SUBSCRIBERS} subs × ${FANOUT_EVENTS} events)`,
    perRound(fanOut, (b, m) => b.cpuPerDeliveryUs / m.cpuPerDeliveryUs),
    '≥ 0.7×, 0 lost',
    (r) => r >= 0.7 && lost === 0,
    `gateway ${f2(fanMed(fanOut.measured, 'cpuPerDeliveryUs'))} µs per delivery, ${lost} lost; bare broadcast ${f2(fanMed(fanOut.baseline, 'cpuPerDeliveryUs'))} µs`,
  );
  line(
    '  fan-out deliveries per second',
    perRound(fanOut, (b, m) => m.perSecond / b.perSecond),
    null,
    () => true,
    `gateway ${f0(fanMed(fanOut.measured, 'perSecond'))}/s; bare ${f0(fanMed(fanOut.baseline, 'perSecond'))}/s`,
  );
}

if (selected('memory')) {
  const memory = await phase('memory', () =>
    interleaved(
      () => idleMemory('bare-broadcast'),
      () => idleMemory('gateway'),
      MEMORY_ROUNDS,
    ),
  );
  line(
    `memory (${IDLE_SUBSCRIBERS} idle callEvents subscribers)`,
    perRound(memory, (b, m) => b / m),
    '≥ 0.8× (≤ 1.25× the RSS)',
    (r) => r >= 0.8,
    `gateway ${f2(spread(memory.measured).median)} KB per subscriber; bare ws ${f2(spread(memory.baseline).median)} KB per socket`,
  );
}

if (selected('tail')) {
  const tail = await phase('tail', async () => ({
    hedged: await benchTailLatency(true),
    unhedged: await benchTailLatency(false),
  }));
  for (const [name, run] of Object.entries(tail)) {
    console.log(
      `  tail latency, ${name.padEnd(8)} (stopPlayback ×${TAIL_MUTATIONS}, 1% stalled 3 s)  p50 ${f2(run.p50)} ms, p99 ${f2(run.p99)} ms, max ${f2(run.max)} ms`,
    );
  }
}

console.log(`  (${((performance.now() - started) / 1000).toFixed(0)} s: ${phases.join(', ')})`);
process.exit(0);
