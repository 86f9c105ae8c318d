// Browser tests of satisfaction: the questionnaire after a contact (without JavaScript, errors, replay),
// the organisation and regional dashboards and the public barometer, in the three languages, with axe-core
// on every page.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { submitAndCheck, visit } from './browser.ts';
import { useServerAndBrowser } from './session.ts';
import { translator } from '../src/platform/i18n/messages.ts';
import { LANGUAGES, type Language } from '../src/platform/i18n/languages.ts';
import { DEMO_PASSWORD } from '../src/seed/demo.ts';

const { withPage } = useServerAndBrowser();

async function signIn(page: Page, lang: Language, email: string) {
  const t = translator(lang);
  await visit(page, `/${lang}/login`);
  await page.getByLabel(t('field.email')).fill(email);
  await page.getByLabel(t('field.password')).fill(DEMO_PASSWORD);
  await submitAndCheck(page, page.getByRole('button', { name: t('login.submit') }), { status: 200 });
}

/** A feedback link made by a counter agent, as a QR code at the desk would carry. */
async function feedbackLink(lang: Language): Promise<string> {
  return withPage(async (page) => {
    await signIn(page, lang, 'agent@demo.irisdesk.brussels');
    const response = await page.request.post('/api/v1/satisfaction/invitations', { data: { channel: 'counter', language: lang } });
    expect(response.status()).toBe(201);
    return new URL((await response.json()).url).pathname;
  });
}

describe.each(LANGUAGES)('satisfaction in %s', { timeout: 180_000 }, (lang) => {
  const t = translator(lang);

  it('answers the questionnaire without JavaScript, with errors first, and refuses a second answer', async () => {
    const path = await feedbackLink(lang);
    expect(path.startsWith(`/${lang}/feedback/`)).toBe(true);
    await withPage(
      async (page) => {
        await visit(page, path);
        expect(await page.getByRole('heading', { level: 1 }).allTextContents()).toEqual([t('satisfaction.feedback.heading')]);
        await submitAndCheck(page, page.getByRole('button', { name: t('satisfaction.feedback.submit') }), { status: 400 });
        await expect(page.getByRole('alert').first().textContent()).resolves.toContain(t('field.overall'));
        const overall = page.getByRole('group', { name: t('satisfaction.q.overall') });
        await overall.getByLabel(t('satisfaction.scale.satisfied4'), { exact: true }).check();
        await page.getByRole('group', { name: t('satisfaction.q.clarity') }).getByLabel(t('satisfaction.scale.agree5'), { exact: true }).check();
        await page.getByRole('group', { name: t('satisfaction.q.effort') }).getByLabel(t('satisfaction.scale.agree4'), { exact: true }).check();
        await page.getByRole('group', { name: t('satisfaction.q.needMet') }).getByLabel(t('satisfaction.needMet.yes'), { exact: true }).check();
        await page.getByRole('group', { name: t('satisfaction.q.reached') }).getByLabel(t('satisfaction.yes'), { exact: true }).check();
        await page.getByRole('group', { name: t('satisfaction.q.channelsUsed') }).getByLabel(t('satisfaction.channel.counter'), { exact: true }).check();
        await page.getByLabel(t('satisfaction.q.comment')).fill('Merci, appelez-moi au 0470 12 34 56');
        await submitAndCheck(page, page.getByRole('button', { name: t('satisfaction.feedback.submit') }), { status: 200 });
        expect(new URL(page.url()).pathname).toBe(`/${lang}/feedback/thanks`);
        await visit(page, path, { status: 409 });
        await expect(page.getByRole('main').textContent()).resolves.toContain(t('errors.feedback.already_answered'));
      },
      { javaScriptEnabled: false },
    );
  });

  it('shows the organisation dashboard to its manager and the regional one to the competence center', () =>
    withPage(async (page) => {
      await signIn(page, lang, 'manager@demo.irisdesk.brussels');
      await visit(page, `/${lang}/satisfaction/organisations/commune-schaerbeek`);
      expect(await page.getByRole('heading', { level: 1 }).count()).toBe(1);
      await expect(page.getByRole('img', { name: t('satisfaction.chart.trend') }).count()).resolves.toBe(1);
      await expect(page.getByRole('table', { name: t('satisfaction.byChannel') }).count()).resolves.toBe(1);
      await visit(page, `/${lang}/satisfaction/organisations/commune-ixelles`, { status: 403 });
    }));

  it('shows the regional dashboard ranked per indicator', () =>
    withPage(async (page) => {
      await signIn(page, lang, 'analyst@demo.irisdesk.brussels');
      await visit(page, `/${lang}/satisfaction/region?rank=score10`);
      await expect(page.getByRole('table', { name: t('satisfaction.sideBySideCaption') }).count()).resolves.toBe(1);
      await expect(page.getByRole('main').textContent()).resolves.toContain(t('satisfaction.indicator.score10'));
    }));

  it('publishes the barometer with links to open data', () =>
    withPage(async (page) => {
      await visit(page, `/${lang}/barometer`);
      expect(await page.getByRole('heading', { level: 1 }).allTextContents()).toEqual([t('satisfaction.barometer.heading')]);
      await expect(page.getByRole('link', { name: t('satisfaction.barometer.csv') }).getAttribute('href')).resolves.toBe('/api/v1/opendata/satisfaction.csv');
    }));
});
