// Browser tests of the catalogue pages: home search box, search results (good and without a good result),
// service page with "where do I go?" (shared postal code, then the chosen commune), organisation page,
// guided orientation and the editors' screens. axe-core runs on every page, in the three languages.
import { describe, expect, it } from 'vitest';
import { submitAndCheck, visit } from './browser.ts';
import { useServerAndBrowser } from './session.ts';
import { translator } from '../src/platform/i18n/messages.ts';
import { LANGUAGES } from '../src/platform/i18n/languages.ts';
import { DEMO_PASSWORD } from '../src/seed/demo.ts';

const { withPage } = useServerAndBrowser();

describe.each(LANGUAGES)('catalogue pages in %s', (lang) => {
  const t = translator(lang);

  it('searches from the home page and opens a service', () =>
    withPage(async (page) => {
      await visit(page, `/${lang}`);
      await page.getByRole('searchbox', { name: t('catalogue.search.label') }).fill('carte identite');
      await submitAndCheck(page, page.getByRole('button', { name: t('catalogue.search.submit') }), { status: 200 });
      expect(new URL(page.url()).pathname).toBe(`/${lang}/search`);
      const first = page.locator('.irisdesk-result a').first();
      await submitAndCheck(page, first, { status: 200 });
      expect(new URL(page.url()).pathname).toMatch(new RegExp(`^/${lang}/services/`));
    }));

  it('offers the contact center when nothing good is found', () =>
    withPage(async (page) => {
      await visit(page, `/${lang}/search?q=${encodeURIComponent('zzqxv <b>blorp</b>')}`);
      await expect(page.getByRole('heading', { name: t('catalogue.contactCenter.title') }).count()).resolves.toBe(1);
      await expect(page.locator('main b').count()).resolves.toBe(0);
    }));

  it('asks which commune for a shared postal code, then shows the chosen commune', () =>
    withPage(async (page) => {
      await visit(page, `/${lang}/services/change-of-address`);
      await page.getByLabel(t('catalogue.where.postalCode')).fill('1050');
      await submitAndCheck(page, page.getByRole('button', { name: t('catalogue.where.submit') }), { status: 200 });
      const choice = page.locator('a[href*="organisation=commune-ixelles"]');
      await expect(choice.count()).resolves.toBe(1);
      await submitAndCheck(page, choice, { status: 200 });
      await expect(page.locator('a[href$="/organisations/commune-ixelles"]').count()).resolves.toBeGreaterThan(0);
      await page.getByLabel(t('catalogue.where.postalCode')).fill('12');
      await submitAndCheck(page, page.getByRole('button', { name: t('catalogue.where.submit') }), { status: 400 });
    }));

  it('shows an organisation page and the guided orientation', () =>
    withPage(async (page) => {
      await visit(page, `/${lang}/organisations/commune-schaerbeek`);
      await visit(page, `/${lang}/organisations/spf-finances`);
      await visit(page, `/${lang}/orientation`);
      await page.locator('input[value="event:moving"]').check();
      await submitAndCheck(page, page.getByRole('button', { name: t('catalogue.guided.submit') }), { status: 200 });
      await expect(page.locator(`a[href^="/${lang}/services/change-of-address"]`).count()).resolves.toBe(1);
    }));
});

describe('editors', () => {
  it('an administrator lists services, the stale list, the content gaps and edits a service', () =>
    withPage(async (page) => {
      const t = translator('en');
      await visit(page, '/en/login');
      await page.getByLabel(t('field.email'), { exact: true }).fill('admin@demo.irisdesk.brussels');
      await page.getByLabel(t('field.password'), { exact: true }).fill(DEMO_PASSWORD);
      await submitAndCheck(page, page.getByRole('button', { name: t('login.submit') }), { status: 200 });
      await visit(page, '/en/admin/catalogue');
      await visit(page, '/en/admin/catalogue?stale=1');
      await visit(page, '/en/admin/catalogue/gaps');
      await visit(page, '/en/admin/catalogue/services/passport');
      await submitAndCheck(page, page.getByRole('button', { name: t('catalogue.edit.save') }), { status: 200 });
      await expect(page.getByText(t('catalogue.edit.saved')).count()).resolves.toBe(1);
    }));

  it('an editor creates a service on one form, publishes it, and keeps the next change as a draft until publish', () =>
    withPage(async (page) => {
      const t = translator('en');
      await visit(page, '/en/login');
      await page.getByLabel(t('field.email'), { exact: true }).fill('editor@demo.irisdesk.brussels');
      await page.getByLabel(t('field.password'), { exact: true }).fill(DEMO_PASSWORD);
      await submitAndCheck(page, page.getByRole('button', { name: t('login.submit') }), { status: 200 });
      await visit(page, '/en/admin/catalogue/services/new');
      // Nothing filled in: the errors are listed and each field says what is wrong.
      await submitAndCheck(page, page.getByRole('button', { name: t('catalogue.new.create') }), { status: 400 });
      await page.getByLabel(t('field.code'), { exact: true }).fill('e2e-bulky-waste');
      await page.getByLabel(t('field.nameFr'), { exact: true }).fill('Encombrants');
      await page.getByLabel(t('field.nameNl'), { exact: true }).fill('Grofvuil');
      await page.getByLabel(t('field.nameEn'), { exact: true }).fill('Bulky waste');
      await page.getByLabel(t('field.summaryEn'), { exact: true }).fill('Collection of bulky waste at home.');
      await page.getByLabel(t('catalogue.field.theme'), { exact: true }).selectOption({ index: 1 });
      await submitAndCheck(page, page.getByRole('button', { name: t('catalogue.new.create') }), { status: 200 });
      expect(new URL(page.url()).pathname).toBe('/en/admin/catalogue/services/e2e-bulky-waste');
      await submitAndCheck(page, page.getByRole('button', { name: t('catalogue.edit.publish'), exact: true }), { status: 200 });
      await page.getByLabel(t('field.nameEn'), { exact: true }).fill('Bulky waste collection');
      await submitAndCheck(page, page.getByRole('button', { name: t('catalogue.edit.saveDraft') }), { status: 200 });
      await expect(page.getByRole('heading', { name: t('catalogue.draft.title') }).count()).resolves.toBe(1);
      await visit(page, '/en/services/e2e-bulky-waste');
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Bulky waste');
    }));
});
