import { unrestrictedPrincipal, type Authenticator, type Principal } from '../../src/auth/principal';

export const CALL = 'v3:MdI91X4lWFEs7IgbBEOT9M4AigoY08M0WWZFISt1Yw2axZ_IiE4pqg';
export const OTHER_CALL = 'v3:other-call_ID';

/** Tokens the schema suites use: each names a principal. */
export const principals: Record<string, Principal> = {
  full: unrestrictedPrincipal,
  limited: {
    subject: 'limited',
    scopes: new Set(['media:write', 'events:read']),
    calls: new Set([CALL]),
    expiresAt: null,
  },
  readOnly: { subject: 'reader', scopes: new Set(['events:read']), calls: null, expiresAt: null },
};

/** Reads the token as a principal's name; no token is the unrestricted one. */
export const principalsByName: Authenticator = {
  authenticate: async (authorization) =>
    principals[authorization?.replace(/^Bearer /, '') ?? 'full'] ?? unrestrictedPrincipal,
};

/** How the schema suites run the gateway: principals by name, and a Telnyx client quick to give up (300 ms, two retries). */
export const schemaSuiteGateway = {
  auth: principalsByName,
  env: { TELNYX_TIMEOUT_MS: '300', TELNYX_MAX_RETRIES: '2' },
};
