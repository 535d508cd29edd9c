/**
 * Cursors name a position in the event log. They have the shape of Redis stream ids,
 * `<milliseconds>-<sequence>`, whichever store made them, so one comparison serves both.
 */
const cursorPattern = /^(\d{1,15})-(\d{1,15})$/;

export interface CursorParts {
  ms: number;
  seq: number;
}

/**
 * A cursor that is not `<milliseconds>-<sequence>`. The event layer's own word for it: whoever took
 * the cursor from a client says which input was wrong.
 */
export class MalformedCursorError extends Error {
  override readonly name = 'MalformedCursorError';
  constructor() {
    super('not a cursor');
  }
}

export function parseCursor(cursor: string): CursorParts | null {
  const match = cursorPattern.exec(cursor);
  if (!match) return null;
  return { ms: Number(match[1]), seq: Number(match[2]) };
}

export function formatCursor(parts: CursorParts): string {
  return `${parts.ms}-${parts.seq}`;
}

/** Negative when a is older than b, zero when equal, positive when newer. Both must be valid. */
export function compareCursors(a: string, b: string): number {
  const pa = parseCursor(a);
  const pb = parseCursor(b);
  if (!pa || !pb) throw new TypeError('not a cursor');
  return pa.ms - pb.ms || pa.seq - pb.seq;
}

/** The position before every event. */
export const START_CURSOR = '0-0';
