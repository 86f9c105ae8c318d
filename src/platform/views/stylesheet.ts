// The platform stylesheet (decision 0041): the NL Design System (Utrecht) rules whose classes the code uses, the
// self-hosted typeface's @font-face rules and the Brussels theme, minified into one file. The whole Utrecht
// library is 406 KB; a page needs a fraction of it. The classes are read from the code itself (every .ts, .tsx
// and .js file under the code root, src/ or dist/), so a page that starts using a component gets its CSS at the
// next start without a list to keep. The result is cached on disk by the hash of everything it is built from:
// only the first start after a change pays for PurgeCSS.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { transform } from 'esbuild';
import { PurgeCSS } from 'purgecss';

const require = createRequire(import.meta.url);

export interface ClassUse {
  /** Class names written out in full. */
  names: Set<string>;
  /** Class names built in a template (`utrecht-alert--${type}`): the literal parts, any word in between. */
  patterns: RegExp[];
}

const VARIABLE_COMPONENT = ['utrecht-', '${'].join('');
const CLASS = /utrecht-[\w-]*(?:\$\{[^}]*\}[\w-]*)+|utrecht-[\w-]+/g;

/**
 * The Utrecht class names used by some source texts. A class built from a template is kept as a pattern of its
 * literal parts; one whose component name itself is a variable would keep the whole library and
 * is refused: write such class names out.
 */
export function utrechtClassesUsed(sources: Iterable<{ file: string; text: string }>): ClassUse {
  const names = new Set<string>();
  const patterns = new Map<string, RegExp>();
  for (const { file, text } of sources) {
    for (const [match] of text.matchAll(CLASS)) {
      if (!match.includes('${')) {
        names.add(match);
        continue;
      }
      if (match.startsWith(VARIABLE_COMPONENT)) {
        throw new Error(`${file}: the class "${match}" names no Utrecht component; write its class names out so that the stylesheet keeps their CSS`);
      }
      const source = `^${match
        .split(/\$\{[^}]*\}/)
        .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('[\\w-]*')}$`;
      patterns.set(source, new RegExp(source));
    }
  }
  return { names, patterns: [...patterns.values()] };
}

const SOURCE = /\.(tsx?|m?js)$/;
const NOT_SOURCE = /\.(test|int\.test|e2e\.test)\.[tj]sx?$|\.d\.ts$/;

/** The code files under a folder (src/ when run with tsx, dist/ in production), tests left out. */
export function codeFiles(root: string): Array<{ file: string; text: string }> {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && SOURCE.test(entry.name) && !NOT_SOURCE.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .map((file) => ({ file, text: readFileSync(file, 'utf8') }));
}

/**
 * Element and attribute names that Utrecht selectors combine with classes (`.utrecht-html h1`,
 * `.utrecht-link[aria-current]`): PurgeCSS keeps such a selector only when every part of it is "used".
 */
const ELEMENTS_AND_ATTRIBUTES = `html body a p h1 h2 h3 h4 h5 h6 ul ol li dl dt dd table caption thead tbody tfoot tr th td
  input select option textarea button label fieldset legend form img svg details summary nav header footer main section
  article aside blockquote pre code strong em b i small span div hr abbr time address figure figcaption mark
  aria-current aria-invalid aria-disabled aria-pressed aria-busy aria-expanded aria-selected aria-sort page true
  disabled readonly required hidden type checked open dir lang href multiple size rows checkbox radio`;

/**
 * Replaces `var(--x, fallback)` by its fallback wherever nothing declares --x. Utrecht reads each value through a
 * chain of tokens (`var(--utrecht-textbox-focus-color, var(--utrecht-form-control-focus-color, …))`) of which a
 * theme sets a few: the chains of tokens nobody sets are a quarter of the file, and a custom property that is
 * never declared always takes its fallback, so the result computes the same. `declared` holds every custom
 * property that something else may set (other stylesheets, inline styles in the code); an empty fallback is
 * kept (without it the declaration would be dropped rather than unset).
 */
export function foldUnsetCustomProperties(css: string, declared: ReadonlySet<string>): string {
  const known = new Set([...declared, ...[...css.matchAll(/(--[\w-]+)\s*:/g)].map((match) => match[1]!)]);
  const fold = (text: string): string => {
    let out = '';
    let index = 0;
    for (let at = text.indexOf('var(', index); at >= 0; at = text.indexOf('var(', index)) {
      let depth = 0;
      let end = at + 3;
      for (; end < text.length; end += 1) {
        if (text[end] === '(') depth += 1;
        else if (text[end] === ')' && --depth === 0) break;
      }
      const inner = text.slice(at + 4, end);
      const comma = inner.indexOf(',');
      const name = (comma < 0 ? inner : inner.slice(0, comma)).trim();
      const fallback = comma < 0 ? '' : inner.slice(comma + 1).trim();
      out += text.slice(index, at);
      out += comma >= 0 && fallback !== '' && !known.has(name) ? fold(fallback) : comma < 0 ? `var(${inner})` : `var(${name},${fold(fallback)})`;
      index = end + 1;
    }
    return out + text.slice(index);
  };
  return fold(css);
}

/** The custom property names that some code or stylesheet under a folder mentions (may set). */
export function customPropertiesMentioned(root: string): Set<string> {
  const names = new Set<string>();
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.(tsx?|m?js|css)$/.test(entry.name)) continue;
    for (const [name] of readFileSync(path.join(entry.parentPath, entry.name), 'utf8').matchAll(/--[a-z][\w-]*/g)) names.add(name);
  }
  return names;
}

export interface StylesheetParts {
  /** @font-face rules, first. */
  fontFaces: string;
  /** The theme, last: it sets the tokens the components read and IrisDesk's own layout. */
  theme: string;
  /** The classes used (utrechtClassesUsed). */
  classes: ClassUse;
  /** Custom properties something outside this stylesheet may set (customPropertiesMentioned). */
  customProperties: ReadonlySet<string>;
}

function cacheKey(library: string, parts: StylesheetParts): string {
  const hash = createHash('sha256');
  for (const part of [
    library,
    parts.fontFaces,
    parts.theme,
    [...parts.classes.names].sort().join(' '),
    parts.classes.patterns.map(String).sort().join(' '),
    [...parts.customProperties].sort().join(' '),
  ]) {
    hash.update(part).update('\0');
  }
  for (const tool of ['purgecss', 'esbuild']) hash.update((require(`${tool}/package.json`) as { version: string }).version);
  return hash.digest('hex').slice(0, 24);
}

/** Builds the stylesheet: the Utrecht rules the classes use + fonts + theme, minified; from the cache if it has it. */
export async function buildStylesheet(parts: StylesheetParts, cacheDir = path.join(os.tmpdir(), 'irisdesk-stylesheets')): Promise<string> {
  const library = readFileSync(require.resolve('@utrecht/component-library-css/dist/index.css'), 'utf8');
  const cached = path.join(cacheDir, `${cacheKey(library, parts)}.css`);
  try {
    return readFileSync(cached, 'utf8');
  } catch {
    // not built yet
  }
  const [purged] = await new PurgeCSS().purge({
    content: [{ raw: `${[...parts.classes.names].join(' ')} ${ELEMENTS_AND_ATTRIBUTES}`, extension: 'html' }],
    css: [{ raw: library }],
    defaultExtractor: (content) => content.split(/\s+/),
    safelist: { standard: parts.classes.patterns },
    keyframes: true,
    // Custom properties that nothing reads (most of the library's tokens of unused components) go too.
    variables: true,
  });
  const { code: minified } = await transform(`${parts.fontFaces}\n${purged?.css ?? ''}\n${parts.theme}`, { loader: 'css', minify: true, legalComments: 'eof' });
  const code = foldUnsetCustomProperties(minified, parts.customProperties);
  try {
    mkdirSync(cacheDir, { recursive: true });
    // Written aside and renamed: processes starting together never read a half-written file.
    const partial = `${cached}.${process.pid}.tmp`;
    writeFileSync(partial, code);
    renameSync(partial, cached);
  } catch {
    // A read-only disk: the next start builds it again.
  }
  return code;
}
