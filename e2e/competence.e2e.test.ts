// Browser tests of the competence center: the questionnaire (saving a draft, an incomplete submission with
// its error summary), the results with the radar chart and its table, the regional view and the portfolio,
// in the three languages, with axe-core on every page visited.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { submitAndCheck, visit } from './browser.ts';
import { signIn, useServerAndBrowser } from './session.ts';
import { translator } from '../src/platform/i18n/messages.ts';
import { LANGUAGES, type Language } from '../src/platform/i18n/languages.ts';

/** axe-core on several pages of a busy machine takes time: each test gets three minutes. */
const SLOW = 180_000;

const { withPage } = useServerAndBrowser();

function asUser<T>(lang: Language, email: string, run: (page: Page) => Promise<T>): Promise<T> {
  return withPage(async (page) => {
    await signIn(page, lang, email);
    return run(page);
  });
}

describe.each(LANGUAGES)('competence center in %s', (lang) => {
  const t = translator(lang);

  it('fills in the questionnaire: a draft is saved, an incomplete submission lists what is missing', () =>
    asUser(lang, 'manager@demo.irisdesk.brussels', async (page) => {
      await visit(page, `/${lang}/competence`);
      await visit(page, `/${lang}/competence/campaigns/demo-2026/assessments/commune-schaerbeek`);
      expect(await page.getByRole('heading', { level: 1 }).count()).toBe(1);
      await page.locator('#field-answers-governance-cooperation-score').fill('20');
      await page.locator('#field-answers-governance-cooperation-evidence').fill('Accord avec le CPAS');
      await submitAndCheck(page, page.getByRole('button', { name: t('competence.assessment.saveDraft') }), { status: 200 });
      await expect(page.getByRole('status').first().textContent()).resolves.toContain(t('competence.notice.draftSaved'));
      await expect(page.locator('#field-answers-governance-cooperation-score').inputValue()).resolves.toBe('20');
      // Half the criteria have no score yet: submitting lists each of them in the error summary.
      await submitAndCheck(page, page.getByRole('button', { name: t('competence.assessment.submit') }), { status: 400 });
      const summary = page.locator('[data-error-summary]');
      expect(await summary.locator('li').count()).toBeGreaterThanOrEqual(5);
      const first = summary.locator('a').first();
      const target = (await first.getAttribute('href'))!;
      expect(await page.locator(target).count()).toBe(1);
    }), SLOW);

  it('shows results with a radar chart and its data table', () =>
    asUser(lang, 'manager.ixelles@demo.irisdesk.brussels', async (page) => {
      await visit(page, `/${lang}/competence/campaigns/demo-2026/results/commune-ixelles`);
      const chart = page.locator('svg[role="img"]');
      expect(await chart.count()).toBe(1);
      expect(await chart.locator('title').textContent()).toContain(t('competence.radar.title', { organisation: '' }).trim().split(':')[0]!.trim());
      expect(await chart.locator('desc').textContent()).toBe(t('competence.radar.desc'));
      expect(await page.getByRole('table', { name: t('competence.results.dimensionTable') }).locator('tbody tr').count()).toBe(6);
      await visit(page, `/${lang}/competence/action-plans/commune-ixelles`);
    }), SLOW);

  it('shows the regional view and the portfolio to the competence center', () =>
    asUser(lang, 'analyst@demo.irisdesk.brussels', async (page) => {
      await visit(page, `/${lang}/competence/campaigns/demo-2026/region`);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(t('competence.region.title'));
      await visit(page, `/${lang}/competence/portfolio`);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(t('competence.portfolio.title'));
    }), SLOW);

  it('shows the practices, the strategy and the expertise requests to the competence center', () =>
    asUser(lang, 'analyst@demo.irisdesk.brussels', async (page) => {
      await visit(page, `/${lang}/competence/practices`);
      await visit(page, `/${lang}/competence/strategy`);
      await visit(page, `/${lang}/competence/expertise`);
    }), SLOW);
});
