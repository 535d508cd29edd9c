/**
 * `npm run bench` (second part): what tracing costs. Each path runs on a gateway with tracing off
 * and on a gateway with tracing on (OTLP http/protobuf to a loopback collector stand-in that reads
 * and discards every export), alternating off/on/off/on so that both see the same machine; printed
 * as on/off ratios and the CPU tracing adds per operation (client, gateway, simulator and exporter
 * share this process, so cpu/op is the steadiest figure).
 *
 *   mutation path   speak through GraphQL → simulator: an operation span and a Telnyx span
 *   webhook ingest  signed POST → bus (no subscribers): a webhook span and a delivery span
 *   fan-out ×20     one webhook → 20 graphql-ws subscribers: the same two spans, and the fan-out
 *   spans alone     a webhook span and a delivery span, nothing else: CPU per pair, export included
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient } from 'graphql-ws';
import { Pool } from 'undici';
import { WebSocket } from 'ws';
import { assembleGateway } from '../src/app';
import { loadConfig } from '../src/config';
import { createLogger } from '../src/lib/logger';
import { startSimulator, type RunningSimulator } from '../src/simulator/server';
import { startTracing } from '../src/tracing/start';
import type { Tracing } from '../src/tracing/tracing';
import { signedWebhook, testKeys } from '../test/support/signing';

const quick = process.argv.includes('--quick');
const MUTATIONS = quick ? 300 : 1500;
const WEBHOOKS = quick ? 600 : 3000;
const FANOUT_ROUNDS = quick ? 40 : 150;
const SUBSCRIBERS = 20;
const CONCURRENCY = 16;
const ROUNDS = 2;

interface Figures {
  perSecond: number;
  p50: number;
  cpuPerOp: number;
}

async function runLoad(
  total: number,
  concurrency: number,
  send: (i: number) => Promise<void>,
  offset: number,
): Promise<Figures> {
  // Warm-up, unmeasured: a fifth of the run.
  let warm = 0;
  const warmTotal = Math.ceil(total / 5);
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (warm < warmTotal) await send(offset + total + warm++);
    }),
  );
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const i = next++;
        const t0 = performance.now();
        await send(offset + i);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStarted);
  latencies.sort((a, b) => a - b);
  return {
    perSecond: total / elapsed,
    p50: latencies[Math.floor(latencies.length / 2)]!,
    cpuPerOp: (cpu.user + cpu.system) / 1000 / total,
  };
}

/** An OTLP receiver that reads each export and answers 200, as a collector does. */
async function startDiscardingCollector() {
  let exports = 0;
  const server = createServer((req, res) => {
    req
      .on('data', () => {})
      .on('end', () => {
        exports++;
        res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    exports: () => exports,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

async function startGateway(traced: boolean, collectorEndpoint: string, upstream: { baseUrl: string; apiKey: string }) {
  const config = loadConfig({
    GATEWAY_AUTH: 'off',
    LOG_LEVEL: 'silent',
    TELNYX_MAX_RETRIES: '0',
    SUBSCRIBER_MAX_BACKLOG: '10000',
    // Measure tracing, not the per-client mutation limit or the webhook shedding the bench's load would meet.
    GATEWAY_RATE_LIMIT_MUTATIONS_PER_MINUTE: '1000000',
    GATEWAY_MAX_EVENT_LOOP_DELAY_MS: '0',
    GATEWAY_MAX_INFLIGHT_WEBHOOKS: '100000',
    GATEWAY_MAX_WEBHOOKS_PER_TURN: '100000',
    ...(traced ? { OTEL_EXPORTER_OTLP_ENDPOINT: collectorEndpoint } : {}),
  });
  const logger = createLogger('silent');
  const tracing = await startTracing(config.tracing, logger);
  const app = assembleGateway({
    config,
    logger,
    tracing,
    upstream: { ...upstream, webhookPublicKey: testKeys.publicKeyBase64 },
  });
  const url = await app.gateway.listen(0, '127.0.0.1');
  return { url, close: () => app.close() };
}

function speakEndedBody(i: number) {
  return {
    data: {
      event_type: 'call.speak.ended',
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      occurred_at: new Date().toISOString(),
      record_type: 'event',
      payload: {
        call_control_id: `v3:bench-call-${i % 50}`,
        call_leg_id: `leg-${i % 50}`,
        call_session_id: 's',
        connection_id: 'c',
        status: 'completed',
      },
    },
    meta: { attempt: 1 },
  };
}

type Bench = (traced: boolean, round: number) => Promise<Figures>;

function mutationPath(simulator: RunningSimulator, collector: string): Bench {
  return async (traced, round) => {
    const call = await simulator.createCall();
    const gateway = await startGateway(traced, collector, { baseUrl: simulator.apiBaseUrl, apiKey: simulator.apiKey });
    const pool = new Pool(gateway.url, { connections: CONCURRENCY });
    const query = 'mutation($input: SpeakInput!) { speak(input: $input) { commandId result } }';
    const figures = await runLoad(
      MUTATIONS,
      CONCURRENCY,
      async (i) => {
        const response = await pool.request({
          method: 'POST',
          path: '/graphql',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            query,
            variables: {
              input: {
                callControlId: call.callControlId,
                payload: 'Hi',
                voice: 'Telnyx.KokoroTTS.af',
                commandId: `c-${i}`,
              },
            },
          }),
        });
        const result = (await response.body.json()) as { errors?: unknown };
        if (result.errors) throw new Error(`speak failed: ${JSON.stringify(result.errors)}`);
      },
      round * 1_000_000,
    );
    await pool.close();
    await gateway.close();
    return figures;
  };
}

function webhookIngest(collector: string): Bench {
  return async (traced, round) => {
    const gateway = await startGateway(traced, collector, { baseUrl: 'http://127.0.0.1:9/v2', apiKey: 'KEY_UNUSED' });
    const pool = new Pool(gateway.url, { connections: CONCURRENCY });
    const figures = await runLoad(
      WEBHOOKS,
      CONCURRENCY,
      async (i) => {
        const { headers, body } = signedWebhook(speakEndedBody(i));
        const response = await pool.request({ method: 'POST', path: '/webhooks/telnyx', headers, body });
        await response.body.dump();
        if (response.statusCode !== 200) throw new Error(`webhook answered ${response.statusCode}`);
      },
      round * 1_000_000,
    );
    await pool.close();
    await gateway.close();
    return figures;
  };
}

function fanOut(collector: string): Bench {
  return async (traced, round) => {
    const gateway = await startGateway(traced, collector, { baseUrl: 'http://127.0.0.1:9/v2', apiKey: 'KEY_UNUSED' });
    const wsUrl = `${gateway.url.replace('http', 'ws')}/graphql`;
    let pending = 0;
    let allReceived = () => {};
    let live = 0;
    const clients = Array.from({ length: SUBSCRIBERS }, () =>
      createClient({ url: wsUrl, webSocketImpl: WebSocket, retryAttempts: 0 }),
    );
    for (const client of clients) {
      let first = true;
      client.subscribe(
        { query: 'subscription { callEvents { id cursor eventType callControlId occurredAt } }' },
        {
          next: () => {
            if (first) live++;
            first = false;
            if (pending > 0 && --pending === 0) allReceived();
          },
          error: () => {},
          complete: () => {},
        },
      );
    }
    const pool = new Pool(gateway.url, { connections: 1 });
    const publish = async (i: number) => {
      const { headers, body } = signedWebhook(speakEndedBody(i));
      const response = await pool.request({ method: 'POST', path: '/webhooks/telnyx', headers, body });
      await response.body.dump();
    };
    let probe = round * 1_000_000 + 900_000;
    while (live < SUBSCRIBERS) {
      await publish(probe++);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    const figures = await runLoad(
      FANOUT_ROUNDS,
      1,
      async (i) => {
        pending = SUBSCRIBERS;
        const all = new Promise<void>((resolve) => (allReceived = resolve));
        await publish(i);
        await all;
      },
      round * 1_000_000,
    );
    await Promise.all(clients.map((client) => client.dispose()));
    await pool.close();
    await gateway.close();
    return figures;
  };
}

async function compare(name: string, bench: Bench) {
  const off: Figures[] = [];
  const on: Figures[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    off.push(await bench(false, round * 2));
    on.push(await bench(true, round * 2 + 1));
  }
  const mean = (list: Figures[], key: keyof Figures) =>
    list.reduce((sum, figures) => sum + figures[key], 0) / list.length;
  const ratio = (key: keyof Figures) => (mean(on, key) / mean(off, key)).toFixed(2);
  const addedCpu = mean(on, 'cpuPerOp') - mean(off, 'cpuPerOp');
  console.log(
    `${name.padEnd(16)} tracing on/off: throughput ${ratio('perSecond')}× | p50 latency ${ratio('p50')}× | cpu/op ${ratio('cpuPerOp')}× ` +
      `(${addedCpu >= 0 ? '+' : ''}${(addedCpu * 1000).toFixed(0)} µs per operation) ` +
      `(off ${mean(off, 'perSecond').toFixed(0)}/s p50 ${mean(off, 'p50').toFixed(2)} ms; on ${mean(on, 'perSecond').toFixed(0)}/s p50 ${mean(on, 'p50').toFixed(2)} ms)`,
  );
}

/**
 * The spans alone, without the servers around them: CPU per webhook span + delivery span, from
 * start to the collector's answer (batching and protobuf export included). Steadier than the
 * on/off ratios above when the machine is busy.
 */
async function spansAlone(collectorEndpoint: string): Promise<void> {
  const config = loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: collectorEndpoint, OTEL_BSP_SCHEDULE_DELAY: '100' });
  const tracing = (await startTracing(config.tracing, createLogger('silent')))!;
  const total = quick ? 5_000 : 20_000;
  const warmUp = total / 5;
  let cpuStarted = process.cpuUsage();
  for (let i = 0; i < warmUp + total; i++) {
    if (i === warmUp) cpuStarted = process.cpuUsage();
    const webhook = tracing.startWebhook({});
    webhook.event('call.speak.ended', `v3:bench-call-${i % 50}`);
    const event = { eventType: 'call.speak.ended', cursor: `${i}-0`, traceparent: webhook.traceparent };
    tracing.deliver(event as Parameters<Tracing['deliver']>[0], 0, () => {});
    webhook.end('accepted', 'published');
    // Let the exporter run as it would between requests (its queue holds 2048 spans).
    if (i % 200 === 199) await new Promise((resolve) => setTimeout(resolve, 5));
  }
  await tracing.shutdown();
  const cpu = process.cpuUsage(cpuStarted);
  console.log(
    `spans alone      ${((cpu.user + cpu.system) / total).toFixed(1)} µs CPU per webhook + delivery span pair, export included`,
  );
}

console.log(
  `tracing cost (${quick ? 'quick' : 'full'}; OTLP http/protobuf to a loopback collector; off and on alternate, ${ROUNDS} rounds each)`,
);
const collector = await startDiscardingCollector();
const simulator = await startSimulator({ port: 0, host: '127.0.0.1', speed: 1000, logger: createLogger('silent') });
await compare('mutation path', mutationPath(simulator, collector.endpoint));
await compare('webhook ingest', webhookIngest(collector.endpoint));
await compare(`fan-out ×${SUBSCRIBERS}`, fanOut(collector.endpoint));
await spansAlone(collector.endpoint);
if (collector.exports() === 0) throw new Error('the collector received no export: tracing did not run');
await simulator.close();
await collector.close();
process.exit(0);
