// Cluster throughput: `npm run bench -- cluster [--seconds 10] [--clients 32] [--instances 3]`, with
// BENCH_DATABASE_URL=postgres://… (instances share one PostgreSQL database: irisdesk_bench_cluster, recreated).
// In the same run, the same HAProxy configuration (test/haproxy.ts: derived from deploy/haproxy.cfg) in front of
// one instance, then in front of `--instances` instances, each measured for `--seconds` on
// 1. the service page (GET /fr/services/<code>?postalCode=1030, HTML, brotli as browsers ask), and
// 2. the contact intake (POST /api/v1/contact-requests, each with its own Idempotency-Key and e-mail),
// by `--clients` closed-loop clients over keep-alive connections in a worker thread. Prints requests/s, p50/p95
// and the answers that were not 200/201. Instances run the sources (node --import tsx src/main.ts) in development
// mode with the contact form's per-address limit off; HAProxy, PostgreSQL and the load generator share the
// machine with them, so the figures say what this machine does, not what N separate hosts would.
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import { migrate } from '../src/platform/db/migrate.ts';
import { openPostgres } from '../src/platform/db/database.ts';
import { seed } from '../src/seed/index.ts';
import { startBalancer } from '../test/haproxy.ts';
import { startServer, type TestServer } from '../test/server-process.ts';
import { option, percentile } from './support.ts';

const DB_NAME = 'irisdesk_bench_cluster';

const WORKER = `
const http = require('node:http');
const { parentPort, workerData } = require('node:worker_threads');
const { url, method, body, clients, durationMs, runId } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
const target = new URL(url);
const latencies = [];
const statuses = {};
let sequence = 0;
function request() {
  const n = sequence++;
  const payload = body ? JSON.stringify({ ...body, email: 'cluster.' + runId + '.' + n + '@example.be' }) : undefined;
  const headers = payload
    ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), 'idempotency-key': runId + '-' + n }
    : { 'accept-encoding': 'br', accept: 'text/html' };
  return new Promise((resolve) => {
    const req = http.request({ host: target.hostname, port: target.port, path: target.pathname + target.search, method, agent, headers }, (res) => {
      res.on('data', () => undefined);
      res.on('end', () => resolve(res.statusCode || 0));
      res.on('error', () => resolve(-1));
    });
    req.on('error', () => resolve(-1));
    req.end(payload);
  });
}
const startedAt = performance.now();
const end = startedAt + durationMs;
const loop = async () => {
  while (performance.now() < end) {
    const sent = performance.now();
    const status = await request();
    latencies.push(performance.now() - sent);
    statuses[status] = (statuses[status] || 0) + 1;
  }
};
Promise.all(Array.from({ length: clients }, loop)).then(() => {
  agent.destroy();
  parentPort.postMessage({ latencies, statuses, elapsedMs: performance.now() - startedAt });
});
`;

interface LoadResult {
  latencies: number[];
  statuses: Record<string, number>;
  elapsedMs: number;
}

function runLoad(workerData: { url: string; method: 'GET' | 'POST'; body?: object; clients: number; durationMs: number; runId: string }): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { eval: true, workerData });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

function summary(result: LoadResult, ok: number) {
  const count = result.latencies.length;
  const failed = Object.entries(result.statuses).filter(([status]) => Number(status) !== ok);
  return {
    rps: count / (result.elapsedMs / 1000),
    p50: percentile(result.latencies, 50),
    p95: percentile(result.latencies, 95),
    count,
    failed: failed.map(([status, n]) => `${n}× ${status === '-1' ? 'connection error' : status}`).join(', ') || 'none',
  };
}

export async function benchCluster(args: string[]) {
  const seconds = option(args, 'seconds', 10);
  const clients = option(args, 'clients', 32);
  const instances = Math.max(2, option(args, 'instances', 3));
  const server = process.env.BENCH_DATABASE_URL;
  if (!server) throw new Error('the cluster bench needs BENCH_DATABASE_URL=postgres://… (instances share one PostgreSQL database)');

  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${DB_NAME}`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${DB_NAME}`;
  const databaseUrl = url.toString();
  const db = await openPostgres(databaseUrl, { max: 2 });
  await migrate(db);
  await seed(db, { demo: true });
  const service = (
    await db.query<{ code: string }>(`SELECT code FROM services WHERE competent_kind = 'commune' AND status = 'published' ORDER BY code LIMIT 1`)
  ).rows[0]!.code;
  await db.close();

  const database = { env: { DATABASE_URL: databaseUrl }, drop: async () => undefined };
  const env = { SEED_DEMO: 'false', CONTACT_INTAKE_LIMIT: '0', LOG_LEVEL: 'error', SESSION_SECRET: 'cluster-bench-secret-0123456789abcdef0123' };
  const servers: TestServer[] = [];
  const balancers: Array<Awaited<ReturnType<typeof startBalancer>>> = [];
  try {
    for (let i = 0; i < instances; i++) servers.push(await startServer({ database, env }));
    const ports = servers.map((s) => Number(new URL(s.url).port));
    const one = await startBalancer({ servers: ports.slice(0, 1) });
    balancers.push(one);
    const all = await startBalancer({ servers: ports });
    balancers.push(all);
    await new Promise((resolve) => setTimeout(resolve, 3_000)); // every instance up behind the balancer (rise 2 × 1 s)

    const page = `/fr/services/${service}?postalCode=1030`;
    const contact = { name: 'Cluster Bench', message: 'Bonjour, je voudrais changer mon adresse.', language: 'fr' };
    const durationMs = seconds * 1000;
    const run = Date.now().toString(36);
    const rows: Array<Record<string, string | number>> = [];
    // Warm-up: the first requests of each instance compile templates and fill caches.
    await runLoad({ url: `${all.url}${page}`, method: 'GET', clients: 8, durationMs: 2_000, runId: `${run}-warm` });
    for (const [label, balancer] of [
      ['1 instance', one],
      [`${instances} instances`, all],
    ] as const) {
      const pageResult = summary(await runLoad({ url: `${balancer.url}${page}`, method: 'GET', clients, durationMs, runId: `${run}-p` }), 200);
      rows.push({ setup: label, endpoint: 'service page', ...pageResult });
      const intake = summary(
        await runLoad({
          url: `${balancer.url}/api/v1/contact-requests`,
          method: 'POST',
          body: contact,
          clients,
          durationMs,
          runId: `${run}-${label.replace(/\W/g, '')}`,
        }),
        201,
      );
      rows.push({ setup: label, endpoint: 'contact intake', ...intake });
    }
    console.log(
      `\ncluster bench: HAProxy (${balancers[0]!.config.includes('leastconn') ? 'leastconn' : 'roundrobin'}) → IrisDesk instances on one PostgreSQL database; ${clients} clients, ${seconds} s per run, ${(await import('node:os')).cpus().length} CPU(s)\n`,
    );
    console.log('setup        endpoint         req/s    p50 ms   p95 ms   requests  not 2xx');
    for (const row of rows) {
      console.log(
        `${String(row.setup).padEnd(12)} ${String(row.endpoint).padEnd(15)} ${Number(row.rps).toFixed(0).padStart(7)} ${Number(row.p50).toFixed(1).padStart(8)} ${Number(row.p95).toFixed(1).padStart(8)} ${String(row.count).padStart(10)}  ${row.failed}`,
      );
    }
    // Memory after the runs, as the instances report it themselves (development mode serves /metrics openly).
    const resident = await Promise.all(
      servers.map(async (s) => Number(/^irisdesk_process_resident_memory_bytes (\S+)$/m.exec(await (await fetch(`${s.url}/metrics`)).text())?.[1]) / 2 ** 20),
    );
    console.log(`\nresident memory per instance after the runs: ${resident.map((mb) => `${mb.toFixed(0)} MB`).join(', ')}`);
    for (const endpoint of ['service page', 'contact intake']) {
      const [single, cluster] = rows.filter((row) => row.endpoint === endpoint);
      console.log(`${endpoint}: ${instances} instances give ×${(Number(cluster!.rps) / Number(single!.rps)).toFixed(2)} the throughput of one`);
    }
  } finally {
    for (const balancer of balancers) await balancer.stop();
    for (const s of servers) await s.stop();
  }
}
