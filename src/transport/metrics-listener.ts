import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Metrics } from '../lib/metrics';

/** Answers a scrape with the registry in Prometheus text format. */
export async function sendMetrics(res: ServerResponse, metrics: Metrics): Promise<void> {
  const body = await metrics.registry.metrics();
  res.writeHead(200, { 'content-type': metrics.registry.contentType });
  res.end(body);
}

/** Listens on `port` of `host`; resolves with the base URL (http://host:port, IPv6 in brackets). */
export function listenOn(server: Server, port: number, host: string): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address() as AddressInfo;
      const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      resolve(`http://${shownHost}:${address.port}`);
    });
  });
}

/**
 * `GET /metrics` on a listener of its own (GATEWAY_METRICS_PORT), as Apollo Router and most
 * gateways offer: the scraper reaches it while the public port, exposed to clients, does not serve
 * it. It answers nothing else.
 */
export function createMetricsListener(metrics: Metrics) {
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    sendMetrics(res, metrics).catch(() => {
      res.destroy();
    });
  });
  return {
    listen: (port: number, host: string) => listenOn(server, port, host),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
