// Every SQL statement of the operations indicators: the recomputation of one organisation × months from
// the contact center, queues, appointments and safety tables (read only), the freshness of each month, and
// the reads behind the dashboards and open data (all of them on operations_aggregates / _monthly / _hourly).
// See docs/decisions/0018-operations-indicators.md.
import type { Database, Queryable } from '../../platform/db/database.ts';
import { OPERATIONS_COLUMNS, OPERATIONS_SUM_KEYS, type OperationsSums } from './operations.ts';
import {
  rollupByContactPoint,
  rollupByDimension,
  rollupByMonth,
  rollupByOrganisation,
  rollupByOrganisationAndMonth,
  rollupTotal,
  where,
  type Dimension,
  type Rollup,
  type SliceFilter,
} from '../repository.ts';

const COLUMNS = OPERATIONS_SUM_KEYS.map((key) => OPERATIONS_COLUMNS[key]);
const TZ = `'Europe/Brussels'`;
const MONTH_OF = (column: string) => `date_trunc('month', ${column} AT TIME ZONE ${TZ})::date`;
const SECONDS = (later: string, earlier: string) => `extract(epoch FROM (${later} - ${earlier}))`;
/** [$2 month start, $3 month end + 1 month) as instants in Brussels time. */
const IN_RANGE = (column: string) =>
  `${column} >= ($2::date)::timestamp AT TIME ZONE ${TZ} AND ${column} < ($3::date + interval '1 month')::timestamp AT TIME ZONE ${TZ}`;

/**
 * One source's contribution, grouped by month, channel, service and contact point; the sums it does not
 * feed are zeros. $1 = organisations (uuid[]), $2/$3 = first and last month ('YYYY-MM-01').
 */
function source(
  keys: { organisation: string; month: string; channel: string; service: string; contactPoint: string },
  sums: Partial<Record<keyof OperationsSums, string>>,
  from: string,
): string {
  const values = OPERATIONS_SUM_KEYS.map((key) => `(${sums[key] ?? '0'})::bigint AS ${OPERATIONS_COLUMNS[key]}`).join(', ');
  return `SELECT ${keys.organisation} AS organisation_id, ${keys.month} AS month, ${keys.channel} AS channel, ${keys.service} AS service_code, ${keys.contactPoint} AS contact_point, ${values}
            ${from} GROUP BY 1, 2, 3, 4, 5`;
}

const SOURCES = [
  // Contacts on every channel (the counters' served tickets and appointments are recorded here too).
  source(
    {
      organisation: 'organisation_id',
      month: MONTH_OF('started_at'),
      channel: 'channel',
      service: `coalesce(service_code, '')`,
      contactPoint: `coalesce(contact_point_id::text, '')`,
    },
    {
      contacts: 'count(*)',
      handled: 'count(ended_at)',
      handleSeconds: `coalesce(sum(${SECONDS('ended_at', 'started_at')}), 0)`,
      outcomes: `count(*) FILTER (WHERE outcome IS NOT NULL AND outcome <> 'abandoned')`,
      firstContact: `count(*) FILTER (WHERE outcome = 'answered_first_contact')`,
      abandoned: `count(*) FILTER (WHERE outcome = 'abandoned')`,
    },
    `FROM cc_contacts WHERE organisation_id = ANY($1) AND ${IN_RANGE('started_at')}`,
  ),
  // First responses, in the month they were given.
  source(
    { organisation: 'organisation_id', month: MONTH_OF('first_responded_at'), channel: 'channel', service: `coalesce(service_code, '')`, contactPoint: `''` },
    {
      responses: 'count(*)',
      responseSeconds: `sum(greatest(0, ${SECONDS('first_responded_at', 'created_at')}))`,
      responseDue: 'count(first_response_due_at)',
      responseMet: 'count(*) FILTER (WHERE first_responded_at <= first_response_due_at)',
    },
    `FROM cc_requests WHERE organisation_id = ANY($1) AND first_responded_at IS NOT NULL AND ${IN_RANGE('first_responded_at')}`,
  ),
  // Live chats' first answers by an agent, in the month they were given (a chat converted into a request
  // before anyone answered has none here: its request's first response counts above).
  source(
    { organisation: 'organisation_id', month: MONTH_OF('first_response_at'), channel: `'chat'`, service: `coalesce(service_code, '')`, contactPoint: `''` },
    { responses: 'count(*)', responseSeconds: `sum(greatest(0, ${SECONDS('first_response_at', 'created_at')}))` },
    `FROM chat_sessions WHERE organisation_id = ANY($1) AND first_response_at IS NOT NULL AND ${IN_RANGE('first_response_at')}`,
  ),
  // Resolutions, in the month the request was closed.
  source(
    { organisation: 'organisation_id', month: MONTH_OF('closed_at'), channel: 'channel', service: `coalesce(service_code, '')`, contactPoint: `''` },
    {
      resolutions: 'count(*)',
      resolutionSeconds: `sum(greatest(0, ${SECONDS('closed_at', 'created_at')}))`,
      resolutionDue: 'count(resolution_due_at)',
      resolutionMet: 'count(*) FILTER (WHERE closed_at <= resolution_due_at)',
    },
    `FROM cc_requests WHERE organisation_id = ANY($1) AND closed_at IS NOT NULL AND ${IN_RANGE('closed_at')}`,
  ),
  // Tasks sent to a second line (any organisation's), counted for the sender.
  source(
    {
      organisation: 't.from_organisation_id',
      month: MONTH_OF('t.created_at'),
      channel: 'r.channel',
      service: `coalesce(r.service_code, '')`,
      contactPoint: `''`,
    },
    { tasksSent: 'count(*)' },
    `FROM cc_tasks t JOIN cc_requests r ON r.id = t.request_id WHERE t.from_organisation_id = ANY($1) AND ${IN_RANGE('t.created_at')}`,
  ),
  source(
    {
      organisation: 't.from_organisation_id',
      month: MONTH_OF('t.answered_at'),
      channel: 'r.channel',
      service: `coalesce(r.service_code, '')`,
      contactPoint: `''`,
    },
    { tasksAnswered: 'count(*)', taskSeconds: `sum(greatest(0, ${SECONDS('t.answered_at', 't.created_at')}))` },
    `FROM cc_tasks t JOIN cc_requests r ON r.id = t.request_id
      WHERE t.from_organisation_id = ANY($1) AND t.status = 'answered' AND t.answered_at IS NOT NULL AND ${IN_RANGE('t.answered_at')}`,
  ),
  // Counter tickets, on their (Brussels) day. A transfer is the same visit: waiting is measured on the
  // first ticket, every finished service is counted. A ticket taken online waits on site from its check-in
  // (decision 0061), not from the moment it was taken at home.
  source(
    {
      organisation: 'organisation_id',
      month: `date_trunc('month', day)::date`,
      channel: `'counter'`,
      service: 'service_code',
      contactPoint: 'contact_point_id::text',
    },
    {
      tickets: 'count(*) FILTER (WHERE transferred_from IS NULL)',
      waits: 'count(*) FILTER (WHERE transferred_from IS NULL AND called_at IS NOT NULL)',
      waitSeconds: `coalesce(sum(greatest(0, ${SECONDS('called_at', 'coalesce(checked_in_at, issued_at)')})) FILTER (WHERE transferred_from IS NULL AND called_at IS NOT NULL), 0)`,
      services: `count(*) FILTER (WHERE status = 'done' AND finished_at IS NOT NULL AND coalesce(serving_at, called_at) IS NOT NULL)`,
      serviceSeconds: `coalesce(sum(greatest(0, ${SECONDS('finished_at', 'coalesce(serving_at, called_at)')})) FILTER (WHERE status = 'done' AND finished_at IS NOT NULL AND coalesce(serving_at, called_at) IS NOT NULL), 0)`,
      ticketNoShows: `count(*) FILTER (WHERE status = 'no_show')`,
    },
    `FROM queue_tickets WHERE organisation_id = ANY($1) AND day >= $2::date AND day < ($3::date + interval '1 month')`,
  ),
  // Appointments, in the month they were for.
  source(
    { organisation: 'a.organisation_id', month: MONTH_OF('a.starts_at'), channel: `'counter'`, service: 's.code', contactPoint: 'a.contact_point_id::text' },
    {
      appointmentsKept: `count(*) FILTER (WHERE a.status IN ('arrived', 'seen'))`,
      appointmentsNoShow: `count(*) FILTER (WHERE a.status = 'no_show')`,
    },
    `FROM appointments a JOIN services s ON s.id = a.service_id WHERE a.organisation_id = ANY($1) AND ${IN_RANGE('a.starts_at')}`,
  ),
  // Safety incidents: counts only.
  source(
    { organisation: 'organisation_id', month: MONTH_OF('occurred_at'), channel: `''`, service: `''`, contactPoint: `coalesce(contact_point_id::text, '')` },
    { incidents: 'count(*)', incidentsHigh: `count(*) FILTER (WHERE severity = 'high')` },
    `FROM safety_incidents WHERE organisation_id = ANY($1) AND ${IN_RANGE('occurred_at')}`,
  ),
];

const REBUILD_CELLS = `
  INSERT INTO operations_aggregates (organisation_id, month, channel, service_code, contact_point, ${COLUMNS.join(', ')})
  SELECT organisation_id, month, channel, service_code, contact_point, ${COLUMNS.map((c) => `sum(${c})`).join(', ')}
    FROM (${SOURCES.join('\n UNION ALL\n')}) s
   GROUP BY organisation_id, month, channel, service_code, contact_point`;

const REBUILD_MONTHLY = `
  INSERT INTO operations_monthly (organisation_id, month, ${COLUMNS.join(', ')})
  SELECT organisation_id, month, ${COLUMNS.map((c) => `sum(${c})`).join(', ')}
    FROM operations_aggregates WHERE organisation_id = ANY($1) AND month BETWEEN $2::date AND $3::date
   GROUP BY organisation_id, month`;

const REBUILD_HOURLY = `
  INSERT INTO operations_hourly (organisation_id, month, channel, hour, contacts)
  SELECT organisation_id, ${MONTH_OF('started_at')}, channel, extract(hour FROM started_at AT TIME ZONE ${TZ})::smallint, count(*)
    FROM cc_contacts WHERE organisation_id = ANY($1) AND ${IN_RANGE('started_at')}
   GROUP BY 1, 2, 3, 4`;

/**
 * Recomputes the figures of some organisations for the months from..to ('YYYY-MM-01'), in one
 * transaction. The freshness rows are written first, in a fixed order: their row locks make a second
 * refresh of the same months wait for this one instead of colliding with it.
 */
export async function refreshMonths(db: Database, organisationIds: string[], from: string, to: string): Promise<void> {
  if (organisationIds.length === 0) return;
  const ids = [...new Set(organisationIds)].sort();
  await db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO operations_refresh (organisation_id, month, refreshed_at)
       SELECT o, m::date, now() FROM unnest($1::uuid[]) o CROSS JOIN generate_series($2::date, $3::date, interval '1 month') m
        ORDER BY 1, 2
       ON CONFLICT (organisation_id, month) DO UPDATE SET refreshed_at = now()`,
      [ids, from, to],
    );
    const params = [ids, from, to];
    for (const table of ['operations_aggregates', 'operations_monthly', 'operations_hourly']) {
      await tx.query(`DELETE FROM ${table} WHERE organisation_id = ANY($1) AND month BETWEEN $2::date AND $3::date`, params);
    }
    await tx.query(REBUILD_CELLS, params);
    await tx.query(REBUILD_MONTHLY, params);
    await tx.query(REBUILD_HOURLY, params);
  });
}

/**
 * The organisation × months to recompute among some organisations (all when null) and months: never
 * computed, or computed before the month could no longer change and longer ago than the time to live.
 */
export async function staleMonths(
  db: Queryable,
  organisationIds: string[] | null,
  from: string,
  to: string,
  options: { ttlMs: number; graceDays: number },
): Promise<Array<{ organisationId: string; month: string }>> {
  const { rows } = await db.query<{ organisationId: string; month: string }>(
    `SELECT o.id AS "organisationId", to_char(m, 'YYYY-MM-DD') AS month
       FROM organisations o
       CROSS JOIN generate_series($2::date, least($3::date, date_trunc('month', now() AT TIME ZONE ${TZ})::date), interval '1 month') m
       LEFT JOIN operations_refresh r ON r.organisation_id = o.id AND r.month = m::date
      WHERE ($1::uuid[] IS NULL OR o.id = ANY($1))
        AND (r.refreshed_at IS NULL
             OR (r.refreshed_at < (m::date + interval '1 month')::timestamp AT TIME ZONE ${TZ} + make_interval(days => $5)
                 AND r.refreshed_at < now() - make_interval(secs => $4 / 1000.0)))
      ORDER BY 1, 2`,
    [organisationIds, from, to, options.ttlMs, options.graceDays],
  );
  return rows;
}

/** When the figures of some organisations (all when null) and months were last recomputed (oldest). */
export async function oldestRefresh(db: Queryable, organisationIds: string[] | null, from: string, to: string): Promise<Date | null> {
  const { rows } = await db.query<{ at: Date | null }>(
    `SELECT min(refreshed_at) AS at FROM operations_refresh
      WHERE ($1::uuid[] IS NULL OR organisation_id = ANY($1)) AND month BETWEEN $2::date AND $3::date`,
    [organisationIds, from, to],
  );
  return rows[0]?.at ?? null;
}

// ---- Reads

const SUMS = OPERATIONS_SUM_KEYS.map((key) => `coalesce(sum(a.${OPERATIONS_COLUMNS[key]}), 0)::bigint AS "${key}"`).join(', ');

/** Breakdowns sorted by contacts (column 3); cells without a channel (safety incidents) count only per contact point. */
const OPERATIONS: Rollup = { cells: 'operations_aggregates', monthly: 'operations_monthly', sums: SUMS, rankBy: '3', counted: `a.channel <> ''` };

export const operationsByMonth = (db: Queryable, filter: SliceFilter) => rollupByMonth<OperationsSums>(db, OPERATIONS, filter);
export const operationsTotal = (db: Queryable, filter: SliceFilter) => rollupTotal<OperationsSums>(db, OPERATIONS, filter);
export const operationsByDimension = (db: Queryable, filter: SliceFilter, dimension: Dimension) =>
  rollupByDimension<OperationsSums>(db, OPERATIONS, filter, dimension);
export const operationsByOrganisation = (db: Queryable, filter: SliceFilter) => rollupByOrganisation<OperationsSums>(db, OPERATIONS, filter);
export const operationsByOrganisationAndMonth = (db: Queryable, filter: SliceFilter) => rollupByOrganisationAndMonth<OperationsSums>(db, OPERATIONS, filter);
/** Per organisation × contact point (the public barometer): only cells that carry a contact point. */
export const operationsByContactPoint = (db: Queryable, filter: SliceFilter) => rollupByContactPoint<OperationsSums>(db, OPERATIONS, filter);

/** Contacts per hour of the day (0–23) over the months, optionally of one channel. */
export async function contactsByHour(db: Queryable, filter: SliceFilter): Promise<Array<{ hour: number; contacts: number }>> {
  const w = where({ ...filter, serviceCode: undefined, contactPoint: undefined });
  const { rows } = await db.query<{ hour: number; contacts: number }>(
    `SELECT a.hour::int AS hour, sum(a.contacts)::int AS contacts FROM operations_hourly a WHERE ${w.sql} GROUP BY a.hour ORDER BY a.hour`,
    w.params,
  );
  return rows;
}

/** Every organisation's id (a rebuild of all of them). */
export async function allOrganisationIds(db: Queryable): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>('SELECT id FROM organisations');
  return rows.map((row) => row.id);
}
