import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parse, type DocumentNode } from 'graphql';
import { PersistedQueryNotFoundError, PersistedQueryOnlyError } from '../lib/errors';

/** The documents a deployment allows, keyed by the sha256 (hex) of their text. */
export interface TrustedDocumentManifest {
  /** Where it was read from, for reloads and messages. */
  path: string;
  documents: ReadonlyMap<string, DocumentNode>;
}

/** What a request names its operation with, over any transport. */
export interface OperationReference {
  query?: unknown;
  documentId?: unknown;
  extensions?: unknown;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * Reads `{ "<sha256 hex>": "<document>" }` (the client preset's `persistedDocuments` manifest; keys
 * may be written `sha256:<hex>`),
 * checks every key is the hash of its document and that each parses. Errors name the file and the
 * entry's position, never a document's text (it may be anything).
 */
export function readTrustedDocuments(path: string): TrustedDocumentManifest {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new Error(`${path}: cannot be read${typeof code === 'string' ? ` (${code})` : ''}`);
  }
  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch {
    throw new Error(`${path}: is not JSON`);
  }
  if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest)) {
    throw new Error(`${path}: must be a JSON object of "<sha256 hex>": "<document>"`);
  }
  const documents = new Map<string, DocumentNode>();
  Object.entries(manifest).forEach(([hash, document], index) => {
    const entry = `${path}: entry ${index + 1}`;
    if (typeof document !== 'string') throw new Error(`${entry}: the document must be a string`);
    const key = bareHash(hash);
    if (!SHA256_HEX.test(key)) throw new Error(`${entry}: the key must be a sha256 in hex`);
    if (createHash('sha256').update(document).digest('hex') !== key) {
      throw new Error(`${entry}: the key is not the sha256 of its document`);
    }
    try {
      documents.set(key, parse(document));
    } catch {
      throw new Error(`${entry}: the document is not valid GraphQL`);
    }
  });
  return { path, documents };
}

/**
 * The trusted documents in force: resolves what a request names to a parsed document, or the
 * refusal it gets. Reloadable, so an operator can add a release's documents with SIGHUP.
 */
export class TrustedDocuments {
  #manifest: TrustedDocumentManifest;

  constructor(manifest: TrustedDocumentManifest) {
    this.#manifest = manifest;
  }

  get size(): number {
    return this.#manifest.documents.size;
  }

  /** Re-reads the file; a bad file throws and leaves the documents in force unchanged. */
  reload(): number {
    this.#manifest = readTrustedDocuments(this.#manifest.path);
    return this.#manifest.documents.size;
  }

  /** The id a request gives: `documentId`, else Apollo's `extensions.persistedQuery.sha256Hash`. */
  static idOf(reference: OperationReference): string | undefined {
    if (typeof reference.documentId === 'string' && reference.documentId) return reference.documentId;
    const persisted = (reference.extensions as { persistedQuery?: { sha256Hash?: unknown } } | null | undefined)
      ?.persistedQuery;
    return typeof persisted?.sha256Hash === 'string' && persisted.sha256Hash ? persisted.sha256Hash : undefined;
  }

  /** The trusted document the request names; a document of its own, or no id, is refused. */
  resolve(reference: OperationReference): DocumentNode | PersistedQueryOnlyError | PersistedQueryNotFoundError {
    if (typeof reference.query === 'string' && reference.query !== '') return new PersistedQueryOnlyError();
    const id = TrustedDocuments.idOf(reference);
    if (id === undefined) return new PersistedQueryOnlyError();
    return this.#manifest.documents.get(bareHash(id)) ?? new PersistedQueryNotFoundError();
  }
}

/** The client preset writes ids as "sha256:<hex>" when told the algorithm, else bare hex: accept both. */
function bareHash(id: string): string {
  return (id.startsWith('sha256:') ? id.slice(7) : id).toLowerCase();
}
