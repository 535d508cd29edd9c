import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';

/** The HS256 secret tests configure the gateway with (>= 32 characters, as config demands). */
export const TEST_JWT_SECRET = 'test-secret-0123456789-abcdefghijklmnopqrstuvwxyz';
export const TEST_ISSUER = 'https://issuer.test';
export const TEST_AUDIENCE = 'voice-media-gateway';

export interface TokenOptions {
  scope?: string;
  calls?: unknown;
  sub?: string;
  /** Seconds from now; negative for an already expired token. */
  expiresIn?: number;
  omitExp?: boolean;
  issuer?: string | null;
  audience?: string | null;
  secret?: string;
  extraClaims?: Record<string, unknown>;
}

/** Signs an HS256 token the way a real issuer would. */
export async function signToken(options: TokenOptions = {}): Promise<string> {
  const jwt = new SignJWT(claims(options)).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).setIssuedAt();
  applyStandardClaims(jwt, options);
  return jwt.sign(new TextEncoder().encode(options.secret ?? TEST_JWT_SECRET));
}

function claims(options: TokenOptions): Record<string, unknown> {
  const body: Record<string, unknown> = { scope: options.scope ?? 'media:write events:read', ...options.extraClaims };
  if (options.calls !== undefined) body.calls = options.calls;
  return body;
}

function applyStandardClaims(jwt: SignJWT, options: TokenOptions): void {
  jwt.setSubject(options.sub ?? 'client-1');
  if (!options.omitExp) jwt.setExpirationTime(Math.floor(Date.now() / 1000) + (options.expiresIn ?? 300));
  if (options.issuer !== null) jwt.setIssuer(options.issuer ?? TEST_ISSUER);
  if (options.audience !== null) jwt.setAudience(options.audience ?? TEST_AUDIENCE);
}

export interface JwksIssuer {
  url: string;
  requests: number;
  sign(alg: 'RS256' | 'ES256', options?: TokenOptions, kid?: string): Promise<string>;
  close(): Promise<void>;
}

/** A loopback identity provider: serves a JWKS with one RS256 and one ES256 key and signs tokens with them. */
export async function startJwksIssuer(): Promise<JwksIssuer> {
  const keys: Record<'RS256' | 'ES256', { privateKey: CryptoKey; jwk: JWK }> = {
    RS256: await keyPair('RS256', 'rsa-1'),
    ES256: await keyPair('ES256', 'ec-1'),
  };
  const issuer = { requests: 0 } as JwksIssuer;
  const server: Server = createServer((_req, res) => {
    issuer.requests += 1;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: [keys.RS256.jwk, keys.ES256.jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
  issuer.sign = async (alg, options = {}, kid) => {
    const jwt = new SignJWT(claims(options)).setProtectedHeader({ alg, kid: kid ?? keys[alg].jwk.kid }).setIssuedAt();
    applyStandardClaims(jwt, options);
    return jwt.sign(keys[alg].privateKey);
  };
  issuer.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return issuer;
}

async function keyPair(alg: 'RS256' | 'ES256', kid: string) {
  const { privateKey, publicKey } = await generateKeyPair(alg);
  const jwk = { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' };
  return { privateKey, jwk };
}
