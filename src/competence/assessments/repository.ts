// SQL of assessments: answers with optimistic locking, submission and reopening with their history, the
// submitted scores of a campaign and field observations.
import type { Queryable } from '../../platform/db/database.ts';
import type { Dimension } from '../scoring.ts';
import { type Campaign, CAMPAIGN_COLUMNS } from '../campaigns/repository.ts';
import { type ObservationMethod } from '../repository.ts';

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
  const { rows } = await db.query<Assessment>(`SELECT ${ASSESSMENT_COLUMNS} FROM competence_assessments WHERE campaign_id = $1 AND organisation_id = $2`, [
    campaignId,
    organisationId,
  ]);
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
      JSON.stringify(answers.map((a) => ({ criterion_id: a.criterionId, score: a.score, evidence: a.evidence, evidence_links: a.evidenceLinks }))),
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
  input: {
    campaignId: string;
    organisationId: string;
    criterionId: string;
    method: ObservationMethod;
    observedOn: string;
    score: number | null;
    note: string;
    createdBy: string;
  },
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
