import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';

/** What the gateway tells the page before it connects (`/console/settings.json`). */
export interface ConsoleSettings {
  authRequired: boolean;
  /** Telnyx is the embedded simulator: demo calls can be made and hung up. */
  simulator: boolean;
  demoCallControlId: string | null;
}

/** A refused operation, as the API said it: its message and `extensions.code`. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

interface GraphQLErrorShape {
  message: string;
  extensions?: { code?: string };
}

const TOKEN_KEY = 'voice-media-gateway.console.token';

/** The JWT lives in this tab's sessionStorage only: never in the page, a URL or localStorage. */
export const tokenStore = {
  get: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  set: (token: string) => sessionStorage.setItem(TOKEN_KEY, token),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
};

export async function loadSettings(): Promise<ConsoleSettings> {
  const response = await fetch('/console/settings.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`settings: HTTP ${response.status}`);
  return (await response.json()) as ConsoleSettings;
}

export function authorization(): Record<string, string> {
  const token = tokenStore.get();
  return token ? { authorization: `Bearer ${token}` } : {};
}

export function firstError(errors: readonly GraphQLErrorShape[]): ApiError {
  const error = errors[0];
  return new ApiError(error?.message ?? 'The request failed', error?.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
}

/** Runs a query or mutation over GraphQL-over-HTTP; resolves with its data or throws ApiError. */
export async function execute<Result, Variables>(
  document: TypedDocumentNode<Result, Variables>,
  variables: Variables,
): Promise<Result> {
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        ...authorization(),
      },
      body: JSON.stringify({ query: print(document), variables }),
    });
  } catch {
    throw new ApiError('The gateway did not answer', 'NETWORK_ERROR');
  }
  let body: { data?: Result | null; errors?: GraphQLErrorShape[] };
  try {
    body = (await response.json()) as typeof body;
  } catch {
    throw new ApiError(`The gateway answered HTTP ${response.status}`, 'HTTP_ERROR');
  }
  if (body.errors?.length) throw firstError(body.errors);
  if (!body.data) throw new ApiError(`The gateway answered HTTP ${response.status} without data`, 'HTTP_ERROR');
  return body.data;
}
