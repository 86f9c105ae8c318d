// SQL of remote queue tickets (decision 0061): the settings of a point and its services, the daily cap held
// under concurrent takers (the point's settings row locked, then the day's remote tickets counted), check-in by
// code or number, and the release of a ticket not checked in by its deadline.
import type { Queryable } from '../platform/db/database.ts';
import { TICKET_COLUMNS, type TicketRecord } from './repository.ts';

export interface RemoteSettings {
  allowed: boolean;
  dailyCap: number;
  graceMinutes: number;
}

export const REMOTE_DEFAULTS: RemoteSettings = { allowed: false, dailyCap: 50, graceMinutes: 45 };

const SETTINGS_SELECT = `SELECT remote_allowed AS allowed, remote_daily_cap AS "dailyCap", remote_grace_minutes AS "graceMinutes"
  FROM queue_alert_settings WHERE contact_point_id = $1`;

export async function remoteSettings(db: Queryable, contactPointId: string): Promise<RemoteSettings> {
  const { rows } = await db.query<RemoteSettings>(SETTINGS_SELECT, [contactPointId]);
  return rows[0] ?? REMOTE_DEFAULTS;
}

/**
 * The point's settings, its row locked until the transaction ends: remote takers of one point pass one at a
 * time through the count that follows (READ COMMITTED: the count, a later statement, sees the tickets the
 * takers before committed), so the cap holds on PostgreSQL under concurrency. Without a row, nothing is allowed.
 */
export async function lockRemoteSettings(db: Queryable, contactPointId: string): Promise<RemoteSettings | undefined> {
  const { rows } = await db.query<RemoteSettings>(`${SETTINGS_SELECT} FOR UPDATE`, [contactPointId]);
  return rows[0];
}

export async function saveRemoteSettings(db: Queryable, contactPointId: string, settings: RemoteSettings): Promise<void> {
  await db.query(
    `INSERT INTO queue_alert_settings (contact_point_id, remote_allowed, remote_daily_cap, remote_grace_minutes) VALUES ($1, $2, $3, $4)
     ON CONFLICT (contact_point_id) DO UPDATE SET remote_allowed = EXCLUDED.remote_allowed, remote_daily_cap = EXCLUDED.remote_daily_cap,
       remote_grace_minutes = EXCLUDED.remote_grace_minutes, updated_at = now()`,
    [contactPointId, settings.allowed, settings.dailyCap, settings.graceMinutes],
  );
}

export async function saveServiceRemote(db: Queryable, queueServiceId: string, allowed: boolean, dailyCap: number | null): Promise<void> {
  await db.query(`UPDATE queue_services SET remote_allowed = $2, remote_daily_cap = $3 WHERE id = $1`, [queueServiceId, allowed, dailyCap]);
}

export async function serviceRemote(db: Queryable, contactPointId: string): Promise<Map<string, { allowed: boolean; dailyCap: number | null }>> {
  const { rows } = await db.query<{ id: string; allowed: boolean; dailyCap: number | null }>(
    `SELECT id, remote_allowed AS allowed, remote_daily_cap AS "dailyCap" FROM queue_services WHERE contact_point_id = $1`,
    [contactPointId],
  );
  return new Map(rows.map((row) => [row.id, { allowed: row.allowed, dailyCap: row.dailyCap }]));
}

/** Tickets taken online at a point on a day (released ones too: the cap is what was given), and of one service. */
export async function remoteTakenToday(
  db: Queryable,
  contactPointId: string,
  day: string,
  queueServiceId: string,
): Promise<{ point: number; service: number }> {
  const { rows } = await db.query<{ point: number; service: number }>(
    `SELECT count(*)::int AS point, (count(*) FILTER (WHERE queue_service_id = $3))::int AS service
       FROM queue_tickets WHERE contact_point_id = $1 AND day = $2::date AND check_in_code IS NOT NULL AND transferred_from IS NULL`,
    [contactPointId, day, queueServiceId],
  );
  return rows[0] ?? { point: 0, service: 0 };
}

export async function checkInCodeTaken(db: Queryable, contactPointId: string, day: string, code: string): Promise<boolean> {
  const { rows } = await db.query(`SELECT 1 FROM queue_tickets WHERE contact_point_id = $1 AND day = $2::date AND check_in_code = $3`, [
    contactPointId,
    day,
    code,
  ]);
  return rows.length > 0;
}

/**
 * Checks in a remote ticket of a point by its code (the kiosk, or an agent) or, for an agent, by its number as
 * shown ("A012"): 'remote' becomes 'waiting' with its place kept. One ticket at most: the latest before its
 * deadline (a ticket taken before midnight at a point open at night is yesterday's). Undefined when none matches
 * (unknown, already checked in, released, or another point's).
 */
export async function checkIn(
  db: Queryable,
  input: { contactPointId: string; day: string; code: string; byNumber: boolean; now: Date },
): Promise<TicketRecord | undefined> {
  const { rows } = await db.query<TicketRecord>(
    `UPDATE queue_tickets t SET status = 'waiting', checked_in_at = $4
      WHERE t.id = (
        SELECT r.id FROM queue_tickets r
         WHERE r.contact_point_id = $1 AND r.day >= $2::date - 1 AND r.status = 'remote' AND r.check_in_by > $4
           AND (r.check_in_code = $3 OR ($5 AND r.prefix || lpad(r.number::text, 3, '0') = $3))
         ORDER BY r.issued_at DESC LIMIT 1
         FOR UPDATE)
        AND t.status = 'remote'
      RETURNING ${TICKET_COLUMNS}`,
    [input.contactPointId, input.day, input.code, input.now, input.byNumber],
  );
  return rows[0];
}

/** Releases a remote ticket whose check-in deadline passed (locked; undefined when it was checked in or ended). */
export async function releaseIfDue(db: Queryable, ticketId: string, now: Date): Promise<TicketRecord | undefined> {
  const { rows } = await db.query<TicketRecord>(
    `UPDATE queue_tickets t SET status = 'released', finished_at = $2
      WHERE t.id = $1 AND t.status = 'remote' AND t.check_in_by <= $2
      RETURNING ${TICKET_COLUMNS}`,
    [ticketId, now],
  );
  return rows[0];
}

/** Of the given points, those giving remote tickets for a service (the service page's list of places). */
export async function pointsWithRemoteTickets(db: Queryable, serviceCode: string, contactPointIds: string[]): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT qs.contact_point_id AS id FROM queue_services qs
       JOIN services s ON s.id = qs.service_id
       JOIN queue_alert_settings a ON a.contact_point_id = qs.contact_point_id
      WHERE s.code = $1 AND qs.contact_point_id = ANY($2::uuid[]) AND qs.enabled AND qs.remote_allowed AND a.remote_allowed`,
    [serviceCode, contactPointIds],
  );
  return rows.map((row) => row.id);
}
