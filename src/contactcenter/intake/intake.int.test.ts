// The intake end to end on a real database: the public API contract (routing, field errors in fr/nl/en,
// idempotency under concurrency, same 404 for any wrong pair), the web form (CSRF, honeypot, double
// submission, confirmation, receipt e-mail, status pages), throttling, and the core's SLA clock,
// auto-assignment and realtime events.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { translator } from '../../platform/i18n/messages.ts';
import { REFERENCE_PATTERN } from '../references.ts';
import { DuplicateSubmission } from '../requests.ts';
import { SLA_BREACH_JOB, SLA_WARNING_JOB } from '../sla.ts';

let t: TestApp;
let orgs: Record<string, string>;
let orgService: { code: string; organisationId: string };
let communeService: string;

beforeAll(async () => {
  t = await createTestApp({ CONTACT_INTAKE_LIMIT: '100000' });
  const { rows } = await t.db.query<{ id: string; code: string }>('SELECT id, code FROM organisations');
  orgs = Object.fromEntries(rows.map((row) => [row.code, row.id]));
  const org = await t.db.query<{ code: string; organisationId: string }>(
    `SELECT code, competent_organisation_id AS "organisationId" FROM services
      WHERE competent_kind = 'organisation' AND status = 'published' ORDER BY code LIMIT 1`,
  );
  orgService = org.rows[0]!;
  const commune = await t.db.query<{ code: string }>(
    `SELECT code FROM services WHERE competent_kind = 'commune' AND status = 'published' ORDER BY code LIMIT 1`,
  );
  communeService = commune.rows[0]!.code;
});
afterAll(() => t.close());

const valid = (extra: Record<string, unknown> = {}) => ({
  message: 'Bonjour, comment renouveler ma carte ?',
  name: 'Nadia Test',
  email: `nadia.${Math.random().toString(36).slice(2)}@example.be`,
  language: 'fr',
  ...extra,
});

async function requestOf(reference: string) {
  const { rows } = await t.db.query<{
    id: string;
    organisation_id: string;
    channel: string;
    service_code: string | null;
    status: string;
    party_id: string;
    first_response_due_at: Date;
  }>(`SELECT * FROM cc_requests WHERE reference = $1`, [reference]);
  return rows[0];
}

describe('POST /api/v1/contact-requests', () => {
  it('keeps a phone number left for the answer in E.164, and refuses one that is not a number in the user’s language', async () => {
    const body = valid({ serviceCode: orgService.code, phone: '0470 12 34 56' });
    const response = await t.client().request('POST', '/api/v1/contact-requests', { json: body });
    expect(response.statusCode).toBe(201);
    const request = (await requestOf((response.json() as { reference: string }).reference))!;
    const party = await t.db.query<{ phone: string }>(`SELECT phone FROM cc_parties WHERE id = $1`, [request.party_id]);
    expect(party.rows[0]!.phone).toBe('+32470123456');
    const bad = await t.client().request('POST', '/api/v1/contact-requests', { json: valid({ phone: 'call me', language: 'nl' }) });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toEqual([expect.objectContaining({ field: 'phone', code: 'validation.phone' })]);
    expect(bad.json().error.fields[0].message).toContain('0470 12 34 56');
    const page = await t.client().get('/en/contact');
    expect(page.body).toMatch(/name="phone"[^>]*type="tel"|type="tel"[^>]*name="phone"/);
  });

  it('answers 201 with a reference, stores the request, its message, its contact, and captures the receipt', async () => {
    const body = valid({ serviceCode: orgService.code });
    const response = await t.client().request('POST', '/api/v1/contact-requests', { json: body });
    expect(response.statusCode).toBe(201);
    const { reference } = response.json() as { reference: string };
    expect(Object.keys(response.json())).toEqual(['reference']);
    expect(reference).toMatch(REFERENCE_PATTERN);
    const request = (await requestOf(reference))!;
    expect(request.organisation_id).toBe(orgService.organisationId);
    expect(request.channel).toBe('web');
    expect(request.service_code).toBe(orgService.code);
    expect(request.status).toBe('new');
    expect(request.first_response_due_at).toBeInstanceOf(Date);
    const messages = await t.db.query<{ kind: string; body: string }>(`SELECT kind, body FROM cc_messages WHERE request_id = $1`, [request.id]);
    expect(messages.rows).toEqual([{ kind: 'inbound', body: body.message }]);
    const contacts = await t.db.query<{ channel: string; language: string; source_kind: string }>(
      `SELECT channel, language, source_kind FROM cc_contacts WHERE request_id = $1`,
      [request.id],
    );
    expect(contacts.rows).toEqual([{ channel: 'web', language: 'fr', source_kind: 'request' }]);
    const party = await t.db.query<{ email: string; organisation_id: string }>(`SELECT email, organisation_id FROM cc_parties WHERE id = $1`, [
      request.party_id,
    ]);
    expect(party.rows[0]).toEqual({ email: body.email, organisation_id: orgService.organisationId });
    const mail = await t.db.query<{ subject: string; text_body: string; language: string; status: string }>(
      `SELECT subject, text_body, language, status FROM mail_messages WHERE $1 = ANY(to_addresses)`,
      [body.email],
    );
    expect(mail.rows).toHaveLength(1);
    expect(mail.rows[0]!.subject).toContain(reference);
    expect(mail.rows[0]!.language).toBe('fr');
    expect(mail.rows[0]!.text_body).toMatch(new RegExp(`${t.config.publicUrl}/fr/contact/status/[A-Za-z0-9_-]{20,}`));
    // Two SLA clocks, each with its warning job (which schedules the breach job when it runs).
    const jobs = await t.db.query<{ type: string; unique_key: string }>(`SELECT type, unique_key FROM jobs WHERE unique_key LIKE $1 ORDER BY unique_key`, [
      `${request.id}:%`,
    ]);
    expect(jobs.rows).toEqual([
      { type: SLA_WARNING_JOB, unique_key: `${request.id}:first_response` },
      { type: SLA_WARNING_JOB, unique_key: `${request.id}:resolution` },
    ]);
  });

  it('routes: the commune of the postal code, the regional first line without service or with a shared code', async () => {
    const client = t.client();
    const local = await client.request('POST', '/api/v1/contact-requests', { json: valid({ serviceCode: communeService, postalCode: '1030' }) });
    expect(local.statusCode).toBe(201);
    expect((await requestOf(local.json().reference))!.organisation_id).toBe(orgs['commune-schaerbeek']);
    const none = await client.request('POST', '/api/v1/contact-requests', { json: valid() });
    expect((await requestOf(none.json().reference))!.organisation_id).toBe(orgs['easy-brussels']);
    const noPostalCode = await client.request('POST', '/api/v1/contact-requests', { json: valid({ serviceCode: communeService }) });
    const routed = (await requestOf(noPostalCode.json().reference))!;
    expect(routed.organisation_id).toBe(orgs['easy-brussels']);
    expect(routed.service_code).toBe(communeService);
  });

  it('refuses bad input with field errors in the language of the request', async () => {
    for (const language of ['fr', 'nl', 'en'] as const) {
      const response = await t.client().request('POST', '/api/v1/contact-requests', {
        json: { message: '  ', name: 'X', email: 'not-an-address', language, postalCode: '10', serviceCode: 'no-such-service' },
      });
      expect(response.statusCode).toBe(400);
      const tr = translator(language);
      const { error } = response.json() as { error: { code: string; message: string; fields: Array<{ field: string; code: string; message: string }> } };
      expect(error.code).toBe('validation.failed');
      expect(error.message).toBe(tr('errors.validation.failed'));
      const byField = Object.fromEntries(error.fields.map((f) => [f.field, f]));
      expect(byField.message!.message).toBe(tr('contact.field.message_required'));
      expect(byField.email!.message).toBe(tr('contact.field.email_invalid'));
      expect(byField.postalCode!.message).toBe(tr('contact.field.postal_code_invalid'));
      expect(new Set(Object.keys(byField))).toEqual(new Set(['message', 'email', 'postalCode']));
    }
    // An unknown service is a field error too (after the format checks pass).
    const unknown = await t.client().request('POST', '/api/v1/contact-requests', { json: valid({ serviceCode: 'no-such-service', language: 'nl' }) });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields).toEqual([
      { field: 'serviceCode', code: 'contact.field.service_unknown', message: translator('nl')('contact.field.service_unknown') },
    ]);
    // Missing fields, a wrong type, a language we do not speak.
    const missing = await t.client().request('POST', '/api/v1/contact-requests', { json: { language: 'de' } });
    expect(missing.statusCode).toBe(400);
    expect(
      missing
        .json()
        .error.fields.map((f: { field: string }) => f.field)
        .sort(),
    ).toEqual(['email', 'message', 'name']);
    const notJson = await t.client().request('POST', '/api/v1/contact-requests', { headers: { 'content-type': 'text/plain' }, json: 'x' });
    expect(notJson.statusCode).toBe(415);
    const count = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM cc_requests WHERE party_id IN (SELECT id FROM cc_parties WHERE name = 'X')`);
    expect(count.rows[0]!.n).toBe(0);
  });

  it('the same Idempotency-Key gives one request, even for 20 concurrent posts; another body under it is refused', async () => {
    const body = valid();
    const key = `test-key-${Date.now()}`;
    const client = t.client();
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => client.request('POST', '/api/v1/contact-requests', { json: body, headers: { 'idempotency-key': key } })),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(Array(20).fill(201));
    const references = new Set(responses.map((r) => r.json().reference));
    expect(references.size).toBe(1);
    expect(responses.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(19);
    const stored = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM cc_requests r JOIN cc_parties p ON p.id = r.party_id WHERE p.email = $1`, [
      body.email,
    ]);
    expect(stored.rows[0]!.n).toBe(1);
    const receipts = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM mail_messages WHERE $1 = ANY(to_addresses)`, [body.email]);
    expect(receipts.rows[0]!.n).toBe(1);

    const other = await client.request('POST', '/api/v1/contact-requests', {
      json: { ...body, message: 'something else' },
      headers: { 'idempotency-key': key },
    });
    expect(other.statusCode).toBe(422);
    expect(other.json().error.code).toBe('contact.idempotency_key_reused');
    expect(other.json().error.message).toBe(translator('fr')('errors.contact.idempotency_key_reused'));
  });
});

describe('GET /api/v1/contact-requests/{reference}', () => {
  it('shows the public status with the last answer, never internal notes; any wrong pair is the same 404', async () => {
    const body = valid({ serviceCode: orgService.code, language: 'en' });
    const created = await t.client().request('POST', '/api/v1/contact-requests', { json: body });
    const { reference } = created.json() as { reference: string };
    const request = (await requestOf(reference))!;
    await t.db.transaction(async (tx) => {
      await t.services.contactCenter.addMessage(tx, request.id, { kind: 'note', body: 'INTERNAL: caller seemed upset' });
      await t.services.contactCenter.addMessage(tx, request.id, { kind: 'outbound', channel: 'email', body: 'Your card is ready.' });
      await t.services.contactCenter.setStatus(tx, request.id, 'open');
    });
    const client = t.client();
    const ok = await client.get(`/api/v1/contact-requests/${reference}?email=${encodeURIComponent(body.email.toUpperCase())}`);
    expect(ok.statusCode).toBe(200);
    const status = ok.json();
    expect(status).toMatchObject({ reference, status: 'open', service: { code: orgService.code }, lastPublicUpdate: { message: 'Your card is ready.' } });
    expect(ok.body).not.toContain('INTERNAL');
    expect(ok.body).not.toContain(body.email);

    const wrongEmail = await client.get(`/api/v1/contact-requests/${reference}?email=someone.else%40example.be`);
    const unknown = await client.get(`/api/v1/contact-requests/BXL-2222-2222?email=${encodeURIComponent(body.email)}`);
    const garbage = await client.get(`/api/v1/contact-requests/not-a-reference?email=${encodeURIComponent(body.email)}`);
    const noEmail = await client.get(`/api/v1/contact-requests/${reference}`);
    for (const response of [wrongEmail, unknown, garbage, noEmail]) {
      expect(response.statusCode).toBe(404);
      expect(response.body).toBe(wrongEmail.body);
    }
  });
});

describe('the contact form /{lang}/contact', () => {
  it('is pre-filled with the service, refuses forged posts, and one double submission makes one request', async () => {
    const client = t.client();
    const page = await client.get(`/nl/contact?service=${orgService.code}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`name="serviceCode" value="${orgService.code}"`);
    const key = /name="idempotencyKey" value="([^"]+)"/.exec(page.body)![1]!;
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;

    // No CSRF token, or a made-up one: refused, nothing stored.
    const email = `form.${Date.now()}@example.be`;
    const form = { serviceCode: orgService.code, name: 'Form Test', email, message: 'Vraag over mijn kaart', idempotencyKey: key };
    const forged = await t.client().request('POST', '/nl/contact', { form });
    expect(forged.statusCode).toBe(403);
    const forged2 = await client.request('POST', '/nl/contact', { form: { ...form, _csrf: 'forged' } });
    expect(forged2.statusCode).toBe(403);

    const [first, second] = await Promise.all([
      client.request('POST', '/nl/contact', { form: { ...form, _csrf: csrf } }),
      client.request('POST', '/nl/contact', { form: { ...form, _csrf: csrf } }),
    ]);
    expect(first.statusCode).toBe(303);
    expect(second.headers.location).toBe(first.headers.location);
    const reference = /\/nl\/contact\/sent\/(BXL-[A-Z0-9-]+)$/.exec(String(first.headers.location))![1]!;
    const stored = await t.db.query<{ n: number; language: string }>(
      `SELECT count(*)::int AS n, min(r.language) AS language FROM cc_requests r JOIN cc_parties p ON p.id = r.party_id WHERE p.email = $1`,
      [email],
    );
    expect(stored.rows[0]).toEqual({ n: 1, language: 'nl' });

    const sent = await client.get(String(first.headers.location));
    expect(sent.statusCode).toBe(200);
    expect(sent.body).toContain(reference);
    expect(sent.body).toContain(translator('nl')('contact.sent.title'));

    // The receipt, in Dutch, with the status link that works without an account.
    const mail = await t.db.query<{ text_body: string; subject: string }>(`SELECT text_body, subject FROM mail_messages WHERE $1 = ANY(to_addresses)`, [email]);
    expect(mail.rows[0]!.subject).toBe(translator('nl')('contact.receipt.subject', { reference }));
    const link = /https?:\/\/[^\s]+\/nl\/contact\/status\/([A-Za-z0-9_-]+)/.exec(mail.rows[0]!.text_body)!;
    const byLink = await t.client().get(`/nl/contact/status/${link[1]}`);
    expect(byLink.statusCode).toBe(200);
    expect(byLink.body).toContain(reference);
    expect(byLink.body).toContain(translator('nl')('contact.status.value.new'));
    expect((await t.client().get('/nl/contact/status/not-a-real-token-000000000')).statusCode).toBe(404);
  });

  it('shows field errors in the page language and keeps what was typed', async () => {
    const client = t.client();
    const response = await client.submitForm('/fr/contact', '/fr/contact', { name: 'Jean', email: 'jean@', message: '' });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain(translator('fr')('contact.field.email_invalid').replaceAll("'", '&#39;'));
    expect(response.body).toContain('value="Jean"');
    expect(response.body).toContain('data-error-summary');
  });

  it('refuses a filled-in honeypot with a clear message and an audit entry', async () => {
    const response = await t
      .client()
      .submitForm('/en/contact', '/en/contact', { name: 'Bot', email: 'bot@example.be', message: 'spam', website: 'http://spam.example' });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain(translator('en')('errors.contact.spam_suspected'));
    const audit = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE subject_type = 'contact_form' AND details->>'reason' = 'honeypot'`,
    );
    expect(audit.rows[0]!.n).toBeGreaterThanOrEqual(1);
    const stored = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM cc_parties WHERE email = 'bot@example.be'`);
    expect(stored.rows[0]!.n).toBe(0);
  });

  it('the status form finds a request by reference and e-mail, and answers the same for any mistake', async () => {
    const body = valid({ language: 'en' });
    const { reference } = (await t.client().request('POST', '/api/v1/contact-requests', { json: body })).json() as { reference: string };
    const client = t.client();
    const found = await client.submitForm('/en/contact/status', '/en/contact/status', { reference: reference.toLowerCase(), email: body.email });
    expect(found.statusCode).toBe(200);
    expect(found.body).toContain(reference);
    expect(found.body).toContain(translator('en')('contact.status.value.new'));
    const wrong = await client.submitForm('/en/contact/status', '/en/contact/status', { reference, email: 'other@example.be' });
    const unknown = await client.submitForm('/en/contact/status', '/en/contact/status', { reference: 'BXL-2222-2222', email: body.email });
    expect(wrong.statusCode).toBe(404);
    expect(unknown.statusCode).toBe(404);
    expect(wrong.body).toContain(translator('en')('errors.contact.status_not_found'));
    const strip = (html: string) => html.replace(/value="[^"]*"/g, '');
    expect(strip(wrong.body)).toBe(strip(unknown.body));
  });
});

describe('the core', () => {
  it('pauses the SLA clock while waiting for the user and shifts the due times on resume', async () => {
    const organisationId = orgs['commune-schaerbeek']!;
    // Monday 9 March 2026 10:00 Brussels + 8 business hours (default target) → Tuesday 10:00.
    const startedAt = new Date('2026-03-09T09:00:00Z');
    const created = await t.db.transaction((tx) =>
      t.services.contactCenter.createRequest(tx, {
        organisationId,
        channel: 'phone',
        language: 'fr',
        subject: 'SLA test',
        message: 'x',
        party: { name: 'Sla Test', phone: '+32 2 123 45 67', language: 'fr' },
        startedAt,
      }),
    );
    const before = (await t.db.query<{ first_response_due_at: Date; resolution_due_at: Date }>(`SELECT * FROM cc_requests WHERE id = $1`, [created.id]))
      .rows[0]!;
    expect(before.first_response_due_at.toISOString()).toBe('2026-03-10T09:00:00.000Z');
    // Paused Monday 16:00 with 2 business hours left (1 h Monday + 1 h Tuesday), resumed Wednesday 11 March
    // 09:00 → due Wednesday 11:00.
    await t.db.transaction((tx) => t.services.contactCenter.setStatus(tx, created.id, 'waiting_user', { now: new Date('2026-03-09T15:00:00Z') }));
    const paused = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM jobs WHERE unique_key LIKE $1 AND status = 'queued'`, [`${created.id}:%`]);
    expect(paused.rows[0]!.n).toBe(0);
    await t.db.transaction((tx) => t.services.contactCenter.setStatus(tx, created.id, 'open', { now: new Date('2026-03-11T08:00:00Z') }));
    const after = (
      await t.db.query<{ first_response_due_at: Date; resolution_due_at: Date; sla_paused_at: Date | null }>(`SELECT * FROM cc_requests WHERE id = $1`, [
        created.id,
      ])
    ).rows[0]!;
    expect(after.sla_paused_at).toBeNull();
    expect(after.first_response_due_at.toISOString()).toBe('2026-03-11T10:00:00.000Z');
    const resumed = await t.db.query<{ type: string; run_at: Date }>(`SELECT type, run_at FROM jobs WHERE unique_key = $1 ORDER BY type`, [
      `${created.id}:first_response`,
    ]);
    expect(resumed.rows.map((j) => [j.type, j.run_at.toISOString()])).toEqual([
      // 80 % of 8 h used: 1.6 h left → 2 h − 1.6 h = 24 min after the resume.
      [SLA_WARNING_JOB, '2026-03-11T08:24:00.000Z'],
    ]);
    // The phone party was found again by its number (same organisation): one party.
    const again = await t.db.transaction((tx) =>
      t.services.contactCenter.createRequest(tx, {
        organisationId,
        channel: 'phone',
        language: 'fr',
        subject: 's',
        message: 'm',
        party: { name: 'Sla Test', phone: '+3221234567', language: 'fr' },
      }),
    );
    expect(again.partyId).toBe(created.partyId);
  });

  it('finds the party by e-mail before phone and refreshes it, in the statement that reads the SLA settings', async () => {
    const organisationId = orgs['commune-schaerbeek']!;
    const create = (party: { name: string; email?: string; phone?: string; postalCode?: string; language: 'fr' | 'nl' }) =>
      t.db.transaction((tx) =>
        t.services.contactCenter.createRequest(tx, { organisationId, channel: 'phone', language: 'fr', subject: 's', message: 'm', party }),
      );
    const byPhone = await create({ name: 'Other Person', phone: '02 555 00 01', language: 'fr' });
    const first = await create({ name: 'Mail Test', email: 'Mail.Test@example.be', language: 'fr' });
    expect(first.partyId).not.toBe(byPhone.partyId);
    const again = await create({ name: 'Mail Tested', email: 'mail.test@example.be', phone: '02 555 00 01', postalCode: '1030', language: 'nl' });
    expect(again.partyId).toBe(first.partyId);
    const party = await t.db.query(`SELECT name, email, phone, language, postal_code FROM cc_parties WHERE id = $1`, [first.partyId]);
    expect(party.rows[0]).toEqual({ name: 'Mail Tested', email: 'mail.test@example.be', phone: '025550001', language: 'nl', postal_code: '1030' });
    const messages = await t.db.query(`SELECT count(*)::int AS n FROM cc_messages WHERE request_id = $1`, [again.id]);
    expect(messages.rows[0]).toEqual({ n: 1 });
  });

  it('claims the idempotency key in the party statement: a taken key writes nothing, a taken reference moves the key along', async () => {
    const organisationId = orgs['commune-schaerbeek']!;
    const idempotency = { scope: 'test', key: `claim-${Date.now()}`, bodyHash: 'h1' };
    const party = { name: 'Claim Test', email: `claim.${Date.now()}@example.be`, language: 'fr' as const };
    const input = { organisationId, channel: 'web' as const, language: 'fr' as const, subject: 's', message: 'm', party };
    const existing = await t.db.transaction((tx) => t.services.contactCenter.createRequest(tx, input));
    // The first reference tried is taken: another one is drawn, and the key keeps the one the request got.
    const created = await t.db.transaction((tx) => t.services.contactCenter.createRequest(tx, { ...input, idempotency, reference: existing.reference }));
    expect(created.reference).not.toBe(existing.reference);
    const key = await t.db.query(`SELECT reference, body_hash FROM cc_idempotency_keys WHERE scope = 'test' AND key = $1`, [idempotency.key]);
    expect(key.rows).toEqual([{ reference: created.reference, body_hash: 'h1' }]);
    // The same key again: DuplicateSubmission, and neither the party nor the requests changed.
    const before = await t.db.query(
      `SELECT (SELECT count(*)::int FROM cc_requests WHERE party_id = $1) AS n, (SELECT updated_at FROM cc_parties WHERE id = $1) AS at`,
      [created.partyId],
    );
    await expect(
      t.db.transaction((tx) => t.services.contactCenter.createRequest(tx, { ...input, party: { ...party, name: 'Changed' }, idempotency })),
    ).rejects.toBeInstanceOf(DuplicateSubmission);
    const after = await t.db.query(
      `SELECT (SELECT count(*)::int FROM cc_requests WHERE party_id = $1) AS n, (SELECT updated_at FROM cc_parties WHERE id = $1) AS at, (SELECT name FROM cc_parties WHERE id = $1) AS name`,
      [created.partyId],
    );
    expect(after.rows[0]).toEqual({ ...before.rows[0], name: 'Claim Test' });
  });

  it('warning and breach jobs raise the SLA state, publish it and mail the managers on breach', async () => {
    const organisationId = orgs['commune-schaerbeek']!;
    const created = await t.db.transaction((tx) =>
      t.services.contactCenter.createRequest(tx, {
        organisationId,
        channel: 'email',
        language: 'nl',
        subject: 'Breach test',
        message: 'x',
        party: { name: 'Breach', email: 'breach@example.be', language: 'nl' },
        startedAt: new Date('2025-01-06T08:00:00Z'),
      }),
    );
    const job = (type: string) => t.services.jobs.get(type)!.handler({ requestId: created.id, clock: 'resolution' }, {} as never);
    await job(SLA_WARNING_JOB);
    expect((await t.db.query<{ sla_state: string }>(`SELECT sla_state FROM cc_requests WHERE id = $1`, [created.id])).rows[0]!.sla_state).toBe('warning');
    // The warning scheduled the breach at the due time.
    const breachJob = await t.db.query<{ run_at: Date }>(`SELECT j.run_at FROM jobs j WHERE j.type = $1 AND j.unique_key = $2`, [
      SLA_BREACH_JOB,
      `${created.id}:resolution`,
    ]);
    const due = await t.db.query<{ resolution_due_at: Date }>(`SELECT resolution_due_at FROM cc_requests WHERE id = $1`, [created.id]);
    expect(breachJob.rows[0]!.run_at.toISOString()).toBe(due.rows[0]!.resolution_due_at.toISOString());
    await job(SLA_BREACH_JOB);
    await job(SLA_WARNING_JOB); // never goes down
    expect((await t.db.query<{ sla_state: string }>(`SELECT sla_state FROM cc_requests WHERE id = $1`, [created.id])).rows[0]!.sla_state).toBe('breached');
    const mails = await t.db.query<{ to_addresses: string[]; subject: string }>(
      `SELECT to_addresses, subject FROM mail_messages WHERE purpose = 'contact.escalation' AND subject LIKE $1`,
      [`%${created.reference}%`],
    );
    expect(mails.rows.map((m) => m.to_addresses[0])).toContain('manager@demo.irisdesk.brussels');
  });

  it('assigns round robin among the agents of a unit with automatic assignment', async () => {
    const unit = (
      await t.db.query<{ id: string }>(
        `SELECT u.id FROM units u JOIN organisations o ON o.id = u.organisation_id WHERE o.code = 'commune-schaerbeek' AND u.code = 'accueil'`,
      )
    ).rows[0]!.id;
    const agents = (
      await t.db.query<{ id: string }>(
        `SELECT a.id FROM accounts a JOIN account_units au ON au.account_id = a.id WHERE au.unit_id = $1 AND a.roles && ARRAY['first_line_agent','second_line_agent'] ORDER BY a.id`,
        [unit],
      )
    ).rows.map((r) => r.id);
    expect(agents.length).toBeGreaterThan(0);
    await t.db.query(
      `INSERT INTO cc_unit_settings (unit_id, auto_assign) VALUES ($1, true) ON CONFLICT (unit_id) DO UPDATE SET auto_assign = true, last_assigned_account_id = NULL`,
      [unit],
    );
    const assigned: Array<string | null> = [];
    for (let i = 0; i < agents.length + 1; i++) {
      const created = await t.db.transaction((tx) =>
        t.services.contactCenter.createRequest(tx, {
          organisationId: orgs['commune-schaerbeek']!,
          unitId: unit,
          channel: 'phone',
          language: 'fr',
          subject: `rr ${i}`,
          message: 'x',
          party: { name: 'RR', language: 'fr' },
          sendReceipt: false,
        }),
      );
      assigned.push(created.assigneeId);
    }
    expect(assigned).toEqual([...agents, agents[0]]);
  });
});

describe('throttling', () => {
  it('refuses with 429 above the limit per address', async () => {
    const limited = await createTestApp({ CONTACT_INTAKE_LIMIT: '3' });
    try {
      const client = limited.client();
      client.remoteAddress = '203.0.113.9';
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await client.request('POST', '/api/v1/contact-requests', { json: valid({ language: 'en' }) })).statusCode);
      expect(statuses).toEqual([201, 201, 201, 429]);
      // Without TRUST_PROXY, a forwarded-for header is not believed: no way around the limit.
      const forged = await client.request('POST', '/api/v1/contact-requests', {
        json: valid({ language: 'en' }),
        headers: { 'x-forwarded-for': '198.51.100.77' },
      });
      expect(forged.statusCode).toBe(429);
      const other = limited.client();
      other.remoteAddress = '203.0.113.10';
      expect((await other.get('/api/v1/contact-requests/BXL-2222-2222?email=a%40b.be')).statusCode).toBe(404);
    } finally {
      await limited.close();
    }
  });

  it('counts the client behind a trusted reverse proxy (TRUST_PROXY), not the proxy', async () => {
    const proxied = await createTestApp({ CONTACT_INTAKE_LIMIT: '2', TRUST_PROXY: '203.0.113.0/24' });
    try {
      const proxy = proxied.client();
      proxy.remoteAddress = '203.0.113.9';
      const post = (client: string) =>
        proxy.request('POST', '/api/v1/contact-requests', { json: valid({ language: 'fr' }), headers: { 'x-forwarded-for': client } });
      expect([(await post('198.51.100.1')).statusCode, (await post('198.51.100.1')).statusCode, (await post('198.51.100.1')).statusCode]).toEqual([
        201, 201, 429,
      ]);
      expect((await post('198.51.100.2')).statusCode).toBe(201);
      // A sender outside the trusted range is counted by its own address, whatever it claims.
      const direct = proxied.client();
      direct.remoteAddress = '192.0.2.50';
      const claims = async (client: string) =>
        (await direct.request('POST', '/api/v1/contact-requests', { json: valid({ language: 'fr' }), headers: { 'x-forwarded-for': client } })).statusCode;
      expect([await claims('198.51.100.3'), await claims('198.51.100.4'), await claims('198.51.100.5')]).toEqual([201, 201, 429]);
    } finally {
      await proxied.close();
    }
  });
});
