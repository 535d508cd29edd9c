import { createGraphQLError } from 'graphql-yoga';
import { UnauthenticatedError } from '../errors';
import type { Authenticator, Principal } from './principal';

/**
 * Authenticates a GraphQL-over-HTTP request. A missing or bad token answers HTTP 401 with
 * `WWW-Authenticate: Bearer` and one error with `extensions.code` UNAUTHENTICATED, before any
 * resolver runs; scope and call checks later answer 200 with FORBIDDEN errors, as GraphQL does.
 */
export async function authenticateHttpRequest(authenticator: Authenticator, request: Request): Promise<Principal> {
  try {
    return await authenticator.authenticate(request.headers.get('authorization'));
  } catch (error) {
    if (!(error instanceof UnauthenticatedError)) throw error;
    throw createGraphQLError(error.message, {
      extensions: { code: error.code, http: { status: 401, headers: { 'WWW-Authenticate': 'Bearer' } } },
    });
  }
}
