// Outgoing text messages, as e-mail (src/platform/mail): send() stores the message and queues an sms.send job
// in the caller's transaction, so nothing is lost while the gateway is away; the job hands it to the SMSC over
// SMPP (SMPP_URL) and is retried with backoff; delivery receipts complete the record. Without SMPP_URL
// (development, demo) messages are captured: kept and readable by platform administrators at
// /{lang}/admin/sms. A number whose owner answered STOP gets nothing more. Logs carry ids and statuses only.
import type { Config } from '../../config.ts';
import type { Database, Queryable } from '../db/database.ts';
import type { Language } from '../i18n/languages.ts';
import { AppError } from '../http/errors.ts';
import type { Actor } from '../../identity/actor.ts';
import type { AuditService } from '../../audit/service.ts';
import { enqueue } from '../jobs/queue.ts';
import { PermanentJobError, type JobRegistry } from '../jobs/registry.ts';
import { describeJobError } from '../jobs/worker.ts';
import { authorise } from '../../identity/guards.ts';
import { isUuid } from '../http/schemas.ts';
import { canReadTextMessages } from './authorisation.ts';
import { createSmppGateway, SmppError, type SmsGateway, type SmsReceipt } from './gateway.ts';
import { smsLength } from './gsm.ts';
import { normalisePhoneNumber } from './phone.ts';
import {
  addOptOut,
  applySmsReceipt,
  getSms,
  insertSms,
  listSms,
  markSmsCaptured,
  markSmsSubmitted,
  purgeOldSms,
  recordSmsFailure,
  removeOptOut,
  smsStatistics,
  smsOfPerson,
  eraseSms,
  type SmsStatus,
} from './repository.ts';

/**
 * The privacy service's check of a platform administrator's reach into an organisation's citizens' data (decision
 * 0049): `readable` keeps a list's rows, `require` refuses one message (403) without a live support access.
 */
export interface CitizenDataAccess {
  readable?: (organisationId: string | null) => boolean;
  require?: (organisationId: string | null) => Promise<void>;
}

export const SMS_SEND_JOB = 'sms.send';
/** With the worker's backoff (10 s doubling to 1 h) about 6 hours: a reminder later than that is useless. */
export const SMS_MAX_ATTEMPTS = 12;
/** Three parts at most: IrisDesk's texts are short notices with a link, never letters. */
export const SMS_MAX_SEGMENTS = 3;
const PURPOSE = /^[a-z][a-z0-9_.-]{0,99}$/;
/** Answers that mean "no more messages", in the Region's languages and the operators' usual keywords. */
const STOP_WORDS = new Set(['STOP', 'ARRET', 'ARRÊT', 'STOPPEN', 'UIT', 'UNSUBSCRIBE', 'STOP ALL']);
const START_WORDS = new Set(['START', 'UNSTOP']);

export interface OutgoingSms {
  /** A phone number as the person gave it; normalised to E.164 here. */
  to: string;
  text: string;
  language: Language;
  /** What the message is for: "appointment.reminder", "queue.called". */
  purpose?: string;
  organisationId?: string | null;
}

export interface SmsServiceDeps {
  db: Database;
  config: Pick<Config, 'smppUrl' | 'smsSender' | 'smsRetentionDays'>;
  jobs: JobRegistry;
  audit: AuditService;
  log?: { warn(object: object, message: string): void };
}

export function smsService({ db, config, jobs, audit, log }: SmsServiceDeps) {
  const gateway: SmsGateway | undefined = config.smppUrl
    ? createSmppGateway(config.smppUrl, {
        onReceipt: (receipt) => applyReceipt(receipt),
        onInbound: async ({ from, text }) => {
          const word = text.trim().toUpperCase();
          if (STOP_WORDS.has(word)) await addOptOut(db, from, 'reply');
          else if (START_WORDS.has(word)) await removeOptOut(db, from);
        },
        onError: (error) => log?.warn({ err: describeJobError(error) }, 'SMS gateway error'),
      })
    : undefined;
  const mode: 'smpp' | 'capture' = gateway ? 'smpp' : 'capture';

  async function applyReceipt({ messageId, state }: SmsReceipt): Promise<void> {
    const outcome = state === 'DELIVRD' ? 'delivered' : state === 'ENROUTE' || state === 'ACCEPTD' ? 'pending' : 'failed';
    await applySmsReceipt(db, messageId, outcome, `delivery receipt: ${state}`);
  }

  jobs.register<{ smsId: string }>(
    SMS_SEND_JOB,
    async (payload, job) => {
      const sms = typeof payload?.smsId === 'string' && isUuid(payload.smsId) ? await getSms(db, payload.smsId) : undefined;
      if (!sms) throw new PermanentJobError('no such text message (purged?)');
      if (sms.status !== 'queued' || sms.body === null) return;
      if (!gateway) {
        // SMPP_URL was removed after the message was queued: keep it readable rather than drop it.
        await markSmsCaptured(db, sms.id, job.attempts);
        return;
      }
      try {
        const gatewayId = await gateway.submit({ to: sms.to_number, from: config.smsSender, text: sms.body });
        await markSmsSubmitted(db, sms.id, job.attempts, gatewayId);
      } catch (error) {
        const permanent = error instanceof SmppError && error.permanent;
        const description = describeJobError(error);
        await recordSmsFailure(db, sms.id, job.attempts, description, permanent || job.isLastAttempt);
        if (permanent) throw new PermanentJobError(description, { cause: error });
        throw error;
      }
    },
    { leaseMs: 60_000 },
  );

  return {
    /** A person's text messages for a data subject request (src/privacy, issue 18): found by number, blanked on erasure. */
    personalData: {
      export: (q: Queryable, organisationId: string | null, phone: string) => smsOfPerson(q, organisationId, phone),
      erase: (tx: Queryable, ids: string[]) => eraseSms(tx, ids),
    },

    /** "smpp" when SMPP_URL is set, else "capture". */
    mode,

    /**
     * Stores a message and queues its delivery; pass the caller's transaction so that it leaves only if the
     * caller's change commits. A number that opted out is recorded as such and gets nothing ("opted_out").
     * Refuses an invalid number or an over-long text (400).
     */
    async send(sms: OutgoingSms, options: { tx?: Queryable } = {}): Promise<{ id: string; status: SmsStatus }> {
      const to = normalisePhoneNumber(sms.to);
      if (!to) throw new AppError(400, 'sms.invalid', { fields: [{ field: 'to', code: 'validation.phone' }] });
      const text = sms.text.trim();
      const length = smsLength(text);
      if (!text || length.segments > SMS_MAX_SEGMENTS) throw new AppError(400, 'sms.invalid', { fields: [{ field: 'text', code: 'validation.invalid' }] });
      const purpose = sms.purpose ?? 'other';
      if (!PURPOSE.test(purpose)) throw new AppError(400, 'sms.invalid', { fields: [{ field: 'purpose', code: 'validation.invalid' }] });
      const row = {
        organisationId: sms.organisationId ?? null,
        purpose,
        language: sms.language,
        to,
        body: text,
        encoding: length.encoding,
        segments: length.segments,
      };
      const run = async (q: Queryable) => {
        const stored = await insertSms(q, row, mode === 'smpp' ? 'queued' : 'captured');
        if (stored.status === 'queued') await enqueue(q, SMS_SEND_JOB, { smsId: stored.id }, { maxAttempts: SMS_MAX_ATTEMPTS });
        return stored;
      };
      return options.tx ? run(options.tx) : db.transaction(run);
    },

    // ---- back office (platform administrators)
    async list(
      actor: Actor,
      filter: { status?: SmsStatus | undefined; to?: string | undefined; limit?: number | undefined },
      requestId?: string,
      access: CitizenDataAccess = {},
    ) {
      authorise(canReadTextMessages(actor));
      const to = filter.to?.trim() ? (normalisePhoneNumber(filter.to) ?? filter.to.trim()) : null;
      const messages = await listSms(db, { status: filter.status ?? null, to, limit: Math.min(filter.limit ?? 100, 500) });
      const shown = access.readable ? messages.filter((message) => access.readable!(message.organisation_id)) : messages;
      await audit.record(actor, 'read', { type: 'sms_messages', id: null, organisationId: null }, requestId, { count: shown.length });
      return { messages: shown, hidden: messages.length - shown.length, statistics: await smsStatistics(db), mode };
    },

    async get(actor: Actor, id: string, requestId?: string) {
      authorise(canReadTextMessages(actor));
      const sms = isUuid(id) ? await getSms(db, id) : undefined;
      if (!sms) throw new AppError(404, 'sms.not_found');
      await audit.record(actor, 'read', { type: 'sms_message', id: sms.id, organisationId: sms.organisation_id }, requestId);
      return sms;
    },

    /** Messages by status (the SMS page, /metrics). */
    statistics: () => smsStatistics(db),

    /** Forgets message records older than SMS_RETENTION_DAYS (housekeeping). */
    purgeExpired: () => purgeOldSms(db, config.smsRetentionDays),

    /** Ends the SMPP session (unbind) when the process stops. */
    close: async () => gateway?.close(),
  };
}

export type SmsService = ReturnType<typeof smsService>;
