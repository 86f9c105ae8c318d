// Browser tests of the competence center: the questionnaire (saving a draft, an incomplete submission with
// its error summary), the results with the radar chart and its table, the regional view and the portfolio,
// the reopening confirmation and the three-language edit forms (criterion, good practice, action, strategy).
// Each interactive flow runs in one language (questionnaire in fr, results in nl); a page tour per language
// visits every page the flows show (and the competence center's own pages) so that axe-core checks each of
// them in fr, nl and en.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { checkA11y, submitAndCheck, visit } from './browser.ts';
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

const MANAGER = 'manager@demo.irisdesk.brussels';
const MANAGER_IXELLES = 'manager.ixelles@demo.irisdesk.brussels';
const ANALYST = 'analyst@demo.irisdesk.brussels';
const ASSESSMENT = 'competence/campaigns/demo-2026/assessments/commune-schaerbeek';
const RESULTS = 'competence/campaigns/demo-2026/results/commune-ixelles';

/** Opens every "details" disclosure by keyboard (the tables are details on demand, decision 0045), then runs axe-core again. */
async function openDetails(page: Page): Promise<void> {
  const summaries = page.locator('main details:not([open]) > summary');
  for (let n = await summaries.count(); n > 0; n--) {
    await summaries.first().focus();
    await page.keyboard.press('Enter');
  }
  expect(await page.locator('main details:not([open])').count()).toBe(0);
  await checkA11y(page);
}
const ACTION_PLAN = 'competence/action-plans/commune-ixelles';
/** Submitted in the open demo campaign: the competence center may reopen it (the tour only opens the confirmation). */
const SUBMITTED = 'competence/campaigns/demo-2026/assessments/commune-ixelles';

/** The language each flow runs in; the page tours of the other languages cover the pages it shows. */
const QUESTIONNAIRE_LANG: Language = 'fr';
const RESULTS_LANG: Language = 'nl';

/** A translated title up to its organisation name, such as "Results:" of "Results: {organisation}". */
function fixedPart(t: ReturnType<typeof translator>, key: Parameters<ReturnType<typeof translator>>[0]): string {
  return t(key, { organisation: '\u0000' }).split('\u0000')[0]!.trim();
}

async function expectH1(page: Page, text: string, exact = true): Promise<void> {
  const headings = await page.getByRole('heading', { level: 1 }).allTextContents();
  expect(headings).toHaveLength(1);
  if (exact) expect(headings[0]!.trim()).toBe(text);
  else expect(headings[0]).toContain(text);
}

describe('competence center flows', () => {
  it(
    `fills in the questionnaire in ${QUESTIONNAIRE_LANG}: a draft is saved, an incomplete submission lists what is missing`,
    () =>
      asUser(QUESTIONNAIRE_LANG, MANAGER, async (page) => {
        const lang = QUESTIONNAIRE_LANG;
        const t = translator(lang);
        await visit(page, `/${lang}/competence`);
        await visit(page, `/${lang}/${ASSESSMENT}`);
        expect(await page.getByRole('heading', { level: 1 }).count()).toBe(1);
        const score = page.locator('#field-answers-governance-cooperation-score');
        const evidence = page.locator('#field-answers-governance-cooperation-evidence');
        // The demo draft is shared with other files: what it held is put back at the end.
        const before = { score: await score.inputValue(), evidence: await evidence.inputValue() };
        await score.fill('20');
        await evidence.fill('Accord avec le CPAS');
        await submitAndCheck(page, page.getByRole('button', { name: t('competence.assessment.saveDraft') }), { status: 200 });
        await expect(page.getByRole('status').first().textContent()).resolves.toContain(t('competence.notice.draftSaved'));
        await expect(score.inputValue()).resolves.toBe('20');
        // Half the criteria have no score yet: submitting lists each of them in the error summary.
        await submitAndCheck(page, page.getByRole('button', { name: t('competence.assessment.submit') }), { status: 400 });
        const summary = page.locator('[data-error-summary]');
        expect(await summary.locator('li').count()).toBeGreaterThanOrEqual(5);
        const first = summary.locator('a').first();
        const target = (await first.getAttribute('href'))!;
        expect(await page.locator(target).count()).toBe(1);
        // Put the demo draft back as it was.
        await visit(page, `/${lang}/${ASSESSMENT}`);
        await score.fill(before.score);
        await evidence.fill(before.evidence);
        await submitAndCheck(page, page.getByRole('button', { name: t('competence.assessment.saveDraft') }), { status: 200 });
        await expect(score.inputValue()).resolves.toBe(before.score);
        await expect(evidence.inputValue()).resolves.toBe(before.evidence);
      }),
    SLOW,
  );

  it(
    `shows results in ${RESULTS_LANG} with a radar chart and its data table`,
    () =>
      asUser(RESULTS_LANG, MANAGER_IXELLES, async (page) => {
        const lang = RESULTS_LANG;
        const t = translator(lang);
        await visit(page, `/${lang}/${RESULTS}`);
        // Key figures first (issue 17 item 9), then the radar; the tables open on demand.
        await expect(page.getByRole('list', { name: t('competence.key.label') }).count()).resolves.toBe(1);
        await openDetails(page);
        const chart = page.locator('svg[role="img"]');
        expect(await chart.count()).toBe(1);
        expect(await chart.locator('title').textContent()).toContain(t('competence.radar.title', { organisation: '' }).trim().split(':')[0]!.trim());
        expect(await chart.locator('desc').textContent()).toBe(t('competence.radar.desc'));
        expect(
          await page
            .getByRole('table', { name: t('competence.results.dimensionTable') })
            .locator('tbody tr')
            .count(),
        ).toBe(6);
        await visit(page, `/${lang}/${ACTION_PLAN}`);
      }),
    SLOW,
  );
});

describe.each(LANGUAGES)('competence center page tour in %s', (lang) => {
  const t = translator(lang);

  it(
    'shows every page of the competence center with its title in the language',
    async () => {
      if (lang !== QUESTIONNAIRE_LANG) {
        await asUser(lang, MANAGER, async (page) => {
          await visit(page, `/${lang}/competence`);
          await expectH1(page, t('competence.title'));
          await visit(page, `/${lang}/${ASSESSMENT}`);
          await expectH1(page, fixedPart(t, 'competence.assessment.title'), false);
          await expect(page.getByRole('button', { name: t('competence.assessment.saveDraft') }).count()).resolves.toBe(1);
        });
      }
      if (lang !== RESULTS_LANG) {
        await asUser(lang, MANAGER_IXELLES, async (page) => {
          await visit(page, `/${lang}/${RESULTS}`);
          await expectH1(page, fixedPart(t, 'competence.results.title'), false);
          await openDetails(page);
          await expect(page.getByRole('table', { name: t('competence.results.dimensionTable') }).count()).resolves.toBe(1);
          await visit(page, `/${lang}/${ACTION_PLAN}`);
          await expectH1(page, fixedPart(t, 'competence.actionPlan.title'), false);
        });
      }
      // The competence center's own pages, in every language.
      await asUser(lang, ANALYST, async (page) => {
        await visit(page, `/${lang}/competence/campaigns/demo-2026/region`);
        await expectH1(page, t('competence.region.title'));
        await expect(page.getByRole('list', { name: t('competence.key.label') }).count()).resolves.toBe(1);
        if (lang === RESULTS_LANG) await openDetails(page);
        await visit(page, `/${lang}/competence/portfolio`);
        await expectH1(page, t('competence.portfolio.title'));
        await visit(page, `/${lang}/competence/practices`);
        await expectH1(page, t('competence.practices.title'));
        await visit(page, `/${lang}/competence/strategy`);
        await expectH1(page, t('competence.strategy.title'));
        await visit(page, `/${lang}/competence/expertise`);
        await expectH1(page, t('competence.expertise.title'));
        // A submitted assessment: its history, and the confirmation page of a reopening (only looked at here).
        await visit(page, `/${lang}/${SUBMITTED}`);
        await expect(page.getByRole('heading', { level: 2, name: t('competence.history.title'), exact: true }).count()).resolves.toBe(1);
        await visit(page, `/${lang}/${SUBMITTED}/reopen`);
        await expectH1(page, fixedPart(t, 'competence.reopen.title'), false);
        await expect(page.getByLabel(t('competence.field.reason')).count()).resolves.toBe(1);
        // The edit forms that take FR, NL and EN at once (each field with its lang).
        await visit(page, `/${lang}/competence/campaigns/demo-2026/criteria/culture.charter`);
        await expectH1(page, t('competence.criterion.edit'));
        await expect(page.locator('input[lang="nl"][name="title.nl"]').count()).resolves.toBe(1);
        await visit(page, `/${lang}/competence/practices`);
        await visit(page, (await page.locator('a[href*="/competence/practices/"]').first().getAttribute('href'))!);
        await expect(page.locator('textarea[lang="en"][name="description.en"]').count()).resolves.toBe(1);
        // An organisation's action plan is changed by that organisation only (issue 13): the analyst reads it
        // without edit links; its own manager edits an action.
        await visit(page, `/${lang}/${ACTION_PLAN}`);
        await expect(page.locator('a[href*="/competence/actions/"]').count()).resolves.toBe(0);
      });
      await asUser(lang, MANAGER_IXELLES, async (page) => {
        await visit(page, `/${lang}/${ACTION_PLAN}`);
        await visit(page, (await page.locator('a[href*="/competence/actions/"]').first().getAttribute('href'))!);
        await expectH1(page, t('competence.action.edit'));
      });
    },
    SLOW,
  );
});
