import { createGraphQLError, type Plugin } from 'graphql-yoga';

/**
 * Largest POST /graphql body (413 past it): room for the largest inline audio a `startPlayback`
 * accepts (`playbackContent`, 4,000,000 base64 characters) and the rest of the operation.
 */
export const MAX_REQUEST_BODY_BYTES = 4 * 1024 * 1024 + 64 * 1024;
/**
 * POST /graphql bodies past `limit` bytes are refused with 413, as Yoga's `maxRequestBodySize`
 * does (same errors), without its cost on every request: Yoga pipes each body through a
 * TransformStream (a stream pipeline, an AbortController and a DOMException per request). A body
 * with a Content-Length cannot run past it (Node's parser reads exactly that many bytes and
 * refuses a Content-Length beside chunked encoding), so the header alone is checked; only a
 * chunked body is counted as it streams. Yoga's own limit must be off (`maxRequestBodySize: false`).
 */
export function useRequestBodyLimit(limit: number): Plugin {
  return {
    onRequestParse({ request, requestParser, setRequestParser, fetchAPI }) {
      const contentLength = request.headers.get('content-length');
      if (contentLength != null) {
        if (!/^\d+$/.test(contentLength)) throw invalidContentLength();
        if (Number(contentLength) > limit) throw bodyTooLarge();
        return;
      }
      if (requestParser == null || request.body == null) return;
      setRequestParser((req) => requestParser(countedBody(req, limit, fetchAPI)));
    },
  };
}

/** The request with its body errored (413) once more than `limit` bytes have streamed in. */
function countedBody(
  request: Request,
  limit: number,
  fetchAPI: { Request: typeof Request; TransformStream: typeof TransformStream },
): Request {
  // A native ReadableStream body needs the native TransformStream (graphql-yoga#4583).
  const Transform = request.body instanceof ReadableStream ? globalThis.TransformStream : fetchAPI.TransformStream;
  let bytesRead = 0;
  const body = request.body!.pipeThrough(
    new Transform<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        bytesRead += chunk.byteLength;
        if (bytesRead > limit) return controller.error(bodyTooLarge());
        controller.enqueue(chunk);
      },
    }),
  );
  return new fetchAPI.Request(request.url, {
    method: request.method,
    headers: request.headers,
    signal: request.signal,
    body,
    duplex: 'half',
  } as RequestInit);
}

function bodyTooLarge() {
  return createGraphQLError('Request body too large', {
    extensions: { http: { status: 413 }, code: 'REQUEST_ENTITY_TOO_LARGE' },
  });
}

function invalidContentLength() {
  return createGraphQLError('Content-Length header is invalid.', {
    extensions: { http: { status: 400 }, code: 'BAD_REQUEST' },
  });
}
