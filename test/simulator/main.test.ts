/** `npm run simulator`: the simulator alone, configured by environment, announcing what clients need. */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { TelnyxWebhook } from 'telnyx/lib/webhooks';
import { afterEach, expect, it } from 'vitest';
import { WebhookReceiver } from './harness';
import { waitFor } from '../support/wait';

const root = fileURLToPath(new URL('../..', import.meta.url));
let child: ChildProcess | undefined;
let receiver: WebhookReceiver | undefined;
afterEach(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  await receiver?.close();
});

it('prints its API base URL, key and public key, serves calls and signs webhooks to SIMULATOR_WEBHOOK_URL', async () => {
  receiver = await new WebhookReceiver().listen();
  child = spawn(process.execPath, ['--import', 'tsx', 'src/simulator/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      SIMULATOR_PORT: '0',
      SIMULATOR_WEBHOOK_URL: receiver.url,
      SIMULATOR_SPEED: '500',
      LOG_LEVEL: 'silent',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const printed = await waitFor(() => /TELNYX_PUBLIC_KEY=(\S+)/.test(output) && output, 'the banner', {
    timeoutMs: 25_000,
  });
  const value = (name: string) => new RegExp(`${name}=(\\S+)`).exec(printed)![1]!;
  const [baseUrl, apiKey, publicKey] = [
    value('TELNYX_API_BASE_URL'),
    value('TELNYX_API_KEY'),
    value('TELNYX_PUBLIC_KEY'),
  ];
  expect(baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v2$/);

  const created = await fetch(`${baseUrl.replace(/\/v2$/, '')}/simulator/calls`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}` },
  });
  expect(created.status).toBe(201);
  const { data } = (await created.json()) as { data: { call_control_id: string; call_leg_id: string } };
  const speak = await fetch(`${baseUrl}/calls/${data.call_control_id}/actions/speak`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ payload: 'standalone', voice: 'female' }),
  });
  expect(speak.status).toBe(200);
  await waitFor(() => receiver!.eventTypes(data.call_leg_id).includes('call.speak.ended'), 'speak.ended');
  const verifier = new TelnyxWebhook(publicKey);
  for (const delivery of receiver.deliveries) {
    await verifier.verify(delivery.rawBody, delivery.headers as Record<string, string>);
  }

  child.kill('SIGTERM');
  const [code] = await once(child, 'exit');
  expect(code).toBe(0);
}, 40_000);

it('refuses a bad environment with exit code 78, naming the variable', async () => {
  child = spawn(process.execPath, ['--import', 'tsx', 'src/simulator/main.ts'], {
    cwd: root,
    env: { ...process.env, SIMULATOR_PORT: '0', SIMULATOR_SPEED: '-3' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = await once(child, 'exit');
  expect(code).toBe(78);
  expect(stderr).toContain('SIMULATOR_SPEED');
}, 30_000);
