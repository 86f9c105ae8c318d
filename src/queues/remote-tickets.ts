// Remote queue tickets (issue 19 part 4a, decision 0061): a visitor takes a ticket online before leaving home,
// when the contact point allows it (and the service is not left out), while it is open and under its daily cap.
// The ticket is in line from that moment ('remote': counted ahead of later tickets and in every estimate) but
// no counter calls it before it is checked in, at the kiosk with its code (typed, or scanned from the QR code of
// its page) or by an agent with its code or number; then it waits at the place it took. Not checked in by its
// deadline (the point's grace period, never past closing), it is released by a job and its holder told.
import { randomBytes } from 'node:crypto';
import type { Database, Queryable } from '../platform/db/database.ts';
import { AppError, type FieldError } from '../platform/http/errors.ts';
import type { Language } from '../platform/i18n/languages.ts';
import { pickText } from '../platform/i18n/languages.ts';
import { translator } from '../platform/i18n/messages.ts';
import { formatTime } from '../platform/i18n/format.ts';
import { enqueue } from '../platform/jobs/queue.ts';
import type { JobRegistry } from '../platform/jobs/registry.ts';
import type { mailService } from '../platform/mail/service.ts';
import type { ContactPointDetail, OpeningStatus } from '../contactpoints/service.ts';
import type { Actor } from '../identity/actor.ts';
import { EMAIL } from '../appointments/contact.ts';
import { gsmSafe } from '../appointments/sms-notices.ts';
import * as repo from './repository.ts';
import * as remoteRepo from './remote-repository.ts';
import type { TicketRecord } from './repository.ts';
import type { QueueSms } from './alerts.ts';
import { displayNumber, ticketDay } from './rules.ts';
import type { IssuedTicket, IssueInput, ServiceWait } from './views.ts';
import type { RemoteSettings } from './remote-repository.ts';

export const REMOTE_RELEASE_JOB = 'queue.remote_release';

/** A deadline closer than this (the point closes soon) is no time to come: no remote ticket then. */
export const MIN_CHECK_IN_MINUTES = 15;

// 32 letters and digits without the ones read alike (0/O, 1/I): a byte modulo 32 is unbiased.
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const CHECK_IN_CODE = /^[A-HJ-NP-Z2-9]{6}$/;

export function newCheckInCode(): string {
  return [...randomBytes(6)].map((byte) => CODE_ALPHABET[byte % 32]).join('');
}

/** What a visitor typed or a scanner sent (the QR code holds the bare code): upper case, no spaces or dashes. */
export function normaliseCheckInCode(value: string): string {
  return value.trim().toUpperCase().replace(/[\s-]/g, '');
}

/** The check-in deadline of a ticket taken now: the grace period, cut at closing; null when too little is left. */
export function checkInDeadline(now: Date, graceMinutes: number, status: Pick<OpeningStatus, 'openNow' | 'nextChange'>): Date | null {
  if (!status.openNow) return null;
  let by = now.getTime() + graceMinutes * 60_000;
  if (status.nextChange?.kind === 'closes') by = Math.min(by, new Date(status.nextChange.at).getTime());
  return by - now.getTime() >= MIN_CHECK_IN_MINUTES * 60_000 ? new Date(by) : null;
}

export interface RemoteIssuedTicket extends IssuedTicket {
  checkInCode: string;
  checkInBy: string;
}

/** Why a point gives no remote ticket now (the public page says it in words). */
export type RemoteUnavailable = 'not_offered' | 'closed' | 'too_late' | 'full';

export interface RemoteOffer {
  point: ContactPointDetail;
  settings: RemoteSettings;
  /** The point's queues open to remote tickets, with their wait (the one estimate) and whether any is left. */
  services: Array<{ wait: ServiceWait; available: boolean }>;
  unavailable: RemoteUnavailable | null;
  /** The check-in deadline a ticket taken now would have. */
  checkInBy: Date | null;
}

export interface RemoteTicketInput extends Omit<IssueInput, 'priorityCategory'> {
  email?: string | null | undefined;
}

type MailSender = Pick<ReturnType<typeof mailService>, 'send'>;

export function remoteTicketsPart(
  db: Database,
  deps: {
    pointOr404: (id: string, now: Date) => Promise<ContactPointDetail>;
    issue: (
      point: ContactPointDetail,
      input: IssueInput & {
        actor: Actor | null;
        remote: { code: string; checkInBy: Date; email: string | null; then: (tx: Queryable, ticket: TicketRecord, ticketUrl: string) => Promise<void> };
      },
      now: Date,
      within: Queryable,
    ) => Promise<IssuedTicket>;
    waits: (point: ContactPointDetail, now: Date) => Promise<ServiceWait[]>;
    announceQueue: (q: Queryable, contactPointId: string, serviceCode: string) => Promise<void>;
    publicUrl: string;
    jobs?: JobRegistry | undefined;
    mail?: MailSender | undefined;
    sms?: QueueSms | undefined;
  },
) {
  const pointName = async (q: Queryable, contactPointId: string, lang: Language) => {
    const { rows } = await q.query<{ name: { fr: string; nl: string; en?: string } }>('SELECT name FROM contact_points WHERE id = $1', [contactPointId]);
    return rows[0] ? pickText(rows[0].name, lang).text : '';
  };

  /** The holder's notices (the ticket link when taken, the release): by e-mail and text as they left them. */
  async function notify(tx: Queryable, ticket: TicketRecord, kind: 'taken' | 'released', ticketUrl: string | null) {
    const lang = ticket.language;
    const t = translator(lang);
    const values = {
      number: displayNumber(ticket.prefix, ticket.number),
      place: await pointName(tx, ticket.contactPointId, lang),
      code: ticket.checkInCode ?? '',
      time: ticket.checkInBy ? formatTime(new Date(ticket.checkInBy), lang) : '',
      url: ticketUrl ?? '',
    };
    if (deps.mail && ticket.email) {
      await deps.mail.send(
        {
          to: ticket.email,
          subject: t(`queues.remote.mail.${kind}Subject`, values),
          text: t(`queues.remote.mail.${kind}Text`, values),
          language: lang,
          purpose: `queue.remote_${kind}`,
          organisationId: ticket.organisationId,
        },
        { tx },
      );
    }
    // The link and the code (a holder who left only a number has no other way back to the page), then the
    // release; the "your turn is near" and "called" texts follow as for every ticket.
    if (deps.sms && ticket.phone) {
      await deps.sms.send(
        {
          to: ticket.phone,
          text: gsmSafe(t(`queues.remote.sms.${kind}`, values)),
          language: lang,
          purpose: `queue.remote_${kind}`,
          organisationId: ticket.organisationId,
        },
        { tx },
      );
    }
  }

  deps.jobs?.register<{ ticketId: string }>(REMOTE_RELEASE_JOB, async ({ ticketId }) => {
    await releaseDue(ticketId, new Date());
  });

  /** Releases one remote ticket past its deadline, tells its holder and forgets their contact details. */
  async function releaseDue(ticketId: string, now: Date): Promise<boolean> {
    return db.transaction(async (tx) => {
      const ticket = await remoteRepo.releaseIfDue(tx, ticketId, now);
      if (!ticket) return false; // checked in, or already ended
      await notify(tx, ticket, 'released', null);
      await repo.erasePhoneOfEnded(tx, ticket.id);
      await deps.announceQueue(tx, ticket.contactPointId, ticket.serviceCode);
      return true;
    });
  }

  async function offer(contactPointId: string, now: Date): Promise<RemoteOffer> {
    const point = await deps.pointOr404(contactPointId, now);
    const settings = await remoteRepo.remoteSettings(db, point.id);
    const [waits, perService, queues] = await Promise.all([
      deps.waits(point, now),
      remoteRepo.serviceRemote(db, point.id),
      repo.listQueueServices(db, point.id, true),
    ]);
    const day = ticketDay(now);
    const services: RemoteOffer['services'] = [];
    let anyLeft = false;
    for (const queue of queues) {
      const own = perService.get(queue.id);
      if (!settings.allowed || !own?.allowed) continue;
      const taken = await remoteRepo.remoteTakenToday(db, point.id, day, queue.id);
      const available = taken.point < settings.dailyCap && (own.dailyCap === null || taken.service < own.dailyCap);
      anyLeft ||= available;
      const wait = waits.find((w) => w.serviceCode === queue.serviceCode);
      if (wait) services.push({ wait, available });
    }
    const checkInBy = checkInDeadline(now, settings.graceMinutes, point.status);
    const unavailable: RemoteUnavailable | null =
      services.length === 0 ? 'not_offered' : !point.status.openNow ? 'closed' : !checkInBy ? 'too_late' : !anyLeft ? 'full' : null;
    return { point, settings, services, unavailable, checkInBy };
  }

  const refuse = (status: number, code: string, field: string, message: string, values?: Record<string, string | number>): never => {
    throw new AppError(status, code, { values, fields: [{ field, code: message, values }] });
  };

  return {
    /** The public page's offer: the services open to remote tickets, their waits, and why not when it is not. */
    remoteOffer: (contactPointId: string, now: Date = new Date()) => offer(contactPointId, now),

    /**
     * Takes a ticket online. 404 unknown point; 400 service not open to remote tickets or bad contact details;
     * 409 closed, closing too soon or the day's cap reached. The cap holds under concurrent takers: the point's
     * settings row is locked before the day's remote tickets are counted, in the issuing transaction.
     */
    async takeRemoteTicket(contactPointId: string, input: RemoteTicketInput, now: Date = new Date()): Promise<RemoteIssuedTicket> {
      const point = await deps.pointOr404(contactPointId, now);
      const email = input.email?.trim() || null;
      const fields: FieldError[] = [];
      if (email && (!EMAIL.test(email) || email.length > 254)) fields.push({ field: 'email', code: 'queues.remote.error.email' });
      if (fields.length) throw new AppError(400, 'validation.failed', { fields });
      if (!point.status.openNow) throw new AppError(409, 'queue.point_closed', { fields: [{ field: 'serviceCode', code: 'errors.queue.point_closed' }] });
      return db.transaction(async (tx) => {
        const settings = await remoteRepo.lockRemoteSettings(tx, point.id);
        const queue = (await repo.listQueueServices(tx, point.id, true)).find((s) => s.serviceCode === input.serviceCode);
        const own = queue ? (await remoteRepo.serviceRemote(tx, point.id)).get(queue.id) : undefined;
        if (!settings?.allowed || !queue || !own?.allowed) refuse(400, 'queue.remote_not_offered', 'serviceCode', 'queues.remote.error.notOffered');
        const checkInBy = checkInDeadline(now, settings!.graceMinutes, point.status);
        if (!checkInBy) refuse(409, 'queue.remote_too_late', 'serviceCode', 'queues.remote.error.tooLate');
        const day = ticketDay(now);
        const taken = await remoteRepo.remoteTakenToday(tx, point.id, day, queue!.id);
        if (taken.point >= settings!.dailyCap || (own!.dailyCap !== null && taken.service >= own!.dailyCap)) {
          refuse(409, 'queue.remote_full', 'serviceCode', 'queues.remote.error.full');
        }
        // No other remote taker of this point runs now (the lock above): a code seen free stays free.
        let code = newCheckInCode();
        while (await remoteRepo.checkInCodeTaken(tx, point.id, day, code)) code = newCheckInCode();
        const issued = await deps.issue(
          point,
          {
            serviceCode: queue!.serviceCode,
            language: input.language,
            phone: input.phone ?? null,
            actor: null,
            remote: {
              code,
              checkInBy: checkInBy!,
              email,
              then: async (q, ticket, ticketUrl) => {
                await enqueue(q, REMOTE_RELEASE_JOB, { ticketId: ticket.id }, { runAt: checkInBy!, uniqueKey: ticket.id, maxAttempts: 5 });
                await notify(q, ticket, 'taken', ticketUrl);
              },
            },
          },
          now,
          tx,
        );
        return { ...issued, checkInCode: code, checkInBy: checkInBy!.toISOString() };
      });
    },

    /**
     * Checks in a remote ticket at its point: at the kiosk by its code, by an agent by its code or its number.
     * 400 with a field error when no ticket of today's waits for that (unknown, already in, released).
     */
    async checkInRemote(contactPointId: string, value: string, options: { byNumber: boolean; field: string }, now: Date = new Date()): Promise<TicketRecord> {
      const point = await deps.pointOr404(contactPointId, now);
      const code = normaliseCheckInCode(value);
      const shaped = CHECK_IN_CODE.test(code) || (options.byNumber && /^[A-Z]{1,2}[0-9]{3,6}$/.test(code));
      return db.transaction(async (tx) => {
        const ticket = shaped
          ? await remoteRepo.checkIn(tx, { contactPointId: point.id, day: ticketDay(now), code, byNumber: options.byNumber, now })
          : undefined;
        if (!ticket) refuse(400, 'queue.remote_unknown', options.field, 'queues.remote.error.unknownCode');
        await deps.announceQueue(tx, point.id, ticket!.serviceCode);
        return ticket!;
      });
    },

    /** The release job's work, also for tests and a manual sweep: true when the ticket was released now. */
    releaseRemoteTicket: releaseDue,
  };
}
