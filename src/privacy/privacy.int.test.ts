// Data protection end to end on a real database (issue 18): the DPO's subject requests through the public
// contract (access export with the references; erasure that leaves the statistics as they were and makes the
// public status look-up a 404), the audit log pseudonymised, the retention job, and who may use what.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../test/app.ts';
import type { FeedbackAnswerInput } from '../satisfaction/questionnaire.ts';
import { RETENTION_JOB } from './service.ts';
import { runDueJobs } from '../platform/jobs/worker.ts';

let t: TestApp;
let dpo: TestClient;
let communeService: string;
let schaerbeek: string;

beforeAll(async () => {
  t = await createTestApp();
  const commune = await t.db.query<{ code: string }>(
    `SELECT code FROM services WHERE competent_kind = 'commune' AND status = 'published' ORDER BY code LIMIT 1`,
  );
  communeService = commune.rows[0]!.code;
  schaerbeek = (await t.db.query<{ id: string }>(`SELECT id FROM organisations WHERE code = 'commune-schaerbeek'`)).rows[0]!.id;
  dpo = t.client();
  await dpo.login('privacy@demo.irisdesk.brussels');
});
afterAll(() => t.close());

async function contactRequest(email: string, message: string) {
  const response = await t.client().request('POST', '/api/v1/contact-requests', {
    json: { message, name: 'Jan Peeters', email, postalCode: '1030', serviceCode: communeService, language: 'nl' },
  });
  expect(response.statusCode).toBe(201);
  return (response.json() as { reference: string }).reference;
}

/** The organisation's statistics as stored after a rebuild: operations and satisfaction aggregates, competence answers. */
async function figures() {
  const month = new Date().toISOString().slice(0, 7);
  await t.services.operationsIndicators.rebuild([schaerbeek], month, month);
  const operations = await t.db.query(`SELECT * FROM operations_aggregates WHERE organisation_id = $1 ORDER BY 1, 2, 3`, [schaerbeek]);
  const satisfaction = await t.db.query(`SELECT * FROM satisfaction_aggregates WHERE organisation_id = $1 ORDER BY 1, 2, 3, 4`, [schaerbeek]);
  const competence = await t.db.query(`SELECT count(*)::int AS n FROM competence_answers`);
  const strip = (rows: Array<Record<string, unknown>>) => rows.map(({ updated_at: _u, computed_at: _c, refreshed_at: _r, ...rest }) => rest);
  return { operations: strip(operations.rows), satisfaction: strip(satisfaction.rows), competence: competence.rows };
}

describe('subject requests (public contract)', () => {
  it('exports what is held about a person, with the references of their requests', async () => {
    const email = `jan.${Date.now()}@example.be`;
    const first = await contactRequest(email, 'Mijn identiteitskaart is verlopen.');
    const second = await contactRequest(email, 'Nog een vraag over mijn adres.');
    await contactRequest(`someone.else.${Date.now()}@example.be`, 'Andere persoon.');

    const created = await dpo.request('POST', '/api/v1/privacy/subject-requests', { json: { kind: 'access', email: email.toUpperCase() } });
    expect(created.statusCode).toBe(201);
    const { id, kind, status } = created.json() as { id: string; kind: string; status: string };
    expect(kind).toBe('access');
    expect(['pending', 'done']).toContain(status);

    const read = await dpo.get(`/api/v1/privacy/subject-requests/${id}`);
    expect(read.statusCode).toBe(200);
    const answer = read.json() as {
      status: string;
      export: { contactCenter: { requests: Array<{ reference: string; messages: Array<{ body: string }> }>; parties: unknown[] } };
    };
    expect(answer.status).toBe('done');
    expect(answer.export.contactCenter.requests.map((request) => request.reference).sort()).toEqual([first, second].sort());
    expect(JSON.stringify(answer.export)).toContain('Mijn identiteitskaart is verlopen.');
    expect(JSON.stringify(answer.export)).not.toContain('Andere persoon.');

    // The readable page, in the person's language.
    const page = await dpo.get(`/nl/admin/privacy/requests/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(first);
    expect(page.body).toContain('contactaanvragen');
  });

  it('erases a person: the statistics stay the same, the public look-up answers 404, the audit log is pseudonymised', async () => {
    const email = `erase.${Date.now()}@example.be`;
    const reference = await contactRequest(email, 'Jan Peeters, rue Royale 12, né le 30/07/1985');
    const request = (await t.db.query<{ id: string; party_id: string }>(`SELECT id, party_id FROM cc_requests WHERE reference = $1`, [reference])).rows[0]!;
    // A staff read of the request leaves an audit entry about it.
    await t.db.query(`INSERT INTO audit_log (action, subject_type, subject_id, organisation_id, details) VALUES ('read', 'cc_request', $1, $2, $3)`, [
      request.id,
      schaerbeek,
      JSON.stringify({ email, view: 'console' }),
    ]);
    expect((await t.client().get(`/api/v1/contact-requests/${reference}?email=${encodeURIComponent(email)}`)).statusCode).toBe(200);
    // The person answered the questionnaire after the request, with a comment that names them.
    const { token } = await t.services.satisfaction.createFeedbackInvitation(t.db, {
      organisationId: schaerbeek,
      channel: 'web',
      contactAt: new Date(),
      language: 'nl',
      source: { kind: 'request', id: request.id },
    });
    await t.services.satisfaction.submitAnswer(token, {
      overall: 4,
      clarity: 4,
      effort: 3,
      needMet: 'yes',
      reached: true,
      channelsUsed: ['web'],
      recommend: 8,
      comment: 'Jan Peeters was goed geholpen',
    } as FeedbackAnswerInput);
    // The request came from a chat and by e-mail; the person took a ticket with an SMS alert and got a text message.
    const phone = `+3247${String(Date.now()).slice(-7)}`;
    const chat = (
      await t.db.query<{ id: string }>(
        `INSERT INTO chat_sessions (token_hash, organisation_id, language, name, status, address_hash, request_id, reference)
         VALUES ($1, $2, 'nl', 'Jan Peeters', 'converted', 'test', $3, $4) RETURNING id`,
        [`erase-${Date.now()}`, schaerbeek, request.id, reference],
      )
    ).rows[0]!.id;
    await t.db.query(`INSERT INTO chat_messages (chat_id, sender, body) VALUES ($1, 'user', 'Ik ben Jan Peeters, rue Royale 12')`, [chat]);
    await t.db.query(`INSERT INTO cc_inbound_mail (message_id, request_id, mailbox) VALUES ($1, $2, 'contact@schaerbeek.example')`, [
      `<${Date.now()}@jan.example>`,
      request.id,
    ]);
    const queueService = (
      await t.db.query<{ id: string; contact_point_id: string; prefix: string }>(
        `SELECT q.id, q.contact_point_id, q.prefix FROM queue_services q WHERE q.organisation_id = $1 ORDER BY q.id LIMIT 1`,
        [schaerbeek],
      )
    ).rows[0]!;
    const ticket = (
      await t.db.query<{ id: string }>(
        `INSERT INTO queue_tickets (contact_point_id, organisation_id, queue_service_id, service_code, prefix, number, day, status, language, phone,
                                   called_at, serving_at, finished_at)
         VALUES ($1, $2, $3, 'test', $4, 977, (now() AT TIME ZONE 'Europe/Brussels')::date, 'done', 'nl', $5, now(), now(), now()) RETURNING id`,
        [queueService.contact_point_id, schaerbeek, queueService.id, queueService.prefix, phone],
      )
    ).rows[0]!.id;
    await t.services.sms.send({ to: phone, text: 'U bent bijna aan de beurt.', language: 'nl', purpose: 'queue.near', organisationId: schaerbeek });
    const access = await dpo.request('POST', '/api/v1/privacy/subject-requests', { json: { kind: 'access', email, phone } });
    const exported = (await dpo.get(`/api/v1/privacy/subject-requests/${(access.json() as { id: string }).id}`)).json() as {
      summary: Record<string, number>;
      export: { chats: Array<{ messages: Array<{ body: string }> }> };
    };
    expect(exported.summary).toMatchObject({ chats: 1, tickets: 1, inboundMail: 1, sms: 1 });
    expect(exported.export.chats[0]!.messages[0]!.body).toBe('Ik ben Jan Peeters, rue Royale 12');
    const before = await figures();

    const created = await dpo.request('POST', '/api/v1/privacy/subject-requests', {
      json: { kind: 'erasure', email, phone, reason: 'Letter of 7 December' },
    });
    expect(created.statusCode).toBe(201);
    const { id } = created.json() as { id: string };
    const done = (await dpo.get(`/api/v1/privacy/subject-requests/${id}`)).json() as { status: string; summary: Record<string, number> };
    expect(done.status).toBe('done');
    expect(done.summary).toMatchObject({ requests: 1, chats: 1, tickets: 1, inboundMail: 1, sms: 1 });

    expect(await figures()).toEqual(before);
    expect((await t.client().get(`/api/v1/contact-requests/${reference}?email=${encodeURIComponent(email)}`)).statusCode).toBe(404);

    const party = await t.db.query(`SELECT name, email, phone, postal_code FROM cc_parties WHERE id = $1`, [request.party_id]);
    expect(party.rows[0]).toEqual({ name: '—', email: null, phone: null, postal_code: null });
    const messages = await t.db.query<{ body: string }>(`SELECT body FROM cc_messages WHERE request_id = $1 AND kind <> 'event'`, [request.id]);
    expect(messages.rows.every((row) => row.body === '—')).toBe(true);
    const entries = await t.db.query<{ subject_id: string; details: Record<string, unknown> }>(
      `SELECT subject_id, details FROM audit_log WHERE details->>'view' = 'console' AND organisation_id = $1`,
      [schaerbeek],
    );
    expect(entries.rows.some((row) => row.subject_id === request.id)).toBe(false);
    expect(entries.rows.some((row) => row.subject_id.startsWith('erased:') && !('email' in row.details))).toBe(true);
    const erasure = await t.db.query<{ details: { reason: string; categories: string[] } }>(
      `SELECT details FROM audit_log WHERE subject_type = 'privacy_subject_request' AND subject_id = $1 AND action = 'delete'`,
      [id],
    );
    expect(erasure.rows[0]!.details).toMatchObject({ reason: 'Letter of 7 December' });
    expect(erasure.rows[0]!.details.categories).toContain('requests');
    const comment = await t.db.query(`SELECT a.comment FROM feedback_answers a JOIN feedback_invitations i ON i.id = a.invitation_id WHERE i.source_id = $1`, [
      request.id,
    ]);
    expect(comment.rows).toEqual([{ comment: '—' }]);
    expect(done.summary.feedback).toBe(1);
    expect((await t.db.query(`SELECT name, body FROM chat_sessions s JOIN chat_messages m ON m.chat_id = s.id WHERE s.id = $1`, [chat])).rows).toEqual([
      { name: null, body: '—' },
    ]);
    expect((await t.db.query(`SELECT 1 FROM cc_inbound_mail WHERE request_id = $1`, [request.id])).rows).toEqual([]);
    expect((await t.db.query(`SELECT phone, status FROM queue_tickets WHERE id = $1`, [ticket])).rows).toEqual([{ phone: null, status: 'done' }]);
    expect((await t.db.query(`SELECT body FROM sms_messages WHERE to_number = $1`, [phone])).rows).toEqual([]);
    const stored = await t.db.query(`SELECT email FROM privacy_subject_requests WHERE id = $1`, [id]);
    expect(stored.rows[0]).toEqual({ email: null });
  });

  it('refuses other roles and bad input, and hides another organisation’s requests', async () => {
    const manager = t.client();
    await manager.login('manager@demo.irisdesk.brussels');
    expect((await manager.request('POST', '/api/v1/privacy/subject-requests', { json: { kind: 'access', email: 'a@example.be' } })).statusCode).toBe(403);
    const bad = await dpo.request('POST', '/api/v1/privacy/subject-requests', { json: { kind: 'access', email: 'not an address' } });
    expect(bad.statusCode).toBe(400);
    expect((await dpo.get('/api/v1/privacy/subject-requests/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await t.client().get('/api/v1/privacy/subject-requests/00000000-0000-4000-8000-000000000000')).statusCode).toBe(401);
  });
});

describe('retention', () => {
  it('erases requests closed longer ago than the organisation’s period, keeping recent ones', async () => {
    const old = await contactRequest(`old.${Date.now()}@example.be`, 'Een oude vraag.');
    const recent = await contactRequest(`recent.${Date.now()}@example.be`, 'Een recente vraag.');
    await t.db.query(
      `UPDATE cc_requests SET status = 'closed', closed_at = now() - interval '800 days', created_at = now() - interval '801 days' WHERE reference = $1`,
      [old],
    );
    await t.db.query(`UPDATE cc_requests SET status = 'closed', closed_at = now() - interval '10 days' WHERE reference = $1`, [recent]);
    // Bounds are enforced; a period within them is kept.
    const tooShort = await dpo.submitForm('/en/admin/privacy', '/en/admin/privacy/retention', { category: 'contact_requests', days: '5' });
    expect(tooShort.statusCode).toBe(400);
    expect(tooShort.body).toContain('bounds');
    const saved = await dpo.submitForm('/en/admin/privacy', '/en/admin/privacy/retention', { category: 'contact_requests', days: '730' });
    expect(saved.statusCode).toBe(303);

    const totals = await t.services.privacy.applyRetention();
    expect(totals.contact_requests).toBeGreaterThanOrEqual(1);
    const subjects = await t.db.query<{ reference: string; subject: string }>(`SELECT reference, subject FROM cc_requests WHERE reference = ANY($1)`, [
      [old, recent],
    ]);
    const byReference = Object.fromEntries(subjects.rows.map((row) => [row.reference, row.subject]));
    expect(byReference[old]).toBe('—');
    expect(byReference[recent]).not.toBe('—');
  });

  it('runs every day: each run leaves the next one queued for the day after', async () => {
    const queued = () =>
      t.db.query<{ id: number; runAt: Date }>(`SELECT id, run_at AS "runAt" FROM jobs WHERE type = $1 AND status = 'queued' ORDER BY run_at`, [RETENTION_JOB]);
    await t.services.privacy.scheduleRetention(); // what every instance does when it starts
    await t.db.query(`UPDATE jobs SET run_at = now() WHERE type = $1 AND status = 'queued'`, [RETENTION_JOB]);
    await runDueJobs({ db: t.db, registry: t.services.jobs });
    const next = await queued();
    expect(next.rows).toHaveLength(1);
    expect(next.rows[0]!.runAt.getTime() - Date.now()).toBeGreaterThan(23 * 3600_000);
    // An instance starting again the same day adds no second chain.
    await t.services.privacy.scheduleRetention();
    await runDueJobs({ db: t.db, registry: t.services.jobs });
    expect((await queued()).rows.map((row) => row.id)).toEqual([next.rows[0]!.id]);
  });
});

describe('pages', () => {
  it('shows the privacy notice in three languages, from the retention schedule', async () => {
    for (const [lang, words] of [
      ['fr', 'Combien de temps'],
      ['nl', 'Hoe lang'],
      ['en', 'For how long'],
    ] as const) {
      const page = await t.client().get(`/${lang}/privacy?organisation=commune-schaerbeek`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain(words);
    }
    // Schaerbeek chose 730 days for closed requests above: 2 years.
    expect((await t.client().get('/en/privacy?organisation=commune-schaerbeek')).body).toContain('2 years after closure');
  });

  it('gives the DPO the register and administrators the support access, nobody else', async () => {
    const register = await dpo.get('/en/admin/privacy');
    expect(register.statusCode).toBe(200);
    expect(register.body).toContain('Register of processing activities');
    // The regional DPO of the demo (README) handles any organisation's requests.
    const regional = t.client();
    await regional.login('privacy.region@demo.irisdesk.brussels');
    const forIxelles = await regional.request('POST', '/api/v1/privacy/subject-requests', {
      json: { kind: 'access', email: 'nobody.regional@example.be', organisationCode: 'commune-ixelles' },
    });
    expect(forIxelles.statusCode).toBe(201);
    // A citizen account ("my space") is the region's: a regional request exports and erases it, an organisation's does not.
    const citizen = `lena.myspace.${Date.now()}@example.be`;
    await t.db.query(`INSERT INTO citizens (email, email_verified_at, display_name) VALUES ($1, now(), 'Lena Janssens')`, [citizen]);
    const ofSchaerbeek = await dpo.request('POST', '/api/v1/privacy/subject-requests', { json: { kind: 'access', email: citizen } });
    const local = (await dpo.get(`/api/v1/privacy/subject-requests/${(ofSchaerbeek.json() as { id: string }).id}`)).json();
    expect(local.export.citizenAccounts).toEqual([]);
    const everywhere = await regional.request('POST', '/api/v1/privacy/subject-requests', { json: { kind: 'access', email: citizen } });
    const exported = (await regional.get(`/api/v1/privacy/subject-requests/${(everywhere.json() as { id: string }).id}`)).json();
    expect(exported.export.citizenAccounts).toEqual([expect.objectContaining({ email: citizen, displayName: 'Lena Janssens' })]);
    const erasure = await regional.request('POST', '/api/v1/privacy/subject-requests', { json: { kind: 'erasure', email: citizen, reason: 'Art. 17' } });
    expect(erasure.statusCode).toBe(201);
    const erased = (await regional.get(`/api/v1/privacy/subject-requests/${(erasure.json() as { id: string }).id}`)).json();
    expect(erased.summary).toMatchObject({ citizenAccounts: 1 });
    expect((await t.db.query(`SELECT 1 FROM citizens WHERE email = $1`, [citizen])).rows).toEqual([]);
    const agent = t.client();
    await agent.login('agent@demo.irisdesk.brussels');
    expect((await agent.get('/en/admin/privacy')).statusCode).toBe(403);

    const admin = t.client();
    await admin.login('admin@demo.irisdesk.brussels');
    // Schaerbeek's citizens' data the administrators must not read without a support access (issue 18, item 5):
    // a receipt e-mail, a text message and a booked appointment.
    const email = `sofie.crawl.${Date.now()}@example.be`;
    await contactRequest(email, 'Ma carte d’identité est perdue.');
    const receipt = (
      await t.db.query<{ id: string; organisation_id: string }>(`SELECT id, organisation_id FROM mail_messages WHERE $1 = ANY(to_addresses)`, [email])
    ).rows[0]!;
    expect(receipt.organisation_id).toBe(schaerbeek);
    await t.services.sms.send({
      to: '0470 99 88 77',
      text: 'Rappel : rendez-vous demain.',
      language: 'fr',
      purpose: 'appointment.reminder',
      organisationId: schaerbeek,
    });
    const setting = (
      await t.db.query<{ contact_point_id: string; service_id: string }>(
        `SELECT contact_point_id, service_id FROM appointment_settings WHERE organisation_id = $1 ORDER BY id LIMIT 1`,
        [schaerbeek],
      )
    ).rows[0]!;
    const appointment = (
      await t.db.query<{ id: string }>(
        `INSERT INTO appointments (reference, contact_point_id, service_id, organisation_id, starts_at, ends_at, seat, name, email, email_key, language, manage_token_hash)
         VALUES ('RDV-CRWL-0001', $1, $2, $3, '2026-03-02T09:00:00Z', '2026-03-02T09:15:00Z', 1, 'Sofie Crawlaert', $4, $4, 'fr', 'crawl-test') RETURNING id`,
        [setting.contact_point_id, setting.service_id, schaerbeek, email],
      )
    ).rows[0]!;
    // An audit entry of Schaerbeek naming the person in its subject and details (decision 0059).
    await t.services.audit.recordEntry({
      actorAccountId: null,
      actorOrganisationId: schaerbeek,
      action: 'read',
      subjectType: 'cc_party',
      subjectId: email,
      organisationId: schaerbeek,
      details: { name: 'Sofie Crawlaert', note: 'Sofie phoned twice', count: 2, change: 'close' },
    });
    const auditApi = `/api/v1/audit?subjectType=cc_party&subjectId=${encodeURIComponent(email)}`;
    const agenda = `/en/agenda/${setting.contact_point_id}?date=2026-03-02`;
    const statusForm = { status: 'arrived', date: '2026-03-02', view: 'day' };
    /** Every screen where an administrator reached another organisation's citizens (the crawl of the issue). */
    const crawl = async () => ({
      mailList: (await admin.get('/en/admin/mail')).body.includes(email),
      mailPage: (await admin.get(`/en/admin/mail/${receipt.id}`)).statusCode,
      mailFile: (await admin.get(`/en/admin/mail/${receipt.id}/attachments/0`)).statusCode,
      mailApiList: (await admin.get('/api/v1/mail-messages')).body.includes(email),
      mailApiOne: (await admin.get(`/api/v1/mail-messages/${receipt.id}`)).statusCode,
      smsList: (await admin.get('/en/admin/sms')).body.includes('Rappel : rendez-vous demain.'),
      smsApi: (await admin.get('/api/v1/sms-messages')).body.includes('+32470998877'),
      agenda: (await admin.get(agenda)).statusCode,
      auditApi: (await admin.get(auditApi)).body.includes('Sofie'),
      auditPage: (await admin.get('/en/admin/audit?subjectType=cc_party')).body.includes(email),
    });
    expect(await crawl()).toEqual({
      mailList: false,
      mailPage: 403,
      mailFile: 403,
      mailApiList: false,
      mailApiOne: 403,
      smsList: false,
      smsApi: false,
      agenda: 403,
      auditApi: false,
      auditPage: false,
    });
    // What happened stays readable: codes and counts are kept, the values that name the person are replaced.
    expect((await admin.get(auditApi)).json().entries[0]).toMatchObject({
      subjectId: '[masked]',
      details: { name: '[masked]', note: '[masked]', count: 2, change: 'close' },
      masked: true,
    });
    expect((await admin.get('/nl/admin/audit?subjectType=cc_party')).body).toContain('ondersteuningstoegang');
    expect((await admin.get('/en/admin/mail')).body).toContain('not shown: reading them needs a support access');
    expect((await admin.get('/fr/admin/sms')).body).toContain('accès de support');
    const refused = await admin.get(`/api/v1/mail-messages/${receipt.id}`);
    expect(refused.json().error.code).toBe('privacy.support_access_required');
    expect((await admin.get(agenda.replace('/en/', '/nl/'))).body).toContain('ondersteuningstoegang');
    expect((await admin.request('POST', `/en/agenda/appointments/${appointment.id}/status`, { form: statusForm })).statusCode).toBe(403);
    // The organisation's own staff are not concerned.
    const manager = t.client();
    await manager.login('manager@demo.irisdesk.brussels');
    expect((await manager.get(agenda)).body).toContain('Sofie Crawlaert');
    expect((await manager.get(auditApi)).json().entries[0]).toMatchObject({ subjectId: email, details: { name: 'Sofie Crawlaert' }, masked: false });

    const short = await admin.submitForm('/en/admin/privacy', '/en/admin/privacy/support-access', {
      organisation: 'commune-schaerbeek',
      reason: 'bug',
      minutes: '30',
    });
    expect(short.statusCode).toBe(400);
    const opened = await admin.submitForm('/en/admin/privacy', '/en/admin/privacy/support-access', {
      organisation: 'commune-schaerbeek',
      reason: 'Ticket 4411: mailbox import fails',
      minutes: '30',
    });
    expect(opened.statusCode).toBe(303);
    // The DPO sees it on their page, and was told by e-mail in their language.
    expect((await dpo.get('/en/admin/privacy')).body).toContain('Ticket 4411: mailbox import fails');
    const told = await t.db.query<{ subject: string; text_body: string }>(
      `SELECT subject, text_body FROM mail_messages WHERE purpose = 'privacy.support_access' AND 'privacy@demo.irisdesk.brussels' = ANY(to_addresses)`,
    );
    expect(told.rows).toHaveLength(1);
    expect(told.rows[0]!.subject).toContain('Accès de support');
    expect(told.rows[0]!.text_body).toContain('Ticket 4411: mailbox import fails');
    // With the support access open, the same screens show Schaerbeek's data (the receipt has no attachment: 404).
    expect(await crawl()).toEqual({
      mailList: true,
      mailPage: 200,
      mailFile: 404,
      mailApiList: true,
      mailApiOne: 200,
      smsList: true,
      smsApi: true,
      agenda: 200,
      auditApi: true,
      auditPage: true,
    });
    expect((await admin.get(agenda)).body).toContain('Sofie Crawlaert');
  });

  it('gives the regional analyst no free text until the organisation releases it, then masked', async () => {
    const text = 'Jan Peeters, rue Royale 12, né le 30/07/1985 : accueil trop lent.';
    const masked = '[nom], [adresse], né le [date] : accueil trop lent.';
    const before = await t.services.privacy.regionalTextFilter('fr');
    expect(before(schaerbeek, text)).toBeNull();
    const ixelles = (await t.db.query<{ id: string }>(`SELECT id FROM organisations WHERE code = 'commune-ixelles'`)).rows[0]!.id;
    // The example: a regional survey answered after contacts with Schaerbeek and Ixelles, and a satisfaction
    // comment left with Schaerbeek, as the competence center reads them.
    const analyst = t.client();
    await analyst.login('analyst@demo.irisdesk.brussels');
    const survey = (await analyst.request('POST', '/api/v1/surveys', { json: { owner: 'region', templateCode: 'nps' } })).json() as { id: string };
    const questions = ((await analyst.get(`/api/v1/surveys/${survey.id}`)).json() as { questions: Array<{ id: string; kind: string }> }).questions;
    const textQuestion = questions.find((question) => question.kind === 'text')!.id;
    for (const [organisationId, answer] of [
      [schaerbeek, text],
      [ixelles, 'Marie Dubois, avenue Louise 5 : rien à dire.'],
    ] as const) {
      const response = await t.db.query<{ id: string }>(
        `INSERT INTO survey_responses (survey_id, via, organisation_id, channel, language) VALUES ($1, 'link', $2, 'web', 'fr') RETURNING id`,
        [survey.id, organisationId],
      );
      await t.db.query(`INSERT INTO survey_answers (response_id, question_id, text) VALUES ($1, $2, $3)`, [response.rows[0]!.id, textQuestion, answer]);
    }
    const { token } = await t.services.satisfaction.createFeedbackInvitation(t.db, {
      organisationId: schaerbeek,
      channel: 'web',
      contactAt: new Date(),
      language: 'fr',
      source: { kind: 'request', id: randomUUID() },
    });
    await t.services.satisfaction.submitAnswer(token, {
      overall: 2,
      clarity: 3,
      effort: 3,
      needMet: 'no',
      reached: true,
      channelsUsed: ['web'],
      recommend: 3,
      comment: text,
    } as FeedbackAnswerInput);
    const seen = async () => {
      const page = (await analyst.get(`/fr/admin/surveys/${survey.id}/results`)).body;
      const csv = (await analyst.get(`/api/v1/surveys/${survey.id}/answers.csv`)).body;
      const dashboard = (await analyst.get('/fr/satisfaction/organisations/commune-schaerbeek')).body;
      return { page, csv, dashboard, all: page + csv + dashboard };
    };
    const hidden = await seen();
    expect(hidden.all).not.toContain('Peeters');
    expect(hidden.all).not.toContain('Dubois');
    expect(hidden.all).not.toContain('[nom]');
    const released = await dpo.submitForm('/en/admin/privacy', '/en/admin/privacy/settings', {
      releaseFreeText: 'true',
      controllerContact: 'dpo@schaerbeek.example',
    });
    expect(released.statusCode).toBe(303);
    const after = await t.services.privacy.regionalTextFilter('fr');
    expect(after(schaerbeek, text)).toBe('[nom], [adresse], né le [date] : accueil trop lent.');
    expect(after(ixelles, text)).toBeNull();
    // Schaerbeek's texts now reach the analyst masked, on the results page, in the answers export and the dashboard;
    // Ixelles released nothing.
    const shown = await seen();
    expect(shown.all).not.toContain('Peeters');
    expect(shown.all).not.toContain('Dubois');
    expect(shown.page).toContain(masked);
    expect(shown.csv).toContain(masked);
    expect(shown.dashboard).toContain(masked);
    // The notice names the contact the organisation gave.
    expect((await t.client().get('/fr/privacy?organisation=commune-schaerbeek')).body).toContain('dpo@schaerbeek.example');
  });
});

describe('requests filed by the person (decision 0060)', () => {
  /** The last mail of a purpose sent to an address, and the link's token or the status path in it. */
  async function lastMail(to: string, purpose: string) {
    const { rows } = await t.db.query<{ text_body: string; subject: string }>(
      `SELECT text_body, subject FROM mail_messages WHERE $1 = ANY(to_addresses) AND purpose = $2 ORDER BY created_at DESC, id DESC LIMIT 1`,
      [to, purpose],
    );
    return rows[0];
  }
  const proofToken = async (to: string) =>
    /\/privacy\/requests\/confirm\/([A-Za-z0-9_-]{32})/.exec((await lastMail(to, 'privacy.request-proof'))?.text_body ?? '')?.[1];

  it('takes a request on the public page after the address is proven, gives it to the DPOs with its deadline and the person their answer and data', async () => {
    const email = `self.${Date.now()}@example.be`;
    const reference = await contactRequest(email, 'Ik wil weten wat u over mij bewaart.');
    const visitor = t.client();
    const form = await visitor.get('/fr/privacy/requests?organisation=commune-schaerbeek');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Portabilité');
    expect((await t.client().get('/nl/privacy')).body).toContain('href="/nl/privacy/requests"');

    // Bad input: a clear message in the page's language and a 400, never a 500.
    const noDetails = await visitor.submitForm('/fr/privacy/requests', '/fr/privacy/requests', { kind: 'rectification', email, organisation: '' });
    expect(noDetails.statusCode).toBe(400);
    expect(noDetails.body).toContain('dites ce qui est faux et ce qui est juste');
    const unknownOrganisation = await visitor.submitForm('/en/privacy/requests', '/en/privacy/requests', { kind: 'access', email, organisation: 'nowhere' });
    expect(unknownOrganisation.statusCode).toBe(400);
    expect(unknownOrganisation.body).toContain('choose an organisation from the list');
    expect((await visitor.submitForm('/en/privacy/requests', '/en/privacy/requests', { kind: 'everything', email })).statusCode).toBe(400);

    // Known or unknown address: the same answer; nothing reaches the DPO before the link is used.
    const filed = await visitor.submitForm('/fr/privacy/requests', '/fr/privacy/requests', { kind: 'portability', email, organisation: 'commune-schaerbeek' });
    const stranger = await t.client().submitForm('/fr/privacy/requests', '/fr/privacy/requests', {
      kind: 'portability',
      email: `nobody.${Date.now()}@example.be`,
      organisation: 'commune-schaerbeek',
    });
    expect([filed.statusCode, filed.headers.location]).toEqual([303, '/fr/privacy/requests/sent']);
    expect([stranger.statusCode, stranger.headers.location]).toEqual([303, '/fr/privacy/requests/sent']);
    expect((await dpo.get('/en/admin/privacy')).body).not.toContain('PRV-');
    const token = (await proofToken(email))!;
    expect(token).toBeTruthy();
    expect((await t.client().get(`/fr/privacy/requests/confirm/${token}`)).body).toContain('Confirmer la demande'); // a GET does not use it
    const confirmed = await visitor.submitForm(`/fr/privacy/requests/confirm/${token}`, `/fr/privacy/requests/confirm/${token}`, {});
    expect(confirmed.statusCode).toBe(303);
    const statusPath = String(confirmed.headers.location);
    const privacyReference = /PRV-[A-Z0-9]{4}-[A-Z0-9]{4}/.exec(statusPath)![0];
    expect((await t.client().submitForm('/fr/privacy/requests', `/fr/privacy/requests/confirm/${token}`, {})).statusCode).toBe(410); // used once
    expect((await t.client().get(statusPath.replace(/\/[^/]+$/, '/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'))).statusCode).toBe(404);
    const status = await t.client().get(statusPath);
    expect(status.statusCode).toBe(200);
    expect(status.body).toContain(`Votre demande ${privacyReference}`);
    expect(status.body).toContain('Réponse au plus tard le');
    expect((await lastMail(email, 'privacy.request-received'))!.text_body).toContain(statusPath);

    // Schaerbeek's DPO and the regional one are told; the request is listed with its deadline, one month on.
    expect((await lastMail('privacy@demo.irisdesk.brussels', 'privacy.request-to-officer'))!.subject).toContain(privacyReference);
    expect(await lastMail('privacy.region@demo.irisdesk.brussels', 'privacy.request-to-officer')).toBeTruthy();
    const row = (
      await t.db.query<{ id: string; month: boolean }>(
        `SELECT id, due_at = received_at + interval '1 month' AS month FROM privacy_subject_requests WHERE reference = $1`,
        [privacyReference],
      )
    ).rows[0]!;
    expect(row.month).toBe(true);
    expect((await dpo.get('/en/admin/privacy')).body).toContain(privacyReference);
    const page = `/en/admin/privacy/requests/${row.id}`;
    expect((await dpo.get(page)).body).toContain('Prepare the data file');

    // Answering before the data is ready is refused on the page; then the export runs and the answer is sent.
    const early = await dpo.submitForm(page, `${page}/answer`, { outcome: 'answered', answer: 'Hierbij uw gegevens.' });
    expect(early.statusCode).toBe(409);
    expect((await dpo.submitForm(page, `${page}/run`, {})).statusCode).toBe(303);
    expect((await dpo.submitForm(page, `${page}/answer`, { outcome: 'answered', answer: 'short' })).statusCode).toBe(400);
    const answered = await dpo.submitForm(page, `${page}/answer`, { outcome: 'answered', answer: 'Hierbij vindt u al uw gegevens.' });
    expect(answered.statusCode).toBe(303);
    expect((await lastMail(email, 'privacy.request-answer'))!.text_body).toContain('Hierbij vindt u al uw gegevens.');
    const done = await t.client().get(statusPath);
    expect(done.body).toContain('Hierbij vindt u al uw gegevens.');
    expect(done.body).toContain(reference);
    const download = await t.client().get(`${statusPath}/export.json`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-disposition']).toContain(`${privacyReference}.json`);
    expect(download.json().contactCenter.requests.map((item: { reference: string }) => item.reference)).toEqual([reference]);
  });

  it('limits the links sent to one address, and takes a signed-in citizen’s own address without a link', async () => {
    const flood = `flood.${Date.now()}@example.be`;
    for (let i = 0; i < 4; i++) {
      const sent = await t.client().submitForm('/nl/privacy/requests', '/nl/privacy/requests', { kind: 'access', email: flood });
      expect(sent.headers.location).toBe('/nl/privacy/requests/sent');
    }
    const proofs = await t.db.query(`SELECT 1 FROM mail_messages WHERE $1 = ANY(to_addresses) AND purpose = 'privacy.request-proof'`, [flood]);
    expect(proofs.rows).toHaveLength(3);
    // An address never proven is not kept: the daily retention run deletes the request after a day.
    await t.db.query(`UPDATE privacy_subject_requests SET created_at = now() - interval '25 hours' WHERE email = $1`, [flood]);
    await t.services.privacy.applyRetention();
    expect((await t.db.query(`SELECT 1 FROM privacy_subject_requests WHERE email = $1`, [flood])).rows).toEqual([]);

    // A citizen signed in with a link asks for the erasure of their data, not knowing which organisation holds it.
    const email = `citizen.${Date.now()}@example.be`;
    const reference = await contactRequest(email, 'Een vraag die gewist moet worden.');
    const citizen = t.client();
    await citizen.submitForm('/en/my', '/en/my/sign-in', { email });
    const signIn = /\/my\/sign-in\/([A-Za-z0-9_-]{32})/.exec((await lastMail(email, 'citizen.sign-in-link'))!.text_body)![1]!;
    expect((await citizen.submitForm(`/en/my/sign-in/${signIn}`, `/en/my/sign-in/${signIn}`, {})).statusCode).toBe(303);
    expect((await citizen.get('/en/privacy/requests')).body).toContain(`value="${email}"`);
    const filed = await citizen.submitForm('/en/privacy/requests', '/en/privacy/requests', { kind: 'erasure', email, organisation: '' });
    expect(filed.statusCode).toBe(303);
    expect(String(filed.headers.location)).toMatch(/^\/en\/privacy\/requests\/PRV-/);
    expect(await proofToken(email)).toBeUndefined();

    // The regional DPO erases and answers; the person's requests are gone from the public look-up, the address forgotten.
    const regional = t.client();
    await regional.login('privacy.region@demo.irisdesk.brussels');
    const id = (await t.db.query<{ id: string }>(`SELECT id FROM privacy_subject_requests WHERE email = $1 AND source = 'person'`, [email])).rows[0]!.id;
    const page = `/fr/admin/privacy/requests/${id}`;
    expect((await dpo.get(page)).statusCode).toBe(404); // Schaerbeek's DPO does not handle the region's requests
    expect((await regional.submitForm(page, `${page}/run`, {})).statusCode).toBe(303);
    expect((await regional.submitForm(page, `${page}/answer`, { outcome: 'answered', answer: 'Uw gegevens zijn gewist.' })).statusCode).toBe(303);
    expect((await t.client().get(`/api/v1/contact-requests/${reference}?email=${encodeURIComponent(email)}`)).statusCode).toBe(404);
    const forgotten = await t.db.query<{ email: string | null; status: string }>(`SELECT email, status FROM privacy_subject_requests WHERE id = $1`, [id]);
    expect(forgotten.rows[0]).toEqual({ email: null, status: 'answered' });
    expect((await t.client().get(String(filed.headers.location))).body).toContain('Uw gegevens zijn gewist.');
  });
});
