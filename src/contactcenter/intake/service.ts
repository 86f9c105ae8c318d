// The contact-center intake: the public web form and API (validation, routing to the competent organisation,
// idempotency, throttling), the public status (reference + e-mail, or the receipt's link) and the bound core
// functions other modules use through `services.contactCenter`.
//
//   contactCenterService(db, { mail, jobs, audit, catalogue, config })
//     .createRequest(tx, input)          = requests.createRequest(tx, input, { mail, publicUrl })  (receipt e-mail on)
//     .addMessage(tx, requestId, input)  = requests.addMessage
//     .setStatus(tx, requestId, status, options) = requests.setStatus
//     .submit(submission, { idempotencyKey?, scope, now? }) → { reference, created }   (public intake)
//     .route({ serviceCode, postalCode }) → { organisationId, serviceCode }           (who answers)
//     .publicStatus(reference, email) / .statusByToken(token) → PublicStatus (404 'contact.status_not_found')
//     .recordContact(tx, input)         = contacts.recordContact
//     .throttle(address) → refuses with 429 above CONTACT_INTAKE_LIMIT hits per address per 10 minutes
//     .receiveMail(...) → inbound e-mail (see ../inbound-mail/receive.ts)
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Config } from '../../config.ts';
import type { Database, Queryable } from '../../platform/db/database.ts';
import { recordContact } from '../contacts.ts';
import type { JobRegistry } from '../../platform/jobs/registry.ts';
import type { MailService } from '../../platform/mail/service.ts';
import { recordAuditEntry, type AuditService } from '../../audit/service.ts';
import { AppError, type FieldError } from '../../platform/http/errors.ts';
import { isLanguage, type Language } from '../../platform/i18n/languages.ts';
import type { CatalogueService } from '../../catalogue/service.ts';
import type { EventSink } from '../../integrations/service.ts';
import { addMessage, createRequest, DuplicateSubmission, hashStatusToken, setStatus, type CoreDeps, type CreateRequestInput } from '../requests.ts';
import { normaliseReference } from '../references.ts';
import { registerSlaJobs } from '../sla.ts';
import * as repo from '../repository.ts';
import type { RequestStatus } from '../model.ts';
import { receiveMailFactory } from '../inbound-mail/receive.ts';
import { sendOutOfHoursReply } from '../settings/out-of-hours.ts';
import { normalisePhoneNumber } from '../../platform/sms/phone.ts';
import type { AcceptedFile, UploadChecker } from '../../platform/files/uploads.ts';

/**
 * The regional first line: the organisation that plays the shared regional contact center and receives what
 * cannot be routed (no service, no usable postal code). easy.brussels (administrative simplification, the
 * Region's online services for citizens) in the demo data; CONTACT_FIRST_LINE overrides it (an organisation code).
 */
export const DEFAULT_FIRST_LINE_ORGANISATION = 'easy-brussels';

/** The throttling window of public submissions and status look-ups (CONTACT_INTAKE_LIMIT per window). */
export const INTAKE_WINDOW_SECONDS = 600;

export const MESSAGE_MAX = 5000;
export const NAME_MAX = 200;
const EMAIL = /^[^\s<>@",;()[\]\\]{1,64}@[^\s<>@",;()[\]\\.]+(\.[^\s<>@",;()[\]\\.]+)+$/;
const SERVICE_CODE = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export interface PublicSubmission {
  serviceCode?: string | null | undefined;
  message?: string | undefined;
  name?: string | undefined;
  email?: string | undefined;
  /** A phone number for the answer (optional; issue 19): kept in E.164 on the party. */
  phone?: string | null | undefined;
  language?: string | undefined;
  postalCode?: string | null | undefined;
}

export interface ValidSubmission {
  serviceCode: string | null;
  message: string;
  name: string;
  email: string;
  phone: string | null;
  language: Language;
  postalCode: string | null;
}

export interface PublicStatus {
  reference: string;
  status: RequestStatus;
  service: { code: string; name: string } | null;
  organisation: string;
  createdAt: string;
  updatedAt: string;
  lastPublicUpdate: { at: string; message: string } | null;
  language: Language;
  /** The surviving request when this one was merged into it (its status is the one shown). */
  mergedInto?: string;
}

/** Checks a submission; every problem becomes a field error (messages in the submission's language). */
export function validateSubmission(input: PublicSubmission): ValidSubmission {
  const fields: FieldError[] = [];
  const str = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
  const message = str(input.message);
  const name = str(input.name);
  const email = str(input.email).toLowerCase();
  const postalCode = str(input.postalCode);
  const serviceCode = str(input.serviceCode);
  const phoneInput = str(input.phone);
  const phone = phoneInput ? (normalisePhoneNumber(phoneInput) ?? null) : null;
  if (phoneInput && !phone) fields.push({ field: 'phone', code: 'validation.phone' });
  if (!isLanguage(input.language)) fields.push({ field: 'language', code: 'contact.field.language_invalid' });
  if (!message) fields.push({ field: 'message', code: 'contact.field.message_required' });
  else if (message.length > MESSAGE_MAX) fields.push({ field: 'message', code: 'contact.field.message_too_long', values: { limit: MESSAGE_MAX } });
  if (!name) fields.push({ field: 'name', code: 'contact.field.name_required' });
  else if (name.length > NAME_MAX) fields.push({ field: 'name', code: 'contact.field.name_too_long', values: { limit: NAME_MAX } });
  if (!email) fields.push({ field: 'email', code: 'contact.field.email_required' });
  else if (email.length > 254 || !EMAIL.test(email)) fields.push({ field: 'email', code: 'contact.field.email_invalid' });
  if (postalCode && !/^[0-9]{4}$/.test(postalCode)) fields.push({ field: 'postalCode', code: 'contact.field.postal_code_invalid' });
  if (serviceCode && (serviceCode.length > 64 || !SERVICE_CODE.test(serviceCode))) fields.push({ field: 'serviceCode', code: 'contact.field.service_unknown' });
  if (fields.length) throw new AppError(400, 'validation.failed', { fields });
  return { serviceCode: serviceCode || null, message, name, email, phone, language: input.language as Language, postalCode: postalCode || null };
}

/** A stable hash of what was submitted, to tell a replay from a different body under the same key. */
export function submissionHash(submission: ValidSubmission): string {
  // The phone joins the list only when given, so that the hashes of earlier keys stay the same.
  const canonical = JSON.stringify([
    submission.serviceCode,
    submission.message,
    submission.name,
    submission.email,
    submission.language,
    submission.postalCode,
    ...(submission.phone ? [submission.phone] : []),
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

export interface ContactCenterDeps {
  mail: MailService;
  jobs: JobRegistry;
  audit: AuditService;
  /** Routing: the requested service and the communes or CPAS of a postal code. */
  catalogue: Pick<CatalogueService, 'serviceByCode' | 'organisationsOfPostalCode'>;
  config: Pick<Config, 'publicUrl' | 'contactFirstLine' | 'contactIntakeLimit' | 'inboundMailSenderLimit' | 'inboundMailClientLimit'>;
  /** Outgoing webhooks: request events emitted in the request's transaction. */
  events?: EventSink | undefined;
  /** Checks and scans files (web form, inbound mail); without it inbound attachments are not kept. */
  uploads?: UploadChecker | undefined;
}

export function contactCenterService(db: Database, { mail, jobs, audit, catalogue, config, events, uploads }: ContactCenterDeps) {
  const deps: CoreDeps = { mail, publicUrl: config.publicUrl, events };
  registerSlaJobs({ db, jobs, mail, publicUrl: config.publicUrl });
  const firstLineCode = config.contactFirstLine ?? DEFAULT_FIRST_LINE_ORGANISATION;

  // Routing reference data changes rarely: a minute in memory keeps the intake at a few statements.
  const cache = new Map<string, { at: number; value: unknown }>();
  async function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
    const hit = cache.get(key);
    if (hit && Date.now() - hit.at < 60_000) return hit.value as T;
    const value = await load();
    if (cache.size > 2000) cache.clear();
    cache.set(key, { at: Date.now(), value });
    return value;
  }

  async function firstLine(): Promise<string> {
    const org = await cached(`org:${firstLineCode}`, () => repo.organisationByCode(db, firstLineCode));
    if (!org) throw new Error(`the regional first line "${firstLineCode}" is not an organisation (CONTACT_FIRST_LINE)`);
    return org.id;
  }

  /**
   * Who answers: the service's competent organisation; for a service of every commune/CPAS, the one of the
   * postal code (when the code belongs to exactly one); otherwise the regional first line.
   */
  async function route(input: { serviceCode: string | null; postalCode: string | null }): Promise<{ organisationId: string; serviceCode: string | null }> {
    if (input.serviceCode) {
      const service = await cached(`service:${input.serviceCode}`, () => catalogue.serviceByCode(input.serviceCode!));
      if (!service || service.status !== 'published') {
        throw new AppError(400, 'validation.failed', { fields: [{ field: 'serviceCode', code: 'contact.field.service_unknown' }] });
      }
      if (service.competentKind === 'organisation' && service.competentOrganisation) {
        return { organisationId: service.competentOrganisation.id, serviceCode: service.code };
      }
      if ((service.competentKind === 'commune' || service.competentKind === 'cpas') && input.postalCode) {
        const kind = service.competentKind;
        const local = await cached(`place:${kind}:${input.postalCode}`, () => catalogue.organisationsOfPostalCode(kind, input.postalCode!));
        if (local.length === 1) return { organisationId: local[0]!.id, serviceCode: service.code };
      }
      return { organisationId: await firstLine(), serviceCode: service.code };
    }
    return { organisationId: await firstLine(), serviceCode: null };
  }

  function toPublicStatus(row: repo.PublicStatusRow, lang: Language): PublicStatus {
    const pick = (text: Record<string, string> | null) => (text ? (text[lang] ?? text.fr ?? text.nl ?? text.en ?? '') : '');
    return {
      reference: row.reference,
      status: row.status,
      service: row.serviceCode ? { code: row.serviceCode, name: pick(row.serviceName) || row.serviceCode } : null,
      organisation: pick(row.organisationName),
      createdAt: new Date(row.createdAt).toISOString(),
      updatedAt: new Date(row.updatedAt).toISOString(),
      lastPublicUpdate: row.lastUpdateAt ? { at: new Date(row.lastUpdateAt).toISOString(), message: row.lastUpdateBody ?? '' } : null,
      language: isLanguage(row.language) ? row.language : 'fr',
    };
  }

  /** A merged request answers with the surviving one's status (a few hops at most), under its own reference. */
  async function followMerge(row: repo.PublicStatusRow, lang: Language): Promise<PublicStatus> {
    let survivor = row;
    for (let hop = 0; hop < 5 && survivor.mergedIntoReference; hop++) {
      const next = await repo.publicStatusByReference(db, survivor.mergedIntoReference);
      if (!next) break;
      survivor = next;
    }
    return survivor === row ? toPublicStatus(row, lang) : { ...toPublicStatus(survivor, lang), reference: row.reference, mergedInto: survivor.reference };
  }

  // The same work whatever is wrong: a dummy comparison when the reference is unknown.
  const DUMMY = Buffer.alloc(32);
  const sameEmail = (stored: string | null, given: string) => {
    const a = createHash('sha256')
      .update(stored ?? '\u0000')
      .digest();
    const b = createHash('sha256').update(given.trim().toLowerCase()).digest();
    return timingSafeEqual(a, b) && stored !== null;
  };

  const receiveMail = receiveMailFactory(db, {
    deps,
    audit,
    uploads,
    limits: { perSender: config.inboundMailSenderLimit, perClient: config.inboundMailClientLimit },
  });

  return {
    /** A signed-in citizen's requests in every organisation, by their verified e-mail address (src/citizens). */
    requestsOfEmail: (email: string) => repo.listRequestsOfEmail(db, email),
    /** A person's requests, messages, tasks and contacts for a data subject request (src/privacy, issue 18). */
    personalData: {
      parties: (q: Queryable, organisationId: string | null, email: string, phone: string | null) => repo.partiesOfPerson(q, organisationId, email, phone),
      export: (q: Queryable, partyIds: string[]) => repo.personalDataOfParties(q, partyIds),
      erase: (tx: Queryable, partyIds: string[]) => repo.eraseParties(tx, partyIds),
      eraseClosedBefore: (tx: Queryable, organisationId: string, days: number) => repo.eraseRequestsClosedBefore(tx, organisationId, days),
    },
    /** Core functions with the receipt e-mail and status links wired (the console calls these). */
    createRequest: (tx: Queryable, input: CreateRequestInput) => createRequest(tx, input, deps),
    addMessage: (tx: Queryable, requestId: string, input: Parameters<typeof addMessage>[2]) => addMessage(tx, requestId, input, deps),
    setStatus: (tx: Queryable, requestId: string, status: Parameters<typeof setStatus>[2], options: Parameters<typeof setStatus>[3] = {}) =>
      setStatus(tx, requestId, status, { ...options, events }),
    /** A contact (counter visit, call) in the caller's transaction: the queues record a finished ticket with it. */
    recordContact,
    route,
    receiveMail,

    /**
     * A public submission (web form or API). With an idempotency key, the key is claimed in the same
     * transaction as the request (createRequest's first statement): a replay, even concurrent, answers the
     * first reference; the same key with another body is refused (422). Files come already checked and
     * scanned (platform/files/uploads.ts) and are stored in the request's transaction.
     */
    async submit(
      input: PublicSubmission,
      options: { idempotencyKey?: string | undefined; scope: string; now?: Date; attachments?: AcceptedFile[] | undefined },
    ): Promise<{ reference: string; created: boolean }> {
      const submission = validateSubmission(input);
      const routed = await route(submission);
      if (options.idempotencyKey !== undefined && (options.idempotencyKey.length < 1 || options.idempotencyKey.length > 200)) {
        throw new AppError(400, 'contact.idempotency_key_invalid');
      }
      const bodyHash = submissionHash(submission);
      const idempotency = options.idempotencyKey ? { scope: options.scope, key: options.idempotencyKey, bodyHash } : undefined;
      try {
        return await db.transaction(async (tx) => {
          const created = await createRequest(
            tx,
            {
              organisationId: routed.organisationId,
              channel: 'web',
              language: submission.language,
              serviceCode: routed.serviceCode,
              subject: submission.message.split('\n')[0]!.slice(0, 120),
              message: submission.message,
              party: {
                name: submission.name,
                email: submission.email,
                ...(submission.phone ? { phone: submission.phone } : {}),
                postalCode: submission.postalCode,
                language: submission.language,
              },
              startedAt: options.now,
              attachments: options.attachments,
              idempotency,
            },
            deps,
          );
          // Outside business hours, the automatic reply of the organisation's web form (when it is on).
          await sendOutOfHoursReply(tx, mail, {
            id: created.id,
            reference: created.reference,
            organisationId: routed.organisationId,
            channel: 'web',
            serviceCode: routed.serviceCode,
            language: submission.language,
            email: submission.email,
            receivedAt: options.now ?? new Date(),
          });
          return { reference: created.reference, created: true };
        });
      } catch (error) {
        // A replay, even concurrent: the claim waited for the first transaction, which has committed.
        if (!(error instanceof DuplicateSubmission)) throw error;
        const first = await repo.idempotencyKey(db, error.scope, error.key);
        if (!first) throw new Error('idempotency key vanished', { cause: error });
        if (first.bodyHash !== bodyHash) throw new AppError(422, 'contact.idempotency_key_reused');
        return { reference: first.reference, created: false };
      }
    },

    /** Status by reference and e-mail; an unknown reference and a wrong e-mail give the same 404. */
    async publicStatus(reference: string, email: string, lang: Language): Promise<PublicStatus> {
      const canonical = normaliseReference(reference ?? '');
      const row = canonical ? await repo.publicStatusByReference(db, canonical) : undefined;
      const match = row ? sameEmail(row.partyEmail, email ?? '') : (timingSafeEqual(DUMMY, DUMMY), false);
      if (!row || !match) throw new AppError(404, 'contact.status_not_found');
      return followMerge(row, lang);
    },

    /** Status through the receipt's link. */
    async statusByToken(token: string, lang: Language): Promise<PublicStatus> {
      const row = /^[A-Za-z0-9_-]{20,100}$/.test(token) ? await repo.publicStatusByTokenHash(db, hashStatusToken(token)) : undefined;
      if (!row) throw new AppError(404, 'contact.status_not_found');
      return followMerge(row, lang);
    },

    /** Counts a public submission or status look-up of an address; 429 above the limit. */
    async throttle(address: string): Promise<void> {
      if (config.contactIntakeLimit === 0) return;
      const hash = createHash('sha256').update(`cc-intake:${address}`).digest('hex').slice(0, 32);
      const hits = await repo.countIntakeHit(db, hash, INTAKE_WINDOW_SECONDS);
      if (hits > config.contactIntakeLimit) {
        throw new AppError(429, 'contact.too_many_requests', { headers: { 'retry-after': String(INTAKE_WINDOW_SECONDS) } });
      }
    },

    /**
     * Counts one hit of a hashed client address in its window and returns the hits so far: the per-address
     * limit of public forms (this intake, the satisfaction widget) kept in one table.
     */
    countAddressHit: (addressHash: string, windowSeconds: number) => repo.countIntakeHit(db, addressHash, windowSeconds),

    /** Audit entry of a refused public post (honeypot filled, …); no personal data is kept. */
    recordRefusal: (reason: string, httpRequestId?: string) =>
      recordAuditEntry(db, {
        actorAccountId: null,
        actorOrganisationId: null,
        action: 'denied',
        subjectType: 'contact_form',
        subjectId: null,
        organisationId: null,
        requestId: httpRequestId ?? null,
        details: { reason },
      }),

    purgeExpired: async () => {
      await repo.purgeIntakeThrottle(db);
      await repo.purgeIdempotencyKeys(db, 30);
      await repo.purgeInboundMail(db);
    },
  };
}

export type ContactCenterService = ReturnType<typeof contactCenterService>;
