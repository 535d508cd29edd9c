import { type DocumentNode, getOperationAST, Kind, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { GraphQLContext } from '../context';
import { clientKeyOf } from '../request-context';
import { RateLimitedError } from '../../lib/errors';
import type { Metrics } from '../../lib/metrics';
import { requestRefusal } from '../masking';
import type { MutationCounter, RateDecision } from '../../limits/mutation-rate-limit';

/**
 * GATEWAY_RATE_LIMIT_MUTATIONS_PER_MINUTE, for every transport: it runs where the operation is
 * executed (Yoga over HTTP and SSE, the enveloped execute over websockets), before any resolver,
 * so a refused mutation sends nothing to Telnyx. Each root field counts (aliases let one request
 * carry several). Queries and subscriptions are not counted.
 */
export function useMutationRateLimit(counter: MutationCounter, metrics: Metrics): Plugin<GraphQLContext> {
  // Yoga's parser cache hands the same DocumentNode to every request of one text: count its mutations once.
  const counted = new WeakMap<DocumentNode, { operationName: string | null | undefined; mutations: number }>();
  const mutationsIn = (document: DocumentNode, operationName: string | null | undefined): number => {
    const known = counted.get(document);
    if (known && known.operationName === operationName) return known.mutations;
    const operation = getOperationAST(document, operationName);
    const mutations = operation?.operation === 'mutation' ? rootFields(operation, document) : 0;
    counted.set(document, { operationName, mutations });
    return mutations;
  };
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const mutations = mutationsIn(args.document, args.operationName);
      if (mutations === 0) return;
      const context = args.contextValue as GraphQLContext;
      const decision = counter.take(clientKeyOf(context), mutations);
      const apply = (outcome: RateDecision) => {
        if (outcome.allowed) return;
        metrics.rateLimited.inc();
        const error = new RateLimitedError(
          outcome.retryAfter,
          `Mutation rate limit reached; retry after ${outcome.retryAfter} s`,
        );
        // Over HTTP the answer is a 429 with Retry-After (graphql-ws leaves `http` out of its frames).
        const http = { status: 429, headers: { 'Retry-After': String(outcome.retryAfter) } };
        setResultAndStopExecution({ errors: [requestRefusal(error, http)] });
      };
      if (decision instanceof Promise) return decision.then(apply);
      apply(decision);
    },
  };
}

/** Mutation fields at the root, through fragments too (a spread must not hide fifteen speaks). */
function rootFields(operation: OperationDefinitionNode, document: DocumentNode): number {
  const fragments = new Map<string, SelectionSetNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition.selectionSet);
  }
  const count = (set: SelectionSetNode, depth: number): number =>
    set.selections.reduce((sum, selection) => {
      if (selection.kind === Kind.FIELD) return sum + 1;
      if (depth > 10) return sum; // validation rejects fragment cycles; this only bounds the walk
      const inner =
        selection.kind === Kind.INLINE_FRAGMENT ? selection.selectionSet : fragments.get(selection.name.value);
      return inner ? sum + count(inner, depth + 1) : sum;
    }, 0);
  return Math.max(1, count(operation.selectionSet, 0));
}
