// Turning one parsed inbound e-mail into contact-center work. The SMTP listener (server.ts) parses and calls
// this; tests call it too. Rules (see docs/decisions/0009-contact-center.md, "Inbound e-mail"):
//  - the first recipient that is a cc_mailboxes address decides the organisation (and unit);
//  - a Message-ID already received is ignored (accepted, nothing added): senders retry, copies arrive twice;
//  - a subject carrying a reference of a request of the SAME organisation, sent FROM that request's party
//    address, joins the request (a waiting_user request resumes, a closed one reopens);
//  - any other reference (unknown, another organisation, another sender) starts a new request: a bounce would
//    lose the user's message and feed backscatter spam; the staff see the quoted reference in an event note;
//  - attachments: at most MAX_ATTACHMENTS, MAX_ATTACHMENT_BYTES in total (else the mail is refused 552), of
//    the ALLOWED_TYPES (other files are dropped and listed in an event note);
//  - a mail that is auto-submitted (out-of-office, bounces) gets no receipt, so two robots never loop.
import { createHash } from 'node:crypto';
import type { ParsedMail } from 'mailparser';
import type { Database } from '../../platform/db/database.ts';
import type { AuditService } from '../../audit/service.ts';
import { insertAuditEntry } from '../../audit/repository.ts';
import { isLanguage, type Language } from '../../platform/i18n/languages.ts';
import { translator } from '../../platform/i18n/messages.ts';
import { addMessage, createRequest, setStatus, type AttachmentInput, type CoreDeps } from '../requests.ts';
import { findReferenceIn } from '../references.ts';
import * as repo from '../repository.ts';
import { recordContact } from '../contacts.ts';

export const MAX_ATTACHMENTS = 10;
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const ALLOWED_TYPES = new Set([
  'application/pdf',
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/webp',
  'image/heic',
  'text/plain',
  'text/csv',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/msword',
  'application/vnd.ms-excel',
]);

/** A refusal the SMTP listener turns into a reply code. */
export class InboundRefusal extends Error {
  constructor(
    readonly responseCode: number,
    readonly enhanced: string,
    message: string,
    readonly reason: string,
  ) {
    super(`${enhanced} ${message}`);
    this.name = 'InboundRefusal';
  }
}

export type InboundOutcome =
  | { kind: 'created'; requestId: string; reference: string }
  | { kind: 'joined'; requestId: string; reference: string }
  | { kind: 'duplicate' };

export interface InboundMail {
  /** Envelope recipients (RCPT TO). */
  recipients: string[];
  parsed: ParsedMail;
  /** The raw size in bytes (for the audit trail). */
  size: number;
  remoteAddress?: string | undefined;
}

function addressesOf(value: ParsedMail['from'] | ParsedMail['to']): Array<{ address: string; name: string }> {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  return list.flatMap((item) => item.value).flatMap((a) => (a.address ? [{ address: a.address.toLowerCase(), name: a.name ?? '' }] : []));
}

function languageOf(parsed: ParsedMail): Language {
  const header = parsed.headers.get('content-language');
  const value = typeof header === 'string' ? header.slice(0, 2).toLowerCase() : '';
  return isLanguage(value) ? value : 'fr';
}

function bodyOf(parsed: ParsedMail): string {
  const text = parsed.text?.trim() || (typeof parsed.html === 'string' ? parsed.html.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim() : '');
  return (text || '(no text)').slice(0, 100_000);
}

/** Audit entry of a refused or partly refused inbound message (no actor: the sender is outside). */
export async function auditInbound(db: Database, reason: string, details: Record<string, unknown>, organisationId: string | null = null) {
  await insertAuditEntry(db, {
    actorAccountId: null,
    actorOrganisationId: null,
    action: 'denied',
    subjectType: 'inbound_mail',
    subjectId: null,
    organisationId,
    requestId: null,
    details: { reason, ...details },
  }).catch(() => undefined);
}

export function receiveMailFactory(db: Database, { deps }: { deps: CoreDeps; audit: AuditService }) {
  return async function receiveMail(mail: InboundMail): Promise<InboundOutcome> {
    const { parsed } = mail;
    let mailbox: Awaited<ReturnType<typeof repo.mailboxByAddress>>;
    for (const recipient of mail.recipients) {
      mailbox = await repo.mailboxByAddress(db, recipient.trim().toLowerCase());
      if (mailbox) break;
    }
    if (!mailbox) throw new InboundRefusal(550, '5.1.1', 'No such mailbox here', 'unknown_mailbox');
    const sender = addressesOf(parsed.from)[0];
    if (!sender || !/^[^\s@]{1,64}@[^\s@]{1,190}$/.test(sender.address)) {
      await auditInbound(db, 'malformed', { detail: 'no sender address', size: mail.size }, mailbox.organisationId);
      throw new InboundRefusal(550, '5.6.0', 'The message has no valid From address', 'malformed');
    }

    const kept: AttachmentInput[] = [];
    const dropped: string[] = [];
    let total = 0;
    for (const attachment of parsed.attachments ?? []) {
      const type = (attachment.contentType || 'application/octet-stream').toLowerCase().split(';')[0]!.trim();
      const filename = (attachment.filename || 'attachment').replace(/[\r\n\\/]/g, '_').slice(0, 255);
      total += attachment.size ?? attachment.content.byteLength;
      if (!ALLOWED_TYPES.has(type)) {
        dropped.push(`${filename} (${type})`);
        continue;
      }
      kept.push({ filename, contentType: type, content: attachment.content });
    }
    if (kept.length > MAX_ATTACHMENTS || total > MAX_ATTACHMENT_BYTES) {
      await auditInbound(db, 'attachments_too_large', { count: kept.length, bytes: total }, mailbox.organisationId);
      throw new InboundRefusal(552, '5.3.4', `Attachments exceed the limits (${MAX_ATTACHMENTS} files, ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB in total)`, 'attachments_too_large');
    }
    if (dropped.length) await auditInbound(db, 'attachment_type_refused', { dropped }, mailbox.organisationId);

    // A Message-ID identifies the message; without one, the content does.
    const messageId = (parsed.messageId?.trim() || `<sha256-${createHash('sha256').update(`${sender.address}\n${parsed.subject ?? ''}\n${bodyOf(parsed)}`).digest('hex')}@irisdesk.invalid>`).slice(0, 998);
    const subject = (parsed.subject ?? '').replace(/\s+/g, ' ').trim();
    const autoSubmitted = String(parsed.headers.get('auto-submitted') ?? 'no').toLowerCase() !== 'no';
    const language = languageOf(parsed);
    const body = bodyOf(parsed);
    const t = translator(language);
    const droppedNote = dropped.length ? t('contact.event.attachments_dropped', { files: dropped.join(', ') }) : null;
    const target = mailbox;

    return db.transaction(async (tx): Promise<InboundOutcome> => {
      if (!(await repo.claimInboundMessageId(tx, messageId))) return { kind: 'duplicate' };
      const quoted = findReferenceIn(subject);
      const existing = quoted ? await repo.getRequestByReference(tx, quoted, { forUpdate: true }) : undefined;
      let joinable = false;
      if (existing && existing.organisationId === target.organisationId) {
        const party = await repo.findPartyById(tx, existing.organisationId, existing.partyId);
        joinable = party?.email === sender.address;
      }
      if (existing && joinable) {
        const now = new Date();
        if (existing.status === 'closed') await setStatus(tx, existing.id, 'open', { now });
        await addMessage(tx, existing.id, { kind: 'inbound', channel: 'email', body, mailMessageId: messageId, attachments: kept, at: now });
        if (droppedNote) await addMessage(tx, existing.id, { kind: 'event', body: droppedNote, at: now });
        await recordContact(tx, {
          organisationId: existing.organisationId,
          channel: 'email',
          requestId: existing.id,
          partyId: existing.partyId,
          serviceCode: existing.serviceCode,
          language: isLanguage(existing.language) ? existing.language : language,
          startedAt: now,
          endedAt: now,
          source: { kind: 'request', id: existing.id },
        });
        await repo.setInboundRequest(tx, messageId, existing.id);
        return { kind: 'joined', requestId: existing.id, reference: existing.reference };
      }
      const created = await createRequest(
        tx,
        {
          organisationId: target.organisationId,
          unitId: target.unitId,
          channel: 'email',
          language,
          subject: subject || body.split('\n')[0]!.slice(0, 120),
          message: body,
          party: { name: sender.name || sender.address, email: sender.address, language },
          attachments: kept,
          mailMessageId: messageId,
          sendReceipt: !autoSubmitted,
        },
        deps,
      );
      if (quoted) {
        await addMessage(tx, created.id, { kind: 'event', body: t('contact.event.reference_not_joined', { reference: quoted }) });
      }
      if (droppedNote) await addMessage(tx, created.id, { kind: 'event', body: droppedNote });
      await repo.setInboundRequest(tx, messageId, created.id);
      return { kind: 'created', requestId: created.id, reference: created.reference };
    });
  };
}
