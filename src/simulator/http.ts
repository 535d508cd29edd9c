import type { IncomingMessage, ServerResponse } from 'node:http';
import { badRequest, TelnyxApiError } from './errors';

const MAX_BODY_BYTES = 1024 * 1024;

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

export function sendError(res: ServerResponse, error: TelnyxApiError): void {
  sendJson(res, error.status, error.toBody(), error.headers);
}

/**
 * The request body as a JSON object. An empty body counts as `{}` (the spec wants a body, but
 * every field of most actions is optional); anything else that is not a JSON object is 400 `10015`.
 */
export async function readJsonObject(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES)
      throw new TelnyxApiError(413, [
        { code: '10015', title: 'Bad Request', detail: 'The request body is too large.' },
      ]);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw badRequest('The request body is not valid JSON.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw badRequest('The request body must be a JSON object.');
  return parsed as Record<string, unknown>;
}
