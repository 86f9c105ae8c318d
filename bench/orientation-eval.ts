// Orientation quality: runs the labelled user questions of orientation-eval.json through the catalogue search
// (a fresh in-memory database with the demo catalogue) and prints top-1 and top-3 accuracy and the misses.
//   npm run bench -- orientation        (or: npx tsx bench/orientation-eval.ts)
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openPglite } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { seed } from '../src/seed/index.ts';
import { catalogueService } from '../src/catalogue/service.ts';
import type { Language } from '../src/platform/i18n/languages.ts';

interface Case {
  q: string;
  lang: Language;
  /** Any of these codes is a right answer. */
  expected: string[];
}

export async function runOrientationEval(options: { quiet?: boolean } = {}) {
  const file = path.join(path.dirname(fileURLToPath(import.meta.url)), 'orientation-eval.json');
  const cases = JSON.parse(readFileSync(file, 'utf8')) as Case[];
  const db = await openPglite('memory://');
  try {
    await migrate(db);
    await seed(db, { demo: false });
    const catalogue = catalogueService(db);
    let top1 = 0;
    let top3 = 0;
    const misses: string[] = [];
    const byLang: Record<string, { n: number; top3: number }> = {};
    for (const c of cases) {
      const { results } = await catalogue.search(c.q, c.lang, { logGaps: false });
      const codes = results.map((r) => r.code);
      const hit1 = c.expected.includes(codes[0] ?? '');
      const hit3 = codes.slice(0, 3).some((code) => c.expected.includes(code));
      if (hit1) top1++;
      if (hit3) top3++;
      const stats = (byLang[c.lang] ??= { n: 0, top3: 0 });
      stats.n++;
      if (hit3) stats.top3++;
      if (!hit3) misses.push(`  [${c.lang}] "${c.q}" expected ${c.expected.join('|')} got ${codes.slice(0, 3).join(', ') || '(nothing)'}`);
    }
    const pct = (n: number) => `${((100 * n) / cases.length).toFixed(1)} %`;
    if (!options.quiet) {
      console.log(`orientation evaluation: ${cases.length} labelled questions`);
      console.log(`top-1 accuracy: ${top1}/${cases.length} = ${pct(top1)}`);
      console.log(`top-3 accuracy: ${top3}/${cases.length} = ${pct(top3)}`);
      for (const [lang, s] of Object.entries(byLang)) console.log(`  ${lang}: top-3 ${s.top3}/${s.n}`);
      if (misses.length) console.log(`misses (not in top 3):\n${misses.join('\n')}`);
    }
    return { total: cases.length, top1, top3 };
  } finally {
    await db.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await runOrientationEval();
}
