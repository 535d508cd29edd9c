import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  css,
  editorWorkerService,
  favicon,
  graphqlWorker,
  js,
  jsonWorker,
} from '@graphql-yoga/render-graphiql/graphiql';
import { graphiqlSecurityHeaders } from '../security/http-policy';

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
/** graphql-ws ships an ES module client whose only imports are its own chunks beside it. */
const graphqlWsDist = dirname(createRequire(import.meta.url).resolve('graphql-ws/client'));

function loadAssets(): Map<string, Asset> {
  const assets = new Map<string, Asset>([
    ['graphiql.js', { type: JS, body: Buffer.from(js) }],
    ['graphiql.css', { type: 'text/css; charset=utf-8', body: Buffer.from(css) }],
    ['favicon.ico', { type: 'image/x-icon', body: Buffer.from(favicon.slice(favicon.indexOf(',') + 1), 'base64') }],
    // Monaco's workers, named by the labels start.js maps them from.
    ['editor.worker.js', { type: JS, body: Buffer.from(editorWorkerService) }],
    ['json.worker.js', { type: JS, body: Buffer.from(jsonWorker) }],
    ['graphql.worker.js', { type: JS, body: Buffer.from(graphqlWorker) }],
    ['start.js', { type: JS, body: readFileSync(new URL('./start.js', import.meta.url)) }],
  ]);
  for (const file of readdirSync(graphqlWsDist)) {
    if (file === 'client.js' || /^common-[\w-]+\.js$/.test(file)) {
      assets.set(`graphql-ws/${file}`, { type: JS, body: readFileSync(join(graphqlWsDist, file)) });
    }
  }
  return assets;
}

const assets = loadAssets();

/**
 * Every URL carries a digest of all the files, so they are cached for good and a new version of any
 * of them is a new URL (start.js imports graphql-ws by a relative path, hence one digest for all).
 */
const version = (() => {
  const hash = createHash('sha256');
  for (const [name, asset] of assets) hash.update(name).update(asset.body);
  return hash.digest('hex').slice(0, 16);
})();

/** Where the page loads its files from, e.g. `/graphiql/assets/<digest>/graphiql.js`. */
export const graphiqlAssetBase = `${GRAPHIQL_ASSET_ROOT}${version}/`;

/** Serves a GraphiQL file; false when `path` is not one (the caller answers 404). */
export function serveGraphiqlAsset(req: IncomingMessage, res: ServerResponse, path: string): boolean {
  if (!path.startsWith(graphiqlAssetBase)) return false;
  const asset = assets.get(path.slice(graphiqlAssetBase.length));
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
