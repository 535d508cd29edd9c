import type { Principal } from '../../auth/principal';
import { BadRequestError } from '../../lib/errors';
import { builder } from './builder';

export const SessionRef = builder.objectRef<Principal & { subject: string; expiresAt: number }>('Session').implement({
  description: "A websocket's authenticated session: whose it is, what it may do, and until when.",
  fields: (t) => ({
    subject: t.string({ nullable: false, description: "The token's `sub`.", resolve: (session) => session.subject }),
    scopes: t.stringList({
      nullable: false,
      description: 'The scopes the gateway recognised in the token.',
      resolve: (session) => [...session.scopes],
    }),
    calls: t.idList({
      nullable: true,
      description: 'The calls the token is limited to; null for every call.',
      resolve: (session) => (session.calls ? [...session.calls] : null),
    }),
    expiresAt: t.field({
      type: 'DateTime',
      nullable: false,
      description: 'When the socket closes (4403) unless renewed again: renew about a minute before.',
      resolve: (session) => new Date(session.expiresAt),
    }),
  }),
});

builder.mutationField('renewSession', (t) =>
  t.field({
    type: SessionRef,
    nullable: false,
    description:
      "Over a websocket: replaces the connection's token with a fresher one of the same subject. The socket and every running " +
      'subscription stay open and now expire with the new token; subscriptions the new token no longer covers end with FORBIDDEN. ' +
      'Another subject: FORBIDDEN; an invalid or expired token: UNAUTHENTICATED (nothing changes). Over HTTP or SSE: BAD_REQUEST.',
    args: { token: t.arg.string({ required: true, description: 'The new JWT, without "Bearer ".' }) },
    resolve: async (_root, { token }, context) => {
      if (!context.session)
        throw new BadRequestError(
          'renewSession works only over a websocket: HTTP requests carry their token each time',
        );
      const renewed = await context.session.renew(token);
      // renew() refuses auth-off sessions, whose principal has neither subject nor expiry.
      return renewed as Principal & { subject: string; expiresAt: number };
    },
  }),
);
