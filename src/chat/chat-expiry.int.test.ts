// Chats do not wait for ever (decision 0062), on a real database (PGlite, or PostgreSQL with TEST_DATABASE_URL):
// a waiting chat whose user has gone leaves the queue as an abandoned contact and may still be converted; an open
// stream of the user keeps it; an idle conversation gets a notice (void once someone writes), then closes; ended
// transcripts are anonymised by the privacy retention job after the chat_transcripts period.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../test/app.ts';
import { connectEventStream } from '../../test/sse.ts';

let t: TestApp;
let url: string;
let user: TestClient;
let agentCookie: string;
let communeService: string;

const minutes = (n: number) => new Date(Date.now() + n * 60_000);
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function openChat(): Promise<{ id: string; token: string }> {
  const response = await user.request('POST', '/api/v1/chats', { json: { language: 'fr', serviceCode: communeService, postalCode: '1030', name: 'Expiry' } });
  expect(response.statusCode).toBe(201);
  return response.json();
}
const say = (chat: { id: string; token: string }, text: string) =>
  user.request('POST', `/api/v1/chats/${chat.id}/messages`, { json: { text }, headers: bearer(chat.token) });
const view = async (chat: { id: string; token: string }) =>
  (await user.get(`/api/v1/chats/${chat.id}`, bearer(chat.token))).json<{
    status: string;
    closedBecause?: string;
    feedbackUrl?: string;
    messages: Array<{ from: string; text: string }>;
  }>();
const asAgent = (method: 'POST' | 'PUT', path: string, json: unknown) => t.client().request(method, path, { json, headers: { cookie: agentCookie } });

/** Moves a chat's whole history `n` minutes into the past, as if that much time had gone by. */
async function age(chatId: string, n: number): Promise<void> {
  const shift = `make_interval(mins => ${n})`;
  await t.db.query(`UPDATE chat_messages SET created_at = created_at - ${shift} WHERE chat_id = $1`, [chatId]);
  await t.db.query(
    `UPDATE chat_sessions SET created_at = created_at - ${shift}, accepted_at = accepted_at - ${shift}, user_seen_at = user_seen_at - ${shift},
            idle_warned_at = idle_warned_at - ${shift} WHERE id = $1`,
    [chatId],
  );
}

beforeAll(async () => {
  t = await createTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  communeService = (
    await t.db.query<{ code: string }>(`SELECT code FROM services WHERE competent_kind = 'commune' AND status = 'published' ORDER BY code LIMIT 1`)
  ).rows[0]!.code;
  const agent = t.client();
  await agent.login('agent@demo.irisdesk.brussels');
  agentCookie = `irisdesk_session=${agent.cookies.get('irisdesk_session')}`;
  user = t.client();
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe('a waiting chat whose user has gone', () => {
  it('leaves the queue as an abandoned contact, says why in the chat’s language, and can still become a request', async () => {
    const chat = await openChat();
    expect((await say(chat, 'Ma carte d’identité est perdue, que faire ?')).statusCode).toBe(201);
    expect((await t.services.chat.expire(minutes(9))).away).toBe(0); // not yet: 10 minutes
    expect((await view(chat)).status).toBe('waiting'); // and that read was a sign of life

    expect((await t.services.chat.expire(minutes(11))).away).toBeGreaterThanOrEqual(1);
    const closed = await view(chat);
    expect(closed).toMatchObject({ status: 'closed', closedBecause: 'away' });
    expect(closed.messages.at(-1)).toMatchObject({ from: 'system', text: expect.stringContaining('Ce que vous avez écrit est conservé') });
    expect((await say(chat, 'Je suis revenu')).statusCode).toBe(409);
    const contact = await t.db.query<{ channel: string; outcome: string; agent_account_id: string | null }>(
      'SELECT channel, outcome, agent_account_id FROM cc_contacts WHERE source_id = $1',
      [chat.id],
    );
    expect(contact.rows).toEqual([{ channel: 'chat', outcome: 'abandoned', agent_account_id: null }]);

    // Nothing written is lost: the user who comes back leaves an address and the transcript becomes a request.
    const converted = await user.request('POST', `/api/v1/chats/${chat.id}/convert`, { json: { email: 'revenu@example.be' }, headers: bearer(chat.token) });
    expect(converted.statusCode).toBe(200);
    const request = await t.db.query<{ channel: string }>('SELECT channel FROM cc_requests WHERE reference = $1', [converted.json().reference]);
    expect(request.rows[0]?.channel).toBe('chat');
    expect((await view(chat)).status).toBe('converted');
  });

  it('stays in the queue while the user’s event stream is open, and leaves it after the stream closed', async () => {
    const chat = await openChat();
    const stream = await connectEventStream(`${url}/api/v1/chats/${chat.id}/events?token=${chat.token}`);
    expect(stream.status).toBe(200);
    try {
      await t.db.query(`UPDATE chat_sessions SET user_seen_at = now() - interval '1 hour' WHERE id = $1`, [chat.id]);
      await t.services.chat.expire();
      expect((await t.db.query('SELECT status FROM chat_sessions WHERE id = $1', [chat.id])).rows[0]).toEqual({ status: 'waiting' });
    } finally {
      stream.close();
    }
    // The stream's end is when the user was last there; its presence goes with it.
    await expect.poll(async () => (await t.services.realtime.presentChannels(t.db, [`chat:${chat.id}`])).size, { timeout: 5000 }).toBe(0);
    const seen = async () =>
      (await t.db.query<{ recent: boolean }>(`SELECT user_seen_at > now() - interval '1 minute' AS recent FROM chat_sessions WHERE id = $1`, [chat.id]))
        .rows[0]!.recent;
    await expect.poll(seen, { timeout: 5000 }).toBe(true);
    await t.services.chat.expire(minutes(11));
    expect((await t.db.query('SELECT status, end_reason FROM chat_sessions WHERE id = $1', [chat.id])).rows[0]).toEqual({
      status: 'closed',
      end_reason: 'away',
    });
  });
});

describe('an idle conversation', () => {
  it('gets a notice first, void once someone writes; then closes, with the questionnaire since the agent answered', async () => {
    expect((await asAgent('PUT', '/api/v1/console/chats/availability', { available: true, capacity: 3 })).statusCode).toBe(200);
    const chat = await openChat();
    expect((await asAgent('POST', `/api/v1/console/chats/${chat.id}/accept`, {})).statusCode).toBe(204);
    expect((await asAgent('POST', `/api/v1/console/chats/${chat.id}/messages`, { text: 'Bonjour, que puis-je faire pour vous ?' })).statusCode).toBe(201);

    await age(chat.id, 26);
    expect((await t.services.chat.expire()).noticed).toBe(1);
    expect((await view(chat)).messages.at(-1)).toMatchObject({ from: 'system', text: expect.stringContaining('se terminera dans 5 minutes') });
    expect((await t.services.chat.expire()).noticed).toBe(0); // one notice, not one per run

    // The user answers: the notice no longer holds; after a new silence, a new notice.
    expect((await say(chat, 'Pardon, je cherchais mon numéro de registre national.')).statusCode).toBe(201);
    await age(chat.id, 26);
    const again = await t.services.chat.expire();
    expect(again).toMatchObject({ noticed: 1, idle: 0 });
    expect((await t.services.chat.expire(minutes(4))).idle).toBe(0); // the notice has its full 5 minutes

    expect((await t.services.chat.expire(minutes(6))).idle).toBe(1);
    const closed = await view(chat);
    expect(closed).toMatchObject({ status: 'closed', closedBecause: 'idle', feedbackUrl: expect.stringContaining('/') });
    expect(closed.messages.at(-1)!.text).toContain('plus personne n’écrivait');
    const contact = await t.db.query<{ outcome: string | null; agent_account_id: string | null }>(
      'SELECT outcome, agent_account_id FROM cc_contacts WHERE source_id = $1',
      [chat.id],
    );
    expect(contact.rows).toHaveLength(1);
    expect(contact.rows[0]!.outcome).toBeNull(); // the agent did not say how it ended
    expect(contact.rows[0]!.agent_account_id).not.toBeNull();
    const audit = await t.db.query<{ actor_account_id: string | null }>(
      `SELECT actor_account_id FROM audit_log WHERE subject_type = 'chat' AND subject_id = $1 AND details->>'reason' = 'idle'`,
      [chat.id],
    );
    expect(audit.rows).toEqual([{ actor_account_id: null }]);
  });
});

describe('retention of transcripts', () => {
  it('anonymises chats ended longer ago than the chat_transcripts period, and lists the category in the register', async () => {
    const old = await openChat();
    expect((await say(old, 'Mon adresse est rue Royale 1')).statusCode).toBe(201);
    const recent = await openChat();
    expect((await say(recent, 'Une question récente')).statusCode).toBe(201);
    await t.services.chat.expire(minutes(11)); // both leave the queue
    await t.db.query(`UPDATE chat_sessions SET ended_at = now() - interval '181 days' WHERE id = $1`, [old.id]);

    const totals = await t.services.privacy.applyRetention();
    expect(totals.chat_transcripts).toBeGreaterThanOrEqual(1);
    const rows = await t.db.query<{ id: string; name: string | null; erased: boolean; bodies: string[] }>(
      `SELECT s.id, s.name, s.erased_at IS NOT NULL AS erased,
              (SELECT array_agg(m.body ORDER BY m.id) FROM chat_messages m WHERE m.chat_id = s.id AND m.sender = 'user') AS bodies
         FROM chat_sessions s WHERE s.id = ANY($1::uuid[])`,
      [[old.id, recent.id]],
    );
    const byId = Object.fromEntries(rows.rows.map((row) => [row.id, row]));
    expect(byId[old.id]).toMatchObject({ name: null, erased: true, bodies: ['—'] });
    expect(byId[recent.id]).toMatchObject({ name: 'Expiry', erased: false, bodies: ['Une question récente'] });
    // Once anonymised, nothing is left to convert.
    expect((await user.request('POST', `/api/v1/chats/${old.id}/convert`, { json: { email: 'tard@example.be' }, headers: bearer(old.token) })).statusCode).toBe(
      409,
    );
    expect((await t.client().get('/en/privacy?organisation=commune-schaerbeek')).body).toContain('Live chat conversations (name, messages)');
  });
});
