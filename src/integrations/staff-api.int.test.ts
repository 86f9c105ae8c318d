// The staff API on a real database (issue 18 item 10, decision 0059): a back-office system with an API token reads
// its organisation's requests (pages, status and updatedSince), one request with its time line, passes a task on
// to another organisation, which reads and answers it with its own token, and reads the appointments of its
// contact points. Each call is held to the token's scopes (403), its organisation (another's record: 404, audited
// as denied) and its validity (expired or revoked: 401); the reads are in the audit log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../test/app.ts';
import { addDays, brusselsDate } from '../platform/calendar/brussels-time.ts';

let t: TestApp;
let manager: TestClient;
let communeService: string;
let fullToken: string; // Schaerbeek: requests:read, tasks:read, tasks:write, appointments:read
let orgToken: string; // Schaerbeek: organisation:read only
let ixellesToken: string; // Ixelles: tasks:read, tasks:write
let schaerbeekReference: string;
let ixellesReference: string;
let secondReference: string;
let since: string;

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const call = (method: 'GET' | 'POST', url: string, token: string, json?: unknown) =>
  t.client().request(method, url, { headers: { ...bearer(token), 'accept-language': 'en' }, ...(json === undefined ? {} : { json }) });

async function createToken(client: TestClient, scopes: string[]) {
  const response = await client.request('POST', '/api/v1/api-tokens', { json: { name: `Back office ${scopes.join(' ')}`, scopes } });
  expect(response.statusCode).toBe(201);
  return response.json() as { id: string; token: string };
}

async function intake(postalCode: string, name: string) {
  const response = await t.client().request('POST', '/api/v1/contact-requests', {
    json: {
      message: 'Mon permis de conduire est perdu, que faire ?',
      name,
      email: `${name.toLowerCase().replace(/\W/g, '.')}@example.be`,
      language: 'fr',
      serviceCode: communeService,
      postalCode,
    },
  });
  expect(response.statusCode).toBe(201);
  return (response.json() as { reference: string }).reference;
}

beforeAll(async () => {
  t = await createTestApp({ CONTACT_INTAKE_LIMIT: '100000' });
  manager = t.client();
  await manager.login('manager@demo.irisdesk.brussels');
  const ixellesManager = t.client();
  await ixellesManager.login('manager.ixelles@demo.irisdesk.brussels');
  const commune = await t.db.query<{ code: string }>(
    `SELECT code FROM services WHERE competent_kind = 'commune' AND status = 'published' ORDER BY code LIMIT 1`,
  );
  communeService = commune.rows[0]!.code;
  fullToken = (await createToken(manager, ['requests:read', 'tasks:read', 'tasks:write', 'appointments:read'])).token;
  orgToken = (await createToken(manager, ['organisation:read'])).token;
  ixellesToken = (await createToken(ixellesManager, ['tasks:read', 'tasks:write'])).token;
  since = new Date(Date.now() - 1000).toISOString();
  schaerbeekReference = await intake('1030', 'Amina Staffapi');
  ixellesReference = await intake('1050', 'Pieter Elders');
  secondReference = await intake('1030', 'Bram Tweede');
}, 120_000);
afterAll(() => t?.close());

describe('requests', () => {
  it('are listed by pages in the order they changed, filtered by status and updatedSince', async () => {
    const all: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query = `updatedSince=${encodeURIComponent(since)}&limit=1${cursor ? `&cursor=${cursor}` : ''}`;
      const response = await call('GET', `/api/v1/requests?${query}`, fullToken);
      expect(response.statusCode).toBe(200);
      const page = response.json() as { requests: Array<{ reference: string; updatedAt: string }>; next: string | null };
      expect(page.requests.length).toBeLessThanOrEqual(1);
      all.push(...page.requests.map((r) => r.reference));
      cursor = page.next;
      pages++;
    } while (cursor && pages < 10);
    // Oldest change first, each once, only Schaerbeek's (Ixelles' request came in meanwhile too).
    expect(all).toEqual([schaerbeekReference, secondReference]);

    const future = new Date(Date.now() + 3600_000).toISOString();
    expect((await call('GET', `/api/v1/requests?updatedSince=${encodeURIComponent(future)}`, fullToken)).json().requests).toEqual([]);
    const closed = (await call('GET', '/api/v1/requests?status=closed&limit=200', fullToken)).json() as {
      requests: Array<{ reference: string; status: string }>;
    };
    expect(closed.requests.every((r) => r.status === 'closed')).toBe(true);
    expect(closed.requests.map((r) => r.reference)).not.toContain(schaerbeekReference);

    const bad = await call('GET', '/api/v1/requests?cursor=not-a-cursor', fullToken);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].field).toBe('cursor');
  });

  it('are read one by one with their time line; another organisation’s answers 404 and is audited as denied', async () => {
    const response = await call('GET', `/api/v1/requests/${schaerbeekReference.toLowerCase()}`, fullToken);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.request).toMatchObject({ reference: schaerbeekReference, party: { name: 'Amina Staffapi', email: 'amina.staffapi@example.be' } });
    expect(body.messages.some((m: { kind: string; body: string }) => m.kind === 'inbound' && m.body.includes('permis'))).toBe(true);
    const read = await t.db.query(
      `SELECT 1 FROM audit_log WHERE action = 'read' AND subject_type = 'cc_request' AND subject_id = $1 AND details->>'api' = 'true'`,
      [body.request.id],
    );
    expect(read.rowCount).toBe(1);

    const foreign = await call('GET', `/api/v1/requests/${ixellesReference}`, fullToken);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error.code).toBe('console.request_not_found');
    const denied = await t.db.query(
      `SELECT 1 FROM audit_log a JOIN cc_requests r ON r.id::text = a.subject_id WHERE a.action = 'denied' AND r.reference = $1`,
      [ixellesReference],
    );
    expect(denied.rowCount).toBe(1);
    expect((await call('GET', '/api/v1/requests/BXL-2222-2222', fullToken)).statusCode).toBe(404);
  });

  it('are refused (403) to a token without the scope, and the answer names the reason', async () => {
    for (const [method, url, json] of [
      ['GET', '/api/v1/requests', undefined],
      ['GET', `/api/v1/requests/${schaerbeekReference}`, undefined],
      ['GET', '/api/v1/tasks', undefined],
      ['GET', '/api/v1/appointments', undefined],
      ['POST', `/api/v1/requests/${schaerbeekReference}/tasks`, { kind: 'question', toOrganisation: 'commune-ixelles', question: 'Pouvez-vous vérifier ?' }],
    ] as const) {
      const response = await call(method, url, orgToken, json);
      expect(response.statusCode, `${method} ${url}`).toBe(403);
      expect(response.json().error.code).toBe('apiToken.scope');
    }
    // tasks:read opens the reads of tasks, never their writes
    const { token: readOnly } = await createToken(manager, ['tasks:read']);
    expect((await call('GET', '/api/v1/tasks', readOnly)).statusCode).toBe(200);
    const write = await call('POST', `/api/v1/requests/${schaerbeekReference}/tasks`, readOnly, {
      kind: 'question',
      toOrganisation: 'commune-ixelles',
      question: 'Et ici ?',
    });
    expect(write.statusCode).toBe(403);
  });
});

describe('tasks', () => {
  it('are passed on by one organisation’s token, read and answered by the other’s, at the version read', async () => {
    const created = await call('POST', `/api/v1/requests/${schaerbeekReference}/tasks`, fullToken, {
      kind: 'question',
      toOrganisation: 'commune-ixelles',
      question: 'Le permis a-t-il été délivré chez vous ?',
    });
    expect(created.statusCode).toBe(201);
    const taskId = created.json().id as string;

    const listed = (await call('GET', '/api/v1/tasks', ixellesToken)).json() as { tasks: Array<{ id: string; reference: string }> };
    expect(listed.tasks.find((task) => task.id === taskId)?.reference).toBe(schaerbeekReference);
    const task = await call('GET', `/api/v1/tasks/${taskId}`, ixellesToken);
    expect(task.statusCode).toBe(200);
    expect(task.json()).toMatchObject({ status: 'open', question: 'Le permis a-t-il été délivré chez vous ?', context: { party: { name: 'Amina Staffapi' } } });
    // Schaerbeek asked, but the task was passed to Ixelles: it is not Schaerbeek's to read or answer here.
    expect((await call('GET', `/api/v1/tasks/${taskId}`, fullToken)).statusCode).toBe(404);

    const version = task.json().version as number;
    const answered = await call('POST', `/api/v1/tasks/${taskId}/answer`, ixellesToken, { answer: 'Oui, le 3 mars.', version });
    expect(answered.statusCode).toBe(200);
    expect(answered.json()).toMatchObject({ status: 'answered', answer: 'Oui, le 3 mars.' });
    expect((await call('POST', `/api/v1/tasks/${taskId}/answer`, ixellesToken, { answer: 'Encore', version })).statusCode).toBe(409);
    // A back-office system follows the tasks that changed since its last look: passed on or answered.
    const changedSince = async (since: Date) =>
      (
        (await call('GET', `/api/v1/tasks?status=all&updatedSince=${encodeURIComponent(since.toISOString())}`, ixellesToken)).json() as {
          tasks: Array<{ id: string }>;
        }
      ).tasks.map((t) => t.id);
    expect(await changedSince(new Date(task.json().createdAt as string))).toContain(taskId);
    await t.db.query(`UPDATE cc_tasks SET created_at = created_at - interval '1 day', answered_at = answered_at - interval '1 hour' WHERE id = $1`, [taskId]);
    expect(await changedSince(new Date(Date.now() - 2 * 3600_000))).toContain(taskId); // answered within the last two hours
    expect(await changedSince(new Date(Date.now() - 30 * 60_000))).not.toContain(taskId);
    expect((await call('GET', '/api/v1/tasks?updatedSince=yesterday', ixellesToken)).statusCode).toBe(400);
    // The answer is in the request's time line, read by Schaerbeek's system.
    const timeline = (await call('GET', `/api/v1/requests/${schaerbeekReference}`, fullToken)).json();
    expect(timeline.tasks.find((t: { id: string }) => t.id === taskId)).toMatchObject({ status: 'answered' });

    const invalid = await call('POST', `/api/v1/requests/${schaerbeekReference}/tasks`, fullToken, {
      kind: 'callback',
      toOrganisation: 'nowhere',
      question: 'x',
    });
    expect(invalid.statusCode).toBe(400);
    expect(
      invalid
        .json()
        .error.fields.map((f: { field: string }) => f.field)
        .sort(),
    ).toEqual(['callbackPreferences', 'toOrganisation']);
  });
});

describe('appointments', () => {
  it('are listed over a range of days at the organisation’s points; another organisation’s point answers 404', async () => {
    const point = await t.db.query<{ id: string; organisation: string }>(
      `SELECT cp.id, o.code AS organisation FROM contact_points cp JOIN organisations o ON o.id = cp.organisation_id
        WHERE cp.code = 'maison-communale' AND o.code IN ('commune-schaerbeek', 'commune-ixelles')`,
    );
    const schaerbeek = point.rows.find((p) => p.organisation === 'commune-schaerbeek')!.id;
    const ixelles = point.rows.find((p) => p.organisation === 'commune-ixelles')!.id;
    const from = addDays(brusselsDate(new Date()), 5);
    const slot = (await t.client().get(`/api/v1/contact-points/${schaerbeek}/slots?service=eid-card&from=${from}`)).json().slots[0] as { start: string };
    const booked = await t.client().request('POST', '/api/v1/appointments', {
      json: { contactPointId: schaerbeek, serviceCode: 'eid-card', start: slot.start, name: 'Lotte Agenda', email: 'lotte.agenda@example.be', language: 'nl' },
    });
    expect(booked.statusCode).toBe(201);

    const response = await call('GET', `/api/v1/appointments?from=${from}&to=${addDays(from, 6)}&contactPoint=${schaerbeek}`, fullToken);
    expect(response.statusCode).toBe(200);
    const found = (response.json().appointments as Array<{ reference: string; person: { name: string }; service: { code: string } }>).find(
      (a) => a.reference === booked.json().reference,
    );
    expect(found).toMatchObject({ person: { name: 'Lotte Agenda' }, service: { code: 'eid-card' } });

    expect((await call('GET', `/api/v1/appointments?contactPoint=${ixelles}`, fullToken)).statusCode).toBe(404);
    expect((await call('GET', '/api/v1/appointments?from=9999-12-31', fullToken)).statusCode).toBe(400);
    const tooLong = await call('GET', `/api/v1/appointments?from=${from}&to=${addDays(from, 40)}`, fullToken);
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().error.fields[0]).toMatchObject({ field: 'to', code: 'appointmentsApi.rangeTooLong' });
    const audited = await t.db.query(`SELECT 1 FROM audit_log WHERE subject_type = 'appointment_agenda' AND subject_id = $1 AND details->>'api' = 'true'`, [
      schaerbeek,
    ]);
    expect(audited.rowCount).toBe(1);
  });
});

describe('a token no longer valid', () => {
  it('answers 401 once expired or revoked', async () => {
    const expiring = await createToken(manager, ['requests:read']);
    expect((await call('GET', '/api/v1/requests', expiring.token)).statusCode).toBe(200);
    await t.db.query(`UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE id = $1`, [expiring.id]);
    const expired = await call('GET', '/api/v1/requests', expiring.token);
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error.code).toBe('apiToken.invalid');

    const revoking = await createToken(manager, ['appointments:read']);
    expect((await manager.request('DELETE', `/api/v1/api-tokens/${revoking.id}`, { json: {} })).statusCode).toBe(204);
    expect((await call('GET', '/api/v1/appointments', revoking.token)).statusCode).toBe(401);
  });
});
