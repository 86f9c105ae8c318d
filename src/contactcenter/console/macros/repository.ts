// SQL of the macros an organisation's managers keep (cc_macros, migration 0077). Every statement takes the
// organisation and filters on it: another organisation's macro is simply not found.
import type { Queryable } from '../../../platform/db/database.ts';
import type { Language, LocalizedText } from '../../../platform/i18n/languages.ts';

export type MacroStatus = 'open' | 'waiting_user' | 'waiting_second_line';
export type MacroAssignment = 'keep' | 'me' | 'unit';

export interface MacroFields {
  unitId: string | null;
  title: LocalizedText;
  body: LocalizedText;
  setStatus: MacroStatus | null;
  assignment: MacroAssignment;
  assignUnitId: string | null;
  addTag: string | null;
}

export interface MacroRow extends MacroFields {
  id: string;
  organisationId: string;
  unitName: LocalizedText | null;
  assignUnitName: LocalizedText | null;
  enabled: boolean;
  position: number;
  version: number;
}

const SELECT = `SELECT m.id, m.organisation_id AS "organisationId", m.unit_id AS "unitId", u.name AS "unitName", m.title, m.body,
  m.set_status AS "setStatus", m.assignment, m.assign_unit_id AS "assignUnitId", au.name AS "assignUnitName", m.add_tag AS "addTag",
  m.enabled, m.position, m.version
  FROM cc_macros m
  LEFT JOIN units u ON u.id = m.unit_id
  LEFT JOIN units au ON au.id = m.assign_unit_id`;

/** All the organisation's macros, in the managers' order (the management page). */
export async function listMacros(q: Queryable, organisationId: string): Promise<MacroRow[]> {
  const { rows } = await q.query<MacroRow>(`${SELECT} WHERE m.organisation_id = $1 ORDER BY m.position, m.id`, [organisationId]);
  return rows;
}

/** The enabled macros for an agent: the organisation's and their units', with a text in the request's language. */
export async function listOffered(q: Queryable, organisationId: string, unitIds: string[], language: Language): Promise<MacroRow[]> {
  const { rows } = await q.query<MacroRow>(
    `${SELECT}
      WHERE m.organisation_id = $1 AND m.enabled AND (m.unit_id IS NULL OR m.unit_id = ANY($2::uuid[]))
        AND coalesce(m.title->>$3, '') <> '' AND coalesce(m.body->>$3, '') <> ''
      ORDER BY m.position, m.id`,
    [organisationId, unitIds, language],
  );
  return rows;
}

export async function findMacro(q: Queryable, organisationId: string, id: string): Promise<MacroRow | undefined> {
  const { rows } = await q.query<MacroRow>(`${SELECT} WHERE m.organisation_id = $1 AND m.id = $2`, [organisationId, id]);
  return rows[0];
}

const fieldValues = (f: MacroFields) => [f.unitId, JSON.stringify(f.title), JSON.stringify(f.body), f.setStatus, f.assignment, f.assignUnitId, f.addTag];

/** A new macro, last in the organisation's order. */
export async function insertMacro(tx: Queryable, organisationId: string, fields: MacroFields): Promise<string> {
  // One organisation's macros are numbered one at a time: two managers adding at once do not share a place.
  await tx.query(`SELECT id FROM organisations WHERE id = $1 FOR UPDATE`, [organisationId]);
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO cc_macros (organisation_id, unit_id, title, body, set_status, assignment, assign_unit_id, add_tag, position)
     VALUES ($1, $2, $3::jsonb, $4::jsonb, $5, $6, $7, $8,
             (SELECT coalesce(max(position), 0) + 1 FROM cc_macros WHERE organisation_id = $1))
     RETURNING id`,
    [organisationId, ...fieldValues(fields)],
  );
  return rows[0]!.id;
}

/** Changes a macro at the version read; false when someone changed it meanwhile (or it is not found). */
export async function updateMacro(tx: Queryable, organisationId: string, id: string, version: number, fields: MacroFields): Promise<boolean> {
  const { rowCount } = await tx.query(
    `UPDATE cc_macros SET unit_id = $4, title = $5::jsonb, body = $6::jsonb, set_status = $7, assignment = $8, assign_unit_id = $9,
            add_tag = $10, version = version + 1, updated_at = now()
      WHERE organisation_id = $1 AND id = $2 AND version = $3`,
    [organisationId, id, version, ...fieldValues(fields)],
  );
  return rowCount === 1;
}

export async function setEnabled(tx: Queryable, organisationId: string, id: string, version: number, enabled: boolean): Promise<boolean> {
  const { rowCount } = await tx.query(
    `UPDATE cc_macros SET enabled = $4, version = version + 1, updated_at = now() WHERE organisation_id = $1 AND id = $2 AND version = $3`,
    [organisationId, id, version, enabled],
  );
  return rowCount === 1;
}

/**
 * Swaps a macro with its neighbour before (`up`) or after it in the organisation's order; false when it is
 * already first (last). The organisation's macros are locked meanwhile, so two moves at once stay in order.
 */
export async function moveMacro(tx: Queryable, organisationId: string, id: string, direction: 'up' | 'down'): Promise<boolean> {
  const { rows } = await tx.query<{ id: string; position: number }>(
    `SELECT id, position FROM cc_macros WHERE organisation_id = $1 ORDER BY position, id FOR UPDATE`,
    [organisationId],
  );
  const at = rows.findIndex((row) => row.id === id);
  const to = direction === 'up' ? at - 1 : at + 1;
  if (at < 0 || to < 0 || to >= rows.length) return false;
  // Renumbered 1…n in the new order: positions stay distinct even when older ones were equal.
  const order = rows.map((row) => row.id);
  order[at] = order[to]!;
  order[to] = id;
  await tx.query(
    `UPDATE cc_macros m SET position = o.n, updated_at = now()
       FROM unnest($2::uuid[]) WITH ORDINALITY AS o(id, n)
      WHERE m.organisation_id = $1 AND m.id = o.id AND m.position <> o.n`,
    [organisationId, order],
  );
  return true;
}

/** The organisation's units (the scope of a macro and where it may pass a request). */
export async function unitsOf(q: Queryable, organisationId: string): Promise<Array<{ id: string; name: LocalizedText }>> {
  const { rows } = await q.query<{ id: string; name: LocalizedText }>(`SELECT id, name FROM units WHERE organisation_id = $1 ORDER BY code`, [organisationId]);
  return rows;
}
