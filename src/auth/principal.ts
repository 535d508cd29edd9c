/** Who is calling, and what the token lets them do. */
export type Scope = 'media:write' | 'events:read';

export interface Principal {
  /** `sub` of the token; null when authentication is off. */
  subject: string | null;
  scopes: ReadonlySet<Scope>;
  /** The calls the token is limited to; null means every call. */
  calls: ReadonlySet<string> | null;
  /** Token expiry in epoch milliseconds; null when it never expires (auth off). */
  expiresAt: number | null;
}

/** The principal of every request when GATEWAY_AUTH=off. */
export const unrestrictedPrincipal: Principal = {
  subject: null,
  scopes: new Set<Scope>(['media:write', 'events:read']),
  calls: null,
  expiresAt: null,
};

export function canAccessCall(principal: Principal, callControlId: string): boolean {
  return principal.calls === null || principal.calls.has(callControlId);
}

/** Turns an `Authorization` header value into a principal, or throws UnauthenticatedError. */
export interface Authenticator {
  authenticate(authorization: string | null | undefined): Promise<Principal>;
}

export const openAccess: Authenticator = {
  authenticate: async () => unrestrictedPrincipal,
};
