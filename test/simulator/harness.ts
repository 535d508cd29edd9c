/**
 * A simulator on port 0 plus a loopback webhook receiver that keeps every delivery's raw body and
 * headers, and can be told to fail or stall deliveries.
 */
import type { Loose, LooseRecord } from '../support/loose';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from '../../src/lib/logger';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../../src/simulator/server';

export interface Delivery {
  headers: IncomingHttpHeaders;
  rawBody: string;
  body: {
    data: { event_type: string; id: string; occurred_at: string; payload: LooseRecord; record_type: string };
    meta: { attempt: number; delivered_to: string };
  };
  /** What the receiver answered. */
  status: number | 'no answer';
  /** performance.now() when the body had arrived. */
  receivedAt: number;
}

/** Decides the answer to the n-th delivery (0-based): an HTTP status, or no answer at all. */
export type Responder = (delivery: Delivery, index: number) => number | 'no answer';

export class WebhookReceiver {
  readonly deliveries: Delivery[] = [];
  responder: Responder = () => 200;
  private readonly server: Server;
  private readonly stalled = new Set<import('node:http').ServerResponse>();
  url = '';

  constructor() {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const rawBody = Buffer.concat(chunks).toString('utf8');
        const delivery: Delivery = {
          headers: req.headers,
          rawBody,
          body: JSON.parse(rawBody),
          status: 200,
          receivedAt: performance.now(),
        };
        delivery.status = this.responder(delivery, this.deliveries.length);
        this.deliveries.push(delivery);
        if (delivery.status === 'no answer') {
          this.stalled.add(res);
          return;
        }
        res.writeHead(delivery.status).end();
      });
    });
  }

  async listen(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', () => resolve()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/webhooks/telnyx`;
    return this;
  }

  /** Deliveries answered 2xx, first per `data.id`: the events as a receiver that de-duplicates sees them. */
  accepted(filter?: { callLegId?: string }): Delivery[] {
    const seen = new Set<string>();
    return this.deliveries.filter((d) => {
      if (typeof d.status !== 'number' || d.status >= 300 || seen.has(d.body.data.id)) return false;
      seen.add(d.body.data.id);
      return !filter?.callLegId || d.body.data.payload.call_leg_id === filter.callLegId;
    });
  }

  eventTypes(callLegId: string, prefix = 'call.'): string[] {
    return this.accepted({ callLegId })
      .map((d) => d.body.data.event_type)
      .filter((type) => type.startsWith(prefix));
  }

  async close(): Promise<void> {
    for (const res of this.stalled) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

export interface Harness {
  sim: RunningSimulator;
  receiver: WebhookReceiver;
  /** A call to `/v2/...` (or `/simulator/...`) with the simulator's API key unless headers say otherwise. */
  api(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: Loose }>;
  action(callControlId: string, action: string, body?: unknown): Promise<{ status: number; body: Loose }>;
  close(): Promise<void>;
}

export const SPEED = 1_000;

export async function startHarness(options: Partial<SimulatorOptions> = {}): Promise<Harness> {
  const receiver = await new WebhookReceiver().listen();
  const sim = await startSimulator({
    port: 0,
    host: '127.0.0.1',
    speed: SPEED,
    logger: createLogger('silent'),
    webhookUrl: receiver.url,
    ...options,
  });
  const root = sim.apiBaseUrl.replace(/\/v2$/, '');
  const api: Harness['api'] = async (method, path, body, headers) => {
    const response = await fetch(`${root}${path}`, {
      method,
      headers: { authorization: `Bearer ${sim.apiKey}`, 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  };
  return {
    sim,
    receiver,
    api,
    action: (id, action, body = {}) => api('POST', `/v2/calls/${id}/actions/${action}`, body),
    close: async () => {
      await sim.close();
      await receiver.close();
    },
  };
}

export const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');
