/**
 * `npm run overload`: does one gateway keep answering Telnyx within 2 s when offered twice what it
 * can take? Loopback only, bounded in count and time. One gateway process on a throw-away Redis
 * (append-only, fsync always), a subscriber on `callEvents`, and warm keep-alive connections:
 *   1. sustainable rate S: webhooks accepted per second by a closed loop (64 senders, 6 s) on a
 *      gateway that sheds nothing (its own process; then the gateway under test starts);
 *   2. overload: 2 × S offered open-loop for --seconds (default 10) over 2,000 connections; each
 *      webhook's time runs from when it was due, so a late sender counts against the gateway;
 *   3. every 2xx must reach the subscriber; RSS before, at peak and after.
 * Target: ≥ 99 % answered within 2 s (2xx, or 503 with Retry-After), ≥ 40 % of S accepted, every
 * 2xx delivered, RSS back within 64 MiB of where it started within 30 s. Exits 1 when one fails.
 *
 *   npm run overload -- [--seconds 10] [--factor 2] [--max-inflight N] [--max-per-turn N] [--max-delay-ms N] [--dist]
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  latestEventCursor,
  startGatewayProcess,
  subscribeCallEvents,
  type GatewayProcess,
} from '../test/support/gateway-process';
import { startThrowawayRedis } from '../test/support/redis';
import { signedWebhook } from '../test/support/signing';
import { KeepAliveSender } from './keepalive-sender';

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    factor: { type: 'string', default: '2' },
    'max-inflight': { type: 'string' },
    'max-delay-ms': { type: 'string' },
    'max-per-turn': { type: 'string' },
    connections: { type: 'string', default: '2000' },
    dist: { type: 'boolean', default: false },
  },
});
const OVERLOAD_SECONDS = Math.min(120, Number(args.seconds));
const FACTOR = Number(args.factor);
const CONNECTIONS = Math.min(4000, Number(args.connections));
const MEASURE_SECONDS = 6;
const CLOSED_LOOP_SENDERS = 64;
const ANSWER_WITHIN_MS = 2_000;
/** "Memory flat": RSS back within this of where it started once the burst is over. */
const RSS_GROWTH_ALLOWED_MIB = 64;

interface PreparedWebhook {
  id: string;
  request: Buffer;
}

/** A distinct signed `call.speak.ended` for one of 100 calls, as the bytes of its POST. */
function webhook(i: number): PreparedWebhook {
  const call = `v3:overload-${i % 100}`;
  const id = randomUUID();
  const { headers, body } = signedWebhook({
    data: {
      event_type: 'call.speak.ended',
      id,
      occurred_at: new Date().toISOString(),
      record_type: 'event',
      payload: {
        call_control_id: call,
        call_leg_id: `leg-${i % 100}`,
        call_session_id: `s-${i % 100}`,
        connection_id: '7267',
        status: 'completed',
      },
    },
    meta: { attempt: 1, delivered_to: 'http://127.0.0.1/webhooks/telnyx' },
  });
  return { id, request: KeepAliveSender.post('/webhooks/telnyx', headers, body) };
}

interface Answer {
  status: number;
  retryAfter: boolean;
  ms: number;
  id: string;
}

async function post(sender: KeepAliveSender, webhook: PreparedWebhook, dueAt: number): Promise<Answer> {
  const { status, retryAfter } = await sender.send(webhook.request);
  return { status, retryAfter, ms: performance.now() - dueAt, id: webhook.id };
}

/** The gateway's V8 heap in use, from its /metrics (garbage not yet collected included). */
async function heapInUseMiB(url: string): Promise<number> {
  const metrics = await (await fetch(`${url}/metrics`)).text();
  return Number(/^nodejs_heap_size_used_bytes (\d+)/m.exec(metrics)?.[1] ?? Number.NaN) / 2 ** 20;
}

function rssMiB(pid: number): number {
  return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
}

const percentile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

async function main(): Promise<boolean> {
  const redis = await startThrowawayRedis({ appendonly: true });
  const env: { REDIS_URL: string; REDIS_PREFIX: string } & Record<string, string> = {
    REDIS_URL: redis.url,
    REDIS_PREFIX: 'vmg-overload',
    LOG_LEVEL: 'info',
    SUBSCRIBER_MAX_BACKLOG: '100000',
    EVENT_BUFFER_TOTAL: '1000000',
  };
  if (args['max-inflight']) env.GATEWAY_MAX_INFLIGHT_WEBHOOKS = args['max-inflight'];
  if (args['max-per-turn']) env.GATEWAY_MAX_WEBHOOKS_PER_TURN = args['max-per-turn'];
  // The production default unless asked otherwise (the test helper turns it off for tests).
  env.GATEWAY_MAX_EVENT_LOOP_DELAY_MS = args['max-delay-ms'] ?? '100';
  let gateway: GatewayProcess | undefined;
  let sender: KeepAliveSender | undefined;
  try {
    // 1. Sustainable rate, on a gateway that sheds nothing: a closed loop, each sender waiting for its answer.
    process.stdout.write('pre-signing webhooks…\n');
    const closedLoop = Array.from({ length: 20_000 }, (_, i) => webhook(i));
    const unshed = await startGatewayProcess({
      name: 'unshed',
      env: {
        ...env,
        REDIS_PREFIX: 'vmg-overload-s',
        GATEWAY_MAX_INFLIGHT_WEBHOOKS: '100000',
        GATEWAY_MAX_WEBHOOKS_PER_TURN: '100000',
        GATEWAY_MAX_EVENT_LOOP_DELAY_MS: '0',
      },
      entry: args.dist ? 'dist' : 'src',
    });
    let sustainable: number;
    try {
      const senders = await KeepAliveSender.open(unshed.url, CLOSED_LOOP_SENDERS);
      let next = 0;
      const measureFrom = performance.now() + 2_000;
      const measureUntil = measureFrom + MEASURE_SECONDS * 1_000;
      let measuredAccepted = 0;
      await Promise.all(
        Array.from({ length: CLOSED_LOOP_SENDERS }, async () => {
          while (performance.now() < measureUntil && next < closedLoop.length) {
            const answer = await post(senders, closedLoop[next++]!, performance.now());
            if (answer.status === 200 && performance.now() >= measureFrom) measuredAccepted += 1;
          }
        }),
      );
      senders.close();
      sustainable = measuredAccepted / MEASURE_SECONDS;
    } finally {
      await unshed.stop();
    }
    const rate = sustainable * FACTOR;
    process.stdout.write(
      `sustainable rate S = ${sustainable.toFixed(0)} webhooks/s (closed loop, ${CLOSED_LOOP_SENDERS} senders, ${MEASURE_SECONDS} s, no shedding)\n`,
    );

    // 2. Overload: open loop at FACTOR × S, on the gateway under test.
    const total = Math.round(rate * OVERLOAD_SECONDS);
    const deliveries = Array.from({ length: total }, (_, i) => webhook(i));
    gateway = await startGatewayProcess({ name: 'overload', env, entry: args.dist ? 'dist' : 'src' });
    const subscriber = subscribeCallEvents(gateway, null, await latestEventCursor(gateway));
    sender = await KeepAliveSender.open(gateway.url, CONNECTIONS);
    const connections = sender;
    const accepted = new Set<string>();
    const note = (answer: Answer) => void (answer.status === 200 && accepted.add(answer.id));
    await sleep(500);
    const rssBefore = rssMiB(gateway.pid);
    const heapBefore = await heapInUseMiB(gateway.url);
    let rssPeak = rssBefore;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rssMiB(gateway!.pid))), 200);
    process.stdout.write(
      `offering ${rate.toFixed(0)} webhooks/s (${FACTOR} × S) for ${OVERLOAD_SECONDS} s over ${CONNECTIONS} connections: ${total} webhooks\n`,
    );
    const answers: Promise<Answer>[] = [];
    const start = performance.now();
    let sent = 0;
    while (sent < total) {
      const due = Math.min(total, Math.floor(((performance.now() - start) / 1000) * rate));
      for (; sent < due; sent++)
        answers.push(
          post(connections, deliveries[sent]!, start + (sent / rate) * 1000).then((answer) => {
            note(answer);
            return answer;
          }),
        );
      await sleep(1);
    }
    const results = await Promise.all(answers);
    const overloadSeconds = (performance.now() - start) / 1000;
    clearInterval(sampler);

    // 3. Every accepted webhook reaches the subscriber; memory settles.
    const deliveredBy = performance.now() + 60_000;
    const received = () => new Set(subscriber.events.map((event) => event.id));
    // One set per check: the subscriber runs in this process, and a check that blocks the loop for
    // long holds back the very frames it waits for.
    const allReceived = () => {
      const got = received();
      for (const id of accepted) if (!got.has(id)) return false;
      return true;
    };
    while (!allReceived() && performance.now() < deliveredBy) await sleep(250);
    const got = received();
    const undelivered = [...accepted].filter((id) => !got.has(id)).length;
    const duplicated = subscriber.events.length - got.size;
    if (undelivered > 0) {
      // What is needed to tell a lost event from a lost answer: where each missing one sat in the run.
      const order = new Map(deliveries.map((delivery, index) => [delivery.id, index]));
      for (const id of [...accepted].filter((id) => !got.has(id)).slice(0, 10)) {
        const answer = results.find((a) => a.id === id);
        process.stdout.write(
          `  missing ${id}: sent #${order.get(id)} of ${total}, answered ${answer?.status} after ${answer?.ms.toFixed(0)} ms\n`,
        );
      }
    }
    if (subscriber.errors.length)
      process.stdout.write(`subscriber errors: ${JSON.stringify(subscriber.errors).slice(0, 2_000)}\n`);
    // RSS settles as V8 shrinks its heap after the burst: wait up to 30 s for it to come back.
    let rssAfter = rssMiB(gateway.pid);
    for (let waited = 0; waited < 30_000 && rssAfter > rssBefore + RSS_GROWTH_ALLOWED_MIB; waited += 1_000) {
      await sleep(1_000);
      rssAfter = rssMiB(gateway.pid);
    }
    const heapAfter = await heapInUseMiB(gateway.url);
    await subscriber.close();

    const answeredInTime = results.filter(
      (a) => a.ms <= ANSWER_WITHIN_MS && (a.status === 200 || (a.status === 503 && a.retryAfter)),
    ).length;
    const ok = results.filter((a) => a.status === 200);
    const shed = results.filter((a) => a.status === 503 && a.retryAfter).length;
    const other = results.filter((a) => a.status !== 200 && !(a.status === 503 && a.retryAfter));
    const latencies = results.map((a) => a.ms).sort((a, b) => a - b);
    const acceptedRate = ok.length / OVERLOAD_SECONDS;
    const inTimeShare = answeredInTime / results.length;
    const metrics = await (await fetch(`${gateway.url}/metrics`)).text();
    const shedMetric = [...metrics.matchAll(/^vmg_webhooks_shed_total\{reason="(\w+)"\} (\d+)/gm)]
      .map((m) => `${m[1]}=${m[2]}`)
      .join(' ');

    const report = [
      `answered within 2 s: ${answeredInTime}/${results.length} (${(inTimeShare * 100).toFixed(2)} %)   [target ≥ 99 %]`,
      `accepted (2xx): ${ok.length} = ${acceptedRate.toFixed(0)}/s = ${((acceptedRate / sustainable) * 100).toFixed(0)} % of S   [target ≥ 40 %]`,
      `shed (503 + Retry-After): ${shed}   /metrics vmg_webhooks_shed_total: ${shedMetric || 'none'}`,
      `other answers: ${other.length} (${[...new Set(other.map((a) => a.status))].join(', ') || 'none'})`,
      `latency from due time: p50 ${percentile(latencies, 0.5).toFixed(0)} ms, p99 ${percentile(latencies, 0.99).toFixed(0)} ms, max ${percentile(latencies, 1).toFixed(0)} ms (offered over ${overloadSeconds.toFixed(1)} s)`,
      `every 2xx delivered: ${undelivered === 0 ? 'yes' : `NO, ${undelivered} missing`} (${got.size} events to the subscriber, ${duplicated} twice)`,
      `gateway RSS: ${rssBefore.toFixed(0)} MiB before, ${rssPeak.toFixed(0)} MiB peak, ${rssAfter.toFixed(0)} MiB after (V8 heap in use ${heapBefore.toFixed(0)} → ${heapAfter.toFixed(0)} MiB)`,
    ];
    process.stdout.write(`${report.join('\n')}\n`);
    const passed =
      inTimeShare >= 0.99 &&
      acceptedRate >= 0.4 * sustainable &&
      undelivered === 0 &&
      duplicated === 0 &&
      rssAfter <= rssBefore + RSS_GROWTH_ALLOWED_MIB;
    process.stdout.write(passed ? 'PASS\n' : 'FAIL\n');
    return passed;
  } finally {
    sender?.close();
    await gateway?.stop();
    await redis.dispose();
  }
}

main().then(
  (passed) => process.exit(passed ? 0 : 1),
  (error: unknown) => {
    process.stderr.write(`overload run failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
