// The demo surveys: seeded once with the demo data, answered, readable by their owners, public by link, and
// never drawing invitations (no sampling), so the demo's own contacts are not affected.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { DEMO_SURVEYS, seedSurveysDemo } from './surveys.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('demo surveys', () => {
  it('are open by link only, with anonymous responses per organisation and channel, and seeded once', async () => {
    const { rows } = await t.db.query<{
      slug: string;
      status: string;
      samplingRate: number;
      regional: boolean;
      responses: number;
      organisations: number;
      viaLink: number;
    }>(
      `SELECT s.slug, s.status, s.sampling_rate AS "samplingRate", s.organisation_id IS NULL AS regional,
              count(r.id)::int AS responses, count(DISTINCT r.organisation_id)::int AS organisations,
              count(*) FILTER (WHERE r.via = 'link')::int AS "viaLink"
         FROM surveys s JOIN survey_responses r ON r.survey_id = s.id
        WHERE s.slug = ANY($1::text[]) GROUP BY s.id ORDER BY s.slug`,
      [DEMO_SURVEYS.map((survey) => survey.slug)],
    );
    expect(rows).toEqual([
      { slug: 'demo-accueil-schaerbeek', status: 'open', samplingRate: 0, regional: false, responses: 86, organisations: 1, viaLink: 32 },
      { slug: 'demo-barometre-regional', status: 'open', samplingRate: 0, regional: true, responses: 104, organisations: 4, viaLink: 12 },
    ]);
    expect(await seedSurveysDemo(t.db)).toEqual({ surveyResponsesCreated: 0 });
  });

  it('shows its results to the owning organisation and its form to anyone', async () => {
    const manager = t.client();
    await manager.login('manager@demo.irisdesk.brussels');
    const list = (await manager.get('/api/v1/surveys')).json() as Array<{ id: string; slug: string }>;
    const survey = list.find((s) => s.slug === 'demo-accueil-schaerbeek')!;
    const results = await manager.get(`/api/v1/surveys/${survey.id}/results`);
    expect(results.statusCode).toBe(200);
    expect(results.json().suppressed).toBe(false);
    expect(results.json().results.length).toBeGreaterThanOrEqual(5);
    for (const lang of ['fr', 'nl', 'en']) {
      const form = await t.client().get(`/${lang}/surveys/demo-accueil-schaerbeek`);
      expect(form.statusCode).toBe(200);
    }
  });
});
