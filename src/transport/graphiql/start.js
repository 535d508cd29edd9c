// Starts the GraphiQL build served beside this file. A file rather than inline code, so the page's
// CSP allows scripts from its own origin only. Runs in the browser as it is (no build step).
import { createClient } from './graphql-ws/client.js';

const { storageNamespace, ...options } = JSON.parse(document.getElementById('graphiql-options').textContent);

/** Monaco asks for its workers by label; they are served beside this file. */
const workerFiles = { editorWorkerService: 'editor.worker.js', json: 'json.worker.js', graphql: 'graphql.worker.js' };
self.MonacoEnvironment = {
  globalAPI: false,
  getWorkerUrl: (_moduleId, label) =>
    new URL(workerFiles[label] ?? workerFiles.editorWorkerService, import.meta.url).href,
};

const endpoint = new URL(options.endpoint ?? location.pathname, location.href);
const socketUrl = new URL(endpoint);
socketUrl.protocol = endpoint.protocol === 'https:' ? 'wss:' : 'ws:';

/**
 * Queries and mutations over HTTP, subscriptions over graphql-ws; both carry the header editor's
 * Authorization: as a header, and as the websocket's connectionParams (browsers cannot set headers
 * on a websocket).
 */
function fetcher(params, opts) {
  const headers = opts?.headers ?? {};
  if (operationType(opts?.documentAST, params.operationName) === 'subscription') return subscribe(params, headers);
  return post(params, headers);
}

function operationType(document, operationName) {
  const operations = (document?.definitions ?? []).filter((definition) => definition.kind === 'OperationDefinition');
  const operation = operationName
    ? operations.find((candidate) => candidate.name?.value === operationName)
    : operations[0];
  return operation?.operation ?? 'query';
}

async function post(params, headers) {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: {
      accept: 'application/graphql-response+json, application/json',
      'content-type': 'application/json',
      ...headers,
    },
    body: JSON.stringify(params),
  });
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch {
    return { errors: [{ message: `HTTP ${response.status}: ${text.slice(0, 200)}` }] };
  }
}

/** One lazy graphql-ws client per token: connectionParams are sent once, when the socket opens. */
const clients = new Map();
function clientFor(authorization) {
  let client = clients.get(authorization);
  if (!client) {
    client = createClient({
      url: socketUrl.href,
      connectionParams: authorization ? { authorization } : {},
      retryAttempts: 0,
    });
    clients.set(authorization, client);
  }
  return client;
}

/** An Observable, as GraphiQL takes: Stop unsubscribes, which completes the subscription on the server. */
function subscribe(params, headers) {
  const authorization = Object.entries(headers).find(([name]) => name.toLowerCase() === 'authorization')?.[1] ?? '';
  return {
    subscribe(observer) {
      const unsubscribe = clientFor(String(authorization)).subscribe(params, {
        next: (result) => observer.next(result),
        error: (error) => {
          clients.delete(String(authorization));
          observer.next({ errors: describe(error) });
          observer.complete();
        },
        complete: () => observer.complete(),
      });
      return { unsubscribe };
    },
  };
}

/** graphql-ws reports GraphQL errors as an array, a closed socket as its CloseEvent. */
function describe(error) {
  if (Array.isArray(error)) return error;
  if (error && typeof error === 'object' && 'code' in error && 'reason' in error) {
    return [{ message: `The websocket closed: ${error.code} ${error.reason || ''}`.trim() }];
  }
  return [{ message: error instanceof Error ? error.message : String(error) }];
}

/** GraphiQL's storage, under a namespace: a new demo call opens on its default tabs. */
function namespacedStorage(namespace) {
  const prefix = `voice-media-gateway:${namespace}:`;
  const keys = () => Object.keys(localStorage).filter((key) => key.startsWith(prefix));
  return {
    getItem: (key) => localStorage.getItem(prefix + key),
    setItem: (key, value) => localStorage.setItem(prefix + key, value),
    removeItem: (key) => localStorage.removeItem(prefix + key),
    get length() {
      return keys().length;
    },
    clear: () => {
      for (const key of keys()) localStorage.removeItem(key);
    },
  };
}

globalThis.YogaGraphiQL.renderYogaGraphiQL(document.getElementById('root'), {
  ...options,
  fetcher,
  storage: namespacedStorage(storageNamespace),
});
