import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { graphiqlSecurityHeaders } from '../../graphql/http-policy';

/**
 * GraphiQL's files, served by the gateway itself so the page works offline and behind a CSP that
 * allows this origin only. The GraphiQL build (React, Monaco and its workers) comes prebuilt in
 * @graphql-yoga/render-graphiql, matching the installed Yoga; the websocket client is graphql-ws's own
 * browser module. Nothing is built here and nothing built is committed.
 */
export const GRAPHIQL_ASSET_ROOT = '/graphiql/assets/';

interface Asset {
  type: string;
  body: Buffer;
  gzipped?: Buffer;
}

const JS = 'text/javascript; charset=utf-8';
const require = createRequire(import.meta.url);
/** graphql-ws ships an ES module client whose only imports are its own chunks beside it. */
const graphqlWsDist = dirname(require.resolve('graphql-ws/client'));
const startScript = readFileSync(new URL('./start.js', import.meta.url));

/**
 * The GraphiQL build is a 9 MB module (strings of the bundle, styles and workers): parsing it takes
 * ~0.3 s and ~90 MB, so it is loaded on the first request for one of its files, not at start-up.
 */
async function loadAssets(): Promise<Map<string, Asset>> {
  const { css, editorWorkerService, favicon, graphqlWorker, js, jsonWorker } = await import(
    '@graphql-yoga/render-graphiql/graphiql'
  );
  const assets = new Map<string, Asset>([
    ['graphiql.js', { type: JS, body: Buffer.from(js) }],
    ['graphiql.css', { type: 'text/css; charset=utf-8', body: Buffer.from(css) }],
    ['favicon.ico', { type: 'image/x-icon', body: Buffer.from(favicon.slice(favicon.indexOf(',') + 1), 'base64') }],
    // Monaco's workers, named by the labels start.js maps them from.
    ['editor.worker.js', { type: JS, body: Buffer.from(editorWorkerService) }],
    ['json.worker.js', { type: JS, body: Buffer.from(jsonWorker) }],
    ['graphql.worker.js', { type: JS, body: Buffer.from(graphqlWorker) }],
    ['start.js', { type: JS, body: startScript }],
  ]);
  for (const file of readdirSync(graphqlWsDist)) {
    if (file === 'client.js' || /^common-[\w-]+\.js$/.test(file)) {
      assets.set(`graphql-ws/${file}`, { type: JS, body: readFileSync(join(graphqlWsDist, file)) });
    }
  }
  return assets;
}

let assets: Promise<Map<string, Asset>> | undefined;

/**
 * Every URL carries a digest of what the files are made of (the two packages' versions and
 * start.js), so they are cached for good and any change is a new URL; one digest for all, as
 * start.js imports graphql-ws by a relative path.
 */
const version = createHash('sha256')
  .update(`${require('@graphql-yoga/render-graphiql/package.json').version}`)
  .update(`${require('graphql-ws/package.json').version}`)
  .update(startScript)
  .digest('hex')
  .slice(0, 16);

/** Where the page loads its files from, e.g. `/graphiql/assets/<digest>/graphiql.js`. */
export const graphiqlAssetBase = `${GRAPHIQL_ASSET_ROOT}${version}/`;

/** Serves a GraphiQL file; false when `path` is not one (the caller answers 404). */
export async function serveGraphiqlAsset(req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> {
  if (!path.startsWith(graphiqlAssetBase)) return false;
  assets ??= loadAssets();
  const asset = (await assets).get(path.slice(graphiqlAssetBase.length));
  if (!asset) return false;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' });
    res.end('use GET');
    return true;
  }
  // 5 MB of JavaScript shrinks to ~1.5 MB; compressed once, on first request.
  const gzip = asset.type !== 'image/x-icon' && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  if (gzip) asset.gzipped ??= gzipSync(asset.body);
  const body = gzip ? asset.gzipped! : asset.body;
  res.writeHead(200, {
    ...graphiqlSecurityHeaders,
    'content-type': asset.type,
    'content-length': String(body.length),
    'cache-control': 'public, max-age=31536000, immutable',
    vary: 'accept-encoding',
    ...(gzip ? { 'content-encoding': 'gzip' } : {}),
  });
  res.end(req.method === 'HEAD' ? undefined : body);
  return true;
}
