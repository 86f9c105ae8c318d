// Live chat delivery across instances (issue 19's done-when: p95 < 200 ms with 200 concurrent chats on PostgreSQL):
//   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench -- chat [--chats 200] [--messages 5] [--interval 2000]
// Two IrisDesk server processes (A and B) on one PostgreSQL database (irisdesk_bench_chat, recreated). `--chats`
// users open a chat on A; agents signed in on B (one per 10 chats, their capacity) accept them and listen to each
// chat's event stream on B. Each user then sends `--messages` messages on A, one every `--interval` ms (±50 %,
// starting at a random moment), and times from just before the POST to the moment the agent's stream on B delivers
// it: POST + transaction + NOTIFY + B's listener + SSE. Before each message the same user times a bare GET /healthz
// on A, the round trip of an endpoint that does nothing, under the same load: the ratio says what the chat adds.
// Each user comes from its own address (X-Forwarded-For, TRUST_PROXY=1) so that the per-address limit of 10
// chats an hour holds as in production. Load generator, both servers and PostgreSQL share the machine.
import os from 'node:os';
import pg from 'pg';
import { migrate } from '../src/platform/db/migrate.ts';
import { openPostgres } from '../src/platform/db/database.ts';
import { seed } from '../src/seed/index.ts';
import { DEMO_PASSWORD } from '../src/seed/demo.ts';
import { startServer, type TestServer } from '../test/server-process.ts';
import { connectEventStream, type SseClient } from '../test/sse.ts';
import { option, percentile } from './support.ts';

const DB_NAME = 'irisdesk_bench_chat';
/** An agent's largest capacity (chat_agents CHECK): one bench agent per this many chats. */
const CAPACITY = 10;

const addressOf = (n: number) => `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;

async function signIn(baseUrl: string, email: string, address: string): Promise<string> {
  const page = await fetch(`${baseUrl}/fr/login`, { headers: { 'x-forwarded-for': address } });
  const cookies = page.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
  const response = await fetch(`${baseUrl}/fr/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookies, 'x-forwarded-for': address },
    body: new URLSearchParams({ email, password: DEMO_PASSWORD, _csrf: token }).toString(),
  });
  if (response.status !== 303) throw new Error(`sign-in of ${email} failed: ${response.status}`);
  return response.headers
    .getSetCookie()
    .find((c) => c.startsWith('irisdesk_session='))!
    .split(';')[0]!;
}

async function json(url: string, init: { method: string; body?: unknown; headers?: Record<string, string> }, expected: number) {
  const response = await fetch(url, {
    method: init.method,
    headers: { 'content-type': 'application/json', accept: 'application/json', ...init.headers },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  if (response.status !== expected) throw new Error(`${init.method} ${url}: ${response.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : null;
}

const ms = (value: number) => `${value.toFixed(1)} ms`;
const sleep = (millis: number) => new Promise((resolve) => setTimeout(resolve, millis));

async function prepareDatabase(server: string, agents: number): Promise<{ databaseUrl: string; service: string }> {
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${DB_NAME}`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${DB_NAME}`;
  const db = await openPostgres(url.toString(), { max: 2 });
  try {
    await migrate(db);
    await seed(db, { demo: true });
    // Agents of Schaerbeek (where chats about a commune service from 1030 go), with the demo agent's password.
    await db.query(
      `INSERT INTO accounts (organisation_id, email, display_name, password_hash, roles, preferred_language)
       SELECT organisation_id, 'bench.agent.' || n || '@example.be', 'Bench Agent ' || n, password_hash, roles, 'fr'
         FROM accounts, generate_series(1, $1::int) n WHERE email = 'agent@demo.irisdesk.brussels'`,
      [agents],
    );
    const service = (
      await db.query<{ code: string }>(`SELECT code FROM services WHERE competent_kind = 'commune' AND status = 'published' ORDER BY code LIMIT 1`)
    ).rows[0]!.code;
    return { databaseUrl: url.toString(), service };
  } finally {
    await db.close();
  }
}

export async function benchChat(args: string[]) {
  const chats = Math.max(1, option(args, 'chats', 200));
  const messages = Math.max(1, option(args, 'messages', 5));
  const interval = option(args, 'interval', 2000);
  const server = process.env.BENCH_DATABASE_URL;
  if (!server) throw new Error('the chat bench needs BENCH_DATABASE_URL=postgres://… (two instances share one PostgreSQL database)');
  const agents = Math.ceil(chats / CAPACITY);
  const { databaseUrl, service } = await prepareDatabase(server, agents);

  const database = { env: { DATABASE_URL: databaseUrl }, drop: async () => undefined };
  const env = { SEED_DEMO: 'false', LOG_LEVEL: 'error', TRUST_PROXY: '1', SESSION_SECRET: 'chat-bench-secret-0123456789abcdef012345' };
  const servers: TestServer[] = [];
  const streams: SseClient[] = [];
  try {
    servers.push(await startServer({ database, env }), await startServer({ database, env }));
    const [a, b] = servers.map((s) => s.url) as [string, string];

    // Agents on B: signed in, available with the largest capacity.
    const cookies: string[] = [];
    for (let n = 1; n <= agents; n++) {
      const cookie = await signIn(b, `bench.agent.${n}@example.be`, addressOf(100_000 + n));
      await json(`${b}/api/v1/console/chats/availability`, { method: 'PUT', body: { available: true, capacity: CAPACITY }, headers: { cookie } }, 200);
      cookies.push(cookie);
    }
    // Users on A, each from its own address; each chat accepted on B by the agent whose turn it is, who listens to it.
    const opened: Array<{ id: string; token: string; address: string; stream: SseClient }> = [];
    for (let n = 0; n < chats; n++) {
      const address = addressOf(n + 1);
      const chat = await json(
        `${a}/api/v1/chats`,
        { method: 'POST', body: { language: 'fr', serviceCode: service, postalCode: '1030', name: `Bench ${n}` }, headers: { 'x-forwarded-for': address } },
        201,
      );
      const cookie = cookies[n % agents]!;
      await json(`${b}/api/v1/console/chats/${chat.id}/accept`, { method: 'POST', body: {}, headers: { cookie } }, 204);
      const stream = await connectEventStream(`${b}/api/v1/console/chats/${chat.id}/events`, { cookie });
      if (stream.status !== 200) throw new Error(`agent stream: ${stream.status}`);
      streams.push(stream);
      opened.push({ ...chat, address, stream });
    }

    const delivery: number[] = [];
    const bare: number[] = [];
    let failures = 0;
    const send = async (chat: (typeof opened)[number], text: string): Promise<number> => {
      const started = performance.now();
      await json(
        `${a}/api/v1/chats/${chat.id}/messages`,
        { method: 'POST', body: { text }, headers: { authorization: `Bearer ${chat.token}`, 'x-forwarded-for': chat.address } },
        201,
      );
      const event = await chat.stream.waitFor((e) => e.event === 'chat.message' && e.data.includes(text), 10_000);
      return event.receivedAt - started;
    };
    // Warm-up: one message per chat (connections, prepared statements, JIT), not counted.
    await Promise.all(opened.map((chat, n) => send(chat, `warm-up ${n}`)));

    const loadBefore = os.loadavg()[0]!;
    const started = performance.now();
    await Promise.all(
      opened.map(async (chat, n) => {
        await sleep(Math.random() * interval);
        for (let m = 0; m < messages; m++) {
          const pinged = performance.now();
          await fetch(`${a}/healthz`).then((r) => r.text());
          bare.push(performance.now() - pinged);
          try {
            delivery.push(await send(chat, `Question ${n}.${m}: à quelle heure ouvre le guichet ?`));
          } catch {
            failures++;
          }
          await sleep(interval * (0.5 + Math.random()));
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const loadAfter = os.loadavg()[0]!;

    const line = (values: number[]) =>
      `p50 ${ms(percentile(values, 50))}, p95 ${ms(percentile(values, 95))}, p99 ${ms(percentile(values, 99))}, max ${ms(Math.max(...values))}`;
    console.log(
      `\nchat bench: ${chats} chats (users on instance A, ${agents} agents on instance B), ${messages} messages each, one per ~${interval} ms; ` +
        `PostgreSQL; ${os.cpus().length} CPU(s); load average ${loadBefore.toFixed(1)} → ${loadAfter.toFixed(1)}`,
    );
    console.log(`  user POST on A → agent's SSE on B: ${line(delivery)} (${delivery.length} messages in ${seconds.toFixed(1)} s, ${failures} lost)`);
    console.log(`  bare GET /healthz on A:            ${line(bare)}`);
    console.log(
      `  ratio chat/bare: p50 ${(percentile(delivery, 50) / percentile(bare, 50)).toFixed(1)}, p95 ${(percentile(delivery, 95) / percentile(bare, 95)).toFixed(1)}` +
        `; target p95 < 200 ms: ${percentile(delivery, 95) < 200 ? 'met' : 'NOT met'}`,
    );
  } finally {
    for (const stream of streams) stream.close();
    for (const s of servers) await s.stop();
    const admin = new pg.Client({ connectionString: server });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
    await admin.end();
  }
}
