// The contact-center core: creating requests from any channel, adding to their conversation, changing their
// status with the SLA clock. Every function takes the caller's transaction (tx), so a request, its messages,
// its contact record, its SLA jobs, its realtime events and its receipt e-mail commit together or not at all.
//
// STABLE EXPORTS (the console builds on them; signatures do not change):
//
//   createRequest(tx, input: CreateRequestInput, deps?: CoreDeps)
//       → Promise<CreatedRequest { id, reference, partyId, statusToken, assigneeId, organisationId, unitId }>
//     Finds or creates the party within the organisation (by e-mail, then phone; or input.partyId), creates the
//     request with SLA due times, its first inbound message (+ attachments), a cc_contacts row (recordContact),
//     auto-assigns round robin when the unit has cc_unit_settings.auto_assign, schedules the SLA jobs,
//     publishes "request.created" on cc:org:{org} (+ cc:unit:{unit}, account:{assignee}) and, when
//     deps.mail is given and the party has an e-mail, sends the receipt (reference + status link). With
//     input.idempotency, claims the key first; a key already claimed throws DuplicateSubmission, nothing written.
//
//   addMessage(tx, requestId, input: AddMessageInput) → Promise<{ id: string } | undefined>
//     Adds an inbound/outbound/note/event message; undefined when the mail Message-ID was already recorded on
//     this request. An outbound message is the first response when none was given (stops that clock). An
//     inbound message on a waiting_user request resumes it (status open, clocks shifted). Publishes
//     "request.message" (notes and events are staff-only; the event carries ids only).
//
//   setStatus(tx, requestId, status, options?: { now?, outcome?, actorAccountId? }) → Promise<RequestRow>
//     waiting_user pauses the SLA clocks (jobs cancelled); leaving waiting_user shifts the due times by the
//     paused business time and re-schedules the jobs; closed stops the clocks. Publishes "request.status".
//     Throws AppError(404 'contact.request_not_found') for an unknown id.
//
//   findParty(tx, organisationId, { email?, phone? }) → Promise<PartyRow | undefined>
//   hashStatusToken(token) → string
//
// Realtime channels: `channels.ofRequest(request)` (its organisation, unit and assignee; platform/realtime/channels.ts).
//
// Round trips: createRequest is the hot path of the web intake (target ≥ 500/s, docs/performance.md). A web
// intake is 6 statements with BEGIN/COMMIT: idempotency key + party found-or-created + SLA settings; request +
// first message + contact row + the 2 SLA jobs (enqueueManySql) + request.created (publishManySql); the webhook
// subscribers' look-up (integrations.emit; two more statements only when someone subscribes); receipt mail. The
// hot statements are prepared once per connection (prepared(), src/platform/db/database.ts).
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { prepared, type Queryable } from '../platform/db/database.ts';
import { publishMany, publishManySql, type RealtimeEvent } from '../platform/realtime/publish.ts';
import { channels as realtimeChannels } from '../platform/realtime/channels.ts';
import { enqueueManySql, type JobToEnqueue } from '../platform/jobs/queue.ts';
import { AppError } from '../platform/http/errors.ts';
import type { Language } from '../platform/i18n/languages.ts';
import { translator } from '../platform/i18n/messages.ts';
import type { MailService } from '../platform/mail/service.ts';
import type { EventSink } from '../integrations/service.ts';
import { contactInsert, type ContactInput } from './contacts.ts';
import type { ContactChannel, ContactOutcome, MessageKind, RequestStatus } from './model.ts';
import { newReference, withUniqueReference } from './references.ts';
import * as repo from './repository.ts';
import {
  cancelSlaJobs,
  dueTimes,
  remainingAfterPause,
  scheduleSlaJobs,
  slaJobs,
  slaSettingsFor,
  slaSettingsOf,
  slaSettingsSql,
  type SlaSettings,
  type SlaSettingsRow,
} from './sla.ts';

export interface PartyInput {
  name: string;
  email?: string | null | undefined;
  phone?: string | null | undefined;
  postalCode?: string | null | undefined;
  language: Language;
}

export interface AttachmentInput {
  filename: string;
  contentType: string;
  content: Uint8Array;
}

export interface CreateRequestInput {
  organisationId: string;
  unitId?: string | null | undefined;
  channel: ContactChannel;
  language: Language;
  serviceCode?: string | null | undefined;
  subject: string;
  message: string;
  party: PartyInput;
  /** An existing party of the same organisation (the console's "known caller"); else found or created. */
  partyId?: string | null | undefined;
  attachments?: AttachmentInput[] | undefined;
  /** When the contact began (a phone call's start); now by default. The SLA clocks start here too. */
  startedAt?: Date | undefined;
  /** Contact end and outcome when known at creation (a call answered at once); else left open. */
  endedAt?: Date | null | undefined;
  outcome?: ContactOutcome | null | undefined;
  /** The agent who took the contact (console), recorded on the contact and as the message author. */
  agentAccountId?: string | null | undefined;
  /** RFC 5322 Message-ID of the inbound e-mail this request comes from. */
  mailMessageId?: string | null | undefined;
  /** An explicit assignee (console "take it myself"); else round robin when the unit auto-assigns. */
  assigneeId?: string | null | undefined;
  /** Set false to not send the receipt e-mail even when deps.mail is given. */
  sendReceipt?: boolean | undefined;
  /**
   * Claims this idempotency key for the request, in the statement that finds the party (a web submission):
   * when the key is already claimed, nothing is written and DuplicateSubmission is thrown (a concurrent claim
   * is waited for first). The key keeps the request's reference, even when a collision made it change.
   */
  idempotency?: { scope: string; key: string; bodyHash: string } | undefined;
  /** The first reference to try (drawn at random by default); when it is taken, another is drawn. */
  reference?: string | undefined;
}

/** createRequest's refusal of an idempotency key already claimed: the caller answers with the first request. */
export class DuplicateSubmission extends Error {
  constructor(
    readonly scope: string,
    readonly key: string,
  ) {
    super('idempotency key already claimed');
  }
}

export interface CoreDeps {
  /** Sends the receipt e-mail in the same transaction (services.mail). */
  mail?: Pick<MailService, 'send'> | undefined;
  /** Public base URL for the status link, e.g. "https://irisdesk.brussels". */
  publicUrl?: string | undefined;
  /** Outgoing webhooks (services.integrations): request.created, .status_changed, .closed in the same transaction. */
  events?: EventSink | undefined;
}

export interface CreatedRequest {
  id: string;
  reference: string;
  partyId: string;
  /** The secret of the status link (only its hash is stored): /{lang}/contact/status/{token}. */
  statusToken: string;
  assigneeId: string | null;
  organisationId: string;
  unitId: string | null;
}

export interface AddMessageInput {
  kind: MessageKind;
  channel?: ContactChannel | null | undefined;
  body: string;
  authorAccountId?: string | null | undefined;
  mailMessageId?: string | null | undefined;
  attachments?: AttachmentInput[] | undefined;
  /** Now by default. */
  at?: Date | undefined;
}

/** The longest title derived from a message (a title typed by someone may be up to 300 characters). */
export const DERIVED_TITLE_LENGTH = 120;

/**
 * A title from a text at a word boundary (issue 17 item 3): whitespace collapsed, and a text longer than `max`
 * cut after its last whole word that fits, marked with "…" — never mid-word (a single longer word is cut).
 */
export function deriveTitle(text: string, max = DERIVED_TITLE_LENGTH): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line.length <= max) return line;
  const room = line.slice(0, max - 1);
  const space = room.lastIndexOf(' ');
  const cut = space >= max / 2 ? room.slice(0, space) : room;
  return `${cut.replace(/[\s,;:.\-–]+$/u, '')}…`;
}

/**
 * The stored title of a new request. Intake channels without a subject pass the start of the message's first
 * line, cut at a fixed length: that title is derived again from the whole line at a word boundary. A subject
 * written by someone is kept as written (whitespace collapsed, at most 300 characters).
 */
export function requestTitle(subject: string, message: string): string {
  const given = subject.replace(/\s+/g, ' ').trim();
  const firstLine = (message.split('\n')[0] ?? '').replace(/\s+/g, ' ').trim();
  if (given && firstLine.length > given.length && firstLine.startsWith(given)) return deriveTitle(firstLine);
  return deriveTitle(given, 300) || '-';
}

export function hashStatusToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

async function publishAll(tx: Queryable, channels: string[], type: string, data: unknown) {
  await publishMany(tx, channels, { type, data });
}

const normEmail = (email: string | null | undefined) => (email ? email.trim().toLowerCase() : null);
const normPhone = (phone: string | null | undefined) => {
  const digits = phone ? phone.replace(/[\s./()-]/g, '') : '';
  return digits ? digits : null;
};

export async function findParty(tx: Queryable, organisationId: string, contact: { email?: string | null; phone?: string | null }) {
  return repo.findPartyByContact(tx, organisationId, normEmail(contact.email), normPhone(contact.phone));
}

export async function createRequest(tx: Queryable, input: CreateRequestInput, deps: CoreDeps = {}): Promise<CreatedRequest> {
  const startedAt = input.startedAt ?? new Date();
  const email = normEmail(input.party.email);
  const phone = normPhone(input.party.phone);
  const partyFields = {
    name: input.party.name.trim().slice(0, 200) || '?',
    email,
    phone,
    language: input.party.language,
    postalCode: input.party.postalCode || null,
  };
  // The reference is drawn first: an idempotency key is claimed with it.
  const firstReference = input.reference ?? newReference();
  // Party: the given one (of the same organisation), else the one with this e-mail/phone, else a new one.
  let partyId: string | undefined;
  let settings: SlaSettings;
  if (input.partyId) {
    if (input.idempotency) await claimIdempotencyKey(tx, input.idempotency, firstReference);
    const party = await repo.findPartyById(tx, input.organisationId, input.partyId);
    if (!party) throw new AppError(404, 'contact.party_not_found');
    partyId = party.id;
    settings = await slaSettingsFor(tx, input.organisationId, input.channel, input.serviceCode);
  } else {
    ({ partyId, settings } = await findOrCreatePartyWithSettings(tx, input, partyFields, firstReference));
  }

  let unitId = input.unitId ?? null;
  if (unitId && !(await repo.unitBelongsTo(tx, unitId, input.organisationId))) unitId = null;
  const assigneeId = input.assigneeId ?? (unitId ? ((await repo.nextRoundRobinAssignee(tx, unitId)) ?? null) : null);

  const { target, clock: schedule, organisation } = settings;
  const due = dueTimes(schedule, target, startedAt);
  const statusToken = randomBytes(24).toString('base64url');
  const row: Omit<repo.NewRequestRow, 'reference'> = {
    organisationId: input.organisationId,
    unitId,
    assigneeId,
    partyId,
    serviceCode: input.serviceCode ?? null,
    channel: input.channel,
    language: input.language,
    subject: requestTitle(input.subject, input.message),
    firstResponseDueAt: due.firstResponseDueAt,
    resolutionDueAt: due.resolutionDueAt,
    statusTokenHash: hashStatusToken(statusToken),
    createdAt: startedAt,
  };
  // The request, its first message and its contact row in one statement; nothing of it when the reference
  // is taken (then another is drawn).
  const message = {
    kind: 'inbound' as const,
    channel: input.channel,
    authorAccountId: input.agentAccountId ?? null,
    body: input.message.slice(0, 100_000),
    mailMessageId: input.mailMessageId ?? null,
    createdAt: startedAt,
  };
  const contact = (requestId: string): ContactInput => ({
    organisationId: input.organisationId,
    channel: input.channel,
    requestId,
    partyId,
    serviceCode: input.serviceCode ?? null,
    agentAccountId: input.agentAccountId ?? null,
    language: input.language,
    startedAt,
    endedAt: input.endedAt ?? (input.channel === 'web' || input.channel === 'email' ? startedAt : null),
    outcome: input.outcome ?? null,
    source: { kind: 'request', id: requestId },
  });
  const channels = realtimeChannels.ofRequest({ organisationId: input.organisationId, unitId, assigneeId });
  const now = new Date(Math.max(Date.now(), startedAt.getTime()));
  const insert = async (candidate: string) => {
    const requestId = randomUUID();
    const jobs = slaJobs(
      {
        id: requestId,
        organisationId: input.organisationId,
        createdAt: startedAt,
        firstResponseDueAt: due.firstResponseDueAt,
        resolutionDueAt: due.resolutionDueAt,
        firstRespondedAt: null,
        clockStartedAt: startedAt,
        target,
      },
      schedule,
      now,
    );
    const event = {
      type: 'request.created',
      data: {
        id: requestId,
        reference: candidate,
        channel: input.channel,
        serviceCode: input.serviceCode ?? null,
        unitId,
        assigneeId,
        firstResponseDueAt: due.firstResponseDueAt.toISOString(),
      },
    };
    const messageId = await insertRequestWithFirstMessage(tx, { ...row, reference: candidate }, requestId, message, contact(requestId), jobs, channels, event);
    return messageId ? { reference: candidate, id: requestId, messageId } : undefined;
  };
  let inserted = await insert(firstReference);
  if (!inserted) {
    // The reference was taken (one chance in billions): another one, and the idempotency key follows it.
    inserted = await withUniqueReference(insert);
    if (input.idempotency) await repo.updateIdempotencyReference(tx, input.idempotency.scope, input.idempotency.key, inserted.reference);
  }
  const { reference, id, messageId } = inserted;

  for (const attachment of input.attachments ?? []) {
    await repo.insertAttachment(tx, { messageId, ...attachment });
  }
  if (deps.events) {
    await deps.events.emit(tx, input.organisationId, 'request.created', {
      subject: reference,
      data: {
        reference,
        status: 'new',
        channel: input.channel,
        serviceCode: input.serviceCode ?? null,
        language: input.language,
        createdAt: startedAt.toISOString(),
      },
      personal: { name: partyFields.name, email, phone, subject: row.subject, message: message.body },
    });
  }
  if (deps.mail && email && input.sendReceipt !== false) {
    const orgName = organisation.name[input.language] ?? organisation.name.fr ?? organisation.code;
    await sendReceipt(tx, deps, {
      organisationId: input.organisationId,
      orgName,
      email,
      language: input.language,
      reference,
      statusToken,
      subject: row.subject,
    });
  }
  return { id, reference, partyId, statusToken, assigneeId, organisationId: input.organisationId, unitId };
}

// ---- createRequest's statements: a few round trips per intake (docs/performance.md, contact-intake)

/** repo.claimIdempotencyKey for createRequest: DuplicateSubmission when the key is taken. */
async function claimIdempotencyKey(tx: Queryable, claim: { scope: string; key: string; bodyHash: string }, reference: string) {
  if (!(await repo.claimIdempotencyKey(tx, claim.scope, claim.key, claim.bodyHash, reference)).claimed) {
    throw new DuplicateSubmission(claim.scope, claim.key);
  }
}

/**
 * The party of the organisation with this e-mail (preferred) or phone, the most recently updated, refreshed
 * as repo.refreshParty does; else a new one (repo.insertParty) — and, in the same statement, the SLA settings
 * of the request (sla.ts, slaSettingsSql) and the claim of the idempotency key as repo.claimIdempotencyKey
 * does (when the key is taken, the party is left alone and DuplicateSubmission is thrown).
 */
async function findOrCreatePartyWithSettings(
  tx: Queryable,
  input: CreateRequestInput,
  party: { name: string; email: string | null; phone: string | null; language: string; postalCode: string | null },
  reference: string,
): Promise<{ partyId: string; settings: SlaSettings }> {
  const claim = input.idempotency;
  const { rows } = await tx.query<{ claimed: boolean; partyId: string | null; settings: SlaSettingsRow | null }>(
    prepared(`WITH claim AS (
       INSERT INTO cc_idempotency_keys (scope, key, body_hash, reference)
       SELECT $9::text, $10::text, $11::text, $12::text WHERE $9::text IS NOT NULL
       ON CONFLICT (scope, key) DO NOTHING
       RETURNING 1),
     go AS (SELECT $9::text IS NULL OR EXISTS (SELECT 1 FROM claim) AS ok),
     found AS (
       SELECT id FROM (
         (SELECT id, 1 AS rank FROM cc_parties WHERE organisation_id = $1 AND email = $2 AND merged_into_id IS NULL ORDER BY updated_at DESC LIMIT 1)
         UNION ALL
         (SELECT id, 2 AS rank FROM cc_parties WHERE organisation_id = $1 AND phone = $3 AND merged_into_id IS NULL ORDER BY updated_at DESC LIMIT 1)
       ) f WHERE (SELECT ok FROM go) ORDER BY rank LIMIT 1),
     refreshed AS (
       UPDATE cc_parties p SET name = $4, email = coalesce(p.email, $2), phone = coalesce(p.phone, $3), language = $5,
              postal_code = coalesce($6, p.postal_code), updated_at = now()
         FROM found WHERE p.id = found.id
       RETURNING p.id),
     created AS (
       INSERT INTO cc_parties (organisation_id, name, email, phone, language, postal_code)
       SELECT $1::uuid, $4::text, $2::text, $3::text, $5::text, $6::text WHERE (SELECT ok FROM go) AND NOT EXISTS (SELECT 1 FROM found)
       RETURNING id)
     SELECT (SELECT ok FROM go) AS claimed,
            (SELECT id FROM refreshed UNION ALL SELECT id FROM created LIMIT 1) AS "partyId",
            ${slaSettingsSql('$1', '$7::text', '$8::text')} AS settings`),
    [
      input.organisationId,
      party.email,
      party.phone,
      party.name,
      party.language,
      party.postalCode,
      input.channel,
      input.serviceCode ?? null,
      claim?.scope ?? null,
      claim?.key ?? null,
      claim?.bodyHash ?? null,
      reference,
    ],
  );
  if (claim && !rows[0]?.claimed) throw new DuplicateSubmission(claim.scope, claim.key);
  const settings = slaSettingsOf(rows[0]?.settings, input.organisationId, input.channel, input.serviceCode);
  // The party found was deleted meanwhile (erasure): a new one, as before the look-up.
  const partyId = rows[0]?.partyId ?? (await repo.insertParty(tx, { organisationId: input.organisationId, ...party }));
  return { partyId, settings };
}

/**
 * repo.insertRequest, repo.insertMessage (the first, inbound message), recordContact (contacts.ts), the SLA
 * jobs (enqueueManySql) and the request.created event (publishManySql) in one statement. Returns the message
 * id; undefined, with nothing inserted or published, when the reference is taken.
 */
async function insertRequestWithFirstMessage(
  tx: Queryable,
  row: repo.NewRequestRow,
  requestId: string,
  message: { kind: MessageKind; channel: ContactChannel; authorAccountId: string | null; body: string; mailMessageId: string | null; createdAt: Date },
  contact: ContactInput,
  jobs: JobToEnqueue[],
  channels: string[],
  event: RealtimeEvent,
): Promise<string | undefined> {
  const inserted = 'EXISTS (SELECT 1 FROM r)';
  const recorded = contactInsert(contact, 21, inserted);
  const scheduled = enqueueManySql('j', jobs, 21 + recorded.params.length, inserted);
  const published = publishManySql(channels, event, 21 + recorded.params.length + scheduled.params.length, inserted);
  const { rows } = await tx.query<{ id: string }>(
    prepared(`WITH r AS (
       INSERT INTO cc_requests (id, reference, organisation_id, unit_id, assignee_id, party_id, service_code, channel, language,
                                subject, first_response_due_at, resolution_due_at, status_token_hash, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14)
       ON CONFLICT (reference) DO NOTHING
       RETURNING id),
     m AS (
       INSERT INTO cc_messages (request_id, kind, channel, author_account_id, body, mail_message_id, created_at)
       SELECT r.id, $15::text, $16::text, $17::uuid, $18::text, $19::text, $20::timestamptz FROM r
       RETURNING id),
     c AS (${recorded.sql} ON CONFLICT DO NOTHING),
     ${scheduled.cte}
     SELECT m.id, ${scheduled.notify} AS woken${published ? `, ${published.sql} AS published` : ''} FROM m`),
    [
      requestId,
      row.reference,
      row.organisationId,
      row.unitId,
      row.assigneeId,
      row.partyId,
      row.serviceCode,
      row.channel,
      row.language,
      row.subject,
      row.firstResponseDueAt,
      row.resolutionDueAt,
      row.statusTokenHash,
      row.createdAt,
      message.kind,
      message.channel,
      message.authorAccountId,
      message.body,
      message.mailMessageId,
      message.createdAt,
      ...recorded.params,
      ...scheduled.params,
      ...(published?.params ?? []),
    ],
  );
  const messageId = rows[0]?.id;
  // An event too large for a NOTIFY is stored and published on its own (never the case of request.created).
  if (messageId && !published) await publishMany(tx, channels, event);
  return messageId;
}

/** The status link of a request (the token is shown once: in the receipt). */
export function statusLink(publicUrl: string | undefined, language: Language, statusToken: string): string {
  return `${(publicUrl ?? '').replace(/\/$/, '')}/${language}/contact/status/${statusToken}`;
}

async function sendReceipt(
  tx: Queryable,
  deps: CoreDeps,
  receipt: { organisationId: string; orgName: string; email: string; language: Language; reference: string; statusToken: string; subject: string },
) {
  const t = translator(receipt.language);
  const orgName = receipt.orgName;
  const link = statusLink(deps.publicUrl, receipt.language, receipt.statusToken);
  await deps.mail!.send(
    {
      to: receipt.email,
      subject: t('contact.receipt.subject', { reference: receipt.reference }),
      text: t('contact.receipt.body', { reference: receipt.reference, organisation: orgName, link, subject: receipt.subject }),
      language: receipt.language,
      purpose: 'contact.receipt',
      organisationId: receipt.organisationId,
      fromName: orgName ? `${orgName} via IrisDesk`.slice(0, 150) : undefined,
      headers: { 'Auto-Submitted': 'auto-replied' },
    },
    { tx },
  );
}

async function requireRequest(tx: Queryable, requestId: string) {
  const request = /^[0-9a-f-]{36}$/i.test(requestId) ? await repo.getRequest(tx, requestId, { forUpdate: true }) : undefined;
  if (!request) throw new AppError(404, 'contact.request_not_found');
  return request;
}

export async function addMessage(
  tx: Queryable,
  requestId: string,
  input: AddMessageInput,
  deps: Pick<CoreDeps, 'events'> = {},
): Promise<{ id: string } | undefined> {
  const request = await requireRequest(tx, requestId);
  const at = input.at ?? new Date();
  const id = await repo.insertMessage(tx, {
    requestId,
    kind: input.kind,
    channel: input.channel ?? null,
    authorAccountId: input.authorAccountId ?? null,
    body: input.body.slice(0, 100_000),
    mailMessageId: input.mailMessageId ?? null,
    createdAt: at,
  });
  if (!id) return undefined;
  for (const attachment of input.attachments ?? []) await repo.insertAttachment(tx, { messageId: id, ...attachment });
  if (input.kind === 'outbound' && !request.firstRespondedAt && (await repo.markFirstResponse(tx, requestId, at))) {
    await cancelSlaJobs(tx, requestId, 'first_response');
  } else {
    await repo.touchRequest(tx, requestId, at);
  }
  const channels = realtimeChannels.ofRequest(request);
  await publishAll(tx, channels, 'request.message', { id: requestId, reference: request.reference, messageId: id, kind: input.kind });
  if (input.kind === 'inbound' && request.status === 'waiting_user') {
    await setStatus(tx, requestId, 'open', { now: at, events: deps.events });
  }
  return { id };
}

export async function setStatus(
  tx: Queryable,
  requestId: string,
  status: RequestStatus,
  options: {
    now?: Date | undefined;
    outcome?: ContactOutcome | null | undefined;
    actorAccountId?: string | null | undefined;
    events?: EventSink | undefined;
  } = {},
): Promise<repo.RequestRow> {
  const request = await requireRequest(tx, requestId);
  const now = options.now ?? new Date();
  if (request.status === status && options.outcome === undefined) return request;
  let { firstResponseDueAt, resolutionDueAt, slaPausedAt } = request;
  const { target, clock: schedule } = await slaSettingsFor(tx, request.organisationId, request.channel, request.serviceCode);
  const leavingPause = request.status === 'waiting_user' && status !== 'waiting_user' && request.slaPausedAt;
  if (status === 'waiting_user' && !slaPausedAt) {
    slaPausedAt = now;
    await cancelSlaJobs(tx, requestId);
  } else if (leavingPause) {
    const pausedAt = request.slaPausedAt!;
    if (firstResponseDueAt && !request.firstRespondedAt) firstResponseDueAt = remainingAfterPause(schedule, firstResponseDueAt, pausedAt, now);
    if (resolutionDueAt) resolutionDueAt = remainingAfterPause(schedule, resolutionDueAt, pausedAt, now);
    slaPausedAt = null;
  }
  const closedAt = status === 'closed' ? (request.closedAt ?? now) : null;
  await repo.updateRequestStatus(tx, requestId, {
    status,
    outcome: options.outcome,
    slaPausedAt,
    firstResponseDueAt,
    resolutionDueAt,
    closedAt,
    now,
  });
  if (status === 'closed') {
    await cancelSlaJobs(tx, requestId);
  } else if (leavingPause || (request.status === 'closed' && status !== 'waiting_user')) {
    await scheduleSlaJobs(
      tx,
      {
        id: requestId,
        organisationId: request.organisationId,
        createdAt: request.createdAt,
        firstResponseDueAt,
        resolutionDueAt,
        firstRespondedAt: request.firstRespondedAt,
        clockStartedAt: now,
        target,
      },
      schedule,
      now,
    );
  }
  await publishAll(tx, realtimeChannels.ofRequest(request), 'request.status', {
    id: requestId,
    reference: request.reference,
    status,
    from: request.status,
    firstResponseDueAt: firstResponseDueAt?.toISOString() ?? null,
    resolutionDueAt: resolutionDueAt?.toISOString() ?? null,
  });
  if (options.events && request.status !== status) {
    const data = { reference: request.reference, status, previousStatus: request.status, serviceCode: request.serviceCode, outcome: options.outcome ?? null };
    await options.events.emit(tx, request.organisationId, 'request.status_changed', { subject: request.reference, data });
    if (status === 'closed') await options.events.emit(tx, request.organisationId, 'request.closed', { subject: request.reference, data });
  }
  return { ...request, status, slaPausedAt, firstResponseDueAt, resolutionDueAt, closedAt, updatedAt: now, version: request.version + 1 };
}
