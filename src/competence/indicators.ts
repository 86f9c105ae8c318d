// Indicators that actions and strategic objectives aim to move, and the seam with the satisfaction module.
//
// Maturity indicators come from this module's own assessments. Measured indicators come from other modules:
//  - satisfaction.overall, reachability, need_met: the satisfaction module (issue 6, migration 0005), read
//    through measuredIndicators() from its per-month sums `satisfaction_aggregates`;
//  - waiting.counter, resolution.first_contact, response.written_on_time: no installed module measures
//    them yet (queues, contact center); they are listed so objectives can name them, and show "no data yet".
// Nothing here ever invents a figure: a missing source or too few answers gives null and the pages say so.
import type { Queryable } from '../platform/db/database.ts';
import { satisfactionSums, MEASURED_INDICATORS_RELATION } from './repository.ts';
import { DIMENSIONS } from './scoring.ts';

export interface IndicatorDefinition {
  key: string;
  source: 'competence' | 'satisfaction' | 'not_measured';
  /** How values read: a score out of 100, a mark out of 10, a percentage, minutes. */
  unit: 'score100' | 'mark10' | 'percent' | 'minutes';
  /** Whether a higher value is better (waiting times: lower is better). */
  higherIsBetter: boolean;
}

export const INDICATORS: IndicatorDefinition[] = [
  { key: 'maturity.overall', source: 'competence', unit: 'score100', higherIsBetter: true },
  ...DIMENSIONS.map((dimension) => ({ key: `maturity.${dimension}`, source: 'competence' as const, unit: 'score100' as const, higherIsBetter: true })),
  { key: 'satisfaction.overall', source: 'satisfaction', unit: 'mark10', higherIsBetter: true },
  { key: 'reachability', source: 'satisfaction', unit: 'percent', higherIsBetter: true },
  { key: 'need_met', source: 'satisfaction', unit: 'percent', higherIsBetter: true },
  { key: 'waiting.counter', source: 'not_measured', unit: 'minutes', higherIsBetter: false },
  { key: 'resolution.first_contact', source: 'not_measured', unit: 'percent', higherIsBetter: true },
  { key: 'response.written_on_time', source: 'not_measured', unit: 'percent', higherIsBetter: true },
];

export const INDICATOR_KEYS = INDICATORS.map((indicator) => indicator.key);
/** The measured indicators shown next to self-assessed scores in results and the regional view. */
export const SIDE_BY_SIDE_INDICATORS = ['satisfaction.overall', 'reachability', 'waiting.counter'] as const;

/** Below this many answers a measured figure is not shown (the satisfaction module's publication rule). */
export const MIN_MEASURED_ANSWERS = 10;

export function indicatorDefinition(key: string): IndicatorDefinition | undefined {
  return INDICATORS.find((indicator) => indicator.key === key);
}

export interface MeasuredValue {
  value: number;
  /** Number of answers the value rests on. */
  sampleSize: number;
  periodStart: string;
  periodEnd: string;
}

export type MeasuredIndicators =
  | { available: false; reason: 'module_not_installed'; relation: string }
  | { available: true; byOrganisation: Map<string, Partial<Record<string, MeasuredValue>>> };

const round1 = (value: number) => Math.round(value * 10) / 10;

/**
 * THE SEAM. Per organisation, the measured indicators over the last twelve months:
 *   satisfaction.overall = mean observatory score on 10 (5 levels → 10 / 7.5 / 5 / 2.5 / 0)
 *                        = sum(score_x2_sum) / 2 / sum(answers)
 *   reachability         = 100 × sum(reached) / sum(answers)   (users who managed to reach the administration)
 *   need_met             = 100 × sum(need_yes) / sum(answers)
 * read from `satisfaction_aggregates` (organisation_id, month, answers, score_x2_sum, reached, need_yes).
 * Organisations with fewer than MIN_MEASURED_ANSWERS answers get no value. While that relation does not
 * exist the answer is { available: false }, and pages say that no measured data exist yet.
 */
export async function measuredIndicators(db: Queryable, organisationIds: string[]): Promise<MeasuredIndicators> {
  const rows = await satisfactionSums(db, organisationIds);
  if (rows === null) return { available: false, reason: 'module_not_installed', relation: MEASURED_INDICATORS_RELATION };
  const byOrganisation = new Map<string, Partial<Record<string, MeasuredValue>>>();
  for (const row of rows) {
    if (row.answers < MIN_MEASURED_ANSWERS) continue;
    const base = { sampleSize: row.answers, periodStart: row.periodStart, periodEnd: row.periodEnd };
    byOrganisation.set(row.organisationId, {
      'satisfaction.overall': { ...base, value: round1(row.scoreX2Sum / 2 / row.answers) },
      reachability: { ...base, value: round1((100 * row.reached) / row.answers) },
      need_met: { ...base, value: round1((100 * row.needYes) / row.answers) },
    });
  }
  return { available: true, byOrganisation };
}

/** A regional value from organisations' values, weighted by the number of answers. */
export function regionalValue(values: MeasuredValue[]): number | null {
  const total = values.reduce((sum, v) => sum + v.sampleSize, 0);
  if (total === 0) return null;
  return round1(values.reduce((acc, v) => acc + v.value * v.sampleSize, 0) / total);
}
