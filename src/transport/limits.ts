/** Largest websocket message (graphql-ws frame), ws closes the socket with 1009 past it: subscriptions are small; inline audio goes over HTTP. */
export const MAX_WEBSOCKET_MESSAGE_BYTES = 256 * 1024;

/**
 * Slow-client (slowloris) bounds for the HTTP server: headers within 10 s, a whole request body
 * within 30 s (responses, such as SSE streams, are not limited), checked every second.
 */
export const slowClientTimeouts = {
  headersTimeout: 10_000,
  requestTimeout: 30_000,
  connectionsCheckingInterval: 1_000,
} as const;

/** A websocket that sends no connection_init within this is closed (4408), bounding idle sockets. */
export const CONNECTION_INIT_TIMEOUT_MS = 3_000;
