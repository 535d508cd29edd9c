import type { Plugin } from 'graphql-yoga';
import { couldBeCrossSite } from '../http-policy';

/**
 * CSRF prevention: a POST must carry a non-simple content type (application/json, as GraphiQL and
 * every GraphQL client send) or a preflight header, so a cross-site form cannot run a mutation with
 * whatever ambient access the browser has. GET never runs mutations (Yoga answers 405).
 */
export function useCsrfPrevention(): Plugin {
  return {
    onRequest({ request, fetchAPI, endResponse }) {
      if (request.method !== 'POST') return;
      if (!couldBeCrossSite(request.headers.get('content-type'), (header) => request.headers.has(header))) return;
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
