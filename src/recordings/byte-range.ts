/** One `Range: bytes=…` range, resolved against the file's length (inclusive ends, RFC 9110 §14.1.2). */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * null: no usable single byte range (multi-range or malformed), so the whole file is sent, as RFC
 * 9110 allows; 'unsatisfiable': the range starts past the end (416).
 */
export function parseByteRange(header: string, length: number): ByteRange | 'unsatisfiable' | null {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return null;
  if (match[1] === '') {
    // A suffix: the last N bytes.
    const suffix = Number(match[2]);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, length - suffix), end: length - 1 };
  }
  const start = Number(match[1]);
  const end = match[2] === '' ? length - 1 : Math.min(Number(match[2]), length - 1);
  if (end < start && match[2] !== '') return null;
  if (start >= length) return 'unsatisfiable';
  return { start, end };
}

/** The bytes start..end (inclusive) of a stream of chunks. */
export async function* sliceBytes(
  chunks: AsyncIterable<Uint8Array>,
  start: number,
  end: number,
): AsyncGenerator<Uint8Array> {
  let offset = 0;
  for await (const chunk of chunks) {
    const chunkEnd = offset + chunk.length;
    if (chunkEnd > start) yield chunk.subarray(Math.max(0, start - offset), Math.min(chunk.length, end + 1 - offset));
    offset = chunkEnd;
    if (offset > end) return;
  }
}
