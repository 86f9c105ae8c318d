// Filtered survey results (decision 0017): a period of Brussels days, the source (link, invitation or the
// contact's channel), and on a regional survey the organisation of the contact with a breakdown per
// organisation; suppression outside the owner computed on the filtered set; bad filters refused with field
// errors in the request's language; the CSV and the page carry the filters.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../test/app.ts';

let t: TestApp;
let orgIds: Record<string, string>;
let thirdOrg: string;
let editor: TestClient;
let analyst: TestClient;
let admin: TestClient;
let contacts = 0;

async function signedIn(email: string) {
  const client = t.client();
  await client.login(email);
  return client;
}

/** An open survey from the NPS template (one NPS question, one free text), for the owner's client. */
async function openNpsSurvey(client: TestClient, owner: 'organisation' | 'region', channels: string[]) {
  const { id, slug } = (await client.request('POST', '/api/v1/surveys', { json: { owner, templateCode: 'nps' } })).json();
  let detail = (await client.get(`/api/v1/surveys/${id}`)).json();
  const patched = await client.request('PATCH', `/api/v1/surveys/${id}`, {
    json: { version: detail.survey.version, title: detail.survey.title, linkEnabled: true, samplingRate: 100, channels },
  });
  expect(patched.statusCode).toBe(204);
  detail = (await client.get(`/api/v1/surveys/${id}`)).json();
  expect((await client.request('POST', `/api/v1/surveys/${id}/open`, { json: { version: detail.survey.version } })).statusCode).toBe(204);
  return { id: id as string, slug: slug as string, npsId: detail.questions[0].id as string, textId: detail.questions[1].id as string };
}

/** Moves the responses (and invitations) just recorded to an instant in 2025, so that periods can be tested. */
async function dated(surveyId: string, at: string) {
  await t.db.query(`UPDATE survey_responses SET submitted_at = $2 WHERE survey_id = $1 AND submitted_at > '2025-12-31'`, [surveyId, at]);
  await t.db.query(`UPDATE survey_invitations SET created_at = $2 WHERE survey_id = $1 AND created_at > '2025-12-31'`, [surveyId, at]);
}

async function byLink(survey: { slug: string; npsId: string; textId: string }, count: number, at: string, text?: string) {
  for (let i = 0; i < count; i++) {
    const client = t.client();
    client.remoteAddress = `198.51.100.${(contacts++ % 250) + 1}`;
    const answers = { [survey.npsId]: 9, ...(text ? { [survey.textId]: text } : {}) };
    expect((await client.request('POST', `/api/v1/surveys/public/${survey.slug}/responses`, { json: { answers } })).statusCode).toBe(201);
  }
  await dated((await t.db.query<{ id: string }>('SELECT id FROM surveys WHERE slug = $1', [survey.slug])).rows[0]!.id, at);
}

async function afterContacts(survey: { id: string; npsId: string }, organisationId: string, channel: string, count: number, at: string) {
  for (let i = 0; i < count; i++) {
    const invitation = await t.services.surveys.maybeInvite(
      t.db,
      { organisationId, channel, language: 'fr', source: { kind: 'request', id: `filters-${contacts++}` } },
      () => 0,
    );
    expect(invitation?.surveyId).toBe(survey.id);
    expect(
      (await t.client().request('POST', `/api/v1/surveys/invitations/${invitation!.token}`, { json: { answers: { [survey.npsId]: 3 } } })).statusCode,
    ).toBe(201);
  }
  await dated(survey.id, at);
}

const results = async (client: TestClient, id: string, query = '') => {
  const response = await client.get(`/api/v1/surveys/${id}/results${query}`);
  expect(response.statusCode).toBe(200);
  return response.json();
};

beforeAll(async () => {
  t = await createTestApp();
  const { rows } = await t.db.query<{ id: string; code: string }>('SELECT id, code FROM organisations ORDER BY code');
  orgIds = Object.fromEntries(rows.map((row) => [row.code, row.id]));
  thirdOrg = rows.map((row) => row.code).find((code) => code !== 'commune-ixelles' && code !== 'commune-schaerbeek' && code > 'commune-schaerbeek')!;
  editor = await signedIn('editor@demo.irisdesk.brussels');
  analyst = await signedIn('analyst@demo.irisdesk.brussels');
  admin = await signedIn('admin@demo.irisdesk.brussels');
});
afterAll(() => t.close());

describe("an organisation's survey", () => {
  let survey: Awaited<ReturnType<typeof openNpsSurvey>>;
  beforeAll(async () => {
    survey = await openNpsSurvey(editor, 'organisation', ['phone', 'counter']);
    await byLink(survey, 12, '2025-03-10T10:00:00Z', 'Très bien');
    await afterContacts(survey, orgIds['commune-schaerbeek']!, 'phone', 11, '2025-03-15T10:00:00Z');
    await afterContacts(survey, orgIds['commune-schaerbeek']!, 'counter', 3, '2025-03-15T10:00:00Z');
    // 23:30 on 20 March in Brussels (UTC+1) is still the 20th; 00:30 is the 21st.
    await byLink(survey, 1, '2025-03-20T22:30:00Z');
    await byLink(survey, 1, '2025-03-20T23:30:00Z', 'Trop tard');
  });

  it('keeps the output unchanged without filters', async () => {
    const all = await results(editor, survey.id);
    expect(all.summary).toEqual({ total: 28, viaLink: 14, viaInvitation: 14, invitations: 14 });
    expect(all).not.toHaveProperty('filters');
    expect(all).not.toHaveProperty('byOrganisation');
    expect(all.results[0]).toMatchObject({ kind: 'nps', respondents: 28 });
  });

  it('counts only the responses of the period, in whole Brussels days', async () => {
    const march10 = await results(editor, survey.id, '?from=2025-03-10&to=2025-03-10');
    expect(march10.summary).toEqual({ total: 12, viaLink: 12, viaInvitation: 0, invitations: 0 });
    expect(march10.filters).toEqual({ from: '2025-03-10', to: '2025-03-10', source: null, organisation: null });
    expect(march10.results[0]).toMatchObject({ respondents: 12, nps: { score: 100 } });
    expect((await results(editor, survey.id, '?to=2025-03-20')).summary.total).toBe(27);
    expect((await results(editor, survey.id, '?from=2025-03-21')).summary.total).toBe(1);
    expect((await results(editor, survey.id, '?from=2025-03-11&to=2025-03-19')).summary).toEqual({ total: 14, viaLink: 0, viaInvitation: 14, invitations: 14 });
  });

  it('filters by source: the public link, every invitation, or the channel of the contact', async () => {
    expect((await results(editor, survey.id, '?source=link')).summary).toEqual({ total: 14, viaLink: 14, viaInvitation: 0, invitations: 0 });
    expect((await results(editor, survey.id, '?source=invitation')).summary).toEqual({ total: 14, viaLink: 0, viaInvitation: 14, invitations: 14 });
    const phone = await results(editor, survey.id, '?source=phone');
    expect(phone.summary).toEqual({ total: 11, viaLink: 0, viaInvitation: 11, invitations: 11 });
    expect(phone.results[0]).toMatchObject({ respondents: 11, nps: { score: -100 } });
    expect((await results(editor, survey.id, '?source=email')).summary.total).toBe(0);
  });

  it('suppresses a small filtered set outside the owner, though the whole survey is not suppressed', async () => {
    const all = await results(analyst, survey.id);
    expect(all.suppressed).toBe(true);
    expect(all.results[0]).toMatchObject({ respondents: 28, suppressed: false, nps: { score: 0 } });
    const counter = await results(analyst, survey.id, '?source=counter');
    expect(counter.summary.total).toBe(3);
    expect(counter.results[0]).toMatchObject({ respondents: 3, suppressed: true, cells: [], mean: null, nps: null });
    // The owner sees the same small set in full.
    expect((await results(editor, survey.id, '?source=counter')).results[0]).toMatchObject({ respondents: 3, suppressed: false, mean: 3 });
  });

  it('refuses bad filters with field errors in the language of the request', async () => {
    const bad = await editor.get(`/api/v1/surveys/${survey.id}/results?lang=nl&from=2025-02-30&source=fax&organisation=commune-ixelles`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'validation.failed', status: 400 });
    expect(bad.json().error.fields).toEqual([
      { field: 'from', code: 'surveys.filter.invalidDate', message: 'from: geef een dag in als JJJJ-MM-DD (bijvoorbeeld 2026-03-31).' },
      { field: 'source', code: 'validation.enum', message: expect.stringContaining('link, invitation, phone') },
      {
        field: 'organisation',
        code: 'surveys.filter.regionalOnly',
        message: 'organisation: alleen een gewestelijke enquête kan per organisatie gefilterd worden.',
      },
    ]);
    const order = await editor.get(`/api/v1/surveys/${survey.id}/results.csv?lang=fr&from=2025-03-20&to=2025-03-10`);
    expect(order.statusCode).toBe(400);
    expect(order.json().error.fields).toEqual([
      { field: 'to', code: 'surveys.filter.periodOrder', message: 'to : le dernier jour ne peut pas précéder le premier.' },
    ]);
  });

  it('exports the filtered results as CSV', async () => {
    const csv = await analyst.get(`/api/v1/surveys/${survey.id}/results.csv?lang=en&source=phone`);
    expect(csv.statusCode).toBe(200);
    const summaryLine = csv.body.split('\r\n')[1]!;
    expect(summaryLine).toMatch(/^1,nps,".*",,,,,11,3,,-100,false$/);
    const all = await analyst.get(`/api/v1/surveys/${survey.id}/results.csv?lang=en`);
    expect(all.body.split('\r\n')[1]).toMatch(/^1,nps,".*",,,,,28,6,,0,false$/);
    const small = await analyst.get(`/api/v1/surveys/${survey.id}/results.csv?lang=en&source=counter`);
    expect(small.body.split('\r\n')[1]).toMatch(/^1,nps,".*",,,,,3,,,,true$/);
  });

  it('shows the filter form above the results, the free texts of the period and a CSV link with the filters', async () => {
    const page = await editor.get(`/fr/admin/surveys/${survey.id}/results?from=2025-03-21&to=&source=link`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<form method="get" action="/fr/admin/surveys/');
    expect(page.body).toMatch(/<label class="utrecht-form-label" for="field-from">Du \(jour inclus\)<\/label>/);
    expect(page.body).toMatch(/<input id="field-from"[^>]* name="from" type="date" value="2025-03-21"/);
    expect(page.body).toContain('<option value="link" selected>Lien public</option>');
    expect(page.body).not.toContain('name="organisation"');
    expect(page.body).toContain(`href="/api/v1/surveys/${survey.id}/results.csv?lang=fr&amp;from=2025-03-21&amp;source=link"`);
    expect(page.body).toContain('Trop tard');
    expect(page.body).not.toContain('Très bien');
    expect(page.body.indexOf('name="from"')).toBeLessThan(page.body.indexOf('<caption'));
  });

  it('shows the errors of a bad filter on the page, linked to the fields, with all the results', async () => {
    const page = await editor.get(`/nl/admin/surveys/${survey.id}/results?from=10-03-2025&to=2025-03-01`);
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('href="#field-from"');
    expect(page.body).toContain('Van (dag inbegrepen): geef een dag in als JJJJ-MM-DD');
    expect(page.body).toMatch(/<input id="field-from"[^>]*aria-invalid="true"[^>]*value="10-03-2025"/);
    expect(page.body).toContain('28 antwoorden');
  });
});

describe('a regional survey', () => {
  let survey: Awaited<ReturnType<typeof openNpsSurvey>>;
  beforeAll(async () => {
    survey = await openNpsSurvey(analyst, 'region', ['email', 'web']);
    await afterContacts(survey, orgIds['commune-schaerbeek']!, 'email', 12, '2025-05-05T10:00:00Z');
    await afterContacts(survey, orgIds['commune-ixelles']!, 'email', 3, '2025-05-05T10:00:00Z');
    await afterContacts(survey, orgIds[thirdOrg]!, 'web', 15, '2025-05-06T10:00:00Z');
    await byLink(survey, 2, '2025-05-06T10:00:00Z');
  });

  it('breaks the responses down per organisation of the contact for the owner, and filters on one', async () => {
    const all = await results(analyst, survey.id);
    expect(all.summary).toMatchObject({ total: 32, viaLink: 2, viaInvitation: 30 });
    expect(all.byOrganisation.map((row: { code: string; responses: number }) => [row.code, row.responses])).toEqual([
      ['commune-ixelles', 3],
      ['commune-schaerbeek', 12],
      [thirdOrg, 15],
    ]);
    const ixelles = await results(analyst, survey.id, '?organisation=commune-ixelles');
    expect(ixelles.summary).toEqual({ total: 3, viaLink: 0, viaInvitation: 3, invitations: 3 });
    expect(ixelles.filters.organisation).toBe('commune-ixelles');
    expect(ixelles.results[0]).toMatchObject({ respondents: 3, suppressed: false });
    expect(ixelles.byOrganisation).toHaveLength(3); // the breakdown ignores the organisation filter
    const byId = await results(analyst, survey.id, `?organisation=${orgIds['commune-schaerbeek']}`);
    expect(byId.summary.total).toBe(12);
    expect(byId.filters.organisation).toBe('commune-schaerbeek');
    // The period and source filters apply to the breakdown.
    const may6 = await results(analyst, survey.id, '?from=2025-05-06&to=2025-05-06&source=invitation');
    expect(may6.byOrganisation.map((row: { code: string }) => row.code)).toEqual([thirdOrg]);
    expect(may6.summary).toEqual({ total: 15, viaLink: 0, viaInvitation: 15, invitations: 15 });
  });

  it('hides small organisations outside the owner, and refuses to filter on them', async () => {
    const all = await results(admin, survey.id);
    expect(all.suppressed).toBe(true);
    expect(all.byOrganisation.map((row: { code: string; responses: number | null; suppressed: boolean }) => [row.code, row.responses, row.suppressed])).toEqual(
      [
        ['commune-ixelles', null, true],
        ['commune-schaerbeek', null, true], // alone, Ixelles would be the total minus the others
        [thirdOrg, 15, false],
      ],
    );
    const refused = await admin.get(`/api/v1/surveys/${survey.id}/results?organisation=commune-ixelles&lang=en`);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields).toEqual([
      { field: 'organisation', code: 'surveys.filter.organisationSuppressed', message: expect.stringContaining('too few responses') },
    ]);
    expect((await admin.get(`/api/v1/surveys/${survey.id}/results.csv?organisation=commune-schaerbeek`)).statusCode).toBe(400);
    const shown = await results(admin, survey.id, `?organisation=${thirdOrg}`);
    expect(shown.results[0]).toMatchObject({ respondents: 15, suppressed: false });
    const unknown = await analyst.get(`/api/v1/surveys/${survey.id}/results?organisation=no-such-organisation&lang=fr`);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields[0]).toMatchObject({
      field: 'organisation',
      code: 'surveys.filter.unknownOrganisation',
      message: 'organisation : aucune organisation ne porte ce code.',
    });
  });

  it('shows the breakdown table and the organisation filter on the page', async () => {
    const own = await analyst.get(`/en/admin/surveys/${survey.id}/results?organisation=commune-ixelles`);
    expect(own.statusCode).toBe(200);
    expect(own.body).toMatch(/<caption class="utrecht-table__caption"[^>]*>Responses per organisation<\/caption>/);
    expect(own.body).toMatch(/<label class="utrecht-form-label" for="field-organisation">Organisation of the contact<\/label>/);
    expect(own.body).toContain('<option value="commune-ixelles" selected>');
    expect(own.body).toContain(`results.csv?lang=en&amp;organisation=commune-ixelles"`);
    const outside = await admin.get(`/fr/admin/surveys/${survey.id}/results`);
    expect(outside.statusCode).toBe(200);
    expect(outside.body).toContain('<td class="utrecht-table__cell">Masqué</td>');
    expect(outside.body).not.toContain('<option value="commune-ixelles"');
    expect(outside.body).toContain(`<option value="${thirdOrg}">`);
  });
});
