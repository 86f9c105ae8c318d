// The satisfaction module end to end: the public questionnaire contract (API and page), one answer per
// invitation even under concurrency, scrubbing at storage, suppression of small cells outside the
// organisation, and tenant isolation of the dashboards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../test/app.ts';
import type { FeedbackInvitationInput } from './service.ts';
import type { FeedbackAnswerInput } from './questionnaire.ts';

let t: TestApp;
let orgIds: Record<string, string>;
let sequence = 0;

const VALID = { overall: 5, clarity: 4, effort: 4, needMet: 'yes', reached: true, channelsUsed: ['web'], recommend: 9 };

async function invite(organisation: string, extra: Partial<FeedbackInvitationInput> = {}) {
  return t.services.satisfaction.createFeedbackInvitation(t.db, {
    organisationId: orgIds[organisation]!,
    channel: 'phone',
    contactAt: new Date('2026-03-10T10:00:00Z'),
    language: 'nl',
    source: { kind: 'request', id: `test-${++sequence}` },
    ...extra,
  });
}

async function answersOf(token: string) {
  const { rows } = await t.db.query<{ count: number }>(
    `SELECT count(*)::int AS count FROM feedback_answers a JOIN feedback_invitations i ON i.id = a.invitation_id
      WHERE i.token_hash = encode(sha256(convert_to($1, 'UTF8')), 'hex')`,
    [token],
  );
  return rows[0]!.count;
}

beforeAll(async () => {
  t = await createTestApp();
  const { rows } = await t.db.query<{ id: string; code: string }>('SELECT id, code FROM organisations');
  orgIds = Object.fromEntries(rows.map((row) => [row.code, row.id]));
});
afterAll(() => t.close());

describe('the questionnaire after a contact (public contract)', () => {
  it('gives the questionnaire in the language of the invitation, or the one asked for', async () => {
    const { token, url } = await invite('commune-schaerbeek', { serviceCode: undefined });
    expect(url).toMatch(new RegExp(`/nl/feedback/${token}$`));
    const nl = await t.client().get(`/api/v1/feedback/${token}`);
    expect(nl.statusCode).toBe(200);
    const body = nl.json();
    expect(body).toMatchObject({ language: 'nl', state: 'open', channel: 'phone', contactDate: '2026-03-10', organisation: { code: 'commune-schaerbeek' } });
    expect(body.questions.map((q: { id: string }) => q.id)).toEqual([
      'overall',
      'clarity',
      'effort',
      'needMet',
      'reached',
      'channelsUsed',
      'recommend',
      'comment',
    ]);
    expect(body.questions[0].text).toBe('Bent u over het algemeen tevreden over dit contact?');
    const fr = await t.client().get(`/api/v1/feedback/${token}?lang=fr`);
    expect(fr.json().questions[0].text).toBe('Dans l’ensemble, êtes-vous satisfait·e de ce contact ?');
  });

  it('records one answer (201), refuses the second (409) and unknown tokens (404)', async () => {
    const { token } = await invite('commune-schaerbeek');
    const client = t.client();
    const first = await client.request('POST', `/api/v1/feedback/${token}`, { json: VALID });
    expect(first.statusCode).toBe(201);
    const again = await client.request('POST', `/api/v1/feedback/${token}`, { json: { ...VALID, overall: 1 } });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('feedback.already_answered');
    expect(await answersOf(token)).toBe(1);
    expect((await client.get(`/api/v1/feedback/${token}`)).json().state).toBe('answered');
    const unknown = await client.request('POST', '/api/v1/feedback/no-such-token', { json: VALID });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('feedback.not_found');
    expect((await client.get('/api/v1/feedback/no-such-token')).statusCode).toBe(404);
  });

  it('stores exactly one answer when two arrive at the same time', async () => {
    const { token } = await invite('commune-ixelles', { contactAt: new Date('2019-05-05T10:00:00Z') });
    const [a, b] = await Promise.all([
      t.client().request('POST', `/api/v1/feedback/${token}`, { json: VALID }),
      t.client().request('POST', `/api/v1/feedback/${token}`, { json: { ...VALID, overall: 2 } }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    expect(await answersOf(token)).toBe(1);
    const { rows } = await t.db.query<{ answers: number }>(
      `SELECT sum(answers)::int AS answers FROM satisfaction_aggregates WHERE organisation_id = $1 AND month = '2019-05-01'`,
      [orgIds['commune-ixelles']],
    );
    expect(rows[0]!.answers).toBe(1);
    const monthly = await t.db.query<{ answers: number }>(`SELECT answers FROM satisfaction_monthly WHERE organisation_id = $1 AND month = '2019-05-01'`, [
      orgIds['commune-ixelles'],
    ]);
    expect(monthly.rows).toEqual([{ answers: 1 }]);
  });

  it('refuses out-of-range ratings, missing answers and oversize comments with field errors, storing nothing', async () => {
    const { token } = await invite('commune-schaerbeek');
    const client = t.client();
    const outOfRange = await client.request('POST', `/api/v1/feedback/${token}?lang=en`, { json: { ...VALID, overall: 6, recommend: 11 } });
    expect(outOfRange.statusCode).toBe(400);
    const fields = outOfRange.json().error.fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['overall', 'recommend']));
    const missing = await client.request('POST', `/api/v1/feedback/${token}`, { json: { overall: 4, clarity: 4, effort: 4 } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.fields.map((f: { field: string }) => f.field)).toEqual(expect.arrayContaining(['needMet', 'reached']));
    const long = await client.request('POST', `/api/v1/feedback/${token}`, { json: { ...VALID, comment: 'x'.repeat(2001) } });
    expect(long.statusCode).toBe(400);
    expect(long.json().error.fields[0].field).toBe('comment');
    expect(await answersOf(token)).toBe(0);
    expect((await client.request('POST', `/api/v1/feedback/${token}`, { json: VALID })).statusCode).toBe(201);
  });

  it('stores comments scrubbed of e-mail addresses, phone and national register numbers', async () => {
    const { token } = await invite('commune-schaerbeek');
    const comment = 'Rappelez-moi au 0470 12 34 56 ou jean@example.be, NN 85.07.31-001.23. Merci pour l’accueil.';
    expect((await t.client().request('POST', `/api/v1/feedback/${token}`, { json: { ...VALID, comment } })).statusCode).toBe(201);
    const { rows } = await t.db.query<{ comment: string }>(
      `SELECT a.comment FROM feedback_answers a JOIN feedback_invitations i ON i.id = a.invitation_id
        WHERE i.token_hash = encode(sha256(convert_to($1, 'UTF8')), 'hex')`,
      [token],
    );
    expect(rows[0]!.comment).toBe('Rappelez-moi au [phone] ou [e-mail], NN [national number]. Merci pour l’accueil.');
  });

  it('refuses an invitation for a service or contact point that does not exist', async () => {
    await expect(invite('commune-schaerbeek', { serviceCode: 'no-such-service' })).rejects.toMatchObject({ status: 400 });
  });
});

describe('the questionnaire page (no JavaScript needed)', () => {
  it('shows the form in the page language, records the answer and then says it was given', async () => {
    const { token } = await invite('commune-schaerbeek', { language: 'fr' });
    const client = t.client();
    const page = await client.get(`/en/feedback/${token}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Overall, how satisfied are you with this contact?');
    const incomplete = await client.submitForm(`/en/feedback/${token}`, `/en/feedback/${token}`, { overall: '4' });
    expect(incomplete.statusCode).toBe(400);
    expect(incomplete.body).toContain('href="#field-needMet"');
    expect(await answersOf(token)).toBe(0);
    const sent = await client.submitForm(`/en/feedback/${token}`, `/en/feedback/${token}`, {
      overall: '4',
      clarity: '5',
      effort: '3',
      needMet: 'partly',
      reached: 'yes',
      channelsUsed: ['counter', 'phone'],
      recommend: '',
      comment: 'ok',
    });
    expect(sent.statusCode).toBe(303);
    expect(sent.headers.location).toBe('/en/feedback/thanks');
    expect(await answersOf(token)).toBe(1);
    const replay = await client.get(`/nl/feedback/${token}`);
    expect(replay.statusCode).toBe(409);
    expect(replay.body).toContain('U hebt al feedback gegeven over dit contact.');
    expect((await client.get('/fr/feedback/unknown-token')).statusCode).toBe(404);
  });
});

describe('dashboards, suppression and isolation', () => {
  let manager: TestClient;
  let ixellesManager: TestClient;
  let analyst: TestClient;

  beforeAll(async () => {
    manager = t.client();
    await manager.login('manager@demo.irisdesk.brussels');
    ixellesManager = t.client();
    await ixellesManager.login('manager.ixelles@demo.irisdesk.brussels');
    analyst = t.client();
    await analyst.login('analyst@demo.irisdesk.brussels');
    // Nine answers for Ixelles in January 2018: too few to publish outside Ixelles.
    for (let i = 0; i < 9; i++) {
      const { token } = await invite('commune-ixelles', { contactAt: new Date('2018-01-15T10:00:00Z'), channel: 'counter' });
      const overall = i < 6 ? 5 : 2;
      expect((await t.client().request('POST', `/api/v1/feedback/${token}`, { json: { ...VALID, overall } })).statusCode).toBe(201);
    }
  });

  const period = 'from=2018-01&to=2018-01';

  it('hides figures under 10 answers outside the organisation, shows them inside', async () => {
    const region = await analyst.get(`/api/v1/satisfaction/region?${period}`);
    expect(region.statusCode).toBe(200);
    const ixelles = region.json().organisations.find((o: { code: string }) => o.code === 'commune-ixelles');
    expect(ixelles.indicators).toMatchObject({ answers: 9, suppressed: true, csat: null, score10: null });
    const own = await ixellesManager.get(`/api/v1/satisfaction/organisations/commune-ixelles?${period}`);
    expect(own.json().total).toMatchObject({ answers: 9, suppressed: false, csat: 66.7 });
    const seenByAnalyst = await analyst.get(`/api/v1/satisfaction/organisations/commune-ixelles?${period}`);
    expect(seenByAnalyst.json().total).toMatchObject({ answers: 9, csat: null });
    const open = await t.client().get(`/api/v1/opendata/satisfaction.json?${period}`);
    expect(open.json().rows).toEqual([
      expect.objectContaining({ organisationCode: 'commune-ixelles', month: '2018-01', indicators: expect.objectContaining({ answers: 9, csat: null }) }),
    ]);

    const { token } = await invite('commune-ixelles', { contactAt: new Date('2018-01-20T10:00:00Z'), channel: 'counter' });
    expect((await t.client().request('POST', `/api/v1/feedback/${token}`, { json: { ...VALID, overall: 4 } })).statusCode).toBe(201);
    const published = (await analyst.get(`/api/v1/satisfaction/region?${period}`))
      .json()
      .organisations.find((o: { code: string }) => o.code === 'commune-ixelles');
    expect(published.indicators).toMatchObject({ answers: 10, suppressed: false, csat: 70, score10: 7.5 });
    const csv = await t.client().get(`/api/v1/opendata/satisfaction.csv?${period}`);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\r\n')[1]).toMatch(/^commune-ixelles,commune,.*,2018-01,10,false,70,7\.5,/);
  });

  it('refuses a manager another organisation’s figures, by API, export and page', async () => {
    const api = await manager.get(`/api/v1/satisfaction/organisations/commune-ixelles?${period}`);
    expect(api.statusCode).toBe(403);
    expect(api.body).not.toContain('"answers"');
    expect((await manager.get(`/api/v1/satisfaction/organisations/commune-ixelles/export.csv`)).statusCode).toBe(403);
    expect((await manager.get('/en/satisfaction/organisations/commune-ixelles')).statusCode).toBe(403);
    expect((await manager.get('/api/v1/satisfaction/region')).statusCode).toBe(403);
    const agent = t.client();
    await agent.login('agent@demo.irisdesk.brussels');
    expect((await agent.get('/api/v1/satisfaction/organisations/commune-schaerbeek')).statusCode).toBe(403);
    expect((await t.client().get('/api/v1/satisfaction/region')).statusCode).toBe(401);
  });

  it('renders the dashboards with charts and data tables in three languages', async () => {
    for (const lang of ['fr', 'nl', 'en']) {
      const own = await manager.get(`/${lang}/satisfaction/organisations/commune-schaerbeek`);
      expect(own.statusCode).toBe(200);
      expect(own.body).toContain('<svg');
      expect(own.body).toContain('<caption');
      const region = await analyst.get(`/${lang}/satisfaction/region?rank=score10`);
      expect(region.statusCode).toBe(200);
      expect(region.body).toContain('role="img"');
      const barometer = await t.client().get(`/${lang}/barometer`);
      expect(barometer.statusCode).toBe(200);
      // Contact points lead with a chart too, its figures behind "show as a table" (issue 15).
      const byContactPoint = barometer.body.slice(barometer.body.indexOf('aria-labelledby="barometer-contact-points-caption"'));
      expect(byContactPoint).toMatch(/^aria-labelledby="barometer-contact-points-caption"[^]*?<svg[^]*?role="img"[^]*?<table/);
    }
    const region = await analyst.get('/en/satisfaction/region');
    expect(region.body).toContain('people were satisfied with their contact');
    expect((await manager.get('/en/satisfaction')).headers.location).toBe('/en/satisfaction/organisations/commune-schaerbeek');
    expect((await analyst.get('/en/satisfaction')).headers.location).toBe('/en/satisfaction/region');
  });

  it('exports CSV and JSON, and describes open data with DCAT-AP', async () => {
    const csv = await manager.get(`/api/v1/satisfaction/organisations/commune-schaerbeek/export.csv?from=2026-03&to=2026-03`);
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('dimension,value,answers,suppressed,csat');
    const catalog = await t.client().get('/api/v1/opendata/catalog.jsonld');
    expect(catalog.statusCode).toBe(200);
    expect(catalog.json()['@type']).toBe('dcat:Catalog');
    expect(JSON.stringify(catalog.json())).toContain('/api/v1/opendata/satisfaction.csv');
    // DCAT-AP: languages as EU authority IRIs (nodes, not strings); the licence on each distribution.
    expect(catalog.json()['dct:language']).toEqual(
      ['FRA', 'NLD', 'ENG'].map((code) => ({ '@id': `http://publications.europa.eu/resource/authority/language/${code}` })),
    );
    for (const dataset of catalog.json()['dcat:dataset']) {
      expect(dataset).not.toHaveProperty('dct:license');
      for (const distribution of dataset['dcat:distribution']) {
        expect(distribution['dct:license']).toEqual({ '@id': 'http://publications.europa.eu/resource/authority/licence/CC0' });
      }
    }
  });

  it('refuses a malformed period with a clear message', async () => {
    const bad = await analyst.get('/api/v1/satisfaction/region?from=2026-13');
    expect(bad.statusCode).toBe(400);
    const reversed = await analyst.get('/api/v1/satisfaction/region?from=2026-05&to=2026-01&lang=en');
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().error.fields[0].message).toBe('from: the start of the period must come before its end.');
  });

  it('lets staff make a feedback link for a contact of their own organisation', async () => {
    const agent = t.client();
    await agent.login('agent@demo.irisdesk.brussels');
    const made = await agent.request('POST', '/api/v1/satisfaction/invitations', { json: { channel: 'counter', language: 'fr' } });
    expect(made.statusCode).toBe(201);
    const token = made.json().token;
    expect((await t.client().get(`/api/v1/feedback/${token}`)).json().organisation.code).toBe('commune-schaerbeek');
  });
});

describe('Single Digital Gateway feedback statistics (open data)', () => {
  let serviceCode: string;

  beforeAll(async () => {
    serviceCode = (await t.db.query<{ code: string }>('SELECT code FROM services ORDER BY code LIMIT 1')).rows[0]!.code;
    // Q2 2017, on the web: 6 satisfied, 2 who could not get what they needed, 2 partly; Q3 2017 by phone: 3 answers.
    const answers = [
      ...Array.from({ length: 6 }, () => VALID),
      ...Array.from({ length: 2 }, () => ({ ...VALID, overall: 2, effort: 2, needMet: 'no', reached: false })),
      ...Array.from({ length: 2 }, () => ({ ...VALID, overall: 3, effort: 3, needMet: 'partly', comment: 'Le formulaire en ligne ne fonctionnait pas' })),
    ];
    for (const answer of answers) {
      const { token } = await invite('commune-schaerbeek', { serviceCode, channel: 'web', contactAt: new Date('2017-05-10T10:00:00Z') });
      await t.services.satisfaction.submitAnswer(token, answer as FeedbackAnswerInput);
    }
    for (let i = 0; i < 3; i++) {
      const { token } = await invite('commune-schaerbeek', { serviceCode, channel: 'phone', contactAt: new Date('2017-08-10T10:00:00Z') });
      await t.services.satisfaction.submitAnswer(token, VALID as FeedbackAnswerInput);
    }
  });

  it('gives answers, ratings and reported obstacles per service and quarter, suppressed under 10, without comments', async () => {
    const response = await t.client().get('/api/v1/opendata/sdg-feedback.json?from=2017-05&to=2017-08');
    expect(response.statusCode).toBe(200);
    expect(response.headers['access-control-allow-origin']).toBe('*');
    const body = response.json();
    expect(body).toMatchObject({ granularity: 'quarter', channel: null, conformsTo: 'http://data.europa.eu/eli/reg_impl/2020/1121/oj' });
    expect(body.period).toMatchObject({ from: '2017-04', to: '2017-09' }); // widened to whole quarters
    const rows = body.rows.filter((r: { organisationCode: string }) => r.organisationCode === 'commune-schaerbeek');
    expect(rows.map((r: { period: string }) => r.period)).toEqual(['2017-Q2', '2017-Q3']);
    expect(rows[0]).toMatchObject({
      serviceCode,
      start: '2017-04-01',
      end: '2017-06-30',
      answers: 10,
      suppressed: false,
      ratings: { overallMean: 4, satisfied: 60, clarity: 100, easy: 60, needMet: 60 },
      obstacles: { needNotMet: 2, needPartlyMet: 2, couldNotReach: 2, notEasy: 4 },
    });
    expect(rows[0].serviceUrls.nl).toMatch(new RegExp(`/nl/services/${serviceCode}$`));
    expect(rows[1]).toMatchObject({
      answers: 3,
      suppressed: true,
      ratings: { overallMean: null, satisfied: null },
      obstacles: { needNotMet: null, notEasy: null },
    });
    expect(response.body).not.toContain('formulaire');

    const web = (await t.client().get('/api/v1/opendata/sdg-feedback.json?from=2017-04&to=2017-09&channel=web')).json();
    expect(web.rows.map((r: { period: string; answers: number }) => [r.period, r.answers])).toEqual([['2017-Q2', 10]]);
    const monthly = (await t.client().get('/api/v1/opendata/sdg-feedback.json?from=2017-05&to=2017-05&granularity=month')).json();
    expect(monthly.rows).toEqual([expect.objectContaining({ period: '2017-05', start: '2017-05-01', end: '2017-05-31', answers: 10 })]);

    const csv = await t.client().get('/api/v1/opendata/sdg-feedback.csv?from=2017-04&to=2017-06');
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.split('\r\n');
    expect(lines[0]).toMatch(
      /^organisation_code,.*,service_code,.*,period,period_start,period_end,answers,suppressed,rating_mean_1_5,rating_satisfied_pct,.*,obstacle_need_not_met,obstacle_need_partly_met,obstacle_could_not_reach,obstacle_not_easy$/,
    );
    expect(lines[1]).toMatch(new RegExp(`^commune-schaerbeek,commune,.*,${serviceCode},.*,2017-Q2,2017-04-01,2017-06-30,10,false,4,60,.*,2,2,2,4$`));
  });

  it('refuses a bad granularity, channel or period, and is described in the DCAT-AP catalogue and linked from the barometer', async () => {
    expect((await t.client().get('/api/v1/opendata/sdg-feedback.json?granularity=week')).statusCode).toBe(400);
    expect((await t.client().get('/api/v1/opendata/sdg-feedback.csv?channel=pigeon')).statusCode).toBe(400);
    expect((await t.client().get('/api/v1/opendata/sdg-feedback.json?from=2017-09&to=2017-01')).statusCode).toBe(400);
    const catalog = (await t.client().get('/api/v1/opendata/catalog.jsonld')).json();
    const sdg = catalog['dcat:dataset'].find((d: { 'dct:identifier': string }) => d['dct:identifier'] === 'irisdesk-sdg-feedback');
    expect(JSON.stringify(sdg['dcat:distribution'])).toContain('/api/v1/opendata/sdg-feedback.csv');
    // the existing public contract is unchanged
    expect(catalog['dcat:dataset'][0]['dct:identifier']).toBe('irisdesk-satisfaction');
    expect((await t.client().get('/api/v1/opendata/satisfaction.csv?from=2017-04&to=2017-06')).body.split('\r\n')[0]).toBe(
      'organisation_code,organisation_kind,organisation_name_fr,organisation_name_nl,organisation_name_en,month,answers,suppressed,csat,score10,clarity,effort,need_met,reachability,autonomy,nps,nps_answers',
    );
    for (const lang of ['fr', 'nl', 'en']) {
      const page = await t.client().get(`/${lang}/barometer`);
      expect(page.body).toContain('href="/api/v1/opendata/sdg-feedback.csv"');
    }
  });
});
