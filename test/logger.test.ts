import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/lib/logger';
import { scrubSecrets } from '../src/lib/scrub';
import { signToken } from './auth/tokens';
import { signWebhook } from './support/signing';

const API_KEY = 'KEY0123456789ABCDEFGHIJ_live_key_material';

function capture(secrets: string[] = [API_KEY]) {
  const lines: string[] = [];
  const logger = createLogger('trace', { write: (line: string) => void lines.push(line) }, secrets);
  return { logger, text: () => lines.join('') };
}

describe('createLogger redaction', () => {
  it.each([
    ['an Authorization header', (v: string) => ({ req: { headers: { authorization: `Bearer ${v}` } } })],
    ['a top-level authorization', (v: string) => ({ authorization: v })],
    ['request headers', (v: string) => ({ request: { headers: { authorization: v } } })],
    ['an apiKey field', (v: string) => ({ client: { apiKey: v } })],
    ['a token field', (v: string) => ({ token: v })],
    ['a signature field', (v: string) => ({ webhook: { signature: v } })],
    ['a Telnyx signature header', (v: string) => ({ req: { headers: { 'telnyx-signature-ed25519': v } } })],
    ['websocket connectionParams', (v: string) => ({ connectionParams: { authorization: v } })],
  ])('blanks %s', (_name, shape) => {
    const { logger, text } = capture();
    logger.info(shape('s3cr3t-value-that-must-not-appear'), 'event');
    expect(text()).not.toContain('s3cr3t-value-that-must-not-appear');
    expect(text()).toContain('[redacted]');
  });

  it('masks a JWT, a webhook signature and the API key wherever they appear, messages and errors included', async () => {
    const jwt = await signToken();
    const signature = signWebhook('{"data":{}}', '1700000000');
    const { logger, text } = capture();
    logger.warn({ detail: `upstream said ${API_KEY}` }, `client sent ${jwt}`);
    logger.error({ err: new Error(`bad signature ${signature} for token ${jwt}`) }, 'failed');
    logger.info(`nested ${JSON.stringify({ deep: { deeper: [jwt, signature] } })}`);
    const output = text();
    expect(output).not.toContain(jwt);
    expect(output).not.toContain(jwt.split('.')[2]);
    expect(output).not.toContain(signature);
    expect(output).not.toContain(API_KEY);
    expect(output).toContain('[redacted jwt]');
    expect(output).toContain('[redacted signature]');
  });

  it('keeps ordinary fields readable', () => {
    const { logger, text } = capture();
    logger.info(
      { callControlId: 'v3:abc-DEF_123', eventType: 'call.playback.started', cursor: '1700000000000-0' },
      'published',
    );
    const line = JSON.parse(text()) as Record<string, unknown>;
    expect(line).toMatchObject({
      callControlId: 'v3:abc-DEF_123',
      eventType: 'call.playback.started',
      cursor: '1700000000000-0',
      msg: 'published',
    });
  });
});

describe('scrubSecrets', () => {
  it('ignores known secrets too short to mask safely', () => {
    expect(scrubSecrets('level info', ['info'])).toBe('level info');
  });

  it('masks every occurrence of a known secret', () => {
    expect(scrubSecrets(`${API_KEY}/${API_KEY}`, [API_KEY])).toBe('[redacted]/[redacted]');
  });
});
