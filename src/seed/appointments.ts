// Demo appointment settings: a few services bookable at demo contact points (idempotent).
import type { Queryable } from '../platform/db/database.ts';

const DEMO_SETTINGS: Array<{
  organisation: string;
  point: string;
  service: string;
  duration: number;
  capacity: number;
  buffer: number;
  notice: number;
  /** How the appointments take place (decision 0056): at the counter unless said. */
  modes?: string[];
}> = [
  { organisation: 'commune-schaerbeek', point: 'maison-communale', service: 'eid-card', duration: 15, capacity: 3, buffer: 0, notice: 60 },
  { organisation: 'commune-schaerbeek', point: 'maison-communale', service: 'passport', duration: 20, capacity: 2, buffer: 5, notice: 120 },
  { organisation: 'commune-ixelles', point: 'maison-communale', service: 'eid-card', duration: 15, capacity: 2, buffer: 0, notice: 60 },
  { organisation: 'commune-bruxelles', point: 'maison-communale', service: 'eid-card', duration: 15, capacity: 4, buffer: 0, notice: 60 },
  { organisation: 'commune-bruxelles', point: 'antenne-laeken', service: 'eid-card', duration: 15, capacity: 1, buffer: 0, notice: 60 },
  {
    organisation: 'homegrade',
    point: 'conseil',
    service: 'renovation-advice',
    duration: 45,
    capacity: 1,
    buffer: 15,
    notice: 1440,
    modes: ['counter', 'phone', 'video'],
  },
  {
    organisation: 'fonds-du-logement',
    point: 'accueil',
    service: 'housing-fund-mortgage',
    duration: 30,
    capacity: 2,
    buffer: 0,
    notice: 1440,
    modes: ['counter', 'phone'],
  },
];

export async function seedAppointmentsDemo(db: Queryable): Promise<{ appointmentSettingsCreated: number }> {
  let created = 0;
  for (const s of DEMO_SETTINGS) {
    const { rowCount } = await db.query(
      `INSERT INTO appointment_settings (contact_point_id, service_id, organisation_id, duration_minutes, capacity, buffer_minutes,
                                         min_notice_minutes, max_horizon_days, max_per_person, modes)
       SELECT cp.id, sv.id, o.id, $4, $5, $6, $7, 60, 2, $8::text[]
         FROM organisations o JOIN contact_points cp ON cp.organisation_id = o.id AND cp.code = $2
         JOIN services sv ON sv.code = $3
        WHERE o.code = $1
       ON CONFLICT (contact_point_id, service_id) DO NOTHING`,
      [s.organisation, s.point, s.service, s.duration, s.capacity, s.buffer, s.notice, s.modes ?? ['counter']],
    );
    created += rowCount;
  }
  return { appointmentSettingsCreated: created };
}
