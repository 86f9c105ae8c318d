// Appointments on a real database (PGlite, or PostgreSQL with TEST_DATABASE_URL): the public contract, bad
// input in the user's language, the race for one slot, the cancel / move link, reminders, the waiting list,
// the agents' screens and the settings form.
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, csrfTokenOf, type TestApp } from '../../test/app.ts';
import { addDays, brusselsDate } from '../platform/calendar/brussels-time.ts';
import { runJobNow } from '../../test/jobs.ts';
import { REMINDER_JOB } from './service.ts';

let t: TestApp;
let schaerbeek: string; // maison-communale, eid-card capacity 3
let laeken: string; // antenne-laeken, eid-card capacity 1
let ixelles: string;
let brussels: string; // commune-bruxelles maison-communale, eid-card capacity 4, max 2 per person
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/;
const today = () => brusselsDate(new Date());
const concurrent = Number(process.env.APPOINTMENT_RACE ?? (process.env.TEST_DATABASE_URL ? 150 : 60));

async function pointId(org: string, code: string) {
  const { rows } = await t.db.query<{ id: string }>(
    'SELECT cp.id FROM contact_points cp JOIN organisations o ON o.id = cp.organisation_id WHERE o.code = $1 AND cp.code = $2',
    [org, code],
  );
  return rows[0]!.id;
}
async function slots(point: string, from = addDays(today(), 5), service = 'eid-card') {
  const response = await t.client().get(`/api/v1/contact-points/${point}/slots?service=${service}&from=${from}`);
  expect(response.statusCode).toBe(200);
  return response.json().slots as Array<{ start: string; end: string }>;
}
const book = (body: Record<string, unknown>, lang = 'en') =>
  t.client().request('POST', '/api/v1/appointments', { json: body, headers: { 'accept-language': lang } });
const booking = (point: string, start: string, email = `p${Math.random().toString(36).slice(2)}@example.be`) => ({
  contactPointId: point,
  serviceCode: 'eid-card',
  start,
  name: 'Test Person',
  email,
  language: 'fr',
});
async function mailsTo(email: string) {
  const { rows } = await t.db.query<{
    subject: string;
    text_body: string;
    purpose: string;
    language: string;
    attachments: Array<{ filename: string; contentType: string; content?: string }>;
  }>('SELECT subject, text_body, purpose, language, attachments FROM mail_messages WHERE $1 = ANY(to_addresses) ORDER BY created_at', [email]);
  return rows;
}
const tokenOf = (manageUrl: string) => new URL(manageUrl).pathname.split('/').pop()!;

beforeAll(async () => {
  t = await createTestApp();
  schaerbeek = await pointId('commune-schaerbeek', 'maison-communale');
  laeken = await pointId('commune-bruxelles', 'antenne-laeken');
  ixelles = await pointId('commune-ixelles', 'maison-communale');
  brussels = await pointId('commune-bruxelles', 'maison-communale');
}, 120_000);
afterAll(() => t?.close());

describe('GET /api/v1/contact-points/{id}/slots', () => {
  it('lists free slots with the Brussels offset, soonest first, within the rules', async () => {
    const list = await slots(schaerbeek, today());
    expect(list.length).toBeGreaterThan(10);
    for (const slot of list) {
      expect(slot.start).toMatch(ISO);
      expect(slot.end).toMatch(ISO);
      expect(Object.keys(slot).sort()).toEqual(['end', 'start']);
      expect(Date.parse(slot.end) - Date.parse(slot.start)).toBe(15 * 60_000);
      expect(Date.parse(slot.start)).toBeGreaterThanOrEqual(Date.now() + 59 * 60_000); // one hour notice
    }
    const starts = list.map((s) => Date.parse(s.start));
    expect([...starts].sort((a, b) => a - b)).toEqual(starts);
  });

  it('explains bad input in the user’s language, never a 500', async () => {
    const client = t.client();
    const missing = await client.get(`/api/v1/contact-points/${schaerbeek}/slots`, { 'accept-language': 'nl' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.fields[0].field).toBe('service');
    const notOffered = await client.get(`/api/v1/contact-points/${ixelles}/slots?service=passport&lang=nl`);
    expect(notOffered.statusCode).toBe(400);
    expect(notOffered.json().error.fields[0].message).toContain('niet op afspraak');
    const malformed = await client.get(`/api/v1/contact-points/${schaerbeek}/slots?service=eid-card&from=2026-13-45&lang=fr`);
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.fields[0]).toMatchObject({ field: 'from', code: 'appointments.dateInvalid' });
    expect(malformed.json().error.fields[0].message).toContain('AAAA-MM-JJ');
    const past = await client.get(`/api/v1/contact-points/${schaerbeek}/slots?service=eid-card&from=2020-01-01`);
    expect(past.statusCode).toBe(400);
    expect(past.json().error.fields[0].code).toBe('appointments.dateInPast');
    expect((await client.get(`/api/v1/contact-points/00000000-0000-4000-8000-000000000000/slots?service=eid-card`)).statusCode).toBe(404);
    expect((await client.get(`/api/v1/contact-points/not-a-uuid/slots?service=eid-card`)).statusCode).toBe(404);
    expect((await client.get(`/api/v1/contact-points/${schaerbeek}/slots?service=${'x'.repeat(100)}`)).statusCode).toBe(400);
  });

  it('has no slots on closures, and a closed contact point says so', async () => {
    const day = addDays(today(), 9);
    const { rows } = await t.db.query<{ id: string; service_id: string }>(`SELECT id, service_id FROM appointment_settings WHERE contact_point_id = $1`, [
      ixelles,
    ]);
    await t.db.query(
      `INSERT INTO appointment_closures (contact_point_id, service_id, starts_at, ends_at, seats, reason)
       VALUES ($1, NULL, ($2::date)::timestamp AT TIME ZONE 'Europe/Brussels', ($2::date + 1)::timestamp AT TIME ZONE 'Europe/Brussels', NULL, 'test')`,
      [ixelles, day],
    );
    expect(rows.length).toBeGreaterThan(0);
    const list = await slots(ixelles, day);
    expect(list.some((s) => s.start.startsWith(day))).toBe(false);
    await t.db.query('UPDATE contact_points SET active = false WHERE id = $1', [ixelles]);
    try {
      const closed = await t.client().get(`/api/v1/contact-points/${ixelles}/slots?service=eid-card&lang=fr`);
      expect(closed.statusCode).toBe(400);
      expect(closed.json().error.code).toBe('appointment.point_closed');
      expect(closed.json().error.message).toContain('fermé');
      const post = await book(booking(ixelles, list[0]!.start), 'nl');
      expect(post.statusCode).toBe(400);
      expect(post.json().error.fields[0]).toMatchObject({ field: 'contactPointId', code: 'appointments.pointClosed' });
    } finally {
      await t.db.query('UPDATE contact_points SET active = true WHERE id = $1', [ixelles]);
    }
  });
});

describe('POST /api/v1/appointments', () => {
  it('books: 201 with the reference, a confirmation e-mail with an .ics and a reminder 48 hours before', async () => {
    const slot = (await slots(schaerbeek))[0]!;
    const email = 'Booker@Example.be';
    const response = await book(booking(schaerbeek, slot.start, email));
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body.reference).toMatch(/^RDV-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    expect(body).toMatchObject({ status: 'booked', contactPointId: schaerbeek, serviceCode: 'eid-card', start: slot.start, end: slot.end, language: 'fr' });
    const mails = await mailsTo(email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.purpose).toBe('appointment.confirmation');
    expect(mails[0]!.language).toBe('fr');
    expect(mails[0]!.text_body).toContain(body.reference);
    expect(mails[0]!.text_body).toContain(`/fr/appointments/manage/${tokenOf(body.manageUrl)}`);
    const ics = Buffer.from(mails[0]!.attachments[0]!.content!, 'base64').toString('utf8');
    expect(mails[0]!.attachments[0]!.contentType).toContain('text/calendar');
    expect(ics).toContain('BEGIN:VEVENT');
    expect(ics).toContain(`DTSTART:${new Date(slot.start).toISOString().replace(/[-:]/g, '').replace('.000', '')}`);
    // RFC 5546: a PUBLISH names its organiser, here the organisation with the address the e-mails come from.
    const vevent = new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent')!;
    const organizer = vevent.getFirstProperty('organizer')!;
    expect(organizer.getFirstValue()).toBe(`mailto:${/<(.+)>/.exec(t.config.mailFrom)?.[1] ?? t.config.mailFrom}`);
    expect(organizer.getParameter('cn')).toMatch(/Schaerbeek/);
    const { rows: jobs } = await t.db.query<{ run_at: Date }>(
      `SELECT j.run_at FROM jobs j JOIN appointments a ON j.unique_key = a.id::text WHERE j.type = $1 AND a.reference = $2 AND j.status = 'queued'`,
      [REMINDER_JOB, body.reference],
    );
    expect(jobs).toHaveLength(1);
    expect(new Date(jobs[0]!.run_at).getTime()).toBe(Date.parse(slot.start) - 48 * 3_600_000);
    // The token is stored hashed only.
    const { rows } = await t.db.query<{ manage_token_hash: string }>('SELECT manage_token_hash FROM appointments WHERE reference = $1', [body.reference]);
    expect(rows[0]!.manage_token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0]!.manage_token_hash).not.toContain(tokenOf(body.manageUrl));
  });

  it('gives a taken slot to nobody else: 409 with the next free slots', async () => {
    const [slot] = await slots(laeken, addDays(today(), 6));
    expect((await book(booking(laeken, slot!.start))).statusCode).toBe(201);
    const second = await book(booking(laeken, slot!.start), 'nl');
    expect(second.statusCode).toBe(409);
    const body = second.json();
    expect(body.error.code).toBe('appointment.slot_taken');
    expect(body.error.message).toContain('niet meer beschikbaar');
    expect(body.alternatives.length).toBe(5);
    for (const alt of body.alternatives) expect(Date.parse(alt.start)).toBeGreaterThan(Date.parse(slot!.start));
    const freeNow = await slots(laeken, addDays(today(), 6));
    expect(freeNow.map((s) => s.start)).not.toContain(slot!.start);
    expect(freeNow[0]!.start).toBe(body.alternatives[0].start);
  });

  it(`lets exactly one of ${concurrent} concurrent bookings of one slot win; the rest get clean 409s with alternatives`, async () => {
    const [slot] = await slots(laeken, addDays(today(), 8));
    const responses = await Promise.all(Array.from({ length: concurrent }, (_, i) => book(booking(laeken, slot!.start, `racer${i}@example.be`))));
    const statuses = responses.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(concurrent - 1);
    for (const response of responses.filter((r) => r.statusCode === 409)) {
      expect(response.json().error.code).toBe('appointment.slot_taken');
      expect(response.json().alternatives.length).toBeGreaterThan(0);
    }
    const { rows } = await t.db.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM appointments WHERE contact_point_id = $1 AND starts_at = $2 AND status <> 'cancelled'`,
      [laeken, slot!.start],
    );
    expect(rows[0]!.count).toBe(1);
  }, 120_000);

  it('fills every counter of a slot with capacity, then refuses', async () => {
    const [slot] = await slots(schaerbeek, addDays(today(), 10));
    const responses = await Promise.all(Array.from({ length: 8 }, () => book(booking(schaerbeek, slot!.start))));
    expect(responses.filter((r) => r.statusCode === 201)).toHaveLength(3);
    expect(responses.filter((r) => r.statusCode === 409)).toHaveLength(5);
    const { rows } = await t.db.query<{ seat: number }>(`SELECT seat FROM appointments WHERE contact_point_id = $1 AND starts_at = $2 ORDER BY seat`, [
      schaerbeek,
      slot!.start,
    ]);
    expect(rows.map((r) => r.seat)).toEqual([1, 2, 3]);
  });

  it('limits future appointments per person and service', async () => {
    const list = await slots(brussels, addDays(today(), 5));
    const email = 'limit@example.be';
    expect((await book(booking(brussels, list[0]!.start, email))).statusCode).toBe(201);
    expect((await book(booking(brussels, list[1]!.start, email.toUpperCase()))).statusCode).toBe(201);
    const third = await book(booking(brussels, list[2]!.start, email), 'fr');
    expect(third.statusCode).toBe(409);
    expect(third.json().error.code).toBe('appointment.limit_reached');
    expect(third.json().error.message).toContain('2 rendez-vous');
  });

  it('is described in the OpenAPI document with its 409 body', async () => {
    const doc = (await t.client().get('/api/openapi.json')).json();
    expect(doc.paths['/api/v1/appointments'].post.responses['409']).toBeDefined();
    expect(doc.paths['/api/v1/contact-points/{id}/slots'].get).toBeDefined();
  });

  it('refuses bad input with field errors in the user’s language', async () => {
    const [slot] = await slots(schaerbeek);
    const expectField = async (body: Record<string, unknown>, field: string, code?: string, lang = 'en') => {
      const response = await book(body, lang);
      expect(response.statusCode, JSON.stringify(response.json())).toBe(400);
      const fields = response.json().error.fields as Array<{ field: string; code: string; message: string }>;
      expect(fields.map((f) => f.field)).toContain(field);
      if (code) expect(fields.find((f) => f.field === field)!.code).toBe(code);
      return fields.find((f) => f.field === field)!.message;
    };
    const good = booking(schaerbeek, slot!.start);
    expect(await expectField({ ...good, start: '2020-01-06T09:00:00+01:00' }, 'start', 'appointments.startInPast', 'nl')).toContain('voorbij');
    await expectField({ ...good, start: 'tomorrow at nine' }, 'start', 'appointments.startInvalid');
    await expectField({ ...good, start: '2026-02-30T09:00:00+01:00' }, 'start');
    const night = `${addDays(today(), 5)}T03:00:00+01:00`;
    expect(await expectField({ ...good, start: night }, 'start', 'appointments.notASlot', 'fr')).toContain('heures d’ouverture');
    const offGrid = new Date(Date.parse(slot!.start) + 7 * 60_000).toISOString();
    await expectField({ ...good, start: offGrid }, 'start', 'appointments.notASlot');
    await expectField({ ...good, start: `${addDays(today(), 200)}T09:00:00+01:00` }, 'start', 'appointments.tooFar');
    await expectField({ ...good, serviceCode: 'passport', contactPointId: ixelles }, 'serviceCode', 'appointments.serviceNotOffered');
    await expectField({ ...good, contactPointId: '00000000-0000-4000-8000-000000000000' }, 'contactPointId', 'appointments.pointUnknown');
    await expectField({ ...good, email: 'not an address' }, 'email');
    await expectField({ ...good, language: 'de' }, 'language');
    await expectField({ ...good, name: '' }, 'name');
    const { name: _n, ...noName } = good;
    await expectField(noName, 'name');
    const malformed = await t.client().request('POST', '/api/v1/appointments', { json: undefined, headers: { 'content-type': 'application/json' } });
    expect(malformed.statusCode).toBe(400);
  });
});

describe('cancel and move link, reminders, waiting list', () => {
  it('moves, cancels (removing the reminder), offers the freed slot to the first person waiting, then expires', async () => {
    const list = await slots(laeken, addDays(today(), 12));
    const email = 'mover@example.be';
    const booked = (await book(booking(laeken, list[0]!.start, email))).json();
    const token = tokenOf(booked.manageUrl);
    const client = t.client();

    const page = await client.get(`/nl/appointments/manage/${token}?booked=1`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(booked.reference);

    // Move to the next slot through the form.
    // The week view marks the current time; the new time is confirmed on a page of its own.
    const week = await client.get(`/en/appointments/manage/${token}/move?from=${addDays(today(), 12)}`);
    expect(week.body).toContain('irisdesk-time--current');
    const moveConfirm = `/en/appointments/manage/${token}/move/confirm?start=${encodeURIComponent(list[1]!.start)}`;
    expect(week.body).toContain(moveConfirm.replaceAll('&', '&amp;'));
    const moved = await client.submitForm(moveConfirm, `/en/appointments/manage/${token}/move`, {
      start: list[1]!.start,
    });
    expect(moved.statusCode).toBe(303);
    const { rows: after } = await t.db.query<{ starts_at: Date; sequence: number }>('SELECT starts_at, sequence FROM appointments WHERE reference = $1', [
      booked.reference,
    ]);
    expect(new Date(after[0]!.starts_at).getTime()).toBe(Date.parse(list[1]!.start));
    expect(after[0]!.sequence).toBe(1);
    expect((await mailsTo(email)).map((m) => m.purpose)).toEqual(['appointment.confirmation', 'appointment.moved']);

    // Someone joins the waiting list through the page, then the slot is cancelled.
    const joined = await client.submitForm(`/fr/appointments/slots?service=eid-card&point=${laeken}`, '/fr/appointments/waitlist', {
      service: 'eid-card',
      point: laeken,
      name: 'Waiting Person',
      contactBy: 'email',
      email: 'waiting@example.be',
    });
    expect(joined.statusCode).toBe(303);
    // The calendar file of the appointment; then cancelling asks first (the manage page only links to it).
    const ics = await client.get(`/en/appointments/manage/${token}/appointment.ics`);
    expect(ics.headers['content-type']).toContain('text/calendar');
    expect(ics.body).toContain('METHOD:PUBLISH');
    expect((await client.get(`/en/appointments/manage/${token}`)).body).not.toContain(`action="/en/appointments/manage/${token}/cancel"`);
    const cancelled = await client.submitForm(`/en/appointments/manage/${token}/cancel`, `/en/appointments/manage/${token}/cancel`, {});
    expect(cancelled.statusCode).toBe(303);
    const afterCancel = await client.get(cancelled.headers.location as string);
    expect(afterCancel.body).toContain(`/en/appointments/slots?service=eid-card&amp;point=${laeken}`);
    expect((await client.get(`/en/appointments/manage/${token}/cancel`)).statusCode).toBe(303);
    const { rows: status } = await t.db.query<{ status: string; id: string }>('SELECT status, id FROM appointments WHERE reference = $1', [booked.reference]);
    expect(status[0]!.status).toBe('cancelled');
    const { rows: reminders } = await t.db.query(`SELECT 1 FROM jobs WHERE type = $1 AND unique_key = $2 AND status = 'queued'`, [REMINDER_JOB, status[0]!.id]);
    expect(reminders).toHaveLength(0);
    const cancelMail = (await mailsTo(email)).at(-1)!;
    expect(cancelMail.purpose).toBe('appointment.cancellation');
    expect(Buffer.from(cancelMail.attachments[0]!.content!, 'base64').toString()).toContain('METHOD:CANCEL');
    const offer = await mailsTo('waiting@example.be');
    expect(offer).toHaveLength(1);
    expect(offer[0]!.purpose).toBe('appointment.waitlist_offer');
    expect(offer[0]!.text_body).toContain(`/fr/appointments/slots?service=eid-card&point=${laeken}`);

    // The link has done its work: a second cancel is refused clearly; a forged link too.
    const again = await client.submitForm(`/en/appointments/slots?service=eid-card&point=${laeken}`, `/en/appointments/manage/${token}/cancel`, {});
    expect(again.statusCode).toBe(410);
    expect(again.body).toContain('can no longer change');
    const forged = await client.get(`/fr/appointments/manage/${'A'.repeat(32)}`);
    expect(forged.statusCode).toBe(404);
    expect(forged.body).toContain('n’est pas valable');
    expect((await client.get('/nl/appointments/manage/short')).statusCode).toBe(404);
  });

  it('sends the reminder while the appointment stands, and not once cancelled', async () => {
    const [slot] = await slots(schaerbeek, addDays(today(), 14));
    const email = 'reminded@example.be';
    const booked = (await book({ ...booking(schaerbeek, slot!.start, email), language: 'nl' })).json();
    const { rows } = await t.db.query<{ id: string }>('SELECT id FROM appointments WHERE reference = $1', [booked.reference]);
    await runJobNow(t.services.jobs, REMINDER_JOB, { appointmentId: rows[0]!.id });
    const reminder = (await mailsTo(email)).at(-1)!;
    expect(reminder.purpose).toBe('appointment.reminder');
    expect(reminder.subject).toContain('Herinnering');
    await t.db.query(`UPDATE appointments SET status = 'cancelled' WHERE id = $1`, [rows[0]!.id]);
    await runJobNow(t.services.jobs, REMINDER_JOB, { appointmentId: rows[0]!.id });
    expect(await mailsTo(email)).toHaveLength(2);
  });
});

describe('booking pages without JavaScript', () => {
  it('walks service → point (own commune by postal code) → slot → details → confirmation', async () => {
    const client = t.client();
    expect((await client.get('/fr/appointments')).statusCode).toBe(200);
    const needsPlace = await client.get('/fr/appointments/points?service=eid-card&postalCode=');
    expect(needsPlace.statusCode).toBe(400);
    expect(needsPlace.body).toContain('code postal');
    // The postal code given on the service page is not asked again.
    const fromService = await client.get('/fr/appointments?service=eid-card&postcode=1020');
    expect(fromService.statusCode).toBe(303);
    expect(fromService.headers.location).toBe('/fr/appointments/points?service=eid-card&postalCode=1020');
    expect((await client.get('/fr/appointments?service=eid-card&postcode=x1')).statusCode).toBe(200);
    const points = await client.get('/nl/appointments/points?service=eid-card&postalCode=1020');
    expect(points.statusCode).toBe(200);
    expect(points.body).toContain(laeken);
    expect(points.body).not.toContain(schaerbeek);
    const slotsPage = await client.get(`/en/appointments/slots?service=eid-card&point=${schaerbeek}&from=${addDays(today(), 5)}`);
    expect(slotsPage.statusCode).toBe(200);
    const start = decodeURIComponent(/class="irisdesk-time" href="[^"]*start=([^"&]+)"/.exec(slotsPage.body)![1]!);
    expect((await client.get(`/en/appointments/details?service=eid-card&point=${schaerbeek}`)).statusCode).toBe(400);
    const details = await client.get(`/en/appointments/details?service=eid-card&point=${schaerbeek}&start=${encodeURIComponent(start)}`);
    expect(details.statusCode).toBe(200);
    const invalid = await client.request('POST', '/en/appointments', {
      form: { _csrf: csrfTokenOf(details.body), service: 'eid-card', point: schaerbeek, start, name: '', contactBy: 'email', email: 'nope', language: 'en' },
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.body).toContain('data-error-summary');
    // "Check your answers" shows the answers with their "Change", books nothing; "Change" brings the form back filled in.
    const person = { service: 'eid-card', point: schaerbeek, start, name: 'Page Person', contactBy: 'email', email: 'page@example.be', language: 'nl' };
    const check = await client.request('POST', '/en/appointments/check', { form: { _csrf: csrfTokenOf(details.body), ...person } });
    expect(check.statusCode).toBe(200);
    expect(check.body).toContain('page@example.be');
    expect(check.body).toContain('form="change-details"');
    expect(await mailsTo('page@example.be')).toHaveLength(0);
    const badCheck = await client.request('POST', '/en/appointments/check', { form: { _csrf: csrfTokenOf(details.body), ...person, email: 'nope' } });
    expect(badCheck.statusCode).toBe(400);
    const change = await client.request('POST', '/en/appointments/details', { form: { _csrf: csrfTokenOf(details.body), ...person, focus: 'name' } });
    expect(change.statusCode).toBe(200);
    expect(change.body).toContain('value="Page Person"');
    // "Change" of the time, place or service keeps the answers: each step's choices post them along.
    const csrf = csrfTokenOf(details.body);
    const week = await client.request('POST', '/en/appointments/change/slot', { form: { _csrf: csrf, ...person, from: addDays(today(), 5) } });
    expect(week.statusCode).toBe(200);
    expect(week.body).toContain('<input type="hidden" name="name" value="Page Person"/>');
    const other = /<button type="submit" class="irisdesk-time" form="carry" formAction="\/en\/appointments\/details" name="start" value="([^"]+)"/i.exec(
      week.body,
    )![1]!;
    const detailsAgain = await client.request('POST', '/en/appointments/details', { form: { _csrf: csrf, ...person, start: other } });
    expect(detailsAgain.statusCode).toBe(200);
    expect(detailsAgain.body).toContain('value="Page Person"');
    expect(detailsAgain.body).toContain('value="page@example.be"');
    const placesAgain = await client.request('POST', '/fr/appointments/change/point', { form: { _csrf: csrf, ...person, postalCode: '1020' } });
    expect(placesAgain.statusCode).toBe(200);
    expect(placesAgain.body).toContain(`name="point" value="${laeken}"`);
    expect(placesAgain.body).toContain('value="page@example.be"');
    const servicesAgain = await client.request('POST', '/nl/appointments/change/service', { form: { _csrf: csrf, ...person } });
    expect(servicesAgain.statusCode).toBe(200);
    expect(servicesAgain.body).toContain('action="/nl/appointments/change/point"');
    expect((await client.request('POST', '/nl/appointments/change/point', { form: { _csrf: csrf, ...person, service: '' } })).statusCode).toBe(400);
    expect((await client.request('POST', '/nl/appointments/change/elsewhere', { form: { _csrf: csrf, ...person } })).statusCode).toBe(404);
    const done = await client.request('POST', '/en/appointments', {
      form: {
        _csrf: csrfTokenOf(details.body),
        service: 'eid-card',
        point: schaerbeek,
        start,
        name: 'Page Person',
        contactBy: 'email',
        email: 'page@example.be',
        language: 'nl',
      },
    });
    expect(done.statusCode).toBe(303);
    const confirmation = await client.get(done.headers.location as string);
    expect(confirmation.statusCode).toBe(200);
    expect(confirmation.body).toMatch(/RDV-[A-Z0-9]{4}-[A-Z0-9]{4}/);
    expect((await mailsTo('page@example.be'))[0]!.language).toBe('nl');
  });
});

describe('agents and settings', () => {
  it('shows the day to the organisation’s agents only, marks arrived / no-show, and counts no-show rates', async () => {
    const [slot] = await slots(schaerbeek, addDays(today(), 3));
    const booked = (await book(booking(schaerbeek, slot!.start, 'visitor@example.be'))).json();
    const day = slot!.start.slice(0, 10);
    const agent = t.client();
    await agent.login('agent@demo.irisdesk.brussels');
    expect((await agent.get('/en/agenda')).statusCode).toBe(200);
    const dayView = await agent.get(`/en/agenda/${schaerbeek}?date=${day}`);
    expect(dayView.statusCode).toBe(200);
    expect(dayView.body).toContain(booked.reference);
    expect((await agent.get(`/fr/agenda/${schaerbeek}?date=${day}&view=week`)).body).toContain(booked.reference);
    const { rows: audit } = await t.db.query(`SELECT 1 FROM audit_log WHERE subject_type = 'appointment_agenda' AND subject_id = $1`, [schaerbeek]);
    expect(audit.length).toBeGreaterThan(0);

    const other = t.client();
    await other.login('agent.ixelles@demo.irisdesk.brussels');
    expect((await other.get(`/en/agenda/${schaerbeek}?date=${day}`)).statusCode).toBe(403);

    const { rows } = await t.db.query<{ id: string }>('SELECT id FROM appointments WHERE reference = $1', [booked.reference]);
    const id = rows[0]!.id;
    const early = await agent.submitForm(`/en/agenda/${schaerbeek}?date=${day}`, `/en/agenda/appointments/${id}/status`, {
      status: 'no_show',
      date: day,
      view: 'day',
    });
    expect(early.statusCode).toBe(409);
    const arrived = await agent.submitForm(`/en/agenda/${schaerbeek}?date=${day}`, `/en/agenda/appointments/${id}/status`, {
      status: 'arrived',
      date: day,
      view: 'day',
    });
    expect(arrived.statusCode).toBe(303);
    expect((await other.submitForm('/en/agenda', `/en/agenda/appointments/${id}/status`, { status: 'seen' })).statusCode).toBe(404);
    const seen = await t.services.appointments.recordSeen(booked.reference);
    expect(seen.status).toBe('seen');

    // Past appointments: one seen, one no-show → 50 %.
    const { rows: svc } = await t.db.query<{ service_id: string; organisation_id: string }>(
      'SELECT service_id, organisation_id FROM appointments WHERE id = $1',
      [id],
    );
    for (const [i, status] of (['seen', 'no_show'] as const).entries()) {
      await t.db.query(
        `INSERT INTO appointments (reference, contact_point_id, service_id, organisation_id, starts_at, ends_at, seat, status, name, email, email_key, language, manage_token_hash)
         VALUES ($1, $2, $3, $4, now() - interval '2 days', now() - interval '2 days' + interval '15 minutes', $5, $6, 'Past', 'past@example.be', 'past@example.be', 'fr', $7)`,
        [`RDV-PAST-000${i}`, schaerbeek, svc[0]!.service_id, svc[0]!.organisation_id, i + 1, status, `hash-${i}-${Math.random()}`],
      );
    }
    const rates = await agent.get(`/en/agenda/${schaerbeek}?date=${today()}`);
    expect(rates.body).toMatch(/50[.,]0\s?%/);
  });

  it('checks in by reference and lists today’s appointments (the queue seam)', async () => {
    const [slot] = await slots(schaerbeek, addDays(today(), 4));
    const booked = (await book(booking(schaerbeek, slot!.start))).json();
    const checkIn = (point: string, reference: string) => t.db.transaction((tx) => t.services.appointments.checkInIn(tx, point, reference));
    await expect(checkIn(ixelles, booked.reference)).rejects.toMatchObject({ status: 404, code: 'appointment.not_found' });
    const arrived = await checkIn(schaerbeek, booked.reference);
    expect(arrived.status).toBe('arrived');
    await expect(checkIn(schaerbeek, 'RDV-NONE-0000')).rejects.toMatchObject({ status: 404, code: 'appointment.not_found' });
    const due = await t.services.appointments.appointmentsDueToday(schaerbeek, new Date(slot!.start));
    expect(due.map((a) => a.reference)).toContain(booked.reference);
  });

  it('lets a manager open a service to appointments, validates the form, and refuses other roles', async () => {
    const manager = t.client();
    await manager.login('manager@demo.irisdesk.brussels');
    expect((await manager.get('/en/admin/appointments')).statusCode).toBe(200);
    const nord = await pointId('commune-schaerbeek', 'antenne-nord');
    const form = {
      contactPointId: nord,
      serviceCode: 'passport',
      durationMinutes: '20',
      capacity: '2',
      openingHours: 'Tu-Fr 09:00-12:00; PH off',
      bufferMinutes: '0',
      minNoticeMinutes: '60',
      maxHorizonDays: '30',
      maxPerPerson: '1',
      active: 'true',
      modes: 'counter',
    };
    const bad = await manager.submitForm('/en/admin/appointments/new', '/en/admin/appointments', {
      ...form,
      capacity: '0',
      openingHours: 'whenever',
      modes: '',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('tick at least one type of appointment');
    expect(bad.body).toContain('whole number from 1 to 50');
    const notProvided = await manager.submitForm('/en/admin/appointments/new', '/en/admin/appointments', { ...form, serviceCode: 'renovation-advice' });
    expect(notProvided.statusCode).toBe(400);
    const created = await manager.submitForm('/en/admin/appointments/new', '/en/admin/appointments', form);
    expect(created.statusCode).toBe(303);
    const location = created.headers.location as string;
    expect((await manager.get(location)).statusCode).toBe(200);
    const list = await slots(nord, addDays(today(), 3), 'passport');
    expect(list.length).toBeGreaterThan(0);
    for (const s of list) expect(s.start.slice(11, 13) >= '09' && s.start.slice(11, 16) <= '11:40').toBe(true);
    const id = location.split('/').pop()!.split('?')[0]!;
    const closure = await manager.submitForm(location, `/en/admin/appointments/${id}/closures`, {
      from: addDays(today(), 3),
      to: addDays(today(), 30),
      seats: '',
      reason: 'Works',
      allServices: 'true',
    });
    expect(closure.statusCode).toBe(303);
    const { rows: closures } = await t.db.query<{ service_id: string | null }>(
      `SELECT service_id FROM appointment_closures WHERE contact_point_id = $1 AND reason = 'Works'`,
      [nord],
    );
    expect(closures).toEqual([{ service_id: null }]);
    const badClosure = await manager.submitForm(location, `/en/admin/appointments/${id}/closures`, {
      from: '2026-31-01',
      to: addDays(today(), 1),
      seats: '9',
      reason: '',
    });
    expect(badClosure.statusCode).toBe(400);
    expect(badClosure.body).toContain('YYYY-MM-DD');
    expect(await slots(nord, addDays(today(), 3), 'passport')).toEqual([]);
    const editor = t.client();
    await editor.login('editor@demo.irisdesk.brussels');
    expect((await editor.get('/en/admin/appointments/new')).statusCode).toBe(403);
    const outsider = t.client();
    await outsider.login('manager.ixelles@demo.irisdesk.brussels');
    expect((await outsider.get(location)).statusCode).toBe(404);
  });
});

describe('appointment modes (decision 0056)', () => {
  it('books by phone or video where offered, and says so in the mails, the .ics, the SMS, the reminder and the agenda', async () => {
    const passport = { ...booking(schaerbeek, ''), serviceCode: 'passport' };
    const [first, second] = await slots(schaerbeek, addDays(today(), 6), 'passport');
    // At the counter only (the default): video is refused on its field.
    const refused = await book({ ...passport, start: first!.start, mode: 'video' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields[0]).toMatchObject({ field: 'mode', code: 'appointments.modeNotOffered' });
    const manager = t.client();
    await manager.login('manager@demo.irisdesk.brussels');
    const { rows: ids } = await t.db.query<{ id: string; organisation_id: string }>(
      `SELECT s.id, s.organisation_id FROM appointment_settings s JOIN services sv ON sv.id = s.service_id WHERE s.contact_point_id = $1 AND sv.code = 'passport'`,
      [schaerbeek],
    );
    const settingsUrl = `/en/admin/appointments/${ids[0]!.id}`;
    const page = await manager.get(settingsUrl);
    const version = /name="version" value="(\d+)"/.exec(page.body)![1]!;
    const saved = await manager.submitForm(settingsUrl, settingsUrl, {
      version,
      durationMinutes: '20',
      capacity: '2',
      bufferMinutes: '5',
      minNoticeMinutes: '120',
      maxHorizonDays: '60',
      maxPerPerson: '2',
      active: 'true',
      modes: ['counter', 'phone', 'video'],
    });
    expect(saved.statusCode).toBe(303);
    // The organisation's video link template, set on its form (decision 0062): validated, previewed, then saved.
    const videoUrl = '/fr/admin/appointments/video';
    expect((await manager.get(videoUrl)).body).toContain('https://meet.jit.si/irisdesk-');
    for (const [template, message] of [
      ['http://video.example.be/room/{id}', 'commence par https://'],
      ['https://video.example.be/room/{reference}', '{reference} n’est pas reconnu'],
      ['https://video.example.be/room/', 'ajoutez {id}'],
      ['https://{id}.example.be/', 'nom du serveur'],
    ]) {
      const refused = await manager.submitForm(videoUrl, videoUrl, { organisationId: ids[0]!.organisation_id, template: template!, intent: 'save' });
      expect(refused.statusCode).toBe(400);
      expect(refused.body).toContain(message);
    }
    const template = 'https://video.example.be/room/{id}';
    const previewed = await manager.submitForm(videoUrl, videoUrl, { organisationId: ids[0]!.organisation_id, template, intent: 'preview' });
    expect(previewed.statusCode).toBe(303);
    const preview = await manager.get(previewed.headers.location!);
    expect(preview.body).toContain('Aperçu, pas encore enregistré');
    expect(preview.body).toContain('https://video.example.be/room/3f2b8c1e-');
    expect((await t.db.query('SELECT 1 FROM appointment_video_links WHERE organisation_id = $1', [ids[0]!.organisation_id])).rows).toEqual([]);
    const savedLink = await manager.submitForm(videoUrl, videoUrl, { organisationId: ids[0]!.organisation_id, template, intent: 'save' });
    expect(savedLink.headers.location).toContain('saved=1');
    const { rows: audited } = await t.db.query<{ details: { template: string } }>(
      `SELECT details FROM audit_log WHERE subject_type = 'appointment_video_link' AND subject_id = $1`,
      [ids[0]!.organisation_id],
    );
    expect(audited.map((row) => row.details.template)).toEqual([template]);
    const agentOfPoint = t.client();
    await agentOfPoint.login('agent@demo.irisdesk.brussels');
    expect((await agentOfPoint.get(videoUrl)).statusCode).toBe(403);

    // By phone: a number to call is required.
    const noNumber = await book({ ...passport, start: first!.start, mode: 'phone' });
    expect(noNumber.statusCode).toBe(400);
    expect(noNumber.json().error.fields[0]).toMatchObject({ field: 'phone', code: 'appointments.phoneForCall' });
    const byPhone = await book({ ...passport, start: first!.start, mode: 'phone', email: undefined, phone: '0470 55 66 77', language: 'nl' });
    expect(byPhone.statusCode).toBe(201);
    const { rows: texts } = await t.db.query<{ body: string }>(`SELECT body FROM sms_messages WHERE to_number = '+32470556677' ORDER BY created_at`);
    expect(texts[0]!.body).toContain('telefonisch, wij bellen u');
    expect(texts[0]!.body.length).toBeLessThanOrEqual(160);
    const phonePage = await t.client().get(new URL(byPhone.json().manageUrl).pathname);
    expect(phonePage.body).toContain('wij bellen u op +32 470 55 66 77');

    // By video: the link from the organisation's template, in the mail, the .ics (LOCATION and URL) and the reminder.
    const email = 'video.person@example.be';
    const byVideo = await book({ ...passport, start: second!.start, mode: 'video', email, language: 'en' });
    expect(byVideo.statusCode).toBe(201);
    const { rows: video } = await t.db.query<{ id: string }>('SELECT id FROM appointments WHERE reference = $1', [byVideo.json().reference]);
    const link = `https://video.example.be/room/${video[0]!.id}`;
    const [confirmation] = await mailsTo(email);
    expect(confirmation!.text_body).toContain(`This appointment is by video`);
    expect(confirmation!.text_body).toContain(link);
    expect(confirmation!.text_body).not.toContain('Address:');
    const vevent = new ICAL.Component(ICAL.parse(Buffer.from(confirmation!.attachments[0]!.content!, 'base64').toString('utf8'))).getFirstSubcomponent(
      'vevent',
    )!;
    expect(vevent.getFirstPropertyValue('location')).toBe(link);
    expect(vevent.getFirstPropertyValue('url')).toBe(link);
    await runJobNow(t.services.jobs, REMINDER_JOB, { appointmentId: video[0]!.id });
    const reminder = (await mailsTo(email)).at(-1)!;
    expect(reminder.purpose).toBe('appointment.reminder');
    expect(reminder.text_body).toContain(link);

    // The agenda shows the mode, the number to call (tel:) and the meeting link.
    const agent = t.client();
    await agent.login('agent@demo.irisdesk.brussels');
    const agenda = await agent.get(`/en/agenda/${schaerbeek}?date=${addDays(today(), 6)}&view=week`);
    expect(agenda.statusCode).toBe(200);
    expect(agenda.body).toContain('href="tel:+32470556677"');
    expect(agenda.body).toContain(`href="${link}"`);
    expect(agenda.body).toContain('By phone');
  });
});
