import type { DocumentNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { BoundedMap } from '../../lib/bounded-map';

/** Query texts remembered (oldest forgotten first). */
const KNOWN_QUERIES = 1_000;

/**
 * The one parse and validation cache, for every transport: a query text parsed before gets the same
 * document object back (shared subscription results key on it), and a document that passed
 * validation is not validated again. Only successes are kept: a failure is worked out anew each
 * time (GraphQL Armor keeps that cheap), so a refused text is answered the same way on every
 * transport, every time. Every parse and validation rule of the pipeline depends on the text
 * alone (the token limit, Armor's rules, the introspection rule), so a success holds for good.
 * It replaces Yoga's own cache (`parserAndValidationCache: false`).
 */
export function usePreparedDocuments(): Plugin {
  const documents = new BoundedMap<string, DocumentNode>(KNOWN_QUERIES);
  const validated = new WeakSet<DocumentNode>();
  return {
    onParse({ params, setParsedDocument }) {
      const text = typeof params.source === 'string' ? params.source : params.source.body;
      const known = documents.get(text);
      if (known) {
        setParsedDocument(known);
        return;
      }
      return ({ result }) => {
        if (result && !(result instanceof Error)) documents.set(text, result);
      };
    },
    onValidate({ params, setResult }) {
      if (validated.has(params.documentAST)) {
        setResult([]);
        return;
      }
      return ({ valid }) => {
        if (valid) validated.add(params.documentAST);
      };
    },
  };
}
