// The rules of appointments: slots from the opening hours and the booking rules, booking with one seat per
// capacity unit enforced by the database, confirmation / reminder / cancellation e-mails with an iCalendar
// attachment, cancel and move links (hashed tokens), the waiting list, agent views and settings.
//
// Seams for other modules (the queue helper, contact records):
//   services.appointments.checkInIn(tx, contactPointId, reference, actor?) → the appointment, now 'arrived'
//   services.appointments.appointmentsDueToday(contactPointId)  → today's appointments still expected
//   services.appointments.recordSeen(reference, actor?)         → the appointment, now 'seen'
//   services.appointments.recordSeenIn(tx, appointmentId, actor?) → the same in the caller's transaction (queue finish)
import type { EventSink } from '../integrations/service.ts';
import { createHash, randomBytes } from 'node:crypto';
import type { Database, Queryable } from '../platform/db/database.ts';
import { AppError } from '../platform/http/errors.ts';
import type { Actor } from '../identity/actor.ts';
import { recordAuditEntry } from '../audit/service.ts';
import type { Language, LocalizedText } from '../platform/i18n/languages.ts';
import { pickText } from '../platform/i18n/languages.ts';
import { translator } from '../platform/i18n/messages.ts';
import { formatDate, formatTime } from '../platform/i18n/format.ts';
import { addDays, brusselsDate, startOfBrusselsDay, toBrusselsIso } from '../platform/calendar/brussels-time.ts';
import { OpeningHoursError, type OpeningSchedule } from '../platform/calendar/opening-hours.ts';
import { cachedSchedule, type contactPointService } from '../contactpoints/service.ts';
import type { CatalogueService } from '../catalogue/service.ts';
import { enqueue, cancelJob } from '../platform/jobs/queue.ts';
import type { JobRegistry } from '../platform/jobs/registry.ts';
import type { mailService } from '../platform/mail/service.ts';
import { buildIcs } from './ics.ts';
import { personContact } from './contact.ts';
import { appointmentSmsText, type SmsNoticeKind } from './sms-notices.ts';
import type { smsService } from '../platform/sms/service.ts';
import { appointmentSettingsService } from './settings-service.ts';
import { CODE, fieldError, parseDate } from './fields.ts';
export { parseDate } from './fields.ts';
export { validateSettings, type SettingsInput } from './settings-service.ts';
import { bookingWindow, computeSlots, type Closure, type Slot } from './slots.ts';
import * as repo from './repository.ts';
import type { AppointmentRecord, AppointmentStatus, SettingsRecord } from './repository.ts';
import { appointmentScope, canServeAppointments } from './authorisation.ts';
import { isUuid } from '../platform/http/schemas.ts';
import { authorise } from '../identity/guards.ts';

export const REMINDER_JOB = 'appointment.reminder';
export const REMINDER_HOURS = 48;
const TOKEN = /^[A-Za-z0-9_-]{32}$/;
const REFERENCE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
/** How many alternatives a refused booking proposes. */
export const ALTERNATIVES = 5;

export interface PublicSlot {
  start: string;
  end: string;
}

export interface BookingInput {
  contactPointId: string;
  serviceCode: string;
  start: string;
  name: string;
  /** One of the two at least (issue 19): confirmation and reminders go to each one given. */
  email?: string | undefined;
  phone?: string | undefined;
  language: Language;
}

export interface BookedAppointment {
  reference: string;
  status: AppointmentStatus;
  contactPointId: string;
  serviceCode: string;
  start: string;
  end: string;
  language: Language;
  /** The secret link to cancel or move it (also in the confirmation e-mail). */
  manageUrl: string;
}

/** Thrown when the slot is taken: a 409 whose body also proposes the next free slots. */
export class SlotTakenError extends AppError {
  constructor(readonly alternatives: PublicSlot[]) {
    super(409, 'appointment.slot_taken', { fields: [{ field: 'start', code: 'appointments.slotTaken' }] });
  }
}

export const toPublicSlot = (slot: { start: Date; end: Date }): PublicSlot => ({ start: toBrusselsIso(slot.start), end: toBrusselsIso(slot.end) });
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

function newReference(): string {
  const bytes = randomBytes(8);
  let out = '';
  for (const byte of bytes) out += REFERENCE_ALPHABET[byte % REFERENCE_ALPHABET.length];
  return `RDV-${out.slice(0, 4)}-${out.slice(4)}`;
}

type ContactPoints = ReturnType<typeof contactPointService>;
type Mail = ReturnType<typeof mailService>;
type Sms = Pick<ReturnType<typeof smsService>, 'send'>;

export function appointmentService(deps: {
  db: Database;
  contactPoints: ContactPoints;
  catalogue: Pick<CatalogueService, 'serviceByCode' | 'organisationsOfPostalCode'>;
  mail: Mail;
  /** Text messages (services.sms) for the people who gave a mobile number. */
  sms: Sms;
  jobs: JobRegistry;
  publicUrl: string;
  /** The sender of the e-mails (MAIL_FROM), the calendar events' organiser address. */
  mailFrom: string;
  /** Outgoing webhooks (services.integrations): appointment.booked / .moved / .cancelled in the change's transaction. */
  events?: EventSink | undefined;
}) {
  const { db, contactPoints, catalogue, mail, sms, jobs, publicUrl } = deps;
  const settingsPart = appointmentSettingsService({ db, contactPoints, catalogue });
  const organizerEmail = /<([^<>]+)>$/.exec(deps.mailFrom)?.[1] ?? deps.mailFrom;
  /** An appointment event for the organisation's webhooks: reference, point, service and times; the person only with personal-data. */
  const emitEvent = (
    tx: Queryable,
    type: 'appointment.booked' | 'appointment.moved' | 'appointment.cancelled',
    a: {
      organisationId: string;
      reference: string;
      contactPointId: string;
      serviceCode: string;
      startsAt: Date;
      endsAt: Date;
      name: string;
      email: string | null;
      phone: string | null;
    },
  ) =>
    deps.events?.emit(tx, a.organisationId, type, {
      subject: a.reference,
      data: {
        reference: a.reference,
        status: type === 'appointment.cancelled' ? 'cancelled' : 'booked',
        contactPointId: a.contactPointId,
        serviceCode: a.serviceCode,
        start: a.startsAt.toISOString(),
        end: a.endsAt.toISOString(),
      },
      personal: { name: a.name, email: a.email, phone: a.phone },
    });

  // ---- slots

  async function scheduleFor(settings: SettingsRecord): Promise<OpeningSchedule> {
    if (settings.openingHours) return cachedSchedule(settings.openingHours, settings.holidayCalendar);
    return contactPoints.scheduleOf(settings.contactPointId);
  }

  /** Every slot (free or full) starting in [from, to) under the rules at `now`. */
  async function slotsBetween(q: Queryable, settings: SettingsRecord, from: Date, to: Date, now: Date): Promise<Slot[]> {
    return (await slotsAndClosures(q, settings, from, to, now)).slots;
  }

  async function slotsAndClosures(q: Queryable, settings: SettingsRecord, from: Date, to: Date, now: Date): Promise<{ slots: Slot[]; closures: Closure[] }> {
    const schedule = await scheduleFor(settings);
    let intervals;
    try {
      intervals = schedule.openIntervals(from, to);
    } catch (error) {
      if (error instanceof OpeningHoursError) return { slots: [], closures: [] };
      throw error;
    }
    if (intervals.length === 0) return { slots: [], closures: [] };
    const reach = new Date(to.getTime() + (settings.durationMinutes + settings.bufferMinutes) * 60_000);
    const lookBack = new Date(from.getTime() - 24 * 3_600_000);
    const [closures, held] = await Promise.all([
      repo.listClosures(q, settings.contactPointId, settings.serviceId, from, reach),
      repo.listHeld(q, settings.contactPointId, settings.serviceId, lookBack, reach),
    ]);
    const periods = closures.map((c) => ({ start: new Date(c.startsAt), end: new Date(c.endsAt), seats: c.seats }));
    return { slots: computeSlots({ intervals, rules: settings, closures: periods, booked: held, now }), closures: periods };
  }

  /** Free slots from a date, at most `days` days and `limit` slots, soonest first. */
  async function freeSlots(settings: SettingsRecord, fromDate: string, days: number, now: Date, limit = 500): Promise<Slot[]> {
    const { latest } = bookingWindow(settings, now);
    const from = startOfBrusselsDay(fromDate);
    const to = new Date(Math.min(startOfBrusselsDay(addDays(fromDate, days)).getTime(), latest.getTime() + 1));
    if (to <= from) return [];
    return (await slotsBetween(db, settings, from, to, now)).filter((slot) => slot.free > 0).slice(0, limit);
  }

  /** The next free slots after an instant, looking a fortnight at a time up to the horizon. */
  async function nextFree(settings: SettingsRecord, after: Date, now: Date, count: number): Promise<Slot[]> {
    const { latest } = bookingWindow(settings, now);
    const found: Slot[] = [];
    let day = brusselsDate(after > now ? after : now);
    while (found.length < count && startOfBrusselsDay(day) <= latest) {
      for (const slot of await freeSlots(settings, day, 14, now)) {
        if (slot.start > after) found.push(slot);
        if (found.length >= count) break;
      }
      day = addDays(day, 14);
    }
    return found;
  }

  // Everyone who loses a race for a slot asks for the same alternatives at the same moment: they share one
  // computation for a second (the list is advice; the booking itself is always checked by the database).
  const alternativesMemo = new Map<string, { at: number; slots: Promise<PublicSlot[]> }>();
  function alternativesAfter(settings: SettingsRecord, after: Date, now: Date): Promise<PublicSlot[]> {
    const key = `${settings.id}:${settings.version}:${after.getTime()}`;
    const hit = alternativesMemo.get(key);
    if (hit && Math.abs(now.getTime() - hit.at) < 1_000) return hit.slots;
    if (alternativesMemo.size > 1000) alternativesMemo.clear();
    const slots = nextFree(settings, after, now, ALTERNATIVES).then((list) => list.map(toPublicSlot));
    slots.catch(() => alternativesMemo.delete(key));
    alternativesMemo.set(key, { at: now.getTime(), slots });
    return slots;
  }

  /** Settings a public request may book: the point exists and is open, the service is offered there. */
  async function bookable(contactPointId: string, serviceCode: string, fieldOfService = 'serviceCode', fieldOfPoint?: string): Promise<SettingsRecord> {
    if (!isUuid(contactPointId)) throw fieldOfPoint ? fieldError(fieldOfPoint, 'appointments.pointUnknown') : new AppError(404, 'contact_point.not_found');
    // One query in the usual case (settings joined with their point); the point alone only to explain a refusal.
    const settings = CODE.test(serviceCode) && serviceCode.length <= 64 ? await repo.findSettings(db, contactPointId, serviceCode) : undefined;
    const point = settings ? { active: settings.pointActive } : await contactPoints.find(contactPointId);
    if (!point) throw fieldOfPoint ? fieldError(fieldOfPoint, 'appointments.pointUnknown') : new AppError(404, 'contact_point.not_found');
    if (!point.active) throw new AppError(400, 'appointment.point_closed', { fields: [{ field: fieldOfPoint ?? 'point', code: 'appointments.pointClosed' }] });
    if (!settings || !settings.active || settings.serviceStatus !== 'published') {
      throw fieldError(fieldOfService, 'appointments.serviceNotOffered');
    }
    return settings;
  }

  function parseStart(value: string): Date {
    const start = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) ? new Date(value) : new Date(Number.NaN);
    if (Number.isNaN(start.getTime())) throw fieldError('start', 'appointments.startInvalid');
    return start;
  }

  /** Checks a start against the rules; returns the slot when it is free, throws otherwise. */
  async function checkStart(q: Queryable, settings: SettingsRecord, start: Date, now: Date): Promise<Slot> {
    return (await checkStartWithSeats(q, settings, start, now)).slot;
  }

  /**
   * Same, with the seats the slot offers once absences are taken off: a booking tries seats 1..n in order,
   * so with an absence fewer seats can be taken (the unique index then decides between racers).
   */
  async function checkStartWithSeats(q: Queryable, settings: SettingsRecord, start: Date, now: Date): Promise<{ slot: Slot; seats: number }> {
    if (start.getTime() <= now.getTime()) throw fieldError('start', 'appointments.startInPast');
    const { earliest, latest } = bookingWindow(settings, now);
    if (start < earliest) throw fieldError('start', 'appointments.tooSoon', { hours: Math.ceil(settings.minNoticeMinutes / 60) });
    if (start > latest) throw fieldError('start', 'appointments.tooFar', { days: settings.maxHorizonDays });
    const day = brusselsDate(start);
    const { slots, closures } = await slotsAndClosures(q, settings, startOfBrusselsDay(day), startOfBrusselsDay(addDays(day, 1)), now);
    const slot = slots.find((s) => s.start.getTime() === start.getTime());
    if (!slot) throw fieldError('start', 'appointments.notASlot');
    if (slot.free <= 0) throw new SlotTakenError(await alternativesAfter(settings, start, now));
    const end = slot.end.getTime() + settings.bufferMinutes * 60_000;
    let seats = settings.capacity;
    for (const closure of closures) {
      if (closure.start.getTime() < end && slot.start.getTime() < closure.end.getTime()) seats = closure.seats === null ? 0 : seats - closure.seats;
    }
    return { slot, seats: Math.max(0, seats) };
  }

  // ---- e-mails

  const manageUrl = (lang: Language, token: string) => `${publicUrl}/${lang}/appointments/manage/${token}`;
  /** The link in a text message: /a/{token} redirects to the manage page in the booking's language. */
  const shortManageUrl = (token: string) => `${publicUrl}/a/${token}`;

  /** The notice by e-mail and by text message, to whichever the person gave. */
  async function notify(
    q: Queryable,
    kind: 'confirmation' | 'reminder' | 'cancellation' | 'moved',
    a: {
      id: string;
      reference: string;
      email: string | null;
      phone: string | null;
      name: string;
      language: Language;
      startsAt: Date;
      endsAt: Date;
      sequence: number;
    },
    settings: SettingsRecord,
    token: string | null,
  ) {
    if (a.email) await sendAppointmentMail(q, kind, { ...a, email: a.email }, settings, token);
    if (a.phone) {
      const link = token && kind !== 'cancellation' ? shortManageUrl(token) : '';
      await sendSms(q, kind, a.phone, a.language, settings, { reference: a.reference, startsAt: a.startsAt, link });
    }
  }

  async function sendSms(
    q: Queryable,
    kind: SmsNoticeKind,
    to: string,
    lang: Language,
    settings: SettingsRecord,
    a: { reference: string; startsAt: Date; link: string },
  ) {
    const smsText = appointmentSmsText(kind, lang, { ...a, point: text(settings.pointName, lang) });
    await sms.send(
      {
        to,
        text: smsText,
        language: lang,
        purpose: kind === 'offer' ? 'appointment.waitlist_offer' : `appointment.${kind}`,
        organisationId: settings.organisationId,
      },
      { tx: q },
    );
  }
  const address = (s: SettingsRecord, lang: Language) => {
    const side = lang === 'nl' ? 'nl' : 'fr';
    return `${s.street[side]} ${s.houseNumber}, ${s.postalCode} ${s.municipality[side]}`;
  };
  const text = (value: LocalizedText, lang: Language) => pickText(value, lang).text;

  async function sendAppointmentMail(
    q: Queryable,
    kind: 'confirmation' | 'reminder' | 'cancellation' | 'moved',
    a: { id: string; reference: string; email: string; name: string; language: Language; startsAt: Date; endsAt: Date; sequence: number },
    settings: SettingsRecord,
    token: string | null,
  ) {
    const lang = a.language;
    const t = translator(lang);
    const values = {
      name: a.name,
      service: text(settings.serviceName, lang),
      point: text(settings.pointName, lang),
      organisation: text(settings.organisationName, lang),
      address: address(settings, lang),
      date: formatDate(a.startsAt, lang),
      time: formatTime(a.startsAt, lang),
      reference: a.reference,
      link: token ? manageUrl(lang, token) : '',
    };
    const body = [t(`appointments.mail.${kind}.body`, values), '', t('appointments.mail.details', values)];
    if (token && kind !== 'cancellation') body.push('', t('appointments.mail.manage', values));
    const ics = buildIcs({
      uid: `${a.id}@irisdesk`,
      sequence: a.sequence,
      start: a.startsAt,
      end: a.endsAt,
      summary: `${values.service} – ${values.point}`,
      location: `${values.point}, ${values.address}`,
      description: t('appointments.mail.icsDescription', values),
      organizer: { name: values.organisation, email: organizerEmail },
      attendee: { name: a.name, email: a.email },
      cancelled: kind === 'cancellation',
    });
    await mail.send(
      {
        to: a.email,
        subject: t(`appointments.mail.${kind}.subject`, values),
        text: body.join('\n'),
        language: lang,
        purpose: `appointment.${kind}`,
        organisationId: settings.organisationId,
        attachments:
          kind === 'reminder'
            ? []
            : [
                {
                  filename: 'appointment.ics',
                  contentType: `text/calendar; charset=utf-8; method=${kind === 'cancellation' ? 'CANCEL' : 'PUBLISH'}`,
                  content: ics,
                },
              ],
      },
      { tx: q },
    );
  }

  async function scheduleReminder(q: Queryable, appointmentId: string, start: Date, now: Date) {
    const runAt = new Date(start.getTime() - REMINDER_HOURS * 3_600_000);
    if (runAt.getTime() <= now.getTime()) {
      await cancelJob(q, REMINDER_JOB, appointmentId);
      return;
    }
    await enqueue(q, REMINDER_JOB, { appointmentId }, { runAt, uniqueKey: appointmentId, replace: true, maxAttempts: 5 });
  }

  jobs.register<{ appointmentId: string }>(REMINDER_JOB, async (payload) => {
    if (typeof payload?.appointmentId !== 'string' || !isUuid(payload.appointmentId)) return;
    await db.transaction(async (tx) => {
      const a = await repo.findAppointmentById(tx, payload.appointmentId, true);
      if (!a || a.status !== 'booked' || new Date(a.startsAt).getTime() <= Date.now()) return;
      const settings = await repo.findSettings(tx, a.contactPointId, a.serviceCode);
      if (!settings) return;
      // The reminder carries a manage link; the booking's own secret is known only as its hash, so the reminder
      // gets a second one (the first, in the confirmation, keeps working).
      const token = randomBytes(24).toString('base64url');
      await repo.setReminderTokenHash(tx, a.id, hashToken(token));
      await notify(tx, 'reminder', { ...a, startsAt: new Date(a.startsAt), endsAt: new Date(a.endsAt) }, settings, token);
    });
  });

  /** A freed slot in the future goes to the first person on the waiting list, by e-mail. */
  async function offerFreedSlot(q: Queryable, settings: SettingsRecord, start: Date, now: Date) {
    if (start.getTime() <= now.getTime()) return;
    const person = await repo.offerToFirstWaiting(q, settings.contactPointId, settings.serviceId, start);
    if (!person) return;
    const lang = person.language;
    const t = translator(lang);
    const day = brusselsDate(start);
    const link = `${publicUrl}/${lang}/appointments/slots?service=${settings.serviceCode}&point=${settings.contactPointId}&from=${day}`;
    const values = {
      name: person.name,
      service: text(settings.serviceName, lang),
      point: text(settings.pointName, lang),
      date: formatDate(start, lang),
      time: formatTime(start, lang),
      link,
    };
    if (person.phone) await sendSms(q, 'offer', person.phone, lang, settings, { reference: '', startsAt: start, link });
    if (!person.email) return;
    await mail.send(
      {
        to: person.email,
        subject: t('appointments.mail.offer.subject', values),
        text: t('appointments.mail.offer.body', values),
        language: lang,
        purpose: 'appointment.waitlist_offer',
        organisationId: settings.organisationId,
      },
      { tx: q },
    );
  }

  // ---- manage links

  async function byToken(q: Queryable, token: string, forUpdate = false): Promise<AppointmentRecord> {
    const found = TOKEN.test(token) ? await repo.findAppointmentByTokenHash(q, hashToken(token), forUpdate) : undefined;
    if (!found) throw new AppError(404, 'appointment.link_invalid');
    return { ...found, startsAt: new Date(found.startsAt), endsAt: new Date(found.endsAt) };
  }
  const changeable = (a: AppointmentRecord, now: Date) => a.status === 'booked' && a.startsAt.getTime() > now.getTime();

  async function settingsOf(q: Queryable, a: AppointmentRecord): Promise<SettingsRecord> {
    const settings = await repo.findSettings(q, a.contactPointId, a.serviceCode);
    if (!settings) throw new AppError(404, 'appointment.link_invalid');
    return settings;
  }

  // ---- agents

  async function pointForAgent(actor: Actor, contactPointId: string) {
    if (!isUuid(contactPointId)) throw new AppError(404, 'contact_point.not_found');
    const point = await contactPoints.find(contactPointId);
    if (!point) throw new AppError(404, 'contact_point.not_found');
    authorise(canServeAppointments(actor, point.organisationId));
    return point;
  }

  async function changeStatus(q: Queryable, a: AppointmentRecord, status: AppointmentStatus, actor: Actor | null, now: Date, requestId?: string) {
    const allowed: Record<AppointmentStatus, AppointmentStatus[]> = {
      booked: ['arrived', 'seen', 'no_show'],
      arrived: ['seen', 'no_show', 'booked'],
      no_show: ['arrived', 'seen', 'booked'],
      seen: ['arrived'],
      cancelled: [],
    };
    if (!allowed[a.status].includes(status)) throw new AppError(409, 'appointment.status_not_allowed');
    if (status === 'no_show' && a.startsAt.getTime() > now.getTime()) throw new AppError(409, 'appointment.not_yet_due');
    await repo.setStatus(q, a.id, status, actor?.accountId ?? null);
    if (a.status === 'booked') await cancelJob(q, REMINDER_JOB, a.id);
    await recordAuditEntry(q, {
      actorAccountId: actor?.accountId ?? null,
      actorOrganisationId: actor?.organisationId ?? null,
      action: 'update',
      subjectType: 'appointment',
      subjectId: a.id,
      organisationId: a.organisationId,
      requestId: requestId ?? null,
      details: { status },
    });
    return { ...a, status };
  }

  async function byReferenceForUpdate(q: Queryable, reference: string, actor: Actor | null): Promise<AppointmentRecord> {
    const found = /^RDV-[A-Z0-9]{4}-[A-Z0-9]{4}$/.test(reference) ? await repo.findAppointmentByReference(q, reference, true) : undefined;
    if (!found) throw new AppError(404, 'appointment.not_found');
    if (actor && !canServeAppointments(actor, found.organisationId)) throw new AppError(404, 'appointment.not_found');
    return { ...found, startsAt: new Date(found.startsAt), endsAt: new Date(found.endsAt) };
  }

  return {
    // ---- public

    /** Services bookable somewhere (the first step of the booking flow). */
    bookableServices: () => repo.listBookableServices(db),

    /** `GET /api/v1/contact-points/{id}/slots`: free slots from a date (default today), soonest first. */
    async slots(contactPointId: string, serviceCode: string | undefined, from: string | undefined, now: Date = new Date(), days = 14): Promise<Slot[]> {
      if (!serviceCode) throw fieldError('service', 'validation.required');
      const settings = await bookable(contactPointId, serviceCode, 'service');
      const today = brusselsDate(now);
      const fromDate = from === undefined || from === '' ? today : parseDate(from);
      if (!fromDate) throw fieldError('from', 'appointments.dateInvalid');
      if (fromDate < today) throw fieldError('from', 'appointments.dateInPast');
      return freeSlots(settings, fromDate, days, now);
    },

    /** Settings with their point and service, for the booking pages. */
    bookable,

    /** The slot starting at `start` when it is free; field errors or SlotTakenError otherwise. */
    async slotFor(settings: SettingsRecord, start: string, now: Date = new Date()): Promise<Slot> {
      return checkStart(db, settings, parseStart(start), now);
    },

    /** Free slots of known settings from a date (booking and move pages). */
    freeSlots: (settings: SettingsRecord, fromDate: string, days: number, now: Date = new Date()) => freeSlots(settings, fromDate, days, now),

    /** Published services an organisation provides (choices of the settings form). */
    providableServices: (actor: Actor) => repo.listProvidableServices(db, appointmentScope(actor)),

    /**
     * The points offering a service, each with its soonest free slot, soonest first. A service of every
     * commune (or CPAS) needs the user's postal code and lists the points of their own commune only.
     */
    async pointsForService(serviceCode: string, postalCode: string | undefined, now: Date = new Date()) {
      const service = CODE.test(serviceCode) && serviceCode.length <= 64 ? await catalogue.serviceByCode(serviceCode) : undefined;
      if (!service || service.status !== 'published') throw fieldError('service', 'appointments.serviceNotBookable');
      let organisationIds: string[] | null = null;
      if (service.competentKind !== 'organisation') {
        if (!postalCode) throw fieldError('postalCode', 'appointments.postalCodeNeeded');
        if (!/^[1-9]\d{3}$/.test(postalCode)) throw fieldError('postalCode', 'catalogue.postalCodeFormat');
        const local = await catalogue.organisationsOfPostalCode(service.competentKind, postalCode);
        if (local.length === 0) throw fieldError('postalCode', 'catalogue.postalCodeUnknown', { postalCode });
        organisationIds = local.map((org) => org.id);
      }
      const settings = (await repo.listSettingsForService(db, serviceCode, organisationIds)).filter((s) => s.serviceStatus === 'published');
      if (settings.length === 0) throw fieldError(organisationIds ? 'postalCode' : 'service', 'appointments.serviceNotBookableHere');
      const points = await Promise.all(settings.map(async (s) => ({ settings: s, soonest: (await nextFree(s, now, now, 1))[0] ?? null })));
      return {
        service: { code: service.code, name: service.name, competentKind: service.competentKind },
        points: points.sort((a, b) => (a.soonest?.start.getTime() ?? Infinity) - (b.soonest?.start.getTime() ?? Infinity)),
      };
    },

    /** Books a slot. 400 with field errors, 409 SlotTakenError with alternatives, 409 limit reached. */
    async book(input: BookingInput, now: Date = new Date(), requestId?: string): Promise<BookedAppointment> {
      const settings = await bookable(input.contactPointId, input.serviceCode, 'serviceCode', 'contactPointId');
      const start = parseStart(input.start);
      const name = input.name.trim();
      if (!name) throw fieldError('name', 'validation.required');
      const { email, phone, key: emailKey } = personContact(input);
      const { slot, seats } = await checkStartWithSeats(db, settings, start, now);
      const token = randomBytes(24).toString('base64url');
      const booked = await db.transaction(async (tx) => {
        await repo.lockPerson(tx, emailKey, settings.serviceId);
        if ((await repo.countFutureForPerson(tx, emailKey, settings.serviceId, now)) >= settings.maxPerPerson) {
          throw new AppError(409, 'appointment.limit_reached', { values: { count: settings.maxPerPerson } });
        }
        const reference = newReference();
        let id: string | undefined;
        for (let seat = 1; seat <= seats && !id; seat++) {
          id = await repo.insertAppointmentOnSeat(tx, {
            reference,
            contactPointId: settings.contactPointId,
            serviceId: settings.serviceId,
            organisationId: settings.organisationId,
            startsAt: slot.start,
            endsAt: slot.end,
            seat,
            name,
            email,
            phone,
            emailKey,
            language: input.language,
            manageTokenHash: hashToken(token),
          });
        }
        if (!id) return undefined;
        await scheduleReminder(tx, id, slot.start, now);
        await notify(
          tx,
          'confirmation',
          { id, reference, email, phone, name, language: input.language, startsAt: slot.start, endsAt: slot.end, sequence: 0 },
          settings,
          token,
        );
        await recordAuditEntry(tx, {
          actorAccountId: null,
          actorOrganisationId: null,
          action: 'create',
          subjectType: 'appointment',
          subjectId: id,
          organisationId: settings.organisationId,
          requestId: requestId ?? null,
          details: { channel: 'public_booking' },
        });
        await emitEvent(tx, 'appointment.booked', {
          organisationId: settings.organisationId,
          reference,
          contactPointId: settings.contactPointId,
          serviceCode: settings.serviceCode,
          startsAt: slot.start,
          endsAt: slot.end,
          name,
          email,
          phone,
        });
        return { reference };
      });
      if (!booked) throw new SlotTakenError(await alternativesAfter(settings, slot.start, now));
      return {
        reference: booked.reference,
        status: 'booked',
        contactPointId: settings.contactPointId,
        serviceCode: settings.serviceCode,
        start: toBrusselsIso(slot.start),
        end: toBrusselsIso(slot.end),
        language: input.language,
        manageUrl: manageUrl(input.language, token),
      };
    },

    /** What the cancel / move link shows; a forged link is a 404 with its own message. */
    async manageView(token: string, now: Date = new Date()) {
      const a = await byToken(db, token);
      const settings = await settingsOf(db, a);
      return { appointment: a, settings, changeable: changeable(a, now) };
    },

    async cancel(token: string, now: Date = new Date()) {
      return db.transaction(async (tx) => {
        const a = await byToken(tx, token, true);
        if (!changeable(a, now)) throw new AppError(410, 'appointment.link_expired');
        const settings = await settingsOf(tx, a);
        await repo.setStatus(tx, a.id, 'cancelled', null);
        await cancelJob(tx, REMINDER_JOB, a.id);
        await notify(tx, 'cancellation', { ...a, sequence: a.sequence + 1 }, settings, null);
        await offerFreedSlot(tx, settings, a.startsAt, now);
        await recordAuditEntry(tx, {
          actorAccountId: null,
          actorOrganisationId: null,
          action: 'update',
          subjectType: 'appointment',
          subjectId: a.id,
          organisationId: a.organisationId,
          details: { status: 'cancelled', by: 'citizen' },
        });
        await emitEvent(tx, 'appointment.cancelled', { ...a, contactPointId: settings.contactPointId, serviceCode: settings.serviceCode });
        return { ...a, status: 'cancelled' as const };
      });
    },

    /** Moves to another free slot of the same service and point, keeping the reference and the link. */
    async move(token: string, startValue: string, now: Date = new Date()) {
      const start = parseStart(startValue);
      const current = await byToken(db, token);
      if (!changeable(current, now)) throw new AppError(410, 'appointment.link_expired');
      const settings = await settingsOf(db, current);
      const { slot, seats } = await checkStartWithSeats(db, settings, start, now);
      const moved = await db.transaction(async (tx) => {
        const a = await byToken(tx, token, true);
        if (!changeable(a, now)) throw new AppError(410, 'appointment.link_expired');
        let ok = false;
        for (let seat = 1; seat <= seats && !ok; seat++) ok = await repo.moveAppointmentToSeat(tx, a.id, slot.start, slot.end, seat);
        if (!ok) return undefined;
        await scheduleReminder(tx, a.id, slot.start, now);
        await notify(tx, 'moved', { ...a, startsAt: slot.start, endsAt: slot.end, sequence: a.sequence + 1 }, settings, token);
        await offerFreedSlot(tx, settings, a.startsAt, now);
        await recordAuditEntry(tx, {
          actorAccountId: null,
          actorOrganisationId: null,
          action: 'update',
          subjectType: 'appointment',
          subjectId: a.id,
          organisationId: a.organisationId,
          details: { moved: true, by: 'citizen' },
        });
        await emitEvent(tx, 'appointment.moved', {
          ...a,
          startsAt: slot.start,
          endsAt: slot.end,
          contactPointId: settings.contactPointId,
          serviceCode: settings.serviceCode,
        });
        return { ...a, startsAt: slot.start, endsAt: slot.end };
      });
      if (!moved) throw new SlotTakenError(await alternativesAfter(settings, slot.start, now));
      return moved;
    },

    /** Puts a person on the waiting list of a service at a point (once). */
    async joinWaitlist(input: {
      contactPointId: string;
      serviceCode: string;
      name: string;
      email?: string | undefined;
      phone?: string | undefined;
      language: Language;
    }) {
      const settings = await bookable(input.contactPointId, input.serviceCode, 'service');
      const name = input.name.trim();
      if (!name) throw fieldError('name', 'validation.required');
      const contact = personContact(input);
      const added = await repo.insertWaiting(db, {
        contactPointId: settings.contactPointId,
        serviceId: settings.serviceId,
        organisationId: settings.organisationId,
        name,
        email: contact.email,
        phone: contact.phone,
        emailKey: contact.key,
        language: input.language,
      });
      return { added, settings };
    },

    // ---- agents (who opens the agenda at all is the role gate of /{lang}/agenda, routes.tsx)

    /** Contact points whose agenda the actor may open (their organisation's points with settings). */
    async agendaPoints(actor: Actor) {
      const settings = await repo.listSettings(db, appointmentScope(actor));
      const points = new Map<string, { id: string; name: LocalizedText; services: LocalizedText[] }>();
      for (const s of settings) {
        const point = points.get(s.contactPointId) ?? { id: s.contactPointId, name: s.pointName, services: [] };
        point.services.push(s.serviceName);
        points.set(s.contactPointId, point);
      }
      return [...points.values()];
    },

    /** The appointments of a point over `days` days from a date (1 = day view, 7 = week view); audited. */
    async agenda(actor: Actor, contactPointId: string, date: string, days: 1 | 7, requestId?: string) {
      const point = await pointForAgent(actor, contactPointId);
      const from = startOfBrusselsDay(date);
      const to = startOfBrusselsDay(addDays(date, days));
      const appointments = (await repo.listAppointmentsAt(db, contactPointId, from, to)).map((a) => ({
        ...a,
        startsAt: new Date(a.startsAt),
        endsAt: new Date(a.endsAt),
      }));
      await recordAuditEntry(db, {
        actorAccountId: actor.accountId,
        actorOrganisationId: actor.organisationId,
        action: 'read',
        subjectType: 'appointment_agenda',
        subjectId: contactPointId,
        organisationId: point.organisationId,
        requestId: requestId ?? null,
        details: { date, days, count: appointments.length },
      });
      return { point, appointments };
    },

    /** Marks arrived / seen / no-show (or back to booked) by an agent of the owning organisation. */
    async setStatus(actor: Actor, appointmentId: string, status: AppointmentStatus, now: Date = new Date(), requestId?: string) {
      if (!isUuid(appointmentId)) throw new AppError(404, 'appointment.not_found');
      return db.transaction(async (tx) => {
        const found = await repo.findAppointmentById(tx, appointmentId, true);
        if (!found || !canServeAppointments(actor, found.organisationId)) throw new AppError(404, 'appointment.not_found');
        return changeStatus(tx, { ...found, startsAt: new Date(found.startsAt), endsAt: new Date(found.endsAt) }, status, actor, now, requestId);
      });
    },

    /** No-show rates per service and point over the last `days` days (past appointments not cancelled). */
    async noShowRates(actor: Actor, contactPointId: string | null, now: Date = new Date(), days = 90) {
      if (contactPointId) await pointForAgent(actor, contactPointId);
      const rows = await repo.noShowRates(db, appointmentScope(actor), contactPointId, new Date(now.getTime() - days * 86_400_000), now);
      return rows.map((row) => ({ ...row, rate: row.due === 0 ? 0 : row.noShows / row.due }));
    },

    // ---- seams for the queue and contact records

    /**
     * An arrival with an appointment checks in at a contact point (queue kiosks, counters), in the caller's
     * transaction: booked → arrived. An appointment at another point is not found, exactly like an unknown
     * reference (a kiosk is anonymous: it must not tell which references exist elsewhere), and nothing changes.
     */
    async checkInIn(tx: Queryable, contactPointId: string, reference: string, actor: Actor | null = null, now: Date = new Date()) {
      const found = await byReferenceForUpdate(tx, reference, actor);
      if (found.contactPointId !== contactPointId) throw new AppError(404, 'appointment.not_found');
      return changeStatus(tx, found, 'arrived', actor, now);
    },

    /** The outcome "seen" (the lead connects it to contact records). */
    async recordSeen(reference: string, actor: Actor | null = null, now: Date = new Date()) {
      return db.transaction(async (tx) => changeStatus(tx, await byReferenceForUpdate(tx, reference, actor), 'seen', actor, now));
    },

    /**
     * The visit of a checked-in appointment ended (its counter ticket finished), in the caller's transaction:
     * now 'seen'. An appointment already seen, cancelled or gone is left as it is (null): the ticket is
     * finished all the same.
     */
    async recordSeenIn(tx: Queryable, appointmentId: string, actor: Actor | null = null, now: Date = new Date()) {
      const found = isUuid(appointmentId) ? await repo.findAppointmentById(tx, appointmentId, true) : undefined;
      if (!found || found.status === 'seen' || found.status === 'cancelled') return null;
      return changeStatus(tx, { ...found, startsAt: new Date(found.startsAt), endsAt: new Date(found.endsAt) }, 'seen', actor, now);
    },

    /** Today's appointments at a point still expected or present (booked, arrived), by start. */
    async appointmentsDueToday(contactPointId: string, now: Date = new Date()) {
      if (!isUuid(contactPointId)) return [];
      const today = brusselsDate(now);
      const rows = await repo.listAppointmentsAt(db, contactPointId, startOfBrusselsDay(today), startOfBrusselsDay(addDays(today, 1)));
      return rows
        .filter((a) => a.status === 'booked' || a.status === 'arrived')
        .map((a) => ({ ...a, startsAt: new Date(a.startsAt), endsAt: new Date(a.endsAt) }));
    },

    // ---- settings (back office): settings-service.ts
    ...settingsPart,
  };
}

export type AppointmentService = ReturnType<typeof appointmentService>;
