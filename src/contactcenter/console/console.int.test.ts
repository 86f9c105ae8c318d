// The agent console on a real database (PGlite, or PostgreSQL with TEST_DATABASE_URL): inboxes with filters
// and keyset pages, tenant isolation with audit entries, concurrent claims, replies by e-mail in the user's
// language, closing with an outcome, tasks to another organisation, phone contacts and live updates (SSE).
// What arrives unseen and writing replies (issue 17) are in console-unread.int.test.ts.
import { describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import type { TestClient } from '../../../test/app.ts';
import { connectEventStream } from '../../../test/sse.ts';
import { inboxSql } from './repository.ts';
import { decodeCursor, encodeCursor } from './service.ts';
import { accounts, clients, ixelles, newRequest, schaerbeek, t, useConsoleApp, versionOf } from '../../../test/console-fixture.ts';

useConsoleApp();

describe('inbox', () => {
  it('lists the organisation’s open requests, newest first, and refuses staff without a console role', async () => {
    const created = await newRequest({ subject: 'Inbox smoke' });
    const page = await clients.agent!.get('/en/console');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(created.reference);
    expect(page.body).toContain('On time'); // SLA state as text, not colour alone
    expect((await clients.editor!.get('/en/console')).statusCode).toBe(403);
    expect((await t.client().get('/en/console')).statusCode).toBe(303); // to the login page
  });

  it('filters by SLA state, channel and status, and views mine and unassigned', async () => {
    const late = await newRequest({ subject: 'Late one' });
    const soon = await newRequest({ subject: 'Soon one' });
    await t.db.query(`UPDATE cc_requests SET sla_state = 'breached' WHERE id = $1`, [late.id]);
    await t.db.query(`UPDATE cc_requests SET sla_state = 'warning' WHERE id = $1`, [soon.id]);
    const breached = await clients.agent!.get('/en/console?sla=breached');
    expect(breached.body).toContain(late.reference);
    expect(breached.body).not.toContain(soon.reference);
    expect(breached.body).toContain('Overdue');
    const warning = await clients.agent!.get('/fr/console?sla=warning');
    expect(warning.body).toContain(soon.reference);
    expect(warning.body).not.toContain(late.reference);
    expect(warning.body).toContain('Délai bientôt dépassé');
    expect((await clients.agent!.get('/en/console?channel=phone')).body).not.toContain(late.reference);
    expect((await clients.agent!.get('/en/console?status=closed')).body).not.toContain(late.reference);
    expect((await clients.agent!.get('/en/console?view=unassigned')).body).toContain(late.reference);
    expect((await clients.agent!.get('/en/console?view=mine')).body).not.toContain(late.reference);
  });

  it('filters by a service chosen by name in the agent’s language, keeps service=<code> in the address, and names an unknown code', async () => {
    const eid = await newRequest({ subject: 'Service filter eID' });
    const other = await newRequest({ subject: 'Service filter other' });
    await t.db.query(`UPDATE cc_requests SET service_code = 'eid-card' WHERE id = $1`, [eid.id]);
    const { rows } = await t.db.query<{ fr: string; nl: string }>(`SELECT name->>'fr' AS fr, name->>'nl' AS nl FROM services WHERE code = 'eid-card'`);
    const html = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
    const fr = await clients.agent!.get('/fr/console?service=eid-card');
    expect(fr.statusCode).toBe(200);
    expect(fr.body).toContain(eid.reference);
    expect(fr.body).not.toContain(other.reference);
    // a list of names (the chosen one selected), no field asking for a code
    expect(fr.body).toContain(`<option value="eid-card" selected>${html(rows[0]!.fr)}</option>`);
    expect(fr.body).not.toMatch(/<input[^>]*name="service"/);
    expect((await clients.agent!.get('/nl/console')).body).toContain(`<option value="eid-card">${html(rows[0]!.nl)}</option>`);
    const unknown = await clients.agent!.get('/en/console?service=carte-identite');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('No service in the catalogue has the code “carte-identite”');
    expect(unknown.body).not.toContain(eid.reference);
    // the phone and counter contact form offers the same list, and refuses a code no service has
    expect((await clients.agent!.get('/fr/console/contacts/new')).body).toContain(`<option value="eid-card">${html(rows[0]!.fr)}</option>`);
    const contact = { name: 'Service Caller', channel: 'phone', language: 'fr', outcome: 'answered_first_contact' };
    const refused = await clients.agent!.submitForm('/en/console/contacts/new', '/en/console/contacts', { ...contact, serviceCode: 'carte-identite' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('href="#field-serviceCode">No service in the catalogue has the code “carte-identite”');
    expect((await clients.agent!.submitForm('/en/console/contacts/new', '/en/console/contacts', { ...contact, serviceCode: 'eid-card' })).statusCode).toBe(303);
  });

  it('pages by keyset without gaps or repeats, even for requests created in the same instant', async () => {
    const { rows: party } = await t.db.query<{ id: string }>(`INSERT INTO cc_parties (organisation_id, name) VALUES ($1, 'Keyset Person') RETURNING id`, [
      ixelles,
    ]);
    await t.db.query(
      `INSERT INTO cc_requests (reference, organisation_id, party_id, channel, language, subject, created_at)
       SELECT 'KS-' || lpad(g::text, 6, '0'), $1, $2, 'email', 'fr', 'Keyset ' || g, '2026-01-05 10:00:00+01'
         FROM generate_series(1, 60) g`,
      [ixelles, party[0]!.id],
    );
    const seen = new Set<string>();
    let url = '/en/console?status=all';
    for (let i = 0; i < 5 && url; i++) {
      const page = await clients.ixelles!.get(url);
      expect(page.statusCode).toBe(200);
      for (const match of page.body.matchAll(/KS-\d{6}/g)) seen.add(match[0]);
      const next = /href="([^"]*cursor=[^"]+)">Next page</.exec(page.body)?.[1];
      url = next ? next.replaceAll('&amp;', '&') : '';
    }
    expect(seen.size).toBe(60);
  });

  it('answers a malformed cursor or filter with 400, not 500', async () => {
    expect((await clients.agent!.get('/en/console?cursor=bm9wZQ')).statusCode).toBe(400);
    expect((await clients.agent!.get('/en/console?status=bogus')).statusCode).toBe(400);
    expect((await clients.agent!.get('/en/console?service=Not%20a%20code')).statusCode).toBe(400);
    expect(decodeCursor(encodeCursor({ cursorAt: '2026-01-05 09:00:00.123456+00', id: '00000000-0000-4000-8000-000000000000' }))).toEqual({
      createdAt: '2026-01-05 09:00:00.123456+00',
      id: '00000000-0000-4000-8000-000000000000',
    });
  });

  it('uses an index for the open inbox (no sequential scan of the requests)', async () => {
    const { sql, params } = inboxSql({
      organisationId: schaerbeek,
      view: 'organisation',
      accountId: accounts.agent!,
      unitIds: [],
      status: 'active',
      channel: null,
      serviceCode: null,
      slaState: null,
      after: { createdAt: '2026-01-05 09:00:00+00', id: '00000000-0000-4000-8000-000000000000' },
      limit: 25,
    });
    await t.db.query('SET enable_seqscan = off');
    const { rows } = await t.db.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, params);
    await t.db.query('SET enable_seqscan = on');
    const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
    expect(plan).toMatch(/Index (Only )?Scan( Backward)? using cc_requests_(open_page|open)_idx/);
  });
});

describe('request view and isolation', () => {
  it('shows the conversation, the party’s earlier requests and the service link, and audits the read', async () => {
    const first = await newRequest({ subject: 'Earlier question', email: 'history@example.org' });
    const second = await newRequest({ subject: 'Later question', email: 'history@example.org' });
    const page = await clients.agent!.get(`/en/console/requests/${second.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('j’ai perdu ma carte');
    expect(page.body).toContain(first.reference); // earlier request of the same party
    expect(page.body).toContain('knowledge-panel-title');
    const { rows } = await t.db.query(
      `SELECT 1 FROM audit_log WHERE action = 'read' AND subject_type = 'cc_request' AND subject_id = $1 AND actor_account_id = $2`,
      [second.id, accounts.agent],
    );
    expect(rows.length).toBe(1);
  });

  it('audits repeated reads (live refresh) once per agent and request in 10 minutes, even concurrently', async () => {
    const created = await newRequest({ subject: 'Live refresh audit' });
    const reads = async (account: string) =>
      (
        await t.db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM audit_log WHERE action = 'read' AND subject_type = 'cc_request' AND subject_id = $1 AND actor_account_id = $2`,
          [created.id, account],
        )
      ).rows[0]!.n;
    // Eight concurrent first reads (the page and its live refreshes): one entry, never none.
    const pages = await Promise.all(Array.from({ length: 8 }, () => clients.agent!.get(`/en/console/requests/${created.id}`, { 'x-live-refresh': '1' })));
    expect(pages.map((p) => p.statusCode)).toEqual(Array(8).fill(200));
    expect(await reads(accounts.agent!)).toBe(1);
    // Another agent's read is their own entry.
    await clients.manager!.get(`/en/console/requests/${created.id}`);
    expect(await reads(accounts.manager!)).toBe(1);
    // Once the window has passed, the next read is recorded again.
    await t.db.query(`UPDATE audit_read_marks SET recorded_at = now() - interval '11 minutes' WHERE subject_id = $1 AND actor_account_id = $2`, [
      created.id,
      accounts.agent,
    ]);
    await clients.agent!.get(`/en/console/requests/${created.id}`);
    await clients.agent!.get(`/en/console/requests/${created.id}`);
    expect(await reads(accounts.agent!)).toBe(2);
  });

  it('refuses another organisation’s request by id with a 404, writes a denied audit entry and shows no data', async () => {
    const secret = await newRequest({ subject: 'Schaerbeek private matter', name: 'Very Private Name' });
    const response = await clients.ixelles!.get(`/en/console/requests/${secret.id}`);
    expect(response.statusCode).toBe(404);
    expect(response.body).not.toContain('Very Private Name');
    expect(response.body).not.toContain(secret.reference);
    expect(response.body).toContain('does not belong to your organisation');
    const { rows } = await t.db.query<{ organisation_id: string; actor_organisation_id: string }>(
      `SELECT organisation_id, actor_organisation_id FROM audit_log WHERE action = 'denied' AND subject_type = 'cc_request' AND subject_id = $1`,
      [secret.id],
    );
    expect(rows).toEqual([{ organisation_id: schaerbeek, actor_organisation_id: ixelles }]);
    // a change is refused the same way
    const claim = await clients.ixelles!.submitForm('/en/console', `/en/console/requests/${secret.id}/claim`, { version: '1' });
    expect(claim.statusCode).toBe(404);
    expect(await versionOf(secret.id)).toBe(1);
    // the other organisation's inbox does not list it
    expect((await clients.ixelles!.get('/en/console')).body).not.toContain(secret.reference);
    // malformed and unknown ids
    expect((await clients.agent!.get('/en/console/requests/not-a-uuid')).statusCode).toBe(404);
    expect((await clients.agent!.get('/en/console/requests/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });

  it('refuses forged form posts (no or wrong CSRF token) with 403 and audits them without personal data', async () => {
    const request = await newRequest({ subject: 'Forged claim' });
    const path = `/en/console/requests/${request.id}/claim`;
    const forged = await clients.agent!.request('POST', `${path}?email=victim%40example.org`, { form: { version: '1', _csrf: 'forged-token' } });
    expect(forged.statusCode).toBe(403);
    expect(await versionOf(request.id)).toBe(1);
    const anonymous = await t.client().request('POST', '/fr/contact', { form: { message: 'x', name: 'Victim Name', email: 'victim@example.org' } });
    expect(anonymous.statusCode).toBe(403);
    const { rows } = await t.db.query<{ actor_account_id: string | null; organisation_id: string | null; details: Record<string, unknown> }>(
      `SELECT actor_account_id, organisation_id, details FROM audit_log WHERE action = 'denied' AND subject_type = 'csrf' ORDER BY id DESC LIMIT 2`,
    );
    expect(rows).toEqual([
      { actor_account_id: null, organisation_id: null, details: { reason: 'missing_secret', method: 'POST', path: '/:lang/contact', lang: 'fr' } },
      {
        actor_account_id: accounts.agent,
        organisation_id: schaerbeek,
        details: { reason: 'invalid_token', method: 'POST', path: '/:lang/console/requests/:id/claim', lang: 'en' },
      },
    ]);
    expect(JSON.stringify(rows)).not.toContain('victim');
  });
});

describe('claim and assign', () => {
  it('lets exactly one of two agents claiming at once win; the other gets a clear refusal', async () => {
    const request = await newRequest({ subject: 'Race' });
    const version = String(await versionOf(request.id));
    const page = `/en/console/requests/${request.id}`;
    const [a, b] = await Promise.all([
      clients.agent!.submitForm(page, `${page}/claim`, { version }),
      clients.manager!.submitForm(page, `${page}/claim`, { version }),
    ]);
    const statuses = [a.statusCode, b.statusCode].sort();
    expect(statuses).toEqual([303, 409]);
    const loser = a.statusCode === 409 ? a : b;
    expect(loser.body).toMatch(/Someone changed this request in the meantime|A colleague has already claimed this request/);
    const winner = a.statusCode === 303 ? 'agent' : 'manager';
    const { rows } = await t.db.query<{ assignee_id: string; status: string }>('SELECT assignee_id, status FROM cc_requests WHERE id = $1', [request.id]);
    expect(rows[0]).toEqual({ assignee_id: accounts[winner], status: 'open' });
    const events = await t.db.query(`SELECT 1 FROM cc_messages WHERE request_id = $1 AND kind = 'event' AND body LIKE '%claimed%'`, [request.id]);
    expect(events.rows.length).toBe(1);
  });

  it('refuses a stale assignment and assigns a colleague at the current version', async () => {
    const request = await newRequest({ subject: 'Assign me' });
    const page = `/en/console/requests/${request.id}`;
    const stale = await clients.manager!.submitForm(page, `${page}/assign`, { version: '99', assigneeId: accounts.agent! });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Someone changed this request in the meantime');
    const ok = await clients.manager!.submitForm(page, `${page}/assign`, { version: String(await versionOf(request.id)), assigneeId: accounts.agent! });
    expect(ok.statusCode).toBe(303);
    expect((await clients.agent!.get('/en/console?view=mine')).body).toContain(request.reference);
    const foreign = await clients.manager!.submitForm(page, `${page}/assign`, {
      version: String(await versionOf(request.id)),
      assigneeId: accounts['agent.ixelles']!,
    });
    expect(foreign.statusCode).toBe(400);
  });
});

describe('reply, note, status and close', () => {
  it('sends the reply in the user’s language, stores it and sets the first response', async () => {
    const request = await newRequest({ language: 'nl', subject: 'Vraag over parkeerkaart', email: 'jan@example.org' });
    const page = `/fr/console/requests/${request.id}`;
    const withTemplate = await clients.agent!.get(`${page}?template=builtin:acknowledge`);
    expect(withTemplate.body).toContain(`Beste Sofia Janssens`);
    expect(withTemplate.body).toContain(request.reference);
    const sent = await clients.agent!.submitForm(page, `${page}/reply`, { body: `Beste Sofia,\n\nUw aanvraag ${request.reference} is in behandeling.` });
    expect(sent.statusCode).toBe(303);
    const { rows: mails } = await t.db.query<{ language: string; subject: string; to_addresses: string[]; purpose: string }>(
      `SELECT language, subject, to_addresses, purpose FROM mail_messages WHERE purpose = 'contact.reply' AND subject LIKE $1`,
      [`%${request.reference}%`],
    );
    expect(mails).toEqual([
      { language: 'nl', subject: `[${request.reference}] Vraag over parkeerkaart`, to_addresses: ['jan@example.org'], purpose: 'contact.reply' },
    ]);
    const { rows } = await t.db.query<{ first_responded_at: Date | null }>('SELECT first_responded_at FROM cc_requests WHERE id = $1', [request.id]);
    expect(rows[0]!.first_responded_at).not.toBeNull();
    const { rows: outbound } = await t.db.query(`SELECT 1 FROM cc_messages WHERE request_id = $1 AND kind = 'outbound' AND mail_message_id IS NOT NULL`, [
      request.id,
    ]);
    expect(outbound.length).toBe(1);
    const empty = await clients.agent!.submitForm(page, `${page}/reply`, { body: '' });
    expect(empty.statusCode).toBe(400);
  });

  it('refuses an e-mail reply when the user has no address', async () => {
    const request = await newRequest({ email: null, subject: 'Phone only person', name: 'No Mail' });
    const page = `/en/console/requests/${request.id}`;
    const response = await clients.agent!.submitForm(page, `${page}/reply`, { body: 'Hello' });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('This user has no e-mail address');
  });

  it('pauses the SLA while waiting for the user, and closes with an outcome, a contact and a feedback link', async () => {
    const request = await newRequest({ language: 'en', subject: 'Close me', email: 'close@example.org' });
    const page = `/en/console/requests/${request.id}`;
    expect((await clients.agent!.submitForm(page, `${page}/notes`, { note: 'Checked the register.' })).statusCode).toBe(303);
    const waiting = await clients.agent!.submitForm(page, `${page}/status`, { version: String(await versionOf(request.id)), status: 'waiting_user' });
    expect(waiting.statusCode).toBe(303);
    const { rows: paused } = await t.db.query<{ status: string; sla_paused_at: Date | null }>('SELECT status, sla_paused_at FROM cc_requests WHERE id = $1', [
      request.id,
    ]);
    expect(paused[0]!.status).toBe('waiting_user');
    expect(paused[0]!.sla_paused_at).not.toBeNull();
    const closed = await clients.agent!.submitForm(page, `${page}/close`, {
      version: String(await versionOf(request.id)),
      outcome: 'answered_first_contact',
      message: 'Your new card is ready.',
    });
    expect(closed.statusCode).toBe(303);
    const { rows } = await t.db.query<{ status: string; outcome: string }>('SELECT status, outcome FROM cc_requests WHERE id = $1', [request.id]);
    expect(rows[0]).toEqual({ status: 'closed', outcome: 'answered_first_contact' });
    const contacts = await t.db.query(`SELECT 1 FROM cc_contacts WHERE request_id = $1 AND outcome = 'answered_first_contact' AND agent_account_id = $2`, [
      request.id,
      accounts.agent,
    ]);
    expect(contacts.rows.length).toBe(1);
    const invitations = await t.db.query(`SELECT 1 FROM feedback_invitations WHERE source_kind = 'request' AND source_id = $1`, [request.id]);
    expect(invitations.rows.length).toBe(1);
    const { rows: mails } = await t.db.query<{ text_body: string; language: string }>(
      `SELECT text_body, language FROM mail_messages WHERE purpose = 'contact.closed' AND subject LIKE $1`,
      [`%${request.reference}%`],
    );
    expect(mails[0]!.language).toBe('en');
    expect(mails[0]!.text_body).toMatch(/\/en\/feedback\/[A-Za-z0-9_-]+/);
    expect(mails[0]!.text_body).toContain('Your new card is ready.');
    // No open custom survey: the mail and the invitations are as before.
    expect(mails[0]!.text_body).not.toContain('/surveys/invitations/');
    expect((await t.db.query(`SELECT 1 FROM survey_invitations`)).rows).toEqual([]);
    const again = await clients.agent!.submitForm(page, `${page}/notes`, { note: 'after close' });
    expect(again.statusCode).toBe(409); // closed: no more notes
    expect(again.body).toContain('This request is closed.');
  });

  it('invites to an open custom survey of the organisation on close, with its link in the closing mail', async () => {
    // A survey of Schaerbeek sampling every web request (built and opened by its editor).
    const editor = clients.editor!;
    const created = await editor.request('POST', '/api/v1/surveys', { json: { owner: 'organisation', templateCode: 'nps' } });
    expect(created.statusCode).toBe(201);
    const surveyId = created.json().id as string;
    const detail = async () => (await editor.get(`/api/v1/surveys/${surveyId}`)).json().survey;
    const draft = await detail();
    expect(
      (
        await editor.request('PATCH', `/api/v1/surveys/${surveyId}`, {
          json: { version: draft.version, title: draft.title, linkEnabled: false, samplingRate: 100, channels: ['web'] },
        })
      ).statusCode,
    ).toBe(204);
    expect((await editor.request('POST', `/api/v1/surveys/${surveyId}/open`, { json: { version: (await detail()).version } })).statusCode).toBe(204);

    const request = await newRequest({ language: 'nl', subject: 'Enquête', email: 'enquete@example.org' });
    const page = `/nl/console/requests/${request.id}`;
    expect(
      (await clients.agent!.submitForm(page, `${page}/close`, { version: String(await versionOf(request.id)), outcome: 'answered_first_contact' })).statusCode,
    ).toBe(303);
    const { rows: mails } = await t.db.query<{ text_body: string }>(
      `SELECT text_body FROM mail_messages WHERE purpose = 'contact.closed' AND subject LIKE $1`,
      [`%${request.reference}%`],
    );
    const text = mails[0]!.text_body;
    expect(text).toMatch(/\/nl\/feedback\/[A-Za-z0-9_-]+/);
    expect(text).toContain('We nodigen u ook uit om deel te nemen aan een korte enquête');
    const surveyPath = text.match(/\/nl\/surveys\/invitations\/[A-Za-z0-9_-]+/)![0];
    const questionnaire = await t.client().get(surveyPath);
    expect(questionnaire.statusCode).toBe(200);
    expect(questionnaire.body).toContain('lang="nl"');
    const { rows } = await t.db.query<{ survey_id: string; channel: string }>(
      `SELECT survey_id, channel FROM survey_invitations WHERE source_kind = 'request' AND source_id = $1`,
      [request.id],
    );
    expect(rows).toEqual([{ survey_id: surveyId, channel: 'web' }]);
    // Without an e-mail address there is no way to send the survey: no invitation.
    const phoneOnly = await newRequest({ email: null, subject: 'Geen e-mail', name: 'Zonder Mail' });
    const phonePage = `/en/console/requests/${phoneOnly.id}`;
    expect(
      (await clients.agent!.submitForm(phonePage, `${phonePage}/close`, { version: String(await versionOf(phoneOnly.id)), outcome: 'answered_first_contact' }))
        .statusCode,
    ).toBe(303);
    expect((await t.db.query(`SELECT 1 FROM survey_invitations WHERE source_id = $1`, [phoneOnly.id])).rows).toEqual([]);
    expect((await editor.request('POST', `/api/v1/surveys/${surveyId}/close`, { json: { version: (await detail()).version } })).statusCode).toBe(204);
  });
});

describe('tasks to a second line', () => {
  it('routes a task to another organisation: visible there through the task only, answered back into the time line', async () => {
    const request = await newRequest({ subject: 'Needs Ixelles', email: 'task@example.org', name: 'Task Person' });
    const page = `/en/console/requests/${request.id}`;
    await clients.agent!.submitForm(page, `${page}/notes`, { note: 'INTERNAL-ONLY remark' });
    const sent = await clients.agent!.submitForm(page, `${page}/tasks`, {
      kind: 'question',
      toOrganisation: 'commune-ixelles',
      toUnit: '',
      toAccount: '',
      question: 'Was this person registered in Ixelles before 2020?',
    });
    expect(sent.statusCode).toBe(303);
    const { rows: task } = await t.db.query<{ id: string; to_organisation_id: string }>('SELECT id, to_organisation_id FROM cc_tasks WHERE request_id = $1', [
      request.id,
    ]);
    expect(task[0]!.to_organisation_id).toBe(ixelles);
    const taskId = task[0]!.id;
    // the user is told, and the request waits for the second line
    const { rows: mails } = await t.db.query<{ text_body: string }>(
      `SELECT text_body FROM mail_messages WHERE purpose = 'contact.passed_on' AND $1 = ANY(to_addresses)`,
      ['task@example.org'],
    );
    expect(mails[0]!.text_body).toContain('Ixelles');
    expect((await t.db.query<{ status: string }>('SELECT status FROM cc_requests WHERE id = $1', [request.id])).rows[0]!.status).toBe('waiting_second_line');
    // Ixelles sees the task (all of the organisation's tasks), with the context but not the internal note
    const inbox = await clients.ixelles!.get('/en/console/tasks?scope=all');
    expect(inbox.body).toContain(request.reference);
    const view = await clients.ixelles!.get(`/en/console/tasks/${taskId}`);
    expect(view.statusCode).toBe(200);
    expect(view.body).toContain('Was this person registered in Ixelles before 2020?');
    expect(view.body).toContain('j’ai perdu ma carte');
    expect(view.body).not.toContain('INTERNAL-ONLY remark');
    // …and nothing else of Schaerbeek: not the request itself, not Schaerbeek's inbox
    expect((await clients.ixelles!.get(`/en/console/requests/${request.id}`)).statusCode).toBe(404);
    expect((await clients.ixelles!.get('/en/console?status=all')).body).not.toContain(request.reference);
    // Schaerbeek's own task inbox does not list a task it sent
    expect((await clients.agent!.get('/en/console/tasks?scope=all')).body).not.toContain(request.reference);
    expect((await clients.agent!.get(`/en/console/tasks/${taskId}`)).statusCode).toBe(404);
    // the answer lands in the first line's time line and the request is open again
    const version = /name="version" value="(\d+)"/.exec(view.body)![1]!;
    const answered = await clients.ixelles!.submitForm(`/en/console/tasks/${taskId}`, `/en/console/tasks/${taskId}/answer`, {
      version,
      answer: 'Yes, from 2015 to 2019.',
    });
    expect(answered.statusCode).toBe(303);
    const again = await clients.ixelles!.submitForm(`/en/console/tasks/${taskId}`, `/en/console/tasks/${taskId}/answer`, { version, answer: 'Twice' });
    expect(again.statusCode).toBe(409);
    const firstLine = await clients.agent!.get(page);
    expect(firstLine.body).toContain('Yes, from 2015 to 2019.');
    expect((await t.db.query<{ status: string }>('SELECT status FROM cc_requests WHERE id = $1', [request.id])).rows[0]!.status).toBe('open');
  });

  it('includes internal notes only when chosen, and requires preferred times for a callback', async () => {
    const request = await newRequest({ subject: 'Callback please', email: 'cb@example.org' });
    const page = `/en/console/requests/${request.id}`;
    await clients.agent!.submitForm(page, `${page}/notes`, { note: 'NOTE-FOR-BACKOFFICE' });
    const missing = await clients.agent!.submitForm(page, `${page}/tasks`, {
      kind: 'callback',
      toOrganisation: 'commune-schaerbeek',
      question: 'Call back please',
    });
    expect(missing.statusCode).toBe(400);
    const { rows: units } = await t.db.query<{ id: string }>(`SELECT u.id FROM units u WHERE u.organisation_id = $1 AND u.code = 'population'`, [schaerbeek]);
    const wrongUnit = await clients.agent!.submitForm(page, `${page}/tasks`, {
      kind: 'question',
      toOrganisation: 'commune-ixelles',
      toUnit: units[0]!.id,
      question: 'x',
    });
    expect(wrongUnit.statusCode).toBe(400);
    const ok = await clients.agent!.submitForm(page, `${page}/tasks`, {
      kind: 'callback',
      toOrganisation: 'commune-schaerbeek',
      toUnit: units[0]!.id,
      question: 'Please call about the missing document.',
      callbackPreferences: 'Weekdays after 17:00, 0470 12 34 56',
      includeNotes: 'true',
    });
    expect(ok.statusCode).toBe(303);
    const { rows } = await t.db.query<{ id: string; kind: string }>('SELECT id, kind FROM cc_tasks WHERE request_id = $1', [request.id]);
    expect(rows[0]!.kind).toBe('callback');
    // the population unit's second line (backoffice@) sees it in "for me and my units"
    const mine = await clients.backoffice!.get('/en/console/tasks');
    expect(mine.body).toContain(request.reference);
    const view = await clients.backoffice!.get(`/en/console/tasks/${rows[0]!.id}`);
    expect(view.body).toContain('NOTE-FOR-BACKOFFICE');
    expect(view.body).toContain('Weekdays after 17:00');
  });
});

describe('phone and counter', () => {
  it('finds an earlier caller by name (trigram), e-mail or phone, records a contact, and opens a request', async () => {
    await newRequest({ name: 'Mohamed El Amrani', email: 'mohamed@example.org' });
    const byName = await clients.agent!.get('/en/console/contacts/new?qname=Mohammed%20Amrani');
    expect(byName.statusCode).toBe(200);
    expect(byName.body).toContain('Mohamed El Amrani');
    const byMail = await clients.agent!.get('/en/console/contacts/new?qemail=MOHAMED@example.org');
    expect(byMail.body).toContain('Mohamed El Amrani');
    // never another organisation's parties
    expect((await clients.ixelles!.get('/en/console/contacts/new?qname=Mohamed%20El%20Amrani')).body).not.toMatch(/id="field-partyId-[0-9a-f]{8}-/);
    const partyId = /id="field-partyId-([0-9a-f-]{36})"/.exec(byMail.body)![1]!;
    const recorded = await clients.agent!.submitForm('/en/console/contacts/new', '/en/console/contacts', {
      partyId,
      channel: 'phone',
      language: 'fr',
      startedAt: '2026-11-20 10:00',
      endedAt: '2026-11-20 10:07',
      outcome: 'answered_first_contact',
    });
    expect(recorded.statusCode).toBe(303);
    const { rows } = await t.db.query<{ started_at: Date; ended_at: Date; source_kind: string }>(
      `SELECT started_at, ended_at, source_kind FROM cc_contacts WHERE party_id = $1 AND channel = 'phone'`,
      [partyId],
    );
    expect(rows.length).toBe(1);
    expect(new Date(rows[0]!.started_at).toISOString()).toBe('2026-11-20T09:00:00.000Z');
    expect(new Date(rows[0]!.ended_at).getTime() - new Date(rows[0]!.started_at).getTime()).toBe(7 * 60_000);
    const opened = await clients.agent!.submitForm('/en/console/contacts/new', '/en/console/contacts', {
      partyId: '',
      name: 'New Caller',
      phone: '+32 470 12 34 56',
      channel: 'counter',
      language: 'nl',
      outcome: 'task_to_back_office',
      openRequest: 'true',
      subject: 'Vraag aan het loket',
      body: 'Wil een attest van woonst.',
    });
    expect(opened.statusCode).toBe(303);
    const requestId = /requests\/([0-9a-f-]{36})/.exec(opened.headers.location as string)![1]!;
    const { rows: created } = await t.db.query<{ channel: string; assignee_id: string; language: string }>(
      'SELECT channel, assignee_id, language FROM cc_requests WHERE id = $1',
      [requestId],
    );
    expect(created[0]).toEqual({ channel: 'counter', assignee_id: accounts.agent, language: 'nl' });
    const bad = await clients.agent!.submitForm('/en/console/contacts/new', '/en/console/contacts', {
      partyId: '',
      name: '',
      channel: 'phone',
      language: 'fr',
      outcome: 'redirected',
    });
    expect(bad.statusCode).toBe(400);
    const backwards = await clients.agent!.submitForm('/en/console/contacts/new', '/en/console/contacts', {
      partyId: '',
      name: 'Backwards',
      channel: 'phone',
      language: 'fr',
      outcome: 'redirected',
      startedAt: '2026-11-20 10:00',
      endedAt: '2026-11-20 09:00',
    });
    expect(backwards.statusCode).toBe(400);
  });
});

describe('settings', () => {
  it('lets a manager switch round-robin assignment per unit, and new requests of that unit are spread', async () => {
    const { rows: units } = await t.db.query<{ id: string }>(`SELECT id FROM units WHERE organisation_id = $1 AND code = 'accueil'`, [schaerbeek]);
    const unitId = units[0]!.id;
    expect((await clients.agent!.get('/en/console/settings')).statusCode).toBe(403);
    const saved = await clients.manager!.submitForm('/en/console/settings', '/en/console/settings/units', { autoAssign: [unitId] });
    expect(saved.statusCode).toBe(303);
    expect((await t.db.query<{ auto_assign: boolean }>('SELECT auto_assign FROM cc_unit_settings WHERE unit_id = $1', [unitId])).rows).toEqual([
      { auto_assign: true },
    ]);
    const request = await newRequest({ unitId, subject: 'Round robin' });
    expect(request.assigneeId).toBe(accounts.agent); // the only agent of the unit
    const foreign = await clients.manager!.submitForm('/en/console/settings', '/en/console/settings/units', {
      autoAssign: ['00000000-0000-4000-8000-000000000000'],
    });
    expect(foreign.statusCode).toBe(400);
    await clients.manager!.submitForm('/en/console/settings', '/en/console/settings/units', {});
    expect((await t.db.query<{ auto_assign: boolean }>('SELECT auto_assign FROM cc_unit_settings WHERE unit_id = $1', [unitId])).rows[0]!.auto_assign).toBe(
      false,
    );
  });

  it('offers organisation templates in the request’s language', async () => {
    const added = await clients.manager!.submitForm('/en/console/settings', '/en/console/settings/templates', {
      language: 'fr',
      title: 'Rendez-vous',
      body: 'Bonjour {name}, prenez rendez-vous ({reference}).',
    });
    expect(added.statusCode).toBe(303);
    const duplicate = await clients.manager!.submitForm('/en/console/settings', '/en/console/settings/templates', {
      language: 'fr',
      title: 'Rendez-vous',
      body: 'x',
    });
    expect(duplicate.statusCode).toBe(409);
    const request = await newRequest({ language: 'fr', subject: 'Template use' });
    const page = await clients.agent!.get(`/en/console/requests/${request.id}`);
    expect(page.body).toContain('Rendez-vous');
  });
});

describe('live updates', () => {
  it('sends a change to a console stream of the same organisation, not to another organisation', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const url = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}/api/v1/console/events`;
    const cookieOf = (c: TestClient) => [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const mine = await connectEventStream(url, { cookie: cookieOf(clients.manager!) });
    const other = await connectEventStream(url, { cookie: cookieOf(clients.ixelles!) });
    try {
      expect(mine.status).toBe(200);
      const request = await newRequest({ subject: 'Live' });
      await mine.waitFor((e) => e.event === 'request.created' && JSON.parse(e.data).id === request.id);
      const page = `/en/console/requests/${request.id}`;
      await clients.agent!.submitForm(page, `${page}/claim`, { version: String(await versionOf(request.id)) });
      const event = await mine.waitFor((e) => e.event === 'request.assigned' && JSON.parse(e.data).id === request.id);
      expect(JSON.parse(event.data)).toEqual({ id: request.id, reference: request.reference });
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(other.events.some((e) => e.data.includes(request.id))).toBe(false);
      const anonymous = await connectEventStream(url);
      expect(anonymous.status).toBe(401);
      anonymous.close();
    } finally {
      mine.close();
      other.close();
    }
  });
});
