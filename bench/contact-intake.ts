// Contact intake: `npm run bench -- contact-intake [--rate 500] [--rate-seconds 30] [--sockets 64] [--seconds 10]
//   [--clients 16] [--cpu-runs 1000] [--smtp=1]`
// Target (issue 4): the web intake sustains ≥ 500 requests/s with p95 < 50 ms on the PostgreSQL server.
// POST /api/v1/contact-requests over real HTTP on loopback, from a load generator in its own thread (keep-alive),
// each post with its own Idempotency-Key and e-mail, a mix of routing cases (competent organisation, commune by
// postal code, regional first line). Everything the intake does runs: idempotency key, routing, party, request,
// first message, contact, SLA due times and 2 SLA jobs, realtime NOTIFY, receipt e-mail (captured: no SMTP_URL;
// queued with its job with --smtp=1). Throttling is off (CONTACT_INTAKE_LIMIT=0: one address).
// 1. `--cpu-runs` sequential intakes in-process give the CPU per intake of this process and (on a PostgreSQL
//    server of this machine, through /proc) of its PostgreSQL connections, and the statements sent per intake;
//    `--seconds=0` stops there.
// 2. The capacity: `--clients` closed-loop clients for `--seconds`.
// 3. The target: `--rate` posts per second offered on a fixed schedule for `--rate-seconds` over at most
//    `--sockets` connections, latency from each post's scheduled time (`--rate=0` skips it). This run decides.
// PGlite in memory by default; BENCH_DATABASE_URL=postgres://… uses the server (database
// irisdesk_bench_contact_intake, recreated each run, pool of 20 connections).
import { Worker } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import type { Database } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { seed } from '../src/seed/index.ts';
import { loadConfig } from '../src/config.ts';
import { createApp } from '../src/app.ts';
import { openBenchDatabase, option, percentile } from './support.ts';

const DB_NAME = 'irisdesk_bench_contact_intake';

/** Statements sent by node-postgres (BEGIN and COMMIT included), counted while `statements.on`. */
const statements = { on: false, count: 0 };
// eslint-disable-next-line @typescript-eslint/unbound-method -- called with the client as `this` below
const clientQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  if (statements.on) statements.count++;
  return (clientQuery as (...a: unknown[]) => unknown).apply(this, args);
} as typeof clientQuery;

/**
 * CPU time (ms) used so far by the server processes of the bench database's connections, read from /proc:
 * only when PostgreSQL runs on this machine and /proc shows its processes (else undefined).
 */
async function serverCpuMs(db: Database): Promise<number | undefined> {
  if (db.engine !== 'postgres') return undefined;
  const { rows } = await db.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`);
  const tick = 10; // ms per clock tick (USER_HZ = 100 on Linux)
  let total = 0;
  for (const { pid } of rows) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      total += (Number(fields[11]) + Number(fields[12])) * tick;
    } catch {
      return undefined;
    }
  }
  return total;
}

// The load generator: plain JavaScript evaluated in a worker thread (workers do not inherit tsx's loader).
// Two models. Closed (rate 0): `clients` loops, each posting again as soon as its answer arrives — it finds the
// capacity, but its latency is only clients / throughput (Little's law). Open (rate > 0): posts leave on a fixed
// schedule, one every 1000 / rate ms, whatever the answers do, over at most `clients` keep-alive sockets (a post
// waits in the agent when all are busy); each latency runs from the post's scheduled time, not from when it
// could be sent, so a slow server is not hidden by the generator waiting for it (coordinated omission, as wrk2
// and k6's constant-arrival-rate measure).
const WORKER = `
const http = require('node:http');
const { parentPort, workerData } = require('node:worker_threads');
const { url, bodies, clients, durationMs, runId, rate } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
const target = new URL(url);
const latencies = [];
const sentAt = [];
const statuses = {};
let sequence = 0;
function post(body, key) {
  return new Promise((resolve, reject) => {
    const payload = JSON.stringify(body);
    const req = http.request({ host: target.hostname, port: target.port, path: target.pathname, method: 'POST', agent,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), 'idempotency-key': key } }, (res) => {
      res.on('data', () => undefined);
      res.on('end', () => resolve(res.statusCode || 0));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}
async function send(scheduledAt) {
  const n = sequence++;
  const body = { ...bodies[n % bodies.length], email: 'bench.' + runId + '.' + n + '@example.be' };
  let status = 0;
  try { status = await post(body, runId + '-' + n); } catch { status = -1; }
  latencies.push(performance.now() - scheduledAt);
  sentAt.push(scheduledAt - startedAt);
  statuses[status] = (statuses[status] || 0) + 1;
}
const startedAt = performance.now();
const done = (() => {
  if (!rate) {
    const end = startedAt + durationMs;
    const loop = async () => { while (performance.now() < end) await send(performance.now()); };
    return Promise.all(Array.from({ length: clients }, loop));
  }
  const interval = 1000 / rate;
  const total = Math.floor(durationMs / interval);
  const inFlight = [];
  let next = 0;
  return new Promise((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (next < total && startedAt + next * interval <= now) inFlight.push(send(startedAt + next++ * interval));
      if (next < total) setTimeout(tick, Math.max(0, startedAt + next * interval - performance.now()));
      else resolve(Promise.all(inFlight));
    };
    tick();
  });
})();
done.then(() => {
  agent.destroy();
  parentPort.postMessage({ latencies, sentAt, statuses, elapsedMs: performance.now() - startedAt });
});
`;

function runLoad(url: string, bodies: unknown[], clients: number, durationMs: number, runId: string, rate = 0) {
  return new Promise<{ latencies: number[]; sentAt: number[]; statuses: Record<string, number>; elapsedMs: number }>((resolve, reject) => {
    const worker = new Worker(WORKER, { eval: true, workerData: { url, bodies, clients, durationMs, runId, rate } });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

export async function benchContactIntake(args: string[]) {
  const seconds = option(args, 'seconds', 10);
  const clients = option(args, 'clients', 16);
  const rate = option(args, 'rate', 500);
  const rateSeconds = option(args, 'rate-seconds', 30);
  const sockets = option(args, 'sockets', 64);
  const db = await openBenchDatabase(DB_NAME, 20);
  console.log(`engine: ${db.engine}; migrating and seeding…`);
  await migrate(db);
  await seed(db, { demo: true });
  // --smtp=1: with SMTP_URL set, as in production (the receipt is queued with its mail.send job, never sent:
  // no worker runs here); captured by default.
  const smtp = option(args, 'smtp', 0) === 1 ? { SMTP_URL: 'smtp://127.0.0.1:9' } : {};
  const config = loadConfig({ NODE_ENV: 'development', LOG_LEVEL: 'silent', DATA_DIR: 'memory://', PORT: '0', CONTACT_INTAKE_LIMIT: '0', ...smtp });
  const { app } = await createApp({ config, db });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/api/v1/contact-requests`;

  const orgService = (
    await db.query<{ code: string }>(`SELECT code FROM services WHERE competent_kind = 'organisation' AND status = 'published' ORDER BY code LIMIT 1`)
  ).rows[0]!.code;
  const communeService = (
    await db.query<{ code: string }>(`SELECT code FROM services WHERE competent_kind = 'commune' AND status = 'published' ORDER BY code LIMIT 1`)
  ).rows[0]!.code;
  const base = { name: 'Bench Person', message: 'Bonjour, quand puis-je passer pour renouveler ma carte ?\nMerci.' };
  const bodies = [
    { ...base, language: 'fr', serviceCode: orgService },
    { ...base, language: 'nl', serviceCode: communeService, postalCode: '1030' },
    { ...base, language: 'en' },
    { ...base, language: 'fr', serviceCode: communeService, postalCode: '1050' },
  ];

  // CPU per intake in this process (HTTP handling by inject, service, driver), which a busy machine inflates
  // far less than wall-clock latency: the capacity of one core is about 1000 / (this) requests per second,
  // before the database's own CPU.
  const cpuRuns = option(args, 'cpu-runs', 1000);
  for (let i = 0; i < 20; i++)
    await app.inject({ method: 'POST', url: '/api/v1/contact-requests', payload: { ...bodies[i % 4], email: `cpu.warm.${i}.${Date.now()}@example.be` } });
  const serverBefore = await serverCpuMs(db);
  statements.count = 0;
  statements.on = true;
  const cpuBefore = process.cpuUsage();
  const wallBefore = performance.now();
  for (let i = 0; i < cpuRuns; i++) {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/contact-requests',
      payload: { ...bodies[i % 4], email: `cpu.${i}.${Date.now()}@example.be` },
      headers: { 'idempotency-key': `cpu-${Date.now()}-${i}` },
    });
    if (response.statusCode !== 201) throw new Error(`intake answered ${response.statusCode}: ${response.body}`);
  }
  const cpu = process.cpuUsage(cpuBefore);
  const wallMs = (performance.now() - wallBefore) / cpuRuns;
  statements.on = false;
  const serverAfter = await serverCpuMs(db);
  const cpuMs = (cpu.user + cpu.system) / 1000 / cpuRuns;
  console.log(
    `in-process, sequential (${cpuRuns}): ${wallMs.toFixed(1)} ms wall and ${cpuMs.toFixed(2)} ms CPU of the IrisDesk process per intake (${(cpu.system / 1000 / cpuRuns).toFixed(2)} ms of it in the kernel)`,
  );
  if (db.engine === 'postgres') {
    console.log(
      `  ${(statements.count / cpuRuns).toFixed(1)} statements per intake (BEGIN and COMMIT included)` +
        (serverBefore !== undefined && serverAfter !== undefined
          ? `; ${((serverAfter - serverBefore) / cpuRuns).toFixed(2)} ms CPU of the PostgreSQL connections per intake (10 ms ticks)`
          : ''),
    );
  }

  if (seconds === 0) {
    // --seconds=0: the in-process figures only (statements, CPU), no load.
    await app.close();
    await db.close();
    return;
  }
  console.log(`warming up (3 s, ${clients} clients)…`);
  await runLoad(url, bodies, clients, 3000, `warm${Date.now()}`);

  /** One load run, reported: statuses, stored rows, throughput, latency, CPU per request. */
  async function measure(title: string, run: () => ReturnType<typeof runLoad>) {
    const count = async () => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM cc_requests`)).rows[0]!.n;
    const before = await count();
    const serverBefore = await serverCpuMs(db);
    const cpuBefore = process.cpuUsage();
    const result = await run();
    const cpu = process.cpuUsage(cpuBefore);
    const serverAfter = await serverCpuMs(db);
    const stored = (await count()) - before;
    const elapsed = result.elapsedMs / 1000;
    const created = result.statuses['201'] ?? 0;
    const rps = created / elapsed;
    const p95 = percentile(result.latencies, 95);
    console.log(`\ncontact intake on ${db.engine}, ${title} (${elapsed.toFixed(1)} s)`);
    console.log(`  statuses: ${JSON.stringify(result.statuses)}`);
    console.log(`  requests created: ${created} (rows added: ${stored})  →  ${rps.toFixed(0)} requests/s sustained`);
    console.log(
      `  latency p50 ${percentile(result.latencies, 50).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, p99 ${percentile(result.latencies, 99).toFixed(1)} ms, max ${Math.max(...result.latencies).toFixed(1)} ms`,
    );
    console.log(
      `  CPU per request under load: ${((cpu.user + cpu.system) / 1000 / result.latencies.length).toFixed(2)} ms of this process (server and load generator)` +
        (serverBefore !== undefined && serverAfter !== undefined
          ? `, ${((serverAfter - serverBefore) / result.latencies.length).toFixed(2)} ms of PostgreSQL`
          : ''),
    );
    // p95 per 2 s of the run, by when each post was sent: a stall shows where it happened.
    const windows: number[][] = [];
    result.latencies.forEach((latency, i) => (windows[Math.floor(result.sentAt[i]! / 2000)] ??= []).push(latency));
    console.log(`  p95 per 2 s: ${windows.map((w) => percentile(w, 95).toFixed(0)).join(' ')} ms`);
    const ok = stored === created && created === result.latencies.length;
    console.log(`  ${ok ? 'OK' : 'FAILED'}: every 201 is one stored request, no error`);
    return { ok, rps, p95 };
  }

  // The capacity: closed loop, as many requests as `clients` loops get answered.
  console.log(`measuring the capacity: ${seconds} s with ${clients} closed-loop clients…`);
  await measure(`capacity, ${clients} closed-loop clients`, () => runLoad(url, bodies, clients, seconds * 1000, `run${Date.now()}`));

  // The target: the rate offered on a schedule for a sustained period, latency from each post's scheduled time.
  if (rate > 0 && rateSeconds > 0) {
    console.log(`\nmeasuring the target: ${rate} posts/s offered on a fixed schedule for ${rateSeconds} s (at most ${sockets} connections)…`);
    const offered = await measure(`${rate} posts/s offered (open model)`, () => runLoad(url, bodies, sockets, rateSeconds * 1000, `rate${Date.now()}`, rate));
    const met = offered.ok && rate >= 500 && offered.rps >= 0.99 * rate && offered.p95 < 50;
    console.log(
      db.engine === 'postgres'
        ? `  target (PostgreSQL): ≥ 500 requests/s sustained with p95 < 50 ms → ${met ? 'met' : 'not met'}`
        : `  (the target is set for the PostgreSQL server: BENCH_DATABASE_URL=postgres://…; PGlite's figure is reported)`,
    );
  }
  await app.close();
  await db.close();
}
