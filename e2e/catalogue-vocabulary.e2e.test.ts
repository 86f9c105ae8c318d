// Browser tests of the orientation vocabulary (issue 16): the no-result page at phone and desktop widths, "was this
// page useful?", the editors' thesaurus and proposals screens, the search terms on the service form and the
// competence center's unmet questions, each in French, Dutch and English (axe-core checks every visited page).
import { describe, expect, it } from 'vitest';
import { submitAndCheck, visit } from './browser.ts';
import { signIn, useServerAndBrowser } from './session.ts';
import { translator } from '../src/platform/i18n/messages.ts';
import { LANGUAGES } from '../src/platform/i18n/languages.ts';

const { withPage } = useServerAndBrowser();

describe.each(LANGUAGES)('orientation vocabulary in %s', (lang) => {
  const t = translator(lang);

  it('shows an honest no-result page at 390 and 1280 px: said once, no nonsense suggestion, ways onward', () =>
    withPage(async (page) => {
      for (const width of [390, 1280]) {
        await page.setViewportSize({ width, height: 900 });
        await visit(page, `/${lang}/search?q=${encodeURIComponent('xyzzy blabla')}`);
        const h1 = await page.getByRole('heading', { level: 1 }).allTextContents();
        expect(h1).toEqual([t('catalogue.search.noResultHeading', { q: 'xyzzy blabla' })]);
        await expect(page.getByText(t('catalogue.search.didYouMean')).count()).resolves.toBe(0);
        await expect(page.getByRole('heading', { name: t('catalogue.search.browseLifeEvents') }).count()).resolves.toBe(1);
        await expect(page.getByRole('heading', { name: t('catalogue.search.browseThemes') }).count()).resolves.toBe(1);
        await expect(page.locator(`main a[href="/${lang}/contact"]`).count()).resolves.toBe(1);
        // Nothing wider than the screen.
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow).toBeLessThanOrEqual(0);
        await page.screenshot({ path: `.tmp/screenshots/no-result-${lang}-${width}.png`, fullPage: true });
      }
      // A typo gets a suggestion that itself finds services.
      await visit(page, `/${lang}/search?q=${encodeURIComponent('huisier zzqqxx kkyyzz')}`);
      await submitAndCheck(page, page.locator('main a[href*="huissier"]').first(), { status: 200 });
      await expect(page.locator('.irisdesk-result').count()).resolves.toBeGreaterThan(0);
    }));

  it('asks "was this page useful?" on a service page and thanks for the answer', () =>
    withPage(async (page) => {
      await visit(page, `/${lang}/services/passport?from=${encodeURIComponent('e2e reisdocument kwijt')}`);
      await expect(page.getByRole('heading', { name: t('catalogue.useful.heading') }).count()).resolves.toBe(1);
      // "No" leads to a page of its own with the answer and an optional comment (the service page holds no form).
      await submitAndCheck(page, page.getByRole('link', { name: t('catalogue.useful.no'), exact: true }), { status: 200 });
      await page.getByLabel(t('catalogue.useful.lookingForNo')).fill('e2e: a passport for my cat');
      await submitAndCheck(page, page.getByRole('button', { name: t('catalogue.useful.send') }), { status: 200 });
      await expect(page.getByText(t('catalogue.useful.thanks')).count()).resolves.toBe(1);
    }));

  it('shows the editors the thesaurus, a concept, the proposals and the search terms of a service', () =>
    withPage(async (page) => {
      await signIn(page, lang, 'admin@demo.irisdesk.brussels');
      await visit(page, `/${lang}/admin/catalogue/thesaurus`);
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(t('catalogue.thesaurus.title'));
      await visit(page, `/${lang}/admin/catalogue/thesaurus/cpas`);
      await page.screenshot({ path: `.tmp/screenshots/concept-${lang}-1280.png`, fullPage: true });
      await expect(page.locator('input[name="prefNl"]').inputValue()).resolves.toBe('OCMW');
      await visit(page, `/${lang}/admin/catalogue/thesaurus/new`);
      // Nothing filled in: the error summary and the fields say what is wrong.
      await submitAndCheck(page, page.getByRole('button', { name: t('catalogue.thesaurus.create') }), { status: 400 });
      await visit(page, `/${lang}/admin/catalogue/proposals`);
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(t('catalogue.proposals.title'));
      await visit(page, `/${lang}/admin/catalogue/services/passport`);
      await expect(page.locator('textarea[name="searchTermsFr"]').count()).resolves.toBe(1);
    }));

  it('shows the competence center the unmet questions of each month', () =>
    withPage(async (page) => {
      await visit(page, `/${lang}/search?q=${encodeURIComponent('e2e ou garer mon dromadaire')}`);
      await signIn(page, lang, 'analyst@demo.irisdesk.brussels');
      await visit(page, `/${lang}/competence/unmet-questions`);
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(t('catalogue.unmet.title'));
    }));
});

describe('learning loop in the browser (en)', () => {
  it('an editor approves a proposed search term with one click and the search finds the service', () =>
    withPage(async (page) => {
      const lang = 'en';
      const t = translator(lang);
      const query = 'e2e my flobbertinkle';
      await visit(page, `/${lang}/services/passport?from=${encodeURIComponent(query)}`);
      await submitAndCheck(page, page.getByRole('link', { name: t('catalogue.useful.yes'), exact: true }), { status: 200 });
      await submitAndCheck(page, page.getByRole('button', { name: t('catalogue.useful.send') }), { status: 200 });
      await signIn(page, lang, 'admin@demo.irisdesk.brussels');
      await visit(page, `/${lang}/admin/catalogue/proposals`);
      await page.screenshot({ path: `.tmp/screenshots/proposals-${lang}-1280.png`, fullPage: true });
      const approve = page.getByRole('button', { name: t('catalogue.proposals.approveLabel', { term: query, service: 'Passport' }) });
      await expect(approve.count()).resolves.toBe(1);
      await submitAndCheck(page, approve, { status: 200 });
      await expect(page.getByText(t('catalogue.proposals.notice.approved')).count()).resolves.toBe(1);
      await visit(page, `/${lang}/search?q=${encodeURIComponent('flobbertinkle')}`);
      await expect(page.locator('.irisdesk-result a').first().getAttribute('href')).resolves.toMatch(/^\/en\/services\/passport\?/);
    }));
});
