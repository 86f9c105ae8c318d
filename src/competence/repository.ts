// SQL shared by the competence center's sections: statuses and enumerations, organisations (read-only, for
// names and peers) and the measured indicators' sums. Each section's own statements are in its repository.ts.
import type { Queryable } from '../platform/db/database.ts';
import type { LocalizedText } from '../platform/i18n/languages.ts';
import type { OrganisationKind } from '../organisations/service.ts';

export type CampaignStatus = 'draft' | 'open' | 'closed';
export type ActionStatus = 'planned' | 'in_progress' | 'done' | 'dropped';
export type Horizon = 'short' | 'long';
export type Scope = 'individual' | 'collective';
export type RequestStatus = 'open' | 'accepted' | 'in_progress' | 'closed' | 'declined';
export type PracticePlace = 'france' | 'flanders' | 'wallonia' | 'netherlands' | 'brussels' | 'europe';
export type ObservationMethod = 'observation_day' | 'interview' | 'document_review' | 'mystery_visit';

export const CAMPAIGN_STATUSES = ['draft', 'open', 'closed'] as const;
export const ACTION_STATUSES = ['planned', 'in_progress', 'done', 'dropped'] as const;
export const REQUEST_STATUSES = ['open', 'accepted', 'in_progress', 'closed', 'declined'] as const;
export const PRACTICE_PLACES = ['france', 'flanders', 'wallonia', 'netherlands', 'brussels', 'europe'] as const;
export const OBSERVATION_METHODS = ['observation_day', 'interview', 'document_review', 'mystery_visit'] as const;
export const HORIZONS = ['short', 'long'] as const;
export const SCOPES = ['individual', 'collective'] as const;

export interface OrganisationRef {
  id: string;
  code: string;
  kind: OrganisationKind;
  name: LocalizedText;
}

// ---- Measured indicators (the seam with the satisfaction module, issue 6)

export interface SatisfactionSums {
  organisationId: string;
  answers: number;
  scoreX2Sum: number;
  reached: number;
  needYes: number;
  periodStart: string;
  periodEnd: string;
}

/** The relation the satisfaction module (migration 0005) keeps its per-month sums in. */
export const MEASURED_INDICATORS_RELATION = 'satisfaction_aggregates';

/**
 * Per organisation, the satisfaction module's sums over the last twelve months (the current one included),
 * or null when that module's relation does not exist (the module is not installed).
 */
export async function satisfactionSums(db: Queryable, organisationIds: string[]): Promise<SatisfactionSums[] | null> {
  const { rows: exists } = await db.query<{ present: boolean }>(`SELECT to_regclass($1) IS NOT NULL AS present`, [MEASURED_INDICATORS_RELATION]);
  if (!exists[0]?.present) return null;
  const { rows } = await db.query<SatisfactionSums>(
    `SELECT organisation_id AS "organisationId", sum(answers)::int AS answers, sum(score_x2_sum)::float8 AS "scoreX2Sum",
            sum(reached)::int AS reached, sum(need_yes)::int AS "needYes",
            to_char(min(month), 'YYYY-MM-DD') AS "periodStart",
            to_char(max(month) + interval '1 month' - interval '1 day', 'YYYY-MM-DD') AS "periodEnd"
       FROM ${MEASURED_INDICATORS_RELATION}
      WHERE organisation_id = ANY($1::uuid[])
        AND month >= (date_trunc('month', now() AT TIME ZONE 'Europe/Brussels') - interval '11 months')::date
      GROUP BY organisation_id`,
    [organisationIds],
  );
  return rows;
}

// ---- Organisations (read-only, for names and peers)

export async function findOrganisationRef(db: Queryable, code: string): Promise<OrganisationRef | undefined> {
  const { rows } = await db.query<OrganisationRef>(`SELECT id, code, kind, name FROM organisations WHERE code = $1`, [code]);
  return rows[0];
}

export async function listOrganisationRefs(db: Queryable, ids: string[]): Promise<OrganisationRef[]> {
  const { rows } = await db.query<OrganisationRef>(`SELECT id, code, kind, name FROM organisations WHERE id = ANY($1::uuid[]) ORDER BY kind, name->>'fr'`, [
    ids,
  ]);
  return rows;
}
