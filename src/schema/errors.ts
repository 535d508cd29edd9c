import { GraphQLError, Kind } from 'graphql';
import { createGraphQLError } from 'graphql-yoga';
import { GatewayError } from '../errors';
import type { Logger } from '../logger';
import { scrubSecrets } from '../security/scrub';

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
    if (error instanceof GraphQLError && error.nodes?.[0]?.kind === Kind.VARIABLE_DEFINITION) return badVariable(error);
    if (error instanceof GraphQLError && !error.originalError) return error;
    if (error instanceof GraphQLError && error.originalError instanceof GraphQLError) return error.originalError;
    logger.error({ err: error instanceof GraphQLError ? error.originalError : error }, 'unexpected resolver error');
    return createGraphQLError(message, { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  };
}

/**
 * A variable that does not fit its type (missing field, wrong type, unknown enum value, bad
 * scalar) is the client's input being wrong: BAD_USER_INPUT naming the field, like the validation
 * plugin's errors, keeping graphql-js's message (which says where) rather than the inner one.
 */
function badVariable(error: GraphQLError): GraphQLError {
  const at = /got invalid value .*? at "([^"]+)"/.exec(error.message)?.[1];
  const variable = /^Variable "\$([^"]+)"/.exec(error.message)?.[1];
  const missing = /Field "([^"]+)" of required type/.exec(error.message)?.[1];
  const field = [at ?? variable, missing].filter(Boolean).join('.');
  // graphql-js quotes the value it refused: a token pasted into a variable must not come back.
  return createGraphQLError(scrubSecrets(error.message), {
    nodes: error.nodes,
    extensions: { ...error.extensions, code: 'BAD_USER_INPUT', ...(field ? { field } : {}) },
  });
}
