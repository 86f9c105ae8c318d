// What arrives unseen and writing replies, on a real database (issue 17, items 2 and 3; decision 0051): unread
// counts on a second instance, tasks in the default view, mentions and their e-mail digest, templates and macros
// without JavaScript, the contact form's date fields, and who else is viewing or replying.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import type { TestClient } from '../../../test/app.ts';
import { connectEventStream } from '../../../test/sse.ts';
import { createApp } from '../../app.ts';
import { openSecondPool } from '../../../test/database.ts';
import { DIGEST_JOB } from '../../notifications/service.ts';
import { accounts, clients, newRequest, schaerbeek, t, useConsoleApp, versionOf } from '../../../test/console-fixture.ts';

useConsoleApp();

describe('nothing arrives unseen, writing replies (issue 17, items 2 and 3)', () => {
  const cookieOf = (c: TestClient) => [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const unread = async (c: TestClient) => (await c.get('/api/v1/console/unread')).json<{ requests: number; tasks: number; notifications: number }>();
  // A second instance of IrisDesk on the same database (a second pool on PostgreSQL), as behind a load balancer.
  let bDb: Awaited<ReturnType<typeof openSecondPool>>;
  let b: Awaited<ReturnType<typeof createApp>>['app'];
  let bUrl: string;
  const onB = (c: TestClient, method: 'GET' | 'POST', url: string, json?: unknown) =>
    b.inject({
      method,
      url,
      headers: { cookie: cookieOf(c), ...(json === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(json === undefined ? {} : { payload: JSON.stringify(json) }),
    });
  beforeAll(async () => {
    bDb = await openSecondPool(t.db);
    b = (await createApp({ config: t.config, db: bDb })).app;
    await b.listen({ port: 0, host: '127.0.0.1' });
    bUrl = `http://127.0.0.1:${(b.server.address() as AddressInfo).port}`;
  }, 120_000);
  afterAll(async () => {
    await b?.close();
    await bDb?.close();
  });

  it('puts a task for a unit nobody belongs to in the default task view, counts it unread on another instance, live', async () => {
    const stream = await connectEventStream(`${bUrl}/api/v1/console/events`, { cookie: cookieOf(clients.ixelles!) });
    try {
      const unreadOnB = async () => (await onB(clients.ixelles!, 'GET', '/api/v1/console/unread')).json<{ tasks: number }>();
      const before = (await unreadOnB()).tasks;
      const { rows: unit } = await t.db.query<{ id: string }>(
        `SELECT u.id FROM units u JOIN organisations o ON o.id = u.organisation_id WHERE o.code = 'commune-ixelles' AND u.code = 'population'`,
      );
      const request = await newRequest({ subject: 'For Ixelles population', email: 'pop@example.org' });
      const page = `/en/console/requests/${request.id}`;
      const sent = await clients.agent!.submitForm(page, `${page}/tasks`, {
        kind: 'question',
        toOrganisation: 'commune-ixelles',
        toUnit: unit[0]!.id,
        toAccount: '',
        question: 'Was this person registered in Ixelles?',
      });
      expect(sent.statusCode).toBe(303);
      // instance B's stream hears of it (LISTEN/NOTIFY), and its count has grown
      await stream.waitFor((e) => e.event === 'task.created', 5000);
      expect((await unreadOnB()).tasks).toBe(before + 1);
      // the default view of the Ixelles agent (a member of another unit) lists it, marked new
      const tasks = await clients.ixelles!.get('/en/console/tasks');
      expect(tasks.body).toContain(request.reference);
      expect(tasks.body).toMatch(/class="cc-new"/);
      const taskId = (await t.db.query<{ id: string }>('SELECT id FROM cc_tasks WHERE request_id = $1', [request.id])).rows[0]!.id;
      expect((await clients.ixelles!.get(`/en/console/tasks/${taskId}`)).statusCode).toBe(200);
      expect((await unreadOnB()).tasks).toBe(before);
      // the link shows the count in words
      expect(tasks.body).toMatch(/data-unread-count="tasks"[^>]*>\d+ new</);
    } finally {
      stream.close();
    }
  });

  it('counts a work instruction just published in the navigation, live on another instance, and no more once read', async () => {
    const agent = clients.agent!;
    const stream = await connectEventStream(`${bUrl}/api/v1/events/me`, { cookie: cookieOf(agent) });
    const elsewhere = await connectEventStream(`${bUrl}/api/v1/events/me`, { cookie: cookieOf(clients.ixelles!) });
    try {
      const countOnB = async (c: TestClient) => (await onB(c, 'GET', '/api/v1/console/unread')).json<{ announcements: number }>().announcements;
      const before = await countOnB(agent);
      const published = await clients.manager!.submitForm('/en/announcements', '/en/announcements', {
        kind: 'instruction',
        title: 'Live count instruction',
        body: 'Ask for the old card before issuing a new one.',
      });
      expect(published.statusCode).toBe(303);
      // published on instance A, heard on B by the reader's own stream (every back-office page has it)
      const event = await stream.waitFor((e) => e.event === 'announcement.published', 5000);
      expect(await countOnB(agent)).toBe(before + 1);
      // not sent to another organisation's staff
      await expect(elsewhere.waitFor((e) => e.event === 'announcement.published', 300)).rejects.toThrow();
      // every back-office page's menu holds the count, read from that source on those events
      const page = await agent.get('/fr/notifications');
      expect(page.body).toMatch(
        /href="\/fr\/announcements"[^>]*>Consignes et nouvelles<span class="irisdesk-nav-count" data-nav-count="announcements" data-source="\/api\/v1\/console\/unread" data-events="announcement.published announcement.read" data-one="# non lue" data-other="# non lues" hidden><\/span>/,
      );
      // reading it lowers the count and tells the reader's other pages
      const { id } = JSON.parse(event.data) as { id: string };
      expect((await agent.submitForm('/en/announcements', `/en/announcements/${id}/read`, {})).statusCode).toBe(303);
      await stream.waitFor((e) => e.event === 'announcement.read' && e.data.includes(id), 5000);
      expect(await countOnB(agent)).toBe(before);
    } finally {
      stream.close();
      elsewhere.close();
    }
  });

  it('notifies a colleague mentioned in a note, in the app and, when asked for, by a morning e-mail digest', async () => {
    const backoffice = clients.backoffice!;
    const choice = await backoffice.submitForm('/en/notifications', '/en/notifications/preferences', { digest: 'daily' });
    expect(choice.statusCode).toBe(303);
    const before = (await unread(backoffice)).notifications;
    const request = await newRequest({ subject: 'Mention me' });
    const page = `/en/console/requests/${request.id}`;
    await clients.agent!.submitForm(page, `${page}/notes`, { note: 'Could you look at the address, @backoffice? Thanks (not @nobody).' });
    expect((await unread(backoffice)).notifications).toBe(before + 1);
    const list = await backoffice.get('/api/v1/notifications?lang=en');
    const first = list.json<{ notifications: Array<{ kind: string; reference: string; by: string; path: string; read: boolean }> }>().notifications[0]!;
    expect(first).toMatchObject({ kind: 'mention', reference: request.reference, by: 'Amira Agent', path: page, read: false });
    const listPage = await backoffice.get('/nl/notifications');
    expect(listPage.body).toContain(`Amira Agent heeft u vermeld in een notitie bij ${request.reference}`);
    // the author is never notified of their own mention; another organisation cannot be mentioned
    const own = await t.db.query('SELECT 1 FROM notifications WHERE account_id = $1 AND request_id = $2', [accounts.agent, request.id]);
    expect(own.rows).toHaveLength(0);
    // the digest job queued for the morning sends the unread notification once
    const { rows: jobs } = await t.db.query<{ run_at: Date; payload: { accountId: string } }>(
      `SELECT run_at, payload FROM jobs WHERE type = $1 AND unique_key = $2 AND status = 'queued'`,
      [DIGEST_JOB, `digest:${accounts.backoffice}`],
    );
    expect(jobs).toHaveLength(1);
    expect(new Date(jobs[0]!.run_at).getTime()).toBeGreaterThan(Date.now());
    const handler = t.services.jobs.get(DIGEST_JOB)!.handler;
    await handler(jobs[0]!.payload, { id: 0, attempts: 1, createdAt: new Date() } as never);
    await handler(jobs[0]!.payload, { id: 0, attempts: 1, createdAt: new Date() } as never);
    const { rows: mails } = await t.db.query<{ subject: string; text_body: string }>(
      `SELECT subject, text_body FROM mail_messages WHERE purpose = 'notifications.digest' AND $1 = ANY(to_addresses)`,
      ['backoffice@demo.irisdesk.brussels'],
    );
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text_body).toContain(request.reference);
    // opening the request reads the notification about it
    await backoffice.get(page);
    expect((await unread(backoffice)).notifications).toBe(before);
  });

  it('inserts a template without JavaScript keeping the typed text, and a macro’s actions follow its reply', async () => {
    const request = await newRequest({ subject: 'Macro', email: 'macro@example.org', name: 'Marie Macro' });
    const page = `/en/console/requests/${request.id}`;
    // unopened, it is marked new in the inbox
    const newRow = new RegExp(`cc-new">New </strong><a class="utrecht-link" href="${page}">`);
    expect((await clients.agent!.get('/en/console')).body).toMatch(newRow);
    const composed = await clients.agent!.submitForm(page, `${page}/compose`, { body: 'TYPED-BEFORE', template: 'builtin:more-information' });
    expect(composed.statusCode).toBe(200);
    expect(composed.body).toMatch(/TYPED-BEFORE\n\n[^<]*Marie Macro/);
    expect(composed.body).toContain('value="builtin:more-information" data-macro-field');
    const sent = await clients.agent!.submitForm(page, `${page}/reply`, { body: 'TYPED-BEFORE\n\nWhich documents?', macro: 'builtin:more-information' });
    expect(sent.statusCode).toBe(303);
    const { rows } = await t.db.query<{ status: string; assignee_id: string; sla_paused_at: Date | null }>(
      'SELECT status, assignee_id, sla_paused_at FROM cc_requests WHERE id = $1',
      [request.id],
    );
    expect(rows[0]).toMatchObject({ status: 'waiting_user', assignee_id: accounts.agent });
    expect(rows[0]!.sla_paused_at).not.toBeNull();
    // the title is editable, and becomes the subject of the next e-mails
    const renamed = await clients.agent!.submitForm(page, `${page}/subject`, {
      version: String(await versionOf(request.id)),
      subject: 'Documents for the move',
    });
    expect(renamed.statusCode).toBe(303);
    expect((await clients.agent!.get(page)).body).toContain('Documents for the move');
    expect((await clients.agent!.get('/en/console')).body).not.toMatch(newRow);
  });

  it('lets managers keep their macros in three languages, audited; agents get them with the built-in ones, in order, while enabled', async () => {
    const manager = clients.manager!;
    const agent = clients.agent!;
    expect((await manager.get('/fr/console/macros')).statusCode).toBe(200);
    expect((await agent.get('/en/console/macros')).statusCode).toBe(403);
    const { rows: units } = await t.db.query<{ id: string; mine: boolean }>(
      `SELECT u.id, EXISTS (SELECT 1 FROM account_units au WHERE au.unit_id = u.id AND au.account_id = $2) AS mine
         FROM units u WHERE u.organisation_id = $1 ORDER BY u.code`,
      [schaerbeek, accounts.agent],
    );
    const target = units[0]!.id;
    const notAgents = units.find((u) => !u.mine)!.id;
    const texts = (name: string) => ({
      title_fr: `${name} FR`,
      title_nl: `${name} NL`,
      title_en: `${name} EN`,
      body_fr: 'Bonjour {name}, votre demande {reference} est transmise.',
      body_nl: 'Beste {name}, uw aanvraag {reference} wordt doorgegeven.',
      body_en: 'Hello {name}, your request {reference} is passed on.',
    });
    // every language is required, and the page says which one is missing
    const refused = await manager.submitForm('/fr/console/macros/new', '/fr/console/macros', { ...texts('Half'), title_nl: '', assignment: 'keep' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('href="#field-title_nl">Nom (néerlandais) : ce champ est obligatoire');
    const unitRequired = await manager.submitForm('/en/console/macros/new', '/en/console/macros', { ...texts('No unit'), assignment: 'unit' });
    expect(unitRequired.statusCode).toBe(400);
    expect(unitRequired.body).toContain('Unit: choose the unit to pass the request to.');
    const created = await manager.submitForm('/en/console/macros/new', '/en/console/macros', {
      ...texts('Pass on'),
      status: 'waiting_second_line',
      assignment: 'unit',
      assignUnitId: target,
      tag: 'Passed On',
      unitId: '',
    });
    expect(created.headers.location).toBe('/en/console/macros?notice=created');
    const forOthers = await manager.submitForm('/en/console/macros/new', '/en/console/macros', { ...texts('Other unit'), assignment: 'me', unitId: notAgents });
    expect(forOthers.statusCode).toBe(303);
    const { rows: macros } = await t.db.query<{ id: string; title: { en: string } }>(
      `SELECT id, title FROM cc_macros WHERE organisation_id = $1 ORDER BY position`,
      [schaerbeek],
    );
    const passOn = macros.find((m) => m.title.en === 'Pass on EN')!.id;
    const audited = await t.db.query(`SELECT 1 FROM audit_log WHERE subject_type = 'cc_macro' AND subject_id = $1 AND action = 'create'`, [passOn]);
    expect(audited.rows).toHaveLength(1);
    // the agent gets the organisation's macro in the request's language, after the built-in ones; not another unit's
    const request = await newRequest({ subject: 'Managed macro', language: 'nl', email: 'macro2@example.org', name: 'Nora Macro' });
    const page = `/en/console/requests/${request.id}`;
    const shown = (await agent.get(page)).body;
    expect(shown).toContain(`data-template-macro="macro:${passOn}"`);
    expect(shown).toContain('Beste Nora Macro, uw aanvraag');
    expect(shown.indexOf('builtin:more-information')).toBeLessThan(shown.indexOf(`macro:${passOn}`));
    expect(shown).not.toContain('Other unit NL');
    // sending the reply applies it: to the unit, unassigned, waiting for the second line, tagged
    const sent = await agent.submitForm(page, `${page}/reply`, { body: 'Beste Nora Macro, uw aanvraag wordt doorgegeven.', macro: `macro:${passOn}` });
    expect(sent.statusCode).toBe(303);
    const { rows } = await t.db.query<{ unit_id: string; assignee_id: string | null; status: string; tags: string[] }>(
      'SELECT unit_id, assignee_id, status, tags FROM cc_requests WHERE id = $1',
      [request.id],
    );
    expect(rows[0]).toMatchObject({ unit_id: target, assignee_id: null, status: 'waiting_second_line', tags: ['passed on'] });
    expect((await agent.get(page)).body).toMatch(/Amira Agent passed the request to the unit “[^”]+”\./);
    // moved, disabled: the order and the offer follow; a stale form is refused in words
    const list = async () => (await manager.get('/en/console/macros')).body;
    const before = await list();
    expect(before.indexOf('Pass on EN')).toBeLessThan(before.indexOf('Other unit EN'));
    expect((await manager.submitForm('/en/console/macros', `/en/console/macros/${passOn}/move`, { direction: 'down' })).statusCode).toBe(303);
    const after = await list();
    expect(after.indexOf('Pass on EN')).toBeGreaterThan(after.indexOf('Other unit EN'));
    const version = (await t.db.query<{ version: number }>('SELECT version FROM cc_macros WHERE id = $1', [passOn])).rows[0]!.version;
    const off = await manager.submitForm('/en/console/macros', `/en/console/macros/${passOn}/enabled`, { version: String(version), enabled: 'false' });
    expect(off.headers.location).toBe('/en/console/macros?notice=disabled');
    expect((await agent.get(page)).body).not.toContain(`macro:${passOn}`);
    const stale = await manager.submitForm(`/en/console/macros/${passOn}`, `/en/console/macros/${passOn}`, {
      ...texts('Pass on'),
      version: String(version),
      assignment: 'keep',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Someone changed this macro in the meantime.');
    // another organisation's manager does not reach it
    expect((await clients.ixelles!.get(`/en/console/macros/${passOn}`)).statusCode).toBe(403);
  });

  it('takes a call’s start and end from the shared date field and a time field, and refuses an end before the start', async () => {
    const form = { name: 'Dated Caller', channel: 'phone', language: 'fr', outcome: 'answered_first_contact' };
    const ok = await clients.agent!.submitForm('/en/console/contacts/new', '/en/console/contacts', {
      ...form,
      startedDate: '2026-11-20',
      startedTime: '10:00',
      endedDate: '2026-11-20',
      endedTime: '10:07',
    });
    expect(ok.statusCode).toBe(303);
    const { rows } = await t.db.query<{ started_at: Date; ended_at: Date }>(
      `SELECT c.started_at, c.ended_at FROM cc_contacts c JOIN cc_parties p ON p.id = c.party_id WHERE p.name = 'Dated Caller'`,
    );
    expect(new Date(rows[0]!.started_at).toISOString()).toBe('2026-11-20T09:00:00.000Z'); // 10:00 in Brussels (winter)
    expect(new Date(rows[0]!.ended_at).getTime() - new Date(rows[0]!.started_at).getTime()).toBe(7 * 60_000);
    const page = await clients.agent!.get('/en/console/contacts/new');
    expect(page.body).toMatch(/<input id="field-startedDate"[^>]*type="date"/);
    const refused = await clients.agent!.submitForm('/en/console/contacts/new', '/en/console/contacts', {
      ...form,
      startedDate: '2026-11-20',
      startedTime: '10:00',
      endedDate: '2026-11-20',
      endedTime: '09:00',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('href="#field-endedTime"');
  });

  it('tells the agents on a request who else is viewing or replying, on every instance, and no one else', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' }).catch(() => undefined);
    const url = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}/api/v1/console/events`;
    const request = await newRequest({ subject: 'Presence' });
    const watching = await connectEventStream(`${url}?request=${request.id}`, { cookie: cookieOf(clients.agent!) });
    try {
      // said on instance B, heard on instance A
      const said = await onB(clients.manager!, 'POST', `/api/v1/console/requests/${request.id}/presence`, { state: 'replying' });
      expect(said.statusCode).toBe(204);
      const event = await watching.waitFor((e) => e.event === 'request.presence', 5000);
      expect(JSON.parse(event.data)).toMatchObject({ id: request.id, name: 'Marc Manager', state: 'replying', accountId: accounts.manager });
      expect((await clients.ixelles!.request('POST', `/api/v1/console/requests/${request.id}/presence`, { json: { state: 'viewing' } })).statusCode).toBe(404);
      const other = await connectEventStream(`${url}?request=${request.id}`, { cookie: cookieOf(clients.ixelles!) });
      expect(other.status).toBe(404);
      other.close();
    } finally {
      watching.close();
    }
  });
});
