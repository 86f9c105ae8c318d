// Staff sign-in through an organisation's OpenID provider (issue 18 item 7, decision 0040), against a real
// provider (test/oidc-provider.ts, the certified `oidc-provider` package) through its real redirects: a manager
// configures it, a new agent is made just in time with the roles and unit of a claim, an existing account is
// linked by its verified e-mail, roles follow the claim at the next sign-in, the answer is used once and only in
// the browser that left, and signing out ends the session at the provider too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../test/app.ts';
import { followToClient, startOidcProvider, type TestOidcProvider } from '../../../test/oidc-provider.ts';

const PUBLIC_URL = 'http://irisdesk.test';
let t: TestApp;
let provider: TestOidcProvider;
let schaerbeek: { id: string; code: string };
let unit: { id: string; code: string };

beforeAll(async () => {
  provider = await startOidcProvider({ redirectUris: [`${PUBLIC_URL}/auth/oidc/callback`], postLogoutRedirectUris: [`${PUBLIC_URL}/auth/oidc/signed-out`] });
  t = await createTestApp({ PUBLIC_URL });
  schaerbeek = (
    await t.db.query<{ id: string; code: string }>(
      `SELECT o.id, o.code FROM accounts a JOIN organisations o ON o.id = a.organisation_id WHERE a.email = 'manager@demo.irisdesk.brussels'`,
    )
  ).rows[0]!;
  unit = (await t.db.query<{ id: string; code: string }>(`SELECT id, code FROM units WHERE organisation_id = $1 ORDER BY code LIMIT 1`, [schaerbeek.id]))
    .rows[0]!;
});
afterAll(async () => {
  await t?.close();
  await provider?.close();
});

const settings = (overrides: Record<string, string> = {}) => ({
  enabled: 'true',
  issuer: provider.issuer,
  clientId: provider.clientId,
  clientSecret: provider.clientSecret,
  scopes: 'openid email profile groups',
  domains: 'Schaerbeek.test, @staff.schaerbeek.test',
  justInTime: 'true',
  roleClaim: 'groups',
  roleMap: `irisdesk-agents = first_line_agent, unit:${unit.code}\nirisdesk-managers = organisation_manager`,
  ...overrides,
});

/** From the e-mail step to the callback, through the provider: returns the callback's answer. */
async function signInThroughProvider(client: TestClient, email: string, user: Parameters<TestOidcProvider['signInNext']>[0]) {
  const start = await client.submitForm('/en/login/sso', '/en/login/sso', { email });
  expect(start.statusCode).toBe(303);
  expect(start.headers.location).toMatch(new RegExp(`^${provider.issuer}/auth\\?`));
  const authorize = new URL(String(start.headers.location));
  expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
  expect(authorize.searchParams.get('redirect_uri')).toBe(`${PUBLIC_URL}/auth/oidc/callback`);
  provider.signInNext(user);
  const back = await followToClient(authorize.href, provider.issuer);
  return { back, answer: await client.get(back.pathname + back.search) };
}

describe('staff sign-in through the organisation’s OpenID provider', () => {
  it('is configured by the organisation’s manager, who sees the addresses to register and whether the provider answers', async () => {
    const agent = t.client();
    await agent.login('agent@demo.irisdesk.brussels');
    expect((await agent.get('/en/admin/sign-in')).statusCode).toBe(403);

    const manager = t.client();
    await manager.login('manager@demo.irisdesk.brussels');
    const page = await manager.get('/en/admin/sign-in');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`${PUBLIC_URL}/auth/oidc/callback`);

    const wrongMap = await manager.submitForm('/en/admin/sign-in', '/en/admin/sign-in', settings({ roleMap: 'irisdesk-agents = superuser' }));
    expect(wrongMap.statusCode).toBe(400);
    expect(wrongMap.body).toContain('a role does not exist');

    const saved = await manager.submitForm('/en/admin/sign-in', '/en/admin/sign-in', settings());
    expect(saved.statusCode).toBe(200);
    expect(saved.body).toContain('The provider answers; signing out there is supported.');
    expect(saved.body).not.toContain(provider.clientSecret); // write-only
    // Stored encrypted (decision 0053); the sign-ins below show it is read back for the provider.
    const stored = await t.db.query<{ client_secret: string }>(`SELECT client_secret FROM identity_providers WHERE organisation_id = $1`, [schaerbeek.id]);
    expect(stored.rows[0]!.client_secret).toMatch(/^enc:v1:/);
    expect(stored.rows[0]!.client_secret).not.toContain(provider.clientSecret);
    const audit = await t.db.query(`SELECT 1 FROM audit_log WHERE subject_type = 'identity_provider' AND subject_id = $1 AND action = 'update'`, [
      schaerbeek.id,
    ]);
    expect(audit.rows).toHaveLength(1);
  });

  it('makes a new agent just in time with the roles and unit of the claim, and opens a session without any IrisDesk password', async () => {
    const browser = t.client();
    const { back, answer } = await signInThroughProvider(browser, 'nadia@schaerbeek.test', {
      sub: 'nadia-1',
      email: 'nadia@schaerbeek.test',
      name: 'Nadia Peeters',
      claims: { groups: ['irisdesk-agents', 'someone-else'] },
    });
    expect(answer.statusCode).toBe(303);
    expect(answer.headers.location).toBe('/en/back-office');
    const me = (await browser.get('/api/v1/me')).json();
    expect(me).toMatchObject({ email: 'nadia@schaerbeek.test', displayName: 'Nadia Peeters', roles: ['first_line_agent'], unitIds: [unit.id] });
    expect(me.organisation.code).toBe(schaerbeek.code);

    // the provider's answer is used once
    const replay = await browser.get(back.pathname + back.search);
    expect(replay.statusCode).toBe(400);
    // (which language started it is not known any more: the browser's own, French without one)
    expect(replay.body).toContain('Cette connexion a expiré ou a été commencée dans un autre navigateur.');
  });

  it('follows the claim at the next sign-in, and refuses someone whom the claim gives no role', async () => {
    const browser = t.client();
    const { answer } = await signInThroughProvider(browser, 'nadia@staff.schaerbeek.test', {
      sub: 'nadia-1',
      email: 'nadia@schaerbeek.test',
      name: 'Nadia Peeters',
      claims: { groups: ['irisdesk-managers'] },
    });
    expect(answer.statusCode).toBe(303);
    expect((await browser.get('/api/v1/me')).json()).toMatchObject({ roles: ['organisation_manager'], unitIds: [] });

    const outsider = t.client();
    const refused = await signInThroughProvider(outsider, 'tom@schaerbeek.test', {
      sub: 'tom-2',
      email: 'tom@schaerbeek.test',
      name: 'Tom',
      claims: { groups: [] },
    });
    expect(refused.answer.statusCode).toBe(403);
    expect(refused.answer.body).toContain('Your organisation gives you no role in IrisDesk.');
    expect(outsider.cookies.has('irisdesk_session')).toBe(false);
  });

  it('links an existing account by its verified e-mail, and does not let another browser complete someone’s sign-in', async () => {
    const victim = t.client();
    const start = await victim.request('GET', `/en/login/sso/${schaerbeek.code}?next=/en/console`);
    expect(start.statusCode).toBe(303);
    provider.signInNext({ sub: 'agent-77', email: 'agent@demo.irisdesk.brussels', name: 'Agent', claims: { groups: ['irisdesk-agents'] } });
    const back = await followToClient(String(start.headers.location), provider.issuer);

    const attacker = t.client(); // no binding cookie: the answer is not accepted there
    expect((await attacker.get(back.pathname + back.search)).statusCode).toBe(400);

    // the attacker's attempt used up that answer: the real browser starts again and gets in
    const again = await victim.request('GET', `/en/login/sso/${schaerbeek.code}?next=/en/console`);
    provider.signInNext({ sub: 'agent-77', email: 'agent@demo.irisdesk.brussels', name: 'Agent', claims: { groups: ['irisdesk-agents'] } });
    const backAgain = await followToClient(String(again.headers.location), provider.issuer);
    const answer = await victim.get(backAgain.pathname + backAgain.search);
    expect(answer.statusCode).toBe(303);
    expect(answer.headers.location).toBe('/en/console');
    expect((await victim.get('/api/v1/me')).json()).toMatchObject({ email: 'agent@demo.irisdesk.brussels' });
    const linked = await t.db.query(`SELECT 1 FROM account_identities WHERE subject = 'agent-77'`);
    expect(linked.rows).toHaveLength(1);
    const login = await t.db.query(`SELECT details FROM audit_log WHERE action = 'login' AND details->>'method' = 'oidc'`);
    expect(login.rows.length).toBeGreaterThanOrEqual(3);

    // signing out ends the session at the provider too, with the ID token as a hint
    const out = await victim.submitForm('/en/back-office', '/en/logout', {});
    expect(out.statusCode).toBe(303);
    const endSession = new URL(String(out.headers.location));
    expect(endSession.origin + endSession.pathname).toBe(`${provider.issuer}/session/end`);
    expect(endSession.searchParams.get('post_logout_redirect_uri')).toBe(`${PUBLIC_URL}/auth/oidc/signed-out`);
    expect(endSession.searchParams.get('id_token_hint')).toBeTruthy();
    expect((await victim.get('/api/v1/me')).statusCode).toBe(401);
  });

  it('tells the person plainly when no provider serves their address, and the manager when the provider does not answer', async () => {
    const nobody = await t.client().submitForm('/fr/login/sso', '/fr/login/sso', { email: 'someone@elsewhere.test' });
    expect(nobody.statusCode).toBe(400);
    expect(nobody.body).toContain('aucune organisation n’a relié son système de connexion');

    const manager = t.client();
    await manager.login('manager@demo.irisdesk.brussels');
    const page = await manager.get('/en/admin/sign-in');
    const version = /name="version" value="(\d+)"/.exec(page.body)![1]!;
    const unreachable = await manager.submitForm(
      '/en/admin/sign-in',
      '/en/admin/sign-in',
      settings({ issuer: 'http://127.0.0.1:9', clientSecret: '', version }),
    );
    expect(unreachable.statusCode).toBe(200);
    expect(unreachable.body).toContain('the provider does not answer at this address');
    const down = await t.client().submitForm('/en/login/sso', '/en/login/sso', { email: 'nadia@schaerbeek.test' });
    expect(down.statusCode).toBe(503);
    expect(down.body).toContain('sign-in system is not answering at the moment');
  });
});
