// SQL of realtime events: large events stored for their listeners, the sequence position, housekeeping.
import type { Queryable } from '../db/database.ts';

export async function getStoredEvent(db: Queryable, id: number): Promise<{ channel: string; type: string; data: unknown } | undefined> {
  const { rows } = await db.query<{ channel: string; type: string; data: unknown }>('SELECT channel, type, data FROM realtime_events WHERE id = $1', [id]);
  return rows[0];
}

/** The highest event id handed out so far (0 before the first). */
export async function currentEventId(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ last_value: number; is_called: boolean }>('SELECT last_value, is_called FROM realtime_event_seq');
  const row = rows[0];
  return row && row.is_called ? Number(row.last_value) : 0;
}

export async function purgeStoredEvents(db: Queryable, olderThanMinutes: number): Promise<number> {
  const result = await db.query('DELETE FROM realtime_events WHERE created_at < now() - make_interval(mins => $1)', [olderThanMinutes]);
  return result.rowCount;
}

// ---- presence: which channels have an open stream on some instance (realtime_presence, migration 0019)

/** A stream counts as present this long after its last heartbeat (three missed heartbeats of 15 s). */
export const PRESENCE_STALE_SECONDS = 50;

export async function insertPresence(db: Queryable, streamId: string, channels: string[]): Promise<void> {
  await db.query('INSERT INTO realtime_presence (stream_id, channels) VALUES ($1, $2) ON CONFLICT (stream_id) DO UPDATE SET seen_at = now()', [
    streamId,
    channels,
  ]);
}

export async function touchPresence(db: Queryable, streamId: string): Promise<void> {
  await db.query('UPDATE realtime_presence SET seen_at = now() WHERE stream_id = $1', [streamId]);
}

export async function deletePresence(db: Queryable, streamId: string): Promise<void> {
  await db.query('DELETE FROM realtime_presence WHERE stream_id = $1', [streamId]);
}

/** Those of the channels that have a live stream on any instance; stale rows are forgotten on the way. */
export async function presentChannels(db: Queryable, channels: string[]): Promise<Set<string>> {
  if (channels.length === 0) return new Set();
  const { rows } = await db.query<{ channel: string }>(
    `SELECT DISTINCT c AS channel
       FROM realtime_presence p, unnest(p.channels) AS c
      WHERE p.channels && $1::text[] AND p.seen_at > now() - make_interval(secs => $2) AND c = ANY ($1::text[])`,
    [channels, PRESENCE_STALE_SECONDS],
  );
  return new Set(rows.map((row) => row.channel));
}

/** Forgets presence rows of streams whose instance stopped without saying so (housekeeping). */
export async function purgeStalePresence(db: Queryable): Promise<number> {
  const result = await db.query('DELETE FROM realtime_presence WHERE seen_at < now() - make_interval(secs => $1)', [PRESENCE_STALE_SECONDS * 4]);
  return result.rowCount;
}
