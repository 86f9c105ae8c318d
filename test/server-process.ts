// Starts the real IrisDesk server as a child process (browser tests, crash tests): a free port, demo data, and
// a fresh database of its own — a new PGlite data folder by default, or a new database on the PostgreSQL
// server of TEST_DATABASE_URL. stop() ends the process (SIGTERM, then SIGKILL) and removes the database;
// kill() ends it at once (SIGKILL, as a crash) and keeps the database, which startServer({ database }) can
// start a server on again and openServerDatabase() can read.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { openPglite, openPostgres, type Database } from '../src/platform/db/database.ts';
import { adminQuery, serverUrl } from './database.ts';

export interface TestServer {
  /** Origin such as http://127.0.0.1:41234 (no trailing slash). */
  url: string;
  /** Ends the server (SIGTERM, then SIGKILL) and removes its database. */
  stop: () => Promise<void>;
  /** Ends the server at once with SIGKILL, as a crash would; the database is kept (remove it with database.drop()). */
  kill: () => Promise<void>;
  database: ServerDatabase;
  /** Whether the server's process is still running (it never exited since it started). */
  running: () => boolean;
  /** Sends a signal (e.g. SIGTERM for a graceful stop) without waiting; `exited` tells how the process ended. */
  signal: (name: NodeJS.Signals) => void;
  /** Resolves when the process has exited: its exit code, or the signal that ended it. */
  exited: () => Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The last 20,000 characters the server wrote (stdout and stderr). */
  output: () => string;
}

/** A server's database: the environment that points a server at it, and how to remove it. */
export interface ServerDatabase {
  env: Record<string, string>;
  drop: () => Promise<void>;
}

const ROOT = path.resolve(import.meta.dirname, '..');
// Generous: a first start migrates and seeds a new database, which takes long on a busy machine.
const START_TIMEOUT_MS = 240_000;
const STOP_TIMEOUT_MS = 10_000;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** A fresh database for one server: returns the environment to pass and how to remove it. */
async function freshDatabase(): Promise<ServerDatabase> {
  if (process.env.TEST_DATABASE_URL) {
    const name = `irisdesk_e2e_${randomBytes(6).toString('hex')}`;
    await adminQuery(`CREATE DATABASE ${name}`);
    return {
      env: { DATABASE_URL: serverUrl(name) },
      drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
    };
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'irisdesk-e2e-'));
  return { env: { DATA_DIR: dir }, drop: () => rm(dir, { recursive: true, force: true }) };
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), STOP_TIMEOUT_MS).unref());
  if ((await Promise.race([exited(child), timer])) === 'timeout') {
    child.kill('SIGKILL');
    await exited(child);
  }
}

/** The database of a server that is not running (after kill()), opened in this process. */
export async function openServerDatabase(database: ServerDatabase): Promise<Database> {
  return database.env.DATABASE_URL ? openPostgres(database.env.DATABASE_URL, { max: 2 }) : openPglite(database.env.DATA_DIR!);
}

/** How the server process is started: node's arguments and the folder it runs in. */
export interface ServerCommand {
  args: string[];
  cwd: string;
}

// node --import tsx (not the tsx binary, which adds a second process in between) so signals reach the server.
const FROM_SOURCE: ServerCommand = { args: ['--import', 'tsx', 'src/main.ts'], cwd: ROOT };

/**
 * `env` adds or overrides settings of the server (e.g. shorter database timeouts); `command` runs something else
 * than the TypeScript sources, such as the build (`{ args: ['dist/main.js'], cwd: buildFolder }`).
 */
export async function startServer(
  options: { database?: ServerDatabase; env?: Record<string, string>; command?: ServerCommand; port?: number } = {},
): Promise<TestServer> {
  const port = options.port ?? (await freePort()); // a fixed port: an instance restarted behind a load balancer
  const database = options.database ?? (await freshDatabase());
  const env: Record<string, string | undefined> = {
    ...process.env,
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    PORT: String(port),
    SEED_DEMO: 'true',
    LOG_LEVEL: 'warn',
    // Every browser-test file shares this server and comes from 127.0.0.1: the public contact form's
    // per-address limit (tested by the integration tests) would otherwise count all files' posts together.
    CONTACT_INTAKE_LIMIT: '1000',
    // Test suites hash passwords at the minimal cost (src/identity/passwords.ts): dozens of sign-ins per run.
    PASSWORD_HASH_COST: 'minimal',
    // No load balancer to drain in front of a test server: stop() stops at once (a shutdown test sets its own).
    SHUTDOWN_DRAIN_MS: '0',
    ...database.env,
    ...options.env,
  };
  // The server must use exactly the database chosen above.
  if (!database.env.DATABASE_URL) delete env.DATABASE_URL;
  delete env.TEST_DATABASE_URL;

  const command = options.command ?? FROM_SOURCE;
  const child = spawn(process.execPath, command.args, { cwd: command.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);

  const url = `http://127.0.0.1:${port}`;
  let stopping = false;
  let ready = false;
  child.once('exit', (code, signal) => {
    // A server that dies in the middle of the tests explains every failure that follows: say so loudly.
    if (ready && !stopping) process.stderr.write(`\nIrisDesk test server exited unexpectedly (${code ?? signal}). Its output:\n${output}\n`);
  });
  const stop = async () => {
    stopping = true;
    try {
      await stopProcess(child);
    } finally {
      await database.drop();
    }
  };

  const deadline = Date.now() + START_TIMEOUT_MS;
  try {
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`the server exited (${child.exitCode ?? child.signalCode}) before it was ready`);
      }
      if (Date.now() > deadline) throw new Error(`the server was not ready within ${START_TIMEOUT_MS / 1000} s`);
      try {
        const response = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2_000) });
        if (response.status === 200) break;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } catch (error) {
    await stop();
    throw new Error(`IrisDesk did not start for the browser tests: ${(error as Error).message}\n--- server output ---\n${output}`, { cause: error });
  }
  ready = true;
  const kill = async () => {
    stopping = true;
    child.kill('SIGKILL');
    await exited(child);
  };
  const running = () => child.exitCode === null && child.signalCode === null;
  const signal = (name: NodeJS.Signals) => {
    stopping = true;
    child.kill(name);
  };
  const exitedWith = async () => {
    await exited(child);
    return { code: child.exitCode, signal: child.signalCode };
  };
  return { url, stop, kill, database, running, signal, exited: exitedWith, output: () => output };
}
