// Browser test of the public contact intake: the contact form reached from a service page (pre-filled,
// errors first), the confirmation with the reference, and the status page, in fr, nl and en, with axe-core
// on every page (identical pages are checked once).
import { describe, expect, it } from 'vitest';
import { submitAndCheck, visit } from './browser.ts';
import { useServerAndBrowser } from './session.ts';
import { translator } from '../src/platform/i18n/messages.ts';
import { LANGUAGES } from '../src/platform/i18n/languages.ts';

const { withPage } = useServerAndBrowser();

describe.each(LANGUAGES)('contact intake in %s', { timeout: 180_000 }, (lang) => {
  const t = translator(lang);

  it('asks a question from a service page and follows it with the reference and e-mail', async () => {
    await withPage(async (page) => {
      await visit(page, `/${lang}/services/eid-card`);
      await submitAndCheck(page, page.getByRole('link', { name: t('contact.link.fromService') }), { status: 200 });
      expect(new URL(page.url()).search).toBe('?service=eid-card');
      await expect(page.locator('input[name="serviceCode"]').inputValue()).resolves.toBe('eid-card');

      // Errors first: the summary links to the fields, in the page language.
      await submitAndCheck(page, page.getByRole('button', { name: t('contact.form.submit') }), { status: 400 });
      await expect(page.locator('[data-error-summary]').textContent()).resolves.toContain(t('contact.field.message_required'));

      const email = `e2e.${lang}.${Date.now()}@example.be`;
      await page.getByLabel(t('contact.form.name'), { exact: true }).fill('E2E Test');
      await page.getByLabel(t('contact.form.email'), { exact: true }).fill(email);
      await page.getByLabel(t('contact.form.postalCode'), { exact: true }).fill('1030');
      await page.getByLabel(t('contact.form.message'), { exact: true }).fill('Ma carte expire le mois prochain.');
      await submitAndCheck(page, page.getByRole('button', { name: t('contact.form.submit') }), { status: 200 });
      expect(page.url()).toMatch(new RegExp(`/${lang}/contact/sent/BXL-`));
      const reference = (await page.locator('.irisdesk-reference').textContent())!.trim();
      expect(reference).toMatch(/^BXL-[A-Z0-9]{4}-[A-Z0-9]{4}$/);

      await page.getByRole('link', { name: t('contact.form.statusLink') }).click();
      await page.waitForURL(`**/${lang}/contact/status`);
      await page.getByLabel(t('contact.status.reference'), { exact: true }).fill(reference);
      await page.getByLabel(t('contact.status.email'), { exact: true }).fill(email);
      await submitAndCheck(page, page.getByRole('button', { name: t('contact.status.submit') }), { status: 200 });
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(t('contact.status.resultTitle', { reference }));
      await expect(page.locator('main').textContent()).resolves.toContain(t('contact.status.value.new'));

      // A wrong pair: the form again, with one clear message.
      await visit(page, `/${lang}/contact/status`);
      await page.getByLabel(t('contact.status.reference'), { exact: true }).fill(reference);
      await page.getByLabel(t('contact.status.email'), { exact: true }).fill('someone.else@example.be');
      await submitAndCheck(page, page.getByRole('button', { name: t('contact.status.submit') }), { status: 404 });
      await expect(page.locator('[data-error-summary]').textContent()).resolves.toContain(t('errors.contact.status_not_found'));
    });
  });
});
