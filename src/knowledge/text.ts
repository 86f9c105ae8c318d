// Pure text helpers of the knowledge base: article bodies as blocks, snippets for result lists, slugs.
import { fold } from '../catalogue/text.ts';

/** A body block: a paragraph, or a list from consecutive lines starting with "- " (or "• "). */
export type BodyBlock = { kind: 'paragraph'; text: string } | { kind: 'list'; items: string[] };

/**
 * Article bodies are plain text (never HTML, so nothing an editor types can run in a reader's browser):
 * paragraphs separated by a blank line; lines starting with "- " form a list.
 */
export function bodyBlocks(body: string): BodyBlock[] {
  const blocks: BodyBlock[] = [];
  for (const chunk of body.replace(/\r\n?/g, '\n').split(/\n\s*\n/)) {
    const lines = chunk
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
    let paragraph: string[] = [];
    let list: string[] = [];
    const flush = () => {
      if (paragraph.length) blocks.push({ kind: 'paragraph', text: paragraph.join(' ') });
      if (list.length) blocks.push({ kind: 'list', items: list });
      paragraph = [];
      list = [];
    };
    for (const line of lines) {
      const item = /^[-•*]\s+(.*)$/.exec(line);
      if (item) {
        if (paragraph.length) flush();
        list.push(item[1]!);
      } else {
        if (list.length) flush();
        paragraph.push(line);
      }
    }
    flush();
  }
  return blocks;
}

/** The first words of a body, at most `max` characters, cut at a word boundary, list markers removed. */
export function snippet(body: string, max = 220): string {
  const flat = body
    .replace(/^[ \t]*[-•*]\s+/gm, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.–-]+$/, '')}…`;
}

/** A URL slug from a title: "Carte d'identité : renouvellement" -> "carte-d-identite-renouvellement". */
export function slugify(text: string): string {
  return fold(text)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 70)
    .replace(/-+$/, '');
}
