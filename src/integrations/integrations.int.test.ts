// Integrations end to end on a real database (issue 18, items 10 and 11): API tokens (created by a manager,
// shown once and stored hashed, used as Bearer within their scopes, refused when unknown, expired or revoked,
// audited once per hour) and webhooks delivered to a real local HTTP receiver, signed as Standard Webhooks,
// retried after a failure, logged, replayed; destinations on internal addresses refused at subscription and
// at delivery.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../test/app.ts';
import { runDueJobs } from '../platform/jobs/worker.ts';
import { hashApiToken } from './secrets.ts';
import { verifySignature } from './signing.ts';
import { WEBHOOK_DELIVER_JOB } from './service.ts';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A webhook receiver: answers the statuses queued in `answers` (then 200) and keeps what it got. */
async function startReceiver() {
  const received: Received[] = [];
  const answers: number[] = [];
  const server: Server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body });
      response.statusCode = answers.shift() ?? 200;
      response.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { received, answers, url: `http://127.0.0.1:${port}/hooks`, port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

let t: TestApp;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let manager: TestClient;
let communeService: string;

beforeAll(async () => {
  receiver = await startReceiver();
  t = await createTestApp({ WEBHOOK_ALLOWED_HOSTS: '127.0.0.1', CONTACT_INTAKE_LIMIT: '100000' });
  manager = t.client();
  await manager.login('manager@demo.irisdesk.brussels');
  const commune = await t.db.query<{ code: string }>(
    `SELECT code FROM services WHERE competent_kind = 'commune' AND status = 'published' ORDER BY code LIMIT 1`,
  );
  communeService = commune.rows[0]!.code;
});
afterAll(async () => {
  await t.close();
  await receiver.close();
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const runJobs = () => runDueJobs({ db: t.db, registry: t.services.jobs });
/** Makes the retries of webhook deliveries due now (their backoff is half a minute and more). */
const makeRetriesDue = () => t.db.query(`UPDATE jobs SET run_at = now() WHERE type = $1 AND status = 'queued'`, [WEBHOOK_DELIVER_JOB]);

async function createToken(scopes: string[], client: TestClient = manager) {
  const response = await client.request('POST', '/api/v1/api-tokens', { json: { name: `Test ${scopes.join(' ')}`, scopes } });
  expect(response.statusCode).toBe(201);
  return response.json() as { id: string; token: string; expiresAt: string };
}

async function intakeForSchaerbeek() {
  const response = await t.client().request('POST', '/api/v1/contact-requests', {
    json: {
      message: 'Bonjour, ma carte d’identité expire.',
      name: 'Nadia Webhook',
      email: `nadia.${Math.random().toString(36).slice(2)}@example.be`,
      language: 'fr',
      serviceCode: communeService,
      postalCode: '1030',
    },
  });
  expect(response.statusCode).toBe(201);
  return (response.json() as { reference: string }).reference;
}

describe('API tokens', () => {
  it('are created by a manager, shown once, stored as a SHA-256 hash, and GET /api/v1/me describes them', async () => {
    const created = await createToken(['organisation:read']);
    expect(created.token).toMatch(/^irisd_[A-Za-z0-9_-]{43}$/);
    const stored = await t.db.query<{ token_hash: string; scopes: string[]; expires_at: Date }>(
      'SELECT token_hash, scopes, expires_at FROM api_tokens WHERE id = $1',
      [created.id],
    );
    expect(stored.rows[0]!.token_hash).toBe(hashApiToken(created.token));
    expect(JSON.stringify(stored.rows)).not.toContain(created.token);
    // 90 days by default
    expect(Math.round((stored.rows[0]!.expires_at.getTime() - Date.now()) / 86_400_000)).toBe(90);

    const me = await t.client().get('/api/v1/me', bearer(created.token));
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({
      email: 'manager@demo.irisdesk.brussels',
      organisation: { code: 'commune-schaerbeek' },
      roles: ['organisation_manager'],
      apiToken: { id: created.id, scopes: ['organisation:read'] },
    });

    const list = await manager.get('/api/v1/api-tokens');
    expect(list.statusCode).toBe(200);
    const listed = (list.json() as Array<{ id: string; hint: string }>).find((token) => token.id === created.id)!;
    expect(listed.hint.startsWith(created.token.slice(0, 10))).toBe(true);
    expect(list.body).not.toContain(created.token);
  });

  it('reach the operations of their scopes only; a token never creates tokens', async () => {
    const { token } = await createToken(['organisation:read']);
    const client = t.client();
    expect((await client.get('/api/v1/organisations/commune-schaerbeek/units', bearer(token))).statusCode).toBe(200);
    for (const [method, url] of [
      ['GET', '/api/v1/surveys'],
      ['GET', '/api/v1/audit'],
      ['GET', '/api/v1/webhooks'],
      ['POST', '/api/v1/api-tokens'],
    ] as const) {
      const response = await client.request(method, url, {
        headers: bearer(token),
        ...(method === 'POST' ? { json: { name: 'again', scopes: ['organisation:read'] } } : {}),
      });
      expect(response.statusCode, `${method} ${url}`).toBe(403);
      expect(response.json().error.code).toBe('apiToken.scope');
    }
    // Even with a session cookie beside it, the token decides.
    const both = await manager.request('GET', '/api/v1/audit', { headers: bearer(token) });
    expect(both.statusCode).toBe(403);
  });

  it('answer 401 with the error envelope when unknown, malformed, expired or revoked', async () => {
    const client = t.client();
    for (const header of ['Bearer irisd_' + 'x'.repeat(43), 'Bearer nonsense', 'Basic bWFuYWdlcjpwYXNz']) {
      const response = await client.get('/api/v1/me', { authorization: header, 'accept-language': 'nl' });
      expect(response.statusCode).toBe(401);
      expect(response.json().error).toMatchObject({
        code: 'apiToken.invalid',
        status: 401,
        message: 'Dit API-token is niet geldig: onbekend, verlopen of ingetrokken.',
      });
    }
    const expiring = await createToken(['organisation:read']);
    await t.db.query(`UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE id = $1`, [expiring.id]);
    expect((await client.get('/api/v1/me', bearer(expiring.token))).statusCode).toBe(401);

    const revoked = await createToken(['organisation:read']);
    expect((await client.get('/api/v1/me', bearer(revoked.token))).statusCode).toBe(200);
    expect((await manager.request('DELETE', `/api/v1/api-tokens/${revoked.id}`, { json: {} })).statusCode).toBe(204);
    expect((await client.get('/api/v1/me', bearer(revoked.token))).statusCode).toBe(401);
    expect((await manager.request('DELETE', `/api/v1/api-tokens/${revoked.id}`, { json: {} })).statusCode).toBe(404);
  });

  it('are audited once per token and hour however often they are used, with their last use', async () => {
    const { id, token } = await createToken(['organisation:read']);
    for (let i = 0; i < 5; i++) expect((await t.client().get('/api/v1/me', bearer(token))).statusCode).toBe(200);
    const entries = await t.db.query<{ action: string; details: { use: string } }>(
      `SELECT action, details FROM audit_log WHERE subject_type = 'api_token' AND subject_id = $1 ORDER BY id`,
      [id],
    );
    expect(entries.rows.map((row) => row.action)).toEqual(['create', 'read']);
    expect(entries.rows[1]!.details.use).toBe('GET /api/v1/me');
    const used = await t.db.query<{ last_used_at: Date | null }>('SELECT last_used_at FROM api_tokens WHERE id = $1', [id]);
    expect(used.rows[0]!.last_used_at).toBeInstanceOf(Date);
  });

  it('are for managers only, with bounded expiry and known scopes', async () => {
    const agent = t.client();
    await agent.login('agent@demo.irisdesk.brussels');
    expect((await agent.request('POST', '/api/v1/api-tokens', { json: { name: 'mine', scopes: ['organisation:read'] } })).statusCode).toBe(403);
    const tooLong = await manager.request('POST', '/api/v1/api-tokens', { json: { name: 'long', scopes: ['organisation:read'], expiresInDays: 400 } });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().error.fields[0].field).toBe('expiresInDays');
    const unknown = await manager.request('POST', '/api/v1/api-tokens', { json: { name: 'x', scopes: ['requests:delete'] } });
    expect(unknown.statusCode).toBe(400);
    expect((await t.client().request('POST', '/api/v1/api-tokens', { json: { name: 'x', scopes: ['organisation:read'] } })).statusCode).toBe(401);
  });

  it('are declared in the OpenAPI document: the bearer scheme and the scope of each operation', async () => {
    const document = (await t.client().get('/api/openapi.json')).json();
    expect(document.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(document.paths['/api/v1/webhooks'].post.security).toEqual([{ session: [] }, { bearer: ['webhooks:manage'] }]);
    expect(document.paths['/api/v1/surveys'].get.security).toContainEqual({ bearer: ['surveys:read'] });
    expect(document.paths['/api/v1/me'].get.security).toContainEqual({ bearer: [] });
    expect(document.paths['/api/v1/api-tokens'].post.security).toEqual([{ session: [] }]);
  });
});

describe('webhooks', () => {
  it('deliver a routed request as a signed CloudEvent, retry after a failure, log each attempt and replay', async () => {
    const { token } = await createToken(['webhooks:manage']);
    const subscribed = await t
      .client()
      .request('POST', '/api/v1/webhooks', { headers: bearer(token), json: { url: receiver.url, events: ['request.created', 'request.status_changed'] } });
    expect(subscribed.statusCode).toBe(201);
    const { id: subscriptionId, secret } = subscribed.json() as { id: string; secret: string };
    expect(secret).toMatch(/^whsec_/);

    receiver.received.length = 0;
    receiver.answers.push(500);
    const reference = await intakeForSchaerbeek();
    expect((await t.db.query(`SELECT 1 FROM jobs WHERE type = $1 AND status = 'queued'`, [WEBHOOK_DELIVER_JOB])).rows).toHaveLength(1);

    await runJobs();
    expect(receiver.received).toHaveLength(1);
    let log = (await t.client().get(`/api/v1/webhooks/${subscriptionId}/deliveries`, bearer(token))).json() as Array<Record<string, unknown>>;
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ eventType: 'request.created', status: 'retrying', attempts: 1, responseStatus: 500 });

    await makeRetriesDue();
    await runJobs();
    expect(receiver.received).toHaveLength(2);
    log = (await t.client().get(`/api/v1/webhooks/${subscriptionId}/deliveries`, bearer(token))).json() as Array<Record<string, unknown>>;
    expect(log[0]).toMatchObject({ status: 'succeeded', attempts: 2, responseStatus: 200 });
    expect(typeof log[0]!.durationMs).toBe('number');

    const delivered = receiver.received[1]!;
    expect(delivered.headers['content-type']).toBe('application/cloudevents+json; charset=utf-8');
    const headers = {
      id: String(delivered.headers['webhook-id']),
      timestamp: String(delivered.headers['webhook-timestamp']),
      signature: String(delivered.headers['webhook-signature']),
    };
    expect(verifySignature(secret, headers, delivered.body)).toBe(true);
    expect(verifySignature(secret, headers, delivered.body.replace(reference, 'BXL-0000-0000'))).toBe(false);
    expect(verifySignature('whsec_' + Buffer.alloc(32).toString('base64'), headers, delivered.body)).toBe(false);
    const event = JSON.parse(delivered.body);
    expect(event).toMatchObject({
      specversion: '1.0',
      type: 'brussels.irisdesk.request.created',
      datacontenttype: 'application/json',
      subject: reference,
      data: { reference, status: 'new', channel: 'web', serviceCode: communeService },
    });
    expect(event.source).toMatch(/\/organisations\/commune-schaerbeek$/);
    expect(event.id).toBe(headers.id);
    // No personal data without the personal-data scope.
    expect(delivered.body).not.toContain('Nadia');
    expect(delivered.body).not.toContain('example.be');
    expect(delivered.body).not.toContain('carte');

    // Replay from the log: a new delivery of the same event (same id, so the receiver can deduplicate).
    const replay = await t.client().request('POST', `/api/v1/webhooks/deliveries/${String(log[0]!.id)}/replay`, { headers: bearer(token), json: {} });
    expect(replay.statusCode).toBe(202);
    await runJobs();
    expect(receiver.received).toHaveLength(3);
    expect(receiver.received[2]!.headers['webhook-id']).toBe(headers.id);
    expect(JSON.parse(receiver.received[2]!.body).data).toEqual(event.data);
    log = (await manager.get(`/api/v1/webhooks/${subscriptionId}/deliveries`)).json() as Array<Record<string, unknown>>;
    expect(log[0]).toMatchObject({ status: 'succeeded', replayOf: log[1]!.id });

    // A status change is an event of its own; request.closed was not subscribed to.
    const { rows } = await t.db.query<{ id: string }>('SELECT id FROM cc_requests WHERE reference = $1', [reference]);
    await t.db.transaction((tx) => t.services.contactCenter.setStatus(tx, rows[0]!.id, 'closed'));
    await runJobs();
    const last = JSON.parse(receiver.received.at(-1)!.body);
    expect(last).toMatchObject({ type: 'brussels.irisdesk.request.status_changed', data: { reference, status: 'closed', previousStatus: 'new' } });
    expect(receiver.received).toHaveLength(4);

    // Another organisation's manager sees none of it.
    const ixelles = t.client();
    await ixelles.login('manager.ixelles@demo.irisdesk.brussels');
    expect((await ixelles.get(`/api/v1/webhooks/${subscriptionId}/deliveries`)).statusCode).toBe(404);

    expect((await manager.request('DELETE', `/api/v1/webhooks/${subscriptionId}`, { json: {} })).statusCode).toBe(204);
  });

  it('include names, e-mail addresses and the message only with the personal-data scope, which a token needs itself', async () => {
    const { token } = await createToken(['webhooks:manage']);
    const refused = await t
      .client()
      .request('POST', '/api/v1/webhooks', { headers: bearer(token), json: { url: receiver.url, events: ['request.created'], scopes: ['personal-data'] } });
    expect(refused.statusCode).toBe(403);
    const subscribed = await manager.request('POST', '/api/v1/webhooks', {
      json: { url: receiver.url, events: ['request.created'], scopes: ['personal-data'] },
    });
    expect(subscribed.statusCode).toBe(201);
    receiver.received.length = 0;
    const reference = await intakeForSchaerbeek();
    await runJobs();
    expect(receiver.received).toHaveLength(1);
    const event = JSON.parse(receiver.received[0]!.body);
    expect(event.data).toMatchObject({ reference, name: 'Nadia Webhook', message: 'Bonjour, ma carte d’identité expire.' });
    expect(event.data.email).toMatch(/@example\.be$/);
    expect((await manager.request('DELETE', `/api/v1/webhooks/${subscribed.json().id}`, { json: {} })).statusCode).toBe(204);
  });

  it('send feedback as ratings without the comment, and forget deliveries after 30 days', async () => {
    const subscribed = await manager.request('POST', '/api/v1/webhooks', { json: { url: receiver.url, events: ['feedback.received'] } });
    expect(subscribed.statusCode).toBe(201);
    const { rows } = await t.db.query<{ id: string }>(`SELECT id FROM organisations WHERE code = 'commune-schaerbeek'`);
    const { token } = await t.services.satisfaction.createFeedbackInvitation(t.db, {
      organisationId: rows[0]!.id,
      channel: 'phone',
      contactAt: new Date(),
      language: 'fr',
      source: { kind: 'request', id: `webhook-${Date.now()}` },
    });
    receiver.received.length = 0;
    await t.services.satisfaction.submitAnswer(token, {
      overall: 5,
      clarity: 4,
      effort: 4,
      needMet: 'yes',
      reached: true,
      channelsUsed: ['phone'],
      recommend: 9,
      comment: 'Merci à Jan Peeters, très aimable',
    });
    await runJobs();
    expect(receiver.received).toHaveLength(1);
    const event = JSON.parse(receiver.received[0]!.body);
    expect(event).toMatchObject({ type: 'brussels.irisdesk.feedback.received', data: { channel: 'phone', overall: 5, recommend: 9 } });
    expect(receiver.received[0]!.body).not.toContain('Peeters');

    const subscriptionId = (subscribed.json() as { id: string }).id;
    await t.db.query(`UPDATE webhook_deliveries SET created_at = now() - interval '31 days' WHERE subscription_id = $1`, [subscriptionId]);
    expect(await t.services.integrations.purgeExpired()).toBeGreaterThanOrEqual(1);
    expect((await manager.get(`/api/v1/webhooks/${subscriptionId}/deliveries`)).json()).toEqual([]);
    expect((await manager.request('DELETE', `/api/v1/webhooks/${subscriptionId}`, { json: {} })).statusCode).toBe(204);
  });

  it('send tasks to both organisations and the closing of a request, from the console, without their texts', async () => {
    const ixellesManager = t.client();
    await ixellesManager.login('manager.ixelles@demo.irisdesk.brussels');
    const agent = t.client();
    await agent.login('agent@demo.irisdesk.brussels');
    const ixellesAgent = t.client();
    await ixellesAgent.login('agent.ixelles@demo.irisdesk.brussels');
    const ours = await manager.request('POST', '/api/v1/webhooks', {
      json: { url: `${receiver.url}?org=schaerbeek`, events: ['task.created', 'task.answered', 'request.closed'] },
    });
    const theirs = await ixellesManager.request('POST', '/api/v1/webhooks', { json: { url: `${receiver.url}?org=ixelles`, events: ['task.created'] } });
    expect([ours.statusCode, theirs.statusCode]).toEqual([201, 201]);

    const reference = await intakeForSchaerbeek();
    await runJobs();
    const { rows } = await t.db.query<{ id: string }>('SELECT id FROM cc_requests WHERE reference = $1', [reference]);
    const requestId = rows[0]!.id;
    const page = `/en/console/requests/${requestId}`;
    receiver.received.length = 0;
    const sent = await agent.submitForm(page, `${page}/tasks`, {
      kind: 'question',
      toOrganisation: 'commune-ixelles',
      toUnit: '',
      toAccount: '',
      question: 'Was Nadia registered in Ixelles?',
    });
    expect(sent.statusCode).toBe(303);
    await runJobs();
    const created = receiver.received.map((r) => JSON.parse(r.body) as { type: string; data: Record<string, unknown> });
    expect(created).toHaveLength(2);
    for (const event of created)
      expect(event).toMatchObject({
        type: 'brussels.irisdesk.task.created',
        data: { reference, kind: 'question', fromOrganisation: 'commune-schaerbeek', toOrganisation: 'commune-ixelles' },
      });
    expect(receiver.received.map((r) => r.body).join()).not.toContain('Nadia');

    const { rows: tasks } = await t.db.query<{ id: string; version: number }>('SELECT id, version FROM cc_tasks WHERE request_id = $1', [requestId]);
    const taskPage = `/en/console/tasks/${tasks[0]!.id}`;
    receiver.received.length = 0;
    expect((await ixellesAgent.submitForm(taskPage, `${taskPage}/answer`, { version: String(tasks[0]!.version), answer: 'Yes, from 2015.' })).statusCode).toBe(
      303,
    );
    await runJobs();
    expect(receiver.received.map((r) => JSON.parse(r.body).type)).toEqual(['brussels.irisdesk.task.answered']);
    expect(receiver.received[0]!.body).not.toContain('2015');

    receiver.received.length = 0;
    const { rows: versions } = await t.db.query<{ version: number }>('SELECT version FROM cc_requests WHERE id = $1', [requestId]);
    expect((await agent.submitForm(page, `${page}/close`, { version: String(versions[0]!.version), outcome: 'answered_first_contact' })).statusCode).toBe(303);
    await runJobs();
    expect(receiver.received.map((r) => JSON.parse(r.body))).toEqual([
      expect.objectContaining({ type: 'brussels.irisdesk.request.closed', data: expect.objectContaining({ reference, status: 'closed' }) }),
    ]);
    for (const [client, response] of [
      [manager, ours],
      [ixellesManager, theirs],
    ] as const) {
      expect((await client.request('DELETE', `/api/v1/webhooks/${(response.json() as { id: string }).id}`, { json: {} })).statusCode).toBe(204);
    }
  });

  it('send an appointment booked, moved and cancelled, without the person', async () => {
    const subscribed = await manager.request('POST', '/api/v1/webhooks', {
      json: { url: receiver.url, events: ['appointment.booked', 'appointment.moved', 'appointment.cancelled'] },
    });
    expect(subscribed.statusCode).toBe(201);
    const { rows } = await t.db.query<{ id: string }>(
      `SELECT cp.id FROM contact_points cp JOIN organisations o ON o.id = cp.organisation_id WHERE o.code = 'commune-schaerbeek' AND cp.code = 'maison-communale'`,
    );
    const point = rows[0]!.id;
    const from = new Date(Date.now() + 6 * 86_400_000).toISOString().slice(0, 10);
    const free = (await t.client().get(`/api/v1/contact-points/${point}/slots?service=eid-card&from=${from}`)).json().slots as Array<{ start: string }>;
    receiver.received.length = 0;
    const booked = await t.client().request('POST', '/api/v1/appointments', {
      json: { contactPointId: point, serviceCode: 'eid-card', start: free[0]!.start, name: 'Rita Rendezvous', email: 'rita@example.be', language: 'fr' },
    });
    expect(booked.statusCode).toBe(201);
    const { reference, manageUrl } = booked.json() as { reference: string; manageUrl: string };
    const token = new URL(manageUrl).pathname.split('/').pop()!;
    await t.services.appointments.move(token, free.at(-1)!.start);
    await t.services.appointments.cancel(token);
    await runJobs();
    const events = receiver.received.map((r) => JSON.parse(r.body) as { type: string; subject: string; data: Record<string, unknown> });
    expect(events.map((event) => event.type).sort()).toEqual([
      'brussels.irisdesk.appointment.booked',
      'brussels.irisdesk.appointment.cancelled',
      'brussels.irisdesk.appointment.moved',
    ]);
    for (const event of events) expect(event).toMatchObject({ subject: reference, data: { reference, contactPointId: point, serviceCode: 'eid-card' } });
    expect(receiver.received.map((r) => r.body).join()).not.toMatch(/Rita|rita@/);
    expect((await manager.request('DELETE', `/api/v1/webhooks/${(subscribed.json() as { id: string }).id}`, { json: {} })).statusCode).toBe(204);
  });

  it('send a queue ticket called to a counter', async () => {
    const subscribed = await manager.request('POST', '/api/v1/webhooks', { json: { url: receiver.url, events: ['ticket.called'] } });
    expect(subscribed.statusCode).toBe(201);
    const { rows } = await t.db.query<{ id: string }>(
      `SELECT cp.id FROM contact_points cp JOIN organisations o ON o.id = cp.organisation_id WHERE o.code = 'commune-schaerbeek' AND cp.code = 'maison-communale'`,
    );
    const point = rows[0]!.id;
    await t.db.query(`UPDATE contact_points SET opening_hours = '24/7' WHERE id = $1`, [point]);
    const { rows: counters } = await t.db.query<{ id: string }>('SELECT id FROM queue_counters WHERE contact_point_id = $1 ORDER BY name LIMIT 1', [point]);
    const agent = t.client();
    await agent.login('agent@demo.irisdesk.brussels');
    const ticket = await t.client().request('POST', `/api/v1/contact-points/${point}/tickets`, { json: { serviceCode: 'eid-card' } });
    expect(ticket.statusCode).toBe(201);
    expect((await agent.request('POST', `/api/v1/queue-counters/${counters[0]!.id}/open`, { json: {} })).statusCode).toBe(200);
    receiver.received.length = 0;
    const called = await agent.request('POST', `/api/v1/queue-counters/${counters[0]!.id}/call-next`, { json: {} });
    expect(called.statusCode).toBe(200);
    await runJobs();
    expect(receiver.received.map((r) => JSON.parse(r.body))).toEqual([
      expect.objectContaining({
        type: 'brussels.irisdesk.ticket.called',
        subject: called.json().ticket.number,
        data: expect.objectContaining({ number: called.json().ticket.number, serviceCode: 'eid-card', contactPointId: point }),
      }),
    ]);
    expect((await manager.request('DELETE', `/api/v1/webhooks/${(subscribed.json() as { id: string }).id}`, { json: {} })).statusCode).toBe(204);
  });

  it('refuse subscriptions of unknown events or without events', async () => {
    const none = await manager.request('POST', '/api/v1/webhooks', { json: { url: receiver.url, events: [] } });
    expect(none.statusCode).toBe(400);
    const unknown = await manager.request('POST', '/api/v1/webhooks', { json: { url: receiver.url, events: ['request.deleted'] } });
    expect(unknown.statusCode).toBe(400);
  });
});

describe('the back-office page', () => {
  it('is for the organisation’s managers, in French, Dutch and English, and shows a new token once', async () => {
    const agent = t.client();
    await agent.login('agent@demo.irisdesk.brussels');
    expect((await agent.get('/en/admin/integrations')).statusCode).toBe(403);
    expect((await t.client().get('/en/admin/integrations')).statusCode).toBe(303);
    for (const [lang, heading] of [
      ['fr', 'Jetons d’API'],
      ['nl', 'API-tokens'],
      ['en', 'API tokens'],
    ] as const) {
      const page = await manager.get(`/${lang}/admin/integrations`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain(`lang="${lang}"`);
      expect(page.body).toContain(heading);
    }
    const created = await manager.submitForm('/nl/admin/integrations', '/nl/admin/integrations/tokens', {
      name: 'Pagina',
      scopes: ['organisation:read', 'surveys:read'],
      expiresInDays: '30',
    });
    expect(created.statusCode).toBe(201);
    const token = /(irisd_[A-Za-z0-9_-]{43})/.exec(created.body)![1]!;
    expect((await t.client().get('/api/v1/me', bearer(token))).json().apiToken.scopes).toEqual(['organisation:read', 'surveys:read']);
    expect((await manager.get('/nl/admin/integrations')).body).not.toContain(token);
    const refused = await manager.submitForm('/en/admin/integrations', '/en/admin/integrations/webhooks', {
      url: 'https://10.0.0.8/hooks',
      events: 'request.created',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Receiving address: this address leads to an internal network');
  });
});

describe('webhook destinations outside development, without an allow-list', () => {
  let strict: TestApp;
  beforeAll(async () => {
    strict = await createTestApp();
  });
  afterAll(() => strict.close());

  it('are refused at subscription when not https or not public, in the user’s language', async () => {
    const client = strict.client();
    await client.login('manager@demo.irisdesk.brussels');
    const cases: Array<[string, string]> = [
      [receiver.url, 'webhook.urlNotHttps'],
      ['https://127.0.0.1/hooks', 'webhook.urlNotPublic'],
      ['https://10.1.2.3/hooks', 'webhook.urlNotPublic'],
      ['https://169.254.169.254/latest/meta-data', 'webhook.urlNotPublic'],
      ['https://[::1]/hooks', 'webhook.urlNotPublic'],
      ['https://localhost/hooks', 'webhook.urlNotPublic'],
      ['https://user:secret@example.org/hooks', 'webhook.urlInvalid'],
      ['ftp://example.org/hooks', 'webhook.urlInvalid'],
    ];
    for (const [url, code] of cases) {
      const response = await client.request('POST', '/api/v1/webhooks?lang=en', { json: { url, events: ['request.created'] } });
      expect(response.statusCode, url).toBe(400);
      expect(response.json().error.fields, url).toEqual([expect.objectContaining({ field: 'url', code })]);
    }
  });

  it('are refused again at delivery: a subscription that points inside is never called', async () => {
    const { rows } = await strict.db.query<{ id: string }>(`SELECT id FROM organisations WHERE code = 'commune-schaerbeek'`);
    const organisationId = rows[0]!.id;
    // Written as subscriptions made under another setting would be (the allow-list since emptied): an address
    // in the URL, and a name the connection's own lookup resolves to the loopback.
    for (const host of ['127.0.0.1', 'localhost']) {
      await strict.db.query(`INSERT INTO webhook_subscriptions (organisation_id, url, events, secret) VALUES ($1, $2, '{request.created}', 'whsec_AAAA')`, [
        organisationId,
        `https://${host}:${receiver.port}/hooks`,
      ]);
    }
    receiver.received.length = 0;
    await strict.db.transaction((tx) => strict.services.integrations.emit(tx, organisationId, 'request.created', { data: { reference: 'BXL-TEST-0001' } }));
    await runDueJobs({ db: strict.db, registry: strict.services.jobs });
    expect(receiver.received).toHaveLength(0);
    const deliveries = await strict.db.query<{ status: string; last_error: string; attempts: number }>(
      'SELECT status, last_error, attempts FROM webhook_deliveries',
    );
    expect(deliveries.rows).toHaveLength(2);
    for (const delivery of deliveries.rows) {
      expect(delivery).toMatchObject({ status: 'failed', attempts: 1 });
      expect(delivery.last_error).toMatch(/refused \(address\)/);
    }
  });
});
