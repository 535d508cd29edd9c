import type { IncomingMessage, ServerResponse } from 'node:http';
import { request } from 'undici';
import { type Authenticator, canAccessCall, type Principal } from '../auth/principal';
import { UnauthenticatedError } from '../lib/errors';
import type { Logger } from '../lib/logger';
import { couldBeCrossSite } from '../graphql/http-policy';

/** The embedded simulator's control API: where it listens, and the key it wants (never shown to a client). */
export interface SimulatorEndpoint {
  /** e.g. http://127.0.0.1:PORT (no `/v2`). */
  baseUrl: string;
  apiKey: string;
}

export interface SimulatorCallRoutesOptions {
  simulator: SimulatorEndpoint;
  authenticator: Authenticator;
  logger: Logger;
}

const HANGUP_PATH = /^\/simulator\/calls\/([^/]+)\/hangup$/;
const MAX_BODY_BYTES = 16 * 1024;
/** Printable ASCII, as a call control id is everywhere else in the API. */
const CALL_CONTROL_ID = /^[\x21-\x7e]{1,256}$/;
const PARTY = /^[\x20-\x7e]{1,128}$/;
const FORWARD_TIMEOUT_MS = 5_000;

type Refusal = { status: number; code: string; message: string; headers?: Record<string, string> };

/**
 * Simulator mode only: `POST /simulator/calls` starts another demo call and
 * `POST /simulator/calls/{callControlId}/hangup` hangs one up (the caller's side), for the console and
 * for anyone trying the gateway without a Telnyx account. They forward to the embedded simulator, so
 * its key stays in the gateway. Like `/graphql`: a POST must not be one a cross-site form could send,
 * and with client auth on the token needs `media:write` (and to cover the call it hangs up).
 */
export function createSimulatorCallRoutes(options: SimulatorCallRoutesOptions) {
  return async function serveSimulatorCalls(req: IncomingMessage, res: ServerResponse, path: string) {
    const hangup = HANGUP_PATH.exec(path);
    if (path !== '/simulator/calls' && !hangup) return false;
    const callControlId = hangup ? decoded(hangup[1]!) : null;
    const refusal = await refuse(req, options.authenticator, callControlId);
    if (refusal) return answerRefusal(res, refusal);
    if (!hangup) {
      const parties = partiesOf(await readSmallBody(req));
      if ('status' in parties) return answerRefusal(res, parties);
      const answer = await forward(options, '/simulator/calls', parties);
      if (answer.status !== 201) return sendSimulatorError(res, answer);
      const call = (answer.body as { data: Record<string, string> }).data;
      options.logger.info({ callControlId: call.call_control_id }, 'simulator: demo call started');
      return send(res, 201, {
        data: { callControlId: call.call_control_id, callLegId: call.call_leg_id, callSessionId: call.call_session_id },
      });
    }
    const answer = await forward(options, `/simulator/calls/${encodeURIComponent(callControlId!)}/hangup`, {});
    if (answer.status !== 200) return sendSimulatorError(res, answer);
    options.logger.info({ callControlId }, 'simulator: call hung up');
    return send(res, 200, { data: { result: 'ok' } });
  };
}

/** Why the request may not go on, or null: method, cross-site, token, scope, call. */
async function refuse(
  req: IncomingMessage,
  authenticator: Authenticator,
  callControlId: string | null,
): Promise<Refusal | null> {
  if (req.method !== 'POST')
    return { status: 405, code: 'BAD_REQUEST', message: 'use POST', headers: { allow: 'POST' } };
  if (couldBeCrossSite(req.headers['content-type'], (name) => req.headers[name] !== undefined)) {
    return {
      status: 403,
      code: 'BAD_REQUEST',
      message: 'Rejected as a possible cross-site request: send Content-Type: application/json',
    };
  }
  let principal: Principal;
  try {
    principal = await authenticator.authenticate(req.headers.authorization);
  } catch (error) {
    if (!(error instanceof UnauthenticatedError)) throw error;
    return { status: 401, code: error.code, message: error.message, headers: { 'www-authenticate': 'Bearer' } };
  }
  if (!principal.scopes.has('media:write'))
    return { status: 403, code: 'FORBIDDEN', message: 'the token lacks the media:write scope' };
  if (callControlId !== null && !CALL_CONTROL_ID.test(callControlId))
    return { status: 400, code: 'BAD_USER_INPUT', message: 'not a call control id' };
  if (callControlId !== null && !canAccessCall(principal, callControlId))
    return { status: 403, code: 'FORBIDDEN', message: 'the token does not cover this call' };
  return null;
}

/** `from` and `to` of a new call, both optional; a refusal for anything else. */
function partiesOf(body: string | null): { from?: string; to?: string } | Refusal {
  const invalid = (message: string): Refusal => ({ status: 400, code: 'BAD_USER_INPUT', message });
  if (body === null) return invalid(`body over ${MAX_BODY_BYTES} bytes`);
  if (body.trim() === '') return {};
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return invalid('body is not JSON');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return invalid('body must be a JSON object');
  const parties: { from?: string; to?: string } = {};
  for (const key of ['from', 'to'] as const) {
    const value = (json as Record<string, unknown>)[key];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string' || !PARTY.test(value)) return invalid(`${key}: 1-128 printable characters`);
    parties[key] = value;
  }
  return parties;
}

async function forward(
  { simulator, logger }: SimulatorCallRoutesOptions,
  path: string,
  body: Record<string, unknown>,
): Promise<{ status: number; body: unknown }> {
  try {
    const response = await request(`${simulator.baseUrl}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${simulator.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
      headersTimeout: FORWARD_TIMEOUT_MS,
      bodyTimeout: FORWARD_TIMEOUT_MS,
    });
    return { status: response.statusCode, body: await response.body.json() };
  } catch (error) {
    logger.error({ reason: error instanceof Error ? error.message : String(error) }, 'simulator did not answer');
    return { status: 502, body: { errors: [{ title: 'the simulator did not answer' }] } };
  }
}

function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return '';
  }
}

/** The body as text, or null past MAX_BODY_BYTES (read to its end all the same, so the answer can be sent). */
async function readSmallBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= MAX_BODY_BYTES) chunks.push(chunk);
  }
  return size > MAX_BODY_BYTES ? null : Buffer.concat(chunks).toString('utf8');
}

/** The simulator said no (unknown call, call already ended): its Telnyx error, as TELNYX_ERROR is shown everywhere. */
function sendSimulatorError(res: ServerResponse, answer: { status: number; body: unknown }): true {
  const errors = (answer.body as { errors?: { detail?: string; title?: string }[] } | null)?.errors ?? [];
  const message = errors[0]?.detail ?? errors[0]?.title ?? 'the simulator refused';
  return send(res, answer.status, {
    errors: [{ message, extensions: { code: 'TELNYX_ERROR', telnyx: { status: answer.status, errors } } }],
  });
}

function errorBody(code: string, message: string) {
  return { errors: [{ message, extensions: { code } }] };
}

function answerRefusal(res: ServerResponse, refusal: Refusal): true {
  return send(res, refusal.status, errorBody(refusal.code, refusal.message), refusal.headers);
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): true {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  res.end(text);
  return true;
}
