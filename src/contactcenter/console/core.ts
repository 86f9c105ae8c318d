// The console's use of the contact-center core (src/contactcenter/requests.ts, written by the intake):
// messages, status changes (SLA pause and resume) and new requests all go through it, so the clocks, the
// realtime events and the contact records stay in one place.
import type { Queryable } from '../../platform/db/database.ts';
import type { Language } from '../../platform/i18n/languages.ts';
import type { MailService } from '../../platform/mail/service.ts';
import type { ContactOutcome, RequestStatus } from '../model.ts';
import { addMessage, createRequest, setStatus, type AttachmentInput } from '../requests.ts';
import type { EventSink } from '../../integrations/service.ts';

/** An e-mail answer stored as an outbound message (the first one stops the first-response clock). */
export async function addOutbound(
  tx: Queryable,
  input: { requestId: string; accountId: string; body: string; mailMessageId: string; attachments?: AttachmentInput[] | undefined },
): Promise<void> {
  await addMessage(tx, input.requestId, {
    kind: 'outbound',
    channel: 'email',
    body: input.body,
    authorAccountId: input.accountId,
    mailMessageId: input.mailMessageId,
    attachments: input.attachments,
  });
}

/** An outbound message that is not the first response by itself (closing and "passed on" mails). */
export async function addMessageOf(
  tx: Queryable,
  input: { requestId: string; accountId: string; kind: 'outbound' | 'note' | 'event'; body: string; mailMessageId?: string | null },
): Promise<void> {
  await addMessage(tx, input.requestId, {
    kind: input.kind,
    channel: input.kind === 'outbound' ? 'email' : null,
    body: input.body,
    authorAccountId: input.accountId,
    mailMessageId: input.mailMessageId ?? null,
  });
}

export async function changeStatus(
  tx: Queryable,
  input: { requestId: string; status: RequestStatus; accountId: string; outcome?: ContactOutcome },
  events?: EventSink,
): Promise<void> {
  await setStatus(tx, input.requestId, input.status, { actorAccountId: input.accountId, events, ...(input.outcome ? { outcome: input.outcome } : {}) });
}

/** A request opened by an agent from a phone call or a counter visit: assigned to that agent. */
export async function openRequest(
  tx: Queryable,
  input: {
    organisationId: string;
    unitId: string | null;
    partyId: string;
    party: { name: string; email: string | null; phone: string | null };
    channel: 'phone' | 'counter';
    language: Language;
    serviceCode: string | null;
    subject: string;
    body: string;
    accountId: string;
    startedAt: Date;
    endedAt: Date;
    outcome: ContactOutcome;
  },
  deps: { mail: Pick<MailService, 'send'>; publicUrl: string; events?: EventSink | undefined },
): Promise<string> {
  const created = await createRequest(
    tx,
    {
      organisationId: input.organisationId,
      unitId: input.unitId,
      channel: input.channel,
      language: input.language,
      serviceCode: input.serviceCode,
      subject: input.subject,
      message: input.body,
      party: { name: input.party.name, email: input.party.email, phone: input.party.phone, language: input.language },
      partyId: input.partyId,
      startedAt: input.startedAt,
      endedAt: input.endedAt,
      outcome: input.outcome,
      agentAccountId: input.accountId,
      assigneeId: input.accountId,
    },
    deps,
  );
  return created.id;
}
