/**
 * The servers `npm run bench` measures, each started as its own process so that its CPU time can be
 * read from /proc/<pid>/stat: `node --import tsx bench/servers.ts <kind>`, options as JSON in
 * BENCH_OPTIONS; it prints one JSON line `{"url": …}` once listening. SIGUSR2 runs a full GC (the
 * memory figures are read after it, on every side alike).
 *
 *   gateway          the gateway itself (assembleGateway), auth off, Telnyx at `telnyxBaseUrl`
 *   telnyx-standin   a zero-latency Telnyx stand-in answering every action; `stallEvery` stalls one request in N
 *   bare-forwarder   the least a mutation hop does: parse the JSON, one undici request to the stand-in, answer
 *   bare-ingest      the least webhook ingest does: Ed25519 verify + JSON.parse
 *   bare-broadcast   the least fan-out does: verify the webhook, send one `next` frame to every raw websocket
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verify } from 'node:crypto';
import { Pool } from 'undici';
import { WebSocketServer } from 'ws';
import { assembleGateway } from '../src/app';
import { loadConfig } from '../src/config';
import { createLogger } from '../src/lib/logger';
import { importTelnyxPublicKey } from '../src/webhooks/verify';

interface Options {
  publicKey?: string;
  telnyxBaseUrl?: string;
  env?: Record<string, string>;
  stallEvery?: number;
  stallMs?: number;
  telnyxTuning?: Record<string, unknown>;
}

const kind = process.argv[2];
const options = JSON.parse(process.env.BENCH_OPTIONS ?? '{}') as Options;
const gc = (globalThis as { gc?: () => void }).gc;
process.on('SIGUSR2', () => gc?.());

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req
      .on('data', (chunk: Buffer) => chunks.push(chunk))
      .on('end', () => resolve(Buffer.concat(chunks)))
      .on('error', reject);
  });
}

/** With its length, as the gateway answers: head and body in one write, not chunked. */
function answerJson(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function verifyWebhook(req: IncomingMessage, body: Buffer, key: ReturnType<typeof importTelnyxPublicKey>): boolean {
  const timestamp = req.headers['telnyx-timestamp'] as string;
  const signature = Buffer.from(req.headers['telnyx-signature-ed25519'] as string, 'base64');
  return verify(null, Buffer.concat([Buffer.from(`${timestamp}|`), body]), key, signature);
}

async function start(): Promise<string> {
  switch (kind) {
    case 'gateway': {
      // The per-client mutation limit stays on (its check is part of the mutation path) but above what
      // the bench sends; the ingest bench measures the path, not the load shedding.
      const config = loadConfig({
        GATEWAY_AUTH: 'off',
        LOG_LEVEL: 'silent',
        GATEWAY_RATE_LIMIT_MUTATIONS_PER_MINUTE: '1000000',
        GATEWAY_MAX_EVENT_LOOP_DELAY_MS: '0',
        GATEWAY_MAX_INFLIGHT_WEBHOOKS: '100000',
        GATEWAY_MAX_WEBHOOKS_PER_TURN: '100000',
        ...options.env,
      });
      const app = assembleGateway({
        config,
        logger: createLogger('silent'),
        upstream: {
          baseUrl: options.telnyxBaseUrl ?? 'http://127.0.0.1:9/v2',
          apiKey: 'KEY_BENCH',
          webhookPublicKey: options.publicKey!,
        },
        tuning: options.telnyxTuning ? { telnyx: options.telnyxTuning } : undefined,
      });
      return app.gateway.listen(0, '127.0.0.1');
    }
    case 'telnyx-standin': {
      let requests = 0;
      const answer = JSON.stringify({ data: { result: 'ok' } });
      const server = createServer(async (req, res) => {
        await readBody(req);
        const stall = options.stallEvery && ++requests % options.stallEvery === 0;
        const reply = () => answerJson(res, 200, answer);
        if (stall) setTimeout(reply, options.stallMs ?? 3_000);
        else reply();
      });
      server.keepAliveTimeout = 60_000;
      return listen(server);
    }
    case 'bare-forwarder': {
      const upstream = new URL(options.telnyxBaseUrl!);
      const pool = new Pool(upstream.origin, { connections: 32 });
      const server = createServer(async (req, res) => {
        const { variables } = JSON.parse((await readBody(req)).toString()) as {
          variables: { input: { callControlId: string; commandId: string } };
        };
        const { callControlId, commandId } = variables.input;
        const response = await pool.request({
          method: 'POST',
          path: `${upstream.pathname}/calls/${encodeURIComponent(callControlId)}/actions/playback_stop`,
          headers: { authorization: 'Bearer KEY_BENCH', 'content-type': 'application/json' },
          body: JSON.stringify({ command_id: commandId }),
        });
        const { data } = (await response.body.json()) as { data: { result: string } };
        answerJson(res, 200, JSON.stringify({ data: { stopPlayback: { commandId, result: data.result } } }));
      });
      return listen(server);
    }
    case 'bare-ingest': {
      const key = importTelnyxPublicKey(options.publicKey!);
      const server = createServer(async (req, res) => {
        const body = await readBody(req);
        if (!verifyWebhook(req, body, key)) return void res.writeHead(401).end();
        JSON.parse(body.toString());
        answerJson(res, 200, '{"status":"published"}');
      });
      return listen(server);
    }
    case 'bare-broadcast': {
      const key = importTelnyxPublicKey(options.publicKey!);
      const server = createServer(async (req, res) => {
        const body = await readBody(req);
        if (!verifyWebhook(req, body, key)) return void res.writeHead(401).end();
        const { data } = JSON.parse(body.toString()) as { data: unknown };
        const frame = JSON.stringify({ id: '1', type: 'next', payload: { data: { callEvents: data } } });
        for (const client of wss.clients) client.send(frame);
        answerJson(res, 200, '{"status":"published"}');
      });
      const wss = new WebSocketServer({ server });
      return listen(server);
    }
    default:
      throw new Error(`unknown server kind ${kind}`);
  }
}

const url = await start();
process.stdout.write(`${JSON.stringify({ url })}\n`);
