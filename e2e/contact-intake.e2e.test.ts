// Browser test of the public contact intake: the contact form reached from a service page (pre-filled,
// errors first), the confirmation with the reference, and the status page, in fr, nl and en, with axe-core
// on every page (identical pages are checked once); then what staff set up around it (issue 17 item 7): the
// automatic reply outside business hours, and the work instructions and news of agents with their confirmation.
import { describe, expect, it } from 'vitest';
import { checkA11y, submitAndCheck, visit } from './browser.ts';
import { signIn, useServerAndBrowser } from './session.ts';
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

describe('out-of-hours reply and work instructions (issue 17)', { timeout: 180_000 }, () => {
  it('lets a manager switch the reply on and publish an important instruction that an agent confirms', async () => {
    const fr = translator('fr');
    const nl = translator('nl');
    const en = translator('en');
    await withPage(async (page) => {
      await signIn(page, 'fr', 'manager@demo.irisdesk.brussels');
      await visit(page, '/fr/admin/contact-center/commune-schaerbeek/out-of-hours');
      await page.getByLabel(fr('ccSettings.outOfHours.webForm'), { exact: true }).check();
      await page.getByLabel(fr('ccSettings.field.textFr'), { exact: true }).fill('En cas d’urgence : 112.');
      await submitAndCheck(page, page.getByRole('button', { name: fr('ccSettings.save') }), { status: 200 });
      await expect(page.getByRole('status').first().textContent()).resolves.toContain(fr('ccSettings.notice.outOfHoursSaved'));
      // Off again: the other browser files share the demo organisation.
      await visit(page, '/fr/admin/contact-center/commune-schaerbeek/out-of-hours');
      await page.getByLabel(fr('ccSettings.outOfHours.webForm'), { exact: true }).uncheck();
      await submitAndCheck(page, page.getByRole('button', { name: fr('ccSettings.save') }), { status: 200 });

      await visit(page, '/nl/announcements');
      const title = `Nieuwe werkwijze ${Date.now()}`;
      await page.getByLabel(nl('announcements.field.title'), { exact: true }).fill(title);
      await page.getByLabel(nl('announcements.field.body'), { exact: true }).fill('Controleer eerst de identiteit.');
      await page.getByLabel(nl('announcements.field.important'), { exact: true }).check();
      await submitAndCheck(page, page.getByRole('button', { name: nl('announcements.publish') }), { status: 200 });
      await expect(page.getByRole('heading', { level: 2, name: new RegExp(title) }).count()).resolves.toBe(1);
      await page.getByRole('link', { name: `${nl('announcements.whoConfirmed')} – ${title}` }).click();
      await page.waitForLoadState('load');
      await checkA11y(page);
      await expect(page.locator('main').textContent()).resolves.toContain(nl('announcements.notYet'));
    });
    await withPage(async (page) => {
      await signIn(page, 'en', 'agent@demo.irisdesk.brussels');
      await visit(page, '/en/announcements');
      // Keyboard: the confirm button of the new message is reachable and works with Enter.
      const confirm = page.getByRole('button', { name: new RegExp(`^${en('announcements.confirm')} – Nieuwe werkwijze`) }).first();
      await confirm.focus();
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.keyboard.press('Enter')]);
      await checkA11y(page);
      await expect(page.getByRole('status').first().textContent()).resolves.toContain(en('announcements.notice.confirmed'));
    });
  });
});
