// Every SQL statement of the satisfaction module: invitations, answers, the pre-aggregated sums, and the
// reads behind the dashboards, the barometer and open data (all of them on satisfaction_aggregates).
import type { Queryable } from '../platform/db/database.ts';
import type { LocalizedText } from '../platform/i18n/languages.ts';
import type { AggregateSums } from './indicators.ts';

export const CHANNELS = ['phone', 'email', 'web', 'counter', 'post', 'chat', 'video', 'other'] as const;
export type Channel = (typeof CHANNELS)[number];
export const SOURCE_KINDS = ['request', 'visit', 'appointment', 'link', 'demo'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];
export type NeedMet = 'yes' | 'partly' | 'no';

/** The month of a contact, in Brussels time. */
const MONTH_OF = (column: string) => `date_trunc('month', ${column} AT TIME ZONE 'Europe/Brussels')::date`;

export interface InvitationRecord {
  id: string;
  organisationId: string;
  organisationCode: string;
  organisationName: LocalizedText;
  serviceCode: string | null;
  serviceName: LocalizedText | null;
  channel: Channel;
  contactPointId: string | null;
  contactPointName: LocalizedText | null;
  contactAt: Date;
  language: 'fr' | 'nl' | 'en';
  expiresAt: Date;
  answeredAt: Date | null;
}

export async function upsertInvitation(
  db: Queryable,
  input: {
    tokenHash: string;
    organisationId: string;
    serviceCode: string | null;
    channel: Channel;
    contactPointId: string | null;
    contactAt: Date;
    language: string;
    sourceKind: SourceKind;
    sourceId: string;
    expiresAt: Date;
  },
): Promise<string> {
  // A contact is invited once; inviting it again gives it a new link (the old one stops working).
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO feedback_invitations (token_hash, organisation_id, service_code, channel, contact_point_id, contact_at,
                                       language, source_kind, source_id, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (source_kind, source_id) DO UPDATE SET token_hash = EXCLUDED.token_hash, expires_at = EXCLUDED.expires_at
     RETURNING id`,
    [
      input.tokenHash,
      input.organisationId,
      input.serviceCode,
      input.channel,
      input.contactPointId,
      input.contactAt,
      input.language,
      input.sourceKind,
      input.sourceId,
      input.expiresAt,
    ],
  );
  return rows[0]!.id;
}

export async function serviceExists(db: Queryable, code: string): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM services WHERE code = $1', [code]);
  return rows.length > 0;
}

export async function contactPointBelongsTo(db: Queryable, contactPointId: string, organisationId: string): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM contact_points WHERE id = $1 AND organisation_id = $2', [contactPointId, organisationId]);
  return rows.length > 0;
}

const INVITATION_COLUMNS = `
  i.id, i.organisation_id AS "organisationId", o.code AS "organisationCode", o.name AS "organisationName",
  i.service_code AS "serviceCode", s.name AS "serviceName", i.channel, i.contact_point_id AS "contactPointId",
  cp.name AS "contactPointName", i.contact_at AS "contactAt", i.language, i.expires_at AS "expiresAt",
  i.answered_at AS "answeredAt"`;
const INVITATION_FROM = `
  feedback_invitations i JOIN organisations o ON o.id = i.organisation_id
  LEFT JOIN services s ON s.code = i.service_code
  LEFT JOIN contact_points cp ON cp.id = i.contact_point_id`;

export async function findInvitation(db: Queryable, tokenHash: string): Promise<InvitationRecord | undefined> {
  const { rows } = await db.query<InvitationRecord>(`SELECT ${INVITATION_COLUMNS} FROM ${INVITATION_FROM} WHERE i.token_hash = $1`, [tokenHash]);
  return rows[0];
}

/**
 * Marks the invitation answered, if it still can be. Under concurrency the second caller waits for the
 * first one's row lock, then finds answered_at set and gets nothing: only one answer is ever stored.
 */
export async function claimInvitation(
  db: Queryable,
  tokenHash: string,
): Promise<
  | { id: string; organisationId: string; serviceCode: string | null; channel: Channel; contactPointId: string | null; contactAt: Date; language: string }
  | undefined
> {
  const { rows } = await db.query<{
    id: string;
    organisationId: string;
    serviceCode: string | null;
    channel: Channel;
    contactPointId: string | null;
    contactAt: Date;
    language: string;
  }>(
    `UPDATE feedback_invitations SET answered_at = now()
      WHERE token_hash = $1 AND answered_at IS NULL AND expires_at > now()
      RETURNING id, organisation_id AS "organisationId", service_code AS "serviceCode", channel,
                contact_point_id AS "contactPointId", contact_at AS "contactAt", language`,
    [tokenHash],
  );
  return rows[0];
}

export interface AnswerRow {
  invitationId: string;
  organisationId: string;
  serviceCode: string | null;
  channel: string;
  contactPointId: string | null;
  contactAt: Date;
  language: string;
  overall: number;
  clarity: number;
  effort: number;
  needMet: NeedMet;
  reached: boolean;
  channelsUsed: string[];
  recommend: number | null;
  comment: string | null;
}

export async function insertAnswer(db: Queryable, answer: AnswerRow): Promise<boolean> {
  const { rowCount } = await db.query(
    `INSERT INTO feedback_answers (invitation_id, organisation_id, service_code, channel, contact_point_id, contact_at, language,
                                   overall, clarity, effort, need_met, reached, channels_used, recommend, comment)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
     ON CONFLICT (invitation_id) DO NOTHING`,
    [
      answer.invitationId,
      answer.organisationId,
      answer.serviceCode,
      answer.channel,
      answer.contactPointId,
      answer.contactAt,
      answer.language,
      answer.overall,
      answer.clarity,
      answer.effort,
      answer.needMet,
      answer.reached,
      answer.channelsUsed,
      answer.recommend,
      answer.comment,
    ],
  );
  return rowCount === 1;
}

const SUM_COLUMNS = [
  'answers',
  'overall_sum',
  'overall_top2',
  'score_x2_sum',
  'clarity_sum',
  'clarity_top2',
  'effort_sum',
  'effort_easy',
  'need_yes',
  'need_partly',
  'reached',
  'autonomous',
  'nps_answers',
  'nps_promoters',
  'nps_detractors',
] as const;
const ADD_ON_CONFLICT = SUM_COLUMNS.map((c) => `${c} = a.${c} + EXCLUDED.${c}`).join(', ');
const sumParams = (s: AggregateSums) => [
  s.answers,
  s.overallSum,
  s.overallTop2,
  s.scoreX2Sum,
  s.claritySum,
  s.clarityTop2,
  s.effortSum,
  s.effortEasy,
  s.needYes,
  s.needPartly,
  s.reached,
  s.autonomous,
  s.npsAnswers,
  s.npsPromoters,
  s.npsDetractors,
];
const placeholders = (from: number) => SUM_COLUMNS.map((_, i) => `$${from + i}`).join(', ');

/**
 * Adds one answer's contribution to its cell and to its organisation × month (incremental refresh, in the
 * transaction that records the answer).
 */
export async function addToAggregate(
  db: Queryable,
  key: { organisationId: string; contactAt: Date; channel: string; serviceCode: string | null; contactPointId: string | null },
  s: AggregateSums,
): Promise<void> {
  await db.query(
    `INSERT INTO satisfaction_aggregates AS a (organisation_id, month, channel, service_code, contact_point, ${SUM_COLUMNS.join(', ')})
     VALUES ($1, ${MONTH_OF('$2::timestamptz')}, $3, coalesce($4, ''), coalesce($5, ''), ${placeholders(6)})
     ON CONFLICT (organisation_id, month, channel, service_code, contact_point) DO UPDATE SET ${ADD_ON_CONFLICT}`,
    [key.organisationId, key.contactAt, key.channel, key.serviceCode, key.contactPointId, ...sumParams(s)],
  );
  await db.query(
    `INSERT INTO satisfaction_monthly AS a (organisation_id, month, ${SUM_COLUMNS.join(', ')})
     VALUES ($1, ${MONTH_OF('$2::timestamptz')}, ${placeholders(3)})
     ON CONFLICT (organisation_id, month) DO UPDATE SET ${ADD_ON_CONFLICT}`,
    [key.organisationId, key.contactAt, ...sumParams(s)],
  );
}

/**
 * Recomputes the sums of some organisations (all when null) from the answers: after a bulk load (seed,
 * bench) or to repair. The incremental upserts above keep them current otherwise.
 */
export async function rebuildAggregates(db: Queryable, organisationIds: string[] | null): Promise<void> {
  await db.query(`DELETE FROM satisfaction_aggregates WHERE $1::uuid[] IS NULL OR organisation_id = ANY($1)`, [organisationIds]);
  await db.query(`DELETE FROM satisfaction_monthly WHERE $1::uuid[] IS NULL OR organisation_id = ANY($1)`, [organisationIds]);
  await db.query(
    `INSERT INTO satisfaction_aggregates (organisation_id, month, channel, service_code, contact_point, ${SUM_COLUMNS.join(', ')})
     SELECT organisation_id, ${MONTH_OF('contact_at')}, channel, coalesce(service_code, ''), coalesce(contact_point_id::text, ''),
            count(*), sum(overall), count(*) FILTER (WHERE overall >= 4), sum((overall - 1) * 5),
            sum(clarity), count(*) FILTER (WHERE clarity >= 4), sum(effort), count(*) FILTER (WHERE effort >= 4),
            count(*) FILTER (WHERE need_met = 'yes'), count(*) FILTER (WHERE need_met = 'partly'),
            count(*) FILTER (WHERE reached), count(*) FILTER (WHERE reached AND cardinality(channels_used) <= 1),
            count(recommend), count(*) FILTER (WHERE recommend >= 9), count(*) FILTER (WHERE recommend <= 6)
       FROM feedback_answers
      WHERE $1::uuid[] IS NULL OR organisation_id = ANY($1)
      GROUP BY 1, 2, 3, 4, 5`,
    [organisationIds],
  );
  await db.query(
    `INSERT INTO satisfaction_monthly (organisation_id, month, ${SUM_COLUMNS.join(', ')})
     SELECT organisation_id, month, ${SUM_COLUMNS.map((c) => `sum(${c})`).join(', ')}
       FROM satisfaction_aggregates
      WHERE $1::uuid[] IS NULL OR organisation_id = ANY($1)
      GROUP BY 1, 2`,
    [organisationIds],
  );
}

// ---- Reads for dashboards, barometer and open data

const SUMS = `
  sum(answers)::int AS "answers", sum(overall_sum)::int AS "overallSum", sum(overall_top2)::int AS "overallTop2",
  sum(score_x2_sum)::int AS "scoreX2Sum", sum(clarity_sum)::int AS "claritySum", sum(clarity_top2)::int AS "clarityTop2",
  sum(effort_sum)::int AS "effortSum", sum(effort_easy)::int AS "effortEasy", sum(need_yes)::int AS "needYes",
  sum(need_partly)::int AS "needPartly", sum(reached)::int AS "reached", sum(autonomous)::int AS "autonomous",
  sum(nps_answers)::int AS "npsAnswers", sum(nps_promoters)::int AS "npsPromoters", sum(nps_detractors)::int AS "npsDetractors"`;

export interface SliceFilter {
  /** First and last month included, as 'YYYY-MM-01'. */
  from: string;
  to: string;
  organisationId?: string | undefined;
  channel?: string | undefined;
  serviceCode?: string | undefined;
  contactPoint?: string | undefined;
  kind?: string | undefined;
}

/**
 * Monthly sums kept in two tables: `cells`, per organisation × month × channel × service × contact point, and
 * `monthly`, per organisation × month, which serves every read that does not slice by channel, service or
 * desk. `sums` is the select list of the sums over the rows `a`; `rankBy`, the column the breakdowns are
 * sorted by (most first); `counted`, a condition on the cells that count in the channel and service breakdowns.
 */
export interface Rollup {
  cells: string;
  monthly: string;
  sums: string;
  rankBy: string;
  counted?: string;
}

/** Satisfaction's breakdowns are sorted by column 4, "overallSum". */
const SATISFACTION: Rollup = { cells: 'satisfaction_aggregates', monthly: 'satisfaction_monthly', sums: SUMS, rankBy: '4' };

function rollupTable(rollup: Rollup, filter: SliceFilter): string {
  const sliced = filter.channel !== undefined || filter.serviceCode !== undefined || filter.contactPoint !== undefined;
  return sliced ? rollup.cells : rollup.monthly;
}

export function where(filter: SliceFilter): { sql: string; params: unknown[] } {
  const params: unknown[] = [filter.from, filter.to];
  const clauses = ['a.month BETWEEN $1::date AND $2::date'];
  const add = (clause: (n: number) => string, value: unknown) => {
    params.push(value);
    clauses.push(clause(params.length));
  };
  if (filter.organisationId) add((n) => `a.organisation_id = $${n}`, filter.organisationId);
  if (filter.channel) add((n) => `a.channel = $${n}`, filter.channel);
  if (filter.serviceCode !== undefined) add((n) => `a.service_code = $${n}`, filter.serviceCode);
  if (filter.contactPoint !== undefined) add((n) => `a.contact_point = $${n}`, filter.contactPoint);
  if (filter.kind) add((n) => `a.organisation_id IN (SELECT id FROM organisations WHERE kind = $${n})`, filter.kind);
  return { sql: clauses.join(' AND '), params };
}

export type Dimension = 'channel' | 'service' | 'contactPoint';

export interface OrganisationRef {
  id: string;
  code: string;
  kind: string;
  name: LocalizedText;
}

export type ContactPointRef = { organisationCode: string; organisationName: LocalizedText; contactPointId: string; name: LocalizedText | null };

// The reads of a rollup (satisfaction's here, the operations figures' in operations/repository.ts).

export async function rollupByMonth<S>(db: Queryable, rollup: Rollup, filter: SliceFilter): Promise<Array<S & { month: string }>> {
  const w = where(filter);
  const { rows } = await db.query<S & { month: string }>(
    `SELECT to_char(a.month, 'YYYY-MM') AS month, ${rollup.sums} FROM ${rollupTable(rollup, filter)} a WHERE ${w.sql} GROUP BY a.month ORDER BY a.month`,
    w.params,
  );
  return rows;
}

export async function rollupTotal<S>(db: Queryable, rollup: Rollup, filter: SliceFilter): Promise<S> {
  const w = where(filter);
  const { rows } = await db.query<S>(`SELECT ${rollup.sums} FROM ${rollupTable(rollup, filter)} a WHERE ${w.sql}`, w.params);
  return rows[0]!;
}

export async function rollupByDimension<S>(
  db: Queryable,
  rollup: Rollup,
  filter: SliceFilter,
  dimension: Dimension,
): Promise<Array<S & { key: string; name: LocalizedText | null }>> {
  const w = where(filter);
  const counted = rollup.counted ? ` AND ${rollup.counted}` : '';
  const select =
    dimension === 'channel'
      ? `SELECT a.channel AS key, NULL::jsonb AS name, ${rollup.sums} FROM ${rollup.cells} a WHERE ${w.sql}${counted} GROUP BY a.channel`
      : dimension === 'service'
        ? `SELECT a.service_code AS key, min(s.name::text)::jsonb AS name, ${rollup.sums}
             FROM ${rollup.cells} a LEFT JOIN services s ON s.code = a.service_code
            WHERE ${w.sql}${counted} GROUP BY a.service_code`
        : `SELECT a.contact_point AS key, min(cp.name::text)::jsonb AS name, ${rollup.sums}
             FROM ${rollup.cells} a LEFT JOIN contact_points cp ON cp.id::text = a.contact_point
            WHERE ${w.sql} GROUP BY a.contact_point`;
  const { rows } = await db.query<S & { key: string; name: LocalizedText | null }>(`${select} ORDER BY ${rollup.rankBy} DESC, 1`, w.params);
  return rows;
}

export async function rollupByOrganisation<S>(db: Queryable, rollup: Rollup, filter: SliceFilter): Promise<Array<S & OrganisationRef>> {
  const w = where(filter);
  const { rows } = await db.query<S & OrganisationRef>(
    `SELECT o.id, o.code, o.kind, o.name, t.*
       FROM (SELECT a.organisation_id, ${rollup.sums} FROM ${rollupTable(rollup, filter)} a WHERE ${w.sql} GROUP BY a.organisation_id) t
       JOIN organisations o ON o.id = t.organisation_id
      ORDER BY o.code`,
    w.params,
  );
  return rows;
}

export async function rollupByOrganisationAndMonth<S>(
  db: Queryable,
  rollup: Rollup,
  filter: SliceFilter,
): Promise<Array<S & OrganisationRef & { month: string }>> {
  const w = where(filter);
  const { rows } = await db.query<S & OrganisationRef & { month: string }>(
    `SELECT o.id, o.code, o.kind, o.name, t.*
       FROM (SELECT a.organisation_id, to_char(a.month, 'YYYY-MM') AS month, ${rollup.sums}
               FROM ${rollupTable(rollup, filter)} a WHERE ${w.sql} GROUP BY a.organisation_id, a.month) t
       JOIN organisations o ON o.id = t.organisation_id
      ORDER BY o.code, t.month`,
    w.params,
  );
  return rows;
}

/** Per organisation × contact point (the public barometer): only cells that carry a contact point. */
export async function rollupByContactPoint<S>(db: Queryable, rollup: Rollup, filter: SliceFilter): Promise<Array<S & ContactPointRef>> {
  const w = where(filter);
  const { rows } = await db.query<S & ContactPointRef>(
    `SELECT o.code AS "organisationCode", o.name AS "organisationName", t.contact_point AS "contactPointId", cp.name, t.*
       FROM (SELECT a.organisation_id, a.contact_point, ${rollup.sums} FROM ${rollup.cells} a
              WHERE ${w.sql} AND a.contact_point <> '' GROUP BY a.organisation_id, a.contact_point) t
       JOIN organisations o ON o.id = t.organisation_id
       LEFT JOIN contact_points cp ON cp.id::text = t.contact_point
      ORDER BY o.code, t.contact_point`,
    w.params,
  );
  return rows;
}

export const sumsByMonth = (db: Queryable, filter: SliceFilter) => rollupByMonth<AggregateSums>(db, SATISFACTION, filter);

export async function sumsTotal(db: Queryable, filter: SliceFilter): Promise<AggregateSums> {
  const row = await rollupTotal<AggregateSums>(db, SATISFACTION, filter);
  for (const key of Object.keys(row) as Array<keyof AggregateSums>) row[key] = row[key] ?? 0;
  return row;
}

export const sumsByDimension = (db: Queryable, filter: SliceFilter, dimension: Dimension) =>
  rollupByDimension<AggregateSums>(db, SATISFACTION, filter, dimension);
export const sumsByOrganisation = (db: Queryable, filter: SliceFilter) => rollupByOrganisation<AggregateSums>(db, SATISFACTION, filter);
export const sumsByOrganisationAndMonth = (db: Queryable, filter: SliceFilter) => rollupByOrganisationAndMonth<AggregateSums>(db, SATISFACTION, filter);
export const sumsByContactPoint = (db: Queryable, filter: SliceFilter) => rollupByContactPoint<AggregateSums>(db, SATISFACTION, filter);

export async function findOrganisationByCode(db: Queryable, code: string): Promise<OrganisationRef | undefined> {
  const { rows } = await db.query<OrganisationRef>('SELECT id, code, kind, name FROM organisations WHERE code = $1', [code]);
  return rows[0];
}

export async function findOrganisationById(db: Queryable, id: string): Promise<OrganisationRef | undefined> {
  const { rows } = await db.query<OrganisationRef>('SELECT id, code, kind, name FROM organisations WHERE id = $1', [id]);
  return rows[0];
}

/** The latest comments of an organisation (already scrubbed when stored). */
export async function latestComments(db: Queryable, organisationId: string, from: string, to: string, limit: number) {
  const { rows } = await db.query<{ contactAt: Date; channel: string; serviceCode: string | null; overall: number; comment: string; language: string }>(
    `SELECT contact_at AS "contactAt", channel, service_code AS "serviceCode", overall, comment, language
       FROM feedback_answers
      WHERE organisation_id = $1 AND comment IS NOT NULL
        AND contact_at >= $2::date AND contact_at < ($3::date + interval '1 month')
      ORDER BY contact_at DESC LIMIT $4`,
    [organisationId, from, to, limit],
  );
  return rows;
}

/**
 * Per organisation × service × quarter (or month), for the Single Digital Gateway feedback statistics: only
 * answers tied to a service (a procedure or information page of the catalogue).
 */
export async function sumsByServiceAndPeriod(
  db: Queryable,
  filter: SliceFilter,
  granularity: 'quarter' | 'month',
): Promise<Array<AggregateSums & OrganisationRef & { serviceCode: string; serviceName: LocalizedText | null; period: string }>> {
  const w = where(filter);
  const period = granularity === 'quarter' ? `to_char(a.month, 'YYYY') || '-Q' || to_char(a.month, 'Q')` : `to_char(a.month, 'YYYY-MM')`;
  const { rows } = await db.query<AggregateSums & OrganisationRef & { serviceCode: string; serviceName: LocalizedText | null; period: string }>(
    `SELECT o.id, o.code, o.kind, o.name, s.name AS "serviceName", t.*
       FROM (SELECT a.organisation_id, a.service_code AS "serviceCode", ${period} AS period, ${SUMS}
               FROM satisfaction_aggregates a WHERE ${w.sql} AND a.service_code <> ''
              GROUP BY a.organisation_id, a.service_code, 3) t
       JOIN organisations o ON o.id = t.organisation_id
       LEFT JOIN services s ON s.code = t."serviceCode"
      ORDER BY o.code, t."serviceCode", t.period`,
    w.params,
  );
  return rows;
}

/** The satisfaction answers given after these requests or appointments, for a data subject request (issue 18). */
/** The questionnaire invitations that came from these requests, appointments or visits (a citizen's space, decision 0054). */
export async function invitationsOfSources(
  q: Queryable,
  sourceIds: string[],
): Promise<Array<{ sourceId: string; organisationName: Record<string, string>; contactAt: Date; expiresAt: Date; answeredAt: Date | null }>> {
  const { rows } = await q.query<{ sourceId: string; organisationName: Record<string, string>; contactAt: Date; expiresAt: Date; answeredAt: Date | null }>(
    `SELECT i.source_id AS "sourceId", o.name AS "organisationName", i.contact_at AS "contactAt", i.expires_at AS "expiresAt", i.answered_at AS "answeredAt"
       FROM feedback_invitations i JOIN organisations o ON o.id = i.organisation_id
      WHERE i.source_kind IN ('request', 'appointment', 'visit') AND i.source_id = ANY($1::text[])
      ORDER BY i.contact_at DESC`,
    [sourceIds],
  );
  return rows;
}

export async function feedbackOfSources(q: Queryable, sourceIds: string[]): Promise<Array<{ answeredAt: Date; overall: number; comment: string | null }>> {
  const { rows } = await q.query<{ answeredAt: Date; overall: number; comment: string | null }>(
    `SELECT a.answered_at AS "answeredAt", a.overall, a.comment FROM feedback_answers a JOIN feedback_invitations i ON i.id = a.invitation_id
      WHERE i.source_id = ANY($1::text[]) ORDER BY a.answered_at`,
    [sourceIds],
  );
  return rows;
}

/** Erases the comments of these answers; the ratings, counted by the aggregates, stay. */
export async function eraseFeedbackComments(q: Queryable, sourceIds: string[]): Promise<number> {
  const { rowCount } = await q.query(
    `UPDATE feedback_answers SET comment = '—'
      WHERE comment IS NOT NULL AND invitation_id IN (SELECT id FROM feedback_invitations WHERE source_id = ANY($1::text[]))`,
    [sourceIds],
  );
  return rowCount;
}

/** Retention (decision 0048): an organisation's comments older than the period are erased as above. */
export async function eraseFeedbackCommentsBefore(q: Queryable, organisationId: string, days: number): Promise<number> {
  const { rowCount } = await q.query(
    `UPDATE feedback_answers SET comment = '—' WHERE organisation_id = $1 AND comment IS NOT NULL AND comment <> '—' AND answered_at < now() - make_interval(days => $2)`,
    [organisationId, days],
  );
  return rowCount;
}
