import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { speakOnDemoCall, watchDemoCall } from '../../src/graphiql/options';

const repositoryRoot = fileURLToPath(new URL('../..', import.meta.url));

/**
 * What a new user does: start the gateway with no configuration at all, open GraphiQL, run the two
 * example operations on the printed demo call, and see CallSpeakStarted then CallSpeakEnded.
 */
describe('zero-config start (simulator mode)', () => {
  let child: ChildProcess;
  let output = '';
  let graphqlUrl: string;
  let demoCallControlId: string;

  beforeAll(async () => {
    child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: repositoryRoot,
      // Only what a fresh shell has: no Telnyx key, no Redis, no auth settings.
      env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: '0', SIMULATOR_SPEED: '20' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    await new Promise<void>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const call = /demo call (v3:[A-Za-z0-9_-]+)/.exec(output);
        const url = /Open (http:\/\/\S+\/graphql)/.exec(output);
        if (call && url) {
          demoCallControlId = call[1]!;
          graphqlUrl = url[1]!;
          resolve();
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('exit', (code) => reject(new Error(`exited (${code}) before announcing the demo call:\n${output}`)));
      setTimeout(() => reject(new Error(`no demo call announced within 40 s:\n${output}`)), 40_000).unref();
    });
  }, 60_000); // a cold tsx start takes 15 s or more on a loaded 2-core machine

  afterAll(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });

  it('says it runs in simulator mode and prints a Telnyx-like demo call id', () => {
    expect(output).toMatch(/simulator mode/i);
    expect(demoCallControlId).toMatch(/^v3:[A-Za-z0-9_-]{20,}$/);
  });

  it('serves GraphiQL with the example operations filled in for the demo call', async () => {
    const response = await fetch(graphqlUrl, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('WatchDemoCall');
    expect(html).toContain('SpeakOnDemoCall');
    expect(html).toContain(demoCallControlId);
  });

  it('runs the example operations as they are: the speak events arrive over SSE', async () => {
    const variables = { callControlId: demoCallControlId };
    const abort = new AbortController();
    const stream = await fetch(graphqlUrl, {
      method: 'POST',
      headers: { accept: 'text/event-stream', 'content-type': 'application/json' },
      body: JSON.stringify({ query: watchDemoCall, variables }),
      signal: abort.signal,
    });
    expect(stream.status).toBe(200);
    const events = collectSseData(stream);

    const mutation = await fetch(graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: speakOnDemoCall, variables }),
    });
    const result = (await mutation.json()) as { data?: { speak: { result: string; commandId: string } }; errors?: unknown };
    expect(result.errors).toBeUndefined();
    expect(result.data?.speak.result).toBe('ok');

    const received = await events.waitFor(2, 10_000);
    abort.abort();
    expect(received.map((event) => event.callEvents.__typename)).toEqual(['CallSpeakStarted', 'CallSpeakEnded']);
    expect(received[1]!.callEvents).toMatchObject({ eventType: 'call.speak.ended', status: 'COMPLETED', clientState: 'demo' });
  });

  it('exits cleanly and promptly on SIGTERM, ending open subscriptions', async () => {
    const open = await fetch(graphqlUrl, {
      method: 'POST',
      headers: { accept: 'text/event-stream', 'content-type': 'application/json' },
      body: JSON.stringify({ query: watchDemoCall, variables: { callControlId: demoCallControlId } }),
    });
    expect(open.status).toBe(200);
    const streamEnded = open.text().then(() => 'ended', () => 'ended');
    const started = Date.now();
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(await streamEnded).toBe('ended');
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(output).not.toMatch(/shutdown took over/);
  });
});

type SseItem = { callEvents: Record<string, unknown> & { __typename: string } };

/** Reads `data:` frames of a GraphQL SSE response as they come. */
function collectSseData(response: Response) {
  const items: SseItem[] = [];
  let buffered = '';
  const reading = (async () => {
    const decoder = new TextDecoder();
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      buffered += decoder.decode(chunk, { stream: true });
      let end: number;
      for (end = buffered.indexOf('\n\n'); end >= 0; end = buffered.indexOf('\n\n')) {
        const frame = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        const data = frame
          .split('\n')
          .filter((line) => line.startsWith('data:'))
          .map((line) => line.slice(5).trim())
          .join('\n');
        if (!data) continue;
        const parsed = JSON.parse(data) as { data?: SseItem; errors?: unknown };
        if (parsed.errors) throw new Error(`subscription error: ${JSON.stringify(parsed.errors)}`);
        if (parsed.data) items.push(parsed.data);
      }
    }
  })().catch(() => undefined);
  return {
    async waitFor(count: number, timeoutMs: number): Promise<SseItem[]> {
      const deadline = Date.now() + timeoutMs;
      while (items.length < count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      void reading;
      return items;
    },
  };
}
