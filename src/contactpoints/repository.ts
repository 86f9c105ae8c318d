// SQL for contact points (the physical desks of organisations).
import type { Queryable } from '../platform/db/database.ts';
import type { LocalizedText } from '../platform/i18n/languages.ts';
import type { HolidayCalendarId } from '../platform/calendar/holidays.ts';

export interface BilingualText {
  fr: string;
  nl: string;
}

/** The editable fields of a contact point. */
export interface ContactPointFields {
  code: string;
  name: LocalizedText;
  street: BilingualText;
  houseNumber: string;
  postalCode: string;
  municipality: BilingualText;
  latitude: number | null;
  longitude: number | null;
  accessibility: string[];
  accessibilityNote: LocalizedText | null;
  languages: string[];
  channels: string[];
  phone: string | null;
  email: string | null;
  openingHours: string;
  holidayCalendar: HolidayCalendarId;
  demo: boolean;
  active: boolean;
}

/** A stored contact point: its editable fields plus what the database adds. */
export interface ContactPointRecord extends ContactPointFields {
  id: string;
  organisationId: string;
  organisationCode: string;
  organisationKind: string;
  organisationName: LocalizedText;
  updatedAt: Date;
  version: number;
}

const SELECT = `
  SELECT cp.id, cp.organisation_id AS "organisationId", o.code AS "organisationCode", o.kind AS "organisationKind",
         o.name AS "organisationName", cp.code, cp.name, cp.street, cp.house_number AS "houseNumber",
         cp.postal_code AS "postalCode", cp.municipality, cp.latitude, cp.longitude, cp.accessibility,
         cp.accessibility_note AS "accessibilityNote", cp.languages, cp.channels, cp.phone, cp.email,
         cp.opening_hours AS "openingHours", cp.holiday_calendar AS "holidayCalendar", cp.demo, cp.active,
         cp.updated_at AS "updatedAt", cp.version
    FROM contact_points cp JOIN organisations o ON o.id = cp.organisation_id`;

export async function findContactPoint(db: Queryable, id: string): Promise<ContactPointRecord | undefined> {
  const { rows } = await db.query<ContactPointRecord>(`${SELECT} WHERE cp.id = $1`, [id]);
  return rows[0];
}

/** Contact points of some organisations (null = all), active ones only unless asked otherwise. */
export async function listContactPoints(
  db: Queryable,
  filter: { organisationIds?: string[] | null; organisationCode?: string; postalCode?: string; includeInactive?: boolean },
): Promise<ContactPointRecord[]> {
  const { rows } = await db.query<ContactPointRecord>(
    `${SELECT}
      WHERE ($1::uuid[] IS NULL OR cp.organisation_id = ANY($1))
        AND ($2::text IS NULL OR o.code = $2)
        AND ($3::text IS NULL OR cp.postal_code = $3)
        AND ($4 OR cp.active)
      ORDER BY o.code, cp.name->>'fr', cp.code`,
    [filter.organisationIds ?? null, filter.organisationCode ?? null, filter.postalCode ?? null, filter.includeInactive ?? false],
  );
  return rows;
}

const jsonOrNull = (value: unknown) => (value == null ? null : JSON.stringify(value));
const params = (f: ContactPointFields) => [
  f.code,
  JSON.stringify(f.name),
  JSON.stringify(f.street),
  f.houseNumber,
  f.postalCode,
  JSON.stringify(f.municipality),
  f.latitude,
  f.longitude,
  f.accessibility,
  jsonOrNull(f.accessibilityNote),
  f.languages,
  f.channels,
  f.phone,
  f.email,
  f.openingHours,
  f.holidayCalendar,
  f.demo,
  f.active,
];

/** Inserts a contact point; returns undefined when the organisation already has that code. */
export async function insertContactPoint(
  db: Queryable,
  organisationId: string,
  fields: ContactPointFields,
  actorId: string | null,
): Promise<string | undefined> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO contact_points (code, name, street, house_number, postal_code, municipality, latitude, longitude,
                                 accessibility, accessibility_note, languages, channels, phone, email, opening_hours,
                                 holiday_calendar, demo, active, organisation_id, updated_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)
     ON CONFLICT (organisation_id, code) DO NOTHING
     RETURNING id`,
    [...params(fields), organisationId, actorId],
  );
  return rows[0]?.id;
}

/** Updates when the stored version is the one the editor read: 'ok', 'stale' or 'code_taken'. */
export async function updateContactPoint(
  db: Queryable,
  id: string,
  expectedVersion: number,
  fields: ContactPointFields,
  actorId: string | null,
): Promise<'ok' | 'stale' | 'code_taken'> {
  const { rows: clash } = await db.query(
    `SELECT 1 FROM contact_points c JOIN contact_points me ON me.organisation_id = c.organisation_id
      WHERE me.id = $1 AND c.code = $2 AND c.id <> $1`,
    [id, fields.code],
  );
  if (clash.length > 0) return 'code_taken';
  const { rowCount } = await db.query(
    `UPDATE contact_points
        SET code = $1, name = $2, street = $3, house_number = $4, postal_code = $5, municipality = $6,
            latitude = $7, longitude = $8, accessibility = $9, accessibility_note = $10, languages = $11,
            channels = $12, phone = $13, email = $14, opening_hours = $15, holiday_calendar = $16, demo = $17,
            active = $18, updated_by = $21, updated_at = now(), version = version + 1
      WHERE id = $19 AND version = $20`,
    [...params(fields), id, expectedVersion, actorId],
  );
  return rowCount === 1 ? 'ok' : 'stale';
}

/**
 * Seeds contact points by (organisation code, contact point code): inserts what is missing, never
 * overwrites what editors have changed since. Returns how many were inserted.
 */
export async function insertMissingContactPoints(db: Queryable, items: Array<ContactPointFields & { organisationCode: string }>): Promise<number> {
  const { rowCount } = await db.query(
    `INSERT INTO contact_points (organisation_id, code, name, street, house_number, postal_code, municipality, latitude,
                                 longitude, accessibility, accessibility_note, languages, channels, phone, email,
                                 opening_hours, holiday_calendar, demo, active)
     SELECT o.id, c.code, c.name, c.street, c.house_number, c.postal_code, c.municipality, c.latitude, c.longitude,
            c.accessibility, c.accessibility_note, c.languages, c.channels, c.phone, c.email, c.opening_hours,
            c.holiday_calendar, c.demo, c.active
       FROM jsonb_to_recordset($1::jsonb) AS c(organisation_code text, code text, name jsonb, street jsonb,
              house_number text, postal_code text, municipality jsonb, latitude double precision,
              longitude double precision, accessibility text[], accessibility_note jsonb, languages text[],
              channels text[], phone text, email text, opening_hours text, holiday_calendar text, demo boolean,
              active boolean)
       JOIN organisations o ON o.code = c.organisation_code
     ON CONFLICT (organisation_id, code) DO NOTHING`,
    [
      JSON.stringify(
        items.map((item) => ({
          organisation_code: item.organisationCode,
          code: item.code,
          name: item.name,
          street: item.street,
          house_number: item.houseNumber,
          postal_code: item.postalCode,
          municipality: item.municipality,
          latitude: item.latitude,
          longitude: item.longitude,
          accessibility: item.accessibility,
          accessibility_note: item.accessibilityNote,
          languages: item.languages,
          channels: item.channels,
          phone: item.phone,
          email: item.email,
          opening_hours: item.openingHours,
          holiday_calendar: item.holidayCalendar,
          demo: item.demo,
          active: item.active,
        })),
      ),
    ],
  );
  return rowCount;
}
