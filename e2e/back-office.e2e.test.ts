// Browser tests of the back office: every demo account signs in and sees the menu of its roles; an
// administrator manages organisations, units and accounts, reads the audit log, changes a password and
// signs out. axe-core runs on every page visited, including the pages a form submit leads to. Each
// interactive flow runs in one language (rotated across fr, nl, en); page tours visit the same pages in
// the other two languages, so axe-core still checks every page in all three.
import { describe, expect, it, vi } from 'vitest';
import type { Page } from 'playwright-core';
import { submitAndCheck, visit } from './browser.ts';
import { useServerAndBrowser } from './session.ts';
import { translator, type Translate } from '../src/platform/i18n/messages.ts';
import { LANGUAGES, type Language } from '../src/platform/i18n/languages.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../src/seed/demo.ts';

// Generous limits: a busy two-core machine makes every browser step slow.
vi.setConfig({ testTimeout: 180_000 });

const { withPage } = useServerAndBrowser();

async function signIn(page: Page, lang: Language, email: string, password = DEMO_PASSWORD) {
  const t = translator(lang);
  await visit(page, `/${lang}/login`);
  await page.getByLabel(t('field.email'), { exact: true }).fill(email);
  await page.getByLabel(t('field.password'), { exact: true }).fill(password);
  await submitAndCheck(page, page.getByRole('button', { name: t('login.submit') }), { status: 200 });
  expect(new URL(page.url()).pathname).toBe(`/${lang}/back-office`);
}

async function menu(page: Page, t: Translate): Promise<string[]> {
  return page
    .getByRole('navigation', { name: t('layout.backOfficeNavigation') })
    .getByRole('link')
    .allTextContents();
}

const h1 = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();

const MANAGING = new Set(['platform_admin', 'organisation_manager']);

/** A demo unit of commune-schaerbeek, by the language of the page. */
const UNIT_NAME: Record<Language, string> = { fr: 'Accueil', nl: 'Onthaal', en: 'Reception' };

describe('every demo account', () => {
  it.each(DEMO_ACCOUNTS.map((account, index) => [account.email, account, LANGUAGES[index % 3]!] as const))(
    '%s signs in and sees the menu of its roles',
    (_email, account, lang) =>
      withPage(async (page) => {
        const t = translator(lang);
        await signIn(page, lang, account.email);
        expect(await h1(page)).toBe(t('backOffice.welcome', { name: account.displayName }));
        const manages = account.roles.some((role) => MANAGING.has(role));
        const expected = manages
          ? ['nav.backOfficeHome', 'nav.organisations', 'nav.accounts', 'nav.audit', 'nav.password']
          : ['nav.backOfficeHome', 'nav.password'];
        const links = await menu(page, t);
        for (const key of expected) expect(links).toContain(t(key));
        for (const key of ['nav.organisations', 'nav.accounts', 'nav.audit']) {
          if (!manages) expect(links).not.toContain(t(key));
        }
        // The current page is marked in the menu.
        const current = page.getByRole('navigation', { name: t('layout.backOfficeNavigation') }).locator('[aria-current="page"]');
        expect(await current.textContent()).toBe(t('nav.backOfficeHome'));
        if (!manages) {
          // Typing the address of a screen outside the menu is refused with a page in the same language.
          await visit(page, `/${lang}/admin/accounts`, { status: 403 });
          expect(await h1(page)).toBe(t('errorTitles.403'));
        }
      }),
  );

  it('is sent to the login page when not signed in, and back to the page asked for after signing in', () =>
    withPage(async (page) => {
      const t = translator('nl');
      await page.goto('/nl/admin/organisations');
      expect(new URL(page.url()).pathname).toBe('/nl/login');
      await visit(page, page.url());
      await page.getByLabel(t('field.email'), { exact: true }).fill('admin@demo.irisdesk.brussels');
      await page.getByLabel(t('field.password'), { exact: true }).fill(DEMO_PASSWORD);
      await submitAndCheck(page, page.getByRole('button', { name: t('login.submit') }), { status: 200 });
      expect(new URL(page.url()).pathname).toBe('/nl/admin/organisations');
    }));
});

describe('an administrator', () => {
  // Each flow runs in one language (rotated: fr, nl, en); the other languages see the same pages in the
  // page tours below, where axe-core runs on them through visit().
  it('lists organisations, opens one with its units, and creates a unit after fixing errors (fr)', () =>
    withPage(async (page) => {
      const lang: Language = 'fr';
      const t = translator(lang);
      const unitCode = `e2e-unit-${lang}`;
      await signIn(page, lang, 'admin@demo.irisdesk.brussels');
      await submitAndCheck(page, page.getByRole('navigation', { name: t('layout.backOfficeNavigation') }).getByRole('link', { name: t('nav.organisations') }), {
        status: 200,
      });
      expect(new URL(page.url()).pathname).toBe(`/${lang}/admin/organisations`);
      expect(await h1(page)).toBe(t('organisations.title'));
      const table = page.getByRole('table');
      expect(await table.locator('caption').textContent()).toMatch(/\d/);
      expect(await table.locator('tbody tr').count()).toBeGreaterThan(10);

      await visit(page, `/${lang}/admin/organisations/commune-schaerbeek`);
      const units = page.getByRole('table');
      // Four demo units (plus any another run on the same server may have added).
      const before = await units.locator('tbody tr').count();
      expect(before).toBeGreaterThanOrEqual(4);
      expect(await units.locator('caption').textContent()).toBe(t('units.tableCaption', { count: before }));
      await expect(units.getByRole('rowheader', { name: UNIT_NAME[lang] }).count()).resolves.toBe(1);

      // An invalid code and missing names: the form comes back with the summary linked to the fields.
      await page.getByLabel(t('field.code'), { exact: true }).fill('Not a code!');
      await submitAndCheck(page, page.getByRole('button', { name: t('units.create') }), { status: 400 });
      const summary = page.locator('[data-error-summary]');
      const targets = await summary.getByRole('link').evaluateAll((links) => links.map((link) => link.getAttribute('href')));
      expect(targets).toEqual(expect.arrayContaining(['#field-code', '#field-nameFr', '#field-nameNl', '#field-nameEn']));
      expect(await page.getByLabel(t('field.code'), { exact: true }).inputValue()).toBe('Not a code!');
      expect(await page.getByLabel(t('field.code'), { exact: true }).getAttribute('aria-invalid')).toBe('true');

      await page.getByLabel(t('field.code'), { exact: true }).fill(unitCode);
      await page.getByLabel(t('field.nameFr'), { exact: true }).fill(`Guichet e2e ${lang}`);
      await page.getByLabel(t('field.nameNl'), { exact: true }).fill(`Loket e2e ${lang}`);
      await page.getByLabel(t('field.nameEn'), { exact: true }).fill(`Counter e2e ${lang}`);
      await submitAndCheck(page, page.getByRole('button', { name: t('units.create') }), { status: 200 });
      expect(new URL(page.url()).pathname).toBe(`/${lang}/admin/organisations/commune-schaerbeek`);
      await expect(
        page
          .getByRole('table')
          .getByRole('rowheader', { name: `Guichet e2e ${lang}` })
          .count(),
      ).resolves.toBe(1);
      await expect(page.getByRole('table').getByText(unitCode, { exact: true }).count()).resolves.toBe(1);
      expect(await page.getByRole('table').locator('caption').textContent()).toBe(t('units.tableCaption', { count: before + 1 }));

      // The same code twice is refused with a message, not a crash.
      await page.getByLabel(t('field.code'), { exact: true }).fill(unitCode);
      await page.getByLabel(t('field.nameFr'), { exact: true }).fill('Doublon');
      await page.getByLabel(t('field.nameNl'), { exact: true }).fill('Dubbel');
      await page.getByLabel(t('field.nameEn'), { exact: true }).fill('Duplicate');
      await submitAndCheck(page, page.getByRole('button', { name: t('units.create') }), { status: 409 });
      const taken = page.locator('[data-error-summary] a');
      expect(await taken.getAttribute('href')).toBe('#field-code');
      expect(await taken.textContent()).toBe(t('unit.codeTaken', { field: t('field.code') }));
    }));

  it('lists accounts, creates one after fixing errors, opens it, and finds the change in the audit log (nl)', () =>
    withPage(async (page) => {
      const lang: Language = 'nl';
      const t = translator(lang);
      await signIn(page, lang, 'admin@demo.irisdesk.brussels');
      await visit(page, `/${lang}/admin/accounts`);
      expect(await h1(page)).toBe(t('accounts.title'));
      await expect(page.getByRole('table').getByRole('link', { name: 'Amira Agent' }).count()).resolves.toBe(1);

      await submitAndCheck(page, page.getByRole('link', { name: t('accounts.new') }), { status: 200 });
      expect(new URL(page.url()).pathname).toBe(`/${lang}/admin/accounts/new`);
      expect(await h1(page)).toBe(t('accounts.new'));

      // Nothing filled in: every required field is in the summary and marked invalid.
      await submitAndCheck(page, page.getByRole('button', { name: t('accounts.create') }), { status: 400 });
      const summary = page.locator('[data-error-summary]');
      const targets = await summary.getByRole('link').evaluateAll((links) => links.map((link) => link.getAttribute('href')));
      expect(targets).toEqual(expect.arrayContaining(['#field-email', '#field-displayName', '#field-password', '#field-roles']));
      for (const target of targets) await expect(page.locator(target!).count(), `${target} exists`).resolves.toBe(1);
      expect(await page.getByLabel(t('field.email'), { exact: true }).getAttribute('aria-invalid')).toBe('true');

      const email = `new.${lang}@e2e.irisdesk.brussels`;
      const displayName = `Nadia New ${lang.toUpperCase()}`;
      await page.getByLabel(t('field.organisation'), { exact: true }).selectOption('commune-schaerbeek');
      await page.getByLabel(t('field.email'), { exact: true }).fill(email);
      await page.getByLabel(t('field.displayName'), { exact: true }).fill(displayName);
      await page.getByLabel(t('field.initialPassword'), { exact: true }).fill('a long enough first password');
      await page
        .getByRole('group', { name: t('field.roles') })
        .getByLabel(t('role.first_line_agent'), { exact: true })
        .check();
      await submitAndCheck(page, page.getByRole('button', { name: t('accounts.create') }), { status: 200 });
      expect(new URL(page.url()).pathname).toMatch(new RegExp(`^/${lang}/admin/accounts/[0-9a-f-]{36}$`));
      expect(await h1(page)).toBe(displayName);
      expect(await page.getByRole('status').textContent()).toBe(t('accounts.created'));
      expect(await page.getByRole('main').textContent()).toContain(email);
      await expect(
        page
          .getByRole('group', { name: t('field.roles') })
          .getByLabel(t('role.first_line_agent'), { exact: true })
          .isChecked(),
      ).resolves.toBe(true);

      await visit(page, `/${lang}/admin/accounts`);
      await submitAndCheck(page, page.getByRole('table').getByRole('link', { name: displayName }), { status: 200 });
      expect(await h1(page)).toBe(displayName);

      await visit(page, `/${lang}/admin/audit`);
      expect(await h1(page)).toBe(t('audit.title'));
      const audit = page.getByRole('table');
      expect(await audit.locator('caption').textContent()).toMatch(/\d/);
      const rows = await audit.locator('tbody tr').allTextContents();
      expect(rows.some((row) => row.includes('Alex Admin') && row.includes(t('auditAction.create')))).toBe(true);
    }));

  it('changes the password with errors first, then signs out (en)', () =>
    withPage(async (page) => {
      const lang: Language = 'en';
      const t = translator(lang);
      // The demo account gets its demo password back at the end.
      const email = 'backoffice@demo.irisdesk.brussels';
      await signIn(page, lang, email);
      await visit(page, `/${lang}/account/password`);
      expect(await h1(page)).toBe(t('password.title'));
      await page.getByLabel(t('field.currentPassword'), { exact: true }).fill('wrong current password');
      await page.getByLabel(t('field.newPassword'), { exact: true }).fill('a brand new sentence');
      await page.getByLabel(t('field.confirmPassword'), { exact: true }).fill('a brand new sentence');
      await submitAndCheck(page, page.getByRole('button', { name: t('password.submit') }), { status: 400 });
      expect(await page.locator('[data-error-summary] a').getAttribute('href')).toBe('#field-currentPassword');
      expect(await page.locator('[data-error-summary]').textContent()).toContain(t('password.currentWrong', { field: t('field.currentPassword') }));

      await page.getByLabel(t('field.currentPassword'), { exact: true }).fill(DEMO_PASSWORD);
      await page.getByLabel(t('field.newPassword'), { exact: true }).fill('a brand new sentence');
      await page.getByLabel(t('field.confirmPassword'), { exact: true }).fill('a brand new sentence');
      await submitAndCheck(page, page.getByRole('button', { name: t('password.submit') }), { status: 200 });
      expect(await page.getByRole('status').textContent()).toBe(t('password.changed'));

      await submitAndCheck(page, page.getByRole('button', { name: t('layout.logout') }), { status: 200 });
      expect(new URL(page.url()).pathname).toBe(`/${lang}`);
      await expect(page.getByRole('link', { name: t('layout.staffLogin') }).count()).resolves.toBe(1);
      // Signed out for real: the back office sends to the login page again.
      await page.goto(`/${lang}/back-office`);
      expect(new URL(page.url()).pathname).toBe(`/${lang}/login`);
      await visit(page, page.url());
      // The old password no longer works; the new one does.
      await page.getByLabel(t('field.email'), { exact: true }).fill(email);
      await page.getByLabel(t('field.password'), { exact: true }).fill(DEMO_PASSWORD);
      await submitAndCheck(page, page.getByRole('button', { name: t('login.submit') }), { status: 401 });
      await signIn(page, lang, email, 'a brand new sentence');

      // The server is shared by every browser-test file: give the demo account its password back.
      await visit(page, `/${lang}/account/password`);
      await page.getByLabel(t('field.currentPassword'), { exact: true }).fill('a brand new sentence');
      await page.getByLabel(t('field.newPassword'), { exact: true }).fill(DEMO_PASSWORD);
      await page.getByLabel(t('field.confirmPassword'), { exact: true }).fill(DEMO_PASSWORD);
      await submitAndCheck(page, page.getByRole('button', { name: t('password.submit') }), { status: 200 });
      expect(await page.getByRole('status').textContent()).toBe(t('password.changed'));
    }));
});

// The GET pages of each flow above, in the two languages that do not drive it: headings and key labels
// checked, axe-core run by visit(). Error states after a POST are checked in the flow's language only.
describe('page tour of the administrator screens', () => {
  const FLOW_LANGUAGE = { units: 'fr', accounts: 'nl', password: 'en' } as const satisfies Record<string, Language>;

  it.each(LANGUAGES)('in %s', (lang) =>
    withPage(async (page) => {
      const t = translator(lang);
      await signIn(page, lang, 'admin@demo.irisdesk.brussels');

      if (FLOW_LANGUAGE.units !== lang) {
        await visit(page, `/${lang}/admin/organisations`);
        expect(await h1(page)).toBe(t('organisations.title'));
        expect(await page.getByRole('table').locator('tbody tr').count()).toBeGreaterThan(10);
        await visit(page, `/${lang}/admin/organisations/commune-schaerbeek`);
        await expect(page.getByRole('table').getByRole('rowheader', { name: UNIT_NAME[lang] }).count()).resolves.toBe(1);
        await expect(page.getByLabel(t('field.code'), { exact: true }).count()).resolves.toBe(1);
        await expect(page.getByRole('button', { name: t('units.create') }).count()).resolves.toBe(1);
      }

      if (FLOW_LANGUAGE.accounts !== lang) {
        await visit(page, `/${lang}/admin/accounts`);
        expect(await h1(page)).toBe(t('accounts.title'));
        const amira = page.getByRole('table').getByRole('link', { name: 'Amira Agent' });
        const detail = (await amira.getAttribute('href'))!;
        await visit(page, `/${lang}/admin/accounts/new`);
        expect(await h1(page)).toBe(t('accounts.new'));
        await expect(page.getByRole('button', { name: t('accounts.create') }).count()).resolves.toBe(1);
        await visit(page, detail);
        expect(await h1(page)).toBe('Amira Agent');
        await expect(page.getByRole('group', { name: t('field.roles') }).count()).resolves.toBe(1);
        await visit(page, `/${lang}/admin/audit`);
        expect(await h1(page)).toBe(t('audit.title'));
      }

      if (FLOW_LANGUAGE.password !== lang) {
        await visit(page, `/${lang}/account/password`);
        expect(await h1(page)).toBe(t('password.title'));
        await expect(page.getByLabel(t('field.currentPassword'), { exact: true }).count()).resolves.toBe(1);
        await expect(page.getByRole('button', { name: t('layout.logout') }).count()).resolves.toBe(1);
      }
    }),
  );
});
