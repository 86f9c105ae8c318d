// npm run backup -- <file>: backs up the configured database (decision 0035; docs/operations.md, "Backups").
//   PostgreSQL (DATABASE_URL): pg_dump in its custom format (restore: pg_restore --no-owner -d <new database>).
//   Embedded (DATA_DIR): a gzipped copy of the data folder, made by the running server itself (or from the folder
//   when no server runs). Restore: npm run backup -- --restore <file>, with DATA_DIR set to a new folder; then
//   start IrisDesk on that folder.
import { spawn } from 'node:child_process';
import { ConfigError, loadConfig } from '../config.ts';
import { backupEmbeddedDatabase, restoreEmbeddedBackup } from '../platform/db/embedded-backup.ts';

const USAGE = 'usage: npm run backup -- <file>   |   npm run backup -- --restore <file>   (embedded database: DATA_DIR is the new folder)';

function pgDump(databaseUrl: string, file: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${file}`, databaseUrl], {
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('error', (error) => reject(new Error(`pg_dump could not run (install the PostgreSQL client tools): ${error.message}`)));
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`pg_dump ended with code ${code}`))));
  });
}

try {
  const args = process.argv.slice(2).filter((arg) => arg !== '--');
  const restore = args[0] === '--restore';
  const file = restore ? args[1] : args[0];
  if (!file || file.startsWith('--')) {
    console.error(USAGE);
    process.exit(2);
  }
  const config = loadConfig();
  if (restore) {
    if (config.databaseUrl) throw new Error('with DATABASE_URL, restore with pg_restore --no-owner -d <new database> <file> (docs/operations.md)');
    await restoreEmbeddedBackup(file, config.dataDir);
    console.log(`Restored ${file} into ${config.dataDir}: start IrisDesk with DATA_DIR=${config.dataDir}.`);
  } else if (config.databaseUrl) {
    await pgDump(config.databaseUrl, file);
    console.log(`Backed up the PostgreSQL database to ${file} (pg_dump, custom format).`);
  } else {
    const { bytes, via } = await backupEmbeddedDatabase(config.dataDir, file);
    console.log(
      `Backed up the embedded database to ${file} (${Math.round(bytes / 1024)} KiB, ${via === 'server' ? 'made by the running server' : 'no server was running'}).`,
    );
  }
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : `Backup failed: ${(error as Error).message}`);
  process.exit(1);
}
