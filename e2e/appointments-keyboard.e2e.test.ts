// Booking with the keyboard only, in FR, NL and EN, on a 390 px phone (EN on a 320 px one): from the start page (as a service page
// links to it) to the confirmation with Tab, Shift+Tab, Enter and Space, typing only into fields Tab reached;
// then managing it the same way (moving it in Dutch, cancelling after "are you sure?" in French).
// axe-core runs on every step, and no step's content is wider than the screen.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { fitProblems } from './fit.ts';
import { checkA11y, visit } from './browser.ts';
import { useServerAndBrowser } from './session.ts';
import { translator } from '../src/platform/i18n/messages.ts';
import { LANGUAGES } from '../src/platform/i18n/languages.ts';

const { withPage } = useServerAndBrowser();
const PHONE = { width: 390, height: 844 };
const NARROW = { width: 320, height: 640 };

/** Presses Tab (or Shift+Tab) until the focused element matches, the `skip`-th match counting from 0. */
async function tabTo(page: Page, selector: string, options: { text?: string; skip?: number; back?: boolean } = {}) {
  let skip = options.skip ?? 0;
  for (let i = 0; i < 200; i++) {
    await page.keyboard.press(options.back ? 'Shift+Tab' : 'Tab');
    const hit = await page.evaluate(
      ([sel, text]) => {
        const el = document.activeElement;
        return Boolean(el && el.matches(sel) && (!text || (el.textContent ?? '').includes(text)));
      },
      [selector, options.text ?? ''] as const,
    );
    if (hit && skip-- === 0) return;
  }
  throw new Error(`Tab never reached ${selector} ${options.text ?? ''} on ${page.url()}`);
}

/** The first Tab of a page reaches "Skip to content"; Enter takes the focus past the header, as a keyboard user does. */
async function skipToContent(page: Page) {
  await page.keyboard.press('Tab');
  await expect(page.evaluate(() => document.activeElement?.classList.contains('utrecht-skip-link'))).resolves.toBe(true);
  await page.keyboard.press('Enter');
}

/**
 * The page fits 1280, 390 and 320 px with the site's typeface (e2e/fit.ts, as the layout test checks every other
 * public page), and the window is back at the phone's width for the next key.
 */
async function fitsThePhone(page: Page) {
  expect(await fitProblems(page)).toEqual([]);
}

/** A key that leads to another page: waits for it, then checks it. */
async function go(page: Page, key: 'Enter' | 'Space') {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.keyboard.press(key)]);
  await checkA11y(page);
  await fitsThePhone(page);
  await skipToContent(page);
}

describe.each(LANGUAGES)('booking by keyboard only in %s', (lang) => {
  const t = translator(lang);
  it(
    'goes from the start page (as a service page links to it) to the confirmation, then on to manage the appointment',
    () =>
      withPage(
        async (page) => {
          await visit(page, `/${lang}/appointments?service=eid-card`);
          await fitsThePhone(page);
          await skipToContent(page);
          await tabTo(page, 'input[name="postalCode"]');
          await page.keyboard.type('1030');
          await go(page, 'Enter');
          expect(new URL(page.url()).pathname).toBe(`/${lang}/appointments/points`);

          await tabTo(page, '.irisdesk-card a');
          await go(page, 'Enter');
          // The week: a day link moves the focus to that day, whose first time is the next Tab.
          // A different day per language, so that the runs do not compete for one time.
          await tabTo(page, '.irisdesk-week__jump a', { skip: 1 + LANGUAGES.indexOf(lang) });
          const day = (await page.evaluate(() => document.activeElement?.getAttribute('href')))!.slice('#day-'.length);
          await page.keyboard.press('Enter');
          await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe(`day-${day}`);
          await tabTo(page, 'a.irisdesk-time');
          await go(page, 'Enter');
          expect(new URL(page.url()).searchParams.get('start')).toMatch(new RegExp(`^${day}T`));

          // Details: the name, then "by e-mail" chosen with Space reveals the address field, next in Tab order.
          await tabTo(page, 'input[name="name"]');
          await page.keyboard.type(`Keyboard ${lang}`);
          await tabTo(page, 'input[name="contactBy"]');
          await page.keyboard.press('Space');
          await tabTo(page, 'input[name="email"]');
          await page.keyboard.type(`keyboard.${lang}@example.be`);
          await checkA11y(page);
          await tabTo(page, 'button[type="submit"]', { text: t('appointments.next') });
          await go(page, 'Enter');
          await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(t('appointments.check.title'));

          if (lang === 'en') {
            // "Change" of the time keeps what was typed (decision 0042): another time, the details come back filled in.
            await tabTo(page, 'button.irisdesk-link-button', { text: t('appointments.check.change'), skip: 2 });
            await go(page, 'Enter');
            await tabTo(page, 'button.irisdesk-time', { skip: 1 });
            await go(page, 'Enter');
            await expect(page.inputValue('input[name="name"]')).resolves.toBe(`Keyboard ${lang}`);
            await expect(page.inputValue('input[name="email"]')).resolves.toBe(`keyboard.${lang}@example.be`);
            await tabTo(page, 'button[type="submit"]', { text: t('appointments.next') });
            await go(page, 'Enter');
          }

          // Check your answers: past the button and back with Shift+Tab, then book.
          await tabTo(page, 'button[type="submit"]', { text: t('appointments.details.submit') });
          await page.keyboard.press('Tab');
          await tabTo(page, 'button[type="submit"]', { text: t('appointments.details.submit'), back: true });
          await go(page, 'Enter');
          await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(t('appointments.manage.bookedTitle'));
          await expect(page.locator('main').textContent()).resolves.toContain(`keyboard.${lang}@example.be`);

          // Then one way on per language: moving (nl), cancelling after "are you sure?" (fr); en stays booked.
          if (lang === 'en') return;
          await tabTo(page, 'a', { text: t('appointments.confirmation.manage') });
          await go(page, 'Enter');
          if (lang === 'nl') {
            await tabTo(page, 'a', { text: t('appointments.manage.move') });
            await go(page, 'Enter');
            await expect(page.locator('.irisdesk-time--current').count()).resolves.toBe(1);
            await tabTo(page, 'a.irisdesk-time', { skip: 1 });
            await go(page, 'Enter');
            await tabTo(page, 'button[type="submit"]', { text: t('appointments.move.submit') });
            await go(page, 'Enter');
            await expect(page.locator('main').textContent()).resolves.toContain(
              t('appointments.manage.notice.moved', { email: `keyboard.${lang}@example.be` }),
            );
            return;
          }
          await tabTo(page, 'a', { text: t('appointments.manage.cancel') });
          await go(page, 'Enter');
          await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(t('appointments.cancel.title'));
          await tabTo(page, 'button[type="submit"]', { text: t('appointments.cancel.submit') });
          await go(page, 'Space');
          await expect(page.locator('main').textContent()).resolves.toContain(t('appointments.status.cancelled'));
          // A cancelled appointment leads on: book again, the service, home.
          await expect(page.getByRole('link', { name: t('appointments.manage.bookAgain') }).count()).resolves.toBe(1);
        },
        // English on the narrowest phone (320 px): every step of the flow fits it too.
        { viewport: lang === 'en' ? NARROW : PHONE, locale: lang === 'en' ? 'en-GB' : `${lang}-BE` },
      ),
    180_000,
  );
});
