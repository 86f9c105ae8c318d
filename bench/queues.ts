// Queue tickets: `npm run bench -- queues [--waiting 3000] [--history 20000] [--calls 300] [--clients 10]`
// Targets (issue 5): call next p95 < 30 ms; a call reaches a display board connected to ANOTHER instance in
// < 200 ms p95.
//   1. call next: three agents at three counters of a busy town hall (N tickets waiting over four services,
//      a history of served tickets for the estimate), each call timed in the service (the transaction:
//      lock the counter, SKIP LOCKED pick, update, NOTIFY) and through HTTP (in-process inject: session,
//      routing, validation, JSON). Runs on PGlite, and on PostgreSQL with BENCH_DATABASE_URL.
//   2. call → board on another instance (BENCH_DATABASE_URL only): a real server process B on the same
//      database, display boards connected to it by Server-Sent Events; this process (instance A) calls the
//      next ticket; the time from the start of the call to the event's arrival at each board.
//   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench -- queues
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { freePort } from '../test/server-process.ts';
import { openPglite, openPostgres, type Database } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { seed } from '../src/seed/index.ts';
import { loadConfig } from '../src/config.ts';
import { createApp } from '../src/app.ts';
import { DEMO_PASSWORD } from '../src/seed/demo.ts';
import type { Actor } from '../src/identity/actor.ts';
import type { App } from '../src/platform/http/types.ts';
import type { Services } from '../src/services.ts';
import { connectEventStream, type SseClient } from '../test/sse.ts';
import { option, percentile, waitUntilReady } from './support.ts';

const ms = (value: number) => `${value.toFixed(1)} ms`;
const summary = (values: number[]) =>
  `p50 ${ms(percentile(values, 50))}  p95 ${ms(percentile(values, 95))}  p99 ${ms(percentile(values, 99))}  max ${ms(Math.max(...values))}`;

const AGENTS = ['agent@demo.irisdesk.brussels', 'manager@demo.irisdesk.brussels', 'backoffice@demo.irisdesk.brussels'];

interface Setup {
  pointId: string;
  counters: string[];
  actors: Actor[];
}

/** A busy town hall: open 24/7, `waiting` tickets over its four services, `history` served tickets. */
async function prepare(db: Database, services: Services, waiting: number, history: number): Promise<Setup> {
  const { rows: points } = await db.query<{ id: string }>(
    `SELECT cp.id FROM contact_points cp JOIN organisations o ON o.id = cp.organisation_id WHERE o.code = 'commune-schaerbeek' AND cp.code = 'maison-communale'`,
  );
  const pointId = points[0]!.id;
  await db.query(`UPDATE contact_points SET opening_hours = '24/7' WHERE id = $1`, [pointId]);
  const { rows: counterRows } = await db.query<{ id: string }>(`SELECT id FROM queue_counters WHERE contact_point_id = $1 ORDER BY name`, [pointId]);
  const actors: Actor[] = [];
  for (const email of AGENTS) {
    const { rows } = await db.query<{ id: string; organisation_id: string; roles: Actor['roles'] }>(
      `SELECT id, organisation_id, roles FROM accounts WHERE email = $1`,
      [email],
    );
    actors.push({
      accountId: rows[0]!.id,
      organisationId: rows[0]!.organisation_id,
      organisationCode: 'commune-schaerbeek',
      displayName: email,
      email,
      roles: rows[0]!.roles,
      unitIds: [],
      preferredLanguage: 'fr',
    });
  }
  // History: served tickets of the past week (their service times feed the estimate), in bulk.
  await db.query(
    `INSERT INTO queue_tickets (contact_point_id, organisation_id, queue_service_id, service_code, prefix, number, day, status, language,
                                issued_at, queued_at, called_at, serving_at, finished_at, outcome)
     SELECT qs.contact_point_id, qs.organisation_id, qs.id, s.code, qs.prefix, 100000 + g, (now() - (g % 7) * interval '1 day')::date, 'done', 'fr',
            now() - (g % 7) * interval '1 day' - interval '30 minutes', now() - (g % 7) * interval '1 day' - interval '30 minutes',
            now() - (g % 7) * interval '1 day' - interval '12 minutes', now() - (g % 7) * interval '1 day' - interval '12 minutes',
            now() - (g % 7) * interval '1 day' - make_interval(mins => g % 10), 'answered_first_contact'
       FROM generate_series(1, $2::int) g
       JOIN LATERAL (SELECT * FROM queue_services WHERE contact_point_id = $1 ORDER BY prefix OFFSET (g % 4) LIMIT 1) qs ON true
       JOIN services s ON s.id = qs.service_id`,
    [pointId, history],
  );
  const codes = ['eid-card', 'passport', 'change-of-address', 'household-composition-certificate'];
  const started = performance.now();
  for (let i = 0; i < waiting; i++) {
    const priority = i % 25 === 0 ? 'elderly' : i % 40 === 0 ? 'pregnancy' : null;
    await services.queues.issueTicket(pointId, { serviceCode: codes[i % codes.length]!, priorityCategory: priority, language: 'fr' });
  }
  const issueMs = (performance.now() - started) / waiting;
  for (const [index, actor] of actors.entries()) await services.queues.openCounter(actor, counterRows[index]!.id);
  console.log(`  ${waiting} tickets waiting (issued at ${ms(issueMs)} each), ${history} served tickets in the history, 3 counters open`);
  return { pointId, counters: counterRows.slice(0, 3).map((c) => c.id), actors };
}

async function signIn(app: App, email: string): Promise<string> {
  const page = await app.inject({ method: 'GET', url: '/en/login' });
  const csrf = page.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const token = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
  const response = await app.inject({
    method: 'POST',
    url: '/en/login',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrf },
    payload: new URLSearchParams({ email, password: DEMO_PASSWORD, _csrf: token }).toString(),
  });
  if (response.statusCode !== 303) throw new Error(`sign-in failed: ${response.statusCode}`);
  const session = response.cookies.find((c) => c.name === 'irisdesk_session')!;
  return `irisdesk_session=${session.value}`;
}

/** Call next, timed, at three counters in turn (each call followed by finishing the ticket, untimed). */
async function benchCallNext(app: App, services: Services, setup: Setup, calls: number) {
  const inService: number[] = [];
  for (let n = 0; n < calls + 20; n++) {
    const index = n % 3;
    const started = performance.now();
    const ticket = await services.queues.callNext(setup.actors[index]!, setup.counters[index]!);
    if (n >= 20) inService.push(performance.now() - started); // the first 20 warm up
    if (!ticket) throw new Error('the queue ran out: raise --waiting');
    await services.queues.finish(setup.actors[index]!, setup.counters[index]!, 'answered_first_contact');
  }
  console.log(`  call next, in the service:  ${summary(inService)}  (target p95 < 30 ms)`);
  const cookies = await Promise.all(AGENTS.map((email) => signIn(app, email)));
  const overHttp: number[] = [];
  for (let n = 0; n < calls; n++) {
    const index = n % 3;
    const started = performance.now();
    const response = await app.inject({
      method: 'POST',
      url: `/api/v1/queue-counters/${setup.counters[index]}/call-next`,
      headers: { cookie: cookies[index]!, 'content-type': 'application/json' },
      payload: '{}',
    });
    overHttp.push(performance.now() - started);
    if (response.statusCode !== 200 || !response.json().ticket) throw new Error(`call next answered ${response.statusCode}`);
    await app.inject({
      method: 'POST',
      url: `/api/v1/queue-counters/${setup.counters[index]}/finish`,
      headers: { cookie: cookies[index]!, 'content-type': 'application/json' },
      payload: '{"outcome":"answered_first_contact"}',
    });
  }
  console.log(`  call next, through HTTP:    ${summary(overHttp)}  (session, routing, validation, JSON; in-process inject)`);
  const wait = await app.inject({ method: 'GET', url: `/api/v1/contact-points/${setup.pointId}/wait` });
  const waitTimes: number[] = [];
  for (let n = 0; n < 100; n++) {
    const started = performance.now();
    await app.inject({ method: 'GET', url: `/api/v1/contact-points/${setup.pointId}/wait` });
    waitTimes.push(performance.now() - started);
  }
  console.log(
    `  GET …/wait:                 ${summary(waitTimes)}  (${wait
      .json()
      .services.map((s: { prefix: string; estimatedWaitMinutes: number }) => `${s.prefix} ≈ ${s.estimatedWaitMinutes} min`)
      .join(', ')})`,
  );
}

async function onPglite(args: string[]) {
  console.log('PGlite, one process');
  const db = await openPglite('memory://');
  await migrate(db);
  await seed(db, { demo: true });
  const config = loadConfig({ NODE_ENV: 'development', LOG_LEVEL: 'silent', DATA_DIR: 'memory://' });
  const { app, services } = await createApp({ config, db });
  await app.ready();
  try {
    const calls = option(args, 'calls', 300);
    const setup = await prepare(db, services, option(args, 'waiting', 3000), option(args, 'history', 20000));
    await benchCallNext(app, services, setup, calls);
  } finally {
    await app.close();
    await db.close();
  }
}

async function onPostgres(serverUrl: string, args: string[]) {
  console.log('PostgreSQL server');
  const name = `irisdesk_bench_queues_${randomBytes(4).toString('hex')}`;
  const adminUrl = new URL(serverUrl);
  adminUrl.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: adminUrl.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const dbUrl = new URL(serverUrl);
  dbUrl.pathname = `/${name}`;
  let child: ChildProcess | undefined;
  let db: Database | undefined;
  let app: App | undefined;
  const streams: SseClient[] = [];
  try {
    db = await openPostgres(dbUrl.toString(), { max: 10 });
    await migrate(db);
    await seed(db, { demo: true });
    const config = loadConfig({ NODE_ENV: 'development', LOG_LEVEL: 'silent', DATABASE_URL: dbUrl.toString() });
    const built = await createApp({ config, db });
    app = built.app;
    await app.ready();
    const calls = option(args, 'calls', 300);
    const setup = await prepare(db, built.services, option(args, 'waiting', 3000), option(args, 'history', 20000));
    await benchCallNext(app, built.services, setup, calls);

    // Instance B: a real server process on the same database; the display boards connect to it.
    const port = await freePort();
    child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: {
        ...process.env,
        DATABASE_URL: dbUrl.toString(),
        SEED_DEMO: 'false',
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        NODE_ENV: 'development',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const url = `http://127.0.0.1:${port}`;
    await waitUntilReady(url, 60_000);
    const clients = option(args, 'clients', 10);
    for (let i = 0; i < clients; i++) streams.push(await connectEventStream(`${url}/api/v1/contact-points/${setup.pointId}/events`));
    const events = option(args, 'events', 200);
    const latencies: number[] = [];
    const first: number[] = [];
    for (let n = 0; n < events + 10; n++) {
      const index = n % 3;
      const started = performance.now();
      const ticket = await built.services.queues.callNext(setup.actors[index]!, setup.counters[index]!);
      if (!ticket) throw new Error('the queue ran out: raise --waiting');
      const received = await Promise.all(
        streams.map((s) => s.waitFor((e) => e.event === 'ticket.called' && JSON.parse(e.data).number === ticket.number && e.receivedAt > started, 10_000)),
      );
      const times = received.map((e) => e.receivedAt - started);
      if (n >= 10) {
        latencies.push(...times); // the first ten are warm-up
        first.push(Math.min(...times));
      }
      await built.services.queues.finish(setup.actors[index]!, setup.counters[index]!, 'answered_first_contact');
    }
    console.log(`  call → board on another instance (two processes), ${events} calls × ${clients} boards: ${summary(latencies)}  (target p95 < 200 ms)`);
    console.log(`    first board to receive: p95 ${ms(percentile(first, 95))}`);
  } finally {
    for (const stream of streams) stream.close();
    await app?.close();
    await db?.close();
    if (child) {
      child.kill('SIGTERM');
      await new Promise((resolve) => child!.once('exit', resolve));
    }
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

export async function benchQueues(args: string[]) {
  await onPglite(args);
  const serverUrl = process.env.BENCH_DATABASE_URL;
  if (serverUrl) await onPostgres(serverUrl, args);
  else console.log('(set BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres for PostgreSQL and the two-process board latency)');
}
