// SQL of the staff API's appointments (issue 18 item 10, decision 0059): an organisation's appointments in a time
// range, soonest first, by keyset pages (starts_at then id; appointments_organisation_start_idx).
import type { Queryable } from '../../platform/db/database.ts';
import type { LocalizedText } from '../../platform/i18n/languages.ts';
import type { AppointmentStatus } from '../repository.ts';
import type { AppointmentMode } from '../modes.ts';

export interface ApiAppointmentRow {
  id: string;
  reference: string;
  status: AppointmentStatus;
  mode: AppointmentMode;
  startsAt: Date;
  endsAt: Date;
  contactPointId: string;
  pointName: LocalizedText;
  serviceCode: string;
  serviceName: LocalizedText;
  name: string;
  email: string | null;
  phone: string | null;
  language: 'fr' | 'nl' | 'en';
  createdAt: Date;
  /** starts_at as PostgreSQL text, for the cursor. */
  cursorAt: string;
}

export async function listOrganisationAppointments(
  db: Queryable,
  q: {
    organisationId: string;
    from: Date;
    to: Date;
    contactPointId: string | null;
    status: AppointmentStatus | null;
    after: { startsAt: string; id: string } | null;
    limit: number;
  },
): Promise<ApiAppointmentRow[]> {
  const { rows } = await db.query<ApiAppointmentRow>(
    `SELECT a.id, a.reference, a.status, a.mode, a.starts_at AS "startsAt", a.ends_at AS "endsAt", a.contact_point_id AS "contactPointId",
            cp.name AS "pointName", sv.code AS "serviceCode", sv.name AS "serviceName", a.name, a.email, a.phone, a.language,
            a.created_at AS "createdAt", a.starts_at::text AS "cursorAt"
       FROM appointments a JOIN services sv ON sv.id = a.service_id JOIN contact_points cp ON cp.id = a.contact_point_id
      WHERE a.organisation_id = $1 AND a.starts_at >= $2 AND a.starts_at < $3
        AND ($4::uuid IS NULL OR a.contact_point_id = $4::uuid)
        AND ($5::text IS NULL OR a.status = $5::text)
        AND ($6::timestamptz IS NULL OR (a.starts_at, a.id) > ($6::timestamptz, $7::uuid))
      ORDER BY a.starts_at, a.id
      LIMIT $8`,
    [q.organisationId, q.from, q.to, q.contactPointId, q.status, q.after?.startsAt ?? null, q.after?.id ?? null, q.limit],
  );
  return rows;
}
