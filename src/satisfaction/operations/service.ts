// Operations indicators (docs/decisions/0018-operations-indicators.md): who sees which figures, when they
// are recomputed, and the shapes the dashboards, exports and open data show. The figures come from other
// modules' tables (contact center, queues, appointments, safety), read only and never per person.
import type { Database } from '../../platform/db/database.ts';
import type { Actor } from '../../identity/actor.ts';
import { enqueue } from '../../platform/jobs/queue.ts';
import { PermanentJobError, type JobRegistry } from '../../platform/jobs/registry.ts';
import * as ops from './repository.ts';
import {
  addOperations,
  computeOperations,
  consecutiveRuns,
  EMPTY_OPERATIONS,
  OPERATIONS_GRACE_DAYS,
  OPERATIONS_TTL_MS,
  type OperationsIndicators,
  type OperationsSums,
} from './operations.ts';
import { canViewRegionalSatisfaction } from '../authorisation.ts';
import {
  firstDay,
  openDataPeriod,
  organisationDashboardScope,
  previousPeriod,
  resolvePeriod,
  totalsByKind,
  type DashboardFilters,
  type Period,
  type PeriodQuery,
} from '../service.ts';
import { authorise } from '../../identity/guards.ts';

/** The job that recomputes stale months of every organisation (enqueued by the regional and open data reads). */
export const OPERATIONS_REFRESH_JOB = 'operations.refresh';

export function operationsService(db: Database, options: { jobs?: JobRegistry | undefined } = {}) {
  const freshness = { ttlMs: OPERATIONS_TTL_MS, graceDays: OPERATIONS_GRACE_DAYS };

  /** Recomputes the stale months of some organisations (all when null) between two months, now. */
  async function refreshStale(organisationIds: string[] | null, from: string, to: string): Promise<number> {
    const stale = await ops.staleMonths(db, organisationIds, from, to, freshness);
    if (stale.length === 0) return 0;
    // One pass per run of consecutive months over the organisations concerned (already fresh ones are
    // recomputed along: cheaper than one pass each).
    for (const run of consecutiveRuns(stale.map((s) => s.month))) {
      const ids = [...new Set(stale.filter((s) => s.month >= run.from && s.month <= run.to).map((s) => s.organisationId))];
      await ops.refreshMonths(db, ids, run.from, run.to);
    }
    return stale.length;
  }

  /** Regional reads do not wait: stale months are handed to the job, the figures shown say how old they are. */
  async function refreshLater(from: string, to: string): Promise<boolean> {
    const stale = await ops.staleMonths(db, null, from, to, freshness);
    if (stale.length === 0) return false;
    await enqueue(db, OPERATIONS_REFRESH_JOB, { from, to }, { uniqueKey: `${from}/${to}`, maxAttempts: 3 });
    return true;
  }

  options.jobs?.register<{ from?: unknown; to?: unknown }>(OPERATIONS_REFRESH_JOB, async (payload) => {
    const month = /^[0-9]{4}-(0[1-9]|1[0-2])-01$/;
    if (typeof payload.from !== 'string' || typeof payload.to !== 'string' || !month.test(payload.from) || !month.test(payload.to)) {
      throw new PermanentJobError('operations.refresh needs { from, to } as YYYY-MM-01');
    }
    await refreshStale(null, payload.from, payload.to);
  });

  const keyed = <T extends OperationsSums>(rows: T[], suppress: boolean) => rows.map((row) => ({ row, operations: computeOperations(row, { suppress }) }));

  return {
    refreshStale,

    /** Recomputes every month of some organisations (all when null), e.g. after a bulk load or a repair. */
    async rebuild(organisationIds: string[] | null, from: string, to: string) {
      const ids = organisationIds ?? (await ops.allOrganisationIds(db));
      await ops.refreshMonths(db, ids, firstDay(from), firstDay(to));
    },

    /** An organisation's operations figures: over time, by channel, service, contact point and hour, against the previous period. */
    async organisationOperations(actor: Actor, code: string, filters: DashboardFilters) {
      const { organisation, suppress, period, previous, slice, range, shownFilters } = await organisationDashboardScope(db, actor, code, filters);
      // One organisation's stale months are few and quick to recompute: its managers see current figures.
      await refreshStale([organisation.id], firstDay(previous.from), firstDay(period.to));
      const [monthRows, total, previousTotal, byChannel, byService, byContactPoint, byHour, asOf] = await Promise.all([
        ops.operationsByMonth(db, { ...slice, ...range }),
        ops.operationsTotal(db, { ...slice, ...range }),
        ops.operationsTotal(db, { ...slice, from: firstDay(previous.from), to: firstDay(previous.to) }),
        ops.operationsByDimension(db, { ...slice, ...range }, 'channel'),
        ops.operationsByDimension(db, { ...slice, ...range }, 'service'),
        ops.operationsByDimension(db, { ...slice, ...range }, 'contactPoint'),
        ops.contactsByHour(db, { ...slice, ...range }),
        ops.oldestRefresh(db, [organisation.id], range.from, range.to),
      ]);
      const byMonth = new Map(monthRows.map((row) => [row.month, row]));
      const hours = new Map(byHour.map((row) => [row.hour, row.contacts]));
      return {
        organisation,
        period,
        previousPeriod: previous,
        suppressed: suppress,
        asOf,
        refreshing: false,
        filters: shownFilters,
        total: computeOperations(total, { suppress }),
        previous: computeOperations(previousTotal, { suppress }),
        months: period.months.map((month) => ({ month, operations: computeOperations(byMonth.get(month) ?? EMPTY_OPERATIONS, { suppress }) })),
        byChannel: keyed(byChannel, suppress).map(({ row, operations }) => ({ key: row.key, operations })),
        byService: keyed(byService, suppress).map(({ row, operations }) => ({ key: row.key, name: row.name, operations })),
        byContactPoint: keyed(byContactPoint, suppress).map(({ row, operations }) => ({ key: row.key, name: row.name, operations })),
        byHour: Array.from({ length: 24 }, (_, hour) => ({ hour, contacts: hours.get(hour) ?? 0 })),
      };
    },

    /** The region: organisations side by side and ranked, by kind, the trend and contacts per hour; suppressed under 10. */
    async regionalOperations(actor: Actor, filters: PeriodQuery & { kind?: string | undefined }) {
      authorise(canViewRegionalSatisfaction(actor));
      const period = resolvePeriod(filters);
      const previous = previousPeriod(period);
      const kind = filters.kind || undefined;
      const refreshing = await refreshLater(firstDay(previous.from), firstDay(period.to));
      const range = { from: firstDay(period.from), to: firstDay(period.to), kind };
      const [current, before, months, byHour, asOf] = await Promise.all([
        ops.operationsByOrganisation(db, range),
        ops.operationsByOrganisation(db, { from: firstDay(previous.from), to: firstDay(previous.to), kind }),
        ops.operationsByMonth(db, range),
        ops.contactsByHour(db, range),
        ops.oldestRefresh(db, null, range.from, range.to),
      ]);
      const beforeById = new Map(before.map((row) => [row.id, row]));
      const { kinds, total } = totalsByKind<OperationsSums>(current, addOperations, EMPTY_OPERATIONS);
      const byMonth = new Map(months.map((row) => [row.month, row]));
      const hours = new Map(byHour.map((row) => [row.hour, row.contacts]));
      return {
        period,
        previousPeriod: previous,
        kind: kind ?? null,
        asOf,
        refreshing,
        region: computeOperations(total, { suppress: true }),
        byKind: [...kinds].map(([key, sums]) => ({ kind: key, operations: computeOperations(sums, { suppress: true }) })),
        months: period.months.map((month) => ({ month, operations: computeOperations(byMonth.get(month) ?? EMPTY_OPERATIONS, { suppress: true }) })),
        byHour: Array.from({ length: 24 }, (_, hour) => ({ hour, contacts: hours.get(hour) ?? 0 })),
        organisations: current.map((row) => ({
          code: row.code,
          kind: row.kind,
          name: row.name,
          operations: computeOperations(row, { suppress: true }),
          previous: computeOperations(beforeById.get(row.id) ?? EMPTY_OPERATIONS, { suppress: true }),
        })),
      };
    },

    /**
     * The public barometer's service levels over a period (the satisfaction barometer's): the region, each
     * organisation and each contact point, suppressed. Never waits for a recomputation: stale months go to the
     * job, and the figures say when they were computed.
     */
    async barometer(period: Period) {
      const range = { from: firstDay(period.from), to: firstDay(period.to) };
      const refreshing = await refreshLater(range.from, range.to);
      const [organisations, contactPoints, asOf] = await Promise.all([
        ops.operationsByOrganisation(db, range),
        ops.operationsByContactPoint(db, range),
        ops.oldestRefresh(db, null, range.from, range.to),
      ]);
      const { total } = totalsByKind<OperationsSums>(organisations, addOperations, EMPTY_OPERATIONS);
      return {
        period,
        asOf,
        refreshing,
        region: computeOperations(total, { suppress: true }),
        organisations: organisations.map((row) => ({ code: row.code, kind: row.kind, name: row.name, operations: computeOperations(row, { suppress: true }) })),
        contactPoints: contactPoints.map((row) => ({
          organisationCode: row.organisationCode,
          organisationName: row.organisationName,
          contactPointId: row.contactPointId,
          name: row.name,
          operations: computeOperations(row, { suppress: true }),
        })),
      };
    },

    /** Open data: published operations figures per organisation and month (suppression applied). */
    async openData(query: PeriodQuery) {
      const period = openDataPeriod(query);
      await refreshLater(firstDay(period.from), firstDay(period.to));
      const rows = await ops.operationsByOrganisationAndMonth(db, { from: firstDay(period.from), to: firstDay(period.to) });
      return {
        period,
        rows: rows.map((row) => ({
          organisationCode: row.code,
          organisationKind: row.kind,
          organisationName: row.name,
          month: row.month,
          operations: computeOperations(row, { suppress: true }),
        })),
      };
    },
  };
}

export type OperationsService = ReturnType<typeof operationsService>;
export type OrganisationOperations = Awaited<ReturnType<OperationsService['organisationOperations']>>;
export type RegionalOperations = Awaited<ReturnType<OperationsService['regionalOperations']>>;
export type BarometerOperations = Awaited<ReturnType<OperationsService['barometer']>>;
export type { OperationsIndicators };
