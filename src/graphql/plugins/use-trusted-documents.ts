import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import type { Plugin } from 'graphql-yoga';
import { PersistedQueryNotFoundError, PersistedQueryOnlyError } from '../../lib/errors';
import { requestRefusal } from '../masking';
import { TrustedDocuments } from '../trusted-documents';

/**
 * GraphQL over HTTP (POST, GET, SSE) runs trusted documents only. Yoga's persisted-operations
 * plugin does the work; this reads the ids the contract names (`documentId`, which Yoga's GET
 * parser drops, so it is read from the URL too, and Apollo's extension) and answers with the
 * gateway's codes: PERSISTED_QUERY_ONLY 400, PERSISTED_QUERY_NOT_FOUND 404. Websockets resolve
 * through the same TrustedDocuments in the server's onSubscribe.
 */
export function useTrustedDocuments(trusted: TrustedDocuments): Plugin {
  const onlyTrusted = () => requestRefusal(new PersistedQueryOnlyError(), { status: 400 });
  return usePersistedOperations({
    extractPersistedOperationId: (params, request) => {
      const id = TrustedDocuments.idOf(params as Parameters<typeof TrustedDocuments.idOf>[0]);
      if (id !== undefined || request.method !== 'GET') return id ?? null;
      return new URL(request.url).searchParams.get('documentId') || null;
    },
    getPersistedOperation: (id) => {
      const resolved = trusted.resolve({ documentId: id });
      return resolved instanceof Error ? null : resolved;
    },
    customErrors: {
      persistedQueryOnly: onlyTrusted,
      keyNotFound: onlyTrusted,
      notFound: () => requestRefusal(new PersistedQueryNotFoundError(), { status: 404 }),
    },
  });
}
