// Turning one parsed inbound e-mail into contact-center work. The SMTP listener (server.ts) parses and calls
// this; tests call it too. Rules (docs/decisions/0009-contact-center.md "Inbound e-mail", 0026 for trust):
//  - every recipient that is an active, verified cc_mailboxes address gets the message, in its organisation
//    (and unit); one transaction for all, so 250 means every one of them stored it;
//  - a Message-ID the same mailbox already received is ignored (accepted, nothing added): senders retry,
//    copies arrive twice; another mailbox receiving the same Message-ID is not a duplicate;
//  - at most `perClient` messages per client address and `perSender` per From address in RATE_WINDOW_SECONDS,
//    else 451 (the sending server retries later: nothing acknowledged is dropped);
//  - the From address is checked (SPF/DMARC alignment, sender-check.ts): only a 'pass' gets a receipt and may
//    join an existing request; any other result makes a new request the console shows as unverified;
//  - a subject carrying a reference of a request of the SAME organisation, sent FROM that request's party
//    address by a verified sender, joins the request (a waiting_user request resumes, a closed one reopens);
//  - any other reference (unknown, another organisation, another sender) starts a new request: a bounce would
//    lose the user's message and feed backscatter spam; the staff see the quoted reference in an event note;
//  - attachments: at most MAX_ATTACHMENTS, MAX_ATTACHMENT_BYTES in total (else the mail is refused 552), of
//    an accepted type told by their content (platform/files/content-type.ts; other files are dropped and listed
//    in an event note), scanned by clamd: an infected file is dropped and listed, a scanner that cannot answer
//    makes the whole message wait (451, the sending server retries); without a scanner configured no
//    attachment is kept (listed in an event note; decision 0046);
//  - NUL characters (which PostgreSQL text cannot hold) are removed, so such a message is stored, not refused
//    with 451 at every retry;
//  - a mail that is auto-submitted (out-of-office, bounces) gets no receipt, so two robots never loop.
import { createHash } from 'node:crypto';
import type { ParsedMail } from 'mailparser';
import type { Database } from '../../platform/db/database.ts';
import { recordAuditEntry, type AuditService } from '../../audit/service.ts';
import { isLanguage, type Language } from '../../platform/i18n/languages.ts';
import { translator } from '../../platform/i18n/messages.ts';
import { addMessage, createRequest, setStatus, type AttachmentInput, type CoreDeps } from '../requests.ts';
import { findReferenceIn } from '../references.ts';
import * as repo from '../repository.ts';
import type { InboundMailbox } from '../repository.ts';
import { recordContact } from '../contacts.ts';
import { sendOutOfHoursReply } from '../settings/out-of-hours.ts';
import type { SenderCheck } from './sender-check.ts';
import { describeContent, detectFile } from '../../platform/files/content-type.ts';
import { safeFilename, type UploadChecker } from '../../platform/files/uploads.ts';
import { ScannerUnavailable } from '../../platform/files/scanner.ts';

export const MAX_ATTACHMENTS = 10;
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

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

/** What one recipient mailbox made of the message. */
export type MailboxOutcome = { mailbox: string } & (
  { kind: 'created'; requestId: string; reference: string } | { kind: 'joined'; requestId: string; reference: string } | { kind: 'duplicate' }
);

export interface InboundOutcome {
  /** One per recipient mailbox, in the order of the envelope. */
  results: MailboxOutcome[];
  senderCheck: SenderCheck;
}

export interface InboundMail {
  /** Envelope recipients (RCPT TO). */
  recipients: string[];
  parsed: ParsedMail;
  /** The raw size in bytes (for the audit trail). */
  size: number;
  remoteAddress?: string | undefined;
  /**
   * Checks the From address (SPF/DMARC alignment, sender-check.ts) with the SMTP facts the listener knows;
   * called once the message is within the limits, so that a flood costs no DNS queries.
   */
  checkSender: () => Promise<SenderCheck>;
}

export interface InboundLimits {
  /** Messages per From address per RATE_WINDOW_SECONDS (0: no limit). */
  perSender: number;
  /** Messages per client address per RATE_WINDOW_SECONDS (0: no limit). */
  perClient: number;
}

export const RATE_WINDOW_SECONDS = 600;

/** PostgreSQL text cannot hold NUL: a message carrying one is cleaned, never refused again and again. */
const withoutNul = (text: string) => text.replaceAll('\u0000', '');
/** One line of text: no control characters at all (NUL, line breaks, C1 controls…). */
const oneLine = (text: string) => text.replace(/\p{Cc}+/gu, ' ');

function addressesOf(value: ParsedMail['from'] | ParsedMail['to']): Array<{ address: string; name: string }> {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  return list
    .flatMap((item) => item.value)
    .flatMap((a) => (a.address ? [{ address: oneLine(a.address).trim().toLowerCase(), name: oneLine(a.name ?? '').trim() }] : []));
}

function languageOf(parsed: ParsedMail): Language {
  const header = parsed.headers.get('content-language');
  const value = typeof header === 'string' ? header.slice(0, 2).toLowerCase() : '';
  return isLanguage(value) ? value : 'fr';
}

function bodyOf(parsed: ParsedMail): string {
  const text =
    parsed.text?.trim() ||
    (typeof parsed.html === 'string'
      ? parsed.html
          .replace(/<[^>]*>/g, ' ')
          .replace(/\s+/g, ' ')
          .trim()
      : '');
  return withoutNul(text || '(no text)').slice(0, 100_000);
}

/** Audit entry of a refused or partly refused inbound message (no actor: the sender is outside). */
export async function auditInbound(db: Database, reason: string, details: Record<string, unknown>, organisationId: string | null = null) {
  await recordAuditEntry(db, {
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

export function receiveMailFactory(
  db: Database,
  { deps, limits, uploads }: { deps: CoreDeps; audit: AuditService; limits: InboundLimits; uploads?: UploadChecker | undefined },
) {
  /** Counts a message against a limit; 451 beyond it (audited once per window: a flood writes one entry). */
  async function withinLimit(kind: 'sender' | 'client', key: string, limit: number, organisationId: string) {
    if (limit === 0) return;
    const hash = createHash('sha256').update(`cc-mail-${kind}:${key}`).digest('hex').slice(0, 32);
    const hits = await repo.countIntakeHit(db, hash, RATE_WINDOW_SECONDS);
    if (hits <= limit) return;
    if (hits === limit + 1) await auditInbound(db, 'rate_limited', { per: kind, limit, windowSeconds: RATE_WINDOW_SECONDS }, organisationId);
    throw new InboundRefusal(451, '4.7.0', `Too many messages from this ${kind === 'sender' ? 'sender' : 'server'}, try again later`, 'rate_limited');
  }

  return async function receiveMail(mail: InboundMail): Promise<InboundOutcome> {
    const { parsed } = mail;
    // Every recipient that is a mailbox here gets the message (RCPT TO already refused the others).
    const mailboxes: InboundMailbox[] = [];
    let awaitingConfirmation = false;
    for (const recipient of new Set(mail.recipients.map((r) => r.trim().toLowerCase()))) {
      const mailbox = await repo.mailboxByAddress(db, recipient);
      if (mailbox?.verified) mailboxes.push(mailbox);
      else if (mailbox) awaitingConfirmation = true;
    }
    if (mailboxes.length === 0) {
      if (awaitingConfirmation) throw new InboundRefusal(450, '4.2.1', 'Mailbox awaiting confirmation, try again later', 'mailbox_unverified');
      throw new InboundRefusal(550, '5.1.1', 'No such mailbox here', 'unknown_mailbox');
    }
    const first = mailboxes[0]!;
    const sender = addressesOf(parsed.from)[0];
    if (!sender || !/^[^\s@]{1,64}@[^\s@]{1,190}$/.test(sender.address)) {
      await auditInbound(db, 'malformed', { detail: 'no sender address', size: mail.size }, first.organisationId);
      throw new InboundRefusal(550, '5.6.0', 'The message has no valid From address', 'malformed');
    }
    if (mail.remoteAddress) await withinLimit('client', mail.remoteAddress, limits.perClient, first.organisationId);
    await withinLimit('sender', sender.address, limits.perSender, first.organisationId);

    let kept: AttachmentInput[] = [];
    const dropped: string[] = [];
    let total = 0;
    for (const attachment of parsed.attachments ?? []) {
      const filename = safeFilename(attachment.filename || 'attachment');
      total += attachment.size ?? attachment.content.byteLength;
      // The type the content shows, never the one the sender declared.
      const detected = await detectFile(attachment.content, filename);
      if (!detected) {
        dropped.push(`${filename} (${await describeContent(attachment.content)})`);
        continue;
      }
      kept.push({ ...detected, content: attachment.content });
    }
    if (kept.length > MAX_ATTACHMENTS || total > MAX_ATTACHMENT_BYTES) {
      await auditInbound(db, 'attachments_too_large', { count: kept.length, bytes: total }, first.organisationId);
      throw new InboundRefusal(
        552,
        '5.3.4',
        `Attachments exceed the limits (${MAX_ATTACHMENTS} files, ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB in total)`,
        'attachments_too_large',
      );
    }
    if (dropped.length) await auditInbound(db, 'attachment_type_refused', { dropped }, first.organisationId);
    const infected: string[] = [];
    const unscanned: string[] = [];
    if (!uploads?.scanner) {
      unscanned.push(...kept.map((file) => file.filename));
      kept = [];
    } else {
      const clean: AttachmentInput[] = [];
      for (const file of kept) {
        const verdict = await uploads.scanner.scan(file.content).catch(async (error: unknown) => {
          if (!(error instanceof ScannerUnavailable)) throw error;
          await auditInbound(db, 'scanner_unavailable', { detail: error.message }, first.organisationId);
          throw new InboundRefusal(451, '4.3.0', 'Attachments cannot be scanned now, try again later', 'scanner_unavailable');
        });
        if (verdict.clean) clean.push(file);
        else infected.push(file.filename);
      }
      kept = clean;
      if (infected.length) await auditInbound(db, 'attachment_infected', { infected }, first.organisationId);
    }

    const subject = oneLine(parsed.subject ?? '')
      .replace(/\s+/g, ' ')
      .trim();
    const body = bodyOf(parsed);
    // A Message-ID identifies the message; without one, the content does.
    const messageId = (
      oneLine(parsed.messageId ?? '').trim() ||
      `<sha256-${createHash('sha256').update(`${sender.address}\n${subject}\n${body}`).digest('hex')}@irisdesk.invalid>`
    ).slice(0, 998);
    // Auto-Submitted: anything but "no" (RFC 3834); a header mailparser structured counts by its value.
    const autoSubmittedHeader = parsed.headers.get('auto-submitted');
    const structured = autoSubmittedHeader && typeof autoSubmittedHeader === 'object' && 'value' in autoSubmittedHeader ? autoSubmittedHeader.value : undefined;
    const autoSubmittedValue =
      typeof autoSubmittedHeader === 'string' ? autoSubmittedHeader : typeof structured === 'string' ? structured : autoSubmittedHeader ? 'yes' : 'no';
    const autoSubmitted = autoSubmittedValue.trim().toLowerCase() !== 'no';
    const language = languageOf(parsed);
    const t = translator(language);
    const notes = [
      ...(dropped.length ? [t('contact.event.attachments_dropped', { files: dropped.join(', ') })] : []),
      ...(infected.length ? [t('contact.event.attachments_infected', { files: infected.join(', ') })] : []),
      ...(unscanned.length ? [t('contact.event.attachments_unscanned', { files: unscanned.join(', ') })] : []),
    ];
    const droppedNote = notes.length ? notes.join('\n') : null;
    // Only a sender whose domain vouches for it gets a receipt and may continue a request by its reference.
    const senderCheck = await mail.checkSender();
    const verified = senderCheck === 'pass';

    const results = await db.transaction(async (tx) => {
      const outcomes: MailboxOutcome[] = [];
      for (const target of mailboxes) {
        if (!(await repo.claimInboundMessageId(tx, target.address, messageId))) {
          outcomes.push({ mailbox: target.address, kind: 'duplicate' });
          continue;
        }
        const quoted = findReferenceIn(subject);
        const existing = quoted && verified ? await repo.getRequestByReference(tx, quoted, { forUpdate: true }) : undefined;
        let joinable = false;
        if (existing && existing.organisationId === target.organisationId) {
          const party = await repo.findPartyById(tx, existing.organisationId, existing.partyId);
          joinable = party?.email === sender.address;
        }
        if (existing && joinable) {
          const now = new Date();
          if (existing.status === 'closed') await setStatus(tx, existing.id, 'open', { now, events: deps.events });
          await addMessage(tx, existing.id, { kind: 'inbound', channel: 'email', body, mailMessageId: messageId, attachments: kept, at: now }, deps);
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
          await repo.setInboundRequest(tx, target.address, messageId, existing.id);
          outcomes.push({ mailbox: target.address, kind: 'joined', requestId: existing.id, reference: existing.reference });
          continue;
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
            sendReceipt: !autoSubmitted && verified,
          },
          deps,
        );
        await repo.setSenderCheck(tx, created.id, senderCheck);
        // Outside business hours, the mailbox's automatic reply (when it is on); never to a robot or an unproven sender.
        if (!autoSubmitted && verified && deps.mail) {
          await sendOutOfHoursReply(tx, deps.mail, {
            id: created.id,
            reference: created.reference,
            organisationId: target.organisationId,
            channel: 'email',
            mailboxAddress: target.address,
            serviceCode: null,
            language,
            email: sender.address,
            receivedAt: new Date(),
          });
        }
        if (quoted) {
          await addMessage(tx, created.id, {
            kind: 'event',
            body: t(verified ? 'contact.event.reference_not_joined' : 'contact.event.reference_not_joined_unverified', { reference: quoted }),
          });
        }
        if (droppedNote) await addMessage(tx, created.id, { kind: 'event', body: droppedNote });
        await repo.setInboundRequest(tx, target.address, messageId, created.id);
        outcomes.push({ mailbox: target.address, kind: 'created', requestId: created.id, reference: created.reference });
      }
      return outcomes;
    });
    return { results, senderCheck };
  };
}
