import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../test/app.ts';
import { DEMO_PASSWORD } from '../seed/demo.ts';
import { GUESS_LIMITS } from './service.ts';
import { currentTotp } from './totp/codes.ts';

let t: TestApp;
beforeAll(async () => {
  // the roles with wide reach must have a second factor, as in production
  t = await createTestApp({ TWO_FACTOR_REQUIRED_ROLES: 'platform_admin,regional_analyst' });
});
afterAll(() => t.close());

const secretOf = (html: string) => /<code class="irisdesk-secret">([A-Z2-7 ]+)<\/code>/.exec(html)![1]!.replace(/ /g, '');
const recoveryCodesOf = (html: string) => [...html.matchAll(/<li><code>([a-z2-7-]+)<\/code><\/li>/g)].map((match) => match[1]!);

function clientAt(address: string): TestClient {
  const client = t.client();
  client.remoteAddress = address;
  return client;
}

async function password(client: TestClient, email: string, lang = 'en') {
  return client.submitForm(`/${lang}/login`, `/${lang}/login`, { email, password: DEMO_PASSWORD });
}

/** Signs an account in, through enrolment: returns its secret and recovery codes. */
async function enrolAtSignIn(client: TestClient, email: string) {
  const first = await password(client, email);
  expect(first.headers.location).toBe('/en/login/two-factor/enrol');
  const page = await client.get('/en/login/two-factor/enrol');
  const secret = secretOf(page.body);
  const done = await client.submitForm('/en/login/two-factor/enrol', '/en/login/two-factor/enrol', { code: currentTotp(secret) });
  expect(done.statusCode).toBe(200);
  return { secret, recoveryCodes: recoveryCodesOf(done.body) };
}

describe('two-factor sign-in (TOTP)', () => {
  it('sends a role with wide reach to enrolment, opens the session only after a first right code, and shows ten recovery codes once', async () => {
    const client = clientAt('10.1.0.1');
    const first = await password(client, 'admin@demo.irisdesk.brussels');
    expect(first.statusCode).toBe(303);
    expect(first.headers.location).toBe('/en/login/two-factor/enrol');
    expect(client.cookies.has('irisdesk_session')).toBe(false);
    expect((await client.get('/api/v1/me')).statusCode).toBe(401);

    const page = await client.get('/en/login/two-factor/enrol');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Your role requires two-step sign-in');
    expect(page.body).toContain('role="img"');
    expect(page.body).toContain('otpauth://totp/IrisDesk:admin%40demo.irisdesk.brussels?');
    const secret = secretOf(page.body);
    expect(secret).toHaveLength(32);
    // a reload shows the same secret: the app scanned first still works
    expect(secretOf((await client.get('/en/login/two-factor/enrol')).body)).toBe(secret);

    const wrong = await client.submitForm('/en/login/two-factor/enrol', '/en/login/two-factor/enrol', {
      code: '000000' === currentTotp(secret) ? '111111' : '000000',
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.body).toContain('this code is not right or has already been used');
    expect(client.cookies.has('irisdesk_session')).toBe(false);

    const done = await client.submitForm('/en/login/two-factor/enrol', '/en/login/two-factor/enrol', { code: currentTotp(secret) });
    expect(done.statusCode).toBe(200);
    expect(done.headers['cache-control']).toBe('no-store');
    const codes = recoveryCodesOf(done.body);
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    expect((await client.get('/api/v1/me')).json()).toMatchObject({ email: 'admin@demo.irisdesk.brussels' });

    // stored hashed only, the pending state is gone
    const { rows } = await t.db.query<{ code_hash: string }>(
      `SELECT c.code_hash FROM account_recovery_codes c JOIN accounts a ON a.id = c.account_id WHERE a.email = 'admin@demo.irisdesk.brussels'`,
    );
    expect(rows).toHaveLength(10);
    expect(rows.map((row) => row.code_hash)).not.toContain(codes[0]);
    const pending = await t.db.query(`SELECT 1 FROM sign_in_pending p JOIN accounts a ON a.id = p.account_id WHERE a.email = 'admin@demo.irisdesk.brussels'`);
    expect(pending.rows).toHaveLength(0);
  });

  it('asks for the code after the password, never accepts a code twice, and takes a recovery code once', async () => {
    const enrolling = clientAt('10.1.0.2');
    const { secret, recoveryCodes } = await enrolAtSignIn(enrolling, 'analyst@demo.irisdesk.brussels');
    const usedAtEnrolment = currentTotp(secret);
    // Stored encrypted (decision 0053); a secret stored in plain text before is read as it is and sealed at start.
    const stored = async () =>
      (await t.db.query<{ totp_secret: string }>(`SELECT totp_secret FROM accounts WHERE email = 'analyst@demo.irisdesk.brussels'`)).rows[0]!.totp_secret;
    const sealed = await stored();
    expect(sealed).toMatch(/^enc:v1:/);
    expect(sealed).not.toContain(secret);
    await t.db.query(`UPDATE accounts SET totp_secret = $1 WHERE email = 'analyst@demo.irisdesk.brussels'`, [secret]);
    expect(await t.services.identity.sealPlaintextSecrets()).toBeGreaterThanOrEqual(1);
    expect(await stored()).toMatch(/^enc:v1:/);
    expect(await stored()).not.toBe(sealed);

    const client = clientAt('10.1.0.3');
    const first = await password(client, 'analyst@demo.irisdesk.brussels', 'nl');
    expect(first.headers.location).toBe('/nl/login/two-factor');
    const page = await client.get('/nl/login/two-factor');
    expect(page.body).toContain('Verificatiecode');
    // the code that confirmed enrolment is spent for its window (unless the clock just moved to the next step)
    const replay = await client.submitForm('/nl/login/two-factor', '/nl/login/two-factor', { code: usedAtEnrolment });
    if (usedAtEnrolment === currentTotp(secret)) {
      expect(replay.statusCode).toBe(401);
      expect(replay.body).toContain('deze code is niet juist of werd al gebruikt');
    }
    // the next step's code (the phone a little ahead) is accepted once
    const ahead = currentTotp(secret, Date.now() + 30_000);
    const ok = await client.submitForm('/nl/login/two-factor', '/nl/login/two-factor', { code: ahead });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe('/nl/back-office');
    expect((await client.get('/api/v1/me')).statusCode).toBe(200);

    const again = clientAt('10.1.0.4');
    await password(again, 'analyst@demo.irisdesk.brussels');
    const reused = await again.submitForm('/en/login/two-factor', '/en/login/two-factor', { code: ahead });
    expect(reused.statusCode).toBe(401);
    const recovery = await again.submitForm('/en/login/two-factor', '/en/login/two-factor', { code: recoveryCodes[3]!.toUpperCase() });
    expect(recovery.statusCode).toBe(303);

    const thief = clientAt('10.1.0.5');
    await password(thief, 'analyst@demo.irisdesk.brussels');
    const spent = await thief.submitForm('/en/login/two-factor', '/en/login/two-factor', { code: recoveryCodes[3]! });
    expect(spent.statusCode).toBe(401);
    expect(thief.cookies.has('irisdesk_session')).toBe(false);
  });

  it('throttles wrong codes like passwords', async () => {
    await t.db.query(`DELETE FROM sign_in_throttle WHERE key LIKE 'totp:%'`); // the wrong code of the first test
    const attacker = clientAt('10.1.0.7');
    await password(attacker, 'admin@demo.irisdesk.brussels');
    expect(attacker.cookies.has('irisdesk_sign_in')).toBe(true);
    for (let guess = 1; guess <= GUESS_LIMITS.accountFreeGuesses; guess++) {
      const wrong = await attacker.submitForm('/fr/login/two-factor', '/fr/login/two-factor', { code: '12345' + (guess % 10) });
      expect([401, 303]).toContain(wrong.statusCode); // (one chance in a million to guess right)
    }
    const refused = await attacker.submitForm('/fr/login/two-factor', '/fr/login/two-factor', { code: '000000' });
    expect(refused.statusCode).toBe(429);
    expect(refused.body).toContain('Trop de codes erronés. Attendez 1 minute avant de réessayer.');
  });

  it('refuses a second step without a live pending sign-in', async () => {
    const client = clientAt('10.1.0.8');
    await password(client, 'admin@demo.irisdesk.brussels');
    await t.db.query(`UPDATE sign_in_pending SET expires_at = now() - interval '1 second'`);
    const late = await client.submitForm('/en/login/two-factor', '/en/login/two-factor', { code: '123456' });
    expect(late.statusCode).toBe(401);
    expect(late.body).toContain('Your sign-in has expired.');
    const forged = clientAt('10.1.0.9');
    forged.cookies.set('irisdesk_sign_in', 'made-up');
    expect((await forged.get('/en/login/two-factor')).statusCode).toBe(401);
  });

  it('lets other staff turn it on and off from their account page, unless their organisation requires it', async () => {
    const client = clientAt('10.1.0.10');
    const direct = await password(client, 'agent@demo.irisdesk.brussels', 'fr');
    expect(direct.headers.location).toBe('/fr/back-office'); // optional: not asked
    const page = await client.get('/fr/account/two-factor');
    expect(page.statusCode).toBe(200);
    const secret = secretOf(page.body);
    const on = await client.submitForm('/fr/account/two-factor', '/fr/account/two-factor', { code: currentTotp(secret) });
    expect(on.statusCode).toBe(200);
    expect(recoveryCodesOf(on.body)).toHaveLength(10);
    expect(on.body).toContain('La validation en deux étapes est activée.');

    const next = clientAt('10.1.0.11');
    expect((await password(next, 'agent@demo.irisdesk.brussels', 'fr')).headers.location).toBe('/fr/login/two-factor');

    await t.db.query(`UPDATE organisations SET two_factor_required = true WHERE code = 'commune-schaerbeek'`);
    const refused = await client.submitForm('/fr/account/two-factor', '/fr/account/two-factor/disable', { code: currentTotp(secret, Date.now() + 30_000) });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('exige la validation en deux étapes');
    await t.db.query(`UPDATE organisations SET two_factor_required = false WHERE code = 'commune-schaerbeek'`);

    const wrong = await client.submitForm('/fr/account/two-factor', '/fr/account/two-factor/disable', { code: '99999' });
    expect(wrong.statusCode).toBe(401);
    const off = await client.submitForm('/fr/account/two-factor', '/fr/account/two-factor/disable', { code: currentTotp(secret, Date.now() + 30_000) });
    expect(off.statusCode).toBe(200);
    expect(off.body).toContain('La validation en deux étapes est désactivée.');
    expect((await password(clientAt('10.1.0.12'), 'agent@demo.irisdesk.brussels', 'fr')).headers.location).toBe('/fr/back-office');
  });

  it('makes an organisation that requires it (its manager says so) send its staff to enrolment', async () => {
    const manager = clientAt('10.1.0.14');
    await manager.login('manager.ixelles@demo.irisdesk.brussels');
    const other = await manager.submitForm('/en/admin/organisations/commune-ixelles', '/en/admin/organisations/commune-schaerbeek/two-factor', {
      twoFactorRequired: 'true',
    });
    expect(other.statusCode).toBe(404);
    const page = await manager.get('/en/admin/organisations/commune-ixelles');
    expect(page.body).toContain('Require two-step sign-in of all staff');
    const saved = await manager.submitForm('/en/admin/organisations/commune-ixelles', '/en/admin/organisations/commune-ixelles/two-factor', {
      twoFactorRequired: 'true',
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.body).toContain('The two-step sign-in setting is saved.');
    const { rows } = await t.db.query<{ code: string; two_factor_required: boolean }>(
      `SELECT code, two_factor_required FROM organisations WHERE code IN ('commune-ixelles', 'commune-schaerbeek') ORDER BY code`,
    );
    expect(rows).toEqual([
      { code: 'commune-ixelles', two_factor_required: true },
      { code: 'commune-schaerbeek', two_factor_required: false },
    ]);
    const client = clientAt('10.1.0.13');
    expect((await password(client, 'agent.ixelles@demo.irisdesk.brussels')).headers.location).toBe('/en/login/two-factor/enrol');
  });
  it('lets a manager reset a colleague’s two-step sign-in with a reason: signed out, told by e-mail, audited, set up again where required', async () => {
    const colleague = clientAt('10.1.0.20');
    await password(colleague, 'backoffice@demo.irisdesk.brussels');
    const secret = secretOf((await colleague.get('/en/account/two-factor')).body);
    expect((await colleague.submitForm('/en/account/two-factor', '/en/account/two-factor', { code: currentTotp(secret) })).statusCode).toBe(200);
    const account = (
      await t.db.query<{ id: string; preferred_language: string }>(
        `SELECT id, preferred_language FROM accounts WHERE email = 'backoffice@demo.irisdesk.brussels'`,
      )
    ).rows[0]!;
    const page = `/en/admin/accounts/${account.id}/two-factor`;

    // Another organisation's manager does not even see the account; nobody resets their own or an administrator's.
    await t.db.query(`UPDATE organisations SET two_factor_required = false WHERE code = 'commune-ixelles'`);
    const ixelles = clientAt('10.1.0.21');
    await ixelles.login('manager.ixelles@demo.irisdesk.brussels');
    expect((await ixelles.get(page)).statusCode).toBe(404);
    const manager = clientAt('10.1.0.22');
    await manager.login('manager@demo.irisdesk.brussels');
    const ids = (
      await t.db.query<{ email: string; id: string }>(
        `SELECT email, id FROM accounts WHERE email IN ('manager@demo.irisdesk.brussels', 'admin@demo.irisdesk.brussels')`,
      )
    ).rows;
    const reset = (id: string) => manager.request('POST', `/api/v1/accounts/${id}/two-factor/reset`, { json: { reason: 'Phone lost at the counter' } });
    const own = await reset(ids.find((row) => row.email.startsWith('manager'))!.id);
    expect(own.statusCode).toBe(403);
    expect(own.json().error.code).toBe('identity.twoFactorReset.notAllowed');
    expect((await reset(ids.find((row) => row.email.startsWith('admin'))!.id)).statusCode).toBe(404);

    const shown = await manager.get(page);
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toContain('Two-step sign-in is on (10 recovery codes left).');
    const short = await manager.submitForm(page, `${page}/reset`, { reason: 'lost' });
    expect(short.statusCode).toBe(400);
    expect(short.body).toContain('explain the reason in at least 10 characters');

    // Schaerbeek requires two-step sign-in of its staff: the colleague will set it up again at the next sign-in.
    await t.db.query(`UPDATE organisations SET two_factor_required = true WHERE code = 'commune-schaerbeek'`);
    const done = await manager.submitForm(page, `${page}/reset`, { reason: 'Phone stolen, identity checked at the desk' });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe(`${page}?reset=required`);
    expect((await manager.get(done.headers.location as string)).body).toContain('set it up again at their next sign-in');
    expect((await colleague.get('/api/v1/me')).statusCode).toBe(401);
    const state = await t.db.query(`SELECT totp_secret, totp_enabled_at FROM accounts WHERE id = $1`, [account.id]);
    expect(state.rows[0]).toEqual({ totp_secret: null, totp_enabled_at: null });
    expect((await t.db.query(`SELECT 1 FROM account_recovery_codes WHERE account_id = $1`, [account.id])).rows).toHaveLength(0);
    const mail = await t.db.query<{ language: string; text_body: string }>(
      `SELECT language, text_body FROM mail_messages WHERE purpose = 'identity.two_factor_reset' AND 'backoffice@demo.irisdesk.brussels' = ANY(to_addresses)`,
    );
    expect(mail.rows).toHaveLength(1);
    expect(mail.rows[0]!.language).toBe(account.preferred_language);
    expect(mail.rows[0]!.text_body).toContain('Phone stolen, identity checked at the desk');
    const audit = await t.db.query<{ details: Record<string, unknown> }>(
      `SELECT details FROM audit_log WHERE action = 'update' AND subject_type = 'account' AND subject_id = $1 AND details->>'twoFactor' = 'reset'`,
      [account.id],
    );
    expect(audit.rows[0]!.details).toMatchObject({ reason: 'Phone stolen, identity checked at the desk', sessionsEnded: 1 });
    expect((await password(clientAt('10.1.0.23'), 'backoffice@demo.irisdesk.brussels')).headers.location).toBe('/en/login/two-factor/enrol');
    // Nothing left to reset.
    expect((await manager.request('POST', `/api/v1/accounts/${account.id}/two-factor/reset`, { json: { reason: 'Once more, by mistake' } })).statusCode).toBe(
      409,
    );
    await t.db.query(`UPDATE organisations SET two_factor_required = false WHERE code = 'commune-schaerbeek'`);
  });
});
