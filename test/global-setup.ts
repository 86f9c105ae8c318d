// Once per test run: a migrated, seeded template database that every integration test file copies.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { openPglite, openPostgres } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { seed } from '../src/seed/index.ts';
import { setPasswordHashCost } from '../src/identity/passwords.ts';
import { adminQuery, pgliteTemplateFile, serverUrl, templateDb } from './database.ts';

export default async function setup() {
  process.env.IRISDESK_TEST_RUN ??= String(process.pid);
  setPasswordHashCost('minimal'); // as the test apps do (NODE_ENV=test): see src/identity/passwords.ts
  if (process.env.TEST_DATABASE_URL) {
    const template = templateDb();
    await adminQuery(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    await adminQuery(`CREATE DATABASE ${template}`);
    const db = await openPostgres(serverUrl(template), { max: 2 });
    await migrate(db);
    await seed(db, { demo: true });
    await db.close();
    return async () => adminQuery(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
  }
  const db = await openPglite('memory://');
  await migrate(db);
  await seed(db, { demo: true });
  const dump = await db.dumpDataDir();
  await db.close();
  const file = pgliteTemplateFile();
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, Buffer.from(await dump.arrayBuffer()));
  return async () => rm(file, { force: true });
}
