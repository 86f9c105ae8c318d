// SQL of campaigns and their questionnaire (criteria), participants and the latest campaign with results.
import type { Queryable } from '../../platform/db/database.ts';
import type { LocalizedText } from '../../platform/i18n/languages.ts';
import type { Dimension } from '../scoring.ts';
import { type CampaignStatus, type OrganisationRef } from '../repository.ts';

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

export const CAMPAIGN_COLUMNS = `c.id, c.code, c.title, c.status, to_char(c.closes_on, 'YYYY-MM-DD') AS "closesOn", c.opened_at AS "openedAt",
  c.closed_at AS "closedAt", c.created_at AS "createdAt", c.version,
  (SELECT count(*) FROM competence_assessments a WHERE a.campaign_id = c.id AND a.status = 'submitted')::int AS "submittedCount"`;

export async function listCampaigns(db: Queryable): Promise<Campaign[]> {
  const { rows } = await db.query<Campaign>(`SELECT ${CAMPAIGN_COLUMNS} FROM competence_campaigns c ORDER BY coalesce(c.opened_at, c.created_at) DESC, c.code`);
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
    [input.code, JSON.stringify(input.title), input.closesOn, input.createdBy],
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
    [campaignId, key, version, JSON.stringify(changes.title), JSON.stringify(changes.guidance)],
  );
  return rowCount > 0;
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

/** The latest campaign with at least one submitted assessment (for the regional strategy's progress). */
export async function latestCampaignWithResults(db: Queryable): Promise<Campaign | undefined> {
  const { rows } = await db.query<Campaign>(
    `SELECT ${CAMPAIGN_COLUMNS} FROM competence_campaigns c
      WHERE EXISTS (SELECT 1 FROM competence_assessments s WHERE s.campaign_id = c.id AND s.status = 'submitted')
      ORDER BY coalesce(c.opened_at, c.created_at) DESC LIMIT 1`,
  );
  return rows[0];
}
