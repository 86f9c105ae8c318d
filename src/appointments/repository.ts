// SQL for appointments: settings per contact point and service, closures, appointments, waiting list.
import type { Queryable } from '../platform/db/database.ts';
import type { LocalizedText } from '../platform/i18n/languages.ts';
import type { HolidayCalendarId } from '../platform/calendar/holidays.ts';
import type { AppointmentMode } from './modes.ts';

export const APPOINTMENT_STATUSES = ['booked', 'cancelled', 'arrived', 'seen', 'no_show'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

export interface SettingsFields {
  durationMinutes: number;
  capacity: number;
  openingHours: string | null;
  bufferMinutes: number;
  minNoticeMinutes: number;
  maxHorizonDays: number;
  maxPerPerson: number;
  active: boolean;
  /** How appointments take place here: at the counter, by phone, by video (one at least; decision 0056). */
  modes: AppointmentMode[];
}

/** Settings with what booking needs of the contact point, its organisation and the service. */
export interface SettingsRecord extends SettingsFields {
  id: string;
  contactPointId: string;
  serviceId: string;
  organisationId: string;
  version: number;
  pointName: LocalizedText;
  pointActive: boolean;
  pointOpeningHours: string;
  holidayCalendar: HolidayCalendarId;
  street: { fr: string; nl: string };
  houseNumber: string;
  postalCode: string;
  municipality: { fr: string; nl: string };
  organisationCode: string;
  organisationName: LocalizedText;
  serviceCode: string;
  serviceName: LocalizedText;
  serviceStatus: string;
  competentKind: 'organisation' | 'commune' | 'cpas';
}

const SETTINGS = `
  SELECT s.id, s.contact_point_id AS "contactPointId", s.service_id AS "serviceId", s.organisation_id AS "organisationId",
         s.duration_minutes AS "durationMinutes", s.capacity, s.opening_hours AS "openingHours",
         s.buffer_minutes AS "bufferMinutes", s.min_notice_minutes AS "minNoticeMinutes",
         s.max_horizon_days AS "maxHorizonDays", s.max_per_person AS "maxPerPerson", s.active, s.version, s.modes,
         cp.name AS "pointName", cp.active AS "pointActive", cp.opening_hours AS "pointOpeningHours",
         cp.holiday_calendar AS "holidayCalendar", cp.street, cp.house_number AS "houseNumber",
         cp.postal_code AS "postalCode", cp.municipality,
         o.code AS "organisationCode", o.name AS "organisationName",
         sv.code AS "serviceCode", sv.name AS "serviceName", sv.status AS "serviceStatus", sv.competent_kind AS "competentKind"
    FROM appointment_settings s
    JOIN contact_points cp ON cp.id = s.contact_point_id
    JOIN organisations o ON o.id = s.organisation_id
    JOIN services sv ON sv.id = s.service_id`;

export async function findSettings(db: Queryable, contactPointId: string, serviceCode: string): Promise<SettingsRecord | undefined> {
  const { rows } = await db.query<SettingsRecord>(`${SETTINGS} WHERE s.contact_point_id = $1 AND sv.code = $2`, [contactPointId, serviceCode]);
  return rows[0];
}

export async function findSettingsById(db: Queryable, id: string): Promise<SettingsRecord | undefined> {
  const { rows } = await db.query<SettingsRecord>(`${SETTINGS} WHERE s.id = $1`, [id]);
  return rows[0];
}

/** Active settings of a service at active points, optionally only those of some organisations. */
export async function listSettingsForService(db: Queryable, serviceCode: string, organisationIds: string[] | null): Promise<SettingsRecord[]> {
  const { rows } = await db.query<SettingsRecord>(
    `${SETTINGS} WHERE sv.code = $1 AND s.active AND cp.active AND ($2::uuid[] IS NULL OR s.organisation_id = ANY($2))
      ORDER BY cp.name->>'fr'`,
    [serviceCode, organisationIds],
  );
  return rows;
}

/** Settings of some organisations (null = all), for the back office. */
export async function listSettings(db: Queryable, organisationIds: string[] | null, contactPointId?: string): Promise<SettingsRecord[]> {
  const { rows } = await db.query<SettingsRecord>(
    `${SETTINGS} WHERE ($1::uuid[] IS NULL OR s.organisation_id = ANY($1)) AND ($2::uuid IS NULL OR s.contact_point_id = $2)
      ORDER BY o.code, cp.name->>'fr', sv.code`,
    [organisationIds, contactPointId ?? null],
  );
  return rows;
}

/** Published services bookable somewhere. */
export async function listBookableServices(db: Queryable): Promise<Array<{ code: string; name: LocalizedText; competentKind: string }>> {
  const { rows } = await db.query<{ code: string; name: LocalizedText; competentKind: string }>(
    `SELECT DISTINCT sv.code, sv.name, sv.competent_kind AS "competentKind"
       FROM appointment_settings s JOIN services sv ON sv.id = s.service_id JOIN contact_points cp ON cp.id = s.contact_point_id
      WHERE s.active AND cp.active AND sv.status = 'published'
      ORDER BY sv.code`,
  );
  return rows;
}

export async function insertSettings(
  db: Queryable,
  values: SettingsFields & { contactPointId: string; serviceId: string; organisationId: string; updatedBy: string | null },
): Promise<string | undefined> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO appointment_settings (contact_point_id, service_id, organisation_id, duration_minutes, capacity, opening_hours,
                                       buffer_minutes, min_notice_minutes, max_horizon_days, max_per_person, active, updated_by, modes)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
     ON CONFLICT (contact_point_id, service_id) DO NOTHING RETURNING id`,
    [
      values.contactPointId,
      values.serviceId,
      values.organisationId,
      values.durationMinutes,
      values.capacity,
      values.openingHours,
      values.bufferMinutes,
      values.minNoticeMinutes,
      values.maxHorizonDays,
      values.maxPerPerson,
      values.active,
      values.updatedBy,
      values.modes,
    ],
  );
  return rows[0]?.id;
}

export async function updateSettings(db: Queryable, id: string, version: number, values: SettingsFields, updatedBy: string | null): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE appointment_settings
        SET duration_minutes = $3, capacity = $4, opening_hours = $5, buffer_minutes = $6, min_notice_minutes = $7,
            max_horizon_days = $8, max_per_person = $9, active = $10, updated_by = $11, modes = $12, updated_at = now(),
            version = version + 1
      WHERE id = $1 AND version = $2`,
    [
      id,
      version,
      values.durationMinutes,
      values.capacity,
      values.openingHours,
      values.bufferMinutes,
      values.minNoticeMinutes,
      values.maxHorizonDays,
      values.maxPerPerson,
      values.active,
      updatedBy,
      values.modes,
    ],
  );
  return rowCount > 0;
}

// ---- closures

export interface ClosureRecord {
  id: string;
  contactPointId: string;
  serviceId: string | null;
  startsAt: Date;
  endsAt: Date;
  seats: number | null;
  reason: string;
}

export async function listClosures(db: Queryable, contactPointId: string, serviceId: string | null, from: Date, to: Date): Promise<ClosureRecord[]> {
  const { rows } = await db.query<ClosureRecord>(
    `SELECT id, contact_point_id AS "contactPointId", service_id AS "serviceId", starts_at AS "startsAt", ends_at AS "endsAt", seats, reason
       FROM appointment_closures
      WHERE contact_point_id = $1 AND ($2::uuid IS NULL OR service_id IS NULL OR service_id = $2)
        AND starts_at < $4 AND ends_at > $3
      ORDER BY starts_at`,
    [contactPointId, serviceId, from, to],
  );
  return rows;
}

export async function insertClosure(
  db: Queryable,
  closure: { contactPointId: string; serviceId: string | null; startsAt: Date; endsAt: Date; seats: number | null; reason: string; createdBy: string | null },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO appointment_closures (contact_point_id, service_id, starts_at, ends_at, seats, reason, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [closure.contactPointId, closure.serviceId, closure.startsAt, closure.endsAt, closure.seats, closure.reason, closure.createdBy],
  );
  return rows[0]!.id;
}

export async function deleteClosure(db: Queryable, id: string, contactPointId: string): Promise<boolean> {
  const { rowCount } = await db.query('DELETE FROM appointment_closures WHERE id = $1 AND contact_point_id = $2', [id, contactPointId]);
  return rowCount > 0;
}

// ---- appointments

export interface AppointmentRecord {
  id: string;
  reference: string;
  contactPointId: string;
  serviceId: string;
  organisationId: string;
  startsAt: Date;
  endsAt: Date;
  seat: number;
  status: AppointmentStatus;
  name: string;
  /** At least one of the two (a CHECK): e-mail, mobile phone in E.164, or both. */
  email: string | null;
  phone: string | null;
  language: 'fr' | 'nl' | 'en';
  sequence: number;
  createdAt: Date;
  serviceCode: string;
  serviceName: LocalizedText;
  pointName: LocalizedText;
  mode: AppointmentMode;
  /** The organisation's video link template (null: the default), for the meeting link of a video appointment. */
  videoTemplate: string | null;
}

const APPOINTMENT = `
  SELECT a.id, a.reference, a.contact_point_id AS "contactPointId", a.service_id AS "serviceId", a.organisation_id AS "organisationId",
         a.starts_at AS "startsAt", a.ends_at AS "endsAt", a.seat, a.status, a.name, a.email, a.phone, a.language, a.sequence,
         a.created_at AS "createdAt", sv.code AS "serviceCode", sv.name AS "serviceName", cp.name AS "pointName",
         a.mode, vl.template AS "videoTemplate"
    FROM appointments a JOIN services sv ON sv.id = a.service_id JOIN contact_points cp ON cp.id = a.contact_point_id
    LEFT JOIN appointment_video_links vl ON vl.organisation_id = a.organisation_id`;

/** Appointments holding a seat that overlap [from, to) at a point for a service. */
export async function listHeld(db: Queryable, contactPointId: string, serviceId: string, from: Date, to: Date): Promise<Array<{ start: Date; end: Date }>> {
  const { rows } = await db.query<{ start: Date; end: Date }>(
    `SELECT starts_at AS "start", ends_at AS "end" FROM appointments
      WHERE contact_point_id = $1 AND service_id = $2 AND status <> 'cancelled' AND starts_at < $4 AND ends_at > $3`,
    [contactPointId, serviceId, from, to],
  );
  return rows.map((row) => ({ start: new Date(row.start), end: new Date(row.end) }));
}

export interface NewAppointment {
  reference: string;
  contactPointId: string;
  serviceId: string;
  organisationId: string;
  startsAt: Date;
  endsAt: Date;
  seat: number;
  name: string;
  email: string | null;
  phone: string | null;
  /** The person's key: the e-mail in lower case, else the phone in E.164. */
  emailKey: string;
  language: string;
  manageTokenHash: string;
  mode: AppointmentMode;
}

/** Takes the seat if nobody holds it; undefined when it is taken (the unique index decides). */
export async function insertAppointmentOnSeat(db: Queryable, a: NewAppointment): Promise<string | undefined> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO appointments (reference, contact_point_id, service_id, organisation_id, starts_at, ends_at, seat, name, email,
                               email_key, language, manage_token_hash, phone, mode)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
     ON CONFLICT (contact_point_id, service_id, starts_at, seat) WHERE status <> 'cancelled' DO NOTHING
     RETURNING id`,
    [
      a.reference,
      a.contactPointId,
      a.serviceId,
      a.organisationId,
      a.startsAt,
      a.endsAt,
      a.seat,
      a.name,
      a.email,
      a.emailKey,
      a.language,
      a.manageTokenHash,
      a.phone,
      a.mode,
    ],
  );
  return rows[0]?.id;
}

/** Moves an appointment to another start on a given seat; false when that seat is taken. */
export async function moveAppointmentToSeat(db: Queryable, id: string, startsAt: Date, endsAt: Date, seat: number): Promise<boolean> {
  // A savepoint keeps the transaction usable when the unique index refuses the seat.
  await db.query('SAVEPOINT move_seat');
  try {
    const { rowCount } = await db.query(
      `UPDATE appointments SET starts_at = $2, ends_at = $3, seat = $4, sequence = sequence + 1 WHERE id = $1 AND status = 'booked'`,
      [id, startsAt, endsAt, seat],
    );
    await db.query('RELEASE SAVEPOINT move_seat');
    return rowCount > 0;
  } catch (error) {
    await db.query('ROLLBACK TO SAVEPOINT move_seat');
    if ((error as { code?: string }).code === '23505') return false;
    throw error;
  }
}

/** Serialises the bookings of one person for one service (the per-person limit) within a transaction. */
export async function lockPerson(db: Queryable, emailKey: string, serviceId: string): Promise<void> {
  await db.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`appointment:${serviceId}:${emailKey}`]);
}

export async function countFutureForPerson(db: Queryable, emailKey: string, serviceId: string, now: Date): Promise<number> {
  const { rows } = await db.query<{ count: number }>(
    `SELECT count(*)::int AS count FROM appointments WHERE email_key = $1 AND service_id = $2 AND status = 'booked' AND starts_at > $3`,
    [emailKey, serviceId, now],
  );
  return rows[0]?.count ?? 0;
}

export async function findAppointmentByTokenHash(db: Queryable, hash: string, forUpdate = false): Promise<AppointmentRecord | undefined> {
  const { rows } = await db.query<AppointmentRecord>(
    `${APPOINTMENT} WHERE (a.manage_token_hash = $1 OR a.reminder_token_hash = $1 OR a.citizen_token_hash = $1)${forUpdate ? ' FOR UPDATE OF a' : ''}`,
    [hash],
  );
  return rows[0];
}

/** A signed-in citizen's appointments across organisations, by their verified e-mail address (decision 0054). */
export async function listAppointmentsOfEmail(db: Queryable, email: string): Promise<AppointmentRecord[]> {
  const { rows } = await db.query<AppointmentRecord>(`${APPOINTMENT} WHERE lower(a.email) = lower($1) ORDER BY a.starts_at DESC LIMIT 200`, [email]);
  return rows;
}

/** The manage link of "my space" (a third secret; the confirmation's and the reminder's keep working). */
export async function setCitizenTokenHash(db: Queryable, id: string, hash: string): Promise<void> {
  await db.query('UPDATE appointments SET citizen_token_hash = $2 WHERE id = $1', [id, hash]);
}

/** The reminder's manage link (a second secret; the confirmation's keeps working). */
export async function setReminderTokenHash(db: Queryable, id: string, hash: string): Promise<void> {
  await db.query('UPDATE appointments SET reminder_token_hash = $2 WHERE id = $1', [id, hash]);
}

export async function findAppointmentById(db: Queryable, id: string, forUpdate = false): Promise<AppointmentRecord | undefined> {
  const { rows } = await db.query<AppointmentRecord>(`${APPOINTMENT} WHERE a.id = $1${forUpdate ? ' FOR UPDATE OF a' : ''}`, [id]);
  return rows[0];
}

export async function findAppointmentByReference(db: Queryable, reference: string, forUpdate = false): Promise<AppointmentRecord | undefined> {
  const { rows } = await db.query<AppointmentRecord>(`${APPOINTMENT} WHERE a.reference = $1${forUpdate ? ' FOR UPDATE OF a' : ''}`, [reference]);
  return rows[0];
}

export async function setStatus(db: Queryable, id: string, status: AppointmentStatus, by: string | null): Promise<void> {
  await db.query(
    `UPDATE appointments SET status = $2, status_changed_at = now(), status_changed_by = $3,
            sequence = sequence + CASE WHEN $2 = 'cancelled' THEN 1 ELSE 0 END
      WHERE id = $1`,
    [id, status, by],
  );
}

/** Appointments of a point in [from, to), cancelled ones included (agent day and week views). */
export async function listAppointmentsAt(db: Queryable, contactPointId: string, from: Date, to: Date): Promise<AppointmentRecord[]> {
  const { rows } = await db.query<AppointmentRecord>(
    `${APPOINTMENT} WHERE a.contact_point_id = $1 AND a.starts_at >= $2 AND a.starts_at < $3 ORDER BY a.starts_at, a.seat`,
    [contactPointId, from, to],
  );
  return rows;
}

export interface NoShowRow {
  serviceCode: string;
  serviceName: LocalizedText;
  pointName: LocalizedText;
  contactPointId: string;
  due: number;
  noShows: number;
}

/** Past appointments that were due (not cancelled) and the no-shows among them, per service and point. */
export async function noShowRates(
  db: Queryable,
  organisationIds: string[] | null,
  contactPointId: string | null,
  since: Date,
  until: Date,
): Promise<NoShowRow[]> {
  const { rows } = await db.query<NoShowRow>(
    `SELECT sv.code AS "serviceCode", sv.name AS "serviceName", cp.name AS "pointName", a.contact_point_id AS "contactPointId",
            count(*)::int AS due, count(*) FILTER (WHERE a.status = 'no_show')::int AS "noShows"
       FROM appointments a JOIN services sv ON sv.id = a.service_id JOIN contact_points cp ON cp.id = a.contact_point_id
      WHERE a.status <> 'cancelled' AND a.starts_at >= $3 AND a.starts_at < $4
        AND ($1::uuid[] IS NULL OR a.organisation_id = ANY($1)) AND ($2::uuid IS NULL OR a.contact_point_id = $2)
      GROUP BY sv.code, sv.name, cp.name, a.contact_point_id
      ORDER BY cp.name->>'fr', sv.code`,
    [organisationIds, contactPointId, since, until],
  );
  return rows;
}

// ---- waiting list

export async function insertWaiting(
  db: Queryable,
  entry: {
    contactPointId: string;
    serviceId: string;
    organisationId: string;
    name: string;
    email: string | null;
    phone: string | null;
    emailKey: string;
    language: string;
  },
): Promise<boolean> {
  const { rowCount } = await db.query(
    `INSERT INTO appointment_waitlist (contact_point_id, service_id, organisation_id, name, email, email_key, language, phone)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (contact_point_id, service_id, email_key) WHERE status = 'waiting' DO NOTHING`,
    [entry.contactPointId, entry.serviceId, entry.organisationId, entry.name, entry.email, entry.emailKey, entry.language, entry.phone],
  );
  return rowCount > 0;
}

/** The first person waiting, marked as offered the freed start (skips rows another transaction holds). */
export async function offerToFirstWaiting(
  db: Queryable,
  contactPointId: string,
  serviceId: string,
  start: Date,
): Promise<{ id: string; name: string; email: string | null; phone: string | null; language: 'fr' | 'nl' | 'en' } | undefined> {
  const { rows } = await db.query<{ id: string; name: string; email: string | null; phone: string | null; language: 'fr' | 'nl' | 'en' }>(
    `UPDATE appointment_waitlist SET status = 'offered', offered_at = now(), offered_start = $3
      WHERE id = (SELECT id FROM appointment_waitlist
                   WHERE contact_point_id = $1 AND service_id = $2 AND status = 'waiting'
                   ORDER BY created_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
      RETURNING id, name, email, phone, language`,
    [contactPointId, serviceId, start],
  );
  return rows[0];
}

/** Published services some organisations provide (null = all): the choices of the settings form. */
export async function listProvidableServices(db: Queryable, organisationIds: string[] | null): Promise<Array<{ code: string; name: LocalizedText }>> {
  const { rows } = await db.query<{ code: string; name: LocalizedText }>(
    `SELECT sv.code, sv.name FROM services sv
      WHERE sv.status = 'published'
        AND ($1::uuid[] IS NULL
             OR sv.competent_organisation_id = ANY($1)
             OR sv.competent_kind IN (SELECT kind FROM organisations WHERE id = ANY($1)))
      ORDER BY sv.appointment DESC, sv.code`,
    [organisationIds],
  );
  return rows;
}

/** Active contact points of some organisations (null = all), with their organisation's kind: the choices of the settings form. */
export async function configurablePoints(
  db: Queryable,
  organisationIds: string[] | null,
): Promise<Array<{ id: string; name: LocalizedText; organisationId: string; organisationKind: string }>> {
  const { rows } = await db.query<{ id: string; name: LocalizedText; organisationId: string; organisationKind: string }>(
    `SELECT cp.id, cp.name, cp.organisation_id AS "organisationId", o.kind AS "organisationKind"
       FROM contact_points cp JOIN organisations o ON o.id = cp.organisation_id
      WHERE ($1::uuid[] IS NULL OR cp.organisation_id = ANY($1)) AND cp.active
      ORDER BY o.code, cp.name->>'fr' LIMIT 500`,
    [organisationIds],
  );
  return rows;
}

// ── A person's appointments for a data subject request (issue 18, src/privacy) ──

export interface PersonAppointmentExport {
  id: string;
  reference: string;
  organisationId: string;
  startsAt: Date;
  status: string;
  name: string;
  email: string | null;
  phone: string | null;
  language: string;
  createdAt: Date;
}

/** A person's appointments and waiting-list entries in an organisation (every one when null), by e-mail or phone. */
export async function appointmentsOfPerson(
  q: Queryable,
  organisationId: string | null,
  email: string,
  phone: string | null,
): Promise<{
  appointments: PersonAppointmentExport[];
  waitingList: Array<{ name: string; email: string | null; phone: string | null; status: string; createdAt: Date }>;
}> {
  const appointments = await q.query<PersonAppointmentExport>(
    `SELECT id, reference, organisation_id AS "organisationId", starts_at AS "startsAt", status, name, email, phone, language, created_at AS "createdAt"
       FROM appointments WHERE ($1::uuid IS NULL OR organisation_id = $1) AND (lower(email) = $2 OR ($3::text IS NOT NULL AND phone = $3))
      ORDER BY starts_at`,
    [organisationId, email, phone],
  );
  const waitingList = await q.query<{ name: string; email: string | null; phone: string | null; status: string; createdAt: Date }>(
    `SELECT name, email, phone, status, created_at AS "createdAt" FROM appointment_waitlist
      WHERE ($1::uuid IS NULL OR organisation_id = $1) AND (lower(email) = $2 OR ($3::text IS NOT NULL AND phone = $3)) ORDER BY created_at`,
    [organisationId, email, phone],
  );
  return { appointments: appointments.rows, waitingList: waitingList.rows };
}

/**
 * Erases the person's name, e-mail and phone from these appointments (kept for the no-show rates and the
 * operations figures) and removes their waiting-list entries. The contact check of migration 0039 wants an
 * e-mail or a phone: an address of the reserved `.invalid` domain stands in.
 */
export async function eraseAppointments(
  q: Queryable,
  ids: string[],
  organisationId: string | null,
  email: string,
  phone: string | null,
): Promise<Record<string, number>> {
  const appointments = await q.query(
    `UPDATE appointments SET name = '—', email = 'erased-' || id || '@erased.invalid', phone = NULL, email_key = 'erased:' || id WHERE id = ANY($1::uuid[])`,
    [ids],
  );
  const waitingList = await q.query(
    `DELETE FROM appointment_waitlist WHERE ($1::uuid IS NULL OR organisation_id = $1) AND (lower(email) = $2 OR ($3::text IS NOT NULL AND phone = $3))`,
    [organisationId, email, phone],
  );
  return { appointments: appointments.rowCount, waitingList: waitingList.rowCount };
}

/** Retention (decision 0048): appointments of an organisation that took place before the cut-off, erased as above. */
export async function eraseAppointmentsBefore(q: Queryable, organisationId: string, days: number): Promise<number> {
  const { rowCount } = await q.query(
    `UPDATE appointments SET name = '—', email = 'erased-' || id || '@erased.invalid', phone = NULL, email_key = 'erased:' || id
      WHERE organisation_id = $1 AND starts_at < now() - make_interval(days => $2) AND name <> '—'`,
    [organisationId, days],
  );
  return rowCount;
}

// ---- video meeting links (decision 0056)

export async function findVideoTemplate(db: Queryable, organisationId: string): Promise<string | null> {
  const { rows } = await db.query<{ template: string }>('SELECT template FROM appointment_video_links WHERE organisation_id = $1', [organisationId]);
  return rows[0]?.template ?? null;
}

/**
 * The organisations whose video link the actor may set, with their template (null: the default): their own
 * (scope), or for the whole platform those that offer appointments.
 */
export async function videoLinkOrganisations(
  db: Queryable,
  organisationIds: string[] | null,
): Promise<Array<{ id: string; code: string; name: LocalizedText; template: string | null }>> {
  const { rows } = await db.query<{ id: string; code: string; name: LocalizedText; template: string | null }>(
    `SELECT o.id, o.code, o.name, v.template
       FROM organisations o LEFT JOIN appointment_video_links v ON v.organisation_id = o.id
      WHERE CASE WHEN $1::uuid[] IS NULL THEN EXISTS (SELECT 1 FROM appointment_settings s WHERE s.organisation_id = o.id) ELSE o.id = ANY($1) END
      ORDER BY o.code LIMIT 500`,
    [organisationIds],
  );
  return rows;
}

/** Sets (or, with null, removes) an organisation's template. */
export async function saveVideoTemplate(db: Queryable, organisationId: string, template: string | null, updatedBy: string | null): Promise<void> {
  if (template === null) {
    await db.query('DELETE FROM appointment_video_links WHERE organisation_id = $1', [organisationId]);
    return;
  }
  await db.query(
    `INSERT INTO appointment_video_links (organisation_id, template, updated_by) VALUES ($1, $2, $3)
     ON CONFLICT (organisation_id) DO UPDATE SET template = EXCLUDED.template, updated_by = EXCLUDED.updated_by, updated_at = now()`,
    [organisationId, template, updatedBy],
  );
}
