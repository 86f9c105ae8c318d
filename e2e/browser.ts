// Debian's Chromium driven through playwright-core, and axe-core on every page a test visits: `visit` and
// `checkA11y` fail with a readable list of WCAG 2.1 A/AA violations (rule, impact, elements, help).
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page, type Response } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { expect, inject } from 'vitest';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { BROWSER_HALF_B } from './halves.ts';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Contexts opened with JavaScript turned off: axe-core cannot run inside their pages. */
const withoutJavaScript = new WeakSet<BrowserContext>();

/**
 * A new browser context (own cookies) whose relative URLs resolve against the test server. The browser
 * sends Accept-Language fr-BE unless the options set a locale or an Accept-Language header.
 */
export async function newContext(browser: Browser, baseURL: string, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const headers = Object.keys(options.extraHTTPHeaders ?? {}).map((name) => name.toLowerCase());
  const locale = options.locale ?? (headers.includes('accept-language') ? undefined : 'fr-BE');
  const context = await browser.newContext({ baseURL, timezoneId: 'Europe/Brussels', ...options, ...(locale ? { locale } : {}) });
  context.setDefaultTimeout(15_000);
  context.setDefaultNavigationTimeout(30_000);
  if (options.javaScriptEnabled === false) withoutJavaScript.add(context);
  return context;
}

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * axe-core on one page. Legacy mode runs axe.run() inside the page itself; the default mode opens an extra
 * blank page per analysis to merge frame results, which doubles the time and IrisDesk pages have no frames.
 */
function axe(page: Page) {
  // resultTypes: only violations are reported in full; passes and incomplete results are kept to one node
  // each, which saves most of axe-core's time on large pages.
  return new AxeBuilder({ page })
    .withTags(WCAG_TAGS)
    .options({ resultTypes: ['violations'] })
    .setLegacyMode(true)
    .analyze();
}

/**
 * axe-core needs JavaScript in the page. For a page of a context without JavaScript, the same HTML is
 * loaded at the same address in a scratch page that has it (its own scripts blocked, stylesheets from the
 * server), and axe-core checks that copy. One scratch page per browser, reused.
 */
const scratchPages = new WeakMap<Browser, { page: Page; serve: { url: string; html: string } }>();

async function scratchPage(browser: Browser) {
  let scratch = scratchPages.get(browser);
  if (!scratch) {
    const page = await (await browser.newContext()).newPage();
    const entry = { page, serve: { url: '', html: '' } };
    await page.route('**/*', async (route) => {
      const request = route.request();
      if (request.isNavigationRequest() && request.url() === entry.serve.url) {
        return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: entry.serve.html });
      }
      if (request.resourceType() === 'script') return route.abort();
      return route.continue();
    });
    scratchPages.set(browser, entry);
    scratch = entry;
  }
  return scratch;
}

async function analyze(page: Page, html: string) {
  if (!withoutJavaScript.has(page.context())) return axe(page);
  const browser = page.context().browser();
  if (!browser) throw new Error('checkA11y: the page has no browser');
  const scratch = await scratchPage(browser);
  scratch.serve = { url: page.url(), html };
  await scratch.page.goto(page.url(), { waitUntil: 'load' });
  return axe(scratch.page);
}

/**
 * Pages already found clean, by their markup (the per-request CSRF token left out): the same DOM gives the
 * same axe-core result, so a page seen again (the login page before each sign-in) is not analysed twice.
 * The list is shared by every file of the run through a file that e2e/global-setup.ts names (one line per
 * page), since files run in separate processes and most of them pass through the same login pages.
 */
const cleanPages = new Set<string>();

function cleanPagesFile(): string | undefined {
  try {
    return inject('e2eCleanPagesFile');
  } catch {
    return undefined; // outside a test run of the e2e project
  }
}

function isKnownClean(key: string): boolean {
  if (cleanPages.has(key)) return true;
  const file = cleanPagesFile();
  if (!file || !existsSync(file)) return false;
  for (const line of readFileSync(file, 'utf8').split('\n')) if (line) cleanPages.add(line);
  return cleanPages.has(key);
}

function rememberClean(key: string): void {
  cleanPages.add(key);
  const file = cleanPagesFile();
  if (file) appendFileSync(file, `${key}\n`);
}

function markupKey(html: string): string {
  const normalised = html.replace(/(<input[^>]*name="_csrf"[^>]*value=")[^"]*"/g, '$1"').replace(/(<input[^>]*value=")[^"]*("[^>]*name="_csrf")/g, '$1$2');
  return createHash('sha256').update(normalised).digest('hex');
}

/** The browser files of half "b" (e2e/halves.ts): with axe-a / axe-b, the scans of each half run in one pass. */
const AXE_HALF_B = BROWSER_HALF_B;

/**
 * Whether this run analyses the current file's pages with axe-core. The pages' markup does not depend on the
 * database engine: CI analyses it in one of its two passes only (TEST_ENGINE_NEUTRAL_SKIP: `axe` skips every
 * file, `axe-a` / `axe-b` the files of that half; vitest.config.ts, decision 0014).
 */
export function axeRuns(): boolean {
  const skipped = new Set((process.env.TEST_ENGINE_NEUTRAL_SKIP ?? '').split(',').map((part) => part.trim()));
  if (skipped.has('axe')) return false;
  const file = basename(expect.getState().testPath ?? '');
  const half = AXE_HALF_B.has(file) ? 'axe-b' : 'axe-a';
  return !skipped.has(half);
}

/** Runs axe-core on the page as it is now and fails with every WCAG 2.1 A/AA violation it finds. */
export async function checkA11y(page: Page): Promise<void> {
  if (!axeRuns()) return;
  const html = await page.content();
  const key = markupKey(html);
  if (isKnownClean(key)) return;
  const results = await analyze(page, html);
  if (results.violations.length === 0) {
    rememberClean(key);
    return;
  }
  const report = results.violations
    .map((violation) => {
      const targets = violation.nodes
        .slice(0, 10)
        .map(
          (node) =>
            `      - ${node.target.map(String).join(' ')}${node.failureSummary ? `\n        ${node.failureSummary.replaceAll('\n', '\n        ')}` : ''}`,
        )
        .join('\n');
      const more = violation.nodes.length > 10 ? `\n      … and ${violation.nodes.length - 10} more` : '';
      return `  * ${violation.id} (${violation.impact ?? 'unknown impact'}): ${violation.help}\n    ${violation.helpUrl}\n${targets}${more}`;
    })
    .join('\n');
  throw new Error(`axe-core found ${results.violations.length} accessibility violation(s) on ${page.url()}:\n${report}`);
}

/**
 * Opens a URL, checks that the page answered with the expected status (200 unless told) and runs axe-core
 * on it. Every page a test looks at goes through here (or checkA11y after a form submit).
 */
export async function visit(page: Page, url: string, options: { status?: number } = {}): Promise<Response> {
  const response = await page.goto(url, { waitUntil: 'load' });
  if (!response) throw new Error(`no response for ${url}`);
  expect(response.status(), `HTTP status of ${url}`).toBe(options.status ?? 200);
  await checkA11y(page);
  return response;
}

/** Submits a form by clicking its button and waits for the page it leads to, then runs axe-core on it. */
export async function submitAndCheck(page: Page, button: ReturnType<Page['locator']>, options: { status?: number } = {}): Promise<Response | null> {
  const [response] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), button.click()]);
  if (options.status !== undefined) expect(response?.status(), `HTTP status after submitting on ${page.url()}`).toBe(options.status);
  await checkA11y(page);
  return response;
}
