// Demo data for agent safety: who works at the demo contact points of Schaerbeek and Ixelles (with their
// managers), and a few past, closed incidents so that the dashboard shows something. Invented, short and
// free of real names. Idempotent: memberships are upserted; incidents are added only when none exist yet.
import type { Database } from '../platform/db/database.ts';

/** organisation, contact point code, account e-mail, manager of the point? */
export const DEMO_MEMBERSHIPS: Array<[string, string, string, boolean]> = [
  ['commune-schaerbeek', 'maison-communale', 'agent@demo.irisdesk.brussels', false],
  ['commune-schaerbeek', 'maison-communale', 'backoffice@demo.irisdesk.brussels', false],
  ['commune-schaerbeek', 'maison-communale', 'manager@demo.irisdesk.brussels', true],
  ['commune-schaerbeek', 'antenne-nord', 'editor@demo.irisdesk.brussels', false],
  ['commune-ixelles', 'maison-communale', 'agent.ixelles@demo.irisdesk.brussels', false],
  ['commune-ixelles', 'maison-communale', 'manager.ixelles@demo.irisdesk.brussels', true],
];

/** Past incidents: organisation, contact point code (null = elsewhere), reporter, type, days ago, action kinds. */
const DEMO_INCIDENTS: Array<{
  org: string;
  point: string | null;
  place?: string;
  reporter: string;
  type: string;
  severity: string;
  daysAgo: number;
  actions: string[];
}> = [
  { org: 'commune-schaerbeek', point: 'maison-communale', reporter: 'agent@', type: 'verbal_aggression', severity: 'low', daysAgo: 20, actions: ['debrief'] },
  {
    org: 'commune-schaerbeek',
    point: 'maison-communale',
    reporter: 'agent@',
    type: 'threat',
    severity: 'medium',
    daysAgo: 48,
    actions: ['debrief', 'complaint_filed'],
  },
  {
    org: 'commune-schaerbeek',
    point: 'maison-communale',
    reporter: 'backoffice@',
    type: 'verbal_aggression',
    severity: 'low',
    daysAgo: 75,
    actions: ['debrief'],
  },
  {
    org: 'commune-schaerbeek',
    point: 'antenne-nord',
    reporter: 'editor@',
    type: 'verbal_aggression',
    severity: 'medium',
    daysAgo: 101,
    actions: ['debrief', 'support'],
  },
  {
    org: 'commune-schaerbeek',
    point: 'maison-communale',
    reporter: 'agent@',
    type: 'physical_aggression',
    severity: 'high',
    daysAgo: 140,
    actions: ['debrief', 'support', 'complaint_filed'],
  },
  {
    org: 'commune-schaerbeek',
    point: null,
    place: 'Parking du personnel (démo)',
    reporter: 'backoffice@',
    type: 'other',
    severity: 'low',
    daysAgo: 190,
    actions: ['debrief'],
  },
  {
    org: 'commune-ixelles',
    point: 'maison-communale',
    reporter: 'agent.ixelles@',
    type: 'verbal_aggression',
    severity: 'low',
    daysAgo: 33,
    actions: ['debrief'],
  },
  {
    org: 'commune-ixelles',
    point: 'maison-communale',
    reporter: 'agent.ixelles@',
    type: 'threat',
    severity: 'medium',
    daysAgo: 96,
    actions: ['debrief', 'support'],
  },
];

export async function seedSafetyDemo(db: Database): Promise<{ safetyIncidentsCreated: number }> {
  await db.query(
    `INSERT INTO contact_point_staff (contact_point_id, account_id, is_manager)
     SELECT cp.id, a.id, m.manager
       FROM jsonb_to_recordset($1::jsonb) AS m(org text, point text, email text, manager boolean)
       JOIN organisations o ON o.code = m.org
       JOIN contact_points cp ON cp.organisation_id = o.id AND cp.code = m.point
       JOIN accounts a ON lower(a.email) = m.email AND a.organisation_id = o.id
     ON CONFLICT (contact_point_id, account_id) DO NOTHING`,
    [JSON.stringify(DEMO_MEMBERSHIPS.map(([org, point, email, manager]) => ({ org, point, email, manager })))],
  );
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM safety_incidents i JOIN organisations o ON o.id = i.organisation_id WHERE o.code IN ('commune-schaerbeek', 'commune-ixelles')`,
  );
  if (rows[0]!.n > 0) return { safetyIncidentsCreated: 0 };
  let created = 0;
  await db.transaction(async (tx) => {
    for (const incident of DEMO_INCIDENTS) {
      const manager = incident.org === 'commune-ixelles' ? 'manager.ixelles@demo.irisdesk.brussels' : 'manager@demo.irisdesk.brussels';
      const { rows: inserted } = await tx.query<{ id: string }>(
        `INSERT INTO safety_incidents (organisation_id, reporter_account_id, type, severity, contact_point_id, place_text, occurred_at,
                                       description, persons_involved, status, closed_at, closed_by, closing_note)
         SELECT o.id, r.id, $4, $5, cp.id, $7, (date_trunc('day', now() AT TIME ZONE 'Europe/Brussels') - make_interval(days => $6::int) + interval '10 hours 15 minutes') AT TIME ZONE 'Europe/Brussels',
                'Démo : un usager mécontent a élevé la voix au guichet ; la situation s’est calmée avec l’aide d’un collègue.',
                'Démo : un usager (inconnu), un collègue témoin.',
                'closed', now() - make_interval(days => $6::int) + interval '10 days', m.id, 'Démo : suivi terminé.'
           FROM organisations o
           JOIN accounts r ON lower(r.email) = $2 || 'demo.irisdesk.brussels'
           JOIN accounts m ON lower(m.email) = $8
           LEFT JOIN contact_points cp ON cp.organisation_id = o.id AND cp.code = $3
          WHERE o.code = $1
         RETURNING id`,
        [incident.org, incident.reporter, incident.point, incident.type, incident.severity, incident.daysAgo, incident.place ?? null, manager],
      );
      const id = inserted[0]?.id;
      if (!id) continue;
      created += 1;
      for (const kind of incident.actions) {
        await tx.query(
          `INSERT INTO safety_actions (incident_id, kind, status, done_at, outcome_note, due_date)
           VALUES ($1, $2, 'done', now() - make_interval(days => $3::int) + interval '7 days', 'Démo : fait.',
                   (now() - make_interval(days => $3::int) + interval '7 days')::date)`,
          [id, kind, incident.daysAgo],
        );
      }
    }
  });
  return { safetyIncidentsCreated: created };
}
