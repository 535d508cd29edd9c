import { postGraphQL, runWs, subscribeSse, wsClient, type GraphQLResult } from './clients';

/**
 * Every way a client can run a query against the gateway, each answering the one result it got:
 * a behaviour that must hold on every transport is tested over this list.
 */
export interface QueryTransport {
  name: string;
  run(gateway: { url: string; wsUrl: string }, query: string, token?: string): Promise<GraphQLResult>;
}

const authorization = (token?: string): Record<string, string> => (token ? { authorization: `Bearer ${token}` } : {});

export const QUERY_TRANSPORTS: QueryTransport[] = [
  {
    // Plain JSON: the gateway's direct POST path.
    name: 'POST application/json',
    run: async ({ url }, query, token) =>
      (await postGraphQL(url, query, { token, headers: { accept: 'application/json' } })).body,
  },
  {
    // GraphQL over HTTP's own media type: Yoga's path.
    name: 'POST application/graphql-response+json',
    run: async ({ url }, query, token) =>
      (await postGraphQL(url, query, { token, headers: { accept: 'application/graphql-response+json' } })).body,
  },
  {
    name: 'GET',
    run: async ({ url }, query, token) => {
      const response = await fetch(`${url}/graphql?${new URLSearchParams({ query })}`, {
        headers: { accept: 'application/json', ...authorization(token) },
      });
      return (await response.json()) as GraphQLResult;
    },
  },
  {
    name: 'SSE',
    run: async ({ url }, query, token) => {
      const sse = await subscribeSse(url, query, { headers: authorization(token) });
      const [result] = await sse.collected.waitFor(1);
      sse.cancel();
      return result as GraphQLResult;
    },
  },
  {
    name: 'graphql-ws',
    run: async ({ wsUrl }, query, token) => {
      const client = wsClient(wsUrl, token);
      try {
        return (await runWs(client, query)).items[0] as GraphQLResult;
      } finally {
        await client.dispose();
      }
    },
  },
];
