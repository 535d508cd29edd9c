import { describe, expect, it } from 'vitest';
import { parseByteRange, sliceBytes } from '../../src/recordings/byte-range';

describe('Range: bytes=… against a 1000-byte file', () => {
  it.each([
    ['bytes=0-', { start: 0, end: 999 }],
    ['bytes=0-99', { start: 0, end: 99 }],
    ['bytes=990-5000', { start: 990, end: 999 }],
    ['bytes=-100', { start: 900, end: 999 }],
    ['bytes=-5000', { start: 0, end: 999 }],
    ['bytes=1000-', 'unsatisfiable'],
    ['bytes=-0', 'unsatisfiable'],
    ['bytes=5-1', null],
    ['bytes=0-1,5-9', null],
    ['items=0-1', null],
    ['bytes=-', null],
  ])('%s', (header, expected) => {
    expect(parseByteRange(header, 1000)).toEqual(expected);
  });

  it('cuts a range out of chunks, across chunk borders, and stops reading past its end', async () => {
    const data = Uint8Array.from({ length: 100 }, (_, i) => i);
    let chunksRead = 0;
    async function* chunks() {
      for (let offset = 0; offset < data.length; offset += 10) {
        chunksRead += 1;
        yield data.subarray(offset, offset + 10);
      }
    }
    const parts: number[] = [];
    for await (const part of sliceBytes(chunks(), 15, 34)) parts.push(...part);
    expect(parts).toEqual(Array.from({ length: 20 }, (_, i) => 15 + i));
    expect(chunksRead).toBe(4);
  });
});
