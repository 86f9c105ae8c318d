// Booking with a mobile number instead of an e-mail (issue 19, part 2) against a REAL SMPP 3.4 message centre
// (test/smpp.ts) and a real database: the API and the pages take a phone, refuse a bad or fixed-line number in
// the user's language, and the confirmation, reminder, move, cancellation and waiting-list offer arrive by SMS
// with a short manage link that opens the manage page in the booking's language.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, csrfTokenOf, type TestApp } from '../../test/app.ts';
import { startTestSmsc, type SubmittedSms, type TestSmsc } from '../../test/smpp.ts';
import { startJobWorker, type JobWorker } from '../platform/jobs/worker.ts';
import { smsLength } from '../platform/sms/gsm.ts';
import { addDays, brusselsDate } from '../platform/calendar/brussels-time.ts';
import { runJobNow } from '../../test/jobs.ts';
import { REMINDER_JOB } from './service.ts';

let smsc: TestSmsc;
let t: TestApp;
let worker: JobWorker;
let schaerbeek: string; // eid-card capacity 3
let laeken: string; // eid-card capacity 1
const today = () => brusselsDate(new Date());
let phoneCounter = 10;
/** A fresh Belgian mobile number in its national form, and the digits the SMSC sees. */
function newPhone() {
  const n = String(phoneCounter++).padStart(2, '0');
  return { national: `0470 10 00 ${n}`, e164: `+324701000${n}`, smsc: `324701000${n}` };
}

async function pointId(org: string, code: string) {
  const { rows } = await t.db.query<{ id: string }>(
    'SELECT cp.id FROM contact_points cp JOIN organisations o ON o.id = cp.organisation_id WHERE o.code = $1 AND cp.code = $2',
    [org, code],
  );
  return rows[0]!.id;
}
async function slots(point: string, from: string) {
  const response = await t.client().get(`/api/v1/contact-points/${point}/slots?service=eid-card&from=${from}`);
  expect(response.statusCode).toBe(200);
  return response.json().slots as Array<{ start: string; end: string }>;
}
const book = (body: Record<string, unknown>, lang = 'en') =>
  t.client().request('POST', '/api/v1/appointments', { json: body, headers: { 'accept-language': lang } });
const booking = (point: string, start: string, contact: Record<string, string>, language = 'fr') => ({
  contactPointId: point,
  serviceCode: 'eid-card',
  start,
  name: 'Phone Person',
  ...contact,
  language,
});

/** Waits for the `count`-th text message to a number (as the SMSC sees it: digits without "+"). */
async function textsTo(number: string, count = 1, timeoutMs = 15_000): Promise<SubmittedSms[]> {
  const started = Date.now();
  for (;;) {
    const found = smsc.submitted.filter((sms) => sms.to === number);
    if (found.length >= count) return found;
    if (Date.now() - started > timeoutMs) throw new Error(`expected ${count} SMS to ${number}, got ${found.length}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
const shortLinkOf = (text: string) => /https?:\/\/\S+\/a\/([A-Za-z0-9_-]{32})/.exec(text)?.[1];

beforeAll(async () => {
  smsc = await startTestSmsc();
  t = await createTestApp({ SMPP_URL: smsc.url, SMS_SENDER: 'IrisDesk' });
  worker = await startJobWorker({ db: t.db, registry: t.services.jobs, pollIntervalMs: 100, retryBaseMs: 300, retryMaxMs: 600 });
  schaerbeek = await pointId('commune-schaerbeek', 'maison-communale');
  laeken = await pointId('commune-bruxelles', 'antenne-laeken');
}, 120_000);
afterAll(async () => {
  await worker?.stop();
  await t?.services.sms.close();
  await t?.close();
  await smsc?.stop();
});

describe('POST /api/v1/appointments with a phone number', () => {
  it('books with a national mobile number, stores it in E.164 and confirms by one GSM-7 text with a short manage link', async () => {
    const phone = newPhone();
    const [slot] = await slots(schaerbeek, addDays(today(), 6));
    const response = await book(booking(schaerbeek, slot!.start, { phone: phone.national }, 'nl'));
    expect(response.statusCode).toBe(201);
    const booked = response.json();
    const { rows } = await t.db.query<{ phone: string; email: string | null }>('SELECT phone, email FROM appointments WHERE reference = $1', [
      booked.reference,
    ]);
    expect(rows[0]).toEqual({ phone: phone.e164, email: null });

    const [confirmation] = await textsTo(phone.smsc);
    expect(confirmation!.text).toContain(booked.reference);
    expect(confirmation!.text).toContain('bevestigd');
    expect(smsLength(confirmation!.text)).toMatchObject({ encoding: 'gsm7', segments: 1 });
    const token = shortLinkOf(confirmation!.text);
    expect(token).toBe(new URL(booked.manageUrl).pathname.split('/').pop());

    // The short link opens the manage page in the booking's language.
    const client = t.client();
    const redirect = await client.get(`/a/${token}`);
    expect(redirect.statusCode).toBe(303);
    expect(redirect.headers.location).toBe(`/nl/appointments/manage/${token}`);
    const page = await client.get(redirect.headers.location as string);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(booked.reference);
    expect((await client.get(`/a/${'B'.repeat(32)}`)).statusCode).toBe(404);
    expect((await client.get('/a/short')).statusCode).toBe(404);
  });

  it('with an e-mail and a phone, confirms by both', async () => {
    const phone = newPhone();
    const [, slot] = await slots(schaerbeek, addDays(today(), 6));
    const response = await book(booking(schaerbeek, slot!.start, { phone: phone.e164, email: 'both@example.be' }, 'en'));
    expect(response.statusCode).toBe(201);
    const [text] = await textsTo(phone.smsc);
    expect(text!.text).toContain('confirmed');
    const { rows } = await t.db.query('SELECT 1 FROM mail_messages WHERE $1 = ANY(to_addresses)', ['both@example.be']);
    expect(rows).toHaveLength(1);
  });

  it('needs an e-mail or a phone, and refuses a bad or fixed-line number in the user’s language', async () => {
    const [slot] = await slots(schaerbeek, addDays(today(), 7));
    const count = async () => (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM appointments')).rows[0]!.n;
    const before = await count();
    const neither = await book(booking(schaerbeek, slot!.start, {}), 'fr');
    expect(neither.statusCode).toBe(400);
    expect(neither.json().error.fields).toEqual([expect.objectContaining({ field: 'email', code: 'appointments.emailOrPhoneRequired' })]);
    expect(neither.json().error.fields[0].message).toContain('numéro de GSM');

    const invalid = await book(booking(schaerbeek, slot!.start, { phone: '12' }), 'nl');
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.fields[0]).toMatchObject({ field: 'phone', code: 'validation.phone' });

    const landline = await book(booking(schaerbeek, slot!.start, { phone: '02 279 22 11' }), 'nl');
    expect(landline.statusCode).toBe(400);
    expect(landline.json().error.fields[0]).toMatchObject({ field: 'phone', code: 'appointments.phoneNotMobile' });
    expect(landline.json().error.fields[0].message).toContain('geen sms');
    expect(await count()).toBe(before);
  });
});

describe('notices by text message', () => {
  it('reminds by SMS with a link of its own, tells a move and a cancellation, and offers the freed slot to a phone on the waiting list', async () => {
    const phone = newPhone();
    const waiting = newPhone();
    const list = await slots(laeken, addDays(today(), 10));
    const booked = (await book(booking(laeken, list[0]!.start, { phone: phone.national }, 'fr'))).json();
    const confirmationToken = new URL(booked.manageUrl).pathname.split('/').pop()!;
    await textsTo(phone.smsc, 1);

    // The 48-hour reminder.
    const { rows } = await t.db.query<{ id: string }>('SELECT id FROM appointments WHERE reference = $1', [booked.reference]);
    await runJobNow(t.services.jobs, REMINDER_JOB, { appointmentId: rows[0]!.id });
    const reminder = (await textsTo(phone.smsc, 2))[1]!;
    expect(reminder.text).toMatch(/^Rappel : RDV-/);
    expect(smsLength(reminder.text).segments).toBe(1);
    const reminderToken = shortLinkOf(reminder.text)!;
    expect(reminderToken).toBeDefined();
    expect(reminderToken).not.toBe(confirmationToken);
    const client = t.client();
    expect((await client.get(`/a/${reminderToken}`)).headers.location).toBe(`/fr/appointments/manage/${reminderToken}`);
    expect((await client.get(`/fr/appointments/manage/${confirmationToken}`)).statusCode).toBe(200);

    // Move through the confirmation's link: a text says so, with the link.
    const moved = await client.submitForm(
      `/fr/appointments/manage/${confirmationToken}/move/confirm?start=${encodeURIComponent(list[1]!.start)}`,
      `/fr/appointments/manage/${confirmationToken}/move`,
      {
        start: list[1]!.start,
      },
    );
    expect(moved.statusCode).toBe(303);
    const movedText = (await textsTo(phone.smsc, 3))[2]!;
    expect(movedText.text).toContain('déplacé');
    expect(shortLinkOf(movedText.text)).toBe(confirmationToken);

    // Someone waits with a phone; the booking is cancelled through the reminder's link.
    const joined = await client.submitForm(`/nl/appointments/slots?service=eid-card&point=${laeken}`, '/nl/appointments/waitlist', {
      service: 'eid-card',
      point: laeken,
      name: 'Waiting Phone',
      contactBy: 'phone',
      phone: waiting.national,
    });
    expect(joined.statusCode).toBe(303);
    const cancelled = await client.submitForm(`/fr/appointments/manage/${reminderToken}/cancel`, `/fr/appointments/manage/${reminderToken}/cancel`, {});
    expect(cancelled.statusCode).toBe(303);
    const cancelText = (await textsTo(phone.smsc, 4))[3]!;
    expect(cancelText.text).toContain('annulé');
    expect(shortLinkOf(cancelText.text)).toBeUndefined();
    const [offer] = await textsTo(waiting.smsc);
    expect(offer!.text).toContain('vrijgekomen');
    // The offer's link is the short /t/{code} (one message holds it), redirecting to the week of the freed time.
    expect(smsLength(offer!.text).units).toBeLessThanOrEqual(160);
    const offerLink = /https?:\/\/\S+\/t\/([A-Za-z0-9_-]+)/.exec(offer!.text)!;
    const redirected = await t.client().get(`/t/${offerLink[1]}`);
    expect(redirected.statusCode).toBe(303);
    expect(redirected.headers.location).toContain(`/nl/appointments/slots?service=eid-card&point=${laeken}&from=`);
    expect((await t.client().get('/t/nonsense')).statusCode).toBe(404);

    // A cancelled appointment gets no reminder.
    await runJobNow(t.services.jobs, REMINDER_JOB, { appointmentId: rows[0]!.id });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(smsc.submitted.filter((sms) => sms.to === phone.smsc)).toHaveLength(4);
  });
});

describe('booking pages with a phone', () => {
  it('asks how to contact you, reveals the chosen field, and books with a phone', async () => {
    const phone = newPhone();
    const client = t.client();
    const slotsPage = await client.get(`/en/appointments/slots?service=eid-card&point=${schaerbeek}&from=${addDays(today(), 8)}`);
    const start = decodeURIComponent(/class="irisdesk-time" href="[^"]*start=([^"&]+)"/.exec(slotsPage.body)![1]!);
    const details = await client.get(`/en/appointments/details?service=eid-card&point=${schaerbeek}&start=${encodeURIComponent(start)}`);
    expect(details.statusCode).toBe(200);
    expect(details.body).toContain('How should we contact you?');
    expect(details.body).toMatch(/name="contactBy" value="phone"/);
    expect(details.body).toContain('irisdesk-choice-conditional');
    expect(details.body).toMatch(/type="tel"[^>]*name="phone"|name="phone"[^>]*type="tel"/);
    const form = { _csrf: csrfTokenOf(details.body), service: 'eid-card', point: schaerbeek, start, name: 'Form Phone', language: 'fr' };

    const unchosen = await client.request('POST', '/en/appointments', { form });
    expect(unchosen.statusCode).toBe(400);
    expect(unchosen.body).toContain('choose how we should contact you');
    const empty = await client.request('POST', '/en/appointments', { form: { ...form, contactBy: 'phone', phone: '', email: 'typed.before@example.be' } });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toMatch(/<input[^>]*value="phone"[^>]*checked|<input[^>]*checked[^>]*value="phone"/);
    const fixed = await client.request('POST', '/en/appointments', { form: { ...form, contactBy: 'phone', phone: '02 279 22 11' } });
    expect(fixed.statusCode).toBe(400);
    expect(fixed.body).toContain('cannot receive text messages');

    // The e-mail typed before is ignored: the person chose the phone.
    const done = await client.request('POST', '/en/appointments', {
      form: { ...form, contactBy: 'phone', phone: phone.national, email: 'typed.before@example.be' },
    });
    expect(done.statusCode).toBe(303);
    const confirmation = await client.get(done.headers.location as string);
    expect(confirmation.body).toContain('+32 470 10 00');
    const [text] = await textsTo(phone.smsc);
    expect(text!.text).toMatch(/^RDV-[A-Z0-9]{4}-[A-Z0-9]{4} confirmé le /);
    const { rows } = await t.db.query<{ email: string | null; phone: string }>('SELECT email, phone FROM appointments WHERE name = $1', ['Form Phone']);
    expect(rows).toEqual([{ email: null, phone: phone.e164 }]);
  });
});
