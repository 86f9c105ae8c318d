// Outgoing e-mail. send() stores the message and, with a mail server configured (SMTP_URL), queues a
// mail.send job in the same transaction: nothing is lost when the server is down, the job waits and is
// retried. Without SMTP_URL (development, demo) the message is captured at once: kept in the database and
// readable by platform administrators at /{lang}/admin/mail — never silently dropped.
// Logs carry message ids and statuses only, never addresses, subjects or bodies.
import { randomUUID } from 'node:crypto';
import type { Config } from '../../config.ts';
import type { Database, Queryable } from '../db/database.ts';
import type { Language } from '../i18n/languages.ts';
import { AppError } from '../http/errors.ts';
import type { Actor } from '../../identity/actor.ts';
import type { AuditService } from '../../audit/service.ts';
import { enqueueManySql, jobStatistics } from '../jobs/queue.ts';
import { PermanentJobError, type JobRegistry } from '../jobs/registry.ts';
import { describeJobError } from '../jobs/worker.ts';
import { canReadOutgoingMail } from './authorisation.ts';
import {
  getMail,
  insertMail,
  listMail,
  mailStatistics,
  markMailCaptured,
  markMailSent,
  purgeOldMail,
  recordMailFailure,
  type MailStatus,
  type StoredAttachment,
} from './repository.ts';
import { eraseMail, mailOfPerson } from './repository.ts';
import { createSmtpTransport, isPermanentSmtpError, type MailTransport } from './transport.ts';
import { isUuid } from '../http/schemas.ts';
import { authorise } from '../../identity/guards.ts';

/**
 * The privacy service's check of a platform administrator's reach into an organisation's citizens' data (decision
 * 0049): `readable` keeps a list's rows, `require` refuses one message (403) without a live support access.
 */
export interface CitizenDataAccess {
  readable?: (organisationId: string | null) => boolean;
  require?: (organisationId: string | null) => Promise<void>;
}

export type { MailStatistics } from './repository.ts';

export const MAIL_SEND_JOB = 'mail.send';
/** With the worker's default backoff (10 s doubling to 1 h) this keeps trying for about 17 hours. */
export const MAIL_MAX_ATTEMPTS = 25;
export const MAX_ATTACHMENTS = 10;
export const MAX_ATTACHMENTS_BYTES = 10 * 1024 * 1024;

export interface MailAttachment {
  filename: string;
  /** e.g. "text/calendar; method=REQUEST" for an .ics invitation */
  contentType: string;
  /** Text (sent as UTF-8) or bytes. */
  content: string | Uint8Array;
}

export interface OutgoingMail {
  to: string | string[];
  cc?: string[];
  subject: string;
  text: string;
  html?: string;
  attachments?: MailAttachment[];
  /** The language the message is written in (Content-Language). */
  language: Language;
  /** What the message is for, for statistics and the back office: "contact.receipt", "appointment.reminder". */
  purpose?: string;
  /** The organisation on whose behalf it is sent. */
  organisationId?: string | null;
  /** Display name shown with the platform's sender address, e.g. "Commune de Schaerbeek via IrisDesk". */
  fromName?: string;
  replyTo?: string;
  /** Message-ID (with angle brackets) this message answers, for threading replies. */
  inReplyTo?: string;
  references?: string[];
  /** Extra headers: X-…, Auto-Submitted, List-Unsubscribe only. */
  headers?: Record<string, string>;
}

export interface SentMail {
  id: string;
  /** The RFC 5322 Message-ID, with angle brackets; replies carry it in In-Reply-To. */
  messageId: string;
  status: 'queued' | 'captured';
}

const ADDRESS = /^[^\s<>@",;()[\]\\]{1,64}@[^\s<>@",;()[\]\\]{1,190}$/;
const HEADER_NAME = /^(X-[A-Za-z0-9-]{1,60}|Auto-Submitted|List-Unsubscribe)$/;
const ONE_LINE = /^[^\r\n]*$/;
const PURPOSE = /^[a-z][a-z0-9_.-]{0,99}$/;

export interface MailServiceDeps {
  db: Database;
  config: Pick<Config, 'smtpUrl' | 'mailFrom' | 'mailRetentionDays'>;
  jobs: JobRegistry;
  audit: AuditService;
  /** Replaces the SMTP transport (never used by the tests, which run a real SMTP server). */
  transport?: MailTransport;
}

export function mailService({ db, config, jobs, audit, transport: givenTransport }: MailServiceDeps) {
  const transport = givenTransport ?? (config.smtpUrl ? createSmtpTransport(config.smtpUrl) : undefined);
  const mode: 'smtp' | 'capture' = transport ? 'smtp' : 'capture';
  const senderAddress = addressOf(config.mailFrom);
  const senderDomain = senderAddress.split('@')[1] ?? 'irisdesk.invalid';

  jobs.register<{ mailId: string }>(
    MAIL_SEND_JOB,
    async (payload, job) => {
      const mail = typeof payload?.mailId === 'string' ? await getMail(db, payload.mailId) : undefined;
      if (!mail) {
        // send() queues the job just before storing the message: a job queued outside a transaction may run
        // before the message is stored, so a young job tries again later.
        if (Date.now() - job.createdAt.getTime() < 60_000 && typeof payload?.mailId === 'string') throw new Error('mail message not stored yet');
        throw new PermanentJobError('no such mail message (purged?)');
      }
      if (mail.status === 'sent' || mail.status === 'captured') return;
      if (!transport) {
        // SMTP_URL was removed after the message was queued: keep it readable rather than drop it.
        await markMailCaptured(db, mail.id, job.attempts);
        return;
      }
      try {
        await transport.sendMail({
          from: mail.from_address,
          to: mail.to_addresses,
          cc: mail.cc_addresses.length ? mail.cc_addresses : undefined,
          replyTo: mail.reply_to ?? undefined,
          subject: mail.subject,
          text: mail.text_body ?? '',
          html: mail.html_body ?? undefined,
          messageId: mail.message_id,
          inReplyTo: mail.headers['In-Reply-To'],
          references: mail.headers.References,
          headers: { 'Content-Language': mail.language, ...withoutThreading(mail.headers) },
          attachments: mail.attachments.map((a) => ({
            filename: a.filename,
            contentType: a.contentType,
            content: Buffer.from(a.content ?? '', 'base64'),
          })),
        });
        await markMailSent(db, mail.id, job.attempts);
      } catch (error) {
        const permanent = isPermanentSmtpError(error);
        const description = describeJobError(error);
        await recordMailFailure(db, mail.id, job.attempts, description, permanent || job.isLastAttempt);
        if (permanent) throw new PermanentJobError(description, { cause: error });
        throw error;
      }
    },
    { leaseMs: 2 * 60_000 },
  );

  /** Messages by status and the oldest one waiting, with the job queue by type (mail.send is one of them). */
  async function deliveryStatistics() {
    const [mail, jobs] = await Promise.all([mailStatistics(db), jobStatistics(db)]);
    return { ...mail, jobs };
  }

  return {
    /** "smtp" when SMTP_URL is set, else "capture". */
    mode,

    /** A person's mail records for a data subject request (src/privacy, issue 18). */
    personalData: {
      export: (q: Queryable, organisationId: string | null, email: string) => mailOfPerson(q, organisationId, email),
      erase: (tx: Queryable, ids: string[]) => eraseMail(tx, ids),
    },

    /**
     * Stores a message and queues its delivery. Pass the caller's transaction as `tx` so the message is
     * only sent if the caller's change commits. Refuses malformed addresses and oversize attachments (400).
     */
    async send(mail: OutgoingMail, options: { tx?: Queryable } = {}): Promise<SentMail> {
      const row = prepare(mail, { fromName: mail.fromName, senderAddress, senderDomain, defaultFrom: config.mailFrom });
      const run = async (q: Queryable): Promise<SentMail> => {
        if (mode === 'smtp') {
          // The message and the job that sends it, in one statement (the message id is drawn here).
          const id = randomUUID();
          const job = enqueueManySql('job', [{ type: MAIL_SEND_JOB, payload: { mailId: id }, maxAttempts: MAIL_MAX_ATTEMPTS }], 16);
          await insertMail(q, { ...row, status: 'queued', id }, job);
          return { id, messageId: row.messageId, status: 'queued' };
        }
        const id = await insertMail(q, { ...row, status: 'captured' });
        return { id, messageId: row.messageId, status: 'captured' };
      };
      return options.tx ? run(options.tx) : db.transaction(run);
    },

    /** Delivery status of one message, for the module that sent it (no content). */
    async status(id: string): Promise<{ status: MailStatus; attempts: number; sentAt: Date | null; lastError: string | null } | undefined> {
      const mail = await getMail(db, id);
      return mail && { status: mail.status, attempts: mail.attempts, sentAt: mail.sent_at, lastError: mail.last_error };
    },

    // ---- back office (platform administrators)
    async list(
      actor: Actor,
      filter: { status?: MailStatus | undefined; to?: string | undefined; limit?: number | undefined },
      requestId?: string,
      access: CitizenDataAccess = {},
    ) {
      authorise(canReadOutgoingMail(actor));
      const messages = await listMail(db, {
        status: filter.status ?? null,
        to: filter.to?.trim() || null,
        organisationId: null,
        limit: Math.min(filter.limit ?? 100, 500),
      });
      const shown = access.readable ? messages.filter((message) => access.readable!(message.organisation_id)) : messages;
      await audit.record(actor, 'read', { type: 'mail_messages', id: null, organisationId: null }, requestId, { count: shown.length });
      return { messages: shown, hidden: messages.length - shown.length, statistics: await deliveryStatistics(), mode };
    },

    async get(actor: Actor, id: string, requestId?: string, access: CitizenDataAccess = {}) {
      authorise(canReadOutgoingMail(actor));
      const mail = isUuid(id) ? await getMail(db, id) : undefined;
      if (!mail) throw new AppError(404, 'mail.not_found');
      await access.require?.(mail.organisation_id);
      await audit.record(actor, 'read', { type: 'mail_message', id: mail.id, organisationId: mail.organisation_id }, requestId);
      return mail;
    },

    /** The figures of the mail page, also behind /metrics (no actor: the caller decides who sees them). */
    deliveryStatistics,

    /** Forgets message records older than MAIL_RETENTION_DAYS (housekeeping). */
    purgeExpired: () => purgeOldMail(db, config.mailRetentionDays),
  };
}

export type MailService = ReturnType<typeof mailService>;

function invalid(field: string, code = 'validation.invalid'): AppError {
  return new AppError(400, 'mail.invalid', { fields: [{ field, code }] });
}

function prepare(mail: OutgoingMail, sender: { fromName: string | undefined; senderAddress: string; senderDomain: string; defaultFrom: string }) {
  const to = (Array.isArray(mail.to) ? mail.to : [mail.to]).map((a) => a.trim());
  const cc = (mail.cc ?? []).map((a) => a.trim());
  if (to.length === 0 || to.length + cc.length > 50) throw invalid('to');
  for (const address of to) if (!ADDRESS.test(address)) throw invalid('to', 'validation.invalid');
  for (const address of cc) if (!ADDRESS.test(address)) throw invalid('cc', 'validation.invalid');
  if (mail.replyTo !== undefined && !ADDRESS.test(mail.replyTo)) throw invalid('replyTo', 'validation.invalid');
  if (!mail.subject.trim() || mail.subject.length > 500 || !ONE_LINE.test(mail.subject)) throw invalid('subject');
  if (mail.fromName !== undefined && (!ONE_LINE.test(mail.fromName) || /[<>"]/.test(mail.fromName) || mail.fromName.length > 100)) {
    throw invalid('fromName');
  }
  const purpose = mail.purpose ?? 'other';
  if (!PURPOSE.test(purpose)) throw invalid('purpose');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(mail.headers ?? {})) {
    if (!HEADER_NAME.test(name) || !ONE_LINE.test(value) || value.length > 900) throw invalid('headers');
    headers[name] = value;
  }
  if (mail.inReplyTo !== undefined) {
    if (!/^<[^\s<>]{1,250}>$/.test(mail.inReplyTo)) throw invalid('inReplyTo');
    headers['In-Reply-To'] = mail.inReplyTo;
  }
  if (mail.references?.length) {
    if (mail.references.some((r) => !/^<[^\s<>]{1,250}>$/.test(r)) || mail.references.length > 50) throw invalid('references');
    headers.References = mail.references.join(' ');
  }
  const attachments: StoredAttachment[] = [];
  let total = 0;
  if ((mail.attachments?.length ?? 0) > MAX_ATTACHMENTS) throw new AppError(400, 'mail.too_large');
  for (const attachment of mail.attachments ?? []) {
    if (!attachment.filename || attachment.filename.length > 200 || /[\r\n/\\]/.test(attachment.filename)) throw invalid('attachments');
    if (!/^[a-z]+\/[a-z0-9.+-]+(;[^\r\n]{0,200})?$/i.test(attachment.contentType)) throw invalid('attachments');
    const bytes = typeof attachment.content === 'string' ? Buffer.from(attachment.content, 'utf8') : Buffer.from(attachment.content);
    total += bytes.length;
    attachments.push({ filename: attachment.filename, contentType: attachment.contentType, size: bytes.length, content: bytes.toString('base64') });
  }
  if (total > MAX_ATTACHMENTS_BYTES) throw new AppError(400, 'mail.too_large');
  const from = sender.fromName ? `"${sender.fromName}" <${sender.senderAddress}>` : sender.defaultFrom;
  return {
    organisationId: mail.organisationId ?? null,
    purpose,
    language: mail.language,
    messageId: `<${randomUUID()}@${sender.senderDomain}>`,
    from,
    replyTo: mail.replyTo ?? null,
    to,
    cc,
    subject: mail.subject,
    text: mail.text,
    html: mail.html ?? null,
    attachments,
    headers,
  };
}

function addressOf(from: string): string {
  const match = /<([^<>]+)>\s*$/.exec(from);
  return (match ? match[1]! : from).trim();
}

function withoutThreading(headers: Record<string, string>): Record<string, string> {
  const { 'In-Reply-To': _inReplyTo, References: _references, ...rest } = headers;
  return rest;
}
