// The public pages fit every screen and are drawn in the site's typeface (issue 15): at 320, 390 and 1280 px no
// page is wider than the window (document scrollWidth), no element's font resolves to a serif family, the
// self-hosted typeface is loaded, and axe-core finds nothing (visit). Each page is loaded once and measured at
// the three widths by resizing the window (media and container queries apply at once). Every public page a
// citizen meets, in French, Dutch (whose long compound words break layouts first) and English, including the
// pages reached through a form: the contact form's confirmation, a ticket taken from home, a kiosk ticket, a feedback questionnaire and a
// survey. The booking steps are measured at 390 and 320 px by the keyboard test (appointments-keyboard).
import { describe, expect, it, vi } from 'vitest';
import type { Page } from 'playwright-core';
import { visit } from './browser.ts';
import { fitProblems, WIDTHS } from './fit.ts';
import { signIn, useServerAndBrowser } from './session.ts';
import { LANGUAGES, type Language } from '../src/platform/i18n/languages.ts';

vi.setConfig({ testTimeout: 180_000 });

const { withPage } = useServerAndBrowser();

/**
 * What the pages behind a form need, made once for the file by a manager of Schaerbeek: a contact point open
 * day and night with a queue (its kiosk gives tickets at any hour), and a feedback link per language, as a
 * counter's QR code carries.
 */
let fixtures: Promise<{ pointId: string; feedback: Record<Language, string> }> | undefined;

function staffFixtures() {
  fixtures ??= withPage(async (page) => {
    await signIn(page, 'en', 'manager@demo.irisdesk.brussels');
    const created = await page.request.post('/api/v1/organisations/commune-schaerbeek/contact-points', {
      data: {
        code: 'e2e-layout-desk',
        name: { fr: 'Guichet de la Maison communale annexe', nl: 'Loket van het bijkomend gemeentehuis', en: 'Town hall annex desk' },
        address: {
          street: { fr: 'Place Colignon', nl: 'Colignonplein' },
          number: '1',
          postalCode: '1030',
          municipality: { fr: 'Schaerbeek', nl: 'Schaarbeek' },
        },
        openingHours: '24/7',
        demo: true,
      },
    });
    expect(created.status()).toBe(201);
    const pointId = ((await created.json()) as { id: string }).id;
    const settings = await page.request.put(`/api/v1/contact-points/${pointId}/queue-settings`, {
      data: {
        services: [{ serviceCode: 'eid-card', prefix: 'L' }],
        counters: [{ name: '1', serviceCodes: ['eid-card'] }],
        remoteTickets: { allowed: true, dailyCap: 50, graceMinutes: 45 },
      },
    });
    expect(settings.status()).toBe(200);
    const feedback = {} as Record<Language, string>;
    for (const language of LANGUAGES) {
      const made = await page.request.post('/api/v1/satisfaction/invitations', { data: { channel: 'counter', language } });
      expect(made.status()).toBe(201);
      feedback[language] = new URL(((await made.json()) as { url: string }).url).pathname;
    }
    return { pointId, feedback };
  });
  return fixtures;
}

/** Posts a form of the current page with its CSRF token, as the browser would, and returns the page it leads to. */
async function post(page: Page, url: string, form: Record<string, string>): Promise<string> {
  const csrf = await page.locator('input[name="_csrf"]').first().inputValue();
  const response = await page.request.post(url, { form: { ...form, _csrf: csrf } });
  expect(response.status(), `HTTP status of POST ${url}`).toBe(200);
  const { pathname, search } = new URL(response.url());
  return pathname + search;
}

/** The public pages a citizen goes through, from the home page to the waiting room, as a list of steps. */
async function publicPages(page: Page, lang: Language): Promise<Array<string | (() => Promise<string>)>> {
  const points = await page.request.get('/api/v1/organisations/commune-schaerbeek/contact-points');
  const { contactPoints } = (await points.json()) as { contactPoints: Array<{ id: string; code: string }> };
  const counter = contactPoints.find((point) => point.code === 'maison-communale') ?? contactPoints[0]!;
  const { pointId, feedback } = await staffFixtures();
  return [
    `/${lang}`,
    `/${lang}/search?q=${encodeURIComponent('carte identité')}`,
    `/${lang}/search?q=${encodeURIComponent('xyzzy blabla')}`,
    `/${lang}/services/eid-card?postalCode=1030`,
    `/${lang}/orientation`,
    `/${lang}/orientation?topic=${encodeURIComponent('event:moving')}&audience=citizen&postalCode=1030`,
    `/${lang}/organisations/commune-schaerbeek`,
    `/${lang}/contact`,
    // The contact form sent: its confirmation with the reference.
    async () => {
      await page.fill('input[name="name"]', 'Layout Test');
      await page.fill('input[name="email"]', `layout.${lang}@example.be`);
      await page.fill('textarea[name="message"]', 'Mon voisin dépose ses encombrants devant ma porte depuis trois semaines.');
      await Promise.all([page.waitForURL(`**/${lang}/contact/sent/**`), page.locator('form:has(textarea[name="message"]) button[type="submit"]').click()]);
      return new URL(page.url()).pathname;
    },
    `/${lang}/contact/status`,
    `/${lang}/appointments`,
    `/${lang}/help`,
    `/${lang}/help/trier-ses-dechets-les-sacs-de-couleur`,
    `/${lang}/barometer`,
    `/${lang}/contact-points/${counter.id}`,
    `/${lang}/contact-points/${counter.id}/kiosk`,
    `/${lang}/contact-points/${counter.id}/board`,
    `/${lang}/contact-points/${pointId}/remote-ticket`,
    `/${lang}/contact-points/${pointId}/kiosk`,
    // A ticket taken at the kiosk: the page the person keeps on their phone.
    () => post(page, `/${lang}/contact-points/${pointId}/kiosk`, { serviceCode: 'eid-card' }),
    feedback[lang],
    `/${lang}/surveys/demo-accueil-schaerbeek`,
    `/${lang}/accessibility`,
    `/${lang}/privacy`,
    `/${lang}/open-data`,
  ];
}

describe.each(LANGUAGES)('public pages on every screen in %s', (lang) => {
  it('fit the window at 320, 390 and 1280 px and use the site typeface', () =>
    withPage(async (page) => {
      const problems: string[] = [];
      for (const step of await publicPages(page, lang)) {
        await page.setViewportSize({ width: WIDTHS[0]!, height: 800 });
        const url = typeof step === 'string' ? step : await step();
        await visit(page, url);
        problems.push(...(await fitProblems(page, url)));
      }
      expect(problems).toEqual([]);
    }));
});
