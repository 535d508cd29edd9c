import type { ExecutionResult } from 'graphql';
import { handleStreamOrSingleExecutionResult, type Plugin } from 'graphql-yoga';
import type { GraphQLContext } from '../context';
import { clientOfError } from '../request-logging';
import { clientKeyOf } from '../request-context';

/**
 * Notes the client of every error an operation's result carries, streamed results included, from
 * the operation's context. A plugin of the gateway's own list, so it runs before Yoga's masking,
 * which Yoga adds after them; errors raised before there is a context (a body that is not JSON) are
 * logged as the `unknown` client's.
 */
export function useErrorAttribution(): Plugin<GraphQLContext> {
  const attribute = (context: GraphQLContext, result: ExecutionResult) => {
    if (!result.errors) return;
    const client = clientKeyOf(context);
    for (const error of result.errors) clientOfError.set(error, client);
  };
  return {
    onExecute({ args }) {
      return {
        onExecuteDone: (payload) =>
          handleStreamOrSingleExecutionResult(payload, ({ result }) => attribute(args.contextValue, result)),
      };
    },
    onSubscribe({ args }) {
      return {
        onSubscribeResult: (payload) =>
          handleStreamOrSingleExecutionResult(payload, ({ result }) => attribute(args.contextValue, result)),
        onSubscribeError({ error }) {
          if (typeof error === 'object' && error !== null) clientOfError.set(error, clientKeyOf(args.contextValue));
        },
      };
    },
  };
}
