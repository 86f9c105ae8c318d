// The rules of the contact-center settings (back office): inbound mailboxes, SLA targets per organisation,
// channel and service, and the business calendar the SLA clocks run on (src/contactcenter/sla.ts reads the
// same tables: a change applies to requests created or resumed afterwards).
//
//   contactCenterSettingsService(db, { organisations, mail, publicUrl })
//     organisations(actor)                              → the organisations the actor may set up
//     organisation(actor, code)                         → one of them (403 + 'denied' audit entry for another's)
//     mailboxes / mailbox / createMailbox / updateMailbox / deleteMailbox
//     resendConfirmation / approveMailbox (platform administrators) / pendingConfirmation / confirmMailbox
//     slaTargets / slaTarget / createSlaTarget / updateSlaTarget / deleteSlaTarget
//     calendar / saveCalendar / resetCalendar, previewCalendar(openingHours, holidayCalendar)
//     outOfHours / saveOutOfHours: the automatic reply outside business hours per mailbox and web form
//
// Every change checks the version read (409 'cc_settings.stale' otherwise) and writes an audit entry with the
// names of the fields changed (no values). Validation failures are 400 with field codes in the catalogue.
//
// A mailbox's address must be proven before mail to it is accepted (decision 0026): a new address (or a
// changed one) gets a confirmation mail with a link valid CONFIRMATION_DAYS; until someone at that address
// follows it, or a platform administrator approves the mailbox, the inbound listener answers 450 at RCPT TO.
import { createHash, randomBytes } from 'node:crypto';
import type { Database, Queryable } from '../../platform/db/database.ts';
import { AppError, type FieldError } from '../../platform/http/errors.ts';
import type { Actor } from '../../identity/actor.ts';
import { recordAudit, recordAuditEntry } from '../../audit/service.ts';
import type { Organisation, OrganisationService } from '../../organisations/service.ts';
import { calendarForOrganisation, type HolidayCalendarId, type Holiday } from '../../platform/calendar/holidays.ts';
import { assertOpeningHours, cachedSchedule, upcomingHolidays } from '../../contactpoints/service.ts';
import { DEFAULT_BUSINESS_HOURS, DEFAULT_SLA_TARGET } from '../sla.ts';
import type { ContactChannel } from '../model.ts';
import * as repo from './repository.ts';
import type { MailService } from '../../platform/mail/service.ts';
import { hasRole } from '../../identity/actor.ts';
import { LANGUAGES, type Language, type LocalizedText } from '../../platform/i18n/languages.ts';
import { translator } from '../../platform/i18n/messages.ts';
import { canManageConsole, canManageContactCenterSettings, settingsForEveryOrganisation } from './authorisation.ts';
import { listUnits } from '../console/repository.ts';
import { isUuid } from '../../platform/http/schemas.ts';
import { authorise, authoriseOrRecord } from '../../identity/guards.ts';

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

export interface OutOfHoursInput {
  webForm: boolean;
  mailboxIds: string[];
  customText: Partial<Record<Language, string>>;
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

/** How long the link of a confirmation mail stays valid. */
export const CONFIRMATION_DAYS = 7;
/** A confirmation mail is sent again at most this often for one mailbox. */
export const RESEND_AFTER_SECONDS = 60;
const TOKEN = /^[A-Za-z0-9_-]{20,100}$/;
const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export interface PendingConfirmationView {
  address: string;
  organisationName: LocalizedText;
  /** The link is too old: the organisation must send a new one. */
  expired: boolean;
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
    periods: soon
      .filter((i) => i.start.getTime() < horizon)
      .slice(0, PREVIEW_PERIODS)
      .map((i) => ({ start: i.start, end: i.end })),
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
  if (
    !fields.some((f) => f.field === 'resolutionMinutes') &&
    Number.isInteger(input.firstResponseMinutes) &&
    input.resolutionMinutes < input.firstResponseMinutes
  ) {
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

export function contactCenterSettingsService(
  db: Database,
  deps: {
    organisations: Pick<OrganisationService, 'findByCode' | 'listOrganisations' | 'listByIds'>;
    /** Sends the confirmation mails of mailbox addresses. */
    mail: Pick<MailService, 'send'>;
    publicUrl: string;
  },
) {
  const { mail, publicUrl } = deps;
  const audit = (
    q: Queryable,
    actor: Actor,
    action: 'create' | 'update' | 'delete' | 'denied',
    type: string,
    id: string | null,
    organisationId: string,
    requestId?: string,
    details?: Record<string, unknown>,
  ) => recordAudit(q, actor, action, { type, id, organisationId }, requestId, details);

  /** The organisation by code if the actor may set it up: unknown → 404, another organisation's → 403 (audited). */
  async function organisation(actor: Actor, code: string, requestId?: string): Promise<Organisation> {
    // The role gate of /{lang}/admin/contact-center and its API (routes.tsx) has let a manager or administrator in.
    const org = SERVICE_CODE.test(code) ? await deps.organisations.findByCode(code) : undefined;
    if (!org) throw new AppError(404, 'cc_settings.organisation_not_found');
    await authoriseOrRecord(canManageContactCenterSettings(actor, org.id), () =>
      audit(db, actor, 'denied', 'cc_settings', null, org.id, requestId, { reason: 'other_organisation' }),
    );
    return org;
  }

  async function checkMailbox(q: Queryable, organisationId: string, input: MailboxInput, exceptId: string | null): Promise<MailboxInput> {
    const mailbox = normaliseMailbox(input);
    const fields: FieldError[] = [];
    if (mailbox.unitId && !(isUuid(mailbox.unitId) && (await repo.unitOfOrganisation(q, organisationId, mailbox.unitId)))) {
      fields.push({ field: 'unitId', code: 'validation.invalid' });
    }
    if (await repo.mailboxAddressTaken(q, mailbox.address, exceptId)) fields.push({ field: 'address', code: 'ccSettings.error.addressTaken' });
    if (fields.length) throw new AppError(fields.some((f) => f.code === 'ccSettings.error.addressTaken') ? 409 : 400, 'validation.failed', { fields });
    return mailbox;
  }

  async function checkSlaTarget(q: Queryable, organisationId: string, input: SlaTargetInput, exceptId: string | null): Promise<SlaTargetInput> {
    const target = normaliseSlaTarget(input);
    if (target.serviceCode && !(await repo.serviceExists(q, target.serviceCode)))
      throw invalid([{ field: 'serviceCode', code: 'ccSettings.error.unknownService' }]);
    if (await repo.slaTargetScopeTaken(q, organisationId, target.channel, target.serviceCode, exceptId)) {
      throw new AppError(409, 'validation.failed', { fields: [{ field: 'channel', code: 'ccSettings.error.targetExists' }] });
    }
    return target;
  }

  async function mailboxOf(org: Organisation, id: string): Promise<repo.MailboxRow> {
    const row = isUuid(id) ? await repo.findMailbox(db, org.id, id) : undefined;
    if (!row) throw new AppError(404, 'cc_settings.mailbox_not_found');
    return row;
  }

  async function slaTargetOf(org: Organisation, id: string): Promise<repo.SlaTargetRow> {
    const row = isUuid(id) ? await repo.findSlaTarget(db, org.id, id) : undefined;
    if (!row) throw new AppError(404, 'cc_settings.target_not_found');
    return row;
  }

  /**
   * The confirmation mail of a mailbox address, in the page's language first, then the other two (the owner
   * of the address may read another one); returns the token's hash to store.
   */
  async function sendConfirmation(q: Queryable, org: Organisation, address: string, lang: Language): Promise<string> {
    const token = randomBytes(24).toString('base64url');
    const link = `${publicUrl.replace(/\/$/, '')}/${lang}/contact-center/mailbox-confirmation/${token}`;
    const order = [lang, ...LANGUAGES.filter((l) => l !== lang)];
    const text = order
      .map((l) =>
        translator(l)('ccSettings.confirmationMail.body', { organisation: org.name[l] ?? org.name.fr ?? org.code, address, link, days: CONFIRMATION_DAYS }),
      )
      .join('\n\n----------\n\n');
    await mail.send(
      {
        to: address,
        subject: translator(lang)('ccSettings.confirmationMail.subject', { organisation: org.name[lang] ?? org.name.fr ?? org.code }),
        text,
        language: lang,
        purpose: 'cc.mailbox.confirmation',
        organisationId: org.id,
        headers: { 'Auto-Submitted': 'auto-generated' },
      },
      { tx: q },
    );
    return hashToken(token);
  }

  const defaultCalendarOf = (org: Organisation): CalendarInput => ({ openingHours: DEFAULT_BUSINESS_HOURS, holidayCalendar: calendarForOrganisation(org) });

  return {
    organisation,

    /** The organisations the actor may set up (all for administrators, their own for managers). */
    async organisations(actor: Actor): Promise<Organisation[]> {
      return settingsForEveryOrganisation(actor) ? deps.organisations.listOrganisations() : deps.organisations.listByIds([actor.organisationId]);
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

    /** A new mailbox waits for the confirmation of its address (a mail is sent to it). */
    async createMailbox(actor: Actor, org: Organisation, input: MailboxInput, requestId?: string, lang: Language = 'fr'): Promise<string> {
      return db.transaction(async (tx) => {
        const mailbox = await checkMailbox(tx, org.id, input, null);
        const tokenHash = await sendConfirmation(tx, org, mailbox.address, lang);
        const id = await repo.insertMailbox(tx, org.id, mailbox, tokenHash);
        if (!id) throw new AppError(409, 'validation.failed', { fields: [{ field: 'address', code: 'ccSettings.error.addressTaken' }] });
        await audit(tx, actor, 'create', 'cc_mailbox', id, org.id, requestId, {
          active: mailbox.active,
          unit: mailbox.unitId !== null,
          confirmationSent: true,
        });
        return id;
      });
    },

    /** Returns the new version. A changed address waits for confirmation again. */
    async updateMailbox(
      actor: Actor,
      org: Organisation,
      id: string,
      version: number,
      input: MailboxInput,
      requestId?: string,
      lang: Language = 'fr',
    ): Promise<number> {
      const before = await mailboxOf(org, id);
      return db.transaction(async (tx) => {
        const mailbox = await checkMailbox(tx, org.id, input, before.id);
        const newAddress = mailbox.address !== before.address;
        const tokenHash = newAddress ? await sendConfirmation(tx, org, mailbox.address, lang) : null;
        const next = await repo.updateMailbox(tx, org.id, before.id, version, mailbox, tokenHash);
        if (next === null) throw (await repo.findMailbox(tx, org.id, before.id)) ? stale() : new AppError(404, 'cc_settings.mailbox_not_found');
        await audit(tx, actor, 'update', 'cc_mailbox', before.id, org.id, requestId, {
          fields: changedFields({ address: before.address, unitId: before.unitId, active: before.active }, mailbox),
          ...(newAddress ? { confirmationSent: true } : {}),
        });
        return next;
      });
    },

    /** Sends the confirmation mail again (a new link; the old one stops working). */
    async resendConfirmation(actor: Actor, org: Organisation, id: string, requestId?: string, lang: Language = 'fr'): Promise<void> {
      const before = await mailboxOf(org, id);
      if (before.verifiedAt) throw new AppError(409, 'cc_settings.mailbox_verified');
      if (before.confirmationSentAt && Date.now() - new Date(before.confirmationSentAt).getTime() < RESEND_AFTER_SECONDS * 1000) {
        throw new AppError(429, 'cc_settings.confirmation_too_soon', { values: { seconds: RESEND_AFTER_SECONDS } });
      }
      await db.transaction(async (tx) => {
        const tokenHash = await sendConfirmation(tx, org, before.address, lang);
        if (!(await repo.renewConfirmation(tx, org.id, before.id, tokenHash))) throw new AppError(409, 'cc_settings.mailbox_verified');
        await audit(tx, actor, 'update', 'cc_mailbox', before.id, org.id, requestId, { confirmationSent: true });
      });
    },

    /** A platform administrator vouches for the address (e.g. one that forwards to the listener itself). */
    async approveMailbox(actor: Actor, org: Organisation, id: string, requestId?: string): Promise<void> {
      const before = await mailboxOf(org, id);
      await authoriseOrRecord(hasRole(actor, 'platform_admin'), () =>
        audit(db, actor, 'denied', 'cc_mailbox', before.id, org.id, requestId, { reason: 'approve_needs_platform_admin' }),
      );
      await db.transaction(async (tx) => {
        if (!(await repo.approveMailbox(tx, org.id, before.id))) throw new AppError(409, 'cc_settings.mailbox_verified');
        await audit(tx, actor, 'update', 'cc_mailbox', before.id, org.id, requestId, { verifiedBy: 'administrator' });
      });
    },

    /** What the confirmation link asks to confirm; 404 for an unknown, used or replaced link. */
    async pendingConfirmation(token: string, now: Date = new Date()): Promise<PendingConfirmationView> {
      const row = TOKEN.test(token) ? await repo.findPendingConfirmation(db, hashToken(token)) : undefined;
      if (!row) throw new AppError(404, 'cc_settings.confirmation_not_found');
      return {
        address: row.address,
        organisationName: row.organisationName,
        expired: now.getTime() - new Date(row.confirmationSentAt).getTime() > CONFIRMATION_DAYS * 86_400_000,
      };
    },

    /** Someone at the address followed the link: the mailbox receives mail from now on (audited, no actor). */
    async confirmMailbox(token: string, requestId?: string, now: Date = new Date()): Promise<void> {
      const pending = TOKEN.test(token) ? await repo.findPendingConfirmation(db, hashToken(token)) : undefined;
      if (!pending) throw new AppError(404, 'cc_settings.confirmation_not_found');
      await db.transaction(async (tx) => {
        if (!(await repo.confirmMailbox(tx, hashToken(token), new Date(now.getTime() - CONFIRMATION_DAYS * 86_400_000)))) {
          throw new AppError(410, 'cc_settings.confirmation_expired');
        }
        await recordAuditEntry(tx, {
          actorAccountId: null,
          actorOrganisationId: null,
          action: 'update',
          subjectType: 'cc_mailbox',
          subjectId: pending.id,
          organisationId: pending.organisationId,
          requestId: requestId ?? null,
          details: { verifiedBy: 'confirmation' },
        });
      });
    },

    async deleteMailbox(actor: Actor, org: Organisation, id: string, version: number, requestId?: string): Promise<void> {
      const before = await mailboxOf(org, id);
      await db.transaction(async (tx) => {
        if (!(await repo.deleteMailbox(tx, org.id, before.id, version)))
          throw (await repo.findMailbox(tx, org.id, before.id)) ? stale() : new AppError(404, 'cc_settings.mailbox_not_found');
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
        if (!(await repo.deleteSlaTarget(tx, org.id, before.id, version)))
          throw (await repo.findSlaTarget(tx, org.id, before.id)) ? stale() : new AppError(404, 'cc_settings.target_not_found');
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
          fields: before
            ? changedFields({ openingHours: before.openingHours, holidayCalendar: before.holidayCalendar }, calendar)
            : ['openingHours', 'holidayCalendar'],
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

    // ---- the automatic reply outside business hours (out-of-hours.ts sends it)

    outOfHours: (org: Organisation) => repo.findOutOfHours(db, org.id),

    /** Which channels answer outside business hours (the web form, mailboxes of the organisation) and with what text. */
    async saveOutOfHours(actor: Actor, org: Organisation, version: number | null, input: OutOfHoursInput, requestId?: string): Promise<number> {
      const mailboxes = await repo.listMailboxes(db, org.id);
      if (input.mailboxIds.some((id) => !mailboxes.some((m) => m.id === id))) {
        throw new AppError(400, 'validation.failed', { fields: [{ field: 'channels', code: 'validation.invalid' }] });
      }
      const customText: repo.OutOfHoursRow['customText'] = {};
      for (const lang of LANGUAGES) {
        const text = input.customText[lang]?.trim();
        if (text) customText[lang] = text;
      }
      return db.transaction(async (tx) => {
        const next = await repo.saveOutOfHours(tx, org.id, version, { webForm: input.webForm, mailboxIds: input.mailboxIds, customText });
        if (next === null) throw stale();
        await audit(tx, actor, version === null ? 'create' : 'update', 'cc_out_of_hours', org.id, org.id, requestId, {
          webForm: input.webForm,
          mailboxes: input.mailboxIds.length,
          customText: Object.keys(customText),
        });
        return next;
      });
    },

    // ---- console settings of managers (/{lang}/console/settings): units in the round-robin, reply templates

    async unitSettings(actor: Actor) {
      authorise(canManageConsole(actor, actor.organisationId));
      return listUnits(db, actor.organisationId);
    },

    async saveUnitSettings(actor: Actor, autoAssignUnitIds: string[], requestId?: string): Promise<void> {
      authorise(canManageConsole(actor, actor.organisationId));
      const units = await listUnits(db, actor.organisationId);
      const chosen = new Set(autoAssignUnitIds);
      if ([...chosen].some((id) => !units.some((u) => u.id === id))) {
        throw new AppError(400, 'validation.failed', { fields: [{ field: 'autoAssign', code: 'validation.invalid' }] });
      }
      await db.transaction(async (tx) => {
        for (const unit of units) if (unit.autoAssign !== chosen.has(unit.id)) await repo.setAutoAssign(tx, unit.id, chosen.has(unit.id));
        await audit(tx, actor, 'update', 'cc_unit_settings', null, actor.organisationId, requestId, { autoAssign: chosen.size });
      });
    },

    async organisationTemplates(actor: Actor) {
      authorise(canManageConsole(actor, actor.organisationId));
      return repo.listTemplates(db, actor.organisationId);
    },

    async addTemplate(actor: Actor, template: { language: Language; title: string; body: string }): Promise<void> {
      authorise(canManageConsole(actor, actor.organisationId));
      const title = template.title.trim();
      const body = template.body.trim();
      const fields = [...(title ? [] : [{ field: 'title', code: 'validation.required' }]), ...(body ? [] : [{ field: 'body', code: 'validation.required' }])];
      if (fields.length) throw new AppError(400, 'validation.failed', { fields });
      const id = await repo.insertTemplate(db, actor.organisationId, { language: template.language, title, body });
      if (!id) throw new AppError(409, 'console.template_exists', { fields: [{ field: 'title', code: 'console.templateExists' }] });
    },

    async deleteTemplate(actor: Actor, id: string): Promise<void> {
      authorise(canManageConsole(actor, actor.organisationId));
      if (!isUuid(id) || !(await repo.deleteTemplate(db, actor.organisationId, id))) throw new AppError(404, 'console.template_not_found');
    },
  };
}

export type ContactCenterSettingsService = ReturnType<typeof contactCenterSettingsService>;
