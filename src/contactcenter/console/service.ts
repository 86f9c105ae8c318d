// The rules of the agent console: inboxes with keyset pages, the request view (audited read, marked read), claim and
// assign with optimistic locking, replies (with macros, macros.ts) and notes (with @mentions, mentions.ts), status and
// closing (through the intake core), phone and counter contacts, tasks to a second line of any organisation. Every
// change publishes a small realtime event (ids only) in its transaction: consoles on every instance refresh live.
import { randomUUID } from 'node:crypto';
import type { Database, Queryable } from '../../platform/db/database.ts';
import { AppError } from '../../platform/http/errors.ts';
import type { Actor } from '../../identity/actor.ts';
import { recordAudit, recordReadOnce, type AuditSubject } from '../../audit/service.ts';
import { pickText, type Language, type LocalizedText } from '../../platform/i18n/languages.ts';
import type { MailService } from '../../platform/mail/service.ts';
import type { RealtimeService } from '../../platform/realtime/service.ts';
import { channels } from '../../platform/realtime/channels.ts';
import type { SatisfactionService } from '../../satisfaction/service.ts';
import type { SurveysService } from '../../surveys/service.ts';
import { translator } from '../../platform/i18n/messages.ts';
import type { AcceptedFile } from '../../platform/files/uploads.ts';
import { recordContact } from '../contacts.ts';
import { CONTACT_CHANNELS, type ContactChannel, type ContactOutcome, type RequestStatus, type SlaState, type TaskKind } from '../model.ts';
import * as core from './core.ts';
import * as repo from './repository.ts';
import { canHandleTask, canWorkOnRequest } from './authorisation.ts';
import { builtinTemplates, fillTemplate, MAIL_TEXTS, type ReplyTemplate } from './templates.ts';
import { isUuid } from '../../platform/http/schemas.ts';
import type { EventSink } from '../../integrations/service.ts';
import type { NotificationsService } from '../../notifications/service.ts';
import { markItemRead } from './unread/repository.ts';
import { mentionedColleagues } from './mentions.ts';
import { applyMacro } from './macros.ts';
import type { MacrosService } from './macros/service.ts';

export const PAGE_SIZE = 25;

export interface InboxFilters {
  view: repo.InboxView;
  status: repo.StatusFilter;
  channel: ContactChannel | null;
  serviceCode: string | null;
  slaState: SlaState | null;
  cursor: string | null;
}

export interface InboxPage {
  rows: repo.InboxRow[];
  /** The cursor of the next page, null on the last one. */
  next: string | null;
  filters: InboxFilters;
}

/** Cursor = base64url("<created_at text>|<id>"). A malformed cursor is a 400, not a SQL error. */
export function encodeCursor(row: { cursorAt: string; id: string }): string {
  return Buffer.from(`${row.cursorAt}|${row.id}`).toString('base64url');
}
const CURSOR_TIME = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:\d{2})?|Z)$/;
export function decodeCursor(cursor: string): { createdAt: string; id: string } {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const [createdAt, id] = text.split('|');
  if (!createdAt || !id || !CURSOR_TIME.test(createdAt) || !isUuid(id)) {
    throw new AppError(400, 'console.invalid_cursor', { fields: [{ field: 'cursor', code: 'validation.invalid' }] });
  }
  return { createdAt, id };
}

export interface TaskInput {
  kind: TaskKind;
  toOrganisationCode: string;
  toUnitId: string | null;
  toAccountEmail: string | null;
  question: string;
  callbackPreferences: string | null;
  includeNotes: boolean;
}

export interface ConsoleContactInput {
  partyId: string | null;
  newParty: { name: string; email: string | null; phone: string | null } | null;
  channel: 'phone' | 'counter';
  serviceCode: string | null;
  language: Language;
  startedAt: Date;
  endedAt: Date;
  outcome: ContactOutcome;
  openRequest: { subject: string; body: string } | null;
}

export interface ConsoleDeps {
  mail: MailService;
  realtime: RealtimeService;
  /** The custom-surveys seam: closing may also invite to an open survey of the organisation. */
  surveys: Pick<SurveysService, 'maybeInvite'>;
  /** The satisfaction seam: closing invites to the standard questionnaire. */
  satisfaction: Pick<SatisfactionService, 'createFeedbackInvitation'>;
  publicUrl: string;
  /** Outgoing webhooks (services.integrations): request and task events in the change's transaction. */
  events?: EventSink | undefined;
  /** Notifications inside IrisDesk (mentions, tasks, assignments) in the change's transaction. */
  notifications?: Pick<NotificationsService, 'notify' | 'markReadAbout'> | undefined;
  /** The macros the organisation's managers keep (macros/service.ts), offered with the built-in ones. */
  macros?: Pick<MacrosService, 'offered'> | undefined;
}

export function consoleService(db: Database, deps: ConsoleDeps) {
  const { mail, realtime, surveys, satisfaction, publicUrl } = deps;

  // Who uses the console at all is the role gate of its routes (/{lang}/console, /api/v1/console); the rules
  // here are about one request or task: its organisation (canWorkOnRequest, canHandleTask).

  const audit = (
    q: Queryable,
    actor: Actor,
    action: 'read' | 'update' | 'create' | 'denied',
    subject: AuditSubject,
    requestId?: string,
    details?: Record<string, unknown>,
  ) => recordAudit(q, actor, action, subject, requestId, details);

  /**
   * The request if the actor's organisation owns it. Another organisation's request, an unknown or a
   * malformed id all answer the same 404; a real request of another organisation also writes a 'denied'
   * audit entry (for both organisations' reviewers: the owner's and the actor's).
   */
  async function visibleRequest(actor: Actor, id: string, requestId?: string): Promise<repo.RequestRecord> {
    if (!isUuid(id)) throw new AppError(404, 'console.request_not_found');
    const record = await repo.findRequest(db, id);
    if (!record) throw new AppError(404, 'console.request_not_found');
    if (!canWorkOnRequest(actor, record)) {
      await audit(db, actor, 'denied', { type: 'cc_request', id: record.id, organisationId: record.organisationId }, requestId, {
        reason: 'other_organisation',
      });
      throw new AppError(404, 'console.request_not_found');
    }
    return record;
  }

  /** Publishes "something changed" to the organisation, the unit and the people concerned. */
  async function announce(
    tx: Queryable,
    request: { id: string; reference: string; organisationId: string; unitId: string | null },
    type: string,
    accounts: Array<string | null> = [],
  ) {
    const data = { id: request.id, reference: request.reference };
    await realtime.publish(tx, channels.organisation(request.organisationId), { type, data });
    if (request.unitId) await realtime.publish(tx, channels.unit(request.unitId), { type, data });
    for (const account of new Set(accounts.filter((a): a is string => !!a))) await realtime.publish(tx, channels.account(account), { type, data });
  }

  async function visibleTask(actor: Actor, id: string, requestId?: string): Promise<repo.TaskRow> {
    const task = isUuid(id) ? await repo.findTask(db, id) : undefined;
    if (!task) throw new AppError(404, 'console.task_not_found');
    if (!canHandleTask(actor, task)) {
      await audit(db, actor, 'denied', { type: 'cc_task', id: task.id, organisationId: task.toOrganisationId }, requestId, { reason: 'other_organisation' });
      throw new AppError(404, 'console.task_not_found');
    }
    await audit(db, actor, 'read', { type: 'cc_task', id: task.id, organisationId: task.toOrganisationId }, requestId);
    await opened(actor, task.id);
    return task;
  }

  /** The person opened a request or task: it is read, and so are the notifications about it. */
  async function opened(actor: Actor, itemId: string) {
    await markItemRead(db, actor.accountId, itemId);
    await deps.notifications?.markReadAbout(db, actor, itemId);
  }

  async function inReadyState(tx: Queryable, id: string, actor: Actor, version?: number) {
    const locked = await repo.lockRequest(tx, id);
    if (!locked || locked.organisationId !== actor.organisationId) throw new AppError(404, 'console.request_not_found');
    if (version !== undefined && locked.version !== version) throw new AppError(409, 'console.stale');
    return locked;
  }

  /** Reply templates and macros for a request's language, filled with the party's name and the reference. */
  async function templatesFor(actor: Actor, record: repo.RequestRecord): Promise<ReplyTemplate[]> {
    const [own, macros] = await Promise.all([
      repo.listReplyTemplates(db, actor.organisationId, record.language),
      deps.macros?.offered(actor, record.language) ?? [],
    ]);
    const values = { name: record.partyName, reference: record.reference };
    const mine = own.map((t) => ({ id: t.id, title: t.title, body: t.body }));
    return [...builtinTemplates(record.language), ...macros, ...mine].map((t) => ({
      ...t,
      body: fillTemplate(t.body, values),
    }));
  }

  return {
    /** The live channels a console of this actor listens to. */
    liveChannels(actor: Actor): string[] {
      return [channels.organisation(actor.organisationId), ...actor.unitIds.map(channels.unit), channels.account(actor.accountId)];
    },

    async inbox(actor: Actor, filters: InboxFilters): Promise<InboxPage> {
      const after = filters.cursor ? decodeCursor(filters.cursor) : null;
      const rows = await repo.listInbox(db, {
        organisationId: actor.organisationId,
        view: filters.view,
        accountId: actor.accountId,
        unitIds: actor.unitIds,
        status: filters.status,
        channel: filters.channel,
        serviceCode: filters.serviceCode,
        slaState: filters.slaState,
        after,
        limit: PAGE_SIZE,
      });
      const more = rows.length > PAGE_SIZE;
      const page = rows.slice(0, PAGE_SIZE);
      return { rows: page, next: more ? encodeCursor(page[page.length - 1]!) : null, filters };
    },

    /** The request view: the request, its time line, the party's history in the organisation, tasks. Audited read. */
    async getRequest(actor: Actor, id: string, requestId?: string) {
      const record = await visibleRequest(actor, id, requestId);
      const [messages, history, tasks, colleagues] = await Promise.all([
        repo.listMessages(db, record.id),
        repo.partyHistory(db, record.organisationId, record.partyId, record.id),
        repo.listTasksOfRequest(db, record.id),
        repo.listConsoleColleagues(db, record.organisationId),
      ]);
      // The live refresh reads the page again on every event: one entry per agent and request in 10 minutes.
      await recordReadOnce(db, actor, { type: 'cc_request', id: record.id, organisationId: record.organisationId }, requestId);
      await opened(actor, record.id);
      return { request: record, messages, history, tasks, colleagues };
    },

    /** Assigns the request to the actor; refused when someone changed it meanwhile or already holds it. */
    async claim(actor: Actor, id: string, version: number, requestId?: string): Promise<void> {
      const record = await visibleRequest(actor, id, requestId);
      await db.transaction(async (tx) => {
        const newVersion = await repo.setAssignee(tx, {
          id: record.id,
          organisationId: actor.organisationId,
          version,
          assigneeId: actor.accountId,
          onlyIfUnassignedOr: actor.accountId,
        });
        if (newVersion === null) {
          const now = await repo.lockRequest(tx, record.id);
          if (now?.status === 'closed') throw new AppError(409, 'console.closed');
          if (now?.assigneeId && now.assigneeId !== actor.accountId) throw new AppError(409, 'console.already_assigned');
          throw new AppError(409, 'console.stale');
        }
        await core.addMessageOf(tx, { requestId: record.id, kind: 'event', accountId: actor.accountId, body: eventBody('claimed', { by: actor.displayName }) });
        await audit(tx, actor, 'update', { type: 'cc_request', id: record.id, organisationId: record.organisationId }, requestId, { change: 'claim' });
        await announce(tx, record, 'request.assigned', [actor.accountId, record.assigneeId]);
      });
    },

    /** Assigns to a colleague of the organisation (or unassigns with null), at the version read. */
    async assign(actor: Actor, id: string, version: number, assigneeId: string | null, requestId?: string): Promise<void> {
      const record = await visibleRequest(actor, id, requestId);
      let assigneeName: string | null = null;
      if (assigneeId) {
        const colleague = isUuid(assigneeId) ? await repo.findConsoleAccount(db, assigneeId) : undefined;
        if (!colleague || colleague.organisationId !== actor.organisationId) {
          throw new AppError(400, 'console.invalid_assignee', { fields: [{ field: 'assigneeId', code: 'validation.invalid' }] });
        }
        assigneeName = colleague.displayName;
      }
      await db.transaction(async (tx) => {
        const newVersion = await repo.setAssignee(tx, { id: record.id, organisationId: actor.organisationId, version, assigneeId });
        if (newVersion === null) {
          const now = await repo.lockRequest(tx, record.id);
          throw new AppError(409, now?.status === 'closed' ? 'console.closed' : 'console.stale');
        }
        await core.addMessageOf(tx, {
          requestId: record.id,
          kind: 'event',
          accountId: actor.accountId,
          body: assigneeName ? eventBody('assigned', { by: actor.displayName, to: assigneeName }) : eventBody('unassigned', { by: actor.displayName }),
        });
        await audit(tx, actor, 'update', { type: 'cc_request', id: record.id, organisationId: record.organisationId }, requestId, { change: 'assign' });
        await announce(tx, record, 'request.assigned', [assigneeId, record.assigneeId]);
        if (assigneeId && assigneeId !== actor.accountId) {
          await deps.notifications?.notify(tx, [
            { accountId: assigneeId, kind: 'assigned', requestId: record.id, reference: record.reference, byName: actor.displayName },
          ]);
        }
      });
    },

    templatesFor,

    /**
     * An e-mail reply in the request's language: sent (queued or captured) in the same transaction that
     * stores it as an outbound message and sets the first response. A request without an e-mail address
     * is refused (answer by phone and record the contact instead).
     */
    async reply(actor: Actor, id: string, body: string, requestId?: string, attachments: AcceptedFile[] = [], macroId?: string): Promise<void> {
      const record = await visibleRequest(actor, id, requestId);
      // A macro chosen for this reply (issue 17 item 3): its actions follow the reply, in its transaction.
      const macro = macroId ? (await templatesFor(actor, record)).find((t) => t.id === macroId) : undefined;
      if (!record.partyEmail) throw new AppError(400, 'console.no_email', { fields: [{ field: 'body', code: 'console.noEmail' }] });
      if (record.status === 'closed') throw new AppError(409, 'console.closed');
      const text = body.trim();
      if (!text) throw new AppError(400, 'validation.failed', { fields: [{ field: 'body', code: 'validation.required' }] });
      await db.transaction(async (tx) => {
        await inReadyState(tx, record.id, actor);
        const inReplyTo = await repo.latestMailMessageId(tx, record.id);
        const sent = await mail.send(
          {
            to: record.partyEmail!,
            subject: MAIL_TEXTS[record.language].replySubject(record.reference, record.subject),
            text,
            language: record.language,
            purpose: 'contact.reply',
            organisationId: record.organisationId,
            fromName: `${pickText(record.organisationName, record.language).text} via IrisDesk`.slice(0, 100).replace(/[<>"\r\n]/g, ''),
            ...(inReplyTo ? { inReplyTo, references: [inReplyTo] } : {}),
            // Files already checked and scanned (platform/files/uploads.ts): sent and kept on the message.
            ...(attachments.length ? { attachments } : {}),
          },
          { tx },
        );
        await core.addOutbound(tx, { requestId: record.id, accountId: actor.accountId, body: text, mailMessageId: sent.messageId, attachments });
        if (macro?.actions) await applyMacro(tx, actor, record, macro.actions, { events: deps.events, announce });
        await audit(tx, actor, 'update', { type: 'cc_request', id: record.id, organisationId: record.organisationId }, requestId, { change: 'reply' });
      });
    },

    /** An internal note (never shown to the user nor sent to a second line unless chosen). */
    async note(actor: Actor, id: string, body: string, requestId?: string): Promise<void> {
      const record = await visibleRequest(actor, id, requestId);
      if (record.status === 'closed') throw new AppError(409, 'console.closed');
      const text = body.trim();
      if (!text) throw new AppError(400, 'validation.failed', { fields: [{ field: 'note', code: 'validation.required' }] });
      // @mentions of colleagues of the organisation: each is notified once (never the author).
      const mentioned = mentionedColleagues(text, await repo.listConsoleColleagues(db, record.organisationId)).filter((c) => c.id !== actor.accountId);
      await db.transaction(async (tx) => {
        await inReadyState(tx, record.id, actor);
        await core.addMessageOf(tx, { requestId: record.id, kind: 'note', accountId: actor.accountId, body: text });
        await audit(tx, actor, 'update', { type: 'cc_request', id: record.id, organisationId: record.organisationId }, requestId, {
          change: 'note',
          ...(mentioned.length ? { mentioned: mentioned.length } : {}),
        });
        await deps.notifications?.notify(
          tx,
          mentioned.map((c) => ({ accountId: c.id, kind: 'mention' as const, requestId: record.id, reference: record.reference, byName: actor.displayName })),
        );
      });
    },

    /** A clearer title, written by the agent: also the subject of the e-mails that follow (issue 17 item 3). */
    async setSubject(actor: Actor, id: string, version: number, subject: string, requestId?: string): Promise<void> {
      const record = await visibleRequest(actor, id, requestId);
      const text = subject.replace(/\s+/g, ' ').trim().slice(0, 300);
      if (!text) throw new AppError(400, 'validation.failed', { fields: [{ field: 'subject', code: 'validation.required' }] });
      await db.transaction(async (tx) => {
        if (!(await repo.updateSubject(tx, { id: record.id, organisationId: actor.organisationId, version, subject: text })))
          throw new AppError(409, record.status === 'closed' ? 'console.closed' : 'console.stale');
        await audit(tx, actor, 'update', { type: 'cc_request', id: record.id, organisationId: record.organisationId }, requestId, { change: 'subject' });
        await announce(tx, record, 'request.status');
      });
    },

    /** Changes the status (not to closed: see close). Waiting for the user pauses the SLA clocks. */
    async setStatus(actor: Actor, id: string, version: number, status: Exclude<RequestStatus, 'closed' | 'new'>, requestId?: string): Promise<void> {
      const record = await visibleRequest(actor, id, requestId);
      if (record.status === 'closed') throw new AppError(409, 'console.closed');
      await db.transaction(async (tx) => {
        await inReadyState(tx, record.id, actor, version);
        await core.changeStatus(tx, { requestId: record.id, status, accountId: actor.accountId }, deps.events);
        await audit(tx, actor, 'update', { type: 'cc_request', id: record.id, organisationId: record.organisationId }, requestId, { change: 'status', status });
      });
    },

    /**
     * Closes with an outcome: records the contact, invites to the satisfaction questionnaire and, when the
     * party has an e-mail address, sends the closing mail with the questionnaire link — one transaction.
     * With an e-mail address, an open custom survey of the organisation sampling this channel may also be
     * drawn; its link follows in the same mail (without an address there is no way to send it, and an
     * invitation never sent would only lower the survey's response rate).
     */
    async close(actor: Actor, id: string, version: number, outcome: ContactOutcome, message: string | null, requestId?: string): Promise<void> {
      const record = await visibleRequest(actor, id, requestId);
      if (record.status === 'closed') throw new AppError(409, 'console.closed');
      await db.transaction(async (tx) => {
        await inReadyState(tx, record.id, actor, version);
        const now = new Date();
        await core.changeStatus(tx, { requestId: record.id, status: 'closed', accountId: actor.accountId, outcome }, deps.events);
        await recordContact(tx, {
          organisationId: record.organisationId,
          channel: record.channel,
          direction: 'outbound',
          requestId: record.id,
          partyId: record.partyId,
          serviceCode: record.serviceCode,
          agentAccountId: actor.accountId,
          language: record.language,
          startedAt: now,
          endedAt: now,
          outcome,
          source: { kind: 'request', id: record.id },
        });
        const invitation = await satisfaction.createFeedbackInvitation(tx, {
          organisationId: record.organisationId,
          serviceCode: record.serviceCode,
          channel: record.channel,
          contactAt: now,
          language: record.language,
          source: { kind: 'request', id: record.id },
        });
        if (record.partyEmail) {
          const survey = await surveys.maybeInvite(tx, {
            organisationId: record.organisationId,
            channel: record.channel,
            language: record.language,
            source: { kind: 'request', id: record.id },
          });
          const texts = MAIL_TEXTS[record.language];
          const extra = message?.trim() ? `\n\n${message.trim()}` : '';
          const surveyText = survey ? `\n${translator(record.language)('console.mail.survey')}\n${survey.url}\n` : '';
          const text = `${texts.closedBody(record.partyName, record.reference)}${extra}${texts.feedback(invitation.url)}${surveyText}`;
          const sent = await mail.send(
            {
              to: record.partyEmail,
              subject: texts.closedSubject(record.reference),
              text,
              language: record.language,
              purpose: 'contact.closed',
              organisationId: record.organisationId,
            },
            { tx },
          );
          await core.addMessageOf(tx, { requestId: record.id, kind: 'outbound', accountId: actor.accountId, body: text, mailMessageId: sent.messageId });
        }
        await audit(tx, actor, 'update', { type: 'cc_request', id: record.id, organisationId: record.organisationId }, requestId, { change: 'close', outcome });
      });
    },

    // ---- tasks to a second line

    async routingChoices() {
      const [organisations, units] = await Promise.all([repo.listOrganisations(db), repo.listAllUnits(db)]);
      return { organisations, units };
    },

    /**
     * A question or callback for a unit or a colleague of any organisation. The task carries a snapshot of
     * the request as the first line sees it (notes only if chosen); the user is told by e-mail that the
     * request was passed on, and the request waits for the second line.
     */
    async createTask(actor: Actor, id: string, input: TaskInput, requestId?: string): Promise<string> {
      const record = await visibleRequest(actor, id, requestId);
      if (record.status === 'closed') throw new AppError(409, 'console.closed');
      const fields: Array<{ field: string; code: string }> = [];
      const organisation = await repo.findOrganisationByCode(db, input.toOrganisationCode);
      if (!organisation) fields.push({ field: 'toOrganisation', code: 'validation.invalid' });
      let unit: { id: string; organisationId: string; name: LocalizedText } | undefined;
      if (input.toUnitId) {
        unit = isUuid(input.toUnitId) ? await repo.findUnit(db, input.toUnitId) : undefined;
        if (!unit || (organisation && unit.organisationId !== organisation.id)) fields.push({ field: 'toUnit', code: 'console.unitNotInOrganisation' });
      }
      let colleague: { id: string; organisationId: string; displayName: string } | undefined;
      if (input.toAccountEmail) {
        colleague = await repo.findAccountByEmail(db, input.toAccountEmail);
        if (!colleague || (organisation && colleague.organisationId !== organisation.id))
          fields.push({ field: 'toAccount', code: 'console.accountNotInOrganisation' });
      }
      if (!input.question.trim()) fields.push({ field: 'question', code: 'validation.required' });
      if (input.kind === 'callback' && !input.callbackPreferences?.trim()) fields.push({ field: 'callbackPreferences', code: 'validation.required' });
      if (fields.length) throw new AppError(400, 'validation.failed', { fields });
      const to = organisation!;
      return db.transaction(async (tx) => {
        await inReadyState(tx, record.id, actor);
        const messages = await repo.listMessages(tx, record.id, { withNotes: input.includeNotes });
        const context: repo.TaskContext = {
          reference: record.reference,
          subject: record.subject,
          language: record.language,
          channel: record.channel,
          serviceCode: record.serviceCode,
          status: record.status,
          createdAt: new Date(record.createdAt).toISOString(),
          party: { name: record.partyName, email: record.partyEmail, phone: record.partyPhone, language: record.partyLanguage },
          fromOrganisation: record.organisationName,
          messages: messages.map((m) => ({ kind: m.kind, channel: m.channel, author: m.authorName, body: m.body, at: new Date(m.createdAt).toISOString() })),
        };
        const taskId = await repo.insertTask(tx, {
          requestId: record.id,
          kind: input.kind,
          fromOrganisationId: record.organisationId,
          fromAccountId: actor.accountId,
          toOrganisationId: to.id,
          toUnitId: unit?.id ?? null,
          toAccountId: colleague?.id ?? null,
          question: input.question.trim(),
          callbackPreferences: input.callbackPreferences?.trim() || null,
          context,
        });
        const toName = colleague?.displayName
          ? `${pickText(to.name, record.language).text}`
          : unit
            ? `${pickText(unit.name, record.language).text} (${pickText(to.name, record.language).text})`
            : pickText(to.name, record.language).text;
        await core.addMessageOf(tx, {
          requestId: record.id,
          kind: 'event',
          accountId: actor.accountId,
          body: eventBody(input.kind === 'callback' ? 'callback_requested' : 'task_created', { by: actor.displayName, to: toName }),
        });
        if (record.status !== 'waiting_second_line')
          await core.changeStatus(tx, { requestId: record.id, status: 'waiting_second_line', accountId: actor.accountId }, deps.events);
        if (record.partyEmail) {
          const texts = MAIL_TEXTS[record.language];
          const text =
            input.kind === 'callback'
              ? texts.callbackBody(record.partyName, record.reference, toName)
              : texts.passedBody(record.partyName, record.reference, toName);
          const sent = await mail.send(
            {
              to: record.partyEmail,
              subject: texts.passedSubject(record.reference),
              text,
              language: record.language,
              purpose: 'contact.passed_on',
              organisationId: record.organisationId,
            },
            { tx },
          );
          await core.addMessageOf(tx, { requestId: record.id, kind: 'outbound', accountId: actor.accountId, body: text, mailMessageId: sent.messageId });
        }
        await audit(tx, actor, 'create', { type: 'cc_task', id: taskId, organisationId: record.organisationId }, requestId, {
          toOrganisation: to.code,
          includeNotes: input.includeNotes,
        });
        // Webhooks of both organisations (the one that asks, the one that answers): ids, reference, kind only.
        for (const organisationId of new Set([record.organisationId, to.id])) {
          await deps.events?.emit(tx, organisationId, 'task.created', {
            subject: record.reference,
            data: { taskId, reference: record.reference, kind: input.kind, fromOrganisation: actor.organisationCode, toOrganisation: to.code },
            personal: { question: input.question.trim() },
          });
        }
        const taskEvent = { type: 'task.created', data: { id: taskId } };
        await realtime.publish(tx, channels.organisation(to.id), taskEvent);
        if (unit) await realtime.publish(tx, channels.unit(unit.id), taskEvent);
        if (colleague) await realtime.publish(tx, channels.account(colleague.id), taskEvent);
        if (colleague && colleague.id !== actor.accountId) {
          await deps.notifications?.notify(tx, [{ accountId: colleague.id, kind: 'task', taskId, reference: record.reference, byName: actor.displayName }]);
        }
        return taskId;
      });
    },

    /** The task inbox: tasks routed to the actor's organisation (all, or to me and my units). */
    async tasks(actor: Actor, filter: { mineOnly: boolean; status: 'open' | 'answered' | 'all' }) {
      return repo.listTasksTo(db, { organisationId: actor.organisationId, accountId: actor.accountId, unitIds: actor.unitIds, ...filter });
    },

    /** One task as the receiving back office sees it: the question and the context snapshot only. */
    getTask: visibleTask,

    /** Answers a task: the answer lands in the request's time line (live for the first line). */
    async answerTask(actor: Actor, id: string, version: number, answer: string, requestId?: string): Promise<void> {
      const task = await visibleTask(actor, id, requestId);
      const text = answer.trim();
      if (!text) throw new AppError(400, 'validation.failed', { fields: [{ field: 'answer', code: 'validation.required' }] });
      if (task.status !== 'open') throw new AppError(409, 'console.task_closed');
      await db.transaction(async (tx) => {
        const request = await repo.lockRequest(tx, task.requestId);
        if (!(await repo.answerTask(tx, { id: task.id, version, answer: text, accountId: actor.accountId }))) throw new AppError(409, 'console.stale');
        const toName = pickText(task.toOrganisationName, 'fr').text;
        await core.addMessageOf(tx, {
          requestId: task.requestId,
          kind: 'event',
          accountId: actor.accountId,
          body: eventBody('task_answered', { by: `${actor.displayName} (${toName})`, answer: text }),
        });
        if (request && request.status === 'waiting_second_line' && (await repo.countOpenTasks(tx, task.requestId)) === 0) {
          await core.changeStatus(tx, { requestId: task.requestId, status: 'open', accountId: actor.accountId }, deps.events);
        }
        await audit(tx, actor, 'update', { type: 'cc_task', id: task.id, organisationId: task.toOrganisationId }, requestId, { change: 'answer' });
        const reference = task.context.reference;
        for (const organisationId of new Set([task.fromOrganisationId, task.toOrganisationId])) {
          await deps.events?.emit(tx, organisationId, 'task.answered', {
            subject: reference,
            data: { taskId: task.id, reference },
            personal: { answer: text },
          });
        }
        const data = { id: task.requestId, reference, taskId: task.id };
        await realtime.publish(tx, channels.organisation(task.fromOrganisationId), { type: 'request.task_answered', data });
        if (task.fromAccountId) await realtime.publish(tx, channels.account(task.fromAccountId), { type: 'request.task_answered', data });
        if (request?.assigneeId && request.assigneeId !== task.fromAccountId)
          await realtime.publish(tx, channels.account(request.assigneeId), { type: 'request.task_answered', data });
      });
    },

    // ---- phone and counter

    async searchParties(actor: Actor, query: { name?: string | null; email?: string | null; phone?: string | null }) {
      const name = query.name?.trim() || null;
      const email = query.email?.trim().toLowerCase() || null;
      const phone = normalisePhone(query.phone);
      if (!name && !email && !phone) return [];
      const parties = await repo.searchParties(db, actor.organisationId, { name, email, phone });
      await audit(db, actor, 'read', { type: 'cc_party', id: null, organisationId: actor.organisationId }, undefined, { search: true, count: parties.length });
      return parties;
    },

    /**
     * Records a phone or counter contact for an earlier party of the organisation or a new one, optionally
     * opening a request (through the intake core). Returns the request id when one was opened.
     */
    async recordConsoleContact(actor: Actor, input: ConsoleContactInput, requestId?: string): Promise<{ contactId: string | null; requestId: string | null }> {
      if (input.endedAt < input.startedAt) throw new AppError(400, 'validation.failed', { fields: [{ field: 'endedAt', code: 'console.endBeforeStart' }] });
      let party: { id: string; name: string; email: string | null; phone: string | null } | undefined;
      if (input.partyId) {
        party = isUuid(input.partyId) ? await repo.findParty(db, actor.organisationId, input.partyId) : undefined;
        if (!party) throw new AppError(400, 'validation.failed', { fields: [{ field: 'partyId', code: 'validation.invalid' }] });
      } else if (!input.newParty?.name.trim()) {
        throw new AppError(400, 'validation.failed', { fields: [{ field: 'name', code: 'validation.required' }] });
      }
      return db.transaction(async (tx) => {
        let partyId = party?.id;
        if (!partyId) {
          const fresh = {
            name: input.newParty!.name.trim().slice(0, 200),
            email: input.newParty!.email?.trim().toLowerCase() || null,
            phone: normalisePhone(input.newParty!.phone),
          };
          partyId = await repo.insertParty(tx, actor.organisationId, { ...fresh, language: input.language });
          party = { id: partyId, ...fresh };
        }
        if (input.openRequest) {
          // The core records the contact of a new request itself (with start, end and outcome).
          const openedId = await core.openRequest(
            tx,
            {
              organisationId: actor.organisationId,
              unitId: actor.unitIds[0] ?? null,
              partyId,
              party: party!,
              channel: input.channel,
              language: input.language,
              serviceCode: input.serviceCode,
              subject: input.openRequest.subject,
              body: input.openRequest.body,
              accountId: actor.accountId,
              startedAt: input.startedAt,
              endedAt: input.endedAt,
              outcome: input.outcome,
            },
            { mail, publicUrl, events: deps.events },
          );
          await audit(tx, actor, 'create', { type: 'cc_request', id: openedId, organisationId: actor.organisationId }, requestId, { channel: input.channel });
          return { contactId: null, requestId: openedId };
        }
        const contactId = await recordContact(tx, {
          organisationId: actor.organisationId,
          channel: input.channel,
          direction: 'inbound',
          partyId,
          serviceCode: input.serviceCode,
          agentAccountId: actor.accountId,
          language: input.language,
          startedAt: input.startedAt,
          endedAt: input.endedAt,
          outcome: input.outcome,
          source: { kind: 'console', id: randomUUID() },
        });
        await audit(tx, actor, 'create', { type: 'cc_contact', id: contactId, organisationId: actor.organisationId }, requestId, { channel: input.channel });
        await realtime.publish(tx, channels.organisation(actor.organisationId), { type: 'contact.recorded', data: { id: contactId } });
        return { contactId, requestId: null };
      });
    },

    colleagues: (actor: Actor) => repo.listConsoleColleagues(db, actor.organisationId),
    units: (actor: Actor) => repo.listUnits(db, actor.organisationId),
  };
}

export type ConsoleService = ReturnType<typeof consoleService>;

/** Events in the time line are stored as a small JSON object, rendered in the reader's language. */
export type TimelineEvent = { event: string; by?: string; to?: string; answer?: string };
export function eventBody(event: string, values: Omit<TimelineEvent, 'event'>): string {
  return JSON.stringify({ event, ...values });
}
export function parseEventBody(body: string): TimelineEvent | null {
  if (!body.startsWith('{')) return null;
  try {
    const value = JSON.parse(body) as unknown;
    return value && typeof value === 'object' && typeof (value as TimelineEvent).event === 'string' ? (value as TimelineEvent) : null;
  } catch {
    return null;
  }
}

/** Digits and a leading + only, as cc_parties stores phone numbers; null when nothing usable remains. */
export function normalisePhone(value: string | null | undefined): string | null {
  if (!value) return null;
  const trimmed = value.trim();
  const digits = trimmed.replace(/[^0-9]/g, '');
  if (digits.length < 6 || digits.length > 20) return null;
  return `${trimmed.startsWith('+') ? '+' : ''}${digits}`;
}

export const CONSOLE_CONTACT_CHANNELS = CONTACT_CHANNELS.filter((c): c is 'phone' | 'counter' => c === 'phone' || c === 'counter');
