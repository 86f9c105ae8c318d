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
import type { Database, Queryable } from '../platform/db/database.ts';
import { AppError } from '../platform/http/errors.ts';
import type { Actor } from '../identity/actor.ts';
import { recordAuditEntry } from '../audit/service.ts';
import type { Language, LocalizedText } from '../platform/i18n/languages.ts';
import { addDays, brusselsDate, startOfBrusselsDay, toBrusselsIso } from '../platform/calendar/brussels-time.ts';
import type { contactPointService } from '../contactpoints/service.ts';
import type { CatalogueService } from '../catalogue/service.ts';
import { cancelJob } from '../platform/jobs/queue.ts';
import type { JobRegistry } from '../platform/jobs/registry.ts';
import type { mailService } from '../platform/mail/service.ts';
import { personContact } from './contact.ts';
import type { smsService } from '../platform/sms/service.ts';
import { appointmentSettingsService } from './settings-service.ts';
import { CODE, fieldError, parseDate } from './fields.ts';
import type { Slot } from './slots.ts';
import * as repo from './repository.ts';
import type { AppointmentRecord, AppointmentStatus, SettingsRecord } from './repository.ts';
import { appointmentScope, canServeAppointments } from './authorisation.ts';
import { isUuid } from '../platform/http/schemas.ts';
import { authorise } from '../identity/guards.ts';
import { slotFinder, SlotTakenError } from './booking/slot-finder.ts';
import { appointmentNotices, REMINDER_JOB } from './notices.ts';
import { hashToken, newManageToken, newReference } from './tokens.ts';
import type { AppointmentMode } from './modes.ts';
import { decodeOfferCode } from './short-links.ts';
/** Refuses (403) a platform administrator's read of another organisation's bookings without a support access (src/privacy). */
type CitizenDataCheck = (organisationId: string) => Promise<void>;

export { parseDate } from './fields.ts';
export { validateSettings, type SettingsInput } from './settings-service.ts';
export { ALTERNATIVES, SlotTakenError, toPublicSlot, type PublicSlot } from './booking/slot-finder.ts';
export { REMINDER_HOURS, REMINDER_JOB } from './notices.ts';
export { hashToken } from './tokens.ts';

const TOKEN = /^[A-Za-z0-9_-]{32}$/;

export interface BookingInput {
  contactPointId: string;
  serviceCode: string;
  start: string;
  name: string;
  /** One of the two at least (issue 19): confirmation and reminders go to each one given. */
  email?: string | undefined;
  phone?: string | undefined;
  language: Language;
  /** How it takes place (decision 0056): one of the modes offered; by default at the counter when offered. */
  mode?: AppointmentMode | undefined;
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
  const { db, contactPoints, catalogue } = deps;
  const settingsPart = appointmentSettingsService({ db, contactPoints, catalogue });
  const { freeSlots, nextFree, alternativesAfter, parseStart, checkStart, checkStartWithSeats } = slotFinder({ db, contactPoints });
  const { notify, scheduleReminder, offerFreedSlot, manageUrl, calendarEvent } = appointmentNotices(deps);
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

  /** The mode of a booking: one the settings offer; by phone only with a number to call (a 400 with its field). */
  function chosenMode(settings: SettingsRecord, asked: AppointmentMode | undefined, phone: string | null): AppointmentMode {
    const mode = asked ?? (settings.modes.includes('counter') ? 'counter' : settings.modes[0]!);
    if (!settings.modes.includes(mode)) throw fieldError('mode', 'appointments.modeNotOffered');
    if (mode === 'phone' && !phone) throw fieldError('phone', 'appointments.phoneForCall');
    return mode;
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

  /** `citizenData`: the privacy service's support-access check, for screens that show the people booked (issue 18). */
  async function pointForAgent(actor: Actor, contactPointId: string, citizenData?: CitizenDataCheck) {
    if (!isUuid(contactPointId)) throw new AppError(404, 'contact_point.not_found');
    const point = await contactPoints.find(contactPointId);
    if (!point) throw new AppError(404, 'contact_point.not_found');
    authorise(canServeAppointments(actor, point.organisationId));
    await citizenData?.(point.organisationId);
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
    /** A person's appointments for a data subject request (src/privacy, issue 18). */
    personalData: {
      export: (q: Queryable, organisationId: string | null, email: string, phone: string | null) => repo.appointmentsOfPerson(q, organisationId, email, phone),
      erase: (tx: Queryable, ids: string[], organisationId: string | null, email: string, phone: string | null) =>
        repo.eraseAppointments(tx, ids, organisationId, email, phone),
      eraseBefore: (tx: Queryable, organisationId: string, days: number) => repo.eraseAppointmentsBefore(tx, organisationId, days),
    },
    /** Where a waiting-list offer's short link /t/{code} leads: the week of the freed time (404 for anything else). */
    async offerLinkTarget(code: string): Promise<string> {
      const decoded = decodeOfferCode(code);
      const settings = decoded ? await repo.findSettingsById(db, decoded.settingsId) : undefined;
      if (!decoded || !settings) throw new AppError(404, 'appointment.link_invalid');
      return `/${decoded.lang}/appointments/slots?service=${settings.serviceCode}&point=${settings.contactPointId}&from=${decoded.day}`;
    },

    // ---- a signed-in citizen's space (decision 0054)

    /** The appointments booked with this verified e-mail address, in every organisation, latest first. */
    appointmentsOfEmail: (email: string) => repo.listAppointmentsOfEmail(db, email),

    /**
     * A manage link for one of these appointments (a fresh secret of its own; the e-mailed links keep working),
     * or undefined when the appointment was not booked with this address.
     */
    async manageLinkForEmail(appointmentId: string, email: string, language: 'fr' | 'nl' | 'en'): Promise<string | undefined> {
      const found = await repo.findAppointmentById(db, appointmentId);
      if (!found?.email || found.email.toLowerCase() !== email.toLowerCase()) return undefined;
      const token = newManageToken();
      await repo.setCitizenTokenHash(db, found.id, hashToken(token));
      return `/${language}/appointments/manage/${token}`;
    },

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

    /** The soonest free slot from now, if any within the booking horizon ("next available"). */
    soonest: async (settings: SettingsRecord, now: Date = new Date()): Promise<Slot | null> => (await nextFree(settings, now, now, 1))[0] ?? null,

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
      const mode = chosenMode(settings, input.mode, phone);
      const { slot, seats } = await checkStartWithSeats(db, settings, start, now);
      const token = newManageToken();
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
            mode,
          });
        }
        if (!id) return undefined;
        const videoTemplate = mode === 'video' ? await repo.findVideoTemplate(tx, settings.organisationId) : null;
        await scheduleReminder(tx, id, slot.start, now);
        await notify(
          tx,
          'confirmation',
          { id, reference, email, phone, name, language: input.language, startsAt: slot.start, endsAt: slot.end, sequence: 0, mode, videoTemplate },
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

    /** The appointment as an iCalendar file ("add to calendar"); a cancelled one cancels the event. */
    async calendar(token: string) {
      const a = await byToken(db, token);
      return calendarEvent(a, await settingsOf(db, a), token, a.status === 'cancelled');
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
    async agenda(actor: Actor, contactPointId: string, date: string, days: 1 | 7, requestId?: string, citizenData?: CitizenDataCheck) {
      const point = await pointForAgent(actor, contactPointId, citizenData);
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
    async setStatus(
      actor: Actor,
      appointmentId: string,
      status: AppointmentStatus,
      now: Date = new Date(),
      requestId?: string,
      citizenData?: CitizenDataCheck,
    ) {
      if (!isUuid(appointmentId)) throw new AppError(404, 'appointment.not_found');
      if (citizenData) {
        const organisationId = (await repo.findAppointmentById(db, appointmentId))?.organisationId;
        if (organisationId) await citizenData(organisationId);
      }
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
