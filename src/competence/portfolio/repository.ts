// SQL of the regional improvement projects that group collective actions.
import type { Queryable } from '../../platform/db/database.ts';
import type { LocalizedText } from '../../platform/i18n/languages.ts';
import { type ActionStatus } from '../repository.ts';

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
  const { rows } = await tx.query<{ id: string }>(`INSERT INTO competence_projects (title, criterion_key, created_by) VALUES ($1, $2, $3) RETURNING id`, [
    JSON.stringify(input.title),
    input.criterionKey,
    input.createdBy,
  ]);
  const id = rows[0]!.id;
  const { rowCount } = await tx.query(
    `UPDATE competence_actions SET project_id = $1, updated_at = now(), version = version + 1
      WHERE criterion_key = $2 AND scope = 'collective' AND project_id IS NULL AND status <> 'dropped'`,
    [id, input.criterionKey],
  );
  return { id, grouped: rowCount };
}
