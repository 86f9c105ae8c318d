// Prometheus metrics: request counts and latencies per route, database pool figures, the job queue and
// outgoing mail, process defaults. Who may read them is decided by metricsAccess (decision 0027).
import client from 'prom-client';
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.ts';
import type { App } from '../http/types.ts';
import type { Database } from '../db/database.ts';
import type { JobTypeStatistics } from '../jobs/queue.ts';
import type { MailStatistics } from '../mail/service.ts';

/** The figures read from the database: the mail service's delivery statistics. */
export type DeliveryStatistics = MailStatistics & { jobs: JobTypeStatistics[] };

/** A scrape reuses figures read this recently: scrapers of several Prometheus servers cost one read. */
export const STATISTICS_TTL_MS = 5_000;
/** A database that does not answer within this time is reported down; the scrape still answers. */
export const STATISTICS_TIMEOUT_MS = 2_000;

const TOKEN_REQUIRED = 'A metrics token is required: Authorization: Bearer METRICS_TOKEN\n';
const JOB_STATES = ['due', 'scheduled', 'running', 'dead'] as const;
const MAIL_STATUSES = ['queued', 'sent', 'captured', 'failed'] as const;

export function createMetrics(
  db: Database,
  deps: { statistics: () => Promise<DeliveryStatistics>; config: Pick<Config, 'env' | 'metricsPort' | 'metricsHost' | 'metricsToken'> },
) {
  const { config } = deps;
  const access = metricsAccess(config);
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: 'irisdesk_' });
  // prom-client names three gauges …_total, a suffix Prometheus keeps for counters (promtool rejects them).
  // The same figures under gauge names; the by-type gauges (irisdesk_nodejs_active_handles{type}, …) stay.
  for (const [old, name, help, count] of [
    ['handles', 'irisdesk_nodejs_handles_active', 'Active libuv handles', () => activeCount('_getActiveHandles')],
    ['requests', 'irisdesk_nodejs_requests_active', 'Active libuv requests', () => activeCount('_getActiveRequests')],
    ['resources', 'irisdesk_nodejs_resources_active', 'Resources keeping the event loop alive', () => process.getActiveResourcesInfo().length],
  ] as const) {
    registry.removeSingleMetric(`irisdesk_nodejs_active_${old}_total`);
    new client.Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        this.set(count());
      },
    });
  }

  const requests = new client.Counter({
    name: 'irisdesk_http_requests_total',
    help: 'HTTP requests by method, route and status code',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const duration = new client.Histogram({
    name: 'irisdesk_http_request_duration_seconds',
    help: 'HTTP request duration by method and route',
    labelNames: ['method', 'route'] as const,
    buckets: [0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5],
    registers: [registry],
  });
  new client.Gauge({
    name: 'irisdesk_db_pool_connections',
    help: 'Database pool connections by state',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      const stats = db.poolStats();
      this.set({ state: 'total' }, stats.total);
      this.set({ state: 'idle' }, stats.idle);
      this.set({ state: 'waiting' }, stats.waiting);
    },
  });

  // Job queue and mail: each gauge's collect awaits the same read, so a scrape costs at most the two
  // statements of the mail service's statistics, none within STATISTICS_TTL_MS of the last read.
  const read = cachedRead(deps.statistics);
  const ageSeconds = (since: Date | null, at: number) => (since ? Math.max(0, (at - since.getTime()) / 1000) : 0);
  new client.Gauge({
    name: 'irisdesk_statistics_up',
    help: 'Whether the job and mail figures could be read from the database (1) or not (0: those series are left out)',
    registers: [registry],
    async collect() {
      this.set((await read()) ? 1 : 0);
    },
  });
  new client.Gauge({
    name: 'irisdesk_jobs',
    help: 'Jobs by type and state: due (waiting for a worker), scheduled (later, retries included), running, dead (gave up)',
    labelNames: ['type', 'state'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const job of (await read())?.value.jobs ?? []) for (const state of JOB_STATES) this.set({ type: job.type, state }, job[state]);
    },
  });
  new client.Gauge({
    name: 'irisdesk_jobs_retrying',
    help: 'Queued jobs whose last attempt failed, waiting for their retry, by type',
    labelNames: ['type'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const job of (await read())?.value.jobs ?? []) this.set({ type: job.type }, job.retrying);
    },
  });
  new client.Gauge({
    name: 'irisdesk_jobs_oldest_due_age_seconds',
    help: 'How long the oldest due job of each type has been waiting for a worker (0: none due)',
    labelNames: ['type'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const figures = await read();
      for (const job of figures?.value.jobs ?? []) this.set({ type: job.type }, ageSeconds(job.oldestDueAt, figures!.at));
    },
  });
  new client.Gauge({
    name: 'irisdesk_mail_messages',
    help: 'Outgoing e-mail messages kept, by status (queued: waiting to be sent; failed: refused for good)',
    labelNames: ['status'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const figures = await read();
      if (figures) for (const status of MAIL_STATUSES) this.set({ status }, figures.value.counts[status]);
    },
  });
  new client.Gauge({
    name: 'irisdesk_mail_oldest_queued_age_seconds',
    help: 'How long the oldest message waiting to be sent has been waiting (0: none waits; NaN: the database did not answer)',
    registers: [registry],
    async collect() {
      const figures = await read();
      this.set(figures ? ageSeconds(figures.value.oldestQueuedAt, figures.at) : Number.NaN);
    },
  });

  const metrics = {
    registry,
    access,
    /** GET /metrics on the public listener, as metricsAccess decides; the own listener opens with the app. */
    routes(app: App) {
      if (access === 'separate') {
        let listener: Awaited<ReturnType<typeof startMetricsListener>> | undefined;
        app.addHook('onReady', async () => {
          listener = await startMetricsListener(metrics, { host: config.metricsHost, port: config.metricsPort!, token: config.metricsToken });
          app.log.info({ address: listener.address }, 'metrics listener ready');
        });
        app.addHook('onClose', async () => listener?.close());
        return;
      }
      if (access === 'off') {
        app.log.warn('/metrics is not served: in production set METRICS_TOKEN or METRICS_PORT (see the README)');
        return;
      }
      app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
        // Plain text, as on the own listener: the reader is a scraper, not a person.
        if (!hasMetricsToken(request.headers, config.metricsToken))
          return reply.code(401).header('www-authenticate', 'Bearer').type('text/plain; charset=utf-8').send(TOKEN_REQUIRED);
        reply.header('content-type', registry.contentType);
        return registry.metrics();
      });
    },
    instrument(app: FastifyInstance) {
      app.addHook('onResponse', async (request, reply) => {
        // The route pattern, never the raw URL: bounded label values and no personal data in metrics.
        const route = request.routeOptions.url ?? 'not_found';
        requests.inc({ method: request.method, route, status: String(reply.statusCode) });
        duration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
      });
    },
  };
  return metrics;
}

export type Metrics = ReturnType<typeof createMetrics>;

function activeCount(name: '_getActiveHandles' | '_getActiveRequests'): number {
  const list = (process as unknown as Record<string, (() => unknown[]) | undefined>)[name];
  return typeof list === 'function' ? list.call(process).length : 0;
}

/**
 * The last read while it is fresh; else a new one (never two at once). A read that fails or takes longer than
 * STATISTICS_TIMEOUT_MS gives null: the scrape reports the database down instead of failing or hanging.
 */
function cachedRead<T>(load: () => Promise<T>): () => Promise<{ value: T; at: number } | null> {
  let last: { at: number; result: Promise<{ value: T; at: number } | null> } | undefined;
  let pending = false;
  return () => {
    const now = Date.now();
    if (last && (pending || now - last.at < STATISTICS_TTL_MS)) return last.result;
    pending = true;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), STATISTICS_TIMEOUT_MS);
    });
    const result = Promise.race([
      load().then(
        (value) => ({ value, at: now }),
        () => null,
      ),
      timeout,
    ]).finally(() => {
      clearTimeout(timer);
      pending = false;
    });
    last = { at: now, result };
    return result;
  };
}

/**
 * Who reads /metrics (decision 0027): `separate` — only on its own listener (METRICS_PORT), not on the public
 * one; `token` — on the public listener with `Authorization: Bearer METRICS_TOKEN`; `public` — anyone (outside
 * production only); `off` — production without either setting: not served.
 */
export type MetricsAccess = 'separate' | 'token' | 'public' | 'off';

export function metricsAccess(config: Pick<Config, 'env' | 'metricsPort' | 'metricsToken'>): MetricsAccess {
  if (config.metricsPort !== undefined) return 'separate';
  if (config.metricsToken !== undefined) return 'token';
  return config.env === 'production' ? 'off' : 'public';
}

/** True when the request carries the metrics token (or none is configured). Compared in constant time. */
export function hasMetricsToken(headers: IncomingHttpHeaders, token: string | undefined): boolean {
  if (token === undefined) return true;
  const match = /^Bearer\s+(\S+)$/i.exec(headers.authorization ?? '');
  if (!match) return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(match[1]!), digest(token));
}

/** The metrics listener of METRICS_PORT: GET /metrics only (with the token when one is set), nothing else. */
export async function startMetricsListener(
  metrics: { registry: client.Registry },
  options: { host: string; port: number; token: string | undefined },
): Promise<{ server: Server; address: AddressInfo; close: () => Promise<void> }> {
  const server = createServer((request, response) => {
    const path = (request.url ?? '').split('?')[0];
    if (path !== '/metrics' || (request.method !== 'GET' && request.method !== 'HEAD')) {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found\n');
    } else if (!hasMetricsToken(request.headers, options.token)) {
      response.writeHead(401, { 'content-type': 'text/plain; charset=utf-8', 'www-authenticate': 'Bearer' }).end(TOKEN_REQUIRED);
    } else {
      metrics.registry.metrics().then(
        (body) => response.writeHead(200, { 'content-type': metrics.registry.contentType }).end(request.method === 'HEAD' ? undefined : body),
        () => response.writeHead(500).end(),
      );
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    server,
    address: server.address() as AddressInfo,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
