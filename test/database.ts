// Test databases. Creating a database from scratch costs seconds, so the global setup migrates and seeds
// one template once; each test file then gets its own copy of it:
//  - PGlite (default): the template is a data-folder dump loaded into a new in-memory PGlite;
//  - PostgreSQL (TEST_DATABASE_URL): CREATE DATABASE … TEMPLATE, dropped when the file is done.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { openPglite, openPostgres, type Database } from '../src/platform/db/database.ts';

/**
 * The run's template: named after the run (the global setup sets IRISDESK_TEST_RUN, the workers inherit it),
 * so that two test runs at once on one machine never drop or overwrite each other's template.
 */
const run = () => process.env.IRISDESK_TEST_RUN ?? 'default';
export const templateDb = () => `irisdesk_test_template_${run()}`;
export const pgliteTemplateFile = () => path.join(process.cwd(), '.tmp', `pglite-template-${run()}.tar`);

export function serverUrl(database: string): string {
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Runs SQL on the server's maintenance database (CREATE/DROP DATABASE cannot run inside one). */
export async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl('postgres') });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function openTestDatabase(): Promise<Database & { drop: () => Promise<void>; connectionString: string | undefined }> {
  if (process.env.TEST_DATABASE_URL) {
    const name = `irisdesk_test_${process.pid}_${randomBytes(4).toString('hex')}`;
    await adminQuery(`CREATE DATABASE ${name} TEMPLATE ${templateDb()}`);
    const db = await openPostgres(serverUrl(name), { max: 5 });
    return Object.assign(db, {
      connectionString: serverUrl(name),
      async drop() {
        await db.close();
        await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      },
    });
  }
  const dump = await readFile(pgliteTemplateFile());
  const db = await openPglite('memory://', { loadDataDir: new Blob([dump]) });
  return Object.assign(db, { connectionString: undefined as string | undefined, drop: () => db.close() });
}

/**
 * A second, independent connection pool on the same test database, as another instance of IrisDesk would
 * have (PostgreSQL only; PGlite is one connection in one process, so there it returns the same database).
 * Closing it does not close the first.
 */
export async function openSecondPool(db: Database & { connectionString: string | undefined }, max = 5): Promise<Database> {
  if (!db.connectionString) return Object.assign(Object.create(db) as Database, { close: async () => undefined });
  return openPostgres(db.connectionString, { max });
}
