// Rolling restarts without a failed request (issue 20, part 3). Three IrisDesk processes on one PostgreSQL
// database behind a real HAProxy (Debian's package, configuration derived from deploy/haproxy.cfg: health checks on
// /readyz, retry and redispatch), under a load of page views, searches and contact-request posts with
// Idempotency-Keys, with an agent's console event stream open through the balancer. Each instance in turn gets
// SIGTERM (it drains: /readyz 503 while still serving), exits 0, is started again on its port and waits until
// healthy. No request may fail (no 5xx, no other unexpected status, no connection error), every acknowledged post
// is stored once and whole, and the console keeps receiving live events, reconnecting as browsers do.
// Instances run the sources through tsx (the build's own start command is exercised by test/build.int.test.ts).
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it, onTestFailed } from 'vitest';
import pg from 'pg';
import { adminQuery, serverUrl, templateDb } from './database.ts';
import { startBalancer, checkProductionConfig, type Balancer } from './haproxy.ts';
import { storedIntakes } from './intake-records.ts';
import { signInOverHttp as signIn, sleep } from './http-session.ts';
import { freePort, startServer, type ServerDatabase, type TestServer } from './server-process.ts';
import { connectEventStream, type SseClient, type SseEvent } from './sse.ts';

const skipReason = process.env.TEST_DATABASE_URL ? undefined : 'PostgreSQL pass only: TEST_DATABASE_URL is unset';
const INSTANCES = 3;
const CLIENTS = 3;
const DRAIN_MS = 3_000; // > HAProxy's check interval (500 ms) × fall (2), with room for a loaded machine

const databaseName = `irisdesk_rolling_${randomBytes(5).toString('hex')}`;
const servers: Array<TestServer | undefined> = [];
let balancer: Balancer | undefined;
let direct: pg.Pool | undefined;
let console_: ReconnectingStream | undefined;
afterAll(async () => {
  console_?.close();
  await Promise.all(servers.map((server) => (server ? server.stop().catch(() => undefined) : Promise.resolve())));
  await balancer?.stop().catch(() => undefined);
  await direct?.end().catch(() => undefined);
  if (!skipReason) await adminQuery(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`).catch(() => undefined);
});

interface ReconnectingStream {
  events: SseEvent[];
  connections: number;
  failures: string[];
  waitFor(predicate: (event: SseEvent) => boolean, timeoutMs: number): Promise<SseEvent>;
  close(): void;
}

/**
 * An EventSource as browsers run it: when the stream ends it connects again after the server's retry hint,
 * sending the last event id it saw. A connection that fails is a failure of the test (and is retried).
 */
function reconnectingStream(url: string, headers: Record<string, string>): ReconnectingStream {
  const events: SseEvent[] = [];
  const failures: string[] = [];
  let open = true;
  let current: SseClient | undefined;
  let lastId: string | undefined;
  const stream: ReconnectingStream = {
    events,
    connections: 0,
    failures,
    async waitFor(predicate, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = events.find(predicate);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no matching event within ${timeoutMs} ms (got ${events.map((e) => e.event).join(', ')})`);
        await sleep(50);
      }
    },
    close() {
      open = false;
      current?.close();
    },
  };
  void (async () => {
    while (open) {
      try {
        current = await connectEventStream(url, { ...headers, ...(lastId ? { 'last-event-id': lastId } : {}) });
        if (current.status !== 200) failures.push(`event stream answered ${current.status}`);
        stream.connections++;
        let seen = 0;
        const copy = setInterval(() => {
          for (; seen < current!.events.length; seen++) {
            const event = current!.events[seen]!;
            events.push(event);
            if (event.id) lastId = event.id;
          }
        }, 20);
        await current.closed;
        clearInterval(copy);
        for (; seen < current.events.length; seen++) events.push(current.events[seen]!);
        if (current.events.at(-1)?.id) lastId = current.events.at(-1)!.id;
      } catch (error) {
        if (open) failures.push(`event stream: ${(error as Error).message}`);
      }
      if (open) await sleep(500); // the retry hint of a stopping server (sse.ts)
    }
  })();
  return stream;
}

describe.skipIf(skipReason)(`a rolling restart behind HAProxy${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  it('the production HAProxy example is a valid configuration', { timeout: 30_000 }, async () => {
    expect(await checkProductionConfig()).toContain('Configuration file is valid');
  });

  it('restarts three instances in turn under load without a failed request', { timeout: 600_000 }, async () => {
    const started = Date.now();
    await adminQuery(`CREATE DATABASE ${databaseName} TEMPLATE ${templateDb()}`);
    const database: ServerDatabase = { env: { DATABASE_URL: serverUrl(databaseName) }, drop: async () => undefined };
    direct = new pg.Pool({ connectionString: serverUrl(databaseName), max: 2 });
    const env = {
      // One secret for all instances: a session cookie or CSRF token signed by one is valid on the others.
      SESSION_SECRET: 'rolling-restart-test-secret-0123456789abcdef',
      SHUTDOWN_DRAIN_MS: String(DRAIN_MS),
      SHUTDOWN_GRACE_MS: '10000',
      TRUST_PROXY: 'loopback',
      CONTACT_INTAKE_LIMIT: '0',
      JOBS_POLL_INTERVAL_MS: '1000',
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'false', // the template is seeded already: starts (and restarts) do not seed again
    };
    const ports = await Promise.all(Array.from({ length: INSTANCES }, () => freePort()));
    // All three start at once on the same database: one applies what is pending, the others wait for its lock.
    const phases: string[] = [];
    const seconds = (since: number) => `${Math.round((Date.now() - since) / 1000)} s`;
    onTestFailed(() => void process.stderr.write(`--- phases: ${phases.join(', ')} (then ${seconds(started)}) ---\n`));
    servers.push(...(await Promise.all(ports.map((port) => startServer({ database, port, env })))));
    phases.push(`3 instances started in ${seconds(started)}`);
    balancer = await startBalancer({ servers: ports, checkIntervalMs: 500 });
    const { url } = balancer;
    onTestFailed(() => {
      process.stderr.write(`--- HAProxy ---\n${balancer?.output()}\n`);
      servers.forEach((server, i) => process.stderr.write(`--- instance ${i + 1} ---\n${server?.output()}\n`));
    });
    // Every instance healthy behind the balancer (rise 2 × 500 ms).
    await sleep(1_500);

    const service = (
      await direct.query<{ code: string }>(`SELECT code FROM services WHERE competent_kind = 'commune' AND status = 'published' ORDER BY code LIMIT 1`)
    ).rows[0]!.code;
    console_ = reconnectingStream(`${url}/api/v1/console/events`, { cookie: await signIn(url, 'agent@demo.irisdesk.brussels') });

    const run = Date.now().toString(36);
    let serial = 0;
    const acknowledged = new Map<string, string>();
    const failures: string[] = [];
    const counts = { page: 0, search: 0, post: 0 };
    const post = async (schaerbeek: boolean): Promise<string | undefined> => {
      const n = serial++;
      const key = `rolling-${run}-${n}`;
      const response = await fetch(`${url}/api/v1/contact-requests`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': key },
        body: JSON.stringify({
          name: 'Rolling Restart',
          email: `rolling.${run}.${n}@example.be`,
          message: `Question ${n} pendant une mise à jour`,
          language: ['fr', 'nl', 'en'][n % 3],
          ...(schaerbeek ? { serviceCode: service, postalCode: '1030' } : {}),
        }),
        signal: AbortSignal.timeout(20_000),
      });
      const body = (await response.json()) as { reference?: string };
      counts.post++;
      if (response.status !== 201 || !body.reference) {
        failures.push(`POST contact request ${key}: ${response.status}`);
        return undefined;
      }
      acknowledged.set(key, body.reference);
      return body.reference;
    };
    const get = async (kind: 'page' | 'search', path: string) => {
      const response = await fetch(`${url}${path}`, { signal: AbortSignal.timeout(20_000) });
      await response.arrayBuffer();
      counts[kind]++;
      if (response.status !== 200) failures.push(`GET ${path}: ${response.status}`);
    };
    const searches = ['carte identité', 'parkeerkaart', 'change of address', 'permis de conduire', 'huwelijk'];
    let loading = true;
    const client = async (c: number) => {
      for (let i = 0; loading; i++) {
        try {
          if (i % 3 === 0) await get('page', `/${['fr', 'nl', 'en'][(i + c) % 3]}/services/${service}?postalCode=1030`);
          else if (i % 3 === 1) await get('search', `/api/v1/search?q=${encodeURIComponent(searches[(i + c) % searches.length]!)}&lang=fr`);
          else await post(false);
        } catch (error) {
          const cause = (error as Error & { cause?: { code?: string; message?: string } }).cause;
          failures.push(`connection error: ${(error as Error).message} (${cause?.code ?? cause?.message ?? 'no cause'})`);
        }
        await sleep(20);
      }
    };
    const clients = Array.from({ length: CLIENTS }, (_, c) => client(c));

    /** A new Schaerbeek request reaches the agent's console through the balancer. */
    const liveUpdate = async (when: string) => {
      const reference = await post(true);
      expect(reference, `live request ${when}`).toBeDefined();
      await console_!.waitFor((event) => event.event === 'request.created' && event.data.includes(reference!), 15_000);
    };
    await liveUpdate('before the restarts');

    for (let i = 0; i < INSTANCES; i++) {
      const restartedAt = Date.now();
      const stopping = servers[i]!;
      stopping.signal('SIGTERM');
      expect(await stopping.exited(), `instance ${i + 1} exits 0`).toEqual({ code: 0, signal: null });
      phases.push(`instance ${i + 1} stopped in ${seconds(restartedAt)}`);
      servers[i] = await startServer({ database, port: ports[i]!, env });
      await sleep(1_500); // healthy again for HAProxy: 2 good checks 500 ms apart
      await liveUpdate(`after restarting instance ${i + 1}`);
      phases.push(`instance ${i + 1} back and live in ${seconds(restartedAt)}`);
    }

    loading = false;
    await Promise.all(clients);
    const total = counts.page + counts.search + counts.post;
    console.log(
      `rolling restart of ${INSTANCES} instances behind HAProxy: ${total} requests (${counts.page} page views, ${counts.search} searches, ` +
        `${counts.post} contact posts), ${failures.length} failures; console stream connected ${console_.connections} times; ` +
        `${seconds(started)} (${phases.join(', ')})`,
    );
    expect(failures).toEqual([]);
    expect(console_.failures).toEqual([]);
    // The console's stream was on one of the restarted instances at least once, and came back each time.
    expect(console_.connections).toBeGreaterThan(1);
    expect(counts.page).toBeGreaterThan(20);
    expect(counts.search).toBeGreaterThan(20);

    // Every acknowledged post is stored once and whole: one request per key, with its reference.
    const rows = await storedIntakes(direct, `rolling.${run}.%`);
    const stored = new Map(rows.map((row) => [row.key, row]));
    for (const [key, reference] of acknowledged) expect(stored.get(key)?.reference, key).toBe(reference);
    for (const row of rows)
      expect({ ...row, key: row.key !== null }).toEqual({ key: true, reference: row.reference, messages: 1, contacts: 1, jobs: 2, receipts: 1 });
    expect(rows.length).toBe(acknowledged.size);
    expect(acknowledged.size).toBe(counts.post);
  });
});
