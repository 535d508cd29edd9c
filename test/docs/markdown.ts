import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The repository root, for paths the docs name. */
export const repositoryRoot = fileURLToPath(new URL('../..', import.meta.url));

/** The documents a reader follows links between: README.md, CONTRIBUTING.md and docs/*.md. */
export function readerDocuments(): string[] {
  const docs = readdirSync(`${repositoryRoot}docs`).filter((name) => name.endsWith('.md'));
  return ['README.md', 'CONTRIBUTING.md', ...docs.map((name) => `docs/${name}`)];
}

export function readDocument(path: string): string {
  return readFileSync(`${repositoryRoot}${path}`, 'utf8');
}

function withoutCodeBlocks(markdown: string): string {
  return markdown.replace(/^```[^\n]*\n[\s\S]*?^```$/gm, '');
}

/** The text outside code blocks and code spans (a link-looking text inside code is code). */
export function prose(markdown: string): string {
  return withoutCodeBlocks(markdown).replace(/`[^`\n]*`/g, '');
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens; repeats get -1, -2... */
export function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const [, heading] of withoutCodeBlocks(markdown).matchAll(/^#{1,6} +(.+?) *#* *$/gm)) {
    const base = heading!
      .replace(/`/g, '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/ /g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  return anchors;
}

/** A code block the document says is a file's whole content: `<!-- file: path -->` on the line before its fence. */
export interface EmbeddedFile {
  path: string;
  code: string;
}

export function embeddedFiles(markdown: string): EmbeddedFile[] {
  const blocks = markdown.matchAll(/^<!-- file: (\S+) -->\n```[^\n]*\n([\s\S]*?)^```$/gm);
  return [...blocks].map(([, path, code]) => ({ path: path!, code: code! }));
}

/** Every `<!-- file: ... -->` marker, matched to a code block or not. */
export function fileMarkers(markdown: string): string[] {
  return [...markdown.matchAll(/^<!-- file: (\S+) -->$/gm)].map(([, path]) => path!);
}
