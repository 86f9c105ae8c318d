// Who may grant which role to whom: the whole matrix (granter × granted role × own/other account × own/other
// organisation) through the API, and the escalation of issue 13 (a manager making themselves regional analyst
// to rewrite another organisation's action plan) closed end to end.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, csrfTokenOf, type TestApp, type TestClient } from '../../test/app.ts';
import { ROLES, type Role } from '../identity/actor.ts';
import { hashPassword } from '../identity/passwords.ts';

let t: TestApp;
const granters: Record<string, { client: TestClient; email: string; organisation: string; accountId: string }> = {};
let targetCounter = 0;

const GRANTERS = {
  platform_admin: { email: 'admin@demo.irisdesk.brussels', organisation: 'paradigm' },
  organisation_manager: { email: 'manager@demo.irisdesk.brussels', organisation: 'commune-schaerbeek' },
  first_line_agent: { email: 'agent@demo.irisdesk.brussels', organisation: 'commune-schaerbeek' },
  regional_analyst: { email: 'analyst@demo.irisdesk.brussels', organisation: 'easy-brussels' },
} as const;
type Granter = keyof typeof GRANTERS;
const ORGANISATION_ROLES: Role[] = ['first_line_agent', 'second_line_agent', 'content_editor', 'organisation_manager'];

beforeAll(async () => {
  t = await createTestApp();
  for (const [role, { email, organisation }] of Object.entries(GRANTERS)) {
    const client = t.client();
    await client.login(email);
    const { rows } = await t.db.query<{ id: string }>('SELECT id FROM accounts WHERE email = $1', [email]);
    granters[role] = { client, email, organisation, accountId: rows[0]!.id };
  }
});
afterAll(() => t.close());

/** A first-line agent account in the given organisation, made directly in the database. */
async function targetAccount(organisationCode: string): Promise<string> {
  const { rows } = await t.db.query<{ id: string }>(
    `INSERT INTO accounts (organisation_id, email, display_name, password_hash, roles)
     SELECT id, $2, 'Target', $3, ARRAY['first_line_agent'] FROM organisations WHERE code = $1 RETURNING id`,
    [organisationCode, `target${++targetCounter}@example.org`, await hashPassword('not used in this test')],
  );
  return rows[0]!.id;
}

async function rolesOf(accountId: string): Promise<string[]> {
  const { rows } = await t.db.query<{ roles: string[] }>('SELECT roles FROM accounts WHERE id = $1', [accountId]);
  return rows[0]!.roles;
}

async function patchRoles(granter: Granter, accountId: string, roles: Role[]) {
  const { version, display_name } = (
    await t.db.query<{ version: number; display_name: string }>('SELECT version, display_name FROM accounts WHERE id = $1', [accountId])
  ).rows[0]!;
  return granters[granter]!.client.request('PATCH', `/api/v1/accounts/${accountId}`, {
    json: { version, displayName: display_name, roles, preferredLanguage: 'fr', active: true, unitIds: [] },
  });
}

// none of the granters belongs to Ixelles
const otherOrganisation = (_granter: Granter) => 'commune-ixelles';

/** The rule under test, written out: who may give `role` on an account of their own or another organisation. */
function expectedAllowed(granter: Granter, role: Role, target: 'own-org' | 'other-org' | 'self'): boolean {
  if (target === 'self') return false; // nobody changes their own roles
  if (granter === 'platform_admin') return true;
  if (granter === 'organisation_manager') return target === 'own-org' && ORGANISATION_ROLES.includes(role);
  return false;
}

describe('granting roles', () => {
  for (const granter of Object.keys(GRANTERS) as Granter[]) {
    for (const role of ROLES) {
      it(`${granter} giving ${role}: new and existing accounts of their own and another organisation, and themselves`, async () => {
        const client = granters[granter]!.client;
        for (const where of ['own-org', 'other-org'] as const) {
          const organisationCode = where === 'own-org' ? GRANTERS[granter].organisation : otherOrganisation(granter);
          const allowed = expectedAllowed(granter, role, where);

          const email = `new${++targetCounter}@example.org`;
          const created = await client.request('POST', '/api/v1/accounts', {
            json: { organisationCode, email, displayName: 'New', password: 'Tram 81 naar Vorst, dan rechts', roles: [role], preferredLanguage: 'nl' },
          });
          expect(created.statusCode, `create in ${where}`).toBe(allowed ? 201 : 403);
          const stored = await t.db.query('SELECT 1 FROM accounts WHERE email = $1', [email]);
          expect(stored.rowCount).toBe(allowed ? 1 : 0);

          const existing = await targetAccount(organisationCode);
          const patched = await patchRoles(granter, existing, [role]);
          // another organisation's account (or any account, for staff who manage none) is not even visible: 404
          const visible = granter === 'platform_admin' || (granter === 'organisation_manager' && where === 'own-org');
          expect(patched.statusCode, `change in ${where}`).toBe(allowed ? 200 : visible ? 403 : 404);
          expect(await rolesOf(existing)).toEqual(allowed ? [role] : ['first_line_agent']);
        }

        const self = granters[granter]!;
        const before = await rolesOf(self.accountId);
        const own = await patchRoles(granter, self.accountId, [...new Set([...before, role])] as Role[]);
        if (before.includes(role)) {
          // sending back one's own roles unchanged is not a change (the account form does it)
          expect(own.statusCode).toBe(granter === 'platform_admin' || granter === 'organisation_manager' ? 200 : 404);
        } else {
          expect(own.statusCode).toBe(granter === 'platform_admin' || granter === 'organisation_manager' ? 403 : 404);
        }
        expect(await rolesOf(self.accountId)).toEqual(before);
      });
    }
  }

  it('refuses to withdraw a role one could not grant, and to change an account holding one', async () => {
    const analyst = await targetAccount('commune-schaerbeek');
    await t.db.query(`UPDATE accounts SET roles = ARRAY['regional_analyst', 'first_line_agent'] WHERE id = $1`, [analyst]);
    const demoted = await patchRoles('organisation_manager', analyst, ['first_line_agent']);
    expect(demoted.statusCode).toBe(403);
    expect(demoted.json().error.code).toBe('account.not_changeable');
    expect(await rolesOf(analyst)).toEqual(['regional_analyst', 'first_line_agent']);
    const { rows } = await t.db.query<{ count: number }>(`SELECT count(*)::int AS count FROM audit_log WHERE action = 'denied' AND subject_id = $1`, [analyst]);
    expect(rows[0]!.count).toBe(1);
    // the page shows such an account without a form
    const page = await granters.organisation_manager!.client.get(`/en/admin/accounts/${analyst}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain(`action="/en/admin/accounts/${analyst}"`);
    // an administrator may
    expect((await patchRoles('platform_admin', analyst, ['first_line_agent'])).statusCode).toBe(200);
  });

  it('offers on the account form only the roles the manager may grant, and never one’s own roles', async () => {
    const manager = granters.organisation_manager!.client;
    const form = await manager.get('/en/admin/accounts/new');
    expect(form.body).toContain('value="organisation_manager"');
    expect(form.body).not.toContain('value="regional_analyst"');
    expect(form.body).not.toContain('value="platform_admin"');
    const own = await manager.get(`/en/admin/accounts/${granters.organisation_manager!.accountId}`);
    expect(own.body).not.toContain('type="checkbox" id="roles-');
    // the own-account form still saves (its roles travel unchanged)
    const saved = await manager.request('POST', `/en/admin/accounts/${granters.organisation_manager!.accountId}`, {
      form: {
        _csrf: csrfTokenOf(own.body),
        version: String(
          (await t.db.query<{ version: number }>('SELECT version FROM accounts WHERE id = $1', [granters.organisation_manager!.accountId])).rows[0]!.version,
        ),
        displayName: 'Marc Manager',
        roles: ['organisation_manager'],
        preferredLanguage: 'fr',
        active: 'true',
      },
    });
    expect(saved.statusCode).toBe(303);
    // a hand-made post giving oneself a regional role is a form error, not a change
    const page = await manager.get(`/fr/admin/accounts/${granters.organisation_manager!.accountId}`);
    const forged = await manager.request('POST', `/fr/admin/accounts/${granters.organisation_manager!.accountId}`, {
      form: {
        _csrf: csrfTokenOf(page.body),
        version: String(
          (await t.db.query<{ version: number }>('SELECT version FROM accounts WHERE id = $1', [granters.organisation_manager!.accountId])).rows[0]!.version,
        ),
        displayName: 'Marc Manager',
        roles: ['organisation_manager', 'regional_analyst'],
        preferredLanguage: 'fr',
        active: 'true',
      },
    });
    expect(forged.statusCode).toBe(403);
    expect(forged.body).toContain('vous ne pouvez pas modifier vos propres rôles');
    expect(await rolesOf(granters.organisation_manager!.accountId)).toEqual(['organisation_manager']);
  });
});

describe('regional roles do not write into another organisation’s action plan', () => {
  async function ixellesAction() {
    const { rows } = await t.db.query<{ id: string; version: number }>(
      `SELECT a.id, a.version FROM competence_actions a JOIN organisations o ON o.id = a.organisation_id
        WHERE o.code = 'commune-ixelles' ORDER BY a.id LIMIT 1`,
    );
    return rows[0]!;
  }
  const change = (version: number) => ({
    version,
    title: 'Rewritten from outside',
    owner: 'Someone else',
    dueOn: null,
    status: 'dropped',
    indicator: 'satisfaction.overall',
    targetValue: null,
    horizon: 'short',
  });

  it('a regional analyst and a platform administrator read an Ixelles action but cannot change it; Ixelles can', async () => {
    const action = await ixellesAction();
    for (const granter of ['regional_analyst', 'platform_admin'] as const) {
      const client = granters[granter]!.client;
      expect((await client.get('/api/v1/competence/organisations/commune-ixelles/actions')).json().actions.map((a: { id: string }) => a.id)).toContain(
        action.id,
      );
      const refused = await client.request('PATCH', `/api/v1/competence/actions/${action.id}`, { json: change(action.version) });
      expect(refused.statusCode, granter).toBe(403);
      const plan = await client.get('/en/competence/action-plans/commune-ixelles');
      expect(plan.statusCode).toBe(200);
      expect(plan.body).not.toContain('name="indicator"');
    }
    const ixelles = t.client();
    await ixelles.login('manager.ixelles@demo.irisdesk.brussels');
    const own = await ixelles.request('PATCH', `/api/v1/competence/actions/${action.id}`, {
      json: { ...change(action.version), title: 'Plan d’Ixelles', status: 'in_progress' },
    });
    expect(own.statusCode).toBe(200);
  });

  it('the escalation of issue 13 stays closed: a Schaerbeek manager cannot become analyst and edit Ixelles’ plan', async () => {
    const manager = granters.organisation_manager!;
    const self = await patchRoles('organisation_manager', manager.accountId, ['organisation_manager', 'regional_analyst']);
    expect(self.statusCode).toBe(403);
    const helper = await manager.client.request('POST', '/api/v1/accounts', {
      json: {
        organisationCode: 'commune-schaerbeek',
        email: 'helper@example.org',
        displayName: 'Helper',
        password: 'Tram 81 naar Vorst, dan rechts',
        roles: ['regional_analyst'],
        preferredLanguage: 'fr',
      },
    });
    expect(helper.statusCode).toBe(403);
    expect(helper.json().error.code).toBe('account.role_not_grantable');
    const action = await ixellesAction();
    const write = await manager.client.request('PATCH', `/api/v1/competence/actions/${action.id}`, { json: change(action.version) });
    expect(write.statusCode).toBe(404);
  });
});
