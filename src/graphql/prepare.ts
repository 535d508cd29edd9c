import { getOperationAST, GraphQLError, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { GatewayError } from '../lib/errors';
import type { GatewayYoga } from './context';
import { requestRefusal } from './masking';
import type { TrustedDocuments } from './trusted-documents';

/** What a client sends to run an operation, over any transport. */
export interface OperationParams {
  query?: string | null;
  documentId?: string | null;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
  extensions?: Record<string, unknown> | null;
}

/** A document ready to execute, or why it is not: refused (trusted documents), unparsable, or invalid. */
export type Prepared =
  | { document: DocumentNode; operation: OperationDefinitionNode | undefined; errors?: undefined }
  | { document?: undefined; errors: readonly GraphQLError[]; stage: 'refused' | 'parse' | 'validation' };

export type Prepare = (params: OperationParams) => Prepared;

/**
 * Trusted documents → parse → validate, through the engine's own parse and validate (every plugin's
 * rules, and the one cache of usePreparedDocuments): what the direct POST path and graphql-ws call,
 * and what Yoga does itself for the requests it handles.
 */
export function createPrepare(yoga: GatewayYoga, trustedDocuments: TrustedDocuments | undefined): Prepare {
  // Parse and validation hooks depend on the text alone (usePreparedDocuments): one enveloped set serves all.
  const { parse, validate, schema } = yoga.getEnveloped({} as never);
  return (params) => {
    let document: DocumentNode;
    if (trustedDocuments) {
      const trusted = trustedDocuments.resolve(params);
      if (trusted instanceof GatewayError) return { errors: [requestRefusal(trusted)], stage: 'refused' };
      document = trusted;
    } else {
      try {
        if (typeof params.query !== 'string') throw new GraphQLError('Must provide query string.');
        document = parse(params.query);
      } catch (error) {
        // Syntax errors and the token limit throw.
        return {
          errors: [error instanceof GraphQLError ? error : new GraphQLError('Invalid operation')],
          stage: 'parse',
        };
      }
    }
    const errors = validate(schema, document);
    if (errors.length) return { errors, stage: 'validation' };
    return { document, operation: getOperationAST(document, params.operationName ?? undefined) ?? undefined };
  };
}
