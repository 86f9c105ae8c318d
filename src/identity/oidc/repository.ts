// SQL of staff sign-in through an organisation's OpenID provider: the providers, their e-mail domains, the
// accounts they know by subject, and the sign-ins waiting for the provider's answer.
import type { Queryable } from '../../platform/db/database.ts';
import type { Role } from '../actor.ts';
import type { RoleMap } from './role-map.ts';

export interface ProviderRow {
  organisationId: string;
  organisationCode: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  scopes: string;
  roleClaim: string | null;
  roleMap: RoleMap;
  justInTime: boolean;
  enabled: boolean;
  domains: string[];
  updatedAt: Date;
  version: number;
}

const PROVIDER_COLUMNS = `p.organisation_id AS "organisationId", o.code AS "organisationCode", p.issuer, p.client_id AS "clientId",
  p.client_secret AS "clientSecret", p.scopes, p.role_claim AS "roleClaim", p.role_map AS "roleMap", p.just_in_time AS "justInTime",
  p.enabled, p.updated_at AS "updatedAt", p.version,
  coalesce((SELECT array_agg(d.domain ORDER BY d.domain) FROM identity_provider_domains d WHERE d.organisation_id = p.organisation_id), '{}') AS domains`;

export async function findProvider(db: Queryable, organisationId: string): Promise<ProviderRow | undefined> {
  const { rows } = await db.query<ProviderRow>(
    `SELECT ${PROVIDER_COLUMNS} FROM identity_providers p JOIN organisations o ON o.id = p.organisation_id WHERE p.organisation_id = $1`,
    [organisationId],
  );
  return rows[0];
}

/** The enabled provider that an e-mail domain belongs to. */
export async function findProviderByDomain(db: Queryable, domain: string): Promise<ProviderRow | undefined> {
  const { rows } = await db.query<ProviderRow>(
    `SELECT ${PROVIDER_COLUMNS}
       FROM identity_provider_domains d
       JOIN identity_providers p ON p.organisation_id = d.organisation_id
       JOIN organisations o ON o.id = p.organisation_id
      WHERE d.domain = $1 AND p.enabled`,
    [domain],
  );
  return rows[0];
}

export interface ProviderInput {
  issuer: string;
  clientId: string;
  /** null: keep the stored secret. */
  clientSecret: string | null;
  scopes: string;
  roleClaim: string | null;
  roleMap: RoleMap;
  justInTime: boolean;
  enabled: boolean;
  domains: string[];
}

/**
 * Creates or updates an organisation's provider. `version` is the one the editor read (null for a new one): a
 * stale edit changes nothing and answers 'stale'; a domain another organisation holds answers 'domain-taken'.
 */
export async function saveProvider(
  tx: Queryable,
  organisationId: string,
  input: ProviderInput,
  version: number | null,
): Promise<'saved' | 'stale' | { domainTaken: string }> {
  const taken = await tx.query<{ domain: string }>(
    `SELECT domain FROM identity_provider_domains WHERE domain = ANY($1::text[]) AND organisation_id <> $2 ORDER BY domain LIMIT 1`,
    [input.domains, organisationId],
  );
  if (taken.rows[0]) return { domainTaken: taken.rows[0].domain };
  const values = [
    organisationId,
    input.issuer,
    input.clientId,
    input.clientSecret,
    input.scopes,
    input.roleClaim,
    JSON.stringify(input.roleMap),
    input.justInTime,
    input.enabled,
  ];
  const saved =
    version === null
      ? await tx.query(
          `INSERT INTO identity_providers (organisation_id, issuer, client_id, client_secret, scopes, role_claim, role_map, just_in_time, enabled)
           SELECT $1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9 WHERE $4::text IS NOT NULL
           ON CONFLICT (organisation_id) DO NOTHING`,
          values,
        )
      : await tx.query(
          `UPDATE identity_providers
              SET issuer = $2, client_id = $3, client_secret = coalesce($4, client_secret), scopes = $5, role_claim = $6,
                  role_map = $7::jsonb, just_in_time = $8, enabled = $9, updated_at = now(), version = version + 1
            WHERE organisation_id = $1 AND version = $10`,
          [...values, version],
        );
  if (saved.rowCount !== 1) return 'stale';
  await tx.query(`DELETE FROM identity_provider_domains WHERE organisation_id = $1 AND NOT (domain = ANY($2::text[]))`, [organisationId, input.domains]);
  await tx.query(`INSERT INTO identity_provider_domains (domain, organisation_id) SELECT unnest($2::text[]), $1 ON CONFLICT (domain) DO NOTHING`, [
    organisationId,
    input.domains,
  ]);
  return 'saved';
}

export async function insertSignIn(
  db: Queryable,
  row: { stateHash: string; browserHash: string; organisationId: string; codeVerifier: string; nonce: string; language: string; nextPath: string | null },
  minutes: number,
): Promise<void> {
  await db.query(
    `INSERT INTO oidc_sign_ins (state_hash, browser_hash, organisation_id, code_verifier, nonce, language, next_path, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, now() + make_interval(mins => $8))`,
    [row.stateHash, row.browserHash, row.organisationId, row.codeVerifier, row.nonce, row.language, row.nextPath, minutes],
  );
}

export interface SignInRow {
  browserHash: string;
  organisationId: string;
  codeVerifier: string;
  nonce: string;
  language: 'fr' | 'nl' | 'en';
  nextPath: string | null;
}

/** Takes a waiting sign-in (used once: it is deleted whether it has expired or not). */
export async function takeSignIn(db: Queryable, stateHash: string): Promise<SignInRow | undefined> {
  const { rows } = await db.query<SignInRow & { live: boolean }>(
    `DELETE FROM oidc_sign_ins WHERE state_hash = $1
     RETURNING browser_hash AS "browserHash", organisation_id AS "organisationId", code_verifier AS "codeVerifier", nonce,
               language, next_path AS "nextPath", expires_at > now() AS live`,
    [stateHash],
  );
  const row = rows[0];
  return row?.live ? row : undefined;
}

export async function purgeExpiredSignIns(db: Queryable): Promise<void> {
  await db.query(`DELETE FROM oidc_sign_ins WHERE expires_at < now()`);
}

export interface LinkedAccount {
  id: string;
  organisationId: string;
  active: boolean;
  roles: Role[];
  unitCodes: string[];
}

const ACCOUNT_COLUMNS = `a.id, a.organisation_id AS "organisationId", a.active, a.roles,
  coalesce((SELECT array_agg(u.code ORDER BY u.code) FROM account_units au JOIN units u ON u.id = au.unit_id WHERE au.account_id = a.id), '{}') AS "unitCodes"`;

export async function findAccountBySubject(db: Queryable, organisationId: string, subject: string): Promise<LinkedAccount | undefined> {
  const { rows } = await db.query<LinkedAccount>(
    `SELECT ${ACCOUNT_COLUMNS} FROM account_identities i JOIN accounts a ON a.id = i.account_id WHERE i.organisation_id = $1 AND i.subject = $2`,
    [organisationId, subject],
  );
  return rows[0];
}

/** An account of the organisation with that e-mail address that no subject of its provider claims yet. */
export async function findUnlinkedAccountByEmail(db: Queryable, organisationId: string, email: string): Promise<LinkedAccount | undefined> {
  const { rows } = await db.query<LinkedAccount>(
    `SELECT ${ACCOUNT_COLUMNS} FROM accounts a
      WHERE a.organisation_id = $1 AND lower(a.email) = lower($2)
        AND NOT EXISTS (SELECT 1 FROM account_identities i WHERE i.account_id = a.id AND i.organisation_id = $1)`,
    [organisationId, email],
  );
  return rows[0];
}

/** True when the address belongs to an account of another organisation (e-mail addresses are unique). */
export async function emailTakenElsewhere(db: Queryable, organisationId: string, email: string): Promise<boolean> {
  const { rows } = await db.query(`SELECT 1 FROM accounts WHERE lower(email) = lower($1) AND organisation_id <> $2`, [email, organisationId]);
  return rows.length > 0;
}

export async function linkSubject(db: Queryable, organisationId: string, subject: string, accountId: string): Promise<void> {
  await db.query(`INSERT INTO account_identities (organisation_id, subject, account_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [
    organisationId,
    subject,
    accountId,
  ]);
}

/**
 * A new account made at its first sign-in (just in time). Its password hash is not a hash: no password opens it.
 */
export async function insertFederatedAccount(
  db: Queryable,
  input: { organisationId: string; email: string; displayName: string; roles: Role[]; language: 'fr' | 'nl' | 'en' },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO accounts (organisation_id, email, display_name, password_hash, roles, preferred_language)
     VALUES ($1, $2, $3, '!federated', $4, $5) RETURNING id`,
    [input.organisationId, input.email, input.displayName, input.roles, input.language],
  );
  return rows[0]!.id;
}

/** Gives the account exactly these roles and units (unit codes of its organisation; unknown codes are skipped). */
export async function setRolesAndUnits(db: Queryable, account: { id: string; organisationId: string }, roles: Role[], unitCodes: string[]): Promise<void> {
  await db.query(`UPDATE accounts SET roles = $2, updated_at = now(), version = version + 1 WHERE id = $1`, [account.id, roles]);
  await db.query(`DELETE FROM account_units WHERE account_id = $1`, [account.id]);
  await db.query(`INSERT INTO account_units (account_id, unit_id) SELECT $1, id FROM units WHERE organisation_id = $2 AND code = ANY($3::text[])`, [
    account.id,
    account.organisationId,
    unitCodes,
  ]);
}

export async function sessionProviderAndToken(db: Queryable, idHash: string): Promise<{ organisationId: string; idToken: string } | undefined> {
  const { rows } = await db.query<{ organisationId: string; idToken: string }>(
    `SELECT identity_organisation_id AS "organisationId", id_token AS "idToken" FROM sessions
      WHERE id_hash = $1 AND id_token IS NOT NULL AND identity_organisation_id IS NOT NULL`,
    [idHash],
  );
  return rows[0];
}

export async function attachIdToken(db: Queryable, idHash: string, organisationId: string, idToken: string): Promise<void> {
  await db.query(`UPDATE sessions SET id_token = $2, identity_organisation_id = $3 WHERE id_hash = $1`, [idHash, idToken, organisationId]);
}

/** Client secrets still stored as written before encryption (decision 0053). */
export async function plaintextClientSecrets(db: Queryable): Promise<Array<{ organisationId: string; secret: string }>> {
  const { rows } = await db.query<{ organisationId: string; secret: string }>(
    `SELECT organisation_id AS "organisationId", client_secret AS secret FROM identity_providers WHERE client_secret NOT LIKE 'enc:v1:%'`,
  );
  return rows;
}

/** Replaces a plaintext client secret by its sealed form, unless it changed meanwhile. The version stays: nothing the editor sees changed. */
export async function sealClientSecret(db: Queryable, organisationId: string, before: string, after: string): Promise<void> {
  await db.query(`UPDATE identity_providers SET client_secret = $3 WHERE organisation_id = $1 AND client_secret = $2`, [organisationId, before, after]);
}
