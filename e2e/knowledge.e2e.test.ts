// Browser tests of the knowledge base: the public help page of an article in the three languages, the
// back-office search, an internal article with its flag form, the knowledge panel without leaving the page, and
// the editors' form (refused, then saved). Each flow runs in one language; a page tour opens the same pages in
// the other languages. axe-core runs on every page visited, in the three languages.
import { describe, expect, it } from 'vitest';
import { checkA11y, submitAndCheck, visit } from './browser.ts';
import { signIn, useServerAndBrowser } from './session.ts';
import { translator } from '../src/platform/i18n/messages.ts';
import { LANGUAGES } from '../src/platform/i18n/languages.ts';

const { withPage } = useServerAndBrowser();

const SEARCH = { fr: 'encombrants', nl: 'grofvuil', en: 'bulky waste' } as const;
const TITLES = ['Français', 'Nederlands', 'English'];

describe('knowledge base flows', () => {
  it('shows a public article with its version history, and finds it from the help search (fr)', () =>
    withPage(async (page) => {
      const t = translator('fr');
      await visit(page, '/fr/help/trier-ses-dechets-les-sacs-de-couleur');
      expect(await page.getByRole('heading', { level: 1 }).count()).toBe(1);
      await expect(page.getByRole('heading', { name: t('knowledge.history.title') }).count()).resolves.toBe(1);
      await page.getByRole('link', { name: t('knowledge.help.back') }).click();
      await page.waitForURL('**/fr/help');
      await page.getByRole('searchbox', { name: t('knowledge.help.searchLabel') }).fill(SEARCH.fr);
      await submitAndCheck(page, page.getByRole('button', { name: t('knowledge.search.submit') }), { status: 200 });
      await expect(page.locator('a[href$="/help/se-debarrasser-des-encombrants"]').count()).resolves.toBe(1);
    }));

  it(
    'lets an editor search the back office and edit an article in the three languages (en)',
    () =>
      withPage(async (page) => {
        const t = translator('en');
        await signIn(page, 'en', 'editor@demo.irisdesk.brussels');
        await visit(page, `/en/admin/knowledge?q=${encodeURIComponent('PIN PUK')}`);
        await expect(page.locator('a[href$="/admin/knowledge/articles/script-codes-pin-puk-perdus"]').count()).resolves.toBe(1);
        await visit(page, '/en/admin/knowledge/articles/script-codes-pin-puk-perdus');
        await visit(page, '/en/admin/knowledge/articles/renouveler-sa-carte-d-identite/edit');
        // Every title emptied is refused; the demo article's titles are then put back as they were.
        const titles = TITLES.map((name) => page.getByLabel(`${t('knowledge.field.title')} (${name})`));
        const original = await Promise.all(titles.map((field) => field.inputValue()));
        for (const field of titles) await field.fill('');
        await submitAndCheck(page, page.getByRole('button', { name: t('knowledge.edit.saveDraft') }), { status: 400 });
        await expect(page.locator('[data-error-summary]').count()).resolves.toBe(1);
        for (const [index, field] of titles.entries()) await field.fill(original[index]!);
        await submitAndCheck(page, page.getByRole('button', { name: t('knowledge.edit.saveDraft') }), { status: 200 });
        await expect(page.getByText(t('knowledge.edit.saved')).count()).resolves.toBe(1);
      }),
    240_000,
  );
});

// Page tour: the pages of the flows above in the languages they do not run in (public help: nl, en; the
// editors' pages: fr, nl), checked for their labels in that language.
describe.each(LANGUAGES)('knowledge base pages in %s', (lang) => {
  const t = translator(lang);

  it(
    'shows the pages of the flows run in another language',
    () =>
      withPage(async (page) => {
        if (lang !== 'fr') {
          await visit(page, `/${lang}/help/trier-ses-dechets-les-sacs-de-couleur`);
          expect(await page.getByRole('heading', { level: 1 }).count()).toBe(1);
          await expect(page.getByRole('heading', { name: t('knowledge.history.title') }).count()).resolves.toBe(1);
          await visit(page, `/${lang}/help`);
          await expect(page.getByRole('searchbox', { name: t('knowledge.help.searchLabel') }).count()).resolves.toBe(1);
          await visit(page, `/${lang}/help?q=${encodeURIComponent(SEARCH[lang])}`);
          await expect(page.locator('a[href$="/help/se-debarrasser-des-encombrants"]').count()).resolves.toBe(1);
        }
        if (lang !== 'en') {
          await signIn(page, lang, 'editor@demo.irisdesk.brussels');
          await visit(page, `/${lang}/admin/knowledge?q=${encodeURIComponent('PIN PUK')}`);
          await expect(page.locator('a[href$="/admin/knowledge/articles/script-codes-pin-puk-perdus"]').count()).resolves.toBe(1);
          await visit(page, `/${lang}/admin/knowledge/articles/renouveler-sa-carte-d-identite/edit`);
          await expect(page.getByLabel(`${t('knowledge.field.title')} (${TITLES[0]})`).count()).resolves.toBe(1);
          await expect(page.getByRole('button', { name: t('knowledge.edit.saveDraft') }).count()).resolves.toBe(1);
        }
      }),
    240_000,
  );
});

describe('knowledge base for agents', () => {
  it(
    'an agent opens an internal script, flags it, and searches the panel without leaving the page',
    () =>
      withPage(async (page) => {
        const t = translator('fr');
        await signIn(page, 'fr', 'agent@demo.irisdesk.brussels');
        await visit(page, '/fr/admin/knowledge/articles/script-codes-pin-puk-perdus');
        await page.getByLabel(t('knowledge.field.comment')).fill('Préciser le délai de la lettre PIN.');
        await submitAndCheck(page, page.getByRole('button', { name: t('knowledge.flag.submit') }), { status: 200 });
        await expect(page.getByText(t('knowledge.flag.thanks')).count()).resolves.toBe(1);
        // The knowledge panel: with JavaScript, only its results change; the page (URL, flag form) stays.
        const here = page.url();
        await page.getByRole('searchbox', { name: t('knowledge.panel.label') }).fill('encombrants');
        await page.getByRole('button', { name: t('knowledge.search.submit') }).click();
        await page.locator('#knowledge-panel-results a[href$="/admin/knowledge/articles/se-debarrasser-des-encombrants"]').waitFor();
        expect(page.url()).toBe(here);
        await checkA11y(page);
      }),
    240_000,
  );

  it(
    'the knowledge panel works without JavaScript: the GET form reloads the host page with kq',
    () =>
      withPage(
        async (page) => {
          const t = translator('nl');
          await signIn(page, 'nl', 'agent@demo.irisdesk.brussels');
          await visit(page, '/nl/admin/knowledge/articles/script-codes-pin-puk-perdus');
          await page.getByRole('searchbox', { name: t('knowledge.panel.label') }).fill('sluikstort');
          await submitAndCheck(page, page.getByRole('button', { name: t('knowledge.search.submit') }), { status: 200 });
          expect(new URL(page.url()).searchParams.get('kq')).toBe('sluikstort');
          await expect(page.locator('#knowledge-panel-results a[href$="/admin/knowledge/articles/script-signalement-depot-clandestin"]').count()).resolves.toBe(
            1,
          );
        },
        { javaScriptEnabled: false },
      ),
    240_000,
  );
});
