// SQL for staff accounts, their sessions and login throttling.
import type { Queryable } from '../platform/db/database.ts';
import type { Actor, Role } from './actor.ts';

export interface LoginAccountRow {
  id: string;
  organisation_id: string;
  password_hash: string;
  active: boolean;
}

export async function findAccountForLogin(db: Queryable, email: string): Promise<LoginAccountRow | undefined> {
  const { rows } = await db.query<LoginAccountRow>(`SELECT id, organisation_id, password_hash, active FROM accounts WHERE lower(email) = lower($1)`, [email]);
  return rows[0];
}

export interface GuessLimits {
  /** Guesses per address and window; then none until the window ends. */
  addressGuesses: number;
  addressWindowSeconds: number;
  /** Free guesses per e-mail; each further one waits delaySeconds × 2^(n − free), at most maxDelaySeconds. */
  accountFreeGuesses: number;
  delaySeconds: number;
  maxDelaySeconds: number;
  /** An e-mail's count is forgotten after this long without a guess. */
  forgetSeconds: number;
}

const FORGOTTEN = 't.last_guess_at <= now() - make_interval(secs => $8)';
const NEXT_GUESS = `CASE WHEN ${FORGOTTEN} THEN 1 ELSE t.guesses + 1 END`;

/**
 * Claims one password guess for an address and an e-mail, in one statement: each row is locked while it is
 * counted, so concurrent claims queue and at most the limits are ever granted. Returns the number of the guess
 * in each count, or null where it is refused (the e-mail's count is not touched when the address is refused;
 * a refused guess never counts).
 */
export async function claimGuess(
  db: Queryable,
  keys: { address: string; account: string },
  limits: GuessLimits,
): Promise<{ address: number | null; account: number | null }> {
  const { rows } = await db.query<{ address: number | null; account: number | null }>(
    `WITH address AS (
       INSERT INTO sign_in_throttle AS t (key, guesses) VALUES ($1, 1)
       ON CONFLICT (key) DO UPDATE
          SET guesses = CASE WHEN t.window_started_at <= now() - make_interval(secs => $4) THEN 1 ELSE t.guesses + 1 END,
              window_started_at = CASE WHEN t.window_started_at <= now() - make_interval(secs => $4) THEN now() ELSE t.window_started_at END,
              last_guess_at = now()
        WHERE t.window_started_at <= now() - make_interval(secs => $4) OR t.guesses < $3
       RETURNING guesses
     ), account AS (
       INSERT INTO sign_in_throttle AS t (key, guesses, next_guess_at)
       SELECT $2, 1, CASE WHEN $5 <= 1 THEN now() + make_interval(secs => $6) END WHERE EXISTS (SELECT 1 FROM address)
       ON CONFLICT (key) DO UPDATE
          SET guesses = ${NEXT_GUESS},
              window_started_at = CASE WHEN ${FORGOTTEN} THEN now() ELSE t.window_started_at END,
              last_guess_at = now(),
              next_guess_at = CASE WHEN ${NEXT_GUESS} >= $5
                THEN now() + make_interval(secs => least($6 * power(2, least(${NEXT_GUESS} - $5, 20)), $7)) END
        WHERE ${FORGOTTEN} OR t.guesses < $5 OR t.next_guess_at IS NULL OR t.next_guess_at <= now()
       RETURNING guesses
     )
     SELECT (SELECT guesses FROM address) AS address, (SELECT guesses FROM account) AS account`,
    [
      keys.address,
      keys.account,
      limits.addressGuesses,
      limits.addressWindowSeconds,
      limits.accountFreeGuesses,
      limits.delaySeconds,
      limits.maxDelaySeconds,
      limits.forgetSeconds,
    ],
  );
  return rows[0]!;
}

/** When the next guess may be made for each key (null: now), to tell a refused user how long to wait. */
export async function guessAllowedAt(
  db: Queryable,
  keys: { address: string; account: string },
  limits: GuessLimits,
): Promise<{ address: Date | null; account: Date | null }> {
  const { rows } = await db.query<{ address: Date | null; account: Date | null }>(
    `SELECT (SELECT window_started_at + make_interval(secs => $3) FROM sign_in_throttle
              WHERE key = $1 AND guesses >= $4 AND window_started_at > now() - make_interval(secs => $3)) AS address,
            (SELECT next_guess_at FROM sign_in_throttle WHERE key = $2 AND next_guess_at > now()) AS account`,
    [keys.address, keys.account, limits.addressWindowSeconds, limits.addressGuesses],
  );
  return rows[0]!;
}

/**
 * After a right password, its own guess is given back, and only that one: guesses claimed before it (maybe an
 * attacker's) or after it (concurrent requests) stay counted until the count is forgotten, so no success can
 * open more guesses than the limits. Under the free guesses again, the delay ends.
 */
export async function giveGuessBack(db: Queryable, keys: { address: string; account: string }, freeGuesses: number): Promise<void> {
  // two statements, one row each: a claim locks the address row then the account row, and nothing may lock
  // them in the other order
  await db.query(
    `UPDATE sign_in_throttle
        SET guesses = greatest(guesses - 1, 0), next_guess_at = CASE WHEN guesses - 1 < $2 THEN NULL ELSE next_guess_at END
      WHERE key = $1`,
    [keys.account, freeGuesses],
  );
  await db.query('UPDATE sign_in_throttle SET guesses = greatest(guesses - 1, 0) WHERE key = $1', [keys.address]);
}

export async function insertSession(db: Queryable, idHash: string, accountId: string, idleMinutes: number): Promise<void> {
  await db.query(`INSERT INTO sessions (id_hash, account_id, expires_at) VALUES ($1, $2, now() + make_interval(mins => $3))`, [idHash, accountId, idleMinutes]);
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
export async function findSessionActor(db: Queryable, idHash: string, absoluteHours: number): Promise<(Actor & { lastSeenAt: Date }) | undefined> {
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
  await db.query(`UPDATE sessions SET last_seen_at = now(), expires_at = now() + make_interval(mins => $2) WHERE id_hash = $1`, [idHash, idleMinutes]);
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

/** Housekeeping: expired sessions and throttle counts nobody has added to for a day. */
export async function purgeExpired(db: Queryable): Promise<void> {
  await db.query(`DELETE FROM sessions WHERE expires_at < now()`);
  await db.query(`DELETE FROM sign_in_pending WHERE expires_at < now()`);
  await db.query(`DELETE FROM sign_in_throttle WHERE last_guess_at < now() - interval '1 day'`);
}

// Two-factor sign-in (migration 0040).

export interface TwoFactorState {
  enabled: boolean;
  secret: string | null;
  pendingSecret: string | null;
  /** A second factor is required of this account: by its organisation, or (added by the service) by its roles. */
  organisationRequires: boolean;
  roles: Role[];
  email: string;
  organisation_id: string;
  recoveryCodesLeft: number;
}

export async function findTwoFactorState(db: Queryable, accountId: string): Promise<TwoFactorState | undefined> {
  const { rows } = await db.query<{
    totp_enabled_at: Date | null;
    totp_secret: string | null;
    totp_pending_secret: string | null;
    two_factor_required: boolean;
    roles: Role[];
    email: string;
    organisation_id: string;
    left: number;
  }>(
    `SELECT a.totp_enabled_at, a.totp_secret, a.totp_pending_secret, o.two_factor_required, a.roles, a.email, a.organisation_id,
            (SELECT count(*)::int FROM account_recovery_codes c WHERE c.account_id = a.id AND c.used_at IS NULL) AS left
       FROM accounts a JOIN organisations o ON o.id = a.organisation_id WHERE a.id = $1`,
    [accountId],
  );
  const row = rows[0];
  if (!row) return undefined;
  return {
    enabled: row.totp_enabled_at !== null,
    secret: row.totp_secret,
    pendingSecret: row.totp_pending_secret,
    organisationRequires: row.two_factor_required,
    roles: row.roles,
    email: row.email,
    organisation_id: row.organisation_id,
    recoveryCodesLeft: row.left,
  };
}

/** Keeps the secret shown on the enrolment page (the one already there, if any, so a reload shows the same). */
export async function ensurePendingTotpSecret(db: Queryable, accountId: string, candidate: string): Promise<string> {
  const { rows } = await db.query<{ secret: string }>(
    `UPDATE accounts SET totp_pending_secret = coalesce(totp_pending_secret, $2) WHERE id = $1 RETURNING totp_pending_secret AS secret`,
    [accountId, candidate],
  );
  return rows[0]!.secret;
}

/** Turns the confirmed pending secret on, with its first accepted step and new recovery codes (hashes). */
export async function enableTotp(db: Queryable, accountId: string, secret: string, step: number, recoveryCodeHashes: string[]): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE accounts SET totp_secret = $2, totp_enabled_at = now(), totp_last_step = $3, totp_pending_secret = NULL,
            updated_at = now(), version = version + 1
      WHERE id = $1 AND totp_pending_secret = $2`,
    [accountId, secret, step],
  );
  if (!rowCount) return false;
  await replaceRecoveryCodes(db, accountId, recoveryCodeHashes);
  return true;
}

export async function replaceRecoveryCodes(db: Queryable, accountId: string, hashes: string[]): Promise<void> {
  await db.query('DELETE FROM account_recovery_codes WHERE account_id = $1', [accountId]);
  await db.query('INSERT INTO account_recovery_codes (account_id, code_hash) SELECT $1, unnest($2::text[])', [accountId, hashes]);
}

export async function disableTotp(db: Queryable, accountId: string): Promise<void> {
  await db.query(
    `UPDATE accounts SET totp_secret = NULL, totp_enabled_at = NULL, totp_last_step = NULL, totp_pending_secret = NULL,
            updated_at = now(), version = version + 1 WHERE id = $1`,
    [accountId],
  );
  await db.query('DELETE FROM account_recovery_codes WHERE account_id = $1', [accountId]);
}

/** Accepts a code's time step only if it is later than the last accepted one: one statement, so two requests with one code cannot both pass. */
export async function acceptTotpStep(db: Queryable, accountId: string, step: number): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE accounts SET totp_last_step = $2 WHERE id = $1 AND totp_enabled_at IS NOT NULL AND (totp_last_step IS NULL OR totp_last_step < $2)`,
    [accountId, step],
  );
  return rowCount === 1;
}

/** Uses up a recovery code; false when unknown or already used. */
export async function useRecoveryCode(db: Queryable, accountId: string, hash: string): Promise<boolean> {
  const { rowCount } = await db.query(`UPDATE account_recovery_codes SET used_at = now() WHERE account_id = $1 AND code_hash = $2 AND used_at IS NULL`, [
    accountId,
    hash,
  ]);
  return rowCount === 1;
}

export async function insertPendingSignIn(db: Queryable, idHash: string, accountId: string, step: 'verify' | 'enrol', minutes: number): Promise<void> {
  await db.query('DELETE FROM sign_in_pending WHERE account_id = $1 OR expires_at < now()', [accountId]);
  await db.query(`INSERT INTO sign_in_pending (id_hash, account_id, step, expires_at) VALUES ($1, $2, $3, now() + make_interval(mins => $4))`, [
    idHash,
    accountId,
    step,
    minutes,
  ]);
}

export async function findPendingSignIn(db: Queryable, idHash: string): Promise<{ accountId: string; step: 'verify' | 'enrol' } | undefined> {
  const { rows } = await db.query<{ account_id: string; step: 'verify' | 'enrol' }>(
    `SELECT p.account_id, p.step FROM sign_in_pending p JOIN accounts a ON a.id = p.account_id
      WHERE p.id_hash = $1 AND p.expires_at > now() AND a.active`,
    [idHash],
  );
  return rows[0] ? { accountId: rows[0].account_id, step: rows[0].step } : undefined;
}

/** Ends a pending sign-in; true only for the one request that ended it (the session is created once). */
export async function deletePendingSignIn(db: Queryable, idHash: string): Promise<boolean> {
  const { rowCount } = await db.query('DELETE FROM sign_in_pending WHERE id_hash = $1', [idHash]);
  return rowCount === 1;
}

/** An organisation's data protection officers and the regional ones (issue 18): told of a support access. */
export async function privacyOfficersOf(
  q: Queryable,
  /** null: the regional DPOs only (a request that names no organisation) */
  organisationId: string | null,
): Promise<Array<{ email: string; language: Actor['preferredLanguage']; displayName: string }>> {
  const { rows } = await q.query<{ email: string; language: Actor['preferredLanguage']; displayName: string }>(
    `SELECT email, preferred_language AS language, display_name AS "displayName" FROM accounts
      WHERE active AND (('data_protection_officer' = ANY(roles) AND organisation_id = $1) OR 'regional_data_protection_officer' = ANY(roles))
      ORDER BY email`,
    [organisationId],
  );
  return rows;
}

/** Two-step secrets still stored as written before encryption (decision 0053). */
export async function plaintextTotpSecrets(db: Queryable): Promise<Array<{ id: string; secret: string | null; pending: string | null }>> {
  const { rows } = await db.query<{ id: string; secret: string | null; pending: string | null }>(
    `SELECT id, totp_secret AS secret, totp_pending_secret AS pending FROM accounts
      WHERE totp_secret NOT LIKE 'enc:v1:%' OR totp_pending_secret NOT LIKE 'enc:v1:%'`,
  );
  return rows;
}

/** Replaces one account's plaintext secrets by their sealed form, unless they changed meanwhile (another instance). */
export async function sealTotpSecrets(
  db: Queryable,
  accountId: string,
  before: { secret: string | null; pending: string | null },
  after: { secret: string | null; pending: string | null },
): Promise<void> {
  await db.query(
    `UPDATE accounts SET totp_secret = $4, totp_pending_secret = $5
      WHERE id = $1 AND totp_secret IS NOT DISTINCT FROM $2 AND totp_pending_secret IS NOT DISTINCT FROM $3`,
    [accountId, before.secret, before.pending, after.secret, after.pending],
  );
}
