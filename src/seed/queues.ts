// Demo queue settings: tickets at the town halls of Schaerbeek and Ixelles (a letter per service, three
// counters) and the default priority categories of those communes. Idempotent: inserts what is missing,
// never overwrites a manager's change.
import type { Queryable } from '../platform/db/database.ts';

export const DEMO_QUEUE_POINTS = ['commune-schaerbeek', 'commune-ixelles'];

const SERVICES: Array<{ code: string; prefix: string; minutes: number }> = [
  { code: 'eid-card', prefix: 'A', minutes: 10 },
  { code: 'passport', prefix: 'P', minutes: 12 },
  { code: 'change-of-address', prefix: 'D', minutes: 8 },
  { code: 'household-composition-certificate', prefix: 'C', minutes: 4 },
];

const COUNTERS: Array<{ name: string; services: string[] }> = [
  { name: '1', services: ['eid-card', 'passport'] },
  { name: '2', services: ['eid-card', 'change-of-address', 'household-composition-certificate'] },
  { name: '3', services: ['eid-card', 'passport', 'change-of-address', 'household-composition-certificate'] },
];

export const DEFAULT_PRIORITY_CATEGORIES = [
  { code: 'pregnancy', rank: 3, onKiosk: true, name: { fr: 'Grossesse', nl: 'Zwangerschap', en: 'Pregnancy' } },
  { code: 'reduced-mobility', rank: 3, onKiosk: true, name: { fr: 'Mobilité réduite', nl: 'Beperkte mobiliteit', en: 'Reduced mobility' } },
  { code: 'elderly', rank: 2, onKiosk: true, name: { fr: 'Personne âgée', nl: 'Oudere persoon', en: 'Elderly person' } },
  { code: 'appointment', rank: 5, onKiosk: false, name: { fr: 'Rendez-vous', nl: 'Afspraak', en: 'Appointment' } },
];

export async function seedQueues(db: Queryable): Promise<{ queueServicesCreated: number }> {
  let created = 0;
  for (const organisationCode of DEMO_QUEUE_POINTS) {
    const { rows: points } = await db.query<{ id: string; organisation_id: string }>(
      `SELECT cp.id, cp.organisation_id FROM contact_points cp JOIN organisations o ON o.id = cp.organisation_id
        WHERE o.code = $1 AND cp.code = 'maison-communale'`,
      [organisationCode],
    );
    const point = points[0];
    if (!point) continue;
    for (const category of DEFAULT_PRIORITY_CATEGORIES) {
      await db.query(
        `INSERT INTO queue_priority_categories (organisation_id, code, name, rank, on_kiosk) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (organisation_id, code) DO NOTHING`,
        [point.organisation_id, category.code, JSON.stringify(category.name), category.rank, category.onKiosk],
      );
    }
    for (const [position, service] of SERVICES.entries()) {
      const { rowCount } = await db.query(
        `INSERT INTO queue_services (contact_point_id, organisation_id, service_id, prefix, default_service_minutes, position)
         SELECT $1, $2, s.id, $4, $5, $6 FROM services s WHERE s.code = $3
         ON CONFLICT (contact_point_id, service_id) DO NOTHING`,
        [point.id, point.organisation_id, service.code, service.prefix, service.minutes, position],
      );
      created += rowCount;
    }
    for (const [position, counter] of COUNTERS.entries()) {
      await db.query(
        `INSERT INTO queue_counters (contact_point_id, organisation_id, name, queue_service_ids, position)
         SELECT $1, $2, $3, coalesce(array_agg(qs.id), '{}'), $5
           FROM queue_services qs JOIN services s ON s.id = qs.service_id
          WHERE qs.contact_point_id = $1 AND s.code = ANY($4::text[])
         ON CONFLICT (contact_point_id, name) DO NOTHING`,
        [point.id, point.organisation_id, counter.name, counter.services, position],
      );
    }
  }
  return { queueServicesCreated: created };
}
