// Browser tests of two-factor sign-in (issue 18, item 8): a new account turns it on from its account page
// (QR code, key as text, first code), sees its recovery codes once, then signs in with a code of the app, and
// once with a recovery code. axe-core runs on every page; the flow runs in Dutch, the pages are visited in
// French and English too. The account is new, so the demo accounts other browser tests use keep signing in
// with a password alone.
import { describe, expect, it, vi } from 'vitest';
import type { Page } from 'playwright-core';
import { submitAndCheck, visit } from './browser.ts';
import { signIn, useServerAndBrowser } from './session.ts';
import { translator } from '../src/platform/i18n/messages.ts';
import { LANGUAGES, type Language } from '../src/platform/i18n/languages.ts';
import { currentTotp } from '../src/identity/totp/codes.ts';

vi.setConfig({ testTimeout: 240_000 });

const { withPage } = useServerAndBrowser();
const PASSWORD = 'a long enough first password';

async function createAccount(page: Page, email: string) {
  const t = translator('en');
  await signIn(page, 'en', 'admin@demo.irisdesk.brussels');
  await visit(page, '/en/admin/accounts/new');
  await page.getByLabel(t('field.organisation'), { exact: true }).selectOption('commune-schaerbeek');
  await page.getByLabel(t('field.email'), { exact: true }).fill(email);
  await page.getByLabel(t('field.displayName'), { exact: true }).fill('Tom Totp');
  await page.getByLabel(t('field.initialPassword'), { exact: true }).fill(PASSWORD);
  await page
    .getByRole('group', { name: t('field.roles') })
    .getByLabel(t('role.first_line_agent'), { exact: true })
    .check();
  await submitAndCheck(page, page.getByRole('button', { name: t('accounts.create') }), { status: 200 });
}

/** Password, then the code page; returns after the code page is shown (and checked by axe). */
async function passwordStep(page: Page, lang: Language, email: string) {
  const t = translator(lang);
  await signIn(page, lang, email, PASSWORD);
  expect(new URL(page.url()).pathname).toBe(`/${lang}/login/two-factor`);
  expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(t('twoFactor.verifyTitle'));
}

describe('two-step sign-in', () => {
  it('is turned on from the account page and then asked after the password (nl; pages in fr and en too)', () =>
    withPage(async (page) => {
      const email = `totp.${Date.now()}@e2e.irisdesk.brussels`;
      await createAccount(page, email);
      await page.context().clearCookies();

      const lang: Language = 'nl';
      const t = translator(lang);
      await signIn(page, lang, email, PASSWORD);
      expect(new URL(page.url()).pathname).toBe(`/${lang}/back-office`);
      const menu = page.getByRole('navigation', { name: t('layout.backOfficeNavigation') });
      await submitAndCheck(page, menu.getByRole('link', { name: t('nav.twoFactor') }), { status: 200 });
      await expect(page.getByRole('img', { name: t('twoFactor.qrLabel') }).count()).resolves.toBe(1);
      const secret = (await page.locator('code.irisdesk-secret').textContent())!.replace(/\s/g, '');
      for (const other of LANGUAGES.filter((l) => l !== lang)) await visit(page, `/${other}/account/two-factor`);
      await visit(page, `/${lang}/account/two-factor`);

      // a wrong code first: the field says so
      await page.getByLabel(t('twoFactor.firstCode'), { exact: true }).fill(currentTotp(secret) === '000000' ? '111111' : '000000');
      await submitAndCheck(page, page.getByRole('button', { name: t('twoFactor.enrolSubmit') }), { status: 401 });
      expect(await page.getByLabel(t('twoFactor.firstCode'), { exact: true }).getAttribute('aria-invalid')).toBe('true');
      await page.getByLabel(t('twoFactor.firstCode'), { exact: true }).fill(currentTotp(secret));
      await submitAndCheck(page, page.getByRole('button', { name: t('twoFactor.enrolSubmit') }), { status: 200 });
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(t('twoFactor.recoveryTitle'));
      const codes = await page.locator('ul.irisdesk-recovery-codes code').allTextContents();
      expect(codes).toHaveLength(10);

      await page.context().clearCookies();
      await passwordStep(page, lang, email);
      await page.getByLabel(t('twoFactor.codeOrRecovery'), { exact: true }).fill(currentTotp(secret, Date.now() + 30_000));
      await submitAndCheck(page, page.getByRole('button', { name: t('twoFactor.verifySubmit') }), { status: 200 });
      expect(new URL(page.url()).pathname).toBe(`/${lang}/back-office`);

      for (const other of LANGUAGES.filter((l) => l !== lang)) {
        const to = translator(other);
        await page.context().clearCookies();
        await passwordStep(page, other, email);
        if (other === 'fr') {
          await page.getByLabel(to('twoFactor.codeOrRecovery'), { exact: true }).fill(codes[0]!);
          await submitAndCheck(page, page.getByRole('button', { name: to('twoFactor.verifySubmit') }), { status: 200 });
          expect(new URL(page.url()).pathname).toBe(`/${other}/back-office`);
        }
      }
    }));
});

// The administrators' pages around sign-in (issue 18): the reset of someone's two-step sign-in and the citizen
// sign-in provider (platform administrator), and the organisation's video-meeting link (its manager), in each language.
describe.each(LANGUAGES)('sign-in administration pages in %s', (lang) => {
  const t = translator(lang);
  it('shows the two-step reset, the citizen sign-in provider and the video link settings', async () => {
    await withPage(async (page) => {
      await signIn(page, lang, 'admin@demo.irisdesk.brussels');
      const { accounts } = (await (await page.request.get('/api/v1/accounts')).json()) as { accounts: Array<{ id: string; email: string }> };
      const agent = accounts.find((account) => account.email === 'agent@demo.irisdesk.brussels')!;
      await visit(page, `/${lang}/admin/accounts/${agent.id}`);
      await visit(page, `/${lang}/admin/accounts/${agent.id}/two-factor`);
      await expect(page.getByRole('heading', { level: 1 }).count()).resolves.toBe(1);
      await visit(page, `/${lang}/admin/citizen-sign-in`);
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBeTruthy();
    });
    await withPage(async (page) => {
      await signIn(page, lang, 'manager@demo.irisdesk.brussels');
      await visit(page, `/${lang}/admin/appointments/video`);
      await expect(page.getByRole('heading', { level: 1 }).count()).resolves.toBe(1);
      expect(await page.locator('main').textContent()).toContain(t('appointments.videoTemplate.current', { organisation: '' }).split(':')[0]!.trim());
    });
  });
});
