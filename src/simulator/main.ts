/**
 * `npm run simulator`: the Telnyx simulator on its own, for other projects' tests. Prints the API
 * base URL, API key and webhook public key. Environment: SIMULATOR_PORT (default 4010),
 * SIMULATOR_HOST (127.0.0.1), SIMULATOR_WEBHOOK_URL, SIMULATOR_SPEED (1 = real time),
 * SIMULATOR_API_KEY (made up when unset), SIMULATOR_PUBLIC_URL, LOG_LEVEL.
 */
import { z } from 'zod';
import { createLogger } from '../lib/logger';
import { startSimulator } from './server';

const environment = z.object({
  SIMULATOR_PORT: z.coerce.number().int().min(0).max(65_535).default(4010),
  SIMULATOR_HOST: z.string().trim().min(1).default('127.0.0.1'),
  SIMULATOR_WEBHOOK_URL: z.url({ protocol: /^https?$/ }).optional(),
  SIMULATOR_SPEED: z.coerce.number().positive().max(1_000).default(1),
  SIMULATOR_API_KEY: z.string().trim().min(8).optional(),
  SIMULATOR_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

async function main(): Promise<void> {
  const present = Object.fromEntries(
    Object.entries(process.env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = environment.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    process.stderr.write(`telnyx-simulator: invalid configuration:\n  ${problems.join('\n  ')}\n`);
    process.exit(78); // EX_CONFIG
  }
  const env = parsed.data;
  const logger = createLogger(env.LOG_LEVEL);
  const simulator = await startSimulator({
    port: env.SIMULATOR_PORT,
    host: env.SIMULATOR_HOST,
    speed: env.SIMULATOR_SPEED,
    logger,
    webhookUrl: env.SIMULATOR_WEBHOOK_URL,
    apiKey: env.SIMULATOR_API_KEY,
    publicUrl: env.SIMULATOR_PUBLIC_URL,
  });
  // Printed on purpose: this key only opens the local simulator, and tests need it.
  process.stdout.write(
    [
      '',
      '  Telnyx simulator',
      `  TELNYX_API_BASE_URL=${simulator.apiBaseUrl}`,
      `  TELNYX_API_KEY=${simulator.apiKey}`,
      `  TELNYX_PUBLIC_KEY=${simulator.publicKeyBase64}`,
      `  webhooks go to: ${env.SIMULATOR_WEBHOOK_URL ?? '(none yet: PUT /simulator/webhook_url {"url": "..."})'}`,
      `  create a call:  curl -X POST -H "Authorization: Bearer ${simulator.apiKey}" ${simulator.apiBaseUrl.replace(/\/v2$/, '')}/simulator/calls`,
      '',
      '',
    ].join('\n'),
  );
  const stop = () => {
    simulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`telnyx-simulator failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
