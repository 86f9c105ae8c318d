// SMS alerts of queue tickets (issue 19, part 2) against a REAL SMPP 3.4 message centre (test/smpp.ts) and a
// real database: a number left with the ticket (API) or on the ticket page, "your turn is near" once when N
// people are left (N per contact point), "go to counter X" when called, in the ticket's language; bad numbers
// refused in the user's language; the number erased when the ticket ends.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, csrfTokenOf, type TestApp } from '../../test/app.ts';
import { actorOf as actorFor } from '../../test/actors.ts';
import { startTestSmsc, type SubmittedSms, type TestSmsc } from '../../test/smpp.ts';
import { startJobWorker, type JobWorker } from '../platform/jobs/worker.ts';
import { smsLength } from '../platform/sms/gsm.ts';
import type { Actor } from '../identity/actor.ts';

let smsc: TestSmsc;
let t: TestApp;
let worker: JobWorker;
let pointId: string;
let counterId: string;

const actorOf = (email: string): Promise<Actor> => actorFor(t.db, email);
const take = (extra: Record<string, unknown> = {}, lang = 'en') =>
  t
    .client()
    .request('POST', `/api/v1/contact-points/${pointId}/tickets`, { json: { serviceCode: 'eid-card', ...extra }, headers: { 'accept-language': lang } });
const textsTo = (digits: string) => smsc.submitted.filter((sms) => sms.to === digits);
async function waitForTexts(digits: string, count: number, timeoutMs = 15_000): Promise<SubmittedSms[]> {
  const started = Date.now();
  while (textsTo(digits).length < count) {
    if (Date.now() - started > timeoutMs) throw new Error(`expected ${count} SMS to ${digits}, got ${textsTo(digits).length}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return textsTo(digits);
}
/** Lets the worker deliver whatever was queued, so that "nothing more was sent" is a real observation. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 600));

beforeAll(async () => {
  smsc = await startTestSmsc();
  t = await createTestApp({ SMPP_URL: smsc.url, SMS_SENDER: 'IrisDesk' });
  worker = await startJobWorker({ db: t.db, registry: t.services.jobs, pollIntervalMs: 100, retryBaseMs: 300, retryMaxMs: 600 });
  const { rows } = await t.db.query<{ id: string }>(
    `SELECT cp.id FROM contact_points cp JOIN organisations o ON o.id = cp.organisation_id WHERE cp.code = 'maison-communale' AND o.code = 'commune-schaerbeek'`,
  );
  pointId = rows[0]!.id;
  await t.db.query(`UPDATE contact_points SET opening_hours = '24/7' WHERE id = $1`, [pointId]);
  const { rows: counters } = await t.db.query<{ id: string }>(`SELECT id FROM queue_counters WHERE contact_point_id = $1 AND name = '1'`, [pointId]);
  counterId = counters[0]!.id;
}, 120_000);
afterAll(async () => {
  await worker?.stop();
  await t?.services.sms.close();
  await t?.close();
  await smsc?.stop();
});

describe('queue tickets with SMS alerts', () => {
  it('texts "near" once when N people are left and "called" with the counter, in the ticket’s language', async () => {
    // The manager sets N = 2 for this point through the settings API (the rest of the settings unchanged).
    const manager = t.client();
    await manager.login('manager@demo.irisdesk.brussels');
    const current = (await manager.get(`/api/v1/contact-points/${pointId}/queue-settings`)).json();
    expect(current.nearAlertPeople).toBe(3);
    const body = {
      services: current.services,
      counters: current.counters.map((c: { name: string; serviceCodes: string[]; active: boolean }) => ({
        name: c.name,
        serviceCodes: c.serviceCodes,
        active: c.active,
      })),
    };
    const zero = await manager.request('PUT', `/api/v1/contact-points/${pointId}/queue-settings`, { json: { ...body, nearAlertPeople: 0 } });
    expect(zero.statusCode).toBe(400);
    expect(zero.json().error.fields[0].field).toBe('nearAlertPeople');
    const saved = await manager.request('PUT', `/api/v1/contact-points/${pointId}/queue-settings`, { json: { ...body, nearAlertPeople: 2 } });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().nearAlertPeople).toBe(2);
    const tickets = [];
    for (let i = 0; i < 3; i++) tickets.push((await take()).json());
    const withPhone = await take({ phone: '0470 20 00 01', language: 'en' });
    expect(withPhone.statusCode).toBe(201);
    const fourth = withPhone.json();
    const fifth = (await take({ language: 'nl' })).json();
    const fifthToken = new URL(fifth.ticketUrl).pathname.split('/').pop()!;

    // The fifth holder leaves a number on their ticket page (not on the kiosk's copy).
    const client = t.client();
    const page = await client.get(`/nl/tickets/${fifthToken}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Een sms krijgen (niet verplicht)');
    expect(page.body).toContain('nog 2 personen');
    expect((await client.get(`/nl/tickets/${fifthToken}?kiosk=${pointId}`)).body).not.toContain('name="phone"');
    const fixed = await client.request('POST', `/nl/tickets/${fifthToken}/phone`, { form: { _csrf: csrfTokenOf(page.body), phone: '02 279 22 11' } });
    expect(fixed.statusCode).toBe(400);
    expect(fixed.body).toContain('geen sms ontvangen');
    const left = await client.request('POST', `/nl/tickets/${fifthToken}/phone`, { form: { _csrf: csrfTokenOf(page.body), phone: '+32 470 20 00 02' } });
    expect(left.statusCode).toBe(303);
    expect((await client.get(`/nl/tickets/${fifthToken}`)).body).toContain('eindigt op 02');
    await settle();
    expect(textsTo('32470200001')).toHaveLength(0); // three ahead of the fourth: not yet
    expect(textsTo('32470200002')).toHaveLength(0);

    const q = t.services.queues;
    const agent = await actorOf('agent@demo.irisdesk.brussels');
    await q.openCounter(agent, counterId);
    const serve = async () => {
      const called = await q.callNext(agent, counterId);
      await q.finish(agent, counterId, 'answered_first_contact');
      return called!.number;
    };
    expect(await serve()).toBe(tickets[0].number);
    const [near] = await waitForTexts('32470200001', 1);
    expect(near!.text).toBe(`Ticket ${fourth.number}: your turn is near, 2 people before you. Please come back to the counters.`);
    expect(smsLength(near!.text).segments).toBe(1);

    expect(await serve()).toBe(tickets[1].number);
    const [nearNl] = await waitForTexts('32470200002', 1);
    expect(nearNl!.text).toContain(`Ticket ${fifth.number}: uw beurt komt eraan, nog 2 personen voor u.`);
    expect(await serve()).toBe(tickets[2].number);
    await settle();
    expect(textsTo('32470200001')).toHaveLength(1); // "near" only once

    const called = await q.callNext(agent, counterId);
    expect(called!.number).toBe(fourth.number);
    const calledText = (await waitForTexts('32470200001', 2))[1]!;
    expect(calledText.text).toBe(`Ticket ${fourth.number}: it is your turn. Please go to counter 1.`);
    await q.finish(agent, counterId, 'answered_first_contact');
    const { rows } = await t.db.query<{ phone: string | null }>(
      `SELECT phone FROM queue_tickets WHERE contact_point_id = $1 AND prefix || lpad(number::text, 3, '0') = $2 AND status = 'done'`,
      [pointId, fourth.number],
    );
    expect(rows).toEqual([{ phone: null }]);

    // The fifth holder stops the texts; being called then sends nothing.
    const again = await client.get(`/nl/tickets/${fifthToken}`);
    expect((await client.request('POST', `/nl/tickets/${fifthToken}/phone`, { form: { _csrf: csrfTokenOf(again.body), phone: '' } })).statusCode).toBe(303);
    expect((await q.callNext(agent, counterId))!.number).toBe(fifth.number);
    await q.finish(agent, counterId, 'answered_first_contact');
    await settle();
    expect(textsTo('32470200002')).toHaveLength(1);
    await q.closeCounter(agent, counterId);
  });

  it('refuses a bad number when taking a ticket, in the user’s language', async () => {
    const bad = await take({ phone: '12345' }, 'fr');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0]).toMatchObject({ field: 'phone', code: 'validation.phone' });
    const landline = await take({ phone: '02 279 22 11' }, 'fr');
    expect(landline.statusCode).toBe(400);
    expect(landline.json().error.fields[0].message).toContain('ne peut pas recevoir de SMS');
  });
});
