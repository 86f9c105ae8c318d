// Migrations run once when instances start together (decision 0034): two instances — two connection pools, as
// two processes have — migrate one empty PostgreSQL database at the same moment. Every migration is applied
// exactly once (the advisory lock serialises them; the one that waited sees it done and skips it), both
// instances come out with the whole schema, and neither fails. A second case makes the race certain: migrations
// that take a while and would fail if applied twice.
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openPostgres, type Database } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { adminQuery, serverUrl } from './database.ts';

const skipReason = process.env.TEST_DATABASE_URL ? undefined : 'PostgreSQL pass only: TEST_DATABASE_URL is unset (PGlite is one process)';
const MIGRATIONS = path.resolve(import.meta.dirname, '../src/platform/db/migrations');
const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

/** An empty database and two pools on it, one per "instance". */
async function twoInstances(): Promise<[Database, Database]> {
  const name = `irisdesk_migrate_${randomBytes(5).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  cleanups.push(() => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  const a = await openPostgres(serverUrl(name), { max: 2 });
  const b = await openPostgres(serverUrl(name), { max: 2 });
  cleanups.push(
    () => a.close(),
    () => b.close(),
  );
  return [a, b];
}

describe.skipIf(skipReason)(`two instances migrating one database at once${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  it('apply every migration of IrisDesk exactly once, and both end up with the whole schema', { timeout: 180_000 }, async () => {
    const [a, b] = await twoInstances();
    const files = (await readdir(MIGRATIONS)).filter((name) => /^\d{4}_[a-z0-9_]+\.sql$/.test(name)).sort();
    const [byA, byB] = await Promise.all([migrate(a), migrate(b)]);
    expect([...byA, ...byB].sort()).toEqual(files.map((file) => file.replace(/\.sql$/, '')));
    expect(byA.filter((version) => byB.includes(version))).toEqual([]);
    const { rows } = await a.query<{ n: number; distinct: number }>(
      'SELECT count(*)::int AS n, count(DISTINCT version)::int AS distinct FROM schema_migrations',
    );
    expect(rows[0]).toEqual({ n: files.length, distinct: files.length });
    // Nothing left for either, and a third start has nothing to do.
    expect(await migrate(b)).toEqual([]);
    expect(await migrate(a)).toEqual([]);
  });

  it('never applies a slow migration twice: the instance that waited for the lock skips it', { timeout: 60_000 }, async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'irisdesk-migrations-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    // A second run of either would fail: the table exists already, the key is taken.
    await writeFile(path.join(dir, '0001_slow_table.sql'), `SELECT pg_sleep(0.5); CREATE TABLE ledger (what text PRIMARY KEY, by_pid int);`);
    await writeFile(path.join(dir, '0002_slow_row.sql'), `SELECT pg_sleep(0.5); INSERT INTO ledger VALUES ('0002', pg_backend_pid());`);
    const [a, b] = await twoInstances();
    const started = Date.now();
    const [byA, byB] = await Promise.all([migrate(a, dir), migrate(b, dir)]);
    expect([...byA, ...byB].sort()).toEqual(['0001_slow_table', '0002_slow_row']);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    expect((await a.query('SELECT what FROM ledger')).rows).toEqual([{ what: '0002' }]);
  });
});
