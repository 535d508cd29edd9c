import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream } from 'node:stream/web';
import { fetch } from 'undici';
import { TelnyxError } from '../lib/errors';
import type { Logger } from '../lib/logger';
import { retrieveRecording, type Recording } from '../telnyx/actions';
import type { TelnyxClient } from '../telnyx/client';
import type { AudioFormat, AudioUrlSigner } from '../recordings/audio-url';
import { parseByteRange, sliceBytes, type ByteRange } from '../recordings/byte-range';

export const AUDIO_PATH = /^\/recordings\/([^/]+)\/audio\.(mp3|wav)$/;
const RECORDING_ID = /^[\x21-\x7e]{1,256}$/;
const FALLBACK_TYPE: Record<AudioFormat, string> = { mp3: 'audio/mpeg', wav: 'audio/wav' };

export interface AudioRouteOptions {
  telnyx: TelnyxClient;
  signer: AudioUrlSigner;
  logger: Logger;
  /** How long the download server may take to answer with headers. */
  timeoutMs: number;
}

/**
 * GET/HEAD /recordings/{id}/audio.{mp3|wav}: asks Telnyx for a fresh download URL (its URLs are
 * presigned for 10 minutes) and streams the file back, so the browser never holds the Telnyx key.
 * `Range` goes to the download server; when it answers the whole file, the gateway cuts the range itself.
 */
export function createAudioRoute(options: AudioRouteOptions) {
  const { telnyx, signer, logger } = options;

  return async function serveRecordingAudio(
    req: IncomingMessage,
    res: ServerResponse,
    match: RegExpExecArray,
  ): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'use GET', { allow: 'GET, HEAD' });
    let recordingId: string;
    try {
      recordingId = decodeURIComponent(match[1]!);
    } catch {
      return sendText(res, 404, 'recording not found');
    }
    const format = match[2] as AudioFormat;
    if (!RECORDING_ID.test(recordingId)) return sendText(res, 404, 'recording not found');
    const query = new URL(req.url ?? '/', 'http://gateway').searchParams;
    const check = signer.check(recordingId, format, query);
    if (!check.ok)
      return sendText(
        res,
        403,
        check.reason === 'expired' ? 'this audio link has expired' : 'this audio link is not valid',
      );

    let recording: Recording;
    try {
      recording = await retrieveRecording(telnyx, recordingId);
    } catch (error) {
      if (error instanceof TelnyxError && error.status === 404) return sendText(res, 404, 'recording not found');
      logger.warn({ err: error, recordingId }, 'recording lookup failed');
      return sendText(res, 502, 'Telnyx did not give the recording');
    }
    const calls = check.grant.calls;
    if (calls !== null && !(recording.call_control_id && calls.includes(recording.call_control_id))) {
      return sendText(res, 403, 'this link may not play that recording');
    }
    const downloadUrl = recording.download_urls?.[format];
    if (!downloadUrl) return sendText(res, 404, `recording has no ${format} file`);
    await relayDownload(req, res, downloadUrl, format, options);
  };
}

/** The recording file's HTTP answer. */
type Download = Awaited<ReturnType<typeof fetch>>;

async function relayDownload(
  req: IncomingMessage,
  res: ServerResponse,
  downloadUrl: string,
  format: AudioFormat,
  options: AudioRouteOptions,
): Promise<void> {
  const abort = new AbortController();
  // A listener that leaves mid-file stops the download; one that got everything must not break a finished stream.
  res.once('close', () => {
    if (!res.writableFinished) abort.abort();
  });
  const range = req.headers.range;
  const upstream = await fetchDownload(res, downloadUrl, range, abort, options);
  if (!upstream) return;
  const answer = answerFor(upstream, range, format);
  if (answer === 'unsatisfiable') {
    await upstream.body?.cancel();
    const length = upstream.headers.get('content-length');
    return sendText(res, 416, 'range not satisfiable', { 'content-range': `bytes */${length}` });
  }
  res.writeHead(answer.status, answer.headers);
  if (req.method === 'HEAD' || !upstream.body) {
    await upstream.body?.cancel().catch(() => undefined);
    res.end();
    return;
  }
  const whole = Readable.fromWeb(upstream.body as ReadableStream<Uint8Array>);
  const { slice } = answer;
  try {
    await pipeline(slice ? Readable.from(sliceBytes(whole, slice.start, slice.end)) : whole, res);
    whole.destroy();
  } catch (error) {
    // The listener went away, or the download broke mid-file: nothing more can be said on this response.
    if (!res.destroyed) res.destroy();
    if (!abort.signal.aborted) options.logger.warn({ err: error }, 'recording download broke off');
  }
}

/** The download's answer (headers within the timeout), or null once a 502 is sent (or the listener left). */
async function fetchDownload(
  res: ServerResponse,
  downloadUrl: string,
  range: string | undefined,
  abort: AbortController,
  options: AudioRouteOptions,
): Promise<Download | null> {
  const headersTimer = setTimeout(() => abort.abort(), options.timeoutMs);
  let upstream: Download;
  try {
    upstream = await fetch(downloadUrl, { headers: range ? { range } : {}, signal: abort.signal });
  } catch (error) {
    if (!res.destroyed) {
      options.logger.warn({ err: error }, 'recording download failed');
      sendText(res, 502, 'the recording download did not answer');
    }
    return null;
  } finally {
    clearTimeout(headersTimer);
  }
  if (upstream.status !== 200 && upstream.status !== 206 && upstream.status !== 416) {
    await upstream.body?.cancel();
    options.logger.warn({ status: upstream.status }, 'recording download refused');
    sendText(res, 502, 'the recording download failed');
    return null;
  }
  return upstream;
}

/** Status and headers for the listener: the download server's range answer, or the range cut here. */
function answerFor(
  upstream: Download,
  range: string | undefined,
  format: AudioFormat,
): { status: number; headers: Record<string, string>; slice: ByteRange | null } | 'unsatisfiable' {
  const upstreamType = upstream.headers.get('content-type') ?? '';
  const headers: Record<string, string> = {
    'content-type': upstreamType.startsWith('audio/') ? upstreamType : FALLBACK_TYPE[format],
    'cache-control': 'private, no-store',
    'x-content-type-options': 'nosniff',
  };
  if (upstream.status === 206 || upstream.status === 416) {
    // The download server did the range: pass its answer through.
    for (const name of ['content-range', 'content-length']) {
      const value = upstream.headers.get(name);
      if (value) headers[name] = value;
    }
    headers['accept-ranges'] = 'bytes';
    return { status: upstream.status, headers, slice: null };
  }
  const length = Number(upstream.headers.get('content-length') ?? Number.NaN);
  if (!Number.isSafeInteger(length)) return { status: upstream.status, headers, slice: null };
  headers['accept-ranges'] = 'bytes';
  const wanted = range ? parseByteRange(range, length) : null;
  if (wanted === 'unsatisfiable') return wanted;
  if (!wanted) {
    headers['content-length'] = String(length);
    return { status: upstream.status, headers, slice: null };
  }
  headers['content-range'] = `bytes ${wanted.start}-${wanted.end}/${length}`;
  headers['content-length'] = String(wanted.end - wanted.start + 1);
  return { status: 206, headers, slice: wanted };
}

function sendText(res: ServerResponse, status: number, text: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
    ...extra,
  });
  res.end(text);
}
