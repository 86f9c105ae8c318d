// Browser tests of queue tickets: the interactive flow runs once, in Dutch — the kiosk, the "my ticket" page,
// the display board (live: a call made by the agent appears without reloading), the agent's counter and the
// counter's feedback QR code (satisfaction/counter-link); the kiosk's ticket shows a QR code to itself. In
// French and English a page tour opens the same screens (a ticket taken by a plain form post and served
// through the counter API) and checks them in that language. axe-core runs on every screen in the
// three languages. The flow runs on a contact point open around the clock, created through the API, so that it
// does not depend on the day and hour the tests run.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { checkA11y, submitAndCheck, visit } from './browser.ts';
import { signIn, useServerAndBrowser } from './session.ts';
import { translator } from '../src/platform/i18n/messages.ts';

const { withPage } = useServerAndBrowser();

/** The page at this width has nothing wider than the screen (no sideways scrolling). */
async function expectNoOverflow(page: Page, width: number, height = 844) {
  await page.setViewportSize({ width, height });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `horizontal overflow at ${width} px on ${page.url()}`).toBeLessThanOrEqual(0);
}

let point: Promise<{ id: string; counterId: string }> | undefined;
/** A contact point open 24/7 with tickets for two services and one counter (made once per file). */
function openPoint(): Promise<{ id: string; counterId: string }> {
  point ??= withPage(async (page) => {
    await signIn(page, 'en', 'manager@demo.irisdesk.brussels');
    const created = await page.request.post('/api/v1/organisations/commune-schaerbeek/contact-points', {
      data: {
        code: 'e2e-queue-desk',
        name: { fr: 'Guichet test file', nl: 'Testloket wachtrij', en: 'Queue test desk' },
        address: { street: { fr: 'Rue des Iris', nl: 'Irisstraat' }, number: '1', postalCode: '1030', municipality: { fr: 'Schaerbeek', nl: 'Schaarbeek' } },
        openingHours: '24/7',
        demo: true,
      },
    });
    expect(created.status()).toBe(201);
    const id = ((await created.json()) as { id: string }).id;
    const settings = await page.request.put(`/api/v1/contact-points/${id}/queue-settings`, {
      data: {
        services: [
          { serviceCode: 'eid-card', prefix: 'A' },
          { serviceCode: 'passport', prefix: 'P' },
        ],
        counters: [{ name: '7', serviceCodes: ['eid-card', 'passport'] }],
        remoteTickets: { allowed: true, dailyCap: 50, graceMinutes: 45 },
      },
    });
    expect(settings.status()).toBe(200);
    return { id, counterId: ((await settings.json()) as { counters: Array<{ id: string }> }).counters[0]!.id };
  });
  return point;
}

describe('queue tickets in nl', { timeout: 240_000 }, () => {
  const lang = 'nl';
  const t = translator(lang);

  it('takes a ticket at the kiosk, follows it live on the board and the phone, and serves it at the counter', async () => {
    const { id, counterId } = await openPoint();
    await withPage(async (visitor, visitorContext) => {
      // The page that gives a ticket online (decision 0061): one visit, for axe-core and the form.
      await visit(visitor, `/${lang}/contact-points/${id}/remote-ticket`);
      await expect(visitor.locator('input[name="serviceCode"]').count()).resolves.toBe(2);
      await visit(visitor, `/${lang}/contact-points/${id}/kiosk`);
      // A kiosk screen: no site header, footer or staff link; its only links are itself in another language.
      await expect(visitor.locator('header, footer, [href*="/login"]').count()).resolves.toBe(0);
      const links = await visitor.locator('a[href]').evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href')));
      expect(links.sort()).toEqual([`/en/contact-points/${id}/kiosk`, `/fr/contact-points/${id}/kiosk`]);
      await expectNoOverflow(visitor, 390);
      await visitor.getByLabel(translator(lang)('queues.kiosk.noPriority')).check();
      await submitAndCheck(visitor, visitor.getByRole('button', { name: /\(eID\)/ }), { status: 200 });
      const number = (await visitor.locator('.queues-number').textContent())!.trim();
      expect(number).toMatch(/^A\d{3}$/);
      await expect(visitor.getByText(t('queues.ticket.position', { position: 1 })).count()).resolves.toBe(1);
      // The kiosk's ticket: a QR code to the same ticket page, for the visitor's phone.
      await expect(visitor.getByRole('img', { name: t('queues.ticket.qrLabel', { number }) }).count()).resolves.toBe(1);
      await expectNoOverflow(visitor, 390);

      const board = await visitorContext.newPage();
      await visit(board, `/${lang}/contact-points/${id}/board`);
      await expect(board.getByRole('button', { name: t('queues.board.chime') }).isVisible()).resolves.toBe(true);

      await withPage(async (agent) => {
        await signIn(agent, lang, 'agent@demo.irisdesk.brussels');
        await visit(agent, `/${lang}/queues`);
        const sit = agent.getByRole('button', { name: t('queues.agent.sitAt', { counter: '7' }) });
        if (await sit.count()) await submitAndCheck(agent, sit, { status: 200 });
        else await visit(agent, `/${lang}/queues/counters/${counterId}`);
        await submitAndCheck(agent, agent.getByRole('button', { name: t('queues.counter.callNext') }), { status: 200 });
        await expect(agent.locator('.queues-number').textContent()).resolves.toBe(number);

        // Live: the board and the visitor's phone show the call without being reloaded.
        const announcement = t('queues.board.announcement', { number, counter: '7' });
        await board.locator('[data-queue-announcer]').filter({ hasText: announcement }).waitFor({ timeout: 10_000 });
        await board.locator('.queues-board__now-number').filter({ hasText: number }).waitFor({ timeout: 10_000 });
        await checkA11y(board);
        // On the waiting room's 1920×1080 screen, the board fills it and its numbers are read from 5 m (≥ 8 % of its height).
        await board.setViewportSize({ width: 1920, height: 1080 });
        const layout = await board.evaluate(() => ({
          number: parseFloat(getComputedStyle(document.querySelector('.queues-board__now-number')!).fontSize),
          height: document.querySelector('.queues-board')!.getBoundingClientRect().height,
          scroll: document.documentElement.scrollHeight,
        }));
        expect(layout.number).toBeGreaterThanOrEqual(0.08 * 1080);
        expect(layout.height).toBeGreaterThanOrEqual(1080);
        expect(layout.scroll).toBeLessThanOrEqual(1080);
        await expectNoOverflow(board, 390);
        await visitor.locator('.queues-called').waitFor({ timeout: 10_000 });
        await checkA11y(visitor);

        await submitAndCheck(agent, agent.getByRole('button', { name: t('queues.counter.start') }), { status: 200 });
        await agent.getByLabel(t('queues.field.outcome')).selectOption('answered_first_contact');
        await submitAndCheck(agent, agent.getByRole('button', { name: t('queues.counter.finish') }), { status: 200 });
        await expect(agent.getByText(t('queues.counter.free')).count()).resolves.toBe(1);
        // The visitor's feedback link as a QR code, made at the counter (linked from the counter screen).
        await submitAndCheck(agent, agent.getByRole('link', { name: t('queues.counter.feedbackLink') }), { status: 200 });
        expect(new URL(agent.url()).pathname).toBe(`/${lang}/satisfaction/counter-link`);
        await agent.getByLabel(t('satisfaction.counterLink.field.language')).selectOption('fr');
        await submitAndCheck(agent, agent.getByRole('button', { name: t('satisfaction.counterLink.submit') }), { status: 201 });
        await expect(agent.getByRole('img', { name: t('satisfaction.counterLink.qrLabel') }).count()).resolves.toBe(1);
        await visit(agent, `/${lang}/queues/counters/${counterId}`);
        // Calling with nobody waiting explains it at the top of the page.
        await submitAndCheck(agent, agent.getByRole('button', { name: t('queues.counter.callNext') }), { status: 409 });
        await expect(agent.locator('[data-error-summary]').textContent()).resolves.toContain(t('errors.queue.nobody_waiting'));
      });

      await visitor.getByRole('button', { name: t('queues.ticket.feedbackButton') }).waitFor({ timeout: 10_000 });
      await checkA11y(visitor);
      await board.close();
    });
  });
});

/** Posts a form of the page (with its CSRF token) without the browser, and returns the page it leads to. */
async function post(page: Page, url: string, form: Record<string, string>): Promise<string> {
  const csrf = await page.locator('input[name="_csrf"]').first().inputValue();
  const response = await page.request.post(url, { form: { ...form, _csrf: csrf } });
  expect(response.status(), `HTTP status of POST ${url}`).toBe(200);
  const { pathname, search } = new URL(response.url());
  return pathname + search;
}

describe.each(['fr', 'en'] as const)('queue pages in %s', { timeout: 240_000 }, (lang) => {
  const t = translator(lang);

  it('shows the kiosk, the ticket (waiting, called, served), the board and the counter', async () => {
    const { id, counterId } = await openPoint();
    await withPage(async (visitor) => {
      await visit(visitor, `/${lang}/contact-points/${id}/remote-ticket`);
      await expect(visitor.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
        t('queues.remote.title', { name: lang === 'fr' ? 'Guichet test file' : 'Queue test desk' }),
      );
      await visit(visitor, `/${lang}/contact-points/${id}/kiosk`);
      await expect(visitor.getByLabel(t('queues.kiosk.noPriority')).count()).resolves.toBe(1);
      const ticket = await post(visitor, `/${lang}/contact-points/${id}/kiosk`, { serviceCode: 'eid-card' });
      expect(ticket).toMatch(new RegExp(`^/${lang}/tickets/`));
      await visit(visitor, ticket);
      const number = (await visitor.locator('.queues-number').textContent())!.trim();
      expect(number).toMatch(/^A\d{3}$/);
      await expect(visitor.getByText(t('queues.ticket.position', { position: 1 })).count()).resolves.toBe(1);
      await expect(visitor.getByRole('img', { name: t('queues.ticket.qrLabel', { number }) }).count()).resolves.toBe(1);
      await withPage(async (agent) => {
        await signIn(agent, lang, 'agent@demo.irisdesk.brussels');
        await visit(agent, `/${lang}/queues`);
        await expect(agent.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(t('queues.agent.title'));
        await visit(agent, `/${lang}/satisfaction/counter-link`);
        await submitAndCheck(agent, agent.getByRole('button', { name: t('satisfaction.counterLink.submit') }), { status: 201 });
        await expect(agent.getByRole('img', { name: t('satisfaction.counterLink.qrLabel') }).count()).resolves.toBe(1);
        const act = async (action: string, data: object = {}) => {
          const response = await agent.request.post(`/api/v1/queue-counters/${counterId}/${action}`, { data });
          expect(response.status(), `counter action ${action}`).toBe(200);
        };
        await act('open');
        await act('call-next');
        await visit(agent, `/${lang}/queues/counters/${counterId}`);
        await expect(agent.locator('.queues-number').textContent()).resolves.toBe(number);
        await expect(agent.getByRole('button', { name: t('queues.counter.start') }).count()).resolves.toBe(1);
        await visit(visitor, `/${lang}/contact-points/${id}/board`);
        await expect(visitor.getByRole('button', { name: t('queues.board.chime') }).isVisible()).resolves.toBe(true);
        await expect(visitor.locator('.queues-board__now-number').filter({ hasText: number }).count()).resolves.toBeGreaterThan(0);
        await visit(visitor, ticket);
        await expect(visitor.locator('.queues-called').count()).resolves.toBe(1);
        await act('start');
        await act('finish', { outcome: 'answered_first_contact' });
      });

      await visit(visitor, ticket);
      await expect(visitor.getByRole('button', { name: t('queues.ticket.feedbackButton') }).count()).resolves.toBe(1);
      // Drawn for a custom survey as well (an open survey of Schaerbeek sampling every counter visit, for this
      // test only): the questionnaire and the survey, both links on one page.
      await withPage(async (editor) => {
        await signIn(editor, lang, 'editor@demo.irisdesk.brussels');
        const created = await editor.request.post('/api/v1/surveys', { data: { owner: 'organisation', templateCode: 'nps' } });
        expect(created.status()).toBe(201);
        const surveyId = ((await created.json()) as { id: string }).id;
        const survey = async () =>
          ((await (await editor.request.get(`/api/v1/surveys/${surveyId}`)).json()) as { survey: { version: number; title: object } }).survey;
        const draft = await survey();
        expect(
          (
            await editor.request.patch(`/api/v1/surveys/${surveyId}`, {
              data: { version: draft.version, title: draft.title, linkEnabled: false, samplingRate: 100, channels: ['counter'] },
            })
          ).status(),
        ).toBe(204);
        expect((await editor.request.post(`/api/v1/surveys/${surveyId}/open`, { data: { version: (await survey()).version } })).status()).toBe(204);
        try {
          await submitAndCheck(visitor, visitor.getByRole('button', { name: t('queues.ticket.feedbackButton') }), { status: 200 });
          await expect(visitor.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(t('queues.feedback.title'));
          const surveyLink = await visitor.getByRole('link', { name: t('queues.feedback.surveyLink') }).getAttribute('href');
          expect(surveyLink).toMatch(new RegExp(`/${lang}/surveys/invitations/[A-Za-z0-9_-]+$`));
          await visit(visitor, new URL(surveyLink!).pathname);
        } finally {
          expect((await editor.request.post(`/api/v1/surveys/${surveyId}/close`, { data: { version: (await survey()).version } })).status()).toBe(204);
        }
      });
    });
  });
});

// Last in the file: the ticket it takes is left waiting, and counters call the oldest ticket of any service.
describe('the kiosk in nl', { timeout: 240_000 }, () => {
  const lang = 'nl';
  it('takes the kiosk back to its start screen after a minute, with a warning and a button to stay', async () => {
    const { id } = await openPoint();
    const t = translator(lang);
    await withPage(async (kiosk) => {
      await kiosk.clock.install(); // the page's timers run on a clock the test moves forward
      await visit(kiosk, `/${lang}/contact-points/${id}/kiosk`);
      await kiosk.getByLabel(t('queues.kiosk.noPriority')).check();
      // The passport queue: the ticket left waiting here must not move the eID tickets of the other tests.
      await submitAndCheck(kiosk, kiosk.locator('button[name="serviceCode"][value="passport"]'), { status: 200 });
      const ticketUrl = kiosk.url();
      const warning = kiosk.getByRole('status').filter({ hasText: t('queues.kiosk.returnWarning', { seconds: 20 }) });
      const stay = kiosk.getByRole('button', { name: t('queues.kiosk.stay') });
      await expect(stay.isVisible()).resolves.toBe(false);

      await kiosk.clock.fastForward(41_000);
      await warning.waitFor();
      await checkA11y(kiosk);
      await stay.click(); // the visitor stays: the minute starts again
      await expect(stay.isVisible()).resolves.toBe(false);
      await kiosk.clock.fastForward(30_000);
      expect(kiosk.url()).toBe(ticketUrl);

      await Promise.all([kiosk.waitForURL(`**/${lang}/contact-points/${id}/kiosk`), kiosk.clock.fastForward(31_000)]);
      await checkA11y(kiosk);
    });
  });
});

describe.each(['fr', 'nl', 'en'] as const)('SMS alerts on the ticket page in %s', { timeout: 240_000 }, (lang) => {
  const t = translator(lang);

  it('offers to leave a mobile number (keyboard only), says where the texts go, and takes it back', async () => {
    const { id } = await openPoint();
    await withPage(async (visitor) => {
      // The ticket as on the holder's own phone (the kiosk's shared copy has no such form).
      const taken = await visitor.request.post(`/api/v1/contact-points/${id}/tickets`, { data: { serviceCode: 'passport', language: lang } });
      expect(taken.status()).toBe(201);
      const ticketPath = new URL(((await taken.json()) as { ticketUrl: string }).ticketUrl).pathname;
      await visit(visitor, ticketPath);
      await expect(visitor.getByRole('heading', { name: t('queues.ticket.smsHeading') }).count()).resolves.toBe(1);
      await visitor.getByLabel(t('queues.ticket.smsField')).focus();
      await visitor.keyboard.type('02 279 22 11');
      await Promise.all([visitor.waitForNavigation({ waitUntil: 'load' }), visitor.keyboard.press('Enter')]);
      await checkA11y(visitor);
      await expect(visitor.locator('[data-error-summary]').count()).resolves.toBe(1);
      await visitor.getByLabel(t('queues.ticket.smsField')).fill('0470 40 00 01');
      await submitAndCheck(visitor, visitor.getByRole('button', { name: t('queues.ticket.smsSubmit') }), { status: 200 });
      await expect(visitor.locator('main').textContent()).resolves.toContain(t('queues.ticket.smsLeft', { ending: '01', people: 3 }));
      await submitAndCheck(visitor, visitor.getByRole('button', { name: t('queues.ticket.smsRemove') }), { status: 200 });
      await expect(visitor.getByLabel(t('queues.ticket.smsField')).count()).resolves.toBe(1);
    });
  });
});
