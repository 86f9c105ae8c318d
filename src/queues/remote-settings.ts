// The managers' form for tickets taken online (decision 0061): on or off at a point, its daily cap and check-in
// grace period, and per service whether it takes part and an optional cap of its own. The same settings as the
// queue-settings API, without replacing the point's services and counters; audited like it.
import type { Database } from '../platform/db/database.ts';
import { AppError, type FieldError } from '../platform/http/errors.ts';
import type { Actor } from '../identity/actor.ts';
import type { LocalizedText } from '../platform/i18n/languages.ts';
import { recordAuditEntry } from '../audit/service.ts';
import type { ContactPointDetail, ContactPointService } from '../contactpoints/service.ts';
import { authorise } from '../identity/guards.ts';
import * as repo from './repository.ts';
import * as remoteRepo from './remote-repository.ts';
import type { RemoteSettings } from './remote-repository.ts';
import { canConfigureQueues } from './authorisation.ts';

export interface RemoteSettingsView {
  point: ContactPointDetail;
  settings: RemoteSettings;
  services: Array<{ serviceCode: string; prefix: string; name: LocalizedText; allowed: boolean; dailyCap: number | null }>;
}

/** The form as posted: checkboxes are present ("true") or absent, numbers are text. */
export type RemoteSettingsForm = Record<string, string | undefined>;

const whole = (value: string | undefined) => (value !== undefined && /^\s*\d{1,5}\s*$/.test(value) ? Number(value) : Number.NaN);

/** The settings a posted form asks for, or the field errors that say what to correct. */
export function parseRemoteSettingsForm(form: RemoteSettingsForm, serviceCodes: string[]) {
  const errors: FieldError[] = [];
  const dailyCap = whole(form.dailyCap);
  if (!(dailyCap >= 1 && dailyCap <= 2000)) errors.push({ field: 'dailyCap', code: 'queues.remote.settings.capInvalid' });
  const graceMinutes = whole(form.graceMinutes);
  if (!(graceMinutes >= 10 && graceMinutes <= 240)) errors.push({ field: 'graceMinutes', code: 'queues.remote.settings.graceInvalid' });
  const services = serviceCodes.map((code) => {
    const text = form[`cap-${code}`]?.trim() ?? '';
    const own = text === '' ? null : whole(text);
    if (own !== null && !(own >= 1 && own <= 2000)) errors.push({ field: `cap-${code}`, code: 'queues.remote.settings.capInvalid' });
    return { serviceCode: code, allowed: form[`remote-${code}`] === 'true', dailyCap: own };
  });
  return { errors, settings: { allowed: form.allowed === 'true', dailyCap, graceMinutes }, services };
}

export function remoteSettingsService(db: Database, deps: { contactPoints: Pick<ContactPointService, 'get'> }) {
  async function view(actor: Actor, contactPointId: string): Promise<RemoteSettingsView> {
    const point = await deps.contactPoints.get(contactPointId, new Date()); // 404 unknown / inactive / malformed
    authorise(canConfigureQueues(actor, point.organisation.id));
    const [settings, queues, perService] = await Promise.all([
      remoteRepo.remoteSettings(db, point.id),
      repo.listQueueServices(db, point.id, true),
      remoteRepo.serviceRemote(db, point.id),
    ]);
    return {
      point,
      settings,
      services: queues.map((q) => ({
        serviceCode: q.serviceCode,
        prefix: q.prefix,
        name: q.serviceName,
        allowed: perService.get(q.id)?.allowed ?? true,
        dailyCap: perService.get(q.id)?.dailyCap ?? null,
      })),
    };
  }

  return {
    remoteTicketSettings: view,

    /** Saves the form (managers of the point's organisation); 400 with field errors for numbers out of range. */
    async saveRemoteTicketSettings(actor: Actor, contactPointId: string, form: RemoteSettingsForm, requestId?: string): Promise<void> {
      const current = await view(actor, contactPointId);
      const parsed = parseRemoteSettingsForm(
        form,
        current.services.map((s) => s.serviceCode),
      );
      if (parsed.errors.length) throw new AppError(400, 'validation.failed', { fields: parsed.errors });
      await db.transaction(async (tx) => {
        await remoteRepo.saveRemoteSettings(tx, current.point.id, parsed.settings);
        const queues = await repo.listQueueServices(tx, current.point.id, true);
        for (const service of parsed.services) {
          const queue = queues.find((q) => q.serviceCode === service.serviceCode);
          if (queue) await remoteRepo.saveServiceRemote(tx, queue.id, service.allowed, service.dailyCap);
        }
        await recordAuditEntry(tx, {
          actorAccountId: actor.accountId,
          actorOrganisationId: actor.organisationId,
          action: 'update',
          subjectType: 'queue_settings',
          subjectId: current.point.id,
          organisationId: current.point.organisation.id,
          requestId: requestId ?? null,
        });
      });
    },
  };
}
