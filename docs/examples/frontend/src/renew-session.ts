import { print } from 'graphql';
import type { Client } from 'graphql-ws';
import { RenewSessionDocument, type RenewSessionMutation } from './gql/graphql';

/**
 * Keeps a websocket (and its subscriptions) open past its token's expiry: a minute before
 * `expiresAt`, fetch a fresh token from your identity provider and send it with renewSession over
 * the same socket; then again before the new expiry. Refused (another subject, a bad token), the
 * socket closes at the old expiry and graphql-ws reconnects with the fresh token from connectionParams.
 */
export function renewBefore(client: Client, expiresAt: Date, fetchToken: () => Promise<string>): void {
  setTimeout(
    async () => {
      const token = await fetchToken();
      const renewal = client.iterate<RenewSessionMutation>({
        query: print(RenewSessionDocument),
        variables: { token },
      });
      const { value } = await renewal.next();
      const renewed = value?.data?.renewSession;
      if (renewed) renewBefore(client, new Date(renewed.expiresAt), fetchToken);
    },
    Math.max(0, expiresAt.getTime() - Date.now() - 60_000),
  );
}

/** The first expiry, from the token's own `exp` claim (its payload is base64url JSON). */
export function expiryOf(token: string): Date {
  const payload = token.split('.')[1] ?? '';
  const claims = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as { exp: number };
  return new Date(claims.exp * 1000);
}
