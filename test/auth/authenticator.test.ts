import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthenticator } from '../../src/auth/authenticator';
import { unrestrictedPrincipal } from '../../src/auth/principal';
import type { JwtAuthConfig } from '../../src/auth/authenticator';
import { UnauthenticatedError } from '../../src/lib/errors';
import { signToken, startJwksIssuer, TEST_AUDIENCE, TEST_ISSUER, TEST_JWT_SECRET, type JwksIssuer } from './tokens';

const hsConfig: JwtAuthConfig = {
  mode: 'jwt',
  jwtSecret: TEST_JWT_SECRET,
  jwksUrl: undefined,
  issuer: TEST_ISSUER,
  audience: TEST_AUDIENCE,
};

/** Asserts the rejection is an UnauthenticatedError whose message matches and never contains the token. */
async function expectRejected(authorization: string | null, pattern: RegExp, config = hsConfig): Promise<void> {
  const error = await createAuthenticator(config)
    .authenticate(authorization)
    .then(
      () => undefined,
      (caught: unknown) => caught,
    );
  expect(error).toBeInstanceOf(UnauthenticatedError);
  const message = (error as Error).message;
  expect(message).toMatch(pattern);
  const token = authorization?.replace(/^Bearer\s+/i, '') ?? '';
  if (token.length > 8) {
    expect(message).not.toContain(token);
    for (const part of token.split('.').filter((segment) => segment.length > 8)) expect(message).not.toContain(part);
  }
}

describe('createAuthenticator, mode off', () => {
  it('lets everyone in with every scope and every call', async () => {
    const authenticator = createAuthenticator({ ...hsConfig, mode: 'off' });
    await expect(authenticator.authenticate(undefined)).resolves.toBe(unrestrictedPrincipal);
  });
});

describe('createAuthenticator, HS256 secret', () => {
  it('turns a valid token into a principal with its subject, scopes, calls and expiry', async () => {
    const token = await signToken({
      sub: 'frontend-7',
      scope: 'media:write events:read admin',
      calls: ['v3:a', 'v3:b'],
      expiresIn: 120,
    });
    const principal = await createAuthenticator(hsConfig).authenticate(`Bearer ${token}`);
    expect(principal.subject).toBe('frontend-7');
    expect([...principal.scopes].sort()).toEqual(['events:read', 'media:write']);
    expect([...(principal.calls ?? [])]).toEqual(['v3:a', 'v3:b']);
    expect(principal.expiresAt).toBeGreaterThan(Date.now() + 100_000);
    expect(principal.expiresAt).toBeLessThanOrEqual(Date.now() + 121_000);
  });

  it('accepts the scheme in any case', async () => {
    const token = await signToken({ scope: 'events:read' });
    const principal = await createAuthenticator(hsConfig).authenticate(`bearer ${token}`);
    expect([...principal.scopes]).toEqual(['events:read']);
    expect(principal.calls).toBeNull();
  });

  it('gives a token without scope no scopes', async () => {
    const token = await signToken({ scope: '' });
    const principal = await createAuthenticator(hsConfig).authenticate(`Bearer ${token}`);
    expect(principal.scopes.size).toBe(0);
  });

  it('does not require iss/aud when none are configured', async () => {
    const token = await signToken({ issuer: null, audience: null });
    const principal = await createAuthenticator({ ...hsConfig, issuer: undefined, audience: undefined }).authenticate(
      `Bearer ${token}`,
    );
    expect(principal.subject).toBe('client-1');
  });

  it('rejects a missing header', () => expectRejected(null, /Missing bearer token/));
  it('rejects another scheme', () => expectRejected('Basic dXNlcjpwYXNz', /Bearer <jwt>/));
  it('rejects garbage', () => expectRejected('Bearer not-a-jwt-at-all', /Malformed token/));
  it('rejects an oversized header', () => expectRejected(`Bearer ${'a'.repeat(9_000)}`, /too long/));

  it('rejects a token signed with another secret', async () => {
    await expectRejected(
      `Bearer ${await signToken({ secret: 'another-secret-0123456789-abcdefghijklmnop' })}`,
      /signature invalid/,
    );
  });
  it('rejects an expired token', async () => {
    await expectRejected(`Bearer ${await signToken({ expiresIn: -5 })}`, /Token expired/);
  });
  it('rejects a token without exp', async () => {
    await expectRejected(`Bearer ${await signToken({ omitExp: true })}`, /"exp" claim required/);
  });
  it('rejects a wrong audience', async () => {
    await expectRejected(`Bearer ${await signToken({ audience: 'someone-else' })}`, /audience not accepted/);
  });
  it('rejects a missing audience when one is configured', async () => {
    await expectRejected(`Bearer ${await signToken({ audience: null })}`, /audience not accepted/);
  });
  it('rejects a wrong issuer', async () => {
    await expectRejected(`Bearer ${await signToken({ issuer: 'https://evil.test' })}`, /issuer not accepted/);
  });

  it('rejects an unsigned (alg none) token', async () => {
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const exp = Math.floor(Date.now() / 1000) + 300;
    const unsigned = `${encode({ alg: 'none' })}.${encode({ sub: 'x', exp, iss: TEST_ISSUER, aud: TEST_AUDIENCE, scope: 'media:write' })}.`;
    await expectRejected(`Bearer ${unsigned}`, /algorithm not accepted|Malformed/);
  });

  it.each([
    ['a string', 'v3:a'],
    ['numbers', [1, 2]],
    ['objects', [{ id: 'v3:a' }]],
    ['an empty id', ['']],
    ['too many ids', Array.from({ length: 101 }, (_, i) => `v3:${i}`)],
    ['null', null],
  ])('rejects a calls claim made of %s', async (_name, calls) => {
    await expectRejected(`Bearer ${await signToken({ calls })}`, /"calls" claim must be an array/);
  });

  it('rejects a non-string scope claim', async () => {
    await expectRejected(`Bearer ${await signToken({ extraClaims: { scope: ['media:write'] } })}`, /claim "scope"/);
  });

  it('answers any header value with UnauthenticatedError and never echoes it', async () => {
    const authenticator = createAuthenticator(hsConfig);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string(),
          fc.string().map((s) => `Bearer ${s}`),
          fc.base64String().map((s) => `Bearer ${s}.${s}.${s}`),
        ),
        async (value) => {
          const error = await authenticator.authenticate(value).then(
            () => undefined,
            (caught: unknown) => caught,
          );
          expect(error).toBeInstanceOf(UnauthenticatedError);
          if (value.length > 12) expect((error as Error).message).not.toContain(value);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('createAuthenticator, JWKS', () => {
  let issuer: JwksIssuer;
  let jwksConfig: JwtAuthConfig;
  beforeAll(async () => {
    issuer = await startJwksIssuer();
    jwksConfig = {
      mode: 'jwt',
      jwtSecret: undefined,
      jwksUrl: issuer.url,
      issuer: TEST_ISSUER,
      audience: TEST_AUDIENCE,
    };
  });
  afterAll(() => issuer.close());

  it.each(['RS256', 'ES256'] as const)(
    'accepts a %s token signed by a key in the JWKS, fetching the JWKS once',
    async (alg) => {
      const authenticator = createAuthenticator(jwksConfig);
      const before = issuer.requests;
      for (let i = 0; i < 3; i += 1) {
        const principal = await authenticator.authenticate(
          `Bearer ${await issuer.sign(alg, { sub: `jwks-${alg}`, scope: 'events:read' })}`,
        );
        expect(principal.subject).toBe(`jwks-${alg}`);
        expect([...principal.scopes]).toEqual(['events:read']);
      }
      expect(issuer.requests - before).toBe(1);
    },
  );

  it('rejects a token whose kid is not in the JWKS', async () => {
    await expectRejected(`Bearer ${await issuer.sign('RS256', {}, 'unknown-kid')}`, /unknown key/, jwksConfig);
  });

  it('rejects an HS256 token when only a JWKS is configured (no algorithm confusion)', async () => {
    await expectRejected(`Bearer ${await signToken()}`, /algorithm not accepted/, jwksConfig);
  });

  it('rejects an expired or wrong-audience JWKS token', async () => {
    await expectRejected(`Bearer ${await issuer.sign('ES256', { expiresIn: -5 })}`, /expired/, jwksConfig);
    await expectRejected(`Bearer ${await issuer.sign('ES256', { audience: 'other' })}`, /audience/, jwksConfig);
  });

  it('accepts both kinds when a secret and a JWKS are configured', async () => {
    const authenticator = createAuthenticator({ ...jwksConfig, jwtSecret: TEST_JWT_SECRET });
    await expect(authenticator.authenticate(`Bearer ${await signToken({ sub: 'hs' })}`)).resolves.toMatchObject({
      subject: 'hs',
    });
    await expect(
      authenticator.authenticate(`Bearer ${await issuer.sign('RS256', { sub: 'rs' })}`),
    ).resolves.toMatchObject({ subject: 'rs' });
  });

  it('reports an unreachable JWKS as unauthenticated, not a crash', async () => {
    const closed = await startJwksIssuer();
    const url = closed.url;
    const token = await closed.sign('RS256');
    await closed.close();
    await expectRejected(`Bearer ${token}`, /keys unavailable|Malformed/, { ...jwksConfig, jwksUrl: url });
  });
});
