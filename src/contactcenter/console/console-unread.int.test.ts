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
import { accounts, clients, newRequest, t, useConsoleApp, versionOf } from '../../../test/console-fixture.ts';

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
