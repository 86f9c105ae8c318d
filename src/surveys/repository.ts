// Every SQL statement of the surveys module: surveys and their questions, the bank and templates,
// invitations after contacts, anonymous responses, result counts, the public-link throttle.
import type { Queryable } from '../platform/db/database.ts';
import type { LocalizedText } from '../platform/i18n/languages.ts';
import type { AnswerItem, Item, QuestionFields, QuestionKind, ScaleLabels, SurveyQuestion, SurveyRecord, SurveyStatus } from './model.ts';
import type { AnswerCount, OrganisationCount, RespondentCount } from './results.ts';

const SURVEY_COLUMNS = `s.id, s.slug, s.organisation_id AS "organisationId", o.code AS "organisationCode", o.name AS "organisationName",
  s.title, s.intro, s.status, s.opens_at AS "opensAt", s.closes_at AS "closesAt", s.link_enabled AS "linkEnabled",
  s.sampling_rate AS "samplingRate", s.channels, s.template_code AS "templateCode", s.version,
  s.created_at AS "createdAt", s.updated_at AS "updatedAt",
  (SELECT count(*)::int FROM survey_responses r WHERE r.survey_id = s.id) AS responses`;
const SURVEY_FROM = 'surveys s LEFT JOIN organisations o ON o.id = s.organisation_id';

const QUESTION_COLUMNS = `id, position, kind, required, text, help, options, rows, scale_min AS "scaleMin", scale_max AS "scaleMax",
  scale_labels AS "scaleLabels", bank_code AS "bankCode"`;

export interface BankQuestion extends QuestionFields {
  code: string;
  category: string;
}

export interface Template {
  code: string;
  title: LocalizedText;
  description: LocalizedText;
  questionCodes: string[];
}

/** Surveys visible in a list: one organisation's and/or the regional ones (organisationIds null = all). */
export async function listSurveys(db: Queryable, scope: { organisationId: string | null; regional: boolean; all: boolean }): Promise<SurveyRecord[]> {
  const { rows } = await db.query<SurveyRecord>(
    `SELECT ${SURVEY_COLUMNS} FROM ${SURVEY_FROM}
      WHERE $3::boolean OR s.organisation_id = $1 OR ($2::boolean AND s.organisation_id IS NULL)
      ORDER BY s.created_at DESC LIMIT 500`,
    [scope.organisationId, scope.regional, scope.all],
  );
  return rows;
}

export async function findSurvey(db: Queryable, id: string): Promise<SurveyRecord | undefined> {
  const { rows } = await db.query<SurveyRecord>(`SELECT ${SURVEY_COLUMNS} FROM ${SURVEY_FROM} WHERE s.id = $1`, [id]);
  return rows[0];
}

export async function findSurveyBySlug(db: Queryable, slug: string): Promise<SurveyRecord | undefined> {
  const { rows } = await db.query<SurveyRecord>(`SELECT ${SURVEY_COLUMNS} FROM ${SURVEY_FROM} WHERE s.slug = $1`, [slug]);
  return rows[0];
}

export async function insertSurvey(
  db: Queryable,
  input: { slug: string; organisationId: string | null; title: LocalizedText; intro: LocalizedText; templateCode: string | null; createdBy: string },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO surveys (slug, organisation_id, title, intro, template_code, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [input.slug, input.organisationId, JSON.stringify(input.title), JSON.stringify(input.intro), input.templateCode, input.createdBy],
  );
  return rows[0]!.id;
}

/** Bumps the version if it is still the expected one: false means someone else changed the survey first. */
export async function bumpVersion(db: Queryable, id: string, version: number): Promise<boolean> {
  const { rows } = await db.query(`UPDATE surveys SET version = version + 1, updated_at = now() WHERE id = $1 AND version = $2 RETURNING id`, [id, version]);
  return rows.length === 1;
}

export async function updateSettings(
  db: Queryable,
  id: string,
  settings: {
    title: LocalizedText;
    intro: LocalizedText;
    opensAt: Date | null;
    closesAt: Date | null;
    linkEnabled: boolean;
    samplingRate: number;
    channels: string[];
  },
): Promise<void> {
  await db.query(
    `UPDATE surveys SET title = $2, intro = $3, opens_at = $4, closes_at = $5, link_enabled = $6, sampling_rate = $7, channels = $8 WHERE id = $1`,
    [
      id,
      JSON.stringify(settings.title),
      JSON.stringify(settings.intro),
      settings.opensAt,
      settings.closesAt,
      settings.linkEnabled,
      settings.samplingRate,
      settings.channels,
    ],
  );
}

export async function setStatus(db: Queryable, id: string, status: SurveyStatus): Promise<void> {
  await db.query(`UPDATE surveys SET status = $2 WHERE id = $1`, [id, status]);
}

export async function deleteSurvey(db: Queryable, id: string): Promise<void> {
  await db.query(`DELETE FROM surveys WHERE id = $1`, [id]);
}

// ---- questions

export async function listQuestions(db: Queryable, surveyId: string): Promise<SurveyQuestion[]> {
  const { rows } = await db.query<SurveyQuestion>(`SELECT ${QUESTION_COLUMNS} FROM survey_questions WHERE survey_id = $1 ORDER BY position, id`, [surveyId]);
  return rows;
}

/** A question's fields as parameters: kind, required, text, help, options, rows, scale min, max and labels. */
function questionValues(question: QuestionFields): unknown[] {
  return [
    question.kind,
    question.required,
    JSON.stringify(question.text),
    JSON.stringify(question.help),
    JSON.stringify(question.options),
    JSON.stringify(question.rows),
    question.scaleMin,
    question.scaleMax,
    JSON.stringify(question.scaleLabels),
  ];
}

export async function insertQuestion(db: Queryable, surveyId: string, question: QuestionFields & { bankCode?: string | null }): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO survey_questions (survey_id, position, kind, required, text, help, options, rows, scale_min, scale_max, scale_labels, bank_code)
     VALUES ($1, (SELECT coalesce(max(position), 0) + 1 FROM survey_questions WHERE survey_id = $1), $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
     RETURNING id`,
    [surveyId, ...questionValues(question), question.bankCode ?? null],
  );
  return rows[0]!.id;
}

export async function updateQuestion(db: Queryable, id: string, question: QuestionFields): Promise<void> {
  await db.query(
    `UPDATE survey_questions SET kind = $2, required = $3, text = $4, help = $5, options = $6, rows = $7, scale_min = $8, scale_max = $9, scale_labels = $10
      WHERE id = $1`,
    [id, ...questionValues(question)],
  );
}

export async function deleteQuestion(db: Queryable, id: string): Promise<void> {
  await db.query(`DELETE FROM survey_questions WHERE id = $1`, [id]);
}

/** Writes the positions 1..n in the given order. */
export async function setPositions(db: Queryable, surveyId: string, orderedIds: string[]): Promise<void> {
  await db.query(
    `UPDATE survey_questions q SET position = o.ordinality FROM unnest($2::uuid[]) WITH ORDINALITY AS o(id, ordinality)
      WHERE q.id = o.id AND q.survey_id = $1`,
    [surveyId, orderedIds],
  );
}

// ---- bank and templates

const BANK_COLUMNS = `code, category, kind, required, text, help, options, rows, scale_min AS "scaleMin", scale_max AS "scaleMax", scale_labels AS "scaleLabels"`;

export async function listBank(db: Queryable): Promise<BankQuestion[]> {
  const { rows } = await db.query<BankQuestion>(`SELECT ${BANK_COLUMNS} FROM survey_bank_questions ORDER BY position, code`);
  return rows;
}

export async function findBankQuestions(db: Queryable, codes: string[]): Promise<BankQuestion[]> {
  const { rows } = await db.query<BankQuestion>(`SELECT ${BANK_COLUMNS} FROM survey_bank_questions WHERE code = ANY($1::text[])`, [codes]);
  return codes.map((code) => rows.find((row) => row.code === code)).filter((row): row is BankQuestion => !!row);
}

export async function listTemplates(db: Queryable): Promise<Template[]> {
  const { rows } = await db.query<Template>(`SELECT code, title, description, question_codes AS "questionCodes" FROM survey_templates ORDER BY position, code`);
  return rows;
}

// ---- invitations after contacts

/** Open surveys sampling the contacts of an organisation (its own and the regional ones) on a channel. */
export async function samplingSurveys(
  db: Queryable,
  organisationId: string,
  channel: string,
): Promise<Array<{ id: string; slug: string; samplingRate: number; closesAt: Date | null }>> {
  const { rows } = await db.query<{ id: string; slug: string; samplingRate: number; closesAt: Date | null }>(
    `SELECT id, slug, sampling_rate AS "samplingRate", closes_at AS "closesAt" FROM surveys
      WHERE status = 'open' AND sampling_rate > 0 AND (organisation_id = $1 OR organisation_id IS NULL)
        AND (opens_at IS NULL OR opens_at <= now()) AND (closes_at IS NULL OR closes_at > now())
        AND (cardinality(channels) = 0 OR $2 = ANY(channels))
      ORDER BY organisation_id NULLS LAST, created_at`,
    [organisationId, channel],
  );
  return rows;
}

export async function insertInvitation(
  db: Queryable,
  input: {
    surveyId: string;
    tokenHash: string;
    organisationId: string;
    channel: string;
    language: string;
    sourceKind: string;
    sourceId: string;
    expiresAt: Date;
  },
): Promise<boolean> {
  const { rows } = await db.query(
    `INSERT INTO survey_invitations (survey_id, token_hash, organisation_id, channel, language, source_kind, source_id, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (survey_id, source_kind, source_id) DO NOTHING RETURNING id`,
    [input.surveyId, input.tokenHash, input.organisationId, input.channel, input.language, input.sourceKind, input.sourceId, input.expiresAt],
  );
  return rows.length === 1;
}

export interface InvitationRecord {
  id: string;
  surveyId: string;
  organisationId: string;
  channel: string;
  language: string;
  expiresAt: Date;
  answeredAt: Date | null;
}

const INVITATION_COLUMNS = `id, survey_id AS "surveyId", organisation_id AS "organisationId", channel, language, expires_at AS "expiresAt", answered_at AS "answeredAt"`;

export async function findInvitation(db: Queryable, tokenHash: string): Promise<InvitationRecord | undefined> {
  const { rows } = await db.query<InvitationRecord>(`SELECT ${INVITATION_COLUMNS} FROM survey_invitations WHERE token_hash = $1`, [tokenHash]);
  return rows[0];
}

/** Marks the invitation answered if it still can be; a concurrent second caller waits on the row lock and gets nothing. */
export async function claimInvitation(db: Queryable, tokenHash: string): Promise<InvitationRecord | undefined> {
  const { rows } = await db.query<InvitationRecord>(
    `UPDATE survey_invitations SET answered_at = now() WHERE token_hash = $1 AND answered_at IS NULL AND expires_at > now() RETURNING ${INVITATION_COLUMNS}`,
    [tokenHash],
  );
  return rows[0];
}

// ---- responses

export async function insertResponse(
  db: Queryable,
  input: { surveyId: string; invitationId: string | null; organisationId: string | null; channel: string | null; language: string; items: AnswerItem[] },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO survey_responses (survey_id, invitation_id, via, organisation_id, channel, language) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [input.surveyId, input.invitationId, input.invitationId ? 'invitation' : 'link', input.organisationId, input.channel, input.language],
  );
  const id = rows[0]!.id;
  if (input.items.length) {
    await db.query(
      `INSERT INTO survey_answers (response_id, question_id, row_key, choice, number, text)
       SELECT $1, i."questionId", i."rowKey", i.choice, i.number, i.text
         FROM jsonb_to_recordset($2::jsonb) AS i("questionId" uuid, "rowKey" text, choice text, number smallint, text text)`,
      [id, JSON.stringify(input.items)],
    );
  }
  return id;
}

/** Which responses count: the survey's, in a period (half-open, on the (survey_id, submitted_at) index), by source and organisation. */
export interface ResponseFilter {
  start: Date | null;
  end: Date | null;
  source: string | null;
  organisationId: string | null;
}

export const ALL_RESPONSES: ResponseFilter = { start: null, end: null, source: null, organisationId: null };

/**
 * The WHERE clause of a filter on the responses (`r`, by submission) or on the invitations sent (`i`, by
 * sending: a link has none), with its parameters ($1 is the survey).
 */
function filterWhere(alias: 'r' | 'i', surveyId: string, filter: ResponseFilter): { where: string; params: unknown[] } {
  const params: unknown[] = [surveyId];
  const parts = [`${alias}.survey_id = $1`];
  const add = (condition: (param: string) => string, value: unknown) => {
    params.push(value);
    parts.push(condition(`$${params.length}`));
  };
  const time = alias === 'r' ? 'r.submitted_at' : 'i.created_at';
  if (filter.start) add((p) => `${time} >= ${p}`, filter.start);
  if (filter.end) add((p) => `${time} < ${p}`, filter.end);
  if (filter.source === 'link' || filter.source === 'invitation') {
    if (alias === 'r') add((p) => `r.via = ${p}`, filter.source);
    else if (filter.source === 'link') parts.push('false');
  } else if (filter.source) add((p) => `${alias}.channel = ${p}`, filter.source);
  if (filter.organisationId) add((p) => `${alias}.organisation_id = ${p}`, filter.organisationId);
  return { where: parts.join(' AND '), params };
}
const responsesWhere = (surveyId: string, filter: ResponseFilter) => filterWhere('r', surveyId, filter);
const invitationsWhere = (surveyId: string, filter: ResponseFilter) => filterWhere('i', surveyId, filter);

export async function answerCounts(db: Queryable, surveyId: string, filter: ResponseFilter = ALL_RESPONSES): Promise<AnswerCount[]> {
  const { where, params } = responsesWhere(surveyId, filter);
  const { rows } = await db.query<AnswerCount>(
    `SELECT a.question_id AS "questionId", a.row_key AS "rowKey", a.choice, a.number, count(*)::int AS count
       FROM survey_responses r JOIN survey_answers a ON a.response_id = r.id
      WHERE ${where} AND a.text IS NULL
      GROUP BY a.question_id, a.row_key, a.choice, a.number`,
    params,
  );
  return rows;
}

export async function respondentCounts(db: Queryable, surveyId: string, filter: ResponseFilter = ALL_RESPONSES): Promise<RespondentCount[]> {
  const { where, params } = responsesWhere(surveyId, filter);
  const { rows } = await db.query<RespondentCount>(
    `SELECT a.question_id AS "questionId", a.row_key AS "rowKey", count(DISTINCT a.response_id)::int AS count
       FROM survey_responses r JOIN survey_answers a ON a.response_id = r.id
      WHERE ${where}
      GROUP BY a.question_id, a.row_key`,
    params,
  );
  return rows;
}

export async function responseSummary(
  db: Queryable,
  surveyId: string,
  filter: ResponseFilter = ALL_RESPONSES,
): Promise<{ total: number; viaLink: number; viaInvitation: number; invitations: number }> {
  const responses = responsesWhere(surveyId, filter);
  const invitations = invitationsWhere(surveyId, filter);
  const [counts, sent] = await Promise.all([
    db.query<{ total: number; viaLink: number; viaInvitation: number }>(
      `SELECT count(*)::int AS total, (count(*) FILTER (WHERE r.via = 'link'))::int AS "viaLink", (count(*) FILTER (WHERE r.via = 'invitation'))::int AS "viaInvitation"
         FROM survey_responses r WHERE ${responses.where}`,
      responses.params,
    ),
    db.query<{ invitations: number }>(`SELECT count(*)::int AS invitations FROM survey_invitations i WHERE ${invitations.where}`, invitations.params),
  ]);
  return { ...counts.rows[0]!, invitations: sent.rows[0]!.invitations };
}

/** Responses after a contact per organisation of the contact (regional surveys), by code. */
export async function organisationCounts(db: Queryable, surveyId: string, filter: ResponseFilter): Promise<OrganisationCount[]> {
  const { where, params } = responsesWhere(surveyId, filter);
  const { rows } = await db.query<OrganisationCount>(
    `SELECT o.id AS "organisationId", o.code, o.name, c.responses
       FROM (SELECT r.organisation_id, count(*)::int AS responses FROM survey_responses r
              WHERE ${where} AND r.organisation_id IS NOT NULL GROUP BY r.organisation_id) c
       JOIN organisations o ON o.id = c.organisation_id
      ORDER BY o.code`,
    params,
  );
  return rows;
}

/** An organisation by its code or its id. */
export async function findOrganisation(db: Queryable, codeOrId: string, byId: boolean): Promise<{ id: string; code: string; name: LocalizedText } | undefined> {
  const { rows } = await db.query<{ id: string; code: string; name: LocalizedText }>(
    `SELECT id, code, name FROM organisations WHERE ${byId ? 'id = $1::uuid' : 'code = $1'}`,
    [codeOrId],
  );
  return rows[0];
}

/** The anonymised raw answers, one line per (response, item), oldest first; the day only, never the time. */
export async function rawAnswers(
  db: Queryable,
  surveyId: string,
): Promise<
  Array<{
    responseId: string;
    day: string;
    language: string;
    via: string;
    channel: string | null;
    questionId: string;
    rowKey: string;
    choice: string | null;
    number: number | null;
    text: string | null;
    organisationId: string | null;
  }>
> {
  const { rows } = await db.query<{
    responseId: string;
    organisationId: string | null;
    day: string;
    language: string;
    via: string;
    channel: string | null;
    questionId: string;
    rowKey: string;
    choice: string | null;
    number: number | null;
    text: string | null;
  }>(
    `SELECT r.id AS "responseId", to_char(r.submitted_at AT TIME ZONE 'Europe/Brussels', 'YYYY-MM-DD') AS day, r.language, r.via, r.channel,
            a.question_id AS "questionId", a.row_key AS "rowKey", a.choice, a.number, a.text, r.organisation_id AS "organisationId"
       FROM survey_responses r LEFT JOIN survey_answers a ON a.response_id = r.id
      WHERE r.survey_id = $1
      ORDER BY r.submitted_at, r.id`,
    [surveyId],
  );
  return rows;
}

/** The latest free texts of a question among the filtered responses, with the organisation each response came through. */
export async function latestTexts(
  db: Queryable,
  surveyId: string,
  questionId: string,
  limit: number,
  filter: ResponseFilter = ALL_RESPONSES,
): Promise<Array<{ text: string; organisationId: string | null }>> {
  const { where, params } = responsesWhere(surveyId, filter);
  const { rows } = await db.query<{ text: string; organisationId: string | null }>(
    `SELECT a.text, r.organisation_id AS "organisationId" FROM survey_responses r JOIN survey_answers a ON a.response_id = r.id
      WHERE ${where} AND a.question_id = $${params.length + 1} AND a.text IS NOT NULL ORDER BY r.submitted_at DESC LIMIT $${params.length + 2}`,
    [...params, questionId, limit],
  );
  return rows;
}

// ---- throttle of the public link

export async function countLinkHit(db: Queryable, surveyId: string, addressHash: string, windowSeconds: number): Promise<number> {
  const { rows } = await db.query<{ hits: number }>(
    `INSERT INTO survey_link_throttle (survey_id, address_hash, window_start)
     VALUES ($1, $2, to_timestamp(floor(extract(epoch FROM now()) / $3) * $3))
     ON CONFLICT (survey_id, address_hash, window_start) DO UPDATE SET hits = survey_link_throttle.hits + 1
     RETURNING hits`,
    [surveyId, addressHash, windowSeconds],
  );
  return Number(rows[0]!.hits);
}

export async function purgeLinkThrottle(db: Queryable, surveyId: string): Promise<void> {
  await db.query(`DELETE FROM survey_link_throttle WHERE survey_id = $1 AND window_start < now() - interval '1 day'`, [surveyId]);
}

export type { Item, QuestionKind, ScaleLabels };

/** The free texts answered to surveys after these requests or visits, for a data subject request (issue 18). */
/** The survey invitations that came from these requests, appointments or visits (a citizen's space, decision 0054). */
export async function invitationsOfSources(
  q: Queryable,
  sourceIds: string[],
): Promise<
  Array<{ sourceId: string; title: LocalizedText; organisationName: Record<string, string> | null; createdAt: Date; expiresAt: Date; answeredAt: Date | null }>
> {
  const { rows } = await q.query<{
    sourceId: string;
    title: LocalizedText;
    organisationName: Record<string, string> | null;
    createdAt: Date;
    expiresAt: Date;
    answeredAt: Date | null;
  }>(
    `SELECT i.source_id AS "sourceId", s.title, o.name AS "organisationName", i.created_at AS "createdAt", i.expires_at AS "expiresAt",
            i.answered_at AS "answeredAt"
       FROM survey_invitations i JOIN surveys s ON s.id = i.survey_id LEFT JOIN organisations o ON o.id = i.organisation_id
      WHERE i.source_kind IN ('request', 'appointment', 'visit') AND i.source_id = ANY($1::text[])
      ORDER BY i.created_at DESC`,
    [sourceIds],
  );
  return rows;
}

export async function surveyTextsOfSources(q: Queryable, sourceIds: string[]): Promise<Array<{ submittedAt: Date; text: string }>> {
  const { rows } = await q.query<{ submittedAt: Date; text: string }>(
    `SELECT r.submitted_at AS "submittedAt", a.text FROM survey_answers a
       JOIN survey_responses r ON r.id = a.response_id JOIN survey_invitations i ON i.id = r.invitation_id
      WHERE i.source_id = ANY($1::text[]) AND a.text IS NOT NULL ORDER BY r.submitted_at`,
    [sourceIds],
  );
  return rows;
}

/** Erases those free texts; the answer rows stay, so that the counts per question do not change. */
export async function eraseSurveyTexts(q: Queryable, sourceIds: string[]): Promise<number> {
  const { rowCount } = await q.query(
    `UPDATE survey_answers SET text = '—'
      WHERE text IS NOT NULL AND response_id IN (SELECT r.id FROM survey_responses r JOIN survey_invitations i ON i.id = r.invitation_id
                                                  WHERE i.source_id = ANY($1::text[]))`,
    [sourceIds],
  );
  return rowCount;
}

/** Retention (decision 0048): an organisation's survey free texts older than the period are erased as above. */
export async function eraseSurveyTextsBefore(q: Queryable, organisationId: string, days: number): Promise<number> {
  const { rowCount } = await q.query(
    `UPDATE survey_answers SET text = '—'
      WHERE text IS NOT NULL AND text <> '—'
        AND response_id IN (SELECT id FROM survey_responses WHERE organisation_id = $1 AND submitted_at < now() - make_interval(days => $2))`,
    [organisationId, days],
  );
  return rowCount;
}
