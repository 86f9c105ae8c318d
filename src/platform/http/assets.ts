// Static assets: one stylesheet (NL Design System Utrecht components + the Brussels theme), one small
// enhancement script and the site icon, built in memory at start, served under content-hashed URLs with a year
// of caching and pre-compressed (brotli, gzip) so a page stays light. The icon is also at /favicon.ico.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync, constants as zlib } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { faviconIco, faviconSvg } from './favicon.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

interface Asset {
  url: string;
  type: string;
  raw: Buffer;
  br: Buffer;
  gzip: Buffer;
}

function build(name: string, ext: string, type: string, parts: string[]): Asset {
  const raw = Buffer.from(parts.join('\n'));
  const hash = createHash('sha256').update(raw).digest('hex').slice(0, 12);
  return {
    url: `/assets/${name}.${hash}.${ext}`,
    type,
    raw,
    br: brotliCompressSync(raw, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }),
    gzip: gzipSync(raw, { level: 9 }),
  };
}

let assets: { css: Asset; js: Asset; icon: Asset } | undefined;
let ico: Buffer | undefined;

function load() {
  if (assets) return assets;
  const utrechtCss = readFileSync(require.resolve('@utrecht/component-library-css/dist/index.css'), 'utf8');
  const themeCss = readFileSync(path.join(here, '../views/assets/theme.css'), 'utf8');
  const script = readFileSync(path.join(here, '../views/assets/enhance.js'), 'utf8');
  assets = {
    css: build('irisdesk', 'css', 'text/css; charset=utf-8', [utrechtCss, themeCss]),
    js: build('irisdesk', 'js', 'text/javascript; charset=utf-8', [script]),
    icon: build('irisdesk', 'svg', 'image/svg+xml', [faviconSvg]),
  };
  ico = faviconIco();
  return assets;
}

export function assetUrls(): { css: string; js: string; icon: string } {
  const { css, js, icon } = load();
  return { css: css.url, js: js.url, icon: icon.url };
}

export function assetRoutes(app: FastifyInstance) {
  const all = Object.values(load());
  app.get('/assets/:file', { schema: { hide: true } }, async (request, reply) => {
    const asset = all.find((candidate) => candidate.url === request.url.split('?')[0]);
    if (!asset) return reply.callNotFound();
    const accept = String(request.headers['accept-encoding'] ?? '');
    reply
      .header('content-type', asset.type)
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('vary', 'accept-encoding');
    if (/\bbr\b/.test(accept)) return reply.header('content-encoding', 'br').send(asset.br);
    if (/\bgzip\b/.test(accept)) return reply.header('content-encoding', 'gzip').send(asset.gzip);
    return reply.send(asset.raw);
  });
  // Not content-hashed (its address is fixed by convention): cached for a day.
  app.get('/favicon.ico', { schema: { hide: true } }, async (_request, reply) =>
    reply.header('content-type', 'image/vnd.microsoft.icon').header('cache-control', 'public, max-age=86400').send(ico),
  );
}
