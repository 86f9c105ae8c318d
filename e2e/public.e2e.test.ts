// Browser tests of the public pages: home, language negotiation and switch, not-found pages, the login
// page and its errors, keyboard use, and signing in without JavaScript. axe-core runs on every page.
// Each interactive flow runs in one language (fr, nl and en each drive some); a page tour per language
// visits the GET pages, so axe-core still checks every page in all three languages.
import { describe, expect, it, vi } from 'vitest';
import { axeRuns, checkA11y, submitAndCheck, visit } from './browser.ts';
import { useServerAndBrowser } from './session.ts';
import { translator } from '../src/platform/i18n/messages.ts';
import { LANGUAGES, LANGUAGE_NAMES, type Language } from '../src/platform/i18n/languages.ts';
import { DEMO_PASSWORD } from '../src/seed/demo.ts';

// Generous limits: a busy two-core machine makes every browser step slow.
vi.setConfig({ testTimeout: 180_000 });

const { withPage } = useServerAndBrowser();

const OTHER: Record<Language, Language[]> = { fr: ['nl', 'en'], nl: ['fr', 'en'], en: ['fr', 'nl'] };

// Page tour per language: the GET pages (home, not-found, login) with their language, headings and labels.
// axe-core runs on each through visit(). The interactive flows below run in one language each.
describe.each(LANGUAGES)('public pages in %s', (lang) => {
  const t = translator(lang);

  it('shows the home page, a 404 page in the language of the address, and the login page with labelled fields', () =>
    withPage(async (page) => {
      await visit(page, `/${lang}`);
      expect(await page.locator('html').getAttribute('lang')).toBe(lang);
      await expect(page.title()).resolves.toContain(t('home.title'));
      expect(await page.getByRole('heading', { level: 1 }).allTextContents()).toEqual([t('home.heading')]);
      for (const other of LANGUAGES) {
        // Absolute (PUBLIC_URL), as search engines require of alternates.
        const href = await page.locator(`link[rel="alternate"][hreflang="${other}"]`).getAttribute('href');
        expect(href).toMatch(/^https?:\/\//);
        expect(new URL(href!).pathname).toBe(`/${other}`);
      }
      await expect(page.getByRole('main').count()).resolves.toBe(1);
      await expect(page.getByRole('link', { name: t('layout.staffLogin') }).getAttribute('href')).resolves.toBe(`/${lang}/login`);

      await visit(page, `/${lang}/no-such-page`, { status: 404 });
      expect(await page.locator('html').getAttribute('lang')).toBe(lang);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(t('errorTitles.404'));
      await expect(page.getByRole('link', { name: t('errorPage.home') }).getAttribute('href')).resolves.toBe(`/${lang}`);

      await visit(page, `/${lang}/login`);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(t('login.title'));
      await expect(page.getByLabel(t('field.email'), { exact: true }).getAttribute('type')).resolves.toBe('email');
      await expect(page.getByLabel(t('field.password'), { exact: true }).getAttribute('type')).resolves.toBe('password');
      // The language switch and the skip link are labelled in the language of the page.
      const nav = page.getByRole('navigation', { name: t('layout.languageSwitch') });
      await expect(nav.locator('[aria-current="true"]').textContent()).resolves.toBe(LANGUAGE_NAMES[lang]);
      for (const other of OTHER[lang]) {
        const link = nav.getByRole('link', { name: LANGUAGE_NAMES[other] });
        expect(await link.getAttribute('hreflang')).toBe(other);
        expect(await link.getAttribute('lang')).toBe(other);
      }
      await expect(page.getByRole('link', { name: t('layout.skipToContent') }).getAttribute('href')).resolves.toBe('#main');
    }));
});

describe('public flows (one language each, rotated)', () => {
  it('switches to the same page in each other language (fr)', () =>
    withPage(async (page) => {
      const lang: Language = 'fr';
      const t = translator(lang);
      for (const other of OTHER[lang]) {
        await visit(page, `/${lang}/login`);
        const nav = page.getByRole('navigation', { name: t('layout.languageSwitch') });
        await expect(nav.locator('[aria-current="true"]').textContent()).resolves.toBe(LANGUAGE_NAMES[lang]);
        const link = nav.getByRole('link', { name: LANGUAGE_NAMES[other] });
        expect(await link.getAttribute('hreflang')).toBe(other);
        expect(await link.getAttribute('lang')).toBe(other);
        await submitAndCheck(page, link, { status: 200 });
        expect(new URL(page.url()).pathname).toBe(`/${other}/login`);
        expect(await page.locator('html').getAttribute('lang')).toBe(other);
        expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(translator(other)('login.title'));
      }
    }));

  it('summarises the errors of an empty login form, each linked to its field (nl)', () =>
    withPage(async (page) => {
      const lang: Language = 'nl';
      const t = translator(lang);
      await visit(page, `/${lang}/login`);
      await submitAndCheck(page, page.getByRole('button', { name: t('login.submit') }), { status: 400 });
      // The script moved focus to the summary when the page loaded, so a screen reader announces it first.
      await expect.poll(() => page.evaluate(() => document.activeElement?.hasAttribute('data-error-summary'))).toBe(true);
      const summary = page.locator('[data-error-summary]');
      expect(await summary.getByRole('heading').textContent()).toBe(t('form.errorSummaryTitle', { count: 2 }));
      const links = summary.getByRole('link');
      expect(await links.count()).toBe(2);
      for (const [index, field] of (['email', 'password'] as const).entries()) {
        const link = links.nth(index);
        const target = (await link.getAttribute('href'))!;
        const input = page.locator(target);
        expect(await input.getAttribute('name')).toBe(field);
        expect(await input.getAttribute('aria-invalid')).toBe('true');
        expect(await link.textContent()).toContain(t('field.' + field));
        // Following the link puts the cursor in the field.
        await link.click();
        await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe(field);
      }
    }));

  it('refuses a wrong password with a clear message and keeps the e-mail address (en)', () =>
    withPage(async (page) => {
      const lang: Language = 'en';
      const t = translator(lang);
      await visit(page, `/${lang}/login`);
      await page.getByLabel(t('field.email'), { exact: true }).fill('agent@demo.irisdesk.brussels');
      await page.getByLabel(t('field.password'), { exact: true }).fill('not-the-password');
      await submitAndCheck(page, page.getByRole('button', { name: t('login.submit') }), { status: 401 });
      expect(await page.getByRole('alert').textContent()).toContain(t('errors.login.invalid'));
      expect(await page.getByLabel(t('field.email'), { exact: true }).inputValue()).toBe('agent@demo.irisdesk.brussels');
      expect(await page.getByLabel(t('field.password'), { exact: true }).inputValue()).toBe('');
      expect(new URL(page.url()).pathname).toBe(`/${lang}/login`);
    }));
});

describe('language negotiation', () => {
  it.each([
    ['fr-BE,fr;q=0.9,en;q=0.5', 'fr'],
    ['nl-BE,nl;q=0.9,en;q=0.5', 'nl'],
    ['en-GB,en;q=0.9', 'en'],
    ['de-DE,de;q=0.9', 'fr'],
  ] as const)('sends "/" with Accept-Language %s to /%s', (acceptLanguage, expected) =>
    withPage(
      async (page) => {
        await visit(page, '/');
        expect(new URL(page.url()).pathname).toBe(`/${expected}`);
        expect(await page.locator('html').getAttribute('lang')).toBe(expected);
      },
      { extraHTTPHeaders: { 'accept-language': acceptLanguage } },
    ),
  );

  it.each([
    ['nl-BE,nl;q=0.9', 'nl'],
    ['en-GB,en;q=0.9', 'en'],
  ] as const)('answers a page under /de/ with a 404 page in the language of the browser (%s)', (acceptLanguage, expected) =>
    withPage(
      async (page) => {
        await visit(page, '/de/login', { status: 404 });
        expect(await page.locator('html').getAttribute('lang')).toBe(expected);
        expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(translator(expected)('errorTitles.404'));
        expect(await page.getByRole('main').textContent()).toContain(translator(expected)('errors.language_not_available'));
      },
      { extraHTTPHeaders: { 'accept-language': acceptLanguage } },
    ),
  );
});

describe('keyboard', () => {
  // One language here; the skip link's label and target in the others are checked by the page tours.
  it('the first Tab reaches the skip link, which moves focus to the main content (en)', () =>
    withPage(async (page) => {
      const lang: Language = 'en';
      const t = translator(lang);
      await visit(page, `/${lang}/login`);
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => ({ text: document.activeElement?.textContent, href: document.activeElement?.getAttribute('href') }));
      expect(focused).toEqual({ text: t('layout.skipToContent'), href: '#main' });
      // Visible when focused (it is hidden until then).
      await expect(page.getByRole('link', { name: t('layout.skipToContent') }).isVisible()).resolves.toBe(true);
      await page.keyboard.press('Enter');
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('main');
      // The next Tab continues inside the main content: the first field of the login form.
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('email');
      await checkA11y(page);
    }));
});

describe('without JavaScript', () => {
  it('signs in, shows the back office, and changes a password through a form', () =>
    withPage(
      async (page) => {
        const t = translator('nl');
        await visit(page, '/nl/login');
        await page.getByLabel(t('field.email'), { exact: true }).fill('editor@demo.irisdesk.brussels');
        await page.getByLabel(t('field.password'), { exact: true }).fill(DEMO_PASSWORD);
        await submitAndCheck(page, page.getByRole('button', { name: t('login.submit') }), { status: 200 });
        expect(new URL(page.url()).pathname).toBe('/nl/back-office');
        expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(t('backOffice.welcome', { name: 'Elise Editor' }));

        // A form with errors is answered by the server alone.
        await visit(page, '/nl/account/password');
        await page.getByLabel(t('field.currentPassword'), { exact: true }).fill(DEMO_PASSWORD);
        await page.getByLabel(t('field.newPassword'), { exact: true }).fill('a new sentence for elise');
        await page.getByLabel(t('field.confirmPassword'), { exact: true }).fill('another sentence for elise');
        await submitAndCheck(page, page.getByRole('button', { name: t('password.submit') }), { status: 400 });
        const summary = page.locator('[data-error-summary]');
        expect(await summary.getByRole('link').first().textContent()).toBe(t('password.mismatch', { field: t('field.confirmPassword') }));

        await page.getByLabel(t('field.currentPassword'), { exact: true }).fill(DEMO_PASSWORD);
        await page.getByLabel(t('field.newPassword'), { exact: true }).fill('a new sentence for elise');
        await page.getByLabel(t('field.confirmPassword'), { exact: true }).fill('a new sentence for elise');
        await submitAndCheck(page, page.getByRole('button', { name: t('password.submit') }), { status: 200 });
        expect(await page.getByRole('status').textContent()).toBe(t('password.changed'));

        // Sign out and in again with the new password.
        await submitAndCheck(page, page.getByRole('button', { name: t('layout.logout') }), { status: 200 });
        expect(new URL(page.url()).pathname).toBe('/nl');
        await visit(page, '/nl/login');
        await page.getByLabel(t('field.email'), { exact: true }).fill('editor@demo.irisdesk.brussels');
        await page.getByLabel(t('field.password'), { exact: true }).fill('a new sentence for elise');
        await submitAndCheck(page, page.getByRole('button', { name: t('login.submit') }), { status: 200 });
        expect(new URL(page.url()).pathname).toBe('/nl/back-office');

        // The server is shared by every browser-test file: give the demo account its password back.
        await visit(page, '/nl/account/password');
        await page.getByLabel(t('field.currentPassword'), { exact: true }).fill('a new sentence for elise');
        await page.getByLabel(t('field.newPassword'), { exact: true }).fill(DEMO_PASSWORD);
        await page.getByLabel(t('field.confirmPassword'), { exact: true }).fill(DEMO_PASSWORD);
        await submitAndCheck(page, page.getByRole('button', { name: t('password.submit') }), { status: 200 });
      },
      { javaScriptEnabled: false },
    ));
});

describe.skipIf(!axeRuns())('the accessibility check', () => {
  it('fails with a readable list when a page has violations', () =>
    withPage(async (page) => {
      await page.setContent('<html><head><title>x</title></head><body><main><input id="nameless"><img src="data:,"></main></body></html>');
      const failure = await checkA11y(page).then(
        () => null,
        (error: Error) => error.message,
      );
      expect(failure).toMatch(/html-has-lang \(serious\)/);
      expect(failure).toMatch(/label \(critical\): Form elements must have labels/);
      expect(failure).toContain('#nameless');
      expect(failure).toMatch(/image-alt/);
    }));
});
