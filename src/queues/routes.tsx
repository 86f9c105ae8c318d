// HTTP for queue tickets: the public contract (tickets, wait, events), the ticket holder's page, the kiosk
// and display board pages, the agent's counter (pages and API) and the queue settings API.
import { Type, type Static } from 'typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../platform/http/types.ts';
import type { Services } from '../services.ts';
import { errorResponses, LangParams, LanguageSchema, LocalizedTextSchema, BoundedInteger, Text, Nullable } from '../platform/http/schemas.ts';
import { handleForm } from '../platform/http/forms.ts';
import { renderPage } from '../platform/views/render.tsx';
import { gateRoutes, requireActorPage } from '../identity/guards.ts';
import { AppError } from '../platform/http/errors.ts';
import { CodeSchema } from '../organisations/schemas.ts';
import { CONTACT_OUTCOMES } from '../contactcenter/model.ts';
import { channels } from '../platform/realtime/channels.ts';
import { BoardPage, FeedbackLinksPage, KioskPage, TicketPage } from './pages.tsx';
import { RemoteSettingsPage, RemoteTicketPage } from './remote-pages.tsx';
import { AgentHomePage, CounterPage } from './counter-pages.tsx';
import { canUseQueues } from './authorisation.ts';
import type { Actor } from '../identity/actor.ts';
import { displayNumber } from './rules.ts';

const IdParams = Type.Object({ id: Text({ maxLength: 64 }) });
const LangIdParams = Type.Object({ lang: LangParams.properties.lang, id: Text({ maxLength: 64 }) });
const LangTokenParams = Type.Object({ lang: LangParams.properties.lang, token: Text({ maxLength: 100 }) });
const session = [{ session: [] }];
const ServiceCode = Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 100 });
const CategoryCode = Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 60 });
/** Stored multilingual text in answers (a language may be missing). */
const StoredText = Type.Object({ fr: Type.Optional(Type.String()), nl: Type.Optional(Type.String()), en: Type.Optional(Type.String()) });

const TicketBody = Type.Object({
  serviceCode: ServiceCode,
  priorityCategory: Type.Optional(Nullable(Text({ maxLength: 60 }))),
  language: Type.Optional(LanguageSchema),
  phone: Type.Optional(
    Nullable(Text({ maxLength: 40, description: 'A mobile number for the SMS alerts ("your turn is near", "called"), E.164 or a national form; optional' })),
  ),
});
const WaitEstimateSchema = Type.Object(
  {
    kind: Type.Union([Type.Literal('unknown'), Type.Literal('none'), Type.Literal('under'), Type.Literal('range'), Type.Literal('over')], {
      description:
        'unknown: not enough data for an estimate (no counter open, or too few recent services); none: a counter is free; ' +
        'under: less than maxMinutes; range: about minMinutes to maxMinutes; over: more than minMinutes (whole hours)',
    }),
    minMinutes: Type.Optional(BoundedInteger()),
    maxMinutes: Type.Optional(BoundedInteger()),
  },
  { $id: 'WaitEstimate', description: 'A waiting-time estimate (decision 0043): the same on every screen' },
);
const IssuedTicketSchema = Type.Object(
  {
    number: Type.String({ description: 'The number as shown and called, prefix + three digits, e.g. "A007"' }),
    position: BoundedInteger({ minimum: 1, description: '1 = next to be called' }),
    estimate: Type.Ref('WaitEstimate'),
    estimatedWaitMinutes: Nullable(BoundedInteger({ minimum: 0, description: 'The middle of the estimate; null when there is no estimate yet' })),
    serviceCode: Type.String(),
    ticketUrl: Type.String({ description: 'The holder\'s "my ticket" page (position and wait, live)' }),
    issuedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'IssuedTicket' },
);
const ServiceWaitSchema = Type.Object({
  serviceCode: Type.String(),
  name: StoredText,
  prefix: Type.String(),
  waiting: BoundedInteger({ description: 'In line: waiting, and taken online but not checked in yet' }),
  notCheckedIn: BoundedInteger({ description: 'Of those, taken online and not checked in yet (never called before they are)' }),
  countersOpen: BoundedInteger(),
  typicalServiceMinutes: Type.Number(),
  measured: Type.Boolean(),
  estimate: Type.Ref('WaitEstimate'),
  estimatedWaitMinutes: Nullable(BoundedInteger({ description: 'The middle of the estimate; null when there is no estimate yet' })),
});
const WaitReportSchema = Type.Object(
  {
    contactPointId: Type.String(),
    open: Type.Boolean(),
    remoteTickets: Type.Boolean(),
    generatedAt: Type.String({ format: 'date-time' }),
    services: Type.Array(ServiceWaitSchema),
  },
  { $id: 'QueueWait' },
);
const TicketViewSchema = Type.Object({
  number: Type.String(),
  status: Type.String(),
  serviceCode: Type.String(),
  serviceName: StoredText,
  contactPointId: Type.String(),
  contactPointName: StoredText,
  position: Nullable(BoundedInteger()),
  estimate: Nullable(Type.Object(WaitEstimateSchema.properties), { description: "This ticket's own wait; null once it is called or finished" }),
  estimatedWaitMinutes: Nullable(BoundedInteger()),
  counter: Nullable(Type.String()),
  calledAt: Nullable(Type.String()),
  issuedAt: Type.String(),
  feedbackAvailable: Type.Boolean(),
  checkInCode: Nullable(Type.String({ description: 'Taken online and not checked in yet: the code for the kiosk or a counter' })),
  checkInBy: Nullable(Type.String({ format: 'date-time', description: 'Taken online: released when not checked in by then' })),
});
const AgentTicketSchema = Type.Object({
  id: Type.String(),
  number: Type.String(),
  status: Type.String(),
  serviceCode: Type.String(),
  appointment: Type.Boolean(),
  queuedAt: Type.String(),
  calledAt: Nullable(Type.String()),
  recalls: BoundedInteger(),
  transferred: Type.Boolean(),
});
const RemoteSettingsSchema = Type.Object(
  {
    allowed: Type.Boolean({ description: 'Visitors may take a ticket online before coming (off by default)' }),
    dailyCap: BoundedInteger({ minimum: 1, maximum: 2000, description: 'Tickets taken online a day at most, all services together' }),
    graceMinutes: BoundedInteger({
      minimum: 10,
      maximum: 240,
      description: 'Minutes to check in at the kiosk or a counter after taking it (never past closing); then the ticket is released',
    }),
  },
  { description: 'Remote tickets (decision 0061)' },
);
const SettingsBody = Type.Object({
  nearAlertPeople: Type.Optional(
    BoundedInteger({ minimum: 1, maximum: 30, description: 'People left before a ticket when its "your turn is near" SMS goes (3 by default)' }),
  ),
  spokenCalls: Type.Optional(
    Type.Boolean({ description: "The display board also speaks each call, in the ticket's language, after its chime (off by default)" }),
  ),
  remoteTickets: Type.Optional(RemoteSettingsSchema),
  services: Type.Array(
    Type.Object({
      serviceCode: ServiceCode,
      prefix: Type.String({ pattern: '^[A-Z]{1,2}$' }),
      enabled: Type.Optional(Type.Boolean()),
      defaultServiceMinutes: Type.Optional(BoundedInteger({ minimum: 1, maximum: 240 })),
      remoteAllowed: Type.Optional(Type.Boolean({ description: 'Open to remote tickets when the point is (true by default)' })),
      remoteDailyCap: Type.Optional(
        Nullable(BoundedInteger({ minimum: 1, maximum: 2000, description: "This service's own cap of remote tickets a day; null: the point's only" })),
      ),
    }),
    { maxItems: 40 },
  ),
  counters: Type.Array(
    Type.Object({
      name: Text({ minLength: 1, maxLength: 40 }),
      serviceCodes: Type.Array(ServiceCode, { maxItems: 40 }),
      active: Type.Optional(Type.Boolean()),
    }),
    { maxItems: 60 },
  ),
});
const SettingsSchema = Type.Object({
  contactPointId: Type.String(),
  services: Type.Array(
    Type.Object({
      serviceCode: Type.String(),
      prefix: Type.String(),
      enabled: Type.Boolean(),
      defaultServiceMinutes: BoundedInteger(),
      remoteAllowed: Type.Boolean(),
      remoteDailyCap: Nullable(BoundedInteger()),
    }),
  ),
  counters: Type.Array(
    Type.Object({ id: Type.String(), name: Type.String(), active: Type.Boolean(), open: Type.Boolean(), serviceCodes: Type.Array(Type.String()) }),
  ),
  priorityCategories: Type.Array(Type.Object({ code: Type.String(), name: StoredText, rank: BoundedInteger(), onKiosk: Type.Boolean() })),
  nearAlertPeople: BoundedInteger({ description: 'People left before a ticket when its "your turn is near" SMS goes' }),
  spokenCalls: Type.Boolean({ description: "The display board also speaks each call in the ticket's language" }),
  remoteTickets: RemoteSettingsSchema,
});
const CategorySchema = Type.Object({
  code: CategoryCode,
  name: LocalizedTextSchema,
  rank: BoundedInteger({ minimum: 1, maximum: 9 }),
  onKiosk: Type.Optional(Type.Boolean()),
});
const CategoriesBody = Type.Object({ categories: Type.Array(CategorySchema, { maxItems: 20 }) });
const CategoriesAnswer = Type.Object({
  categories: Type.Array(Type.Object({ code: Type.String(), name: StoredText, rank: BoundedInteger(), onKiosk: Type.Boolean() })),
});

// HTML forms, flat as they are posted.
const KioskForm = Type.Object({ serviceCode: ServiceCode, priorityCategory: Type.Optional(Text({ maxLength: 60 })) });
const CheckInForm = Type.Object({ reference: Text({ minLength: 1, maxLength: 20 }) });
const FinishForm = Type.Object({ outcome: Type.Enum(CONTACT_OUTCOMES) });
const TransferForm = Type.Object({ target: Type.String({ pattern: '^(service|counter):[A-Za-z0-9-]{1,100}$' }) });
const RemoteCheckInForm = Type.Object({ code: Text({ minLength: 1, maxLength: 40 }) });
const RemoteTicketForm = Type.Object({
  serviceCode: ServiceCode,
  phone: Type.Optional(Text({ maxLength: 40 })),
  email: Type.Optional(Text({ maxLength: 254 })),
});
const RemoteTicketBody = Type.Object({
  serviceCode: ServiceCode,
  language: Type.Optional(LanguageSchema),
  phone: Type.Optional(Nullable(Text({ maxLength: 40, description: 'A mobile number for the SMS alerts, E.164 or a national form; optional' }))),
  email: Type.Optional(Nullable(Text({ maxLength: 254, description: 'An address for the ticket link and the release notice; optional' }))),
});
const IssueForm = Type.Object({ serviceCode: ServiceCode, priorityCategory: Type.Optional(Text({ maxLength: 60 })) });

const COUNTER_ACTIONS = ['open', 'close', 'call-next', 'recall', 'start', 'no-show'] as const;
type CounterAction = (typeof COUNTER_ACTIONS)[number];

function parseTarget(target: string): { serviceCode?: string; counterId?: string } {
  const [kind, value] = target.split(':') as [string, string];
  return kind === 'service' ? { serviceCode: value } : { counterId: value };
}

export function queueRoutes(app: App, services: Services) {
  const { queues, realtime } = services;
  // Agents and managers at counters: the screens and the agent API (which counter is the service's rule).
  gateRoutes(app, ['/:lang/queues', '/api/v1/queue-counters'], canUseQueues);
  app.addSchema(WaitEstimateSchema);
  app.addSchema(IssuedTicketSchema);
  app.addSchema(WaitReportSchema);

  // ---- public contract

  app.post(
    '/api/v1/contact-points/:id/tickets',
    {
      schema: {
        tags: ['queues'],
        summary: 'Take a queue ticket for a service at a contact point (kiosk, phone, or an agent signed in)',
        description:
          'Refused with 400 when the contact point does not issue tickets for the service, 409 when it is closed now, 404 when it does not exist. ' +
          'An agent of the owning organisation may give any priority category; a visitor only those offered on the kiosk.',
        params: IdParams,
        body: TicketBody,
        response: { 201: Type.Ref('IssuedTicket'), ...errorResponses(400, 404, 409) },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const issued = await queues.issueTicket(
        request.params.id,
        { serviceCode: body.serviceCode, priorityCategory: body.priorityCategory || null, language: body.language ?? request.lang, phone: body.phone ?? null },
        request.actor,
      );
      const { token: _token, ...shown } = issued;
      return reply.code(201).send(shown);
    },
  );

  app.post(
    '/api/v1/contact-points/:id/check-ins',
    {
      schema: {
        tags: ['queues'],
        summary: 'Arrival with an appointment: checks it in and gives a ticket served at the appointment time',
        description:
          'Refused with 404 appointment.not_found when the reference is not an appointment at this contact point (unknown, or booked at ' +
          'another point: both answer the same, and change nothing), 409 when the point is closed or the appointment is not booked.',
        params: IdParams,
        body: Type.Object({ reference: Text({ minLength: 1, maxLength: 20 }), language: Type.Optional(LanguageSchema) }),
        response: { 201: Type.Ref('IssuedTicket'), ...errorResponses(400, 404, 409) },
      },
    },
    async (request, reply) => {
      const issued = await queues.checkInAppointment(
        request.params.id,
        request.body.reference.trim().toUpperCase(),
        request.body.language ?? request.lang,
        request.actor,
      );
      const { token: _token, ...shown } = issued;
      return reply.code(201).send(shown);
    },
  );

  app.post(
    '/api/v1/contact-points/:id/remote-tickets',
    {
      schema: {
        tags: ['queues'],
        summary: 'Take a queue ticket online before coming: it keeps its place but is called only once checked in (decision 0061)',
        description:
          'Refused with 400 when the point gives no remote tickets for the service (or a contact detail is not valid), 409 when it is closed, ' +
          "closes too soon to come, or the day's cap is reached, 404 when it does not exist. Check in at the kiosk with checkInCode (or its QR " +
          'code on the ticket page) or at a counter before checkInBy; after that the ticket is released.',
        params: IdParams,
        body: RemoteTicketBody,
        response: {
          201: Type.Object({
            ...IssuedTicketSchema.properties,
            checkInCode: Type.String({ description: 'Six letters and digits, for the kiosk or a counter' }),
            checkInBy: Type.String({ format: 'date-time' }),
          }),
          ...errorResponses(400, 404, 409),
        },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const issued = await queues.takeRemoteTicket(request.params.id, {
        serviceCode: body.serviceCode,
        language: body.language ?? request.lang,
        phone: body.phone ?? null,
        email: body.email ?? null,
      });
      const { token: _token, ...shown } = issued;
      return reply.code(201).send(shown);
    },
  );

  app.get(
    '/api/v1/contact-points/:id/wait',
    {
      schema: {
        tags: ['queues'],
        summary: 'Estimated waiting time per service now (median of recent service times, counters open)',
        params: IdParams,
        response: { 200: Type.Ref('QueueWait'), ...errorResponses(404) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return queues.waitTimes(request.params.id);
    },
  );

  app.get(
    '/api/v1/contact-points/:id/events',
    {
      schema: {
        tags: ['queues'],
        summary: 'Server-Sent Events of the contact point: "ticket.called" {number, counter, serviceCode, calledAt, recall} and "queue.changed" {serviceCode}',
        params: IdParams,
        querystring: Type.Object({ lastEventId: Type.Optional(Text({ maxLength: 30 })) }),
        response: {
          200: { description: 'A stream of events (text/event-stream)', content: { 'text/event-stream': { schema: Type.String() } } },
          ...errorResponses(404),
        },
      },
    },
    async (request, reply) => {
      const report = await queues.waitTimes(request.params.id); // 404 for an unknown point, before the stream starts
      await realtime.streamEvents(request, reply, [channels.contactPointBoard(report.contactPointId)]);
      return reply;
    },
  );

  app.get(
    '/api/v1/tickets/:token',
    {
      schema: {
        tags: ['queues'],
        summary: 'A ticket seen by its holder: status, position, estimated wait, counter when called',
        params: Type.Object({ token: Text({ maxLength: 100 }) }),
        response: { 200: TicketViewSchema, ...errorResponses(404) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return queues.ticketView(request.params.token);
    },
  );

  // ---- settings API

  app.get(
    '/api/v1/contact-points/:id/queue-settings',
    {
      schema: {
        tags: ['queues'],
        summary: 'Queue settings of a contact point: services with their prefix, counters, priority categories (staff of the organisation)',
        security: session,
        params: IdParams,
        response: { 200: SettingsSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => queues.settings(requireActorPage(request), request.params.id),
  );
  app.put(
    '/api/v1/contact-points/:id/queue-settings',
    {
      schema: {
        tags: ['queues'],
        summary: 'Replace the services (prefixes) and counters of a contact point (managers of the organisation, administrators)',
        security: session,
        params: IdParams,
        body: SettingsBody,
        response: { 200: SettingsSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => queues.saveSettings(requireActorPage(request), request.params.id, request.body, request.id),
  );
  app.get(
    '/api/v1/organisations/:code/queue-priority-categories',
    {
      schema: {
        tags: ['queues'],
        summary: 'The priority categories of an organisation (higher rank is called first)',
        params: Type.Object({ code: CodeSchema }),
        response: { 200: CategoriesAnswer, ...errorResponses(400, 404) },
      },
    },
    async (request) => ({ categories: await queues.priorityCategories(request.params.code) }),
  );
  app.put(
    '/api/v1/organisations/:code/queue-priority-categories',
    {
      schema: {
        tags: ['queues'],
        summary: 'Replace the priority categories of an organisation (managers, administrators)',
        security: session,
        params: Type.Object({ code: CodeSchema }),
        body: CategoriesBody,
        response: { 200: CategoriesAnswer, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => ({
      categories: await queues.savePriorityCategories(requireActorPage(request), request.params.code, request.body.categories, request.id),
    }),
  );

  // ---- agent API

  const actionApi = async (request: FastifyRequest, action: CounterAction, counterId: string) => {
    const actor = requireActorPage(request);
    switch (action) {
      case 'open':
        await queues.openCounter(actor, counterId);
        return { ticket: null };
      case 'close':
        await queues.closeCounter(actor, counterId);
        return { ticket: null };
      case 'call-next':
        return { ticket: await queues.callNext(actor, counterId) };
      case 'recall':
        return { ticket: await queues.recall(actor, counterId) };
      case 'start':
        return { ticket: await queues.startServing(actor, counterId) };
      case 'no-show':
        return { ticket: await queues.noShow(actor, counterId) };
    }
  };
  const ActionResponse = Type.Object({ ticket: Nullable(AgentTicketSchema) });
  for (const action of COUNTER_ACTIONS) {
    app.post(
      `/api/v1/queue-counters/:id/${action}`,
      {
        schema: {
          tags: ['queues'],
          summary:
            action === 'call-next'
              ? 'Call the next ticket to this counter (priority, then waiting time); ticket null when nobody waits'
              : `Counter action "${action}" (on the counter's current ticket where it applies)`,
          security: session,
          params: IdParams,
          response: { 200: ActionResponse, ...errorResponses(401, 403, 404, 409) },
        },
      },
      async (request) => actionApi(request, action, request.params.id),
    );
  }
  app.post(
    '/api/v1/queue-counters/:id/finish',
    {
      schema: {
        tags: ['queues'],
        summary: 'Finish the current ticket with an outcome (recorded as a counter contact)',
        security: session,
        params: IdParams,
        body: Type.Object({ outcome: Type.Enum(CONTACT_OUTCOMES) }),
        response: { 200: ActionResponse, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => ({ ticket: await queues.finish(requireActorPage(request), request.params.id, request.body.outcome) }),
  );
  app.post(
    '/api/v1/queue-counters/:id/transfer',
    {
      schema: {
        tags: ['queues'],
        summary: 'Transfer the current ticket to another service or counter of the contact point (it keeps its number and place)',
        security: session,
        params: IdParams,
        body: Type.Object({ serviceCode: Type.Optional(ServiceCode), counterId: Type.Optional(Text({ maxLength: 64 })) }),
        response: { 200: ActionResponse, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => ({ ticket: await queues.transfer(requireActorPage(request), request.params.id, request.body) }),
  );

  // ---- public pages

  const renderKiosk = async (
    pointId: string,
    errors?: Parameters<typeof KioskPage>[0]['errors'],
    values?: Parameters<typeof KioskPage>[0]['values'],
    checkedIn = false,
  ) => {
    const kiosk = await queues.kiosk(pointId);
    return (
      <KioskPage
        point={kiosk.point}
        services={kiosk.services}
        categories={kiosk.categories}
        remoteTickets={kiosk.wait.remoteTickets}
        checkedIn={checkedIn}
        errors={errors}
        values={values}
      />
    );
  };

  app.get(
    '/:lang/contact-points/:id/kiosk',
    { schema: { hide: true, params: LangIdParams, querystring: Type.Object({ checkedIn: Type.Optional(Type.String({ maxLength: 1 })) }) } },
    async (request, reply) => renderPage(request, reply, await renderKiosk(request.params.id, undefined, undefined, request.query.checkedIn === '1')),
  );

  app.post(
    '/:lang/contact-points/:id/kiosk',
    { schema: { hide: true, params: LangIdParams, body: KioskForm }, attachValidation: true },
    async (request, reply) => {
      const form = request.body;
      return handleForm(
        request,
        reply,
        (errors) => renderKiosk(request.params.id, errors, { priorityCategory: form?.priorityCategory }),
        async () => {
          const issued = await queues.issueTicket(
            request.params.id,
            { serviceCode: form.serviceCode, priorityCategory: form.priorityCategory || null, language: request.params.lang },
            request.actor,
          );
          return `/${request.params.lang}/tickets/${issued.token}?kiosk=${request.params.id}`;
        },
      );
    },
  );

  app.post(
    '/:lang/contact-points/:id/kiosk/check-in',
    { schema: { hide: true, params: LangIdParams, body: CheckInForm }, attachValidation: true },
    async (request, reply) => {
      const form = request.body;
      return handleForm(
        request,
        reply,
        (errors) => renderKiosk(request.params.id, errors, { reference: form?.reference }),
        async () => {
          try {
            const issued = await queues.checkInAppointment(request.params.id, form.reference.trim().toUpperCase(), request.params.lang, request.actor);
            return `/${request.params.lang}/tickets/${issued.token}?kiosk=${request.params.id}`;
          } catch (error) {
            // An unknown reference is the visitor's typing, shown on the form, not a "page not found".
            if (error instanceof AppError && error.status === 404 && error.code === 'appointment.not_found') {
              throw new AppError(400, 'queue.appointment_unknown', { fields: [{ field: 'reference', code: 'errors.queue.appointment_unknown' }] });
            }
            throw error;
          }
        },
      );
    },
  );

  // A visitor takes a ticket online (from the contact-point page or a service page's list), then checks in on arrival.
  const RemoteQuery = Type.Object({ service: Type.Optional(Type.String({ maxLength: 100 })) });
  const renderRemote = async (
    pointId: string,
    selected: string | undefined,
    errors?: Parameters<typeof RemoteTicketPage>[0]['errors'],
    values?: Parameters<typeof RemoteTicketPage>[0]['values'],
  ) => <RemoteTicketPage offer={await queues.remoteOffer(pointId)} selected={selected} errors={errors} values={values} />;

  app.get('/:lang/contact-points/:id/remote-ticket', { schema: { hide: true, params: LangIdParams, querystring: RemoteQuery } }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    return renderPage(request, reply, await renderRemote(request.params.id, request.query.service));
  });

  app.post(
    '/:lang/contact-points/:id/remote-ticket',
    { schema: { hide: true, params: LangIdParams, body: RemoteTicketForm }, attachValidation: true },
    async (request, reply) => {
      const form = request.body;
      return handleForm(
        request,
        reply,
        (errors) => renderRemote(request.params.id, form?.serviceCode, errors, { phone: form?.phone, email: form?.email }),
        async () => {
          const issued = await queues.takeRemoteTicket(request.params.id, {
            serviceCode: form.serviceCode,
            language: request.params.lang,
            phone: form.phone ?? null,
            email: form.email ?? null,
          });
          return `/${request.params.lang}/tickets/${issued.token}`;
        },
      );
    },
  );

  app.post(
    '/:lang/contact-points/:id/kiosk/remote-check-in',
    { schema: { hide: true, params: LangIdParams, body: RemoteCheckInForm }, attachValidation: true },
    async (request, reply) => {
      const form = request.body;
      return handleForm(
        request,
        reply,
        (errors) => renderKiosk(request.params.id, errors, { code: form?.code }),
        async () => {
          await queues.checkInRemote(request.params.id, form.code, { byNumber: false, field: 'code' });
          // The ticket's page is its holder's (on their phone); the kiosk says "checked in" and starts over.
          return `/${request.params.lang}/contact-points/${request.params.id}/kiosk?checkedIn=1`;
        },
      );
    },
  );

  app.get(
    '/:lang/tickets/:token',
    { schema: { hide: true, params: LangTokenParams, querystring: Type.Object({ kiosk: Type.Optional(Text({ maxLength: 64 })) }) } },
    async (request, reply) => {
      const view = await queues.ticketView(request.params.token);
      const kiosk = request.query.kiosk === view.contactPointId;
      reply.header('referrer-policy', 'no-referrer');
      const ticketUrl = `${services.config.publicUrl}/${request.params.lang}/tickets/${encodeURIComponent(request.params.token)}`;
      const nearPeople = await queues.nearAlertPeople(view.contactPointId);
      return renderPage(
        request,
        reply,
        <TicketPage
          view={view}
          kiosk={kiosk}
          ticketUrl={ticketUrl}
          nearPeople={nearPeople}
          phoneAction={`/${request.params.lang}/tickets/${encodeURIComponent(request.params.token)}/phone`}
          newTicketUrl={`/${request.params.lang}/contact-points/${view.contactPointId}/kiosk`}
        />,
      );
    },
  );

  // The holder leaves (or removes, empty) a mobile number for the SMS alerts; a refusal shows the page again.
  app.post(
    '/:lang/tickets/:token/phone',
    { schema: { hide: true, params: LangTokenParams, body: Type.Object({ phone: Type.Optional(Type.String({ maxLength: 40 })) }) }, attachValidation: true },
    async (request, reply) => {
      const { lang, token } = request.params;
      const value = request.validationError ? 'x' : (request.body?.phone ?? '');
      try {
        await queues.leavePhone(token, value);
        return reply.redirect(`/${lang}/tickets/${encodeURIComponent(token)}`, 303);
      } catch (error) {
        if (!(error instanceof AppError) || error.status !== 400) throw error;
        const view = await queues.ticketView(token);
        reply.header('referrer-policy', 'no-referrer');
        const ticketUrl = `${services.config.publicUrl}/${lang}/tickets/${encodeURIComponent(token)}`;
        const page = (
          <TicketPage
            view={view}
            kiosk={false}
            ticketUrl={ticketUrl}
            nearPeople={await queues.nearAlertPeople(view.contactPointId)}
            smsErrors={error.options.fields}
            smsValue={value}
            phoneAction={`/${lang}/tickets/${encodeURIComponent(token)}/phone`}
            newTicketUrl={`/${lang}/contact-points/${view.contactPointId}/kiosk`}
          />
        );
        return renderPage(request, reply, page, 400);
      }
    },
  );

  app.post('/:lang/tickets/:token/feedback', { schema: { hide: true, params: LangTokenParams } }, async (request, reply) => {
    const { url, surveyUrl } = await queues.feedbackLink(request.params.token);
    // Drawn for a custom survey as well: a page with both links (the questionnaire first), else straight on.
    if (surveyUrl) {
      reply.header('referrer-policy', 'no-referrer');
      return renderPage(request, reply, <FeedbackLinksPage feedbackUrl={url} surveyUrl={surveyUrl} />);
    }
    return reply.redirect(url, 303);
  });

  app.get('/:lang/contact-points/:id/board', { schema: { hide: true, params: LangIdParams } }, async (request, reply) => {
    const board = await queues.board(request.params.id);
    return renderPage(request, reply, <BoardPage point={board.point} calls={board.calls} wait={board.wait} spokenCalls={board.spokenCalls} />);
  });

  // ---- managers: tickets taken online at a point (under the agents' gate; the service asks for a manager)

  // Fields named after the point's services (remote-<code>, cap-<code>), hence a record; the CSRF token is one of them.
  const RemoteSettingsBody = Type.Record(Type.String({ maxLength: 120 }), Type.String({ maxLength: 200 }), { maxProperties: 100 });
  app.get(
    '/:lang/queues/remote-tickets/:id',
    { schema: { hide: true, params: LangIdParams, querystring: Type.Object({ saved: Type.Optional(Type.String({ maxLength: 1 })) }) } },
    async (request, reply) => {
      const view = await queues.remoteTicketSettings(requireActorPage(request), request.params.id);
      return renderPage(request, reply, <RemoteSettingsPage view={view} saved={request.query.saved === '1'} />);
    },
  );
  app.post(
    '/:lang/queues/remote-tickets/:id',
    { schema: { hide: true, params: LangIdParams, body: RemoteSettingsBody }, attachValidation: true },
    async (request, reply) => {
      const actor = requireActorPage(request);
      const { lang, id } = request.params;
      const form = (request.body ?? {}) as Record<string, string | undefined>;
      return handleForm(
        request,
        reply,
        async (errors) => <RemoteSettingsPage view={await queues.remoteTicketSettings(actor, id)} errors={errors} form={form} />,
        async () => {
          await queues.saveRemoteTicketSettings(actor, id, form, request.id);
          return `/${lang}/queues/remote-tickets/${id}?saved=1`;
        },
      );
    },
  );

  // ---- agent pages

  app.get('/:lang/queues', { schema: { hide: true, params: LangParams } }, async (request, reply) => {
    const actor = requireActorPage(request);
    return renderPage(request, reply, <AgentHomePage groups={await queues.countersForAgent(actor)} />);
  });

  type CounterParams = Static<typeof LangIdParams>;
  const counterPage = async (
    request: FastifyRequest,
    params: CounterParams,
    errors?: Parameters<typeof CounterPage>[0]['errors'],
    issued?: string,
    checkedIn?: string,
  ) => {
    const screen = await queues.counterScreen(requireActorPage(request), params.id);
    return <CounterPage screen={screen} errors={errors} issued={issued} checkedIn={checkedIn} />;
  };

  app.get(
    '/:lang/queues/counters/:id',
    {
      schema: {
        hide: true,
        params: LangIdParams,
        querystring: Type.Object({
          issued: Type.Optional(Type.String({ pattern: '^[A-Z]{1,2}[0-9]{3,6}$' })),
          checkedIn: Type.Optional(Type.String({ pattern: '^[A-Z]{1,2}[0-9]{3,6}$' })),
        }),
      },
    },
    async (request, reply) => renderPage(request, reply, await counterPage(request, request.params, undefined, request.query.issued, request.query.checkedIn)),
  );

  /** A counter form: done, back to the counter (or where `run` says); refused, the counter again with the error. */
  const counterForm = (request: FastifyRequest & { params: CounterParams }, reply: FastifyReply, run: (actor: Actor) => Promise<string | void>) =>
    handleForm(
      request,
      reply,
      (errors) => counterPage(request, request.params, errors),
      async () => (await run(requireActorPage(request))) ?? `/${request.params.lang}/queues/counters/${request.params.id}`,
    );
  const counterPath = (path: string) => `/:lang/queues/counters/:id/${path}`;
  const pageAction = (path: string, run: (actor: Actor, params: CounterParams) => Promise<string | void>) =>
    app.post(counterPath(path), { schema: { hide: true, params: LangIdParams }, attachValidation: true }, async (request, reply) =>
      counterForm(request, reply, (actor) => run(actor, request.params)),
    );
  pageAction('open', (actor, { id }) => queues.openCounter(actor, id));
  pageAction('close', async (actor, { lang, id }) => {
    await queues.closeCounter(actor, id);
    return `/${lang}/queues`;
  });
  pageAction('call-next', async (actor, { id }) => {
    const ticket = await queues.callNext(actor, id);
    if (!ticket) throw new AppError(409, 'queue.nobody_waiting');
  });
  pageAction('recall', async (actor, { id }) => void (await queues.recall(actor, id)));
  pageAction('start', async (actor, { id }) => void (await queues.startServing(actor, id)));
  pageAction('no-show', async (actor, { id }) => void (await queues.noShow(actor, id)));
  app.post(counterPath('finish'), { schema: { hide: true, params: LangIdParams, body: FinishForm }, attachValidation: true }, async (request, reply) =>
    counterForm(request, reply, async (actor) => void (await queues.finish(actor, request.params.id, request.body.outcome))),
  );
  app.post(counterPath('transfer'), { schema: { hide: true, params: LangIdParams, body: TransferForm }, attachValidation: true }, async (request, reply) =>
    counterForm(request, reply, async (actor) => void (await queues.transfer(actor, request.params.id, parseTarget(request.body.target)))),
  );
  app.post(counterPath('check-in'), { schema: { hide: true, params: LangIdParams, body: RemoteCheckInForm }, attachValidation: true }, async (request, reply) =>
    counterForm(request, reply, async (actor) => {
      const { lang, id } = request.params;
      const screen = await queues.counterScreen(actor, id);
      const ticket = await queues.checkInRemote(screen.contactPoint.id, request.body.code, { byNumber: true, field: 'code' });
      return `/${lang}/queues/counters/${id}?checkedIn=${displayNumber(ticket.prefix, ticket.number)}`;
    }),
  );
  app.post(counterPath('tickets'), { schema: { hide: true, params: LangIdParams, body: IssueForm }, attachValidation: true }, async (request, reply) =>
    counterForm(request, reply, async (actor) => {
      const { lang, id } = request.params;
      const form = request.body;
      const screen = await queues.counterScreen(actor, id);
      const issued = await queues.issueTicket(
        screen.contactPoint.id,
        { serviceCode: form.serviceCode, priorityCategory: form.priorityCategory || null, language: lang },
        actor,
      );
      return `/${lang}/queues/counters/${id}?issued=${issued.number}`;
    }),
  );
}
