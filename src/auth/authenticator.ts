import {
  createRemoteJWKSet,
  errors as joseErrors,
  jwtVerify,
  type JWTPayload,
  type JWTVerifyGetKey,
  type ProtectedHeaderParameters,
} from 'jose';
import { z } from 'zod';
import { UnauthenticatedError } from '../lib/errors';
import { openAccess, type Authenticator, type Principal, type Scope } from './principal';

/** Algorithms a token may be signed with, pinned per key source so one key can never verify another's alg. */
const SECRET_ALGORITHMS = ['HS256'] as const;
const JWKS_ALGORITHMS = ['RS256', 'ES256'] as const;

/** Longer than any sane JWT; stops a client from making us parse megabytes of header. */
const MAX_AUTHORIZATION_LENGTH = 8_192;
/** Upper bounds on the `calls` claim, so a token cannot carry unbounded work into every event filter. */
const MAX_CALLS = 100;
const MAX_CALL_ID_LENGTH = 256;

const KNOWN_SCOPES: ReadonlySet<Scope> = new Set<Scope>(['media:write', 'events:read']);

const claimsSchema = z.object({
  sub: z.string().min(1).optional(),
  exp: z.number().finite(),
  scope: z.string().optional(),
  calls: z.array(z.string().min(1).max(MAX_CALL_ID_LENGTH)).max(MAX_CALLS).optional(),
});

export interface JwtAuthConfig {
  mode: 'jwt';
  /** HS256 tokens verify against it; at least one of `jwtSecret` and `jwksUrl` is set. */
  jwtSecret: string | undefined;
  /** RS256/ES256 tokens verify against its keys. */
  jwksUrl: string | undefined;
  issuer: string | undefined;
  audience: string | undefined;
}

/** Client authentication: none, or bearer JWTs. */
export type AuthConfig = { mode: 'off' } | JwtAuthConfig;

export function createAuthenticator(config: AuthConfig): Authenticator {
  if (config.mode === 'off') return openAccess;
  const getKey = keyResolver(config);
  const algorithms = [...(config.jwtSecret ? SECRET_ALGORITHMS : []), ...(config.jwksUrl ? JWKS_ALGORITHMS : [])];
  return {
    async authenticate(authorization) {
      const token = bearerToken(authorization);
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, getKey, {
          algorithms,
          issuer: config.issuer,
          audience: config.audience,
          requiredClaims: ['exp'],
        }));
      } catch (error) {
        throw new UnauthenticatedError(describeVerificationFailure(error));
      }
      return principalFromClaims(payload);
    },
  };
}

/** HS256 tokens verify against the shared secret, every other alg against the JWKS (fetched and cached by jose). */
function keyResolver(config: JwtAuthConfig): JWTVerifyGetKey {
  const secret = config.jwtSecret ? new TextEncoder().encode(config.jwtSecret) : undefined;
  const jwks = config.jwksUrl
    ? createRemoteJWKSet(new URL(config.jwksUrl), {
        timeoutDuration: 5_000,
        cooldownDuration: 30_000,
        cacheMaxAge: 600_000,
      })
    : undefined;
  return async (header: ProtectedHeaderParameters, token) => {
    if (header.alg === 'HS256' && secret) return secret;
    if (header.alg !== 'HS256' && jwks) return jwks(header, token);
    throw new joseErrors.JOSEAlgNotAllowed('"alg" (Algorithm) Header Parameter value not allowed');
  };
}

function bearerToken(authorization: string | null | undefined): string {
  if (!authorization) throw new UnauthenticatedError('Missing bearer token: send "Authorization: Bearer <jwt>"');
  if (authorization.length > MAX_AUTHORIZATION_LENGTH) throw new UnauthenticatedError('Authorization header too long');
  const match = /^Bearer +([A-Za-z0-9_\-.=]+) *$/i.exec(authorization);
  if (!match?.[1]) throw new UnauthenticatedError('Authorization must be "Bearer <jwt>"');
  return match[1];
}

/** Fixed messages per failure kind: jose's own messages are safe today, but a token must never reach a client or a log. */
function describeVerificationFailure(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return 'Token expired';
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    if (error.claim === 'iss') return 'Token issuer not accepted';
    if (error.claim === 'aud') return 'Token audience not accepted';
    if (error.claim === 'exp' && error.reason === 'missing') return 'Token has no expiry ("exp" claim required)';
    return `Token claim "${error.claim}" not accepted`;
  }
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return 'Token algorithm not accepted';
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return 'Token signature invalid';
  if (error instanceof joseErrors.JWKSNoMatchingKey) return 'Token signed with an unknown key';
  if (error instanceof joseErrors.JWKSTimeout || error instanceof joseErrors.JWKSInvalid)
    return 'Token signing keys unavailable';
  return 'Malformed token';
}

function principalFromClaims(payload: JWTPayload): Principal {
  const parsed = claimsSchema.safeParse(payload);
  if (!parsed.success) {
    const claim = parsed.error.issues[0]?.path[0];
    throw new UnauthenticatedError(
      claim === 'calls'
        ? `Token "calls" claim must be an array of at most ${MAX_CALLS} call_control_id strings`
        : `Token claim "${String(claim)}" has the wrong type`,
    );
  }
  const claims = parsed.data;
  const scopes = new Set<Scope>();
  for (const scope of (claims.scope ?? '').split(' ')) {
    if (KNOWN_SCOPES.has(scope as Scope)) scopes.add(scope as Scope);
  }
  return {
    subject: claims.sub ?? null,
    scopes,
    calls: claims.calls ? new Set(claims.calls) : null,
    expiresAt: claims.exp * 1000,
  };
}
