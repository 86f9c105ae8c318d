// Browser tests of the live chat (issue 19): without JavaScript the page offers the contact form (FR/NL/EN);
// with it, a user chats and an agent answers from the console (English) of another instance of IrisDesk on the
// same PostgreSQL database (when the run's server is on PostgreSQL, as in CI's pass of this file), the new
// message reaching the user's page live into a polite log while the focus stays in the composer; with nobody available the chat becomes
// a contact request (French and Dutch). axe-core runs on every page and after each live change.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { checkA11y, newContext, submitAndCheck, visit } from './browser.ts';
import { serverUrl, signIn, useSecondInstance, useServerAndBrowser } from './session.ts';
import { translator } from '../src/platform/i18n/messages.ts';

const { withPage } = useServerAndBrowser();
const secondInstance = useSecondInstance();
// A service of every commune: with postal code 1030 the chat goes to Schaerbeek, where the demo agent works.
const SERVICE = 'eid-card';

async function startChat(page: Page, lang: 'fr' | 'nl' | 'en', name: string) {
  const t = translator(lang);
  await visit(page, `/${lang}/chat?service=${SERVICE}`);
  await page.getByLabel(t('chat.page.name')).fill(name);
  await page.getByLabel(t('chat.page.postalCode')).fill('1030');
  await page.getByRole('button', { name: t('chat.page.start') }).click();
  await page.locator('[data-chat-conversation]').waitFor({ state: 'visible' });
  await page.waitForFunction(() => document.activeElement?.getAttribute('name') === 'text');
}

async function send(page: Page, lang: 'fr' | 'nl' | 'en', text: string) {
  const t = translator(lang);
  await page.getByLabel(t('chat.page.message')).fill(text);
  const [posted] = await Promise.all([
    page.waitForResponse((response) => response.url().includes('/messages') && response.request().method() === 'POST', { timeout: 20_000 }),
    page.getByRole('button', { name: t('chat.page.send'), exact: true }).click(),
  ]);
  expect(posted.status(), `sending: ${await posted.text()}`).toBe(201);
  await page.locator('[data-chat-log] li', { hasText: text }).waitFor();
  // The focus stays in the composer, emptied for the next message.
  await expect(page.evaluate(() => document.activeElement?.getAttribute('name'))).resolves.toBe('text');
  await expect(page.getByLabel(t('chat.page.message')).inputValue()).resolves.toBe('');
}

describe.each(['fr', 'nl', 'en'] as const)('the chat page without JavaScript in %s', (lang) => {
  const t = translator(lang);
  it(
    'offers the contact form instead',
    () =>
      withPage(
        async (page) => {
          await visit(page, `/${lang}/chat`);
          await expect(page.getByRole('link', { name: t('chat.page.contactForm') }).isVisible()).resolves.toBe(true);
          await expect(page.locator('[data-chat-app]').isVisible()).resolves.toBe(false);
        },
        { javaScriptEnabled: false },
      ),
    120_000,
  );
});

describe('a user chats and an agent answers (en)', () => {
  const t = translator('en');
  it(
    'goes from the waiting queue to an answer announced in the log, and the chat closed',
    () =>
      withPage(async (userPage, userContext) => {
        // The user on the run's server; the agent on a second instance when there is one (PostgreSQL).
        const agentUrl = (await secondInstance())?.url ?? serverUrl();
        const agentContext = await newContext(userContext.browser()!, agentUrl);
        const agentPage = await agentContext.newPage();
        try {
          await signIn(agentPage, 'en', 'agent@demo.irisdesk.brussels');
          await visit(agentPage, '/en/console/chats');
          await agentPage.getByLabel(t('chat.console.available')).check();
          await submitAndCheck(agentPage, agentPage.getByRole('button', { name: t('chat.console.save') }), { status: 200 });

          await startChat(userPage, 'en', 'Emma');
          // The messages sit in a polite log named by the conversation's heading.
          await expect(userPage.getByRole('log', { name: t('chat.page.conversation') }).getAttribute('aria-live')).resolves.toBe('polite');
          await expect(userPage.locator('[data-chat-status]').textContent()).resolves.toContain(t('chat.page.status.position', { position: 1 }));
          await send(userPage, 'en', 'How do I renew my identity card?');
          await checkA11y(userPage);

          await visit(agentPage, '/en/console/chats');
          const row = agentPage.locator('tr', { hasText: 'How do I renew my identity card?' });
          await submitAndCheck(agentPage, row.getByRole('button', { name: t('chat.console.accept') }), { status: 200 });
          await expect(agentPage.locator('[data-chat-log]').textContent()).resolves.toContain('How do I renew my identity card?');
          await userPage.locator('[data-chat-status]', { hasText: t('chat.page.status.active') }).waitFor();

          await agentPage.getByLabel(t('chat.console.answer')).fill('Book an appointment at the counter, with a photo.');
          await submitAndCheck(agentPage, agentPage.getByRole('button', { name: t('chat.page.send'), exact: true }), { status: 200 });
          // Live on the user's page (through the database's notifications when the agent is on another
          // instance), in the polite log, the focus still in the composer.
          await userPage.locator('[data-chat-log] li.chat-message--agent', { hasText: 'Book an appointment at the counter' }).waitFor({ timeout: 10_000 });
          await expect(userPage.evaluate(() => document.activeElement?.getAttribute('name'))).resolves.toBe('text');
          await checkA11y(userPage);

          await agentPage.getByLabel(t('chat.console.outcome')).selectOption('answered_first_contact');
          await submitAndCheck(agentPage, agentPage.getByRole('button', { name: t('chat.console.close') }), { status: 200 });
          await userPage.locator('[data-chat-status]', { hasText: t('chat.page.status.closed') }).waitFor({ timeout: 10_000 });
          await expect(userPage.getByRole('button', { name: t('chat.page.send'), exact: true }).isDisabled()).resolves.toBe(true);
        } finally {
          // Nobody left available, for the conversion tests.
          await visit(agentPage, '/en/console/chats');
          await agentPage.getByLabel(t('chat.console.available')).uncheck();
          await submitAndCheck(agentPage, agentPage.getByRole('button', { name: t('chat.console.save') }), { status: 200 });
          await agentContext.close();
        }
      }),
    240_000,
  );
});

// French and Dutch. The Dutch chat, the run's third, once lost its user's message: the messages were sorted by
// their id as text ("10" before "9"), and the page appends what is new by index (fixed in repository.ts).
describe.each(['fr', 'nl'] as const)('nobody available in %s', (lang) => {
  const t = translator(lang);
  it(
    'offers to turn the chat into a contact request, and gives its reference',
    () =>
      withPage(async (page) => {
        await startChat(page, lang, `Conversion ${lang}`);
        await page.locator('[data-chat-status]', { hasText: t('chat.page.wait.nobody') }).waitFor();
        await expect(page.locator('[data-chat-convert-box]').getAttribute('open')).resolves.not.toBeNull();
        await send(page, lang, `Question ${lang} sans réponse directe`);
        // The conversion's e-mail field (the transcript's form has one too).
        await page.locator('[data-chat-convert]').getByLabel(t('chat.page.email')).fill(`chat.${lang}@example.be`);
        await page.getByRole('button', { name: t('chat.page.convert') }).click();
        await page.locator('[data-chat-status]', { hasText: /BXL-[A-Z0-9]{4}-[A-Z0-9]{4}/ }).waitFor({ timeout: 10_000 });
        await checkA11y(page);
      }),
    180_000,
  );
});
