// Scoring of maturity self-assessments. Pure functions, no I/O.
//
// The scale (documented on the questionnaire page) is the classical scoring panel of the EU Common Assessment
// Framework for enablers: same bands and same PDCA phases, our wording. Source: CAF 2020 – Improving Public
// Organisations through Self-Assessment, European CAF Resource Centre, EIPA (Maastricht, 2019/2020), chapter III
// "How to evaluate: the scoring system", 1. CAF classical scoring, enablers panel (p. 53–54 of the English
// guideline; the same panel as CAF 2013). See docs/decisions/0016-competence-scoring-panel.md.
//   0–10   —      no approach: nothing is done in this field, or there is no information / only anecdotes
//   11–30  Plan   there is a plan to do it
//   31–50  Do     it is being carried out
//   51–70  Check  it is checked / reviewed whether the right things are done in the right way
//   71–90  Act    on the basis of those checks, it is adjusted where necessary
//   91–100 PDCA   everything is planned, carried out, checked and adjusted regularly, and learnt from others:
//                 a continuous improvement cycle
// Like the CAF panel the scale is cumulative: a phase counts only when the earlier ones are in place.
// Where we differ from the CAF (so the pages say "after the CAF", not "CAF scores"):
//  - CAF scores each of its 28 subcriteria; we score each criterion of our own questionnaire (five
//    reception dimensions, not the nine CAF criteria);
//  - CAF scores its results criteria (6–9) on a separate results panel (trends, targets); we have no
//    self-assessed results: measured indicators come from the satisfaction module and are shown beside the
//    scores, never blended into them.
// A criterion's score is its answer; a dimension's score is the mean of its answered criteria (as CAF
// takes the mean of sub-criteria); the overall score is the mean of the dimension scores.

/** Where the panel comes from (named on the questionnaire page). */
export const CAF_SOURCE = {
  title: 'CAF 2020 – European CAF Resource Centre, EIPA',
  url: 'https://www.caf-network.eu/',
} as const;

export const DIMENSIONS = ['culture', 'user_knowledge', 'processes', 'tools', 'governance'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export function isDimension(value: unknown): value is Dimension {
  return typeof value === 'string' && (DIMENSIONS as readonly string[]).includes(value);
}

export const PDCA_BANDS = [
  { key: 'none', min: 0, max: 10 },
  { key: 'plan', min: 11, max: 30 },
  { key: 'do', min: 31, max: 50 },
  { key: 'check', min: 51, max: 70 },
  { key: 'act', min: 71, max: 90 },
  { key: 'cycle', min: 91, max: 100 },
] as const;
export type BandKey = (typeof PDCA_BANDS)[number]['key'];

/** Above this score a criterion claims an approach, so evidence is required to submit. */
export const EVIDENCE_REQUIRED_ABOVE = 10;

export function bandOf(score: number): BandKey {
  const rounded = Math.round(score);
  return (PDCA_BANDS.find((band) => rounded >= band.min && rounded <= band.max) ?? PDCA_BANDS[0]).key;
}

export interface ScoredCriterion {
  key: string;
  dimension: Dimension;
  score: number | null;
}

export interface Scores {
  criteria: Record<string, number | null>;
  dimensions: Record<Dimension, number | null>;
  overall: number | null;
}

const round1 = (value: number) => Math.round(value * 10) / 10;

export function mean(values: ReadonlyArray<number | null | undefined>): number | null {
  const present = values.filter((value): value is number => typeof value === 'number' && Number.isFinite(value));
  if (present.length === 0) return null;
  return round1(present.reduce((sum, value) => sum + value, 0) / present.length);
}

/** Scores per criterion, per dimension (mean of answered criteria) and overall (mean of dimensions). */
export function scoreAssessment(answers: readonly ScoredCriterion[]): Scores {
  const criteria: Record<string, number | null> = {};
  for (const answer of answers) criteria[answer.key] = answer.score;
  const dimensions = Object.fromEntries(
    DIMENSIONS.map((dimension) => [dimension, mean(answers.filter((a) => a.dimension === dimension).map((a) => a.score))]),
  ) as Record<Dimension, number | null>;
  return { criteria, dimensions, overall: mean(DIMENSIONS.map((dimension) => dimensions[dimension])) };
}

/** Difference current − previous, one decimal; null when either side is missing. */
export function change(current: number | null | undefined, previous: number | null | undefined): number | null {
  if (current == null || previous == null) return null;
  return round1(current - previous);
}

export interface Distribution {
  count: number;
  min: number | null;
  q1: number | null;
  median: number | null;
  q3: number | null;
  max: number | null;
  mean: number | null;
}

/** Quartiles by linear interpolation (the usual "type 7" definition). */
export function quantile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const position = (sorted.length - 1) * p;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return round1(sorted[low]! + (sorted[high]! - sorted[low]!) * (position - low));
}

export function distribution(values: ReadonlyArray<number | null | undefined>): Distribution {
  const sorted = values.filter((value): value is number => typeof value === 'number').sort((a, b) => a - b);
  return {
    count: sorted.length,
    min: sorted[0] ?? null,
    q1: quantile(sorted, 0.25),
    median: quantile(sorted, 0.5),
    q3: quantile(sorted, 0.75),
    max: sorted.at(-1) ?? null,
    mean: mean(sorted),
  };
}

/** The strongest and weakest criteria by mean score (ties broken by key, for stable pages). */
export function strengthsAndWeaknesses(means: Array<{ key: string; mean: number | null }>, count = 3) {
  const known = means.filter((entry): entry is { key: string; mean: number } => entry.mean !== null);
  const ordered = [...known].sort((a, b) => b.mean - a.mean || a.key.localeCompare(b.key));
  return {
    strengths: ordered.slice(0, count),
    weaknesses: ordered
      .slice(-count)
      .reverse()
      .filter((w) => !ordered.slice(0, count).includes(w)),
  };
}
