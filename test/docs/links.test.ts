import { existsSync, statSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';
import { headingAnchors, prose, readDocument, readerDocuments, repositoryRoot } from './markdown';

/** Relative links of a document (web addresses left out), as written. */
function relativeLinks(markdown: string): string[] {
  const targets = [...prose(markdown).matchAll(/\]\(([^)\s]+)(?: "[^"]*")?\)/g)].map(([, target]) => target!);
  return targets.filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target));
}

/** Why a link does not resolve, or null when it does. */
function brokenBecause(from: string, link: string): string | null {
  const [path = '', anchor] = link.split('#');
  const target = path === '' ? from : normalize(join(dirname(from), decodeURIComponent(path)));
  if (!existsSync(join(repositoryRoot, target))) return `${target} does not exist`;
  if (anchor === undefined || !target.endsWith('.md') || statSync(join(repositoryRoot, target)).isDirectory()) {
    return null;
  }
  return headingAnchors(readDocument(target)).has(anchor) ? null : `${target} has no heading #${anchor}`;
}

describe('relative links in the docs', () => {
  it.each(readerDocuments())('every relative link in %s resolves', (document) => {
    const links = relativeLinks(readDocument(document));
    const broken = links.flatMap((link) => {
      const reason = brokenBecause(document, link);
      return reason ? [`${link}: ${reason}`] : [];
    });
    expect(broken, `broken links in ${document}`).toEqual([]);
  });

  it('finds the links it checks, anchors included', () => {
    expect(relativeLinks('[a](docs/x.md#y) [b](https://example.com) `[c](no.md)`\n```\n[d](code.md)\n```')).toEqual([
      'docs/x.md#y',
    ]);
  });
});
