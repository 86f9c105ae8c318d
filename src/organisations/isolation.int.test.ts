// Tenant isolation: staff of one organisation can neither read nor change another's data, through pages
// or the API; reading personal data is audited; concurrent edits never lose an update.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, csrfTokenOf, type TestApp, type TestClient } from '../../test/app.ts';

let t: TestApp;
let schaerbeekManager: TestClient;
let ixellesManager: TestClient;
let admin: TestClient;
let ixellesAgentId: string;
let schaerbeekAgentId: string;

beforeAll(async () => {
  t = await createTestApp();
  schaerbeekManager = t.client();
  await schaerbeekManager.login('manager@demo.irisdesk.brussels');
  ixellesManager = t.client();
  await ixellesManager.login('manager.ixelles@demo.irisdesk.brussels');
  admin = t.client();
  await admin.login('admin@demo.irisdesk.brussels');
  const { rows } = await t.db.query<{ id: string; email: string }>(
    `SELECT id, email FROM accounts WHERE email IN ('agent.ixelles@demo.irisdesk.brussels', 'agent@demo.irisdesk.brussels')`,
  );
  ixellesAgentId = rows.find((row) => row.email.startsWith('agent.ixelles'))!.id;
  schaerbeekAgentId = rows.find((row) => row.email === 'agent@demo.irisdesk.brussels')!.id;
});
afterAll(() => t.close());

describe('tenant isolation', () => {
  it('lists only the accounts of the manager’s own organisation', async () => {
    const response = await schaerbeekManager.get('/api/v1/accounts');
    expect(response.statusCode).toBe(200);
    const codes = new Set(response.json().accounts.map((account: { organisationCode: string }) => account.organisationCode));
    expect([...codes]).toEqual(['commune-schaerbeek']);
    const page = await schaerbeekManager.get('/en/admin/accounts');
    expect(page.body).toContain('Amira Agent');
    expect(page.body).not.toContain('Ilias Ixelles');
  });

  it('answers "not found" for another organisation’s account, by API and page, and audits the attempt', async () => {
    const api = await schaerbeekManager.get(`/api/v1/accounts/${ixellesAgentId}`);
    expect(api.statusCode).toBe(404);
    expect(api.json().error.code).toBe('account.not_found');
    expect(api.body).not.toContain('Ilias');
    const page = await schaerbeekManager.get(`/fr/admin/accounts/${ixellesAgentId}`);
    expect(page.statusCode).toBe(404);
    expect(page.body).not.toContain('Ilias');
    const { rows } = await t.db.query<{ count: number }>(`SELECT count(*)::int AS count FROM audit_log WHERE action = 'denied' AND subject_id = $1`, [
      ixellesAgentId,
    ]);
    expect(rows[0]!.count).toBe(2);
  });

  it('refuses to change another organisation’s account or create accounts and units in it', async () => {
    const patch = await schaerbeekManager.request('PATCH', `/api/v1/accounts/${ixellesAgentId}`, {
      json: { version: 1, displayName: 'Hijacked', roles: ['organisation_manager'], preferredLanguage: 'fr', active: true, unitIds: [] },
    });
    expect(patch.statusCode).toBe(404);
    const page = await schaerbeekManager.get(`/en/admin/accounts`);
    const form = await schaerbeekManager.request('POST', `/en/admin/accounts/${ixellesAgentId}`, {
      form: { _csrf: csrfTokenOf(page.body), version: '1', displayName: 'Hijacked', roles: 'first_line_agent', preferredLanguage: 'fr', active: 'true' },
    });
    expect(form.statusCode).toBe(404);
    const create = await schaerbeekManager.request('POST', '/api/v1/accounts', {
      json: {
        organisationCode: 'commune-ixelles',
        email: 'intruder@example.org',
        displayName: 'Intruder',
        password: 'a long enough password',
        roles: ['first_line_agent'],
        preferredLanguage: 'fr',
      },
    });
    expect(create.statusCode).toBe(403);
    const unit = await schaerbeekManager.request('POST', '/api/v1/organisations/commune-ixelles/units', {
      json: { code: 'intrus', name: { fr: 'Intrus', nl: 'Indringer', en: 'Intruder' } },
    });
    expect(unit.statusCode).toBe(403);
    const { rows } = await t.db.query<{ display_name: string }>('SELECT display_name FROM accounts WHERE id = $1', [ixellesAgentId]);
    expect(rows[0]!.display_name).toBe('Ilias Ixelles');
  });

  it('keeps first-line agents out of account administration', async () => {
    const agent = t.client();
    await agent.login('agent@demo.irisdesk.brussels');
    expect((await agent.get('/api/v1/accounts')).statusCode).toBe(403);
    expect((await agent.get(`/api/v1/accounts/${schaerbeekAgentId}`)).statusCode).toBe(404);
    const page = await agent.get('/nl/admin/accounts');
    expect(page.statusCode).toBe(403);
    expect(page.body).toContain('U mag dit niet doen.');
  });

  it('does not let a manager make anyone a platform administrator', async () => {
    const response = await schaerbeekManager.request('POST', '/api/v1/accounts', {
      json: {
        organisationCode: 'commune-schaerbeek',
        email: 'new.admin@example.org',
        displayName: 'Would-be admin',
        password: 'a long enough password',
        roles: ['platform_admin'],
        preferredLanguage: 'nl',
      },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('account.role_not_grantable');
  });

  it('lets a platform administrator see every organisation’s accounts', async () => {
    const response = await admin.get(`/api/v1/accounts/${ixellesAgentId}`);
    expect(response.statusCode).toBe(200);
    expect(response.json().displayName).toBe('Ilias Ixelles');
  });
});

describe('audit of personal data', () => {
  it('records who read an account, visible to that organisation’s manager but not to another', async () => {
    const read = await schaerbeekManager.get(`/api/v1/accounts/${schaerbeekAgentId}`);
    expect(read.statusCode).toBe(200);
    const entries = (await schaerbeekManager.get(`/api/v1/audit?subjectType=account&subjectId=${schaerbeekAgentId}`)).json().entries;
    expect(entries[0]).toMatchObject({ action: 'read', subjectId: schaerbeekAgentId, actorName: 'Marc Manager' });
    const foreign = (await ixellesManager.get(`/api/v1/audit?subjectType=account&subjectId=${schaerbeekAgentId}`)).json().entries;
    expect(foreign).toEqual([]);
    const page = await schaerbeekManager.get('/fr/admin/audit');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Consultation');
  });
});

describe('account administration', () => {
  it('creates an account with units and lets it sign in', async () => {
    const units = (await schaerbeekManager.get('/api/v1/organisations/commune-schaerbeek/units')).json().units;
    const population = units.find((unit: { code: string }) => unit.code === 'population');
    const created = await schaerbeekManager.request('POST', '/api/v1/accounts', {
      json: {
        organisationCode: 'commune-schaerbeek',
        email: 'Nina.New@Example.org',
        displayName: 'Nina New',
        password: 'correct horse battery',
        roles: ['second_line_agent'],
        preferredLanguage: 'nl',
        unitIds: [population.id],
      },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ displayName: 'Nina New', unitIds: [population.id], version: 1 });
    const again = await schaerbeekManager.request('POST', '/api/v1/accounts', {
      json: {
        organisationCode: 'commune-schaerbeek',
        email: 'nina.new@example.org',
        displayName: 'Twin',
        password: 'correct horse battery',
        roles: ['second_line_agent'],
        preferredLanguage: 'nl',
      },
    });
    expect(again.statusCode).toBe(409);
    const nina = t.client();
    await nina.login('nina.new@example.org', 'correct horse battery');
    expect((await nina.get('/api/v1/me')).json().unitIds).toEqual([population.id]);
  });

  it('refuses a stale edit instead of losing the other one', async () => {
    const { id, version } = (await admin.get(`/api/v1/accounts/${schaerbeekAgentId}`)).json();
    const change = (displayName: string) =>
      admin.request('PATCH', `/api/v1/accounts/${id}`, {
        json: { version, displayName, roles: ['first_line_agent'], preferredLanguage: 'fr', active: true, unitIds: [] },
        headers: { 'accept-language': 'en' },
      });
    const [first, second] = await Promise.all([change('Amira A.'), change('Amira B.')]);
    expect([first.statusCode, second.statusCode].sort()).toEqual([200, 409]);
    const loser = first.statusCode === 409 ? first : second;
    expect(loser.json().error.message).toContain('Someone else changed this account');
  });

  it('creates an organisation and a unit through the back-office forms', async () => {
    const created = await admin.submitForm('/en/admin/organisations', '/en/admin/organisations', {
      code: 'test-agency',
      kind: 'regional',
      nameFr: 'Agence de test',
      nameNl: 'Testagentschap',
      nameEn: 'Test agency',
    });
    expect(created.statusCode).toBe(303);
    expect(created.headers.location).toBe('/en/admin/organisations/test-agency');
    const duplicate = await admin.submitForm('/en/admin/organisations', '/en/admin/organisations', {
      code: 'test-agency',
      kind: 'regional',
      nameFr: 'x',
      nameNl: 'x',
      nameEn: 'x',
    });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.body).toContain('this code is already used');
    const unit = await admin.submitForm('/en/admin/organisations/test-agency', '/en/admin/organisations/test-agency/units', {
      code: 'front-desk',
      nameFr: 'Accueil',
      nameNl: 'Onthaal',
      nameEn: 'Front desk',
    });
    expect(unit.statusCode).toBe(303);
    const page = await admin.get('/en/admin/organisations/test-agency');
    expect(page.body).toContain('Front desk');
  });

  it('shows form errors in the user’s language next to the fields', async () => {
    const response = await schaerbeekManager.submitForm('/nl/admin/accounts/new', '/nl/admin/accounts', {
      organisationCode: 'commune-schaerbeek',
      email: 'not-an-email',
      displayName: '',
      password: 'x',
      preferredLanguage: 'nl',
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Er zijn');
    expect(response.body).toContain('href="#field-email"');
    expect(response.body).toContain('aria-invalid="true"');
  });
});
