// Browser tests of agent safety, with axe-core on every page in the three languages: an agent reports an
// incident without JavaScript in Dutch (the one-click button, the pre-filled form, its errors, the
// confirmation), and a page tour opens the same pages in French and English; a
// manager sees the live alert banner when a colleague calls for help, opens the incident, the dashboard and
// the contact-point teams, and tracks an incident to closure.
import { describe, expect, it } from 'vitest';
import { checkA11y, submitAndCheck, visit } from './browser.ts';
import { signIn, useServerAndBrowser } from './session.ts';
import { translator } from '../src/platform/i18n/messages.ts';

const { withPage } = useServerAndBrowser();

describe('reporting an incident in nl', { timeout: 180_000 }, () => {
  const lang = 'nl';
  const t = translator(lang);
  it('goes from the button to a pre-filled form, explains errors, and confirms without JavaScript', () =>
    withPage(
      async (page) => {
        await signIn(page, lang, 'agent@demo.irisdesk.brussels');
        await visit(page, `/${lang}/safety`);
        await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.getByRole('link', { name: t('safety.button.report') }).click()]);
        await checkA11y(page);
        expect(new URL(page.url()).pathname).toBe(`/${lang}/safety/report`);
        await expect(page.getByLabel(t('safety.field.occurredAt')).inputValue()).resolves.toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
        await expect(page.getByLabel(t('safety.field.contactPointId'), { exact: true }).inputValue()).resolves.not.toBe('');
        await submitAndCheck(page, page.getByRole('button', { name: t('safety.report.submit') }), { status: 400 });
        await expect(page.locator('[data-error-summary]').textContent()).resolves.toContain(t('safety.field.type'));
        await page
          .getByRole('group', { name: t('safety.field.type') })
          .getByLabel(t('safety.type.verbal_aggression'), { exact: true })
          .check();
        await page.getByLabel(t('safety.field.description')).fill('E2E : un usager a insulté l’agent au guichet.');
        await submitAndCheck(page, page.getByRole('button', { name: t('safety.report.submit') }), { status: 200 });
        expect(new URL(page.url()).pathname).toMatch(new RegExp(`^/${lang}/safety/incidents/[0-9a-f-]{36}$`));
        await expect(page.getByRole('status').first().textContent()).resolves.toContain(t('safety.notice.reported'));
        await expect(page.getByText(t('safety.incident.reporterNote')).count()).resolves.toBe(1);
      },
      { javaScriptEnabled: false },
    ));
});

describe.each(['fr', 'en'] as const)('incident pages in %s', { timeout: 180_000 }, (lang) => {
  const t = translator(lang);
  it('shows the safety page, the pre-filled report form and a reported incident without JavaScript', () =>
    withPage(
      async (page) => {
        await signIn(page, lang, 'agent@demo.irisdesk.brussels');
        await visit(page, `/${lang}/safety`);
        await expect(page.getByRole('link', { name: t('safety.button.report') }).count()).resolves.toBe(1);
        await visit(page, `/${lang}/safety/report`);
        await expect(page.getByLabel(t('safety.field.occurredAt')).inputValue()).resolves.toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
        await expect(page.getByRole('button', { name: t('safety.report.submit') }).count()).resolves.toBe(1);
        const created = await page.request.post('/api/v1/safety/incidents', {
          data: { type: 'verbal_aggression', placeText: 'Guichet (E2E)', description: 'E2E : un usager a insulté l’agent au guichet.' },
        });
        expect(created.status()).toBe(201);
        await visit(page, `/${lang}/safety/incidents/${(await created.json()).id as string}`);
        await expect(page.getByText(t('safety.incident.reporterNote')).count()).resolves.toBe(1);
      },
      { javaScriptEnabled: false },
    ));
});

describe('following up as a manager', () => {
  it(
    'shows the live alert of a call for help, the incident, the dashboard and the teams',
    () =>
      withPage(async (page, context) => {
        const t = translator('en');
        await signIn(page, 'en', 'manager@demo.irisdesk.brussels');
        await visit(page, '/en/safety');
        await page.waitForFunction(() => !!document.getElementById('irisdesk-safety-alerts'));
        // A colleague of the same contact point calls for help from another browser.
        const agent = await context.browser()!.newContext({ baseURL: new URL(page.url()).origin });
        try {
          const agentPage = await agent.newPage();
          await signIn(agentPage, 'en', 'agent@demo.irisdesk.brussels');
          // Give the manager's stream time to subscribe before the alert goes out.
          await page.waitForTimeout(500);
          const response = await agentPage.request.post('/api/v1/safety/help', { data: {} });
          expect(response.status()).toBe(201);
        } finally {
          await agent.close();
        }
        const banner = page.locator('#irisdesk-safety-alerts [role="alert"]').first();
        await banner.waitFor({ timeout: 10_000 });
        await expect(banner.textContent()).resolves.toContain('Amira Agent needs help now');
        await checkA11y(page);
        await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), banner.getByRole('link', { name: t('safety.alert.open') }).click()]);
        await checkA11y(page);
        await expect(page.getByText(t('safety.incident.pending')).count()).resolves.toBe(1);
        await visit(page, '/en/safety/statistics');
        await expect(page.getByRole('table', { name: t('safety.statistics.byPlace') }).count()).resolves.toBe(1);
        await visit(page, '/nl/safety/statistics');
        await visit(page, '/fr/safety/staff');
      }),
    240_000,
  );

  it(
    'tracks a reported incident to closure',
    () =>
      withPage(async (page) => {
        const t = translator('fr');
        await signIn(page, 'fr', 'manager@demo.irisdesk.brussels');
        const created = await page.request.post('/api/v1/safety/incidents', {
          data: { type: 'threat', placeText: 'Parking (E2E)', description: 'E2E : menaces au parking.' },
        });
        expect(created.status()).toBe(201);
        const id = (await created.json()).id as string;
        await visit(page, `/fr/safety/incidents/${id}`);
        await page
          .getByRole('group', { name: t('safety.field.kind') })
          .getByLabel(t('safety.action.debrief'), { exact: true })
          .check();
        await submitAndCheck(page, page.getByRole('button', { name: t('safety.actions.addSubmit') }), { status: 200 });
        await submitAndCheck(page, page.getByRole('button', { name: t('safety.close.submit') }), { status: 409 });
        await submitAndCheck(page, page.getByRole('button', { name: t('safety.actions.markDone') }), { status: 200 });
        await submitAndCheck(page, page.getByRole('button', { name: t('safety.close.submit') }), { status: 200 });
        await expect(page.getByRole('status').first().textContent()).resolves.toContain(t('safety.notice.closed'));
      }),
    240_000,
  );
});
