// Start-up time of the real server process: a first start on an empty embedded database, then second starts
// on the same data (targets: ready in under 5 s on PGlite, under 2 s on PostgreSQL), and the same on the
// PostgreSQL server when BENCH_DATABASE_URL (a server URL whose user may create databases) is given.
// Prints wall time from spawn to the first 200 of /readyz, and the server's own "readyMs" (after Node and
// tsx have loaded the code).
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { freePort } from '../test/server-process.ts';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';

async function startOnce(env: Record<string, string>): Promise<{ wallMs: number; readyMs: number | undefined }> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info', NODE_ENV: 'development' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  try {
    for (;;) {
      if (performance.now() - started > 60_000) throw new Error(`no readiness after 60 s:\n${output}`);
      try {
        const response = await fetch(`http://127.0.0.1:${port}/readyz`);
        if (response.status === 200) break;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const wallMs = performance.now() - started;
    const readyMs = /"readyMs":(\d+)/.exec(output)?.[1];
    return { wallMs, readyMs: readyMs ? Number(readyMs) : undefined };
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

function line(label: string, run: { wallMs: number; readyMs: number | undefined }) {
  console.log(`${label.padEnd(34)} wall ${(run.wallMs / 1000).toFixed(2)} s   in-process readyMs ${run.readyMs ?? '?'}`);
}

export async function benchStartup(args: string[]) {
  const repeats = Number(args[0] ?? 3);
  const dataDir = await mkdtemp(path.join(tmpdir(), 'irisdesk-bench-'));
  try {
    console.log('PGlite (embedded, DATA_DIR):');
    line('  first start (new database)', await startOnce({ DATA_DIR: dataDir, SEED_DEMO: 'true' }));
    for (let i = 1; i <= repeats; i++) line(`  second start #${i} (same data)`, await startOnce({ DATA_DIR: dataDir, SEED_DEMO: 'true' }));
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
  const server = process.env.BENCH_DATABASE_URL;
  if (!server) {
    console.log('PostgreSQL: set BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres to measure it too.');
    return;
  }
  const name = `irisdesk_bench_startup_${process.pid}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  try {
    console.log('PostgreSQL server (DATABASE_URL):');
    line('  first start (new database)', await startOnce({ DATABASE_URL: url.toString(), SEED_DEMO: 'true' }));
    for (let i = 1; i <= repeats; i++) line(`  second start #${i} (same data)`, await startOnce({ DATABASE_URL: url.toString(), SEED_DEMO: 'true' }));
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}
