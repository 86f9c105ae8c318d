// Catalogue benchmarks: a synthetic catalogue of 5,000 services next to the demo one, a real HTTP server in
// this process and the load in a worker thread. In-server timings are Fastify's reply.elapsedTime (from the
// request arriving to the response sent), so they do not include the client or the network.
//   npm run bench -- search [--seconds=10] [--clients=50]   (also prints the uncached latency, every query distinct)
//   npm run bench -- service-page
//   BENCH_DATABASE_URL=postgres://… npm run bench -- search   (PostgreSQL server instead of PGlite)
import { Worker } from 'node:worker_threads';
import { brotliCompressSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { seed } from '../src/seed/index.ts';
import { loadConfig } from '../src/config.ts';
import { createApp } from '../src/app.ts';
import { insertServices, type NewService } from '../src/catalogue/repository.ts';
import { referenceServices } from '../src/seed/catalogue.ts';
import type { Language } from '../src/platform/i18n/languages.ts';
import { openBenchDatabase, option, percentile } from './support.ts';
import { readQuestionSet, type OrientationQuestion } from './orientation/questions.ts';
import { queryWords } from '../src/catalogue/text.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const SYNTHETIC_SIZE = 5_000;
const LANGS: Language[] = ['fr', 'nl', 'en'];

/** 5,000 plausible services built from the vocabulary of the demo ones (so searches hit them too). */
export function syntheticServices(size = SYNTHETIC_SIZE): NewService[] {
  const base = referenceServices();
  const organisations = (JSON.parse(readFileSync(path.join(HERE, '../src/seed/data/organisations.json'), 'utf8')) as Array<{ code: string; kind: string }>)
    .filter((org) => org.kind !== 'commune' && org.kind !== 'cpas')
    .map((org) => org.code);
  return Array.from({ length: size }, (_, i) => {
    const a = base[i % base.length]!;
    const b = base[(i * 7 + 3) % base.length]!;
    const c = base[(i * 13 + 5) % base.length]!;
    const pick = (s: NewService, lang: Language, n: number) => s.keywords[lang]?.[n % (s.keywords[lang]?.length || 1)] ?? '';
    const localized = (make: (lang: Language) => string) => Object.fromEntries(LANGS.map((lang) => [lang, make(lang)]));
    const kind = i % 3 === 0 ? 'commune' : 'organisation';
    return {
      code: `synthetic-${String(i).padStart(5, '0')}`,
      name: localized((l) => `${a.name[l]} – ${pick(b, l, i)} ${i}`),
      summary: localized((l) => `${b.summary[l]} ${c.summary[l]}`),
      description: localized((l) => `${c.summary[l]} ${a.summary[l]}`),
      audience: a.audience,
      lifeEvents: b.lifeEvents,
      theme: a.theme,
      competentKind: kind,
      competentOrganisation: kind === 'organisation' ? organisations[i % organisations.length]! : null,
      channels: a.channels,
      appointment: i % 2 === 0,
      keywords: Object.fromEntries(LANGS.map((l) => [l, [...(a.keywords[l] ?? []).slice(0, 3), ...(c.keywords[l] ?? []).slice(0, 2)]])),
      searchTerms: Object.fromEntries(LANGS.map((l) => [l, [...(a.searchTerms?.[l] ?? []).slice(0, 8), ...(b.searchTerms?.[l] ?? []).slice(0, 4)]])),
      status: 'published',
    } satisfies NewService;
  });
}

export async function prepareDatabase(): Promise<Database> {
  // PostgreSQL: a fresh database of the server of BENCH_DATABASE_URL, dropped first (a second run starts clean).
  const db = await openBenchDatabase('irisdesk_bench_catalogue');
  await migrate(db);
  await seed(db, { demo: false });
  const started = performance.now();
  const synthetic = syntheticServices();
  for (let i = 0; i < synthetic.length; i += 250) await insertServices(db, synthetic.slice(i, i + 250));
  if (db.engine === 'postgres') await db.query('ANALYZE');
  const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM services WHERE status = 'published'`);
  console.log(`database: ${db.engine}; ${rows[0]!.n} published services (synthetic catalogue loaded in ${Math.round(performance.now() - started)} ms)`);
  return db;
}

export async function startServer(db: Database) {
  const config = loadConfig({ NODE_ENV: 'development', LOG_LEVEL: 'silent', DATA_DIR: 'memory://', PORT: '0', SEED_DEMO: 'false' });
  const { app } = await createApp({ config, db });
  const timings = new Map<string, number[]>();
  let recording = false;
  app.get('/bench/hello', { schema: { hide: true } }, async () => ({ hello: 'world' }));
  app.addHook('onResponse', async (request, reply) => {
    if (!recording) return;
    const route = request.routeOptions.url ?? '?';
    let list = timings.get(route);
    if (!list) timings.set(route, (list = []));
    list.push(reply.elapsedTime);
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    app,
    base,
    record(on: boolean) {
      recording = on;
      if (on) timings.clear();
    },
    timings: (route: string) => timings.get(route) ?? [],
  };
}

const ms = (value: number) => `${value.toFixed(2)} ms`;

async function sequential(urls: string[], rounds: number) {
  for (let i = 0; i < rounds; i++) {
    const response = await fetch(urls[i % urls.length]!);
    await response.arrayBuffer();
    if (response.status >= 500) throw new Error(`${urls[i % urls.length]} answered ${response.status}`);
  }
}

function load(urls: string[], clients: number, seconds: number): Promise<{ count: number; errors: number; latencies: number[]; seconds: number }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./load-worker.mjs', import.meta.url), {
      workerData: { urls, clients, durationMs: seconds * 1000 },
    });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

function searchUrls(base: string): string[] {
  return readQuestionSet('regression').flatMap((c, i) => {
    const url = `${base}/api/v1/search?q=${encodeURIComponent(c.text)}&lang=${c.lang}`;
    return i % 4 === 0 ? [url, `${url}&postalCode=1030`] : [url];
  });
}

async function throughput(server: Awaited<ReturnType<typeof startServer>>, urls: string[], label: string, clients: number, seconds: number) {
  await load([`${server.base}/bench/hello`], clients, 1); // warm the connections
  const hello = await load([`${server.base}/bench/hello`], clients, seconds);
  const measured = await load(urls, clients, seconds);
  const rate = (r: { count: number; seconds: number }) => r.count / r.seconds;
  console.log(`throughput with ${clients} concurrent clients, ${seconds} s each:`);
  console.log(`  hello:   ${rate(hello).toFixed(0)} req/s (client p95 ${ms(percentile(hello.latencies, 95))}, errors ${hello.errors})`);
  console.log(`  ${label.padEnd(8)} ${rate(measured).toFixed(0)} req/s (client p95 ${ms(percentile(measured.latencies, 95))}, errors ${measured.errors})`);
  console.log(`  ratio ${label.trim()}/hello: ${(rate(measured) / rate(hello)).toFixed(2)} (target ≥ 0.50)`);
}

/** Each question once, skipping any whose answer-cache key (language + folded words) was already asked. */
export function distinctQuestions(questions: readonly OrientationQuestion[], alreadyAsked: Set<string>): OrientationQuestion[] {
  return questions.filter((q) => {
    const key = `${q.lang}|${queryWords(q.text).join(' ')}`;
    if (alreadyAsked.has(key)) return false;
    alreadyAsked.add(key);
    return true;
  });
}

/**
 * Search latency without the answer cache, then with it: each question asked once (every one a distinct cache key,
 * none asked during warm-up), each search preceded by a request to the bare hello route, so that both see the same
 * load; then the same questions again (now cached answers). In-server times; ratios against hello of the same run.
 */
export async function uncachedSearchLatency(
  server: Awaited<ReturnType<typeof startServer>>,
  questions: readonly OrientationQuestion[],
  warmUp: readonly OrientationQuestion[],
) {
  const searchUrl = (q: OrientationQuestion) => `${server.base}/api/v1/search?q=${encodeURIComponent(q.text)}&lang=${q.lang}`;
  const hello = `${server.base}/bench/hello`;
  const asked = new Set<string>();
  // Warm-up (JIT, index built): the warm-up questions uncached, once per postal code (each a distinct cache key).
  const warmUrls = distinctQuestions(warmUp, asked).flatMap((q) =>
    ['1000', '1030', '1050', '1080', '1180'].flatMap((code) => [hello, `${searchUrl(q)}&postalCode=${code}`]),
  );
  await sequential(warmUrls, warmUrls.length);
  const measured = distinctQuestions(questions, asked).flatMap((q) => [hello, searchUrl(q)]);
  const pass = async () => {
    server.record(true);
    await sequential(measured, measured.length);
    const out = { search: [...server.timings('/api/v1/search')], hello: [...server.timings('/bench/hello')] };
    server.record(false);
    return out;
  };
  const uncached = await pass();
  const cached = await pass();
  const line = (label: string, t: { search: number[]; hello: number[] }) =>
    `  ${label.padEnd(9)} p50 ${ms(percentile(t.search, 50))}  p95 ${ms(percentile(t.search, 95))}  p99 ${ms(percentile(t.search, 99))}` +
    `  | hello p50 ${ms(percentile(t.hello, 50))} p95 ${ms(percentile(t.hello, 95))}` +
    `  | ratio p50 ${(percentile(t.search, 50) / percentile(t.hello, 50)).toFixed(1)}, p95 ${(percentile(t.search, 95) / percentile(t.hello, 95)).toFixed(1)}`;
  console.log(`search latency, in-server, ${uncached.search.length} distinct questions, each after a hello request:`);
  console.log(`${line('uncached:', uncached)}  (target p95 < 5 ms)`);
  console.log(line('cached:', cached));
  return { uncached, cached };
}

export async function benchSearch(args: string[]) {
  const seconds = option(args, 'seconds', 10);
  const clients = option(args, 'clients', 50);
  const db = await prepareDatabase();
  const server = await startServer(db);
  try {
    const urls = searchUrls(server.base);
    await sequential(urls, 300); // warm-up: JIT, query plans, caches
    server.record(true);
    await sequential(urls, 2000);
    const inServer = server.timings('/api/v1/search');
    server.record(false);
    console.log(`search, in-server, ${inServer.length} sequential requests over ${urls.length} different queries:`);
    console.log(`  p50 ${ms(percentile(inServer, 50))}  p95 ${ms(percentile(inServer, 95))}  p99 ${ms(percentile(inServer, 99))}  (target p95 < 10 ms)`);
    await throughput(server, urls, 'search:', clients, seconds);
    await uncachedSearchLatency(server, [...readQuestionSet('dev'), ...readQuestionSet('test')], readQuestionSet('regression'));
  } finally {
    await server.app.close();
    await db.close();
  }
}

export async function benchServicePage(args: string[]) {
  const seconds = option(args, 'seconds', 10);
  const clients = option(args, 'clients', 50);
  const db = await prepareDatabase();
  const server = await startServer(db);
  try {
    const codes = referenceServices().map((s) => s.code);
    const urls = codes.flatMap((code, i) => {
      const lang = LANGS[i % 3]!;
      const url = `${server.base}/${lang}/services/${code}`;
      return i % 2 === 0 ? [url, `${url}?postalCode=1030`] : [url];
    });
    await sequential(urls, 300);
    server.record(true);
    await sequential(urls, 2000);
    const inServer = server.timings('/:lang/services/:code');
    server.record(false);
    console.log(`service page, in-server, ${inServer.length} sequential requests over ${urls.length} pages:`);
    console.log(`  p50 ${ms(percentile(inServer, 50))}  p95 ${ms(percentile(inServer, 95))}  p99 ${ms(percentile(inServer, 99))}  (target p95 < 20 ms)`);

    // Weight: what a first visit downloads, brotli-compressed as the server sends it.
    const pageUrl = `${server.base}/fr/services/change-of-address?postalCode=1030`;
    const sizeOf = async (url: string) => {
      const response = await fetch(url, { headers: { 'accept-encoding': 'br' } });
      const body = Buffer.from(await response.arrayBuffer());
      // fetch decompresses; recompress the same way the server does to count the bytes on the wire.
      const encoded = response.headers.get('content-encoding');
      return { text: body.toString('utf8'), wire: encoded === 'br' || body.length > 1024 ? brotliCompressSync(body).length : body.length, raw: body.length };
    };
    const page = await sizeOf(pageUrl);
    const assets = [...page.text.matchAll(/(?:href|src)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!);
    let total = page.wire;
    console.log(`service page weight (first visit, brotli):`);
    console.log(`  HTML ${(page.wire / 1024).toFixed(1)} KB (${(page.raw / 1024).toFixed(1)} KB uncompressed)`);
    for (const asset of [...new Set(assets)]) {
      const size = await sizeOf(`${server.base}${asset}`);
      total += size.wire;
      console.log(`  ${asset} ${(size.wire / 1024).toFixed(1)} KB (${(size.raw / 1024).toFixed(1)} KB uncompressed)`);
    }
    console.log(`  total ${(total / 1024).toFixed(1)} KB (target < 60 KB; no web fonts are loaded)`);
    await throughput(server, urls, 'page:', clients, seconds);
  } finally {
    await server.app.close();
    await db.close();
  }
}
