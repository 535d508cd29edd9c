import type { InterfaceRef, ObjectRef } from '@pothos/core';
import { type BuilderTypes, builder } from './builder';

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

/** A page of a Relay connection: its edges, whether items lie beyond them, and how many there are in all. */
export interface ConnectionShape<Edge extends { cursor: string }> extends PageShape {
  edges: Edge[];
  totalCount: number;
}

/** What a connection's and its edge type's fields say, in the product's words. */
export interface ConnectionText {
  connection: string;
  edge: string;
  cursor: string;
  node: string;
  edges: string;
  pageInfo: string;
  totalCount: string;
}

/**
 * A Relay connection type `<Name>Connection` (edges, pageInfo, totalCount) and its `<Name>Edge`
 * (cursor, node): every list of the API pages the same way.
 */
export function connectionType<Edge extends { cursor: string }, Node>(
  name: string,
  node: ObjectRef<BuilderTypes, Node> | InterfaceRef<BuilderTypes, Node>,
  nodeOf: (edge: Edge) => Node,
  text: ConnectionText,
): ObjectRef<BuilderTypes, ConnectionShape<Edge>> {
  const EdgeRef = builder.objectRef<Edge>(`${name}Edge`).implement({
    description: text.edge,
    fields: (t) => ({
      cursor: t.string({ nullable: false, description: text.cursor, resolve: (edge) => edge.cursor }),
      // Pothos cannot work out the output shape of a generic node type: `nodeOf` is typed by the caller.
      node: t.field({ type: node, nullable: false, description: text.node, resolve: (edge) => nodeOf(edge) as never }),
    }),
  });
  return builder.objectRef<ConnectionShape<Edge>>(`${name}Connection`).implement({
    description: text.connection,
    fields: (t) => ({
      edges: t.field({
        type: [EdgeRef],
        nullable: { list: false, items: false },
        description: text.edges,
        resolve: (c) => c.edges,
      }),
      pageInfo: t.field({ type: PageInfo, nullable: false, description: text.pageInfo, resolve: (c) => c }),
      totalCount: t.exposeInt('totalCount', { nullable: false, description: text.totalCount }),
    }),
  });
}
