// Browser tests of satisfaction: the questionnaire after a contact (without JavaScript, errors, replay),
// the organisation and regional dashboards (satisfaction and operations views) and the public barometer.
// Each flow runs in one language (questionnaire in nl, organisation dashboard in fr, regional ranking in
// en); a page tour per language visits every page the flows show, so that axe-core checks each of them in
// fr, nl and en.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { checkA11y, submitAndCheck, visit } from './browser.ts';
import { signIn, useServerAndBrowser } from './session.ts';
import { translator } from '../src/platform/i18n/messages.ts';
import { LANGUAGES, type Language } from '../src/platform/i18n/languages.ts';

const { withPage } = useServerAndBrowser();

/** The language each flow runs in; the page tours of the other languages cover the pages it shows. */
const QUESTIONNAIRE_LANG: Language = 'nl';
const ORGANISATION_LANG: Language = 'fr';
const REGION_LANG: Language = 'en';

const MANAGER = 'manager@demo.irisdesk.brussels';
const ANALYST = 'analyst@demo.irisdesk.brussels';

/**
 * Feedback links made by a counter agent, as a QR code at the desk would carry: one per language, all made
 * in one sign-in the first time they are needed.
 */
let links: Promise<Record<Language, string>> | undefined;

function feedbackLink(lang: Language): Promise<string> {
  links ??= withPage(async (page) => {
    await signIn(page, 'fr', 'agent@demo.irisdesk.brussels');
    const made = {} as Record<Language, string>;
    for (const language of LANGUAGES) {
      const response = await page.request.post('/api/v1/satisfaction/invitations', { data: { channel: 'counter', language } });
      expect(response.status()).toBe(201);
      made[language] = new URL((await response.json()).url).pathname;
    }
    return made;
  });
  return links.then((made) => made[lang]);
}

async function expectH1(page: Page, text: string, exact = true): Promise<void> {
  const headings = await page.getByRole('heading', { level: 1 }).allTextContents();
  expect(headings).toHaveLength(1);
  if (exact) expect(headings[0]!.trim()).toBe(text);
  else expect(headings[0]).toContain(text);
}

/**
 * Opens a page with every "details" disclosure opened by keyboard (Enter on its summary), as a reader who wants
 * every figure would, then runs axe-core on it all; with JavaScript on, also checks that the page is no wider
 * than the window (tables scroll inside their own box).
 */
async function visitOpened(page: Page, url: string, options: { javaScript?: boolean } = {}): Promise<void> {
  const response = await page.goto(url, { waitUntil: 'load' });
  expect(response?.status(), `HTTP status of ${url}`).toBe(200);
  const summaries = page.locator('main details:not([open]) > summary');
  for (let n = await summaries.count(); n > 0; n--) {
    await summaries.first().focus();
    await page.keyboard.press('Enter');
  }
  expect(await page.locator('main details:not([open])').count()).toBe(0);
  await checkA11y(page);
  if (options.javaScript ?? true) {
    const [scroll, width] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    expect(scroll, `page width of ${url}`).toBeLessThanOrEqual(width);
  }
}

describe('satisfaction flows', { timeout: 180_000 }, () => {
  it(`answers the questionnaire in ${QUESTIONNAIRE_LANG} without JavaScript, with errors first, and refuses a second answer`, async () => {
    const lang = QUESTIONNAIRE_LANG;
    const t = translator(lang);
    const path = await feedbackLink(lang);
    expect(path.startsWith(`/${lang}/feedback/`)).toBe(true);
    await withPage(
      async (page) => {
        await visit(page, path);
        expect(await page.getByRole('heading', { level: 1 }).allTextContents()).toEqual([t('satisfaction.feedback.heading')]);
        await submitAndCheck(page, page.getByRole('button', { name: t('satisfaction.feedback.submit') }), { status: 400 });
        await expect(page.getByRole('alert').first().textContent()).resolves.toContain(t('field.overall'));
        const overall = page.getByRole('group', { name: t('satisfaction.q.overall') });
        await overall.getByLabel(t('satisfaction.scale.satisfied4'), { exact: true }).check();
        await page
          .getByRole('group', { name: t('satisfaction.q.clarity') })
          .getByLabel(t('satisfaction.scale.agree5'), { exact: true })
          .check();
        await page
          .getByRole('group', { name: t('satisfaction.q.effort') })
          .getByLabel(t('satisfaction.scale.agree4'), { exact: true })
          .check();
        await page
          .getByRole('group', { name: t('satisfaction.q.needMet') })
          .getByLabel(t('satisfaction.needMet.yes'), { exact: true })
          .check();
        await page
          .getByRole('group', { name: t('satisfaction.q.reached') })
          .getByLabel(t('satisfaction.yes'), { exact: true })
          .check();
        await page
          .getByRole('group', { name: t('satisfaction.q.channelsUsed') })
          .getByLabel(t('satisfaction.channel.counter'), { exact: true })
          .check();
        await page.getByLabel(t('satisfaction.q.comment')).fill('Merci, appelez-moi au 0470 12 34 56');
        await submitAndCheck(page, page.getByRole('button', { name: t('satisfaction.feedback.submit') }), { status: 200 });
        expect(new URL(page.url()).pathname).toBe(`/${lang}/feedback/thanks`);
        await visit(page, path, { status: 409 });
        await expect(page.getByRole('main').textContent()).resolves.toContain(t('errors.feedback.already_answered'));
      },
      { javaScriptEnabled: false },
    );
  });

  it(`shows the organisation dashboard in ${ORGANISATION_LANG} to its manager, and not another organisation's`, () =>
    withPage(async (page) => {
      const lang = ORGANISATION_LANG;
      const t = translator(lang);
      await signIn(page, lang, MANAGER);
      await page.setViewportSize({ width: 1024, height: 800 });
      await visit(page, `/${lang}/satisfaction/organisations/commune-schaerbeek`);
      expect(await page.getByRole('heading', { level: 1 }).count()).toBe(1);
      // key figures first, in plain words, and the change of a count as a count, of a score in points
      const keyFigures = page.getByRole('list', { name: t('satisfaction.key.label') });
      await expect(keyFigures.textContent()).resolves.toContain(t('satisfaction.key.csat'));
      expect(await keyFigures.textContent()).not.toMatch(/\+\d+,0 par rapport/);
      await expect(page.getByRole('img', { name: t('satisfaction.chart.trend') }).count()).resolves.toBe(1);
      await expect(page.getByRole('img', { name: t('satisfaction.chart.satisfiedByChannel') }).count()).resolves.toBe(1);
      // the tables are details on demand: hidden until asked for
      await expect(page.getByRole('table', { name: t('satisfaction.byChannel'), exact: true }).count()).resolves.toBe(0);
      await visitOpened(page, `/${lang}/satisfaction/organisations/commune-schaerbeek`);
      await expect(page.getByRole('table', { name: t('satisfaction.byChannel'), exact: true }).count()).resolves.toBe(1);
      // the operations view of the same dashboard, through its link (filters kept)
      await page
        .getByRole('navigation', { name: t('satisfaction.ops.nav.label') })
        .getByRole('link', { name: t('satisfaction.ops.nav.operations') })
        .click();
      await page.waitForURL(`**/${lang}/satisfaction/organisations/commune-schaerbeek/operations`);
      await visit(page, `/${lang}/satisfaction/organisations/commune-schaerbeek/operations`);
      await expectH1(page, t('satisfaction.ops.organisation.heading'), false);
      await expect(page.getByRole('img', { name: t('satisfaction.ops.chart.hours') }).count()).resolves.toBe(1);
      await visitOpened(page, `/${lang}/satisfaction/organisations/commune-schaerbeek/operations`);
      await expect(page.getByRole('table', { name: t('satisfaction.ops.summaryCaption') }).count()).resolves.toBe(1);
      await visit(page, `/${lang}/satisfaction/organisations/commune-ixelles/operations`, { status: 403 });
      await visit(page, `/${lang}/satisfaction/organisations/commune-ixelles`, { status: 403 });
    }));

  it(`shows the regional dashboard in ${REGION_LANG} ranked per indicator`, () =>
    withPage(async (page) => {
      const lang = REGION_LANG;
      const t = translator(lang);
      await signIn(page, lang, ANALYST);
      await page.setViewportSize({ width: 1024, height: 800 });
      await visitOpened(page, `/${lang}/satisfaction/region?rank=score10`);
      await expect(page.getByRole('table', { name: t('satisfaction.sideBySideCaption') }).count()).resolves.toBe(1);
      await expect(page.getByRole('main').textContent()).resolves.toContain(t('satisfaction.indicator.score10'));
      await visitOpened(page, `/${lang}/satisfaction/region/operations?rank=waitMinutes`);
      await expectH1(page, t('satisfaction.ops.region.heading'));
      await expect(
        page.getByRole('img', { name: t('satisfaction.chart.ranking', { indicator: t('satisfaction.ops.indicator.waitMinutes') }) }).count(),
      ).resolves.toBe(1);
      // organisations side by side, unless their months are still being computed (the page says so, never waits)
      const main = (await page.getByRole('main').textContent())!;
      const sideBySide = page.getByRole('table', { name: t('satisfaction.ops.sideBySideCaption'), exact: true });
      if (main.includes(t('satisfaction.ops.noData'))) expect(main).toContain(t('satisfaction.ops.refreshing'));
      else await expect(sideBySide.count()).resolves.toBe(1);
    }));
});

describe.each(LANGUAGES)('satisfaction page tour in %s', { timeout: 180_000 }, (lang) => {
  const t = translator(lang);

  it('shows the barometer, the questionnaire and the dashboards in the language', async () => {
    // Public pages, without JavaScript like the questionnaire flow.
    await withPage(
      async (page) => {
        await visit(page, `/${lang}/barometer`);
        expect(await page.getByRole('heading', { level: 1 }).allTextContents()).toEqual([t('satisfaction.barometer.heading')]);
        // plain words first ("6 in 10 people were satisfied"), no jargon, numbers in the page's locale
        const main = (await page.getByRole('main').textContent())!;
        expect(main).toMatch(new RegExp(`\\d+ ${t('satisfaction.key.inTen', { count: 0 }).replace(/^0 /, '')}`));
        expect(main).not.toMatch(/CSAT|NPS/);
        if (lang === 'en') expect(main).not.toMatch(/\d,\d\s?%/);
        await expect(page.getByRole('img', { name: t('satisfaction.chart.satisfiedByOrganisation') }).count()).resolves.toBe(1);
        await expect(page.getByRole('img', { name: t('satisfaction.chart.satisfiedByChannel') }).count()).resolves.toBe(1);
        await expect(page.getByRole('link', { name: t('satisfaction.barometer.csv') }).getAttribute('href')).resolves.toBe('/api/v1/opendata/satisfaction.csv');
        // service levels beside satisfaction, and the Single Digital Gateway statistics among the open data
        await expect(page.getByRole('region', { name: t('satisfaction.barometer.service.heading'), exact: true }).count()).resolves.toBe(1);
        await visitOpened(page, `/${lang}/barometer`, { javaScript: false });
        await expect(page.getByRole('table', { name: t('satisfaction.barometer.service.regionCaption') }).count()).resolves.toBe(1);
        await expect(page.getByRole('link', { name: t('satisfaction.barometer.sdgCsv') }).getAttribute('href')).resolves.toBe(
          '/api/v1/opendata/sdg-feedback.csv',
        );
        if (lang !== QUESTIONNAIRE_LANG) {
          const path = await feedbackLink(lang);
          expect(path.startsWith(`/${lang}/feedback/`)).toBe(true);
          await visit(page, path);
          expect(await page.getByRole('heading', { level: 1 }).allTextContents()).toEqual([t('satisfaction.feedback.heading')]);
          await visit(page, `/${lang}/feedback/thanks`);
          expect(await page.getByRole('heading', { level: 1 }).allTextContents()).toEqual([t('satisfaction.thanks.heading')]);
        }
      },
      { javaScriptEnabled: false },
    );
    if (lang !== ORGANISATION_LANG) {
      await withPage(async (page) => {
        await signIn(page, lang, MANAGER);
        await visitOpened(page, `/${lang}/satisfaction/organisations/commune-schaerbeek`);
        await expectH1(page, t('satisfaction.organisation.heading'), false);
        await expect(page.getByRole('table', { name: t('satisfaction.byChannel'), exact: true }).count()).resolves.toBe(1);
        await visitOpened(page, `/${lang}/satisfaction/organisations/commune-schaerbeek/operations`);
        await expectH1(page, t('satisfaction.ops.organisation.heading'), false);
        await expect(page.getByRole('table', { name: t('satisfaction.ops.summaryCaption') }).count()).resolves.toBe(1);
      });
    }
    if (lang !== REGION_LANG) {
      await withPage(async (page) => {
        await signIn(page, lang, ANALYST);
        await visitOpened(page, `/${lang}/satisfaction/region?rank=score10`);
        await expectH1(page, t('satisfaction.region.heading'));
        await expect(page.getByRole('table', { name: t('satisfaction.sideBySideCaption') }).count()).resolves.toBe(1);
        await visitOpened(page, `/${lang}/satisfaction/region/operations`);
        await expectH1(page, t('satisfaction.ops.region.heading'));
        await expect(page.getByRole('img', { name: t('satisfaction.ops.chart.hours') }).count()).resolves.toBe(1);
      });
    }
    // The barometer again: by now the operations.refresh job its first visit queued has usually run, so axe
    // also checks the service levels with their chart and tables (the page never waits for the job).
    await withPage(
      async (page) => {
        await visitOpened(page, `/${lang}/barometer`);
        await expect(page.getByRole('region', { name: t('satisfaction.barometer.service.heading'), exact: true }).count()).resolves.toBe(1);
      },
      { viewport: { width: 390, height: 844 } },
    );
  });
});
