import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { GUESS_LIMITS } from './service.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('signing in', () => {
  it('signs a demo account in and shows the back office in its language', async () => {
    const client = t.client();
    const response = await client.login('agent@demo.irisdesk.brussels', undefined, 'nl');
    expect(response.headers.location).toBe('/nl/back-office');
    const page = await client.get('/nl/back-office');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Welkom, Amira Agent');
    const me = await client.get('/api/v1/me');
    expect(me.json()).toMatchObject({ email: 'agent@demo.irisdesk.brussels', organisation: { code: 'commune-schaerbeek' }, roles: ['first_line_agent'] });
  });

  it('refuses a form posted without its CSRF token', async () => {
    const client = t.client();
    await client.get('/en/login');
    const response = await client.request('POST', '/en/login', { form: { email: 'agent@demo.irisdesk.brussels', password: 'IrisDesk-demo-2026' } });
    expect(response.statusCode).toBe(403);
    expect(response.body).toContain('This form has expired or was not sent from IrisDesk');
    expect(client.cookies.has('irisdesk_session')).toBe(false);
  });

  it('refuses a CSRF token taken from another browser', async () => {
    const attacker = t.client();
    const token = /name="_csrf" value="([^"]+)"/.exec((await attacker.get('/en/login')).body)![1]!;
    const victim = t.client();
    await victim.get('/en/login');
    const response = await victim.request('POST', '/en/login', {
      form: { email: 'agent@demo.irisdesk.brussels', password: 'IrisDesk-demo-2026', _csrf: token },
    });
    expect(response.statusCode).toBe(403);
  });

  it('delays an account after repeated failed logins, even with the right password', async () => {
    const client = t.client();
    client.remoteAddress = '10.0.0.7';
    for (let attempt = 1; attempt <= GUESS_LIMITS.accountFreeGuesses; attempt++) {
      const response = await client.submitForm('/fr/login', '/fr/login', { email: 'editor@demo.irisdesk.brussels', password: 'wrong password' });
      expect(response.statusCode).toBe(401);
      expect(response.body).toContain('L’adresse e-mail ou le mot de passe n’est pas correct.');
    }
    const right = await client.submitForm('/fr/login', '/fr/login', { email: 'editor@demo.irisdesk.brussels', password: 'IrisDesk-demo-2026' });
    expect(right.statusCode).toBe(429);
    expect(right.body).toContain('Trop de tentatives de connexion échouées pour cette adresse e-mail. Attendez 1 minute avant de réessayer.');
    expect(client.cookies.has('irisdesk_session')).toBe(false);
    const { rows } = await t.db.query<{ action: string }>(
      `SELECT action FROM audit_log a JOIN accounts acc ON acc.id = a.subject_id::uuid
        WHERE acc.email = 'editor@demo.irisdesk.brussels' ORDER BY a.id`,
    );
    expect(rows.map((row) => row.action)).toContain('locked');
  });

  it('signs out and forgets the session on the server', async () => {
    const client = t.client();
    await client.login('backoffice@demo.irisdesk.brussels');
    const cookie = client.cookies.get('irisdesk_session')!;
    const page = await client.get('/en/back-office');
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const out = await client.request('POST', '/en/logout', { form: { _csrf: token } });
    expect(out.statusCode).toBe(303);
    const replay = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: `irisdesk_session=${cookie}` } });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().error.code).toBe('auth.required');
  });

  it('sends a visitor of a back-office page to the login page and back', async () => {
    const client = t.client();
    const response = await client.get('/en/admin/accounts');
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/en/login?next=%2Fen%2Fadmin%2Faccounts');
  });

  it('changes the password, and the old one stops working', async () => {
    const client = t.client();
    await client.login('analyst@demo.irisdesk.brussels');
    const tooShort = await client.submitForm('/en/account/password', '/en/account/password', {
      currentPassword: 'IrisDesk-demo-2026',
      newPassword: 'short',
      confirmPassword: 'short',
    });
    expect(tooShort.statusCode).toBe(400);
    expect(tooShort.body).toContain('enter at least 12 characters');
    const changed = await client.submitForm('/en/account/password', '/en/account/password', {
      currentPassword: 'IrisDesk-demo-2026',
      newPassword: 'a much longer passphrase',
      confirmPassword: 'a much longer passphrase',
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.body).toContain('Your password has been changed');
    const other = t.client();
    const old = await other.submitForm('/en/login', '/en/login', { email: 'analyst@demo.irisdesk.brussels', password: 'IrisDesk-demo-2026' });
    expect(old.statusCode).toBe(401);
    await other.login('analyst@demo.irisdesk.brussels', 'a much longer passphrase');
  });

  it('refuses a weak or personal new password as a form error, in the user’s language', async () => {
    const client = t.client();
    await client.login('backoffice@demo.irisdesk.brussels', undefined, 'nl');
    const weak = await client.submitForm('/nl/account/password', '/nl/account/password', {
      currentPassword: 'IrisDesk-demo-2026',
      newPassword: 'aaaaaaaaaaaa',
      confirmPassword: 'aaaaaaaaaaaa',
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.body).toContain('Nieuw wachtwoord: dit wachtwoord is te makkelijk te raden');
    expect(weak.body).toContain('href="#field-newPassword"');
    const personal = await client.submitForm('/fr/account/password', '/fr/account/password', {
      currentPassword: 'IrisDesk-demo-2026',
      newPassword: 'Bram.Backoffice-2026',
      confirmPassword: 'Bram.Backoffice-2026',
    });
    expect(personal.statusCode).toBe(400);
    expect(personal.body).toContain('Nouveau mot de passe : ce mot de passe est construit à partir du nom ou de l’adresse e-mail.');
    // nothing changed: the demo password still signs in
    await t.client().login('backoffice@demo.irisdesk.brussels');
  });

  it('refuses a weak first password of a new account with a field error in the API and on the page', async () => {
    const manager = t.client();
    await manager.login('manager@demo.irisdesk.brussels');
    const account = {
      organisationCode: 'commune-schaerbeek',
      email: 'new.colleague@example.org',
      displayName: 'Nora Nieuw',
      roles: ['first_line_agent'],
      preferredLanguage: 'nl',
    };
    const weak = await manager.request('POST', '/api/v1/accounts', { json: { ...account, password: 'Password1234!' }, headers: { 'accept-language': 'en' } });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.fields).toEqual([
      expect.objectContaining({ field: 'password', code: 'password.weak', message: expect.stringContaining('Choose a sentence of four or five words') }),
    ]);
    const personal = await manager.submitForm('/en/admin/accounts/new', '/en/admin/accounts', { ...account, password: 'nora-nieuw-2026!' });
    expect(personal.statusCode).toBe(400);
    expect(personal.body).toContain('First password: this password is built from the name or e-mail address.');
    const accepted = await manager.request('POST', '/api/v1/accounts', { json: { ...account, password: 'Tram 81 naar Vorst, dan rechts' } });
    expect(accepted.statusCode).toBe(201);
  });
});
