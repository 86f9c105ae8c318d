// Satisfaction dashboards at scale: `npm run bench -- satisfaction [--contacts N] [--answers N] [--organisations N] [--months N] [--reuse]`
// Target (issue 6): 10,000,000 contacts and 2,000,000 answers over 24 months for 60 organisations; the
// regional dashboard and an organisation dashboard render in < 500 ms p95 on the PostgreSQL server;
// recording one answer < 20 ms p95. Contacts are feedback invitations; one in five is answered by default.
// The same contacts are also written to cc_contacts (channel, service, contact point, start, duration,
// outcome) so that the operations views (docs/decisions/0018) read operations_aggregates of that size;
// the other operations sources (requests, tickets, appointments, incidents) stay small.
//   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench -- satisfaction --contacts 10000000 --answers 2000000
// Without BENCH_DATABASE_URL it runs on PGlite in memory (use a smaller size there). On the server it
// builds (or with --reuse keeps) a database named irisdesk_bench_satisfaction; --reuse --generate continues an
// interrupted generation (contacts made are kept; answers and aggregates are redone).
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { openPglite, openPostgres, type Database } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { seedReferenceOrganisations } from '../src/seed/reference.ts';
import { seedCatalogue } from '../src/seed/catalogue.ts';
import { seedDemoData } from '../src/seed/demo.ts';
import { DEMO_PASSWORD } from '../src/seed/demo.ts';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { rebuildAggregates } from '../src/satisfaction/repository.ts';
import { refreshMonths } from '../src/satisfaction/operations/repository.ts';
import type { App } from '../src/platform/http/types.ts';
import { option, percentile } from './support.ts';

const DB_NAME = 'irisdesk_bench_satisfaction';

async function openDatabase(reuse: boolean): Promise<{ db: Database; fresh: boolean }> {
  const server = process.env.BENCH_DATABASE_URL;
  if (!server) return { db: await openPglite('memory://'), fresh: true };
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  const { rows } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DB_NAME]);
  let fresh = true;
  if (rows.length && reuse) fresh = false;
  else {
    await admin.query(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${DB_NAME}`);
  }
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${DB_NAME}`;
  return { db: await openPostgres(url.toString(), { max: 10 }), fresh };
}

/** Invitations (contacts) and answers in bulk, in chunks, then the aggregates in one pass. */
async function generate(db: Database, sizes: { contacts: number; answers: number; organisations: number; months: number }) {
  const { rows: orgs } = await db.query<{ id: string; code: string }>(
    `SELECT id, code FROM organisations ORDER BY code = 'commune-schaerbeek' DESC, kind, code LIMIT $1`,
    [sizes.organisations],
  );
  const orgIds = orgs.map((o) => o.id);
  const { rows: svc } = await db.query<{ code: string }>(`SELECT code FROM services ORDER BY code LIMIT 40`);
  const services = svc.map((s) => s.code);
  const answerEvery = Math.max(1, Math.round(sizes.contacts / sizes.answers));
  const chunk = 500_000;
  const started = performance.now();
  // Resumable (--reuse): contacts already made are kept, the series continues after them.
  const { rows: made } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM feedback_invitations WHERE source_kind = 'demo'`);
  for (let start = made[0]!.n + 1; start <= sizes.contacts; start += chunk) {
    const end = Math.min(sizes.contacts, start + chunk - 1);
    await db.query(
      `INSERT INTO feedback_invitations (token_hash, organisation_id, service_code, channel, contact_point_id, contact_at, language,
                                         source_kind, source_id, expires_at, answered_at)
       SELECT md5('bench' || g), ($1::uuid[])[(1 + h % cardinality($1::uuid[]))::int],
              CASE WHEN h2 % 7 = 0 THEN NULL ELSE ($2::text[])[(1 + (h2 / 7) % 8 + 8 * ((h % cardinality($1::uuid[])) % 4))::int] END,
              (ARRAY['counter', 'phone', 'email', 'web'])[(1 + (h / 64) % 4)::int],
              CASE WHEN (h / 64) % 4 = 0 THEN md5((h % cardinality($1::uuid[])) || ':' || (h2 / 56) % 3)::uuid END,
              now() - make_interval(secs => (h2 % ($3 * 30 * 86400))::float8),
              (ARRAY['fr', 'fr', 'nl', 'en'])[(1 + (h / 256) % 4)::int], 'demo', 'bench:' || g,
              now() + interval '60 days',
              CASE WHEN (h / 1024) % $4 = 0 THEN now() END
         FROM generate_series($5::bigint, $6::bigint) g
         CROSS JOIN LATERAL (SELECT abs(hashtext('o' || g))::bigint AS h, abs(hashtext('s' || g))::bigint AS h2) r`,
      [orgIds, services, sizes.months, answerEvery, start, end],
    );
    process.stdout.write(
      `\rcontacts ${end.toLocaleString('en')} / ${sizes.contacts.toLocaleString('en')}  (${Math.round((performance.now() - started) / 1000)} s)`,
    );
  }
  console.log();
  const answersStarted = performance.now();
  const { rows: done } = await db.query<{ answers: number; answered: number }>(
    `SELECT (SELECT count(*) FROM feedback_answers)::int AS answers,
            (SELECT count(*) FROM feedback_invitations WHERE answered_at IS NOT NULL)::int AS answered`,
  );
  if (done[0]!.answers !== done[0]!.answered) await db.query('DELETE FROM feedback_answers');
  const { rowCount } =
    done[0]!.answers === done[0]!.answered
      ? { rowCount: done[0]!.answers }
      : await db.query(
          `INSERT INTO feedback_answers (invitation_id, organisation_id, service_code, channel, contact_point_id, contact_at, answered_at, language,
                                   overall, clarity, effort, need_met, reached, channels_used, recommend, comment)
     SELECT i.id, i.organisation_id, i.service_code, i.channel, i.contact_point_id, i.contact_at, i.answered_at, i.language,
            q.overall, least(5, q.overall + (h % 2))::smallint, greatest(1, q.overall - (h % 2))::smallint,
            (ARRAY['yes', 'yes', 'partly', 'no'])[(1 + h % 4)::int], h % 10 <> 0,
            CASE WHEN h % 3 = 0 THEN ARRAY[i.channel, 'phone'] ELSE ARRAY[i.channel] END,
            CASE WHEN h % 5 < 2 THEN (h % 11)::smallint END, NULL
       FROM feedback_invitations i
       CROSS JOIN LATERAL (SELECT abs(hashtext(i.id::text)) AS h) hh
       CROSS JOIN LATERAL (SELECT (1 + least(4, (h % 100) / 18 + (h % 7) / 6))::smallint AS overall) q
      WHERE i.answered_at IS NOT NULL`,
        );
  console.log(`answers ${rowCount.toLocaleString('en')} (${Math.round((performance.now() - answersStarted) / 1000)} s)`);
  const aggStarted = performance.now();
  await rebuildAggregates(db, null);
  if (db.engine === 'postgres') await db.query('ANALYZE');
  const { rows: agg } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM satisfaction_aggregates');
  console.log(`aggregates ${agg[0]!.n.toLocaleString('en')} cells (${Math.round((performance.now() - aggStarted) / 1000)} s)`);
  await generateOperations(db, sizes.months);
}

/** The contacts again, as the contact center records them, then the operations figures of every month. */
async function generateOperations(db: Database, months: number) {
  const started = performance.now();
  await db.query(`DELETE FROM cc_contacts WHERE source_kind = 'console' AND source_id LIKE 'bench:%'`);
  const { rowCount } = await db.query(
    `INSERT INTO cc_contacts (organisation_id, channel, service_code, contact_point_id, language, started_at, ended_at, outcome, source_kind, source_id)
     SELECT i.organisation_id, i.channel, i.service_code, i.contact_point_id, i.language, i.contact_at,
            i.contact_at + make_interval(secs => (60 + h % 900)::float8),
            (ARRAY['answered_first_contact', 'answered_first_contact', 'answered_first_contact', 'task_to_back_office', 'callback_requested', 'abandoned'])[(1 + h % 6)::int],
            'console', i.source_id
       FROM feedback_invitations i CROSS JOIN LATERAL (SELECT abs(hashtext(i.source_id))::bigint AS h) hh
      WHERE i.source_kind = 'demo'`,
  );
  console.log(`operations: ${rowCount.toLocaleString('en')} contacts (${Math.round((performance.now() - started) / 1000)} s)`);
  const refreshStarted = performance.now();
  const now = new Date();
  const month = (back: number) => {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1));
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-01`;
  };
  // One pass per year of months over every organisation, as the refresh job does for stale months; back
  // far enough for the previous periods the dashboards compare with (steady state: nothing stale).
  const ids = await allOrganisations(db);
  for (let back = 2 * months + 12; back >= 0; back -= 12) await refreshMonths(db, ids, month(back), month(Math.max(0, back - 11)));
  if (db.engine === 'postgres') await db.query('ANALYZE operations_aggregates, operations_monthly, operations_hourly, operations_refresh');
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM operations_aggregates');
  console.log(`operations aggregates ${rows[0]!.n.toLocaleString('en')} cells (${Math.round((performance.now() - refreshStarted) / 1000)} s)`);
}

async function allOrganisations(db: Database): Promise<string[]> {
  return (await db.query<{ id: string }>('SELECT id FROM organisations')).rows.map((r) => r.id);
}

async function login(app: App, email: string): Promise<string> {
  const page = await app.inject({ method: 'GET', url: '/en/login' });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
  const cookies = page.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const response = await app.inject({
    method: 'POST',
    url: '/en/login',
    headers: { cookie: cookies, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ email, password: DEMO_PASSWORD, _csrf: csrf }).toString(),
  });
  const session = response.cookies.find((c) => c.name === 'irisdesk_session');
  if (!session) throw new Error(`login of ${email} failed (${response.statusCode})`);
  return `irisdesk_session=${session.value}`;
}

async function time(app: App, label: string, url: string, cookie: string | undefined, rounds: number) {
  const samples: number[] = [];
  for (let i = 0; i < rounds + 3; i++) {
    const started = performance.now();
    const response = await app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
    const elapsed = performance.now() - started;
    if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode} ${response.body.slice(0, 200)}`);
    if (i >= 3) samples.push(elapsed);
  }
  console.log(
    `${label.padEnd(48)} p50 ${percentile(samples, 50).toFixed(1).padStart(7)} ms   p95 ${percentile(samples, 95).toFixed(1).padStart(7)} ms   (${rounds} runs)`,
  );
}

export async function benchSatisfaction(args: string[]) {
  const sizes = {
    contacts: option(args, 'contacts', 1_000_000),
    answers: option(args, 'answers', 200_000),
    organisations: option(args, 'organisations', 60),
    months: option(args, 'months', 24),
  };
  const rounds = option(args, 'rounds', 30);
  const { db, fresh } = await openDatabase(args.includes('--reuse'));
  console.log(`database: ${db.engine}; size asked: ${JSON.stringify(sizes)}${fresh ? '' : ' (reusing the existing data)'}`);
  if (fresh) {
    await migrate(db);
    await seedReferenceOrganisations(db);
    await seedCatalogue(db);
    await seedDemoData(db);
  }
  if (fresh || args.includes('--generate')) await generate(db, sizes);
  const { rows: counts } = await db.query<{ contacts: number; answers: number; organisations: number }>(
    `SELECT (SELECT count(*) FROM feedback_invitations)::int AS contacts, (SELECT count(*) FROM feedback_answers)::int AS answers,
            (SELECT count(DISTINCT organisation_id) FROM satisfaction_aggregates)::int AS organisations`,
  );
  console.log(
    `data: ${counts[0]!.contacts.toLocaleString('en')} contacts, ${counts[0]!.answers.toLocaleString('en')} answers, ${counts[0]!.organisations} organisations`,
  );

  const config = loadConfig({ NODE_ENV: 'development', LOG_LEVEL: 'silent', DATA_DIR: 'memory://', PORT: '0', SEED_DEMO: 'false' });
  const { app, services } = await createApp({ config, db });
  await app.ready();
  const analyst = await login(app, 'analyst@demo.irisdesk.brussels');
  const manager = await login(app, 'manager@demo.irisdesk.brussels');
  const period = (months: number) => {
    const now = new Date();
    const to = `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
    const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months + 1, 1));
    return `from=${start.getUTCFullYear()}-${String(start.getUTCMonth() + 1).padStart(2, '0')}&to=${to}`;
  };

  await time(app, 'regional dashboard page, 12 months', '/fr/satisfaction/region', analyst, rounds);
  await time(app, 'regional dashboard page, 24 months, communes', `/fr/satisfaction/region?${period(24)}&kind=commune&rank=score10`, analyst, rounds);
  await time(app, 'regional dashboard JSON, 24 months', `/api/v1/satisfaction/region?${period(24)}`, analyst, rounds);
  await time(app, 'organisation dashboard page, 12 months', '/fr/satisfaction/organisations/commune-schaerbeek', manager, rounds);
  await time(
    app,
    'organisation dashboard page, 24 months, counter',
    `/fr/satisfaction/organisations/commune-schaerbeek?${period(24)}&channel=counter`,
    manager,
    rounds,
  );
  await time(app, 'operations: regional page, 12 months', '/fr/satisfaction/region/operations', analyst, rounds);
  await time(
    app,
    'operations: regional page, 24 months, communes',
    `/fr/satisfaction/region/operations?${period(24)}&kind=commune&rank=waitMinutes`,
    analyst,
    rounds,
  );
  await time(app, 'operations: organisation page, 12 months', '/fr/satisfaction/organisations/commune-schaerbeek/operations', manager, rounds);
  await time(
    app,
    'operations: organisation page, 24 months, phone',
    `/fr/satisfaction/organisations/commune-schaerbeek/operations?${period(24)}&channel=phone`,
    manager,
    rounds,
  );
  await time(app, 'barometer page (public)', '/fr/barometer', undefined, rounds);
  await time(app, 'open data JSON, 36 months (public)', '/api/v1/opendata/satisfaction.json', undefined, Math.max(5, Math.round(rounds / 3)));
  await time(app, 'operations open data JSON, 36 months (public)', '/api/v1/opendata/operations.json', undefined, Math.max(5, Math.round(rounds / 3)));
  await time(app, 'SDG feedback JSON, 8 quarters (public)', '/api/v1/opendata/sdg-feedback.json', undefined, Math.max(5, Math.round(rounds / 3)));

  // Recording one answer: invitation made beforehand, POST timed (claim + insert + aggregate upsert).
  const { rows: org } = await db.query<{ id: string }>(`SELECT id FROM organisations WHERE code = 'commune-schaerbeek'`);
  const tokens: string[] = [];
  for (let i = 0; i < rounds * 3; i++) {
    const { token } = await db.transaction((tx) =>
      services.satisfaction.createFeedbackInvitation(tx, {
        organisationId: org[0]!.id,
        channel: 'counter',
        contactAt: new Date(),
        language: 'fr',
        source: { kind: 'visit', id: `bench-record-${Date.now()}-${i}` },
      }),
    );
    tokens.push(token);
  }
  const samples: number[] = [];
  for (const [i, token] of tokens.entries()) {
    const started = performance.now();
    const response = await app.inject({
      method: 'POST',
      url: `/api/v1/feedback/${token}`,
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({
        overall: 1 + (i % 5),
        clarity: 4,
        effort: 3,
        needMet: 'yes',
        reached: true,
        channelsUsed: ['counter'],
        comment: 'Bench: call me at 0470 12 34 56',
      }),
    });
    if (response.statusCode !== 201) throw new Error(`answer: ${response.statusCode} ${response.body}`);
    if (i >= 3) samples.push(performance.now() - started);
  }
  console.log(
    `${'recording one answer (POST, 201)'.padEnd(48)} p50 ${percentile(samples, 50).toFixed(1).padStart(7)} ms   p95 ${percentile(samples, 95).toFixed(1).padStart(7)} ms   (${samples.length} runs)`,
  );
  await app.close();
  await db.close();
}
