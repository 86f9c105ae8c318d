// Browser test of citizen sign-in and my space (issue 18 item 9, decision 0054), in Dutch, with my space and the
// sign-in page in French and English too: the header's "My space" link, the sign-in page, a link sent by e-mail (read back from the server's captured mail by a
// platform administrator), the confirmation, my space with the request sent before, the contact form filled in, and
// signing out with the keyboard. axe-core runs on every page.
import { describe, expect, it, vi } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { submitAndCheck, visit } from './browser.ts';
import { signIn, useServerAndBrowser } from './session.ts';
import { translator } from '../src/platform/i18n/messages.ts';
import { LANGUAGES } from '../src/platform/i18n/languages.ts';

vi.setConfig({ testTimeout: 240_000 });

const { withPage } = useServerAndBrowser();

/** The sign-in link of the last captured message to this address, read as a platform administrator. */
async function linkSentTo(admin: BrowserContext, email: string): Promise<string> {
  const list = await admin.request.get(`/api/v1/mail-messages?to=${encodeURIComponent(email)}`);
  expect(list.status()).toBe(200);
  const [latest] = (await list.json()).messages as Array<{ id: string }>;
  const message = await admin.request.get(`/api/v1/mail-messages/${latest!.id}`);
  const text = (await message.json()).text as string;
  return new URL(/https?:\/\/\S+\/my\/sign-in\/[A-Za-z0-9_-]{32}/.exec(text)![0]).pathname;
}

describe('citizen sign-in and my space', () => {
  it('signs in with an e-mail link and shows my space (nl; my space and sign-in in fr and en too)', () =>
    withPage((adminPage) =>
      withPage(async (page) => {
        const lang = 'nl';
        const t = translator(lang);
        const email = `citizen.${Date.now()}@example.be`;
        const sent = await page.request.post('/api/v1/contact-requests', {
          data: { message: 'Mijn identiteitskaart vervalt volgende maand.', name: 'Lea Martin', email, language: lang, postalCode: '1030' },
        });
        expect(sent.status()).toBe(201);
        const { reference } = (await sent.json()) as { reference: string };

        await visit(page, `/${lang}`);
        const header = page.getByRole('navigation', { name: t('layout.mainNavigation') });
        await header
          .getByRole('link', { name: t('layout.nav.mySpace') })
          .first()
          .click();
        await page.waitForURL(`**/${lang}/my`);
        await visit(page, `/${lang}/my`);
        await page.getByLabel(t('citizens.signIn.email'), { exact: true }).fill(email);
        await submitAndCheck(page, page.getByRole('button', { name: t('citizens.signIn.send') }), { status: 200 });
        expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(t('citizens.sent.title'));

        await signIn(adminPage, 'en', 'admin@demo.irisdesk.brussels');
        const link = await linkSentTo(adminPage.context(), email);
        expect(link.startsWith(`/${lang}/my/sign-in/`)).toBe(true);
        await visit(page, link);
        await submitAndCheck(page, page.getByRole('button', { name: t('citizens.confirm.submit') }), { status: 200 });
        expect(new URL(page.url()).pathname).toBe(`/${lang}/my`);
        expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(t('citizens.space.title'));
        await expect(page.getByRole('link', { name: reference }).count()).resolves.toBe(1);

        // the contact form knows who is asking
        await visit(page, `/${lang}/contact`);
        expect(await page.getByLabel(t('contact.form.email'), { exact: true }).inputValue()).toBe(email);

        // my space in the other languages
        for (const other of LANGUAGES.filter((l) => l !== lang)) {
          await visit(page, `/${other}/my`);
          await expect(page.getByRole('heading', { name: translator(other)('citizens.space.linkedTitle') }).count()).resolves.toBe(1);
        }

        // signing out with the keyboard, then the sign-in page in each language
        await visit(page, `/${lang}/my`);
        await page.getByRole('button', { name: t('citizens.space.signOut') }).focus();
        await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.keyboard.press('Enter')]);
        await expect(page.getByRole('button', { name: t('citizens.signIn.send') }).count()).resolves.toBe(1);
        for (const other of LANGUAGES.filter((l) => l !== lang)) await visit(page, `/${other}/my`);
      }),
    ));
});
