// Local parts of shared services (issue 17 item 8, decision 0058): what one commune (or CPAS) adds to a service
// every commune (or CPAS) provides, written by its content editors, with a draft until published, and shown on
// the service page to the citizens that organisation answers for. Part of the catalogue's service.
import type { Database } from '../../platform/db/database.ts';
import type { Actor } from '../../identity/actor.ts';
import type { AuditService } from '../../audit/service.ts';
import { AppError } from '../../platform/http/errors.ts';
import { authorise } from '../../identity/guards.ts';
import { LANGUAGES } from '../../platform/i18n/languages.ts';
import { canEditLocalPart } from '../authorisation.ts';
import * as repo from '../repository.ts';

/** A local part with its texts trimmed and every language present. */
function trimmedLocal(content: repo.LocalContent): repo.LocalContent {
  return Object.fromEntries(
    repo.LOCAL_FIELDS.map((field) => [field, Object.fromEntries(LANGUAGES.map((l) => [l, (content[field]?.[l] ?? '').trim()]))]),
  ) as repo.LocalContent;
}

export function localPartsService(db: Database, deps: { audit?: AuditService | undefined }) {
  /** Bumped when a local part is published here, so that cached service pages change at once (other instances: within a minute). */
  let generation = 0;

  /** The actor's organisation when it is a commune or CPAS, with the shared service the actor may add a local part to. */
  async function target(actor: Actor, code: string) {
    const service = /^[a-z0-9-]{1,64}$/.test(code) ? await repo.findServiceByCode(db, code) : undefined;
    if (!service || service.competentKind === 'organisation') throw new AppError(404, 'catalogue.service_not_found');
    const organisation = await repo.organisationKind(db, actor.organisationId);
    authorise(canEditLocalPart(actor, service, organisation?.kind), 'catalogue.not_local');
    const part = await repo.findLocalPart(db, service.id, actor.organisationId);
    return { service, organisation: organisation!, part: part ?? null };
  }

  return {
    /** The published services shared by the actor's kind of organisation, each with the organisation's local part. */
    async list(actor: Actor) {
      const organisation = await repo.organisationKind(db, actor.organisationId);
      const kind = organisation?.kind;
      if ((kind !== 'commune' && kind !== 'cpas') || !canEditLocalPart(actor, { competentKind: kind }, kind)) return [];
      const [services, parts] = await Promise.all([repo.listServices(db, { competentKinds: [kind] }), repo.listLocalParts(db, actor.organisationId)]);
      return services.map((service) => ({ service, part: parts.find((part) => part.serviceId === service.id) ?? null }));
    },
    /** One shared service with the actor's organisation's local part (null before the first save). */
    editable: (actor: Actor, code: string) => target(actor, code),
    /** Saves the local part as a draft, or publishes it; version 0 when there is none yet. Stale → 409. */
    async write(actor: Actor, code: string, version: number, content: repo.LocalContent, options: { publish: boolean; requestId?: string | undefined }) {
      const { service, organisation } = await target(actor, code);
      const key = { serviceId: service.id, organisationId: actor.organisationId };
      if (!(await repo.writeLocalPart(db, key, version, trimmedLocal(content), { publish: options.publish, accountId: actor.accountId }))) {
        throw new AppError(409, 'catalogue.stale');
      }
      if (options.publish) {
        generation++;
        await deps.audit?.record(actor, 'update', { type: 'service_local_part', id: service.id, organisationId: actor.organisationId }, options.requestId, {
          service: service.code,
          organisation: organisation.code,
          published: true,
        });
      }
    },
    /** Drops the draft of the local part; the published one is untouched. */
    async discard(actor: Actor, code: string, version: number) {
      const { service, part } = await target(actor, code);
      if (!part?.draft) throw new AppError(409, 'catalogue.no_draft');
      if (!(await repo.discardLocalDraft(db, { serviceId: service.id, organisationId: actor.organisationId }, version))) {
        throw new AppError(409, 'catalogue.stale');
      }
    },
    /** The published local part of a service for the organisation answering for the citizen, if any text is filled. */
    async forPage(service: repo.ServiceRecord, organisationCode: string): Promise<repo.LocalContent | undefined> {
      if (service.competentKind === 'organisation') return undefined;
      const content = await repo.publishedLocalPart(db, service.id, organisationCode);
      return content && repo.LOCAL_FIELDS.some((field) => LANGUAGES.some((l) => content[field]?.[l]?.trim())) ? content : undefined;
    },
    generation: () => generation,
  };
}
