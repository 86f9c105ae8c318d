// Appointment settings per contact point and service (duration, capacity, own hours, buffer, notice,
// horizon, per-person limit), closures and absences: the back office of appointments, part of the one
// appointments service (service.ts spreads it in).
import type { Database } from '../platform/db/database.ts';
import { AppError, type FieldError } from '../platform/http/errors.ts';
import type { Actor } from '../identity/actor.ts';
import { recordAudit, recordAuditEntry } from '../audit/service.ts';
import { addDays, startOfBrusselsDay } from '../platform/calendar/brussels-time.ts';
import { OpeningHoursError, validateOpeningHours } from '../platform/calendar/opening-hours.ts';
import type { contactPointService } from '../contactpoints/service.ts';
import type { CatalogueService } from '../catalogue/service.ts';
import { isUuid } from '../platform/http/schemas.ts';
import { authorise } from '../identity/guards.ts';
import * as repo from './repository.ts';
import type { SettingsFields } from './repository.ts';
import { appointmentScope, canConfigureAppointments, canServeAppointments, canUseAgenda } from './authorisation.ts';
import { CODE, fieldError, parseDate } from './fields.ts';
import { APPOINTMENT_MODES, DEFAULT_VIDEO_TEMPLATE, meetingLink, SAMPLE_APPOINTMENT_ID, videoTemplateProblem } from './modes.ts';

export interface SettingsInput extends SettingsFields {}

export function validateSettings(input: SettingsInput, calendar: repo.SettingsRecord['holidayCalendar'] = 'brussels'): SettingsFields {
  const fields: FieldError[] = [];
  const range = (field: keyof SettingsInput, value: number, min: number, max: number) => {
    if (!Number.isInteger(value) || value < min || value > max) fields.push({ field, code: 'appointments.range', values: { min, max } });
  };
  range('durationMinutes', input.durationMinutes, 5, 480);
  range('capacity', input.capacity, 1, 50);
  range('bufferMinutes', input.bufferMinutes, 0, 240);
  range('minNoticeMinutes', input.minNoticeMinutes, 0, 43_200);
  range('maxHorizonDays', input.maxHorizonDays, 1, 365);
  range('maxPerPerson', input.maxPerPerson, 1, 20);
  const modes = APPOINTMENT_MODES.filter((mode) => input.modes.includes(mode));
  if (modes.length === 0) fields.push({ field: 'modes', code: 'appointments.modesRequired' });
  const openingHours = input.openingHours?.trim() ? input.openingHours.trim() : null;
  if (openingHours) {
    try {
      validateOpeningHours(openingHours, calendar);
    } catch (error) {
      if (!(error instanceof OpeningHoursError)) throw error;
      fields.push({ field: 'openingHours', code: `contactPoints.openingHours.${error.reason}`, values: { detail: error.detail } });
    }
  }
  if (fields.length) throw new AppError(400, 'validation.failed', { fields });
  return { ...input, openingHours, modes };
}

export function appointmentSettingsService(deps: {
  db: Database;
  contactPoints: Pick<ReturnType<typeof contactPointService>, 'find'>;
  catalogue: Pick<CatalogueService, 'serviceByCode'>;
}) {
  const { db, contactPoints, catalogue } = deps;

  async function getSettings(actor: Actor, id: string) {
    const settings = isUuid(id) ? await repo.findSettingsById(db, id) : undefined;
    if (!settings || !canServeAppointments(actor, settings.organisationId)) throw new AppError(404, 'appointment.settings_not_found');
    const now = new Date();
    const closures = await repo.listClosures(
      db,
      settings.contactPointId,
      settings.serviceId,
      new Date(now.getTime() - 86_400_000),
      new Date(now.getTime() + 400 * 86_400_000),
    );
    return { settings, closures, canEdit: canConfigureAppointments(actor, settings.organisationId) };
  }

  return {
    async listSettings(actor: Actor) {
      authorise(canUseAgenda(actor));
      return repo.listSettings(db, appointmentScope(actor));
    },

    getSettings,

    /** Creates settings for a service at a point of the actor's organisation (which must provide it). */
    async createSettings(actor: Actor, contactPointId: string, serviceCode: string, input: SettingsInput) {
      if (!isUuid(contactPointId)) throw fieldError('contactPointId', 'validation.required');
      const point = await contactPoints.find(contactPointId);
      if (!point) throw fieldError('contactPointId', 'validation.required');
      authorise(canConfigureAppointments(actor, point.organisationId));
      const service = CODE.test(serviceCode) ? await catalogue.serviceByCode(serviceCode) : undefined;
      if (!service) throw fieldError('serviceCode', 'appointments.serviceUnknown');
      const provides =
        service.competentKind === 'organisation'
          ? service.competentOrganisation?.id === point.organisationId
          : service.competentKind === point.organisationKind;
      if (!provides) throw fieldError('serviceCode', 'appointments.serviceNotProvided');
      const values = validateSettings(input, point.holidayCalendar);
      const id = await db.transaction(async (tx) => {
        const created = await repo.insertSettings(tx, {
          ...values,
          contactPointId,
          serviceId: service.id,
          organisationId: point.organisationId,
          updatedBy: actor.accountId,
        });
        if (!created) throw new AppError(409, 'appointment.settings_exist');
        await recordAuditEntry(tx, {
          actorAccountId: actor.accountId,
          actorOrganisationId: actor.organisationId,
          action: 'create',
          subjectType: 'appointment_settings',
          subjectId: created,
          organisationId: point.organisationId,
        });
        return created;
      });
      return id;
    },

    async updateSettings(actor: Actor, id: string, version: number, input: SettingsInput) {
      const { settings, canEdit } = await getSettings(actor, id);
      authorise(canEdit);
      const values = validateSettings(input, settings.holidayCalendar);
      await db.transaction(async (tx) => {
        if (!(await repo.updateSettings(tx, id, version, values, actor.accountId))) throw new AppError(409, 'appointment.settings_stale');
        await recordAuditEntry(tx, {
          actorAccountId: actor.accountId,
          actorOrganisationId: actor.organisationId,
          action: 'update',
          subjectType: 'appointment_settings',
          subjectId: id,
          organisationId: settings.organisationId,
        });
      });
    },

    /** A closure (all seats) or an absence (some seats) from one Brussels date-time to another. */
    async addClosure(actor: Actor, settingsId: string, input: { from: string; to: string; seats: number | null; reason: string; allServices: boolean }) {
      const { settings, canEdit } = await getSettings(actor, settingsId);
      authorise(canEdit);
      const fromDate = parseDate(input.from);
      const toDate = parseDate(input.to);
      const fields: FieldError[] = [];
      if (!fromDate) fields.push({ field: 'from', code: 'appointments.dateInvalid' });
      if (!toDate) fields.push({ field: 'to', code: 'appointments.dateInvalid' });
      if (fromDate && toDate && toDate < fromDate) fields.push({ field: 'to', code: 'appointments.dateOrder' });
      if (input.seats !== null && (!Number.isInteger(input.seats) || input.seats < 1 || input.seats > settings.capacity)) {
        fields.push({ field: 'seats', code: 'appointments.range', values: { min: 1, max: settings.capacity } });
      }
      if (fields.length) throw new AppError(400, 'validation.failed', { fields });
      await repo.insertClosure(db, {
        contactPointId: settings.contactPointId,
        serviceId: input.allServices ? null : settings.serviceId,
        startsAt: startOfBrusselsDay(fromDate!),
        endsAt: startOfBrusselsDay(addDays(toDate!, 1)),
        seats: input.seats,
        reason: input.reason.trim().slice(0, 200),
        createdBy: actor.accountId,
      });
    },

    async removeClosure(actor: Actor, settingsId: string, closureId: string) {
      const { settings, canEdit } = await getSettings(actor, settingsId);
      authorise(canEdit);
      if (!isUuid(closureId) || !(await repo.deleteClosure(db, closureId, settings.contactPointId))) throw new AppError(404, 'not_found');
    },

    /**
     * The video meeting link of an organisation (decision 0062): the one named by its code, else the first the
     * actor may configure; its template (null: the default) and an example link. 403 when there is none.
     */
    async videoLink(actor: Actor, organisationCode?: string) {
      const choices = (await repo.videoLinkOrganisations(db, appointmentScope(actor))).filter((o) => canConfigureAppointments(actor, o.id));
      authorise(choices.length > 0);
      const organisation = choices.find((o) => o.code === organisationCode) ?? choices.find((o) => o.id === actor.organisationId) ?? choices[0]!;
      return {
        organisation,
        choices,
        defaultTemplate: DEFAULT_VIDEO_TEMPLATE,
        example: meetingLink({ id: SAMPLE_APPOINTMENT_ID, mode: 'video', videoTemplate: organisation.template })!,
      };
    },

    /** The example link of a template being typed, or its field error (400). */
    previewVideoTemplate(template: string): string {
      const value = template.trim();
      const problem = value ? videoTemplateProblem(value) : null;
      if (problem) throw new AppError(400, 'validation.failed', { fields: [{ field: 'template', ...problem }] });
      return meetingLink({ id: SAMPLE_APPOINTMENT_ID, mode: 'video', videoTemplate: value || null })!;
    },

    /** Sets the organisation's template; empty: back to the default room. Audited with the template (no personal data). */
    async setVideoTemplate(actor: Actor, organisationId: string, template: string, requestId?: string) {
      if (!isUuid(organisationId) || !(await repo.videoLinkOrganisations(db, [organisationId])).length) throw new AppError(404, 'not_found');
      authorise(canConfigureAppointments(actor, organisationId));
      const value = template.trim();
      const problem = value ? videoTemplateProblem(value) : null;
      if (problem) throw new AppError(400, 'validation.failed', { fields: [{ field: 'template', ...problem }] });
      await db.transaction(async (tx) => {
        await repo.saveVideoTemplate(tx, organisationId, value || null, actor.accountId);
        await recordAudit(tx, actor, 'update', { type: 'appointment_video_link', id: organisationId, organisationId }, requestId, {
          template: value || 'default',
        });
      });
    },

    /** Contact points and services the actor may configure (form choices). */
    async configurableChoices(actor: Actor) {
      const scope = appointmentScope(actor);
      const points = await repo.configurablePoints(db, scope);
      return points.filter((p) => canConfigureAppointments(actor, p.organisationId));
    },
  };
}
