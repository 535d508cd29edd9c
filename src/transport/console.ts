import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join } from 'node:path';

/** The console's assets live under this prefix (Vite's `base`), apart from the API's paths. */
export const CONSOLE_ASSET_PREFIX = '/console/';

/**
 * Headers of every console response: scripts, styles, media and sockets from this origin only (no
 * inline code), never framed, no referrer (audio URLs carry signatures).
 */
export const consoleSecurityHeaders: Record<string, string> = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; media-src 'self'; connect-src 'self'; " +
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
};

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.png': 'image/png',
  '.json': 'application/json',
};
const SAFE_ASSET = /^[A-Za-z0-9_-][A-Za-z0-9._-]*(\/[A-Za-z0-9_-][A-Za-z0-9._-]*)*$/;

/** What the page learns before it connects: whether to ask for a token, and the demo call to fill in. */
export interface ConsoleSettings {
  authRequired: boolean;
  /** Telnyx is the embedded simulator (the page offers demo calls and says any audio URL plays). */
  simulator: boolean;
  demoCallControlId: string | null;
}

export function consoleIsBuilt(buildDir: string): boolean {
  return existsSync(join(buildDir, 'index.html'));
}

export function createConsoleHandler(settings: () => ConsoleSettings, buildDir: string) {
  return async function serveConsole(req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> {
    if (path !== '/' && !path.startsWith(CONSOLE_ASSET_PREFIX)) return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, 'text/plain; charset=utf-8', 'use GET', { allow: 'GET, HEAD' });
      return true;
    }
    if (path === `${CONSOLE_ASSET_PREFIX}settings.json`) {
      send(res, 200, 'application/json', JSON.stringify(settings()), { 'cache-control': 'no-store' });
      return true;
    }
    const indexPath = join(buildDir, 'index.html');
    if (!consoleIsBuilt(buildDir)) {
      send(
        res,
        503,
        'text/plain; charset=utf-8',
        'The call console is not built. Run `npm run build:console` (npm install does it), then reload.',
      );
      return true;
    }
    if (path === '/') {
      send(
        res,
        200,
        CONTENT_TYPES['.html']!,
        await readFile(indexPath),
        { 'cache-control': 'no-cache' },
        req.method === 'HEAD',
      );
      return true;
    }
    const asset = path.slice(CONSOLE_ASSET_PREFIX.length);
    const type = CONTENT_TYPES[extname(asset)];
    if (!SAFE_ASSET.test(asset) || !type) {
      send(res, 404, 'text/plain; charset=utf-8', 'not found');
      return true;
    }
    const body = await readFile(join(buildDir, asset)).catch(() => null);
    if (!body) send(res, 404, 'text/plain; charset=utf-8', 'not found');
    // Vite puts a content hash in every asset name under assets/.
    else
      send(
        res,
        200,
        type,
        body,
        { 'cache-control': asset.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache' },
        req.method === 'HEAD',
      );
    return true;
  };
}

function send(
  res: ServerResponse,
  status: number,
  type: string,
  body: string | Buffer,
  extra: Record<string, string> = {},
  headOnly = false,
): void {
  res.writeHead(status, {
    ...consoleSecurityHeaders,
    'content-type': type,
    'content-length': String(Buffer.byteLength(body)),
    ...extra,
  });
  res.end(headOnly ? undefined : body);
}
