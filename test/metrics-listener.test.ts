import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type Harness } from './support/gateway';

/** Whether anything accepts TCP connections at `url` (http://host:port). */
function accepts(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('/metrics without GATEWAY_METRICS_PORT', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startGateway({ auth: 'off' });
  });
  afterAll(() => harness.close());

  it('is served on the public port, and there is no other listener', async () => {
    const response = await fetch(`${harness.url}/metrics`);
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(/^vmg_active_subscriptions /m);
    expect(harness.gateway.metricsUrl()).toBeUndefined();
  });
});

describe('/metrics with GATEWAY_METRICS_PORT', () => {
  let harness: Harness;
  let metricsUrl: string;
  beforeAll(async () => {
    // 0: a free port, as PORT=0 gives the public listener one.
    harness = await startGateway({ auth: 'off', env: { GATEWAY_METRICS_PORT: '0' } });
    metricsUrl = harness.gateway.metricsUrl()!;
  });
  afterAll(() => harness.close());

  it('is served on a listener of its own, on the same host, in Prometheus text format', async () => {
    expect(new URL(metricsUrl).hostname).toBe(new URL(harness.url).hostname);
    expect(new URL(metricsUrl).port).not.toBe(new URL(harness.url).port);
    const response = await fetch(`${metricsUrl}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    expect(await response.text()).toMatch(/^vmg_active_subscriptions /m);
  });

  it('answers 404 for /metrics on the public port, which serves everything else', async () => {
    expect((await fetch(`${harness.url}/metrics`)).status).toBe(404);
    expect((await fetch(`${harness.url}/healthz`)).status).toBe(200);
    expect((await harness.graphql('{ __typename }')).body).toEqual({ data: { __typename: 'Query' } });
  });

  it('serves nothing but /metrics on the metrics port', async () => {
    for (const path of ['/graphql', '/healthz', '/', '/metrics/x']) {
      expect((await fetch(`${metricsUrl}${path}`)).status, path).toBe(404);
    }
  });

  it('closes with the gateway', async () => {
    const own = await startGateway({ auth: 'off', env: { GATEWAY_METRICS_PORT: '0' } });
    const url = own.gateway.metricsUrl()!;
    expect(await accepts(url)).toBe(true);
    await own.close();
    expect(await accepts(url)).toBe(false);
  });
});
