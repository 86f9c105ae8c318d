// Applies the ordered SQL files of src/platform/db/migrations once each. Every file runs in its own
// transaction under an advisory lock, so instances starting together never apply one twice
// (test/migrations-concurrent.int.test.ts); what a migration may contain: decision 0034.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './database.ts';

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
const LOCK_KEY = 727_274_001; // arbitrary, constant: "IrisDesk migrations"

export async function migrate(db: Database, dir = MIGRATIONS_DIR): Promise<string[]> {
  // Under the lock too: two instances starting on an empty database would both try to create the table, and
  // CREATE TABLE IF NOT EXISTS is not safe against a concurrent one (duplicate key in pg_type).
  await db.transaction(async (tx) => {
    await tx.exec(`SET LOCAL statement_timeout = 0; SELECT pg_advisory_xact_lock(${LOCK_KEY});
      CREATE TABLE IF NOT EXISTS schema_migrations (
        version text PRIMARY KEY,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
  });
  const files = (await readdir(dir)).filter((name) => /^\d{4}_[a-z0-9_]+\.sql$/.test(name)).sort();
  const { rows } = await db.query<{ version: string }>('SELECT version FROM schema_migrations');
  const done = new Set(rows.map((row) => row.version));
  const applied: string[] = [];
  for (const file of files) {
    const version = file.replace(/\.sql$/, '');
    if (done.has(version)) continue;
    const sql = await readFile(path.join(dir, file), 'utf8');
    const ran = await db.transaction(async (tx) => {
      // A migration may take long (an index on a big table), and so may waiting for another instance's: no
      // statement timeout in this transaction, and scripts (exec) are never cut by the client (decision 0023).
      await tx.exec(`SET LOCAL statement_timeout = 0; SELECT pg_advisory_xact_lock(${LOCK_KEY})`);
      const again = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [version]);
      if (again.rowCount > 0) return false; // another instance applied it while we waited
      await tx.exec(sql);
      await tx.query('INSERT INTO schema_migrations (version) VALUES ($1)', [version]);
      return true;
    });
    if (ran) applied.push(version);
  }
  return applied;
}
