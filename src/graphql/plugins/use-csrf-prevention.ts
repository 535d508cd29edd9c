import type { Plugin } from 'graphql-yoga';
import { PREFLIGHT_HEADERS } from '../http-policy';

/** Content types an HTML form or a no-cors fetch can send without a preflight (the Fetch spec's "simple" ones). */
const SIMPLE_CONTENT_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain']);

/**
 * CSRF prevention: a POST must carry a non-simple content type (application/json, as GraphiQL and
 * every GraphQL client send) or a preflight header, so a cross-site form cannot run a mutation with
 * whatever ambient access the browser has. GET never runs mutations (Yoga answers 405).
 */
export function useCsrfPrevention(): Plugin {
  return {
    onRequest({ request, fetchAPI, endResponse }) {
      if (request.method !== 'POST') return;
      const mediaType = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
      if (mediaType && !SIMPLE_CONTENT_TYPES.has(mediaType)) return;
      if (PREFLIGHT_HEADERS.some((header) => request.headers.has(header))) return;
      const body = {
        errors: [
          {
            message: 'Rejected as a possible cross-site request: send Content-Type: application/json',
            extensions: { code: 'BAD_REQUEST' },
          },
        ],
      };
      endResponse(
        new fetchAPI.Response(JSON.stringify(body), { status: 403, headers: { 'content-type': 'application/json' } }),
      );
    },
  };
}
