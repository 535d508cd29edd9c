import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { SetContextLink } from '@apollo/client/link/context';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { getMainDefinition } from '@apollo/client/utilities';
import { OperationTypeNode } from 'graphql';
import { createClient } from 'graphql-ws';
import type { GetToken } from './gateway';
import { WatchCallDocument } from './gql/graphql';

/** Apollo Client 4: queries and mutations over HTTP, subscriptions over graphql-ws, one token. */
export function createApolloClient(getToken: GetToken): ApolloClient {
  const bearer = (): Record<string, string> => {
    const token = getToken();
    return token ? { authorization: `Bearer ${token}` } : {};
  };
  const http = new SetContextLink(({ headers }) => ({ headers: { ...headers, ...bearer() } })).concat(
    new HttpLink({ uri: '/graphql' }),
  );
  const websocket = new GraphQLWsLink(
    createClient({ url: new URL('/graphql', location.href).href.replace(/^http/, 'ws'), connectionParams: bearer }),
  );
  const isSubscription = ({ query }: ApolloLink.Operation) => {
    const definition = getMainDefinition(query);
    return definition.kind === 'OperationDefinition' && definition.operation === OperationTypeNode.SUBSCRIPTION;
  };
  return new ApolloClient({ link: ApolloLink.split(isSubscription, websocket, http), cache: new InMemoryCache() });
}

/** The same typed document works with Apollo: `data.callEvents` is typed as in gateway.ts. */
export function logCallEvents(client: ApolloClient, callControlId: string) {
  return client.subscribe({ query: WatchCallDocument, variables: { callControlId } }).subscribe(({ data }) => {
    if (data) console.info(data.callEvents.__typename, data.callEvents.cursor);
  });
}
