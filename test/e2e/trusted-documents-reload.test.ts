import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { waitFor } from '../support/wait';
import { startGatewayProcess, type GatewayProcess } from '../support/gateway-process';

const CURSOR = '{ latestEventCursor }';
const ADDED = 'query Added { latestEventCursor }';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const dir = mkdtempSync(join(tmpdir(), 'vmg-reload-'));
const manifest = join(dir, 'persisted-documents.json');
let gateway: GatewayProcess;

beforeAll(async () => {
  writeFileSync(manifest, JSON.stringify({ [sha256(CURSOR)]: CURSOR }));
  gateway = await startGatewayProcess({ name: 'trusted', env: { GATEWAY_TRUSTED_DOCUMENTS: manifest } });
}, 60_000);
afterAll(async () => {
  await gateway?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function statusOf(documentId: string): Promise<number> {
  const response = await fetch(`${gateway.url}/graphql?documentId=${documentId}`, {
    headers: { accept: 'application/json' },
  });
  await response.body?.cancel();
  return response.status;
}

it('re-reads GATEWAY_TRUSTED_DOCUMENTS on SIGHUP, and keeps the documents in force when the new file is bad', async () => {
  expect(await statusOf(sha256(CURSOR))).toBe(200);
  expect(await statusOf(sha256(ADDED))).toBe(404);

  writeFileSync(manifest, JSON.stringify({ [sha256(CURSOR)]: CURSOR, [sha256(ADDED)]: ADDED }));
  gateway.signal('SIGHUP');
  await waitFor(async () => (await statusOf(sha256(ADDED))) === 200, 'the added document to run');

  writeFileSync(manifest, JSON.stringify({ [sha256('something else')]: ADDED }));
  gateway.signal('SIGHUP');
  await waitFor(() => gateway.output().includes('trusted documents not reloaded'), 'the refused reload to be logged');
  expect(gateway.output()).toContain('the key is not the sha256 of its document');
  expect(await statusOf(sha256(ADDED))).toBe(200);
  expect(await statusOf(sha256(CURSOR))).toBe(200);
});
