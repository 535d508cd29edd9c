import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Principal } from '../auth/principal';

export type AudioFormat = 'mp3' | 'wav';

/** How long an issued audio URL plays: long enough to listen and seek, short like Telnyx's own 10 minutes. */
export const AUDIO_URL_TTL_MS = 15 * 60_000;

/** What a verified audio URL allows. */
export interface AudioGrant {
  recordingId: string;
  format: AudioFormat;
  /** The `calls` claim of the token it was issued to; null: every call. */
  calls: readonly string[] | null;
}

export type AudioUrlCheck = { ok: true; grant: AudioGrant } | { ok: false; reason: 'bad signature' | 'expired' };

/**
 * Recording audio URLs: `/recordings/{id}/audio.{mp3|wav}`, which an `<audio src>` can fetch
 * although it cannot send an Authorization header. With client auth on they are signed:
 * HMAC-SHA256 over the recording id, format, the token's `calls` claim as issued, and expiry.
 */
export interface AudioUrlSigner {
  /** Whether URLs carry (and the route demands) a signature. */
  readonly signed: boolean;
  issue(recordingId: string, format: AudioFormat, principal: Principal, now?: number): string;
  check(recordingId: string, format: AudioFormat, query: URLSearchParams, now?: number): AudioUrlCheck;
}

export interface SigningKeySource {
  /** GATEWAY_URL_SIGNING_SECRET. */
  urlSigningSecret: string | undefined;
  /** GATEWAY_JWT_SECRET. */
  jwtSecret: string | undefined;
}

/**
 * The HMAC key: GATEWAY_URL_SIGNING_SECRET when set; else derived from GATEWAY_JWT_SECRET (a
 * separate key, so an audio signature can never pass as a JWT); else (JWKS only) random per
 * process, which `perProcess` reports: URLs then work only on the instance that issued them.
 */
export function signingKey(source: SigningKeySource): { key: Buffer; perProcess: boolean } {
  if (source.urlSigningSecret) return { key: Buffer.from(source.urlSigningSecret, 'utf8'), perProcess: false };
  if (source.jwtSecret) {
    return {
      key: createHmac('sha256', source.jwtSecret).update('voice-media-gateway recording audio URL key v1').digest(),
      perProcess: false,
    };
  }
  return { key: randomBytes(32), perProcess: true };
}

export function audioPath(recordingId: string, format: AudioFormat): string {
  return `/recordings/${encodeURIComponent(recordingId)}/audio.${format}`;
}

/** Auth off: anyone who reaches the API may fetch audio, so URLs are plain paths. */
export const unsignedAudioUrls: AudioUrlSigner = {
  signed: false,
  issue: (recordingId, format) => audioPath(recordingId, format),
  check: (recordingId, format) => ({ ok: true, grant: { recordingId, format, calls: null } }),
};

export function createAudioUrlSigner(key: Buffer, ttlMs = AUDIO_URL_TTL_MS): AudioUrlSigner {
  const mac = (recordingId: string, format: AudioFormat, calls: readonly string[] | null, expires: number) =>
    createHmac('sha256', key)
      .update(JSON.stringify([recordingId, format, calls, expires]))
      .digest();

  return {
    signed: true,
    issue(recordingId, format, principal, now = Date.now()) {
      // Never outlive the token it was issued to.
      const expires = Math.floor(Math.min(now + ttlMs, principal.expiresAt ?? Infinity) / 1000);
      const calls = principal.calls === null ? null : [...principal.calls].sort();
      const query = new URLSearchParams({ expires: String(expires) });
      for (const call of calls ?? []) query.append('call', call);
      if (calls !== null && calls.length === 0) query.set('nocalls', '1');
      query.set('sig', mac(recordingId, format, calls, expires).toString('base64url'));
      return `${audioPath(recordingId, format)}?${query}`;
    },
    check(recordingId, format, query, now = Date.now()) {
      const expires = Number(query.get('expires'));
      const signature = Buffer.from(query.get('sig') ?? '', 'base64url');
      if (!Number.isSafeInteger(expires) || signature.length !== 32) return { ok: false, reason: 'bad signature' };
      const listed = query.getAll('call');
      const calls = listed.length > 0 || query.has('nocalls') ? listed : null;
      if (!timingSafeEqual(signature, mac(recordingId, format, calls, expires)))
        return { ok: false, reason: 'bad signature' };
      if (expires * 1000 <= now) return { ok: false, reason: 'expired' };
      return { ok: true, grant: { recordingId, format, calls } };
    },
  };
}
