// SQL of realtime events: large events stored for their listeners, the sequence position, housekeeping.
import type { Queryable } from '../db/database.ts';

export async function getStoredEvent(db: Queryable, id: number): Promise<{ channel: string; type: string; data: unknown } | undefined> {
  const { rows } = await db.query<{ channel: string; type: string; data: unknown }>(
    'SELECT channel, type, data FROM realtime_events WHERE id = $1',
    [id],
  );
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
