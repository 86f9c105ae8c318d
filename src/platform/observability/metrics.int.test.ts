// /metrics on a real database: the job queue and outgoing mail that a real (unreachable) mail server leaves
// queued, checked by promtool (Prometheus's own parser and naming rules: `bash scripts/install-promtool.sh`
// puts it in .tmp/, .ci/run does it); the same figures on the administrators' mail page; figures cached between
// scrapes; a database that does not answer; who may read /metrics and the OpenAPI document (decision 0027).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, type Server, type Socket } from 'node:net';
import path from 'node:path';
import { createTestApp, TestClient, type TestApp } from '../../../test/app.ts';
import { createApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { openPostgres } from '../db/database.ts';
import { startJobWorker } from '../jobs/worker.ts';
import { STATISTICS_TIMEOUT_MS } from './metrics.ts';

const PROMTOOL = [process.env.PROMTOOL, path.join(process.cwd(), '.tmp/promtool/usr/bin/promtool'), '/usr/bin/promtool'].find(
  (candidate): candidate is string => candidate !== undefined && existsSync(candidate),
);

/** `promtool check metrics`: parses the exposition and applies Prometheus's naming rules (no output when clean). */
function promtool(exposition: string): { status: number | null; output: string } {
  if (!PROMTOOL) throw new Error('promtool is missing: run `bash scripts/install-promtool.sh` (or set PROMTOOL)');
  const run = spawnSync(PROMTOOL, ['check', 'metrics'], { input: exposition, encoding: 'utf8' });
  return { status: run.status, output: `${run.stdout}${run.stderr}`.trim() };
}

/** The value of one sample, by its exact name and labels as exposed, e.g. `irisdesk_mail_messages{status="queued"}`. */
function sample(exposition: string, series: string): number | undefined {
  const line = exposition.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let t: TestApp;
let scrape: string;

beforeAll(async () => {
  // A mail server that is not there: mail waits as "queued", its job retries.
  t = await createTestApp({ SMTP_URL: `smtp://127.0.0.1:${await freePort()}`, MAIL_FROM: 'IrisDesk <no-reply@irisdesk.test>' });
  const sent = await t.services.mail.send({ to: 'someone@example.be', subject: 'Votre demande', text: 'Bonjour', language: 'fr', purpose: 'contact.receipt' });
  const worker = await startJobWorker({ db: t.db, registry: t.services.jobs, pollIntervalMs: 50, retryBaseMs: 600_000, retryMaxMs: 600_000 });
  try {
    for (let waited = 0; ; waited += 50) {
      const { rows } = await t.db.query<{ attempts: number; status: string }>(`SELECT attempts, status FROM jobs WHERE type = 'mail.send'`);
      if (rows[0] && rows[0].attempts >= 1 && rows[0].status === 'queued') break;
      if (waited > 20_000) throw new Error(`the mail job was not tried: ${JSON.stringify(rows)}`);
      await sleep(50);
    }
  } finally {
    await worker.stop();
  }
  await t.db.query(`UPDATE mail_messages SET created_at = now() - interval '20 minutes' WHERE id = $1`, [sent.id]);
  await t.services.mail.send({ to: 'other@example.be', subject: 'Refusé', text: 'Bonjour', language: 'fr' });
  // A message refused for good: failed, its job dead.
  await t.db.query(`UPDATE mail_messages SET status = 'failed', last_error = '550 no such user' WHERE subject = 'Refusé'`);
  await t.db.query(`UPDATE jobs SET status = 'dead', finished_at = now() WHERE id = (SELECT job_id FROM mail_messages WHERE subject = 'Refusé')`);
  await t.db.query(
    `INSERT INTO jobs (type, payload, run_at, status, finished_at) VALUES
       ('metrics.check', '{}', now() - interval '10 minutes', 'queued', NULL),
       ('metrics.check', '{}', now() + interval '1 hour', 'queued', NULL),
       ('metrics.check', '{}', now() - interval '1 day', 'dead', now())`,
  );
  scrape = (await t.app.inject('/metrics')).body;
}, 60_000);
afterAll(() => t?.close());

describe('/metrics', () => {
  it('passes promtool: Prometheus text format and naming rules (no gauge named …_total)', () => {
    expect(promtool(scrape)).toEqual({ status: 0, output: '' });
    expect(scrape).not.toMatch(/^irisdesk_nodejs_active_\w+_total /m);
    expect(sample(scrape, 'irisdesk_nodejs_handles_active')).toBeGreaterThan(0);
    expect(sample(scrape, 'irisdesk_nodejs_resources_active')).toBeGreaterThan(0);
  });

  it('shows mail that cannot be delivered and the job queue by type', () => {
    expect(sample(scrape, 'irisdesk_statistics_up')).toBe(1);
    expect(sample(scrape, 'irisdesk_mail_messages{status="queued"}')).toBe(1);
    expect(sample(scrape, 'irisdesk_mail_messages{status="failed"}')).toBe(1);
    expect(sample(scrape, 'irisdesk_mail_oldest_queued_age_seconds')).toBeGreaterThanOrEqual(20 * 60);
    expect(sample(scrape, 'irisdesk_jobs_retrying{type="mail.send"}')).toBe(1);
    expect(sample(scrape, 'irisdesk_jobs{type="mail.send",state="scheduled"}')).toBe(1);
    expect(sample(scrape, 'irisdesk_jobs{type="mail.send",state="due"}')).toBe(0);
    expect(sample(scrape, 'irisdesk_jobs{type="mail.send",state="dead"}')).toBe(1);
    expect(sample(scrape, 'irisdesk_jobs{type="metrics.check",state="due"}')).toBe(1);
    expect(sample(scrape, 'irisdesk_jobs{type="metrics.check",state="scheduled"}')).toBe(1);
    expect(sample(scrape, 'irisdesk_jobs{type="metrics.check",state="running"}')).toBe(0);
    expect(sample(scrape, 'irisdesk_jobs{type="metrics.check",state="dead"}')).toBe(1);
    expect(sample(scrape, 'irisdesk_jobs_oldest_due_age_seconds{type="metrics.check"}')).toBeGreaterThanOrEqual(10 * 60);
    expect(sample(scrape, 'irisdesk_jobs_oldest_due_age_seconds{type="mail.send"}')).toBe(0);
  });

  it('reads the database once per few seconds, however often it is scraped', async () => {
    await t.db.query(`INSERT INTO jobs (type, payload, run_at) VALUES ('metrics.check', '{}', now() - interval '1 minute')`);
    const again = (await t.app.inject('/metrics')).body;
    expect(sample(again, 'irisdesk_jobs{type="metrics.check",state="due"}')).toBe(1);
  });

  it('answers without the database figures when the database does not answer', async () => {
    // A "server" that accepts connections and never says a word: the worst case, no error to wait for.
    const sockets = new Set<Socket>();
    const silent: Server = createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const db = await openPostgres(`postgres://irisdesk@127.0.0.1:${(silent.address() as { port: number }).port}/irisdesk`, { connectTimeoutMs: 3_000 });
    const { app } = await createApp({ config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: 'memory://' }), db });
    try {
      await app.ready();
      const started = Date.now();
      const response = await app.inject('/metrics');
      expect(Date.now() - started).toBeLessThan(STATISTICS_TIMEOUT_MS + 1_500);
      expect(response.statusCode).toBe(200);
      expect(sample(response.body, 'irisdesk_statistics_up')).toBe(0);
      expect(response.body).not.toContain('irisdesk_jobs{');
      expect(response.body).not.toContain('irisdesk_mail_messages{');
      expect(sample(response.body, 'irisdesk_mail_oldest_queued_age_seconds')).toBeNaN(); // unknown, not "none waiting"
      expect(response.body).toContain('irisdesk_process_cpu_seconds_total');
      expect(promtool(response.body)).toEqual({ status: 0, output: '' });
    } finally {
      await app.close();
      for (const socket of sockets) socket.destroy();
      await db.close();
      silent.close();
    }
  }, 30_000);
});

describe('the README’s alert rules', () => {
  it('are valid Prometheus rules on metrics that exist', () => {
    const readme = readFileSync(path.join(process.cwd(), 'README.md'), 'utf8');
    const rules = /## Operations[\s\S]*?```yaml\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(rules).toBeDefined();
    const dir = mkdtempSync(path.join(tmpdir(), 'irisdesk-rules-'));
    try {
      writeFileSync(path.join(dir, 'rules.yml'), rules!);
      const run = spawnSync(PROMTOOL!, ['check', 'rules', path.join(dir, 'rules.yml')], { encoding: 'utf8' });
      expect(`${run.stdout}${run.stderr}`).toContain('SUCCESS');
      expect(run.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    for (const name of rules!.match(/irisdesk_\w+/g)!) {
      expect(scrape.includes(`# TYPE ${name.replace(/_bucket$/, '')} `), name).toBe(true);
    }
  });
});

describe('the administrators’ mail page', () => {
  it('shows the same figures, with the trouble spelled out, in each language', async () => {
    const admin = t.client();
    await admin.login('admin@demo.irisdesk.brussels');
    const en = (await admin.get('/en/admin/mail')).body;
    expect(en).toContain('1 message could not be delivered');
    expect(en).toMatch(/Messages have been waiting for 2\d minutes/);
    expect(en).toContain('The oldest message waiting to be sent was queued on');
    expect(en).toMatch(/<code>metrics\.check<\/code><\/th><td[^>]*>2<\/td><td[^>]*>1<\/td><td[^>]*>0<\/td><td[^>]*>0<\/td><td[^>]*>1<\/td>/);
    expect((await admin.get('/fr/admin/mail')).body).toContain('1 message n’a pas pu être remis');
    expect((await admin.get('/nl/admin/mail')).body).toContain('1 bericht kon niet worden afgeleverd');
  });
});

describe('who may read /metrics and the OpenAPI document', () => {
  const TOKEN = 'metrics-token-0123456789abcdef';
  const appWith = async (env: Record<string, string>) =>
    (await createApp({ config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: 'memory://', ...env }), db: t.db })).app;

  // Each app compiles every route's schemas: a few seconds apiece on a busy machine.
  it(
    'in production, serves /metrics only with METRICS_TOKEN or on METRICS_PORT; OPENAPI_PUBLIC=false keeps the document for staff',
    { timeout: 120_000 },
    async () => {
      const production = { NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40), SECRETS_ENCRYPTION_KEY: '0'.repeat(64) };
      const bare = await appWith(production);
      expect((await bare.inject('/metrics')).statusCode).toBe(404);
      expect((await bare.inject('/api/openapi.json')).statusCode).toBe(200); // public unless OPENAPI_PUBLIC=false
      await bare.close();

      const withToken = await appWith({ ...production, METRICS_TOKEN: TOKEN, OPENAPI_PUBLIC: 'false' });
      const anonymous = await withToken.inject({ url: '/metrics', headers: { 'accept-language': 'nl' } });
      expect(anonymous.statusCode).toBe(401);
      expect(anonymous.headers['www-authenticate']).toBe('Bearer');
      expect(anonymous.body).toContain('METRICS_TOKEN');
      expect((await withToken.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}x` } })).statusCode).toBe(401);
      const allowed = await withToken.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
      expect(allowed.statusCode).toBe(200);
      expect(allowed.body).toContain('irisdesk_statistics_up 1');
      const document = await withToken.inject({ url: '/api/openapi.json', headers: { 'accept-language': 'fr' } });
      expect(document.statusCode).toBe(401);
      expect(document.json().error.code).toBe('auth.required');
      const staff = new TestClient(withToken);
      await staff.login('agent@demo.irisdesk.brussels');
      const signedIn = await staff.get('/api/openapi.json');
      expect(signedIn.statusCode).toBe(200);
      expect(signedIn.json().openapi).toBe('3.1.0');
      await withToken.close();

      const port = await freePort();
      const separate = await appWith({ ...production, METRICS_PORT: String(port), METRICS_TOKEN: TOKEN });
      await separate.ready();
      try {
        expect((await separate.inject('/metrics')).statusCode).toBe(404);
        expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(401);
        const own = await fetch(`http://127.0.0.1:${port}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
        expect(own.status).toBe(200);
        expect(own.headers.get('content-type')).toContain('text/plain');
        expect(await own.text()).toContain('irisdesk_jobs{');
        expect((await fetch(`http://127.0.0.1:${port}/`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(404);
      } finally {
        await separate.close();
      }
      await expect(fetch(`http://127.0.0.1:${port}/metrics`)).rejects.toThrow(); // closed with the app
    },
  );

  it('refuses a weak token, and a metrics port equal to PORT', () => {
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN must be 24 to 256 printable characters/);
    expect(() => loadConfig({ PORT: '3000', METRICS_PORT: '3000' })).toThrow(/METRICS_PORT must differ from PORT/);
  });
});
