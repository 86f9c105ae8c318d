// Citizen sign-in and my space (issue 18 item 9, decision 0054) on a real database, against a real OpenID
// provider (test/oidc-provider.ts, the certified `oidc-provider` package) through its real redirects: the e-mail
// link (single use, throttled, nothing told about unknown addresses), my space across organisations with the
// manage link of an appointment, forms filled in from the identity, no staff rights from a citizen session, the
// provider's sign-in bound to the browser, and signing out there too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../test/app.ts';
import { followToClient, startOidcProvider, type TestOidcProvider } from '../../test/oidc-provider.ts';
import { addDays, brusselsDate } from '../platform/calendar/brussels-time.ts';

const PUBLIC_URL = 'http://irisdesk.test';
const EMAIL = 'amina.elidrissi@example.be';
let t: TestApp;
let provider: TestOidcProvider;
let reference: string;
let appointment: { id: string; reference: string };
let nextSlot: { point: string; start: string };

async function linkSentTo(email: string): Promise<string | undefined> {
  const { rows } = await t.db.query<{ text_body: string }>(
    `SELECT text_body FROM mail_messages WHERE $1 = ANY(to_addresses) AND purpose = 'citizen.sign-in-link' ORDER BY created_at DESC LIMIT 1`,
    [email],
  );
  return rows[0] && /\/my\/sign-in\/([A-Za-z0-9_-]{32})/.exec(rows[0].text_body)?.[1];
}

async function signInByLink(client: TestClient, email: string, lang = 'en') {
  const sent = await client.submitForm(`/${lang}/my`, `/${lang}/my/sign-in`, { email });
  expect(sent.statusCode).toBe(200);
  const token = (await linkSentTo(email))!;
  expect(token).toBeTruthy();
  return { token, answer: await client.submitForm(`/${lang}/my/sign-in/${token}`, `/${lang}/my/sign-in/${token}`, {}) };
}

beforeAll(async () => {
  provider = await startOidcProvider({
    redirectUris: [`${PUBLIC_URL}/auth/citizen/callback`],
    postLogoutRedirectUris: [`${PUBLIC_URL}/auth/citizen/signed-out`],
  });
  t = await createTestApp({
    PUBLIC_URL,
    CITIZEN_OIDC_ISSUER: provider.issuer,
    CITIZEN_OIDC_CLIENT_ID: provider.clientId,
    CITIZEN_OIDC_CLIENT_SECRET: provider.clientSecret,
    CITIZEN_OIDC_NAME: 'itsme',
  });
  // a request and an appointment, each sent without any account, in two organisations
  const sent = await t.client().request('POST', '/api/v1/contact-requests', {
    json: { message: 'Quand puis-je renouveler ma carte ?', name: 'Amina El Idrissi', email: EMAIL, language: 'fr', postalCode: '1030' },
  });
  expect(sent.statusCode).toBe(201);
  reference = sent.json().reference;
  const point = (
    await t.db.query<{ id: string }>(
      `SELECT cp.id FROM contact_points cp JOIN organisations o ON o.id = cp.organisation_id WHERE o.code = 'commune-bruxelles' AND cp.code = 'antenne-laeken'`,
    )
  ).rows[0]!.id;
  const slots = (await t.client().get(`/api/v1/contact-points/${point}/slots?service=eid-card&from=${addDays(brusselsDate(new Date()), 6)}`)).json().slots;
  const booked = await t.client().request('POST', '/api/v1/appointments', {
    json: {
      contactPointId: point,
      serviceCode: 'eid-card',
      start: slots[0].start,
      name: 'Amina El Idrissi',
      email: 'Amina.ElIdrissi@example.be',
      language: 'fr',
    },
  });
  expect(booked.statusCode, booked.body).toBe(201);
  nextSlot = { point, start: slots[1].start };
  appointment = {
    id: (await t.db.query<{ id: string }>(`SELECT id FROM appointments WHERE reference = $1`, [booked.json().reference])).rows[0]!.id,
    reference: booked.json().reference,
  };
});
afterAll(async () => {
  await t?.close();
  await provider?.close();
});

describe('citizen sign-in and my space', () => {
  it('signs in with a single-use link sent by e-mail and shows the requests and appointments of that address', async () => {
    const browser = t.client();
    const start = await browser.get('/en/my');
    expect(start.statusCode).toBe(200);
    expect(start.body).toContain('Sign in with itsme');
    expect(start.body).toContain('everything also works without an account');

    const { token, answer } = await signInByLink(browser, EMAIL);
    expect(answer.statusCode).toBe(303);
    expect(answer.headers.location).toBe('/en/my');
    expect(browser.cookies.has('irisdesk_citizen')).toBe(true);

    const space = await browser.get('/en/my');
    expect(space.body).toContain(`You are signed in as ${EMAIL}.`);
    expect(space.body).toContain(reference);
    expect(space.body).toContain('Received, not yet picked up');
    expect(space.body).toContain(`/en/my/appointments/${appointment.id}`);

    // the link works once, and a mail scanner opening it (GET) does not use it
    const again = await t.client().submitForm('/en/my', `/en/my/sign-in/${token}`, {});
    expect(again.statusCode).toBe(410);
    expect((await t.client().get(`/en/my/sign-in/${token}`)).body).toContain('This sign-in link has expired or has already been used.');

    // the request's status and the appointment's manage page, from my space
    const status = await browser.get(`/en/my/requests/${reference}`);
    expect(status.statusCode).toBe(200);
    expect(status.body).toContain(reference);
    const manage = await browser.get(`/en/my/appointments/${appointment.id}`);
    expect(manage.statusCode).toBe(303);
    const managePage = await t.client().get(String(manage.headers.location));
    expect(managePage.statusCode).toBe(200);
    expect(managePage.body).toContain(appointment.reference);

    // forms are filled in from the identity: the contact form, the booking details (by e-mail)
    expect((await browser.get('/en/contact')).body).toContain(`value="${EMAIL}"`);
    const details = await browser.get(`/en/appointments/details?service=eid-card&point=${nextSlot.point}&start=${encodeURIComponent(nextSlot.start)}`);
    expect(details.statusCode).toBe(200);
    expect(details.body).toContain(`value="${EMAIL}"`);
    expect(details.body).toMatch(/name="contactBy"[^>]*value="email"[^>]*checked|checked[^>]*name="contactBy"[^>]*value="email"|value="email"[^>]*checked/);
    expect(
      (await t.client().get(`/en/appointments/details?service=eid-card&point=${nextSlot.point}&start=${encodeURIComponent(nextSlot.start)}`)).body,
    ).not.toContain(`value="${EMAIL}"`);

    // a citizen session is no staff session
    expect((await browser.get('/api/v1/me')).statusCode).toBe(401);
    expect((await browser.get('/en/console')).statusCode).not.toBe(200);

    // signing out ends the session and is audited, as the sign-in was
    const out = await browser.submitForm('/en/my', '/en/my/sign-out', {});
    expect(out.statusCode).toBe(303);
    expect(out.headers.location).toBe('/en/my');
    expect((await browser.get('/en/my')).body).toContain('Send me the link');
    const audit = await t.db.query<{ action: string }>(`SELECT action FROM audit_log WHERE subject_type = 'citizen' ORDER BY id`);
    expect(audit.rows.map((row) => row.action)).toEqual(['login', 'logout']);
  });

  it('shows nobody else’s records, tells nothing about unknown addresses and limits the links sent', async () => {
    const other = t.client();
    const { answer } = await signInByLink(other, 'someone.else@example.be', 'nl');
    expect(answer.headers.location).toBe('/nl/my');
    const space = await other.get('/nl/my');
    expect(space.body).toContain('Geen vragen verstuurd met dit adres.');
    expect(space.body).not.toContain(reference);
    expect((await other.get(`/nl/my/appointments/${appointment.id}`)).statusCode).toBe(404);
    expect((await other.get(`/nl/my/requests/${reference}`)).statusCode).toBe(404);
    expect((await t.client().get(`/fr/my/requests/${reference}`)).statusCode).toBe(303); // signed out: to the sign-in page

    const asker = t.client();
    for (let i = 0; i < 4; i++) {
      const sent = await asker.submitForm('/fr/my', '/fr/my/sign-in', { email: 'flood@example.be' });
      expect(sent.statusCode).toBe(200);
      expect(sent.body).toContain('un lien de connexion vient d’y être envoyé');
    }
    const { rows } = await t.db.query(`SELECT 1 FROM mail_messages WHERE 'flood@example.be' = ANY(to_addresses)`);
    expect(rows).toHaveLength(3);
    const bad = await asker.submitForm('/fr/my', '/fr/my/sign-in', { email: 'not an address' });
    expect(bad.statusCode).toBe(400);
  });

  it('signs in through the region’s provider (PKCE, state, nonce), bound to the browser, and signs out there too', async () => {
    const browser = t.client();
    const start = await browser.get('/fr/my/provider');
    expect(start.statusCode).toBe(303);
    const authorize = new URL(String(start.headers.location));
    expect(authorize.origin).toBe(provider.issuer);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${PUBLIC_URL}/auth/citizen/callback`);
    provider.signInNext({ sub: 'citizen-amina', email: EMAIL, name: 'Amina El Idrissi' });
    const back = await followToClient(authorize.href, provider.issuer);

    const attacker = t.client(); // no binding cookie: refused, and the answer is used up
    const refused = await attacker.get(back.pathname + back.search);
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Cette connexion a expiré ou a été commencée dans un autre navigateur.');

    const again = await browser.get('/fr/my/provider');
    provider.signInNext({ sub: 'citizen-amina', email: EMAIL, name: 'Amina El Idrissi' });
    const backAgain = await followToClient(String(again.headers.location), provider.issuer);
    const answer = await browser.get(backAgain.pathname + backAgain.search);
    expect(answer.statusCode).toBe(303);
    expect(answer.headers.location).toBe('/fr/my');
    // the same citizen as the e-mail link's (verified address), now known by the provider's subject too
    const space = await browser.get('/fr/my');
    expect(space.body).toContain('Votre session est ouverte au nom de Amina El Idrissi.');
    expect(space.body).toContain(reference);
    const linked = await t.db.query(`SELECT 1 FROM citizen_identities i JOIN citizens c ON c.id = i.citizen_id WHERE c.email = $1`, [EMAIL]);
    expect(linked.rows).toHaveLength(1);
    expect((await browser.get('/fr/contact')).body).toContain('value="Amina El Idrissi"');

    const out = await browser.submitForm('/fr/my', '/fr/my/sign-out', {});
    const endSession = new URL(String(out.headers.location));
    expect(endSession.origin + endSession.pathname).toBe(`${provider.issuer}/session/end`);
    expect(endSession.searchParams.get('post_logout_redirect_uri')).toBe(`${PUBLIC_URL}/auth/citizen/signed-out`);
    expect((await browser.get('/fr/my')).body).toContain('M’envoyer le lien');
    const logins = await t.db.query(`SELECT 1 FROM audit_log WHERE subject_type = 'citizen' AND details->>'method' = 'citizen-oidc'`);
    expect(logins.rows).toHaveLength(1);
  });

  it('lets a platform administrator set the provider on a page (secret sealed, discovery checked, audited), the environment as the default', async () => {
    const agent = t.client();
    await agent.login('agent@demo.irisdesk.brussels');
    expect((await agent.get('/en/admin/citizen-sign-in')).statusCode).toBe(403);
    const admin = t.client();
    await admin.login('admin@demo.irisdesk.brussels');
    const url = '/en/admin/citizen-sign-in';
    const start = await admin.get(url);
    expect(start.statusCode).toBe(200);
    expect(start.body).toContain('The CITIZEN_OIDC_* environment variables are in use.');
    expect(start.body).toContain(`value="${provider.issuer}"`);
    expect(start.body).toContain(`${PUBLIC_URL}/auth/citizen/callback`);
    expect((await admin.submitForm(url, `${url}/test`, {})).body).toContain(`The provider answers (${provider.issuer})`);

    const form = (issuer: string, extra: Record<string, string> = {}) => ({
      enabled: 'true',
      issuer,
      clientId: provider.clientId,
      scopes: 'openid email profile',
      name: 'FAS',
      emailClaim: 'email',
      emailVerifiedRequired: 'true',
      nameClaim: 'name',
      ...extra,
    });
    const invalid = await admin.submitForm(url, url, form('not an address', { nameClaim: 'given name; family' }));
    expect(invalid.statusCode).toBe(400);
    expect(invalid.body).toContain('this is not a web address');
    expect(invalid.body).toContain('a claim name holds only letters');

    // Saved even when the provider cannot be reached (the environment's secret kept, sealed), and the page says why.
    const unreachable = await admin.submitForm(url, url, form('http://127.0.0.1:9'));
    expect(unreachable.statusCode).toBe(200);
    expect(unreachable.body).toContain('Settings saved. The provider cannot be reached');
    const stored = (await t.db.query<{ client_secret: string }>(`SELECT client_secret FROM citizen_provider_settings`)).rows[0]!;
    expect(stored.client_secret.startsWith('enc:v1:')).toBe(true);
    expect(stored.client_secret).not.toContain(provider.clientSecret);
    const signInPage = await t.client().get('/en/my');
    expect(signInPage.body).toContain('Sign in with FAS');
    expect((await t.client().get('/en/my/provider')).statusCode).toBe(503);
    const version = () => admin.get(url).then((page) => /name="version" value="(\d+)"/.exec(page.body)![1]!);
    const wrongPath = await admin.submitForm(url, url, form(`${provider.issuer}/nowhere`, { version: await version() }));
    expect(wrongPath.body).toContain('This address answers, but not as an OpenID Connect provider');

    // The real provider again, with a new secret typed: citizens sign in through it; a stale form is refused.
    const before = await version();
    const saved = await admin.submitForm(url, url, form(provider.issuer, { version: before, clientSecret: provider.clientSecret }));
    expect(saved.body).toContain(`Settings saved. The provider answers (${provider.issuer})`);
    expect((await admin.submitForm(url, url, form(provider.issuer, { version: before }))).statusCode).toBe(409);
    const browser = t.client();
    const authorize = await browser.get('/en/my/provider');
    provider.signInNext({ sub: 'citizen-fas', email: 'fas.user@example.be', name: 'Fatima Zahra' });
    const back = await followToClient(String(authorize.headers.location), provider.issuer);
    expect((await browser.get(back.pathname + back.search)).statusCode).toBe(303);
    expect((await browser.get('/en/my')).body).toContain('Fatima Zahra');

    // Switched off: no button, even with the environment's settings; removed: the environment's provider again.
    const { enabled: _on, ...off } = form(provider.issuer, { version: await version() });
    expect((await admin.submitForm(url, url, off)).statusCode).toBe(200);
    expect((await t.client().get('/en/my')).body).not.toContain('Sign in with');
    const reset = await admin.submitForm(url, `${url}/reset`, {});
    expect(reset.headers.location).toBe(`${url}?done=reset`);
    expect((await t.client().get('/en/my')).body).toContain('Sign in with itsme');
    const audit = await t.db.query<{ action: string; details: Record<string, unknown> }>(
      `SELECT action, details FROM audit_log WHERE subject_type = 'citizen_identity_provider' ORDER BY id`,
    );
    expect(audit.rows.map((row) => row.action)).toEqual(['update', 'update', 'update', 'update', 'delete']);
    expect(JSON.stringify(audit.rows)).not.toContain(provider.clientSecret);
  });
});
