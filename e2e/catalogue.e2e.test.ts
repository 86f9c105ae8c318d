// Browser tests of the catalogue pages: home search box, search results (good and without a good result),
// service page with "where do I go?" (shared postal code, then the chosen commune) and its "give your opinion"
// widget (to the questionnaire), organisation page,
// guided orientation and the editors' screens. Each flow runs in one language (search in fr, no good
// result and "where do I go?" in nl, organisation pages, orientation and the editors in en); a page tour per
// language visits every page the flows show, so that axe-core checks each of them in fr, nl and en.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { submitAndCheck, visit } from './browser.ts';
import { signIn, useServerAndBrowser } from './session.ts';
import { translator } from '../src/platform/i18n/messages.ts';
import { LANGUAGES, type Language } from '../src/platform/i18n/languages.ts';

const { withPage } = useServerAndBrowser();

/** The language each flow runs in; the page tours of the other languages cover the pages it shows. */
const SEARCH_LANG: Language = 'fr';
const WHERE_LANG: Language = 'nl';
const ORIENTATION_LANG: Language = 'en';
const EDITORS_LANG: Language = 'en';

const NOTHING_GOOD = `q=${encodeURIComponent('zzqxv <b>blorp</b>')}`;

async function expectH1(page: Page, text: string): Promise<void> {
  const headings = await page.getByRole('heading', { level: 1 }).allTextContents();
  expect(headings).toHaveLength(1);
  expect(headings[0]).toContain(text);
}

describe('the pages a citizen reads, on a phone', () => {
  it('fit 390 px and 320 px without horizontal scrolling in fr, nl and en: service, search, no result, out of scope, "was this page useful?"', () =>
    withPage(async (page) => {
      for (const lang of LANGUAGES) {
        const t = translator(lang);
        for (const width of [390, 320]) {
          await page.setViewportSize({ width, height: 800 });
          for (const url of [
            `/${lang}/services/change-of-address?postalCode=1030`,
            `/${lang}/search?q=${encodeURIComponent('carte identite')}`,
            `/${lang}/search?q=${encodeURIComponent('xyzzy blabla')}`,
            `/${lang}/services/change-of-address/useful?answer=no&postalCode=1030`,
          ]) {
            await visit(page, url);
            const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
            expect({ url, width, overflow }).toEqual({ url, width, overflow: 0 });
          }
        }
        // Nonsense and the weather get the no-result page, which says so once and offers browsing and the contact form.
        await visit(page, `/${lang}/search?q=${encodeURIComponent('xyzzy blabla')}`);
        await expect(page.locator('.irisdesk-result').count()).resolves.toBe(0);
        await expect(page.getByRole('heading', { name: t('catalogue.search.browseThemes') }).count()).resolves.toBe(1);
        await expect(page.getByRole('heading', { name: t('catalogue.contactCenter.title') }).count()).resolves.toBe(1);
      }
      await page.setViewportSize({ width: 1280, height: 800 });
    }));
});

describe('catalogue flows', () => {
  it(`searches from the home page in ${SEARCH_LANG} and opens a service`, () =>
    withPage(async (page) => {
      const lang = SEARCH_LANG;
      const t = translator(lang);
      await visit(page, `/${lang}`);
      await page.getByRole('searchbox', { name: t('catalogue.search.label') }).fill('carte identite');
      await submitAndCheck(page, page.getByRole('button', { name: t('catalogue.search.submit') }), { status: 200 });
      expect(new URL(page.url()).pathname).toBe(`/${lang}/search`);
      const first = page.locator('.irisdesk-result a').first();
      await submitAndCheck(page, first, { status: 200 });
      expect(new URL(page.url()).pathname).toMatch(new RegExp(`^/${lang}/services/`));
    }));

  it(`offers the contact center in ${WHERE_LANG} when nothing good is found`, () =>
    withPage(async (page) => {
      const lang = WHERE_LANG;
      const t = translator(lang);
      await visit(page, `/${lang}/search?${NOTHING_GOOD}`);
      await expect(page.getByRole('heading', { name: t('catalogue.contactCenter.title') }).count()).resolves.toBe(1);
      await expect(page.locator('main b').count()).resolves.toBe(0);
    }));

  it(`asks in ${WHERE_LANG} which commune for a shared postal code, then shows the chosen commune`, () =>
    withPage(async (page) => {
      const lang = WHERE_LANG;
      const t = translator(lang);
      await visit(page, `/${lang}/services/change-of-address`);
      await page.getByLabel(t('catalogue.where.postalCode')).fill('1050');
      await submitAndCheck(page, page.getByRole('button', { name: t('catalogue.where.submit') }), { status: 200 });
      const choice = page.locator('a[href*="organisation=commune-ixelles"]');
      await expect(choice.count()).resolves.toBe(1);
      await submitAndCheck(page, choice, { status: 200 });
      await expect(page.locator('a[href$="/organisations/commune-ixelles"]').count()).resolves.toBeGreaterThan(0);
      // The commune known, "give your opinion" leads to the widget's page, and it to the standard questionnaire.
      await expect(page.getByRole('heading', { name: t('satisfaction.widget.heading') }).count()).resolves.toBe(1);
      await submitAndCheck(page, page.getByRole('link', { name: t('catalogue.opinion.link') }), { status: 200 });
      await submitAndCheck(page, page.getByRole('button', { name: t('satisfaction.widget.button') }), { status: 200 });
      expect(new URL(page.url()).pathname).toMatch(new RegExp(`^/${lang}/feedback/[A-Za-z0-9_-]+$`));
      await visit(page, `/${lang}/services/change-of-address?postalCode=1050&organisation=commune-ixelles`);
      await page.getByLabel(t('catalogue.where.postalCode')).fill('12');
      await submitAndCheck(page, page.getByRole('button', { name: t('catalogue.where.submit') }), { status: 400 });
    }));

  it(`shows organisation pages and the guided orientation in ${ORIENTATION_LANG}`, () =>
    withPage(async (page) => {
      const lang = ORIENTATION_LANG;
      const t = translator(lang);
      await visit(page, `/${lang}/organisations/commune-schaerbeek`);
      await visit(page, `/${lang}/organisations/spf-finances`);
      await visit(page, `/${lang}/orientation`);
      await page.locator('input[value="event:moving"]').check();
      await submitAndCheck(page, page.getByRole('button', { name: t('catalogue.guided.submit') }), { status: 200 });
      await expect(page.locator(`a[href^="/${lang}/services/change-of-address"]`).count()).resolves.toBe(1);
    }));
});

describe(`editors (${EDITORS_LANG})`, () => {
  it('an administrator lists services, the stale list, the content gaps and edits a service', () =>
    withPage(async (page) => {
      const lang = EDITORS_LANG;
      const t = translator(lang);
      await signIn(page, lang, 'admin@demo.irisdesk.brussels');
      await visit(page, `/${lang}/admin/catalogue`);
      await visit(page, `/${lang}/admin/catalogue?stale=1`);
      await visit(page, `/${lang}/admin/catalogue/gaps`);
      await visit(page, `/${lang}/admin/catalogue/services/passport`);
      const draftHeading = page.getByRole('heading', { name: t('catalogue.draft.title') });
      const hadDraft = (await draftHeading.count()) > 0;
      await submitAndCheck(page, page.getByRole('button', { name: t('catalogue.edit.save') }), { status: 200 });
      await expect(page.getByText(t('catalogue.edit.saved')).count()).resolves.toBe(1);
      // The demo service is shared with other files: a draft this save left on it is discarded.
      const discard = page.getByRole('button', { name: t('catalogue.draft.discard') });
      if (!hadDraft && (await discard.count()) > 0) {
        await submitAndCheck(page, discard, { status: 200 });
        await expect(draftHeading.count()).resolves.toBe(0);
      }
    }));

  it('an editor creates a service on one form, publishes it, and keeps the next change as a draft until publish', () =>
    withPage(async (page) => {
      const lang = EDITORS_LANG;
      const t = translator(lang);
      await signIn(page, lang, 'editor@demo.irisdesk.brussels');
      await visit(page, `/${lang}/admin/catalogue/services/new`);
      // Nothing filled in: the errors are listed and each field says what is wrong.
      await submitAndCheck(page, page.getByRole('button', { name: t('catalogue.new.create') }), { status: 400 });
      await page.getByLabel(t('field.code'), { exact: true }).fill('e2e-bulky-waste');
      await page.getByLabel(t('field.nameFr'), { exact: true }).fill('Encombrants');
      await page.getByLabel(t('field.nameNl'), { exact: true }).fill('Grofvuil');
      await page.getByLabel(t('field.nameEn'), { exact: true }).fill('Bulky waste');
      await page.getByLabel(t('field.summaryEn'), { exact: true }).fill('Collection of bulky waste at home.');
      await page.getByLabel(t('catalogue.field.theme'), { exact: true }).selectOption({ index: 1 });
      await submitAndCheck(page, page.getByRole('button', { name: t('catalogue.new.create') }), { status: 200 });
      expect(new URL(page.url()).pathname).toBe(`/${lang}/admin/catalogue/services/e2e-bulky-waste`);
      await submitAndCheck(page, page.getByRole('button', { name: t('catalogue.edit.publish'), exact: true }), { status: 200 });
      await page.getByLabel(t('field.nameEn'), { exact: true }).fill('Bulky waste collection');
      await submitAndCheck(page, page.getByRole('button', { name: t('catalogue.edit.saveDraft') }), { status: 200 });
      await expect(page.getByRole('heading', { name: t('catalogue.draft.title') }).count()).resolves.toBe(1);
      await visit(page, `/${lang}/services/e2e-bulky-waste`);
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Bulky waste');
    }));
});

describe.each(LANGUAGES)('catalogue page tour in %s', (lang) => {
  const t = translator(lang);

  it('shows every catalogue page the flows show, in the language', () =>
    withPage(async (page) => {
      if (lang !== SEARCH_LANG) {
        await visit(page, `/${lang}`);
        await expect(page.getByRole('searchbox', { name: t('catalogue.search.label') }).count()).resolves.toBe(1);
        await visit(page, `/${lang}/search?q=${encodeURIComponent('carte identite')}`);
        const first = page.locator('.irisdesk-result a').first();
        const service = (await first.getAttribute('href'))!;
        expect(service).toMatch(new RegExp(`^/${lang}/services/`));
        await visit(page, service);
        await expect(page.getByRole('heading', { name: t('catalogue.where.title') }).count()).resolves.toBe(1);
      }
      if (lang !== WHERE_LANG) {
        await visit(page, `/${lang}/search?${NOTHING_GOOD}`);
        await expect(page.getByRole('heading', { name: t('catalogue.contactCenter.title') }).count()).resolves.toBe(1);
        await visit(page, `/${lang}/services/change-of-address`);
        await expect(page.getByRole('heading', { name: t('catalogue.where.title') }).count()).resolves.toBe(1);
        await visit(page, `/${lang}/services/change-of-address?postalCode=1050`);
        await expect(page.locator('a[href*="organisation=commune-ixelles"]').count()).resolves.toBe(1);
        await visit(page, `/${lang}/services/change-of-address?postalCode=1050&organisation=commune-ixelles`);
        await expect(page.locator('a[href$="/organisations/commune-ixelles"]').count()).resolves.toBeGreaterThan(0);
        await submitAndCheck(page, page.getByRole('link', { name: t('catalogue.opinion.link') }), { status: 200 });
        await submitAndCheck(page, page.getByRole('button', { name: t('satisfaction.widget.button') }), { status: 200 });
        expect(new URL(page.url()).pathname).toMatch(new RegExp(`^/${lang}/feedback/[A-Za-z0-9_-]+$`));
      }
      if (lang !== ORIENTATION_LANG) {
        await visit(page, `/${lang}/organisations/commune-schaerbeek`);
        await expect(page.getByRole('heading', { level: 1 }).count()).resolves.toBe(1);
        await visit(page, `/${lang}/organisations/spf-finances`);
        await expect(page.getByRole('heading', { level: 1 }).count()).resolves.toBe(1);
        await visit(page, `/${lang}/orientation`);
        await expectH1(page, t('catalogue.guided.title'));
        await visit(page, `/${lang}/orientation?topic=${encodeURIComponent('event:moving')}&audience=citizen&postalCode=`);
        await expect(page.locator(`a[href^="/${lang}/services/change-of-address"]`).count()).resolves.toBe(1);
      }
      if (lang !== EDITORS_LANG) {
        // The editors' screens (the edit form of a published service, the empty new-service form).
        await signIn(page, lang, 'admin@demo.irisdesk.brussels');
        await visit(page, `/${lang}/admin/catalogue`);
        await expectH1(page, t('catalogue.admin.title'));
        await visit(page, `/${lang}/admin/catalogue?stale=1`);
        await expectH1(page, t('catalogue.admin.staleTitle'));
        await visit(page, `/${lang}/admin/catalogue/gaps`);
        await expectH1(page, t('catalogue.gaps.title'));
        await visit(page, `/${lang}/admin/catalogue/services/passport`);
        await expectH1(page, t('catalogue.edit.title', { name: '\u0000' }).split('\u0000')[0]!.trim());
        await visit(page, `/${lang}/admin/catalogue/services/new`);
        await expect(page.getByRole('button', { name: t('catalogue.new.create') }).count()).resolves.toBe(1);
      }
    }));
});
