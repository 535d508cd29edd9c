import SchemaBuilder from '@pothos/core';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import ValidationPlugin from '@pothos/plugin-validation';
import { canAccessCall } from '../../auth/principal';
import type { GraphQLContext } from '../context';
import { BadUserInputError, ForbiddenError } from '../../lib/errors';

/** The `Loop` scalar's value: how many times to play, or for ever. */
export type LoopCount = number | 'infinity';

export const builder = new SchemaBuilder<{
  Context: GraphQLContext;
  DefaultInputFieldRequiredness: false;
  Scalars: {
    DateTime: { Input: Date; Output: Date | string };
    Loop: { Input: LoopCount; Output: LoopCount };
  };
  AuthScopes: {
    eventsRead: boolean;
    /** The token may act on / see this call. */
    call: string;
  };
}>({
  plugins: [ScopeAuthPlugin, ValidationPlugin],
  scopeAuth: {
    // Subscriptions are authorised once when they start, not per event.
    authorizeOnSubscribe: true,
    authScopes: (context) => ({
      eventsRead: context.principal.scopes.has('events:read'),
      call: (callControlId) => canAccessCall(context.principal, callControlId),
    }),
    unauthorizedError: (_parent, _context, _info, result) => new ForbiddenError(result.message),
  },
  validation: {
    validationError: (result) => {
      const first = result.issues[0];
      const field = first?.path
        ?.map((segment) => (typeof segment === 'object' ? String(segment.key) : String(segment)))
        .join('.');
      const message = result.issues
        .map((issue) => {
          const path = issue.path
            ?.map((segment) => (typeof segment === 'object' ? String(segment.key) : String(segment)))
            .join('.');
          return path ? `${path}: ${issue.message}` : issue.message;
        })
        .join('; ');
      return new BadUserInputError(message, field);
    },
  },
});

/** The builder's type parameters, for helpers that build fields outside a type's own file. */
export type BuilderTypes = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;

builder.queryType({ description: 'Reads: call status, recordings, and where the event log is now.' });
builder.mutationType({
  description: 'The Telnyx media actions on a live call; each answers once Telnyx accepted the command.',
});
builder.subscriptionType({
  description: "Live call events from Telnyx's webhooks, over websockets (graphql-ws) or SSE.",
});
