// The per-file set-up every browser test shares: the run's one real server (e2e/global-setup.ts), one
// Chromium for the file, and a fresh browser context (cookies, storage) for each test through withPage.
import { afterAll, beforeAll, inject } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, newContext, submitAndCheck, visit } from './browser.ts';
import { translator } from '../src/platform/i18n/messages.ts';
import type { Language } from '../src/platform/i18n/languages.ts';
import { DEMO_PASSWORD } from '../src/seed/demo.ts';
import { startServer, type TestServer } from '../test/server-process.ts';

/** Origin of the run's test server, such as http://127.0.0.1:41234 (no trailing slash). */
export function serverUrl(): string {
  return inject('e2eServerUrl');
}

export function useServerAndBrowser() {
  let browser: Browser | undefined;

  beforeAll(async () => {
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  async function withPage<T>(run: (page: Page, context: BrowserContext) => Promise<T>, options: Parameters<typeof newContext>[2] = {}): Promise<T> {
    const context = await newContext(browser!, serverUrl(), options);
    try {
      return await run(await context.newPage(), context);
    } finally {
      await context.close();
    }
  }

  return { withPage, serverUrl };
}

/**
 * A second IrisDesk process on the run's database, as a second instance behind a load balancer, for the tests
 * of what crosses instances (LISTEN/NOTIFY); started once per file, stopped after it. Only when the run's
 * server is on PostgreSQL: a PGlite data folder is one process's. Otherwise undefined, and the test uses the
 * one server.
 */
export function useSecondInstance(): () => Promise<TestServer | undefined> {
  let second: Promise<TestServer | undefined> | undefined;
  afterAll(async () => {
    await (await second)?.stop();
  });
  return () => {
    const database = inject('e2eServerDatabase');
    // The run's server owns the database: this one must not drop it when it stops.
    second ??= database.DATABASE_URL ? startServer({ database: { env: database, drop: async () => undefined } }) : Promise.resolve(undefined);
    return second;
  };
}

/** Signs in on the login page of the given language (demo password unless told) and checks the pages. */
export async function signIn(page: Page, lang: Language, email: string, password = DEMO_PASSWORD): Promise<void> {
  const t = translator(lang);
  await visit(page, `/${lang}/login`);
  await page.getByLabel(t('field.email'), { exact: true }).fill(email);
  await page.getByLabel(t('field.password'), { exact: true }).fill(password);
  await submitAndCheck(page, page.getByRole('button', { name: t('login.submit') }), { status: 200 });
}
