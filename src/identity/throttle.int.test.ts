// Password guesses under concurrency (issue 13, part 3): requests sent at the same moment never get more
// guesses checked than the limits allow; unknown e-mails answer exactly as existing ones; the delay grows and
// ends; the password-change form draws on the same counts. Counts of checked guesses are read from the
// answers (401 = checked and wrong) and the audit log, never from timings.
import argon2 from 'argon2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, csrfTokenOf, type TestApp, type TestClient } from '../../test/app.ts';
import { DEMO_PASSWORD } from '../seed/demo.ts';
import { GUESS_LIMITS } from './service.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const FREE = GUESS_LIMITS.accountFreeGuesses;

/** A browser at its own address with the sign-in form's CSRF token. */
async function signInForm(address: string): Promise<{ client: TestClient; post: (email: string, password: string) => ReturnType<TestClient['request']> }> {
  const client = t.client();
  client.remoteAddress = address;
  const token = csrfTokenOf((await client.get('/en/login')).body);
  return { client, post: (email, password) => client.request('POST', '/en/login', { form: { email, password, _csrf: token } }) };
}

/** Requests whose password was checked: each leaves a login, login_failed or locked entry (one request, one count). */
async function checkedGuesses(email: string): Promise<number> {
  const { rows } = await t.db.query<{ count: number }>(
    `SELECT count(DISTINCT l.request_id)::int AS count FROM audit_log l JOIN accounts a ON a.id::text = l.subject_id
      WHERE a.email = $1 AND l.action IN ('login', 'login_failed', 'locked')`,
    [email],
  );
  return rows[0]!.count;
}

/**
 * Gives the account a hash of OWASP's minimum production cost (19 MiB, 2 passes: tens of milliseconds to verify instead of one), so that
 * concurrent requests really overlap while a guess is being checked, as on a real server.
 */
async function productionCostHash(email: string): Promise<void> {
  const hash = await argon2.hash(DEMO_PASSWORD, { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 });
  await t.db.query('UPDATE accounts SET password_hash = $2 WHERE email = $1', [email, hash]);
}

const statuses = (responses: Array<{ statusCode: number }>) =>
  responses.reduce<Record<number, number>>((counts, r) => ({ ...counts, [r.statusCode]: (counts[r.statusCode] ?? 0) + 1 }), {});

describe('password guesses under concurrency', () => {
  it(`checks only ${FREE} of 60 wrong passwords sent at once for one account`, async () => {
    const { post } = await signInForm('198.51.100.1');
    const email = 'backoffice@demo.irisdesk.brussels';
    await productionCostHash(email);
    const responses = await Promise.all(Array.from({ length: 60 }, () => post(email, 'not the password at all')));
    expect(await checkedGuesses(email)).toBe(FREE);
    expect(statuses(responses)).toEqual({ 401: FREE, 429: 60 - FREE });
    // the address's guesses count the refused ones too: past its limit, it is held back as a whole
    const refusals = responses.filter((r) => r.statusCode === 429).map((r) => r.body);
    expect(refusals.filter((body) => body.includes('Too many failed sign-in attempts for this e-mail address'))).toHaveLength(
      GUESS_LIMITS.addressGuesses - FREE,
    );
    expect(refusals.filter((body) => body.includes('Too many failed sign-in attempts from this connection'))).toHaveLength(60 - GUESS_LIMITS.addressGuesses);
    // and the right password is not checked either while the delay runs
    expect((await post(email, DEMO_PASSWORD)).statusCode).toBe(429);
    expect(await checkedGuesses(email)).toBe(FREE);
  });

  it('lets the right password of 29 wrong + 1 right sent at once in only among the allowed guesses', async () => {
    const { post } = await signInForm('198.51.100.2');
    const email = 'editor@demo.irisdesk.brussels';
    await productionCostHash(email);
    const passwords = [...Array.from({ length: 29 }, (_, i) => `wrong guess number ${i}`), DEMO_PASSWORD].sort(() => Math.random() - 0.5);
    const responses = await Promise.all(passwords.map((password) => post(email, password)));
    const counts = statuses(responses);
    const checked = await checkedGuesses(email);
    // whichever came first, no more than the free guesses were checked, the right one included
    expect(checked).toBeLessThanOrEqual(FREE);
    expect((counts[401] ?? 0) + (counts[303] ?? 0)).toBe(checked);
    if (!counts[303]) {
      // the right one came too late: it was refused unchecked, and the count stands
      expect(checked).toBe(FREE);
      expect((await post(email, DEMO_PASSWORD)).statusCode).toBe(429);
    }
  });

  it(`checks only ${GUESS_LIMITS.addressGuesses} guesses from one address spread over 60 e-mails at once`, async () => {
    const { post } = await signInForm('198.51.100.3');
    const responses = await Promise.all(Array.from({ length: 60 }, (_, i) => post(`nobody${i}@example.org`, 'a wrong password')));
    expect(statuses(responses)).toEqual({ 401: GUESS_LIMITS.addressGuesses, 429: 60 - GUESS_LIMITS.addressGuesses });
    expect(responses.find((r) => r.statusCode === 429)!.body).toContain('Too many failed sign-in attempts from this connection');
    // another address is not held back
    const elsewhere = await signInForm('198.51.100.4');
    expect((await elsewhere.post('nobody0@example.org', 'a wrong password')).statusCode).toBe(401);
  });
});

describe('unknown e-mails and the growing delay', () => {
  it('answers an unknown e-mail exactly as an existing one, attempt after attempt', async () => {
    const known = await signInForm('198.51.100.10');
    const unknown = await signInForm('198.51.100.11');
    for (let attempt = 1; attempt <= FREE + 2; attempt++) {
      const a = await known.post('agent.ixelles@demo.irisdesk.brussels', 'wrong password here');
      const b = await unknown.post('agent.ixelles@demo.irisdesk.brussel', 'wrong password here');
      expect([attempt, b.statusCode]).toEqual([attempt, a.statusCode]);
      const message = (html: string) => /<main[\s\S]*?<\/main>/.exec(html)![0].replace(/name="_csrf" value="[^"]+"|value="[^"]*@[^"]*"/g, '');
      expect(message(b.body)).toBe(message(a.body));
    }
  });

  it('doubles the delay after each further wrong guess; a right password gives back only its own guess; an idle hour forgets', async () => {
    const { client, post } = await signInForm('198.51.100.20');
    const email = 'manager.ixelles@demo.irisdesk.brussels';
    for (let i = 0; i < FREE; i++) expect((await post(email, 'wrong password again')).statusCode).toBe(401);
    const key = `account:${(await import('node:crypto')).createHash('sha256').update(email).digest('hex')}`;
    const delay = async () =>
      (await t.db.query<{ seconds: number }>(`SELECT extract(epoch FROM next_guess_at - now())::float8 AS seconds FROM sign_in_throttle WHERE key = $1`, [key]))
        .rows[0]!.seconds;
    expect(await delay()).toBeGreaterThan(GUESS_LIMITS.delaySeconds - 5);
    expect(await delay()).toBeLessThanOrEqual(GUESS_LIMITS.delaySeconds);
    // the delay has run: one more guess is checked, and the next delay is twice as long
    await t.db.query(`UPDATE sign_in_throttle SET next_guess_at = now() WHERE key = $1`, [key]);
    expect((await post(email, 'wrong password again')).statusCode).toBe(401);
    expect(await delay()).toBeGreaterThan(2 * GUESS_LIMITS.delaySeconds - 5);
    expect((await post(email, DEMO_PASSWORD)).statusCode).toBe(429);
    // the manager's page shows it
    const admin = t.client();
    await admin.login('admin@demo.irisdesk.brussels');
    const accountId = (await t.db.query<{ id: string }>('SELECT id FROM accounts WHERE email = $1', [email])).rows[0]!.id;
    expect((await admin.get(`/en/admin/accounts/${accountId}`)).body).toContain('signing in to this account is delayed until');
    await t.db.query(`UPDATE sign_in_throttle SET next_guess_at = now() WHERE key = $1`, [key]);
    expect((await post(email, DEMO_PASSWORD)).statusCode).toBe(303);
    expect(client.cookies.has('irisdesk_session')).toBe(true);
    // the right password gave back its own guess only: the wrong ones stay counted until forgotten
    const count = async () => (await t.db.query<{ guesses: number }>('SELECT guesses FROM sign_in_throttle WHERE key = $1', [key])).rows[0]!.guesses;
    expect(await count()).toBe(FREE + 1);
    // an hour without guesses: forgotten, the free guesses are back
    await t.db.query(
      `UPDATE sign_in_throttle SET last_guess_at = now() - interval '61 minutes', next_guess_at = now() + interval '10 minutes' WHERE key = $1`,
      [key],
    );
    expect((await post(email, 'wrong password again')).statusCode).toBe(401);
    expect(await count()).toBe(1);
  });
});

describe('the password-change form', () => {
  it('checks only the allowed guesses of the current password, also when sent at once, and shares the count with signing in', async () => {
    const client = t.client();
    client.remoteAddress = '198.51.100.30';
    const email = 'agent@demo.irisdesk.brussels';
    await client.login(email);
    const token = csrfTokenOf((await client.get('/en/account/password')).body);
    const post = (currentPassword: string) =>
      client.request('POST', '/en/account/password', {
        form: { _csrf: token, currentPassword, newPassword: 'Tram 81 naar Vorst, dan rechts', confirmPassword: 'Tram 81 naar Vorst, dan rechts' },
      });
    const responses = await Promise.all(Array.from({ length: 20 }, (_, i) => post(`guess ${i} of the password`)));
    expect(statuses(responses)).toEqual({ 400: FREE, 429: 20 - FREE });
    const refused = responses.find((r) => r.statusCode === 429)!.body;
    expect(refused).toContain('too many wrong passwords. Wait 1 minute before trying again.');
    expect(await checkedGuesses(email)).toBe(1 + FREE); // the sign-in, then the form's guesses
    // even the right current password waits, and signing in from elsewhere too
    expect((await post(DEMO_PASSWORD)).statusCode).toBe(429);
    const other = await signInForm('198.51.100.31');
    expect((await other.post(email, DEMO_PASSWORD)).statusCode).toBe(429);
  });
});
