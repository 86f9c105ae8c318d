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
 * Pages already found clean, by their structure: the same structure gives the same axe-core result, so a
 * page seen again (the login page before each sign-in, the same page in another language, the same table with
 * other figures) is not analysed twice. The key is the markup with every text abstracted (decision 0014):
 * text nodes and the attributes that hold words (aria-label, alt, title, placeholder, value…) become one
 * placeholder when they hold anything and stay empty when they are empty, so an empty name is still caught;
 * the language codes fr/nl/en and the language prefix of addresses become one placeholder (all three are
 * valid, and axe checks that a lang is present and valid). Tags, classes, ids, roles, ARIA references, styles
 * and the order of elements are kept as they are: they are what axe-core's rules read, together with the
 * stylesheet, which is the same for every page of a run. The per-request CSRF token is left out.
 * The list is shared by every file of the run through a file that e2e/global-setup.ts names (one line per
 * page), since files run in separate processes and most of them pass through the same login pages.
 */
const cleanPages = new Set<string>();

function runFile(name: 'e2eCleanPagesFile' | 'e2eAxeLedgerFile'): string | undefined {
  try {
    return inject(name);
  } catch {
    return undefined; // outside a test run of the e2e project
  }
}

function isKnownClean(key: string): boolean {
  if (cleanPages.has(key)) return true;
  const file = runFile('e2eCleanPagesFile');
  if (!file || !existsSync(file)) return false;
  for (const line of readFileSync(file, 'utf8').split('\n')) if (line) cleanPages.add(line);
  return cleanPages.has(key);
}

function rememberClean(key: string): void {
  cleanPages.add(key);
  const file = runFile('e2eCleanPagesFile');
  if (file) appendFileSync(file, `${key}\n`);
}

/** One line per checkA11y call (file, analysed or skipped, milliseconds): e2e/global-setup.ts prints the totals. */
function ledger(outcome: 'analysed' | 'known', started: number): void {
  const file = runFile('e2eAxeLedgerFile');
  if (file) appendFileSync(file, `${basename(expect.getState().testPath ?? '')}\t${outcome}\t${Math.round(performance.now() - started)}\n`);
}

/** Attributes whose value is words for people, not structure: abstracted like text nodes. */
const WORD_ATTRIBUTES =
  'aria-label|aria-description|aria-roledescription|aria-valuetext|aria-placeholder|alt|title|placeholder|value|content|label|summary|datetime|download|data-[a-z-]+';

/** The page's markup with its words abstracted (see cleanPages above). */
export function structureOf(html: string): string {
  return html
    .replace(/(<input[^>]*name="_csrf"[^>]*value=")[^"]*"/g, '$1"')
    .replace(/(<input[^>]*value=")[^"]*("[^>]*name="_csrf")/g, '$1$2')
    .replace(/<(script|style)\b([^>]*)>[\s\S]*?<\/\1>/gi, '<$1$2>T</$1>')
    .replace(/>([^<]*)</g, (_, text: string) => (text.trim() ? '>T<' : '><'))
    .replace(new RegExp(`\\s(${WORD_ATTRIBUTES})="([^"]*)"`, 'gi'), (_, name: string, value: string) => ` ${name}="${value.trim() ? 'T' : ''}"`)
    .replace(/\s(lang|hreflang|xml:lang)="(fr|nl|en)(-[A-Za-z]{2})?"/g, ' $1="L"')
    .replace(
      /\s(href|action|src|formaction)="([^"]*)"/g,
      (_, name: string, url: string) => ` ${name}="${url.replace(/\/(fr|nl|en)(?=[/?#]|$)/, '/L').replace(/([?&][^=&#]+=)[^&#]*/g, '$1V')}"`,
    )
    .replace(/(?:<li>\s*<(?:span|a) class="[^"]*alternate-lang-nav__link[^>]*>T<\/(?:span|a)>\s*<\/li>\s*){2,}/g, (entries) => {
      // The language switchers (header and footer): the current language is a span and the others are links, in
      // a fixed order, so the same three entries in another order are the same structure.
      return (entries.match(/<li>[\s\S]*?<\/li>/g) ?? []).sort().join('');
    });
}

function structureKey(html: string): string {
  return createHash('sha256').update(structureOf(html)).digest('hex');
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
  const started = performance.now();
  const html = await page.content();
  const key = structureKey(html);
  if (isKnownClean(key)) return ledger('known', started);
  const results = await analyze(page, html);
  ledger('analysed', started);
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
