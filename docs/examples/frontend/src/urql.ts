import { Client, cacheExchange, fetchExchange, subscriptionExchange } from '@urql/core';
import { createClient } from 'graphql-ws';
import type { GetToken } from './gateway';
import { WatchCallDocument } from './gql/graphql';

/** urql (`@urql/core`; `urql`'s React bindings take the same Client): subscriptions over graphql-ws. */
export function createUrqlClient(getToken: GetToken): Client {
  const bearer = (): Record<string, string> => {
    const token = getToken();
    return token ? { authorization: `Bearer ${token}` } : {};
  };
  const websocket = createClient({
    url: new URL('/graphql', location.href).href.replace(/^http/, 'ws'),
    connectionParams: bearer,
  });
  return new Client({
    url: '/graphql',
    fetchOptions: () => ({ headers: bearer() }),
    exchanges: [
      cacheExchange,
      fetchExchange,
      subscriptionExchange({
        forwardSubscription: (request) => ({
          subscribe: (sink) => ({ unsubscribe: websocket.subscribe({ ...request, query: request.query ?? '' }, sink) }),
        }),
      }),
    ],
  });
}

/** The same typed document works with urql: `result.data.callEvents` is typed as in gateway.ts. */
export function logCallEvents(client: Client, callControlId: string) {
  return client.subscription(WatchCallDocument, { callControlId }).subscribe((result) => {
    if (result.data) console.info(result.data.callEvents.__typename, result.data.callEvents.cursor);
  });
}
