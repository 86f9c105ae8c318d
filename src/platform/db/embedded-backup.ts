// Backups of the embedded database (PGlite in DATA_DIR; decision 0035). PGlite is one process's database: a
// second process must never open a data folder a running server holds, so the running server makes the copy
// itself. `npm run backup -- <file>` (src/cli/backup.ts) leaves a request in DATA_DIR and sends the server
// SIGUSR2; the server copies its data folder between two statements (a crash-consistent copy, after a
// CHECKPOINT: what was committed is in it, a transaction still open is rolled back when the copy starts) and
// answers in DATA_DIR. With no server running, the command opens the folder itself. Restoring is starting on the
// copy: restoreEmbeddedBackup unpacks it into a new data folder.
import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { openPglite, type Database } from './database.ts';

const PID_FILE = 'irisdesk.pid';
const REQUEST_FILE = 'irisdesk-backup-request.json';
const RESULT_FILE = 'irisdesk-backup-result.json';

interface BackupLogger {
  info(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

type Dumpable = Database & { dumpDataDir: () => Promise<Blob> };
const isDumpable = (db: Database): db is Dumpable => db.engine === 'pglite' && 'dumpDataDir' in db;

/** Writes a gzipped copy of the embedded database's data folder to `file` (atomically: a temporary name, then renamed). */
export async function writeEmbeddedBackup(db: Database, file: string): Promise<{ bytes: number }> {
  if (!isDumpable(db)) throw new Error('only the embedded database (PGlite) is backed up this way; use pg_dump for PostgreSQL');
  await db.exec('CHECKPOINT'); // the copy then needs little recovery when it starts
  const tar = Buffer.from(await (await db.dumpDataDir()).arrayBuffer());
  const gzipped = gzipSync(tar);
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  const partial = `${file}.partial-${process.pid}`;
  await writeFile(partial, gzipped);
  await rename(partial, file);
  return { bytes: gzipped.length };
}

/** Unpacks a backup into `dataDir`, which must not hold a database yet; a server started on it finds everything. */
export async function restoreEmbeddedBackup(file: string, dataDir: string): Promise<void> {
  const existing = await readdir(dataDir).catch(() => [] as string[]);
  if (existing.length > 0) throw new Error(`${dataDir} is not empty: restore into a new folder, then point DATA_DIR at it`);
  const tar = gunzipSync(await readFile(file));
  await mkdir(dataDir, { recursive: true });
  const db = await openPglite(dataDir, { loadDataDir: new Blob([tar]) });
  try {
    await db.query('SELECT 1');
  } finally {
    await db.close();
  }
}

/**
 * In the server (src/main.ts, PGlite only): answers backup requests sent with SIGUSR2. Returns the function
 * that stops answering (at shutdown).
 */
export async function serveBackupRequests(db: Database, dataDir: string, log: BackupLogger): Promise<() => Promise<void>> {
  const pidFile = path.join(dataDir, PID_FILE);
  await writeFile(pidFile, String(process.pid));
  let running = Promise.resolve();
  const answer = async () => {
    let id = 'unknown';
    let result: object;
    try {
      const request = JSON.parse(await readFile(path.join(dataDir, REQUEST_FILE), 'utf8')) as { id: string; file: string };
      id = request.id;
      const started = Date.now();
      const { bytes } = await writeEmbeddedBackup(db, request.file);
      log.info({ file: request.file, bytes, ms: Date.now() - started }, 'embedded database backed up');
      result = { id, ok: true, bytes };
    } catch (error) {
      log.error({ err: error }, 'embedded database backup failed');
      result = { id, ok: false, error: (error as Error).message };
    }
    // Written whole or not at all: the command reads this file while waiting.
    const partial = path.join(dataDir, `${RESULT_FILE}.partial`);
    await writeFile(partial, JSON.stringify(result));
    await rename(partial, path.join(dataDir, RESULT_FILE));
  };
  const onSignal = () => {
    running = running.then(answer); // one backup at a time, in order
  };
  process.on('SIGUSR2', onSignal);
  return async () => {
    process.off('SIGUSR2', onSignal);
    await running;
    await rm(pidFile, { force: true });
  };
}

/** The pid of a live server on this data folder, if one runs. */
async function serverPid(dataDir: string): Promise<number | undefined> {
  const pid = Number(await readFile(path.join(dataDir, PID_FILE), 'utf8').catch(() => ''));
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    process.kill(pid, 0);
  } catch {
    return undefined; // a pid file left by a server that did not stop cleanly
  }
  // A pid left by a crashed server may belong to another program by now: SIGUSR2 would end it. On Linux, make
  // sure it is IrisDesk's entry point (dist/main.js or src/main.ts).
  const commandLine = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => undefined);
  if (commandLine !== undefined && !/main\.(js|ts)\b/.test(commandLine)) return undefined;
  return pid;
}

/**
 * Backs up the embedded database of `dataDir` into `file`: through the server running on it, or, when none runs,
 * by opening it here. `via` says which.
 */
export async function backupEmbeddedDatabase(dataDir: string, file: string, timeoutMs = 10 * 60_000): Promise<{ bytes: number; via: 'server' | 'folder' }> {
  const target = path.resolve(file);
  const pid = await serverPid(dataDir);
  if (pid === undefined) {
    const db = await openPglite(dataDir);
    try {
      return { ...(await writeEmbeddedBackup(db, target)), via: 'folder' };
    } finally {
      await db.close();
    }
  }
  const id = randomUUID();
  const resultFile = path.join(dataDir, RESULT_FILE);
  await writeFile(path.join(dataDir, REQUEST_FILE), JSON.stringify({ id, file: target }));
  process.kill(pid, 'SIGUSR2');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = await readFile(resultFile, 'utf8').catch(() => '');
    let result: { id?: string; ok?: boolean; bytes?: number; error?: string } = {};
    try {
      result = JSON.parse(text) as typeof result;
    } catch {
      // no answer yet (or the answer to an earlier request)
    }
    if (result.id === id) {
      if (!result.ok) throw new Error(`the server could not back up: ${result.error}`);
      return { bytes: result.bytes ?? 0, via: 'server' };
    }
    if (Date.now() > deadline) throw new Error(`the server (pid ${pid}) did not answer within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
