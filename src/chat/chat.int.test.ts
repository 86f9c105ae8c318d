// Live chat on a real database (PGlite, or PostgreSQL with TEST_DATABASE_URL): the public contract of issue 19
// (open, token checks, messages, view, conversion answered by the public status look-up), routing, the agent
// side on a SECOND app instance sharing the database (availability, capacity, one winner of two accepts, live
// delivery of the user's message through PostgreSQL NOTIFY, answer, close recorded as a chat contact) and
// the limits with their messages in the user's language.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, type TestApp, type TestClient } from '../../test/app.ts';
import { openSecondPool } from '../../test/database.ts';
import { connectEventStream, type SseClient } from '../../test/sse.ts';
import { createApp } from '../app.ts';
import type { App } from '../platform/http/types.ts';
import type { Database } from '../platform/db/database.ts';
import { estimateWait } from './service.ts';

let t: TestApp;
let bDb: Database;
let b: App;
let bUrl: string;
let communeService: string;
const orgs: Record<string, string> = {};
const cookies: Record<string, string> = {};
let user: TestClient;

/** A JSON call on instance B as a signed-in staff member (the session lives in the shared database). */
async function onB(who: string, method: 'GET' | 'POST' | 'PUT', url: string, json?: unknown): Promise<LightMyRequestResponse> {
  return b.inject({
    method,
    url,
    headers: { cookie: cookies[who]!, ...(json !== undefined ? { 'content-type': 'application/json' } : {}) },
    payload: json === undefined ? undefined : JSON.stringify(json),
  });
}

async function openChat(body: Record<string, unknown> = {}, client = user) {
  const response = await client.request('POST', '/api/v1/chats', { json: { language: 'fr', serviceCode: communeService, postalCode: '1030', ...body } });
  expect(response.statusCode).toBe(201);
  return response.json<{ id: string; token: string }>();
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const say = (chat: { id: string; token: string }, text: string, client = user) =>
  client.request('POST', `/api/v1/chats/${chat.id}/messages`, { json: { text }, headers: bearer(chat.token) });
const view = async (chat: { id: string; token: string }) =>
  (await user.get(`/api/v1/chats/${chat.id}`, bearer(chat.token))).json<{
    status: string;
    messages: Array<{ from: string; text: string; at: string }>;
    position?: number;
    reference?: string;
    wait?: { agentsAvailable: boolean; estimatedSeconds: number | null };
  }>();

async function setAvailable(who: string, available: boolean, capacity = 3) {
  const response = await onB(who, 'PUT', '/api/v1/console/chats/availability', { available, capacity });
  expect(response.statusCode).toBe(200);
}

beforeAll(async () => {
  t = await createTestApp();
  bDb = await openSecondPool(t.db);
  b = (await createApp({ config: t.config, db: bDb })).app;
  await b.listen({ port: 0, host: '127.0.0.1' });
  const address = b.server.address();
  bUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const { rows } = await t.db.query<{ code: string; id: string }>(
    `SELECT code, id FROM organisations WHERE code IN ('commune-schaerbeek', 'commune-ixelles', 'easy-brussels')`,
  );
  for (const row of rows) orgs[row.code] = row.id;
  communeService = (
    await t.db.query<{ code: string }>(`SELECT code FROM services WHERE competent_kind = 'commune' AND status = 'published' ORDER BY code LIMIT 1`)
  ).rows[0]!.code;
  for (const [who, email] of [
    ['agent', 'agent@demo.irisdesk.brussels'],
    ['manager', 'manager@demo.irisdesk.brussels'],
    ['ixelles', 'agent.ixelles@demo.irisdesk.brussels'],
    ['editor', 'editor@demo.irisdesk.brussels'],
  ] as const) {
    const client = t.client();
    await client.login(email);
    cookies[who] = `irisdesk_session=${client.cookies.get('irisdesk_session')}`;
  }
  user = t.client();
}, 120_000);

afterAll(async () => {
  await b?.close();
  await bDb?.close();
  await t?.close();
});

describe('the public contract', () => {
  it('opens a chat routed to the commune of the postal code; its token is required and checked', async () => {
    const chat = await openChat({ name: 'Sofia' });
    expect(chat.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const stored = await t.db.query<{ organisation_id: string; token_hash: string }>('SELECT organisation_id, token_hash FROM chat_sessions WHERE id = $1', [
      chat.id,
    ]);
    expect(stored.rows[0]!.organisation_id).toBe(orgs['commune-schaerbeek']);
    expect(stored.rows[0]!.token_hash).not.toContain(chat.token); // kept hashed

    const seen = await view(chat);
    expect(seen.status).toBe('waiting');
    expect(seen.position).toBeGreaterThanOrEqual(1);
    expect(seen.messages[0]).toMatchObject({ from: 'system' });
    expect((await user.get(`/api/v1/chats/${chat.id}`)).statusCode).toBe(401);
    expect((await user.get(`/api/v1/chats/${chat.id}`, bearer('A'.repeat(43)))).statusCode).toBe(404);
    expect((await user.get(`/api/v1/chats/${chat.id}`, bearer('short'))).statusCode).toBe(404);
    const other = await openChat();
    expect((await user.get(`/api/v1/chats/${chat.id}`, bearer(other.token))).statusCode).toBe(404); // another chat's token
    expect((await say(chat, 'Bonjour, une question sur ma carte')).statusCode).toBe(201);
    expect((await view(chat)).messages.at(-1)).toMatchObject({ from: 'user', text: 'Bonjour, une question sur ma carte' });
  });

  it('refuses bad input with field errors in the chat’s language', async () => {
    const bad = await user.request('POST', '/api/v1/chats', { json: { language: 'nl', postalCode: '10', serviceCode: 'Not A Code' } });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .error.fields.map((f: { field: string }) => f.field)
        .sort(),
    ).toEqual(['postalCode', 'serviceCode']);
    expect((await user.request('POST', '/api/v1/chats', { json: { language: 'xx' } })).statusCode).toBe(400);
    const chat = await openChat({ language: 'nl' });
    const long = await user.request('POST', `/api/v1/chats/${chat.id}/messages?lang=nl`, { json: { text: 'x'.repeat(2001) }, headers: bearer(chat.token) });
    expect(long.statusCode).toBe(400);
    expect(long.json().error.fields[0].message).toContain('maximaal 2000 tekens');
    expect((await say(chat, '   ')).statusCode).toBe(400);
  });
});

describe('agents on another instance', () => {
  let stream: SseClient | undefined;
  afterAll(() => stream?.close());

  it('an available agent accepts, sees the user’s message live on instance B, answers, and closes it as a chat contact', async () => {
    await setAvailable('agent', true, 3);
    const chat = await openChat({ name: 'Live Test' });
    expect((await view(chat)).wait?.agentsAvailable).toBe(true);

    const listed = await onB('agent', 'GET', '/api/v1/console/chats');
    expect(listed.json().map((row: { id: string }) => row.id)).toContain(chat.id);
    // Another organisation's agent neither lists nor reaches it.
    expect((await onB('ixelles', 'GET', '/api/v1/console/chats')).json().map((row: { id: string }) => row.id)).not.toContain(chat.id);
    expect((await onB('ixelles', 'POST', `/api/v1/console/chats/${chat.id}/accept`, {})).statusCode).toBe(404);
    expect((await onB('editor', 'GET', '/api/v1/console/chats')).statusCode).toBe(403);

    expect((await onB('agent', 'POST', `/api/v1/console/chats/${chat.id}/accept`, {})).statusCode).toBe(204);
    expect((await view(chat)).status).toBe('active');

    stream = await connectEventStream(`${bUrl}/api/v1/console/chats/${chat.id}/events`, { cookie: cookies.agent! });
    expect(stream.status).toBe(200);
    const sent = performance.now();
    expect((await say(chat, 'Message en direct')).statusCode).toBe(201); // on instance A
    const event = await stream.waitFor((e) => e.event === 'chat.message' && e.data.includes('Message en direct'), 5000);
    expect(event.receivedAt - sent).toBeLessThan(2000);
    expect(JSON.parse(event.data)).toMatchObject({ from: 'user', text: 'Message en direct' });

    // The user's own stream (token in the query) gets the agent's answer and the typing signal.
    const userStream = await connectEventStream(`${bUrl}/api/v1/chats/${chat.id}/events?token=${chat.token}`);
    try {
      expect((await onB('agent', 'POST', `/api/v1/console/chats/${chat.id}/typing`, {})).statusCode).toBe(204);
      await userStream.waitFor((e) => e.event === 'chat.typing' && JSON.parse(e.data).from === 'agent', 5000);
      expect((await onB('agent', 'POST', `/api/v1/console/chats/${chat.id}/messages`, { text: 'Bonjour, je regarde.' })).statusCode).toBe(201);
      await userStream.waitFor((e) => e.event === 'chat.message' && e.data.includes('Bonjour, je regarde.'), 5000);
    } finally {
      userStream.close();
    }
    expect((await connectEventStream(`${bUrl}/api/v1/chats/${chat.id}/events?token=${'B'.repeat(43)}`)).status).toBe(404);

    const transcript = (await onB('agent', 'GET', `/api/v1/console/chats/${chat.id}`)).json();
    expect(transcript.messages.map((m: { from: string }) => m.from)).toEqual(['system', 'system', 'user', 'agent']);

    expect((await onB('agent', 'POST', `/api/v1/console/chats/${chat.id}/close`, { outcome: 'answered_first_contact' })).statusCode).toBe(204);
    expect((await view(chat)).status).toBe('closed');
    expect((await say(chat, 'Encore une chose')).statusCode).toBe(409);
    const contact = await t.db.query<{ channel: string; outcome: string; organisation_id: string; ended_at: Date | null }>(
      `SELECT channel, outcome, organisation_id, ended_at FROM cc_contacts WHERE source_id = $1`,
      [chat.id],
    );
    expect(contact.rows).toEqual([
      expect.objectContaining({ channel: 'chat', outcome: 'answered_first_contact', organisation_id: orgs['commune-schaerbeek'] }),
    ]);
    expect(contact.rows[0]!.ended_at).not.toBeNull();
    const timing = await t.db.query<{ first_response_at: Date | null }>('SELECT first_response_at FROM chat_sessions WHERE id = $1', [chat.id]);
    expect(timing.rows[0]!.first_response_at).not.toBeNull();
  });

  it('two agents accepting one chat at once: one wins; an agent never goes above capacity', async () => {
    await setAvailable('agent', true, 1);
    await setAvailable('manager', true, 3);
    const chat = await openChat();
    const results = await Promise.all([
      onB('agent', 'POST', `/api/v1/console/chats/${chat.id}/accept`, {}),
      t.client().request('POST', `/api/v1/console/chats/${chat.id}/accept`, { json: {}, headers: { cookie: cookies.manager! } }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([204, 409]);

    // Capacity 1: whoever holds a chat cannot take a second one.
    await setAvailable('manager', true, 1);
    const second = await openChat();
    const winner = results[0]!.statusCode === 204 ? 'agent' : 'manager';
    const refused = await onB(winner, 'POST', `/api/v1/console/chats/${second.id}/accept?lang=en`, {});
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('chat.capacity_reached');
    await onB(winner, 'POST', `/api/v1/console/chats/${chat.id}/close`, { outcome: 'redirected' });
    expect((await onB(winner, 'POST', `/api/v1/console/chats/${second.id}/accept`, {})).statusCode).toBe(204);
    await onB(winner, 'POST', `/api/v1/console/chats/${second.id}/close`, { outcome: 'abandoned' });
    // Not available: no accepting.
    await setAvailable('agent', false);
    await setAvailable('manager', false);
    const third = await openChat();
    expect((await onB('agent', 'POST', `/api/v1/console/chats/${third.id}/accept`, {})).statusCode).toBe(409);
  });
});

describe('nobody available: conversion', () => {
  it('offers conversion; the transcript becomes a chat request that answers the public status look-up', async () => {
    const chat = await openChat({ name: 'Nadia Convert', language: 'en' });
    const waiting = await view(chat);
    expect(waiting.wait).toEqual({ agentsAvailable: false, estimatedSeconds: null });
    expect(waiting.messages[0]!.text).toContain('Nobody is available');
    await say(chat, 'I lost my identity card');
    await say(chat, 'What should I do?');

    const none = await user.request('POST', `/api/v1/chats/${chat.id}/convert`, { json: {}, headers: bearer(chat.token) });
    expect(none.statusCode).toBe(400);
    const badPhone = await user.request('POST', `/api/v1/chats/${chat.id}/convert`, { json: { phone: '12' }, headers: bearer(chat.token) });
    expect(badPhone.statusCode).toBe(400);

    const converted = await user.request('POST', `/api/v1/chats/${chat.id}/convert`, {
      json: { email: 'Nadia@Example.org', phone: '0470 12 34 56' },
      headers: bearer(chat.token),
    });
    expect(converted.statusCode).toBe(200);
    const { reference } = converted.json<{ reference: string }>();
    expect(reference).toMatch(/^BXL-/);
    const after = await view(chat);
    expect(after).toMatchObject({ status: 'converted', reference });

    const status = await t.client().get(`/api/v1/contact-requests/${reference}?email=nadia@example.org`);
    expect(status.statusCode).toBe(200);
    expect(status.json().reference).toBe(reference);
    const request = await t.db.query<{ channel: string; organisation_id: string; body: string }>(
      `SELECT r.channel, r.organisation_id, m.body FROM cc_requests r JOIN cc_messages m ON m.request_id = r.id WHERE r.reference = $1 AND m.kind = 'inbound'`,
      [reference],
    );
    expect(request.rows[0]).toMatchObject({ channel: 'chat', organisation_id: orgs['commune-schaerbeek'] });
    expect(request.rows[0]!.body).toContain('I lost my identity card');
    expect(request.rows[0]!.body).toContain('What should I do?');
    const sms = await t.db.query<{ body: string }>(`SELECT body FROM sms_messages WHERE to_number = '+32470123456' ORDER BY created_at DESC LIMIT 1`);
    expect(sms.rows[0]!.body).toContain(reference);
    // Converting again answers the same reference; writing is over.
    expect(
      (await user.request('POST', `/api/v1/chats/${chat.id}/convert`, { json: { email: 'nadia@example.org' }, headers: bearer(chat.token) })).json().reference,
    ).toBe(reference);
    expect((await say(chat, 'Hello?')).statusCode).toBe(409);
  });
});

describe('pages', () => {
  it('the public page offers the contact form without JavaScript and carries the chat for the script', async () => {
    for (const lang of ['fr', 'nl', 'en']) {
      const page = await t.client().get(`/${lang}/chat?service=${communeService}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain(`href="/${lang}/contact?service=${communeService}"`);
      expect(page.body).toMatch(/data-chat-app[^>]*hidden/);
      expect(page.body).toContain('role="log"');
      expect((await t.client().get(`/${lang}/contact`)).body).toContain(`href="/${lang}/chat"`);
    }
  });

  it('the console’s Chats view: availability, accept, answer and close with forms that work without JavaScript', async () => {
    const agent = t.client();
    await agent.login('agent@demo.irisdesk.brussels');
    const saved = await agent.submitForm('/en/console/chats', '/en/console/chats/availability', { available: 'true', capacity: '2' });
    expect(saved.statusCode).toBe(303);
    const chat = await openChat({ name: 'Form Test', language: 'en' });
    await say(chat, 'A question through the page');
    const list = await agent.get('/en/console/chats');
    expect(list.body).toContain('Available: 0 of 2 chats open.');
    expect(list.body).toContain('A question through the page');
    expect((await agent.submitForm('/en/console/chats', `/en/console/chats/${chat.id}/accept`, {})).headers.location).toBe(`/en/console/chats/${chat.id}`);
    const again = await agent.submitForm('/en/console/chats', `/en/console/chats/${chat.id}/accept`, {});
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('A colleague has already taken this chat.');
    const page = await agent.get(`/en/console/chats/${chat.id}`);
    expect(page.body).toContain('A question through the page');
    const empty = await agent.submitForm(`/en/console/chats/${chat.id}`, `/en/console/chats/${chat.id}/messages`, { text: ' ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Write your message.');
    expect(
      (await agent.submitForm(`/en/console/chats/${chat.id}`, `/en/console/chats/${chat.id}/messages`, { text: 'Answered from the page' })).statusCode,
    ).toBe(303);
    expect((await view(chat)).messages.at(-1)).toMatchObject({ from: 'agent', text: 'Answered from the page' });
    expect(
      (await agent.submitForm(`/en/console/chats/${chat.id}`, `/en/console/chats/${chat.id}/close`, { outcome: 'answered_first_contact' })).statusCode,
    ).toBe(303);
    expect((await view(chat)).status).toBe('closed');
    await agent.submitForm('/en/console/chats', '/en/console/chats/availability', { capacity: '2' });
    expect((await agent.get('/en/console')).body).toContain(`href="/en/console/chats"`);
  });

  it('beside the chat: the report button, earlier contacts by e-mail, the knowledge panel; after it: the questionnaire and the transcript by e-mail', async () => {
    const agent = t.client();
    await agent.login('agent@demo.irisdesk.brussels');
    await agent.submitForm('/en/console/chats', '/en/console/chats/availability', { available: 'true', capacity: '2' });
    const visitor = t.client();
    visitor.remoteAddress = '198.51.100.20'; // leaves the main address its hourly chats for the limits test
    const chat = await openChat({ name: 'Aside Test', language: 'nl' }, visitor);
    await say(chat, 'Mijn e-mailadres is aside@example.be');
    await agent.submitForm('/en/console/chats', `/en/console/chats/${chat.id}/accept`, {});
    // An earlier request of that address in the agent's organisation.
    const earlier = await user.request('POST', '/api/v1/contact-requests', {
      json: {
        language: 'nl',
        serviceCode: communeService,
        postalCode: '1030',
        name: 'Aside Test',
        email: 'aside@example.be',
        message: 'Een eerdere vraag over mijn kaart.',
      },
    });
    expect(earlier.statusCode, earlier.body).toBe(201);
    const page = await agent.get(`/en/console/chats/${chat.id}?who=aside@example.be&kq=card`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('/en/safety/report?returnTo=');
    expect(page.body).toContain('The person’s earlier contacts');
    expect(page.body).toContain(earlier.json().reference);
    expect(page.body).toContain('knowledge-panel-title');
    const invalid = await agent.get(`/en/console/chats/${chat.id}?who=x`);
    expect(invalid.body).toContain('Enter an e-mail address or a phone number.');

    await agent.submitForm(`/en/console/chats/${chat.id}`, `/en/console/chats/${chat.id}/close`, { outcome: 'answered_first_contact' });
    const closed = await view(chat);
    expect(closed.status).toBe('closed');
    expect((closed as { feedbackUrl?: string }).feedbackUrl).toMatch(/\/nl\/feedback\/[A-Za-z0-9_-]+$/);
    const invitation = await t.db.query<{ channel: string }>(`SELECT channel FROM feedback_invitations WHERE source_id = $1`, [chat.id]);
    expect(invitation.rows[0]?.channel).toBe('chat');

    const send = (email: string) => user.request('POST', `/api/v1/chats/${chat.id}/transcript?lang=nl`, { json: { email }, headers: bearer(chat.token) });
    expect((await send('not-an-address')).statusCode).toBe(400);
    expect((await send('aside@example.be')).statusCode).toBe(202);
    const mailed = await t.db.query<{ subject: string; text_body: string; language: string }>(
      `SELECT subject, text_body, language FROM mail_messages WHERE 'aside@example.be' = ANY(to_addresses) AND purpose = 'chat.transcript'`,
    );
    expect(mailed.rows[0]).toMatchObject({ language: 'nl' });
    expect(mailed.rows[0]!.subject).toContain('Uw chatgesprek');
    expect(mailed.rows[0]!.text_body).toContain('Mijn e-mailadres is aside@example.be');
    await send('aside@example.be');
    await send('aside@example.be');
    const fourth = await send('aside@example.be');
    expect(fourth.statusCode).toBe(429);
    expect(fourth.json().error.message).toContain('drie keer');
    expect((await user.request('POST', `/api/v1/chats/${chat.id}/transcript`, { json: { email: 'a@example.be' } })).statusCode).toBe(401);
    await agent.submitForm('/en/console/chats', '/en/console/chats/availability', { capacity: '2' });
    expect((await agent.get('/en/console')).body).toContain(`href="/en/console/chats"`);
  });
});

describe('limits', () => {
  it('messages per chat per minute and chats per address per hour, with a 429 in the user’s language', async () => {
    // The message ids cross a power of ten in this chat (9…, then 10…): they were once sorted as text, and the
    // page, appending by index, lost the user's message that sorted before the welcome.
    const { rows } = await t.db.query<{ max: string | null }>('SELECT max(id)::text AS max FROM chat_messages');
    const next = 10 ** String(Number(rows[0]!.max ?? '0') + 10).length;
    await t.db.query(`SELECT setval(pg_get_serial_sequence('chat_messages', 'id'), $1)`, [next - 5]);
    const chat = await openChat({ language: 'nl' });
    for (let i = 0; i < 20; i++) expect((await say(chat, `bericht ${i}`)).statusCode).toBe(201);
    expect((await view(chat)).messages.map((m) => m.text).slice(1)).toEqual(Array.from({ length: 20 }, (_, i) => `bericht ${i}`));
    const tooFast = await user.request('POST', `/api/v1/chats/${chat.id}/messages?lang=nl`, { json: { text: 'nog een' }, headers: bearer(chat.token) });
    expect(tooFast.statusCode).toBe(429);
    expect(tooFast.json().error.message).toContain('te snel');

    const client = t.client();
    client.remoteAddress = '198.51.100.77';
    for (let i = 0; i < 10; i++) await openChat({}, client);
    const refused = await client.request('POST', '/api/v1/chats', { json: { language: 'fr' } });
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.message).toContain('Trop de conversations');
  });

  it('estimates the wait honestly', () => {
    expect(estimateWait(1, { agents: 0, freePlaces: 0, medianWaitSeconds: 30, recent: 10 })).toEqual({ agentsAvailable: false, estimatedSeconds: null });
    expect(estimateWait(2, { agents: 1, freePlaces: 2, medianWaitSeconds: null, recent: 0 })).toEqual({ agentsAvailable: true, estimatedSeconds: 0 });
    expect(estimateWait(3, { agents: 1, freePlaces: 0, medianWaitSeconds: 90, recent: 1 })).toEqual({ agentsAvailable: true, estimatedSeconds: null });
    expect(estimateWait(3, { agents: 2, freePlaces: 1, medianWaitSeconds: 90, recent: 5 })).toEqual({ agentsAvailable: true, estimatedSeconds: 120 });
  });
});
