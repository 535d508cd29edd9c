import { GraphQLError } from 'graphql';
import { createGraphQLError } from 'graphql-yoga';
import { GatewayError } from '../errors';
import type { Logger } from '../logger';

function findGatewayError(error: unknown): GatewayError | undefined {
  if (error instanceof GatewayError) return error;
  if (error instanceof GraphQLError) return findGatewayError(error.originalError);
  return undefined;
}

/**
 * The one place where errors become what a client sees: gateway errors keep their code and
 * extensions; GraphQL's own errors (syntax, validation, variables) are BAD_USER_INPUT-free as Yoga
 * makes them; anything else is masked, logged, and shown as an internal error.
 */
export function createErrorMasker(logger: Logger) {
  return (error: unknown, message: string): Error => {
    const gatewayError = findGatewayError(error);
    if (gatewayError) {
      const original = error instanceof GraphQLError ? error : undefined;
      return createGraphQLError(gatewayError.message, {
        nodes: original?.nodes,
        path: original?.path,
        extensions: { code: gatewayError.code, ...gatewayError.extensions },
      });
    }
    if (error instanceof GraphQLError && !error.originalError) return error;
    if (error instanceof GraphQLError && error.originalError instanceof GraphQLError) return error.originalError;
    logger.error({ err: error instanceof GraphQLError ? error.originalError : error }, 'unexpected resolver error');
    return createGraphQLError(message, { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  };
}
