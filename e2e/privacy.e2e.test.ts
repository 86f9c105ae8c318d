// Browser tests of data protection (issue 18): the public privacy notice and the person's request page, the DPO's
// back office (register of processing activities, a subject request and its readable export) in French, Dutch and
// English, axe-core on every page, and no page wider than a 390 px phone.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { submitAndCheck, visit } from './browser.ts';
import { signIn, useServerAndBrowser } from './session.ts';
import { translator } from '../src/platform/i18n/messages.ts';

const { withPage } = useServerAndBrowser();
const PHONE = { viewport: { width: 390, height: 844 } };

async function fitsThePhone(page: Page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(390);
}

describe.each(['fr', 'nl', 'en'] as const)('data protection in %s', { timeout: 120_000 }, (lang) => {
  const t = translator(lang);

  it('shows the privacy notice from the retention schedule, for one organisation too', () =>
    withPage(async (page) => {
      await visit(page, `/${lang}/privacy`);
      await expect(page.locator('h1').textContent()).resolves.toBe(t('privacy.notice.title'));
      await fitsThePhone(page);
      await page.getByLabel(t('privacy.notice.chooseOrganisation'), { exact: true }).selectOption('commune-schaerbeek');
      await submitAndCheck(page, page.getByRole('button', { name: t('privacy.notice.show') }));
      expect(page.url()).toContain('organisation=commune-schaerbeek');
      await expect(page.locator('caption').first().textContent()).resolves.toBe(t('privacy.notice.howLongCaption'));
      await fitsThePhone(page);
      // The person's own request page, reached from the notice (decision 0060), the organisation carried over.
      await submitAndCheck(page, page.getByRole('link', { name: t('privacy.selfService.noticeLink') }));
      await expect(page.locator('h1').textContent()).resolves.toBe(t('privacy.selfService.title'));
      await expect(page.getByLabel(t('privacy.selfService.organisation'), { exact: true }).inputValue()).resolves.toBe('commune-schaerbeek');
      await fitsThePhone(page);
    }, PHONE));

  it("lets the DPO run an access request and read it in the person's language", () =>
    withPage(async (page) => {
      await signIn(page, lang, 'privacy@demo.irisdesk.brussels');
      await visit(page, `/${lang}/admin/privacy`);
      const form = page.locator(`form[action="/${lang}/admin/privacy/requests"]`);
      // A missing address is refused on the page, with the error summary.
      await submitAndCheck(page, form.getByRole('button', { name: t('privacy.admin.start') }), { status: 400 });
      await form.getByLabel(t('privacy.admin.email'), { exact: true }).fill(`e2e.${lang}@example.be`);
      await form.getByLabel(t('privacy.admin.language'), { exact: true }).selectOption('nl');
      await submitAndCheck(page, form.getByRole('button', { name: t('privacy.admin.start') }));
      await expect(page.locator('h1').textContent()).resolves.toBe(t('privacy.request.title'));
      if (lang !== 'nl') {
        await submitAndCheck(page, page.getByRole('link', { name: t('privacy.request.inPersonLanguage') }));
        expect(page.url()).toContain('/nl/admin/privacy/requests/');
      }
      await fitsThePhone(page);
    }, PHONE));
});
