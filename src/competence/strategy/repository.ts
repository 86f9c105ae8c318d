// SQL of the versioned regional strategy and its objectives.
import type { Queryable } from '../../platform/db/database.ts';
import type { LocalizedText } from '../../platform/i18n/languages.ts';

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
      JSON.stringify(
        input.objectives.map((o, index) => ({
          position: index + 1,
          title: o.title,
          indicator: o.indicator,
          baseline: o.baseline,
          target_value: o.targetValue,
          target_on: o.targetOn,
        })),
      ),
    ],
  );
  return created.number;
}
