// SQL of the contact-center settings edited in the back office: inbound mailboxes (cc_mailboxes), SLA
// targets (cc_sla_targets) and the SLA business calendar (cc_business_calendars). Every statement is scoped
// to one organisation; changes check the version read (optimistic locking).
import type { Queryable } from '../../platform/db/database.ts';
import type { LocalizedText } from '../../platform/i18n/languages.ts';
import type { HolidayCalendarId } from '../../platform/calendar/holidays.ts';
import type { ContactChannel } from '../model.ts';

export interface MailboxRow {
  id: string;
  address: string;
  organisationId: string;
  unitId: string | null;
  unitName: LocalizedText | null;
  active: boolean;
  version: number;
  updatedAt: Date;
  /** When the address was proven (decision 0026); null while it waits for confirmation. */
  verifiedAt: Date | null;
  verifiedBy: 'confirmation' | 'administrator' | 'existing' | null;
  /** When the last confirmation mail was sent. */
  confirmationSentAt: Date | null;
}

export interface MailboxFields {
  address: string;
  unitId: string | null;
  active: boolean;
}

/** The mailboxes with their unit's name; the caller adds the WHERE clause. */
const MAILBOX_SELECT = `SELECT m.id, m.address, m.organisation_id AS "organisationId", m.unit_id AS "unitId", u.name AS "unitName",
  m.active, m.version, m.updated_at AS "updatedAt", m.verified_at AS "verifiedAt", m.verified_by AS "verifiedBy",
  m.confirmation_sent_at AS "confirmationSentAt"
  FROM cc_mailboxes m LEFT JOIN units u ON u.id = m.unit_id`;

export async function listMailboxes(q: Queryable, organisationId: string): Promise<MailboxRow[]> {
  const { rows } = await q.query<MailboxRow>(`${MAILBOX_SELECT} WHERE m.organisation_id = $1 ORDER BY m.address`, [organisationId]);
  return rows;
}

export async function findMailbox(q: Queryable, organisationId: string, id: string): Promise<MailboxRow | undefined> {
  const { rows } = await q.query<MailboxRow>(`${MAILBOX_SELECT} WHERE m.organisation_id = $1 AND m.id = $2`, [organisationId, id]);
  return rows[0];
}

/** The new mailbox's id, or null when the address is taken (by any organisation). It waits for confirmation. */
export async function insertMailbox(q: Queryable, organisationId: string, fields: MailboxFields, confirmationTokenHash: string): Promise<string | null> {
  const { rows } = await q.query<{ id: string }>(
    `INSERT INTO cc_mailboxes (address, organisation_id, unit_id, active, confirmation_token_hash, confirmation_sent_at) VALUES ($1, $2, $3, $4, $5, now())
     ON CONFLICT (address) DO NOTHING RETURNING id`,
    [fields.address, organisationId, fields.unitId, fields.active, confirmationTokenHash],
  );
  return rows[0]?.id ?? null;
}

/**
 * The new version, or null when the row is gone or was changed since `version`. With a confirmation token
 * (a new address), the mailbox waits for confirmation again.
 */
export async function updateMailbox(
  q: Queryable,
  organisationId: string,
  id: string,
  version: number,
  fields: MailboxFields,
  confirmationTokenHash: string | null,
): Promise<number | null> {
  const { rows } = await q.query<{ version: number }>(
    `UPDATE cc_mailboxes SET address = $4, unit_id = $5, active = $6, version = version + 1, updated_at = now(),
            verified_at = CASE WHEN $7::text IS NULL THEN verified_at END,
            verified_by = CASE WHEN $7::text IS NULL THEN verified_by END,
            confirmation_token_hash = coalesce($7, confirmation_token_hash),
            confirmation_sent_at = CASE WHEN $7::text IS NULL THEN confirmation_sent_at ELSE now() END
      WHERE organisation_id = $1 AND id = $2 AND version = $3 RETURNING version`,
    [organisationId, id, version, fields.address, fields.unitId, fields.active, confirmationTokenHash],
  );
  return rows[0]?.version ?? null;
}

/** A new confirmation token for a mailbox still waiting; false when it is verified (or gone). */
export async function renewConfirmation(q: Queryable, organisationId: string, id: string, confirmationTokenHash: string): Promise<boolean> {
  const result = await q.query(
    `UPDATE cc_mailboxes SET confirmation_token_hash = $3, confirmation_sent_at = now()
      WHERE organisation_id = $1 AND id = $2 AND verified_at IS NULL`,
    [organisationId, id, confirmationTokenHash],
  );
  return result.rowCount > 0;
}

/** Marks a waiting mailbox verified by a platform administrator; false when it is verified already (or gone). */
export async function approveMailbox(q: Queryable, organisationId: string, id: string): Promise<boolean> {
  const result = await q.query(
    `UPDATE cc_mailboxes SET verified_at = now(), verified_by = 'administrator', confirmation_token_hash = NULL, updated_at = now()
      WHERE organisation_id = $1 AND id = $2 AND verified_at IS NULL`,
    [organisationId, id],
  );
  return result.rowCount > 0;
}

export interface PendingConfirmation {
  id: string;
  address: string;
  organisationId: string;
  organisationName: LocalizedText;
  confirmationSentAt: Date;
}

/** The mailbox waiting for the confirmation with this token. */
export async function findPendingConfirmation(q: Queryable, tokenHash: string): Promise<PendingConfirmation | undefined> {
  const { rows } = await q.query<PendingConfirmation>(
    `SELECT m.id, m.address, m.organisation_id AS "organisationId", o.name AS "organisationName", m.confirmation_sent_at AS "confirmationSentAt"
       FROM cc_mailboxes m JOIN organisations o ON o.id = m.organisation_id
      WHERE m.confirmation_token_hash = $1 AND m.verified_at IS NULL`,
    [tokenHash],
  );
  return rows[0];
}

/** Confirms the mailbox of this token if it was sent after `notBefore`; false otherwise (used, expired, replaced). */
export async function confirmMailbox(q: Queryable, tokenHash: string, notBefore: Date): Promise<boolean> {
  const result = await q.query(
    `UPDATE cc_mailboxes SET verified_at = now(), verified_by = 'confirmation', confirmation_token_hash = NULL, updated_at = now()
      WHERE confirmation_token_hash = $1 AND verified_at IS NULL AND confirmation_sent_at >= $2`,
    [tokenHash, notBefore],
  );
  return result.rowCount > 0;
}

export async function deleteMailbox(q: Queryable, organisationId: string, id: string, version: number): Promise<boolean> {
  const result = await q.query(`DELETE FROM cc_mailboxes WHERE organisation_id = $1 AND id = $2 AND version = $3`, [organisationId, id, version]);
  return result.rowCount > 0;
}

/** Whether another mailbox than `exceptId` has this address (any organisation). */
export async function mailboxAddressTaken(q: Queryable, address: string, exceptId: string | null): Promise<boolean> {
  const { rows } = await q.query(`SELECT 1 FROM cc_mailboxes WHERE address = $1 AND ($2::uuid IS NULL OR id <> $2)`, [address, exceptId]);
  return rows.length > 0;
}

export async function unitOfOrganisation(q: Queryable, organisationId: string, unitId: string): Promise<boolean> {
  const { rows } = await q.query(`SELECT 1 FROM units WHERE organisation_id = $1 AND id = $2`, [organisationId, unitId]);
  return rows.length > 0;
}

export async function listUnitChoices(q: Queryable, organisationId: string): Promise<Array<{ id: string; code: string; name: LocalizedText }>> {
  const { rows } = await q.query<{ id: string; code: string; name: LocalizedText }>(
    `SELECT id, code, name FROM units WHERE organisation_id = $1 ORDER BY code`,
    [organisationId],
  );
  return rows;
}

// ---- SLA targets

export interface SlaTargetRow {
  id: string;
  organisationId: string;
  channel: ContactChannel | null;
  serviceCode: string | null;
  serviceName: LocalizedText | null;
  firstResponseMinutes: number;
  resolutionMinutes: number;
  warningPercent: number;
  version: number;
}

export interface SlaTargetFields {
  channel: ContactChannel | null;
  serviceCode: string | null;
  firstResponseMinutes: number;
  resolutionMinutes: number;
  warningPercent: number;
}

/** The SLA targets with their service's name; the caller adds the WHERE clause. */
const TARGET_SELECT = `SELECT t.id, t.organisation_id AS "organisationId", t.channel, t.service_code AS "serviceCode", s.name AS "serviceName",
  t.first_response_minutes AS "firstResponseMinutes", t.resolution_minutes AS "resolutionMinutes",
  t.warning_percent AS "warningPercent", t.version
  FROM cc_sla_targets t LEFT JOIN services s ON s.code = t.service_code`;

export async function listSlaTargets(q: Queryable, organisationId: string): Promise<SlaTargetRow[]> {
  const { rows } = await q.query<SlaTargetRow>(
    `${TARGET_SELECT}
      WHERE t.organisation_id = $1
      ORDER BY (t.channel IS NOT NULL) , (t.service_code IS NOT NULL), t.channel NULLS FIRST, t.service_code NULLS FIRST`,
    [organisationId],
  );
  return rows;
}

export async function findSlaTarget(q: Queryable, organisationId: string, id: string): Promise<SlaTargetRow | undefined> {
  const { rows } = await q.query<SlaTargetRow>(`${TARGET_SELECT} WHERE t.organisation_id = $1 AND t.id = $2`, [organisationId, id]);
  return rows[0];
}

/** The new target's id, or null when the organisation already has one for this channel and service. */
export async function insertSlaTarget(q: Queryable, organisationId: string, fields: SlaTargetFields): Promise<string | null> {
  const { rows } = await q.query<{ id: string }>(
    `INSERT INTO cc_sla_targets (organisation_id, channel, service_code, first_response_minutes, resolution_minutes, warning_percent)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (organisation_id, channel, service_code) DO NOTHING RETURNING id`,
    [organisationId, fields.channel, fields.serviceCode, fields.firstResponseMinutes, fields.resolutionMinutes, fields.warningPercent],
  );
  return rows[0]?.id ?? null;
}

/** Whether another target than `exceptId` of the organisation has this channel and service. */
export async function slaTargetScopeTaken(
  q: Queryable,
  organisationId: string,
  channel: string | null,
  serviceCode: string | null,
  exceptId: string | null,
): Promise<boolean> {
  const { rows } = await q.query(
    `SELECT 1 FROM cc_sla_targets
      WHERE organisation_id = $1 AND channel IS NOT DISTINCT FROM $2 AND service_code IS NOT DISTINCT FROM $3 AND ($4::uuid IS NULL OR id <> $4)`,
    [organisationId, channel, serviceCode, exceptId],
  );
  return rows.length > 0;
}

export async function updateSlaTarget(q: Queryable, organisationId: string, id: string, version: number, fields: SlaTargetFields): Promise<number | null> {
  const { rows } = await q.query<{ version: number }>(
    `UPDATE cc_sla_targets
        SET channel = $4, service_code = $5, first_response_minutes = $6, resolution_minutes = $7, warning_percent = $8,
            version = version + 1, updated_at = now()
      WHERE organisation_id = $1 AND id = $2 AND version = $3 RETURNING version`,
    [organisationId, id, version, fields.channel, fields.serviceCode, fields.firstResponseMinutes, fields.resolutionMinutes, fields.warningPercent],
  );
  return rows[0]?.version ?? null;
}

export async function deleteSlaTarget(q: Queryable, organisationId: string, id: string, version: number): Promise<boolean> {
  const result = await q.query(`DELETE FROM cc_sla_targets WHERE organisation_id = $1 AND id = $2 AND version = $3`, [organisationId, id, version]);
  return result.rowCount > 0;
}

export async function serviceExists(q: Queryable, code: string): Promise<boolean> {
  const { rows } = await q.query(`SELECT 1 FROM services WHERE code = $1`, [code]);
  return rows.length > 0;
}

export async function listServiceChoices(q: Queryable): Promise<Array<{ code: string; name: LocalizedText }>> {
  const { rows } = await q.query<{ code: string; name: LocalizedText }>(`SELECT code, name FROM services ORDER BY name->>'fr'`);
  return rows;
}

// ---- business calendar

export interface CalendarRow {
  openingHours: string;
  holidayCalendar: HolidayCalendarId;
  version: number;
  updatedAt: Date;
}

export async function findCalendar(q: Queryable, organisationId: string): Promise<CalendarRow | undefined> {
  const { rows } = await q.query<CalendarRow>(
    `SELECT opening_hours AS "openingHours", holiday_calendar AS "holidayCalendar", version, updated_at AS "updatedAt"
       FROM cc_business_calendars WHERE organisation_id = $1`,
    [organisationId],
  );
  return rows[0];
}

/** Creates the calendar (version null: none existed when read) or updates it at the version read. */
export async function saveCalendar(
  q: Queryable,
  organisationId: string,
  version: number | null,
  fields: { openingHours: string; holidayCalendar: HolidayCalendarId },
): Promise<number | null> {
  if (version === null) {
    const { rows } = await q.query<{ version: number }>(
      `INSERT INTO cc_business_calendars (organisation_id, opening_hours, holiday_calendar) VALUES ($1, $2, $3)
       ON CONFLICT (organisation_id) DO NOTHING RETURNING version`,
      [organisationId, fields.openingHours, fields.holidayCalendar],
    );
    return rows[0]?.version ?? null;
  }
  const { rows } = await q.query<{ version: number }>(
    `UPDATE cc_business_calendars SET opening_hours = $3, holiday_calendar = $4, version = version + 1, updated_at = now()
      WHERE organisation_id = $1 AND version = $2 RETURNING version`,
    [organisationId, version, fields.openingHours, fields.holidayCalendar],
  );
  return rows[0]?.version ?? null;
}

export async function deleteCalendar(q: Queryable, organisationId: string, version: number): Promise<boolean> {
  const result = await q.query(`DELETE FROM cc_business_calendars WHERE organisation_id = $1 AND version = $2`, [organisationId, version]);
  return result.rowCount > 0;
}

// ---- console settings of managers: units in the round-robin, reply templates
export async function setAutoAssign(tx: Queryable, unitId: string, autoAssign: boolean): Promise<void> {
  await tx.query(
    `INSERT INTO cc_unit_settings (unit_id, auto_assign) VALUES ($1, $2)
     ON CONFLICT (unit_id) DO UPDATE SET auto_assign = EXCLUDED.auto_assign`,
    [unitId, autoAssign],
  );
}

export interface TemplateRow {
  id: string;
  language: 'fr' | 'nl' | 'en';
  title: string;
  body: string;
}

export async function listTemplates(db: Queryable, organisationId: string, language?: string): Promise<TemplateRow[]> {
  const { rows } = await db.query<TemplateRow>(
    `SELECT id, language, title, body FROM cc_reply_templates WHERE organisation_id = $1 AND ($2::text IS NULL OR language = $2) ORDER BY language, title`,
    [organisationId, language ?? null],
  );
  return rows;
}

export async function insertTemplate(
  db: Queryable,
  organisationId: string,
  template: { language: string; title: string; body: string },
): Promise<string | null> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO cc_reply_templates (organisation_id, language, title, body) VALUES ($1, $2, $3, $4)
     ON CONFLICT (organisation_id, language, title) DO NOTHING RETURNING id`,
    [organisationId, template.language, template.title, template.body],
  );
  return rows[0]?.id ?? null;
}

export async function deleteTemplate(db: Queryable, organisationId: string, id: string): Promise<boolean> {
  const { rowCount } = await db.query(`DELETE FROM cc_reply_templates WHERE id = $1 AND organisation_id = $2`, [id, organisationId]);
  return rowCount === 1;
}

// ---- the automatic reply outside business hours (cc_out_of_hours_settings, cc_mailboxes.out_of_hours_reply)

export interface OutOfHoursRow {
  webForm: boolean;
  /** The organisation's own text per language (added to the standard reply). */
  customText: Partial<Record<'fr' | 'nl' | 'en', string>>;
  /** null while the organisation never saved the setting. */
  version: number | null;
  /** The ids of the organisation's mailboxes that answer with it. */
  mailboxIds: string[];
}

export async function findOutOfHours(q: Queryable, organisationId: string): Promise<OutOfHoursRow> {
  const { rows } = await q.query<OutOfHoursRow>(
    `SELECT coalesce(s.web_form, false) AS "webForm", coalesce(s.custom_text, '{}'::jsonb) AS "customText", s.version,
            ARRAY(SELECT m.id::text FROM cc_mailboxes m WHERE m.organisation_id = o.id AND m.out_of_hours_reply ORDER BY m.address) AS "mailboxIds"
       FROM (SELECT $1::uuid AS id) o LEFT JOIN cc_out_of_hours_settings s ON s.organisation_id = o.id`,
    [organisationId],
  );
  return rows[0]!;
}

/** The new version, or null when the setting was changed since `version` (null: never saved before). */
export async function saveOutOfHours(
  q: Queryable,
  organisationId: string,
  version: number | null,
  fields: { webForm: boolean; customText: OutOfHoursRow['customText']; mailboxIds: string[] },
): Promise<number | null> {
  const { rows } =
    version === null
      ? await q.query<{ version: number }>(
          `INSERT INTO cc_out_of_hours_settings (organisation_id, web_form, custom_text) VALUES ($1, $2, $3)
           ON CONFLICT (organisation_id) DO NOTHING RETURNING version`,
          [organisationId, fields.webForm, JSON.stringify(fields.customText)],
        )
      : await q.query<{ version: number }>(
          `UPDATE cc_out_of_hours_settings SET web_form = $3, custom_text = $4, version = version + 1, updated_at = now()
            WHERE organisation_id = $1 AND version = $2 RETURNING version`,
          [organisationId, version, fields.webForm, JSON.stringify(fields.customText)],
        );
  if (!rows[0]) return null;
  await q.query(`UPDATE cc_mailboxes SET out_of_hours_reply = (id = ANY($2::uuid[])) WHERE organisation_id = $1`, [organisationId, fields.mailboxIds]);
  return rows[0].version;
}

/**
 * Whether a new request of this organisation is answered outside business hours: through the web form
 * (`mailboxAddress` null) or the inbound mailbox of that address; with the organisation's own text.
 */
export async function outOfHoursReplyOf(
  q: Queryable,
  organisationId: string,
  mailboxAddress: string | null,
): Promise<{ enabled: boolean; customText: OutOfHoursRow['customText'] }> {
  const { rows } = await q.query<{ enabled: boolean; customText: OutOfHoursRow['customText'] }>(
    `SELECT CASE WHEN $2::text IS NULL THEN coalesce(s.web_form, false)
                 ELSE coalesce((SELECT m.out_of_hours_reply FROM cc_mailboxes m WHERE m.address = $2 AND m.organisation_id = o.id), false) END AS enabled,
            coalesce(s.custom_text, '{}'::jsonb) AS "customText"
       FROM (SELECT $1::uuid AS id) o LEFT JOIN cc_out_of_hours_settings s ON s.organisation_id = o.id`,
    [organisationId, mailboxAddress],
  );
  return rows[0]!;
}

/** Claims the one automatic reply of a request: false when it was already sent. */
export async function claimOutOfHoursReply(q: Queryable, requestId: string): Promise<boolean> {
  const { rows } = await q.query(`INSERT INTO cc_out_of_hours_replies (request_id) VALUES ($1) ON CONFLICT DO NOTHING RETURNING request_id`, [requestId]);
  return rows.length > 0;
}
