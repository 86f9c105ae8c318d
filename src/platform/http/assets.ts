// The one asset pipeline. Modules register their static files (CSS, JS, images) once, at import; each gets a
// content-hashed URL under /assets/ that pages link to, served with a year of caching (a new content is a new
// URL) and pre-compressed (brotli, gzip, built on first request) so a page stays light. The platform registers
// its own stylesheet (the NL Design System Utrecht rules the pages use + the typeface + the Brussels theme, built
// by views/stylesheet.ts, decision 0041), its typeface files, enhancement script and site icon here; the icon is
// also at /favicon.ico.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync, constants as zlib } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { faviconIco, faviconSvg } from './favicon.ts';
import { buildStylesheet, codeFiles, customPropertiesMentioned, utrechtClassesUsed } from '../views/stylesheet.ts';

const require = createRequire(import.meta.url);

const TYPES = {
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  svg: 'image/svg+xml',
  woff2: 'font/woff2',
} as const;

/** Already compressed formats, sent as they are. */
const BINARY = new Set<keyof typeof TYPES>(['woff2']);

interface Asset {
  url: string;
  type: string;
  raw: Buffer;
  compressed?: { br: Buffer; gzip: Buffer };
  binary: boolean;
}

const registered = new Map<string, Asset>();

/**
 * Registers a static file (or several, joined in one) and returns its content-hashed URL. `files` are paths or
 * file URLs (`new URL('./x.css', import.meta.url)`); `text` is content built in code. Call once, at import.
 */
export function registerAsset({
  name,
  ext,
  files = [],
  text = [],
}: {
  name: string;
  ext: keyof typeof TYPES;
  files?: Array<string | URL>;
  text?: string[];
}): string {
  const binary = BINARY.has(ext);
  if (binary && files.length + text.length !== 1) throw new Error(`Asset ${name}.${ext}: a binary asset is one file`);
  const raw = binary ? readFileSync(files[0]!) : Buffer.from([...files.map((file) => readFileSync(file, 'utf8')), ...text].join('\n'));
  const hash = createHash('sha256').update(raw).digest('hex').slice(0, 12);
  const url = `/assets/${name}.${hash}.${ext}`;
  const clash = [...registered.values()].find((asset) => asset.url.startsWith(`/assets/${name}.`) && asset.url.endsWith(`.${ext}`));
  if (clash && clash.url !== url) throw new Error(`Asset ${name}.${ext} is registered twice with different contents`);
  registered.set(url, { url, type: TYPES[ext], raw, binary });
  return url;
}

/**
 * The typeface (Source Sans 3, variable weight, SIL OFL) from its npm package: the Latin subset (French, Dutch,
 * English), preloaded by the layout, and Latin Extended for names that need it, fetched by a browser only when a
 * page holds such a letter (unicode-range). The package's own @font-face rules are kept, pointed at our URLs.
 */
function typeface(): { fontFaces: string; preload: string } {
  const dir = path.dirname(require.resolve('@fontsource-variable/source-sans-3/index.css'));
  const rules = ['index.css', 'wght-italic.css'].map((file) => readFileSync(path.join(dir, file), 'utf8')).join('\n');
  let preload = '';
  const fontFaces = [...rules.matchAll(/@font-face\s*\{[^}]*\}/g)]
    .map(([rule]) => rule)
    .filter((rule) => /source-sans-3-latin(-ext)?-wght-/.test(rule))
    .map((rule) =>
      rule.replace(
        /url\(\.\/files\/(source-sans-3-(latin(?:-ext)?)-wght-(normal|italic))\.woff2\) format\('woff2-variations'\)/,
        (_all, file: string, subset, style) => {
          const url = registerAsset({ name: file, ext: 'woff2', files: [path.join(dir, 'files', `${file}.woff2`)] });
          if (subset === 'latin' && style === 'normal') preload = url;
          return `url(${url}) format('woff2')`;
        },
      ),
    )
    .join('\n');
  if (!preload) throw new Error('The Latin typeface file was not found in @fontsource-variable/source-sans-3');
  return { fontFaces, preload };
}

async function platformAssets() {
  // The code root: src/ under tsx, dist/ in production.
  const codeRoot = fileURLToPath(new URL('../../', import.meta.url));
  const font = typeface();
  const css = await buildStylesheet({
    fontFaces: font.fontFaces,
    theme: readFileSync(new URL('../views/assets/theme.css', import.meta.url), 'utf8'),
    classes: utrechtClassesUsed(codeFiles(codeRoot)),
    customProperties: customPropertiesMentioned(codeRoot),
  });
  return {
    css: registerAsset({ name: 'irisdesk', ext: 'css', text: [css] }),
    js: registerAsset({ name: 'irisdesk', ext: 'js', files: [new URL('../views/assets/enhance.js', import.meta.url)] }),
    icon: registerAsset({ name: 'irisdesk', ext: 'svg', text: [faviconSvg] }),
    font: font.preload,
  };
}

// Built once, before any page can be rendered (every importer waits for it).
const platform = await platformAssets();

export type PlatformAssets = typeof platform;

/** The platform's own assets, linked by the layout of every page. */
export function assetUrls(): PlatformAssets {
  return platform;
}

function compressed(asset: Asset) {
  return (asset.compressed ??= {
    br: brotliCompressSync(asset.raw, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }),
    gzip: gzipSync(asset.raw, { level: 9 }),
  });
}

export function assetRoutes(app: FastifyInstance) {
  const ico = faviconIco();
  app.get('/assets/:file', { schema: { hide: true } }, async (request, reply) => {
    const asset = registered.get(request.url.split('?')[0]!);
    if (!asset) return reply.callNotFound();
    reply.header('content-type', asset.type).header('cache-control', 'public, max-age=31536000, immutable');
    if (asset.binary) return reply.send(asset.raw);
    const accept = String(request.headers['accept-encoding'] ?? '');
    reply.header('vary', 'accept-encoding');
    if (/\bbr\b/.test(accept)) return reply.header('content-encoding', 'br').send(compressed(asset).br);
    if (/\bgzip\b/.test(accept)) return reply.header('content-encoding', 'gzip').send(compressed(asset).gzip);
    return reply.send(asset.raw);
  });
  // Not content-hashed (its address is fixed by convention): cached for a day.
  app.get('/favicon.ico', { schema: { hide: true } }, async (_request, reply) =>
    reply.header('content-type', 'image/vnd.microsoft.icon').header('cache-control', 'public, max-age=86400').send(ico),
  );
}
