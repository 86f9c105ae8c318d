// Telephony integration (issue 19, part 3): a telephone system reports call events with an API token of the
// organisation; the agent's calls page shows the ringing call with the caller's earlier requests, an answered
// call is recorded as a phone contact with its real duration when it ends and can be linked to a request, a call
// nobody answered goes on the call-back list, and events may come twice or out of order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../test/app.ts';
import { addDays, brusselsDate } from '../platform/calendar/brussels-time.ts';

let t: TestApp;
let token: string;
let manager: TestClient;
let agent: TestClient;
let reference: string;
let appointment: string;

const bearer = () => ({ authorization: `Bearer ${token}` });
const ago = (seconds: number) => new Date(Date.now() - seconds * 1000).toISOString();
const report = (body: Record<string, unknown>, headers: Record<string, string> = bearer()) =>
  t.client().request('POST', '/api/v1/telephony/call-events', { json: body, headers });

beforeAll(async () => {
  t = await createTestApp();
  manager = t.client();
  await manager.login('manager@demo.irisdesk.brussels');
  const created = await manager.request('POST', '/api/v1/api-tokens', { json: { name: 'Asterisk', scopes: ['calls:write'] } });
  expect(created.statusCode).toBe(201);
  token = (created.json() as { token: string }).token;
  agent = t.client();
  await agent.login('agent@demo.irisdesk.brussels');
  // an earlier request of the caller, to Schaerbeek (postal code 1030)
  const service = (
    await t.db.query<{ code: string }>(`SELECT code FROM services WHERE competent_kind = 'commune' AND status = 'published' ORDER BY code LIMIT 1`)
  ).rows[0]!.code;
  const contact = await t.client().request('POST', '/api/v1/contact-requests', {
    json: {
      name: 'Jan Peeters',
      email: 'jan.peeters@example.be',
      phone: '0470 12 34 56',
      message: 'Ik bel u nog.',
      language: 'nl',
      serviceCode: service,
      postalCode: '1030',
    },
  });
  expect(contact.statusCode).toBe(201);
  reference = (contact.json() as { reference: string }).reference;
  // and an appointment booked with the same number at Schaerbeek's town hall
  const point = (
    await t.db.query<{ id: string }>(
      `SELECT cp.id FROM contact_points cp JOIN organisations o ON o.id = cp.organisation_id WHERE o.code = 'commune-schaerbeek' AND cp.code = 'maison-communale'`,
    )
  ).rows[0]!.id;
  const from = addDays(brusselsDate(new Date()), 1);
  const slots = (await t.client().get(`/api/v1/contact-points/${point}/slots?service=eid-card&from=${from}`)).json() as { slots: Array<{ start: string }> };
  const booked = await t.client().request('POST', '/api/v1/appointments', {
    json: { contactPointId: point, serviceCode: 'eid-card', start: slots.slots[0]!.start, name: 'Jan Peeters', phone: '0470 12 34 56', language: 'nl' },
  });
  expect(booked.statusCode).toBe(201);
  appointment = (booked.json() as { reference: string }).reference;
});
afterAll(() => t.close());

describe('calls reported by the telephone system', () => {
  it('pops a ringing call to the agent with the caller’s earlier requests, and records the answered call as a phone contact when it ends', async () => {
    const ringing = await report({
      callId: 'pbx-1',
      event: 'ringing',
      from: '0470/12.34.56',
      to: '02 244 75 11',
      agent: 'agent@demo.irisdesk.brussels',
      at: ago(200),
    });
    expect(ringing.statusCode).toBe(202);
    expect(ringing.json()).toMatchObject({ status: 'ringing', caller: '+32470123456', durationSeconds: null, contactRecorded: false });

    const page = await agent.get('/en/console/calls');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Incoming call since');
    expect(page.body).toContain('href="tel:+32470123456"');
    expect(page.body).toContain(reference); // the earlier request, found by the number
    expect(page.body).toContain(appointment); // and the appointment booked with it

    expect((await report({ callId: 'pbx-1', event: 'answered', from: '0470123456', agent: 'agent@demo.irisdesk.brussels', at: ago(190) })).statusCode).toBe(
      202,
    );
    const ended = await report({ callId: 'pbx-1', event: 'ended', at: ago(65) });
    expect(ended.json()).toMatchObject({ status: 'ended', durationSeconds: 125, contactRecorded: true });
    // the same event again, or a late "answered", changes nothing and records nothing twice
    expect((await report({ callId: 'pbx-1', event: 'ended', at: ago(10) })).json()).toMatchObject({ status: 'ended', durationSeconds: 125 });
    expect((await report({ callId: 'pbx-1', event: 'answered', at: ago(5) })).json()).toMatchObject({ status: 'ended', durationSeconds: 125 });
    const contacts = await t.db.query<{ channel: string; seconds: number; agent: string }>(
      `SELECT c.channel, extract(epoch FROM c.ended_at - c.started_at)::int AS seconds, a.email AS agent
         FROM cc_contacts c JOIN accounts a ON a.id = c.agent_account_id WHERE c.source_kind = 'call'`,
    );
    expect(contacts.rows).toEqual([{ channel: 'phone', seconds: 125, agent: 'agent@demo.irisdesk.brussels' }]);

    // the agent links the call to the caller's request: the contact counts for that request
    const wrong = await agent.submitForm('/en/console/calls', `/en/console/calls/${ended.json().id}/link`, { reference: 'BXL-0000-0000' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('no request of your organisation has this reference');
    const linked = await agent.submitForm('/en/console/calls', `/en/console/calls/${ended.json().id}/link`, { reference });
    expect(linked.statusCode).toBe(303);
    const counted = await t.db.query(
      `SELECT 1 FROM cc_contacts c JOIN cc_requests r ON r.id = c.request_id WHERE c.source_kind = 'call' AND r.reference = $1`,
      [reference],
    );
    expect(counted.rows).toHaveLength(1);
    expect((await agent.get('/en/console/calls')).body).toContain('2 min 5 s');
  });

  it('puts a call nobody answered on the call-back list, which one colleague clears', async () => {
    await report({ callId: 'pbx-2', event: 'ringing', from: '+32 2 279 22 11', at: ago(300) });
    const missed = await report({ callId: 'pbx-2', event: 'ended', at: ago(280) });
    expect(missed.json()).toMatchObject({ status: 'missed', contactRecorded: false });
    await report({ callId: 'pbx-3', event: 'missed', from: 'anonymous', at: ago(100) }); // withheld: nobody to call back

    const page = await agent.get('/fr/console/calls');
    expect(page.body).toContain('Appels manqués à rappeler');
    expect(page.body).toContain('href="tel:+3222792211"');
    expect(page.body).toContain('+32 2 279 22 11');
    const done = await agent.submitForm('/fr/console/calls', `/fr/console/calls/${missed.json().id}/called-back`, {});
    expect(done.statusCode).toBe(303);
    expect((await agent.get('/fr/console/calls')).body).toContain('Aucun appel à rappeler.');
    const again = await agent.submitForm('/fr/console/calls', `/fr/console/calls/${missed.json().id}/called-back`, {});
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('Un collègue vient déjà de rappeler ce numéro.');
  });

  it('refuses bad events with field errors, and anyone but a telephone system’s token', async () => {
    const bad = await report({ callId: 'pbx-4', event: 'ringing', from: 'call me', agent: 'nobody@example.be' });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .error.fields.map((field: { field: string }) => field.field)
        .sort(),
    ).toEqual(['agent', 'from']);
    expect((await report({ callId: 'pbx-4', event: 'hung-up' })).statusCode).toBe(400);
    expect((await report({ callId: 'pbx-4', event: 'ringing', at: '2020-01-01T00:00:00Z' })).statusCode).toBe(400);
    expect((await report({ callId: 'pbx-4', event: 'ringing' }, {})).statusCode).toBe(401);
    const session = await manager.request('POST', '/api/v1/telephony/call-events', { json: { callId: 'pbx-4', event: 'ringing' } });
    expect(session.statusCode).toBe(403);
    const other = (await manager.request('POST', '/api/v1/api-tokens', { json: { name: 'Other', scopes: ['organisation:read'] } })).json() as { token: string };
    expect((await report({ callId: 'pbx-4', event: 'ringing' }, { authorization: `Bearer ${other.token}` })).statusCode).toBe(403);
  });

  it('lets the manager map extensions to agents, so that the telephone system can name the agent by extension', async () => {
    expect((await agent.get('/en/console/calls/extensions')).statusCode).toBe(403);
    const page = await manager.get('/nl/console/calls/extensions');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Toestelnummers van de telefooncentrale');
    const ids = (
      await t.db.query<{ id: string; email: string }>(
        `SELECT id, email FROM accounts WHERE email IN ('agent@demo.irisdesk.brussels', 'backoffice@demo.irisdesk.brussels')`,
      )
    ).rows;
    const agentId = ids.find((row) => row.email.startsWith('agent@'))!.id;
    const backOfficeId = ids.find((row) => row.email.startsWith('backoffice@'))!.id;
    // one extension for two agents, and a malformed one: each named at its field, nothing saved
    const clash = await manager.submitForm('/en/console/calls/extensions', '/en/console/calls/extensions', {
      [`ext-${agentId}`]: '201',
      [`ext-${backOfficeId}`]: '201',
    });
    expect(clash.statusCode).toBe(400);
    expect(clash.body).toContain('this extension is already given to another agent');
    const malformed = await manager.submitForm('/fr/console/calls/extensions', '/fr/console/calls/extensions', { [`ext-${agentId}`]: '20 1' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.body).toContain('un numéro interne compte de 1 à 20 chiffres');
    expect((await t.db.query(`SELECT 1 FROM telephony_extensions`)).rows).toHaveLength(0);

    const saved = await manager.submitForm('/en/console/calls/extensions', '/en/console/calls/extensions', {
      [`ext-${agentId}`]: ' 201 ',
      [`ext-${backOfficeId}`]: '',
    });
    expect(saved.statusCode).toBe(303);
    expect((await manager.get('/en/console/calls/extensions?saved=1')).body).toContain('value="201"');

    const ringing = await report({ callId: 'pbx-5', event: 'ringing', from: '+32 470 99 88 77', extension: '201' });
    expect(ringing.statusCode).toBe(202);
    expect(ringing.json()).toMatchObject({ status: 'ringing', agent: expect.any(String) });
    expect((await agent.get('/en/console/calls')).body).toContain('+32 470 99 88 77');
    const unknown = await report({ callId: 'pbx-6', event: 'ringing', from: '+32 470 99 88 77', extension: '999' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields).toEqual([expect.objectContaining({ field: 'extension' })]);
    await report({ callId: 'pbx-5', event: 'missed' }); // leaves the agent's line free for the other tests
  });
});
