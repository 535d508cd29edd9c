import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ExecutionResult } from 'graphql';
import { processRegularResult } from 'graphql-yoga';
import type { Authenticator, Principal } from '../auth/principal';
import type { GatewayYoga } from '../graphql/context';
import type { Engine } from '../graphql/engine';
import type { OperationParams } from '../graphql/prepare';
import { createRequestContext } from '../graphql/request-context';
import { UnauthenticatedError } from '../lib/errors';

export interface DirectGraphqlPostOptions {
  engine: Engine;
  maxBodyBytes: number;
}

/** The GraphQL-over-HTTP params the direct path takes. */
type Params = OperationParams & ({ query: string } | { documentId: string });

const PARAM_NAMES = new Set(['query', 'documentId', 'variables', 'operationName', 'extensions']);

/**
 * `POST /graphql` with a JSON body on Node's req/res, without Yoga's Request/Response translation
 * (about 40% of a mutation's time): the engine prepares the document (trusted documents, parse and
 * validation with every plugin's rules and the one cache) and executes it through its enveloped
 * `execute` (every execute hook, the same error masker); a result with errors is answered by Yoga's
 * own result processor (same status codes and body). Everything else, and every request that fails
 * before execution (bad JSON, bad params, bad token, refused, syntax or validation errors), is
 * handed to Yoga with the body already read, so those answers are Yoga's. Returns false when the
 * request is not one it takes (nothing read): the caller passes it to Yoga as is.
 */
export function createDirectGraphqlPost(options: DirectGraphqlPostOptions) {
  const { engine, maxBodyBytes } = options;
  const { yoga, services, authenticator } = engine;

  // Fixed for the process: envelop's execute does not depend on the initial context (no plugin
  // of this gateway's uses `onEnveloped` or instrumentation), and the schema never changes.
  const { execute, schema } = yoga.getEnveloped({} as never);

  return async function handleGraphqlPost(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    if (!takes(req, maxBodyBytes)) return false;
    const body = await readBody(req);
    if (body === null) return true; // the client went away
    const params = parseParams(body);
    const principal = params && (await authenticate(authenticator, req.headers.authorization));
    if (!params || !principal) {
      await handToYoga(yoga, req, res, body);
      return true;
    }
    const prepared = engine.prepare(params);
    if (prepared.errors || !prepared.operation || prepared.operation.operation === 'subscription') {
      await handToYoga(yoga, req, res, body);
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
      document: prepared.document,
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

/** What the direct path answers: the plain JSON case, same origin, a known length within the limit. */
function takes(req: IncomingMessage, maxBodyBytes: number): boolean {
  const { headers } = req;
  if (req.method !== 'POST' || req.url !== '/graphql' || headers.origin !== undefined) return false;
  if (!isPlainJson(headers['content-type']) || !acceptsPlainJson(headers.accept)) return false;
  const length = headers['content-length'];
  if (length === undefined || headers['transfer-encoding'] !== undefined || !/^\d+$/.test(length)) return false;
  return Number(length) <= maxBodyBytes;
}

/** Yoga answers, from the body already read. */
async function handToYoga(yoga: GatewayYoga, req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> {
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
  if (typeof params.query !== 'string' && typeof params.documentId !== 'string') return null;
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
