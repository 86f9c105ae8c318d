// Console search at scale (issue 17, decision 0047): 100,000 requests of one organisation (the worst case:
// every request visible to the agent), each with a message of ~25 words in its language and a party among
// 10,000 names, inserted with generate_series (the search documents built by the triggers of migration 0052).
// Then GET /api/v1/console/search over HTTP, signed in as the Schaerbeek agent: p50/p95 per kind of query.
//   npm run bench -- console-search [--requests 100000] [--searches 100]
//   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench -- console-search
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { openPglite, openPostgres, type Database } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { seed } from '../src/seed/index.ts';
import { loadConfig } from '../src/config.ts';
import { createApp } from '../src/app.ts';
import { DEMO_PASSWORD } from '../src/seed/demo.ts';
import { buildTsquery, searchRequests, searchSql } from '../src/contactcenter/console/search/repository.ts';
import { parseSearch } from '../src/contactcenter/console/search/service.ts';
import { REFERENCE_ALPHABET } from '../src/contactcenter/references.ts';
import { option, percentile } from './support.ts';

const DB_NAME = 'irisdesk_bench_console_search';
const FIRST = [
  'Sofia',
  'Mohamed',
  'Lucas',
  'Emma',
  'Noah',
  'Louise',
  'Adam',
  'Olivia',
  'Liam',
  'Nora',
  'Yasmine',
  'Jan',
  'Marie',
  'Pieter',
  'Fatima',
  'Elif',
  'Tom',
  'Lina',
  'Hugo',
  'Sara',
];
const LAST = Array.from({ length: 500 }, (_, i) => `Nom${(i * 7919) % 100000}`);
const WORDS: Record<'fr' | 'nl' | 'en', string[]> = {
  fr: 'carte identité perdue rendez-vous permis conduire poubelles ramassage rue trottoir éclairage stationnement riverain taxe domicile naissance mariage passeport urbanisme travaux bruit voisin chien parc école inscription crèche logement social prime rénovation énergie facture eau arbre élagage graffiti nettoyage encombrants déménagement adresse'.split(
    ' ',
  ),
  nl: 'identiteitskaart verloren afspraak rijbewijs vuilnis ophaling straat stoep verlichting parkeren bewonerskaart belasting woonst geboorte huwelijk paspoort stedenbouw werken lawaai buur hond park school inschrijving crèche sociale woning premie renovatie energie factuur water boom snoeien graffiti reiniging grofvuil verhuizing adres'.split(
    ' ',
  ),
  en: 'identity card lost appointment driving licence bins collection street pavement lighting parking resident tax home birth marriage passport planning roadworks noise neighbour dog park school enrolment nursery social housing grant renovation energy bill water tree pruning graffiti cleaning bulky waste moving address'.split(
    ' ',
  ),
};

async function fill(database: Database, requests: number): Promise<string> {
  const started = performance.now();
  // One transaction: the triggers build 100,000 documents on the way.
  return database.transaction(async (db) => {
    const { rows } = await db.query<{ id: string }>(`SELECT id FROM organisations WHERE code = 'commune-schaerbeek'`);
    const org = rows[0]!.id;
    const parties = Math.max(1, Math.floor(requests / 10));
    await db.query(
      `INSERT INTO cc_parties (organisation_id, name, email, phone, language)
     SELECT $1, ($3::text[])[1 + g % cardinality($3::text[])] || ' ' || ($4::text[])[1 + (g / 20) % cardinality($4::text[])],
            'person' || g || '@bench.example.org', '+3247' || lpad(g::text, 7, '0'), (ARRAY['fr','nl','en'])[1 + g % 3]
       FROM generate_series(1, $2::int) g`,
      [org, parties, FIRST, LAST],
    );
    await db.query(
      `WITH p AS (SELECT id, row_number() OVER () AS n FROM cc_parties WHERE organisation_id = $1 AND email LIKE '%@bench.example.org')
     INSERT INTO cc_requests (reference, organisation_id, party_id, channel, language, subject, status, closed_at, created_at, updated_at)
     SELECT 'BXL-' || (SELECT string_agg(substr($4, 1 + ((g / (30 ^ k)::bigint) % 30)::int, 1), '' ORDER BY k) FROM generate_series(0, 3) k)
                   || '-' || (SELECT string_agg(substr($4, 1 + ((g * 7919 / (30 ^ k)::bigint) % 30)::int, 1), '' ORDER BY k) FROM generate_series(0, 3) k),
            $1, p.id,
            (ARRAY['web','email','phone','counter'])[1 + g % 4], (ARRAY['fr','nl','en'])[1 + g % 3],
            'Bench ' || g, (ARRAY['new','open','waiting_user','waiting_second_line','closed'])[1 + g % 5],
            CASE WHEN g % 5 = 4 THEN now() - (g * interval '37 seconds') END,
            now() - (g * interval '37 seconds'), now() - (g * interval '37 seconds')
       FROM generate_series(1, $2::int) g JOIN p ON p.n = 1 + g % $3`,
      [org, requests, parties, REFERENCE_ALPHABET],
    );
    // One inbound message per request: 25 words of its language, drawn from the vocabulary.
    await db.query(
      `INSERT INTO cc_messages (request_id, kind, channel, body, created_at)
     SELECT r.id, 'inbound', r.channel,
            (SELECT string_agg(w.words[1 + (k * 7 + floor(random() * 1000)::int) % cardinality(w.words)], ' ') FROM generate_series(1, 25) k),
            r.created_at
       FROM cc_requests r
       JOIN (VALUES ('fr', $2::text[]), ('nl', $3::text[]), ('en', $4::text[])) AS w(language, words) ON w.language = r.language
      WHERE r.organisation_id = $1 AND r.subject LIKE 'Bench %'`,
      [org, WORDS.fr, WORDS.nl, WORDS.en],
    );
    for (const table of ['cc_requests', 'cc_parties', 'cc_messages', 'cc_request_search']) await db.query(`ANALYZE ${table}`);
    const { rows: count } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM cc_request_search WHERE organisation_id = $1`, [org]);
    console.log(`inserted: ${count[0]!.n} searchable requests in commune-schaerbeek in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return org;
  });
}

async function signIn(baseUrl: string): Promise<string> {
  const cookies = new Map<string, string>();
  const keep = (response: Response) => {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const [name, ...rest] = pair!.split('=');
      cookies.set(name!, rest.join('='));
    }
  };
  const header = () => [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const page = await fetch(`${baseUrl}/fr/login`);
  keep(page);
  const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
  const response = await fetch(`${baseUrl}/fr/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: header(), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email: 'agent@demo.irisdesk.brussels', password: DEMO_PASSWORD, _csrf: token }).toString(),
  });
  keep(response);
  if (response.status !== 303) throw new Error(`sign-in failed: ${response.status}`);
  return header();
}

async function explain(db: Database, org: string, words: string[]) {
  const { sql, params } = searchSql(org, { kind: 'words', words }, 50, await buildTsquery(db, words));
  const { rows } = await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN ANALYZE ${sql}`, params);
  console.log(`EXPLAIN ANALYZE of a search for "${words.join(' ')}":`);
  for (const row of rows) console.log(`  ${row['QUERY PLAN']}`);
}

/** In-memory PGlite, or a fresh database on BENCH_DATABASE_URL's server without time limits (the fill runs minutes). */
async function openDatabase(): Promise<Database> {
  const server = process.env.BENCH_DATABASE_URL;
  if (!server) return openPglite('memory://');
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${DB_NAME}`);
  } finally {
    await admin.end();
  }
  const url = new URL(server);
  url.pathname = `/${DB_NAME}`;
  return openPostgres(url.toString(), { max: 4, statementTimeoutMs: 0, queryTimeoutMs: 0 });
}

export async function benchConsoleSearch(args: string[]) {
  const requests = option(args, 'requests', 100_000);
  const searches = option(args, 'searches', 100);
  const engine = process.env.BENCH_DATABASE_URL ? 'PostgreSQL' : 'PGlite';
  const db = await openDatabase();
  await migrate(db);
  await seed(db, { demo: true });
  const org = await fill(db, requests);
  await explain(db, org, ['stationnement', 'riverain']);
  const config = loadConfig({ NODE_ENV: 'development', LOG_LEVEL: 'silent', DATA_DIR: 'memory://' });
  const { app } = await createApp({ config, db });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  try {
    const cookie = await signIn(baseUrl);
    const sample = await db.query<{ reference: string; email: string; phone: string; name: string }>(
      `SELECT r.reference, p.email, p.phone, p.name FROM cc_requests r JOIN cc_parties p ON p.id = r.party_id
        WHERE r.organisation_id = $1 AND r.subject LIKE 'Bench %' ORDER BY random() LIMIT $2`,
      [org, searches],
    );
    const pick = <T>(list: T[], i: number) => list[i % list.length]!;
    const scenarios: Array<[string, (i: number) => string]> = [
      ['reference', (i) => pick(sample.rows, i).reference],
      ['e-mail', (i) => pick(sample.rows, i).email],
      ['phone (national form)', (i) => `0${pick(sample.rows, i).phone.slice(3)}`],
      ['last name', (i) => pick(sample.rows, i).name.split(' ')[1]!],
      ['first and last name', (i) => pick(sample.rows, i).name],
      ['one common word (FR)', (i) => pick(WORDS.fr, i)],
      ['two words (NL, stemmed)', (i) => `${pick(WORDS.nl, i)} ${pick(WORDS.nl, i + 7)}`],
      ['three words (EN)', (i) => `${pick(WORDS.en, i)} ${pick(WORDS.en, i + 3)} ${pick(WORDS.en, i + 11)}`],
    ];
    const all: number[] = [];
    for (const [name, query] of scenarios) {
      for (let i = 0; i < 5; i++) await fetch(`${baseUrl}/api/v1/console/search?q=${encodeURIComponent(query(i))}`, { headers: { cookie } });
      const times: number[] = [];
      let found = 0;
      for (let i = 0; i < searches; i++) {
        const started = performance.now();
        const response = await fetch(`${baseUrl}/api/v1/console/search?q=${encodeURIComponent(query(i))}`, { headers: { cookie } });
        const body = (await response.json()) as { results: unknown[] };
        times.push(performance.now() - started);
        if (response.status !== 200) throw new Error(`search answered ${response.status}`);
        found += body.results.length;
      }
      all.push(...times);
      times.sort((a, b) => a - b);
      // The query alone (no HTTP, session or audit entry): what the index does.
      const queryTimes: number[] = [];
      for (let i = 0; i < searches; i++) {
        const terms = parseSearch(query(i))!;
        const started = performance.now();
        await searchRequests(db, org, terms, 50);
        queryTimes.push(performance.now() - started);
      }
      queryTimes.sort((a, b) => a - b);
      console.log(
        `${engine} — search by ${name}: ${searches} searches, ${(found / searches).toFixed(1)} results on average, HTTP p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms, max ${times.at(-1)!.toFixed(1)} ms; query alone p50 ${percentile(queryTimes, 50).toFixed(1)} ms, p95 ${percentile(queryTimes, 95).toFixed(1)} ms`,
      );
    }
    all.sort((a, b) => a - b);
    console.log(`${engine} — all ${all.length} searches over HTTP: p50 ${percentile(all, 50).toFixed(1)} ms, p95 ${percentile(all, 95).toFixed(1)} ms`);
  } finally {
    await app.close();
    await db.close();
    if (process.env.BENCH_DATABASE_URL) {
      const admin = new pg.Client({ connectionString: process.env.BENCH_DATABASE_URL });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
      await admin.end();
    }
  }
}
