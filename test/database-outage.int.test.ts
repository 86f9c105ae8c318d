// A database restart must not take IrisDesk down (issue 13). A real server process runs on a PostgreSQL server
// of the test's own (test/postgres-cluster.ts) under a write load of contact requests with Idempotency-Keys,
// reads and an open console event stream. PostgreSQL is stopped (`-m fast`, then `-m immediate`) and started
// again, then frozen with SIGSTOP. Throughout, the IrisDesk process stays the same process; while the database
// is away, requests answer 503 with Retry-After (never 500), /readyz 503 within 2 s, /healthz 200; once it is
// back, writes succeed within 5 s, the event stream receives new events, the job worker sends mail again, and
// every acknowledged reference is stored whole, one request per Idempotency-Key.
import { afterAll, describe, expect, it, onTestFailed } from 'vitest';
import pg from 'pg';
import { createPostgresCluster, type PostgresCluster } from './postgres-cluster.ts';
import { startServer, type TestServer } from './server-process.ts';
import { startTestSmtpServer, type TestSmtpServer } from './smtp.ts';
import { connectEventStream, type SseClient } from './sse.ts';
import { translator } from '../src/platform/i18n/messages.ts';
import { serverUrl, templateDb } from './database.ts';
import { storedIntakes } from './intake-records.ts';
import { signInOverHttp as signIn, sleep } from './http-session.ts';

// Runs where PostgreSQL does: the CI pass on the PostgreSQL server (it never touches that server itself).
const skipReason = process.env.TEST_DATABASE_URL ? undefined : 'PostgreSQL pass only: TEST_DATABASE_URL is unset';
const QUERY_TIMEOUT_MS = 3000;
const CONNECT_TIMEOUT_MS = 2000;

let cluster: PostgresCluster | undefined;
let server: TestServer | undefined;
let smtp: TestSmtpServer | undefined;
let stream: SseClient | undefined;
afterAll(async () => {
  stream?.close();
  await server?.stop().catch(() => undefined);
  await smtp?.stop().catch(() => undefined);
  await cluster?.destroy();
});

interface Post {
  key: string;
  body: { name: string; email: string; message: string; language: string; serviceCode?: string; postalCode?: string };
}
interface Answer {
  status: number;
  ms: number;
  reference?: string;
  code?: string;
  retryAfter: string | null;
  replayed: boolean;
}

async function post(url: string, item: Post): Promise<Answer> {
  const started = Date.now();
  const response = await fetch(`${url}/api/v1/contact-requests`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': item.key },
    body: JSON.stringify(item.body),
    signal: AbortSignal.timeout(20_000),
  });
  const body = (await response.json()) as { reference?: string; error?: { code: string } };
  return {
    status: response.status,
    ms: Date.now() - started,
    reference: body.reference,
    code: body.error?.code,
    retryAfter: response.headers.get('retry-after'),
    replayed: response.headers.get('idempotent-replayed') === 'true',
  };
}

async function timed(url: string, init?: RequestInit): Promise<{ status: number; ms: number; response: Response }> {
  const started = Date.now();
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(20_000) });
  await response.clone().arrayBuffer();
  return { status: response.status, ms: Date.now() - started, response };
}

describe.skipIf(skipReason)(`a database restart${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  it('keeps the process up, answers 503 while PostgreSQL is away, recovers by itself and loses nothing acknowledged', { timeout: 180_000 }, async () => {
    cluster = await createPostgresCluster();
    await cluster.start();
    // The run's migrated, seeded template (on the shared server, only read): the server starts in seconds.
    await cluster.restore(serverUrl(templateDb()));
    smtp = await startTestSmtpServer();
    server = await startServer({
      database: { env: { DATABASE_URL: cluster.url() }, drop: async () => undefined },
      env: {
        DATABASE_QUERY_TIMEOUT_MS: String(QUERY_TIMEOUT_MS),
        DATABASE_STATEMENT_TIMEOUT_MS: String(QUERY_TIMEOUT_MS - 500),
        DATABASE_CONNECT_TIMEOUT_MS: String(CONNECT_TIMEOUT_MS),
        JOBS_POLL_INTERVAL_MS: '500',
        CONTACT_INTAKE_LIMIT: '0',
        LOG_LEVEL: 'error', // what went wrong, without a warning per refused request
        SMTP_URL: smtp.url,
        MAIL_FROM: 'IrisDesk <no-reply@irisdesk.test>',
      },
    });
    const { url } = server;
    onTestFailed(() => void process.stderr.write(`--- IrisDesk output (errors) ---\n${server?.output()}\n`));
    const direct = new pg.Pool({ connectionString: cluster.url(), max: 2 });
    direct.on('error', () => undefined);
    try {
      const communeService = (
        await direct.query<{ code: string }>(`SELECT code FROM services WHERE competent_kind = 'commune' AND status = 'published' ORDER BY code LIMIT 1`)
      ).rows[0]!.code;

      // The console of a Schaerbeek agent listens to the requests of Schaerbeek.
      stream = await connectEventStream(`${url}/api/v1/console/events`, { cookie: await signIn(url, 'agent@demo.irisdesk.brussels') });
      expect(stream.status).toBe(200);

      const run = Date.now().toString(36);
      let serial = 0;
      const posted = new Map<string, Post>();
      const newPost = (schaerbeek = false): Post => {
        const n = serial++;
        const item: Post = {
          key: `outage-${run}-${n}`,
          body: {
            name: 'Outage Test',
            email: `outage.${run}.${n}@example.be`,
            message: `Question ${n} pendant une coupure`,
            language: ['fr', 'nl', 'en'][n % 3]!,
            ...(schaerbeek ? { serviceCode: communeService, postalCode: '1030' } : {}),
          },
        };
        posted.set(item.key, item);
        return item;
      };

      // ---- the load: clients post and read until told to stop; every answer is kept
      const acknowledged = new Map<string, string>();
      const answers: Array<Answer & { phase: string; kind: 'post' | 'read' }> = [];
      const failures: string[] = [];
      let phase = 'up';
      let loading = true;
      const client = async () => {
        while (loading) {
          const item = newPost();
          try {
            const answer = await post(url, item);
            answers.push({ ...answer, phase, kind: 'post' });
            if (answer.status === 201 && answer.reference) acknowledged.set(item.key, answer.reference);
            const known = [...acknowledged.entries()].at(-1);
            if (known) {
              const email = posted.get(known[0])!.body.email;
              const read = await timed(`${url}/api/v1/contact-requests/${known[1]}?email=${encodeURIComponent(email)}`);
              const body = (await read.response.json()) as { error?: { code: string } };
              answers.push({
                status: read.status,
                ms: read.ms,
                code: body.error?.code,
                retryAfter: read.response.headers.get('retry-after'),
                replayed: false,
                phase,
                kind: 'read',
              });
            }
            await sleep(answer.status === 201 ? 30 : 100);
          } catch (error) {
            failures.push(`${phase}: ${(error as Error).message}`);
            await sleep(100);
          }
        }
      };
      const clients = Array.from({ length: 3 }, client);
      const until = async (predicate: () => boolean, timeoutMs: number, what: string) => {
        const deadline = Date.now() + timeoutMs;
        while (!predicate()) {
          if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
          await sleep(50);
        }
      };
      await until(() => acknowledged.size >= 10, 30_000, 'first acknowledged posts');

      const outage = async (mode: 'fast' | 'immediate') => {
        const resyncsBefore = stream!.events.filter((event) => event.event === 'resync').length;
        phase = `down-${mode}`;
        await cluster!.stop(mode);
        await sleep(300);
        // The process is up; the API, a page and the probes answer what they should.
        const health = await timed(`${url}/healthz`);
        expect(health.status).toBe(200);
        const ready = await timed(`${url}/readyz`);
        expect(ready.status).toBe(503);
        expect(ready.ms).toBeLessThan(2000);
        const refused = await post(url, newPost());
        expect(refused).toMatchObject({ status: 503, code: 'database_unavailable' });
        expect(Number(refused.retryAfter)).toBeGreaterThan(0);
        const page = await timed(`${url}/nl/contact/status/${'x'.repeat(30)}`, { headers: { accept: 'text/html' } });
        expect(page.status).toBe(503);
        expect(Number(page.response.headers.get('retry-after'))).toBeGreaterThan(0);
        const html = await page.response.text();
        expect(html).toContain('lang="nl"');
        expect(html).toContain(translator('nl')('errors.database_unavailable'));
        await sleep(1500); // the load keeps posting against the stopped database

        phase = `back-${mode}`;
        await cluster!.start();
        const back = Date.now();
        const sentBefore = smtp!.received.length;
        // Writes succeed again within 5 s of the database's return, without any restart of IrisDesk.
        let first: Answer | undefined;
        while (Date.now() - back < 5000) {
          const answer = await post(url, newPost());
          if (answer.status === 201) {
            first = answer;
            break;
          }
          await sleep(100);
        }
        expect(first, `no write succeeded within 5 s of the ${mode} restart`).toBeDefined();
        expect(Date.now() - back).toBeLessThanOrEqual(5000);
        expect((await timed(`${url}/readyz`)).status).toBe(200);

        // The realtime listener is subscribed again: the open console stream is told to reload (events of the
        // outage are lost), once, and then a new request of Schaerbeek reaches it.
        await until(() => stream!.events.filter((event) => event.event === 'resync').length > resyncsBefore, 5000, 'resync after the restart');
        const live = newPost(true);
        let liveAnswer: Answer | undefined;
        for (let attempt = 0; attempt < 20 && liveAnswer?.status !== 201; attempt++) {
          if (attempt > 0) await sleep(250);
          liveAnswer = await post(url, live);
        }
        expect(liveAnswer?.status).toBe(201);
        await stream!.waitFor((event) => event.event === 'request.created' && event.data.includes(liveAnswer!.reference!), 5000);
        // The job worker runs again: the receipt of that request is sent.
        expect(stream!.events.filter((event) => event.event === 'resync').length).toBe(resyncsBefore + 1);
        // The job worker runs again: receipts go out.
        await until(() => smtp!.received.length > sentBefore, 10_000, 'mail sent after the restart');
        phase = 'up';
      };

      await outage('fast');
      await until(() => acknowledged.size >= 20, 20_000, 'posts after the first restart');
      await outage('immediate');
      await until(() => acknowledged.size >= 30, 20_000, 'posts after the second restart');

      // ---- a hung database: frozen with SIGSTOP, connections open and silent
      phase = 'frozen';
      await cluster.freeze();
      try {
        await sleep(200);
        const ready = await timed(`${url}/readyz`);
        expect(ready.status).toBe(503);
        expect(ready.ms).toBeLessThan(2000);
        expect((await timed(`${url}/healthz`)).status).toBe(200);
        const hung = await post(url, newPost());
        expect(hung).toMatchObject({ status: 503, code: 'database_unavailable' });
        expect(hung.ms).toBeLessThan(QUERY_TIMEOUT_MS + CONNECT_TIMEOUT_MS + 1500);
        await sleep(1000);
      } finally {
        await cluster.thaw();
      }
      phase = 'thawed';
      const thawed = Date.now();
      await until(() => answers.some((answer) => answer.phase === 'thawed' && answer.status === 201), 5000 + QUERY_TIMEOUT_MS, 'a write after the thaw');
      expect(Date.now() - thawed).toBeLessThan(5000 + QUERY_TIMEOUT_MS);

      loading = false;
      await Promise.all(clients);

      // ---- the same process throughout (it never exited); nothing but 2xx and 503 (with Retry-After) was answered
      expect(server.running()).toBe(true);
      expect(failures).toEqual([]);
      const unexpected = answers.filter((answer) => ![200, 201, 404, 503].includes(answer.status) || (answer.status === 404 && answer.kind === 'post'));
      expect(unexpected).toEqual([]);
      const unavailable = answers.filter((answer) => answer.status === 503);
      expect(unavailable.length).toBeGreaterThan(0);
      for (const answer of unavailable) expect(answer).toMatchObject({ code: 'database_unavailable', retryAfter: expect.stringMatching(/^\d+$/) });
      expect(answers.some((answer) => answer.phase.startsWith('down') && answer.status === 503)).toBe(true);

      // ---- retries with the same Idempotency-Key: the same reference for the acknowledged, one request per key
      const retries = [
        ...[...posted.values()].filter((item) => !acknowledged.has(item.key)),
        ...[...posted.values()].filter((item) => acknowledged.has(item.key)).slice(0, 20),
      ];
      const retry = async () => {
        for (let item = retries.pop(); item; item = retries.pop()) {
          const answer = await post(url, item);
          expect(answer.status, item.key).toBe(201);
          if (acknowledged.has(item.key)) expect(answer).toMatchObject({ reference: acknowledged.get(item.key), replayed: true });
          else acknowledged.set(item.key, answer.reference!);
        }
      };
      await Promise.all(Array.from({ length: 3 }, retry));
      expect(acknowledged.size).toBe(posted.size);
      // The job worker has caught up: every request's receipt is sent, also those whose job the outage cut. A job
      // that failed during the outage waits its retry backoff first, longer the more attempts the outage cost it on a
      // loaded machine: 90 s (a CI run on a busy machine missed 30 s; idle, it takes a few seconds).
      const recipients = () => new Set(smtp!.received.flatMap((mail) => mail.envelope.to));
      await until(() => [...posted.values()].every((item) => recipients().has(item.body.email)), 90_000, 'every receipt sent');

      // ---- every acknowledged reference is stored whole
      const rows = await storedIntakes(direct, `outage.${run}.%`);
      const stored = new Map(rows.map((row) => [row.key, row]));
      for (const [key, reference] of acknowledged) expect(stored.get(key)?.reference, key).toBe(reference);
      for (const row of rows)
        expect({ ...row, key: row.key !== null }).toEqual({ key: true, reference: row.reference, messages: 1, contacts: 1, jobs: 2, receipts: 1 });
      expect(rows.length).toBe(posted.size);
    } finally {
      await direct.end();
    }
  });
});
