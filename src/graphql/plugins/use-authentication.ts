import { createGraphQLError, type Plugin } from 'graphql-yoga';
import { UnauthenticatedError } from '../../lib/errors';
import type { Authenticator, Principal } from '../../auth/principal';

/**
 * Authenticates every GraphQL-over-HTTP request (POST, and GET for SSE) before its body or document
 * is read: a missing or bad token answers HTTP 401 with `WWW-Authenticate: Bearer` and one error
 * with `extensions.code` UNAUTHENTICATED, whatever the document, so nothing about the schema (not
 * even a "Did you mean" from validation) reaches an unauthenticated client. Scope and call checks
 * later answer 200 with FORBIDDEN errors, as GraphQL does. GraphiQL's page is served earlier
 * (onRequest) and needs no token.
 */
export function useAuthentication(authenticator: Authenticator) {
  const principals = new WeakMap<Request, Principal>();
  const plugin: Plugin = {
    async onRequestParse({ request }) {
      const principal = await authenticateHttpRequest(authenticator, request);
      principals.set(request, principal);
    },
  };
  return {
    plugin,
    /** The principal onRequestParse found for this request (it always runs before the context is built). */
    principalOf(request: Request): Principal {
      const principal = principals.get(request);
      if (!principal) throw new Error('request reached execution without authentication');
      return principal;
    },
  };
}

async function authenticateHttpRequest(authenticator: Authenticator, request: Request): Promise<Principal> {
  try {
    return await authenticator.authenticate(request.headers.get('authorization'));
  } catch (error) {
    if (!(error instanceof UnauthenticatedError)) throw error;
    throw createGraphQLError(error.message, {
      extensions: { code: error.code, http: { status: 401, headers: { 'WWW-Authenticate': 'Bearer' } } },
    });
  }
}
