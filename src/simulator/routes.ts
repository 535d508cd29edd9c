/**
 * The simulator's HTTP surface. Under `/v2`: the Telnyx paths the gateway uses, behind Telnyx's
 * bearer-key check. Under `/simulator`: what only a simulator has (create and hang up calls,
 * point webhooks somewhere, inject API failures, fetch recording audio); `README.md` lists them.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../lib/logger';
import { makeMp3, makeWav } from './audio';
import type { CallRegistry } from './calls';
import {
  authenticationFailed,
  invalidCallControlId,
  invalidValue,
  methodNotAllowed,
  recordingsUnauthorized,
  resourceNotFound,
  routeNotFound,
  TelnyxApiError,
} from './errors';
import { faultError, type FaultInjector } from './faults';
import { readJsonObject, sendError, sendJson } from './http';
import type { RecordingStore } from './recordings-api';
import { validateCommon } from './validation';

export interface RouteContext {
  apiKey: string;
  calls: CallRegistry;
  recordings: RecordingStore;
  faults: FaultInjector;
  audioUrl(recordingId: string, format: 'wav' | 'mp3'): string;
  setWebhookUrl(url: string): void;
  describe(): Record<string, unknown>;
  logger: Logger;
}

type Handler = (
  req: IncomingMessage,
  res: ServerResponse,
  params: string[],
  query: URLSearchParams,
) => Promise<void> | void;
interface Route {
  method: string;
  pattern: RegExp;
  auth: 'calls' | 'recordings' | 'none';
  handle: Handler;
}

const OK = { data: { result: 'ok' } };

/** Telnyx's own paths, behind its bearer-key check. */
function telnyxRoutes(ctx: RouteContext): Route[] {
  return [
    {
      method: 'POST',
      pattern: /^\/v2\/calls\/([^/]+)\/actions\/([^/]+)$/,
      auth: 'calls',
      handle: async (req, res, [id, action]) => {
        const body = await readJsonObject(req);
        ctx.calls.command(id!, action!, body);
        sendJson(res, 200, OK);
      },
    },
    {
      method: 'GET',
      pattern: /^\/v2\/calls\/([^/]+)$/,
      auth: 'calls',
      handle: (_req, res, [id]) => {
        sendJson(res, 200, { data: ctx.calls.find(id!).toTelnyx() });
      },
    },
    {
      method: 'GET',
      pattern: /^\/v2\/recordings$/,
      auth: 'recordings',
      handle: (_req, res, _params, query) => {
        sendJson(res, 200, ctx.recordings.list(query, ctx.audioUrl));
      },
    },
    {
      method: 'GET',
      pattern: /^\/v2\/recordings\/([^/]+)$/,
      auth: 'recordings',
      handle: (_req, res, [id]) => {
        sendJson(res, 200, ctx.recordings.retrieve(id!, ctx.audioUrl));
      },
    },
  ];
}

/** What only a simulator has. */
function simulatorRoutes(ctx: RouteContext): Route[] {
  return [
    {
      method: 'GET',
      pattern: /^\/simulator\/?$/,
      auth: 'none',
      handle: (_req, res) => sendJson(res, 200, { data: ctx.describe() }),
    },
    {
      method: 'POST',
      pattern: /^\/simulator\/calls$/,
      auth: 'calls',
      handle: async (req, res) => {
        const body = await readJsonObject(req);
        const { clientState } = validateCommon(body);
        const text = (key: string) =>
          typeof body[key] === 'string' && body[key] !== '' ? (body[key] as string) : undefined;
        const call = ctx.calls.create({
          clientState,
          connectionId: text('connection_id'),
          from: text('from'),
          to: text('to'),
        });
        sendJson(res, 201, { data: { ...call.toTelnyx(), connection_id: call.identity.connectionId } });
      },
    },
    {
      method: 'POST',
      pattern: /^\/simulator\/calls\/([^/]+)\/hangup$/,
      auth: 'calls',
      handle: (_req, res, [id]) => {
        ctx.calls.hangup(id!);
        sendJson(res, 200, OK);
      },
    },
    {
      method: 'POST',
      pattern: /^\/simulator\/faults$/,
      auth: 'calls',
      handle: async (req, res) => {
        ctx.faults.arm(await readJsonObject(req));
        sendJson(res, 200, OK);
      },
    },
    {
      method: 'PUT',
      pattern: /^\/simulator\/webhook_url$/,
      auth: 'calls',
      handle: async (req, res) => {
        const { url } = await readJsonObject(req);
        if (typeof url !== 'string' || !/^https?:\/\/\S+$/.test(url))
          throw invalidValue('/url', "'url' must be an http(s) URL.");
        ctx.setWebhookUrl(url);
        sendJson(res, 200, OK);
      },
    },
    // Like Telnyx's pre-signed recording URLs: no API key needed, the id is the secret.
    {
      method: 'GET',
      pattern: /^\/simulator\/recordings\/([^/]+)\.(wav|mp3)$/,
      auth: 'none',
      handle: (_req, res, [id, format]) => {
        const recording = ctx.recordings.get(id!);
        if (!recording) throw resourceNotFound('/recording_id');
        const seconds = recording.durationMillis / 1000;
        const audio = format === 'wav' ? makeWav(seconds) : makeMp3(seconds);
        res.writeHead(200, {
          'content-type': format === 'wav' ? 'audio/wav' : 'audio/mpeg',
          'content-length': audio.length,
        });
        res.end(audio);
      },
    },
  ];
}

export function createRequestHandler(ctx: RouteContext): (req: IncomingMessage, res: ServerResponse) => void {
  const table = [...telnyxRoutes(ctx), ...simulatorRoutes(ctx)];
  const expected = Buffer.from(`Bearer ${ctx.apiKey}`);
  const authorized = (req: IncomingMessage) => {
    const given = Buffer.from(req.headers.authorization?.replace(/^bearer /i, 'Bearer ') ?? '');
    return given.length === expected.length && timingSafeEqual(given, expected);
  };

  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://simulator');
    res.once('finish', () =>
      ctx.logger.debug({ method: req.method, path: url.pathname, status: res.statusCode }, 'simulator request'),
    );
    const matching = table.filter((route) => route.pattern.test(url.pathname));
    const route = matching.find((candidate) => candidate.method === req.method);
    const run = async () => {
      if (!route) throw matching.length > 0 ? methodNotAllowed() : routeNotFound();
      if (route.auth !== 'none' && !authorized(req))
        throw route.auth === 'recordings' ? recordingsUnauthorized() : authenticationFailed();
      const fault = url.pathname.startsWith('/v2/') ? ctx.faults.take() : null;
      if (fault?.status === 'no_answer') return; // the socket stays open until the client gives up
      if (fault) throw faultError(fault.status, fault.resetSeconds);
      await route.handle(req, res, pathParams(route.pattern, url.pathname), url.searchParams);
    };
    run().catch((error: unknown) => {
      if (error instanceof TelnyxApiError) {
        if (!res.headersSent) sendError(res, error);
        return;
      }
      ctx.logger.error({ err: error, path: url.pathname }, 'simulator request failed');
      if (!res.headersSent)
        sendJson(res, 500, {
          errors: [{ code: '10007', title: 'Internal server error', detail: 'Unexpected error.' }],
        });
    });
  };
}

/** Path parameters, percent-decoded one by one (ids contain `:`; the SDK leaves it, others encode it). */
function pathParams(pattern: RegExp, pathname: string): string[] {
  return (pattern.exec(pathname) ?? []).slice(1).map((raw) => {
    try {
      return decodeURIComponent(raw);
    } catch {
      throw invalidCallControlId();
    }
  });
}
