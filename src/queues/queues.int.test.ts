// Queue tickets, the whole app on a real database (PGlite; PostgreSQL with TEST_DATABASE_URL): the public
// contract, bad input in the user's language, numbering under concurrency and its daily reset in Brussels
// time, calling by priority and never twice, the agent's actions with the contact recorded, tenant
// isolation, the "my ticket" link, and a call reaching a board connected to a second instance.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { createTestApp, csrfTokenOf, type TestApp, type TestClient } from '../../test/app.ts';
import { actorOf as actorFor } from '../../test/actors.ts';
import { openSecondPool } from '../../test/database.ts';
import { connectEventStream } from '../../test/sse.ts';
import { createApp } from '../app.ts';
import type { Database } from '../platform/db/database.ts';
import type { App } from '../platform/http/types.ts';
import type { Actor } from '../identity/actor.ts';
import * as repo from './repository.ts';

let t: TestApp;
let pointId: string;
let closedPointId: string;
let counters: Record<string, string>;
let agent: TestClient;
let manager: TestClient;
let backoffice: TestClient;

const actorOf = (email: string): Promise<Actor> => actorFor(t.db, email);

/** Serves and finishes whatever is waiting at the point, so each test starts from an empty queue. */
async function drain() {
  await t.db.query(`UPDATE queue_tickets SET status = 'done', finished_at = now() WHERE contact_point_id = $1 AND status IN ('waiting', 'called', 'serving')`, [
    pointId,
  ]);
}

beforeAll(async () => {
  t = await createTestApp();
  const { rows } = await t.db.query<{ id: string; code: string }>(
    `SELECT cp.id, o.code FROM contact_points cp JOIN organisations o ON o.id = cp.organisation_id
      WHERE cp.code = 'maison-communale' AND o.code IN ('commune-schaerbeek', 'commune-ixelles')`,
  );
  pointId = rows.find((r) => r.code === 'commune-schaerbeek')!.id;
  closedPointId = rows.find((r) => r.code === 'commune-ixelles')!.id;
  // Open around the clock for the tests (the demo hours depend on the day the tests run); Ixelles closed.
  await t.db.query(`UPDATE contact_points SET opening_hours = '24/7' WHERE id = $1`, [pointId]);
  await t.db.query(`UPDATE contact_points SET opening_hours = 'off' WHERE id = $1`, [closedPointId]);
  const { rows: counterRows } = await t.db.query<{ id: string; name: string }>(`SELECT id, name FROM queue_counters WHERE contact_point_id = $1`, [pointId]);
  counters = Object.fromEntries(counterRows.map((c) => [c.name, c.id]));
  agent = t.client();
  await agent.login('agent@demo.irisdesk.brussels');
  manager = t.client();
  await manager.login('manager@demo.irisdesk.brussels');
  backoffice = t.client();
  await backoffice.login('backoffice@demo.irisdesk.brussels');
});
afterAll(() => t.close());

const take = (serviceCode: string, extra: Record<string, unknown> = {}, client = t.client(), lang = 'en') =>
  client.request('POST', `/api/v1/contact-points/${pointId}/tickets`, { json: { serviceCode, ...extra }, headers: { 'accept-language': lang } });

describe('taking a ticket (public contract)', () => {
  it('answers 201 with the number, the position and the estimated wait, and a link to follow it', async () => {
    await drain();
    const first = await take('household-composition-certificate');
    expect(first.statusCode).toBe(201);
    const body = first.json();
    expect(body.number).toMatch(/^C\d{3}$/);
    expect(body.position).toBe(1);
    // No counter open and no service measured yet: no estimate rather than a made-up one.
    expect(body.estimate).toEqual({ kind: 'unknown' });
    expect(body.estimatedWaitMinutes).toBeNull();
    expect(body.ticketUrl).toMatch(/\/en\/tickets\/[A-Za-z0-9_-]{20,}$/);
    const second = (await take('household-composition-certificate')).json();
    expect(Number(second.number.slice(1))).toBe(Number(body.number.slice(1)) + 1);
    expect(second.position).toBe(2);

    const wait = await t.client().get(`/api/v1/contact-points/${pointId}/wait`);
    expect(wait.statusCode).toBe(200);
    const row = wait.json().services.find((s: { serviceCode: string }) => s.serviceCode === 'household-composition-certificate');
    expect(row).toMatchObject({ prefix: 'C', waiting: 2, countersOpen: 0, measured: false, typicalServiceMinutes: 4 });
    expect(row).toMatchObject({ estimate: { kind: 'unknown' }, estimatedWaitMinutes: null });

    const mine = await t.client().get(`/api/v1/tickets/${second.ticketUrl.split('/').pop()}`);
    expect(mine.json()).toMatchObject({ number: second.number, status: 'waiting', position: 2 });
  });

  it("refuses bad input with a clear message in the user's language, never a 500", async () => {
    const notOffered = await take('building-permit', {}, t.client(), 'nl');
    expect(notOffered.statusCode).toBe(400);
    expect(notOffered.json().error.code).toBe('queue.service_not_offered');
    expect(notOffered.json().error.message).toBe('Dit contactpunt reikt geen volgnummers uit voor deze dienst.');

    const closed = await t
      .client()
      .request('POST', `/api/v1/contact-points/${closedPointId}/tickets`, { json: { serviceCode: 'eid-card' }, headers: { 'accept-language': 'fr' } });
    expect(closed.statusCode).toBe(409);
    expect(closed.json().error.message).toContain('fermé');

    const unknown = await t
      .client()
      .request('POST', `/api/v1/contact-points/00000000-0000-4000-8000-000000000000/tickets`, { json: { serviceCode: 'eid-card' } });
    expect(unknown.statusCode).toBe(404);
    const malformed = await t.client().request('POST', `/api/v1/contact-points/not-a-uuid/tickets`, { json: { serviceCode: 'eid-card' } });
    expect(malformed.statusCode).toBe(404);
    const missing = await t.client().request('POST', `/api/v1/contact-points/${pointId}/tickets`, { json: {} });
    expect(missing.statusCode).toBe(400);
    const badCode = await take('EID CARD!');
    expect(badCode.statusCode).toBe(400);
    const agentOnly = await take('eid-card', { priorityCategory: 'appointment' });
    expect(agentOnly.statusCode).toBe(400);
    expect(agentOnly.json().error.code).toBe('queue.unknown_priority');
    expect((await t.client().get(`/api/v1/tickets/${'x'.repeat(32)}`)).statusCode).toBe(404);
    expect((await t.client().get(`/api/v1/contact-points/not-a-uuid/wait`)).statusCode).toBe(404);

    // The closed point's kiosk shows no form; a stale page (opened before closing time) still posts one.
    expect((await t.client().get(`/nl/contact-points/${closedPointId}/kiosk`)).body).toContain('Dit contactpunt is nu gesloten');
    const visitor = t.client();
    const kioskPage = (await visitor.get(`/nl/contact-points/${pointId}/kiosk`)).body;
    // The kiosk preloads the typeface, as the public pages do.
    expect(kioskPage).toMatch(/<link rel="preload" href="[^"]+\.woff2" as="font"/);
    const token = csrfTokenOf(kioskPage);
    const kiosk = await visitor.request('POST', `/nl/contact-points/${closedPointId}/kiosk`, { form: { serviceCode: 'eid-card', _csrf: token } });
    expect(kiosk.statusCode).toBe(409);
    expect(kiosk.body).toContain('Dit contactpunt is nu gesloten');
  });

  it('gives unique consecutive numbers to concurrent takers', async () => {
    const answers = await Promise.all(Array.from({ length: 24 }, () => take('change-of-address')));
    expect(answers.every((a) => a.statusCode === 201)).toBe(true);
    const numbers = answers.map((a) => Number(a.json().number.slice(1))).sort((x, y) => x - y);
    expect(new Set(numbers).size).toBe(24);
    expect(numbers.at(-1)! - numbers[0]!).toBe(23);
  });

  it('restarts numbering at midnight Brussels time, not UTC', async () => {
    const before = await t.services.queues.issueTicket(pointId, { serviceCode: 'passport', language: 'fr' }, null, new Date('2027-11-26T22:50:00Z'));
    const sameDay = await t.services.queues.issueTicket(pointId, { serviceCode: 'passport', language: 'fr' }, null, new Date('2027-11-26T22:55:00Z'));
    // 23:10 UTC is 00:10 on the 27th in Brussels (UTC+1): a new day, so P001 again.
    const after = await t.services.queues.issueTicket(pointId, { serviceCode: 'passport', language: 'fr' }, null, new Date('2027-11-26T23:10:00Z'));
    expect([before.number, sameDay.number, after.number]).toEqual(['P001', 'P002', 'P001']);
    await t.db.query(`DELETE FROM queue_tickets WHERE day >= '2027-01-01'`);
  });
});

describe('agents at their counters', () => {
  it('refuses a state-changing API call that is not JSON (415), bodiless ones included, and changes nothing', async () => {
    const seated = async () =>
      (await t.db.query<{ agent: string | null }>(`SELECT agent_account_id AS agent FROM queue_counters WHERE id = $1`, [counters['1']])).rows[0]!.agent;
    expect(await seated()).toBeNull();
    const url = `/api/v1/queue-counters/${counters['1']}/open`;
    const bare = await agent.request('POST', url, { headers: { 'accept-language': 'nl' } });
    expect(bare.statusCode).toBe(415);
    expect(bare.json().error).toMatchObject({ code: 'request.unsupported_media_type', status: 415 });
    expect(bare.json().error.message).toContain('application/json');
    const text = await agent.request('POST', url, { headers: { 'content-type': 'text/plain' } });
    expect(text.statusCode).toBe(415);
    expect(text.json().error.code).toBe('request.unsupported_media_type');
    const emptyJson = await agent.request('POST', url, { headers: { 'content-type': 'application/json' } });
    expect(emptyJson.statusCode).toBe(400); // a JSON call sends at least {}
    expect(emptyJson.json().error.code).toBe('request.malformed');
    const form = await agent.request('POST', url, { form: { anything: 'x' } });
    expect(form.statusCode).toBe(415);
    const lookalike = await agent.request('POST', url, { json: {}, headers: { 'content-type': 'application/jsonp' } });
    expect(lookalike.statusCode).toBe(415);
    expect(await seated()).toBeNull();
  });

  it('calls by priority in force, then waiting time, and records the finished visit as a contact', async () => {
    await drain();
    const q = t.services.queues;
    const amira = await actorOf('agent@demo.irisdesk.brussels');
    const now = new Date();
    const at = (seconds: number) => new Date(now.getTime() + seconds * 1000);
    const plain = await q.issueTicket(pointId, { serviceCode: 'eid-card', language: 'fr' }, null, at(1));
    const elderly = await q.issueTicket(pointId, { serviceCode: 'eid-card', priorityCategory: 'elderly', language: 'nl' }, null, at(2));
    const pregnant = await q.issueTicket(pointId, { serviceCode: 'eid-card', priorityCategory: 'pregnancy', language: 'en' }, null, at(3));
    expect(pregnant.position).toBe(1);
    expect(elderly.position).toBe(1);

    expect((await agent.request('POST', `/api/v1/queue-counters/${counters['1']}/call-next`, { json: {} })).statusCode).toBe(409); // not seated yet
    expect((await agent.request('POST', `/api/v1/queue-counters/${counters['1']}/open`, { json: {} })).statusCode).toBe(200);
    const called: string[] = [];
    for (let i = 0; i < 3; i++) {
      const next = await q.callNext(amira, counters['1']!, at(10 + i));
      called.push(next!.number);
      await expect(q.callNext(amira, counters['1']!, at(10 + i))).rejects.toMatchObject({ code: 'queue.ticket_in_progress' });
      if (i === 0) {
        const viaApi = await agent.request('POST', `/api/v1/queue-counters/${counters['1']}/finish`, { json: { outcome: 'not-an-outcome' } });
        expect(viaApi.statusCode).toBe(400);
        await q.startServing(amira, counters['1']!, at(11));
      }
      await q.finish(amira, counters['1']!, 'answered_first_contact', at(20 + i));
    }
    expect(called).toEqual([pregnant.number, elderly.number, plain.number]);
    const { rows } = await t.db.query<{ channel: string; outcome: string; contact_point_id: string }>(
      `SELECT c.channel, c.outcome, c.contact_point_id FROM cc_contacts c JOIN queue_tickets q ON c.source_id = q.id::text
        WHERE c.source_kind = 'ticket' AND q.prefix = 'A' AND q.number = $1 AND q.day = $2::date`,
      [Number(pregnant.number.slice(1)), new Date().toLocaleDateString('en-CA', { timeZone: 'Europe/Brussels' })],
    );
    expect(rows).toEqual([{ channel: 'counter', outcome: 'answered_first_contact', contact_point_id: pointId }]);
    expect((await agent.request('POST', `/api/v1/queue-counters/${counters['1']}/call-next`, { json: {} })).json()).toEqual({ ticket: null });
  });

  it('serves an appointment checked in at its time, not before the people already waiting', async () => {
    await drain();
    const q = t.services.queues;
    const amira = await actorOf('agent@demo.irisdesk.brussels');
    const { rows: svc } = await t.db.query<{ id: string; organisation_id: string }>(
      `SELECT s.id, cp.organisation_id FROM services s, contact_points cp WHERE s.code = 'eid-card' AND cp.id = $1`,
      [pointId],
    );
    const now = new Date();
    const reference = `RDV-${randomBytes(2).toString('hex').toUpperCase()}-${randomBytes(2).toString('hex').toUpperCase()}`;
    await t.db.query(
      `INSERT INTO appointments (reference, contact_point_id, service_id, organisation_id, starts_at, ends_at, seat, name, email, email_key, language, manage_token_hash)
       VALUES ($1, $2, $3, $4, $5, $6, 1, 'Test Person', 'person@example.org', 'person@example.org', 'fr', $7)`,
      [
        reference,
        pointId,
        svc[0]!.id,
        svc[0]!.organisation_id,
        new Date(now.getTime() + 20 * 60_000),
        new Date(now.getTime() + 35 * 60_000),
        randomBytes(16).toString('hex'),
      ],
    );
    const early = await q.issueTicket(pointId, { serviceCode: 'eid-card', language: 'fr' }, null, now);
    const arrival = await t.client().request('POST', `/api/v1/contact-points/${pointId}/check-ins`, { json: { reference } });
    expect(arrival.statusCode).toBe(201);
    const status = await t.db.query<{ status: string }>(`SELECT status FROM appointments WHERE reference = $1`, [reference]);
    expect(status.rows[0]!.status).toBe('arrived');
    // Before the appointment time, the person who was already waiting comes first …
    expect((await q.callNext(amira, counters['1']!, new Date(now.getTime() + 60_000)))!.number).toBe(early.number);
    await q.finish(amira, counters['1']!, 'answered_first_contact', new Date(now.getTime() + 120_000));
    const later = await q.issueTicket(pointId, { serviceCode: 'eid-card', language: 'fr' }, null, new Date(now.getTime() + 130_000));
    // … from its start time on, the appointment passes the walk-ins.
    expect((await q.callNext(amira, counters['1']!, new Date(now.getTime() + 21 * 60_000)))!.number).toBe(arrival.json().number);
    await q.finish(amira, counters['1']!, 'answered_first_contact', new Date(now.getTime() + 25 * 60_000));
    // Finishing the appointment's ticket ends the appointment too (issue 5): seen, audited with the agent.
    const seen = await t.db.query<{ status: string; status_changed_by: string }>(`SELECT status, status_changed_by FROM appointments WHERE reference = $1`, [
      reference,
    ]);
    expect(seen.rows[0]).toEqual({ status: 'seen', status_changed_by: amira.accountId });
    expect((await q.callNext(amira, counters['1']!, new Date(now.getTime() + 26 * 60_000)))!.number).toBe(later.number);
    await q.noShow(amira, counters['1']!, new Date(now.getTime() + 27 * 60_000));
    const unknown = await t.client().request('POST', `/api/v1/contact-points/${pointId}/check-ins`, { json: { reference: 'RDV-ZZZZ-ZZZZ' } });
    expect(unknown.statusCode).toBe(404);
  });

  it('changes nothing when a check-in is refused, and answers an appointment elsewhere like an unknown reference', async () => {
    const book = async (point: string, serviceCode: string) => {
      const { rows } = await t.db.query<{ id: string; organisation_id: string }>(
        `SELECT s.id, cp.organisation_id FROM services s, contact_points cp WHERE s.code = $1 AND cp.id = $2`,
        [serviceCode, point],
      );
      const reference = `RDV-${randomBytes(2).toString('hex').toUpperCase()}-${randomBytes(2).toString('hex').toUpperCase()}`;
      const starts = new Date(Date.now() + 2 * 86_400_000);
      const { rows: made } = await t.db.query<{ id: string }>(
        `INSERT INTO appointments (reference, contact_point_id, service_id, organisation_id, starts_at, ends_at, seat, name, email, email_key, language, manage_token_hash)
         VALUES ($1, $2, $3, $4, $5, $6, 1, 'Test Person', 'person@example.org', 'person@example.org', 'fr', $7) RETURNING id`,
        [reference, point, rows[0]!.id, rows[0]!.organisation_id, starts, new Date(starts.getTime() + 15 * 60_000), randomBytes(16).toString('hex')],
      );
      const id = made[0]!.id;
      await t.db.query(`INSERT INTO jobs (type, payload, run_at, unique_key) VALUES ('appointment.reminder', $1::jsonb, now() + interval '1 day', $2)`, [
        JSON.stringify({ appointmentId: id }),
        id,
      ]);
      return { reference, id };
    };
    const state = async (id: string) =>
      (
        await t.db.query<{ status: string; reminders: number }>(
          `SELECT a.status, (SELECT count(*)::int FROM jobs j WHERE j.type = 'appointment.reminder' AND j.unique_key = a.id::text AND j.status = 'queued') AS reminders
           FROM appointments a WHERE a.id = $1`,
          [id],
        )
      ).rows[0];
    const checkIn = (reference: string) =>
      t.client().request('POST', `/api/v1/contact-points/${pointId}/check-ins`, { json: { reference }, headers: { 'accept-language': 'nl' } });

    // Another organisation's appointment, presented at this point's kiosk: not found, as an unknown reference is,
    // and still booked with its reminder.
    const elsewhere = await book(closedPointId, 'eid-card');
    const refused = await checkIn(elsewhere.reference);
    const unknown = await checkIn('RDV-ZZZZ-ZZZZ');
    expect(refused.statusCode).toBe(404);
    expect(refused.json().error).toEqual(unknown.json().error);
    expect(await state(elsewhere.id)).toEqual({ status: 'booked', reminders: 1 });
    const form = await t
      .client()
      .submitForm(`/nl/contact-points/${pointId}/kiosk`, `/nl/contact-points/${pointId}/kiosk/check-in`, { reference: elsewhere.reference });
    expect(form.statusCode).toBe(400);
    expect(form.body).toContain('We vinden geen afspraak met deze referentie');
    expect(await state(elsewhere.id)).toEqual({ status: 'booked', reminders: 1 });

    // An appointment of this point for a service without tickets here: the ticket is refused, so is the check-in.
    const { rows: without } = await t.db.query<{ code: string }>(
      `SELECT s.code FROM services s WHERE NOT EXISTS (SELECT 1 FROM queue_services q WHERE q.contact_point_id = $1 AND q.service_id = s.id) ORDER BY s.code LIMIT 1`,
      [pointId],
    );
    const noTicket = await book(pointId, without[0]!.code);
    const noQueue = await checkIn(noTicket.reference);
    expect(noQueue.statusCode).toBe(400);
    expect(noQueue.json().error.code).toBe('queue.service_not_offered');
    expect(await state(noTicket.id)).toEqual({ status: 'booked', reminders: 1 });
  });

  it('never gives the same ticket to two counters calling at the same time', async () => {
    await drain();
    await Promise.all(Array.from({ length: 12 }, () => take('eid-card')));
    await manager.request('POST', `/api/v1/queue-counters/${counters['2']}/open`, { json: {} });
    await backoffice.request('POST', `/api/v1/queue-counters/${counters['3']}/open`, { json: {} });
    const served: string[] = [];
    const serve = async (client: TestClient, counterId: string) => {
      for (;;) {
        const answer = await client.request('POST', `/api/v1/queue-counters/${counterId}/call-next`, { json: {} });
        expect(answer.statusCode).toBe(200);
        const ticket = answer.json().ticket;
        if (!ticket) return;
        served.push(ticket.id);
        expect((await client.request('POST', `/api/v1/queue-counters/${counterId}/finish`, { json: { outcome: 'redirected' } })).statusCode).toBe(200);
      }
    };
    await Promise.all([serve(agent, counters['1']!), serve(manager, counters['2']!), serve(backoffice, counters['3']!)]);
    expect(served.length).toBe(12);
    expect(new Set(served).size).toBe(12);

    // The same at the level of the statement: ten transactions racing for the queue take ten tickets.
    await Promise.all(Array.from({ length: 10 }, () => take('eid-card')));
    const amira = await actorOf('agent@demo.irisdesk.brussels');
    const { rows } = await t.db.query<{ id: string }>(`SELECT id FROM queue_services WHERE contact_point_id = $1`, [pointId]);
    const taken = await Promise.all(
      Array.from({ length: 10 }, () =>
        t.db.transaction((tx) =>
          repo.callNextTicket(tx, { counterId: counters['3']!, agentAccountId: amira.accountId, queueServiceIds: rows.map((r) => r.id), now: new Date() }),
        ),
      ),
    );
    const ids = taken.map((ticket) => ticket?.id);
    expect(ids.every(Boolean)).toBe(true);
    expect(new Set(ids).size).toBe(10);
    await drain();
  });

  it('recalls, transfers with the same number and link, and keeps other organisations out', async () => {
    await drain();
    const issued = (await take('eid-card')).json();
    const token = issued.ticketUrl.split('/').pop();
    const called = (await agent.request('POST', `/api/v1/queue-counters/${counters['1']}/call-next`, { json: {} })).json().ticket;
    expect(called.number).toBe(issued.number);
    expect((await t.client().get(`/api/v1/tickets/${token}`)).json()).toMatchObject({ status: 'called', counter: '1', position: null });
    expect((await agent.request('POST', `/api/v1/queue-counters/${counters['1']}/recall`, { json: {} })).json().ticket.recalls).toBe(1);
    const bad = await agent.request('POST', `/api/v1/queue-counters/${counters['1']}/transfer`, { json: {} });
    expect(bad.statusCode).toBe(400);
    const moved = await agent.request('POST', `/api/v1/queue-counters/${counters['1']}/transfer`, { json: { serviceCode: 'passport' } });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().ticket).toMatchObject({ number: issued.number, status: 'waiting', serviceCode: 'passport', transferred: true });
    expect((await t.client().get(`/api/v1/tickets/${token}`)).json()).toMatchObject({
      number: issued.number,
      status: 'waiting',
      serviceCode: 'passport',
      position: 1,
    });
    // Counter 2 does not serve passports: counter 3 does.
    expect((await manager.request('POST', `/api/v1/queue-counters/${counters['2']}/call-next`, { json: {} })).json().ticket).toBeNull();
    expect((await backoffice.request('POST', `/api/v1/queue-counters/${counters['3']}/call-next`, { json: {} })).json().ticket.number).toBe(issued.number);
    await backoffice.request('POST', `/api/v1/queue-counters/${counters['3']}/start`, { json: {} });
    expect((await backoffice.request('POST', `/api/v1/queue-counters/${counters['3']}/finish`, { json: { outcome: 'task_to_back_office' } })).statusCode).toBe(
      200,
    );
    const done = (await t.client().get(`/api/v1/tickets/${token}`)).json();
    expect(done).toMatchObject({ status: 'done', feedbackAvailable: true });
    // The satisfaction questionnaire through the seam: a link for this visit.
    const feedback = await t.client().submitForm(`/en/tickets/${token}`, `/en/tickets/${token}/feedback`, {});
    expect(feedback.statusCode).toBe(303);
    expect(feedback.headers.location).toMatch(/^\/en\/feedback\/[A-Za-z0-9_-]+$/);
    expect((await t.client().get(feedback.headers.location as string)).statusCode).toBe(200);
    // No open custom survey: no survey invitation either.
    expect((await t.db.query(`SELECT 1 FROM survey_invitations`)).rows).toEqual([]);

    const ixelles = t.client();
    await ixelles.login('agent.ixelles@demo.irisdesk.brussels');
    expect((await ixelles.request('POST', `/api/v1/queue-counters/${counters['1']}/call-next`, { json: {} })).statusCode).toBe(404);
    expect((await ixelles.get(`/en/queues/counters/${counters['1']}`)).statusCode).toBe(404);
    expect((await ixelles.get(`/api/v1/contact-points/${pointId}/queue-settings`)).statusCode).toBe(403);
    expect((await t.client().request('POST', `/api/v1/queue-counters/${counters['1']}/call-next`, { json: {} })).statusCode).toBe(401);
  });

  it('draws an open custom survey of the organisation with the questionnaire of a finished visit', async () => {
    await drain();
    // A survey of Schaerbeek sampling every counter visit (built and opened by its editor).
    const editor = t.client();
    await editor.login('editor@demo.irisdesk.brussels');
    const created = await editor.request('POST', '/api/v1/surveys', { json: { owner: 'organisation', templateCode: 'nps' } });
    expect(created.statusCode).toBe(201);
    const surveyId = created.json().id as string;
    const detail = async () => (await editor.get(`/api/v1/surveys/${surveyId}`)).json().survey;
    const draft = await detail();
    expect(
      (
        await editor.request('PATCH', `/api/v1/surveys/${surveyId}`, {
          json: { version: draft.version, title: draft.title, linkEnabled: false, samplingRate: 100, channels: ['counter'] },
        })
      ).statusCode,
    ).toBe(204);
    expect((await editor.request('POST', `/api/v1/surveys/${surveyId}/open`, { json: { version: (await detail()).version } })).statusCode).toBe(204);

    const token = (await take('eid-card', {}, t.client(), 'nl')).json().ticketUrl.split('/').pop();
    expect((await agent.request('POST', `/api/v1/queue-counters/${counters['1']}/call-next`, { json: {} })).statusCode).toBe(200);
    expect((await agent.request('POST', `/api/v1/queue-counters/${counters['1']}/finish`, { json: { outcome: 'answered_first_contact' } })).statusCode).toBe(
      200,
    );
    const holder = t.client();
    const both = await holder.submitForm(`/nl/tickets/${token}`, `/nl/tickets/${token}/feedback`, {});
    expect(both.statusCode).toBe(200);
    expect(both.body).toContain('De enquête invullen');
    const feedbackPath = both.body.match(/href="(\/nl\/feedback\/[A-Za-z0-9_-]+)"/)![1]!;
    const surveyPath = both.body.match(/href="[^"]*?(\/nl\/surveys\/invitations\/[A-Za-z0-9_-]+)"/)![1]!;
    expect((await holder.get(feedbackPath)).statusCode).toBe(200);
    expect((await holder.get(surveyPath)).statusCode).toBe(200);
    const { rows } = await t.db.query<{ survey_id: string; channel: string }>(`SELECT survey_id, channel FROM survey_invitations WHERE source_kind = 'visit'`);
    expect(rows).toEqual([{ survey_id: surveyId, channel: 'counter' }]);
    // Asking again: a new questionnaire link, but no second survey invitation for the same visit.
    const again = await holder.submitForm(`/nl/tickets/${token}`, `/nl/tickets/${token}/feedback`, {});
    expect(again.statusCode).toBe(303);
    expect((await t.db.query(`SELECT 1 FROM survey_invitations`)).rows.length).toBe(1);
    expect((await editor.request('POST', `/api/v1/surveys/${surveyId}/close`, { json: { version: (await detail()).version } })).statusCode).toBe(204);
  });

  it('works without JavaScript: the counter page forms call, finish and issue', async () => {
    await drain();
    expect((await agent.submitForm(`/fr/queues`, `/fr/queues/counters/${counters['1']}/open`, {})).statusCode).toBe(303);
    const page = await agent.get(`/fr/queues/counters/${counters['1']}`);
    expect(page.statusCode).toBe(200);
    const empty = await agent.submitForm(`/fr/queues/counters/${counters['1']}`, `/fr/queues/counters/${counters['1']}/call-next`, {});
    expect(empty.statusCode).toBe(409);
    expect(empty.body).toContain('Personne n’attend');
    const issued = await agent.submitForm(`/fr/queues/counters/${counters['1']}`, `/fr/queues/counters/${counters['1']}/tickets`, {
      serviceCode: 'eid-card',
      priorityCategory: 'appointment',
    });
    expect(issued.statusCode).toBe(303);
    expect(issued.headers.location).toMatch(/\?issued=A\d{3}$/);
    expect((await agent.submitForm(`/fr/queues/counters/${counters['1']}`, `/fr/queues/counters/${counters['1']}/call-next`, {})).statusCode).toBe(303);
    const wrong = await agent.submitForm(`/fr/queues/counters/${counters['1']}`, `/fr/queues/counters/${counters['1']}/finish`, { outcome: 'nonsense' });
    expect(wrong.statusCode).toBe(400);
    expect(
      (await agent.submitForm(`/fr/queues/counters/${counters['1']}`, `/fr/queues/counters/${counters['1']}/finish`, { outcome: 'redirected' })).statusCode,
    ).toBe(303);
    const kiosk = await t
      .client()
      .submitForm(`/en/contact-points/${pointId}/kiosk`, `/en/contact-points/${pointId}/kiosk`, { serviceCode: 'eid-card', priorityCategory: 'elderly' });
    expect(kiosk.statusCode).toBe(303);
    const ticketPage = await t.client().get(kiosk.headers.location as string);
    expect(ticketPage.statusCode).toBe(200);
    expect(ticketPage.body).toContain('You are next.');
    // The kiosk's ticket carries a QR code to the same ticket page (for the visitor's phone); its only link is
    // back to the kiosk's start, and it has no site header.
    const ownPage = (kiosk.headers.location as string).split('?')[0]!;
    expect(ticketPage.body).toMatch(/<svg[^>]*role="img"[^>]*aria-label="QR code leading to your ticket A\d{3}"/);
    expect([...ticketPage.body.matchAll(/<a [^>]*href="([^"]*)"/g)].map((link) => link[1])).toEqual([`/en/contact-points/${pointId}/kiosk`]);
    expect(ticketPage.body).not.toContain('<header');
    expect((await t.client().get(ownPage)).body).not.toContain('QR code leading to your ticket');
    const board = await t.client().get(`/nl/contact-points/${pointId}/board`);
    expect(board.statusCode).toBe(200);
    expect(board.body).toContain('aria-live');
    const cpPage = await t.client().get(`/en/contact-points/${pointId}`);
    expect(cpPage.body).toContain('Waiting time today');
    // The portal's service page shows the wait on the card of each open point issuing tickets for it.
    const servicePage = await t.client().get(`/en/services/eid-card?postalCode=1030`);
    expect(servicePage.statusCode).toBe(200);
    expect(servicePage.body).toMatch(
      /Waiting times<\/dt><dd><span data-wait-estimate="[a-z]+">(no wait|no estimate yet|less than \d+ minutes|about \d+ to \d+ minutes)<\/span><\/dd>/,
    );
    const openapi = (await t.client().get('/api/openapi.json')).json();
    expect(Object.keys(openapi.paths)).toEqual(
      expect.arrayContaining(['/api/v1/contact-points/{id}/tickets', '/api/v1/contact-points/{id}/wait', '/api/v1/contact-points/{id}/events']),
    );
    await drain();
  });

  it('lets managers configure services, prefixes and counters, refusing duplicates', async () => {
    const current = (await manager.get(`/api/v1/contact-points/${pointId}/queue-settings`)).json();
    expect(current.services.length).toBe(4);
    const duplicate = await manager.request('PUT', `/api/v1/contact-points/${pointId}/queue-settings`, {
      json: {
        services: [
          { serviceCode: 'eid-card', prefix: 'A' },
          { serviceCode: 'passport', prefix: 'A' },
        ],
        counters: [],
      },
    });
    expect(duplicate.statusCode).toBe(409);
    expect((await agent.request('PUT', `/api/v1/contact-points/${pointId}/queue-settings`, { json: { services: [], counters: [] } })).statusCode).toBe(403);
    const unknown = await manager.request('PUT', `/api/v1/contact-points/${pointId}/queue-settings`, {
      json: { services: [{ serviceCode: 'no-such-service', prefix: 'Z' }], counters: [] },
    });
    expect(unknown.statusCode).toBe(400);
    // Swapping two prefixes in one change is allowed (the uniqueness is checked at commit).
    const swapped = current.services.map((s: { serviceCode: string; prefix: string }) => ({
      serviceCode: s.serviceCode,
      prefix: s.prefix === 'A' ? 'P' : s.prefix === 'P' ? 'A' : s.prefix,
    }));
    const counterInput = current.counters.map((c: { name: string; serviceCodes: string[] }) => ({ name: c.name, serviceCodes: c.serviceCodes }));
    const saved = await manager.request('PUT', `/api/v1/contact-points/${pointId}/queue-settings`, { json: { services: swapped, counters: counterInput } });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().services.find((s: { serviceCode: string }) => s.serviceCode === 'eid-card').prefix).toBe('P');
    await manager.request('PUT', `/api/v1/contact-points/${pointId}/queue-settings`, {
      json: {
        services: current.services.map((s: { serviceCode: string; prefix: string }) => ({ serviceCode: s.serviceCode, prefix: s.prefix })),
        counters: counterInput,
      },
    });
    const audit = await t.db.query(`SELECT 1 FROM audit_log WHERE subject_type = 'queue_settings' AND subject_id = $1`, [pointId]);
    expect(audit.rows.length).toBe(2);
  });
});

describe('a call reaching a display board on another instance', () => {
  let bDb: Database;
  let b: { app: App };
  let url: string;
  // Instance B: its own app and connection pool on the same database (starting it builds its search index).
  beforeAll(async () => {
    bDb = await openSecondPool(t.db);
    b = await createApp({ config: t.config, db: bDb });
    await b.app.listen({ port: 0, host: '127.0.0.1' });
    const address = b.app.server.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  }, 120_000);
  afterAll(async () => {
    await b?.app.close();
    await bDb?.close();
  });

  it('streams ticket.called from instance A to an SSE client of instance B', { timeout: 60_000 }, async () => {
    await drain();
    const stream = await connectEventStream(`${url}/api/v1/contact-points/${pointId}/events`);
    try {
      expect(stream.status).toBe(200);
      const issued = (await take('eid-card')).json();
      const answer = await agent.request('POST', `/api/v1/queue-counters/${counters['1']}/call-next`, { json: {} });
      expect(answer.json().ticket.number).toBe(issued.number);
      const event = await stream.waitFor((e) => e.event === 'ticket.called');
      expect(JSON.parse(event.data)).toMatchObject({ number: issued.number, counter: '1', serviceCode: 'eid-card', recall: false });
      expect(event.data).not.toContain(answer.json().ticket.id); // no ticket ids on the public stream
      const unknown = await connectEventStream(`${url}/api/v1/contact-points/00000000-0000-4000-8000-000000000000/events`);
      expect(unknown.status).toBe(404);
      unknown.close();
    } finally {
      stream.close();
      await drain();
    }
  });
});

describe('one waiting-time estimate on every screen', () => {
  /** The estimate's words on a page: of one service's line, or the page's only one (a ticket). */
  const estimateOn = (html: string, serviceCode?: string) => {
    const part = serviceCode ? html.slice(html.indexOf(`data-wait-service="${serviceCode}"`)) : html;
    return /data-wait-estimate="[a-z]+">([^<]*)</.exec(part)?.[1];
  };

  it('shows the same words on the portal, the kiosk ticket, the board and the counter for the same queue', async () => {
    await drain();
    // Visits served by the earlier tests of this file (seconds long, finished moments ago) leave the 7-day sample,
    // so that the sample is the twenty below whatever the timing of the run.
    await t.db.query(`UPDATE queue_tickets SET finished_at = finished_at - interval '8 days' WHERE contact_point_id = $1 AND status = 'done'`, [pointId]);
    // Twenty measured visits of 6 to 14 minutes at the eID queue, the most recent of the point.
    for (let i = 0; i < 20; i++) expect((await take('eid-card')).statusCode).toBe(201);
    const measured = await t.db.query(
      `WITH mine AS (SELECT id, row_number() OVER (ORDER BY queued_at, id) AS i FROM queue_tickets WHERE contact_point_id = $1 AND status = 'waiting')
       UPDATE queue_tickets t SET status = 'done', serving_at = now() - make_interval(secs => 60 * (6 + mine.i % 9) + mine.i),
              finished_at = now() - make_interval(secs => mine.i)
         FROM mine WHERE t.id = mine.id`,
      [pointId],
    );
    expect(measured.rowCount).toBe(20);
    // One counter open for the queue: counters left open by earlier tests are closed by the colleagues there.
    await manager.request('POST', `/api/v1/queue-counters/${counters['2']}/close`, { json: {} });
    await backoffice.request('POST', `/api/v1/queue-counters/${counters['3']}/close`, { json: {} });
    const open = await agent.request('POST', `/api/v1/queue-counters/${counters['1']}/open`, { json: {} });
    expect(open.statusCode).toBe(200);
    try {
      // Nobody waiting and a counter free: "no wait", never "0 people waiting – about 5 minutes".
      const empty = (await t.client().get(`/en/contact-points/${pointId}`)).body;
      expect(estimateOn(empty, 'eid-card')).toBe('no wait');

      const visitor = t.client();
      const token = csrfTokenOf((await visitor.get(`/en/contact-points/${pointId}/kiosk`)).body);
      let ticketPage = '';
      for (let i = 0; i < 4; i++) {
        const issued = await visitor.request('POST', `/en/contact-points/${pointId}/kiosk`, { form: { serviceCode: 'eid-card', _csrf: token } });
        expect(issued.statusCode).toBe(303);
        ticketPage = issued.headers.location as string;
      }
      const onTicket = estimateOn((await visitor.get(ticketPage)).body);
      // The public page, cached, follows the queue's changes (decision 0044's page cache, 0043).
      const onPortal = estimateOn((await t.client().get(`/en/contact-points/${pointId}`)).body, 'eid-card');
      const onBoard = estimateOn((await t.client().get(`/en/contact-points/${pointId}/board`)).body, 'eid-card');
      const onCounter = estimateOn((await agent.get(`/en/queues/counters/${counters['1']}`)).body, 'eid-card');
      expect(onTicket).toMatch(/^about \d+ to \d+ minutes$/);
      expect([onPortal, onBoard, onCounter]).toEqual([onTicket, onTicket, onTicket]);
      const api = (await t.client().get(`/api/v1/contact-points/${pointId}/wait`))
        .json()
        .services.find((s: { serviceCode: string }) => s.serviceCode === 'eid-card');
      expect(api).toMatchObject({ waiting: 4, countersOpen: 1, measured: true, estimate: { kind: 'range' } });
      expect(onTicket).toBe(`about ${api.estimate.minMinutes} to ${api.estimate.maxMinutes} minutes`);
      // The same words in French.
      const fr = estimateOn((await t.client().get(`/fr/contact-points/${pointId}/board`)).body, 'eid-card');
      expect(fr).toBe(`environ ${api.estimate.minMinutes} à ${api.estimate.maxMinutes} minutes`);
    } finally {
      await drain();
      expect((await agent.request('POST', `/api/v1/queue-counters/${counters['1']}/close`, { json: {} })).statusCode).toBe(200);
    }
  });
});
