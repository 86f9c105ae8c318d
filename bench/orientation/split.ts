// Splits the orientation question set into a development half and a test half.
//
//   npx tsx bench/orientation/split.ts          rewrite dev.json and test.json
//   npx tsx bench/orientation/split.ts --check  fail if the files are not split as this script would split them
//
// The input is the union of the two files. Re-running it with more questions may move existing ones from one half to
// the other: once the ranking has been tuned on dev, add new questions as a new pair of files rather than re-split.
// Stratified by language and tag set (so each half gets its share of typos, mixed-language questions, out-of-scope
// questions…), then ordered within a stratum by a seeded hash of the id: deterministic, and independent of the ranking.
// Tune the search on dev.json only; test.json is for reporting.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { formatQuestions, questionSetPath, readQuestionSet, type OrientationQuestion } from './questions.ts';

const SEED = 'irisdesk-orientation-2026';

/** FNV-1a, 32 bits: a stable order that no one chose by hand. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** The stratified, seeded split of a question set into halves. */
export function split(questions: OrientationQuestion[]): { dev: OrientationQuestion[]; test: OrientationQuestion[] } {
  const strata = new Map<string, OrientationQuestion[]>();
  for (const q of questions) {
    const key = `${q.lang}|${[...q.tags].sort().join(',')}`;
    strata.set(key, [...(strata.get(key) ?? []), q]);
  }
  const dev: OrientationQuestion[] = [];
  const test: OrientationQuestion[] = [];
  let odd = 0; // strata of odd size give their extra question to dev and test in turn
  for (const key of [...strata.keys()].sort()) {
    const members = strata.get(key)!.sort((a, b) => hash(SEED + a.id) - hash(SEED + b.id) || a.id.localeCompare(b.id));
    const first = odd % 2 === 0 ? dev : test;
    const second = first === dev ? test : dev;
    members.forEach((q, i) => (i % 2 === 0 ? first : second).push(q));
    if (members.length % 2 === 1) odd++;
  }
  const byId = (a: OrientationQuestion, b: OrientationQuestion) => a.id.localeCompare(b.id, 'en', { numeric: true });
  return { dev: dev.sort(byId), test: test.sort(byId) };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const pool = [...readQuestionSet('dev'), ...readQuestionSet('test')];
  const ids = new Set(pool.map((q) => q.id));
  if (ids.size !== pool.length) throw new Error('two questions share an id');
  const { dev, test } = split(pool);
  if (process.argv.includes('--check')) {
    const same =
      readFileSync(questionSetPath('dev'), 'utf8') === formatQuestions(dev) && readFileSync(questionSetPath('test'), 'utf8') === formatQuestions(test);
    if (!same) {
      console.error('bench/orientation: dev.json/test.json are not the seeded split; run npx tsx bench/orientation/split.ts');
      process.exit(1);
    }
    console.log(`split ok: ${dev.length} dev, ${test.length} test`);
  } else {
    writeFileSync(questionSetPath('dev'), formatQuestions(dev));
    writeFileSync(questionSetPath('test'), formatQuestions(test));
    console.log(`wrote ${dev.length} dev and ${test.length} test questions`);
  }
}
