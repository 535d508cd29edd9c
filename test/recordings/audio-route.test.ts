import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../src/auth/principal';
import { createAudioUrlSigner, signingKey } from '../../src/recordings/audio-url';
import { signToken, TEST_JWT_SECRET } from '../auth/tokens';
import { startGateway, TEST_API_KEY, type Harness } from '../support/gateway';
import { telnyxErrorReply } from '../support/fake-telnyx';

const CALL = 'v3:audio-call_1';
const OTHER_CALL = 'v3:audio-call_2';
/** 10 000 bytes whose values tell their offsets apart. */
const AUDIO = Buffer.from(Array.from({ length: 10_000 }, (_, i) => (i * 7) % 256));

/** The download server Telnyx's presigned URLs point at: `/ranged/*` honours Range, `/whole/*` always sends everything. */
async function startDownloadServer(): Promise<{ url: string; server: Server; rangesSeen: string[] }> {
  const rangesSeen: string[] = [];
  const server = createServer((req, res) => {
    const range = req.headers.range;
    if (range) rangesSeen.push(range);
    if (req.url?.startsWith('/expired')) {
      res.writeHead(403, { 'content-type': 'application/xml' });
      return res.end('<Error>Request has expired</Error>');
    }
    const match = /^bytes=(\d+)-(\d*)$/.exec(range ?? '');
    if (req.url?.startsWith('/ranged') && match) {
      const start = Number(match[1]);
      const end = match[2] ? Number(match[2]) : AUDIO.length - 1;
      res.writeHead(206, {
        'content-type': 'audio/mpeg',
        'content-range': `bytes ${start}-${end}/${AUDIO.length}`,
        'content-length': end - start + 1,
      });
      return res.end(AUDIO.subarray(start, end + 1));
    }
    res.writeHead(200, { 'content-type': 'audio/mpeg', 'content-length': AUDIO.length });
    // Several chunks, so the gateway's own range cut crosses chunk borders.
    for (let offset = 0; offset < AUDIO.length; offset += 3_000) res.write(AUDIO.subarray(offset, offset + 3_000));
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, rangesSeen };
}

describe('recording audio through the gateway (JWT auth, signed URLs)', () => {
  let harness: Harness;
  let download: Awaited<ReturnType<typeof startDownloadServer>>;
  let token: string;

  beforeAll(async () => {
    harness = await startGateway();
    download = await startDownloadServer();
    token = await signToken();
    const recordings: Record<string, { call: string; path: string }> = {
      'rec-ranged': { call: CALL, path: '/ranged/rec.mp3' },
      'rec-whole': { call: CALL, path: '/whole/rec.mp3' },
      'rec-expired-link': { call: CALL, path: '/expired/rec.mp3' },
    };
    harness.telnyx.setFallback((request) => {
      const id = /^\/v2\/recordings\/([^/]+)$/.exec(request.pathname)?.[1];
      if (id === 'rec-broken') return telnyxErrorReply(500, '10001', 'Internal error');
      const known = id ? recordings[decodeURIComponent(id)] : undefined;
      if (!known) return telnyxErrorReply(404, '10005', 'Resource not found');
      return {
        status: 200,
        body: {
          data: {
            id: decodeURIComponent(id!),
            call_control_id: known.call,
            channels: 'single',
            download_urls: { mp3: `${download.url}${known.path}` },
          },
        },
      };
    });
  });
  afterAll(async () => {
    await harness?.close();
    download?.server.close();
  });

  async function audioUrlOf(recordingId: string, bearer = token): Promise<string> {
    const result = await harness.graphql(
      'query($id: ID!) { recording(id: $id) { id audioUrl(format: MP3) wav: audioUrl(format: WAV) } }',
      {
        variables: { id: recordingId },
        token: bearer,
      },
    );
    expect(result.body.errors).toBeUndefined();
    const recording = result.body.data?.recording as { audioUrl: string; wav: string | null };
    expect(recording.wav).toBeNull(); // no WAV file: no URL
    return `${harness.url}${recording.audioUrl}`;
  }

  /** A signer with the gateway's key (derived from the JWT secret), to make URLs the API would not issue. */
  const signer = createAudioUrlSigner(signingKey({ urlSigningSecret: undefined, jwtSecret: TEST_JWT_SECRET }).key);
  const principal = (calls: string[] | null): Principal => ({
    subject: 's',
    scopes: new Set(['events:read']),
    calls: calls && new Set(calls),
    expiresAt: null,
  });

  it('issues a signed URL on the gateway that streams the whole file with its audio type, without a header', async () => {
    const url = await audioUrlOf('rec-ranged');
    expect(url).toMatch(/\/recordings\/rec-ranged\/audio\.mp3\?expires=\d+&sig=/);
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('audio/mpeg');
    expect(response.headers.get('accept-ranges')).toBe('bytes');
    expect(Buffer.from(await response.arrayBuffer()).equals(AUDIO)).toBe(true);
  });

  it('serves a Range from a download server that supports it, and cuts it itself from one that does not', async () => {
    for (const id of ['rec-ranged', 'rec-whole']) {
      const url = await audioUrlOf(id);
      const response = await fetch(url, { headers: { range: 'bytes=2999-6000' } });
      expect(response.status, id).toBe(206);
      expect(response.headers.get('content-range'), id).toBe(`bytes 2999-6000/${AUDIO.length}`);
      expect(response.headers.get('content-length'), id).toBe('3002');
      expect(Buffer.from(await response.arrayBuffer()).equals(AUDIO.subarray(2999, 6001)), id).toBe(true);

      const tail = await fetch(url, { headers: { range: 'bytes=9990-' } });
      expect(tail.status, id).toBe(206);
      expect(Buffer.from(await tail.arrayBuffer()).equals(AUDIO.subarray(9990)), id).toBe(true);
    }
    expect(download.rangesSeen).toContain('bytes=2999-6000');
    const pastTheEnd = await fetch(await audioUrlOf('rec-whole'), { headers: { range: 'bytes=20000-' } });
    expect(pastTheEnd.status).toBe(416);
    expect(pastTheEnd.headers.get('content-range')).toBe(`bytes */${AUDIO.length}`);
  });

  it('refuses a missing, tampered, re-targeted or expired signature with 403', async () => {
    const url = new URL(await audioUrlOf('rec-ranged'));
    const unsigned = new URL(url);
    unsigned.search = '';
    const tampered = new URL(url);
    tampered.searchParams.set('expires', String(Number(url.searchParams.get('expires')) + 3600));
    const otherRecording = new URL(url.href.replace('rec-ranged', 'rec-whole'));
    const asWav = new URL(url.href.replace('audio.mp3', 'audio.wav'));
    const expired = `${harness.url}${signer.issue('rec-ranged', 'mp3', principal(null), Date.now() - 16 * 60_000)}`;
    for (const bad of [unsigned.href, tampered.href, otherRecording.href, asWav.href, expired]) {
      const response = await fetch(bad);
      expect(response.status, bad).toBe(403);
      await response.body?.cancel();
    }
    expect(await (await fetch(expired)).text()).toBe('this audio link has expired');
  });

  it("honours the token's calls claim as it was when the URL was issued", async () => {
    const limited = await signToken({ calls: [CALL] });
    expect((await fetch(await audioUrlOf('rec-ranged', limited))).status).toBe(200);
    // A URL issued to a token limited to another call does not play this call's recording.
    const forOtherCall = await fetch(`${harness.url}${signer.issue('rec-ranged', 'mp3', principal([OTHER_CALL]))}`);
    expect(forOtherCall.status).toBe(403);
    // Adding a call to the URL breaks its signature.
    const widened = new URL(`${harness.url}${signer.issue('rec-ranged', 'mp3', principal([OTHER_CALL]))}`);
    widened.searchParams.append('call', CALL);
    expect((await fetch(widened)).status).toBe(403);
  });

  it('answers 404 for a recording Telnyx does not know, 502 when Telnyx or the download fails, leaking nothing', async () => {
    const unknown = await fetch(`${harness.url}${signer.issue('rec-nobody', 'mp3', principal(null))}`);
    expect(unknown.status).toBe(404);
    for (const id of ['rec-broken', 'rec-expired-link']) {
      const response = await fetch(`${harness.url}${signer.issue(id, 'mp3', principal(null))}`);
      expect(response.status, id).toBe(502);
      const text = await response.text();
      expect(text, id).not.toContain(TEST_API_KEY);
      expect(text, id).not.toContain(download.url);
      expect(text, id).not.toContain('Request has expired');
    }
  });
});
