// Public pages under load (issue 15, item 10): the service page, the home page, the search page and a contact-point
// page, each against a bare hello endpoint measured in the same run, 50 concurrent clients (decision 0044).
// Demo data (contact points, queues, help articles) on PGlite, or on the PostgreSQL server of BENCH_DATABASE_URL.
//   npm run bench -- pages [--seconds=10] [--clients=50]
//   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench -- pages
// Targets: each page at least 0.3 × hello's requests per second, client p95 under 30 ms.
import { Worker } from 'node:worker_threads';
import { migrate } from '../src/platform/db/migrate.ts';
import { seed } from '../src/seed/index.ts';
import { startServer } from './catalogue.ts';
import { openBenchDatabase, option, percentile } from './support.ts';
import { readQuestionSet } from './orientation/questions.ts';

interface LoadResult {
  count: number;
  errors: number;
  latencies: number[];
  seconds: number;
}

function load(urls: string[], clients: number, seconds: number): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./load-worker.mjs', import.meta.url), { workerData: { urls, clients, durationMs: seconds * 1000 } });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

const RATIO_TARGET = 0.3;
const P95_TARGET_MS = 30;

export async function benchPages(args: string[]) {
  const seconds = option(args, 'seconds', 10);
  const clients = option(args, 'clients', 50);
  const db = await openBenchDatabase('irisdesk_bench_pages');
  await migrate(db);
  await seed(db, { demo: true });
  const server = await startServer(db);
  try {
    const { rows: points } = await db.query<{ id: string }>(`SELECT id FROM contact_points WHERE active ORDER BY name ->> 'fr' LIMIT 6`);
    const langs = ['fr', 'nl', 'en'] as const;
    const questions = readQuestionSet('regression').slice(0, 30);
    const pages: Record<string, string[]> = {
      service: ['change-of-address', 'eid-card', 'passport', 'social-integration-income', 'resident-parking-card', 'bulky-waste-collection'].flatMap(
        (code, i) => [`/${langs[i % 3]}/services/${code}`, `/${langs[(i + 1) % 3]}/services/${code}?postalCode=1030`],
      ),
      home: langs.map((lang) => `/${lang}`),
      search: questions.map((q) => `/${q.lang}/search?q=${encodeURIComponent(q.text)}`),
      'contact point': points.flatMap((point, i) => [`/${langs[i % 3]}/contact-points/${point.id}`]),
    };
    // Every URL once before measuring (first renders, index build), and the connections warmed.
    for (const urls of Object.values(pages)) {
      for (const url of urls) {
        const response = await fetch(`${server.base}${url}`);
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
      }
    }
    await load([`${server.base}/bench/hello`], clients, 1);
    console.log(`database: ${db.engine}; ${clients} concurrent clients, ${seconds} s per measure; hello measured before each page`);
    const rate = (r: LoadResult) => r.count / r.seconds;
    const ms = (value: number) => `${value.toFixed(1)} ms`;
    let met = true;
    for (const [name, urls] of Object.entries(pages)) {
      const hello = await load([`${server.base}/bench/hello`], clients, seconds);
      const page = await load(
        urls.map((url) => `${server.base}${url}`),
        clients,
        seconds,
      );
      const ratio = rate(page) / rate(hello);
      const p95 = percentile(page.latencies, 95);
      const ok = ratio >= RATIO_TARGET && p95 < P95_TARGET_MS && page.errors === 0;
      met &&= ok;
      console.log(
        `  ${name.padEnd(14)} ${rate(page).toFixed(0).padStart(6)} req/s  p95 ${ms(p95).padStart(8)}  errors ${page.errors}` +
          `  | hello ${rate(hello).toFixed(0).padStart(6)} req/s p95 ${ms(percentile(hello.latencies, 95))}` +
          `  | ratio ${ratio.toFixed(2)} (target ≥ ${RATIO_TARGET}, p95 < ${P95_TARGET_MS} ms) ${ok ? 'met' : 'NOT met'}`,
      );
    }
    console.log(met ? 'all page targets met' : 'some page targets NOT met');
  } finally {
    await server.app.close();
    await db.close();
  }
}
