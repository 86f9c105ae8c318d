// Browser test of the agent console. The interactive flow runs once, in French: an agent records a counter
// visit that opens a request, answers it by e-mail with a template and passes a question to another
// organisation (Ixelles); Ixelles' agent finds it in the task inbox and answers; the first line's request
// page, left open, shows the answer without a reload (Server-Sent Events). In Dutch and English a page tour
// opens the same pages (inbox, contact form, request view with a template, with a task and with its answer,
// task inbox, task) on a request the tour makes through plain form posts, and checks them in that
// language. The contact-center settings pages of a manager (overview, mailbox and SLA target forms with
// their error summaries, a new mailbox, the calendar with its preview) are toured in the three languages, and
// the macro form in French.
// The search box and a bulk action (tag a checked row) are driven with the keyboard only in French; the search
// results, the merge panel and the bulk form are opened in Dutch and English.
// axe-core runs on every page in the three languages.
import { describe, expect, it, vi } from 'vitest';
import type { Page } from 'playwright-core';
import { checkA11y, submitAndCheck, visit } from './browser.ts';
import { signIn, useServerAndBrowser } from './session.ts';
import { translator } from '../src/platform/i18n/messages.ts';
import type { Language } from '../src/platform/i18n/languages.ts';

vi.setConfig({ testTimeout: 240_000 });

const { withPage } = useServerAndBrowser();

/** Posts a form of the page's session (with its CSRF token) without the browser, and checks the answer. */
async function post(page: Page, url: string, form: Record<string, string>): Promise<string> {
  const csrf = await page.locator('input[name="_csrf"]').first().inputValue();
  const response = await page.request.post(url, { form: { ...form, _csrf: csrf } });
  expect(response.status(), `HTTP status of POST ${url}`).toBe(200);
  return new URL(response.url()).pathname;
}

describe('agent console in fr', () => {
  const lang: Language = 'fr';
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

      // Reply by e-mail: text typed first, then the first template inserted at the cursor, without a reload
      // (issue 17 item 3), all from the keyboard: Alt+Shift+R goes to the reply, Tab to the template buttons.
      await first.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
      await first.keyboard.press('Alt+Shift+R');
      await expect(first.evaluate(() => (document.activeElement as HTMLTextAreaElement | null)?.name)).resolves.toBe('body');
      await first.keyboard.type('Typed before the template.');
      const templates = first.getByRole('group', { name: t('console.reply.templates') });
      await templates.getByRole('button').first().focus();
      await first.keyboard.press('Enter');
      const body = await first.getByLabel(t('console.reply.body'), { exact: true }).inputValue();
      expect(body).toMatch(/^Typed before the template\.\n\n/);
      expect(body).toContain(`Visitor ${marker}`);
      await expect(first.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).resolves.toBe(true);
      await expect(first.evaluate(() => (document.activeElement as HTMLTextAreaElement | null)?.name)).resolves.toBe('body');
      // The shortcuts' help opens with Alt+Shift+H; axe on the page as it is now.
      await first.keyboard.press('Alt+Shift+H');
      await expect(first.locator('#cc-shortcuts').evaluate((el) => (el as HTMLDetailsElement).open)).resolves.toBe(true);
      await checkA11y(first);
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

describe('console search, bulk action and merge panel', () => {
  const lang: Language = 'fr';
  const t = translator(lang);

  it('finds a request from the search box and tags a selection, with the keyboard only', async () => {
    const marker = `Zoekproef${Date.now()}`;
    await withPage(async (page) => {
      await signIn(page, lang, 'agent@demo.irisdesk.brussels');
      const requestPath = await post(page, `/${lang}/console/contacts`, {
        name: `Visitor ${marker}`,
        email: `search.${lang}.${Date.now()}@example.org`,
        channel: 'phone',
        language: lang,
        outcome: 'answered_first_contact',
        openRequest: 'true',
        subject: `Search ${lang}`,
        body: `The word ${marker} is somewhere in this conversation.`,
      });
      await visit(page, `/${lang}/console`);
      // The search box: focused, typed into and submitted with Enter.
      await page.getByRole('searchbox', { name: t('console.search.label') }).focus();
      await page.keyboard.type(marker);
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.keyboard.press('Enter')]);
      await checkA11y(page);
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(t('console.search.resultsFor', { q: marker }));
      const result = page.getByRole('link', { name: /BXL-/ });
      await expect(result.count()).resolves.toBe(1);
      await expect(result.getAttribute('href')).resolves.toBe(requestPath);

      // The request page shows the merge panel; axe on it.
      await visit(page, requestPath);
      await expect(page.getByRole('heading', { name: t('console.merge.title') }).count()).resolves.toBe(1);
      const reference = /BXL-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec((await page.getByRole('heading', { level: 1 }).textContent()) ?? '')![0];

      // Bulk: the row's checkbox with Space, the action chosen with the arrow keys, the tag typed, Enter.
      await visit(page, `/${lang}/console?view=mine`);
      const box = page.getByRole('checkbox', { name: t('console.bulk.select', { reference }) });
      await box.focus();
      await page.keyboard.press('Space');
      await expect(box.isChecked()).resolves.toBe(true);
      const action = page.getByLabel(t('console.field.bulkAction'), { exact: true });
      await action.focus();
      await page.keyboard.press('End'); // the last option: add the tag
      await expect(action.inputValue()).resolves.toBe('tag');
      await page.keyboard.press('Tab');
      await page.keyboard.type(`tag-${lang}`);
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.keyboard.press('Enter')]);
      await checkA11y(page);
      await expect(page.getByRole('status').first().textContent()).resolves.toContain(t('console.notice.bulk', { count: 1 }));
      await expect(page.locator(`tr:has(a:text("${reference}"))`).textContent()).resolves.toContain(`tag-${lang}`);

      // The same pages in Dutch and English (axe on each).
      for (const other of ['nl', 'en'] as const) {
        const tr = translator(other);
        await visit(page, `/${other}/console/search?q=${marker}`);
        await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(tr('console.search.resultsFor', { q: marker }));
        await visit(page, requestPath.replace(`/${lang}/`, `/${other}/`));
        await expect(page.getByRole('heading', { name: tr('console.merge.title') }).count()).resolves.toBe(1);
        await visit(page, `/${other}/console?view=mine`);
        await expect(page.getByRole('button', { name: tr('console.bulk.submit') }).count()).resolves.toBe(1);
      }
    });
  });
});

describe.each(['nl', 'en'] as const)('agent console pages in %s', (lang) => {
  const t = translator(lang);

  it('shows the inbox, the contact form, a request with a template, its task and the answer', async () => {
    const marker = `E2E tour ${lang} ${Date.now()}`;
    await withPage(async (first) => {
      await signIn(first, lang, 'agent@demo.irisdesk.brussels');
      await visit(first, `/${lang}/console`);
      expect(await first.getByRole('heading', { level: 1 }).textContent()).toBe(t('console.inbox.title'));
      await visit(first, `/${lang}/console/contacts/new`);
      await expect(first.getByRole('button', { name: t('console.contact.save') }).count()).resolves.toBe(1);

      // A request of the tour's own, opened and passed to Ixelles by plain form posts.
      const requestPath = await post(first, `/${lang}/console/contacts`, {
        name: `Visitor ${marker}`,
        email: `tour.${lang}.${Date.now()}@example.org`,
        channel: 'counter',
        language: lang,
        outcome: 'answered_first_contact',
        openRequest: 'true',
        subject: marker,
        body: 'Wants a residence certificate.',
      });
      expect(requestPath).toMatch(new RegExp(`^/${lang}/console/requests/[0-9a-f-]{36}$`));
      await post(first, `${requestPath}/tasks`, { kind: 'question', toOrganisation: 'commune-ixelles', question: `Question ${marker}` });
      await visit(first, requestPath);
      await expect(first.locator('#cc-summary').textContent()).resolves.toContain(t('console.status.waiting_second_line'));
      const reference = /BXL-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec((await first.getByRole('heading', { level: 1 }).textContent()) ?? '')![0];
      await first
        .getByRole('group', { name: t('console.reply.templates') })
        .getByRole('button')
        .first()
        .click();
      await expect(first.getByLabel(t('console.reply.body'), { exact: true }).inputValue()).resolves.toContain(`Visitor ${marker}`);
      await checkA11y(first);

      await withPage(async (second) => {
        await signIn(second, lang, 'agent.ixelles@demo.irisdesk.brussels');
        await visit(second, `/${lang}/console/tasks?scope=all`);
        expect(await second.getByRole('heading', { level: 1 }).textContent()).toBe(t('console.tasks.title'));
        const task = await second.getByRole('link', { name: reference }).getAttribute('href');
        await visit(second, `/${lang}/notifications`);
        await visit(second, task!);
        await expect(second.getByRole('main').textContent()).resolves.toContain(`Question ${marker}`);
        await expect(second.getByRole('button', { name: t('console.task.sendAnswer') }).count()).resolves.toBe(1);
        const version = await second.locator('input[name="version"]').first().inputValue();
        await post(second, `${new URL(task!, 'http://x').pathname}/answer`, { version, answer: `Answer ${marker}` });
      });

      await visit(first, requestPath);
      await expect(first.locator('#cc-timeline').textContent()).resolves.toContain(`Answer ${marker}`);
    });
  });
});

describe.each(['fr', 'nl', 'en'] as const)('contact-center settings pages in %s', (lang) => {
  const t = translator(lang);

  it('shows the overview, the mailbox and SLA target forms (with errors) and the calendar with its preview', async () => {
    await withPage(async (page) => {
      await signIn(page, lang, 'manager@demo.irisdesk.brussels');
      // The menu entry leads managers to their own organisation's settings.
      await visit(page, `/${lang}/admin/contact-center`);
      expect(new URL(page.url()).pathname).toBe(`/${lang}/admin/contact-center/commune-schaerbeek`);
      await expect(page.getByRole('heading', { level: 2, name: t('ccSettings.mailboxes.title') }).count()).resolves.toBe(1);

      await visit(page, `/${lang}/admin/contact-center/commune-schaerbeek/mailboxes/new`);
      await page.getByLabel(t('ccSettings.field.address'), { exact: true }).fill('not an address');
      await submitAndCheck(page, page.getByRole('button', { name: t('ccSettings.mailboxes.create') }), { status: 400 });
      await expect(page.locator('[data-error-summary] a[href="#field-address"]').count()).resolves.toBe(1);
      // Corrected, it is added and listed; its edit page has the delete form.
      const address = `tour.${lang}.${Date.now()}@schaerbeek.test`;
      await page.getByLabel(t('ccSettings.field.address'), { exact: true }).fill(address);
      await submitAndCheck(page, page.getByRole('button', { name: t('ccSettings.mailboxes.create') }), { status: 200 });
      await expect(page.getByRole('status').first().textContent()).resolves.toContain(t('ccSettings.notice.mailboxAdded'));
      await page.getByRole('link', { name: `${t('ccSettings.edit')} ${address}` }).click();
      await page.waitForLoadState('load');
      await checkA11y(page);
      await expect(page.getByRole('button', { name: t('ccSettings.mailboxes.delete') }).count()).resolves.toBe(1);

      await visit(page, `/${lang}/admin/contact-center/commune-schaerbeek/sla/new`);
      await page.getByLabel(t('ccSettings.field.firstResponseMinutes'), { exact: true }).fill('600');
      await page.getByLabel(t('ccSettings.field.resolutionMinutes'), { exact: true }).fill('60');
      await submitAndCheck(page, page.getByRole('button', { name: t('ccSettings.targets.create') }), { status: 400 });
      await expect(page.locator('[data-error-summary] a[href="#field-resolutionMinutes"]').count()).resolves.toBe(1);

      await visit(page, `/${lang}/admin/contact-center/commune-schaerbeek/calendar`);
      await page.getByLabel(t('ccSettings.field.openingHours'), { exact: true }).fill('Mo-Fr 08:30-18:00; Sa 09:00-12:00; PH off');
      await submitAndCheck(page, page.getByRole('button', { name: t('ccSettings.calendar.preview') }), { status: 200 });
      await expect(page.getByRole('heading', { level: 2, name: t('ccSettings.calendar.draftPreview') }).count()).resolves.toBe(1);

      // The managers' macro form (decision 0063), in French only: a name and a text per language, what it does, for whom.
      if (lang === 'fr') {
        await visit(page, '/fr/console/macros/new');
        await expect(page.getByRole('heading', { level: 1, name: t('console.macros.new') }).count()).resolves.toBe(1);
      }
    });
  });
});
