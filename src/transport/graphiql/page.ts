import type { GraphiQLOptions } from 'graphql-yoga';
import { graphiqlAssetBase } from './assets';

/** What start.js reads from the page: GraphiQL's options, and where GraphiQL keeps its tabs. */
export interface GraphiqlPageOptions extends GraphiQLOptions {
  /** localStorage keys are prefixed with it, so a new demo call opens on fresh tabs. */
  storageNamespace: string;
  /**
   * Variables of the tab open at load. GraphiQL 5 gives that tab these (or its last saved variables),
   * not the tab's own: without them the demo tab would open with no call id.
   */
  variables?: string;
}

/**
 * GraphiQL's page: files from this origin only, options as a JSON data block (not code, so the CSP
 * needs no inline script), started by start.js.
 */
export function renderGraphiqlPage(options: GraphiqlPageOptions): string {
  const title = escapeHtml(options.title ?? 'GraphiQL');
  // `<` escaped so no value can close the data block.
  const json = JSON.stringify(options).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>${title}</title>
    <link rel="icon" href="${graphiqlAssetBase}favicon.ico">
    <link rel="stylesheet" href="${graphiqlAssetBase}graphiql.css">
    <script type="application/json" id="graphiql-options">${json}</script>
  </head>
  <body id="body" class="no-focus-outline">
    <noscript>GraphiQL needs JavaScript.</noscript>
    <div id="root"></div>
    <script src="${graphiqlAssetBase}graphiql.js"></script>
    <script type="module" src="${graphiqlAssetBase}start.js"></script>
  </body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
