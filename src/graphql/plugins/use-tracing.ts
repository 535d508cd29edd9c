import { getOperationAST, type DocumentNode, type ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { OperationInfo, Tracing } from '../../tracing/tracing';
import type { GraphQLContext } from '../context';

/** One span per GraphQL operation, resolvers (and so Telnyx attempts) running inside it. */
export function useTracing(tracing: Tracing): Plugin<GraphQLContext> {
  return {
    onExecute: ({ args, executeFn, setExecuteFn }) => {
      const info = operationInfo(args.document, args.operationName);
      const traceparent = clientTraceparent(args.contextValue);
      setExecuteFn((executeArgs) => tracing.inOperation(info, traceparent, () => executeFn(executeArgs), errorCodes));
    },
    onSubscribe: ({ args, subscribeFn, setSubscribeFn }) => {
      const info = operationInfo(args.document, args.operationName);
      const traceparent = clientTraceparent(args.contextValue);
      // The span covers starting the subscription; each delivery has its own span.
      setSubscribeFn((subscribeArgs) =>
        tracing.inOperation(info, traceparent, () => subscribeFn(subscribeArgs), errorCodes),
      );
    },
  };
}

/** The operation's traceparent: the websocket message's, or the HTTP request's header (Yoga puts `request` in the context). */
function clientTraceparent(context: GraphQLContext & { request?: Request }): string | null | undefined {
  return context.traceparent ?? context.request?.headers.get('traceparent');
}

function operationInfo(document: DocumentNode, operationName: string | null | undefined): OperationInfo {
  const operation = getOperationAST(document, operationName);
  return { type: operation?.operation ?? 'query', name: operation?.name?.value };
}

/**
 * Codes of a result's errors; the messages may hold client input, the codes never do. Errors are
 * masked after execution, so a gateway error's code is still on the error it wraps.
 */
function errorCodes(result: unknown): string[] | undefined {
  const errors = (result as ExecutionResult | undefined)?.errors;
  if (!errors?.length) return undefined;
  return errors.map((error) => {
    const code = error.extensions?.code ?? (error.originalError as { code?: unknown } | undefined)?.code;
    return typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR';
  });
}
