import type { IncomingMessage } from 'node:http';
import { createYoga, type YogaServerOptions } from 'graphql-yoga';
import type { Authenticator } from '../auth/principal';
import type { MutationCounter } from '../limits/mutation-rate-limit';
import type { Logger } from '../lib/logger';
import type { Metrics } from '../lib/metrics';
import type { Tracing } from '../tracing/tracing';
import type { ClientConnections } from './client-connections';
import type { GatewayServices, GatewayYoga, GraphQLContext } from './context';
import { corsOptions } from './http-policy';
import { createErrorMasker } from './masking';
import { useAuthentication } from './plugins/use-authentication';
import { useCsrfPrevention } from './plugins/use-csrf-prevention';
import { useErrorAttribution } from './plugins/use-error-attribution';
import { useGraphiqlSecurityHeaders } from './plugins/use-graphiql-security-headers';
import { useMutationRateLimit } from './plugins/use-mutation-rate-limit';
import { useOperationLimits } from './plugins/use-operation-limits';
import { usePreparedDocuments } from './plugins/use-prepared-documents';
import { MAX_REQUEST_BODY_BYTES, useRequestBodyLimit } from './plugins/use-request-body-limit';
import { useSharedSubscriptions } from './plugins/use-shared-subscriptions';
import { useSseStreamLimit } from './plugins/use-sse-stream-limit';
import { useTokenExpiry } from './plugins/use-token-expiry';
import { useTracing } from './plugins/use-tracing';
import { useTrustedDocuments } from './plugins/use-trusted-documents';
import { createPrepare, type Prepare } from './prepare';
import { createRequestContext } from './request-context';
import { createYogaLogger, type LogRateLimiter } from './request-logging';
import { schema } from './schema/index';
import type { TrustedDocuments } from './trusted-documents';

export interface EngineOptions {
  services: GatewayServices;
  authenticator: Authenticator;
  metrics: Metrics;
  /** Client mistakes are logged at debug/info, rate-limited per client by this. */
  logLimiter: LogRateLimiter;
  /** Websockets and SSE streams per client, counted together (the websocket guard takes the other slots). */
  connections: ClientConnections;
  maxConnectionsPerClient: number;
  introspection: boolean;
  corsOrigins: readonly string[] | undefined;
  mutationCounter: MutationCounter;
  /** GraphiQL on `GET /graphql` from a browser: its options for a request, and its page. Absent: off. */
  graphiql?: { options: YogaServerOptions<object, object>['graphiql']; render: (options: unknown) => string };
  /** Set: only these documents run, over every transport. */
  trustedDocuments?: TrustedDocuments;
  /** Tracing on: operation spans. */
  tracing?: Tracing;
}

/**
 * The GraphQL engine every transport runs operations through: one schema, one ordered plugin list
 * (Yoga's pipeline), one `prepare` (trusted documents → parse → validate, cached), one error masker.
 *
 * Which plugin hooks run on which transport, and why:
 *
 * | plugin                       | hooks                 | Yoga (POST, GET, SSE) | direct POST | graphql-ws |
 * | ---------------------------- | --------------------- | --------------------- | ----------- | ---------- |
 * | useErrorAttribution          | onExecute/onSubscribe | yes                   | yes         | yes        |
 * | useCsrfPrevention            | onRequest             | yes                   | no: takes only `application/json`, which needs a preflight | no: the guard checks the Origin |
 * | useAuthentication            | onRequestParse        | yes                   | no: authenticates with the same authenticator | no: the guard, at connection_init |
 * | useGraphiqlSecurityHeaders   | onResponse            | yes                   | no: never HTML | no |
 * | useRequestBodyLimit          | onRequestParse        | yes                   | no: takes only bodies within the limit | no: `maxPayload` |
 * | useTrustedDocuments          | onParams              | yes                   | via prepare | via prepare |
 * | usePreparedDocuments         | onParse/onValidate    | yes                   | via prepare | via prepare |
 * | useOperationLimits           | onParse/onValidate    | yes                   | via prepare | via prepare |
 * | useMutationRateLimit         | onExecute             | yes                   | yes         | yes        |
 * | useTokenExpiry               | onSubscribe           | SSE                   | no: no subscriptions | no: the session ends the socket's operations |
 * | useSseStreamLimit            | onSubscribe           | SSE                   | no          | no: the guard counts sockets |
 * | useSharedSubscriptions       | onSubscribe           | SSE                   | no          | yes        |
 * | useTracing                   | onExecute/onSubscribe | yes                   | yes         | yes        |
 *
 * Execute and subscribe hooks run everywhere: every transport executes through `getEnveloped`.
 * Request-level hooks (onRequest, onRequestParse, onParams, onResponse) exist only where there is a
 * Fetch request; the other transports do that work at their own door, as the table says.
 */
export interface Engine {
  yoga: GatewayYoga;
  prepare: Prepare;
  services: GatewayServices;
  authenticator: Authenticator;
  logger: Logger;
  logLimiter: LogRateLimiter;
  trustedDocuments: TrustedDocuments | undefined;
}

export function createEngine(options: EngineOptions): Engine {
  const { services, tracing, trustedDocuments } = options;
  const authentication = useAuthentication(options.authenticator);
  const yoga = createYoga<Record<string, never>, GraphQLContext>({
    schema,
    graphqlEndpoint: '/graphql',
    graphiql: options.graphiql?.options ?? false,
    // GraphiQL's files come from this gateway (src/transport/graphiql/assets.ts), not from a CDN.
    renderGraphiQL: options.graphiql?.render,
    landingPage: false,
    // Yoga logs every error it masks; this logger logs client mistakes at debug/info, rate-limited per client.
    logging: createYogaLogger(services.logger.child({ component: 'graphql' }), options.logLimiter),
    maskedErrors: { maskError: createErrorMasker() },
    // usePreparedDocuments is the one parse and validation cache, for every transport.
    parserAndValidationCache: false,
    cors: corsOptions(options.corsOrigins),
    // useRequestBodyLimit enforces the limit; Yoga's own limit streams every body through a transform.
    maxRequestBodySize: false,
    multipart: false,
    // In this order: each plugin's hooks wrap those of the plugins after it.
    plugins: [
      useErrorAttribution(),
      useCsrfPrevention(),
      authentication.plugin,
      useGraphiqlSecurityHeaders(),
      useRequestBodyLimit(MAX_REQUEST_BODY_BYTES),
      ...(trustedDocuments ? [useTrustedDocuments(trustedDocuments)] : []),
      usePreparedDocuments(),
      ...useOperationLimits({ introspection: options.introspection }),
      useMutationRateLimit(options.mutationCounter, options.metrics),
      useTokenExpiry(),
      useSseStreamLimit(options.connections, options.maxConnectionsPerClient),
      useSharedSubscriptions(createErrorMasker()),
      // Last, so that its span wraps the execute/subscribe the plugins above chose.
      ...(tracing ? [useTracing(tracing)] : []),
    ],
    context: (initial) => {
      // requestListener hands Yoga the Node request as `req`.
      const req = (initial as { req?: IncomingMessage }).req;
      return createRequestContext(services, authentication.principalOf(initial.request), req?.socket.remoteAddress);
    },
  });
  return {
    yoga,
    prepare: createPrepare(yoga, trustedDocuments),
    services,
    authenticator: options.authenticator,
    logger: services.logger,
    logLimiter: options.logLimiter,
    trustedDocuments,
  };
}
