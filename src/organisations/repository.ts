// SQL for organisations, their units and staff accounts.
import type { Queryable } from '../platform/db/database.ts';
import type { LocalizedText } from '../platform/i18n/languages.ts';
import type { Role } from '../identity/actor.ts';
// the e-mail's sign-in throttle key, to show until when its sign-in is delayed
import { ACCOUNT_THROTTLE_KEY_SQL } from '../identity/throttle-keys.ts';

export const ORGANISATION_KINDS = ['commune', 'cpas', 'regional', 'community', 'federal', 'other'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export interface Organisation {
  id: string;
  code: string;
  kind: OrganisationKind;
  name: LocalizedText;
  shortName: LocalizedText | null;
  mission: LocalizedText | null;
  postalCodes: string[];
  /** All staff must sign in with a second factor (migration 0040). */
  twoFactorRequired: boolean;
}

const ORGANISATION_COLUMNS = `id, code, kind, name, short_name AS "shortName", mission, postal_codes AS "postalCodes",
  two_factor_required AS "twoFactorRequired"`;

export async function listOrganisations(db: Queryable, filter: { kind?: OrganisationKind | undefined; ids?: string[] } = {}): Promise<Organisation[]> {
  const { rows } = await db.query<Organisation>(
    `SELECT ${ORGANISATION_COLUMNS} FROM organisations
      WHERE ($1::text IS NULL OR kind = $1) AND ($2::uuid[] IS NULL OR id = ANY($2))
      ORDER BY kind, name->>'fr'`,
    [filter.kind ?? null, filter.ids ?? null],
  );
  return rows;
}

export async function findOrganisationByCode(db: Queryable, code: string): Promise<Organisation | undefined> {
  const { rows } = await db.query<Organisation>(`SELECT ${ORGANISATION_COLUMNS} FROM organisations WHERE code = $1`, [code]);
  return rows[0];
}

export async function findOrganisationById(db: Queryable, id: string): Promise<Organisation | undefined> {
  const { rows } = await db.query<Organisation>(`SELECT ${ORGANISATION_COLUMNS} FROM organisations WHERE id = $1`, [id]);
  return rows[0];
}

/** Inserts a new organisation; returns undefined when the code is taken. */
export async function insertOrganisation(db: Queryable, org: { code: string; kind: OrganisationKind; name: LocalizedText }): Promise<Organisation | undefined> {
  const { rows } = await db.query<Organisation>(
    `INSERT INTO organisations (code, kind, name) VALUES ($1, $2, $3)
     ON CONFLICT (code) DO NOTHING
     RETURNING ${ORGANISATION_COLUMNS}`,
    [org.code, org.kind, JSON.stringify(org.name)],
  );
  return rows[0];
}

export interface Unit {
  id: string;
  organisationId: string;
  code: string;
  name: LocalizedText;
}

export async function listUnits(db: Queryable, organisationId: string): Promise<Unit[]> {
  const { rows } = await db.query<Unit>(
    `SELECT id, organisation_id AS "organisationId", code, name FROM units WHERE organisation_id = $1 ORDER BY name->>'fr'`,
    [organisationId],
  );
  return rows;
}

/** Inserts a unit; returns undefined when the organisation already has that code. */
export async function insertUnit(db: Queryable, unit: { organisationId: string; code: string; name: LocalizedText }): Promise<Unit | undefined> {
  const { rows } = await db.query<Unit>(
    `INSERT INTO units (organisation_id, code, name) VALUES ($1, $2, $3)
     ON CONFLICT (organisation_id, code) DO NOTHING
     RETURNING id, organisation_id AS "organisationId", code, name`,
    [unit.organisationId, unit.code, JSON.stringify(unit.name)],
  );
  return rows[0];
}

export interface Account {
  id: string;
  organisationId: string;
  organisationCode: string;
  email: string;
  displayName: string;
  roles: Role[];
  preferredLanguage: 'fr' | 'nl' | 'en';
  active: boolean;
  lockedUntil: Date | null;
  unitIds: string[];
  createdAt: Date;
  version: number;
}

const ACCOUNT_SELECT = `
  SELECT a.id, a.organisation_id AS "organisationId", o.code AS "organisationCode", a.email,
         a.display_name AS "displayName", a.roles, a.preferred_language AS "preferredLanguage", a.active,
         (SELECT t.next_guess_at FROM sign_in_throttle t WHERE t.key = ${ACCOUNT_THROTTLE_KEY_SQL} AND t.next_guess_at > now()) AS "lockedUntil",
         a.created_at AS "createdAt", a.version,
         coalesce((SELECT array_agg(au.unit_id::text ORDER BY au.unit_id) FROM account_units au WHERE au.account_id = a.id), '{}') AS "unitIds"
    FROM accounts a JOIN organisations o ON o.id = a.organisation_id`;

/** Accounts of one organisation, or of all when organisationId is null (platform administrators only). */
export async function listAccounts(db: Queryable, organisationId: string | null): Promise<Account[]> {
  const { rows } = await db.query<Account>(`${ACCOUNT_SELECT} WHERE ($1::uuid IS NULL OR a.organisation_id = $1) ORDER BY o.code, a.display_name`, [
    organisationId,
  ]);
  return rows;
}

export async function findAccount(db: Queryable, id: string): Promise<Account | undefined> {
  const { rows } = await db.query<Account>(`${ACCOUNT_SELECT} WHERE a.id = $1`, [id]);
  return rows[0];
}

/** Inserts an account; returns undefined when the e-mail address is taken. */
export async function insertAccount(
  db: Queryable,
  account: { organisationId: string; email: string; displayName: string; passwordHash: string; roles: Role[]; preferredLanguage: string },
): Promise<string | undefined> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO accounts (organisation_id, email, display_name, password_hash, roles, preferred_language)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (lower(email)) DO NOTHING
     RETURNING id`,
    [account.organisationId, account.email, account.displayName, account.passwordHash, account.roles, account.preferredLanguage],
  );
  return rows[0]?.id;
}

/** Updates when the stored version is the one the editor read; returns false on a stale version. */
export async function updateAccount(
  db: Queryable,
  id: string,
  expectedVersion: number,
  changes: { displayName: string; roles: Role[]; preferredLanguage: string; active: boolean },
): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE accounts
        SET display_name = $3, roles = $4, preferred_language = $5, active = $6,
            updated_at = now(), version = version + 1
      WHERE id = $1 AND version = $2`,
    [id, expectedVersion, changes.displayName, changes.roles, changes.preferredLanguage, changes.active],
  );
  return rowCount === 1;
}

/** Replaces the account's units with those of the list that belong to its own organisation. */
export async function setAccountUnits(db: Queryable, accountId: string, unitIds: string[]): Promise<void> {
  await db.query('DELETE FROM account_units WHERE account_id = $1', [accountId]);
  if (unitIds.length === 0) return;
  await db.query(
    `INSERT INTO account_units (account_id, unit_id)
     SELECT $1, u.id FROM units u JOIN accounts a ON a.organisation_id = u.organisation_id
      WHERE a.id = $1 AND u.id = ANY($2::uuid[])`,
    [accountId, unitIds],
  );
}

export async function deleteAccountSessions(db: Queryable, accountId: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE account_id = $1', [accountId]);
}

export async function updateTwoFactorRequired(db: Queryable, organisationId: string, required: boolean): Promise<void> {
  await db.query('UPDATE organisations SET two_factor_required = $2, updated_at = now() WHERE id = $1', [organisationId, required]);
}
