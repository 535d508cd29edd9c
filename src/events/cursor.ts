/**
 * Cursors name a position in the event log. They have the shape of Redis stream ids,
 * `<milliseconds>-<sequence>`, whichever store made them, so one comparison serves both.
 */

/** Longest run of digits on either side of the dash: 15 digits stay exact as a double. */
const MAX_DIGITS = 15;

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
  const dash = cursor.indexOf('-');
  const ms = digitsValue(cursor, 0, dash);
  const seq = digitsValue(cursor, dash + 1, cursor.length);
  return ms < 0 || seq < 0 ? null : { ms, seq };
}

/**
 * The number the characters from `start` to `end` spell, or -1 unless they are 1 to 15 ASCII digits.
 * By hand rather than a regular expression: the event log compares cursors on every append.
 */
function digitsValue(text: string, start: number, end: number): number {
  if (end - start < 1 || end - start > MAX_DIGITS) return -1;
  let value = 0;
  for (let i = start; i < end; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

export function formatCursor(parts: CursorParts): string {
  return `${parts.ms}-${parts.seq}`;
}

/** Negative when a is older than b, zero when equal, positive when newer. Both must be valid. */
export function compareCursors(a: string, b: string): number {
  const dashA = a.indexOf('-');
  const dashB = b.indexOf('-');
  const msA = digitsValue(a, 0, dashA);
  const msB = digitsValue(b, 0, dashB);
  const seqA = digitsValue(a, dashA + 1, a.length);
  const seqB = digitsValue(b, dashB + 1, b.length);
  if (msA < 0 || msB < 0 || seqA < 0 || seqB < 0) throw new TypeError('not a cursor');
  return msA - msB || seqA - seqB;
}

/** The position before every event. */
export const START_CURSOR = '0-0';
