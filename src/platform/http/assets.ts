// The one asset pipeline. Modules register their static files (CSS, JS, images) once, at import; each gets a
// content-hashed URL under /assets/ that pages link to, served with a year of caching (a new content is a new
// URL) and pre-compressed (brotli, gzip, built on first request) so a page stays light. The platform registers
// its own stylesheet (NL Design System Utrecht components + the Brussels theme), enhancement script and site
// icon here; the icon is also at /favicon.ico.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { brotliCompressSync, gzipSync, constants as zlib } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { faviconIco, faviconSvg } from './favicon.ts';

const require = createRequire(import.meta.url);

const TYPES = {
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  svg: 'image/svg+xml',
} as const;

interface Asset {
  url: string;
  type: string;
  raw: Buffer;
  compressed?: { br: Buffer; gzip: Buffer };
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
  const raw = Buffer.from([...files.map((file) => readFileSync(file, 'utf8')), ...text].join('\n'));
  const hash = createHash('sha256').update(raw).digest('hex').slice(0, 12);
  const url = `/assets/${name}.${hash}.${ext}`;
  const clash = [...registered.values()].find((asset) => asset.url.startsWith(`/assets/${name}.`) && asset.url.endsWith(`.${ext}`));
  if (clash && clash.url !== url) throw new Error(`Asset ${name}.${ext} is registered twice with different contents`);
  registered.set(url, { url, type: TYPES[ext], raw });
  return url;
}

const platform = {
  css: registerAsset({
    name: 'irisdesk',
    ext: 'css',
    files: [require.resolve('@utrecht/component-library-css/dist/index.css'), new URL('../views/assets/theme.css', import.meta.url)],
  }),
  js: registerAsset({ name: 'irisdesk', ext: 'js', files: [new URL('../views/assets/enhance.js', import.meta.url)] }),
  icon: registerAsset({ name: 'irisdesk', ext: 'svg', text: [faviconSvg] }),
};

/** The platform's own assets, linked by the layout of every page. */
export function assetUrls(): { css: string; js: string; icon: string } {
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
    const accept = String(request.headers['accept-encoding'] ?? '');
    reply.header('content-type', asset.type).header('cache-control', 'public, max-age=31536000, immutable').header('vary', 'accept-encoding');
    if (/\bbr\b/.test(accept)) return reply.header('content-encoding', 'br').send(compressed(asset).br);
    if (/\bgzip\b/.test(accept)) return reply.header('content-encoding', 'gzip').send(compressed(asset).gzip);
    return reply.send(asset.raw);
  });
  // Not content-hashed (its address is fixed by convention): cached for a day.
  app.get('/favicon.ico', { schema: { hide: true } }, async (_request, reply) =>
    reply.header('content-type', 'image/vnd.microsoft.icon').header('cache-control', 'public, max-age=86400').send(ico),
  );
}
