import type { YogaServerOptions } from 'graphql-yoga';

/** Headers a browser cannot send cross-site without a CORS preflight; any of them proves the request was preflighted. */
const PREFLIGHT_HEADERS = ['x-graphql-yoga-csrf', 'apollo-require-preflight', 'graphql-require-preflight'];
/** Content types an HTML form or a no-cors fetch can send without a preflight (the Fetch spec's "simple" ones). */
const SIMPLE_CONTENT_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain']);

/**
 * Whether a POST may have been sent cross-site without a preflight: a simple content type (or none) and
 * no preflight header. Every state-changing POST route refuses such requests (403).
 */
export function couldBeCrossSite(
  contentType: string | null | undefined,
  hasHeader: (name: string) => boolean,
): boolean {
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase();
  if (mediaType && !SIMPLE_CONTENT_TYPES.has(mediaType)) return false;
  return !PREFLIGHT_HEADERS.some(hasHeader);
}

/** Yoga's CORS option: same-origin only unless origins are listed (`*` allows any); never credentials (tokens are bearer). */
export function corsOptions(origins: readonly string[] | undefined): YogaServerOptions<object, object>['cors'] {
  if (!origins?.length) return false;
  return {
    origin: origins.includes('*') ? ['*'] : [...origins],
    methods: ['GET', 'POST'],
    allowedHeaders: ['authorization', 'content-type', 'accept', ...PREFLIGHT_HEADERS],
    credentials: false,
    maxAge: 600,
  };
}

/**
 * Browsers do not apply CORS to websockets, so the upgrade checks the Origin itself, with the same
 * policy as HTTP: no Origin (not a browser) passes, the gateway's own origin always does (the
 * console, GraphiQL), and another origin only when listed.
 */
export function isWebSocketOriginAllowed(
  origin: string | undefined,
  host: string | undefined,
  origins: readonly string[] | undefined,
): boolean {
  if (!origin) return true;
  if (origins?.length && (origins.includes('*') || origins.includes(origin))) return true;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/**
 * Headers of GraphiQL's page and files: everything from this origin only, no inline code. Monaco
 * adds its styles as <style> elements at run time, hence the one relaxation for styles.
 */
export const graphiqlSecurityHeaders: Record<string, string> = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
    "worker-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};
