import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { embeddedFiles, fileMarkers, readDocument, readerDocuments, repositoryRoot } from './markdown';

const example = 'docs/examples/frontend';
/** Not shown in the guide: generated code and the schema (a link to schema/schema.graphql). */
const notShown = new Set([`${example}/src/gql`, `${example}/schema.graphql`]);

function exampleFiles(folder: string): string[] {
  return readdirSync(join(repositoryRoot, folder), { withFileTypes: true }).flatMap((entry) => {
    const path = `${folder}/${entry.name}`;
    if (notShown.has(path)) return [];
    return entry.isDirectory() ? exampleFiles(path) : [path];
  });
}

describe('code blocks marked <!-- file: path -->', () => {
  const documents = readerDocuments();

  it.each(documents)('in %s, each is the whole of its file', (document) => {
    const markdown = readDocument(document);
    const blocks = embeddedFiles(markdown);
    expect(
      blocks.map((block) => block.path),
      'a marker not followed by a code block',
    ).toEqual(fileMarkers(markdown));
    for (const block of blocks) {
      expect(block.code, `${document}: the block marked ${block.path} differs from the file`).toBe(
        readFileSync(join(repositoryRoot, block.path), 'utf8'),
      );
    }
  });

  it('docs/frontend.md shows every file of the example it runs', () => {
    const shown = embeddedFiles(readDocument('docs/frontend.md')).map((block) => block.path);
    const files = exampleFiles(example).map((path) => relative(repositoryRoot, join(repositoryRoot, path)));
    expect(files.filter((file) => !shown.includes(file))).toEqual([]);
  });
});
