/**
 * `npm run soak -- --seconds N`: the delivery guarantees under faults, end to end, loopback only.
 * A Redis of its own (append-only, fsync always, throw-away port), two gateway processes, the Telnyx
 * simulator placing calls that do random media actions through the gateways, subscribers on
 * `callEvents` for every call, and faults all along:
 *   - Telnyx 5xx, 429 and hangs (the simulator's fault injection), every 2 s;
 *   - webhook duplicates and reordering (scripts/soak-relay.ts);
 *   - subscribers dropped and resumed from their last cursor, every 3 s, on either gateway;
 *   - one gateway SIGKILLed and restarted, Redis SIGKILLed and restarted, a burst of webhooks past
 *     capacity (shed with 503 + Retry-After, retried as Telnyx would), each once a cycle (60 s, or
 *     the whole run when shorter).
 * Then it drains and checks: every accepted webhook reached every subscriber once, in cursor order.
 * Prints the figures; exits 1 when a guarantee fails.
 *
 *   npm run soak -- [--seconds 60] [--calls 12] [--burst-rate 1500] [--dist]
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { compareCursors } from '../src/events/cursor';
import { createLogger } from '../src/lib/logger';
import { startSimulator, type RunningSimulator } from '../src/simulator/server';
import { latestEventCursor, startGatewayProcess, type GatewayProcess } from '../test/support/gateway-process';
import { startThrowawayRedis, type ThrowawayRedis } from '../test/support/redis';
import { createTestKeyPair, signedWebhook } from '../test/support/signing';
import { KeepAliveSender } from './keepalive-sender';
import { WebhookRelay } from './soak-relay';

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    calls: { type: 'string', default: '12' },
    'burst-rate': { type: 'string', default: '1500' },
    dist: { type: 'boolean', default: false },
  },
});
const SECONDS = Math.max(20, Math.min(3_600, Number(args.seconds)));
const CALLS = Math.max(1, Math.min(200, Number(args.calls)));
const BURST_RATE = Math.max(100, Math.min(10_000, Number(args['burst-rate'])));
const BURST_SECONDS = 2;
const CYCLE_SECONDS = Math.min(60, SECONDS);
const SUBSCRIBERS = 4;
const DRAIN_TIMEOUT_MS = 120_000;

const percentile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
};
const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;
const count = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);

/** Two gateway slots; a killed one is empty until restarted (on a new port). */
class Gateways {
  readonly slots: Array<GatewayProcess | null> = [null, null];
  peakRssMiB = 0;
  restarts = 0;
  /** Gateways that exited without being told to: each one fails the run. */
  readonly crashes: string[] = [];
  private readonly sampler = setInterval(() => this.sampleRss(), 500);

  constructor(
    private readonly env: { REDIS_URL: string; REDIS_PREFIX: string } & Record<string, string>,
    private readonly entry: 'src' | 'dist',
  ) {}

  async start(slot: number): Promise<void> {
    const gateway = await startGatewayProcess({ name: slot === 0 ? 'A' : 'B', env: this.env, entry: this.entry });
    this.slots[slot] = gateway;
    void gateway.exited.then(({ code }) => {
      if (this.slots[slot] !== gateway) return;
      this.slots[slot] = null;
      this.crashes.push(`gateway ${gateway.name} exited (${code}) on its own:\n${gateway.output().slice(-3_000)}`);
      process.stdout.write(`gateway ${gateway.name} exited (${code}) on its own\n`);
    });
  }
  live(): GatewayProcess[] {
    return this.slots.filter((gateway): gateway is GatewayProcess => gateway !== null);
  }
  async kill(slot: number): Promise<void> {
    const gateway = this.slots[slot];
    this.slots[slot] = null;
    await gateway?.kill('SIGKILL');
  }
  async stopAll(): Promise<void> {
    clearInterval(this.sampler);
    const running = this.live();
    this.slots.fill(null);
    await Promise.all(running.map((gateway) => gateway.stop()));
  }
  private sampleRss(): void {
    for (const gateway of this.live()) {
      try {
        const peak = Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${gateway.pid}/status`, 'utf8'))![1]) / 1024;
        this.peakRssMiB = Math.max(this.peakRssMiB, peak);
      } catch {
        // exited between the listing and the read
      }
    }
  }
}

/** One client's view of the event stream, kept across disconnections by resuming from its last cursor. */
class Subscriber {
  readonly seen = new Map<string, number>();
  outOfOrder = 0;
  resumes = 0;
  readonly errors: string[] = [];
  readonly latencies: number[] = [];
  private client: Client | null = null;
  private stopped = false;

  constructor(
    readonly name: string,
    private lastCursor: string,
    private readonly gateways: Gateways,
    private readonly acceptedAt: Map<string, number>,
  ) {}

  connect(): void {
    if (this.stopped) return;
    const gateway = pick(this.gateways.live());
    if (!gateway) return void setTimeout(() => this.connect(), 200);
    const client = createClient({ url: gateway.wsUrl, webSocketImpl: WebSocket, retryAttempts: 0, lazy: true });
    this.client = client;
    const resume = () => {
      if (this.client !== client) return;
      this.client = null;
      void client.dispose();
      this.resumes += 1;
      setTimeout(() => this.connect(), 100 + Math.random() * 400);
    };
    client.subscribe<{ callEvents: { id: string; cursor: string } }>(
      {
        query: 'subscription($after: String) { callEvents(after: $after) { id cursor } }',
        variables: { after: this.lastCursor },
      },
      {
        next: (result) => {
          // A dropped connection may still hand over what it had read; its replacement delivers that again.
          if (this.client !== client) return;
          if (result.errors) {
            const code = String(
              (result.errors[0] as { extensions?: { code?: string } }).extensions?.code ?? result.errors[0]?.message,
            );
            // Expected while a gateway or Redis is going down: resume. Anything else is a failure.
            if (!['EVENT_BUS_UNAVAILABLE', 'SLOW_CONSUMER'].includes(code)) this.errors.push(code);
            return;
          }
          const event = result.data!.callEvents;
          if (compareCursors(event.cursor, this.lastCursor) <= 0) this.outOfOrder += 1;
          this.lastCursor = event.cursor;
          count(this.seen, event.id);
          const accepted = this.acceptedAt.get(event.id);
          if (accepted !== undefined) this.latencies.push(performance.now() - accepted);
        },
        error: resume,
        complete: resume,
      },
    );
  }

  /** Drops the connection, as a client going away would; it comes back from its cursor. */
  drop(): void {
    const client = this.client;
    this.client = null;
    if (!client) return;
    void client.dispose();
    this.resumes += 1;
    setTimeout(() => this.connect(), 100 + Math.random() * 400);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.client?.dispose();
  }
}

const ACTIONS: Array<{ name: string; query: string; input: (call: string) => Record<string, unknown> }> = [
  {
    name: 'speak',
    query: 'speak',
    input: (call) => ({ callControlId: call, payload: 'Soak test speaking', voice: 'Telnyx.KokoroTTS.af' }),
  },
  {
    name: 'startPlayback',
    query: 'startPlayback',
    input: (call) => ({ callControlId: call, audioUrl: 'https://media.example/soak.mp3' }),
  },
  { name: 'stopPlayback', query: 'stopPlayback', input: (call) => ({ callControlId: call }) },
  {
    name: 'startRecording',
    query: 'startRecording',
    input: (call) => ({ callControlId: call, channels: 'SINGLE', format: 'MP3' }),
  },
  { name: 'pauseRecording', query: 'pauseRecording', input: (call) => ({ callControlId: call }) },
  { name: 'resumeRecording', query: 'resumeRecording', input: (call) => ({ callControlId: call }) },
  { name: 'stopRecording', query: 'stopRecording', input: (call) => ({ callControlId: call }) },
];
/** What a mutation may end in during faults; anything else fails the run. */
// EVENT_BUS_UNAVAILABLE: Redis is down, so the mutation's cursor cannot be read and nothing is sent.
const EXPECTED_MUTATION_OUTCOMES = new Set([
  'ok',
  'TELNYX_ERROR',
  'RATE_LIMITED',
  'UPSTREAM_UNAVAILABLE',
  'EVENT_BUS_UNAVAILABLE',
  'connection_error',
]);

async function mutate(
  gateways: Gateways,
  call: string,
  outcomes: Map<string, number>,
  latencies: number[],
): Promise<void> {
  const gateway = pick(gateways.live());
  if (!gateway) return;
  const action = pick(ACTIONS);
  const started = performance.now();
  let outcome: string;
  try {
    const response = await fetch(`${gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `mutation($input: ${action.name[0]!.toUpperCase()}${action.name.slice(1)}Input!) { ${action.query}(input: $input) { result } }`,
        variables: { input: action.input(call) },
      }),
      signal: AbortSignal.timeout(30_000),
    });
    const body = (await response.json()) as { data?: unknown; errors?: Array<{ extensions?: { code?: string } }> };
    outcome = body.errors ? String(body.errors[0]?.extensions?.code ?? 'UNKNOWN') : 'ok';
  } catch {
    outcome = 'connection_error';
  }
  latencies.push(performance.now() - started);
  count(outcomes, `${action.name}:${outcome}`);
}

/** A call's life: created, random media actions through the gateways, hung up; again until the end. */
async function callWorker(
  simulator: RunningSimulator,
  gateways: Gateways,
  running: () => boolean,
  outcomes: Map<string, number>,
  latencies: number[],
): Promise<void> {
  while (running()) {
    const { callControlId } = await simulator.createCall();
    const actions = 5 + Math.floor(Math.random() * 15);
    for (let i = 0; i < actions && running(); i++) {
      await mutate(gateways, callControlId, outcomes, latencies);
      await sleep(100 + Math.random() * 400);
    }
    await simulator.hangup(callControlId).catch(() => undefined);
  }
}

/** Webhooks past capacity, straight at the gateways; each shed one retried after its Retry-After, as Telnyx would. */
async function burst(
  gateways: Gateways,
  privateKey: ReturnType<typeof createTestKeyPair>['privateKey'],
  relay: WebhookRelay,
  figures: BurstFigures,
): Promise<void> {
  const total = BURST_RATE * BURST_SECONDS;
  const prepared = Array.from({ length: total }, (_, i) => {
    const id = randomUUID();
    const call = `v3:soak-burst-${i % 50}`;
    const { headers, body } = signedWebhook(
      {
        data: {
          event_type: 'call.speak.ended',
          id,
          occurred_at: new Date().toISOString(),
          record_type: 'event',
          payload: { call_control_id: call, call_leg_id: `burst-leg-${i % 50}`, status: 'completed' },
        },
        meta: { attempt: 1 },
      },
      { privateKey },
    );
    return { id, request: KeepAliveSender.post('/webhooks/telnyx', headers, body) };
  });
  const senders = await Promise.all(gateways.live().map((gateway) => KeepAliveSender.open(gateway.url, 500)));
  try {
    const start = performance.now();
    const attempts: Array<Promise<void>> = [];
    const send = async (webhook: (typeof prepared)[number], due: number, attempt: number): Promise<void> => {
      const { status, retryAfter } = await pick(senders).send(webhook.request);
      const ms = performance.now() - due;
      figures.answers += 1;
      if (ms <= 2_000 && ((status >= 200 && status < 300) || (status === 503 && retryAfter))) figures.inTime += 1;
      if (status >= 200 && status < 300) {
        figures.accepted += 1;
        if (!relay.accepted.has(webhook.id)) relay.accepted.set(webhook.id, performance.now());
        return;
      }
      if (status === 503 && retryAfter) figures.shed += 1;
      else figures.other.set(status, (figures.other.get(status) ?? 0) + 1);
      if (attempt >= 30) {
        figures.gaveUp += 1;
        return;
      }
      await sleep(1_000);
      return send(webhook, performance.now(), attempt + 1);
    };
    let sent = 0;
    while (sent < total) {
      const due = Math.min(total, Math.floor(((performance.now() - start) / 1000) * BURST_RATE));
      for (; sent < due; sent++) attempts.push(send(prepared[sent]!, start + (sent / BURST_RATE) * 1000, 1));
      await sleep(1);
    }
    await Promise.all(attempts);
  } finally {
    for (const sender of senders) sender.close();
  }
}

interface BurstFigures {
  answers: number;
  inTime: number;
  accepted: number;
  shed: number;
  gaveUp: number;
  other: Map<number, number>;
}

async function main(): Promise<boolean> {
  const started = performance.now();
  const log = (line: string) =>
    process.stdout.write(`[${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}\n`);
  const keys = createTestKeyPair();
  let redis: ThrowawayRedis | undefined;
  let simulator: RunningSimulator | undefined;
  let gateways: Gateways | undefined;
  const subscribers: Subscriber[] = [];
  const relay = new WebhookRelay({
    targets: () => gateways?.live().map((gateway) => gateway.webhookUrl) ?? [],
    duplicateShare: 0.1,
    reorderShare: 0.05,
  });
  try {
    redis = await startThrowawayRedis({ appendonly: true });
    simulator = await startSimulator({
      port: 0,
      host: '127.0.0.1',
      speed: 10,
      logger: createLogger('silent'),
      signingKeyPem: keys.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
      webhookMaxAttempts: 10,
      webhookBackoffBaseMs: 100,
    });
    simulator.setWebhookUrl(await relay.listen());
    gateways = new Gateways(
      {
        REDIS_URL: redis.url,
        REDIS_PREFIX: 'vmg-soak',
        TELNYX_API_KEY: simulator.apiKey,
        TELNYX_API_BASE_URL: simulator.apiBaseUrl,
        TELNYX_PUBLIC_KEY: simulator.publicKeyBase64,
        TELNYX_TIMEOUT_MS: '2000',
        GATEWAY_AUTH: 'off',
        GATEWAY_MAX_EVENT_LOOP_DELAY_MS: '100',
        // The calls' mutations come from one address: let them reach Telnyx rather than the per-client limit.
        GATEWAY_RATE_LIMIT_MUTATIONS_PER_MINUTE: '100000',
        EVENT_BUFFER_TOTAL: '5000000',
        EVENT_BUFFER_MAX_AGE_SECONDS: '86400',
        SUBSCRIBER_MAX_BACKLOG: '100000',
        LOG_LEVEL: 'info',
      },
      args.dist ? 'dist' : 'src',
    );
    const gw = gateways;
    await Promise.all([gw.start(0), gw.start(1)]);
    const from = await latestEventCursor(gw.live()[0]!);
    for (let i = 0; i < SUBSCRIBERS; i++)
      subscribers.push(new Subscriber(`subscriber ${i + 1}`, from, gw, relay.accepted));
    for (const subscriber of subscribers) subscriber.connect();
    log(
      `two gateways on Redis ${redis.url}; ${CALLS} calls for ${SECONDS} s; faults every cycle of ${CYCLE_SECONDS} s`,
    );

    const mutationOutcomes = new Map<string, number>();
    const mutationLatencies: number[] = [];
    const faults = new Map<string, number>();
    const burstFigures: BurstFigures = { answers: 0, inTime: 0, accepted: 0, shed: 0, gaveUp: 0, other: new Map() };
    const endAt = performance.now() + SECONDS * 1000;
    const running = () => performance.now() < endAt;
    const sim = simulator;
    const calls = Array.from({ length: CALLS }, () =>
      callWorker(sim, gw, running, mutationOutcomes, mutationLatencies),
    );

    const telnyxFaults = setInterval(() => {
      const status = pick([500, 502, 503, 504, 429, 'no_answer'] as const);
      sim.injectFault({ status, count: 1 + Math.floor(Math.random() * 2), resetSeconds: 1 });
      count(faults, `telnyx ${status}`);
    }, 2_000);
    const drops = setInterval(() => {
      pick(subscribers).drop();
      count(faults, 'subscriber dropped and resumed');
    }, 3_000);

    // The big faults, once per cycle at fixed points of it.
    let killSlot = 0;
    const redisServer = redis;
    for (let cycleStart = 0; cycleStart < SECONDS; cycleStart += CYCLE_SECONDS) {
      const at = (fraction: number) =>
        sleep(Math.max(0, started + (cycleStart + CYCLE_SECONDS * fraction) * 1000 + 5_000 - performance.now()));
      await at(0.15);
      if (!running()) break;
      log(`SIGKILL gateway ${killSlot === 0 ? 'A' : 'B'}`);
      await gw.kill(killSlot);
      count(faults, 'gateway SIGKILLed and restarted');
      await sleep(1_000);
      await gw.start(killSlot);
      gw.restarts += 1;
      log(`gateway ${killSlot === 0 ? 'A' : 'B'} restarted`);
      killSlot = 1 - killSlot;
      await at(0.4);
      if (!running()) break;
      log('SIGKILL Redis');
      await redisServer.stop('SIGKILL');
      count(faults, 'Redis SIGKILLed and restarted');
      await sleep(1_000);
      await redisServer.start();
      log('Redis restarted');
      await at(0.65);
      if (!running()) break;
      log(`burst: ${BURST_RATE} webhooks/s for ${BURST_SECONDS} s`);
      count(faults, 'burst past capacity');
      await burst(gw, keys.privateKey, relay, burstFigures);
      log('burst answered');
    }
    await Promise.all(calls);
    clearInterval(telnyxFaults);
    clearInterval(drops);
    log('traffic stopped; draining');

    // Drain: the simulator's webhooks, the relay's own, then every subscriber up to every accepted event.
    await sim.webhooksIdle();
    await relay.idle();
    const expected = [...relay.accepted.keys()];
    const drainBy = performance.now() + DRAIN_TIMEOUT_MS;
    while (
      performance.now() < drainBy &&
      subscribers.some((subscriber) => expected.some((id) => !subscriber.seen.has(id)))
    )
      await sleep(250);

    const webhookLatencies = relay.stats.latencies;
    const lines: string[] = [];
    let failed = false;
    const fail = (why: string) => {
      failed = true;
      lines.push(`FAILED: ${why}`);
    };
    lines.push(
      `ran ${SECONDS} s with ${CALLS} calls; faults: ${[...faults].map(([name, n]) => `${name} ×${n}`).join(', ')}`,
    );
    lines.push(
      `webhooks accepted: ${expected.length} (relay: ${relay.stats.forwarded} forwarded, ${relay.stats.duplicatesSent} duplicates, ${relay.stats.reordered} reordered; answers ${[...relay.stats.answers].map(([s, n]) => `${s || 'none'}×${n}`).join(' ')})`,
    );
    for (const subscriber of subscribers) {
      const lost = expected.filter((id) => !subscriber.seen.has(id)).length;
      const duplicated = [...subscriber.seen.values()].filter((n) => n > 1).length;
      lines.push(
        `${subscriber.name}: ${subscriber.seen.size} events delivered, lost ${lost}, duplicated ${duplicated}, out of order ${subscriber.outOfOrder}, resumed ${subscriber.resumes} times${subscriber.errors.length ? `, errors ${subscriber.errors.join(',')}` : ''}`,
      );
      if (lost || duplicated || subscriber.outOfOrder)
        fail(`${subscriber.name} lost ${lost}, duplicated ${duplicated}, out of order ${subscriber.outOfOrder}`);
      if (subscriber.errors.length) fail(`${subscriber.name} got ${subscriber.errors.join(', ')}`);
    }
    if (relay.stats.duplicatesPublished) fail(`${relay.stats.duplicatesPublished} duplicate webhooks published as new`);
    const byOutcome = new Map<string, number>();
    for (const [key, n] of mutationOutcomes)
      byOutcome.set(key.split(':')[1]!, (byOutcome.get(key.split(':')[1]!) ?? 0) + n);
    lines.push(`mutations: ${mutationLatencies.length} — ${[...byOutcome].map(([o, n]) => `${o} ${n}`).join(', ')}`);
    const unexpected = [...byOutcome.keys()].filter((outcome) => !EXPECTED_MUTATION_OUTCOMES.has(outcome));
    if (unexpected.length) fail(`mutations ended in ${unexpected.join(', ')}`);
    if (!byOutcome.get('ok')) fail('no mutation succeeded');
    const badAnswers = [...relay.stats.answers.keys()].filter(
      (status) => status !== 0 && !(status >= 200 && status < 300) && status !== 503,
    );
    if (badAnswers.length) fail(`gateways answered webhooks with ${badAnswers.join(', ')}`);
    lines.push(
      `burst: ${burstFigures.answers} answers, ${((burstFigures.inTime / Math.max(1, burstFigures.answers)) * 100).toFixed(1)} % within 2 s, ${burstFigures.accepted} accepted, ${burstFigures.shed} shed (503 + Retry-After), ${burstFigures.gaveUp} given up${burstFigures.other.size ? `, other ${[...burstFigures.other].map(([s, n]) => `${s}×${n}`).join(' ')}` : ''}`,
    );
    if ([...burstFigures.other.keys()].some((status) => status !== 0))
      fail('burst answered with something other than 2xx or 503 + Retry-After');
    const deliveryLatencies = subscribers.flatMap((subscriber) => subscriber.latencies);
    lines.push(
      `p99 latency: webhook answer ${percentile(webhookLatencies, 0.99).toFixed(0)} ms, mutation ${percentile(mutationLatencies, 0.99).toFixed(0)} ms, accepted → delivered ${percentile(deliveryLatencies, 0.99).toFixed(0)} ms`,
    );
    lines.push(`gateway peak RSS: ${gw.peakRssMiB.toFixed(0)} MiB (over ${2 + gw.restarts} gateway processes)`);
    if (expected.length === 0) fail('no webhook was accepted');
    for (const crash of gw.crashes) fail(crash);
    process.stdout.write(`\n${lines.join('\n')}\n${failed ? 'SOAK FAILED' : 'SOAK PASSED'}\n`);
    return !failed;
  } finally {
    await Promise.all(subscribers.map((subscriber) => subscriber.stop()));
    await gateways?.stopAll();
    await relay.close().catch(() => undefined);
    await simulator?.close();
    await redis?.dispose();
  }
}

main().then(
  (passed) => process.exit(passed ? 0 : 1),
  (error: unknown) => {
    process.stderr.write(`soak run failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
