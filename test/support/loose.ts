/**
 * JSON that a test reads by path (`result.data.callEvents.recording.id`) and checks with `expect`
 * at run time. The one sanctioned `any` of the test suite: typing every response by hand would
 * restate the schema, and the assertions are what check the shape.
 */
// biome-ignore lint/suspicious/noExplicitAny: see above; source code has no such escape.
export type Loose = any;

/** A JSON object read by path. */
export type LooseRecord = Record<string, Loose>;
