// The rules of the contact-center settings (back office): inbound mailboxes, SLA targets per organisation,
// channel and service, and the business calendar the SLA clocks run on (src/contactcenter/sla.ts reads the
// same tables: a change applies to requests created or resumed afterwards).
//
//   contactCenterSettingsService(db)
//     organisations(actor)                              → the organisations the actor may set up
//     organisation(actor, code)                         → one of them (403 + 'denied' audit entry for another's)
//     mailboxes / mailbox / createMailbox / updateMailbox / deleteMailbox
//     slaTargets / slaTarget / createSlaTarget / updateSlaTarget / deleteSlaTarget
//     calendar / saveCalendar / resetCalendar, previewCalendar(openingHours, holidayCalendar)
//
// Every change checks the version read (409 'cc_settings.stale' otherwise) and writes an audit entry with the
// names of the fields changed (no values). Validation failures are 400 with field codes in the catalogue.
import type { Database, Queryable } from '../../platform/db/database.ts';
import { AppError, type FieldError } from '../../platform/http/errors.ts';
import type { Actor } from '../../identity/actor.ts';
import { recordAudit } from '../../audit/service.ts';
import { findOrganisationByCode, listOrganisations, type Organisation } from '../../organisations/repository.ts';
import { calendarForOrganisation, type HolidayCalendarId, type Holiday } from '../../platform/calendar/holidays.ts';
import { assertOpeningHours, cachedSchedule, upcomingHolidays } from '../../contactpoints/service.ts';
import { DEFAULT_BUSINESS_HOURS, DEFAULT_SLA_TARGET } from '../sla.ts';
import type { ContactChannel } from '../model.ts';
import * as repo from './repository.ts';
import { canManageContactCenterSettings, canOpenContactCenterSettings, settingsForEveryOrganisation } from './authorisation.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ADDRESS = /^[a-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;
const SERVICE_CODE = /^[a-z0-9]+(-[a-z0-9]+)*$/;
/** A year of business days (250 × 8 h): more is surely a typing mistake. */
export const MAX_SLA_MINUTES = 250 * 8 * 60;
/** How far the preview of the calendar looks ahead, and how many open periods it shows. */
const PREVIEW_DAYS = 21;
const PREVIEW_PERIODS = 10;
/** A calendar must open at least once in this many days (else no due time can be computed). */
const MUST_OPEN_WITHIN_DAYS = 60;

export interface MailboxInput {
  address: string;
  unitId: string | null;
  active: boolean;
}

export interface SlaTargetInput {
  channel: ContactChannel | null;
  serviceCode: string | null;
  firstResponseMinutes: number;
  resolutionMinutes: number;
  warningPercent: number;
}

export interface CalendarInput {
  openingHours: string;
  holidayCalendar: HolidayCalendarId;
}

export interface CalendarPreview {
  /** The next open periods from now (Brussels time in the pages). */
  periods: Array<{ start: Date; end: Date }>;
  /** Public holidays of the next 60 days with the hours on each (empty = closed). */
  holidays: Array<{ holiday: Holiday; intervals: Array<{ from: string; to: string }> }>;
}

export interface CalendarView extends CalendarInput {
  /** null while the organisation runs on the default calendar (no row yet). */
  version: number | null;
  isDefault: boolean;
  preview: CalendarPreview;
}

const invalid = (fields: FieldError[]) => new AppError(400, 'validation.failed', { fields });
const stale = () => new AppError(409, 'cc_settings.stale');

/** Validates opening hours (the contact points' messages), and that they open within 60 days; the preview. */
export function previewCalendar(input: CalendarInput, now: Date = new Date()): CalendarPreview {
  assertOpeningHours(input.openingHours, input.holidayCalendar);
  const schedule = cachedSchedule(input.openingHours, input.holidayCalendar);
  const soon = schedule.openIntervals(now, new Date(now.getTime() + MUST_OPEN_WITHIN_DAYS * 86_400_000));
  if (soon.length === 0) throw invalid([{ field: 'openingHours', code: 'ccSettings.error.neverOpen', values: { days: MUST_OPEN_WITHIN_DAYS } }]);
  const horizon = now.getTime() + PREVIEW_DAYS * 86_400_000;
  return {
    periods: soon.filter((i) => i.start.getTime() < horizon).slice(0, PREVIEW_PERIODS).map((i) => ({ start: i.start, end: i.end })),
    holidays: upcomingHolidays(input.openingHours, input.holidayCalendar, now, 60),
  };
}

/** Trims and checks a mailbox; the address is stored in lower case. */
export function normaliseMailbox(input: MailboxInput): MailboxInput {
  const address = input.address.trim().toLowerCase();
  if (!address) throw invalid([{ field: 'address', code: 'validation.required' }]);
  if (address.length > 254 || !ADDRESS.test(address)) throw invalid([{ field: 'address', code: 'ccSettings.error.address' }]);
  return { address, unitId: input.unitId?.trim() || null, active: input.active };
}

/** Checks the numbers of a target: whole minutes, resolution not before the first response, 1–99 %. */
export function normaliseSlaTarget(input: SlaTargetInput): SlaTargetInput {
  const fields: FieldError[] = [];
  const serviceCode = input.serviceCode?.trim() || null;
  if (serviceCode && !SERVICE_CODE.test(serviceCode)) fields.push({ field: 'serviceCode', code: 'ccSettings.error.unknownService' });
  const minutes = (name: 'firstResponseMinutes' | 'resolutionMinutes') => {
    const value = input[name];
    if (!Number.isInteger(value) || value < 1) fields.push({ field: name, code: 'validation.minimum', values: { limit: 1 } });
    else if (value > MAX_SLA_MINUTES) fields.push({ field: name, code: 'validation.maximum', values: { limit: MAX_SLA_MINUTES } });
  };
  minutes('firstResponseMinutes');
  minutes('resolutionMinutes');
  if (!fields.some((f) => f.field === 'resolutionMinutes') && Number.isInteger(input.firstResponseMinutes) && input.resolutionMinutes < input.firstResponseMinutes) {
    fields.push({ field: 'resolutionMinutes', code: 'ccSettings.error.resolutionBeforeFirstResponse' });
  }
  if (!Number.isInteger(input.warningPercent) || input.warningPercent < 1 || input.warningPercent > 99) {
    fields.push({ field: 'warningPercent', code: 'ccSettings.error.warningPercent' });
  }
  if (fields.length) throw invalid(fields);
  return { ...input, serviceCode };
}

/** The names of the fields whose value differs (audit details: which fields, never the values). */
function changedFields<T extends object>(before: T, after: T): string[] {
  return (Object.keys(after) as Array<keyof T>).filter((key) => before[key] !== after[key]).map(String);
}

export function contactCenterSettingsService(db: Database) {
  const audit = (q: Queryable, actor: Actor, action: 'create' | 'update' | 'delete' | 'denied', type: string, id: string | null, organisationId: string, requestId?: string, details?: Record<string, unknown>) =>
    recordAudit(q, actor, action, { type, id, organisationId }, requestId, details);

  /** The organisation by code if the actor may set it up: unknown → 404, another organisation's → 403 (audited). */
  async function organisation(actor: Actor, code: string, requestId?: string): Promise<Organisation> {
    if (!canOpenContactCenterSettings(actor)) throw new AppError(403, 'forbidden');
    const org = SERVICE_CODE.test(code) ? await findOrganisationByCode(db, code) : undefined;
    if (!org) throw new AppError(404, 'cc_settings.organisation_not_found');
    if (!canManageContactCenterSettings(actor, org.id)) {
      await audit(db, actor, 'denied', 'cc_settings', null, org.id, requestId, { reason: 'other_organisation' });
      throw new AppError(403, 'forbidden');
    }
    return org;
  }

  async function checkMailbox(q: Queryable, organisationId: string, input: MailboxInput, exceptId: string | null): Promise<MailboxInput> {
    const mailbox = normaliseMailbox(input);
    const fields: FieldError[] = [];
    if (mailbox.unitId && !(UUID.test(mailbox.unitId) && (await repo.unitOfOrganisation(q, organisationId, mailbox.unitId)))) {
      fields.push({ field: 'unitId', code: 'validation.invalid' });
    }
    if (await repo.mailboxAddressTaken(q, mailbox.address, exceptId)) fields.push({ field: 'address', code: 'ccSettings.error.addressTaken' });
    if (fields.length) throw new AppError(fields.some((f) => f.code === 'ccSettings.error.addressTaken') ? 409 : 400, 'validation.failed', { fields });
    return mailbox;
  }

  async function checkSlaTarget(q: Queryable, organisationId: string, input: SlaTargetInput, exceptId: string | null): Promise<SlaTargetInput> {
    const target = normaliseSlaTarget(input);
    if (target.serviceCode && !(await repo.serviceExists(q, target.serviceCode))) throw invalid([{ field: 'serviceCode', code: 'ccSettings.error.unknownService' }]);
    if (await repo.slaTargetScopeTaken(q, organisationId, target.channel, target.serviceCode, exceptId)) {
      throw new AppError(409, 'validation.failed', { fields: [{ field: 'channel', code: 'ccSettings.error.targetExists' }] });
    }
    return target;
  }

  async function mailboxOf(org: Organisation, id: string): Promise<repo.MailboxRow> {
    const row = UUID.test(id) ? await repo.findMailbox(db, org.id, id) : undefined;
    if (!row) throw new AppError(404, 'cc_settings.mailbox_not_found');
    return row;
  }

  async function slaTargetOf(org: Organisation, id: string): Promise<repo.SlaTargetRow> {
    const row = UUID.test(id) ? await repo.findSlaTarget(db, org.id, id) : undefined;
    if (!row) throw new AppError(404, 'cc_settings.target_not_found');
    return row;
  }

  const defaultCalendarOf = (org: Organisation): CalendarInput => ({ openingHours: DEFAULT_BUSINESS_HOURS, holidayCalendar: calendarForOrganisation(org) });

  return {
    organisation,

    /** The organisations the actor may set up (all for administrators, their own for managers). */
    async organisations(actor: Actor): Promise<Organisation[]> {
      if (!canOpenContactCenterSettings(actor)) throw new AppError(403, 'forbidden');
      return settingsForEveryOrganisation(actor) ? listOrganisations(db) : listOrganisations(db, { ids: [actor.organisationId] });
    },

    /** The units (mailbox routing) and catalogue services (SLA targets) offered by the forms. */
    async choices(org: Organisation) {
      const [units, services] = await Promise.all([repo.listUnitChoices(db, org.id), repo.listServiceChoices(db)]);
      return { units, services };
    },

    defaultTarget: DEFAULT_SLA_TARGET,

    // ---- mailboxes

    mailboxes: (org: Organisation) => repo.listMailboxes(db, org.id),

    mailbox: mailboxOf,

    async createMailbox(actor: Actor, org: Organisation, input: MailboxInput, requestId?: string): Promise<string> {
      return db.transaction(async (tx) => {
        const mailbox = await checkMailbox(tx, org.id, input, null);
        const id = await repo.insertMailbox(tx, org.id, mailbox);
        if (!id) throw new AppError(409, 'validation.failed', { fields: [{ field: 'address', code: 'ccSettings.error.addressTaken' }] });
        await audit(tx, actor, 'create', 'cc_mailbox', id, org.id, requestId, { active: mailbox.active, unit: mailbox.unitId !== null });
        return id;
      });
    },

    /** Returns the new version. */
    async updateMailbox(actor: Actor, org: Organisation, id: string, version: number, input: MailboxInput, requestId?: string): Promise<number> {
      const before = await mailboxOf(org, id);
      return db.transaction(async (tx) => {
        const mailbox = await checkMailbox(tx, org.id, input, before.id);
        const next = await repo.updateMailbox(tx, org.id, before.id, version, mailbox);
        if (next === null) throw (await repo.findMailbox(tx, org.id, before.id)) ? stale() : new AppError(404, 'cc_settings.mailbox_not_found');
        await audit(tx, actor, 'update', 'cc_mailbox', before.id, org.id, requestId, { fields: changedFields({ address: before.address, unitId: before.unitId, active: before.active }, mailbox) });
        return next;
      });
    },

    async deleteMailbox(actor: Actor, org: Organisation, id: string, version: number, requestId?: string): Promise<void> {
      const before = await mailboxOf(org, id);
      await db.transaction(async (tx) => {
        if (!(await repo.deleteMailbox(tx, org.id, before.id, version))) throw (await repo.findMailbox(tx, org.id, before.id)) ? stale() : new AppError(404, 'cc_settings.mailbox_not_found');
        await audit(tx, actor, 'delete', 'cc_mailbox', before.id, org.id, requestId);
      });
    },

    // ---- SLA targets

    slaTargets: (org: Organisation) => repo.listSlaTargets(db, org.id),

    slaTarget: slaTargetOf,

    async createSlaTarget(actor: Actor, org: Organisation, input: SlaTargetInput, requestId?: string): Promise<string> {
      return db.transaction(async (tx) => {
        const target = await checkSlaTarget(tx, org.id, input, null);
        const id = await repo.insertSlaTarget(tx, org.id, target);
        if (!id) throw new AppError(409, 'validation.failed', { fields: [{ field: 'channel', code: 'ccSettings.error.targetExists' }] });
        await audit(tx, actor, 'create', 'cc_sla_target', id, org.id, requestId, { channel: target.channel, serviceCode: target.serviceCode });
        return id;
      });
    },

    /** Returns the new version. */
    async updateSlaTarget(actor: Actor, org: Organisation, id: string, version: number, input: SlaTargetInput, requestId?: string): Promise<number> {
      const before = await slaTargetOf(org, id);
      return db.transaction(async (tx) => {
        const target = await checkSlaTarget(tx, org.id, input, before.id);
        const next = await repo.updateSlaTarget(tx, org.id, before.id, version, target);
        if (next === null) throw (await repo.findSlaTarget(tx, org.id, before.id)) ? stale() : new AppError(404, 'cc_settings.target_not_found');
        const { channel, serviceCode, firstResponseMinutes, resolutionMinutes, warningPercent } = before;
        await audit(tx, actor, 'update', 'cc_sla_target', before.id, org.id, requestId, {
          fields: changedFields({ channel, serviceCode, firstResponseMinutes, resolutionMinutes, warningPercent }, target),
        });
        return next;
      });
    },

    async deleteSlaTarget(actor: Actor, org: Organisation, id: string, version: number, requestId?: string): Promise<void> {
      const before = await slaTargetOf(org, id);
      await db.transaction(async (tx) => {
        if (!(await repo.deleteSlaTarget(tx, org.id, before.id, version))) throw (await repo.findSlaTarget(tx, org.id, before.id)) ? stale() : new AppError(404, 'cc_settings.target_not_found');
        await audit(tx, actor, 'delete', 'cc_sla_target', before.id, org.id, requestId, { channel: before.channel, serviceCode: before.serviceCode });
      });
    },

    // ---- business calendar

    async calendar(org: Organisation, now: Date = new Date()): Promise<CalendarView> {
      const row = await repo.findCalendar(db, org.id);
      const current: CalendarInput = row ? { openingHours: row.openingHours, holidayCalendar: row.holidayCalendar } : defaultCalendarOf(org);
      let preview: CalendarPreview;
      try {
        preview = previewCalendar(current, now);
      } catch (error) {
        // A stored calendar that no longer validates still shows (and can be corrected), without a preview.
        if (!(error instanceof AppError)) throw error;
        preview = { periods: [], holidays: [] };
      }
      return { ...current, version: row?.version ?? null, isDefault: !row, preview };
    },

    previewCalendar,

    /** Creates (version null) or changes the calendar; returns the new version. */
    async saveCalendar(actor: Actor, org: Organisation, version: number | null, input: CalendarInput, requestId?: string): Promise<number> {
      const calendar = { openingHours: input.openingHours.trim(), holidayCalendar: input.holidayCalendar };
      previewCalendar(calendar);
      return db.transaction(async (tx) => {
        const before = await repo.findCalendar(tx, org.id);
        const next = await repo.saveCalendar(tx, org.id, version, calendar);
        if (next === null) throw stale();
        await audit(tx, actor, version === null ? 'create' : 'update', 'cc_business_calendar', org.id, org.id, requestId, {
          fields: before ? changedFields({ openingHours: before.openingHours, holidayCalendar: before.holidayCalendar }, calendar) : ['openingHours', 'holidayCalendar'],
        });
        return next;
      });
    },

    /** Back to the default calendar (business hours Mo–Fr 09:00–17:00 and the organisation's holidays). */
    async resetCalendar(actor: Actor, org: Organisation, version: number, requestId?: string): Promise<void> {
      await db.transaction(async (tx) => {
        if (!(await repo.deleteCalendar(tx, org.id, version))) throw stale();
        await audit(tx, actor, 'delete', 'cc_business_calendar', org.id, org.id, requestId);
      });
    },

    defaultCalendarOf,
  };
}

export type ContactCenterSettingsService = ReturnType<typeof contactCenterSettingsService>;
