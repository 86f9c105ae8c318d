// Remote queue tickets (issue 19 part 4a, decision 0061), the whole app on a real database (PGlite; PostgreSQL
// with TEST_DATABASE_URL): the setting per point and service, the public page in three languages, a ticket in
// line but never called before check-in, check-in at the kiosk (code as typed or scanned) and by an agent (code
// or number) with the place kept, the release job and its notices, the counts, bad input and a full cap as 4xx,
// and the daily cap held under concurrent takers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, csrfTokenOf, type TestApp, type TestClient } from '../../test/app.ts';
import { actorOf as actorFor } from '../../test/actors.ts';
import { runJobNow } from '../../test/jobs.ts';
import type { Actor } from '../identity/actor.ts';
import { REMOTE_RELEASE_JOB } from './remote-tickets.ts';
import { queuePersonalData } from './personal-data.ts';
import { ticketDay } from './rules.ts';

let t: TestApp;
let pointId: string;
let counterId: string;
let manager: TestClient;
let agentActor: Actor;

const actorOf = (email: string): Promise<Actor> => actorFor(t.db, email);

const takeRemote = (json: Record<string, unknown>, lang = 'en') =>
  t.client().request('POST', `/api/v1/contact-points/${pointId}/remote-tickets`, { json, headers: { 'accept-language': lang } });
const ticketOf = async (token: string) => (await t.client().get(`/api/v1/tickets/${token}`)).json();
const tokenOf = (url: string) => url.split('/').pop()!.split('?')[0]!;

/** Ends every ticket of the point and forgets today's remote ones, so that each test starts from an empty day. */
async function reset(settings: { allowed?: boolean; cap?: number; grace?: number } = {}) {
  await t.db.query(`DELETE FROM queue_tickets WHERE contact_point_id = $1`, [pointId]);
  await t.db.query(
    `INSERT INTO queue_alert_settings (contact_point_id, remote_allowed, remote_daily_cap, remote_grace_minutes) VALUES ($1, $2, $3, $4)
     ON CONFLICT (contact_point_id) DO UPDATE SET remote_allowed = $2, remote_daily_cap = $3, remote_grace_minutes = $4`,
    [pointId, settings.allowed ?? true, settings.cap ?? 50, settings.grace ?? 45],
  );
}

beforeAll(async () => {
  t = await createTestApp();
  const { rows } = await t.db.query<{ id: string }>(
    `SELECT cp.id FROM contact_points cp JOIN organisations o ON o.id = cp.organisation_id WHERE cp.code = 'maison-communale' AND o.code = 'commune-schaerbeek'`,
  );
  pointId = rows[0]!.id;
  await t.db.query(`UPDATE contact_points SET opening_hours = '24/7' WHERE id = $1`, [pointId]);
  const { rows: counters } = await t.db.query<{ id: string }>(`SELECT id FROM queue_counters WHERE contact_point_id = $1 AND name = '1'`, [pointId]);
  counterId = counters[0]!.id;
  manager = t.client();
  await manager.login('manager@demo.irisdesk.brussels');
  agentActor = await actorOf('agent@demo.irisdesk.brussels');
}, 60_000);
afterAll(() => t.close());

describe('remote queue tickets', () => {
  it('are off until a manager allows them, per point and per service, through the queue settings', async () => {
    const refused = await takeRemote({ serviceCode: 'eid-card' }, 'nl');
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({
      code: 'queue.remote_not_offered',
      message: 'Dit contactpunt reikt voor deze dienst geen volgnummers op afstand uit.',
    });
    const page = await t.client().get(`/fr/contact-points/${pointId}/remote-ticket`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('ne délivre pas de ticket à distance');
    expect(page.body).not.toContain('name="serviceCode"');

    const current = (await manager.get(`/api/v1/contact-points/${pointId}/queue-settings`)).json();
    expect(current.remoteTickets).toEqual({ allowed: false, dailyCap: 50, graceMinutes: 45 });
    const services = current.services.map((s: { serviceCode: string }) => ({
      ...s,
      // Household certificates stay at the kiosk only; eID cards get a lower cap of their own.
      remoteAllowed: s.serviceCode !== 'household-composition-certificate',
      remoteDailyCap: s.serviceCode === 'eid-card' ? 40 : null,
    }));
    const saved = await manager.request('PUT', `/api/v1/contact-points/${pointId}/queue-settings`, {
      json: {
        services,
        counters: current.counters.map((c: { name: string; serviceCodes: string[]; active: boolean }) => ({
          name: c.name,
          serviceCodes: c.serviceCodes,
          active: c.active,
        })),
        remoteTickets: { allowed: true, dailyCap: 60, graceMinutes: 30 },
      },
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().remoteTickets).toEqual({ allowed: true, dailyCap: 60, graceMinutes: 30 });
    expect(saved.json().services.find((s: { serviceCode: string }) => s.serviceCode === 'eid-card')).toMatchObject({ remoteAllowed: true, remoteDailyCap: 40 });
    const badGrace = await manager.request('PUT', `/api/v1/contact-points/${pointId}/queue-settings`, {
      json: { services, counters: [], remoteTickets: { allowed: true, dailyCap: 60, graceMinutes: 5 } },
    });
    expect(badGrace.statusCode).toBe(400);

    const excluded = await takeRemote({ serviceCode: 'household-composition-certificate' });
    expect(excluded.statusCode).toBe(400);
    expect(excluded.json().error.fields[0]).toMatchObject({ field: 'serviceCode', code: 'queues.remote.error.notOffered' });
    const wait = (await t.client().get(`/api/v1/contact-points/${pointId}/wait`)).json();
    expect(wait.remoteTickets).toBe(true);
    // The contact-point page links to it, and so does the service page's card of the point (for that service).
    expect((await t.client().get(`/nl/contact-points/${pointId}`)).body).toContain(`/nl/contact-points/${pointId}/remote-ticket`);
    const servicePage = await t.client().get('/fr/services/eid-card?postalCode=1030');
    expect(servicePage.body).toContain(`/fr/contact-points/${pointId}/remote-ticket?service=eid-card`);
  });

  it('has a form for managers, with clear messages for numbers out of range, and none for agents', async () => {
    const path = `/fr/queues/remote-tickets/${pointId}`;
    expect((await manager.get('/fr/queues')).body).toContain(path);
    const page = await manager.get(path);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Tickets à distance');
    const post = (form: Record<string, string>) => manager.request('POST', path, { form: { _csrf: csrfTokenOf(page.body), ...form } });
    const bad = await post({ allowed: 'true', dailyCap: '0', graceMinutes: '500', 'remote-eid-card': 'true', 'cap-eid-card': 'beaucoup' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Indiquez un nombre entier de 1 à 2000.');
    expect(bad.body).toContain('Indiquez un nombre entier de minutes de 10 à 240.');
    const saved = await post({
      allowed: 'true',
      dailyCap: '80',
      graceMinutes: '60',
      'remote-eid-card': 'true',
      'cap-eid-card': '',
      'remote-passport': 'true',
      'cap-passport': '20',
    });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`${path}?saved=1`);
    const settings = (await manager.get(`/api/v1/contact-points/${pointId}/queue-settings`)).json();
    expect(settings.remoteTickets).toEqual({ allowed: true, dailyCap: 80, graceMinutes: 60 });
    const byCode = (code: string) => settings.services.find((s: { serviceCode: string }) => s.serviceCode === code);
    expect(byCode('eid-card')).toMatchObject({ remoteAllowed: true, remoteDailyCap: null });
    expect(byCode('passport')).toMatchObject({ remoteAllowed: true, remoteDailyCap: 20 });
    // Left unticked: household certificates (and the other services) stay at the kiosk only.
    expect(byCode('household-composition-certificate')).toMatchObject({ remoteAllowed: false });
    const agent = t.client();
    await agent.login('agent@demo.irisdesk.brussels');
    expect((await agent.get(path)).statusCode).toBe(403);
  });

  it('gives a ticket from the public page that keeps its place but is not called before check-in', async () => {
    await reset({ grace: 30 });
    const visitor = t.client();
    const form = await visitor.get(`/fr/contact-points/${pointId}/remote-ticket?service=eid-card`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Prendre un ticket à distance');
    expect(form.body).toMatch(/value="eid-card"[^>]*checked|checked[^>]*value="eid-card"/);
    expect(form.body).not.toContain('value="household-composition-certificate"');
    const before = new Date();
    const posted = await visitor.request('POST', `/fr/contact-points/${pointId}/remote-ticket`, {
      form: { _csrf: csrfTokenOf(form.body), serviceCode: 'eid-card', phone: '0470 12 34 56', email: 'visiteur@example.be' },
    });
    expect(posted.statusCode).toBe(303);
    const token = tokenOf(posted.headers.location as string);
    const remote = await ticketOf(token);
    expect(remote).toMatchObject({ status: 'remote', position: 1, checkInCode: expect.stringMatching(/^[A-HJ-NP-Z2-9]{6}$/) });
    const deadline = new Date(remote.checkInBy).getTime() - before.getTime();
    expect(deadline).toBeGreaterThan(29 * 60_000);
    expect(deadline).toBeLessThanOrEqual(31 * 60_000);
    const page = await visitor.get(`/fr/tickets/${token}`);
    expect(page.body).toContain(remote.checkInCode);
    expect(page.body).toContain('validez-le à la borne');
    // The link and the code by e-mail, in French; the release job waits for the deadline.
    const { rows: mails } = await t.db.query<{ subject: string; text_body: string }>(
      `SELECT subject, text_body FROM mail_messages WHERE 'visiteur@example.be' = ANY(to_addresses)`,
    );
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text_body).toContain(remote.checkInCode);
    expect(mails[0]!.text_body).toContain(`/fr/tickets/${token}`);
    const { rows: jobs } = await t.db.query<{ run_at: Date }>(`SELECT run_at FROM jobs WHERE type = $1 AND status = 'queued'`, [REMOTE_RELEASE_JOB]);
    expect(jobs.map((job) => new Date(job.run_at).toISOString())).toContain(remote.checkInBy);

    // A visitor at the kiosk comes after it in line, with the same estimate everywhere, but is called first.
    const kiosk = (await t.client().request('POST', `/api/v1/contact-points/${pointId}/tickets`, { json: { serviceCode: 'eid-card' } })).json();
    expect(kiosk.position).toBe(2);
    const wait = (await t.client().get(`/api/v1/contact-points/${pointId}/wait`)).json();
    expect(wait.services.find((s: { serviceCode: string }) => s.serviceCode === 'eid-card')).toMatchObject({ waiting: 2, notCheckedIn: 1 });
    await t.services.queues.openCounter(agentActor, counterId);
    const called = await t.services.queues.callNext(agentActor, counterId);
    expect(called?.number).toBe(kiosk.number);
    await t.services.queues.startServing(agentActor, counterId);
    await t.services.queues.finish(agentActor, counterId, 'answered_first_contact');
    expect(await t.services.queues.callNext(agentActor, counterId)).toBeNull();
    const counter = await t.client().get(`/en/queues/counters/${counterId}`);
    expect(counter.statusCode).not.toBe(500);

    // Checked in at the kiosk, as a scanner or a hurried hand types it: then it is called, at its place.
    const later = (await t.client().request('POST', `/api/v1/contact-points/${pointId}/tickets`, { json: { serviceCode: 'eid-card' } })).json();
    const kioskScreen = t.client();
    const kioskPage = await kioskScreen.get(`/nl/contact-points/${pointId}/kiosk`);
    expect(kioskPage.body).toContain(`/nl/contact-points/${pointId}/kiosk/remote-check-in`);
    const spaced = `${remote.checkInCode.slice(0, 3).toLowerCase()} ${remote.checkInCode.slice(3)}`;
    const checkIn = await kioskScreen.request('POST', `/nl/contact-points/${pointId}/kiosk/remote-check-in`, {
      form: { _csrf: csrfTokenOf(kioskPage.body), code: spaced },
    });
    expect(checkIn.statusCode).toBe(303);
    expect(checkIn.headers.location).toBe(`/nl/contact-points/${pointId}/kiosk?checkedIn=1`);
    expect(await ticketOf(token)).toMatchObject({ status: 'waiting', position: 1, checkInCode: null });
    expect((await t.services.queues.callNext(agentActor, counterId))?.number).toBe(remote.number);
    expect((await ticketOf(tokenOf(later.ticketUrl))).position).toBe(1);
    await t.services.queues.noShow(agentActor, counterId);
    await t.services.queues.closeCounter(agentActor, counterId);

    // The same code a second time, or a made-up one: a clear message on the kiosk, in its language.
    const again = await kioskScreen.request('POST', `/nl/contact-points/${pointId}/kiosk/remote-check-in`, {
      form: { _csrf: csrfTokenOf(kioskPage.body), code: remote.checkInCode },
    });
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('Er is vandaag geen volgnummer om aan te melden met deze code.');
    // The release job finds it checked in and leaves it alone.
    const { rows: ids } = await t.db.query<{ id: string }>(`SELECT id FROM queue_tickets WHERE check_in_code = $1`, [remote.checkInCode]);
    await t.db.query(`UPDATE queue_tickets SET check_in_by = now() - interval '1 minute' WHERE id = $1`, [ids[0]!.id]);
    await runJobNow(t.services.jobs, REMOTE_RELEASE_JOB, { ticketId: ids[0]!.id });
    expect((await ticketOf(token)).status).toBe('no_show');
  });

  it('is checked in by an agent with its code or its number, and released with a notice when nobody came', async () => {
    await reset();
    const byNumber = (await takeRemote({ serviceCode: 'passport' })).json();
    expect(byNumber).toMatchObject({ number: expect.stringMatching(/^[A-Z]{1,2}\d{3}$/), checkInCode: expect.any(String) });
    const agent = t.client();
    await agent.login('agent@demo.irisdesk.brussels');
    const screen = await agent.get(`/en/queues/counters/${counterId}`);
    expect(screen.body).toContain('Check in a remote ticket');
    const checked = await agent.request('POST', `/en/queues/counters/${counterId}/check-in`, {
      form: { _csrf: csrfTokenOf(screen.body), code: byNumber.number },
    });
    expect(checked.statusCode).toBe(303);
    expect(checked.headers.location).toBe(`/en/queues/counters/${counterId}?checkedIn=${byNumber.number}`);
    expect((await agent.get(checked.headers.location as string)).body).toContain(`Ticket ${byNumber.number} checked in`);
    const wrong = await agent.request('POST', `/en/queues/counters/${counterId}/check-in`, { form: { _csrf: csrfTokenOf(screen.body), code: 'NOPE99' } });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('No ticket to check in with this code today.');

    // Nobody came: at the deadline the job releases it, texts and e-mails its holder, and forgets both.
    const absent = await takeRemote({ serviceCode: 'eid-card', phone: '+32470999888', email: 'absent@example.be' }, 'nl');
    expect(absent.statusCode).toBe(201);
    const token = tokenOf(absent.json().ticketUrl);
    const { rows } = await t.db.query<{ id: string }>(`SELECT id FROM queue_tickets WHERE check_in_code = $1`, [absent.json().checkInCode]);
    const id = rows[0]!.id;
    // A subject request by that address finds the ticket while it holds the address (decision 0053's seam).
    expect((await queuePersonalData.export(t.db, null, [], null, 'ABSENT@example.be')).map((ticket) => ticket.id)).toEqual([id]);
    // Before the deadline the job changes nothing (a job run early, or retried).
    await runJobNow(t.services.jobs, REMOTE_RELEASE_JOB, { ticketId: id });
    expect((await ticketOf(token)).status).toBe('remote');
    await t.db.query(`UPDATE queue_tickets SET check_in_by = now() - interval '1 minute' WHERE id = $1`, [id]);
    await runJobNow(t.services.jobs, REMOTE_RELEASE_JOB, { ticketId: id });
    expect(await ticketOf(token)).toMatchObject({ status: 'released', position: null, checkInCode: null });
    expect((await t.client().get(`/nl/tickets/${token}`)).body).toContain('Dit volgnummer is vervallen');
    const { rows: texts } = await t.db.query<{ body: string; purpose: string }>(`SELECT body, purpose FROM sms_messages WHERE to_number = '+32470999888'`);
    expect(texts.map((x) => x.purpose)).toEqual(expect.arrayContaining(['queue.remote_taken', 'queue.remote_released']));
    expect(texts.find((x) => x.purpose === 'queue.remote_taken')!.body).toContain(absent.json().checkInCode);
    expect(texts.find((x) => x.purpose === 'queue.remote_released')!.body).toContain('vervallen');
    const { rows: mails } = await t.db.query<{ purpose: string }>(
      `SELECT purpose FROM mail_messages WHERE 'absent@example.be' = ANY(to_addresses) ORDER BY created_at`,
    );
    expect(mails.map((m) => m.purpose)).toEqual(['queue.remote_taken', 'queue.remote_released']);
    expect((await t.db.query(`SELECT phone, email FROM queue_tickets WHERE id = $1`, [id])).rows).toEqual([{ phone: null, email: null }]);
    // A released ticket cannot be checked in any more.
    await expect(t.services.queues.checkInRemote(pointId, absent.json().checkInCode, { byNumber: false, field: 'code' })).rejects.toMatchObject({
      status: 400,
    });
  });

  it("counts a remote ticket's wait at the counter from its check-in in the operations indicators", async () => {
    await reset();
    const taken = (await takeRemote({ serviceCode: 'passport' })).json();
    // Taken at home two hours ago, checked in now and called at once: a wait of minutes on site, not of hours.
    await t.db.query(`UPDATE queue_tickets SET issued_at = now() - interval '2 hours', queued_at = now() - interval '2 hours' WHERE check_in_code = $1`, [
      taken.checkInCode,
    ]);
    await t.services.queues.checkInRemote(pointId, taken.checkInCode, { byNumber: false, field: 'code' });
    await t.services.queues.openCounter(agentActor, counterId);
    expect((await t.services.queues.callNext(agentActor, counterId))?.number).toBe(taken.number);
    await t.services.queues.noShow(agentActor, counterId);
    await t.services.queues.closeCounter(agentActor, counterId);
    const month = ticketDay(new Date()).slice(0, 7); // the tickets' Brussels month
    await t.services.operationsIndicators.rebuild([agentActor.organisationId], month, month);
    const { rows } = await t.db.query<{ waits: number; seconds: number }>(
      `SELECT sum(waits)::int AS waits, sum(wait_seconds)::int AS seconds FROM operations_aggregates WHERE contact_point = $1 AND month = $2::date`,
      [pointId, `${month}-01`],
    );
    expect(rows[0]!.waits).toBe(1);
    expect(rows[0]!.seconds).toBeLessThan(600);
  });

  it('refuses bad input and a full day with clear 4xx messages, and holds the cap under concurrent takers', async () => {
    await reset({ cap: 3 });
    const badEmail = await takeRemote({ serviceCode: 'eid-card', email: 'not-an-address' }, 'fr');
    expect(badEmail.statusCode).toBe(400);
    expect(badEmail.json().error.fields[0]).toMatchObject({ field: 'email', message: expect.stringContaining('adresse e-mail complète') });
    const badPhone = await takeRemote({ serviceCode: 'eid-card', phone: '02 123 45 67' });
    expect(badPhone.statusCode).toBe(400);
    expect((await takeRemote({ serviceCode: 'NOT A CODE' })).statusCode).toBe(400);
    expect(
      (await t.client().request('POST', `/api/v1/contact-points/00000000-0000-4000-8000-000000000000/remote-tickets`, { json: { serviceCode: 'eid-card' } }))
        .statusCode,
    ).toBe(404);
    const browser = t.client();
    const page = await browser.get(`/en/contact-points/${pointId}/remote-ticket`);
    const formPost = await browser.request('POST', `/en/contact-points/${pointId}/remote-ticket`, {
      form: { _csrf: csrfTokenOf(page.body), serviceCode: 'eid-card', email: 'nope' },
    });
    expect(formPost.statusCode).toBe(400);
    expect(formPost.body).toContain('Enter a full e-mail address');

    // Eight people at once for a cap of three: exactly three tickets, the others told the day is full.
    const answers = await Promise.all(Array.from({ length: 8 }, () => takeRemote({ serviceCode: 'eid-card' })));
    expect(answers.filter((a) => a.statusCode === 201)).toHaveLength(3);
    const full = answers.filter((a) => a.statusCode === 409);
    expect(full).toHaveLength(5);
    expect(full[0]!.json().error).toMatchObject({ code: 'queue.remote_full', message: "All of today's remote tickets have been taken." });
    expect(new Set(answers.filter((a) => a.statusCode === 201).map((a) => a.json().checkInCode)).size).toBe(3);
    const { rows } = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM queue_tickets WHERE contact_point_id = $1 AND check_in_code IS NOT NULL`, [
      pointId,
    ]);
    expect(rows[0]!.n).toBe(3);
    const fullPage = await t.client().get(`/en/contact-points/${pointId}/remote-ticket`);
    expect(fullPage.body).toContain("All of today's remote tickets have been taken.");
    // The kiosk still gives tickets: the cap is for remote ones only.
    expect((await t.client().request('POST', `/api/v1/contact-points/${pointId}/tickets`, { json: { serviceCode: 'eid-card' } })).statusCode).toBe(201);

    // A closed point gives none (only within opening hours).
    await reset();
    await t.db.query(`UPDATE contact_points SET opening_hours = 'off' WHERE id = $1`, [pointId]);
    try {
      const closed = await takeRemote({ serviceCode: 'eid-card' }, 'fr');
      expect(closed.statusCode).toBe(409);
      expect(closed.json().error.code).toBe('queue.point_closed');
      expect((await t.client().get(`/en/contact-points/${pointId}/remote-ticket`)).body).toContain('remote tickets are only given during opening hours');
    } finally {
      await t.db.query(`UPDATE contact_points SET opening_hours = '24/7' WHERE id = $1`, [pointId]);
    }
  });
});
