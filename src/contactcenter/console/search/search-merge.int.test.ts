// Search, merge, split and contact merge of the console on a real database (PGlite, or PostgreSQL with
// TEST_DATABASE_URL): visibility across organisations (the inboxes' rule), the public contract of
// GET /api/v1/console/search and POST …/merge, the citizen's status look-up of a merged reference, clocks
// combined and restored by an undo, the audit trail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../../test/app.ts';
import { createRequest } from '../../requests.ts';
import type { Language } from '../../../platform/i18n/languages.ts';

let t: TestApp;
let schaerbeek: string;
let ixelles: string;
const clients: Record<string, TestClient> = {};

async function newRequest(options: {
  organisationId?: string;
  language?: Language;
  email?: string;
  name?: string;
  phone?: string;
  subject: string;
  message: string;
}) {
  return t.db.transaction((tx) =>
    createRequest(tx, {
      organisationId: options.organisationId ?? schaerbeek,
      unitId: null,
      channel: 'web',
      language: options.language ?? 'fr',
      subject: options.subject,
      message: options.message,
      party: {
        name: options.name ?? 'Sofia Janssens',
        email: options.email ?? 'sofia.search@example.org',
        phone: options.phone ?? null,
        language: options.language ?? 'fr',
      },
    }),
  );
}

async function search(client: TestClient, q: string) {
  const response = await client.get(`/api/v1/console/search?q=${encodeURIComponent(q)}`);
  expect(response.statusCode).toBe(200);
  return (
    response.json() as { results: Array<{ reference: string; subject: string; status: string; organisation: string; updatedAt: string; mergedInto?: string }> }
  ).results;
}

const row = async (id: string) =>
  (
    await t.db.query<{ status: string; mergedIntoId: string | null; firstResponseDueAt: Date | null; resolutionDueAt: Date | null }>(
      `SELECT status, merged_into_id AS "mergedIntoId", first_response_due_at AS "firstResponseDueAt", resolution_due_at AS "resolutionDueAt" FROM cc_requests WHERE id = $1`,
      [id],
    )
  ).rows[0]!;

beforeAll(async () => {
  t = await createTestApp();
  const { rows } = await t.db.query<{ code: string; id: string }>(`SELECT code, id FROM organisations WHERE code IN ('commune-schaerbeek', 'commune-ixelles')`);
  schaerbeek = rows.find((r) => r.code === 'commune-schaerbeek')!.id;
  ixelles = rows.find((r) => r.code === 'commune-ixelles')!.id;
  for (const [key, email] of [
    ['agent', 'agent@demo.irisdesk.brussels'],
    ['ixelles', 'agent.ixelles@demo.irisdesk.brussels'],
    ['editor', 'editor@demo.irisdesk.brussels'],
  ] as const) {
    clients[key] = t.client();
    await clients[key].login(email);
  }
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe('console search', () => {
  it('finds by reference, e-mail, phone, name and stemmed words of the conversation, in the three languages', async () => {
    const fr = await newRequest({
      subject: 'Poubelles non ramassées',
      message: 'Les conteneurs de la rue Royale débordent depuis lundi.',
      phone: '+32470123456',
    });
    const nl = await newRequest({
      language: 'nl',
      name: 'Pieter Vermeulen',
      email: 'pieter.search@example.org',
      subject: 'Parkeerkaart',
      message: 'Ik wil mijn bewonerskaarten verlengen.',
    });
    const en = await newRequest({
      language: 'en',
      name: 'Grace Okafor',
      email: 'grace.search@example.org',
      subject: 'Noise at night',
      message: 'The neighbours were playing loud music.',
    });
    const agent = clients.agent!;
    expect((await search(agent, fr.reference)).map((r) => r.reference)).toEqual([fr.reference]);
    expect((await search(agent, fr.reference.toLowerCase().replace(/-/g, ' '))).map((r) => r.reference)).toEqual([fr.reference]);
    expect((await search(agent, 'Pieter.Search@example.org')).map((r) => r.reference)).toEqual([nl.reference]);
    expect((await search(agent, '0470 12 34 56')).map((r) => r.reference)).toContain(fr.reference);
    expect((await search(agent, '+32 470 12 34 56')).map((r) => r.reference)).toContain(fr.reference);
    expect((await search(agent, 'okafor')).map((r) => r.reference)).toEqual([en.reference]);
    expect((await search(agent, 'Okaf')).map((r) => r.reference)).toEqual([en.reference]); // a prefix of a name
    expect((await search(agent, 'conteneur débordé')).map((r) => r.reference)).toEqual([fr.reference]); // French stems
    expect((await search(agent, 'bewonerskaart')).map((r) => r.reference)).toEqual([nl.reference]); // Dutch stems
    expect((await search(agent, 'neighbour playing')).map((r) => r.reference)).toEqual([en.reference]); // English stems
    expect((await search(agent, 'Janssens poubelle')).map((r) => r.reference)).toEqual([fr.reference]); // a name and a word
    const [hit] = await search(agent, fr.reference);
    expect(hit).toMatchObject({ subject: 'Poubelles non ramassées', status: 'new', organisation: expect.stringContaining('Schaerbeek') });
    expect(new Date(hit!.updatedAt).getTime()).toBeGreaterThan(0);
    // Words added later (a reply, a note) are found too.
    await agent.request('POST', '/api/v1/console/search'); // not a route: 404, never a 500
    await t.db.query(`INSERT INTO cc_messages (request_id, kind, body) VALUES ($1, 'note', 'Rappeler le service propreté')`, [en.id]);
    expect((await search(agent, 'propreté')).map((r) => r.reference)).toEqual([en.reference]);
    // Nothing searchable, nonsense and overlong input: an empty list or a 400, never a 500.
    expect(await search(agent, ' ! ')).toEqual([]);
    expect(await search(agent, 'xyzzyplugh')).toEqual([]);
    expect((await agent.get(`/api/v1/console/search?q=${'a'.repeat(300)}`)).statusCode).toBe(400);
  });

  it('never shows another organisation’s request: an Ixelles agent does not find a Schaerbeek-only request', async () => {
    const only = await newRequest({
      name: 'Zénobe Gramme',
      email: 'zenobe.search@example.org',
      subject: 'Dynamo',
      message: 'Une dynamo électrique introuvable.',
    });
    const own = await newRequest({
      organisationId: ixelles,
      name: 'Zénobe Gramme',
      email: 'zenobe.search@example.org',
      subject: 'Dynamo',
      message: 'Une dynamo électrique introuvable.',
    });
    for (const q of [only.reference, 'zenobe.search@example.org', 'Gramme', 'dynamo électrique']) {
      const found = (await search(clients.ixelles!, q)).map((r) => r.reference);
      expect(found).not.toContain(only.reference);
      if (q !== only.reference) expect(found).toContain(own.reference);
      expect((await search(clients.agent!, q)).map((r) => r.reference)).not.toContain(own.reference);
    }
    // Staff without a console role are refused; the search page works without JavaScript.
    expect((await clients.editor!.get('/api/v1/console/search?q=dynamo')).statusCode).toBe(403);
    const page = await clients.ixelles!.get('/nl/console/search?q=dynamo');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(own.reference);
    expect(page.body).not.toContain(only.reference);
    const audit = await t.db.query(`SELECT 1 FROM audit_log WHERE subject_type = 'cc_request' AND details->>'search' = 'words' LIMIT 1`);
    expect(audit.rows.length).toBe(1);
  });
});

describe('merge and split', () => {
  it('merges a duplicate: conversation, tasks and clocks combine, the merged reference answers the survivor’s status, and the merge is undone', async () => {
    const keep = await newRequest({ email: 'merge.keep@example.org', subject: 'Carte de riverain', message: 'Premier message.' });
    const dup = await newRequest({ email: 'merge.dup@example.org', name: 'Sofia J.', subject: 'Carte riverain', message: 'Second message, même sujet.' });
    // The duplicate is older: its clocks run out first and become the survivor's.
    const earlierDue = new Date(Date.now() + 3_600_000);
    await t.db.query(`UPDATE cc_requests SET first_response_due_at = $2, resolution_due_at = $2 WHERE id = $1`, [dup.id, earlierDue]);
    const keepBefore = await row(keep.id);
    const agent = clients.agent!;

    // Refusals: unknown target, itself, another organisation's request (404 for the merged one).
    const ixellesRequest = await newRequest({ organisationId: ixelles, subject: 'Autre', message: 'Autre commune.' });
    expect((await agent.request('POST', `/api/v1/console/requests/${dup.reference}/merge`, { json: { into: 'BXL-2222-2222' } })).statusCode).toBe(400);
    expect((await agent.request('POST', `/api/v1/console/requests/${dup.reference}/merge`, { json: { into: dup.reference } })).statusCode).toBe(400);
    expect((await agent.request('POST', `/api/v1/console/requests/${dup.reference}/merge`, { json: { into: ixellesRequest.reference } })).statusCode).toBe(400);
    expect(
      (await clients.ixelles!.request('POST', `/api/v1/console/requests/${dup.reference}/merge`, { json: { into: ixellesRequest.reference } })).statusCode,
    ).toBe(404);
    expect((await agent.request('POST', `/api/v1/console/requests/${dup.reference}/merge`, { json: {} })).statusCode).toBe(400);

    const merged = await agent.request('POST', `/api/v1/console/requests/${dup.reference}/merge`, { json: { into: keep.reference } });
    expect(merged.statusCode).toBe(200);
    expect(merged.json()).toEqual({ reference: dup.reference, mergedInto: keep.reference });
    expect((await agent.request('POST', `/api/v1/console/requests/${dup.reference}/merge`, { json: { into: keep.reference } })).statusCode).toBe(409);

    const messages = await t.db.query<{ body: string }>(`SELECT body FROM cc_messages WHERE request_id = $1 AND kind = 'inbound' ORDER BY created_at`, [
      keep.id,
    ]);
    expect(messages.rows.map((m) => m.body)).toEqual(['Premier message.', 'Second message, même sujet.']);
    const after = await row(keep.id);
    expect(new Date(after.resolutionDueAt!).getTime()).toBe(earlierDue.getTime());
    expect(new Date(after.firstResponseDueAt!).getTime()).toBe(earlierDue.getTime());
    expect(await row(dup.id)).toMatchObject({ status: 'closed', mergedIntoId: keep.id });
    const jobs = await t.db.query<{ runAt: Date }>(`SELECT run_at AS "runAt" FROM jobs WHERE unique_key = $1 AND status = 'queued'`, [`${keep.id}:resolution`]);
    expect(jobs.rows.length).toBe(1);
    expect(new Date(jobs.rows[0]!.runAt).getTime()).toBeLessThanOrEqual(earlierDue.getTime());

    // The citizen's status look-up of the merged reference: the survivor's status, and where it went.
    const status = await t.client().get(`/api/v1/contact-requests/${dup.reference}?email=merge.dup@example.org`);
    expect(status.statusCode).toBe(200);
    expect(status.json()).toMatchObject({ status: 'new', mergedInto: keep.reference });
    expect((await t.client().get(`/api/v1/contact-requests/${dup.reference}?email=merge.keep@example.org`)).statusCode).toBe(404);
    expect((await search(agent, dup.reference))[0]).toMatchObject({ status: 'closed', mergedInto: keep.reference });
    // Words of the moved conversation are found on the survivor.
    expect((await search(agent, 'second message même sujet')).map((r) => r.reference)).toContain(keep.reference);

    const audits = await t.db.query<{ change: string }>(
      `SELECT details->>'change' AS change FROM audit_log WHERE subject_id IN ($1, $2) AND details->>'change' LIKE '%merge%' ORDER BY id`,
      [dup.id, keep.id],
    );
    expect(audits.rows.map((a) => a.change).sort()).toEqual(['merge', 'merge_from']);

    // Undo: the message goes back, the clocks and the status are as they were.
    const undone = await agent.request('POST', `/api/v1/console/requests/${dup.reference}/unmerge`, { json: {} });
    expect(undone.statusCode).toBe(200);
    expect((await t.db.query(`SELECT 1 FROM cc_messages WHERE request_id = $1 AND kind = 'inbound'`, [keep.id])).rows.length).toBe(1);
    expect(await row(dup.id)).toMatchObject({ status: 'new', mergedIntoId: null });
    expect(new Date((await row(keep.id)).resolutionDueAt!).getTime()).toBe(new Date(keepBefore.resolutionDueAt!).getTime());
    expect((await t.client().get(`/api/v1/contact-requests/${dup.reference}?email=merge.dup@example.org`)).json()).not.toHaveProperty('mergedInto');
    expect((await agent.request('POST', `/api/v1/console/requests/${dup.reference}/unmerge`, { json: {} })).statusCode).toBe(409);
    // Past the period, an undo is refused.
    await agent.request('POST', `/api/v1/console/requests/${dup.reference}/merge`, { json: { into: keep.reference } });
    await t.db.query(`UPDATE cc_request_merges SET merged_at = now() - interval '31 days' WHERE merged_request_id = $1 AND unmerged_at IS NULL`, [dup.id]);
    expect((await agent.request('POST', `/api/v1/console/requests/${dup.reference}/unmerge`, { json: {} })).statusCode).toBe(409);
  });

  it('splits a message into a new request of the same person, and merges duplicate contact records', async () => {
    const source = await newRequest({ email: 'split@example.org', name: 'Lou Split', subject: 'Deux questions', message: 'Première question.' });
    await t.db.query(`INSERT INTO cc_messages (request_id, kind, channel, body) VALUES ($1, 'inbound', 'email', 'Autre sujet : mon permis.')`, [source.id]);
    const { rows } = await t.db.query<{ id: string }>(`SELECT id FROM cc_messages WHERE request_id = $1 AND body LIKE 'Autre sujet%'`, [source.id]);
    const page = `/fr/console/requests/${source.id}`;
    const split = await clients.agent!.submitForm(page, `${page}/split`, { messageId: rows[0]!.id, subject: 'Permis' });
    expect(split.statusCode).toBe(303);
    const created = await t.db.query<{ id: string; subject: string; partyId: string }>(
      `SELECT r.id, r.subject, r.party_id AS "partyId" FROM cc_requests r JOIN cc_messages m ON m.request_id = r.id WHERE m.id = $1`,
      [rows[0]!.id],
    );
    expect(created.rows[0]).toMatchObject({ subject: 'Permis', partyId: source.partyId });
    expect(split.headers.location).toContain(created.rows[0]!.id);
    // Someone else's message (or an event) cannot be split.
    const refused = await clients.agent!.submitForm(page, `${page}/split`, { messageId: rows[0]!.id, subject: 'Encore' });
    expect(refused.statusCode).toBe(400);

    const a = await newRequest({ email: 'twin.a@example.org', name: 'Jan Twin', subject: 'Un', message: 'Premier.' });
    const b = await newRequest({ email: 'twin.b@example.org', name: 'Jan Twin', phone: '+32470999888', subject: 'Deux', message: 'Second.' });
    const mergedParty = await clients.agent!.submitForm('/fr/console/contacts/new?qname=Jan+Twin', '/fr/console/contacts/merge', {
      partyId: b.partyId,
      into: a.partyId,
    });
    expect(mergedParty.statusCode).toBe(303);
    const parties = await t.db.query<{ partyId: string }>(`SELECT party_id AS "partyId" FROM cc_requests WHERE id IN ($1, $2)`, [a.id, b.id]);
    expect(parties.rows.every((p) => p.partyId === a.partyId)).toBe(true);
    const survivor = await t.db.query<{ phone: string | null }>(`SELECT phone FROM cc_parties WHERE id = $1`, [a.partyId]);
    expect(survivor.rows[0]!.phone).toBe('+32470999888');
    // The merged record no longer comes up in the caller search.
    const found = await clients.agent!.get('/fr/console/contacts/new?qname=Jan+Twin');
    expect(found.body).not.toContain(b.partyId);
    // Another organisation's record: 404.
    const other = await newRequest({ organisationId: ixelles, email: 'twin.c@example.org', name: 'Jan Twin', subject: 'Trois', message: 'Troisième.' });
    const cross = await clients.agent!.submitForm('/fr/console/contacts/new', '/fr/console/contacts/merge', { partyId: other.partyId, into: a.partyId });
    expect(cross.statusCode).toBe(404);
  });
});

describe('bulk actions', () => {
  it('assigns, tags, changes the status and closes a selection, skipping what cannot change and never another organisation’s request', async () => {
    const a = await newRequest({ email: 'bulk.a@example.org', subject: 'Bulk A', message: 'Un.' });
    const b = await newRequest({ email: 'bulk.b@example.org', subject: 'Bulk B', message: 'Deux.' });
    const foreign = await newRequest({ organisationId: ixelles, email: 'bulk.c@example.org', subject: 'Bulk C', message: 'Trois.' });
    const { rows } = await t.db.query<{ id: string }>(`SELECT id FROM accounts WHERE email = 'agent@demo.irisdesk.brussels'`);
    const agentId = rows[0]!.id;
    const post = (form: Record<string, string | string[]>) =>
      clients.agent!.submitForm('/en/console', '/en/console/bulk', { returnTo: '/en/console?view=mine', ...form });
    const assigned = await post({ ids: [a.id, b.id, foreign.id], action: `assign:${agentId}` });
    expect(assigned.statusCode).toBe(303);
    expect(assigned.headers.location).toBe('/en/console?view=mine&notice=bulk&changed=2&skipped=1');
    const owners = await t.db.query<{ assigneeId: string | null }>(
      `SELECT assignee_id AS "assigneeId" FROM cc_requests WHERE id IN ($1, $2, $3) ORDER BY subject`,
      [a.id, b.id, foreign.id],
    );
    expect(owners.rows.map((r) => r.assigneeId)).toEqual([agentId, agentId, null]);

    expect((await post({ ids: [a.id, b.id], action: 'tag', tag: 'Voirie' })).statusCode).toBe(303);
    const page = await clients.agent!.get('/en/console?notice=bulk&changed=2&skipped=0');
    expect(page.body).toContain('voirie');
    expect(page.body).toContain('2 requests changed.');
    expect((await post({ ids: [a.id], action: 'tag', tag: '<script>' })).statusCode).toBe(400);
    expect((await post({ action: 'status:waiting_user' })).statusCode).toBe(400); // nothing selected
    expect((await post({ ids: [a.id], action: 'status:closed' })).statusCode).toBe(400); // closing needs an outcome

    await post({ ids: [a.id, b.id], action: 'status:waiting_user' });
    expect((await row(a.id)).status).toBe('waiting_user');
    const closed = await post({ ids: [a.id, b.id], action: 'close:answered_first_contact' });
    expect(closed.headers.location).toContain('changed=2&skipped=0');
    expect((await row(b.id)).status).toBe('closed');
    const again = await post({ ids: [a.id], action: 'close:answered_first_contact' });
    expect(again.headers.location).toContain('changed=0&skipped=1');
    const audits = await t.db.query(`SELECT 1 FROM audit_log WHERE subject_id = $1 AND details->>'change' IN ('assign', 'tag', 'status', 'close')`, [a.id]);
    expect(audits.rows.length).toBe(4);
  });
});

describe('saved views', () => {
  it('keeps the inbox filters under a name, for oneself or shared with a unit, and only the owner deletes it', async () => {
    const agent = clients.agent!;
    const { rows } = await t.db.query<{ unitId: string }>(
      `SELECT unit_id AS "unitId" FROM account_units au JOIN accounts a ON a.id = au.account_id WHERE a.email = 'agent@demo.irisdesk.brussels' LIMIT 1`,
    );
    const unitId = rows[0]?.unitId;
    const saved = await agent.submitForm('/en/console', '/en/console/views', {
      viewName: 'Breached e-mails',
      returnTo: '/en/console?view=unassigned&channel=email&sla=breached&cursor=abc&evil=1',
    });
    expect(saved.statusCode).toBe(303);
    const personal = await t.db.query<{ id: string; filters: string }>(`SELECT id, filters FROM cc_saved_views WHERE name = 'Breached e-mails'`);
    expect(personal.rows[0]!.filters).toBe('view=unassigned&channel=email&sla=breached');
    const inbox = await agent.get('/en/console');
    expect(inbox.body).toContain('href="/en/console?view=unassigned&amp;channel=email&amp;sla=breached"');
    // Ixelles' agent never sees it, and cannot delete it.
    expect((await clients.ixelles!.get('/en/console')).body).not.toContain('Breached e-mails');
    expect((await clients.ixelles!.submitForm('/en/console', `/en/console/views/${personal.rows[0]!.id}/delete`, {})).statusCode).toBe(404);
    // Sharing with a unit the agent is not a member of is refused.
    const foreignUnit = await t.db.query<{ id: string }>(`SELECT id FROM units WHERE organisation_id = $1 LIMIT 1`, [ixelles]);
    expect((await agent.submitForm('/en/console', '/en/console/views', { viewName: 'Nope', shareWith: foreignUnit.rows[0]!.id })).statusCode).toBe(400);
    if (unitId) {
      expect(
        (await agent.submitForm('/en/console', '/en/console/views', { viewName: 'Unit view', shareWith: unitId, returnTo: '/en/console?status=open' }))
          .statusCode,
      ).toBe(303);
      const shared = await t.db.query<{ unitId: string }>(`SELECT unit_id AS "unitId" FROM cc_saved_views WHERE name = 'Unit view'`);
      expect(shared.rows[0]!.unitId).toBe(unitId);
    }
    expect((await agent.submitForm('/en/console', `/en/console/views/${personal.rows[0]!.id}/delete`, {})).statusCode).toBe(303);
    expect((await t.db.query(`SELECT 1 FROM cc_saved_views WHERE id = $1`, [personal.rows[0]!.id])).rows.length).toBe(0);
  });
});
