// SQL of the recommendation rules and the improvement actions they generate or people add.
import type { Queryable } from '../../platform/db/database.ts';
import type { LocalizedText } from '../../platform/i18n/languages.ts';
import type { OrganisationKind } from '../../organisations/service.ts';
import { type ActionStatus, type Horizon, type Scope } from '../repository.ts';

// ---- Recommendation rules and action plans

export interface Rule {
  id: string;
  key: string;
  criterionKey: string;
  threshold: number;
  measure: LocalizedText;
  horizon: Horizon;
  scope: Scope;
  indicator: string;
  practiceKey: string | null;
}

export async function listRules(db: Queryable): Promise<Rule[]> {
  const { rows } = await db.query<Rule>(
    `SELECT id, key, criterion_key AS "criterionKey", threshold, measure, horizon, scope, indicator, practice_key AS "practiceKey"
       FROM competence_rules ORDER BY criterion_key, key`,
  );
  return rows;
}

/** Statuses of an action still to do: an action in one of them is open, and late once its due date is past. */
const OPEN_STATUSES = `('planned', 'in_progress')`;

/**
 * Turns the weak criteria of an assessment into actions: every rule whose criterion scored below its
 * threshold (or was left unanswered) gives one action for the organisation, once per campaign, however
 * often this runs — and none while the organisation still has an open action of that rule from an earlier
 * campaign (the weakness is already in its plan; a second copy would only duplicate it). Short-term actions
 * are due six months after submission, long-term ones two years. Returns the number of actions created.
 */
export async function generateActionPlan(tx: Queryable, assessmentId: string): Promise<number> {
  const { rowCount } = await tx.query(
    `INSERT INTO competence_actions (organisation_id, campaign_id, rule_id, criterion_key, title, due_on, indicator,
                                     target_value, horizon, scope)
     SELECT s.organisation_id, s.campaign_id, r.id, c.key, r.measure,
            (coalesce(s.submitted_at, now()) AT TIME ZONE 'Europe/Brussels')::date
              + CASE WHEN r.horizon = 'short' THEN interval '6 months' ELSE interval '24 months' END,
            r.indicator,
            CASE WHEN r.indicator LIKE 'maturity.%' THEN r.threshold END,
            r.horizon, r.scope
       FROM competence_assessments s
       JOIN competence_criteria c ON c.campaign_id = s.campaign_id
       LEFT JOIN competence_answers a ON a.assessment_id = s.id AND a.criterion_id = c.id
       JOIN competence_rules r ON r.criterion_key = c.key
      WHERE s.id = $1 AND (a.score IS NULL OR a.score < r.threshold)
        AND NOT EXISTS (SELECT 1 FROM competence_actions open
                         WHERE open.organisation_id = s.organisation_id AND open.rule_id = r.id
                           AND open.status IN ${OPEN_STATUSES} AND open.campaign_id IS DISTINCT FROM s.campaign_id)
     ON CONFLICT (organisation_id, campaign_id, rule_id) WHERE rule_id IS NOT NULL DO NOTHING`,
    [assessmentId],
  );
  return rowCount;
}

export interface Action {
  id: string;
  organisationId: string;
  organisationCode: string;
  organisationKind: OrganisationKind;
  organisationName: LocalizedText;
  campaignCode: string | null;
  ruleKey: string | null;
  criterionKey: string | null;
  title: LocalizedText;
  owner: string;
  dueOn: string | null;
  status: ActionStatus;
  indicator: string;
  targetValue: number | null;
  horizon: Horizon;
  scope: Scope;
  projectId: string | null;
  projectTitle: LocalizedText | null;
  version: number;
  /** Still to do and its due date (Brussels) is past. */
  overdue: boolean;
}

const ACTION_SELECT = `SELECT a.id, a.organisation_id AS "organisationId", o.code AS "organisationCode", o.kind AS "organisationKind",
    o.name AS "organisationName", c.code AS "campaignCode", r.key AS "ruleKey", a.criterion_key AS "criterionKey", a.title,
    a.owner, to_char(a.due_on, 'YYYY-MM-DD') AS "dueOn", a.status, a.indicator, a.target_value::float8 AS "targetValue",
    a.horizon, a.scope, a.project_id AS "projectId", p.title AS "projectTitle", a.version,
    (a.status IN ${OPEN_STATUSES} AND a.due_on < (now() AT TIME ZONE 'Europe/Brussels')::date) AS overdue
  FROM competence_actions a
  JOIN organisations o ON o.id = a.organisation_id
  LEFT JOIN competence_campaigns c ON c.id = a.campaign_id
  LEFT JOIN competence_rules r ON r.id = a.rule_id
  LEFT JOIN competence_projects p ON p.id = a.project_id`;

export async function listActions(db: Queryable, filter: { organisationId?: string | null; scope?: Scope | undefined } = {}): Promise<Action[]> {
  const { rows } = await db.query<Action>(
    `${ACTION_SELECT}
      WHERE ($1::uuid IS NULL OR a.organisation_id = $1) AND ($2::text IS NULL OR a.scope = $2)
      ORDER BY o.kind, o.name->>'fr', a.horizon DESC, a.due_on NULLS LAST, a.criterion_key`,
    [filter.organisationId ?? null, filter.scope ?? null],
  );
  return rows;
}

export async function findAction(db: Queryable, id: string): Promise<Action | undefined> {
  const { rows } = await db.query<Action>(`${ACTION_SELECT} WHERE a.id = $1`, [id]);
  return rows[0];
}

export interface ActionChanges {
  title: LocalizedText;
  owner: string;
  dueOn: string | null;
  status: ActionStatus;
  indicator: string;
  targetValue: number | null;
  horizon: Horizon;
}

/** Whether the organisation has an open action with this title in one of its languages (case and spaces aside). */
export async function hasOpenActionTitled(db: Queryable, organisationId: string, title: LocalizedText): Promise<boolean> {
  const { rows } = await db.query(
    `SELECT 1 FROM competence_actions a, jsonb_each_text(a.title) existing, jsonb_each_text($2::jsonb) given
      WHERE a.organisation_id = $1 AND a.status IN ${OPEN_STATUSES} AND existing.key = given.key
        AND lower(btrim(existing.value)) = lower(btrim(given.value)) AND btrim(given.value) <> ''
      LIMIT 1`,
    [organisationId, JSON.stringify(title)],
  );
  return rows.length > 0;
}

export async function insertAction(db: Queryable, organisationId: string, input: ActionChanges & { scope: Scope }): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO competence_actions (organisation_id, title, owner, due_on, status, indicator, target_value, horizon, scope)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [organisationId, JSON.stringify(input.title), input.owner, input.dueOn, input.status, input.indicator, input.targetValue, input.horizon, input.scope],
  );
  return rows[0]!.id;
}

export async function updateAction(db: Queryable, id: string, version: number, changes: ActionChanges): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE competence_actions
        SET title = $3, owner = $4, due_on = $5, status = $6, indicator = $7, target_value = $8, horizon = $9,
            updated_at = now(), version = version + 1
      WHERE id = $1 AND version = $2`,
    [id, version, JSON.stringify(changes.title), changes.owner, changes.dueOn, changes.status, changes.indicator, changes.targetValue, changes.horizon],
  );
  return rowCount > 0;
}
