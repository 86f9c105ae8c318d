// Once per test run: a migrated, seeded template database that every integration test file copies.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { openPglite, openPostgres } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { seed } from '../src/seed/index.ts';
import { adminQuery, PGLITE_TEMPLATE_FILE, serverUrl, TEMPLATE_DB } from './database.ts';

export default async function setup() {
  if (process.env.TEST_DATABASE_URL) {
    await adminQuery(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
    await adminQuery(`CREATE DATABASE ${TEMPLATE_DB}`);
    const db = await openPostgres(serverUrl(TEMPLATE_DB), { max: 2 });
    await migrate(db);
    await seed(db, { demo: true });
    await db.close();
    return;
  }
  const db = await openPglite('memory://');
  await migrate(db);
  await seed(db, { demo: true });
  const dump = await db.dumpDataDir();
  await db.close();
  await mkdir(path.dirname(PGLITE_TEMPLATE_FILE), { recursive: true });
  await writeFile(PGLITE_TEMPLATE_FILE, Buffer.from(await dump.arrayBuffer()));
}
