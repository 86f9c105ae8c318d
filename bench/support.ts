// What every bench shares: the nearest-rank percentile of a list of timings, and waiting for a server
// process to answer /readyz, numeric command-line options, the bench database.
import pg from 'pg';
import { openPglite, openPostgres, type Database } from '../src/platform/db/database.ts';

/** Nearest-rank percentile (p in 0–100) of unsorted values; NaN for an empty list. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** Polls `${url}/readyz` every 100 ms until it answers 200; throws after timeoutMs. */
export async function waitUntilReady(url: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(`${url}/readyz`)).status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server at ${url} not ready after ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A numeric command-line option, `--name value` or `--name=value`; the fallback when absent or not a number ≥ 0. */
export function option(args: readonly string[], name: string, fallback: number): number {
  const inline = args.find((arg) => arg.startsWith(`--${name}=`));
  const index = args.indexOf(`--${name}`);
  const raw = inline !== undefined ? inline.slice(name.length + 3) : index >= 0 ? args[index + 1] : undefined;
  const value = raw === undefined ? Number.NaN : Number(raw);
  return Number.isFinite(value) && value >= 0 ? value : fallback;
}

/**
 * The bench's database: in-memory PGlite, or a fresh database of that name (dropped first) on the
 * PostgreSQL server of BENCH_DATABASE_URL.
 */
export async function openBenchDatabase(name: string, max = 10): Promise<Database> {
  const server = process.env.BENCH_DATABASE_URL;
  if (!server) return openPglite('memory://');
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(server);
  url.pathname = `/${name}`;
  return openPostgres(url.toString(), { max });
}
