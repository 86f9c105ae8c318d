// Indicator arithmetic, kept pure so it can be checked by hand. Inputs are the sums stored in
// satisfaction_aggregates; outputs are the published figures, each with the number of answers it rests on.
//
//  - CSAT: share of answers in the top two of five levels for overall satisfaction (%).
//  - Score /10: the French observatory's "Je donne mon avis" scale: good = 10, average = 5, bad = 0; with five
//    levels 10 / 7.5 / 5 / 2.5 / 0. Stored as twice the score (integers): level L (1..5) → (L − 1) × 5.
//  - Clarity: share of top-two answers to "the information was clear" (%).
//  - Effort: share of top-two answers to "it was easy to …" (%), a customer-effort score.
//  - Need met: share of "yes" (and "partly" reported beside it) (%).
//  - Reachability: share who managed to reach the administration (%).
//  - Autonomy: share who reached it through a single channel, without having to try another one (%).
//  - NPS: % promoters (9–10) − % detractors (0–6) among those asked, from −100 to 100.

/** Below this many answers, a figure is not shown outside its organisation. */
export const MIN_PUBLISHED_ANSWERS = 10;

export interface AggregateSums {
  answers: number;
  overallSum: number;
  overallTop2: number;
  scoreX2Sum: number;
  claritySum: number;
  clarityTop2: number;
  effortSum: number;
  effortEasy: number;
  needYes: number;
  needPartly: number;
  reached: number;
  autonomous: number;
  npsAnswers: number;
  npsPromoters: number;
  npsDetractors: number;
}

export const INDICATORS = ['csat', 'score10', 'clarity', 'effort', 'needMet', 'reachability', 'autonomy', 'nps'] as const;
export type IndicatorKey = (typeof INDICATORS)[number];

export interface Indicators {
  /** Number of answers every figure except NPS rests on. */
  answers: number;
  /** Number of NPS answers. */
  npsAnswers: number;
  /** True when the figures are hidden because they rest on too few answers. */
  suppressed: boolean;
  csat: number | null;
  score10: number | null;
  clarity: number | null;
  effort: number | null;
  needMet: number | null;
  needPartly: number | null;
  reachability: number | null;
  autonomy: number | null;
  nps: number | null;
  /** Mean overall rating on 1..5. */
  overallMean: number | null;
}

/** How one answer contributes to the sums. */
export function answerContribution(answer: {
  overall: number;
  clarity: number;
  effort: number;
  needMet: 'yes' | 'partly' | 'no';
  reached: boolean;
  channelsUsed: readonly string[];
  recommend?: number | null | undefined;
}): AggregateSums {
  const asked = answer.recommend !== undefined && answer.recommend !== null;
  return {
    answers: 1,
    overallSum: answer.overall,
    overallTop2: answer.overall >= 4 ? 1 : 0,
    scoreX2Sum: (answer.overall - 1) * 5,
    claritySum: answer.clarity,
    clarityTop2: answer.clarity >= 4 ? 1 : 0,
    effortSum: answer.effort,
    effortEasy: answer.effort >= 4 ? 1 : 0,
    needYes: answer.needMet === 'yes' ? 1 : 0,
    needPartly: answer.needMet === 'partly' ? 1 : 0,
    reached: answer.reached ? 1 : 0,
    autonomous: answer.reached && new Set(answer.channelsUsed).size <= 1 ? 1 : 0,
    npsAnswers: asked ? 1 : 0,
    npsPromoters: asked && answer.recommend! >= 9 ? 1 : 0,
    npsDetractors: asked && answer.recommend! <= 6 ? 1 : 0,
  };
}

export const EMPTY_SUMS: AggregateSums = {
  answers: 0,
  overallSum: 0,
  overallTop2: 0,
  scoreX2Sum: 0,
  claritySum: 0,
  clarityTop2: 0,
  effortSum: 0,
  effortEasy: 0,
  needYes: 0,
  needPartly: 0,
  reached: 0,
  autonomous: 0,
  npsAnswers: 0,
  npsPromoters: 0,
  npsDetractors: 0,
};

export function addSums(a: AggregateSums, b: AggregateSums): AggregateSums {
  const out = { ...a };
  for (const key of Object.keys(out) as Array<keyof AggregateSums>) out[key] = a[key] + b[key];
  return out;
}

const round1 = (value: number) => Math.round(value * 10) / 10;
const pct = (part: number, whole: number) => (whole > 0 ? round1((part / whole) * 100) : null);

/**
 * The indicators of a set of answers. With `suppress`, figures resting on fewer than
 * MIN_PUBLISHED_ANSWERS answers are null (the count stays visible: it tells why).
 */
export function computeIndicators(sums: AggregateSums, options: { suppress: boolean }): Indicators {
  const n = sums.answers;
  const hidden = options.suppress && n < MIN_PUBLISHED_ANSWERS;
  const npsHidden = n === 0 || sums.npsAnswers === 0 || (options.suppress && sums.npsAnswers < MIN_PUBLISHED_ANSWERS);
  const value = (v: number | null) => (hidden ? null : v);
  return {
    answers: n,
    npsAnswers: sums.npsAnswers,
    suppressed: hidden,
    csat: value(pct(sums.overallTop2, n)),
    score10: value(n > 0 ? Math.round((sums.scoreX2Sum / 2 / n) * 100) / 100 : null),
    clarity: value(pct(sums.clarityTop2, n)),
    effort: value(pct(sums.effortEasy, n)),
    needMet: value(pct(sums.needYes, n)),
    needPartly: value(pct(sums.needPartly, n)),
    reachability: value(pct(sums.reached, n)),
    autonomy: value(pct(sums.autonomous, n)),
    nps: hidden || npsHidden ? null : round1(((sums.npsPromoters - sums.npsDetractors) / sums.npsAnswers) * 100),
    overallMean: value(n > 0 ? Math.round((sums.overallSum / n) * 100) / 100 : null),
  };
}

/** Change between two periods, in points (null when either side is missing). */
export function difference(current: number | null, previous: number | null): number | null {
  return current === null || previous === null ? null : round1(current - previous);
}
