// SQL for queue tickets: settings (services with their prefix, counters, priority categories), issuing
// numbers, calling the next ticket and the figures of the waiting-time estimate.
import type { Queryable } from '../platform/db/database.ts';
import type { LocalizedText } from '../platform/i18n/languages.ts';
import { MIN_MEASURED_SERVICES, type ServiceTimes } from './wait-estimate.ts';

/** 'remote': taken online, in line but never called before its check-in; 'released': not checked in in time. */
export const TICKET_STATUSES = ['remote', 'waiting', 'called', 'serving', 'done', 'no_show', 'transferred', 'released'] as const;
/** In line: counted ahead of later tickets and in the estimates (a remote ticket keeps its place, decision 0061). */
export const IN_LINE = `('waiting', 'remote')`;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export interface QueueServiceRecord {
  id: string;
  contactPointId: string;
  organisationId: string;
  serviceId: string;
  serviceCode: string;
  serviceName: LocalizedText;
  prefix: string;
  defaultServiceMinutes: number;
  position: number;
  enabled: boolean;
}

export interface CounterRecord {
  id: string;
  contactPointId: string;
  organisationId: string;
  name: string;
  queueServiceIds: string[];
  active: boolean;
  agentAccountId: string | null;
  agentName: string | null;
  openedAt: Date | null;
  position: number;
}

export interface PriorityCategoryRecord {
  id: string;
  organisationId: string;
  code: string;
  name: LocalizedText;
  rank: number;
  onKiosk: boolean;
  active: boolean;
}

export interface TicketRecord {
  id: string;
  contactPointId: string;
  organisationId: string;
  queueServiceId: string;
  serviceCode: string;
  prefix: string;
  number: number;
  day: string;
  status: TicketStatus;
  priorityCategoryId: string | null;
  priorityRank: number;
  appointmentId: string | null;
  priorityFrom: Date | null;
  targetCounterId: string | null;
  language: 'fr' | 'nl' | 'en';
  issuedBy: string | null;
  issuedAt: Date;
  queuedAt: Date;
  calledAt: Date | null;
  servingAt: Date | null;
  finishedAt: Date | null;
  recalls: number;
  counterId: string | null;
  agentAccountId: string | null;
  outcome: string | null;
  transferredFrom: string | null;
  /** A mobile number left for SMS alerts (E.164), erased when the ticket ends. */
  phone: string | null;
  /** Taken online: the code to check in with, the deadline, and an address for its notices (erased at the end). */
  checkInCode: string | null;
  checkInBy: Date | null;
  checkedInAt: Date | null;
  email: string | null;
}

/** The ticket columns under their TicketRecord names (table alias t). */
export const TICKET_COLUMNS = `
  t.id, t.contact_point_id AS "contactPointId", t.organisation_id AS "organisationId", t.queue_service_id AS "queueServiceId",
  t.service_code AS "serviceCode", t.prefix, t.number, to_char(t.day, 'YYYY-MM-DD') AS day, t.status,
  t.priority_category_id AS "priorityCategoryId", t.priority_rank AS "priorityRank", t.appointment_id AS "appointmentId",
  t.priority_from AS "priorityFrom", t.target_counter_id AS "targetCounterId", t.language, t.issued_by AS "issuedBy",
  t.issued_at AS "issuedAt", t.queued_at AS "queuedAt", t.called_at AS "calledAt", t.serving_at AS "servingAt",
  t.finished_at AS "finishedAt", t.recalls, t.counter_id AS "counterId", t.agent_account_id AS "agentAccountId", t.outcome,
  t.transferred_from AS "transferredFrom", t.phone, t.check_in_code AS "checkInCode", t.check_in_by AS "checkInBy",
  t.checked_in_at AS "checkedInAt", t.email`;

/** The priority that counts at `$now`: an appointment's only from its start time on. */
const EFFECTIVE_RANK = (alias: string, nowParam: string) =>
  `(CASE WHEN ${alias}.priority_from IS NULL OR ${alias}.priority_from <= ${nowParam} THEN ${alias}.priority_rank ELSE 0 END)`;

// ---- settings

const QUEUE_SERVICE_SELECT = `
  SELECT qs.id, qs.contact_point_id AS "contactPointId", qs.organisation_id AS "organisationId", qs.service_id AS "serviceId",
         s.code AS "serviceCode", s.name AS "serviceName", qs.prefix, qs.default_service_minutes AS "defaultServiceMinutes",
         qs.position, qs.enabled
    FROM queue_services qs JOIN services s ON s.id = qs.service_id`;

export async function listQueueServices(db: Queryable, contactPointId: string, onlyEnabled = false): Promise<QueueServiceRecord[]> {
  const { rows } = await db.query<QueueServiceRecord>(
    `${QUEUE_SERVICE_SELECT} WHERE qs.contact_point_id = $1 ${onlyEnabled ? 'AND qs.enabled' : ''} ORDER BY qs.position, qs.prefix`,
    [contactPointId],
  );
  return rows;
}

/** Contact points (of some) that issue tickets for a service, keyed by contact point id. */
export async function queueServicesForService(db: Queryable, serviceCode: string): Promise<QueueServiceRecord[]> {
  const { rows } = await db.query<QueueServiceRecord>(`${QUEUE_SERVICE_SELECT} WHERE s.code = $1 AND qs.enabled`, [serviceCode]);
  return rows;
}

export async function findServiceByCode(db: Queryable, code: string): Promise<{ id: string; code: string } | undefined> {
  const { rows } = await db.query<{ id: string; code: string }>(`SELECT id, code FROM services WHERE code = $1`, [code]);
  return rows[0];
}

export async function upsertQueueService(
  db: Queryable,
  input: {
    contactPointId: string;
    organisationId: string;
    serviceId: string;
    prefix: string;
    defaultServiceMinutes: number;
    position: number;
    enabled: boolean;
  },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO queue_services (contact_point_id, organisation_id, service_id, prefix, default_service_minutes, position, enabled)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (contact_point_id, service_id) DO UPDATE
       SET prefix = EXCLUDED.prefix, default_service_minutes = EXCLUDED.default_service_minutes,
           position = EXCLUDED.position, enabled = EXCLUDED.enabled
     RETURNING id`,
    [input.contactPointId, input.organisationId, input.serviceId, input.prefix, input.defaultServiceMinutes, input.position, input.enabled],
  );
  return rows[0]!.id;
}

/** Services left out of a new configuration are disabled (their tickets and statistics stay). */
export async function disableQueueServicesExcept(db: Queryable, contactPointId: string, keepIds: string[]): Promise<void> {
  await db.query(`UPDATE queue_services SET enabled = false WHERE contact_point_id = $1 AND NOT (id = ANY($2::uuid[]))`, [contactPointId, keepIds]);
}

const COUNTER_SELECT = `
  SELECT c.id, c.contact_point_id AS "contactPointId", c.organisation_id AS "organisationId", c.name,
         c.queue_service_ids AS "queueServiceIds", c.active, c.agent_account_id AS "agentAccountId",
         a.display_name AS "agentName", c.opened_at AS "openedAt", c.position
    FROM queue_counters c LEFT JOIN accounts a ON a.id = c.agent_account_id`;

export async function listCounters(db: Queryable, contactPointId: string): Promise<CounterRecord[]> {
  const { rows } = await db.query<CounterRecord>(`${COUNTER_SELECT} WHERE c.contact_point_id = $1 ORDER BY c.position, c.name`, [contactPointId]);
  return rows;
}

export async function listCountersOfOrganisations(db: Queryable, organisationIds: string[] | null): Promise<CounterRecord[]> {
  const { rows } = await db.query<CounterRecord>(
    `${COUNTER_SELECT} WHERE c.active AND ($1::uuid[] IS NULL OR c.organisation_id = ANY($1::uuid[])) ORDER BY c.contact_point_id, c.position, c.name`,
    [organisationIds],
  );
  return rows;
}

export async function findCounter(db: Queryable, id: string): Promise<CounterRecord | undefined> {
  const { rows } = await db.query<CounterRecord>(`${COUNTER_SELECT} WHERE c.id = $1`, [id]);
  return rows[0];
}

/**
 * Locks the counter row, serialising the actions of one counter (a double click calls one ticket, not two),
 * and tells whether a ticket is in progress there.
 */
export async function lockCounterAndCheckBusy(db: Queryable, id: string): Promise<boolean> {
  const { rows } = await db.query<{ busy: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM queue_tickets t WHERE t.counter_id = c.id AND t.status IN ('called', 'serving')) AS busy
       FROM queue_counters c WHERE c.id = $1 FOR UPDATE OF c`,
    [id],
  );
  return rows[0]?.busy ?? false;
}

export async function upsertCounter(
  db: Queryable,
  input: { contactPointId: string; organisationId: string; name: string; queueServiceIds: string[]; active: boolean; position: number },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO queue_counters (contact_point_id, organisation_id, name, queue_service_ids, active, position)
     VALUES ($1, $2, $3, $4::uuid[], $5, $6)
     ON CONFLICT (contact_point_id, name) DO UPDATE
       SET queue_service_ids = EXCLUDED.queue_service_ids, active = EXCLUDED.active, position = EXCLUDED.position
     RETURNING id`,
    [input.contactPointId, input.organisationId, input.name, input.queueServiceIds, input.active, input.position],
  );
  return rows[0]!.id;
}

export async function deactivateCountersExcept(db: Queryable, contactPointId: string, keepIds: string[]): Promise<void> {
  await db.query(
    `UPDATE queue_counters SET active = false, agent_account_id = NULL, opened_at = NULL WHERE contact_point_id = $1 AND NOT (id = ANY($2::uuid[]))`,
    [contactPointId, keepIds],
  );
}

/** The agent sits at this counter (and leaves any other one). */
export async function openCounter(db: Queryable, counterId: string, accountId: string, now: Date): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE queue_counters SET agent_account_id = $2, opened_at = $3 WHERE id = $1 AND (agent_account_id IS NULL OR agent_account_id = $2)`,
    [counterId, accountId, now],
  );
  if (rowCount === 0) return false;
  await db.query(`UPDATE queue_counters SET agent_account_id = NULL, opened_at = NULL WHERE agent_account_id = $1 AND id <> $2`, [accountId, counterId]);
  return true;
}

export async function closeCounter(db: Queryable, counterId: string): Promise<void> {
  await db.query(`UPDATE queue_counters SET agent_account_id = NULL, opened_at = NULL WHERE id = $1`, [counterId]);
}

export async function listPriorityCategories(db: Queryable, organisationId: string, onlyActive = true): Promise<PriorityCategoryRecord[]> {
  const { rows } = await db.query<PriorityCategoryRecord>(
    `SELECT id, organisation_id AS "organisationId", code, name, rank, on_kiosk AS "onKiosk", active
       FROM queue_priority_categories WHERE organisation_id = $1 ${onlyActive ? 'AND active' : ''} ORDER BY rank DESC, code`,
    [organisationId],
  );
  return rows;
}

export async function upsertPriorityCategory(
  db: Queryable,
  input: { organisationId: string; code: string; name: LocalizedText; rank: number; onKiosk: boolean; active: boolean },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO queue_priority_categories (organisation_id, code, name, rank, on_kiosk, active)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (organisation_id, code) DO UPDATE SET name = EXCLUDED.name, rank = EXCLUDED.rank, on_kiosk = EXCLUDED.on_kiosk, active = EXCLUDED.active
     RETURNING id`,
    [input.organisationId, input.code, JSON.stringify(input.name), input.rank, input.onKiosk, input.active],
  );
  return rows[0]!.id;
}

export async function deactivateCategoriesExcept(db: Queryable, organisationId: string, keepIds: string[]): Promise<void> {
  await db.query(`UPDATE queue_priority_categories SET active = false WHERE organisation_id = $1 AND NOT (id = ANY($2::uuid[]))`, [organisationId, keepIds]);
}

// ---- tickets

export interface NewTicket {
  contactPointId: string;
  organisationId: string;
  queueServiceId: string;
  serviceCode: string;
  prefix: string;
  day: string;
  priorityCategoryId: string | null;
  priorityRank: number;
  appointmentId: string | null;
  priorityFrom: Date | null;
  language: 'fr' | 'nl' | 'en';
  tokenHash: string;
  /** Taken online: the ticket starts as 'remote' with its check-in code and deadline. */
  remote?: { code: string; checkInBy: Date; email: string | null } | undefined;
  issuedBy: string | null;
  now: Date;
}

/**
 * Issues the next number of (point, prefix, Brussels day): the sequence row is created or bumped in the same
 * statement, so two concurrent issuers wait on its row lock and get consecutive numbers.
 */
export async function insertTicket(db: Queryable, input: NewTicket): Promise<TicketRecord> {
  const { rows } = await db.query<TicketRecord>(
    `WITH seq AS (
       INSERT INTO queue_ticket_sequences (contact_point_id, prefix, day, last_number) VALUES ($1, $5, $6::date, 1)
       ON CONFLICT (contact_point_id, prefix, day) DO UPDATE SET last_number = queue_ticket_sequences.last_number + 1
       RETURNING last_number),
     t AS (
       INSERT INTO queue_tickets (contact_point_id, organisation_id, queue_service_id, service_code, prefix, number, day,
                                  priority_category_id, priority_rank, appointment_id, priority_from, language, token_hash,
                                  issued_by, issued_at, queued_at, status, check_in_code, check_in_by, email)
       SELECT $1, $2, $3, $4, $5, seq.last_number, $6::date, $7, $8, $9, $10, $11, $12, $13, $14, $14,
              CASE WHEN $15::text IS NULL THEN 'waiting' ELSE 'remote' END, $15, $16, $17 FROM seq
       RETURNING *)
     SELECT ${TICKET_COLUMNS} FROM t`,
    [
      input.contactPointId,
      input.organisationId,
      input.queueServiceId,
      input.serviceCode,
      input.prefix,
      input.day,
      input.priorityCategoryId,
      input.priorityRank,
      input.appointmentId,
      input.priorityFrom,
      input.language,
      input.tokenHash,
      input.issuedBy,
      input.now,
      input.remote?.code ?? null,
      input.remote?.checkInBy ?? null,
      input.remote?.email ?? null,
    ],
  );
  return rows[0]!;
}

export async function findTicketByTokenHash(db: Queryable, tokenHash: string): Promise<TicketRecord | undefined> {
  const { rows } = await db.query<TicketRecord>(`SELECT ${TICKET_COLUMNS} FROM queue_tickets t WHERE t.token_hash = $1`, [tokenHash]);
  return rows[0];
}

/** The ticket at a counter now (called or being served), locked. */
export async function currentTicketAtCounter(db: Queryable, counterId: string, lock = false): Promise<TicketRecord | undefined> {
  const { rows } = await db.query<TicketRecord>(
    `SELECT ${TICKET_COLUMNS} FROM queue_tickets t WHERE t.counter_id = $1 AND t.status IN ('called', 'serving')
      ORDER BY t.called_at DESC LIMIT 1 ${lock ? 'FOR UPDATE' : ''}`,
    [counterId],
  );
  return rows[0];
}

/**
 * Calls the next waiting ticket for a counter: tickets transferred to this counter first, then the highest
 * priority in force, then the longest wait. FOR UPDATE SKIP LOCKED: two counters calling at the same moment
 * take two different tickets, never the same one, and never wait on each other.
 */
export async function callNextTicket(
  db: Queryable,
  input: { counterId: string; agentAccountId: string; queueServiceIds: string[]; now: Date },
): Promise<TicketRecord | undefined> {
  const { rows } = await db.query<TicketRecord>(
    `WITH next AS (
       SELECT w.id FROM queue_tickets w
        WHERE w.status = 'waiting' AND w.queue_service_id = ANY($3::uuid[])
          AND (w.target_counter_id IS NULL OR w.target_counter_id = $1)
        ORDER BY (w.target_counter_id IS NOT NULL) DESC, ${EFFECTIVE_RANK('w', '$4::timestamptz')} DESC, w.queued_at, w.id
        LIMIT 1
        FOR UPDATE SKIP LOCKED),
     t AS (
       UPDATE queue_tickets u SET status = 'called', called_at = $4, counter_id = $1, agent_account_id = $2
         FROM next WHERE u.id = next.id AND u.status = 'waiting'
       RETURNING u.*)
     SELECT ${TICKET_COLUMNS} FROM t`,
    [input.counterId, input.agentAccountId, input.queueServiceIds, input.now],
  );
  return rows[0];
}

export async function updateTicketStatus(
  db: Queryable,
  id: string,
  changes: { status: TicketStatus; servingAt?: Date; finishedAt?: Date; outcome?: string | null; recall?: boolean; calledAt?: Date },
): Promise<TicketRecord> {
  const { rows } = await db.query<TicketRecord>(
    `UPDATE queue_tickets t SET status = $2,
            serving_at = COALESCE($3, t.serving_at),
            finished_at = COALESCE($4, t.finished_at),
            outcome = COALESCE($5, t.outcome),
            recalls = t.recalls + (CASE WHEN $6 THEN 1 ELSE 0 END),
            called_at = COALESCE($7, t.called_at)
      WHERE t.id = $1
      RETURNING ${TICKET_COLUMNS}`,
    [id, changes.status, changes.servingAt ?? null, changes.finishedAt ?? null, changes.outcome ?? null, changes.recall ?? false, changes.calledAt ?? null],
  );
  return rows[0]!;
}

/** Ends a ticket as transferred and queues its successor (same number, same place in the queue, same link). */
export async function transferTicket(
  db: Queryable,
  input: { id: string; queueServiceId: string; serviceCode: string; targetCounterId: string | null; now: Date },
): Promise<TicketRecord> {
  const { rows: old } = await db.query<{ token_hash: string | null }>(`SELECT token_hash FROM queue_tickets WHERE id = $1 FOR UPDATE`, [input.id]);
  await db.query(`UPDATE queue_tickets SET status = 'transferred', finished_at = $2, token_hash = NULL, phone = NULL, email = NULL WHERE id = $1`, [
    input.id,
    input.now,
  ]);
  const { rows } = await db.query<TicketRecord>(
    `INSERT INTO queue_tickets (contact_point_id, organisation_id, queue_service_id, service_code, prefix, number, day, status,
                                priority_category_id, priority_rank, appointment_id, priority_from, target_counter_id, language,
                                token_hash, issued_by, issued_at, queued_at, transferred_from, phone, near_alert_sent_at, email, checked_in_at)
     SELECT contact_point_id, organisation_id, $2, $3, prefix, number, day, 'waiting', priority_category_id, priority_rank,
            appointment_id, priority_from, $4, language, $5, issued_by, issued_at, queued_at, id, phone, near_alert_sent_at, email, checked_in_at
       FROM queue_tickets WHERE id = $1
     RETURNING ${TICKET_COLUMNS.replaceAll('t.', '')}`,
    [input.id, input.queueServiceId, input.serviceCode, input.targetCounterId, old[0]?.token_hash ?? null],
  );
  return rows[0]!;
}

/** Waiting tickets ahead of this one in its queue (the order callNextTicket follows, transfers aside). */
export async function ticketsAhead(db: Queryable, ticket: TicketRecord, now: Date): Promise<number> {
  const { rows } = await db.query<{ ahead: number }>(
    `SELECT count(*)::int AS ahead FROM queue_tickets o, queue_tickets t
      WHERE t.id = $1 AND o.queue_service_id = t.queue_service_id AND o.status IN ${IN_LINE} AND o.id <> t.id
        AND (${EFFECTIVE_RANK('o', '$2::timestamptz')} > ${EFFECTIVE_RANK('t', '$2::timestamptz')}
             OR (${EFFECTIVE_RANK('o', '$2::timestamptz')} = ${EFFECTIVE_RANK('t', '$2::timestamptz')}
                 AND (o.queued_at, o.id) < (t.queued_at, t.id)))`,
    [ticket.id, now],
  );
  return rows[0]!.ahead;
}

export interface QueueFigures {
  queueServiceId: string;
  /** In line: waiting, and taken online but not checked in yet (they keep their place). */
  waiting: number;
  /** Of those, taken online and not checked in yet. */
  remote: number;
  /** Quartiles of the last services of this queue, or of the whole contact point when this queue has too few. */
  serviceTimes: ServiceTimes | null;
  countersOpen: number;
  countersBusy: number;
}

/**
 * Per queue of a contact point: tickets waiting, the quartiles of the last `sample` service times of the past
 * 7 days (this queue's, or the contact point's when the queue has fewer than `minimum`), the counters open
 * today for it and how many of them are busy.
 */
export async function queueFigures(
  db: Queryable,
  contactPointId: string,
  today: string,
  now: Date,
  sample = 20,
  minimum = MIN_MEASURED_SERVICES,
): Promise<QueueFigures[]> {
  const { rows } = await db.query<{
    queueServiceId: string;
    waiting: number;
    remote: number;
    countersOpen: number;
    countersBusy: number;
    own: number[] | null;
    ownCount: number;
    point: number[] | null;
    pointCount: number;
  }>(
    `WITH recent AS (
       SELECT d.queue_service_id, extract(epoch FROM d.finished_at - COALESCE(d.serving_at, d.called_at)) / 60.0 AS minutes,
              row_number() OVER (PARTITION BY d.queue_service_id ORDER BY d.finished_at DESC) AS nth_in_queue,
              row_number() OVER (ORDER BY d.finished_at DESC) AS nth_in_point
         FROM queue_tickets d
        WHERE d.contact_point_id = $1 AND d.status = 'done' AND d.finished_at > $3::timestamptz - interval '7 days' AND d.finished_at <= $3::timestamptz
          AND COALESCE(d.serving_at, d.called_at) IS NOT NULL),
     point AS (
       SELECT percentile_cont(ARRAY[0.25, 0.5, 0.75]) WITHIN GROUP (ORDER BY minutes) AS quartiles, count(*)::int AS n
         FROM recent WHERE nth_in_point <= $4)
     SELECT qs.id AS "queueServiceId",
            (SELECT count(*)::int FROM queue_tickets w WHERE w.queue_service_id = qs.id AND w.status IN ${IN_LINE}) AS waiting,
            (SELECT count(*)::int FROM queue_tickets w WHERE w.queue_service_id = qs.id AND w.status = 'remote') AS remote,
            own.quartiles AS own, COALESCE(own.n, 0) AS "ownCount", point.quartiles AS point, point.n AS "pointCount",
            (SELECT count(*)::int FROM queue_counters c
              WHERE c.contact_point_id = qs.contact_point_id AND c.active AND c.agent_account_id IS NOT NULL
                AND qs.id = ANY(c.queue_service_ids) AND (c.opened_at AT TIME ZONE 'Europe/Brussels')::date = $2::date) AS "countersOpen",
            (SELECT count(*)::int FROM queue_counters c
              WHERE c.contact_point_id = qs.contact_point_id AND c.active AND c.agent_account_id IS NOT NULL
                AND qs.id = ANY(c.queue_service_ids) AND (c.opened_at AT TIME ZONE 'Europe/Brussels')::date = $2::date
                AND EXISTS (SELECT 1 FROM queue_tickets b WHERE b.counter_id = c.id AND b.status IN ('called', 'serving'))) AS "countersBusy"
       FROM queue_services qs
       CROSS JOIN point
       LEFT JOIN LATERAL (
         SELECT percentile_cont(ARRAY[0.25, 0.5, 0.75]) WITHIN GROUP (ORDER BY r.minutes) AS quartiles, count(*)::int AS n
           FROM recent r WHERE r.queue_service_id = qs.id AND r.nth_in_queue <= $4) own ON true
      WHERE qs.contact_point_id = $1 AND qs.enabled`,
    [contactPointId, today, now, sample],
  );
  const times = (quartiles: number[] | null, count: number): ServiceTimes | null =>
    quartiles && count > 0 ? { count, q1: Number(quartiles[0]), median: Number(quartiles[1]), q3: Number(quartiles[2]) } : null;
  return rows.map((row) => ({
    queueServiceId: row.queueServiceId,
    waiting: row.waiting,
    remote: row.remote,
    countersOpen: row.countersOpen,
    countersBusy: row.countersBusy,
    serviceTimes: row.ownCount >= minimum ? times(row.own, row.ownCount) : times(row.point, row.pointCount),
  }));
}

/** Tickets of a point today for the board: the last calls. */
export async function recentCalls(
  db: Queryable,
  contactPointId: string,
  today: string,
  limit = 8,
): Promise<Array<TicketRecord & { counterName: string | null }>> {
  const { rows } = await db.query<TicketRecord & { counterName: string | null }>(
    `SELECT ${TICKET_COLUMNS}, c.name AS "counterName" FROM queue_tickets t LEFT JOIN queue_counters c ON c.id = t.counter_id
      WHERE t.contact_point_id = $1 AND t.day = $2::date AND t.called_at IS NOT NULL AND t.status IN ('called', 'serving', 'done')
      ORDER BY t.called_at DESC LIMIT $3`,
    [contactPointId, today, limit],
  );
  return rows;
}

/** Waiting tickets of a counter's services, in calling order (for the agent screen). */
export async function waitingForServices(db: Queryable, queueServiceIds: string[], now: Date, limit = 30): Promise<TicketRecord[]> {
  const { rows } = await db.query<TicketRecord>(
    `SELECT ${TICKET_COLUMNS} FROM queue_tickets t
      WHERE t.status = 'waiting' AND t.queue_service_id = ANY($1::uuid[])
      ORDER BY (t.target_counter_id IS NOT NULL) DESC, ${EFFECTIVE_RANK('t', '$2::timestamptz')} DESC, t.queued_at, t.id LIMIT $3`,
    [queueServiceIds, now, limit],
  );
  return rows;
}

// ---- SMS alerts (issue 19)

/** Leaves (or, with null, removes) the mobile number of a waiting ticket; false when it is no longer waiting. */
export async function setTicketPhone(db: Queryable, ticketId: string, phone: string | null): Promise<boolean> {
  const { rowCount } = await db.query(`UPDATE queue_tickets SET phone = $2, near_alert_sent_at = NULL WHERE id = $1 AND status IN ${IN_LINE}`, [
    ticketId,
    phone,
  ]);
  return rowCount > 0;
}

/** The people-left threshold of the "your turn is near" alert at a point (3 by default). */
export async function nearAlertPeople(db: Queryable, contactPointId: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>('SELECT near_alert_people AS n FROM queue_alert_settings WHERE contact_point_id = $1', [contactPointId]);
  return rows[0]?.n ?? 3;
}

/** Whether the point's board speaks calls aloud (off without a row; migration 0044). */
export async function spokenCalls(db: Queryable, contactPointId: string): Promise<boolean> {
  const { rows } = await db.query<{ spoken: boolean }>('SELECT spoken_calls AS spoken FROM queue_alert_settings WHERE contact_point_id = $1', [contactPointId]);
  return rows[0]?.spoken ?? false;
}

export async function saveSpokenCalls(db: Queryable, contactPointId: string, spoken: boolean): Promise<void> {
  await db.query(
    `INSERT INTO queue_alert_settings (contact_point_id, spoken_calls) VALUES ($1, $2)
     ON CONFLICT (contact_point_id) DO UPDATE SET spoken_calls = EXCLUDED.spoken_calls, updated_at = now()`,
    [contactPointId, spoken],
  );
}

export async function saveNearAlertPeople(db: Queryable, contactPointId: string, people: number): Promise<void> {
  await db.query(
    `INSERT INTO queue_alert_settings (contact_point_id, near_alert_people) VALUES ($1, $2)
     ON CONFLICT (contact_point_id) DO UPDATE SET near_alert_people = EXCLUDED.near_alert_people, updated_at = now()`,
    [contactPointId, people],
  );
}

/**
 * Waiting tickets of a point with a number and no "near" alert yet, whose people ahead are at most `people`:
 * each marked as alerted in the same statement (locked rows of a concurrent call are skipped: that call alerts them).
 */
export async function claimNearAlerts(db: Queryable, contactPointId: string, people: number, now: Date): Promise<TicketRecord[]> {
  const { rows } = await db.query<TicketRecord>(
    `WITH candidates AS (
       SELECT t.id FROM queue_tickets t
        WHERE t.contact_point_id = $1 AND t.status IN ${IN_LINE} AND t.phone IS NOT NULL AND t.near_alert_sent_at IS NULL
          AND (SELECT count(*) FROM queue_tickets o
                WHERE o.queue_service_id = t.queue_service_id AND o.status IN ${IN_LINE} AND o.id <> t.id
                  AND (${EFFECTIVE_RANK('o', '$3::timestamptz')} > ${EFFECTIVE_RANK('t', '$3::timestamptz')}
                       OR (${EFFECTIVE_RANK('o', '$3::timestamptz')} = ${EFFECTIVE_RANK('t', '$3::timestamptz')}
                           AND (o.queued_at, o.id) < (t.queued_at, t.id)))) <= $2
        FOR UPDATE OF t SKIP LOCKED)
     UPDATE queue_tickets t SET near_alert_sent_at = $3 FROM candidates c WHERE t.id = c.id
     RETURNING ${TICKET_COLUMNS}`,
    [contactPointId, people, now],
  );
  return rows;
}

/** Forgets the number of tickets that ended (the alerts are done). */
export async function erasePhoneOfEnded(db: Queryable, ticketId: string): Promise<void> {
  await db.query(`UPDATE queue_tickets SET phone = NULL, email = NULL WHERE id = $1 AND status IN ('done', 'no_show', 'transferred', 'released')`, [ticketId]);
}

/**
 * The tickets of checked-in appointments (a signed-in citizen's space, decision 0054): the first ticket of each
 * visit (its id is the visit's, as in feedback invitations), with the status of the last one after transfers.
 */
export async function listTicketsOfAppointments(
  db: Queryable,
  appointmentIds: string[],
): Promise<Array<{ id: string; appointmentId: string; label: string; day: string; status: string; pointName: LocalizedText; issuedAt: Date }>> {
  const { rows } = await db.query<{ id: string; appointmentId: string; label: string; day: string; status: string; pointName: LocalizedText; issuedAt: Date }>(
    `SELECT t.id, t.appointment_id AS "appointmentId", t.prefix || t.number AS label, t.day::text AS day,
            coalesce((SELECT l.status FROM queue_tickets l WHERE l.transferred_from = t.id ORDER BY l.issued_at DESC LIMIT 1), t.status) AS status,
            cp.name AS "pointName", t.issued_at AS "issuedAt"
       FROM queue_tickets t JOIN contact_points cp ON cp.id = t.contact_point_id
      WHERE t.appointment_id = ANY($1::uuid[]) AND t.transferred_from IS NULL
      ORDER BY t.issued_at DESC`,
    [appointmentIds],
  );
  return rows;
}
