// Rendered pages are valid HTML for the Nu HTML Checker (vnu.jar, the W3C validator's engine; decision 0028), and
// the head of every public page has what search engines and browsers look for: a meta description, absolute
// hreflang alternates and the site icon, also at /favicon.ico.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../test/app.ts';
import { checkHtml, withFiles } from '../../../test/validators.ts';

let t: TestApp;
let staff: TestClient;
const pages = new Map<string, string>(); // URL → HTML
const publicPages: string[] = [];

async function render(client: TestClient, url: string, status = 200) {
  const response = await client.get(url);
  expect(response.statusCode, url).toBe(status);
  expect(response.headers['content-type'], url).toContain('text/html');
  pages.set(url, response.body);
}

beforeAll(async () => {
  t = await createTestApp();
  const visitor = t.client();
  const { rows: points } = await t.db.query<{ id: string }>(`SELECT id FROM contact_points WHERE active ORDER BY code LIMIT 1`);
  const { rows: surveys } = await t.db.query<{ slug: string }>(`SELECT slug FROM surveys WHERE status = 'open' ORDER BY slug LIMIT 1`);
  const point = points[0]!.id;
  // A point that gives queue tickets online, open now, for the page that gives them (decision 0061).
  const { rows: remote } = await t.db.query<{ id: string }>(
    `UPDATE contact_points SET opening_hours = '24/7' WHERE code = 'maison-communale'
        AND organisation_id = (SELECT id FROM organisations WHERE code = 'commune-schaerbeek') RETURNING id`,
  );
  await t.db.query(
    `INSERT INTO queue_alert_settings (contact_point_id, remote_allowed) VALUES ($1, true)
     ON CONFLICT (contact_point_id) DO UPDATE SET remote_allowed = true`,
    [remote[0]!.id],
  );
  const publicUrls = [
    '/fr',
    '/nl',
    '/en',
    '/en/search?q=identity%20card',
    '/fr/services/change-of-address',
    '/nl/organisations/commune-schaerbeek',
    `/en/contact-points/${point}`,
    '/nl/orientation',
    '/fr/help',
    '/fr/help/trier-ses-dechets-les-sacs-de-couleur',
    '/en/barometer',
    '/fr/appointments',
    '/fr/accessibility',
    '/nl/privacy/requests',
    '/en/privacy/requests/sent',
    `/nl/contact-points/${remote[0]!.id}/remote-ticket`,
    '/nl/open-data',
    '/nl/login',
    ...(surveys[0] ? [`/en/surveys/${surveys[0].slug}`] : []),
  ];
  for (const url of publicUrls) {
    await render(visitor, url);
    publicPages.push(url);
  }
  await render(visitor, '/en/no-such-page', 404);
  staff = t.client();
  await staff.login('admin@demo.irisdesk.brussels');
  for (const url of [
    '/en/back-office',
    '/en/admin/organisations',
    '/nl/admin/catalogue/services/new',
    '/fr/admin/contact-points',
    '/en/satisfaction/region',
    '/fr/competence',
    '/en/admin/knowledge',
    '/nl/admin/surveys',
    '/en/admin/audit',
    '/fr/admin/citizen-sign-in',
  ]) {
    await render(staff, url);
  }
  const agent = t.client();
  await agent.login('agent@demo.irisdesk.brussels');
  for (const url of ['/en/console', '/nl/agenda']) await render(agent, url);
}, 120_000);
afterAll(() => t.close());

const attribute = (tag: string, name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1];
const tags = (html: string, pattern: RegExp) => [...html.matchAll(pattern)].map((match) => match[0]);

describe('rendered pages', () => {
  it('pass the Nu HTML Checker with 0 errors', async () => {
    const entries = [...pages.entries()];
    const files = Object.fromEntries(entries.map(([, html], i) => [`page-${i}.html`, html]));
    const messages = await withFiles(files, (paths) => checkHtml(paths));
    const urlOf = (file: string) => entries[Number(/page-(\d+)\.html$/.exec(file)?.[1])]?.[0] ?? file;
    const describeMessage = (m: (typeof messages)[number]) => `${urlOf(m.url)}:${m.lastLine ?? '?'} ${m.message}${m.extract ? ` — ${m.extract.trim()}` : ''}`;
    const warnings = messages.filter((m) => m.type === 'info');
    if (warnings.length > 0) console.info(`vnu: ${warnings.length} warning(s)\n${warnings.map((m) => `  ${describeMessage(m)}`).join('\n')}`);
    expect(messages.filter((m) => m.type !== 'info').map(describeMessage)).toEqual([]);
  }, 180_000); // one Java process checking every page: slow on a loaded machine

  it('give every public page a meta description, absolute hreflang alternates and the icon', () => {
    const origin = t.config.publicUrl.replace(/\/$/, '');
    for (const url of publicPages) {
      const html = pages.get(url)!;
      const description = tags(html, /<meta name="description"[^>]*>/g);
      expect(description, url).toHaveLength(1);
      expect(attribute(description[0]!, 'content')!.length, url).toBeGreaterThan(20);
      const alternates = tags(html, /<link rel="alternate"[^>]*>/g);
      expect(alternates.map((link) => attribute(link, 'hreflang')).sort(), url).toEqual(['en', 'fr', 'nl', 'x-default']);
      const path = url.replace(/^\/(fr|nl|en)/, '');
      for (const link of alternates) {
        const lang = attribute(link, 'hreflang')!;
        expect(attribute(link, 'href'), url).toBe(lang === 'x-default' ? `${origin}/` : `${origin}/${lang}${path.replaceAll('&', '&amp;')}`);
      }
      expect(html, url).toMatch(/<link rel="icon" href="\/assets\/irisdesk\.[0-9a-f]{12}\.svg" type="image\/svg\+xml"\/?>/);
    }
    // A service page describes itself with its summary.
    expect(attribute(tags(pages.get('/fr/services/change-of-address')!, /<meta name="description"[^>]*>/g)[0]!, 'content')).not.toBe(
      attribute(tags(pages.get('/fr')!, /<meta name="description"[^>]*>/g)[0]!, 'content'),
    );
  });

  it('serve the icon as SVG and at /favicon.ico as a 32×32 ICO', async () => {
    const svgUrl = /<link rel="icon" href="([^"]+)"/.exec(pages.get('/en')!)![1]!;
    const svg = await t.client().get(svgUrl);
    expect(svg.statusCode).toBe(200);
    expect(svg.headers['content-type']).toBe('image/svg+xml');
    expect(svg.body).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    const ico = await t.app.inject({ method: 'GET', url: '/favicon.ico' });
    expect(ico.statusCode).toBe(200);
    expect(ico.headers['content-type']).toBe('image/vnd.microsoft.icon');
    const bytes = ico.rawPayload;
    expect([bytes.readUInt16LE(0), bytes.readUInt16LE(2), bytes.readUInt16LE(4)]).toEqual([0, 1, 1]); // an icon, one image
    expect([bytes[6], bytes[7], bytes.readUInt16LE(12)]).toEqual([32, 32, 32]); // 32×32, 32 bits
    expect(bytes.readUInt32LE(18) + bytes.readUInt32LE(14)).toBe(bytes.length);
    // The centre of the icon is the asterisk's yellow (BMP rows bottom-up, BGRA).
    const centre = 22 + 40 + (16 * 32 + 16) * 4;
    expect([...bytes.subarray(centre, centre + 4)]).toEqual([0x00, 0xd2, 0xff, 0xff]);
  });
});
