/**
 * `npm run bench`: the gateway's hot paths, each measured beside a baseline doing the bare minimum
 * of the same work in the same run, and printed as ratios (the machine is shared and noisy, so
 * absolute numbers mean little; a ratio moves only when the gateway's own cost moves). Each side is
 * warmed up (unmeasured) before it is timed. Client, gateway and simulator share this process, so
 * `cpu/op` (process CPU per operation, measured vs baseline) is the gateway's added CPU per operation.
 *
 *   webhook ingest   signed POST → verify → normalise → dedup → bus   vs  a bare HTTP server that reads the body
 *   mutation path    speak through GraphQL → Telnyx simulator           vs  the same request straight to the simulator
 *   event fan-out    one webhook → N graphql-ws subscribers             vs  a bare server broadcasting the POSTed body on raw websockets
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool } from 'undici';
import { WebSocket, WebSocketServer } from 'ws';
import { createClient } from 'graphql-ws';
import { assembleGateway } from '../src/app';
import { loadConfig } from '../src/config';
import { createLogger } from '../src/logger';
import { startSimulator } from '../src/simulator/server';
import { signedWebhook, testKeys } from '../test/support/signing';

const quick = process.argv.includes('--quick');
const WEBHOOKS = quick ? 500 : 4000;
const MUTATIONS = quick ? 200 : 1500;
const SUBSCRIBERS = quick ? 20 : 100;
const FANOUT_ROUNDS = quick ? 20 : 100;
const CONCURRENCY = 16;

interface Figures {
  perSecond: number;
  p50: number;
  p99: number;
  /** CPU time of this whole process per operation (ms): less sensitive to a busy machine than wall time. */
  cpuPerOp: number;
}

/** Unmeasured sends before each measurement, so neither side is timed while its code is still cold (JIT, pools). */
const warmUpCount = (total: number) => Math.ceil(total / 5);

/** Sends `i` in [0, total) after a warm-up that sends [total, total + warmUpCount(total)). */
async function runLoad(total: number, concurrency: number, send: (i: number) => Promise<void>): Promise<Figures> {
  let warm = total;
  const warmEnd = total + warmUpCount(total);
  await Promise.all(Array.from({ length: concurrency }, async () => { while (warm < warmEnd) await send(warm++); }));
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
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
  const cpu = process.cpuUsage(cpuStarted);
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  return { perSecond: total / elapsed, p50: at(0.5), p99: at(0.99), cpuPerOp: (cpu.user + cpu.system) / 1000 / total };
}

async function startGateway(telnyxBaseUrl: string, apiKey: string) {
  // The per-client limit stays on (its check is part of the mutation path) but above what the bench sends.
  const config = loadConfig({
    GATEWAY_AUTH: 'off',
    LOG_LEVEL: 'silent',
    TELNYX_MAX_RETRIES: '0',
    SUBSCRIBER_MAX_BACKLOG: '10000',
    GATEWAY_RATE_LIMIT_MUTATIONS_PER_MINUTE: '1000000',
  });
  const app = assembleGateway({
    config,
    logger: createLogger('silent'),
    upstream: { baseUrl: telnyxBaseUrl, apiKey, webhookPublicKey: testKeys.publicKeyBase64 },
  });
  const url = await app.gateway.listen(0, '127.0.0.1');
  return { url, close: () => app.close() };
}

async function startBareServer() {
  const server = createServer((req, res) => {
    req.on('data', () => {}).on('end', () => res.writeHead(200).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((r) => server.close(r)) };
}

function speakEventBody(i: number) {
  return {
    data: {
      event_type: 'call.speak.ended',
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      occurred_at: new Date().toISOString(),
      record_type: 'event',
      payload: {
        call_control_id: `v3:bench-call-${i % 50}`,
        call_leg_id: `leg-${i % 50}`,
        call_session_id: `session-${i % 50}`,
        connection_id: '7267xxxxxxxxxxxxxx',
        client_state: Buffer.from('bench').toString('base64'),
        status: 'completed',
      },
    },
    meta: { attempt: 1, delivered_to: 'http://127.0.0.1/webhooks/telnyx' },
  };
}

async function benchWebhookIngest() {
  const deliveries = Array.from({ length: WEBHOOKS + warmUpCount(WEBHOOKS) }, (_, i) => signedWebhook(speakEventBody(i)));
  const post = (pool: Pool, path: string) => async (i: number) => {
    const { headers, body } = deliveries[i]!;
    const response = await pool.request({ method: 'POST', path, headers, body });
    await response.body.dump();
    if (response.statusCode !== 200) throw new Error(`webhook answered ${response.statusCode}`);
  };
  const bare = await startBareServer();
  const barePool = new Pool(bare.url, { connections: CONCURRENCY });
  const baseline = await runLoad(WEBHOOKS, CONCURRENCY, post(barePool, '/'));
  await barePool.close();
  await bare.close();

  const gateway = await startGateway('http://127.0.0.1:9/v2', 'KEY_UNUSED');
  const pool = new Pool(gateway.url, { connections: CONCURRENCY });
  const measured = await runLoad(WEBHOOKS, CONCURRENCY, post(pool, '/webhooks/telnyx'));
  await pool.close();
  await gateway.close();
  return { baseline, measured };
}

async function benchMutationPath() {
  const logger = createLogger('silent');
  const simulator = await startSimulator({ port: 0, host: '127.0.0.1', speed: 1000, logger });
  // One call per side, so each starts with the same simulator state (command ids, speak queue).
  const call = await simulator.createCall();
  const gatewayCall = await simulator.createCall();
  const simulatorPool = new Pool(new URL(simulator.apiBaseUrl).origin, { connections: CONCURRENCY });
  const basePath = new URL(simulator.apiBaseUrl).pathname;
  const direct = async (i: number) => {
    const response = await simulatorPool.request({
      method: 'POST',
      path: `${basePath}/calls/${call.callControlId}/actions/speak`,
      headers: { authorization: `Bearer ${simulator.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ payload: 'Hi', voice: 'Telnyx.KokoroTTS.af', command_id: `direct-${i}` }),
    });
    await response.body.dump();
    if (response.statusCode !== 200) throw new Error(`simulator answered ${response.statusCode}`);
  };
  const baseline = await runLoad(MUTATIONS, CONCURRENCY, direct);

  const gateway = await startGateway(simulator.apiBaseUrl, simulator.apiKey);
  const gatewayPool = new Pool(gateway.url, { connections: CONCURRENCY });
  const query = 'mutation($input: SpeakInput!) { speak(input: $input) { commandId result } }';
  const viaGateway = async (i: number) => {
    const response = await gatewayPool.request({
      method: 'POST',
      path: '/graphql',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables: { input: { callControlId: gatewayCall.callControlId, payload: 'Hi', voice: 'Telnyx.KokoroTTS.af', commandId: `gw-${i}` } } }),
    });
    const result = (await response.body.json()) as { errors?: unknown };
    if (result.errors) throw new Error(`speak failed: ${JSON.stringify(result.errors)}`);
  };
  const measured = await runLoad(MUTATIONS, CONCURRENCY, viaGateway);
  await gatewayPool.close();
  await simulatorPool.close();
  await gateway.close();
  await simulator.close();
  return { baseline, measured };
}

/** Time from sending one event until every subscriber has it, over `rounds` events. */
async function benchFanOut() {
  // Baseline: a bare HTTP server that broadcasts each POSTed body on raw websockets.
  const rawServer = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk)).on('end', () => {
      const frame = JSON.stringify({ type: 'next', id: '1', payload: { data: { callEvents: JSON.parse(Buffer.concat(chunks).toString()).data } } });
      for (const client of wss.clients) client.send(frame);
      res.writeHead(200).end();
    });
  });
  const wss = new WebSocketServer({ server: rawServer });
  await new Promise<void>((resolve) => rawServer.listen(0, '127.0.0.1', resolve));
  const rawOrigin = `127.0.0.1:${(rawServer.address() as AddressInfo).port}`;
  let rawPending = 0;
  let rawDone: () => void = () => {};
  const rawClients = await Promise.all(
    Array.from({ length: SUBSCRIBERS }, () => new Promise<WebSocket>((resolve) => {
      const socket = new WebSocket(`ws://${rawOrigin}`);
      socket.on('message', () => { if (--rawPending === 0) rawDone(); });
      socket.once('open', () => resolve(socket));
    })),
  );
  const rawPool = new Pool(`http://${rawOrigin}`, { connections: 1 });
  let rawSequence = 0;
  const baseline = await runLoad(FANOUT_ROUNDS, 1, async () => {
    rawPending = SUBSCRIBERS;
    const all = new Promise<void>((resolve) => { rawDone = resolve; });
    const { headers, body } = signedWebhook(speakEventBody(rawSequence++));
    const response = await rawPool.request({ method: 'POST', path: '/', headers, body });
    await response.body.dump();
    await all;
  });
  for (const socket of rawClients) socket.close();
  await rawPool.close();
  await new Promise((resolve) => wss.close(resolve));
  await new Promise((resolve) => rawServer.close(resolve));

  const gateway = await startGateway('http://127.0.0.1:9/v2', 'KEY_UNUSED');
  const wsUrl = `${gateway.url.replace('http', 'ws')}/graphql`;
  let pending = 0;
  let done: () => void = () => {};
  let measuring = false;
  let live = 0;
  const clients = Array.from({ length: SUBSCRIBERS }, () => createClient({ url: wsUrl, webSocketImpl: WebSocket, retryAttempts: 0 }));
  for (const client of clients) {
    let first = true;
    client.subscribe(
      { query: 'subscription { callEvents { id cursor eventType callControlId occurredAt } }' },
      {
        next: () => {
          if (!measuring) {
            if (first) live++;
            first = false;
          } else if (--pending === 0) done();
        },
        error: () => {},
        complete: () => {},
      },
    );
  }
  const pool = new Pool(gateway.url, { connections: 1 });
  let sequence = 1_000_000;
  const publish = async () => {
    const { headers, body } = signedWebhook(speakEventBody(sequence++));
    const response = await pool.request({ method: 'POST', path: '/webhooks/telnyx', headers, body });
    await response.body.dump();
  };
  // Subscriptions start asynchronously: warm up until every subscriber has seen an event.
  while (live < SUBSCRIBERS) {
    await publish();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await new Promise((resolve) => setTimeout(resolve, 200));
  measuring = true;
  const measured = await runLoad(FANOUT_ROUNDS, 1, async () => {
    pending = SUBSCRIBERS;
    const all = new Promise<void>((resolve) => { done = resolve; });
    await publish();
    await all;
  });
  await Promise.all(clients.map((client) => client.dispose()));
  await pool.close();
  await gateway.close();
  return { baseline, measured };
}

function report(name: string, { baseline, measured }: { baseline: Figures; measured: Figures }) {
  const ratio = (a: number, b: number) => (a / b).toFixed(2);
  console.log(
    `${name.padEnd(16)} throughput ${ratio(measured.perSecond, baseline.perSecond)}× baseline ` +
      `| p50 latency ${ratio(measured.p50, baseline.p50)}× | p99 latency ${ratio(measured.p99, baseline.p99)}× ` +
      `| cpu/op ${ratio(measured.cpuPerOp, baseline.cpuPerOp)}× (+${(measured.cpuPerOp - baseline.cpuPerOp).toFixed(2)} ms) ` +
      `(measured ${measured.perSecond.toFixed(0)}/s p50 ${measured.p50.toFixed(2)} ms; baseline ${baseline.perSecond.toFixed(0)}/s p50 ${baseline.p50.toFixed(2)} ms)`,
  );
}

console.log(`voice-media-gateway bench (${quick ? 'quick' : 'full'}; ratios against a baseline measured in this run)`);
report('webhook ingest', await benchWebhookIngest());
report('mutation path', await benchMutationPath());
report(`fan-out ×${SUBSCRIBERS}`, await benchFanOut());
process.exit(0);
