import {
  createSourceEventStream,
  execute,
  GraphQLError,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLSchema,
} from 'graphql';
import type { GraphQLContext } from './context';
import { releaseRequestCaches } from './request-context';
import { isMarkedReadingSubscriberContext, sharedExecutionContext } from './subscriber-context';
import type { DeliveredCallEvent } from '../events/types';
import { isStreamEnd, type EventStream, type StreamEnd } from './schema/event-stream';

/**
 * Event subscriptions with one execution per event: every subscriber of an event with the same
 * document and variables receives the same result, executed once and serialised once. That holds
 * for selections that do not read the request context (authorisation is decided at subscribe time;
 * the bus filters events per subscriber). A field that reads it is marked where it is defined
 * (readsSubscriberContext), and a selection with one runs per subscriber; a shared execution runs
 * with a context that throws on any read, so an unmarked field that reads it fails rather than
 * hand every subscriber the first one's data.
 * Over websockets the shared JSON is spliced into each subscriber's `next` frame and sent straight
 * from the bus listener: per subscriber, one string concatenation and one `send`.
 */

const shareableDocuments = new WeakMap<DocumentNode, boolean>();
const documentIds = new WeakMap<DocumentNode, number>();
let nextDocumentId = 0;

function isShareable(schema: GraphQLSchema, document: DocumentNode): boolean {
  let shareable = shareableDocuments.get(document);
  if (shareable === undefined) {
    shareable = true;
    const typeInfo = new TypeInfo(schema);
    visit(
      document,
      visitWithTypeInfo(typeInfo, {
        Field() {
          if (isMarkedReadingSubscriberContext(typeInfo.getFieldDef()?.extensions)) shareable = false;
        },
      }),
    );
    shareableDocuments.set(document, shareable);
  }
  return shareable;
}

/** Which subscribers may share a result: same document (Yoga's parser cache hands out one object per query), operation and variables. */
function resultKey(args: ExecutionArgs): string {
  let id = documentIds.get(args.document);
  if (id === undefined) {
    id = nextDocumentId++;
    documentIds.set(args.document, id);
  }
  return `${id}|${args.operationName ?? ''}|${JSON.stringify(args.variableValues ?? null)}`;
}

type MaskError = (error: unknown, message: string) => Error;

interface SharedResult {
  result: ExecutionResult | Promise<ExecutionResult>;
  json?: string;
}

/**
 * A subscribe function for Yoga's `setSubscribeFn`, in place of graphql-js `subscribe`: same source
 * stream and same per-event execution, but shared between subscribers where the selection allows.
 */
export function createSharedSubscribe(maskError: MaskError) {
  // Results of the latest event only: an event fans out to every live subscriber at once, and older
  // events stay in the replay buffer, which must not keep their results alive.
  let latestEvent: DeliveredCallEvent | null = null;
  let latestResults = new Map<string, SharedResult>();

  function sharedResult(event: DeliveredCallEvent, args: ExecutionArgs, key: string): SharedResult {
    if (latestEvent !== event) {
      latestEvent = event;
      latestResults = new Map();
    }
    let shared = latestResults.get(key);
    if (!shared) {
      shared = { result: execute({ ...args, rootValue: event, contextValue: sharedExecutionContext }) };
      latestResults.set(key, shared);
    }
    return shared;
  }

  /** Serialised as graphql-ws would, errors masked as Yoga would (these selections do not fail in practice). */
  function serialise(result: ExecutionResult): string {
    if (!result.errors?.length) return JSON.stringify(result);
    const errors = result.errors.map((error) => {
      const masked = maskError(error, 'Unexpected error.');
      return masked instanceof GraphQLError ? masked.toJSON() : { message: masked.message };
    });
    return JSON.stringify({ ...result, errors });
  }

  return async function subscribeSharingResults(
    args: ExecutionArgs,
  ): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
    const source = await createSourceEventStream(args);
    if (!(Symbol.asyncIterator in source)) return source;
    const executeEach = (value: unknown) => execute({ ...args, rootValue: value });
    if (!isEventStream(source) || !isShareable(args.schema, args.document))
      return new MappedResults(source[Symbol.asyncIterator](), executeEach);
    const key = resultKey(args);
    const context = args.contextValue as GraphQLContext;
    releaseRequestCaches(context);
    const sendNext = context.sendNext;
    if (sendNext) {
      return new PushedResults(source, executeEach, (event) => {
        const shared = sharedResult(event, args, key);
        if (shared.json === undefined) {
          // Every shareable selection resolves synchronously; a promise would break event order.
          if (shared.result instanceof Promise) throw new TypeError('shared subscription result is asynchronous');
          shared.json = serialise(shared.result);
        }
        return sendNext(shared.json);
      });
    }
    return new MappedResults(source, (value) =>
      isStreamEnd(value) ? executeEach(value) : sharedResult(value as DeliveredCallEvent, args, key).result,
    );
  };
}

function isEventStream(source: AsyncIterable<unknown>): source is EventStream {
  return typeof (source as Partial<EventStream>).pipeTo === 'function';
}

type Executor = (value: unknown) => ExecutionResult | Promise<ExecutionResult>;

/** What graphql-js `subscribe` returns: each source item executed into a result, in order. */
class MappedResults implements AsyncIterableIterator<ExecutionResult> {
  constructor(
    private readonly source: AsyncIterator<unknown>,
    private readonly executeOne: Executor,
  ) {}

  [Symbol.asyncIterator](): this {
    return this;
  }

  async next(): Promise<IteratorResult<ExecutionResult>> {
    const item = await this.source.next();
    if (item.done) return item;
    return { value: await this.executeOne(item.value), done: false };
  }

  async return(): Promise<IteratorResult<ExecutionResult>> {
    await this.source.return?.();
    return { value: undefined, done: true };
  }
}

/**
 * Websocket delivery: events are pushed as frames by `deliver` while the stream lives; the iterator
 * graphql-ws reads yields only the stream's ending error (slow consumer, expired cursor) as one last
 * result, executed per subscriber as before, then completes.
 */
class PushedResults implements AsyncIterableIterator<ExecutionResult> {
  private readonly ending: Promise<StreamEnd | null>;
  private finished = false;

  constructor(
    private readonly source: EventStream,
    private readonly executeOne: Executor,
    deliver: (event: DeliveredCallEvent) => number,
  ) {
    this.ending = source.pipeTo(deliver);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<ExecutionResult>> {
    if (this.finished) return Promise.resolve({ value: undefined, done: true });
    return this.ending.then(async (end): Promise<IteratorResult<ExecutionResult>> => {
      if (this.finished || end === null) {
        this.finished = true;
        return { value: undefined, done: true };
      }
      this.finished = true;
      return { value: await this.executeOne(end), done: false };
    });
  }

  async return(): Promise<IteratorResult<ExecutionResult>> {
    this.finished = true;
    await this.source.return?.();
    return { value: undefined, done: true };
  }
}
