// Password guesses under concurrency (issue 13, part 3): requests sent at the same moment never get more
// guesses checked than the limits allow; unknown e-mails answer exactly as existing ones; the delay grows and
// ends; the password-change form draws on the same counts. Counts of checked guesses are read from the
// answers (401 = checked and wrong) and the audit log, never from timings.
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

async function auditCount(email: string, actions: string[]): Promise<number> {
  const { rows } = await t.db.query<{ count: number }>(
    `SELECT count(*)::int AS count FROM audit_log l JOIN accounts a ON a.id::text = l.subject_id
      WHERE a.email = $1 AND l.action = ANY($2)`,
    [email, actions],
  );
  return rows[0]!.count;
}

const statuses = (responses: Array<{ statusCode: number }>) =>
  responses.reduce<Record<number, number>>((counts, r) => ({ ...counts, [r.statusCode]: (counts[r.statusCode] ?? 0) + 1 }), {});

describe('password guesses under concurrency', () => {
  it(`checks only ${FREE} of 60 wrong passwords sent at once for one account`, async () => {
    const { post } = await signInForm('198.51.100.1');
    const email = 'backoffice@demo.irisdesk.brussels';
    const responses = await Promise.all(Array.from({ length: 60 }, () => post(email, 'not the password at all')));
    expect(statuses(responses)).toEqual({ 401: FREE, 429: 60 - FREE });
    expect(await auditCount(email, ['login_failed'])).toBe(FREE);
    // the address's guesses count the refused ones too: past its limit, it is held back as a whole
    const refusals = responses.filter((r) => r.statusCode === 429).map((r) => r.body);
    expect(refusals.filter((body) => body.includes('Too many failed sign-in attempts for this e-mail address'))).toHaveLength(GUESS_LIMITS.addressGuesses - FREE);
    expect(refusals.filter((body) => body.includes('Too many failed sign-in attempts from this connection'))).toHaveLength(60 - GUESS_LIMITS.addressGuesses);
    // and the right password is not checked either while the delay runs
    expect((await post(email, DEMO_PASSWORD)).statusCode).toBe(429);
    expect(await auditCount(email, ['login'])).toBe(0);
  });

  it('lets the right password of 29 wrong + 1 right sent at once in only among the allowed guesses', async () => {
    const { post } = await signInForm('198.51.100.2');
    const email = 'editor@demo.irisdesk.brussels';
    const passwords = [...Array.from({ length: 29 }, (_, i) => `wrong guess number ${i}`), DEMO_PASSWORD].sort(() => Math.random() - 0.5);
    const responses = await Promise.all(passwords.map((password) => post(email, password)));
    const counts = statuses(responses);
    const checked = await auditCount(email, ['login_failed', 'login']);
    if (counts[303]) {
      // the right one was among the first guesses; it forgives the guesses before it, never those after it
      expect(counts[303]).toBe(1);
      expect(checked).toBeLessThanOrEqual(2 * FREE - 1);
    } else {
      // the right one came too late: it was refused unchecked, and the count stands
      expect(checked).toBe(FREE);
      expect((await post(email, DEMO_PASSWORD)).statusCode).toBe(429);
    }
    expect(counts[429]).toBeGreaterThanOrEqual(30 - 2 * FREE + 1);
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

  it('doubles the delay after each further wrong guess, and a right password once it has run resets the count', async () => {
    const { client, post } = await signInForm('198.51.100.20');
    const email = 'manager.ixelles@demo.irisdesk.brussels';
    for (let i = 0; i < FREE; i++) expect((await post(email, 'wrong password again')).statusCode).toBe(401);
    const key = `account:${(await import('node:crypto')).createHash('sha256').update(email).digest('hex')}`;
    const delay = async () =>
      (await t.db.query<{ seconds: number }>(`SELECT extract(epoch FROM next_guess_at - now())::float8 AS seconds FROM sign_in_throttle WHERE key = $1`, [key])).rows[0]!.seconds;
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
    const { rows } = await t.db.query<{ guesses: number; next_guess_at: Date | null }>('SELECT guesses, next_guess_at FROM sign_in_throttle WHERE key = $1', [key]);
    expect(rows[0]).toEqual({ guesses: 0, next_guess_at: null });
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
    expect(await auditCount(email, ['login_failed'])).toBe(FREE);
    // even the right current password waits, and signing in from elsewhere too
    expect((await post(DEMO_PASSWORD)).statusCode).toBe(429);
    const other = await signInForm('198.51.100.31');
    expect((await other.post(email, DEMO_PASSWORD)).statusCode).toBe(429);
  });
});
