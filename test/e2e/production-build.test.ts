import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGatewayProcess, type GatewayProcess } from '../support/gateway-process';

const repositoryRoot = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The production artefact: `npm run build`, then `node dist/main.js` with no TypeScript loader,
 * in simulator mode (nothing configured), serving health, a mutation against the simulator and
 * metrics, and exiting 0 on SIGTERM.
 */
describe('production build (node dist/main.js)', () => {
  let gateway: GatewayProcess;
  let baseUrl: string;
  let demoCallControlId: string;

  beforeAll(async () => {
    await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/build.ts', '--no-console'], {
      cwd: repositoryRoot,
    });
    gateway = await startGatewayProcess({ entry: 'dist', environment: 'fresh shell', env: { SIMULATOR_SPEED: '20' } });
    baseUrl = gateway.url;
    demoCallControlId = gateway.demoCallControlId!;
  }, 120_000);

  afterAll(() => gateway?.kill('SIGKILL'));

  it('is one file that imports only packages, none of the TypeScript sources', async () => {
    const bundle = await readFile(`${repositoryRoot}dist/main.js`, 'utf8');
    const specifiers = [...bundle.matchAll(/^import .* from "([^"]+)";$/gm)].map((match) => match[1]!);
    expect(specifiers.length).toBeGreaterThan(5);
    expect(specifiers.filter((specifier) => specifier.startsWith('.') || specifier.endsWith('.ts'))).toEqual([]);
    // Tracing is off here: OpenTelemetry is imported only when it is switched on.
    expect(specifiers.filter((specifier) => specifier.startsWith('@opentelemetry/'))).toEqual([]);
  });

  it('answers /healthz and /readyz', async () => {
    expect((await fetch(`${baseUrl}/healthz`)).status).toBe(200);
    expect((await fetch(`${baseUrl}/readyz`)).status).toBe(200);
  });

  it('sends a mutation through to the simulator and counts it in /metrics', async () => {
    const response = await fetch(`${baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query:
          'mutation($id: ID!) { speak(input: { callControlId: $id, payload: "Built", voice: "Telnyx.KokoroTTS.af" }) { result commandId } }',
        variables: { id: demoCallControlId },
      }),
    });
    const body = (await response.json()) as { data?: { speak: { result: string } }; errors?: unknown };
    expect(body.errors).toBeUndefined();
    expect(body.data?.speak.result).toBe('ok');
    const metrics = await (await fetch(`${baseUrl}/metrics`)).text();
    expect(metrics).toMatch(/vmg_telnyx_request_seconds_count\{operation="speak",outcome="ok"\} 1/);
  });

  it('serves the browser console from console/dist/, found relative to its own file', async () => {
    const response = await fetch(`${baseUrl}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await response.text()).toMatch(/<script[^>]+src="\/console\//);
  });

  it('serves GraphiQL and its files from beside the bundle', async () => {
    const page = await (await fetch(`${baseUrl}/graphql`, { headers: { accept: 'text/html' } })).text();
    const scripts = [...page.matchAll(/<script[^>]+src="([^"]+)"/g)].map((match) => match[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    for (const src of scripts) expect((await fetch(new URL(src, baseUrl))).status, src).toBe(200);
  });

  it('exits 0 on SIGTERM', async () => {
    gateway.signal('SIGTERM');
    expect((await gateway.exited).code).toBe(0);
  });
});
