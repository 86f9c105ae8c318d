// Publishing realtime events: one pg_notify per event, so an event reaches the browsers connected to every
// instance. publish() takes the database or an open transaction: in a transaction the event goes out on
// commit, and not at all on rollback. An event whose data would not fit a NOTIFY payload is stored in
// realtime_events and only its id is notified; listeners fetch it.
import { createHash } from 'node:crypto';
import { prepared, type Queryable } from '../db/database.ts';

export interface RealtimeEvent {
  /** SSE event name, e.g. "ticket.called", "request.assigned". */
  type: string;
  /** Any JSON value; keep it small (ids and what the screen shows), never more personal data than needed. */
  data?: unknown;
}

/** Channels are application names, built by `channels` (channels.ts): "account:<uuid>", "cc:org:<uuid>", … */
export const CHANNEL_PATTERN = /^[A-Za-z0-9][A-Za-z0-9:_.-]{0,199}$/;
export const EVENT_TYPE_PATTERN = /^[a-z][A-Za-z0-9_.-]{0,99}$/;
/** NOTIFY payloads must stay under 8000 bytes; above this, the event is stored and its id notified. */
export const MAX_INLINE_BYTES = 7000;

/**
 * The PostgreSQL channel for an application channel: a fixed-length lower-case name, valid as an unquoted
 * identifier on both engines (PGlite does not quote LISTEN names).
 */
export function pgChannel(channel: string): string {
  return `rt_${createHash('sha256').update(channel).digest('hex').slice(0, 40)}`;
}

/** Wire format of a notification: inline {i, c, t, d} or stored {i, c, r: 1}. */
export interface NotifyPayload {
  i: number;
  c: string;
  t?: string;
  d?: unknown;
  r?: 1;
}

/** Publishes an event on a channel; returns its id (also the SSE event id). */
export async function publish(db: Queryable, channel: string, event: RealtimeEvent): Promise<number> {
  if (!CHANNEL_PATTERN.test(channel)) throw new Error(`invalid realtime channel "${channel}"`);
  if (!EVENT_TYPE_PATTERN.test(event.type)) throw new Error(`invalid realtime event type "${event.type}"`);
  const data = JSON.stringify(event.data ?? null);
  const inlineSize = Buffer.byteLength(data) + Buffer.byteLength(channel) + Buffer.byteLength(event.type) + 60;
  if (inlineSize <= MAX_INLINE_BYTES) {
    const { rows } = await db.query<{ id: number }>(
      prepared(`SELECT s.id, pg_notify($1, json_build_object('i', s.id, 'c', $2::text, 't', $3::text, 'd', $4::json)::text)
         FROM (SELECT nextval('realtime_event_seq') AS id) s`),
      [pgChannel(channel), channel, event.type, data],
    );
    return rows[0]!.id;
  }
  const { rows } = await db.query<{ id: number }>(
    `WITH e AS (INSERT INTO realtime_events (channel, type, data) VALUES ($2, $3, $4::jsonb) RETURNING id)
     SELECT e.id, pg_notify($1, json_build_object('i', e.id, 'c', $2::text, 'r', 1)::text) FROM e`,
    [pgChannel(channel), channel, event.type, data],
  );
  return rows[0]!.id;
}

/**
 * Publishes the same event on several channels in one statement (one round trip), as publish() for each in
 * turn would: one id per channel, in order, notifications sent in that order. An event too large to go inline
 * is published channel by channel (stored, see publish).
 */
export async function publishMany(db: Queryable, channels: readonly string[], event: RealtimeEvent): Promise<number[]> {
  if (channels.length === 1) return [await publish(db, channels[0]!, event)];
  if (channels.length === 0) return [];
  for (const channel of channels) if (!CHANNEL_PATTERN.test(channel)) throw new Error(`invalid realtime channel "${channel}"`);
  if (!EVENT_TYPE_PATTERN.test(event.type)) throw new Error(`invalid realtime event type "${event.type}"`);
  const data = JSON.stringify(event.data ?? null);
  const fixed = Buffer.byteLength(data) + Buffer.byteLength(event.type) + 60;
  if (channels.some((channel) => fixed + Buffer.byteLength(channel) > MAX_INLINE_BYTES)) {
    const ids: number[] = [];
    for (const channel of channels) ids.push(await publish(db, channel, event));
    return ids;
  }
  const { rows } = await db.query<{ id: number }>(
    prepared(`SELECT s.id, pg_notify(s.pg, json_build_object('i', s.id, 'c', s.c, 't', $3::text, 'd', $4::json)::text)
       FROM (SELECT nextval('realtime_event_seq') AS id, u.c, u.pg
               FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS u(pg, c, n)) s
      ORDER BY s.id`),
    [channels.map(pgChannel), channels, event.type, data],
  );
  return rows.map((row) => row.id);
}

/**
 * publishMany as a scalar expression of the caller's own statement (one round trip for a change and its
 * event): the caller selects `sql`, which sends the notifications when the SQL condition `when` holds.
 * Parameters are numbered from `first`. Undefined when the event is too large to go inline: then publishMany.
 */
export function publishManySql(
  channels: readonly string[],
  event: RealtimeEvent,
  first: number,
  when = 'true',
): { sql: string; params: unknown[] } | undefined {
  for (const channel of channels) if (!CHANNEL_PATTERN.test(channel)) throw new Error(`invalid realtime channel "${channel}"`);
  if (!EVENT_TYPE_PATTERN.test(event.type)) throw new Error(`invalid realtime event type "${event.type}"`);
  const data = JSON.stringify(event.data ?? null);
  const fixed = Buffer.byteLength(data) + Buffer.byteLength(event.type) + 60;
  if (channels.some((channel) => fixed + Buffer.byteLength(channel) > MAX_INLINE_BYTES)) return undefined;
  const p = (n: number) => `$${first + n}`;
  return {
    sql: `(SELECT count(pg_notify(s.pg, json_build_object('i', s.id, 'c', s.c, 't', ${p(2)}::text, 'd', ${p(3)}::json)::text))
       FROM (SELECT nextval('realtime_event_seq') AS id, u.c, u.pg
               FROM unnest(${p(0)}::text[], ${p(1)}::text[]) WITH ORDINALITY AS u(pg, c, n) WHERE ${when} ORDER BY u.n) s)`,
    params: [channels.map(pgChannel), channels, event.type, data],
  };
}
