// Browser test of the agent console, once per language: an agent records a counter visit that opens a
// request, answers it by e-mail with a template and passes a question to another organisation (Ixelles);
// Ixelles' agent finds it in the task inbox and answers; the first line's request page, left open, shows the
// answer without a reload (Server-Sent Events). axe-core runs on the inbox, the contact form, the request
// view, the task inbox and the task.
import { describe, expect, it, vi } from 'vitest';
import { checkA11y, submitAndCheck, visit } from './browser.ts';
import { signIn, useServerAndBrowser } from './session.ts';
import { translator } from '../src/platform/i18n/messages.ts';
import { LANGUAGES } from '../src/platform/i18n/languages.ts';

vi.setConfig({ testTimeout: 240_000 });

const { withPage } = useServerAndBrowser();


describe.each(LANGUAGES)('agent console in %s', (lang) => {
  const t = translator(lang);

  it('records a visit, replies with a template, passes a question to another organisation and sees the answer live', async () => {
    const marker = `E2E ${lang} ${Date.now()}`;
    await withPage(async (first) => {
      await signIn(first, lang, 'agent@demo.irisdesk.brussels');
      await visit(first, `/${lang}/console`);
      expect(await first.getByRole('heading', { level: 1 }).textContent()).toBe(t('console.inbox.title'));

      // A counter visit that opens a request (a new caller with an e-mail address).
      await visit(first, `/${lang}/console/contacts/new`);
      await first.getByLabel(t('console.field.name'), { exact: true }).last().fill(`Visitor ${marker}`);
      await first.getByLabel(t('console.field.email'), { exact: true }).last().fill(`visitor.${lang}.${Date.now()}@example.org`);
      await first.getByLabel(t('console.field.channel'), { exact: true }).selectOption('counter');
      await first.getByLabel(t('console.contact.openRequest')).check();
      await first.getByLabel(t('console.field.subject'), { exact: true }).fill(marker);
      await first.getByLabel(t('console.field.body'), { exact: true }).fill('Wants a residence certificate.');
      await submitAndCheck(first, first.getByRole('button', { name: t('console.contact.save') }), { status: 200 });
      expect(first.url()).toMatch(new RegExp(`/${lang}/console/requests/[0-9a-f-]{36}`));
      await expect(first.getByRole('status').first().textContent()).resolves.toContain(t('console.notice.requestOpened'));
      const requestPath = new URL(first.url()).pathname;
      const reference = /BXL-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec((await first.getByRole('heading', { level: 1 }).textContent()) ?? '')![0];

      // Reply by e-mail with the first template, in the request's language.
      await first.getByRole('navigation', { name: t('console.reply.templates') }).getByRole('link').first().click();
      await first.waitForLoadState('load');
      await checkA11y(first);
      const body = await first.getByLabel(t('console.reply.body'), { exact: true }).inputValue();
      expect(body).toContain(`Visitor ${marker}`);
      await submitAndCheck(first, first.getByRole('button', { name: t('console.reply.send') }), { status: 200 });
      await expect(first.getByRole('status').first().textContent()).resolves.toContain(t('console.notice.replied'));

      // A question for Ixelles' back office.
      await first.getByLabel(t('console.field.toOrganisation'), { exact: true }).selectOption('commune-ixelles');
      await first.getByLabel(t('console.field.question'), { exact: true }).fill(`Question ${marker}`);
      await submitAndCheck(first, first.getByRole('button', { name: t('console.task.send') }), { status: 200 });
      await expect(first.locator('#cc-summary').textContent()).resolves.toContain(t('console.status.waiting_second_line'));
      expect(new URL(first.url()).pathname).toBe(requestPath);

      // Ixelles answers in its task inbox, while the first page stays open.
      await withPage(async (second) => {
        await signIn(second, lang, 'agent.ixelles@demo.irisdesk.brussels');
        await visit(second, `/${lang}/console/tasks?scope=all`);
        await second.getByRole('link', { name: reference }).click();
        await second.waitForLoadState('load');
        await checkA11y(second);
        await expect(second.getByRole('main').textContent()).resolves.toContain(`Question ${marker}`);
        await second.getByRole('textbox', { name: t('console.task.answer'), exact: true }).fill(`Answer ${marker}`);
        await submitAndCheck(second, second.getByRole('button', { name: t('console.task.sendAnswer') }), { status: 200 });
      });

      // The answer reaches the first line's open page without a reload, and is announced.
      await first.locator('#cc-timeline').getByText(`Answer ${marker}`).first().waitFor({ timeout: 15_000 });
      await expect(first.locator('#cc-live-status').textContent()).resolves.toContain(t('console.live.updated'));
      await checkA11y(first);
    });
  });
});
