// Browser tests of contact points: the public page in the three languages and the back-office list, form
// and a refused opening_hours value. axe-core runs on every page visited (visit / submitAndCheck).
import { beforeAll, describe, expect, it } from 'vitest';
import { submitAndCheck, visit } from './browser.ts';
import { signIn, useServerAndBrowser } from './session.ts';
import { translator } from '../src/platform/i18n/messages.ts';
import { LANGUAGES } from '../src/platform/i18n/languages.ts';

const { withPage, serverUrl } = useServerAndBrowser();
let contactPointId: string;

beforeAll(async () => {
  const response = await fetch(`${serverUrl()}/api/v1/organisations/commune-schaerbeek/contact-points`);
  contactPointId = ((await response.json()) as { contactPoints: Array<{ id: string }> }).contactPoints[0]!.id;
});

describe.each(LANGUAGES)('contact point page in %s', (lang) => {
  const t = translator(lang);
  it('shows the address with a map link, the hours in words and the status, accessibly and without sideways scrolling', () =>
    withPage(async (page) => {
      await visit(page, `/${lang}/contact-points/${contactPointId}`);
      expect(await page.getByRole('heading', { level: 1 }).count()).toBe(1);
      await expect(page.locator('.irisdesk-opening-hours li').count()).resolves.toBeGreaterThan(0);
      await expect(page.getByText('Mo-Fr').count()).resolves.toBe(0);
      await expect(page.getByRole('link', { name: t('contactPoints.mapLinkAddress') }).count()).resolves.toBe(1);
      await expect(page.getByText(t('contactPoints.demoNotice')).count()).resolves.toBe(1);
      for (const width of [320, 390]) {
        await page.setViewportSize({ width, height: 800 });
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow, `horizontal overflow at ${width} px`).toBeLessThanOrEqual(0);
      }
    }));
});

describe('contact points in the back office', () => {
  it(
    'lets an editor open the list and the form, and explains a wrong opening_hours value',
    () =>
      withPage(async (page) => {
        const t = translator('en');
        await signIn(page, 'en', 'editor@demo.irisdesk.brussels');
        await visit(page, '/en/admin/contact-points');
        await visit(page, `/en/admin/contact-points/${contactPointId}`);
        await page.getByLabel(t('field.openingHours')).fill('every day except when closed');
        await submitAndCheck(page, page.getByRole('button', { name: t('contactPoints.save') }), { status: 400 });
        await expect(page.locator('[data-error-summary]').textContent()).resolves.toContain('Opening hours: this notation is not valid');
        await visit(page, '/en/admin/contact-points/new');
      }),
    240_000,
  );
});
