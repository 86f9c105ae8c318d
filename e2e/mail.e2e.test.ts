// Browser test of the outgoing-mail screens (platform administrators): list, filter and one captured
// message with its .ics attachment, in the three languages, with axe-core on every page. The app runs
// in-process on its own PGlite database so the test can send the message the pages show.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, newContext, submitAndCheck, visit } from './browser.ts';
import { openPglite, type Database } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { seed } from '../src/seed/index.ts';
import { loadConfig } from '../src/config.ts';
import { createApp } from '../src/app.ts';
import type { App } from '../src/platform/http/types.ts';
import { translator } from '../src/platform/i18n/messages.ts';
import { LANGUAGES } from '../src/platform/i18n/languages.ts';
import { DEMO_PASSWORD } from '../src/seed/demo.ts';

let db: Database;
let app: App;
let url: string;
let browser: Browser;
let mailId: string;

beforeAll(async () => {
  db = await openPglite('memory://');
  await migrate(db);
  await seed(db, { demo: true });
  const config = loadConfig({ NODE_ENV: 'development', LOG_LEVEL: 'silent', DATA_DIR: 'memory://' });
  const built = await createApp({ config, db });
  app = built.app;
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  mailId = (
    await built.services.mail.send({
      to: 'sofie.janssens@example.be',
      subject: 'Uw afspraak van 3 december',
      text: 'Beste Sofie,\n\nUw afspraak is bevestigd.\n\nMet vriendelijke groeten',
      html: '<p>Beste Sofie,</p>',
      language: 'nl',
      purpose: 'appointment.confirmation',
      attachments: [{ filename: 'afspraak.ics', contentType: 'text/calendar', content: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n' }],
    })
  ).id;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await db?.close();
});

describe('outgoing e-mail screens', () => {
  it.each(LANGUAGES)('lists, filters and shows a captured message (%s)', async (lang) => {
    const t = translator(lang);
    const context = await newContext(browser, url);
    try {
      const page = await context.newPage();
      await visit(page, `/${lang}/login`);
      await page.getByLabel(t('field.email'), { exact: true }).fill('admin@demo.irisdesk.brussels');
      await page.getByLabel(t('field.password'), { exact: true }).fill(DEMO_PASSWORD);
      await submitAndCheck(page, page.getByRole('button', { name: t('login.submit') }), { status: 200 });

      const menuLink = page.getByRole('navigation', { name: t('layout.backOfficeNavigation') }).getByRole('link', { name: t('nav.mail') });
      expect(await menuLink.getAttribute('href')).toBe(`/${lang}/admin/mail`);
      await visit(page, `/${lang}/admin/mail`);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(t('mail.title'));
      await expect(page.getByRole('table').getByRole('link', { name: 'Uw afspraak van 3 december' }).count()).resolves.toBe(1);

      await page.getByLabel(t('mail.field.status')).selectOption('sent');
      await submitAndCheck(page, page.getByRole('button', { name: t('mail.filter') }), { status: 200 });
      await expect(page.getByRole('table').getByRole('link').count()).resolves.toBe(0);

      await visit(page, `/${lang}/admin/mail`);
      expect(await page.getByRole('table').getByRole('link', { name: 'Uw afspraak van 3 december' }).getAttribute('href')).toBe(
        `/${lang}/admin/mail/${mailId}`,
      );
      await visit(page, `/${lang}/admin/mail/${mailId}`);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Uw afspraak van 3 december');
      await expect(page.getByText('Uw afspraak is bevestigd.').count()).resolves.toBe(1);
      await expect(page.getByRole('link', { name: 'afspraak.ics' }).count()).resolves.toBe(1);
    } finally {
      await context.close();
    }
  });
});
