// Data protection (issue 18, decisions 0048 and 0049): data subject requests (access and erasure) across the
// modules that hold a person's data, the retention schedule applied by the `privacy.retention` job, the
// organisation's privacy settings and the platform administrators' support access.
import { createHash, createHmac } from 'node:crypto';
import type { Database, Queryable } from '../platform/db/database.ts';
import type { Actor } from '../identity/actor.ts';
import type { Config } from '../config.ts';
import type { JobRegistry } from '../platform/jobs/registry.ts';
import { enqueue } from '../platform/jobs/queue.ts';
import { AppError } from '../platform/http/errors.ts';
import { authorise } from '../identity/guards.ts';
import { recordAudit, recordAuditEntry, type AuditService } from '../audit/service.ts';
import type { Language } from '../platform/i18n/languages.ts';
import { canHandlePrivacyOf, canOpenSupportAccess, needsSupportAccess, privacyScope } from './authorisation.ts';
import { effectivePeriods, retentionRule, type RetentionCategory } from './retention.ts';
import * as repo from './repository.ts';
import { maskPersonalData } from './detector.ts';
import { translator } from '../platform/i18n/messages.ts';
import { normalisePhoneNumber } from '../platform/sms/phone.ts';
import { personRequests, type PersonRequests } from './self-service.ts';

/** A request in an export (dates are strings once the export is read back from the database). */
export interface ExportedRequest {
  id: string;
  reference: string;
  subject: string;
  status: string;
  createdAt: Date | string;
}

/** A module whose personal data hangs on requests and appointments (feedback comments, survey free texts). */
interface SourceSeam {
  export(q: Queryable, sourceIds: string[]): Promise<unknown[]>;
  erase(tx: Queryable, sourceIds: string[]): Promise<number>;
  eraseBefore(tx: Queryable, organisationId: string, days: number): Promise<number>;
}

/** The other modules' personal-data seams this module calls (each module's SQL stays in its repository). */
export interface PrivacyDeps {
  config: Pick<Config, 'sessionSecret' | 'publicUrl' | 'mailRetentionDays' | 'safetyRetentionYears'>;
  jobs: JobRegistry;
  audit: AuditService;
  contactCenter: {
    personalData: {
      parties(q: Queryable, organisationId: string | null, email: string, phone: string | null): Promise<string[]>;
      export(q: Queryable, partyIds: string[]): Promise<{ parties: unknown[]; requests: ExportedRequest[]; contacts: unknown[] }>;
      erase(tx: Queryable, partyIds: string[]): Promise<{ requestIds: string[]; counts: Record<string, number> }>;
      eraseClosedBefore(tx: Queryable, organisationId: string, days: number): Promise<number>;
    };
  };
  appointments: {
    personalData: {
      export(
        q: Queryable,
        organisationId: string | null,
        email: string,
        phone: string | null,
      ): Promise<{ appointments: Array<{ id: string }>; waitingList: unknown[] }>;
      erase(tx: Queryable, ids: string[], organisationId: string | null, email: string, phone: string | null): Promise<Record<string, number>>;
      eraseBefore(tx: Queryable, organisationId: string, days: number): Promise<number>;
    };
  };
  satisfaction: { personalData: SourceSeam };
  /** Chats converted into the person's requests (src/chat/personal-data.ts). */
  chat: {
    personalData: {
      export(q: Queryable, requestIds: string[]): Promise<Array<{ id: string }>>;
      erase(tx: Queryable, chatIds: string[]): Promise<number>;
      eraseEndedBefore(tx: Queryable, organisationId: string, days: number): Promise<number>;
    };
  };
  /** Queue tickets of the person's appointments or phone number (src/queues/personal-data.ts). */
  queues: {
    personalData: {
      export(q: Queryable, organisationId: string | null, appointmentIds: string[], phone: string | null, email: string | null): Promise<Array<{ id: string }>>;
      erase(tx: Queryable, ticketIds: string[]): Promise<number>;
    };
  };
  /** Records of e-mails received for the person's requests (src/contactcenter/inbound-mail/personal-data.ts). */
  inboundMail: {
    personalData: { export(q: Queryable, requestIds: string[]): Promise<unknown[]>; erase(tx: Queryable, requestIds: string[]): Promise<number> };
  };
  sms: {
    personalData: {
      export(q: Queryable, organisationId: string | null, phone: string): Promise<Array<{ id: string }>>;
      erase(tx: Queryable, ids: string[]): Promise<number>;
    };
  };
  surveys: { personalData: SourceSeam };
  /** The region's citizen accounts ("my space", src/citizens/personal-data.ts): regional requests only. */
  citizens: {
    personalData: { export(q: Queryable, email: string): Promise<Array<{ id: string }>>; erase(tx: Queryable, email: string): Promise<number> };
  };
  identity: { privacyOfficersOf(organisationId: string | null): Promise<Array<{ email: string; language: Language; displayName: string }>> };
  /** Proof of a person's address for the requests filed on the public page (citizen sign-in's link, decision 0060). */
  addressProof: Parameters<typeof personRequests>[1]['addressProof'];
  mail: {
    send(
      mail: { to: string; subject: string; text: string; language: Language; purpose?: string; organisationId?: string | null },
      options?: { tx?: Queryable },
    ): Promise<unknown>;
    personalData: {
      export(q: Queryable, organisationId: string | null, email: string): Promise<Array<{ id: string }>>;
      erase(tx: Queryable, ids: string[]): Promise<number>;
    };
  };
  organisations: {
    findByCode(code: string): Promise<{ id: string; code: string; name: Record<string, string> } | undefined>;
    findById(id: string): Promise<{ id: string; code: string; name: Record<string, string> } | undefined>;
    listOrganisations(): Promise<Array<{ id: string; code: string }>>;
  };
}

export const SUBJECT_REQUEST_JOB = 'privacy.subject_request';
export const RETENTION_JOB = 'privacy.retention';
/** One retention run per day and chain: its job's unique key names the day it runs for. */
const retentionKey = (day: Date) => `day-${day.toISOString().slice(0, 10)}`;
/** A support access lasts at most this long (decision 0049). */
export const SUPPORT_ACCESS_MAX_MINUTES = 240;

export interface SubjectRequestInput {
  kind: repo.SubjectRequestKind;
  email: string;
  phone?: string | undefined;
  reason?: string | undefined;
  language?: Language | undefined;
  /** A regional DPO names the organisation; absent: every organisation (regional) or the DPO's own. */
  organisationCode?: string | undefined;
}

/** The export of an access request: what IrisDesk holds about the person, by category (JSON, art. 15 and 20). */
export interface SubjectExport {
  subject: { email: string; phone: string | null };
  generatedAt: string;
  organisationId: string | null;
  contactCenter: { parties: unknown[]; requests: ExportedRequest[]; contacts: unknown[] };
  appointments: { appointments: unknown[]; waitingList: unknown[] };
  mail: unknown[];
  /** Absent from exports made before these categories were added. */
  chats?: unknown[];
  queueTickets?: unknown[];
  inboundMail?: unknown[];
  sms?: unknown[];
  /** The citizen account of the address (regional requests only). */
  citizenAccounts?: unknown[];
  feedback: unknown[];
  surveys: unknown[];
  audit: unknown[];
}

export function privacyService(db: Database, deps: PrivacyDeps) {
  const { contactCenter, appointments, mail, audit } = deps;

  /** The same pseudonym for a subject wherever it appears, not reversible without the server's secret. */
  const pseudonym = (subjectId: string) => `erased:${createHmac('sha256', deps.config.sessionSecret).update(subjectId).digest('hex').slice(0, 16)}`;

  async function collect(q: Queryable, organisationId: string | null, email: string, phone: string | null) {
    const partyIds = await contactCenter.personalData.parties(q, organisationId, email, phone);
    const cc = partyIds.length ? await contactCenter.personalData.export(q, partyIds) : { parties: [], requests: [], contacts: [] };
    const booked = await appointments.personalData.export(q, organisationId, email, phone);
    const mails = await mail.personalData.export(q, organisationId, email);
    const requestIds = cc.requests.map((request) => request.id);
    const chats = requestIds.length ? await deps.chat.personalData.export(q, requestIds) : [];
    const inboundMail = requestIds.length ? await deps.inboundMail.personalData.export(q, requestIds) : [];
    const number = phone ? (normalisePhoneNumber(phone) ?? null) : null;
    const appointmentIds = booked.appointments.map((appointment) => appointment.id);
    const tickets = await deps.queues.personalData.export(q, organisationId, appointmentIds, number, email);
    const texts = number ? await deps.sms.personalData.export(q, organisationId, number) : [];
    // a citizen account belongs to the region, not to an organisation: only a regional request reaches it
    const citizenAccounts = organisationId === null ? await deps.citizens.personalData.export(q, email) : [];
    const subjectIds = [...partyIds, ...requestIds, ...appointmentIds, ...chats.map((chat) => chat.id), ...citizenAccounts.map((account) => account.id)];
    const entries = subjectIds.length ? await audit.personalData.export(q, subjectIds) : [];
    // Questionnaires answered after the person's requests and appointments (invitations name their source).
    const sourceIds = subjectIds.filter((subjectId) => !partyIds.includes(subjectId));
    const feedback = sourceIds.length ? await deps.satisfaction.personalData.export(q, sourceIds) : [];
    const surveys = sourceIds.length ? await deps.surveys.personalData.export(q, sourceIds) : [];
    return { partyIds, cc, booked, mails, chats, inboundMail, tickets, texts, citizenAccounts, requestIds, subjectIds, sourceIds, entries, feedback, surveys };
  }

  /** Runs a pending request once (the job and the API call both come here; the row lock makes it once). */
  async function process(id: string): Promise<void> {
    await db.transaction(async (tx) => {
      const request = await repo.findSubjectRequest(tx, id, { forUpdate: true });
      // a rectification is made by the DPO in the modules' own screens: there is nothing to run
      if (!request || request.status !== 'pending' || !request.email || request.kind === 'rectification') return;
      const found = await collect(tx, request.organisationId, request.email, request.phone);
      if (request.kind === 'access' || request.kind === 'portability') {
        const result: SubjectExport = {
          subject: { email: request.email, phone: request.phone },
          generatedAt: new Date().toISOString(),
          organisationId: request.organisationId,
          contactCenter: found.cc,
          appointments: found.booked,
          mail: found.mails,
          chats: found.chats,
          queueTickets: found.tickets,
          inboundMail: found.inboundMail,
          sms: found.texts,
          citizenAccounts: found.citizenAccounts,
          feedback: found.feedback,
          surveys: found.surveys,
          audit: found.entries.map((entry) => ({ at: entry.at, action: entry.action, subjectType: entry.subject_type, actor: entry.actor_name })),
        };
        const summary = {
          requests: found.cc.requests.length,
          contacts: found.cc.contacts.length,
          appointments: found.booked.appointments.length,
          mail: found.mails.length,
          chats: found.chats.length,
          tickets: found.tickets.length,
          inboundMail: found.inboundMail.length,
          sms: found.texts.length,
          citizenAccounts: found.citizenAccounts.length,
          feedback: found.feedback.length,
          surveys: found.surveys.length,
          audit: found.entries.length,
        };
        await repo.completeSubjectRequest(tx, id, { export: result, summary, forget: false });
        return;
      }
      const erased = found.partyIds.length ? await contactCenter.personalData.erase(tx, found.partyIds) : { requestIds: [], counts: {} };
      const booked = await appointments.personalData.erase(
        tx,
        found.booked.appointments.map((appointment) => appointment.id),
        request.organisationId,
        request.email,
        request.phone,
      );
      const mails = await mail.personalData.erase(
        tx,
        found.mails.map((message) => message.id),
      );
      const chats = await deps.chat.personalData.erase(
        tx,
        found.chats.map((chat) => chat.id),
      );
      const tickets = await deps.queues.personalData.erase(
        tx,
        found.tickets.map((ticket) => ticket.id),
      );
      const inboundMail = found.requestIds.length ? await deps.inboundMail.personalData.erase(tx, found.requestIds) : 0;
      const sms = await deps.sms.personalData.erase(
        tx,
        found.texts.map((text) => text.id),
      );
      const citizenAccounts = found.citizenAccounts.length ? await deps.citizens.personalData.erase(tx, request.email) : 0;
      const feedback = found.sourceIds.length ? await deps.satisfaction.personalData.erase(tx, found.sourceIds) : 0;
      const surveys = found.sourceIds.length ? await deps.surveys.personalData.erase(tx, found.sourceIds) : 0;
      const pseudonymised = await audit.personalData.pseudonymise(tx, new Map(found.subjectIds.map((subjectId) => [subjectId, pseudonym(subjectId)])));
      const summary = {
        ...erased.counts,
        ...booked,
        mail: mails,
        chats,
        tickets,
        inboundMail,
        sms,
        citizenAccounts,
        feedback,
        surveys,
        auditEntries: pseudonymised,
      };
      // a request the person filed keeps the address until the DPO's answer is sent to it
      await repo.completeSubjectRequest(tx, id, { export: null, summary, forget: request.source === 'officer' });
      // Who, when, why and which categories: never whom (the request's id stands for the person).
      await recordAuditEntry(tx, {
        actorAccountId: request.requestedBy,
        actorOrganisationId: request.organisationId,
        action: 'delete',
        subjectType: 'privacy_subject_request',
        subjectId: id,
        organisationId: request.organisationId,
        requestId: null,
        details: {
          kind: 'erasure',
          reason: request.reason,
          categories: Object.keys(summary).filter((key) => (summary as Record<string, number>)[key]! > 0),
          counts: summary,
        },
      });
    });
  }

  deps.jobs.register<{ id: string }>(SUBJECT_REQUEST_JOB, async ({ id }) => {
    await process(id);
  });

  /** Applies the retention schedule to every organisation; returns what it erased or deleted, per category. */
  async function applyRetention(): Promise<Record<string, number>> {
    const totals: Record<string, number> = {};
    const add = (category: string, count: number) => (totals[category] = (totals[category] ?? 0) + count);
    const choices = await repo.allRetentionChoices(db);
    for (const organisation of await deps.organisations.listOrganisations()) {
      const chosen = new Map(choices.filter((choice) => choice.organisationId === organisation.id).map((choice) => [choice.category, choice.days]));
      const periods = new Map(effectivePeriods(chosen).map((rule) => [rule.category, rule.days]));
      await db.transaction(async (tx) => {
        add('contact_requests', await contactCenter.personalData.eraseClosedBefore(tx, organisation.id, periods.get('contact_requests')!));
        add('chat_transcripts', await deps.chat.personalData.eraseEndedBefore(tx, organisation.id, periods.get('chat_transcripts')!));
        add('appointments', await appointments.personalData.eraseBefore(tx, organisation.id, periods.get('appointments')!));
        add('feedback_comments', await deps.satisfaction.personalData.eraseBefore(tx, organisation.id, periods.get('feedback_comments')!));
        add('survey_free_texts', await deps.surveys.personalData.eraseBefore(tx, organisation.id, periods.get('survey_free_texts')!));
        add('audit_log', await audit.personalData.purgeBefore(tx, organisation.id, periods.get('audit_log')!));
      });
    }
    add('subject_request_exports', await repo.purgeExports(db, retentionRule('subject_request_exports')!.defaultDays));
    return totals;
  }

  deps.jobs.register(RETENTION_JOB, async () => {
    await applyRetention();
    // The next run tomorrow, keyed by its day: the key of the run in progress is still taken (the queue keeps
    // one queued or running job per key), so a key shared by every run would make this a no-op, and retention
    // would only run again when an instance starts. Instances starting the same day enqueue the same key.
    const next = new Date(Date.now() + 24 * 3600_000);
    await enqueue(db, RETENTION_JOB, {}, { uniqueKey: retentionKey(next), runAt: next });
  });

  const hasSupportAccess = (actor: Actor, organisationId: string) => repo.hasLiveSupportAccess(db, actor.accountId, organisationId);

  async function organisationOf(actor: Actor, code: string | undefined): Promise<string | null> {
    if (!code) return privacyScope(actor);
    const organisation = await deps.organisations.findByCode(code);
    if (!organisation) throw new AppError(404, 'organisation.not_found');
    return organisation.id;
  }

  /** The requests persons file themselves on the public page (decision 0060). */
  const selfService: PersonRequests = personRequests(db, {
    config: deps.config,
    jobName: SUBJECT_REQUEST_JOB,
    run: process,
    addressProof: deps.addressProof,
    identity: deps.identity,
    organisations: deps.organisations,
    mail,
  });

  return {
    selfService,

    /** Starts a subject request and runs it at once; the job finishes it if this attempt fails. */
    async createSubjectRequest(actor: Actor, input: SubjectRequestInput, requestId?: string) {
      const organisationId = await organisationOf(actor, input.organisationCode);
      authorise(canHandlePrivacyOf(actor, organisationId));
      const email = input.email.trim().toLowerCase();
      const id = await db.transaction(async (tx) => {
        const created = await repo.insertSubjectRequest(tx, {
          organisationId,
          kind: input.kind,
          email,
          emailHash: createHash('sha256').update(email).digest('hex'),
          phone: input.phone?.trim() || null,
          reason: input.reason?.trim() || null,
          language: input.language ?? 'fr',
          requestedBy: actor.accountId,
        });
        await enqueue(tx, SUBJECT_REQUEST_JOB, { id: created }, { runAt: new Date(Date.now() + 60_000) });
        await recordAudit(tx, actor, 'create', { type: 'privacy_subject_request', id: created, organisationId }, requestId, { kind: input.kind });
        return created;
      });
      try {
        await process(id);
      } catch {
        // Left pending: the job runs it again in a minute.
      }
      return (await repo.findSubjectRequest(db, id))!;
    },

    async getSubjectRequest(actor: Actor, id: string, requestId?: string) {
      const request = await repo.findSubjectRequest(db, id);
      if (!request || !canHandlePrivacyOf(actor, request.organisationId)) throw new AppError(404, 'privacy.request_not_found');
      if (request.export) await recordAudit(db, actor, 'read', { type: 'privacy_subject_request', id, organisationId: request.organisationId }, requestId);
      return request;
    },

    listSubjectRequests: (actor: Actor) => repo.listSubjectRequests(db, privacyScope(actor)),

    /** The organisation's retention periods (defaults and its choices) with the modules' own settings. */
    async retentionOf(organisationId: string) {
      const periods = effectivePeriods(await repo.retentionChoices(db, organisationId));
      return periods.map((rule) =>
        rule.category === 'mail_records'
          ? { ...rule, days: deps.config.mailRetentionDays, chosen: false }
          : rule.category === 'safety_reports'
            ? { ...rule, days: deps.config.safetyRetentionYears * 365, chosen: false }
            : rule,
      );
    },

    async setRetention(actor: Actor, organisationId: string, category: RetentionCategory, days: number | null, requestId?: string) {
      authorise(canHandlePrivacyOf(actor, organisationId));
      const rule = retentionRule(category);
      if (!rule || rule.appliedBy !== 'privacy') throw new AppError(400, 'privacy.category_unknown');
      if (days !== null && (days < rule.minDays || days > rule.maxDays)) {
        throw new AppError(400, 'validation.failed', { fields: [{ field: 'days', code: 'privacy.daysOutOfBounds' }] });
      }
      await db.transaction(async (tx) => {
        await repo.saveRetentionChoice(tx, organisationId, category, days, actor.accountId);
        await recordAudit(tx, actor, 'update', { type: 'privacy_retention', id: category, organisationId }, requestId, { days });
      });
    },

    applyRetention,

    /** Schedules the daily retention run (idempotent: one waiting job across instances). */
    scheduleRetention: () => enqueue(db, RETENTION_JOB, {}, { uniqueKey: retentionKey(new Date()) }),

    settingsOf: (organisationId: string) => repo.privacySettings(db, organisationId),

    async saveSettings(actor: Actor, organisationId: string, settings: repo.PrivacySettingsRow, requestId?: string) {
      authorise(canHandlePrivacyOf(actor, organisationId));
      await db.transaction(async (tx) => {
        await repo.savePrivacySettings(tx, organisationId, settings, actor.accountId);
        await recordAudit(tx, actor, 'update', { type: 'privacy_settings', id: organisationId, organisationId }, requestId, {
          releaseFreeText: settings.releaseFreeText,
        });
      });
    },

    /** The organisations that released their users' free texts to the regional analysts (masked). */
    releasedOrganisations: () => repo.releasedOrganisations(db),

    /**
     * For an aggregate role's view (the regional analyst): a function that gives a user's free text masked by the
     * detector when its organisation released it, and null otherwise (the view then shows no text at all). A text
     * of no organisation (a regional survey answered through its public link: the region's own collection) is
     * always masked.
     */
    async regionalTextFilter(lang: Language): Promise<(organisationId: string | null, text: string | null) => string | null> {
      const released = new Set(await repo.releasedOrganisations(db));
      return (organisationId, text) => (text && (organisationId === null || released.has(organisationId)) ? maskPersonalData(text, lang) : null);
    },

    async openSupportAccess(actor: Actor, input: { organisationCode: string; reason: string; minutes: number }, requestId?: string) {
      authorise(canOpenSupportAccess(actor));
      const organisation = await deps.organisations.findByCode(input.organisationCode);
      if (!organisation) throw new AppError(404, 'organisation.not_found');
      const minutes = Math.min(Math.max(input.minutes, 5), SUPPORT_ACCESS_MAX_MINUTES);
      // Read before the transaction: on PGlite a read outside it would wait for it to end.
      const officers = await deps.identity.privacyOfficersOf(organisation.id);
      return db.transaction(async (tx) => {
        const access = await repo.insertSupportAccess(tx, {
          organisationId: organisation.id,
          accountId: actor.accountId,
          reason: input.reason.trim(),
          minutes,
        });
        await recordAudit(tx, actor, 'create', { type: 'privacy_support_access', id: access.id, organisationId: organisation.id }, requestId, {
          reason: access.reason,
          minutes,
        });
        // The organisation's DPOs (and the regional ones) are told at once, in their language, in this transaction.
        for (const officer of officers) {
          const t = translator(officer.language);
          await mail.send(
            {
              to: officer.email,
              language: officer.language,
              purpose: 'privacy.support_access',
              organisationId: organisation.id,
              subject: t('privacy.supportMail.subject', { organisation: organisation.name[officer.language] ?? organisation.code }),
              text: t('privacy.supportMail.body', {
                name: actor.displayName,
                organisation: organisation.name[officer.language] ?? organisation.code,
                reason: access.reason,
                until: access.expiresAt.toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
              }),
            },
            { tx },
          );
        }
        return access;
      });
    },

    closeSupportAccess: (actor: Actor, id: string) => repo.closeSupportAccess(db, id, actor.accountId),

    /** Whether a platform administrator may read this organisation's citizens' data now (a live support access). */
    hasSupportAccess,

    /**
     * For one screen of citizens' data (a message, an agenda): 403 `privacy.support_access_required` when a platform
     * administrator reaches another organisation without a live support access; everyone else passes (their own
     * module's predicates decide).
     */
    async requireCitizenDataAccess(actor: Actor, organisationId: string | null): Promise<void> {
      authorise(!needsSupportAccess(actor, organisationId) || (await hasSupportAccess(actor, organisationId!)), 'privacy.support_access_required');
    },

    /**
     * For a list mixing organisations (outgoing mail, text messages): a predicate that keeps the rows the actor may read,
     * with one query for the administrator's live support accesses.
     */
    async citizenDataFilter(actor: Actor): Promise<(organisationId: string | null) => boolean> {
      const open = new Set(canOpenSupportAccess(actor) ? await repo.liveSupportOrganisations(db, actor.accountId) : []);
      return (organisationId) => !needsSupportAccess(actor, organisationId) || open.has(organisationId!);
    },

    /** Support accesses: a DPO sees those to their organisation (the regional DPO and administrators all). */
    listSupportAccess: (actor: Actor) => repo.listSupportAccess(db, canOpenSupportAccess(actor) ? null : privacyScope(actor)),
  };
}

export type PrivacyService = ReturnType<typeof privacyService>;
