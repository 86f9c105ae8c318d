// HTTP for appointments: the public contract (slots, booking), the agents' agenda and the back-office
// settings; the booking pages (booking/routes.tsx) and the secret link (manage/routes.tsx) are wired from here.
import { Type, type Static } from 'typebox';
import type { FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import type { App } from '../platform/http/types.ts';
import type { Services } from '../services.ts';
import { errorResponses, LangParams, BoundedInteger, Text, Uuid } from '../platform/http/schemas.ts';
import { handleForm } from '../platform/http/forms.ts';
import { renderPage } from '../platform/views/render.tsx';
import { envelope } from '../platform/http/error-handler.tsx';
import { authorise, gateRoutes, requireActorPage } from '../identity/guards.ts';
import { AppError, type FieldError } from '../platform/http/errors.ts';
import { LANGUAGES } from '../platform/i18n/languages.ts';
import { brusselsDate } from '../platform/calendar/brussels-time.ts';
import { APPOINTMENT_STATUSES } from './repository.ts';
import { parseDate, SlotTakenError, toPublicSlot, type SettingsInput } from './service.ts';
import { canUseAgenda } from './authorisation.ts';
import { AgendaHomePage, AgendaPage } from './agenda/pages.tsx';
import { SettingsFormPage, SettingsListPage } from './settings/pages.tsx';
import { bookingRoutes } from './booking/routes.tsx';
import { CITIZEN_COOKIE } from '../citizens/service.ts';
import { manageRoutes } from './manage/routes.tsx';
import { videoLinkRoutes } from './settings/video-link-routes.tsx';
import { APPOINTMENT_MODES, isAppointmentMode } from './modes.ts';

const SlotSchema = Type.Object({
  start: Type.String({ format: 'date-time', description: 'ISO 8601 with the Brussels offset' }),
  end: Type.String({ format: 'date-time', description: 'ISO 8601 with the Brussels offset' }),
});
const ErrorBody = Type.Object({
  code: Type.String(),
  message: Type.String(),
  status: BoundedInteger(),
  fields: Type.Optional(Type.Array(Type.Object({ field: Type.String(), code: Type.String(), message: Type.String() }))),
});
const ConflictSchema = Type.Object(
  { error: ErrorBody, alternatives: Type.Optional(Type.Array(SlotSchema, { description: 'The next free slots, soonest first' })) },
  { description: 'Slot taken (with alternatives) or the per-person limit reached' },
);
const BookingBody = Type.Object(
  {
    contactPointId: Uuid(),
    serviceCode: Text({ minLength: 1, maxLength: 64 }),
    start: Text({ minLength: 1, maxLength: 40, description: 'A slot start as returned by the slots endpoint (ISO 8601 with offset)' }),
    name: Text({ minLength: 1, maxLength: 200 }),
    email: Type.Optional(Type.String({ format: 'email', maxLength: 254 })),
    phone: Type.Optional(
      Text({ maxLength: 40, description: 'A mobile number, E.164 (+32470123456) or a Belgian national form (0470 12 34 56); "email" or "phone" is required' }),
    ),
    language: Type.Enum(LANGUAGES),
    mode: Type.Optional(
      Type.Enum(APPOINTMENT_MODES, {
        description: 'At the counter (default), by phone (the agent calls the "phone" number) or by video (a meeting link); one the service offers there',
      }),
    ),
  },
  { additionalProperties: false, description: 'One of "email" and "phone" is required; with both, notices go to each' },
);
const BookedSchema = Type.Object({
  reference: Type.String(),
  status: Type.String(),
  contactPointId: Uuid(),
  serviceCode: Type.String(),
  start: Type.String({ format: 'date-time' }),
  end: Type.String({ format: 'date-time' }),
  language: Type.String(),
  manageUrl: Type.String({ description: 'Secret link to cancel or move the appointment (also sent by e-mail or text message)' }),
});

const Str = (max: number) => Type.Optional(Type.String({ maxLength: max }));
const LangIdParams = Type.Object({ lang: LangParams.properties.lang, id: Text({ maxLength: 64 }) });
const SettingsForm = Type.Object({
  version: Str(12),
  contactPointId: Str(64),
  serviceCode: Str(64),
  durationMinutes: Str(12),
  capacity: Str(12),
  openingHours: Str(1000),
  bufferMinutes: Str(12),
  minNoticeMinutes: Str(12),
  maxHorizonDays: Str(12),
  maxPerPerson: Str(12),
  active: Str(5),
  /** The modes offered (checkboxes: one value or several). */
  modes: Type.Optional(Type.Union([Str(10), Type.Array(Type.String({ maxLength: 10 }), { maxItems: 3 })])),
});
type SettingsForm = Static<typeof SettingsForm>;
const ClosureForm = Type.Object({ from: Str(20), to: Str(20), seats: Str(12), reason: Str(200), allServices: Str(5) });
type ClosureForm = Static<typeof ClosureForm>;

const int = (value: string | undefined) => (value === undefined || value.trim() === '' ? Number.NaN : Number(value));
function settingsInput(form: SettingsForm): SettingsInput {
  return {
    durationMinutes: int(form.durationMinutes),
    capacity: int(form.capacity),
    openingHours: form.openingHours ?? null,
    bufferMinutes: form.bufferMinutes?.trim() ? int(form.bufferMinutes) : 0,
    minNoticeMinutes: form.minNoticeMinutes?.trim() ? int(form.minNoticeMinutes) : 0,
    maxHorizonDays: int(form.maxHorizonDays),
    maxPerPerson: form.maxPerPerson?.trim() ? int(form.maxPerPerson) : 1,
    active: form.active === 'true',
    modes: (form.modes === undefined ? [] : Array.isArray(form.modes) ? form.modes : [form.modes]).filter(isAppointmentMode),
  };
}

/** The posted settings shown again with their errors (the modes as one comma-separated text). */
const shownValues = (form: SettingsForm): Record<string, string | undefined> => ({ ...form, modes: settingsInput(form).modes.join(',') });

export function appointmentRoutes(app: App, services: Services) {
  const { appointments, privacy } = services;

  // ---- public contract
  app.get(
    '/api/v1/contact-points/:id/slots',
    {
      schema: {
        tags: ['appointments'],
        summary: 'Free appointment slots of a service at a contact point from a date (14 days), soonest first',
        params: Type.Object({ id: Text({ maxLength: 64 }) }),
        querystring: Type.Object({ service: Type.Optional(Text({ maxLength: 64 })), from: Type.Optional(Text({ maxLength: 20 })) }),
        response: { 200: Type.Object({ slots: Type.Array(SlotSchema) }), ...errorResponses(400, 404) },
      },
    },
    async (request) => ({ slots: (await appointments.slots(request.params.id, request.query.service, request.query.from)).map(toPublicSlot) }),
  );

  app.post(
    '/api/v1/appointments',
    {
      schema: {
        tags: ['appointments'],
        summary: 'Book an appointment (no account): 201 with the reference; 409 with alternatives when the slot is taken',
        body: BookingBody,
        response: { 201: BookedSchema, 409: ConflictSchema, ...errorResponses(400, 404, 415) },
      },
    },
    async (request, reply) => {
      try {
        const booked = await appointments.book(request.body, new Date(), request.id);
        return reply.code(201).header('cache-control', 'no-store').send(booked);
      } catch (error) {
        if (error instanceof SlotTakenError) {
          return reply
            .code(409)
            .header('cache-control', 'no-store')
            .send({ ...envelope(request, error), alternatives: error.alternatives });
        }
        throw error;
      }
    },
  );

  // ---- public booking flow (booking/routes.tsx) and the secret link (manage/routes.tsx)
  bookingRoutes(app, appointments, (request) => services.citizens.formValues(request.cookies[CITIZEN_COOKIE]));
  manageRoutes(app, appointments);

  // ---- agents (the agenda's screens are gated by role; which contact point is the service's rule)
  gateRoutes(app, ['/:lang/agenda'], canUseAgenda);
  app.get('/:lang/agenda', { schema: { hide: true, params: LangParams } }, async (request, reply) => {
    const actor = requireActorPage(request);
    const [points, rates] = await Promise.all([appointments.agendaPoints(actor), appointments.noShowRates(actor, null)]);
    return renderPage(request, reply, <AgendaHomePage points={points} rates={rates} />);
  });

  const AgendaQuery = Type.Object({ date: Str(20), view: Str(5), saved: Str(1) });
  app.get('/:lang/agenda/:id', { schema: { hide: true, params: LangIdParams, querystring: AgendaQuery } }, async (request, reply) => {
    const actor = requireActorPage(request);
    const today = brusselsDate(new Date());
    const date = request.query.date ? parseDate(request.query.date) : today;
    if (!date) throw new AppError(400, 'validation.failed', { fields: [{ field: 'date', code: 'appointments.dateInvalid' }] });
    const view = request.query.view === 'week' ? 'week' : 'day';
    const { point, appointments: list } = await appointments.agenda(actor, request.params.id, date, view === 'week' ? 7 : 1, request.id, (organisationId) =>
      privacy.requireCitizenDataAccess(actor, organisationId),
    );
    const rates = await appointments.noShowRates(actor, point.id);
    return renderPage(
      request,
      reply,
      <AgendaPage point={point} appointments={list} date={date} view={view} rates={rates} today={today} notice={request.query.saved} />,
    );
  });

  const StatusForm = Type.Object({ status: Type.Enum(APPOINTMENT_STATUSES.filter((s) => s !== 'cancelled')), date: Str(20), view: Str(5) });
  app.post('/:lang/agenda/appointments/:id/status', { schema: { hide: true, params: LangIdParams, body: StatusForm } }, async (request, reply) => {
    const actor = requireActorPage(request);
    const updated = await appointments.setStatus(actor, request.params.id, request.body.status, new Date(), request.id, (organisationId) =>
      privacy.requireCitizenDataAccess(actor, organisationId),
    );
    const date = request.body.date && parseDate(request.body.date) ? request.body.date : brusselsDate(updated.startsAt);
    const view = request.body.view === 'week' ? 'week' : 'day';
    return reply.redirect(`/${request.params.lang}/agenda/${updated.contactPointId}?date=${date}&view=${view}&saved=1`, 303);
  });

  // ---- settings (back office)
  videoLinkRoutes(app, services);
  app.get('/:lang/admin/appointments', { schema: { hide: true, params: LangParams } }, async (request, reply) => {
    const actor = requireActorPage(request);
    return renderPage(request, reply, <SettingsListPage settings={await appointments.listSettings(actor)} />);
  });

  const newForm = async (request: FastifyRequest, errors?: FieldError[], values?: Record<string, string | undefined>): Promise<VNode> => {
    const actor = requireActorPage(request);
    const [points, servicesList] = await Promise.all([appointments.configurableChoices(actor), appointments.providableServices(actor)]);
    authorise(points.length > 0);
    return <SettingsFormPage canEdit points={points} services={servicesList} errors={errors} {...(values ? { values } : {})} />;
  };

  app.get('/:lang/admin/appointments/new', { schema: { hide: true, params: LangParams } }, async (request, reply) =>
    renderPage(request, reply, await newForm(request)),
  );

  app.post('/:lang/admin/appointments', { schema: { hide: true, params: LangParams, body: SettingsForm }, attachValidation: true }, async (request, reply) => {
    const actor = requireActorPage(request);
    const form = request.body ?? {};
    return handleForm(
      request,
      reply,
      (errors) => newForm(request, errors, shownValues(form)),
      async () =>
        `/${request.params.lang}/admin/appointments/${await appointments.createSettings(actor, form.contactPointId ?? '', form.serviceCode ?? '', settingsInput(form))}?notice=created`,
    );
  });

  const editForm = async (
    request: FastifyRequest,
    id: string,
    extra: { errors?: FieldError[]; closureErrors?: FieldError[]; values?: Record<string, string | undefined>; notice?: string | undefined } = {},
  ) => {
    const actor = requireActorPage(request);
    const { settings, closures, canEdit } = await appointments.getSettings(actor, id);
    return <SettingsFormPage settings={settings} closures={closures} canEdit={canEdit} points={[]} services={[]} {...extra} />;
  };

  app.get(
    '/:lang/admin/appointments/:id',
    { schema: { hide: true, params: LangIdParams, querystring: Type.Object({ notice: Str(20) }) } },
    async (request, reply) => {
      const notice = ['created', 'saved', 'closure'].includes(request.query.notice ?? '') ? request.query.notice : undefined;
      return renderPage(request, reply, await editForm(request, request.params.id, { notice }));
    },
  );

  app.post(
    '/:lang/admin/appointments/:id',
    { schema: { hide: true, params: LangIdParams, body: SettingsForm }, attachValidation: true },
    async (request, reply) => {
      const actor = requireActorPage(request);
      const form = request.body ?? {};
      return handleForm(
        request,
        reply,
        (errors) => editForm(request, request.params.id, { errors, values: shownValues(form) }),
        async () => {
          const version = int(form.version);
          if (!Number.isInteger(version))
            throw new AppError(400, 'validation.failed', { fields: [{ field: 'form', code: 'errors.appointment.settings_stale' }] });
          await appointments.updateSettings(actor, request.params.id, version, settingsInput(form));
          return `/${request.params.lang}/admin/appointments/${request.params.id}?notice=saved`;
        },
      );
    },
  );

  app.post(
    '/:lang/admin/appointments/:id/closures',
    { schema: { hide: true, params: LangIdParams, body: ClosureForm }, attachValidation: true },
    async (request, reply) => {
      const actor = requireActorPage(request);
      const form = request.body ?? {};
      return handleForm(
        request,
        reply,
        (closureErrors) => editForm(request, request.params.id, { closureErrors, values: form }),
        async () => {
          const seats = form.seats?.trim() ? int(form.seats) : null;
          await appointments.addClosure(actor, request.params.id, {
            from: form.from ?? '',
            to: form.to ?? '',
            seats,
            reason: form.reason ?? '',
            allServices: form.allServices === 'true',
          });
          return `/${request.params.lang}/admin/appointments/${request.params.id}?notice=closure`;
        },
      );
    },
  );

  app.post(
    '/:lang/admin/appointments/:id/closures/:closureId/delete',
    { schema: { hide: true, params: Type.Object({ lang: LangParams.properties.lang, id: Text({ maxLength: 64 }), closureId: Text({ maxLength: 64 }) }) } },
    async (request, reply) => {
      const actor = requireActorPage(request);
      await appointments.removeClosure(actor, request.params.id, request.params.closureId);
      return reply.redirect(`/${request.params.lang}/admin/appointments/${request.params.id}?notice=closure`, 303);
    },
  );
}
