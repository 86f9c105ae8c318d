// The seven causes of 500s found by the fuzz run of issue 13 (part 4), one request each: every one is now a 400
// that names the field in the user's language, refused by the shared schema helpers before PostgreSQL sees it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, csrfTokenOf, type TestApp, type TestClient } from '../../../test/app.ts';

let t: TestApp;
const clients: Record<string, TestClient> = {};
let point = '';

beforeAll(async () => {
  t = await createTestApp();
  for (const name of ['admin', 'manager', 'agent']) {
    clients[name] = t.client();
    await clients[name].login(`${name}@demo.irisdesk.brussels`);
  }
  const { rows } = await t.db.query<{ id: string }>(
    `SELECT cp.id FROM contact_points cp JOIN organisations o ON o.id = cp.organisation_id WHERE o.code = 'commune-schaerbeek' ORDER BY cp.id LIMIT 1`,
  );
  point = rows[0]!.id;
});
afterAll(() => t.close());

const fieldsOf = (body: string) => (JSON.parse(body) as { error: { fields?: Array<{ field: string; code: string; message: string }> } }).error.fields ?? [];

/** Posts a page's form with its token, as the browser would. */
async function postForm(client: TestClient, page: string, action: string, form: Record<string, string>) {
  const token = csrfTokenOf((await client.get(page)).body);
  return client.request('POST', action, { form: { ...form, _csrf: token } });
}

describe('malformed input gives a 400 in the user’s language, never a 500', () => {
  it('1. a NUL byte or a lone surrogate in a contact request’s message', async () => {
    for (const message of ['a\u0000b', 'a\ud800b']) {
      const response = await t.client().request('POST', '/api/v1/contact-requests', {
        json: { message, name: 'Nadia Test', email: 'nadia@example.be', language: 'nl' },
      });
      expect(response.statusCode, JSON.stringify(message)).toBe(400);
      expect(fieldsOf(response.body)).toContainEqual({
        field: 'message',
        code: 'validation.text',
        message: 'message: verwijder de onzichtbare stuurtekens uit deze tekst.',
      });
    }
    const form = await postForm(t.client(), '/en/contact', '/en/contact', {
      message: 'a\u0000b',
      name: 'Nadia Test',
      email: 'nadia@example.be',
      language: 'en',
    });
    expect(form.statusCode).toBe(400);
    expect(form.body).toContain('remove the invisible control characters');
  });

  it('2. a version of 1e308, 1e20 or 2^53', async () => {
    const { rows } = await t.db.query<{ id: string }>(`SELECT id FROM accounts WHERE email = 'editor@demo.irisdesk.brussels'`);
    for (const version of [1e308, 1e20, 2 ** 53]) {
      const response = await clients.admin!.request('PATCH', `/api/v1/accounts/${rows[0]!.id}?lang=fr`, {
        json: { version, displayName: 'Elise Editor', roles: ['content_editor'], preferredLanguage: 'fr', active: true, unitIds: [] },
      });
      expect(response.statusCode, String(version)).toBe(400);
      expect(fieldsOf(response.body)).toContainEqual(
        expect.objectContaining({ field: 'version', code: 'validation.maximum', message: 'version : la plus grande valeur permise est 2147483647.' }),
      );
    }
  });

  it('3. an impossible date: 2026-02-30, 0000-00-00', async () => {
    for (const closesOn of ['2026-02-30', '0000-00-00', '2026-19-39']) {
      const response = await clients.admin!.request('POST', '/api/v1/competence/campaigns?lang=en', {
        json: { code: 'fuzz-dates', title: { fr: 'Campagne', nl: 'Campagne', en: 'Campaign' }, closesOn },
      });
      expect(response.statusCode, closesOn).toBe(400);
      expect(fieldsOf(response.body)).toContainEqual(
        expect.objectContaining({ field: 'closesOn', code: 'validation.format', message: 'closesOn: this is not a valid date.' }),
      );
    }
  });

  it('4. a whitespace-only expertise subject', async () => {
    const response = await clients.manager!.request('POST', '/api/v1/competence/expertise-requests?lang=fr', { json: { subject: ' \t\u3000 ', details: 'x' } });
    expect(response.statusCode).toBe(400);
    expect(fieldsOf(response.body)).toContainEqual(expect.objectContaining({ field: 'subject', code: 'validation.filledText' }));
  });

  it('5. an empty or malformed UUID when removing a member of a contact point’s staff', async () => {
    const { rows } = await t.db.query<{ id: string }>(`SELECT id FROM accounts WHERE email = 'agent@demo.irisdesk.brussels'`);
    for (const contactPointId of ['', 'not-a-uuid', 'urn:uuid:00000000-0000-4000-8000-000000000000']) {
      const response = await postForm(clients.manager!, '/en/safety/staff', '/en/safety/staff/remove', { contactPointId, accountId: rows[0]!.id });
      expect(response.statusCode, contactPointId).toBe(400);
      expect(response.body).toContain('Place: this is not a valid uuid.');
    }
  });

  it('6. an impossible due date on the safety actions form shows its message (the {format} value is given)', async () => {
    const report = await clients.agent!.request('POST', '/api/v1/safety/incidents', {
      json: { type: 'verbal_aggression', contactPointId: point, description: 'Un usager a crié.' },
    });
    expect(report.statusCode).toBe(201);
    const id = (report.json() as { id: string }).id;
    for (const dueDate of ['2026-02-30', '2026-19-39']) {
      const response = await postForm(clients.manager!, `/en/safety/incidents/${id}`, `/en/safety/incidents/${id}/actions`, { kind: 'debrief', dueDate });
      expect(response.statusCode, dueDate).toBe(400);
      expect(response.body).toMatch(/: this is not a valid date\./);
    }
  });

  it('7. CR/LF or U+3000 in a query parameter of a page', async () => {
    for (const value of ['a\r\nb', '\u3000', 'a\u0000b']) {
      const response = await clients.admin!.get(`/en/admin/audit?subjectType=${encodeURIComponent(value)}`);
      expect(response.statusCode, JSON.stringify(value)).toBeLessThan(500);
    }
  });

  it('null stays null under type coercion (one Nullable): a mailbox without a unit', async () => {
    const response = await clients.manager!.request('POST', '/api/v1/contact-center/settings/commune-schaerbeek/mailboxes', {
      json: { address: `fuzz-${Date.now()}@schaerbeek.example`, unitId: null, active: true },
    });
    expect(response.statusCode).toBe(201);
    const { rows } = await t.db.query<{ unit_id: string | null }>(`SELECT unit_id FROM cc_mailboxes WHERE id = $1`, [(response.json() as { id: string }).id]);
    expect(rows[0]!.unit_id).toBeNull();
  });
});
