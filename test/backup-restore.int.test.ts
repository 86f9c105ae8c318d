// Backups restored (issue 20, part 5; decision 0035). A database is populated through the application (contact
// requests, appointments, satisfaction answers), backed up with the documented command, restored into a new
// database, and a real IrisDesk process started on the copy finds every request, appointment and answer.
// - PostgreSQL pass: `npm run backup` (pg_dump, custom format) → pg_restore into a new database.
// - PGlite pass: the embedded backup, made by the running server while contact posts keep arriving
//   (`npm run backup` sends it SIGUSR2) → `npm run backup -- --restore` into a new data folder.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it, onTestFailed } from 'vitest';
import { writeEmbeddedBackup } from '../src/platform/db/embedded-backup.ts';
import { createTestApp, type TestApp } from './app.ts';
import { adminQuery, serverUrl } from './database.ts';
import { openServerDatabase, startServer } from './server-process.ts';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '..');
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

/** `npm run backup -- …` as a child process (node --import tsx, as npm would run it), with these settings. */
async function backupCommand(args: string[], env: Record<string, string>): Promise<string> {
  const childEnv: Record<string, string | undefined> = { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'warn', ...env };
  delete childEnv.TEST_DATABASE_URL;
  if (!env.DATABASE_URL) delete childEnv.DATABASE_URL;
  const { stdout } = await run(process.execPath, ['--import', 'tsx', 'src/cli/backup.ts', ...args], { cwd: ROOT, env: childEnv, timeout: 300_000 });
  return stdout;
}

interface Populated {
  requests: Array<{ reference: string; email: string }>;
  appointments: Array<{ manageUrl: string }>;
  answers: string[]; // feedback invitation tokens, answered
}

/** What the backup must keep, made through the application itself. */
async function populate(t: TestApp, tag: string): Promise<Populated> {
  const client = t.client();
  const requests: Populated['requests'] = [];
  for (let n = 0; n < 5; n++) {
    const email = `backup.${tag}.${n}@example.be`;
    const response = await client.request('POST', '/api/v1/contact-requests', {
      json: { name: 'Backup Test', email, message: `Question ${n} avant la sauvegarde`, language: ['fr', 'nl', 'en'][n % 3] },
      headers: { 'idempotency-key': `backup-${tag}-${n}` },
    });
    expect(response.statusCode).toBe(201);
    requests.push({ reference: response.json().reference as string, email });
  }
  const { rows: points } = await t.db.query<{ id: string }>(
    `SELECT cp.id FROM contact_points cp JOIN organisations o ON o.id = cp.organisation_id WHERE o.code = 'commune-schaerbeek' AND cp.code = 'maison-communale'`,
  );
  const from = new Date(Date.now() + 6 * 86_400_000).toISOString().slice(0, 10);
  const slots = (await client.get(`/api/v1/contact-points/${points[0]!.id}/slots?service=eid-card&from=${from}`)).json().slots as Array<{ start: string }>;
  const appointments: Populated['appointments'] = [];
  for (const slot of slots.slice(0, 2)) {
    const response = await client.request('POST', '/api/v1/appointments', {
      json: {
        contactPointId: points[0]!.id,
        serviceCode: 'eid-card',
        start: slot.start,
        name: 'Backup Test',
        email: `rdv.${tag}.${appointments.length}@example.be`,
        language: 'fr',
      },
    });
    expect(response.statusCode).toBe(201);
    appointments.push({ manageUrl: response.json().manageUrl as string });
  }
  const { rows: organisations } = await t.db.query<{ id: string }>(`SELECT id FROM organisations WHERE code = 'commune-schaerbeek'`);
  const answers: string[] = [];
  for (let n = 0; n < 3; n++) {
    const { token } = await t.services.satisfaction.createFeedbackInvitation(t.db, {
      organisationId: organisations[0]!.id,
      channel: 'phone',
      contactAt: new Date(),
      language: 'nl',
      source: { kind: 'request', id: `backup-${tag}-${n}` },
    });
    const answer = await client.request('POST', `/api/v1/feedback/${token}`, {
      json: { overall: 5 - n, clarity: 4, effort: 4, needMet: 'yes', reached: true, channelsUsed: ['web'], recommend: 9 },
    });
    expect(answer.statusCode).toBe(201);
    answers.push(token);
  }
  return { requests, appointments, answers };
}

/** Everything populated is found through the restored server's own pages and API. */
async function expectFound(url: string, populated: Populated): Promise<void> {
  for (const { reference, email } of populated.requests) {
    const response = await fetch(`${url}/api/v1/contact-requests/${reference}?email=${encodeURIComponent(email)}`);
    expect(response.status, reference).toBe(200);
    expect(((await response.json()) as { reference: string }).reference).toBe(reference);
  }
  for (const { manageUrl } of populated.appointments) {
    const response = await fetch(`${url}${new URL(manageUrl).pathname}`);
    expect(response.status, manageUrl).toBe(200);
  }
  for (const token of populated.answers) {
    const response = await fetch(`${url}/api/v1/feedback/${token}`);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { state: string }).state).toBe('answered');
  }
}

/** Counts that must be equal in the original and the copy. */
async function counts(db: { query<R>(sql: string): Promise<{ rows: R[] }> }) {
  const { rows } = await db.query<{ requests: number; appointments: number; answers: number; migrations: number }>(
    `SELECT (SELECT count(*)::int FROM cc_requests) AS requests, (SELECT count(*)::int FROM appointments) AS appointments,
            (SELECT count(*)::int FROM feedback_answers) AS answers, (SELECT count(*)::int FROM schema_migrations) AS migrations`,
  );
  return rows[0]!;
}

describe.skipIf(!onPostgres)(`a PostgreSQL backup (pg_dump) restored into a new database${onPostgres ? '' : ' (skipped: PostgreSQL pass only)'}`, () => {
  it('holds every request, appointment and answer, and IrisDesk runs on it', { timeout: 300_000 }, async () => {
    const t = await createTestApp();
    cleanups.push(() => t.close());
    const populated = await populate(t, `pg${randomBytes(3).toString('hex')}`);
    const before = await counts(t.db);

    const folder = await mkdtemp(path.join(os.tmpdir(), 'irisdesk-backup-'));
    cleanups.push(() => rm(folder, { recursive: true, force: true }));
    const file = path.join(folder, 'irisdesk.dump');
    expect(await backupCommand([file], { DATABASE_URL: t.db.connectionString! })).toContain('pg_dump');

    const copy = `irisdesk_restored_${randomBytes(5).toString('hex')}`;
    await adminQuery(`CREATE DATABASE ${copy}`);
    cleanups.push(() => adminQuery(`DROP DATABASE IF EXISTS ${copy} WITH (FORCE)`));
    await run('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', '-d', serverUrl(copy), file]);

    const server = await startServer({ database: { env: { DATABASE_URL: serverUrl(copy) }, drop: async () => undefined }, env: { SEED_DEMO: 'false' } });
    cleanups.push(() => server.stop());
    onTestFailed(() => void process.stderr.write(`--- IrisDesk on the copy ---\n${server.output()}\n`));
    await expectFound(server.url, populated);
    const db = await openServerDatabase(server.database);
    cleanups.push(() => db.close());
    expect(await counts(db)).toEqual(before);
  });
});

describe.skipIf(onPostgres)(`an embedded-database backup made while the server runs${onPostgres ? ' (skipped: PGlite pass only)' : ''}`, () => {
  it('is consistent, restores into a new folder and IrisDesk runs on it with everything acknowledged before it', { timeout: 600_000 }, async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'irisdesk-backup-'));
    cleanups.push(() => rm(folder, { recursive: true, force: true }));
    const original = path.join(folder, 'original');
    const restored = path.join(folder, 'restored');

    // The populated database, put in a data folder for a server process (the embedded backup of an
    // in-memory database, restored into the folder by the same command users run).
    const t = await createTestApp();
    cleanups.push(() => t.close());
    const populated = await populate(t, `pglite${randomBytes(3).toString('hex')}`);
    await writeEmbeddedBackup(t.db, path.join(folder, 'seed.tar.gz'));
    await backupCommand(['--restore', path.join(folder, 'seed.tar.gz')], { DATA_DIR: original });

    const server = await startServer({ database: { env: { DATA_DIR: original }, drop: async () => undefined }, env: { SEED_DEMO: 'false' } });
    cleanups.push(() => server.stop());
    onTestFailed(() => void process.stderr.write(`--- IrisDesk on the original ---\n${server.output()}\n`));

    // Contact posts keep arriving while the backup is made.
    const acknowledged: Array<{ reference: string; email: string; at: number }> = [];
    let posting = true;
    let n = 0;
    const postErrors: string[] = [];
    const poster = (async () => {
      while (posting) {
        try {
          const email = `live.${n}@example.be`;
          const response = await fetch(`${server.url}/api/v1/contact-requests`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'idempotency-key': `live-${n++}` },
            body: JSON.stringify({ name: 'Pendant la sauvegarde', email, message: 'Une question posée pendant la sauvegarde', language: 'fr' }),
          });
          if (response.status === 201) acknowledged.push({ reference: ((await response.json()) as { reference: string }).reference, email, at: Date.now() });
          else postErrors.push(`POST: ${response.status}`);
        } catch (error) {
          postErrors.push((error as Error).message);
          posting = false;
        }
      }
    })();
    while (acknowledged.length < 5) await new Promise((resolve) => setTimeout(resolve, 50));
    const backupStarted = Date.now();
    const file = path.join(folder, 'irisdesk-backup.tar.gz');
    expect(await backupCommand([file], { DATA_DIR: original })).toContain('made by the running server');
    posting = false;
    await poster;
    expect(server.running()).toBe(true);
    expect(postErrors).toEqual([]);
    const beforeBackup = acknowledged.filter((item) => item.at < backupStarted);
    expect(beforeBackup.length).toBeGreaterThanOrEqual(5);
    await server.stop();

    expect(await backupCommand(['--restore', file], { DATA_DIR: restored })).toContain(restored);
    // Restoring over a folder that holds a database is refused.
    await expect(backupCommand(['--restore', file], { DATA_DIR: restored })).rejects.toThrow(/not empty/);
    const copy = await startServer({ database: { env: { DATA_DIR: restored }, drop: async () => undefined }, env: { SEED_DEMO: 'false' } });
    cleanups.push(() => copy.stop());
    onTestFailed(() => void process.stderr.write(`--- IrisDesk on the copy ---\n${copy.output()}\n`));
    await expectFound(copy.url, { ...populated, requests: [...populated.requests, ...beforeBackup] });
    await copy.stop();
    const db = await openServerDatabase(copy.database);
    try {
      const [after, populatedCounts] = [await counts(db), await counts(t.db)];
      expect(after).toMatchObject({ appointments: populatedCounts.appointments, answers: populatedCounts.answers });
      expect(after.requests).toBeGreaterThanOrEqual(populatedCounts.requests + beforeBackup.length);
    } finally {
      await db.close();
    }
  });
});
