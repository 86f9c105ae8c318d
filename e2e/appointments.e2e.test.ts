// Browser tests of appointments: the whole booking flow without an account, driven in English (service →
// point → slot → details → confirmation, an invalid form, cancelling), with a page tour of the same steps in
// French and Dutch (a booking made by a plain form post, then cancelled); the agent's agenda with "arrived",
// and the settings screens. axe-core runs on every page in the three languages (visit / submitAndCheck /
// checkA11y).
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
        // A later slot per language, so the flow and the tours do not compete for one.
        await page
          .locator('input[name="start"]')
          .nth(LANGUAGES.indexOf(lang) * 3)
          .check();
        await submitAndCheck(page, page.getByRole('button', { name: t('appointments.next') }), { status: 200 });
        // "How should we contact you?": nothing chosen is refused; each field shows under its choice only.
        await page.getByLabel(t('appointments.field.name')).fill(`E2E ${lang}`);
        await expect(page.getByLabel(t('appointments.field.phone'), { exact: true }).isVisible()).resolves.toBe(false);
        await submitAndCheck(page, page.getByRole('button', { name: t('appointments.details.submit') }), { status: 400 });
        await expect(page.locator('[data-error-summary]').count()).resolves.toBe(1);
        await page.getByLabel(t('appointments.contact.byEmail'), { exact: true }).check();
        await page.getByLabel(t('appointments.field.email'), { exact: true }).fill('not an address');
        await submitAndCheck(page, page.getByRole('button', { name: t('appointments.details.submit') }), { status: 400 });
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
        await submitAndCheck(page, page.getByRole('button', { name: t('appointments.details.submit') }), { status: 200 });
        await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(t('appointments.manage.bookedTitle'));
        await expect(page.locator('main').textContent()).resolves.toContain('+32 470 30 00 01');
        await expect(page.locator('main').textContent()).resolves.toMatch(/RDV-[A-Z0-9]{4}-[A-Z0-9]{4}/);
        const manage = page.url();
        await follow(page, page.getByRole('link', { name: t('appointments.manage.move') }));
        await visit(page, manage);
        await submitAndCheck(page, page.getByRole('button', { name: t('appointments.manage.cancel') }), { status: 200 });
        await expect(page.locator('main').textContent()).resolves.toContain(t('appointments.status.cancelled'));
      }),
    240_000,
  );
});

describe.each(['fr', 'nl'] as const)('booking pages in %s', (lang) => {
  const t = translator(lang);
  it(
    'shows every step of the booking, the confirmation, moving and the cancelled appointment',
    () =>
      withPage(async (page) => {
        await visit(page, `/${lang}/appointments`);
        await expect(page.getByLabel(t('appointments.field.service')).count()).resolves.toBe(1);
        await visit(page, `/${lang}/appointments/points?service=eid-card&postalCode=1030`);
        const slots = await page
          .getByRole('link', { name: new RegExp(t('appointments.points.choose')) })
          .first()
          .getAttribute('href');
        await visit(page, slots!);
        const start = await page
          .locator('input[name="start"]')
          .nth(LANGUAGES.indexOf(lang) * 3)
          .inputValue();
        const details = new URL(slots!, 'http://x');
        details.pathname = `/${lang}/appointments/details`;
        details.searchParams.set('start', start);
        await visit(page, details.pathname + details.search);
        await expect(page.getByRole('button', { name: t('appointments.details.submit') }).count()).resolves.toBe(1);
        // The contact choice in this language, the phone's field revealed once chosen (axe on the revealed state).
        await page.getByLabel(t('appointments.contact.byPhone'), { exact: true }).check();
        await expect(page.getByLabel(t('appointments.field.phone'), { exact: true }).isVisible()).resolves.toBe(true);
        await checkA11y(page);

        // The booking itself by a plain form post (the browser flow runs in English), then its pages.
        const form = Object.fromEntries(
          await page
            .locator(`form[action="/${lang}/appointments"] input[type="hidden"]`)
            .evaluateAll((inputs) => inputs.map((input) => [(input as HTMLInputElement).name, (input as HTMLInputElement).value])),
        );
        const booked = await page.request.post(`/${lang}/appointments`, {
          form: { ...form, name: `E2E ${lang}`, contactBy: 'email', email: `e2e.${lang}@example.be`, language: lang },
        });
        expect(booked.status()).toBe(200);
        const manage = new URL(booked.url()).pathname;
        expect(manage).toMatch(new RegExp(`^/${lang}/appointments/manage/`));
        await visit(page, `${manage}?booked=1`);
        await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(t('appointments.manage.bookedTitle'));
        await expect(page.locator('main').textContent()).resolves.toMatch(/RDV-[A-Z0-9]{4}-[A-Z0-9]{4}/);
        const csrf = await page.locator('input[name="_csrf"]').first().inputValue();
        await visit(page, `${manage}/move`);
        expect((await page.request.post(`${manage}/cancel`, { form: { _csrf: csrf } })).status()).toBe(200);
        await visit(page, `${manage}?cancelled=1`);
        await expect(page.locator('main').textContent()).resolves.toContain(t('appointments.status.cancelled'));
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
