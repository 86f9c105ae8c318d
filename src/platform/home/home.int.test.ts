// The front door: the home page leads to every public task, the frame of every public page to the main
// destinations and the footer's pages, and an address ending with a slash redirects to its canonical form.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { withoutTrailingSlash } from './routes.tsx';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
}, 120_000);
afterAll(() => t.close());

const hrefs = (html: string) => new Set([...html.matchAll(/<a [^>]*href="([^"]+)"/g)].map((match) => match[1]!.replaceAll('&amp;', '&')));

describe('the home page and the public frame', () => {
  it('links every public task, the life events and themes, and the contact points, in each language', async () => {
    for (const lang of ['fr', 'nl', 'en']) {
      const home = await t.app.inject({ method: 'GET', url: `/${lang}` });
      expect(home.statusCode).toBe(200);
      const links = hrefs(home.body);
      for (const path of ['/orientation', '/contact', '/appointments', '/contact/status', '/chat', '/help', '/barometer', '/search']) {
        expect(links, `${lang}${path}`).toContain(`/${lang}${path}`);
      }
      expect([...links].filter((href) => href.startsWith(`/${lang}/orientation?topic=event:`)).length).toBeGreaterThan(5);
      expect([...links].filter((href) => href.startsWith(`/${lang}/orientation?topic=theme:`)).length).toBeGreaterThan(5);
      expect([...links].filter((href) => new RegExp(`^/${lang}/contact-points/[0-9a-f-]{36}$`).test(href)).length).toBeGreaterThan(5);
      // Footer: accessibility statement, privacy notice, open data, the discreet staff sign-in.
      for (const path of ['/accessibility', '/privacy', '/open-data', '/login']) expect(links, `${lang}${path}`).toContain(`/${lang}${path}`);
    }
  });

  it('marks the current destination in the main navigation, and leaves it out of back-office pages', async () => {
    const help = await t.app.inject({ method: 'GET', url: '/en/help' });
    expect(help.body).toMatch(/<a class="irisdesk-main-nav__link" href="\/en\/help" aria-current="page">/);
    expect(help.body).not.toMatch(/href="\/en\/search" aria-current/);
    const staff = t.client();
    await staff.login('admin@demo.irisdesk.brussels');
    const backOffice = await staff.get('/en/admin/organisations');
    expect(backOffice.statusCode).toBe(200);
    expect(backOffice.body).not.toContain('irisdesk-main-nav');
    expect(backOffice.body).toContain('irisdesk-back-office');
  });

  it('shows the accessibility statement and the open data page in three languages', async () => {
    for (const lang of ['fr', 'nl', 'en']) {
      const statement = await t.app.inject({ method: 'GET', url: `/${lang}/accessibility` });
      expect(statement.statusCode).toBe(200);
      expect(statement.body).toMatch(/WCAG\) 2\.1/);
      expect(statement.body).toContain('EN 301 549');
      expect(hrefs(statement.body)).toContain(`/${lang}/contact`);
      const openData = await t.app.inject({ method: 'GET', url: `/${lang}/open-data` });
      expect(openData.statusCode).toBe(200);
      for (const href of ['/api/v1/catalogue.jsonld', '/api/v1/catalogue/thesaurus.ttl', '/api/v1/opendata/catalog.jsonld'])
        expect(hrefs(openData.body)).toContain(href);
    }
  });

  it('links only open data that exists', async () => {
    const openData = await t.app.inject({ method: 'GET', url: '/en/open-data' });
    for (const href of [...hrefs(openData.body)].filter((link) => link.startsWith('/api/'))) {
      expect((await t.app.inject({ method: 'GET', url: href })).statusCode, href).toBe(200);
    }
  });
});

describe('addresses that end with a slash', () => {
  it('redirect permanently to the address without it, query kept; other methods with 308', async () => {
    for (const [url, location] of [
      ['/fr/', '/fr'],
      ['/nl/', '/nl'],
      ['/en/', '/en'],
      ['/fr/search/?q=carte%20identit%C3%A9', '/fr/search?q=carte%20identit%C3%A9'],
      ['/en/help//', '/en/help'],
    ] as const) {
      const response = await t.app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(301);
      expect(response.headers.location, url).toBe(location);
    }
    const post = await t.app.inject({ method: 'POST', url: '/fr/contact/', payload: 'a=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(post.statusCode).toBe(308);
    expect(post.headers.location).toBe('/fr/contact');
    expect((await t.app.inject({ method: 'GET', url: '/fr' })).statusCode).toBe(200);
  });

  it('never lead to another site', async () => {
    for (const url of ['//evil.example/', '/\\evil.example/', '///evil.example//']) {
      expect(withoutTrailingSlash(url), url).toBeUndefined();
      const response = await t.app.inject({ method: 'GET', url });
      expect(String(response.headers.location ?? ''), url).not.toMatch(/evil/);
    }
    expect(withoutTrailingSlash('/')).toBeUndefined();
    expect(withoutTrailingSlash('/fr')).toBeUndefined();
    expect(withoutTrailingSlash('/fr/?a=b/')).toBe('/fr?a=b/');
  });
});
