// Subject requests the person files themselves on the public page /{lang}/privacy/requests (issue 18, decision
// 0060): access, portability, rectification or erasure, for one organisation or for the region when they do not
// know which. The address is proven first by a single-use link (citizen sign-in's mechanism and limits); then the
// request reaches the DPOs concerned with its legal deadline (one month, GDPR art. 12(3)), who run the export or
// the erasure with the existing tools and answer. The person follows it on a page named by its reference and a
// keyed hash of it. Nothing the public page answers tells whether IrisDesk knows the address.
import { createHash, createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import type { Database, Queryable } from '../platform/db/database.ts';
import type { Actor } from '../identity/actor.ts';
import type { Config } from '../config.ts';
import type { Language } from '../platform/i18n/languages.ts';
import { AppError, type FieldError } from '../platform/http/errors.ts';
import { enqueue } from '../platform/jobs/queue.ts';
import { recordAudit, recordAuditEntry } from '../audit/service.ts';
import { translator } from '../platform/i18n/messages.ts';
import { formatDate } from '../platform/i18n/format.ts';
import { canHandlePrivacyOf } from './authorisation.ts';
import * as repo from './repository.ts';

/** Requests one address may file on the public page per day (the proof links have their own limits too). */
const FILINGS_PER_DAY = 5;
const REFERENCE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
export const PRIVACY_REFERENCE_PATTERN = /^PRV-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}$/;
export const PERSON_KINDS = ['access', 'portability', 'rectification', 'erasure'] as const;

function newReference(): string {
  let symbols = '';
  for (let i = 0; i < 8; i++) symbols += REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)];
  return `PRV-${symbols.slice(0, 4)}-${symbols.slice(4)}`;
}

export interface PersonRequestInput {
  kind: repo.SubjectRequestKind;
  email: string;
  /** absent: the person does not know which organisation (the regional DPO handles it) */
  organisationCode?: string | undefined;
  details?: string | undefined;
  language: Language;
  clientAddress: string;
  /** the verified address of the signed-in citizen, if any: no link needed for that address */
  provenEmail?: string | null | undefined;
}

interface Dependencies {
  config: Pick<Config, 'sessionSecret' | 'publicUrl'>;
  jobName: string;
  /** Runs a pending export or erasure (the privacy service's own run). */
  run(id: string): Promise<void>;
  addressProof: {
    sendAddressProof(input: {
      email: string;
      language: Language;
      clientAddress: string;
      subjectId: string;
      mail: (token: string, minutes: number) => { subject: string; text: string; purpose: string };
    }): Promise<boolean>;
    addressProofIsLive(token: string): Promise<boolean>;
    takeAddressProof(token: string): Promise<{ email: string; subjectId: string } | undefined>;
  };
  identity: { privacyOfficersOf(organisationId: string | null): Promise<Array<{ email: string; language: Language; displayName: string }>> };
  organisations: { findByCode(code: string): Promise<{ id: string; code: string; name: Record<string, string> } | undefined> };
  mail: {
    send(
      mail: { to: string; subject: string; text: string; language: Language; purpose?: string; organisationId?: string | null },
      options?: { tx?: Queryable },
    ): Promise<unknown>;
  };
}

export function personRequests(db: Database, deps: Dependencies) {
  const { config, mail } = deps;
  const statusToken = (reference: string) => createHmac('sha256', config.sessionSecret).update(`privacy-status:${reference}`).digest('base64url').slice(0, 32);
  const statusPath = (row: { reference: string | null; language: string }, language = row.language) =>
    `/${language}/privacy/requests/${row.reference}/${statusToken(row.reference!)}`;
  const emailHash = (email: string) => createHash('sha256').update(email).digest('hex');

  /** The address is proven: received, with its reference and deadline; the DPOs and the person are told. */
  async function receive(id: string): Promise<repo.SubjectRequestRow | undefined> {
    const pending = await repo.findSubjectRequest(db, id);
    if (!pending || pending.status !== 'unconfirmed') return undefined;
    // Read before the transaction: on PGlite a read outside it would wait for it to end.
    const officers = await deps.identity.privacyOfficersOf(pending.organisationId);
    return db.transaction(async (tx) => {
      let received: repo.SubjectRequestRow | undefined | false = false;
      while (received === false) received = await repo.confirmPersonRequest(tx, id, newReference());
      if (!received) return undefined;
      await recordAuditEntry(tx, {
        actorAccountId: null,
        actorOrganisationId: null,
        action: 'create',
        subjectType: 'privacy_subject_request',
        subjectId: id,
        organisationId: received.organisationId,
        requestId: null,
        details: { kind: received.kind, source: 'person' },
      });
      const language = received.language;
      const t = translator(language);
      await mail.send(
        {
          to: received.email!,
          language,
          purpose: 'privacy.request-received',
          organisationId: received.organisationId,
          subject: t('privacy.selfService.mail.receivedSubject', { reference: received.reference! }),
          text: t('privacy.selfService.mail.receivedBody', {
            reference: received.reference!,
            kind: t(`privacy.kind.${received.kind}`),
            due: formatDate(received.dueAt!, language),
            url: `${config.publicUrl}${statusPath(received)}`,
          }),
        },
        { tx },
      );
      for (const officer of officers) {
        const o = translator(officer.language);
        await mail.send(
          {
            to: officer.email,
            language: officer.language,
            purpose: 'privacy.request-to-officer',
            organisationId: received.organisationId,
            subject: o('privacy.selfService.mail.officerSubject', { reference: received.reference!, kind: o(`privacy.kind.${received.kind}`) }),
            text: o('privacy.selfService.mail.officerBody', {
              reference: received.reference!,
              kind: o(`privacy.kind.${received.kind}`),
              due: formatDate(received.dueAt!, officer.language),
              url: `${config.publicUrl}/${officer.language}/admin/privacy/requests/${id}`,
            }),
          },
          { tx },
        );
      }
      return received;
    });
  }

  /** A DPO's request of a person that they may handle, or 404. */
  async function handled(actor: Actor, id: string): Promise<repo.SubjectRequestRow> {
    const request = await repo.findSubjectRequest(db, id);
    if (!request || request.source !== 'person' || !canHandlePrivacyOf(actor, request.organisationId)) throw new AppError(404, 'privacy.request_not_found');
    return request;
  }

  return {
    statusPath,

    /**
     * Files a request. The signed-in citizen's own verified address needs no link: the request is received at
     * once and the answer is its status page. Any other address gets a link, unless the limits hold it back;
     * the answer is then the same whatever happened ('sent').
     */
    async file(input: PersonRequestInput): Promise<{ sent: true } | { sent: false; path: string }> {
      const fields: FieldError[] = [];
      const details = input.details?.trim() || null;
      if (input.kind === 'rectification' && (!details || details.length < 10)) fields.push({ field: 'details', code: 'privacy.selfService.detailsNeeded' });
      const organisation = input.organisationCode ? await deps.organisations.findByCode(input.organisationCode) : undefined;
      if (input.organisationCode && !organisation) fields.push({ field: 'organisation', code: 'privacy.selfService.organisationNotFound' });
      if (fields.length) throw new AppError(400, 'validation.failed', { fields });
      const email = input.email.trim().toLowerCase();
      const hash = emailHash(email);
      const proven = !!input.provenEmail && input.provenEmail === email;
      if (!proven && (await repo.recentPersonRequests(db, hash, 24)) >= FILINGS_PER_DAY) return { sent: true };
      const id = await repo.insertPersonRequest(db, {
        organisationId: organisation?.id ?? null,
        kind: input.kind,
        email,
        emailHash: hash,
        details,
        language: input.language,
      });
      if (proven) {
        const received = await receive(id);
        return { sent: false, path: statusPath(received!) };
      }
      const t = translator(input.language);
      const sent = await deps.addressProof.sendAddressProof({
        email,
        language: input.language,
        clientAddress: input.clientAddress,
        subjectId: id,
        mail: (token, minutes) => ({
          subject: t('privacy.selfService.mail.proofSubject'),
          text: t('privacy.selfService.mail.proofBody', {
            kind: t(`privacy.kind.${input.kind}`),
            url: `${config.publicUrl}/${input.language}/privacy/requests/confirm/${token}`,
            minutes,
          }),
          purpose: 'privacy.request-proof',
        }),
      });
      if (!sent) await repo.deleteUnconfirmed(db, id);
      return { sent: true };
    },

    proofIsLive: (token: string) => deps.addressProof.addressProofIsLive(token),

    /** The link from the mail is used: the request is received; answers its status page. 410 when the link is spent. */
    async confirm(token: string): Promise<string> {
      const proof = await deps.addressProof.takeAddressProof(token);
      const received = proof && (await receive(proof.subjectId));
      if (!received) throw new AppError(410, 'privacy.selfService.linkExpired');
      return statusPath(received);
    },

    /** The person's status page: the request of this reference when the token is its keyed hash, else 404. */
    async status(reference: string, token: string): Promise<repo.SubjectRequestRow> {
      const expected = PRIVACY_REFERENCE_PATTERN.test(reference) ? Buffer.from(statusToken(reference)) : undefined;
      const given = Buffer.from(token);
      if (!expected || expected.length !== given.length || !timingSafeEqual(expected, given)) throw new AppError(404, 'privacy.request_not_found');
      const request = await repo.findByReference(db, reference);
      if (!request) throw new AppError(404, 'privacy.request_not_found');
      return request;
    },

    /** A DPO runs the export (access, portability) or the erasure of a received request, with the existing tools. */
    async run(actor: Actor, id: string, requestId?: string): Promise<void> {
      const request = await handled(actor, id);
      if (request.kind === 'rectification') throw new AppError(400, 'privacy.selfService.nothingToRun');
      const started = await db.transaction(async (tx) => {
        if (!(await repo.startPersonRequest(tx, id))) return false;
        // if this run fails, the job runs it again in a minute (as for the DPO's own requests)
        await enqueue(tx, deps.jobName, { id }, { runAt: new Date(Date.now() + 60_000) });
        await recordAudit(tx, actor, 'update', { type: 'privacy_subject_request', id, organisationId: request.organisationId }, requestId, {
          run: request.kind,
        });
        return true;
      });
      if (!started) throw new AppError(409, 'privacy.selfService.alreadyRun');
      try {
        await deps.run(id);
      } catch {
        // left pending: the job finishes it
      }
    },

    /**
     * The DPO's answer, mailed to the person with the link to their page (where an access or portability export
     * is then offered). Done: after the run for access, portability and erasure; refused: with the reason, at any
     * time before (art. 12(4)). After an erasure the address is forgotten once the answer is sent.
     */
    async answer(actor: Actor, id: string, input: { text: string; outcome: 'answered' | 'refused' }, requestId?: string): Promise<void> {
      const request = await handled(actor, id);
      const text = input.text.trim();
      if (text.length < 10) throw new AppError(400, 'validation.failed', { fields: [{ field: 'answer', code: 'privacy.selfService.answerTooShort' }] });
      const from: repo.SubjectRequestStatus[] =
        input.outcome === 'refused' ? ['received', 'done', 'failed'] : request.kind === 'rectification' ? ['received'] : ['done'];
      if (!from.includes(request.status)) throw new AppError(409, 'privacy.selfService.notReady');
      const language = request.language;
      const t = translator(language);
      await db.transaction(async (tx) => {
        const forget = request.kind === 'erasure' && input.outcome === 'answered';
        if (!(await repo.answerPersonRequest(tx, id, { text, outcome: input.outcome, accountId: actor.accountId, from, forget })))
          throw new AppError(409, 'privacy.selfService.notReady');
        await recordAudit(tx, actor, 'update', { type: 'privacy_subject_request', id, organisationId: request.organisationId }, requestId, {
          outcome: input.outcome,
        });
        // the address is gone only when the export it was kept for has outlived its 30 days unanswered
        if (request.email)
          await mail.send(
            {
              to: request.email,
              language,
              purpose: 'privacy.request-answer',
              organisationId: request.organisationId,
              subject: t('privacy.selfService.mail.answerSubject', { reference: request.reference! }),
              text: t('privacy.selfService.mail.answerBody', { reference: request.reference!, answer: text, url: `${config.publicUrl}${statusPath(request)}` }),
            },
            { tx },
          );
      });
    },
  };
}

export type PersonRequests = ReturnType<typeof personRequests>;
