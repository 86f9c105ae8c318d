// Every SQL statement of the integrations: API tokens, webhook subscriptions and their deliveries.
import { prepared, type Queryable } from '../platform/db/database.ts';
import type { Role } from '../identity/actor.ts';

// ---- API tokens

export interface TokenRow {
  id: string;
  name: string;
  tokenHint: string;
  scopes: string[];
  createdAt: Date;
  expiresAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  createdByName: string;
}

export async function insertToken(
  db: Queryable,
  token: { organisationId: string; createdBy: string; name: string; tokenHash: string; tokenHint: string; scopes: string[]; expiresAt: Date },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO api_tokens (organisation_id, created_by, name, token_hash, token_hint, scopes, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [token.organisationId, token.createdBy, token.name, token.tokenHash, token.tokenHint, token.scopes, token.expiresAt],
  );
  return rows[0]!.id;
}

export async function listTokens(db: Queryable, organisationId: string): Promise<TokenRow[]> {
  const { rows } = await db.query<TokenRow>(
    `SELECT t.id, t.name, t.token_hint AS "tokenHint", t.scopes, t.created_at AS "createdAt", t.expires_at AS "expiresAt",
            t.last_used_at AS "lastUsedAt", t.revoked_at AS "revokedAt", a.display_name AS "createdByName"
       FROM api_tokens t JOIN accounts a ON a.id = t.created_by
      WHERE t.organisation_id = $1
      ORDER BY t.revoked_at IS NOT NULL, t.created_at DESC
      LIMIT 200`,
    [organisationId],
  );
  return rows;
}

export interface TokenActorRow {
  tokenId: string;
  tokenName: string;
  scopes: string[];
  expiresAt: Date;
  lastUsedAt: Date | null;
  accountId: string;
  organisationId: string;
  organisationCode: string;
  displayName: string;
  email: string;
  roles: Role[];
  unitIds: string[];
  preferredLanguage: 'fr' | 'nl' | 'en';
}

/**
 * A usable token with the account that created it: not revoked, not expired, its account active and still in
 * the token's organisation.
 */
export async function findUsableToken(db: Queryable, tokenHash: string): Promise<TokenActorRow | undefined> {
  const { rows } = await db.query<TokenActorRow>(
    `SELECT t.id AS "tokenId", t.name AS "tokenName", t.scopes, t.expires_at AS "expiresAt", t.last_used_at AS "lastUsedAt",
            a.id AS "accountId", t.organisation_id AS "organisationId", o.code AS "organisationCode",
            a.display_name AS "displayName", a.email, a.roles, a.preferred_language AS "preferredLanguage",
            coalesce((SELECT array_agg(au.unit_id::text) FROM account_units au WHERE au.account_id = a.id), '{}') AS "unitIds"
       FROM api_tokens t
       JOIN accounts a ON a.id = t.created_by AND a.organisation_id = t.organisation_id AND a.active
       JOIN organisations o ON o.id = t.organisation_id
      WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND t.expires_at > now()`,
    [tokenHash],
  );
  return rows[0];
}

/** last_used_at, written at most once a minute so that a busy integration's reads stay reads. */
export async function touchToken(db: Queryable, id: string): Promise<void> {
  await db.query(`UPDATE api_tokens SET last_used_at = now() WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`, [id]);
}

export async function revokeToken(db: Queryable, organisationId: string, id: string, revokedBy: string): Promise<boolean> {
  const result = await db.query(`UPDATE api_tokens SET revoked_at = now(), revoked_by = $3 WHERE organisation_id = $1 AND id = $2 AND revoked_at IS NULL`, [
    organisationId,
    id,
    revokedBy,
  ]);
  return (result.rowCount ?? 0) > 0;
}

// ---- Webhook subscriptions

export interface SubscriptionRow {
  id: string;
  url: string;
  events: string[];
  scopes: string[];
  active: boolean;
  createdAt: Date;
  lastStatus: string | null;
  lastAttemptAt: Date | null;
}

export async function insertSubscription(
  db: Queryable,
  subscription: { organisationId: string; url: string; events: string[]; scopes: string[]; secret: string; createdBy: string },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO webhook_subscriptions (organisation_id, url, events, scopes, secret, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [subscription.organisationId, subscription.url, subscription.events, subscription.scopes, subscription.secret, subscription.createdBy],
  );
  return rows[0]!.id;
}

export async function listSubscriptions(db: Queryable, organisationId: string): Promise<SubscriptionRow[]> {
  const { rows } = await db.query<SubscriptionRow>(
    `SELECT s.id, s.url, s.events, s.scopes, s.active, s.created_at AS "createdAt",
            d.status AS "lastStatus", d.last_attempt_at AS "lastAttemptAt"
       FROM webhook_subscriptions s
       LEFT JOIN LATERAL (SELECT status, last_attempt_at FROM webhook_deliveries
                           WHERE subscription_id = s.id ORDER BY created_at DESC LIMIT 1) d ON true
      WHERE s.organisation_id = $1 AND s.active
      ORDER BY s.created_at DESC`,
    [organisationId],
  );
  return rows;
}

export async function findSubscription(db: Queryable, organisationId: string, id: string): Promise<SubscriptionRow | undefined> {
  const { rows } = await db.query<SubscriptionRow>(
    `SELECT id, url, events, scopes, active, created_at AS "createdAt", NULL AS "lastStatus", NULL AS "lastAttemptAt"
       FROM webhook_subscriptions WHERE organisation_id = $1 AND id = $2`,
    [organisationId, id],
  );
  return rows[0];
}

/** Ends a subscription; its delivery log stays readable until purged. */
export async function deactivateSubscription(db: Queryable, organisationId: string, id: string): Promise<boolean> {
  const result = await db.query(`UPDATE webhook_subscriptions SET active = false WHERE organisation_id = $1 AND id = $2 AND active`, [organisationId, id]);
  return (result.rowCount ?? 0) > 0;
}

/** The active subscriptions of an organisation to one event, with its code (for the event's source). */
export async function subscribersOf(
  tx: Queryable,
  organisationId: string,
  event: string,
): Promise<Array<{ id: string; scopes: string[]; organisationCode: string }>> {
  // On every event's path (the web intake's included): prepared once per connection.
  const { rows } = await tx.query<{ id: string; scopes: string[]; organisationCode: string }>(
    prepared(`SELECT s.id, s.scopes, o.code AS "organisationCode"
       FROM webhook_subscriptions s JOIN organisations o ON o.id = s.organisation_id
      WHERE s.organisation_id = $1 AND s.active AND $2 = ANY (s.events)`),
    [organisationId, event],
  );
  return rows;
}

// ---- Deliveries

export interface NewDelivery {
  id: string;
  subscriptionId: string;
  organisationId: string;
  eventId: string;
  eventType: string;
  event: unknown;
  replayOf?: string | null;
}

export async function insertDeliveries(tx: Queryable, deliveries: readonly NewDelivery[]): Promise<void> {
  if (deliveries.length === 0) return;
  await tx.query(
    `INSERT INTO webhook_deliveries (id, subscription_id, organisation_id, event_id, event_type, event, replay_of)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::jsonb[], $7::uuid[])`,
    [
      deliveries.map((d) => d.id),
      deliveries.map((d) => d.subscriptionId),
      deliveries.map((d) => d.organisationId),
      deliveries.map((d) => d.eventId),
      deliveries.map((d) => d.eventType),
      deliveries.map((d) => JSON.stringify(d.event)),
      deliveries.map((d) => d.replayOf ?? null),
    ],
  );
}

export interface DeliveryToSend {
  id: string;
  organisationId: string;
  subscriptionId: string;
  eventId: string;
  eventType: string;
  event: unknown;
  status: string;
  url: string;
  secret: string;
  active: boolean;
}

export async function findDeliveryToSend(db: Queryable, id: string): Promise<DeliveryToSend | undefined> {
  const { rows } = await db.query<DeliveryToSend>(
    `SELECT d.id, d.organisation_id AS "organisationId", d.subscription_id AS "subscriptionId", d.event_id AS "eventId",
            d.event_type AS "eventType", d.event, d.status, s.url, s.secret, s.active
       FROM webhook_deliveries d JOIN webhook_subscriptions s ON s.id = d.subscription_id
      WHERE d.id = $1`,
    [id],
  );
  return rows[0];
}

export async function recordAttempt(
  db: Queryable,
  id: string,
  attempt: { status: 'succeeded' | 'retrying' | 'failed'; attempts: number; responseStatus: number | null; durationMs: number; error: string | null },
): Promise<void> {
  await db.query(
    `UPDATE webhook_deliveries
        SET status = $2, attempts = $3, response_status = $4, duration_ms = $5, last_error = $6, last_attempt_at = now()
      WHERE id = $1`,
    [id, attempt.status, attempt.attempts, attempt.responseStatus, attempt.durationMs, attempt.error],
  );
}

export interface DeliveryRow {
  id: string;
  subscriptionId: string;
  eventId: string;
  eventType: string;
  status: string;
  attempts: number;
  responseStatus: number | null;
  durationMs: number | null;
  lastError: string | null;
  createdAt: Date;
  lastAttemptAt: Date | null;
  replayOf: string | null;
}

const DELIVERY_COLUMNS = `id, subscription_id AS "subscriptionId", event_id AS "eventId", event_type AS "eventType", status, attempts,
  response_status AS "responseStatus", duration_ms AS "durationMs", last_error AS "lastError", created_at AS "createdAt",
  last_attempt_at AS "lastAttemptAt", replay_of AS "replayOf"`;

export async function listDeliveries(db: Queryable, organisationId: string, subscriptionId: string, limit: number): Promise<DeliveryRow[]> {
  const { rows } = await db.query<DeliveryRow>(
    `SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries
      WHERE organisation_id = $1 AND subscription_id = $2 ORDER BY created_at DESC, id LIMIT $3`,
    [organisationId, subscriptionId, limit],
  );
  return rows;
}

export async function findDelivery(
  db: Queryable,
  organisationId: string,
  id: string,
): Promise<(DeliveryRow & { event: unknown; organisationId: string }) | undefined> {
  const { rows } = await db.query<DeliveryRow & { event: unknown; organisationId: string }>(
    `SELECT ${DELIVERY_COLUMNS}, event, organisation_id AS "organisationId" FROM webhook_deliveries WHERE organisation_id = $1 AND id = $2`,
    [organisationId, id],
  );
  return rows[0];
}

/** Forgets deliveries older than the retention (they may hold personal data). */
export async function purgeDeliveries(db: Queryable, days: number): Promise<number> {
  const result = await db.query(`DELETE FROM webhook_deliveries WHERE created_at < now() - make_interval(days => $1)`, [days]);
  return result.rowCount ?? 0;
}
