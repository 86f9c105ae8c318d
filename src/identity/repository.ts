// SQL for staff accounts, their sessions and login throttling.
import type { Queryable } from '../platform/db/database.ts';
import type { Actor, Role } from './actor.ts';

export interface LoginAccountRow {
  id: string;
  organisation_id: string;
  password_hash: string;
  active: boolean;
  failed_logins: number;
  locked_until: Date | null;
}

export async function findAccountForLogin(db: Queryable, email: string): Promise<LoginAccountRow | undefined> {
  const { rows } = await db.query<LoginAccountRow>(
    `SELECT id, organisation_id, password_hash, active, failed_logins, locked_until
       FROM accounts WHERE lower(email) = lower($1)`,
    [email],
  );
  return rows[0];
}

/** Counts one more failure and locks the account when it reaches maxFailures; atomic across instances. */
export async function recordFailedLogin(
  db: Queryable,
  accountId: string,
  maxFailures: number,
  lockMinutes: number,
): Promise<{ failed_logins: number; locked_until: Date | null }> {
  const { rows } = await db.query<{ failed_logins: number; locked_until: Date | null }>(
    `UPDATE accounts
        SET failed_logins = failed_logins + 1,
            locked_until = CASE WHEN failed_logins + 1 >= $2
                                THEN now() + make_interval(mins => $3) ELSE locked_until END
      WHERE id = $1
      RETURNING failed_logins, locked_until`,
    [accountId, maxFailures, lockMinutes],
  );
  return rows[0]!;
}

export async function resetFailedLogins(db: Queryable, accountId: string): Promise<void> {
  await db.query('UPDATE accounts SET failed_logins = 0, locked_until = NULL WHERE id = $1', [accountId]);
}

export async function insertLoginFailure(db: Queryable, clientIp: string): Promise<void> {
  await db.query('INSERT INTO login_failures (client_ip) VALUES ($1)', [clientIp]);
}

export async function countRecentLoginFailures(db: Queryable, clientIp: string, minutes: number): Promise<number> {
  const { rows } = await db.query<{ count: number }>(
    `SELECT count(*)::int AS count FROM login_failures
      WHERE client_ip = $1 AND at > now() - make_interval(mins => $2)`,
    [clientIp, minutes],
  );
  return rows[0]?.count ?? 0;
}

export async function insertSession(db: Queryable, idHash: string, accountId: string, idleMinutes: number): Promise<void> {
  await db.query(
    `INSERT INTO sessions (id_hash, account_id, expires_at) VALUES ($1, $2, now() + make_interval(mins => $3))`,
    [idHash, accountId, idleMinutes],
  );
}

interface SessionActorRow {
  account_id: string;
  organisation_id: string;
  organisation_code: string;
  display_name: string;
  email: string;
  roles: Role[];
  unit_ids: string[];
  preferred_language: Actor['preferredLanguage'];
  last_seen_at: Date;
}

/** The actor behind a live session of an active account, or undefined. */
export async function findSessionActor(
  db: Queryable,
  idHash: string,
  absoluteHours: number,
): Promise<(Actor & { lastSeenAt: Date }) | undefined> {
  const { rows } = await db.query<SessionActorRow>(
    `SELECT a.id AS account_id, a.organisation_id, o.code AS organisation_code, a.display_name, a.email, a.roles,
            a.preferred_language, s.last_seen_at,
            coalesce((SELECT array_agg(au.unit_id::text) FROM account_units au WHERE au.account_id = a.id), '{}') AS unit_ids
       FROM sessions s
       JOIN accounts a ON a.id = s.account_id
       JOIN organisations o ON o.id = a.organisation_id
      WHERE s.id_hash = $1 AND s.expires_at > now() AND a.active
        AND s.created_at > now() - make_interval(hours => $2)`,
    [idHash, absoluteHours],
  );
  const row = rows[0];
  if (!row) return undefined;
  return {
    accountId: row.account_id,
    organisationId: row.organisation_id,
    organisationCode: row.organisation_code,
    displayName: row.display_name,
    email: row.email,
    roles: row.roles,
    unitIds: row.unit_ids,
    preferredLanguage: row.preferred_language,
    lastSeenAt: row.last_seen_at,
  };
}

export async function touchSession(db: Queryable, idHash: string, idleMinutes: number): Promise<void> {
  await db.query(
    `UPDATE sessions SET last_seen_at = now(), expires_at = now() + make_interval(mins => $2) WHERE id_hash = $1`,
    [idHash, idleMinutes],
  );
}

export async function deleteSession(db: Queryable, idHash: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE id_hash = $1', [idHash]);
}

export async function deleteOtherSessions(db: Queryable, accountId: string, keepIdHash: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE account_id = $1 AND id_hash <> $2', [accountId, keepIdHash]);
}

export async function findPasswordHash(db: Queryable, accountId: string): Promise<string | undefined> {
  const { rows } = await db.query<{ password_hash: string }>('SELECT password_hash FROM accounts WHERE id = $1', [accountId]);
  return rows[0]?.password_hash;
}

export async function updatePasswordHash(db: Queryable, accountId: string, hash: string): Promise<void> {
  await db.query(
    `UPDATE accounts SET password_hash = $2, password_changed_at = now(), updated_at = now(), version = version + 1
      WHERE id = $1`,
    [accountId, hash],
  );
}

/** Housekeeping: expired sessions and old login failures. */
export async function purgeExpired(db: Queryable): Promise<void> {
  await db.query(`DELETE FROM sessions WHERE expires_at < now()`);
  await db.query(`DELETE FROM login_failures WHERE at < now() - interval '1 day'`);
}
