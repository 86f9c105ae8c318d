// SQL of the library of good practices.
import type { Queryable } from '../../platform/db/database.ts';
import type { LocalizedText } from '../../platform/i18n/languages.ts';
import type { Dimension } from '../scoring.ts';
import { type PracticePlace } from '../repository.ts';

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
    [
      JSON.stringify(input.title),
      input.place,
      input.dimension,
      JSON.stringify(input.description),
      JSON.stringify(input.outcome),
      input.sourceLabel,
      input.sourceUrl,
    ],
  );
  return rows[0]!.id;
}

export async function updatePractice(db: Queryable, id: string, version: number, input: PracticeInput): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE competence_practices
        SET title = $3, place = $4, dimension = $5, description = $6, outcome = $7, source_label = $8, source_url = $9,
            updated_at = now(), version = version + 1
      WHERE id = $1 AND version = $2`,
    [
      id,
      version,
      JSON.stringify(input.title),
      input.place,
      input.dimension,
      JSON.stringify(input.description),
      JSON.stringify(input.outcome),
      input.sourceLabel,
      input.sourceUrl,
    ],
  );
  return rowCount > 0;
}
