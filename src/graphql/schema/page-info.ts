import { builder } from './builder';

/** What every connection's page knows: its edges' cursors and whether items lie beyond them. */
export interface PageShape {
  edges: readonly { cursor: string }[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

/** Relay's PageInfo, shared by every connection (a connection resolves `pageInfo` to itself). */
export const PageInfo = builder.objectRef<PageShape>('PageInfo').implement({
  description: 'Relay pagination state of a connection.',
  fields: (t) => ({
    hasNextPage: t.exposeBoolean('hasNextPage', { nullable: false, description: 'More items follow `endCursor`.' }),
    hasPreviousPage: t.exposeBoolean('hasPreviousPage', {
      nullable: false,
      description: 'Items precede `startCursor` (this page was asked for with `after`).',
    }),
    startCursor: t.string({
      nullable: true,
      description: 'Cursor of the first edge; null when there is none.',
      resolve: (c) => c.edges[0]?.cursor ?? null,
    }),
    endCursor: t.string({
      nullable: true,
      description: 'Cursor of the last edge: pass it as `after` for the next page; null when there is no edge.',
      resolve: (c) => c.edges.at(-1)?.cursor ?? null,
    }),
  }),
});
