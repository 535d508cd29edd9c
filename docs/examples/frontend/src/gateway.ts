import type { ResultOf, TypedDocumentNode, VariablesOf } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { createClient as createSseClient } from 'graphql-sse';
import { type Client, createClient as createWsClient } from 'graphql-ws';
import { WatchCallDocument } from './gql/graphql';

/** The gateway's GraphQL endpoint: this page's own origin (a dev proxy, or the same host in production). */
const endpoint = new URL('/graphql', location.href);

/** Your app's way to get the user's JWT; null when the gateway runs with GATEWAY_AUTH=off. */
export type GetToken = () => string | null;

function authorization(getToken: GetToken): Record<string, string> {
  const token = getToken();
  return token ? { authorization: `Bearer ${token}` } : {};
}

export type CallEvent = ResultOf<typeof WatchCallDocument>['callEvents'];
type WatchCallVariables = VariablesOf<typeof WatchCallDocument>;

interface GraphQLError {
  message: string;
  extensions?: Record<string, unknown>;
}

/** Queries and mutations: a JSON POST with the token in the Authorization header. */
export async function execute<Result, Variables>(
  document: TypedDocumentNode<Result, Variables>,
  variables: Variables,
  getToken: GetToken,
): Promise<Result> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json',
      ...authorization(getToken),
    },
    body: JSON.stringify({ query: print(document), variables }),
  });
  const body = (await response.json()) as { data?: Result | null; errors?: GraphQLError[] };
  if (!body.data) throw new Error(body.errors?.[0]?.message ?? `HTTP ${response.status}`);
  return body.data;
}

/** One call's events as the gateway sends them: a result with the event, or with the errors that end the stream. */
type Subscribe = (
  variables: WatchCallVariables,
) => AsyncIterable<{ data?: ResultOf<typeof WatchCallDocument> | null; errors?: readonly GraphQLError[] }>;

/** A graphql-ws client: browsers cannot set headers on a websocket, so the token goes in connectionParams. */
export function websocketClient(getToken: GetToken): Client {
  const url = new URL(endpoint);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return createWsClient({
    url: url.href,
    connectionParams: () => authorization(getToken), // read again on every (re)connection
    retryAttempts: 0, // followCallEvents resumes after the last cursor; graphql-ws would resubscribe with the first
  });
}

/** Subscriptions over websockets. */
export function overWebSocket(client: Client): Subscribe {
  return (variables) => client.iterate({ query: print(WatchCallDocument), variables });
}

/** Subscriptions over SSE (graphql-sse, distinct connections): EventSource cannot send a header, fetch can. */
export function overSse(getToken: GetToken): Subscribe {
  const client = createSseClient({ url: endpoint.href, headers: () => authorization(getToken) });
  return (variables) => client.iterate({ query: print(WatchCallDocument), variables });
}

/**
 * Follows one call's events with no gap and no duplicate: each event's cursor is kept, and when the
 * stream ends early (SLOW_CONSUMER, a dropped connection) it subscribes again `after` it, and the
 * gateway replays what was missed. Ends when the gateway refuses (UNAUTHENTICATED, FORBIDDEN, ...).
 */
export async function followCallEvents(
  subscribe: Subscribe,
  callControlId: string,
  onEvent: (event: CallEvent) => void,
): Promise<never> {
  let after: string | null = null;
  for (;;) {
    let ending: unknown;
    try {
      const results = subscribe({ callControlId, after });
      for await (const result of results) {
        const event = result.data?.callEvents;
        if (event) {
          after = event.cursor;
          onEvent(event);
        }
        ending = result.errors?.[0]?.extensions?.code ?? ending;
      }
    } catch (error) {
      // graphql-ws throws the errors of a refused subscription; any other throw is the connection.
      if (Array.isArray(error)) throw new Error((error as GraphQLError[])[0]?.message ?? 'refused');
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    // The events after `after` left the gateway's buffer: continue from now.
    if (ending === 'CURSOR_EXPIRED') after = null;
    else if (ending !== undefined && ending !== 'SLOW_CONSUMER') throw new Error(`subscription ended: ${ending}`);
  }
}
