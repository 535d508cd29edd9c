import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareCursors, formatCursor, parseCursor } from '../../src/events/cursor';

/** The definition the hand-written parser follows: two runs of 1 to 15 ASCII digits around one dash. */
const CURSOR_SHAPE = /^(\d{1,15})-(\d{1,15})$/;

const digits = (max: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 0, maxLength: max });
/** Mostly near-cursors: digits, dashes, a stray character, lengths around the limit. */
const cursorLike = fc.oneof(
  fc.tuple(digits(17), digits(17)).map(([ms, seq]) => `${ms}-${seq}`),
  fc.tuple(digits(16), fc.constantFrom('-', '--', '_', ' -', '-+', '٣'), digits(16)).map((parts) => parts.join('')),
  fc.string({ maxLength: 20 }),
);

describe('cursors', () => {
  it('parses exactly what the shape accepts, to the numbers it spells', () => {
    fc.assert(
      fc.property(cursorLike, (text) => {
        const match = CURSOR_SHAPE.exec(text);
        expect(parseCursor(text)).toEqual(match ? { ms: Number(match[1]), seq: Number(match[2]) } : null);
      }),
      { numRuns: 2_000 },
    );
  });

  it('orders by milliseconds, then sequence, numerically; refuses anything that is not a cursor', () => {
    expect(compareCursors('9-0', '10-0')).toBeLessThan(0);
    expect(compareCursors('10-2', '10-10')).toBeLessThan(0);
    expect(compareCursors('0010-1', '10-1')).toBe(0);
    expect(compareCursors('999999999999999-1', '999999999999999-0')).toBeGreaterThan(0);
    expect(compareCursors(formatCursor({ ms: 1_700_000_000_000, seq: 3 }), '1700000000000-3')).toBe(0);
    for (const bad of ['', '-', '1-', '-1', '1--1', '1-2-3', 'a-1', '1234567890123456-0', ' 1-1'])
      expect(() => compareCursors(bad, '1-1'), bad).toThrow(TypeError);
  });
});
