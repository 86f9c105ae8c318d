// Browser tests of appointments: the whole booking flow without an account, driven in English with the mouse
// (service → point → week → details with invalid answers → check your answers with "Change" → confirmation,
// the calendar file, "are you sure?" before cancelling); the keyboard-only flow in the three languages is
// appointments-keyboard.e2e.test.ts. Then the agent's agenda with "arrived", and the settings screens.
// axe-core runs on every page (visit / submitAndCheck / checkA11y).
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { checkA11y, submitAndCheck, visit } from './browser.ts';
import { signIn, useServerAndBrowser } from './session.ts';
import { translator } from '../src/platform/i18n/messages.ts';
import { LANGUAGES } from '../src/platform/i18n/languages.ts';

const { withPage, serverUrl } = useServerAndBrowser();
let schaerbeek: string;

beforeAll(async () => {
  const response = await fetch(`${serverUrl()}/api/v1/organisations/commune-schaerbeek/contact-points`);
  schaerbeek = ((await response.json()) as { contactPoints: Array<{ id: string; code: string }> }).contactPoints.find(
    (cp) => cp.code === 'maison-communale',
  )!.id;
});

async function follow(page: Page, link: ReturnType<Page['locator']>) {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), link.click()]);
  await checkA11y(page);
}

describe('booking an appointment in en', () => {
  const lang = 'en';
  const t = translator(lang);
  it(
    'goes from the service to a confirmed appointment, accessibly, without an account',
    () =>
      withPage(async (page) => {
        await visit(page, `/${lang}/appointments`);
        await page.getByLabel(t('appointments.field.service')).selectOption('eid-card');
        await page.getByLabel(t('appointments.field.postalCode')).fill('1030');
        await submitAndCheck(page, page.getByRole('button', { name: t('appointments.next') }), { status: 200 });
        await follow(page, page.getByRole('link', { name: new RegExp(t('appointments.points.choose')) }).first());
        // The week: "next available" first, then the days with their times (the keyboard test takes later days).
        await expect(page.locator('.irisdesk-next-available a').count()).resolves.toBe(1);
        await follow(page, page.locator('a.irisdesk-time').nth(3));
        // "How should we contact you?": nothing chosen is refused; each field shows under its choice only.
        await page.getByLabel(t('appointments.field.name')).fill(`E2E ${lang}`);
        await expect(page.getByLabel(t('appointments.field.phone'), { exact: true }).isVisible()).resolves.toBe(false);
        await submitAndCheck(page, page.getByRole('button', { name: t('appointments.next') }), { status: 400 });
        await expect(page.locator('[data-error-summary]').count()).resolves.toBe(1);
        await page.getByLabel(t('appointments.contact.byEmail'), { exact: true }).check();
        await page.getByLabel(t('appointments.field.email'), { exact: true }).fill('not an address');
        await submitAndCheck(page, page.getByRole('button', { name: t('appointments.next') }), { status: 400 });
        await expect(page.getByLabel(t('appointments.field.email'), { exact: true }).isVisible()).resolves.toBe(true);
        // By keyboard: the arrow moves the choice to the text message, whose field Tab then reaches.
        await page.getByLabel(t('appointments.contact.byEmail'), { exact: true }).focus();
        await page.keyboard.press('ArrowDown');
        await expect(page.getByLabel(t('appointments.contact.byPhone'), { exact: true }).isChecked()).resolves.toBe(true);
        await expect(page.getByLabel(t('appointments.field.email'), { exact: true }).isVisible()).resolves.toBe(false);
        await page.keyboard.press('Tab');
        await expect(page.evaluate(() => document.activeElement?.getAttribute('name'))).resolves.toBe('phone');
        await page.keyboard.type('0470 30 00 01');
        await checkA11y(page);
        await submitAndCheck(page, page.getByRole('button', { name: t('appointments.next') }), { status: 200 });
        // Check your answers: "Change" brings the details back filled in.
        await submitAndCheck(
          page,
          page.getByRole('button', { name: `${t('appointments.check.change')} ${t('appointments.field.name').toLocaleLowerCase()}` }),
          {
            status: 200,
          },
        );
        await expect(page.getByLabel(t('appointments.field.name')).inputValue()).resolves.toBe(`E2E ${lang}`);
        await submitAndCheck(page, page.getByRole('button', { name: t('appointments.next') }), { status: 200 });
        await submitAndCheck(page, page.getByRole('button', { name: t('appointments.details.submit') }), { status: 200 });
        await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(t('appointments.manage.bookedTitle'));
        await expect(page.locator('main').textContent()).resolves.toContain('+32 470 30 00 01');
        await expect(page.locator('main').textContent()).resolves.toMatch(/RDV-[A-Z0-9]{4}-[A-Z0-9]{4}/);
        const calendar = await page.request.get(
          (await page.getByRole('link', { name: t('appointments.confirmation.calendar') }).getAttribute('href')) as string,
        );
        expect(await calendar.text()).toContain('BEGIN:VEVENT');
        await follow(page, page.getByRole('link', { name: t('appointments.confirmation.manage') }));
        await follow(page, page.getByRole('link', { name: t('appointments.manage.cancel') }));
        await follow(page, page.getByRole('link', { name: t('appointments.cancel.keep') }));
        await expect(page.locator('main').textContent()).resolves.toContain(t('appointments.status.booked'));
      }),
    240_000,
  );
});

describe('agent and manager screens', () => {
  it(
    'shows the agenda (day and week) with arrived, and the settings screens',
    () =>
      withPage(async (page) => {
        // A booking to look at.
        const slots = (await (await fetch(`${serverUrl()}/api/v1/contact-points/${schaerbeek}/slots?service=eid-card`)).json()) as {
          slots: Array<{ start: string }>;
        };
        const start = slots.slots.at(-1)!.start;
        const booked = await fetch(`${serverUrl()}/api/v1/appointments`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            contactPointId: schaerbeek,
            serviceCode: 'eid-card',
            start,
            name: 'Agenda Visitor',
            email: 'agenda.visitor@example.be',
            language: 'fr',
          }),
        });
        expect(booked.status).toBe(201);
        const { reference } = (await booked.json()) as { reference: string };
        const date = start.slice(0, 10);
        // A service offered at the counter, by phone and by video (Homegrade, demo data): the details step asks how.
        const homegrade = (
          (await (await fetch(`${serverUrl()}/api/v1/organisations/homegrade/contact-points`)).json()) as { contactPoints: Array<{ id: string }> }
        ).contactPoints[0]!.id;
        const advice = (await (await fetch(`${serverUrl()}/api/v1/contact-points/${homegrade}/slots?service=renovation-advice`)).json()) as {
          slots: Array<{ start: string }>;
        };
        await visit(page, `/fr/appointments/details?service=renovation-advice&point=${homegrade}&start=${encodeURIComponent(advice.slots[0]!.start)}`);
        await expect(page.locator('input[name="mode"][type="radio"]').count()).resolves.toBe(3);
        await expect(page.getByRole('group', { name: translator('fr')('appointments.mode.legend') }).count()).resolves.toBe(1);
        // One sign-in: the session holds in every language, so the agenda is then opened in the three.
        await signIn(page, 'fr', 'agent@demo.irisdesk.brussels');
        for (const lang of LANGUAGES) {
          const t = translator(lang);
          await visit(page, `/${lang}/agenda`);
          await visit(page, `/${lang}/agenda/${schaerbeek}?date=${date}`);
          await expect(page.locator('main').textContent()).resolves.toContain(reference);
          if (lang === 'en') {
            await submitAndCheck(page, page.getByRole('button', { name: `${t('appointments.agenda.mark.arrived')} – ${reference}` }), { status: 200 });
            await expect(page.getByRole('row', { name: new RegExp(reference) }).textContent()).resolves.toContain(t('appointments.status.arrived'));
            await visit(page, `/${lang}/agenda/${schaerbeek}?date=${date}&view=week`);
          }
        }
        await page.context().clearCookies();
        const t = translator('nl');
        await signIn(page, 'nl', 'manager@demo.irisdesk.brussels');
        await visit(page, '/nl/admin/appointments');
        await visit(page, '/nl/admin/appointments/new');
        await page.getByLabel(t('appointments.field.capacity')).fill('0');
        await submitAndCheck(page, page.getByRole('button', { name: t('appointments.settings.save') }), { status: 400 });
        await follow(page, page.getByRole('link', { name: new RegExp(t('nav.appointmentSettings')) }).first());
        await follow(page, page.locator('main table a').first());
      }),
    240_000,
  );
});
