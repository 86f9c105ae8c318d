// The rules of agent safety: one-click incident reports and "I need help now" alerts, delivered in real
// time to the colleagues and managers of the same contact point; follow-up actions tracked to closure; the
// anonymous dashboard; and who works at which contact point.
//
// Other modules use:
//   services.safety.contactPointsOf(accountId) → the contact points an account works at (isManager flag)
//   services.safety.membersOf(actor, contactPointId) → the staff of a contact point (same organisation)
//   <IncidentReportButton contactPointId=… /> from ./IncidentReportButton.tsx on console and counter screens
import type { Database, Queryable } from '../platform/db/database.ts';
import { AppError, type FieldError } from '../platform/http/errors.ts';
import type { Actor } from '../identity/actor.ts';
import { recordAuditEntry, type AuditAction } from '../audit/service.ts';
import type { ContactPointService } from '../contactpoints/service.ts';
import { publish } from '../platform/realtime/publish.ts';
import { channels } from '../platform/realtime/channels.ts';
import type { MailService } from '../platform/mail/service.ts';
import { translator } from '../platform/i18n/messages.ts';
import { LANGUAGES, pickText, type Language, type LocalizedText } from '../platform/i18n/languages.ts';
import { brusselsWallClock } from '../platform/calendar/brussels-time.ts';
import { formatDateTime } from '../platform/i18n/format.ts';
import * as repo from './repository.ts';
import type { ActionKind, ActionRecord, IncidentFields, IncidentRecord, IncidentType, Severity } from './repository.ts';
import { canManageStaff, canReportIncident, canViewStatistics, incidentViewFor, isSafetyManager, type IncidentView } from './authorisation.ts';
import { isCalendarDate } from '../platform/http/formats.ts';
import type { MessageValues } from '../platform/i18n/messages.ts';
import { isUuid } from '../platform/http/schemas.ts';
import { authorise, authoriseOrRecord } from '../identity/guards.ts';

export { INCIDENT_TYPES, SEVERITIES, ACTION_KINDS } from './repository.ts';
export type { IncidentType, Severity, ActionKind, IncidentView };

/** Reports may be made a little late, not about the future nor about events older than a year. */
const MAX_AGE_MS = 366 * 86_400_000;
const CLOCK_SKEW_MS = 5 * 60_000;

/** What a report carries, from the form or the API. */
export interface IncidentInput {
  type: IncidentType;
  severity?: Severity | null | undefined;
  /** The contact point where it happened, or null with a free-text place. */
  contactPointId?: string | null | undefined;
  placeText?: string | null | undefined;
  occurredAt: Date;
  description: string;
  personsInvolved?: string | null | undefined;
}

export interface ActionInput {
  kind: ActionKind;
  assigneeAccountId?: string | null | undefined;
  dueDate?: string | null | undefined;
  note?: string | null | undefined;
}

export interface IncidentDetail {
  view: IncidentView;
  incident: IncidentRecord;
  /** For the reporter, notes, outcomes and assignees are left out (managers' working notes). */
  actions: ActionRecord[];
  canClose: boolean;
}

/** The realtime event staff receive (SSE event "safety.alert" on their account:{id} channel). */
export interface SafetyAlertEvent {
  incidentId: string;
  help: boolean;
  type: IncidentType | null;
  reporter: string;
  place: string;
  occurredAt: string;
  /** The announcement in each language (the banner picks the page's). */
  message: Record<Language, string>;
  /** Only for those who may open the incident (its managers). */
  detailPath: string | null;
  /** The banner's link and button texts in each language. */
  labels: { open: Record<Language, string>; dismiss: Record<Language, string> };
}

const trimOrNull = (value: string | null | undefined) => (value == null || value.trim() === '' ? null : value.trim());

function fieldError(field: string, code: string, values?: MessageValues): AppError {
  return new AppError(400, 'validation.failed', { fields: [{ field, code, ...(values ? { values } : {}) }] });
}

/** Checks what a schema cannot: the time window and the place; returns the fields to store. */
export function normaliseIncident(input: IncidentInput, now: Date = new Date()): IncidentFields {
  const fields: FieldError[] = [];
  const at = input.occurredAt;
  if (Number.isNaN(at.getTime())) fields.push({ field: 'occurredAt', code: 'validation.format', values: { format: 'date-time' } });
  else if (at.getTime() > now.getTime() + CLOCK_SKEW_MS) fields.push({ field: 'occurredAt', code: 'safety.error.future' });
  else if (at.getTime() < now.getTime() - MAX_AGE_MS) fields.push({ field: 'occurredAt', code: 'safety.error.tooOld' });
  const contactPointId = trimOrNull(input.contactPointId);
  const placeText = trimOrNull(input.placeText);
  if (!contactPointId && !placeText) fields.push({ field: 'placeText', code: 'safety.error.placeRequired' });
  const description = input.description.trim();
  if (!description) fields.push({ field: 'description', code: 'validation.required' });
  if (fields.length) throw new AppError(400, 'validation.failed', { fields });
  return {
    type: input.type,
    severity: input.severity ?? null,
    contactPointId,
    placeText: contactPointId ? null : placeText,
    occurredAt: at,
    description,
    personsInvolved: trimOrNull(input.personsInvolved),
  };
}

/** A Brussels wall-clock "YYYY-MM-DDTHH:MM" (datetime-local input) for an instant. */
export function toDateTimeLocal(instant: Date): string {
  const c = brusselsWallClock(instant);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${c.year}-${pad(c.month)}-${pad(c.day)}T${pad(c.hour)}:${pad(c.minute)}`;
}

/** Months "YYYY-MM" from `from` to `to` inclusive. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let [year, month] = from.split('-').map(Number) as [number, number];
  const [endYear, endMonth] = to.split('-').map(Number) as [number, number];
  while ((year < endYear || (year === endYear && month <= endMonth)) && months.length < 121) {
    months.push(`${year}-${String(month).padStart(2, '0')}`);
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return months;
}

/** A month "YYYY-MM" moved by some months. */
export function shiftMonth(month: string, by: number): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const index = year * 12 + (m - 1) + by;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** What the safety service needs besides the database (the e-mail fallback of a call for help). */
export interface SafetyDeps {
  mail: Pick<MailService, 'send'>;
  /** Those of the channels with a live stream on any instance (services.realtime.presentChannels). */
  presentChannels: (q: Queryable, channels: string[]) => Promise<Set<string>>;
  /** Contact points of the reports and of the staff screen. */
  contactPoints: Pick<ContactPointService, 'find'>;
  publicUrl: string;
  /** SAFETY_RETENTION_YEARS: closed reports older than this are anonymised by purgeExpired (5 by default). */
  retentionYears?: number | undefined;
}

export function safetyService(db: Database, deps: SafetyDeps) {
  const audit = (
    q: Queryable,
    actor: Actor,
    action: AuditAction,
    subjectType: string,
    subjectId: string | null,
    requestId?: string,
    details?: Record<string, unknown>,
  ) =>
    recordAuditEntry(q, {
      actorAccountId: actor.accountId,
      actorOrganisationId: actor.organisationId,
      action,
      subjectType,
      subjectId,
      organisationId: actor.organisationId,
      requestId: requestId ?? null,
      details: details ?? {},
    });

  /** A contact point of the actor's own organisation (else a 400 on the field: never another's place). */
  const ownContactPoint = async (q: Queryable, actor: Actor, id: string | null, field = 'contactPointId') => {
    if (!id) return null;
    const record = isUuid(id) ? await deps.contactPoints.find(id, q) : undefined;
    if (!record || record.organisationId !== actor.organisationId) throw fieldError(field, 'safety.error.unknownContactPoint');
    return record;
  };

  const visibleIncident = async (q: Queryable, actor: Actor, id: string, forUpdate = false) => {
    if (!isUuid(id)) throw new AppError(404, 'safety.incident_not_found');
    const incident = await repo.findIncident(q, id, { forUpdate });
    // Another organisation's incident is "not found": its existence is not disclosed.
    if (!incident || incident.organisationId !== actor.organisationId) throw new AppError(404, 'safety.incident_not_found');
    const view = incidentViewFor(actor, incident, await repo.managedContactPointIds(q, actor.accountId));
    await authoriseOrRecord(view !== null, () => audit(q, actor, 'denied', 'safety_incident', incident.id), 'safety.incident_forbidden');
    return { incident, view: view! };
  };

  const requireManagerView = (view: IncidentView) => {
    authorise(view === 'manager', 'safety.incident_forbidden');
  };

  /** Publishes the alert to each recipient's account channel, in the transaction of the report. */
  const alert = async (
    tx: Queryable,
    actor: Actor,
    incidentId: string,
    help: boolean,
    fields: { type: IncidentType | null; contactPointId: string | null; placeText: string | null; occurredAt: Date },
    placeName: LocalizedText | null,
  ) => {
    const recipients = new Map<string, boolean>(); // account → may open the incident (manager)
    if (fields.contactPointId) {
      for (const member of await repo.alertRecipients(tx, fields.contactPointId)) recipients.set(member.accountId, member.isManager);
    }
    const hasPlaceManager = [...recipients.entries()].some(([id, manager]) => manager && id !== actor.accountId);
    if (!hasPlaceManager) for (const id of await repo.organisationManagers(tx, actor.organisationId)) recipients.set(id, true);
    // Organisation managers see every incident of the organisation.
    for (const id of await repo.organisationManagers(tx, actor.organisationId)) if (recipients.has(id)) recipients.set(id, true);
    recipients.delete(actor.accountId);
    const message = {} as Record<Language, string>;
    const labels = { open: {} as Record<Language, string>, dismiss: {} as Record<Language, string> };
    const placeFor = (lang: Language) => (placeName ? pickText(placeName, lang).text : (fields.placeText ?? ''));
    for (const lang of LANGUAGES) {
      const t = translator(lang);
      labels.open[lang] = t('safety.alert.open');
      labels.dismiss[lang] = t('safety.alert.dismiss');
      message[lang] = help
        ? t('safety.alert.help', { name: actor.displayName, place: placeFor(lang) })
        : t('safety.alert.report', { name: actor.displayName, place: placeFor(lang), type: t(`safety.type.${fields.type ?? 'other'}`) });
    }
    for (const [accountId, manager] of recipients) {
      const data: SafetyAlertEvent = {
        incidentId,
        help,
        type: fields.type,
        reporter: actor.displayName,
        place: placeFor('fr'),
        occurredAt: fields.occurredAt.toISOString(),
        message,
        detailPath: manager ? `/safety/incidents/${incidentId}` : null,
        labels,
      };
      await publish(tx, channels.account(accountId), { type: 'safety.alert', data });
    }
    return { alerted: recipients.size, recipients: [...recipients.keys()], placeFor };
  };

  /**
   * "I need help now" that nobody can see: when none of the alert's recipients has a live stream open (on any
   * instance), the organisation's managers get an e-mail, queued in the call's transaction (the mail job
   * retries while the mail server is down). No details of the incident: who, where, when, and the link.
   */
  const mailIfNobodyConnected = async (
    tx: Queryable,
    actor: Actor,
    incidentId: string,
    recipients: string[],
    placeFor: (lang: Language) => string,
    occurredAt: Date,
  ): Promise<number> => {
    const present = await deps.presentChannels(tx, recipients.map(channels.account));
    if (present.size > 0) return 0;
    const managers = (await repo.organisationManagerContacts(tx, actor.organisationId)).filter((m) => m.accountId !== actor.accountId);
    for (const manager of managers) {
      const t = translator(manager.language);
      const link = `${deps.publicUrl}/${manager.language}/safety/incidents/${incidentId}`;
      const values = { name: actor.displayName, place: placeFor(manager.language) };
      await deps.mail.send(
        {
          to: manager.email,
          language: manager.language,
          subject: t('safety.helpMail.subject', values),
          text: t('safety.helpMail.body', { ...values, at: formatDateTime(occurredAt, manager.language), link }),
          purpose: 'safety.help',
          organisationId: actor.organisationId,
          headers: { 'X-Priority': '1', 'Auto-Submitted': 'auto-generated' },
        },
        { tx },
      );
    }
    if (managers.length) await audit(tx, actor, 'create', 'safety_help_mail', incidentId, undefined, { recipients: managers.length });
    return managers.length;
  };

  return {
    /**
     * Housekeeping: anonymises the closed reports whose retention period is over (SAFETY_RETENTION_YEARS from
     * their declaration), with one audit entry each, by batches of 500. Returns how many were anonymised.
     */
    async purgeExpired(): Promise<number> {
      const years = deps.retentionYears ?? 5;
      let total = 0;
      for (;;) {
        const done = await db.transaction(async (tx) => {
          const anonymised = await repo.anonymiseExpiredIncidents(tx, years);
          for (const incident of anonymised) {
            await recordAuditEntry(tx, {
              actorAccountId: null,
              actorOrganisationId: null,
              action: 'update',
              subjectType: 'safety_incident',
              subjectId: incident.id,
              organisationId: incident.organisationId,
              requestId: null,
              details: { anonymised: true, retentionYears: years },
            });
          }
          return anonymised.length;
        });
        total += done;
        if (done < 500) return total;
      }
    },

    /** Records a report and alerts the colleagues and managers of the place, in one transaction. */
    async report(actor: Actor, input: IncidentInput, requestId?: string): Promise<{ id: string; alerted: number }> {
      authorise(canReportIncident(actor));
      const fields = normaliseIncident(input);
      return db.transaction(async (tx) => {
        const place = await ownContactPoint(tx, actor, fields.contactPointId);
        const id = await repo.insertIncident(tx, actor.organisationId, actor.accountId, fields, { helpRequested: false, detailsPending: false });
        await audit(tx, actor, 'create', 'safety_incident', id, requestId, { type: fields.type });
        const { alerted } = await alert(tx, actor, id, false, fields, place?.name ?? null);
        return { id, alerted };
      });
    },

    /** "I need help now": the alert goes out at once; the report's details follow (completeDetails). */
    async callForHelp(
      actor: Actor,
      input: { contactPointId?: string | null | undefined; placeText?: string | null | undefined },
      requestId?: string,
    ): Promise<{ id: string; alerted: number; mailed: number }> {
      authorise(canReportIncident(actor));
      const contactPointId = trimOrNull(input.contactPointId);
      const placeText = contactPointId ? null : trimOrNull(input.placeText);
      if (!contactPointId && !placeText) throw fieldError('placeText', 'safety.error.placeRequired');
      return db.transaction(async (tx) => {
        const place = await ownContactPoint(tx, actor, contactPointId);
        const fields: IncidentFields = {
          type: null,
          severity: null,
          contactPointId,
          placeText,
          occurredAt: new Date(),
          description: '',
          personsInvolved: null,
        };
        const id = await repo.insertIncident(tx, actor.organisationId, actor.accountId, fields, { helpRequested: true, detailsPending: true });
        await audit(tx, actor, 'create', 'safety_incident', id, requestId, { help: true });
        const { alerted, recipients, placeFor } = await alert(tx, actor, id, true, fields, place?.name ?? null);
        const mailed = await mailIfNobodyConnected(tx, actor, id, recipients, placeFor, fields.occurredAt);
        return { id, alerted, mailed };
      });
    },

    /** The reporter (or a manager) completes the details of a help alert. */
    async completeDetails(actor: Actor, id: string, input: IncidentInput, requestId?: string): Promise<void> {
      const fields = normaliseIncident(input);
      await db.transaction(async (tx) => {
        const { incident, view } = await visibleIncident(tx, actor, id, true);
        authorise(view === 'manager' || incident.reporterAccountId === actor.accountId, 'safety.incident_forbidden');
        if (!incident.detailsPending) throw new AppError(409, 'safety.details_already_given');
        await ownContactPoint(tx, actor, fields.contactPointId);
        await repo.completeIncidentDetails(tx, incident.id, fields);
        await audit(tx, actor, 'update', 'safety_incident', incident.id, requestId, { fields: ['details'] });
      });
    },

    /** One incident as the actor may see it; every read is audited. */
    async get(actor: Actor, id: string, requestId?: string): Promise<IncidentDetail> {
      const { incident, view } = await visibleIncident(db, actor, id);
      const actions = await repo.listActions(db, incident.id);
      await audit(db, actor, 'read', 'safety_incident', incident.id, requestId, { view });
      const shown =
        view === 'manager' ? actions : actions.map((action) => ({ ...action, note: null, outcomeNote: null, assigneeName: null, assigneeAccountId: null }));
      const canClose =
        view === 'manager' && incident.status === 'open' && !incident.detailsPending && actions.length > 0 && actions.every((a) => a.status !== 'open');
      return { view, incident, actions: shown, canClose };
    },

    /** The incidents the actor manages (whole organisation, or the contact points they manage). */
    async listManaged(actor: Actor, filter: { status?: 'open' | 'closed' | null } = {}, requestId?: string) {
      const managed = await repo.managedContactPointIds(db, actor.accountId);
      const whole = isSafetyManager(actor, actor.organisationId);
      authorise(whole || managed.length > 0);
      const rows = await repo.listIncidents(db, {
        organisationId: actor.organisationId,
        contactPointIds: whole ? null : managed,
        status: filter.status ?? null,
        limit: 500,
      });
      await audit(db, actor, 'read', 'safety_incident_list', null, requestId, { count: rows.length });
      return rows;
    },

    /** The incidents the actor reported. */
    async listOwn(actor: Actor) {
      return repo.listIncidents(db, { organisationId: actor.organisationId, contactPointIds: null, reporterAccountId: actor.accountId, limit: 200 });
    },

    /** Whether the actor manages incidents (menu entries, page sections). */
    async managesIncidents(actor: Actor): Promise<boolean> {
      return isSafetyManager(actor, actor.organisationId) || (await repo.managedContactPointIds(db, actor.accountId)).length > 0;
    },

    async addAction(actor: Actor, incidentId: string, input: ActionInput, requestId?: string): Promise<string> {
      return db.transaction(async (tx) => {
        const { incident, view } = await visibleIncident(tx, actor, incidentId, true);
        requireManagerView(view);
        if (incident.status !== 'open') throw new AppError(409, 'safety.incident_closed');
        const assignee = trimOrNull(input.assigneeAccountId);
        if (assignee) {
          const accounts = await repo.organisationAccounts(tx, actor.organisationId);
          if (!accounts.some((account) => account.id === assignee)) throw fieldError('assigneeAccountId', 'safety.error.unknownAssignee');
        }
        const dueDate = trimOrNull(input.dueDate);
        if (dueDate && !isCalendarDate(dueDate)) throw fieldError('dueDate', 'validation.format', { format: 'date' });
        const id = await repo.insertAction(
          tx,
          incident.id,
          { kind: input.kind, assigneeAccountId: assignee, dueDate, note: trimOrNull(input.note) },
          actor.accountId,
        );
        await audit(tx, actor, 'update', 'safety_incident', incident.id, requestId, { action: 'add', kind: input.kind });
        return id;
      });
    },

    /** Marks an action done, or waived with a reason (a waiver without reason is refused). */
    async finishAction(
      actor: Actor,
      incidentId: string,
      actionId: string,
      status: 'done' | 'waived',
      note: string | null | undefined,
      requestId?: string,
    ): Promise<void> {
      const outcome = trimOrNull(note);
      if (status === 'waived' && !outcome) throw fieldError('outcomeNote', 'safety.error.waiverReason');
      await db.transaction(async (tx) => {
        const { incident, view } = await visibleIncident(tx, actor, incidentId, true);
        requireManagerView(view);
        if (incident.status !== 'open') throw new AppError(409, 'safety.incident_closed');
        if (!isUuid(actionId)) throw new AppError(404, 'safety.action_not_found');
        const actions = await repo.listActions(tx, incident.id);
        const action = actions.find((a) => a.id === actionId);
        if (!action) throw new AppError(404, 'safety.action_not_found');
        if (!(await repo.finishAction(tx, incident.id, actionId, status, outcome))) throw new AppError(409, 'safety.action_not_open');
        await audit(tx, actor, 'update', 'safety_incident', incident.id, requestId, { action: status, kind: action.kind });
      });
    },

    /** Closes an incident: every follow-up action done or waived, and at least one recorded. */
    async close(actor: Actor, incidentId: string, note: string | null | undefined, requestId?: string): Promise<void> {
      await db.transaction(async (tx) => {
        const { incident, view } = await visibleIncident(tx, actor, incidentId, true);
        requireManagerView(view);
        if (incident.status !== 'open') throw new AppError(409, 'safety.incident_closed');
        if (incident.detailsPending) throw new AppError(409, 'safety.details_pending');
        const actions = await repo.listActions(tx, incident.id);
        if (actions.length === 0) throw new AppError(409, 'safety.no_actions');
        const open = actions.filter((a) => a.status === 'open').length;
        if (open > 0) throw new AppError(409, 'safety.open_actions', { values: { count: open } });
        await repo.closeIncident(tx, incident.id, actor.accountId, trimOrNull(note));
        await audit(tx, actor, 'update', 'safety_incident', incident.id, requestId, { action: 'close' });
      });
    },

    /** Counts per month, type and place for the actor's organisation: no names, no free text. */
    async statistics(actor: Actor, range: { from?: string | undefined; to?: string | undefined } = {}, now: Date = new Date()) {
      const managed = await repo.managedContactPointIds(db, actor.accountId);
      authorise(canViewStatistics(actor, managed));
      const current = brusselsWallClock(now);
      const to = range.to ?? `${current.year}-${String(current.month).padStart(2, '0')}`;
      const from = range.from ?? shiftMonth(to, -11);
      if (from > to) throw fieldError('from', 'safety.error.range');
      if (monthsBetween(from, to).length > 120) throw fieldError('from', 'safety.error.range');
      const rows = await repo.incidentCounts(db, actor.organisationId, from, to);
      return {
        organisationId: actor.organisationId,
        from,
        to,
        rows: rows.map((row) => ({
          month: row.month,
          type: row.type,
          contactPointId: row.contactPointId,
          contactPointName: row.contactPointName,
          count: row.count,
        })),
        total: rows.reduce((sum, row) => sum + row.count, 0),
      };
    },

    // ---- who works where

    /** The contact points an account works at, with its manager flag (console and counter screens). */
    contactPointsOf(accountId: string) {
      return isUuid(accountId) ? repo.contactPointsOfAccount(db, accountId) : Promise.resolve([]);
    },

    /** The staff of a contact point of the actor's organisation. */
    async membersOf(actor: Actor, contactPointId: string) {
      await ownContactPoint(db, actor, contactPointId);
      return (await repo.listMembers(db, actor.organisationId)).filter((member) => member.contactPointId === contactPointId);
    },

    /** The membership screen: the organisation's contact points, their staff, and the accounts to add. */
    async staffOverview(actor: Actor, requestId?: string) {
      authorise(canManageStaff(actor, actor.organisationId));
      const contactPoints = await repo.contactPointsOfOrganisation(db, actor.organisationId);
      const members = await repo.listMembers(db, actor.organisationId);
      const accounts = await repo.organisationAccounts(db, actor.organisationId);
      await audit(db, actor, 'read', 'contact_point_staff', null, requestId, { count: members.length });
      return { contactPoints, members, accounts };
    },

    async setMember(
      actor: Actor,
      input: { contactPointId: string; accountId: string; isManager: boolean },
      requestId?: string,
    ): Promise<'created' | 'updated'> {
      authorise(canManageStaff(actor, actor.organisationId));
      return db.transaction(async (tx) => {
        await ownContactPoint(tx, actor, input.contactPointId);
        const accounts = await repo.organisationAccounts(tx, actor.organisationId);
        if (!isUuid(input.accountId) || !accounts.some((account) => account.id === input.accountId))
          throw fieldError('accountId', 'safety.error.unknownAccount');
        const outcome = await repo.upsertMember(tx, input.contactPointId, input.accountId, input.isManager, actor.accountId);
        await audit(tx, actor, outcome === 'created' ? 'create' : 'update', 'contact_point_staff', `${input.contactPointId}:${input.accountId}`, requestId, {
          isManager: input.isManager,
        });
        return outcome;
      });
    },

    async removeMember(actor: Actor, input: { contactPointId: string; accountId: string }, requestId?: string): Promise<void> {
      authorise(canManageStaff(actor, actor.organisationId));
      await db.transaction(async (tx) => {
        await ownContactPoint(tx, actor, input.contactPointId);
        if (!isUuid(input.accountId) || !(await repo.deleteMember(tx, input.contactPointId, input.accountId)))
          throw new AppError(404, 'safety.member_not_found');
        await audit(tx, actor, 'delete', 'contact_point_staff', `${input.contactPointId}:${input.accountId}`, requestId);
      });
    },

    /** The places the actor can pick in the report form: their own contact points first, then the organisation's. */
    async placesFor(actor: Actor): Promise<Array<{ id: string; name: LocalizedText; mine: boolean }>> {
      const mine = await repo.contactPointsOfAccount(db, actor.accountId);
      const rows = (await repo.contactPointsOfOrganisation(db, actor.organisationId)).filter((point) => point.active).map(({ id, name }) => ({ id, name }));
      const mineIds = new Set(mine.map((m) => m.contactPointId));
      return [
        ...rows.filter((r) => mineIds.has(r.id)).map((r) => ({ ...r, mine: true })),
        ...rows.filter((r) => !mineIds.has(r.id)).map((r) => ({ ...r, mine: false })),
      ];
    },

    /** Active accounts of the actor's organisation (assignees of follow-up actions), for managers. */
    async assignees(actor: Actor) {
      return repo.organisationAccounts(db, actor.organisationId);
    },
  };
}

export type SafetyService = ReturnType<typeof safetyService>;
