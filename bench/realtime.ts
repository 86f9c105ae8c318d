// Realtime latency: an event published by one instance reaching browsers connected (Server-Sent Events) to
// another. With BENCH_DATABASE_URL (a PostgreSQL server URL whose user may create databases): a real server
// process (instance B) on a fresh database, and this process as instance A publishing through its own
// connection pool — two processes, one PostgreSQL. Without it: PGlite, one process (the app in-process).
//   npm run bench -- realtime [--events 200] [--clients 20]
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { freePort } from '../test/server-process.ts';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { openPglite, openPostgres, type Database } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { seed } from '../src/seed/index.ts';
import { loadConfig } from '../src/config.ts';
import { createApp } from '../src/app.ts';
import { publish } from '../src/platform/realtime/publish.ts';
import { channels } from '../src/platform/realtime/channels.ts';
import { DEMO_PASSWORD } from '../src/seed/demo.ts';
import { connectEventStream, type SseClient } from '../test/sse.ts';
import { option, percentile, waitUntilReady } from './support.ts';

async function signIn(baseUrl: string, email: string): Promise<string> {
  const page = await fetch(`${baseUrl}/en/login`);
  const csrfCookie = page.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
  const response = await fetch(`${baseUrl}/en/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrfCookie },
    body: new URLSearchParams({ email, password: DEMO_PASSWORD, _csrf: token }).toString(),
  });
  if (response.status !== 303) throw new Error(`sign-in failed: ${response.status}`);
  const session = response.headers.getSetCookie().find((c) => c.startsWith('irisdesk_session='));
  return session!.split(';')[0]!;
}

async function measure(publisher: Database, baseUrl: string, events: number, clients: number, label: string) {
  const cookie = await signIn(baseUrl, 'agent@demo.irisdesk.brussels');
  const { rows } = await publisher.query<{ id: string }>(`SELECT id FROM accounts WHERE email = 'agent@demo.irisdesk.brussels'`);
  const channel = channels.account(rows[0]!.id);
  const streams: SseClient[] = [];
  for (let i = 0; i < clients; i++) streams.push(await connectEventStream(`${baseUrl}/api/v1/events/me`, { cookie }));
  // warm-up
  for (let n = 0; n < 10; n++) {
    await publish(publisher, channel, { type: 'bench.warmup', data: { n } });
    await Promise.all(streams.map((s) => s.waitFor((e) => e.event === 'bench.warmup' && JSON.parse(e.data).n === n)));
  }
  const latencies: number[] = [];
  const firstArrivals: number[] = [];
  for (let n = 0; n < events; n++) {
    const started = performance.now();
    await publish(publisher, channel, { type: 'bench.event', data: { n, reference: 'CR-2026-000042' } });
    const received = await Promise.all(streams.map((s) => s.waitFor((e) => e.event === 'bench.event' && JSON.parse(e.data).n === n, 10_000)));
    const times = received.map((e) => e.receivedAt - started);
    latencies.push(...times);
    firstArrivals.push(Math.min(...times));
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  for (const stream of streams) stream.close();
  latencies.sort((x, y) => x - y);
  firstArrivals.sort((x, y) => x - y);
  console.log(
    `${label}: ${events} events × ${clients} SSE clients — publish→browser p50 ${percentile(latencies, 50).toFixed(1)} ms, ` +
      `p95 ${percentile(latencies, 95).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms, max ${latencies.at(-1)!.toFixed(1)} ms ` +
      `(first client p95 ${percentile(firstArrivals, 95).toFixed(1)} ms)`,
  );
}

async function onPostgres(baseUrl: string, events: number, clients: number) {
  const name = `irisdesk_bench_rt_${randomBytes(4).toString('hex')}`;
  const adminUrl = new URL(baseUrl);
  adminUrl.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: adminUrl.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const dbUrl = new URL(baseUrl);
  dbUrl.pathname = `/${name}`;
  const port = await freePort();
  let child: ChildProcess | undefined;
  let publisher: Database | undefined;
  try {
    child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: {
        ...process.env,
        DATABASE_URL: dbUrl.toString(),
        SEED_DEMO: 'true',
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        NODE_ENV: 'development',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const url = `http://127.0.0.1:${port}`;
    await waitUntilReady(url, 60000);
    publisher = await openPostgres(dbUrl.toString(), { max: 4 });
    await measure(publisher, url, events, clients, 'PostgreSQL, two processes (publisher → server B → SSE)');
  } finally {
    await publisher?.close();
    if (child) {
      child.kill('SIGTERM');
      await new Promise((resolve) => child!.once('exit', resolve));
    }
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

async function onPglite(events: number, clients: number) {
  const db = await openPglite('memory://');
  await migrate(db);
  await seed(db, { demo: true });
  const config = loadConfig({ NODE_ENV: 'development', LOG_LEVEL: 'silent', DATA_DIR: 'memory://' });
  const { app } = await createApp({ config, db });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  try {
    await measure(db, url, events, clients, 'PGlite, one process');
  } finally {
    await app.close();
    await db.close();
  }
}

export async function benchRealtime(args: string[]) {
  const events = option(args, 'events', 200);
  const clients = option(args, 'clients', 20);
  await onPglite(events, clients);
  const serverUrl = process.env.BENCH_DATABASE_URL;
  if (serverUrl) await onPostgres(serverUrl, events, clients);
  else console.log('(set BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres for the two-process run on PostgreSQL)');
}
