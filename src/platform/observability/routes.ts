// Liveness, readiness and metrics for operators and orchestrators.
import { Type } from 'typebox';
import type { App } from '../http/types.ts';
import type { Database } from '../db/database.ts';
import type { Metrics } from './metrics.ts';
import type { Draining } from '../http/draining.ts';

/** /readyz answers within this time, whatever the database does (orchestrators' probes wait 1–2 s). */
const READINESS_TIMEOUT_MS = 1_500;

const HealthSchema = Type.Object({ status: Type.String(), checks: Type.Optional(Type.Record(Type.String(), Type.String())) });

export function healthRoutes(app: App, { db, metrics, draining }: { db: Database; metrics: Metrics; draining?: Draining }) {
  app.get('/healthz', { schema: { tags: ['operations'], summary: 'The process is up', response: { 200: HealthSchema } } }, async () => ({ status: 'ok' }));
  app.get(
    '/readyz',
    {
      schema: {
        tags: ['operations'],
        summary: 'The database is reachable and the instance is not stopping',
        response: { 200: HealthSchema, 503: HealthSchema },
      },
    },
    async (_request, reply) => {
      // Stopping: the load balancer must drain this instance, whatever the database says.
      if (draining?.active) return reply.code(503).send({ status: 'stopping', checks: { shutdown: 'draining' } });
      try {
        // Its own short limit: a hung database must not hang the probe (decision 0023).
        await db.ping(READINESS_TIMEOUT_MS);
        return { status: 'ok', checks: { database: 'ok' } };
      } catch {
        return reply.code(503).send({ status: 'unavailable', checks: { database: 'unreachable' } });
      }
    },
  );
  metrics.routes(app); // who may read them: decision 0027
}
