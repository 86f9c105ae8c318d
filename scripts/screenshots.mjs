/* global document -- the two page.evaluate callbacks run in the browser */
// npm run screenshots (tsx scripts/screenshots.mjs, which imports the TypeScript test helpers): what citizens see,
// for reviewers. Starts IrisDesk on a temporary embedded database with the demo data (or uses a running one:
// npm run screenshots -- --url http://127.0.0.1:3000), opens the home page, a service page, the booking week
// view, a contact point's waiting-room board and the barometer in Chromium at 390 and 1280 px wide; then, signed
// in as the demo agent and manager, what staff work in all day (the console, a request, the task list and the
// region's operations dashboard) at 1280 and 1920 px; and writes PNGs to docs/screenshots/ (--out DIR elsewhere). A page taller than MAX_HEIGHT is cut there, so that the
// files stay small enough to keep in the repository.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { launchBrowser, newContext } from '../e2e/browser.ts';
import { startServer } from '../test/server-process.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const WIDTHS = [
  { name: '390', width: 390, height: 844 },
  { name: '1280', width: 1280, height: 800 },
];
const MAX_HEIGHT = 2400;
const LANG = 'fr';
const SERVICE = 'eid-card';
const POSTAL_CODE = '1030';

function option(name) {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? process.argv[index + 1] : undefined;
}

/** The pages, each reached as a citizen would (the booking week view and the board by the links that lead there). */
/** @type {Array<{ name: string; open: (page: import('playwright-core').Page) => Promise<void>; viewportOnly?: boolean }>} */
const PAGES = [
  { name: 'home', open: (page) => goto(page, `/${LANG}`) },
  { name: 'service', open: (page) => goto(page, `/${LANG}/services/${SERVICE}?postalCode=${POSTAL_CODE}`) },
  {
    name: 'booking-week',
    open: async (page) => {
      await goto(page, `/${LANG}/appointments/points?service=${SERVICE}&postalCode=${POSTAL_CODE}`);
      await goto(page, await firstHref(page, 'a[href*="/appointments/slots"]'));
    },
  },
  {
    name: 'board',
    viewportOnly: true,
    // The demo's waiting room with a queue: Schaerbeek's town hall.
    open: async (page) => {
      const answer = await page.request.get('/api/v1/organisations/commune-schaerbeek/contact-points');
      const { contactPoints } = await answer.json();
      const point = contactPoints.find((candidate) => candidate.code === 'maison-communale') ?? contactPoints[0];
      await goto(page, `/${LANG}/contact-points/${point.id}/board`);
    },
  },
  { name: 'barometer', open: (page) => goto(page, `/${LANG}/barometer`) },
];

const STAFF_WIDTHS = [
  { name: '1280', width: 1280, height: 800 },
  { name: '1920', width: 1920, height: 1080 },
];
const DEMO_PASSWORD = 'IrisDesk-demo-2026';

/** The back office as its users see it, each page opened by the account that works on it. */
/** @type {Array<{ name: string; account: string; open: (page: import('playwright-core').Page) => Promise<void> }>} */
const STAFF_PAGES = [
  { name: 'console', account: 'agent@demo.irisdesk.brussels', open: (page) => goto(page, `/${LANG}/console`) },
  {
    name: 'console-request',
    account: 'agent@demo.irisdesk.brussels',
    open: async (page) => {
      await goto(page, `/${LANG}/console?view=organisation`);
      await goto(page, await firstHref(page, 'a[href*="/console/requests/"]'));
    },
  },
  { name: 'console-tasks', account: 'backoffice@demo.irisdesk.brussels', open: (page) => goto(page, `/${LANG}/console/tasks`) },
  {
    name: 'dashboard-operations',
    account: 'manager@demo.irisdesk.brussels',
    open: (page) => goto(page, `/${LANG}/satisfaction/organisations/commune-schaerbeek/operations`),
  },
];

async function signIn(page, email) {
  await goto(page, `/${LANG}/login`);
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.locator('form[action$="/login"] button[type="submit"]').first().click()]);
}

async function shoot(page, name, size, viewportOnly) {
  // The typeface is in before the picture is taken.
  await page.evaluate(() => document.fonts.ready);
  const fullHeight = await page.evaluate(() => document.documentElement.scrollHeight);
  const height = viewportOnly ? size.height : Math.min(fullHeight, MAX_HEIGHT);
  const file = path.join(out, `${name}-${size.name}.png`);
  await page.screenshot({ path: file, fullPage: !viewportOnly, clip: { x: 0, y: 0, width: size.width, height } });
  console.log(`${path.relative(ROOT, file)} (${size.width}×${height})`);
}

async function goto(page, url) {
  const response = await page.goto(url, { waitUntil: 'load' });
  if (!response?.ok()) throw new Error(`${url} answered ${response?.status() ?? 'nothing'}`);
}

async function firstHref(page, selector) {
  const href = await page.locator(selector).first().getAttribute('href');
  if (!href) throw new Error(`no link ${selector} on ${page.url()}`);
  return href;
}

const out = path.resolve(ROOT, option('out') ?? 'docs/screenshots');
await mkdir(out, { recursive: true });
const given = option('url');
let server;
if (!given) {
  console.log('starting IrisDesk on a temporary database with the demo data…');
  server = await startServer();
}
const browser = await launchBrowser();
try {
  for (const size of WIDTHS) {
    const context = await newContext(browser, given ?? server.url, { viewport: { width: size.width, height: size.height }, locale: 'fr-BE' });
    const page = await context.newPage();
    for (const entry of PAGES) {
      await entry.open(page);
      await shoot(page, entry.name, size, entry.viewportOnly);
    }
    await context.close();
  }
  for (const size of STAFF_WIDTHS) {
    for (const entry of STAFF_PAGES) {
      // a context per page: each account signs in afresh
      const context = await newContext(browser, given ?? server.url, { viewport: { width: size.width, height: size.height }, locale: 'fr-BE' });
      const page = await context.newPage();
      await signIn(page, entry.account);
      await entry.open(page);
      await shoot(page, entry.name, size, false);
      await context.close();
    }
  }
} finally {
  await browser.close();
  await server?.stop();
}
