import { defineConfig } from 'vite';

// Where the gateway runs: `npm start` listens on http://127.0.0.1:4000.
const gateway = process.env.GATEWAY_URL ?? 'http://127.0.0.1:4000';

export default defineConfig({
  server: {
    proxy: {
      // Queries, mutations and SSE over HTTP, subscriptions over websockets: one path, same origin.
      // Keep changeOrigin off: the gateway accepts a websocket whose Origin matches its Host header.
      '/graphql': { target: gateway, ws: true },
    },
  },
});
