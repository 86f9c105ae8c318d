// Every SQL statement of the competence center. Parameterised, on a Queryable (the database or a transaction).
import type { Queryable } from '../platform/db/database.ts';
import type { LocalizedText } from '../platform/i18n/languages.ts';
import type { OrganisationKind } from '../organisations/service.ts';
import type { Dimension } from './scoring.ts';

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

const json = (value: unknown) => JSON.stringify(value);

// ---- Campaigns and their questionnaire

export interface Campaign {
  id: string;
  code: string;
  title: LocalizedText;
  status: CampaignStatus;
  closesOn: string | null;
  openedAt: Date | null;
  closedAt: Date | null;
  createdAt: Date;
  version: number;
  submittedCount: number;
}

const CAMPAIGN_COLUMNS = `c.id, c.code, c.title, c.status, to_char(c.closes_on, 'YYYY-MM-DD') AS "closesOn", c.opened_at AS "openedAt",
  c.closed_at AS "closedAt", c.created_at AS "createdAt", c.version,
  (SELECT count(*) FROM competence_assessments a WHERE a.campaign_id = c.id AND a.status = 'submitted')::int AS "submittedCount"`;

export async function listCampaigns(db: Queryable): Promise<Campaign[]> {
  const { rows } = await db.query<Campaign>(
    `SELECT ${CAMPAIGN_COLUMNS} FROM competence_campaigns c ORDER BY coalesce(c.opened_at, c.created_at) DESC, c.code`,
  );
  return rows;
}

export async function findCampaign(db: Queryable, code: string): Promise<Campaign | undefined> {
  const { rows } = await db.query<Campaign>(`SELECT ${CAMPAIGN_COLUMNS} FROM competence_campaigns c WHERE c.code = $1`, [code]);
  return rows[0];
}

/** Creates a campaign with a copy of the default questionnaire; undefined when the code is taken. */
export async function insertCampaign(
  tx: Queryable,
  input: { code: string; title: LocalizedText; closesOn: string | null; createdBy: string },
): Promise<string | undefined> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO competence_campaigns (code, title, closes_on, created_by) VALUES ($1, $2, $3, $4)
     ON CONFLICT (code) DO NOTHING RETURNING id`,
    [input.code, json(input.title), input.closesOn, input.createdBy],
  );
  const id = rows[0]?.id;
  if (!id) return undefined;
  await tx.query(
    `INSERT INTO competence_criteria (campaign_id, key, dimension, position, title, guidance)
     SELECT $1, key, dimension, position, title, guidance FROM competence_template_criteria`,
    [id],
  );
  return id;
}

/** Moves a campaign to a new status if it is still at the version read; false when stale. */
export async function setCampaignStatus(db: Queryable, id: string, version: number, status: CampaignStatus): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE competence_campaigns
        SET status = $3, version = version + 1,
            opened_at = CASE WHEN $3 = 'open' THEN coalesce(opened_at, now()) ELSE opened_at END,
            closed_at = CASE WHEN $3 = 'closed' THEN now() ELSE NULL END
      WHERE id = $1 AND version = $2`,
    [id, version, status],
  );
  return rowCount > 0;
}

export interface Criterion {
  id: string;
  key: string;
  dimension: Dimension;
  position: number;
  title: LocalizedText;
  guidance: LocalizedText;
  version: number;
}

export async function listCriteria(db: Queryable, campaignId: string): Promise<Criterion[]> {
  const { rows } = await db.query<Criterion>(
    `SELECT id, key, dimension, position, title, guidance, version FROM competence_criteria
      WHERE campaign_id = $1 ORDER BY position, key`,
    [campaignId],
  );
  return rows;
}

export async function updateCriterion(
  db: Queryable,
  campaignId: string,
  key: string,
  version: number,
  changes: { title: LocalizedText; guidance: LocalizedText },
): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE competence_criteria SET title = $4, guidance = $5, version = version + 1
      WHERE campaign_id = $1 AND key = $2 AND version = $3`,
    [campaignId, key, version, json(changes.title), json(changes.guidance)],
  );
  return rowCount > 0;
}

// ---- Assessments and answers

export interface Assessment {
  id: string;
  campaignId: string;
  organisationId: string;
  status: 'draft' | 'submitted';
  submittedAt: Date | null;
  updatedAt: Date;
  version: number;
}

const ASSESSMENT_COLUMNS = `id, campaign_id AS "campaignId", organisation_id AS "organisationId", status,
  submitted_at AS "submittedAt", updated_at AS "updatedAt", version`;

export async function findAssessment(db: Queryable, campaignId: string, organisationId: string): Promise<Assessment | undefined> {
  const { rows } = await db.query<Assessment>(
    `SELECT ${ASSESSMENT_COLUMNS} FROM competence_assessments WHERE campaign_id = $1 AND organisation_id = $2`,
    [campaignId, organisationId],
  );
  return rows[0];
}

export async function ensureAssessment(db: Queryable, campaignId: string, organisationId: string): Promise<Assessment> {
  await db.query(
    `INSERT INTO competence_assessments (campaign_id, organisation_id) VALUES ($1, $2)
     ON CONFLICT (campaign_id, organisation_id) DO NOTHING`,
    [campaignId, organisationId],
  );
  return (await findAssessment(db, campaignId, organisationId))!;
}

export interface Answer {
  criterionId: string;
  key: string;
  dimension: Dimension;
  score: number | null;
  evidence: string;
  evidenceLinks: string[];
}

export async function listAnswers(db: Queryable, assessmentId: string): Promise<Answer[]> {
  const { rows } = await db.query<Answer>(
    `SELECT c.id AS "criterionId", c.key, c.dimension, a.score, coalesce(a.evidence, '') AS evidence,
            coalesce(a.evidence_links, '{}') AS "evidenceLinks"
       FROM competence_assessments s
       JOIN competence_criteria c ON c.campaign_id = s.campaign_id
       LEFT JOIN competence_answers a ON a.assessment_id = s.id AND a.criterion_id = c.id
      WHERE s.id = $1
      ORDER BY c.position, c.key`,
    [assessmentId],
  );
  return rows;
}

/**
 * Saves answers on the version the editor read: bumps the version of a draft assessment, then writes the
 * answers. Returns false (and writes nothing) when someone saved or submitted in between.
 */
export async function saveAnswers(
  tx: Queryable,
  assessmentId: string,
  version: number,
  accountId: string,
  answers: Array<{ criterionId: string; score: number | null; evidence: string; evidenceLinks: string[] }>,
): Promise<boolean> {
  const { rowCount } = await tx.query(
    `UPDATE competence_assessments SET version = version + 1, updated_at = now(), updated_by = $3
      WHERE id = $1 AND version = $2 AND status = 'draft'`,
    [assessmentId, version, accountId],
  );
  if (rowCount === 0) return false;
  await tx.query(
    `INSERT INTO competence_answers (assessment_id, criterion_id, score, evidence, evidence_links)
     SELECT $1, a.criterion_id, a.score, a.evidence, a.evidence_links
       FROM jsonb_to_recordset($2::jsonb) AS a(criterion_id uuid, score int, evidence text, evidence_links text[])
       JOIN competence_criteria c ON c.id = a.criterion_id
       JOIN competence_assessments s ON s.id = $1 AND s.campaign_id = c.campaign_id
     ON CONFLICT (assessment_id, criterion_id) DO UPDATE
       SET score = EXCLUDED.score, evidence = EXCLUDED.evidence, evidence_links = EXCLUDED.evidence_links`,
    [
      assessmentId,
      json(answers.map((a) => ({ criterion_id: a.criterionId, score: a.score, evidence: a.evidence, evidence_links: a.evidenceLinks }))),
    ],
  );
  return true;
}

export async function markSubmitted(tx: Queryable, assessmentId: string, version: number, accountId: string): Promise<boolean> {
  const { rowCount } = await tx.query(
    `UPDATE competence_assessments
        SET status = 'submitted', submitted_at = now(), submitted_by = $3, updated_at = now(), version = version + 1
      WHERE id = $1 AND version = $2 AND status = 'draft'`,
    [assessmentId, version, accountId],
  );
  return rowCount > 0;
}

/**
 * Reopens a submitted assessment as a draft if it is still at the version read; false when stale or not
 * submitted. Results and the benchmark read submitted assessments only, so it stops counting at once.
 */
export async function reopenAssessment(tx: Queryable, assessmentId: string, version: number, accountId: string): Promise<boolean> {
  const { rowCount } = await tx.query(
    `UPDATE competence_assessments
        SET status = 'draft', submitted_at = NULL, submitted_by = NULL, version = version + 1, updated_at = now(), updated_by = $3
      WHERE id = $1 AND version = $2 AND status = 'submitted'`,
    [assessmentId, version, accountId],
  );
  return rowCount > 0;
}

export type AssessmentEventKind = 'submitted' | 'reopened';
export type ActorSide = 'organisation' | 'competence_center';

/** One entry of an assessment's history. No account or name: the side that acted is enough to show. */
export interface AssessmentEvent {
  event: AssessmentEventKind;
  actorSide: ActorSide;
  reason: string;
  version: number;
  createdAt: Date;
}

export async function insertAssessmentEvent(
  tx: Queryable,
  input: { assessmentId: string; event: AssessmentEventKind; actorSide: ActorSide; accountId: string; reason: string; version: number },
): Promise<void> {
  await tx.query(
    `INSERT INTO competence_assessment_events (assessment_id, event, actor_side, account_id, reason, version)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [input.assessmentId, input.event, input.actorSide, input.accountId, input.reason, input.version],
  );
}

export async function listAssessmentEvents(db: Queryable, assessmentId: string): Promise<AssessmentEvent[]> {
  const { rows } = await db.query<AssessmentEvent>(
    `SELECT event, actor_side AS "actorSide", reason, version, created_at AS "createdAt"
       FROM competence_assessment_events WHERE assessment_id = $1 ORDER BY created_at, version`,
    [assessmentId],
  );
  return rows;
}

export interface OrganisationRef {
  id: string;
  code: string;
  kind: OrganisationKind;
  name: LocalizedText;
}

export interface CampaignParticipant extends OrganisationRef {
  status: 'draft' | 'submitted';
  submittedAt: Date | null;
  answered: number;
}

export async function listParticipants(db: Queryable, campaignId: string): Promise<CampaignParticipant[]> {
  const { rows } = await db.query<CampaignParticipant>(
    `SELECT o.id, o.code, o.kind, o.name, s.status, s.submitted_at AS "submittedAt",
            (SELECT count(*) FROM competence_answers a WHERE a.assessment_id = s.id AND a.score IS NOT NULL)::int AS answered
       FROM competence_assessments s JOIN organisations o ON o.id = s.organisation_id
      WHERE s.campaign_id = $1
      ORDER BY o.kind, o.name->>'fr'`,
    [campaignId],
  );
  return rows;
}

/** Every score of the submitted assessments of a campaign (aggregates only: no evidence, no authors). */
export async function submittedScores(
  db: Queryable,
  campaignId: string,
): Promise<Array<{ organisationId: string; key: string; dimension: Dimension; score: number | null }>> {
  const { rows } = await db.query<{ organisationId: string; key: string; dimension: Dimension; score: number | null }>(
    `SELECT s.organisation_id AS "organisationId", c.key, c.dimension, a.score
       FROM competence_assessments s
       JOIN competence_criteria c ON c.campaign_id = s.campaign_id
       LEFT JOIN competence_answers a ON a.assessment_id = s.id AND a.criterion_id = c.id
      WHERE s.campaign_id = $1 AND s.status = 'submitted'`,
    [campaignId],
  );
  return rows;
}

/** The latest earlier campaign in which the organisation submitted an assessment. */
export async function previousSubmittedCampaign(db: Queryable, campaign: Campaign, organisationId: string): Promise<Campaign | undefined> {
  const { rows } = await db.query<Campaign>(
    `SELECT ${CAMPAIGN_COLUMNS} FROM competence_campaigns c
       JOIN competence_assessments s ON s.campaign_id = c.id AND s.organisation_id = $2 AND s.status = 'submitted'
      WHERE c.id <> $1 AND coalesce(c.opened_at, c.created_at) < $3
      ORDER BY coalesce(c.opened_at, c.created_at) DESC LIMIT 1`,
    [campaign.id, organisationId, campaign.openedAt ?? campaign.createdAt],
  );
  return rows[0];
}

/** The latest campaign with at least one submitted assessment (for the regional strategy's progress). */
export async function latestCampaignWithResults(db: Queryable): Promise<Campaign | undefined> {
  const { rows } = await db.query<Campaign>(
    `SELECT ${CAMPAIGN_COLUMNS} FROM competence_campaigns c
      WHERE EXISTS (SELECT 1 FROM competence_assessments s WHERE s.campaign_id = c.id AND s.status = 'submitted')
      ORDER BY coalesce(c.opened_at, c.created_at) DESC LIMIT 1`,
  );
  return rows[0];
}

// ---- Field observations

export interface Observation {
  id: string;
  criterionKey: string;
  method: ObservationMethod;
  observedOn: string;
  score: number | null;
  note: string;
}

export async function insertObservation(
  db: Queryable,
  input: { campaignId: string; organisationId: string; criterionId: string; method: ObservationMethod; observedOn: string; score: number | null; note: string; createdBy: string },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO competence_observations (campaign_id, organisation_id, criterion_id, method, observed_on, score, note, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [input.campaignId, input.organisationId, input.criterionId, input.method, input.observedOn, input.score, input.note, input.createdBy],
  );
  return rows[0]!.id;
}

export async function listObservations(db: Queryable, campaignId: string, organisationId: string): Promise<Observation[]> {
  const { rows } = await db.query<Observation>(
    `SELECT o.id, c.key AS "criterionKey", o.method, to_char(o.observed_on, 'YYYY-MM-DD') AS "observedOn", o.score, o.note
       FROM competence_observations o JOIN competence_criteria c ON c.id = o.criterion_id
      WHERE o.campaign_id = $1 AND o.organisation_id = $2
      ORDER BY o.observed_on DESC, o.created_at DESC`,
    [campaignId, organisationId],
  );
  return rows;
}

// ---- Good practices

export interface Practice {
  id: string;
  key: string | null;
  title: LocalizedText;
  place: PracticePlace;
  dimension: Dimension;
  description: LocalizedText;
  outcome: LocalizedText;
  sourceLabel: string;
  sourceUrl: string | null;
  version: number;
}

const PRACTICE_COLUMNS = `id, key, title, place, dimension, description, outcome, source_label AS "sourceLabel",
  source_url AS "sourceUrl", version`;

export async function listPractices(db: Queryable, filter: { dimension?: Dimension | undefined; place?: PracticePlace | undefined } = {}): Promise<Practice[]> {
  const { rows } = await db.query<Practice>(
    `SELECT ${PRACTICE_COLUMNS} FROM competence_practices
      WHERE ($1::text IS NULL OR dimension = $1) AND ($2::text IS NULL OR place = $2)
      ORDER BY dimension, place, title->>'en'`,
    [filter.dimension ?? null, filter.place ?? null],
  );
  return rows;
}

export async function findPractice(db: Queryable, id: string): Promise<Practice | undefined> {
  const { rows } = await db.query<Practice>(`SELECT ${PRACTICE_COLUMNS} FROM competence_practices WHERE id = $1`, [id]);
  return rows[0];
}

export interface PracticeInput {
  title: LocalizedText;
  place: PracticePlace;
  dimension: Dimension;
  description: LocalizedText;
  outcome: LocalizedText;
  sourceLabel: string;
  sourceUrl: string | null;
}

export async function insertPractice(db: Queryable, input: PracticeInput): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO competence_practices (title, place, dimension, description, outcome, source_label, source_url)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [json(input.title), input.place, input.dimension, json(input.description), json(input.outcome), input.sourceLabel, input.sourceUrl],
  );
  return rows[0]!.id;
}

export async function updatePractice(db: Queryable, id: string, version: number, input: PracticeInput): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE competence_practices
        SET title = $3, place = $4, dimension = $5, description = $6, outcome = $7, source_label = $8, source_url = $9,
            updated_at = now(), version = version + 1
      WHERE id = $1 AND version = $2`,
    [id, version, json(input.title), input.place, input.dimension, json(input.description), json(input.outcome), input.sourceLabel, input.sourceUrl],
  );
  return rowCount > 0;
}

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

/**
 * Turns the weak criteria of an assessment into actions: every rule whose criterion scored below its
 * threshold (or was left unanswered) gives one action for the organisation, once per campaign, however
 * often this runs. Short-term actions are due six months after submission, long-term ones two years.
 * Returns the number of actions created.
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
}

const ACTION_SELECT = `SELECT a.id, a.organisation_id AS "organisationId", o.code AS "organisationCode", o.kind AS "organisationKind",
    o.name AS "organisationName", c.code AS "campaignCode", r.key AS "ruleKey", a.criterion_key AS "criterionKey", a.title,
    a.owner, to_char(a.due_on, 'YYYY-MM-DD') AS "dueOn", a.status, a.indicator, a.target_value::float8 AS "targetValue",
    a.horizon, a.scope, a.project_id AS "projectId", p.title AS "projectTitle", a.version
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

export async function insertAction(db: Queryable, organisationId: string, input: ActionChanges & { scope: Scope }): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO competence_actions (organisation_id, title, owner, due_on, status, indicator, target_value, horizon, scope)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [organisationId, json(input.title), input.owner, input.dueOn, input.status, input.indicator, input.targetValue, input.horizon, input.scope],
  );
  return rows[0]!.id;
}

export async function updateAction(db: Queryable, id: string, version: number, changes: ActionChanges): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE competence_actions
        SET title = $3, owner = $4, due_on = $5, status = $6, indicator = $7, target_value = $8, horizon = $9,
            updated_at = now(), version = version + 1
      WHERE id = $1 AND version = $2`,
    [id, version, json(changes.title), changes.owner, changes.dueOn, changes.status, changes.indicator, changes.targetValue, changes.horizon],
  );
  return rowCount > 0;
}

// ---- Regional improvement projects

export interface Project {
  id: string;
  title: LocalizedText;
  criterionKey: string | null;
  status: ActionStatus;
  actionCount: number;
  organisationCount: number;
}

export async function listProjects(db: Queryable): Promise<Project[]> {
  const { rows } = await db.query<Project>(
    `SELECT p.id, p.title, p.criterion_key AS "criterionKey", p.status,
            count(a.id)::int AS "actionCount", count(DISTINCT a.organisation_id)::int AS "organisationCount"
       FROM competence_projects p LEFT JOIN competence_actions a ON a.project_id = p.id
      GROUP BY p.id ORDER BY p.created_at DESC`,
  );
  return rows;
}

/** Creates a project and attaches the collective actions of the given criterion not yet in a project. */
export async function insertProjectGrouping(
  tx: Queryable,
  input: { title: LocalizedText; criterionKey: string; createdBy: string },
): Promise<{ id: string; grouped: number }> {
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO competence_projects (title, criterion_key, created_by) VALUES ($1, $2, $3) RETURNING id`,
    [json(input.title), input.criterionKey, input.createdBy],
  );
  const id = rows[0]!.id;
  const { rowCount } = await tx.query(
    `UPDATE competence_actions SET project_id = $1, updated_at = now(), version = version + 1
      WHERE criterion_key = $2 AND scope = 'collective' AND project_id IS NULL AND status <> 'dropped'`,
    [id, input.criterionKey],
  );
  return { id, grouped: rowCount };
}

// ---- Expertise requests

export interface ExpertiseRequest {
  id: string;
  organisationId: string;
  organisationCode: string;
  organisationName: LocalizedText;
  subject: string;
  details: string;
  dimension: Dimension | null;
  status: RequestStatus;
  response: string;
  createdAt: Date;
  version: number;
}

const REQUEST_SELECT = `SELECT r.id, r.organisation_id AS "organisationId", o.code AS "organisationCode", o.name AS "organisationName",
    r.subject, r.details, r.dimension, r.status, r.response, r.created_at AS "createdAt", r.version
  FROM competence_expertise_requests r JOIN organisations o ON o.id = r.organisation_id`;

export async function listRequests(db: Queryable, organisationId: string | null): Promise<ExpertiseRequest[]> {
  const { rows } = await db.query<ExpertiseRequest>(
    `${REQUEST_SELECT} WHERE ($1::uuid IS NULL OR r.organisation_id = $1) ORDER BY r.created_at DESC`,
    [organisationId],
  );
  return rows;
}

export async function findRequest(db: Queryable, id: string): Promise<ExpertiseRequest | undefined> {
  const { rows } = await db.query<ExpertiseRequest>(`${REQUEST_SELECT} WHERE r.id = $1`, [id]);
  return rows[0];
}

export async function insertRequest(
  db: Queryable,
  input: { organisationId: string; subject: string; details: string; dimension: Dimension | null; requestedBy: string },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO competence_expertise_requests (organisation_id, subject, details, dimension, requested_by)
     VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [input.organisationId, input.subject, input.details, input.dimension, input.requestedBy],
  );
  return rows[0]!.id;
}

export async function updateRequest(db: Queryable, id: string, version: number, changes: { status: RequestStatus; response: string }): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE competence_expertise_requests SET status = $3, response = $4, updated_at = now(), version = version + 1
      WHERE id = $1 AND version = $2`,
    [id, version, changes.status, changes.response],
  );
  return rowCount > 0;
}

// ---- Regional strategy

export interface Objective {
  id: string;
  position: number;
  title: LocalizedText;
  indicator: string;
  baseline: number | null;
  targetValue: number;
  targetOn: string | null;
}

export interface StrategyVersion {
  id: string;
  number: number;
  note: string;
  createdAt: Date;
  objectives: Objective[];
}

export async function listStrategyVersions(db: Queryable): Promise<StrategyVersion[]> {
  const { rows } = await db.query<StrategyVersion>(
    `SELECT v.id, v.number, v.note, v.created_at AS "createdAt",
            coalesce((SELECT json_agg(json_build_object(
                        'id', o.id, 'position', o.position, 'title', o.title, 'indicator', o.indicator,
                        'baseline', o.baseline::float8, 'targetValue', o.target_value::float8,
                        'targetOn', to_char(o.target_on, 'YYYY-MM-DD')) ORDER BY o.position)
                        FROM competence_objectives o WHERE o.strategy_version_id = v.id), '[]'::json) AS objectives
       FROM competence_strategy_versions v ORDER BY v.number DESC`,
  );
  return rows;
}

/** Adds the next version (number = last + 1); undefined if another version was added meanwhile. */
export async function insertStrategyVersion(
  tx: Queryable,
  input: { expectedNumber: number; note: string; createdBy: string; objectives: Array<Omit<Objective, 'id' | 'position'>> },
): Promise<number | undefined> {
  const { rows } = await tx.query<{ id: string; number: number }>(
    `INSERT INTO competence_strategy_versions (number, note, created_by)
     SELECT $1, $2, $3 WHERE coalesce((SELECT max(number) FROM competence_strategy_versions), 0) = $1 - 1
     ON CONFLICT (number) DO NOTHING RETURNING id, number`,
    [input.expectedNumber, input.note, input.createdBy],
  );
  const created = rows[0];
  if (!created) return undefined;
  await tx.query(
    `INSERT INTO competence_objectives (strategy_version_id, position, title, indicator, baseline, target_value, target_on)
     SELECT $1, o.position, o.title, o.indicator, o.baseline, o.target_value, o.target_on::date
       FROM jsonb_to_recordset($2::jsonb) AS o(position int, title jsonb, indicator text, baseline numeric, target_value numeric, target_on text)`,
    [
      created.id,
      json(input.objectives.map((o, index) => ({ position: index + 1, title: o.title, indicator: o.indicator, baseline: o.baseline, target_value: o.targetValue, target_on: o.targetOn }))),
    ],
  );
  return created.number;
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
  const { rows } = await db.query<OrganisationRef>(
    `SELECT id, code, kind, name FROM organisations WHERE id = ANY($1::uuid[]) ORDER BY kind, name->>'fr'`,
    [ids],
  );
  return rows;
}
