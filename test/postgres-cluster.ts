// A PostgreSQL server of a test's own, which the test may stop, start and freeze: initdb into a new folder
// under the system's temporary folder, a free port, its unix socket in that folder. Never the machine's shared
// server. It runs as the `postgres` OS user when the tests run as root (PostgreSQL refuses to run as root).
import { execFile, spawn } from 'node:child_process';
import { chown, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './server-process.ts';

const run = promisify(execFile);

/** POSTGRES_BIN, else the newest PostgreSQL of Debian's packages (/usr/lib/postgresql/<version>/bin). */
async function binaries(): Promise<string> {
  if (process.env.POSTGRES_BIN) return process.env.POSTGRES_BIN;
  const versions = (await readdir('/usr/lib/postgresql').catch(() => [])).filter((name) => /^\d+$/.test(name)).sort((a, b) => Number(b) - Number(a));
  if (versions.length === 0) throw new Error('no PostgreSQL server binaries in /usr/lib/postgresql (set POSTGRES_BIN)');
  return path.join('/usr/lib/postgresql', versions[0]!, 'bin');
}

export interface PostgresCluster {
  port: number;
  /** Connection URL of a database of this server (default: postgres). */
  url(database?: string): string;
  start(): Promise<void>;
  /** Copies a database of another server into this one's `postgres` database (pg_dump | pg_restore). */
  restore(sourceUrl: string): Promise<void>;
  /** pg_ctl stop: `fast` (sessions are told and ended) or `immediate` (no clean shutdown, recovery at start). */
  stop(mode: 'fast' | 'immediate'): Promise<void>;
  /** Freezes every process of the server (SIGSTOP): connections stay open and nothing answers, as in a hang. */
  freeze(): Promise<void>;
  thaw(): Promise<void>;
  /** Stops the server however it is and removes its folder. */
  destroy(): Promise<void>;
}

/** `postgres` user's ids when running as root; undefined otherwise (the server then runs as the current user). */
async function postgresUser(): Promise<{ uid: number; gid: number } | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const { stdout: uid } = await run('id', ['-u', 'postgres']);
  const { stdout: gid } = await run('id', ['-g', 'postgres']);
  return { uid: Number(uid), gid: Number(gid) };
}

export async function createPostgresCluster(): Promise<PostgresCluster> {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'irisdesk-pg-'));
  const dataDir = path.join(folder, 'data');
  const user = await postgresUser();
  const bin = await binaries();
  if (user) await chown(folder, user.uid, user.gid);
  const asPostgres = (command: string, args: string[]) =>
    user ? run('runuser', ['-u', 'postgres', '--', path.join(bin, command), ...args]) : run(path.join(bin, command), args);

  await asPostgres('initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C.UTF-8']);
  const port = await freePort();
  // fsync off: the machine does not crash in these tests, only the server stops; recovery replays the WAL.
  const serverOptions = `-p ${port} -k ${folder} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60`;
  let running = false;
  let frozen = false;

  const pids = async (): Promise<number[]> => {
    const postmaster = Number((await readFile(path.join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
    const { stdout } = await run('pgrep', ['-P', String(postmaster)]).catch(() => ({ stdout: '' }));
    return [postmaster, ...stdout.split('\n').filter(Boolean).map(Number)];
  };
  const cluster: PostgresCluster = {
    port,
    url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`,
    async start() {
      await asPostgres('pg_ctl', ['-D', dataDir, '-o', serverOptions, '-l', path.join(folder, 'server.log'), '-w', '-t', '60', 'start']);
      running = true;
    },
    async restore(sourceUrl) {
      // Client tools of the same version as this server; a newer pg_dump also reads an older source server.
      const dump = spawn(path.join(bin, 'pg_dump'), ['--format=custom', '--no-owner', '--no-privileges', sourceUrl], { stdio: ['ignore', 'pipe', 'pipe'] });
      const load = spawn(path.join(bin, 'pg_restore'), ['--no-owner', '--no-privileges', '--exit-on-error', '-d', cluster.url()], {
        stdio: ['pipe', 'ignore', 'pipe'],
      });
      dump.stdout.pipe(load.stdin);
      let errors = '';
      dump.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
      load.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
      const done = (child: typeof dump | typeof load) => new Promise<number>((resolve) => child.once('close', (code) => resolve(code ?? 1)));
      const [dumped, loaded] = await Promise.all([done(dump), done(load)]);
      if (dumped !== 0 || loaded !== 0) throw new Error(`copying ${sourceUrl} failed (pg_dump ${dumped}, pg_restore ${loaded}): ${errors.slice(0, 2000)}`);
    },
    async stop(mode) {
      await asPostgres('pg_ctl', ['-D', dataDir, '-m', mode, '-w', '-t', '60', 'stop']);
      running = false;
    },
    async freeze() {
      // The postmaster first, so that it forks no new backend while its children are being stopped.
      for (const pid of await pids()) process.kill(pid, 'SIGSTOP');
      frozen = true;
    },
    async thaw() {
      for (const pid of (await pids()).reverse()) process.kill(pid, 'SIGCONT');
      frozen = false;
    },
    async destroy() {
      try {
        if (frozen) await cluster.thaw();
        if (running) await cluster.stop('immediate');
      } finally {
        await rm(folder, { recursive: true, force: true });
      }
    },
  };
  return cluster;
}
