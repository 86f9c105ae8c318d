// The rules of queue tickets: issuing (kiosk, agent, appointment check-in) only at an open contact point and
// for a service it offers with tickets, numbers per prefix restarting each Brussels day, calling by priority
// then waiting time (never the same ticket twice), recall / no-show / transfer / finish with an outcome
// (recorded as a contact in the same transaction), live events for boards and phones, and the estimated
// wait per service from recent service times and the counters open.
//
// Other modules use:
//   queueService(db, …).waitTimes(contactPointId, now?)  → WaitReport (contact-point page, service page)
//   queueService(db, …).waitByContactPoint(serviceCode)  → Map<contactPointId, WaitEstimate> (catalogue service page)
import type { EventSink } from '../integrations/service.ts';
import { createHash, randomBytes } from 'node:crypto';
import type { Database, Queryable } from '../platform/db/database.ts';
import { AppError } from '../platform/http/errors.ts';
import type { Actor } from '../identity/actor.ts';
import type { Language } from '../platform/i18n/languages.ts';
import type { OrganisationService } from '../organisations/service.ts';
import { publish } from '../platform/realtime/publish.ts';
import { channels } from '../platform/realtime/channels.ts';
import type { ContactCenterService } from '../contactcenter/intake/service.ts';
import { CONTACT_OUTCOMES, type ContactOutcome } from '../contactcenter/model.ts';
import type { SatisfactionService } from '../satisfaction/service.ts';
import type { ContactPointDetail, ContactPointService } from '../contactpoints/service.ts';
import type { SurveysService } from '../surveys/service.ts';
import * as repo from './repository.ts';
import type { CounterRecord, PriorityCategoryRecord, QueueFigures, QueueServiceRecord, TicketRecord } from './repository.ts';
import { displayNumber, ticketDay } from './rules.ts';
import { estimateWait, MIN_MEASURED_SERVICES, queueWait, representativeMinutes, type WaitEstimate } from './wait-estimate.ts';
import { queueSettingsService } from './settings-service.ts';
export type { PriorityCategoryInput, QueueSettingsInput } from './settings-service.ts';
import { canServeQueues, servingScope } from './authorisation.ts';
import { isUuid } from '../platform/http/schemas.ts';
import { parsePhoneNumber } from '../platform/sms/phone.ts';
import { queueAlerts, type QueueSms } from './alerts.ts';
import type { JobRegistry } from '../platform/jobs/registry.ts';
import type { MailService } from '../platform/mail/service.ts';
import { remoteTicketsPart } from './remote-tickets.ts';
import { remoteSettingsService } from './remote-settings.ts';
import * as remoteRepo from './remote-repository.ts';
import type { AgentTicket, CounterScreen, IssuedTicket, IssueInput, ServiceWait, TicketView, WaitReport } from './views.ts';

export type { AgentTicket, CounterScreen, IssuedTicket, IssueInput, ServiceWait, TicketView, WaitReport };

const TOKEN = /^[A-Za-z0-9_-]{20,64}$/;

export const hashTicketToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** The priority rank given to an appointment checked in when the organisation has no "appointment" category. */
const APPOINTMENT_RANK = 5;

/** The custom-surveys seam: an invitation to an open survey, drawn against its sampling rate. */
export type SurveyInvite = Pick<SurveysService, 'maybeInvite'>;

/**
 * The appointments seam, in the caller's transaction: an arrival checks in at a contact point (booked → arrived;
 * not found, whatever the reason, when the reference is not an appointment of that point), and the visit of a
 * checked-in appointment ended (arrived → seen).
 */
export interface AppointmentSeam {
  checkInIn(
    tx: Queryable,
    contactPointId: string,
    reference: string,
    actor: Actor | null,
    now: Date,
  ): Promise<{ id: string; serviceCode: string; startsAt: Date }>;
  recordSeenIn(tx: Queryable, appointmentId: string, actor: Actor | null, now: Date): Promise<unknown>;
}

/**
 * The survey draw of a visit: the same numbers each time the holder asks for the questionnaire, so that asking
 * again is not a second chance to be sampled (each survey takes the next number of the sequence).
 */
export function visitDraw(sourceId: string): () => number {
  let index = 0;
  return () => (createHash('sha256').update(`${sourceId}:${index++}`).digest().readUInt32BE(0) / 0x1_0000_0000) * 100;
}

export function queueService(
  db: Database,
  deps: {
    contactPoints: ContactPointService;
    organisations: Pick<OrganisationService, 'findByCode'>;
    satisfaction: Pick<SatisfactionService, 'createFeedbackInvitation'>;
    contactCenter: Pick<ContactCenterService, 'recordContact'>;
    surveys: SurveyInvite;
    appointments: AppointmentSeam;
    publicUrl: string;
    events?: EventSink | undefined;
    sms?: QueueSms | undefined;
    /** For remote tickets (remote-tickets.ts): the release job and the holder's e-mail. */
    jobs?: JobRegistry | undefined;
    mail?: Pick<MailService, 'send'> | undefined;
  },
) {
  const alerts = queueAlerts(deps.sms);
  const { contactPoints, surveys, appointments } = deps;

  const pointOr404 = async (id: string, now: Date) => contactPoints.get(id, now); // 404 unknown / inactive / malformed
  const settingsPart = queueSettingsService(db, { contactPoints, organisations: deps.organisations });

  const agentTicket = (ticket: TicketRecord, services: QueueServiceRecord[], categories: PriorityCategoryRecord[]): AgentTicket => {
    const category = categories.find((c) => c.id === ticket.priorityCategoryId);
    return {
      id: ticket.id,
      number: displayNumber(ticket.prefix, ticket.number),
      status: ticket.status,
      serviceCode: ticket.serviceCode,
      serviceName: services.find((s) => s.id === ticket.queueServiceId)?.serviceName ?? null,
      priority: category ? { code: category.code, name: category.name } : null,
      appointment: ticket.appointmentId !== null,
      queuedAt: new Date(ticket.queuedAt).toISOString(),
      calledAt: ticket.calledAt ? new Date(ticket.calledAt).toISOString() : null,
      recalls: ticket.recalls,
      transferred: ticket.transferredFrom !== null,
    };
  };

  async function report(q: Queryable, point: ContactPointDetail, now: Date): Promise<WaitReport> {
    const services = await repo.listQueueServices(q, point.id, true);
    const [figures, remote, perService] = await Promise.all([
      repo.queueFigures(q, point.id, ticketDay(now), now),
      remoteRepo.remoteSettings(q, point.id),
      remoteRepo.serviceRemote(q, point.id),
    ]);
    return {
      contactPointId: point.id,
      open: point.status.openNow,
      remoteTickets: remote.allowed && services.some((s) => perService.get(s.id)?.allowed),
      generatedAt: now.toISOString(),
      services: services.map((service) => serviceWait(service, figures)),
    };
  }

  /** The wait of one queue service from its contact point's figures (the last person in line's, decision 0043). */
  function serviceWait(service: QueueServiceRecord, figures: QueueFigures[]): ServiceWait {
    const f = figures.find((row) => row.queueServiceId === service.id);
    const measured = (f?.serviceTimes?.count ?? 0) >= MIN_MEASURED_SERVICES;
    const estimate = queueWait({
      waiting: f?.waiting ?? 0,
      serviceTimes: f?.serviceTimes ?? null,
      countersOpen: f?.countersOpen ?? 0,
      countersBusy: f?.countersBusy ?? 0,
    });
    return {
      serviceCode: service.serviceCode,
      name: service.serviceName,
      prefix: service.prefix,
      waiting: f?.waiting ?? 0,
      notCheckedIn: f?.remote ?? 0,
      countersOpen: f?.countersOpen ?? 0,
      typicalServiceMinutes: Math.round((measured ? f!.serviceTimes!.median : service.defaultServiceMinutes) * 10) / 10,
      measured,
      estimate,
      estimatedWaitMinutes: representativeMinutes(estimate),
    };
  }

  /** Position (1 = next) and estimated wait of a waiting ticket: the same estimator with its own place in line. */
  async function placeOf(q: Queryable, ticket: TicketRecord, now: Date): Promise<{ position: number; estimate: WaitEstimate }> {
    const ahead = await repo.ticketsAhead(q, ticket, now);
    const f = (await repo.queueFigures(q, ticket.contactPointId, ticketDay(now), now)).find((row) => row.queueServiceId === ticket.queueServiceId);
    return {
      position: ahead + 1,
      estimate: estimateWait({ ahead, serviceTimes: f?.serviceTimes ?? null, countersOpen: f?.countersOpen ?? 0, countersBusy: f?.countersBusy ?? 0 }),
    };
  }

  // What a contact point's queue screens show changed: its event, and a new generation for the pages that cache
  // the wait (the public contact-point page: an instance shows its own changes at once, the others' within a minute).
  const changes = new Map<string, number>();
  async function toBoard(q: Queryable, contactPointId: string, event: { type: string; data: unknown }) {
    changes.set(contactPointId, (changes.get(contactPointId) ?? 0) + 1);
    if (changes.size > 10_000) changes.clear();
    await publish(q, channels.contactPointBoard(contactPointId), event);
  }

  async function announceQueue(q: Queryable, contactPointId: string, serviceCode: string) {
    await toBoard(q, contactPointId, { type: 'queue.changed', data: { serviceCode } });
  }

  async function issue(
    point: ContactPointDetail,
    input: IssueInput & {
      actor: Actor | null;
      appointment?: { id: string; startsAt: Date } | undefined;
      /** Taken online (remote-tickets.ts): starts as 'remote', and what follows its issue in the same transaction. */
      remote?:
        { code: string; checkInBy: Date; email: string | null; then: (tx: Queryable, ticket: TicketRecord, ticketUrl: string) => Promise<void> } | undefined;
    },
    now: Date,
    within?: Queryable,
  ): Promise<IssuedTicket> {
    if (!point.status.openNow) throw new AppError(409, 'queue.point_closed');
    const q = within ?? db;
    const services = await repo.listQueueServices(q, point.id, true);
    const service = services.find((s) => s.serviceCode === input.serviceCode);
    if (!service) throw new AppError(400, 'queue.service_not_offered', { fields: [{ field: 'serviceCode', code: 'errors.queue.service_not_offered' }] });
    const staff = canServeQueues(input.actor, point.organisation.id);
    const categories = await repo.listPriorityCategories(q, point.organisation.id);
    let category: PriorityCategoryRecord | undefined;
    if (input.appointment) {
      category = categories.find((c) => c.code === 'appointment');
    } else if (input.priorityCategory) {
      category = categories.find((c) => c.code === input.priorityCategory && (staff || c.onKiosk));
      if (!category) throw new AppError(400, 'queue.unknown_priority', { fields: [{ field: 'priorityCategory', code: 'errors.queue.unknown_priority' }] });
    }
    const phone = input.phone?.trim() ? alertPhone(input.phone) : null;
    const token = randomBytes(24).toString('base64url');
    const insert = async (tx: Queryable): Promise<IssuedTicket> => {
      const ticket = await repo.insertTicket(tx, {
        contactPointId: point.id,
        organisationId: point.organisation.id,
        queueServiceId: service.id,
        serviceCode: service.serviceCode,
        prefix: service.prefix,
        day: ticketDay(now),
        priorityCategoryId: category?.id ?? null,
        priorityRank: input.appointment ? (category?.rank ?? APPOINTMENT_RANK) : (category?.rank ?? 0),
        appointmentId: input.appointment?.id ?? null,
        priorityFrom: input.appointment?.startsAt ?? null,
        language: input.language,
        tokenHash: hashTicketToken(token),
        issuedBy: staff ? input.actor!.accountId : null,
        now,
        remote: input.remote,
      });
      // With the number it will be texted at (set just below), for the remote ticket's own notices.
      await input.remote?.then(tx, { ...ticket, phone }, `${deps.publicUrl}/${input.language}/tickets/${token}`);
      if (phone) {
        await repo.setTicketPhone(tx, ticket.id, phone);
        await alerts.nearAlerts(tx, point.id, now);
      }
      const place = await placeOf(tx, ticket, now);
      await announceQueue(tx, point.id, service.serviceCode);
      return {
        number: displayNumber(ticket.prefix, ticket.number),
        ...place,
        estimatedWaitMinutes: representativeMinutes(place.estimate),
        serviceCode: service.serviceCode,
        token,
        ticketUrl: `${deps.publicUrl}/${input.language}/tickets/${token}`,
        issuedAt: new Date(ticket.issuedAt).toISOString(),
      };
    };
    return within ? insert(within) : db.transaction(insert);
  }

  /** A number that can receive the alerts, in E.164; a 400 field error otherwise. */
  function alertPhone(value: string): string {
    const parsed = parsePhoneNumber(value);
    if (!parsed) throw new AppError(400, 'validation.failed', { fields: [{ field: 'phone', code: 'validation.phone' }] });
    if (!parsed.textable) throw new AppError(400, 'validation.failed', { fields: [{ field: 'phone', code: 'queues.phoneNotMobile' }] });
    return parsed.e164;
  }

  // ---- agents

  // Who works at counters at all is the role gate of /{lang}/queues and /api/v1/queue-counters (routes.tsx).
  async function counterFor(actor: Actor, counterId: string): Promise<CounterRecord> {
    const counter = isUuid(counterId) ? await repo.findCounter(db, counterId) : undefined;
    // Another organisation's counter is not found, not forbidden: its existence is not the agent's business.
    if (!counter || !counter.active || !canServeQueues(actor, counter.organisationId)) throw new AppError(404, 'queue.counter_not_found');
    return counter;
  }

  async function seatedCounter(actor: Actor, counterId: string): Promise<CounterRecord> {
    const counter = await counterFor(actor, counterId);
    if (counter.agentAccountId !== actor.accountId) throw new AppError(409, 'queue.counter_not_open');
    return counter;
  }

  /** Runs a change of the counter's current ticket in one transaction, the ticket locked. */
  async function withCurrent<T>(
    actor: Actor,
    counterId: string,
    change: (tx: Queryable, ticket: TicketRecord, counter: CounterRecord) => Promise<T>,
  ): Promise<T> {
    const counter = await seatedCounter(actor, counterId);
    return db.transaction(async (tx) => {
      const ticket = await repo.currentTicketAtCounter(tx, counter.id, true);
      if (!ticket) throw new AppError(409, 'queue.no_current_ticket');
      return change(tx, ticket, counter);
    });
  }

  /** The webhook's "ticket.called": what the board shows, as before the board spoke calls (no language). */
  const webhookCall = ({ language: _language, ...shown }: ReturnType<typeof calledEvent>['data']) => shown;

  const calledEvent = (ticket: TicketRecord, counter: CounterRecord, recall: boolean) => ({
    type: 'ticket.called',
    data: {
      number: displayNumber(ticket.prefix, ticket.number),
      counter: counter.name,
      serviceCode: ticket.serviceCode,
      calledAt: new Date(ticket.calledAt ?? Date.now()).toISOString(),
      recall,
      // The board speaks the call in the language the visitor took the ticket in.
      language: ticket.language,
    },
  });

  const remotePart = remoteTicketsPart(db, {
    pointOr404,
    issue: (point, input, now, within) => issue(point, input, now, within),
    waits: async (point, now) => (await report(db, point, now)).services,
    announceQueue,
    publicUrl: deps.publicUrl,
    jobs: deps.jobs,
    mail: deps.mail,
    sms: deps.sms,
  });

  return {
    // ---- remote tickets (remote-tickets.ts) and their settings form (remote-settings.ts)
    ...remotePart,
    ...remoteSettingsService(db, { contactPoints }),

    /** The tickets of a signed-in citizen's checked-in appointments (src/citizens). */
    ticketsOfAppointments: (appointmentIds: string[]) => repo.listTicketsOfAppointments(db, appointmentIds),

    // ---- public

    /** The services a kiosk offers, with the priority categories a visitor may declare. */
    async kiosk(contactPointId: string, now: Date = new Date()) {
      const point = await pointOr404(contactPointId, now);
      const [services, categories] = await Promise.all([repo.listQueueServices(db, point.id, true), repo.listPriorityCategories(db, point.organisation.id)]);
      return { point, services, categories: categories.filter((c) => c.onKiosk), wait: await report(db, point, now) };
    },

    /** `POST /api/v1/contact-points/{id}/tickets`: a ticket from a kiosk, a phone or an agent (actor). */
    async issueTicket(contactPointId: string, input: IssueInput, actor: Actor | null = null, now: Date = new Date()): Promise<IssuedTicket> {
      return issue(await pointOr404(contactPointId, now), { ...input, actor }, now);
    },

    /**
     * An arrival with an appointment checks in (through the appointments seam) and gets a ticket with the
     * appointment priority from its start time on: served at its time, not before the people already waiting.
     */
    async checkInAppointment(contactPointId: string, reference: string, language: Language, actor: Actor | null = null, now: Date = new Date()) {
      const point = await pointOr404(contactPointId, now);
      if (!point.status.openNow) throw new AppError(409, 'queue.point_closed');
      // One transaction: the check-in is kept only with its ticket; an unknown reference, one of another point
      // and a ticket that cannot be issued change nothing.
      return db.transaction(async (tx) => {
        const appointment = await appointments.checkInIn(tx, point.id, reference, actor, now);
        return issue(
          point,
          { serviceCode: appointment.serviceCode, language, actor, appointment: { id: appointment.id, startsAt: new Date(appointment.startsAt) } },
          now,
          tx,
        );
      });
    },

    /**
     * The ticket holder leaves (or, with an empty value, removes) a mobile number for the SMS alerts; the "near"
     * alert goes at once when the turn is already near. 409 when the ticket is no longer waiting.
     */
    async leavePhone(token: string, value: string, now: Date = new Date()): Promise<{ phone: string | null }> {
      const ticket = TOKEN.test(token) ? await repo.findTicketByTokenHash(db, hashTicketToken(token)) : undefined;
      if (!ticket) throw new AppError(404, 'queue.ticket_not_found');
      const phone = value.trim() ? alertPhone(value) : null;
      return db.transaction(async (tx) => {
        if (!(await repo.setTicketPhone(tx, ticket.id, phone))) throw new AppError(409, 'queue.invalid_transition');
        if (phone) await alerts.nearAlerts(tx, ticket.contactPointId, now);
        return { phone };
      });
    },

    /** The people-left threshold of the "your turn is near" text at a point. */
    nearAlertPeople: (contactPointId: string) => repo.nearAlertPeople(db, contactPointId),

    /** Changes when the queues of the point change through this process (a cache generation, see toBoard). */
    changeGeneration: (contactPointId: string) => changes.get(contactPointId) ?? 0,

    /** `GET /api/v1/contact-points/{id}/wait`: the estimated wait per service now. */
    async waitTimes(contactPointId: string, now: Date = new Date()): Promise<WaitReport> {
      return report(db, await pointOr404(contactPointId, now), now);
    },

    /**
     * Estimated wait for one service at those of the given contact points (a service page's list, with their
     * status) that are open and issue tickets for it: two statements per such point, none for the others.
     */
    async waitByContactPoint(
      serviceCode: string,
      points: ReadonlyArray<{ id: string; status: { openNow: boolean } }>,
      now: Date = new Date(),
    ): Promise<Map<string, WaitEstimate>> {
      const result = new Map<string, WaitEstimate>();
      const open = new Set(points.filter((point) => point.status.openNow).map((point) => point.id));
      if (open.size === 0) return result;
      for (const service of await repo.queueServicesForService(db, serviceCode)) {
        if (!open.has(service.contactPointId)) continue;
        const figures = await repo.queueFigures(db, service.contactPointId, ticketDay(now), now);
        result.set(service.contactPointId, serviceWait(service, figures).estimate);
      }
      return result;
    },

    /**
     * The public remote-ticket page of each given point that is open and gives remote tickets for the service
     * (a service page's list of places links to it), by contact point id; one statement.
     */
    async remoteTicketLinks(
      serviceCode: string,
      points: ReadonlyArray<{ id: string; status: { openNow: boolean } }>,
      lang: Language,
    ): Promise<Map<string, string>> {
      const open = points.filter((point) => point.status.openNow).map((point) => point.id);
      if (open.length === 0) return new Map();
      const ids = await remoteRepo.pointsWithRemoteTickets(db, serviceCode, open);
      return new Map(ids.map((id) => [id, `/${lang}/contact-points/${id}/remote-ticket?service=${encodeURIComponent(serviceCode)}`]));
    },

    /** The display board: the last calls, the waits and whether calls are spoken. */
    async board(contactPointId: string, now: Date = new Date()) {
      const point = await pointOr404(contactPointId, now);
      const [calls, spokenCalls] = await Promise.all([repo.recentCalls(db, point.id, ticketDay(now)), repo.spokenCalls(db, point.id)]);
      return {
        point,
        spokenCalls,
        calls: calls.map((call) => ({
          number: displayNumber(call.prefix, call.number),
          counter: call.counterName ?? '',
          serviceCode: call.serviceCode,
          calledAt: new Date(call.calledAt!).toISOString(),
        })),
        wait: await report(db, point, now),
      };
    },

    /** The "my ticket" page: status, position and estimated wait (404 for an unknown link). */
    async ticketView(token: string, now: Date = new Date()): Promise<TicketView> {
      const ticket = TOKEN.test(token) ? await repo.findTicketByTokenHash(db, hashTicketToken(token)) : undefined;
      if (!ticket) throw new AppError(404, 'queue.ticket_not_found');
      const point = await contactPoints.get(ticket.contactPointId, now).catch(() => undefined);
      if (!point) throw new AppError(404, 'queue.ticket_not_found');
      const services = await repo.listQueueServices(db, ticket.contactPointId);
      const place = ticket.status === 'waiting' || ticket.status === 'remote' ? await placeOf(db, ticket, now) : null;
      const counter = ticket.counterId ? await repo.findCounter(db, ticket.counterId) : undefined;
      return {
        number: displayNumber(ticket.prefix, ticket.number),
        status: ticket.status,
        serviceCode: ticket.serviceCode,
        serviceName: services.find((s) => s.id === ticket.queueServiceId)?.serviceName ?? {
          fr: ticket.serviceCode,
          nl: ticket.serviceCode,
          en: ticket.serviceCode,
        },
        contactPointId: ticket.contactPointId,
        contactPointName: point.name,
        position: place?.position ?? null,
        estimate: place?.estimate ?? null,
        estimatedWaitMinutes: place ? representativeMinutes(place.estimate) : null,
        counter: counter && (ticket.status === 'called' || ticket.status === 'serving') ? counter.name : null,
        calledAt: ticket.calledAt ? new Date(ticket.calledAt).toISOString() : null,
        issuedAt: new Date(ticket.issuedAt).toISOString(),
        feedbackAvailable: ticket.status === 'done' && ticket.outcome !== null,
        // Only the end of the number left for the alerts: the page may be seen over a shoulder.
        alertPhoneEnding: ticket.phone ? ticket.phone.slice(-2) : null,
        checkInCode: ticket.status === 'remote' ? ticket.checkInCode : null,
        checkInBy: ticket.status === 'remote' && ticket.checkInBy ? new Date(ticket.checkInBy).toISOString() : null,
      };
    },

    /**
     * The satisfaction questionnaire for a finished visit: an invitation through the satisfaction seam, made
     * when the holder asks for it (the visitor left no e-mail or phone). Asking again gives a new link. In the
     * same transaction, an open custom survey of the organisation sampling counter visits may be drawn
     * (`surveyUrl`, else null): once per visit, with the same draw however often the holder asks.
     */
    async feedbackLink(token: string): Promise<{ url: string; surveyUrl: string | null }> {
      const ticket = TOKEN.test(token) ? await repo.findTicketByTokenHash(db, hashTicketToken(token)) : undefined;
      if (!ticket) throw new AppError(404, 'queue.ticket_not_found');
      if (ticket.status !== 'done' || !ticket.outcome) throw new AppError(409, 'queue.feedback_not_yet');
      return db.transaction(async (tx) => {
        const source = { kind: 'visit' as const, id: ticket.transferredFrom ?? ticket.id };
        const { url } = await deps.satisfaction.createFeedbackInvitation(
          tx,
          {
            organisationId: ticket.organisationId,
            serviceCode: ticket.serviceCode,
            channel: 'counter',
            contactPointId: ticket.contactPointId,
            contactAt: new Date(ticket.finishedAt ?? Date.now()),
            language: ticket.language,
            source,
          },
          '',
        );
        const survey = await surveys.maybeInvite(
          tx,
          { organisationId: ticket.organisationId, channel: 'counter', language: ticket.language, source },
          visitDraw(`${source.kind}:${source.id}`),
        );
        return { url, surveyUrl: survey?.url ?? null };
      });
    },

    // ---- agents

    /** The counters the agent may sit at, grouped by contact point. */
    async countersForAgent(actor: Actor, now: Date = new Date()) {
      const counters = await repo.listCountersOfOrganisations(db, servingScope(actor));
      const pointIds = [...new Set(counters.map((c) => c.contactPointId))];
      const points = (await Promise.all(pointIds.map((id) => contactPoints.get(id, now).catch(() => undefined)))).filter((p): p is ContactPointDetail => !!p);
      return points.map((point) => ({ point, counters: counters.filter((c) => c.contactPointId === point.id) }));
    },

    async counterScreen(actor: Actor, counterId: string, now: Date = new Date()): Promise<CounterScreen> {
      const counter = await counterFor(actor, counterId);
      const contactPoint = await pointOr404(counter.contactPointId, now);
      const [services, counters, categories, currentRecord, waitingRecords] = await Promise.all([
        repo.listQueueServices(db, counter.contactPointId),
        repo.listCounters(db, counter.contactPointId),
        repo.listPriorityCategories(db, counter.organisationId, false),
        repo.currentTicketAtCounter(db, counter.id),
        repo.waitingForServices(db, counter.queueServiceIds, now),
      ]);
      return {
        counter,
        contactPoint,
        services,
        counters: counters.filter((c) => c.active),
        categories: categories.filter((c) => c.active),
        current: currentRecord ? agentTicket(currentRecord, services, categories) : null,
        waiting: waitingRecords.filter((t) => !t.targetCounterId || t.targetCounterId === counter.id).map((t) => agentTicket(t, services, categories)),
        wait: await report(db, contactPoint, now),
        atCounter: counter.agentAccountId === actor.accountId,
      };
    },

    /** The agent sits at the counter (leaving any other); the counter counts as open for the estimate. */
    async openCounter(actor: Actor, counterId: string, now: Date = new Date()): Promise<void> {
      const counter = await counterFor(actor, counterId);
      if (counter.agentAccountId && counter.agentAccountId !== actor.accountId)
        throw new AppError(409, 'queue.counter_taken', { values: { name: counter.agentName ?? '' } });
      await db.transaction(async (tx) => {
        if (!(await repo.openCounter(tx, counter.id, actor.accountId, now))) {
          throw new AppError(409, 'queue.counter_taken', { values: { name: (await repo.findCounter(tx, counter.id))?.agentName ?? '–' } });
        }
        await announceQueue(tx, counter.contactPointId, '');
      });
    },

    async closeCounter(actor: Actor, counterId: string): Promise<void> {
      const counter = await seatedCounter(actor, counterId);
      await db.transaction(async (tx) => {
        if (await repo.currentTicketAtCounter(tx, counter.id, true)) throw new AppError(409, 'queue.ticket_in_progress');
        await repo.closeCounter(tx, counter.id);
        await announceQueue(tx, counter.contactPointId, '');
      });
    },

    /**
     * Calls the next ticket to this counter (priority in force, then waiting time). Concurrent calls from
     * several counters never take the same ticket (SKIP LOCKED). Null when nobody waits.
     */
    async callNext(actor: Actor, counterId: string, now: Date = new Date()): Promise<AgentTicket | null> {
      const counter = await seatedCounter(actor, counterId);
      return db.transaction(async (tx) => {
        if (await repo.lockCounterAndCheckBusy(tx, counter.id)) throw new AppError(409, 'queue.ticket_in_progress');
        const ticket = await repo.callNextTicket(tx, { counterId: counter.id, agentAccountId: actor.accountId, queueServiceIds: counter.queueServiceIds, now });
        if (!ticket) return null;
        const event = calledEvent(ticket, counter, false);
        await toBoard(tx, counter.contactPointId, event);
        await alerts.called(tx, ticket, counter.name);
        await alerts.nearAlerts(tx, counter.contactPointId, now);
        // The organisation's webhooks: what the board shows (number, counter, service), no personal data.
        await deps.events?.emit(tx, counter.organisationId, 'ticket.called', {
          subject: event.data.number,
          data: { ...webhookCall(event.data), contactPointId: counter.contactPointId },
        });
        return agentTicket(ticket, [], []);
      });
    },

    /** Calls the current ticket again (the board shows and chimes it again). */
    async recall(actor: Actor, counterId: string, now: Date = new Date()): Promise<AgentTicket> {
      return withCurrent(actor, counterId, async (tx, ticket, counter) => {
        if (ticket.status !== 'called') throw new AppError(409, 'queue.invalid_transition');
        const updated = await repo.updateTicketStatus(tx, ticket.id, { status: 'called', recall: true, calledAt: now });
        await toBoard(tx, counter.contactPointId, calledEvent(updated, counter, true));
        return agentTicket(updated, [], []);
      });
    },

    /** The visitor has come to the counter: service time starts. */
    async startServing(actor: Actor, counterId: string, now: Date = new Date()): Promise<AgentTicket> {
      return withCurrent(actor, counterId, async (tx, ticket) => {
        if (ticket.status !== 'called') throw new AppError(409, 'queue.invalid_transition');
        return agentTicket(await repo.updateTicketStatus(tx, ticket.id, { status: 'serving', servingAt: now }), [], []);
      });
    },

    /** Nobody came after the call(s). */
    async noShow(actor: Actor, counterId: string, now: Date = new Date()): Promise<AgentTicket> {
      return withCurrent(actor, counterId, async (tx, ticket) => {
        if (ticket.status !== 'called') throw new AppError(409, 'queue.invalid_transition');
        const updated = await repo.updateTicketStatus(tx, ticket.id, { status: 'no_show', finishedAt: now });
        await repo.erasePhoneOfEnded(tx, ticket.id);
        await toBoard(tx, ticket.contactPointId, { type: 'queue.changed', data: { serviceCode: ticket.serviceCode } });
        return agentTicket(updated, [], []);
      });
    },

    /**
     * Sends the visitor to another service's queue or to one counter, keeping their number, their place (the
     * time they took the ticket) and their "my ticket" link.
     */
    async transfer(
      actor: Actor,
      counterId: string,
      target: { serviceCode?: string | undefined; counterId?: string | undefined },
      now: Date = new Date(),
    ): Promise<AgentTicket> {
      if (!target.serviceCode === !target.counterId) {
        throw new AppError(400, 'queue.transfer_target', { fields: [{ field: 'target', code: 'errors.queue.transfer_target' }] });
      }
      return withCurrent(actor, counterId, async (tx, ticket, counter) => {
        const services = await repo.listQueueServices(tx, counter.contactPointId, true);
        let service: QueueServiceRecord | undefined;
        let targetCounterId: string | null = null;
        if (target.serviceCode) {
          service = services.find((s) => s.serviceCode === target.serviceCode);
        } else {
          const other = isUuid(target.counterId!) ? await repo.findCounter(tx, target.counterId!) : undefined;
          if (other && other.active && other.contactPointId === counter.contactPointId && other.id !== counter.id) {
            targetCounterId = other.id;
            // The visitor keeps their service when the counter serves it, else takes the counter's first one.
            service =
              services.find((s) => s.id === ticket.queueServiceId && other.queueServiceIds.includes(s.id)) ??
              services.find((s) => other.queueServiceIds.includes(s.id));
          }
        }
        if (!service) throw new AppError(400, 'queue.transfer_target', { fields: [{ field: 'target', code: 'errors.queue.transfer_target' }] });
        const successor = await repo.transferTicket(tx, { id: ticket.id, queueServiceId: service.id, serviceCode: service.serviceCode, targetCounterId, now });
        await announceQueue(tx, counter.contactPointId, service.serviceCode);
        await alerts.nearAlerts(tx, counter.contactPointId, now);
        return agentTicket(successor, services, []);
      });
    },

    /**
     * Ends the visit with its outcome, recorded as a counter contact in the same transaction (so it counts
     * in the contact-center statistics exactly when the ticket is done). A ticket of a checked-in
     * appointment marks the appointment seen, in the same transaction.
     */
    async finish(actor: Actor, counterId: string, outcome: ContactOutcome, now: Date = new Date()): Promise<AgentTicket> {
      if (!(CONTACT_OUTCOMES as readonly string[]).includes(outcome)) {
        throw new AppError(400, 'validation.failed', {
          fields: [{ field: 'outcome', code: 'validation.enum', values: { allowedValues: CONTACT_OUTCOMES.join(', ') } }],
        });
      }
      return withCurrent(actor, counterId, async (tx, ticket, counter) => {
        const startedAt = new Date(ticket.servingAt ?? ticket.calledAt ?? now);
        const updated = await repo.updateTicketStatus(tx, ticket.id, { status: 'done', servingAt: startedAt, finishedAt: now, outcome });
        await repo.erasePhoneOfEnded(tx, ticket.id);
        await deps.contactCenter.recordContact(tx, {
          organisationId: ticket.organisationId,
          channel: 'counter',
          serviceCode: ticket.serviceCode,
          contactPointId: ticket.contactPointId,
          agentAccountId: actor.accountId,
          language: ticket.language,
          startedAt,
          endedAt: now,
          outcome,
          source: { kind: 'ticket', id: ticket.id },
        });
        if (ticket.appointmentId) await appointments.recordSeenIn(tx, ticket.appointmentId, actor, now);
        await toBoard(tx, counter.contactPointId, { type: 'queue.changed', data: { serviceCode: ticket.serviceCode } });
        return agentTicket(updated, [], []);
      });
    },

    // ---- settings (managers): settings-service.ts
    ...settingsPart,
  };
}

export type QueueService = ReturnType<typeof queueService>;
