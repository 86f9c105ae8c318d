// Prometheus metrics: request counts and latencies per route, database pool figures, process defaults.
import client from 'prom-client';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database.ts';

export function createMetrics(db: Database) {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: 'irisdesk_' });
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
  return {
    registry,
    instrument(app: FastifyInstance) {
      app.addHook('onResponse', async (request, reply) => {
        // The route pattern, never the raw URL: bounded label values and no personal data in metrics.
        const route = request.routeOptions.url ?? 'not_found';
        requests.inc({ method: request.method, route, status: String(reply.statusCode) });
        duration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
      });
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
