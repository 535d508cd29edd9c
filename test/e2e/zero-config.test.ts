import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { speakOnDemoCall, watchDemoCall } from '../../src/transport/graphiql/options';
import { postGraphQL, subscribeSse } from '../support/clients';
import { startGatewayProcess, type GatewayProcess } from '../support/gateway-process';
import { waitFor } from '../support/wait';

/**
 * What a new user does: start the gateway with no configuration at all, open GraphiQL, run the two
 * example operations on the printed demo call, and see CallSpeakStarted then CallSpeakEnded.
 */
describe('zero-config start (simulator mode)', () => {
  let gateway: GatewayProcess;
  let demoCallControlId: string;

  beforeAll(async () => {
    // Only what a fresh shell has: no Telnyx key, no Redis, no auth settings.
    gateway = await startGatewayProcess({ environment: 'fresh shell', env: { SIMULATOR_SPEED: '20' } });
    demoCallControlId = gateway.demoCallControlId!;
  }, 60_000); // a cold tsx start takes 15 s or more on a loaded 2-core machine

  afterAll(() => gateway?.kill('SIGKILL'));

  it('says it runs in simulator mode and prints a Telnyx-like demo call id', () => {
    expect(gateway.output()).toMatch(/simulator mode/i);
    expect(demoCallControlId).toMatch(/^v3:[A-Za-z0-9_-]{20,}$/);
  });

  it('serves GraphiQL with the example operations filled in for the demo call', async () => {
    const response = await fetch(`${gateway.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('WatchDemoCall');
    expect(html).toContain('SpeakOnDemoCall');
    expect(html).toContain(demoCallControlId);
  });

  it('runs the example operations as they are: the speak events arrive over SSE', async () => {
    const variables = { callControlId: demoCallControlId };
    const stream = await subscribeSse(gateway.url, watchDemoCall, { variables, method: 'POST' });
    expect(stream.response.status).toBe(200);

    const mutation = await postGraphQL<{ speak: { result: string; commandId: string } }>(gateway.url, speakOnDemoCall, {
      variables,
    });
    expect(mutation.body.errors).toBeUndefined();
    expect(mutation.body.data?.speak.result).toBe('ok');

    const received = await stream.collected.waitFor(2);
    stream.cancel();
    expect(received.map((result) => result.errors)).toEqual([undefined, undefined]);
    expect(received.map((result) => result.data!.callEvents.__typename)).toEqual([
      'CallSpeakStarted',
      'CallSpeakEnded',
    ]);
    expect(received[1]!.data!.callEvents).toMatchObject({
      eventType: 'call.speak.ended',
      status: 'COMPLETED',
      clientState: 'demo',
    });
  });

  it('prints a command that makes the demo call speak when pasted into a shell as printed', async () => {
    const printed = /Make the call speak from a terminal:\n\n([\s\S]+?)\n\n/.exec(gateway.output())?.[1];
    expect(printed).toContain(demoCallControlId);
    const { stdout } = await promisify(execFile)('sh', ['-c', printed!]);
    expect(JSON.parse(stdout)).toEqual({ data: { speak: { result: 'ok', cursor: expect.any(String) } } });
  });

  it('lists the demo call as answered, adds a new demo call, and hangs it up: ended with its cause, its speak cut off', async () => {
    const list = async () =>
      (
        await postGraphQL<{ calls: { totalCount: number; edges: { node: Record<string, unknown> }[] } }>(
          gateway.url,
          'query { calls { totalCount edges { node { callControlId state from hangupCause } } } }',
        )
      ).body.data!.calls;
    const history = async (id: string) =>
      (
        await postGraphQL<{ call: { events: { edges: { node: Record<string, unknown> }[] } } }>(
          gateway.url,
          'query($id: ID!) { call(callControlId: $id) { events(first: 20) { edges { node { eventType ... on CallSpeakEnded { status } } } } } }',
          { variables: { id } },
        )
      ).body.data!.call.events.edges.map((edge) => edge.node);
    await waitFor(async () => (await list()).edges[0]?.node.state === 'ANSWERED', 'the demo call to be answered');
    expect((await list()).edges.map((edge) => edge.node.callControlId)).toEqual([demoCallControlId]);

    const post = (path: string) =>
      fetch(`${gateway.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    const created = await post('/simulator/calls');
    expect(created.status).toBe(201);
    const { callControlId } = ((await created.json()) as { data: { callControlId: string } }).data;
    await waitFor(async () => {
      const newest = (await list()).edges[0]?.node;
      return newest?.callControlId === callControlId && newest.state === 'ANSWERED';
    }, 'the new call to be listed first, answered');
    expect((await list()).edges.map((edge) => edge.node.callControlId)).toEqual([callControlId, demoCallControlId]);

    const speak = await postGraphQL(
      gateway.url,
      'mutation($id: ID!, $text: String!) { speak(input: { callControlId: $id, payload: $text, voice: "female" }) { result } }',
      {
        variables: {
          id: callControlId,
          text: 'Long enough to still be speaking when the call is hung up. '.repeat(10),
        },
      },
    );
    expect(speak.body.errors).toBeUndefined();
    await waitFor(async () => (await history(callControlId)).length === 3, 'the speak to start');
    expect((await post(`/simulator/calls/${encodeURIComponent(callControlId)}/hangup`)).status).toBe(200);
    await waitFor(async () => (await list()).edges[0]?.node.state === 'ENDED', 'the call to end');
    const ended = await list();
    expect(ended.edges[0]!.node).toMatchObject({ callControlId, hangupCause: 'normal_clearing' });
    expect(ended.edges[1]!.node).toMatchObject({ callControlId: demoCallControlId, state: 'ANSWERED' });
    await waitFor(async () => (await history(callControlId)).length === 5, 'the call.hangup in the history');
    expect(await history(callControlId)).toEqual([
      { eventType: 'call.initiated' },
      { eventType: 'call.answered' },
      { eventType: 'call.speak.started' },
      { eventType: 'call.speak.ended', status: 'CALL_HANGUP' },
      { eventType: 'call.hangup' },
    ]);
  });

  it('exits cleanly and promptly on SIGTERM, ending open subscriptions', async () => {
    const open = await subscribeSse(gateway.url, watchDemoCall, {
      variables: { callControlId: demoCallControlId },
      method: 'POST',
    });
    expect(open.response.status).toBe(200);
    const started = Date.now();
    gateway.signal('SIGTERM');
    expect((await gateway.exited).code).toBe(0);
    await open.collected.waitForEnd();
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(gateway.output()).not.toMatch(/shutdown took over/);
  });
});
