// Orientation quality: runs the question sets of bench/orientation/ through the catalogue search (a fresh in-memory
// database with the demo catalogue) and prints, for the regression, dev and test sets separately: top-1, top-3 and
// MRR overall and per language, the no-result precision/recall of the out-of-scope questions and the figures per
// tag. Then the search latency without the answer cache at 5,000 services (the search bench's synthetic catalogue):
// every held-out question once (each a distinct cache key), timed in the server process next to a bare endpoint.
//   npm run bench -- orientation [--misses] [--quality] [--no-test] [--no-search-terms]    (or: npx tsx
//   bench/orientation-eval.ts; --quality: no latency pass; --no-test: the test half is neither asked nor scored, for
//   the runs that tune on dev; --no-search-terms: ranks without the services' search terms, to judge a ranking change)
// --misses lists the dev and regression questions whose answer is not in the top 3 (and out-of-scope ones that got
// services). The test set's misses are never printed: tune on dev only, and read test's figures as the result.
import { openPglite } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { seed } from '../src/seed/index.ts';
import { catalogueService } from '../src/catalogue/service.ts';
import { prepareDatabase, startServer, uncachedSearchLatency } from './catalogue.ts';
import { QUESTION_SETS, readQuestionSet, type OrientationQuestion, type QuestionSet } from './orientation/questions.ts';

/** What the search answered to one question: the ranked codes, and whether it flagged its answer as poor. */
export interface Answer {
  codes: readonly string[];
  poor: boolean;
}

interface Ranking {
  n: number;
  top1: number;
  top3: number;
  /** Sum of 1/rank of the first right answer in the (at most 20) results; 0 when none is right. */
  reciprocalRanks: number;
}

export interface SetScore {
  answerable: Ranking;
  byLang: Record<string, Ranking>;
  /** Per tag, over the answerable questions that carry it. */
  byTag: Record<string, Ranking>;
  outOfScope: {
    n: number;
    /** Out-of-scope questions answered with no service at all (the no-result page). */
    noResult: number;
    /** Out-of-scope questions answered with services but the "may not match" warning. */
    poorOnly: number;
    /** Answerable questions that got the no-result page. */
    answerableWithNoResult: number;
    byLang: Record<string, { n: number; noResult: number }>;
  };
  /** Answerable questions whose answer is not in the top 3, and out-of-scope ones that got services. */
  misses: Array<{ question: OrientationQuestion; got: readonly string[] }>;
}

const emptyRanking = (): Ranking => ({ n: 0, top1: 0, top3: 0, reciprocalRanks: 0 });

/** Scores the answers of one question set. Pure: the figures are a function of the questions and the answers only. */
export function scoreSet(questions: readonly OrientationQuestion[], answers: ReadonlyMap<string, Answer>): SetScore {
  const score: SetScore = {
    answerable: emptyRanking(),
    byLang: {},
    byTag: {},
    outOfScope: { n: 0, noResult: 0, poorOnly: 0, answerableWithNoResult: 0, byLang: {} },
    misses: [],
  };
  for (const question of questions) {
    const answer = answers.get(question.id);
    if (!answer) throw new Error(`no answer for ${question.id}`);
    if (question.expected.length === 0) {
      const oos = score.outOfScope;
      const lang = (oos.byLang[question.lang] ??= { n: 0, noResult: 0 });
      oos.n++;
      lang.n++;
      if (answer.codes.length === 0) {
        oos.noResult++;
        lang.noResult++;
      } else {
        if (answer.poor) oos.poorOnly++;
        score.misses.push({ question, got: answer.codes.slice(0, 3) });
      }
      continue;
    }
    const rank = answer.codes.findIndex((code) => question.expected.includes(code)) + 1;
    if (answer.codes.length === 0) score.outOfScope.answerableWithNoResult++;
    const rankings = [score.answerable, (score.byLang[question.lang] ??= emptyRanking()), ...question.tags.map((tag) => (score.byTag[tag] ??= emptyRanking()))];
    for (const ranking of rankings) {
      ranking.n++;
      if (rank === 1) ranking.top1++;
      if (rank >= 1 && rank <= 3) ranking.top3++;
      if (rank >= 1) ranking.reciprocalRanks += 1 / rank;
    }
    if (rank < 1 || rank > 3) score.misses.push({ question, got: answer.codes.slice(0, 3) });
  }
  return score;
}

const ratio = (part: number, whole: number) => (whole === 0 ? '  –  ' : (part / whole).toFixed(3));

function rankingLine(label: string, r: Ranking): string {
  return `  ${label.padEnd(12)} n=${String(r.n).padStart(4)}  top-1 ${ratio(r.top1, r.n)}  top-3 ${ratio(r.top3, r.n)}  MRR ${ratio(r.reciprocalRanks, r.n)}`;
}

function printSet(set: QuestionSet, questions: readonly OrientationQuestion[], score: SetScore, showMisses: boolean) {
  const oos = score.outOfScope;
  console.log(`\n== ${set}: ${questions.length} questions (${score.answerable.n} answerable, ${oos.n} out of scope)`);
  console.log(rankingLine('all', score.answerable));
  for (const lang of ['fr', 'nl', 'en']) if (score.byLang[lang]) console.log(rankingLine(lang, score.byLang[lang]!));
  if (oos.n > 0) {
    // Precision: of the questions that got the no-result page, how many should have; recall: of the out-of-scope
    // questions, how many got it.
    const returnedNothing = oos.noResult + oos.answerableWithNoResult;
    console.log(
      `  out of scope: no-result recall ${ratio(oos.noResult, oos.n)} (${oos.noResult}/${oos.n}), ` +
        `precision ${ratio(oos.noResult, returnedNothing)} (${oos.noResult}/${returnedNothing} no-result pages); ` +
        `${oos.poorOnly} more got services under the "may not match" warning`,
    );
    console.log(
      `    per language: ${Object.entries(oos.byLang)
        .map(([lang, s]) => `${lang} ${s.noResult}/${s.n}`)
        .join(', ')}`,
    );
  }
  const tags = Object.entries(score.byTag).sort(([a], [b]) => a.localeCompare(b));
  if (tags.length > 0) {
    console.log('  per tag (answerable questions):');
    for (const [tag, ranking] of tags) console.log(`  ${rankingLine(tag, ranking)}`);
  }
  if (showMisses && score.misses.length > 0) {
    console.log(`  misses (${score.misses.length}): answer not in the top 3, or services for an out-of-scope question`);
    for (const { question, got } of score.misses) {
      console.log(
        `    ${question.id} [${question.tags.join(',')}] "${question.text}" → expected ${question.expected.join('|') || '(no result)'}; got ${got.join(', ') || '(nothing)'}`,
      );
    }
  }
}

export async function runOrientationEval(args: readonly string[] = []) {
  const scoredSets = QUESTION_SETS.filter((set) => set !== 'test' || !args.includes('--no-test'));
  const sets = Object.fromEntries(QUESTION_SETS.map((set) => [set, readQuestionSet(set)])) as Record<QuestionSet, OrientationQuestion[]>;
  const db = await openPglite('memory://');
  const scores: Partial<Record<QuestionSet, SetScore>> = {};
  try {
    await migrate(db);
    await seed(db, { demo: false });
    // Ablation for judging a ranking change: dev is nearly saturated by the search terms (some written from its
    // misses), so a change to the ranking shows better on the names, keywords, texts and thesaurus alone.
    if (args.includes('--no-search-terms')) await db.query(`UPDATE services SET search_terms = '{}'::jsonb`);
    const { rows } = await db.query<{ code: string }>(`SELECT code FROM services WHERE status = 'published'`);
    const published = new Set(rows.map((row) => row.code));
    // A renamed or withdrawn service would quietly turn its questions into misses: refuse to score instead.
    for (const [set, questions] of Object.entries(sets)) {
      for (const q of questions) {
        const unknown = q.expected.filter((code) => !published.has(code));
        if (unknown.length > 0) throw new Error(`${set} question ${q.id} expects ${unknown.join(', ')}, not in the catalogue`);
      }
    }
    const catalogue = catalogueService(db);
    for (const set of scoredSets) {
      const answers = new Map<string, Answer>();
      for (const q of sets[set]) {
        const { results, poor } = await catalogue.search(q.text, q.lang, { logGaps: false });
        answers.set(q.id, { codes: results.map((r) => r.code), poor });
      }
      scores[set] = scoreSet(sets[set], answers);
    }
  } finally {
    await db.close();
  }

  console.log('orientation evaluation on the demo catalogue (regression: written with the ranking; dev: tune on it; test: report only)');
  for (const set of scoredSets) printSet(set, sets[set], scores[set]!, args.includes('--misses') && set !== 'test');

  if (args.includes('--quality')) return scores;
  // Latency at 5,000 services: the search bench's catalogue and server, every question a distinct cache key.
  const latencyDb = await prepareDatabase();
  const server = await startServer(latencyDb);
  try {
    await uncachedSearchLatency(server, [...sets.dev, ...sets.test], sets.regression);
  } finally {
    await server.app.close();
    await latencyDb.close();
  }
  return scores;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await runOrientationEval(process.argv.slice(2));
  process.exit(0);
}
