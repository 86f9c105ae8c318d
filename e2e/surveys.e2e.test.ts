// Browser tests of custom surveys: an editor builds a small survey in English (template, a matrix question
// written side by side in FR/NL/EN, reorder, open), a visitor answers it without JavaScript, the editor reads
// the results. The page tours in French and Dutch visit every page the flow shows, so axe-core checks them
// in all three languages.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { submitAndCheck, visit } from './browser.ts';
import { signIn, useServerAndBrowser } from './session.ts';
import { translator } from '../src/platform/i18n/messages.ts';
import { LANGUAGE_NAMES, type Language } from '../src/platform/i18n/languages.ts';

const { withPage } = useServerAndBrowser();

const FLOW_LANG: Language = 'en';
const TOUR_LANGS: Language[] = ['fr', 'nl'];
const EDITOR = 'editor@demo.irisdesk.brussels';

async function h1(page: Page): Promise<string> {
  const headings = await page.getByRole('heading', { level: 1 }).allTextContents();
  expect(headings).toHaveLength(1);
  return headings[0]!.trim();
}

/** An open survey made through the API of a signed-in page: its id and slug. */
async function openSurveyThroughApi(page: Page, templateCode: string): Promise<{ id: string; slug: string }> {
  const created = await page.request.post('/api/v1/surveys', { data: { owner: 'organisation', templateCode } });
  expect(created.status()).toBe(201);
  const { id, slug } = await created.json();
  expect((await page.request.post(`/api/v1/surveys/${id}/open`, { data: { version: 1 } })).status()).toBe(204);
  return { id, slug };
}

describe('surveys flow', { timeout: 180_000 }, () => {
  it(`builds a survey in ${FLOW_LANG}, answers it without JavaScript and reads the results`, async () => {
    const lang = FLOW_LANG;
    const t = translator(lang);
    const path = await withPage(async (page) => {
      await signIn(page, lang, EDITOR);
      await visit(page, `/${lang}/admin/surveys`);
      await page.getByRole('link', { name: t('surveys.list.create') }).click();
      await page.waitForURL(`**/${lang}/admin/surveys/new`);
      await visit(page, `/${lang}/admin/surveys/new`);
      await page.getByLabel(t('surveys.new.blank')).check();
      await page.getByLabel(t('surveys.field.titleIn', { language: LANGUAGE_NAMES.fr })).fill('Accueil du service population');
      await page.getByLabel(t('surveys.field.titleIn', { language: LANGUAGE_NAMES.nl })).fill('Onthaal van de dienst bevolking');
      await page.getByLabel(t('surveys.field.titleIn', { language: LANGUAGE_NAMES.en })).fill('Population desk reception');
      await submitAndCheck(page, page.getByRole('button', { name: t('surveys.new.submit') }), { status: 200 });
      expect(await h1(page)).toBe('Population desk reception');
      const surveyPath = new URL(page.url()).pathname;
      // A question from the bank, then a matrix written side by side in three languages.
      await page.getByLabel(t('surveys.edit.fromBank')).selectOption('recommend-nps');
      await submitAndCheck(page, page.getByRole('button', { name: t('surveys.edit.addFromBank') }), { status: 200 });
      await page.getByLabel(t('surveys.edit.newKind')).selectOption('matrix');
      await submitAndCheck(page, page.getByRole('button', { name: t('surveys.edit.addBlank') }), { status: 200 });
      expect(page.url()).toMatch(/\/questions\/new\?kind=matrix$/);
      const texts = {
        fr: ['Comment jugez-vous…', 'Bon\nMauvais', 'L’accueil\nL’attente'],
        nl: ['Hoe beoordeelt u…', 'Goed\nSlecht', 'Het onthaal\nDe wachttijd'],
        en: ['How do you rate…', 'Good\nPoor', 'Reception\nWaiting'],
      } as const;
      for (const language of ['fr', 'nl', 'en'] as const) {
        const name = LANGUAGE_NAMES[language];
        await page.getByLabel(t('surveys.field.textIn', { language: name })).fill(texts[language][0]);
        await page.getByLabel(t('surveys.field.columnsIn', { language: name })).fill(texts[language][1]);
        await page.getByLabel(t('surveys.field.rowsIn', { language: name })).fill(texts[language][2]);
      }
      await page.getByLabel(t('surveys.field.requiredLabel')).check();
      await submitAndCheck(page, page.getByRole('button', { name: t('surveys.question.save') }), { status: 200 });
      await submitAndCheck(page, page.getByRole('button', { name: t('surveys.edit.moveUp', { number: 2 }) }), { status: 200 });
      await expect(page.getByRole('list').filter({ hasText: 'How do you rate' }).first().textContent()).resolves.toMatch(/How do you rate[\s\S]*recommend/);
      await submitAndCheck(page, page.getByRole('button', { name: t('surveys.edit.open') }), { status: 200 });
      await expect(page.getByRole('main').textContent()).resolves.toContain(t('surveys.state.open'));
      const publicPath = await page.getByRole('link', { name: t('surveys.edit.publicPage') }).getAttribute('href');
      expect(publicPath).toMatch(new RegExp(`^/${lang}/surveys/population-desk|^/${lang}/surveys/accueil-du-service-population`));
      return { surveyPath, publicPath: publicPath! };
    });

    await withPage(
      async (page) => {
        await visit(page, path.publicPath);
        expect(await h1(page)).toBe('Population desk reception');
        await submitAndCheck(page, page.getByRole('button', { name: t('surveys.respond.submit') }), { status: 400 });
        await expect(page.getByRole('alert').first().textContent()).resolves.toContain('How do you rate… – Reception');
        const matrix = page.getByRole('group', { name: 'How do you rate…' });
        await matrix.getByRole('group', { name: 'Reception' }).getByLabel('Good', { exact: true }).check();
        await matrix.getByRole('group', { name: 'Waiting' }).getByLabel('Poor', { exact: true }).check();
        await page
          .getByRole('group', { name: /recommend this service/ })
          .getByLabel(/^9$/)
          .check();
        await submitAndCheck(page, page.getByRole('button', { name: t('surveys.respond.submit') }), { status: 200 });
        expect(await h1(page)).toBe(t('surveys.thanks.title'));
        await visit(page, path.publicPath, { status: 409 });
      },
      { javaScriptEnabled: false },
    );

    await withPage(async (page) => {
      await signIn(page, lang, EDITOR);
      await visit(page, `${path.surveyPath}/results`);
      await expect(page.getByRole('table', { name: /How do you rate/ }).count()).resolves.toBe(1);
      await expect(page.getByRole('link', { name: t('surveys.results.csv') }).count()).resolves.toBe(1);
    });
  });
});

describe.each(TOUR_LANGS)('surveys page tour in %s', { timeout: 180_000 }, (lang) => {
  const t = translator(lang);

  it('shows the builder, the results and the respondent pages in the language', async () => {
    const survey = await withPage(async (page) => {
      await signIn(page, lang, EDITOR);
      const made = await openSurveyThroughApi(page, 'reception-quality');
      await visit(page, `/${lang}/admin/surveys`);
      expect(await h1(page)).toBe(t('surveys.list.title'));
      await visit(page, `/${lang}/admin/surveys/new`);
      expect(await h1(page)).toBe(t('surveys.new.title'));
      await visit(page, `/${lang}/admin/surveys/${made.id}`);
      await expect(page.getByRole('table', { name: t('surveys.completeness.caption') }).count()).resolves.toBe(1);
      const draft = (await (await page.request.post('/api/v1/surveys', { data: { owner: 'organisation', templateCode: 'reception-quality' } })).json()) as {
        id: string;
      };
      const detail = await (await page.request.get(`/api/v1/surveys/${draft.id}`)).json();
      await visit(page, `/${lang}/admin/surveys/${draft.id}`);
      await visit(page, `/${lang}/admin/surveys/${draft.id}/questions/${detail.questions[1].id}`);
      expect(await h1(page)).toBe(t('surveys.question.editTitle'));
      await visit(page, `/${lang}/admin/surveys/${made.id}/results`);
      return made;
    });
    await withPage(
      async (page) => {
        await visit(page, `/${lang}/surveys/${survey.slug}`);
        await expect(page.getByRole('group').count()).resolves.toBeGreaterThan(5);
        await visit(page, `/${lang}/surveys/thanks`);
        expect(await h1(page)).toBe(t('surveys.thanks.title'));
        await visit(page, `/${lang}/surveys/no-such-survey`, { status: 404 });
      },
      { javaScriptEnabled: false },
    );
  });
});
