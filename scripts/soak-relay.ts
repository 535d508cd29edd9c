/**
 * The soak's stand-in for the network between Telnyx and the gateways: a loopback HTTP server the
 * simulator sends its webhooks to, which forwards each to a random live gateway (a load balancer)
 * and answers the simulator with that gateway's answer. On the way it makes trouble:
 *   - duplicates: after a 2xx, the same signed bytes again later to a random gateway;
 *   - reordering: some webhooks are acknowledged at once and forwarded later (the relay then owns
 *     them and retries until a gateway accepts), so they land after the call's later events.
 * It records every webhook a gateway accepted (2xx): the events subscribers must get, once each.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { Agent, request } from 'undici';

export interface RelayOptions {
  /** The webhook URLs of the gateways running now. */
  targets: () => string[];
  duplicateShare: number;
  reorderShare: number;
}

export interface WebhookDelivery {
  id: string;
  headers: Record<string, string>;
  body: string;
}

export interface RelayStats {
  forwarded: number;
  /** Answers of gateways by status (0: no answer: connection refused or reset, or over 2.5 s). */
  answers: Map<number, number>;
  /** Gateway answer times (ms). */
  latencies: number[];
  duplicatesSent: number;
  /** A duplicate the gateway published as new: dedup failed. */
  duplicatesPublished: number;
  reordered: number;
}

const ANSWER_TIMEOUT_MS = 2_500;

export class WebhookRelay {
  /** Every webhook a gateway accepted as an event (published, or a duplicate of one), with when it was first accepted. */
  readonly accepted = new Map<string, number>();
  readonly stats: RelayStats = {
    forwarded: 0,
    answers: new Map(),
    latencies: [],
    duplicatesSent: 0,
    duplicatesPublished: 0,
    reordered: 0,
  };
  private readonly agent = new Agent({ connections: 64, keepAliveTimeout: 4_000 });
  private readonly owned = new Set<Promise<void>>();
  private server = createServer((req, res) => {
    void readDelivery(req).then(async (delivery) => {
      if (!delivery) return void res.writeHead(400).end();
      if (Math.random() < this.options.reorderShare) {
        this.stats.reordered += 1;
        res.writeHead(200).end();
        this.own(this.deliverLater(delivery, 50 + Math.random() * 1_500));
        return;
      }
      const { status, body } = await this.forward(delivery);
      res.writeHead(status === 0 ? 502 : status, { 'content-type': 'application/json' }).end(body);
    });
  });
  url = '';
  private stopped = false;

  constructor(private readonly options: RelayOptions) {}

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/webhooks/telnyx`;
    return this.url;
  }

  /** Sends a delivery to a random live gateway once; records the answer and what was accepted. */
  async forward(delivery: WebhookDelivery, duplicate = false): Promise<{ status: number; body: string }> {
    const targets = this.options.targets();
    const target = targets[Math.floor(Math.random() * targets.length)];
    if (!target) return { status: 0, body: '' };
    this.stats.forwarded += 1;
    const started = performance.now();
    let status = 0;
    let body = '';
    try {
      const response = await request(target, {
        method: 'POST',
        dispatcher: this.agent,
        headers: delivery.headers,
        body: delivery.body,
        headersTimeout: ANSWER_TIMEOUT_MS,
        bodyTimeout: ANSWER_TIMEOUT_MS,
      });
      body = await response.body.text();
      status = response.statusCode;
    } catch {
      status = 0;
    }
    this.stats.latencies.push(performance.now() - started);
    this.stats.answers.set(status, (this.stats.answers.get(status) ?? 0) + 1);
    if (status >= 200 && status < 300) {
      if (duplicate && body.includes('"published"')) this.stats.duplicatesPublished += 1;
      // Only published event types reach subscribers; call.initiated and the like are acknowledged and dropped.
      const publishable = body.includes('"published"') || body.includes('"duplicate"');
      if (publishable && !this.accepted.has(delivery.id)) this.accepted.set(delivery.id, performance.now());
      if (!duplicate && Math.random() < this.options.duplicateShare) {
        this.stats.duplicatesSent += 1;
        this.own(this.deliverLater(delivery, Math.random() * 2_000, true));
      }
    }
    return { status, body };
  }

  /** Resolves once every webhook the relay owns has been accepted. */
  async idle(): Promise<void> {
    while (this.owned.size > 0) await Promise.all([...this.owned]);
  }

  async close(): Promise<void> {
    this.stopped = true;
    await this.idle();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    await this.agent.close();
  }

  private own(work: Promise<void>): void {
    this.owned.add(work);
    void work.finally(() => this.owned.delete(work));
  }

  /** As Telnyx would for a webhook it still has: after `delayMs`, until a gateway accepts it. */
  private async deliverLater(delivery: WebhookDelivery, delayMs: number, duplicate = false): Promise<void> {
    await sleep(delayMs);
    for (let attempt = 0; attempt < 600; attempt++) {
      const { status } = await this.forward(delivery, duplicate);
      if (status >= 200 && status < 300) return;
      if (this.stopped && attempt > 100) return;
      await sleep(200);
    }
  }
}

async function readDelivery(req: IncomingMessage): Promise<WebhookDelivery | null> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks).toString('utf8');
  try {
    const id = (JSON.parse(body) as { data: { id: string } }).data.id;
    const pick = (name: string) => String(req.headers[name] ?? '');
    const headers = {
      'content-type': 'application/json',
      'user-agent': pick('user-agent'),
      'telnyx-timestamp': pick('telnyx-timestamp'),
      'telnyx-signature-ed25519': pick('telnyx-signature-ed25519'),
    };
    return { id, headers, body };
  } catch {
    return null;
  }
}
