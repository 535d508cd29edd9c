import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  getOperationAST,
  parse as graphqlParse,
  validate as graphqlValidate,
  type DocumentNode,
  type ExecutionResult,
} from 'graphql';
import { processRegularResult, type YogaServerInstance } from 'graphql-yoga';
import type { Authenticator, Principal } from '../auth/principal';
import { BoundedMap } from '../lib/bounded-map';
import { UnauthenticatedError } from '../lib/errors';
import { createRequestContext, type GatewayServices, type GraphQLContext } from '../graphql/context';
import { operationLimits } from '../graphql/plugins/use-operation-limits';

export interface DirectGraphqlPostOptions {
  yoga: YogaServerInstance<Record<string, never>, GraphQLContext>;
  services: GatewayServices;
  authenticator: Authenticator;
  maxBodyBytes: number;
}

interface Params {
  query: string;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
  extensions?: Record<string, unknown> | null;
}

const PARAM_NAMES = new Set(['query', 'variables', 'operationName', 'extensions']);
/** Query texts remembered, valid or not (oldest forgotten first). */
const KNOWN_QUERIES = 1_000;

/**
 * `POST /graphql` with a JSON body on Node's req/res, without Yoga's Request/Response translation
 * (about 40% of a mutation's time): parse and validate go through Yoga's enveloped pipeline (its
 * caches, GraphQL Armor, the introspection rule), execution through its enveloped graphql-js
 * `execute` (the same error masker), and a result with errors is answered by Yoga's own result
 * processor (same status codes and body). Everything else, and every request that fails before
 * execution (bad JSON, bad params, bad token, syntax or validation errors), is handed to Yoga with
 * the body already read, so those answers are Yoga's. Returns false when the request is not one
 * it takes (nothing read): the caller passes it to Yoga as is.
 */
export function createDirectGraphqlPost(options: DirectGraphqlPostOptions) {
  const { yoga, services, authenticator, maxBodyBytes } = options;

  // Fixed for the process: envelop's execute does not depend on the initial context (no plugin
  // of this gateway's uses `onEnveloped` or instrumentation), and the schema never changes.
  const { execute, schema } = yoga.getEnveloped({} as never);

  /**
   * Query texts already through parse and validation: their document, or null when Yoga must answer
   * them. Every parse and validation hook of the pipeline is fixed by the query text (the token limit,
   * GraphQL Armor's rules, the introspection rule), so the verdict is kept, as Yoga's own caches keep
   * it, and a known text costs one lookup.
   */
  const prepared = new BoundedMap<string, DocumentNode | null>(KNOWN_QUERIES);
  function prepare(params: Params): DocumentNode | null {
    const known = prepared.get(params.query);
    if (known !== undefined) return known;
    let document: DocumentNode | null = null;
    // Yoga's parse and validation caches keep failures too, and a failure cached there would be
    // answered differently when Yoga meets the document again: only a document graphql-js itself
    // accepts reaches them from this path.
    if (isPlainlyValid(params.query)) {
      const enveloped = yoga.getEnveloped({ params } as never);
      try {
        const parsed = enveloped.parse(params.query);
        if (enveloped.validate(schema, parsed).length === 0) document = parsed;
      } catch {
        // Yoga answers it.
      }
    }
    prepared.set(params.query, document);
    return document;
  }

  /** Whether graphql-js parses the text (within the token limit) and validates it with its own rules. */
  function isPlainlyValid(query: string): boolean {
    try {
      return graphqlValidate(schema, graphqlParse(query, { maxTokens: operationLimits.maxTokens })).length === 0;
    } catch {
      return false;
    }
  }

  /** What the direct path answers: the plain JSON case, same origin, a known length within the limit. */
  function takes(req: IncomingMessage): boolean {
    const { headers } = req;
    if (req.method !== 'POST' || req.url !== '/graphql' || headers.origin !== undefined) return false;
    if (!isPlainJson(headers['content-type']) || !acceptsPlainJson(headers.accept)) return false;
    const length = headers['content-length'];
    if (length === undefined || headers['transfer-encoding'] !== undefined || !/^\d+$/.test(length)) return false;
    return Number(length) <= maxBodyBytes;
  }

  /** Yoga answers, from the body already read. */
  async function handToYoga(req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value === undefined) continue;
      if (Array.isArray(value)) for (const item of value) headers.append(name, item);
      else headers.set(name, value);
    }
    const init = {
      method: 'POST',
      headers,
      body: new Uint8Array(body.buffer, body.byteOffset, body.byteLength),
    } as RequestInit;
    const response = await yoga.fetch(`http://${req.headers.host ?? 'localhost'}${req.url}`, init);
    await send(res, response);
  }

  return async function handleGraphqlPost(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    if (!takes(req)) return false;
    const body = await readBody(req);
    if (body === null) return true; // the client went away
    const params = parseParams(body);
    const principal = params && (await authenticate(authenticator, req.headers.authorization));
    if (!params || !principal) {
      await handToYoga(req, res, body);
      return true;
    }
    const document = prepare(params);
    const operation = document && getOperationAST(document, params.operationName ?? undefined);
    if (!document || !operation || operation.operation === 'subscription') {
      await handToYoga(req, res, body);
      return true;
    }
    // The same debug lines Yoga writes around an operation, so the log reads the same whichever path ran it.
    yoga.logger.debug('Processing GraphQL Parameters');
    const contextValue = createRequestContext(services, principal, req.socket.remoteAddress);
    // Yoga's context carries the Request, where the operation span finds the header; this one does not.
    const { traceparent } = req.headers;
    if (typeof traceparent === 'string') contextValue.traceparent = traceparent;
    const result = (await execute({
      schema,
      document,
      variableValues: params.variables ?? undefined,
      operationName: params.operationName ?? undefined,
      contextValue,
    })) as ExecutionResult;
    yoga.logger.debug('Processing GraphQL Parameters done.');
    if (result.errors?.length) {
      await send(res, await processRegularResult(result, yoga.fetchAPI, 'application/json'));
    } else {
      const json = JSON.stringify(result);
      res.writeHead(200, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': Buffer.byteLength(json),
      });
      res.end(json);
    }
    return true;
  };
}

function isPlainJson(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  const [mediaType, ...parameters] = contentType
    .toLowerCase()
    .split(';')
    .map((part) => part.trim());
  return mediaType === 'application/json' && parameters.every((parameter) => parameter === 'charset=utf-8');
}

/** Yoga answers application/json for these (and graphql-response+json, with other status codes, for others). */
function acceptsPlainJson(accept: string | undefined): boolean {
  if (accept === undefined) return true;
  const normalised = accept.replace(/\s/g, '').toLowerCase();
  return normalised === '*/*' || normalised === 'application/json' || normalised === 'application/json;charset=utf-8';
}

/** The GraphQL-over-HTTP params when the body is exactly what a client sends; null for anything else. */
function parseParams(body: Buffer): Params | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
  const params = parsed as Record<string, unknown>;
  for (const name of Object.keys(params)) if (!PARAM_NAMES.has(name)) return null;
  if (typeof params.query !== 'string') return null;
  if (params.operationName != null && typeof params.operationName !== 'string') return null;
  for (const name of ['variables', 'extensions'] as const) {
    const value = params[name];
    if (value != null && (typeof value !== 'object' || Array.isArray(value))) return null;
  }
  return params as unknown as Params;
}

/** The principal, or null when the token is refused (Yoga then answers the 401). */
async function authenticate(
  authenticator: Authenticator,
  authorization: string | undefined,
): Promise<Principal | null> {
  try {
    return await authenticator.authenticate(authorization ?? null);
  } catch (error) {
    if (error instanceof UnauthenticatedError) return null;
    throw error;
  }
}

function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
    req.on('close', () => {
      if (!req.complete) resolve(null);
    });
  });
}

async function send(res: ServerResponse, response: Response): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name === 'set-cookie') return;
    headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) headers['set-cookie'] = cookies;
  const body = Buffer.from(await response.arrayBuffer());
  res.writeHead(response.status, response.statusText, headers);
  res.end(body);
}
