/**
 * Marks a field whose resolver reads the subscriber's own context (its loaders, its principal):
 * a subscription selecting one runs per subscriber instead of sharing one result between them
 * (src/graphql/result-sharing.ts). Pass as the field's `extensions`.
 */
export const readsSubscriberContext = { readsSubscriberContext: true } as const;

/** Whether a field definition's extensions carry the mark. */
export function isMarkedReadingSubscriberContext(
  extensions: Readonly<Record<string, unknown>> | null | undefined,
): boolean {
  return extensions?.readsSubscriberContext === true;
}

/** Thrown when a shared result's field reads the context without the mark: each subscriber would get the first one's data. */
export class UnmarkedContextReadError extends Error {
  override readonly name = 'UnmarkedContextReadError';
  constructor(property: string) {
    super(
      `a field read context.${property} while its result was shared between subscribers: mark the field with readsSubscriberContext`,
    );
  }
}

/**
 * The context a shared execution runs with: reading any of a subscriber's properties throws
 * (Pothos's symbol-keyed caches read undefined, and key their caches on this object instead).
 */
export const sharedExecutionContext: object = new Proxy(Object.freeze({}), {
  get(_target, property) {
    if (typeof property === 'symbol') return undefined;
    throw new UnmarkedContextReadError(property);
  },
});
