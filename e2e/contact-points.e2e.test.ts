// Browser tests of contact points: the public page in the three languages and the back-office list, form
// and a refused opening_hours value. axe-core runs on every page visited (visit / submitAndCheck).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newContext, submitAndCheck, visit } from './browser.ts';
import { startServer, type TestServer } from './server.ts';
import { translator } from '../src/platform/i18n/messages.ts';
import { LANGUAGES } from '../src/platform/i18n/languages.ts';
import { DEMO_PASSWORD } from '../src/seed/demo.ts';

let server: TestServer;
let browser: Browser;
let contactPointId: string;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  const response = await fetch(`${server.url}/api/v1/organisations/commune-schaerbeek/contact-points`);
  contactPointId = ((await response.json()) as { contactPoints: Array<{ id: string }> }).contactPoints[0]!.id;
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function withPage<T>(run: (page: Page) => Promise<T>): Promise<T> {
  const context = await newContext(browser, server.url);
  try {
    return await run(await context.newPage());
  } finally {
    await context.close();
  }
}

describe.each(LANGUAGES)('contact point page in %s', (lang) => {
  const t = translator(lang);
  it('shows the address, the weekly hours table and the status, accessibly', () =>
    withPage(async (page) => {
      await visit(page, `/${lang}/contact-points/${contactPointId}`);
      expect(await page.getByRole('heading', { level: 1 }).count()).toBe(1);
      await expect(page.getByRole('table', { name: t('contactPoints.hoursCaption') }).count()).resolves.toBe(1);
      await expect(page.getByText(t('contactPoints.demoNotice')).count()).resolves.toBe(1);
    }));
});

describe('contact points in the back office', () => {
  it('lets an editor open the list and the form, and explains a wrong opening_hours value', () =>
    withPage(async (page) => {
      const t = translator('en');
      await visit(page, '/en/login');
      await page.getByLabel(t('field.email')).fill('editor@demo.irisdesk.brussels');
      await page.getByLabel(t('field.password')).fill(DEMO_PASSWORD);
      await submitAndCheck(page, page.getByRole('button', { name: t('login.submit') }), { status: 200 });
      await visit(page, '/en/admin/contact-points');
      await visit(page, `/en/admin/contact-points/${contactPointId}`);
      await page.getByLabel(t('field.openingHours')).fill('every day except when closed');
      await submitAndCheck(page, page.getByRole('button', { name: t('contactPoints.save') }), { status: 400 });
      await expect(page.locator('[data-error-summary]').textContent()).resolves.toContain('Opening hours: this notation is not valid');
      await visit(page, '/en/admin/contact-points/new');
    }), 240_000);
});
