// Queue settings of a contact point (services with their prefixes, counters) and an organisation's priority
// categories: the managers' part of the one queues service (service.ts spreads it in).
import type { Database } from '../platform/db/database.ts';
import { AppError } from '../platform/http/errors.ts';
import type { Actor } from '../identity/actor.ts';
import type { LocalizedText } from '../platform/i18n/languages.ts';
import { recordAuditEntry } from '../audit/service.ts';
import type { OrganisationService } from '../organisations/service.ts';
import type { ContactPointService } from '../contactpoints/service.ts';
import { authorise } from '../identity/guards.ts';
import * as repo from './repository.ts';
import * as remoteRepo from './remote-repository.ts';
import type { RemoteSettings } from './remote-repository.ts';
import { canConfigureQueues, canServeQueues } from './authorisation.ts';

export interface QueueSettingsInput {
  services: Array<{
    serviceCode: string;
    prefix: string;
    enabled?: boolean | undefined;
    defaultServiceMinutes?: number | undefined;
    /** Open to remote tickets when the point is (true by default), and its own daily cap (null: the point's). */
    remoteAllowed?: boolean | undefined;
    remoteDailyCap?: number | null | undefined;
  }>;
  counters: Array<{ name: string; serviceCodes: string[]; active?: boolean | undefined }>;
  /** People left before a ticket when its "your turn is near" text goes (kept as it is when absent). */
  nearAlertPeople?: number | undefined;
  /** Whether the board speaks calls aloud in the ticket's language (kept as it is when absent). */
  spokenCalls?: boolean | undefined;
  /** Tickets taken online (decision 0061): allowed, the day's cap, the check-in grace (kept as they are when absent). */
  remoteTickets?: RemoteSettings | undefined;
}

export interface PriorityCategoryInput {
  code: string;
  name: LocalizedText;
  rank: number;
  onKiosk?: boolean | undefined;
}

export function queueSettingsService(
  db: Database,
  deps: { contactPoints: Pick<ContactPointService, 'get'>; organisations: Pick<OrganisationService, 'findByCode'> },
) {
  const pointOr404 = async (id: string, now: Date) => deps.contactPoints.get(id, now); // 404 unknown / inactive / malformed

  /** The queue settings of a contact point (staff of the owning organisation). */
  async function settings(actor: Actor, contactPointId: string, now: Date = new Date()) {
    const point = await pointOr404(contactPointId, now);
    authorise(canServeQueues(actor, point.organisation.id) || canConfigureQueues(actor, point.organisation.id));
    const [services, counters, categories, nearAlertPeople, spokenCalls, remoteTickets, serviceRemote] = await Promise.all([
      repo.listQueueServices(db, point.id),
      repo.listCounters(db, point.id),
      repo.listPriorityCategories(db, point.organisation.id),
      repo.nearAlertPeople(db, point.id),
      repo.spokenCalls(db, point.id),
      remoteRepo.remoteSettings(db, point.id),
      remoteRepo.serviceRemote(db, point.id),
    ]);
    return {
      contactPointId: point.id,
      services: services.map((s) => ({
        serviceCode: s.serviceCode,
        prefix: s.prefix,
        enabled: s.enabled,
        defaultServiceMinutes: s.defaultServiceMinutes,
        remoteAllowed: serviceRemote.get(s.id)?.allowed ?? true,
        remoteDailyCap: serviceRemote.get(s.id)?.dailyCap ?? null,
      })),
      counters: counters.map((c) => ({
        id: c.id,
        name: c.name,
        active: c.active,
        open: c.agentAccountId !== null,
        serviceCodes: services.filter((s) => c.queueServiceIds.includes(s.id)).map((s) => s.serviceCode),
      })),
      priorityCategories: categories.map((c) => ({ code: c.code, name: c.name, rank: c.rank, onKiosk: c.onKiosk })),
      nearAlertPeople,
      spokenCalls,
      remoteTickets,
    };
  }

  return {
    settings,

    /** Replaces the services (prefixes) and counters of a contact point; what is left out is disabled. */
    async saveSettings(actor: Actor, contactPointId: string, input: QueueSettingsInput, requestId?: string) {
      const point = await pointOr404(contactPointId, new Date());
      authorise(canConfigureQueues(actor, point.organisation.id));
      const codes = input.services.map((s) => s.serviceCode);
      const prefixes = input.services.map((s) => s.prefix);
      if (new Set(codes).size !== codes.length)
        throw new AppError(400, 'queue.duplicate_service', { fields: [{ field: 'services', code: 'errors.queue.duplicate_service' }] });
      if (new Set(prefixes).size !== prefixes.length)
        throw new AppError(409, 'queue.prefix_taken', { fields: [{ field: 'services', code: 'errors.queue.prefix_taken' }] });
      const names = input.counters.map((c) => c.name.trim());
      if (new Set(names).size !== names.length)
        throw new AppError(400, 'queue.duplicate_counter', { fields: [{ field: 'counters', code: 'errors.queue.duplicate_counter' }] });
      try {
        await db.transaction(async (tx) => {
          const ids = new Map<string, string>();
          for (const [position, s] of input.services.entries()) {
            const service = await repo.findServiceByCode(tx, s.serviceCode);
            if (!service)
              throw new AppError(400, 'queue.unknown_service', {
                values: { code: s.serviceCode },
                fields: [{ field: 'services', code: 'errors.queue.unknown_service', values: { code: s.serviceCode } }],
              });
            const queueServiceId = await repo.upsertQueueService(tx, {
              contactPointId: point.id,
              organisationId: point.organisation.id,
              serviceId: service.id,
              prefix: s.prefix,
              defaultServiceMinutes: s.defaultServiceMinutes ?? 8,
              position,
              enabled: s.enabled ?? true,
            });
            ids.set(s.serviceCode, queueServiceId);
            if (s.remoteAllowed !== undefined || s.remoteDailyCap !== undefined) {
              await remoteRepo.saveServiceRemote(tx, queueServiceId, s.remoteAllowed ?? true, s.remoteDailyCap ?? null);
            }
          }
          await repo.disableQueueServicesExcept(tx, point.id, [...ids.values()]);
          const counterIds: string[] = [];
          for (const [position, c] of input.counters.entries()) {
            const serviceIds = c.serviceCodes.map((code) => {
              const id = ids.get(code);
              if (!id)
                throw new AppError(400, 'queue.unknown_service', {
                  values: { code },
                  fields: [{ field: 'counters', code: 'errors.queue.unknown_service', values: { code } }],
                });
              return id;
            });
            counterIds.push(
              await repo.upsertCounter(tx, {
                contactPointId: point.id,
                organisationId: point.organisation.id,
                name: c.name.trim(),
                queueServiceIds: serviceIds,
                active: c.active ?? true,
                position,
              }),
            );
          }
          await repo.deactivateCountersExcept(tx, point.id, counterIds);
          if (input.nearAlertPeople !== undefined) await repo.saveNearAlertPeople(tx, point.id, input.nearAlertPeople);
          if (input.spokenCalls !== undefined) await repo.saveSpokenCalls(tx, point.id, input.spokenCalls);
          if (input.remoteTickets !== undefined) await remoteRepo.saveRemoteSettings(tx, point.id, input.remoteTickets);
          await recordAuditEntry(tx, {
            actorAccountId: actor.accountId,
            actorOrganisationId: actor.organisationId,
            action: 'update',
            subjectType: 'queue_settings',
            subjectId: point.id,
            organisationId: point.organisation.id,
            requestId: requestId ?? null,
          });
        });
      } catch (error) {
        // A prefix kept by a disabled service: the deferred unique constraint refuses it at commit.
        if ((error as { code?: string }).code === '23505')
          throw new AppError(409, 'queue.prefix_taken', { fields: [{ field: 'services', code: 'errors.queue.prefix_taken' }] });
        throw error;
      }
      return settings(actor, point.id);
    },

    /** Replaces the priority categories of an organisation; the ones left out are retired. */
    async savePriorityCategories(actor: Actor, organisationCode: string, categories: PriorityCategoryInput[], requestId?: string) {
      const organisation = await deps.organisations.findByCode(organisationCode);
      if (!organisation) throw new AppError(404, 'organisation.not_found');
      authorise(canConfigureQueues(actor, organisation.id));
      const codes = categories.map((c) => c.code);
      if (new Set(codes).size !== codes.length)
        throw new AppError(400, 'queue.duplicate_category', { fields: [{ field: 'categories', code: 'errors.queue.duplicate_category' }] });
      await db.transaction(async (tx) => {
        const ids: string[] = [];
        for (const c of categories) {
          ids.push(
            await repo.upsertPriorityCategory(tx, {
              organisationId: organisation.id,
              code: c.code,
              name: c.name,
              rank: c.rank,
              onKiosk: c.onKiosk ?? true,
              active: true,
            }),
          );
        }
        await repo.deactivateCategoriesExcept(tx, organisation.id, ids);
        await recordAuditEntry(tx, {
          actorAccountId: actor.accountId,
          actorOrganisationId: actor.organisationId,
          action: 'update',
          subjectType: 'queue_priority_categories',
          subjectId: organisation.id,
          organisationId: organisation.id,
          requestId: requestId ?? null,
        });
      });
      const saved = await repo.listPriorityCategories(db, organisation.id);
      return saved.map((c) => ({ code: c.code, name: c.name, rank: c.rank, onKiosk: c.onKiosk }));
    },

    async priorityCategories(organisationCode: string) {
      const organisation = await deps.organisations.findByCode(organisationCode);
      if (!organisation) throw new AppError(404, 'organisation.not_found');
      const saved = await repo.listPriorityCategories(db, organisation.id);
      return saved.map((c) => ({ code: c.code, name: c.name, rank: c.rank, onKiosk: c.onKiosk }));
    },
  };
}
