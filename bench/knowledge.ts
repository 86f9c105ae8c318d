// Knowledge-base search benchmark: the demo articles plus N synthetic published articles (built from the
// demo texts, so queries hit them), then the service's search timed in-process: index build, and p50/p95 of
// searches in the three languages, as staff and as the public, with and without filters.
//   npm run bench -- knowledge [--articles=3000] [--searches=2000]
//   BENCH_DATABASE_URL=postgres://… npm run bench -- knowledge   (PostgreSQL server instead of PGlite)
import { openPglite, openPostgres } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { seed } from '../src/seed/index.ts';
import { DEMO_ARTICLES, seedKnowledgeDemo } from '../src/seed/knowledge.ts';
import { insertArticle, publishWorkingCopy } from '../src/knowledge/repository.ts';
import { knowledgeService } from '../src/knowledge/service.ts';
import { organisationService } from '../src/organisations/service.ts';
import type { Actor } from '../src/identity/actor.ts';
import type { Language } from '../src/platform/i18n/languages.ts';
import { option } from './support.ts';

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;

const QUERIES: Array<[string, Language]> = [
  ['carte identité perdue', 'fr'],
  ['renouveler carte identite', 'fr'],
  ['encombrents', 'fr'],
  ['sac bleu PMC', 'fr'],
  ['grofvuil ophalen', 'nl'],
  ['bewonerskaart parkeren', 'nl'],
  ['referentieadres OCMW', 'nl'],
  ['bulky waste', 'en'],
  ['lost PIN code', 'en'],
  ['Kids-ID travel', 'en'],
];

export async function benchKnowledge(args: string[]) {
  const size = option(args, 'articles', 3_000);
  const searches = option(args, 'searches', 2_000);
  const url = process.env.BENCH_DATABASE_URL;
  const db = url ? await openPostgres(url, { max: 10 }) : await openPglite('memory://');
  await migrate(db);
  await seed(db, { demo: false });
  await seedKnowledgeDemo(db);
  const { rows: owners } = await db.query<{ id: string }>(`SELECT id FROM organisations ORDER BY code`);
  const loaded = performance.now();
  const published = DEMO_ARTICLES.filter((a) => !a.draft);
  for (let start = 0; start < size; start += 250) {
    await db.transaction(async (tx) => {
      for (let i = start; i < Math.min(size, start + 250); i++) {
        const a = published[i % published.length]!;
        const b = published[(i * 7 + 3) % published.length]!;
        const mix = (x: Partial<Record<Language, string>>, y: Partial<Record<Language, string>>) =>
          Object.fromEntries((['fr', 'nl', 'en'] as const).map((l) => [l, `${x[l] ?? ''} ${y[l] ?? ''}`.trim()]));
        const id = await insertArticle(tx, {
          slug: `synthetic-${String(i).padStart(5, '0')}`,
          ownerOrganisationId: owners[i % owners.length]!.id,
          visibility: i % 3 === 0 ? 'internal' : 'public',
          title: mix(a.title, { fr: `${i}`, nl: `${i}`, en: `${i}` }),
          body: mix(a.body, b.body),
          serviceCodes: [...new Set([...a.services, ...b.services])],
          reviewOn: null,
          accountId: null,
        });
        await publishWorkingCopy(tx, id, null, null);
      }
    });
  }
  if (db.engine === 'postgres') await db.query('ANALYZE');
  console.log(`database: ${db.engine}; ${size + published.length} published articles (synthetic ones loaded in ${Math.round(performance.now() - loaded)} ms)`);

  const service = knowledgeService(db, { organisations: organisationService(db) });
  const built = performance.now();
  await service.warmUp();
  console.log(`index build (first search): ${Math.round(performance.now() - built)} ms`);

  const staff = {
    accountId: 'bench',
    organisationId: owners[0]!.id,
    organisationCode: 'x',
    displayName: 'Bench',
    email: 'b@x',
    roles: ['first_line_agent'],
    unitIds: [],
    preferredLanguage: 'fr',
  } satisfies Actor;
  const cases: Array<{ name: string; run: (i: number) => Promise<unknown> }> = [
    { name: 'public, no filter', run: (i) => service.search(null, { q: QUERIES[i % QUERIES.length]![0], lang: QUERIES[i % QUERIES.length]![1] }) },
    { name: 'staff, no filter', run: (i) => service.search(staff, { q: QUERIES[i % QUERIES.length]![0], lang: QUERIES[i % QUERIES.length]![1] }) },
    {
      name: 'staff, service filter (panel, 8 results)',
      run: (i) => service.search(staff, { q: QUERIES[i % QUERIES.length]![0], lang: QUERIES[i % QUERIES.length]![1], service: 'eid-card', limit: 8 }),
    },
  ];
  for (const { name, run } of cases) {
    const times: number[] = [];
    for (let i = 0; i < searches; i++) {
      const started = performance.now();
      await run(i);
      times.push(performance.now() - started);
    }
    times.sort((x, y) => x - y);
    console.log(`${name.padEnd(42)} p50 ${percentile(times, 50).toFixed(2)} ms  p95 ${percentile(times, 95).toFixed(2)} ms  (${searches} searches)`);
  }
  await db.close();
}
