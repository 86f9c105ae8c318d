// Demo answers to the standard questionnaire over the last twelve months for a handful of organisations,
// so that the dashboards, the barometer and open data show something on a first start. Clearly demo:
// invitations have source kind 'demo' and tokens nobody holds. One statement per step (generate_series), a
// couple of thousand rows: a start stays quick. Idempotent: nothing happens when demo answers exist.
import type { Database } from '../platform/db/database.ts';
import { rebuildAggregates } from '../satisfaction/repository.ts';

/** Organisation code → answers over 12 months and a quality bias (−1 … +1). One has too few to publish. */
export const DEMO_SATISFACTION: Record<string, { answers: number; bias: number }> = {
  'commune-schaerbeek': { answers: 600, bias: 0.3 },
  'commune-ixelles': { answers: 360, bias: 0 },
  'cpas-schaerbeek': { answers: 240, bias: -0.3 },
  actiris: { answers: 480, bias: 0.1 },
  'bruxelles-fiscalite': { answers: 300, bias: 0.5 },
  'commune-anderlecht': { answers: 60, bias: -0.2 },
};

export async function seedSatisfactionDemo(db: Database): Promise<{ feedbackAnswersCreated: number }> {
  const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM feedback_invitations WHERE source_kind = 'demo'`);
  if (rows[0]!.n > 0) return { feedbackAnswersCreated: 0 };
  const plan = Object.entries(DEMO_SATISFACTION).map(([code, value]) => ({ code, ...value }));
  return db.transaction(async (tx) => {
    const { rowCount } = await tx.query(
      `WITH plan AS (
         SELECT o.id, o.kind, p.answers, p.bias,
                (SELECT array_agg(s.code ORDER BY s.code) FROM services s
                  WHERE s.competent_organisation_id = o.id OR s.competent_kind = o.kind) AS services,
                (SELECT array_agg(cp.id ORDER BY cp.code) FROM contact_points cp WHERE cp.organisation_id = o.id) AS points
           FROM jsonb_to_recordset($1::jsonb) AS p(code text, answers int, bias float8)
           JOIN organisations o ON o.code = p.code),
       contacts AS (
         SELECT p.id AS organisation_id, p.bias, g,
                (ARRAY['counter', 'phone', 'email', 'web'])[1 + floor(random() * 4)::int] AS channel,
                CASE WHEN p.services IS NULL OR random() < 0.15 THEN NULL
                     ELSE p.services[1 + floor(random() * least(cardinality(p.services), 8))::int] END AS service_code,
                p.points,
                now() - random() * interval '360 days' AS contact_at,
                (ARRAY['fr', 'fr', 'nl', 'en'])[1 + floor(random() * 4)::int] AS language
           FROM plan p CROSS JOIN LATERAL generate_series(1, p.answers) AS g),
       invitations AS (
         INSERT INTO feedback_invitations (token_hash, organisation_id, service_code, channel, contact_point_id, contact_at, language,
                                           source_kind, source_id, expires_at, answered_at)
         SELECT md5(random()::text || c.organisation_id::text || c.g), c.organisation_id, c.service_code, c.channel,
                CASE WHEN c.channel = 'counter' AND c.points IS NOT NULL THEN c.points[1 + floor(random() * cardinality(c.points))::int] END,
                c.contact_at, c.language, 'demo', c.organisation_id::text || ':' || c.g,
                c.contact_at + interval '60 days', c.contact_at + interval '1 day'
           FROM contacts c
         RETURNING id, organisation_id, service_code, channel, contact_point_id, contact_at, language),
       draws AS (
         SELECT i.*, least(5, greatest(1, round(3.7 + p.bias + (random() - 0.5) * 3.2)))::smallint AS overall, random() AS r
           FROM invitations i JOIN plan p ON p.id = i.organisation_id)
       INSERT INTO feedback_answers (invitation_id, organisation_id, service_code, channel, contact_point_id, contact_at, answered_at,
                                     language, overall, clarity, effort, need_met, reached, channels_used, recommend, comment)
       SELECT d.id, d.organisation_id, d.service_code, d.channel, d.contact_point_id, d.contact_at, d.contact_at + interval '1 day',
              d.language, d.overall,
              least(5, greatest(1, d.overall + round((random() - 0.5) * 2)))::smallint,
              least(5, greatest(1, d.overall + round((random() - 0.6) * 2)))::smallint,
              CASE WHEN d.overall >= 4 THEN (CASE WHEN d.r < 0.85 THEN 'yes' ELSE 'partly' END)
                   WHEN d.overall = 3 THEN (CASE WHEN d.r < 0.4 THEN 'yes' WHEN d.r < 0.8 THEN 'partly' ELSE 'no' END)
                   ELSE (CASE WHEN d.r < 0.15 THEN 'yes' WHEN d.r < 0.5 THEN 'partly' ELSE 'no' END) END,
              d.overall >= 3 OR d.r < 0.5,
              CASE WHEN d.overall >= 4 THEN ARRAY[d.channel] ELSE ARRAY[d.channel, 'phone'] END,
              CASE WHEN random() < 0.4 THEN least(10, greatest(0, round(d.overall * 2 + (random() - 0.3) * 3)))::smallint END,
              CASE WHEN random() < 0.05 THEN
                (ARRAY['Accueil aimable et rapide.', 'Lange wachttijd aan het loket.', 'Clear answer by e-mail, thank you.',
                       'Difficile de joindre le service par téléphone.', 'Vriendelijke medewerker, duidelijke uitleg.'])[1 + floor(random() * 5)::int]
              END
         FROM draws d`,
      [JSON.stringify(plan)],
    );
    const { rows: ids } = await tx.query<{ id: string }>('SELECT id FROM organisations WHERE code = ANY($1)', [Object.keys(DEMO_SATISFACTION)]);
    await rebuildAggregates(
      tx,
      ids.map((row) => row.id),
    );
    return { feedbackAnswersCreated: rowCount };
  });
}
