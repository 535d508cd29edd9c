import {
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  parse,
  type ExecutionArgs,
  type ExecutionResult,
} from 'graphql';
import { afterEach, describe, expect, it } from 'vitest';
import type { Principal } from '../../src/auth/principal';
import { EventBus } from '../../src/events/bus';
import { MemoryEventStore } from '../../src/events/memory-store';
import type { GraphQLContext } from '../../src/graphql/context';
import { createErrorMasker } from '../../src/graphql/masking';
import { createSharedSubscribe } from '../../src/graphql/result-sharing';
import { subscribeToEvents } from '../../src/graphql/schema/event-stream';
import { readsSubscriberContext } from '../../src/graphql/subscriber-context';
import { createLogger } from '../../src/lib/logger';
import { createMetrics } from '../../src/lib/metrics';
import { makeEvent } from '../events/make-event';

/**
 * Whether subscribers share one execution of an event is decided by the schema: a field that reads
 * the subscriber's context is marked where it is defined. This schema adds such fields to an event
 * type, as a new event field of the product would, and runs two subscribers with different tokens.
 */
const CallEventType = new GraphQLObjectType<{ eventType: string }, GraphQLContext>({
  name: 'TestEvent',
  fields: {
    eventType: { type: GraphQLString, resolve: (event) => event.eventType },
    viewer: {
      type: GraphQLString,
      extensions: readsSubscriberContext,
      resolve: (_event, _args, context) => context.principal.subject,
    },
    unmarkedViewer: { type: GraphQLString, resolve: (_event, _args, context) => context.principal.subject },
  },
});
const schema = new GraphQLSchema({
  query: new GraphQLObjectType({ name: 'Query', fields: { ok: { type: GraphQLString } } }),
  subscription: new GraphQLObjectType<unknown, GraphQLContext>({
    name: 'Subscription',
    fields: {
      events: {
        type: CallEventType,
        subscribe: (_root, _args, context) => subscribeToEvents(context, { callControlId: 'v3:call-a' }),
        resolve: (event) => event,
      },
    },
  }),
});

const buses: EventBus[] = [];
afterEach(async () => {
  await Promise.all(buses.splice(0).map((bus) => bus.close()));
});

function setup() {
  const store = new MemoryEventStore({ bufferPerCall: 100, bufferTotal: 100, bufferMaxAgeSeconds: 3600 });
  const bus = new EventBus(store, { maxBacklog: 100, metrics: createMetrics(), logger: createLogger('silent') });
  buses.push(bus);
  const contextOf = (subject: string) =>
    ({
      events: bus,
      principal: { subject, scopes: new Set(['events:read']), calls: null, expiresAt: null } satisfies Principal,
    }) as unknown as GraphQLContext;
  return { bus, contextOf };
}

/** Two subscribers to the same document, one event published, and the first result each receives. */
async function firstResults(query: string): Promise<ExecutionResult[]> {
  const { bus, contextOf } = setup();
  const subscribe = createSharedSubscribe(createErrorMasker());
  const document = parse(query);
  const streams = await Promise.all(
    ['alice', 'bob'].map(async (subject) => {
      const args: ExecutionArgs = { schema, document, contextValue: contextOf(subject) };
      return (await subscribe(args)) as AsyncIterableIterator<ExecutionResult>;
    }),
  );
  await bus.publish(makeEvent());
  const results = await Promise.all(streams.map((stream) => stream.next()));
  await Promise.all(streams.map((stream) => stream.return?.()));
  return results.map((result) => result.value as ExecutionResult);
}

describe('result sharing between subscribers', () => {
  it('shares a selection that reads no subscriber context: one result object for both', async () => {
    const [alice, bob] = await firstResults('subscription { events { eventType } }');
    expect(alice).toEqual({ data: { events: { eventType: 'call.speak.ended' } } });
    expect(bob).toBe(alice);
  });

  it('runs a selection with a marked field per subscriber: each gets its own result', async () => {
    const [alice, bob] = await firstResults('subscription { events { eventType viewer } }');
    expect(alice).toEqual({ data: { events: { eventType: 'call.speak.ended', viewer: 'alice' } } });
    expect(bob).toEqual({ data: { events: { eventType: 'call.speak.ended', viewer: 'bob' } } });
  });

  it('refuses an unmarked field that reads the context instead of handing out the first subscriber’s data', async () => {
    const results = await firstResults('subscription { events { unmarkedViewer } }');
    expect(results).toHaveLength(2);
    for (const result of results) {
      expect(result.data).toEqual({ events: { unmarkedViewer: null } });
      expect(result.errors?.[0]?.message).toContain('mark the field with readsSubscriberContext');
      expect(result.errors?.[0]?.path).toEqual(['events', 'unmarkedViewer']);
    }
    expect(JSON.stringify(results)).not.toContain('alice');
  });
});
