// The per-file set-up every browser test shares: one real server and one Chromium for the file, and a fresh
// browser context (cookies, storage) for each test through withPage.
import { afterAll, beforeAll } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, newContext } from './browser.ts';
import { startServer, type TestServer } from './server.ts';

export function useServerAndBrowser() {
  let server: TestServer | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function withPage<T>(
    run: (page: Page, context: BrowserContext) => Promise<T>,
    options: Parameters<typeof newContext>[2] = {},
  ): Promise<T> {
    const context = await newContext(browser!, server!.url, options);
    try {
      return await run(await context.newPage(), context);
    } finally {
      await context.close();
    }
  }

  return { withPage };
}
