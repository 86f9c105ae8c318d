// npm run migrate: applies pending migrations to the configured database and exits.
import { mkdir } from 'node:fs/promises';
import { ConfigError, loadConfig } from '../config.ts';
import { openDatabase } from '../platform/db/database.ts';
import { migrate } from '../platform/db/migrate.ts';

try {
  const config = loadConfig();
  if (!config.databaseUrl && !config.dataDir.startsWith('memory://')) await mkdir(config.dataDir, { recursive: true });
  const db = await openDatabase(config);
  const applied = await migrate(db);
  console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
  await db.close();
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : `Migration failed: ${(error as Error).message}`);
  process.exit(1);
}
