// Agent safety end to end on a real database: reports by form (CSRF) and API, who sees an incident (the
// reporter and their managers; never colleagues, never another organisation), audit entries, closure rules,
// bad input in the user's language, the real-time alert to the colleagues and managers of the same contact
// point (and to no one else), the anonymous dashboard and contact-point staff.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../test/app.ts';
import { connectEventStream, type SseClient } from '../../test/sse.ts';
import { channels } from '../platform/realtime/channels.ts';
import { startTestSmtpServer, type TestSmtpServer } from '../../test/smtp.ts';
import { startJobWorker } from '../platform/jobs/worker.ts';

let t: TestApp;
let smtp: TestSmtpServer;
let baseUrl: string;
const ids: Record<string, string> = {};
const points = { schaerbeek: '', nord: '', ixelles: '' };
const clients: Record<string, TestClient> = {};

const EMAIL = (name: string) => `${name}@demo.irisdesk.brussels`;
const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000).toISOString();

async function signedIn(name: string): Promise<TestClient> {
  if (!clients[name]) {
    const client = t.client();
    await client.login(EMAIL(name));
    clients[name] = client;
  }
  return clients[name]!;
}

async function report(name: string, extra: Record<string, unknown> = {}) {
  const response = await (
    await signedIn(name)
  ).request('POST', '/api/v1/safety/incidents', {
    json: {
      type: 'verbal_aggression',
      contactPointId: points.schaerbeek,
      occurredAt: minutesAgo(10),
      description: 'Un usager a crié et insulté l’agent.',
      personsInvolved: 'Usager au ticket A-12',
      ...extra,
    },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id as string;
}

async function auditCount(subjectId: string, actorName: string, action: string) {
  const { rows } = await t.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM audit_log WHERE subject_type = 'safety_incident' AND subject_id = $1 AND actor_account_id = $2 AND action = $3`,
    [subjectId, ids[actorName], action],
  );
  return rows[0]!.n;
}

beforeAll(async () => {
  smtp = await startTestSmtpServer();
  t = await createTestApp({ SMTP_URL: smtp.url });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const { rows } = await t.db.query<{ id: string; email: string }>(`SELECT id, email FROM accounts WHERE email LIKE '%@demo.irisdesk.brussels'`);
  for (const row of rows) ids[row.email.replace('@demo.irisdesk.brussels', '')] = row.id;
  const { rows: cps } = await t.db.query<{ id: string; code: string; org: string }>(
    `SELECT cp.id, cp.code, o.code AS org FROM contact_points cp JOIN organisations o ON o.id = cp.organisation_id
      WHERE o.code IN ('commune-schaerbeek', 'commune-ixelles')`,
  );
  points.schaerbeek = cps.find((c) => c.org === 'commune-schaerbeek' && c.code === 'maison-communale')!.id;
  points.nord = cps.find((c) => c.org === 'commune-schaerbeek' && c.code === 'antenne-nord')!.id;
  points.ixelles = cps.find((c) => c.org === 'commune-ixelles' && c.code === 'maison-communale')!.id;
});
afterAll(async () => {
  await t?.close();
  await smtp?.stop();
});

describe('reporting and who may see an incident', () => {
  it('records a report from the form (pre-filled place and time), shown to the reporter and their manager', async () => {
    const agent = await signedIn('agent');
    const form = await agent.get(`/fr/safety/report?contactPoint=${points.schaerbeek}&returnTo=%2Ffr%2Fback-office`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain(`<option value="${points.schaerbeek}" selected`);
    expect(form.body).toMatch(/id="field-occurredAt"[^>]* value="\d{4}-\d{2}-\d{2}T\d{2}:\d{2}"/);
    const now = /id="field-occurredAt"[^>]* value="([^"]+)"/.exec(form.body)![1]!;
    const response = await agent.submitForm('/fr/safety/report', '/fr/safety/report', {
      type: 'threat',
      contactPointId: points.schaerbeek,
      occurredAt: now,
      description: 'Menaces de mort au guichet 3.',
      personsInvolved: 'Un homme d’une quarantaine d’années',
      returnTo: '/fr/back-office',
    });
    expect(response.statusCode, response.body).toBe(303);
    const location = String(response.headers.location);
    expect(location).toMatch(/^\/fr\/safety\/incidents\/[0-9a-f-]{36}\?notice=reported&returnTo=%2Ffr%2Fback-office$/);
    const id = location.split('/')[4]!.split('?')[0]!;
    const own = await agent.get(location);
    expect(own.statusCode).toBe(200);
    expect(own.body).toContain('Menaces de mort au guichet 3.');
    const managerView = await (await signedIn('manager')).get(`/en/safety/incidents/${id}`);
    expect(managerView.statusCode).toBe(200);
    expect(managerView.body).toContain('Un homme d’une quarantaine d’années');
    expect(await auditCount(id, 'manager', 'read')).toBe(1);
    expect(await auditCount(id, 'agent', 'create')).toBe(1);
  });

  it('refuses colleagues (403, audited) and hides the incident from another organisation (404)', async () => {
    const id = await report('agent');
    const colleague = await (await signedIn('backoffice')).get(`/api/v1/safety/incidents/${id}`);
    expect(colleague.statusCode).toBe(403);
    expect(colleague.json().error.code).toBe('safety.incident_forbidden');
    expect(await auditCount(id, 'backoffice', 'denied')).toBe(1);
    for (const name of ['manager.ixelles', 'agent.ixelles', 'admin']) {
      const other = await (await signedIn(name)).get(`/api/v1/safety/incidents/${id}`);
      expect(other.statusCode, name).toBe(404);
    }
    expect((await (await signedIn('backoffice')).get(`/en/safety/incidents/${id}`)).statusCode).toBe(403);
    // The organisation manager's list has it; another organisation's manager's list does not.
    const list = await (await signedIn('manager')).get('/api/v1/safety/incidents');
    expect(list.json().incidents.map((i: { id: string }) => i.id)).toContain(id);
    const ixelles = await (await signedIn('manager.ixelles')).get('/api/v1/safety/incidents');
    expect(ixelles.json().incidents.map((i: { id: string }) => i.id)).not.toContain(id);
    // A plain agent has no managed list.
    expect((await (await signedIn('backoffice')).get('/api/v1/safety/incidents')).statusCode).toBe(403);
    const mine = await (await signedIn('agent')).get('/api/v1/safety/incidents?mine=true');
    expect(mine.json().incidents.map((i: { id: string }) => i.id)).toContain(id);
  });

  it('refuses bad input with 400 and field messages in the user’s language', async () => {
    const agent = await signedIn('agent');
    const bad = await agent.request('POST', '/api/v1/safety/incidents?lang=nl', { json: { type: 'shouting', description: '' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toBe('Sommige velden vragen uw aandacht.');
    expect(bad.json().error.fields.map((f: { field: string }) => f.field)).toEqual(expect.arrayContaining(['type', 'description']));
    const future = await agent.request('POST', '/api/v1/safety/incidents?lang=fr', {
      json: { type: 'threat', contactPointId: points.schaerbeek, occurredAt: new Date(Date.now() + 3_600_000).toISOString(), description: 'x' },
    });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.fields[0]).toMatchObject({ field: 'occurredAt', code: 'safety.error.future' });
    expect(future.json().error.fields[0].message).toContain('dans le futur');
    const otherOrg = await agent.request('POST', '/api/v1/safety/incidents?lang=en', {
      json: { type: 'threat', contactPointId: points.ixelles, description: 'x' },
    });
    expect(otherOrg.statusCode).toBe(400);
    expect(otherOrg.json().error.fields[0].code).toBe('safety.error.unknownContactPoint');
    const nowhere = await agent.request('POST', '/api/v1/safety/incidents', {
      json: { type: 'threat', contactPointId: null, placeText: '  ', description: 'x' },
    });
    expect(nowhere.statusCode).toBe(400);
    expect(nowhere.json().error.fields[0].field).toBe('placeText');
    // The form re-renders with an error summary, in the page language.
    const form = await agent.submitForm('/nl/safety/report', '/nl/safety/report', { occurredAt: '2026-13-45T99:99', description: '' });
    expect(form.statusCode).toBe(400);
    expect(form.body).toContain('data-error-summary');
    expect(form.body).toContain('Soort incident');
    const { rows } = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM safety_incidents WHERE description = 'x'`);
    expect(rows[0]!.n).toBe(0);
  });

  it('refuses a form post without its CSRF token', async () => {
    const agent = await signedIn('agent');
    const response = await agent.request('POST', '/en/safety/report', {
      form: { type: 'threat', contactPointId: points.schaerbeek, occurredAt: '2026-01-01T10:00', description: 'no token' },
    });
    expect(response.statusCode).toBe(403);
    const help = await agent.request('POST', '/en/safety/help', { form: { contactPointId: points.schaerbeek } });
    expect(help.statusCode).toBe(403);
  });
});

describe('follow-up to closure', () => {
  it('closes only when every action is done or waived with a reason, and at least one exists', async () => {
    const id = await report('agent');
    const manager = await signedIn('manager');
    const close = () => manager.request('POST', `/api/v1/safety/incidents/${id}/close?lang=en`, { json: { note: 'ok' } });
    const none = await close();
    expect(none.statusCode).toBe(409);
    expect(none.json().error.code).toBe('safety.no_actions');
    const add = (json: Record<string, unknown>) => manager.request('POST', `/api/v1/safety/incidents/${id}/actions`, { json });
    const debrief = await add({ kind: 'debrief', assigneeAccountId: ids.manager, dueDate: '2026-12-01', note: 'Entretien prévu avec la psychologue' });
    expect(debrief.statusCode, debrief.body).toBe(201);
    const complaint = await add({ kind: 'complaint_filed' });
    expect(complaint.statusCode).toBe(201);
    expect((await add({ kind: 'support', assigneeAccountId: ids['manager.ixelles'] })).statusCode).toBe(400);
    expect((await add({ kind: 'coffee' })).statusCode).toBe(400);
    // The reporter cannot manage the follow-up, and sees it without the managers' notes.
    expect((await (await signedIn('agent')).request('POST', `/api/v1/safety/incidents/${id}/actions`, { json: { kind: 'support' } })).statusCode).toBe(403);
    const reporterView = (await (await signedIn('agent')).get(`/api/v1/safety/incidents/${id}`)).json();
    expect(reporterView.view).toBe('reporter');
    expect(reporterView.actions).toHaveLength(2);
    expect(reporterView.actions[0]).toMatchObject({ kind: 'debrief', note: null, assigneeName: null });
    expect((await manager.get(`/api/v1/safety/incidents/${id}`)).json().actions[0].note).toBe('Entretien prévu avec la psychologue');

    const open = await close();
    expect(open.statusCode).toBe(409);
    expect(open.json().error.message).toBe('2 follow-up actions are still open: finish or waive them before closing.');
    const finish = (actionId: string, json: Record<string, unknown>) =>
      manager.request('POST', `/api/v1/safety/incidents/${id}/actions/${actionId}?lang=en`, { json });
    const waiveWithoutReason = await finish(complaint.json().id, { status: 'waived' });
    expect(waiveWithoutReason.statusCode).toBe(400);
    expect(waiveWithoutReason.json().error.fields[0].field).toBe('outcomeNote');
    expect((await finish(complaint.json().id, { status: 'waived', note: 'L’agent ne souhaite pas porter plainte.' })).statusCode).toBe(200);
    expect((await finish(complaint.json().id, { status: 'done' })).statusCode).toBe(409);
    expect((await finish(debrief.json().id, { status: 'done', note: 'Fait le 2 décembre' })).statusCode).toBe(200);
    const closed = await close();
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed', closingNote: 'ok' });
    expect((await close()).statusCode).toBe(409);
    expect((await add({ kind: 'support' })).statusCode).toBe(409);
  });

  it('keeps one outcome when the same action is finished, or the incident closed, twice at once', async () => {
    const id = await report('agent');
    const manager = await signedIn('manager');
    const action = (await manager.request('POST', `/api/v1/safety/incidents/${id}/actions`, { json: { kind: 'debrief' } })).json().id as string;
    const finish = (status: string) => manager.request('POST', `/api/v1/safety/incidents/${id}/actions/${action}`, { json: { status, note: 'x' } });
    const finished = await Promise.all([finish('done'), finish('waived')]);
    expect(finished.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const close = (incident: string) => manager.request('POST', `/api/v1/safety/incidents/${incident}/close`, { json: {} });
    const [a, b] = await Promise.all([close(id), close(id)]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    // A close racing an added action: exactly one wins, and an incident is never closed with an open action.
    const other = await report('agent');
    const first = (await manager.request('POST', `/api/v1/safety/incidents/${other}/actions`, { json: { kind: 'debrief' } })).json().id as string;
    await manager.request('POST', `/api/v1/safety/incidents/${other}/actions/${first}`, { json: { status: 'done' } });
    const [closing, adding] = await Promise.all([
      close(other),
      manager.request('POST', `/api/v1/safety/incidents/${other}/actions`, { json: { kind: 'support' } }),
    ]);
    const outcome = [closing.statusCode, adding.statusCode];
    expect(outcome[0] === 200 ? outcome : [outcome[1], outcome[0]]).toEqual(outcome[0] === 200 ? [200, 409] : [201, 409]);
    const { rows } = await t.db.query<{ status: string; open: number }>(
      `SELECT i.status, (SELECT count(*)::int FROM safety_actions a WHERE a.incident_id = i.id AND a.status = 'open') AS open FROM safety_incidents i WHERE i.id = $1`,
      [other],
    );
    expect(rows[0]!.status === 'closed' ? rows[0]!.open : 0).toBe(0);
  });

  it('lets a manager follow up through the pages without JavaScript', async () => {
    const id = await report('agent');
    const manager = await signedIn('manager');
    const page = `/fr/safety/incidents/${id}`;
    const refused = await manager.submitForm(page, `${page}/close`, { closingNote: '' });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('Enregistrez au moins une action de suivi');
    const added = await manager.submitForm(page, `${page}/actions`, { kind: 'debrief', assigneeAccountId: '', dueDate: '', note: '' });
    expect(added.statusCode).toBe(303);
    const { rows } = await t.db.query<{ id: string }>('SELECT id FROM safety_actions WHERE incident_id = $1', [id]);
    const noReason = await manager.submitForm(page, `${page}/actions/${rows[0]!.id}`, { status: 'waived', outcomeNote: '' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('indiquez pourquoi');
    expect((await manager.submitForm(page, `${page}/actions/${rows[0]!.id}`, { status: 'done', outcomeNote: '' })).statusCode).toBe(303);
    expect((await manager.submitForm(page, `${page}/close`, { closingNote: 'Suivi terminé' })).statusCode).toBe(303);
    expect((await manager.get(page)).body).toContain('Clôturé');
  });
});

describe('the real-time alert', () => {
  const streams: SseClient[] = [];
  afterAll(() => streams.forEach((stream) => stream.close()));

  async function streamOf(name: string) {
    const client = await signedIn(name);
    const stream = await connectEventStream(`${baseUrl}/api/v1/events/me`, { cookie: `irisdesk_session=${client.cookies.get('irisdesk_session')}` });
    expect(stream.status).toBe(200);
    streams.push(stream);
    return stream;
  }

  /** Nothing more will come for this stream: a probe published after the alert arrives, and the alert did not. */
  async function expectNoAlert(stream: SseClient, name: string) {
    await t.services.realtime.publish(t.db, channels.account(ids[name]!), { type: 'test.probe', data: { name } });
    await stream.waitFor((event) => event.event === 'test.probe');
    expect(
      stream.events.filter((event) => event.event === 'safety.alert'),
      name,
    ).toEqual([]);
  }

  it('reaches the colleagues and manager of the same contact point, and no one else', async () => {
    const [colleague, manager, otherPoint, otherOrg, reporter] = (await Promise.all(
      ['backoffice', 'manager', 'editor', 'manager.ixelles', 'agent'].map(streamOf),
    )) as [SseClient, SseClient, SseClient, SseClient, SseClient];
    const id = await report('agent', { type: 'physical_aggression' });
    const forColleague = JSON.parse((await colleague.waitFor((e) => e.event === 'safety.alert')).data);
    expect(forColleague).toMatchObject({ incidentId: id, help: false, type: 'physical_aggression', reporter: 'Amira Agent', detailPath: null });
    expect(forColleague.message.en).toContain('Amira Agent reported an incident (Physical aggression)');
    // Colleagues get the alert, never the account of what happened or who was involved.
    expect(JSON.stringify(forColleague)).not.toContain('insulté');
    expect(JSON.stringify(forColleague)).not.toContain('A-12');
    const forManager = JSON.parse((await manager.waitFor((e) => e.event === 'safety.alert')).data);
    expect(forManager.detailPath).toBe(`/safety/incidents/${id}`);
    await expectNoAlert(otherPoint, 'editor');
    await expectNoAlert(otherOrg, 'manager.ixelles');
    await expectNoAlert(reporter, 'agent');
  });

  it('sends "I need help now" first, and lets the reporter give the details afterwards', async () => {
    const colleague = await streamOf('backoffice');
    const agent = await signedIn('agent');
    const help = await agent.submitForm('/en/safety', '/en/safety/help', { contactPointId: points.schaerbeek });
    expect(help.statusCode).toBe(303);
    const id = String(help.headers.location).split('/')[4]!.split('?')[0]!;
    const event = JSON.parse((await colleague.waitFor((e) => e.event === 'safety.alert' && JSON.parse(e.data).incidentId === id)).data);
    expect(event).toMatchObject({ help: true, type: null });
    expect(event.message.nl).toBe('Amira Agent heeft nu hulp nodig – Gemeentehuis – Schaarbeek.');
    const manager = await signedIn('manager');
    const early = await manager.request('POST', `/api/v1/safety/incidents/${id}/close`, { json: {} });
    expect(early.json().error.code).toBe('safety.details_pending');
    const detailsPage = `/en/safety/incidents/${id}/details`;
    expect((await agent.get(detailsPage)).statusCode).toBe(200);
    const done = await agent.submitForm(detailsPage, detailsPage, {
      type: 'threat',
      contactPointId: points.schaerbeek,
      occurredAt: /id="field-occurredAt"[^>]* value="([^"]+)"/.exec((await agent.get(detailsPage)).body)![1]!,
      description: 'Il a menacé de revenir.',
    });
    expect(done.statusCode, done.body).toBe(303);
    const detail = (await agent.get(`/api/v1/safety/incidents/${id}`)).json();
    expect(detail).toMatchObject({ type: 'threat', detailsPending: false, helpRequested: true, description: 'Il a menacé de revenir.' });
    const again = await agent.submitForm(`/en/safety/incidents/${id}`, detailsPage, {
      type: 'other',
      contactPointId: points.schaerbeek,
      occurredAt: detail.occurredAt.slice(0, 16),
      description: 'again',
    });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('The details of this report have already been given.');
    expect((await agent.get(`/api/v1/safety/incidents/${id}`)).json().type).toBe('threat');
  });
});

describe('a call for help nobody sees', () => {
  const helpMails = async () => (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM mail_messages WHERE purpose = 'safety.help'`)).rows[0]!.n;

  it('e-mails the organisation’s managers when no colleague or manager has IrisDesk open, and only then', async () => {
    // The calls for help above found a colleague connected: no e-mail.
    expect(await helpMails()).toBe(0);
    // Their streams are closed now; wait until the server has seen them go.
    for (let i = 0; i < 250 && (await t.db.query('SELECT 1 FROM realtime_presence')).rows.length > 0; i++)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await t.db.query('SELECT 1 FROM realtime_presence')).rows).toEqual([]);
    const worker = await startJobWorker({ db: t.db, registry: t.services.jobs, pollIntervalMs: 50 });
    try {
      const response = await (await signedIn('agent')).request('POST', '/api/v1/safety/help', { json: { contactPointId: points.schaerbeek } });
      expect(response.statusCode, response.body).toBe(201);
      const { id, mailed } = response.json() as { id: string; mailed: number };
      expect(mailed).toBe(1);
      const [received] = await smtp.waitFor(1);
      expect(received!.envelope.to).toEqual(['manager@demo.irisdesk.brussels']);
      // In the manager's language (French), who and where, the link; nothing of the incident itself.
      expect(received!.mail.subject).toBe('Appel à l’aide : Amira Agent a besoin d’aide maintenant – Maison communale – Schaerbeek');
      expect(received!.mail.text).toContain(`/fr/safety/incidents/${id}`);
      // The server has the message before the worker has its answer and marks the message sent.
      const helpStatus = async () => (await t.db.query<{ status: string }>(`SELECT status FROM mail_messages WHERE purpose = 'safety.help'`)).rows;
      for (let i = 0; i < 250 && (await helpStatus())[0]?.status !== 'sent'; i++) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(await helpStatus()).toEqual([{ status: 'sent' }]);
      expect(await auditCount(id, 'agent', 'create')).toBe(1);
      const { rows } = await t.db.query(`SELECT details FROM audit_log WHERE subject_type = 'safety_help_mail' AND subject_id = $1`, [id]);
      expect(rows).toEqual([{ details: { recipients: 1 } }]);
    } finally {
      await worker.stop();
    }
  });
});

describe('retention', () => {
  it('anonymises closed reports after SAFETY_RETENTION_YEARS from their declaration, keeping what the statistics count', async () => {
    const manager = await signedIn('manager');
    const closeWithActions = async (id: string) => {
      const action = await manager.request('POST', `/api/v1/safety/incidents/${id}/actions`, {
        json: { kind: 'debrief', assigneeAccountId: ids.manager, note: 'Entretien avec Madame Retention' },
      });
      const waived = await manager.request('POST', `/api/v1/safety/incidents/${id}/actions`, { json: { kind: 'complaint_filed' } });
      await manager.request('POST', `/api/v1/safety/incidents/${id}/actions/${action.json().id}`, {
        json: { status: 'done', note: 'Fait avec Madame Retention' },
      });
      await manager.request('POST', `/api/v1/safety/incidents/${id}/actions/${waived.json().id}`, {
        json: { status: 'waived', note: 'Madame Retention ne porte pas plainte' },
      });
      expect((await manager.request('POST', `/api/v1/safety/incidents/${id}/close`, { json: { note: 'Clos, Madame Retention informée' } })).statusCode).toBe(
        200,
      );
    };
    const old = await report('agent', { description: 'Monsieur Ancien a menacé Madame Retention', personsInvolved: 'Monsieur Ancien' });
    await closeWithActions(old);
    const oldOpen = await report('agent', { description: 'Toujours ouvert, Monsieur Ouvert' });
    const recent = await report('agent', { description: 'Récent, Monsieur Récent' });
    await closeWithActions(recent);
    // Declared six years ago (the report's own times are moved back with it).
    await t.db.query(
      `UPDATE safety_incidents SET created_at = now() - interval '6 years', occurred_at = now() - interval '6 years' WHERE id = ANY($1::uuid[])`,
      [[old, oldOpen]],
    );
    const month = (
      await t.db.query<{ m: string }>(
        `SELECT to_char(date_trunc('month', occurred_at AT TIME ZONE 'Europe/Brussels'), 'YYYY-MM') AS m FROM safety_incidents WHERE id = $1`,
        [old],
      )
    ).rows[0]!.m;
    const statistics = async () => (await manager.get(`/api/v1/safety/statistics?from=${month}&to=${month}`)).json().rows;
    const before = await statistics();

    expect(await t.services.safety.purgeExpired()).toBe(1);
    const stored = await t.db.query(
      `SELECT description, persons_involved, place_text, closing_note, reporter_account_id, closed_by, anonymised_at IS NOT NULL AS anonymised, type, contact_point_id, status
         FROM safety_incidents WHERE id = $1`,
      [old],
    );
    expect(stored.rows[0]).toEqual({
      description: '',
      persons_involved: null,
      place_text: null,
      closing_note: null,
      reporter_account_id: null,
      closed_by: null,
      anonymised: true,
      type: 'verbal_aggression',
      contact_point_id: points.schaerbeek,
      status: 'closed',
    });
    const actions = await t.db.query(`SELECT kind, status, note, outcome_note, assignee_account_id FROM safety_actions WHERE incident_id = $1 ORDER BY kind`, [
      old,
    ]);
    expect(actions.rows).toEqual([
      { kind: 'complaint_filed', status: 'waived', note: null, outcome_note: '–', assignee_account_id: null },
      { kind: 'debrief', status: 'done', note: null, outcome_note: null, assignee_account_id: null },
    ]);
    // An open report stays whole until it is closed; a recent one until its time comes.
    const untouched = await t.db.query<{ description: string }>(`SELECT description FROM safety_incidents WHERE id = ANY($1::uuid[]) ORDER BY description`, [
      [oldOpen, recent],
    ]);
    expect(untouched.rows.map((row) => row.description)).toEqual(['Récent, Monsieur Récent', 'Toujours ouvert, Monsieur Ouvert']);
    expect(await statistics()).toEqual(before);
    const audited = await t.db.query(
      `SELECT actor_account_id, organisation_id, details FROM audit_log WHERE subject_type = 'safety_incident' AND subject_id = $1 AND action = 'update' AND actor_account_id IS NULL`,
      [old],
    );
    expect(audited.rows).toEqual([{ actor_account_id: null, organisation_id: expect.any(String), details: { anonymised: true, retentionYears: 5 } }]);

    const api = (await manager.get(`/api/v1/safety/incidents/${old}`)).json();
    expect(api).toMatchObject({ description: '', personsInvolved: null, reporterName: null, closingNote: null, anonymisedAt: expect.any(String) });
    expect((await manager.get(`/api/v1/safety/incidents/${recent}`)).json().anonymisedAt).toBeNull();
    const page = await manager.get(`/en/safety/incidents/${old}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('years after it was declared');
    expect(page.body).not.toContain('Retention');
    expect(page.body).not.toContain('Ancien');
    expect(await t.services.safety.purgeExpired()).toBe(0);
  });
});

describe('the dashboard and contact-point staff', () => {
  it('counts per month, type and place for the organisation, without names or free text', async () => {
    const manager = await signedIn('manager');
    const response = await manager.get('/api/v1/safety/statistics');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.total).toBeGreaterThanOrEqual(6);
    const text = JSON.stringify(body);
    for (const secret of ['Amira', 'Démo :', 'insulté', 'Parking du personnel', 'A-12']) expect(text).not.toContain(secret);
    expect(Object.keys(body.rows[0]).sort()).toEqual(['contactPointId', 'contactPointName', 'count', 'month', 'type']);
    const ixelles = (await (await signedIn('manager.ixelles')).get('/api/v1/safety/statistics')).json();
    expect(ixelles.organisationId).not.toBe(body.organisationId);
    expect(ixelles.rows.every((row: { contactPointId: string | null }) => row.contactPointId === null || row.contactPointId === points.ixelles)).toBe(true);
    expect((await (await signedIn('agent')).get('/api/v1/safety/statistics')).statusCode).toBe(403);
    const bad = await manager.get('/api/v1/safety/statistics?from=2026-13&lang=fr');
    expect(bad.statusCode).toBe(400);
    const reversed = await manager.get('/api/v1/safety/statistics?from=2026-06&to=2026-01');
    expect(reversed.statusCode).toBe(400);
    const page = await manager.get('/nl/safety/statistics?from=2025-12&to=2026-11');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Incidenten per maand en per soort');
    expect(page.body).not.toContain('Amira');
    expect((await manager.get('/nl/safety/statistics?from=nope')).statusCode).toBe(400);
  });

  it('lets managers maintain who works where, within their organisation only', async () => {
    const manager = await signedIn('manager');
    const page = await manager.get('/en/safety/staff');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Amira Agent');
    const added = await manager.submitForm('/en/safety/staff', '/en/safety/staff', { contactPointId: points.nord, accountId: ids.agent!, isManager: 'true' });
    expect(added.statusCode).toBe(303);
    expect(await t.services.safety.contactPointsOf(ids.agent!)).toEqual(
      expect.arrayContaining([expect.objectContaining({ contactPointId: points.nord, isManager: true })]),
    );
    // A contact-point manager sees the incidents of that point (and the dashboard), not those of others.
    const atNord = await report('editor', { contactPointId: points.nord });
    const atMain = await report('backoffice');
    const agent = await signedIn('agent');
    expect((await agent.get(`/api/v1/safety/incidents/${atNord}`)).json().view).toBe('manager');
    expect((await agent.get(`/api/v1/safety/incidents/${atMain}`)).statusCode).toBe(403);
    expect((await agent.get('/api/v1/safety/statistics')).statusCode).toBe(200);
    const removed = await manager.submitForm('/en/safety/staff', '/en/safety/staff/remove', { contactPointId: points.nord, accountId: ids.agent! });
    expect(removed.statusCode).toBe(303);
    expect((await agent.get(`/api/v1/safety/incidents/${atNord}`)).statusCode).toBe(403);
    const foreign = await manager.submitForm('/en/safety/staff', '/en/safety/staff', { contactPointId: points.ixelles, accountId: ids.agent! });
    expect(foreign.statusCode).toBe(400);
    const foreignAccount = await manager.submitForm('/en/safety/staff', '/en/safety/staff', { contactPointId: points.nord, accountId: ids['agent.ixelles']! });
    expect(foreignAccount.statusCode).toBe(400);
    expect((await agent.get('/en/safety/staff')).statusCode).toBe(403);
    const { rows } = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE subject_type = 'contact_point_staff' AND action IN ('create', 'delete')`,
    );
    expect(rows[0]!.n).toBeGreaterThanOrEqual(2);
  });
});
