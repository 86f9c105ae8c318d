// Operations indicators end to end (docs/decisions/0018-operations-indicators.md): figures recomputed from
// the contact center, queues, appointments and safety tables, refreshed on read (the organisation view now,
// the regional view and open data by a job), suppression under 10 records outside the organisation,
// tenant isolation, exports and pages in three languages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../test/app.ts';
import { runDueJobs } from '../../platform/jobs/worker.ts';
import { OPERATIONS_REFRESH_JOB } from './service.ts';

let t: TestApp;
let org: Record<string, string>;
let contactPointId: string;
let service: { id: string; code: string };
let manager: TestClient;
let analyst: TestClient;
let sequence = 0;

const PERIOD = 'from=2019-01&to=2019-06';
const minutes = (iso: string, add: number) => new Date(new Date(iso).getTime() + add * 60_000).toISOString();

async function contact(values: { channel: string; startedAt: string; minutes: number; outcome: string | null; contactPointId?: string | null }) {
  await t.db.query(
    `INSERT INTO cc_contacts (organisation_id, channel, service_code, contact_point_id, language, started_at, ended_at, outcome, source_kind, source_id)
     VALUES ($1, $2, $3, $4, 'fr', $5, $6, $7, 'console', $8)`,
    [
      org['commune-schaerbeek'],
      values.channel,
      service.code,
      values.contactPointId ?? null,
      values.startedAt,
      minutes(values.startedAt, values.minutes),
      values.outcome,
      `ops-${++sequence}`,
    ],
  );
}

/** March 2019 at Schaerbeek: 13 contacts, 3 requests, 2 tasks, 3 tickets, 6 appointments, 2 incidents. */
async function seedMarch2019() {
  const schaerbeek = org['commune-schaerbeek']!;
  for (let i = 0; i < 12; i++) {
    // 10:15 in Brussels (CET)
    await contact({
      channel: 'phone',
      startedAt: '2019-03-04T09:15:00Z',
      minutes: 6,
      outcome: i < 9 ? 'answered_first_contact' : i < 11 ? 'task_to_back_office' : 'abandoned',
    });
  }
  await contact({ channel: 'counter', startedAt: '2019-03-05T13:00:00Z', minutes: 10, outcome: 'answered_first_contact', contactPointId });

  const { rows: party } = await t.db.query<{ id: string }>(`INSERT INTO cc_parties (organisation_id, name) VALUES ($1, 'Test') RETURNING id`, [schaerbeek]);
  const created = '2019-03-06T08:00:00Z';
  const requestIds: string[] = [];
  for (let i = 0; i < 3; i++) {
    const { rows } = await t.db.query<{ id: string }>(
      `INSERT INTO cc_requests (reference, organisation_id, party_id, service_code, channel, language, subject, status, outcome,
                                first_response_due_at, resolution_due_at, first_responded_at, closed_at, created_at)
       VALUES ($1, $2, $3, $4, 'email', 'fr', 'Question', 'closed', 'answered_first_contact', $5, $6, $7, $8, $9) RETURNING id`,
      [
        `OPS-TEST-${i}`,
        schaerbeek,
        party[0]!.id,
        service.code,
        minutes(created, i < 2 ? 240 : 60),
        minutes(created, i < 2 ? 72 * 60 : 24 * 60),
        minutes(created, 120),
        minutes(created, 48 * 60),
        created,
      ],
    );
    requestIds.push(rows[0]!.id);
  }
  // a live chat answered after 12 minutes: a first response on channel chat, without a due time
  await t.db.query(
    `INSERT INTO chat_sessions (token_hash, organisation_id, language, status, address_hash, created_at, accepted_at, first_response_at, ended_at)
     VALUES ('ops-test-chat', $1, 'fr', 'closed', 'ops-test-address', '2019-03-06T09:00:00Z', '2019-03-06T09:11:00Z', '2019-03-06T09:12:00Z', '2019-03-06T09:30:00Z')`,
    [schaerbeek],
  );
  for (const answered of [true, false]) {
    await t.db.query(
      `INSERT INTO cc_tasks (request_id, from_organisation_id, to_organisation_id, question, status, answered_at, created_at)
       VALUES ($1, $2, $3, 'Which document?', $4, $5, '2019-03-06T10:00:00Z')`,
      [requestIds[0], schaerbeek, org['commune-ixelles'], answered ? 'answered' : 'open', answered ? '2019-03-07T10:00:00Z' : null],
    );
  }

  const { rows: queue } = await t.db.query<{ id: string }>(
    `INSERT INTO queue_services (contact_point_id, service_id, organisation_id, prefix) VALUES ($1, $2, $3, 'Q') RETURNING id`,
    [contactPointId, service.id, schaerbeek],
  );
  const tickets: Array<[number, string, number | null, number | null]> = [
    [10, 'done', 1, 6],
    [20, 'done', 20, 30],
    [30, 'no_show', null, null],
  ];
  for (const [n, [wait, status, serving, finished]] of tickets.entries()) {
    const issued = '2019-03-11T09:00:00Z';
    await t.db.query(
      `INSERT INTO queue_tickets (contact_point_id, organisation_id, queue_service_id, service_code, prefix, number, day, status, language,
                                  issued_at, queued_at, called_at, serving_at, finished_at)
       VALUES ($1, $2, $3, $4, 'Q', $5, '2019-03-11', $6, 'fr', $7, $7, $8, $9, $10)`,
      [
        contactPointId,
        schaerbeek,
        queue[0]!.id,
        service.code,
        n + 1,
        status,
        issued,
        minutes(issued, wait),
        serving === null ? null : minutes(issued, wait + serving - 1),
        finished === null ? null : minutes(issued, wait + finished - 1),
      ],
    );
  }
  for (const [seat, status] of ['seen', 'arrived', 'seen', 'no_show', 'booked', 'cancelled'].entries()) {
    await t.db.query(
      `INSERT INTO appointments (reference, contact_point_id, service_id, organisation_id, starts_at, ends_at, seat, status, name, email, email_key, language, manage_token_hash)
       VALUES ($1, $2, $3, $4, '2019-03-12T10:00:00Z', '2019-03-12T10:15:00Z', $5, $6, 'Test', 'test@example.org', 'test@example.org', 'fr', $7)`,
      [`OPSTEST${seat}`, contactPointId, service.id, schaerbeek, seat + 1, status, `ops-test-hash-${seat}`],
    );
  }
  for (const severity of ['high', 'low']) {
    await t.db.query(
      `INSERT INTO safety_incidents (organisation_id, type, severity, contact_point_id, occurred_at, description)
       VALUES ($1, 'verbal_aggression', $2, $3, '2019-03-13T14:00:00Z', 'Shouting at the desk')`,
      [schaerbeek, severity, contactPointId],
    );
  }
}

beforeAll(async () => {
  t = await createTestApp();
  const { rows } = await t.db.query<{ id: string; code: string }>('SELECT id, code FROM organisations');
  org = Object.fromEntries(rows.map((row) => [row.code, row.id]));
  const point = await t.db.query<{ id: string }>(
    `INSERT INTO contact_points (organisation_id, code, name, street, house_number, postal_code, municipality, opening_hours)
     VALUES ($1, 'ops-test-desk', '{"fr": "Guichet test", "nl": "Testloket", "en": "Test desk"}', '{"fr": "Place Colignon", "nl": "Colignonplein"}',
             '1', '1030', '{"fr": "Schaerbeek", "nl": "Schaarbeek"}', 'Mo-Fr 09:00-16:00') RETURNING id`,
    [org['commune-schaerbeek']],
  );
  contactPointId = point.rows[0]!.id;
  service = (await t.db.query<{ id: string; code: string }>('SELECT id, code FROM services ORDER BY code LIMIT 1')).rows[0]!;
  await seedMarch2019();
  manager = t.client();
  await manager.login('manager@demo.irisdesk.brussels');
  analyst = t.client();
  await analyst.login('analyst@demo.irisdesk.brussels');
});
afterAll(() => t.close());

describe('operations figures of an organisation', () => {
  it('computes every figure from the source tables, each with the number of records it rests on', async () => {
    const response = await manager.get(`/api/v1/satisfaction/organisations/commune-schaerbeek/operations?${PERIOD}`);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.suppressed).toBe(false);
    expect(body.refreshing).toBe(false);
    expect(body.asOf).not.toBeNull();
    const march = body.months.find((m: { month: string }) => m.month === '2019-03').operations;
    expect(march).toEqual(body.total);
    expect(body.total).toMatchObject({
      contacts: { value: 13, base: 13, suppressed: false },
      handleMinutes: { value: 6.3, base: 13 }, // (12 × 6 + 10) / 13
      firstContactResolution: { value: 83.3, base: 12 }, // 10 of the 12 with an outcome other than abandoned
      abandonment: { value: 7.7, base: 13 },
      firstResponseHours: { value: 1.6, base: 4 }, // (3 × 2 h + 12 min) / 4
      firstResponseSla: { value: 66.7, base: 3 },
      resolutionHours: { value: 48, base: 3 },
      resolutionSla: { value: 66.7, base: 3 },
      waitMinutes: { value: 20, base: 3 },
      serviceMinutes: { value: 7.5, base: 2 },
      noShowRate: { value: 25, base: 4 },
      tasksSent: { value: 2, base: 2 },
      taskTurnaroundHours: { value: 24, base: 1 },
      incidents: { value: 2, base: 2, suppressed: false },
    });
    expect(body.previous.contacts.value).toBe(0);
    expect(body.byChannel.map((r: { key: string }) => r.key).sort()).toEqual(['chat', 'counter', 'email', 'phone']);
    const desk = body.byContactPoint.find((r: { key: string }) => r.key === contactPointId).operations;
    expect(desk).toMatchObject({ contacts: { value: 1 }, waitMinutes: { value: 20 }, noShowRate: { value: 25 }, incidents: { value: 2 } });
    expect(body.byHour[10].contacts).toBe(12);
    expect(body.byHour[14].contacts).toBe(1);
    // a filter on one channel reads the detailed cells
    const phone = (await manager.get(`/api/v1/satisfaction/organisations/commune-schaerbeek/operations?${PERIOD}&channel=phone`)).json();
    expect(phone.total.contacts.value).toBe(12);
    expect(phone.total.incidents.value).toBe(0);
  });

  it('hides rates, means and incident counts under 10 records outside the organisation, never the volumes', async () => {
    const body = (await analyst.get(`/api/v1/satisfaction/organisations/commune-schaerbeek/operations?${PERIOD}`)).json();
    expect(body.suppressed).toBe(true);
    expect(body.total.contacts).toEqual({ value: 13, base: 13, suppressed: false });
    expect(body.total.firstContactResolution).toEqual({ value: 83.3, base: 12, suppressed: false });
    expect(body.total.firstResponseSla).toEqual({ value: null, base: 3, suppressed: true });
    expect(body.total.waitMinutes).toEqual({ value: null, base: 3, suppressed: true });
    expect(body.total.incidents).toEqual({ value: null, base: 2, suppressed: true });
    expect(body.total.tasksSent).toEqual({ value: 2, base: 2, suppressed: false });
  });

  it('recomputes a month that may still change once its figures are older than a few minutes; an old month once', async () => {
    const url = '/api/v1/satisfaction/organisations/commune-schaerbeek/operations';
    const before = (await manager.get(url)).json().total.contacts.value;
    await contact({ channel: 'web', startedAt: new Date().toISOString(), minutes: 1, outcome: 'answered_first_contact' });
    expect((await manager.get(url)).json().total.contacts.value).toBe(before);
    await t.db.query(`UPDATE operations_refresh SET refreshed_at = refreshed_at - interval '11 minutes' WHERE organisation_id = $1`, [
      org['commune-schaerbeek'],
    ]);
    expect((await manager.get(url)).json().total.contacts.value).toBe(before + 1);
    // March 2019 was computed long after it could change: a late record waits for a rebuild
    await contact({ channel: 'phone', startedAt: '2019-03-20T09:00:00Z', minutes: 3, outcome: 'answered_first_contact' });
    await t.db.query(`UPDATE operations_refresh SET refreshed_at = refreshed_at - interval '11 minutes' WHERE organisation_id = $1`, [
      org['commune-schaerbeek'],
    ]);
    expect((await manager.get(`${url}?${PERIOD}`)).json().total.contacts.value).toBe(13);
    await t.services.operationsIndicators.rebuild([org['commune-schaerbeek']!], '2019-03', '2019-03');
    expect((await manager.get(`${url}?${PERIOD}`)).json().total.contacts.value).toBe(14);
    // stale months read by several people at once: one recomputation waits for the other, no error
    await t.db.query(`UPDATE operations_refresh SET refreshed_at = refreshed_at - interval '11 minutes' WHERE organisation_id = $1`, [
      org['commune-schaerbeek'],
    ]);
    const [views] = await Promise.all([
      Promise.all([manager.get(url), manager.get(url), analyst.get(url)]),
      t.services.operationsIndicators.refreshStale(null, '2026-01-01', '2026-02-01'),
    ]);
    expect(views.map((view) => view.statusCode)).toEqual([200, 200, 200]);
    expect(new Set(views.map((view) => view.json().total.contacts.value)).size).toBe(1);
  });

  it('refuses another organisation’s figures, by API, export and page, and bad filters with a clear message', async () => {
    const ixelles = t.client();
    await ixelles.login('manager.ixelles@demo.irisdesk.brussels');
    expect((await ixelles.get('/api/v1/satisfaction/organisations/commune-schaerbeek/operations')).statusCode).toBe(403);
    expect((await ixelles.get('/api/v1/satisfaction/organisations/commune-schaerbeek/operations/export.csv')).statusCode).toBe(403);
    expect((await ixelles.get('/fr/satisfaction/organisations/commune-schaerbeek/operations')).statusCode).toBe(403);
    expect((await ixelles.get('/api/v1/satisfaction/region/operations')).statusCode).toBe(403);
    expect((await t.client().get('/api/v1/satisfaction/region/operations')).statusCode).toBe(401);
    const order = await manager.get('/api/v1/satisfaction/organisations/commune-schaerbeek/operations?from=2019-06&to=2019-01');
    expect(order.statusCode).toBe(400);
    expect(order.json().error.fields[0]).toMatchObject({ field: 'from', code: 'satisfaction.period.order' });
    expect((await analyst.get('/api/v1/satisfaction/region/operations?rank=bogus')).statusCode).toBe(400);
  });
});

describe('operations across the region and in open data', () => {
  it('hands stale months to a job, then compares and ranks the organisations', async () => {
    const first = (await analyst.get(`/api/v1/satisfaction/region/operations?${PERIOD}`)).json();
    expect(first.refreshing).toBe(true);
    const { rows } = await t.db.query<{ count: number }>(`SELECT count(*)::int AS count FROM jobs WHERE type = $1 AND status = 'queued'`, [
      OPERATIONS_REFRESH_JOB,
    ]);
    expect(rows[0]!.count).toBe(1);
    await runDueJobs({ db: t.db, registry: t.services.jobs });
    const body = (await analyst.get(`/api/v1/satisfaction/region/operations?${PERIOD}&kind=commune`)).json();
    expect(body.refreshing).toBe(false);
    const schaerbeek = body.organisations.find((o: { code: string }) => o.code === 'commune-schaerbeek');
    expect(schaerbeek.operations.contacts.value).toBe(14);
    expect(schaerbeek.operations.incidents).toEqual({ value: null, base: 2, suppressed: true });
    expect(body.byKind.map((k: { kind: string }) => k.kind)).toEqual(['commune']);
    expect(body.byHour[10].contacts).toBe(13);
    const page = await analyst.get(`/en/satisfaction/region/operations?${PERIOD}&rank=waitMinutes`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Organisations ranked: Waiting time at the counter');
    const csv = await analyst.get(`/api/v1/satisfaction/region/operations/export.csv?${PERIOD}`);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toMatch(/\ncommune-schaerbeek,commune,[^\r]*,14,14,/);
  });

  it('publishes figures per organisation and month, suppressed, with a DCAT-AP description', async () => {
    const json = await t.client().get('/api/v1/opendata/operations.json?from=2019-03&to=2019-03');
    expect(json.statusCode).toBe(200);
    const row = json.json().rows.find((r: { organisationCode: string }) => r.organisationCode === 'commune-schaerbeek');
    expect(row.month).toBe('2019-03');
    expect(row.operations.waitMinutes).toEqual({ value: null, base: 3, suppressed: true });
    const csv = await t.client().get('/api/v1/opendata/operations.csv?from=2019-03&to=2019-03');
    const lines = csv.body.split('\r\n');
    expect(lines[0]).toMatch(
      /^organisation_code,.*,month,contacts,contacts_n,handle_minutes,handle_minutes_n,first_contact_resolution,first_contact_resolution_n,/,
    );
    expect(lines.find((l) => l.startsWith('commune-schaerbeek,'))).toMatch(/,2019-03,14,14,[0-9.]+,14,84\.6,13,/);
    const catalog = (await t.client().get('/api/v1/opendata/catalog.jsonld')).json();
    expect(catalog['dcat:dataset'].map((d: { 'dct:identifier': string }) => d['dct:identifier'])).toEqual([
      'irisdesk-satisfaction',
      'irisdesk-operations',
      'irisdesk-sdg-feedback',
    ]);
    const openapi = (await t.app.inject('/api/openapi.json')).json();
    expect(Object.keys(openapi.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/satisfaction/organisations/{code}/operations',
        '/api/v1/satisfaction/region/operations',
        '/api/v1/opendata/operations.json',
      ]),
    );
    expect(Object.keys(openapi.components.schemas)).toContain('OperationsIndicators');
  });

  it('renders both operations views with charts, data tables and links between the views in three languages', async () => {
    for (const lang of ['fr', 'nl', 'en'] as const) {
      const own = await manager.get(`/${lang}/satisfaction/organisations/commune-schaerbeek/operations?${PERIOD}`);
      expect(own.statusCode).toBe(200);
      expect(own.body.match(/<svg [^>]*role="img"/g)?.length).toBe(2);
      expect(own.body).toContain(`href="/${lang}/satisfaction/organisations/commune-schaerbeek?${PERIOD.replace('&', '&amp;')}"`);
      expect(own.body).toContain('n = 12');
      const region = await analyst.get(`/${lang}/satisfaction/region/operations?${PERIOD}`);
      expect(region.statusCode).toBe(200);
      expect(region.body.match(/<svg [^>]*role="img"/g)?.length).toBe(3);
      const satisfaction = await analyst.get(`/${lang}/satisfaction/region?${PERIOD}&rank=nps`);
      expect(satisfaction.body).toContain(`href="/${lang}/satisfaction/region/operations?${PERIOD.replace('&', '&amp;')}"`);
    }
  });
});

describe('service levels on the public barometer', () => {
  it('never recomputes on read: stale months go to the job, the page says so and when figures were computed', async () => {
    const stalePeriod = 'from=2018-01&to=2018-06';
    const first = await t.client().get(`/en/barometer?${stalePeriod}`);
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain('Some months are being recomputed');
    const { rows } = await t.db.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM jobs WHERE type = $1 AND status = 'queued' AND unique_key = '2018-01-01/2018-06-01'`,
      [OPERATIONS_REFRESH_JOB],
    );
    expect(rows[0]!.count).toBe(1);
    const { rows: computed } = await t.db.query<{ count: number }>(`SELECT count(*)::int AS count FROM operations_refresh WHERE month = '2018-03-01'`);
    expect(computed[0]!.count).toBe(0);
    await runDueJobs({ db: t.db, registry: t.services.jobs });
    const after = await t.client().get(`/en/barometer?${stalePeriod}`);
    expect(after.body).not.toContain('Some months are being recomputed');
    expect(after.body).toContain('Figures computed on');
  });

  it('shows the public service levels per organisation and contact point beside satisfaction, suppressed, in three languages', async () => {
    for (const lang of ['fr', 'nl', 'en'] as const) {
      const page = await t.client().get(`/${lang}/barometer?from=2019-01&to=2019-06`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('<ul class="irisdesk-key-figures"');
      expect(page.body).toContain('aria-labelledby="barometer-service-levels"');
    }
    const page = (await t.client().get('/en/barometer?from=2019-01&to=2019-06')).body;
    const section = page.slice(page.indexOf('id="barometer-service-levels"'));
    expect(section).toContain('Service levels per organisation (fewer than 10 records: not published)');
    // first-contact resolution at Schaerbeek rests on 13 records: published; waiting at the test desk on 3: hidden
    expect(section).toMatch(/84\.6%\s*<span class="irisdesk-muted">\(n = 13\)/);
    const desk = section.slice(section.indexOf('Test desk', section.indexOf('barometer-service-contact-points')));
    expect(desk).toMatch(/^Test desk[^]*?<\/tr>/);
    expect(desk.slice(0, desk.indexOf('</tr>'))).toContain('n = 3, hidden');
    // never the safety incidents nor the internal workload on the public page
    expect(section).not.toContain('Safety incidents');
    expect(section).not.toContain('Tasks sent to');
    expect((await t.client().get('/en/barometer?from=2019-13')).statusCode).toBe(400);
  });
});
