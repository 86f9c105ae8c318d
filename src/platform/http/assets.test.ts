// The asset pipeline: files a module registers are served under content-hashed names with a year of caching,
// compressed on request; a name cannot be registered twice with different contents.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { brotliDecompressSync } from 'node:zlib';
import Fastify from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { assetRoutes, assetUrls, registerAsset } from './assets.ts';

const queueCss = new URL('../../queues/assets/queues.css', import.meta.url);
const app = Fastify();
assetRoutes(app);
afterAll(() => app.close());

describe('the asset pipeline', () => {
  it('names a registered file by its content hash and serves it for a year', async () => {
    const url = registerAsset({ name: 'queues', ext: 'css', files: [queueCss] });
    const body = readFileSync(queueCss);
    expect(url).toBe(`/assets/queues.${createHash('sha256').update(body).digest('hex').slice(0, 12)}.css`);
    const plain = await app.inject({ method: 'GET', url });
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(plain.body).toBe(body.toString('utf8'));
    const br = await app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.rawPayload).toString('utf8')).toBe(body.toString('utf8'));
  });

  it('registers the same file again to the same URL, and refuses another content under a taken name', () => {
    const url = registerAsset({ name: 'queues', ext: 'css', files: [queueCss] });
    expect(registerAsset({ name: 'queues', ext: 'css', files: [queueCss] })).toBe(url);
    expect(() => registerAsset({ name: 'queues', ext: 'css', text: ['body { color: red }'] })).toThrow(/registered twice/);
  });

  it('builds the platform stylesheet from the Utrecht rules the code uses, under 80 KB, with the typeface and the theme', async () => {
    const css = (await app.inject({ method: 'GET', url: assetUrls().css })).body;
    const library = readFileSync(new URL('../../../node_modules/@utrecht/component-library-css/dist/index.css', import.meta.url), 'utf8');
    expect(library.length).toBeGreaterThan(400_000);
    expect(css.length).toBeLessThan(80_000);
    // Components the pages use (written out, and built in a template: the button variants), not those they do not.
    for (const rule of ['.utrecht-textbox{', '.utrecht-radio-button{', '.utrecht-button--primary-action{', '.utrecht-alert--error{', '.utrecht-table__cell{']) {
      expect(css).toContain(rule);
    }
    for (const unused of ['.utrecht-calendar', '.utrecht-drawer', '.utrecht-digid-button', '.utrecht-button--danger']) expect(css).not.toContain(unused);
    expect(css).toContain(`src:url(${assetUrls().font}) format("woff2")`);
    expect(css).toContain('.irisdesk-theme{');
    expect(css).toMatch(/--brussels-font-family: ?"Source Sans 3 Variable",[^;]*sans-serif;/);
  });

  it('serves the typeface as woff2 for a year, as it is (already compressed)', async () => {
    const font = await app.inject({ method: 'GET', url: assetUrls().font, headers: { 'accept-encoding': 'br, gzip' } });
    expect(font.statusCode).toBe(200);
    expect(font.headers['content-type']).toBe('font/woff2');
    expect(font.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(font.headers['content-encoding']).toBeUndefined();
    expect(font.rawPayload.subarray(0, 4).toString('latin1')).toBe('wOF2');
  });

  it('serves the platform assets the layout links, and nothing under a name not registered', async () => {
    for (const url of Object.values(assetUrls())) expect((await app.inject({ method: 'GET', url })).statusCode).toBe(200);
    const stale = assetUrls().css.replace(/\.[0-9a-f]{12}\./, '.000000000000.');
    expect((await app.inject({ method: 'GET', url: stale })).statusCode).toBe(404);
  });
});
