// HTTP for appointments: the public contract (slots, booking), the booking pages in FR/NL/EN without an
// account, the cancel / move link, the waiting list, the agents' agenda and the back-office settings.
import { Type, type Static } from 'typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import type { App } from '../platform/http/types.ts';
import type { Services } from '../services.ts';
import { errorResponses, LangParams, BoundedInteger, Text, Uuid } from '../platform/http/schemas.ts';
import { handleForm } from '../platform/http/forms.ts';
import { renderPage } from '../platform/views/render.tsx';
import { envelope, toAppError } from '../platform/http/error-handler.tsx';
import { authorise, gateRoutes, requireActorPage } from '../identity/guards.ts';
import { AppError, fieldErrorsFromValidation, type FieldError } from '../platform/http/errors.ts';
import { LANGUAGES, type Language } from '../platform/i18n/languages.ts';
import { brusselsDate } from '../platform/calendar/brussels-time.ts';
import { APPOINTMENT_STATUSES, type SettingsRecord } from './repository.ts';
import { parseDate, SlotTakenError, toPublicSlot, type SettingsInput } from './service.ts';
import { canUseAgenda } from './authorisation.ts';
import { contactErrors } from './contact.ts';
import {
  AgendaHomePage,
  AgendaPage,
  BookingDetailsPage,
  BookingPointsPage,
  BookingSlotsPage,
  BookingStartPage,
  ManagePage,
  SettingsFormPage,
  SettingsListPage,
} from './pages.tsx';

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
const FlowQuery = Type.Object({ service: Str(64), postalCode: Str(10), point: Str(64), from: Str(20), start: Str(40), waitlisted: Str(1) });
type FlowQuery = Static<typeof FlowQuery>;
const BookingForm = Type.Object({
  service: Str(64),
  point: Str(64),
  start: Str(40),
  name: Str(200),
  contactBy: Str(10),
  email: Str(254),
  phone: Str(40),
  language: Str(2),
});
type BookingForm = Static<typeof BookingForm>;
const TokenParams = Type.Object({ lang: LangParams.properties.lang, token: Text({ maxLength: 64 }) });
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
});
type SettingsForm = Static<typeof SettingsForm>;
const ClosureForm = Type.Object({ from: Str(20), to: Str(20), seats: Str(12), reason: Str(200), allServices: Str(5) });
type ClosureForm = Static<typeof ClosureForm>;

const SLOT_DAYS = 7;

/** "How should we contact you?": the chosen way only (the other field may keep what was typed before). */
function chosenContact(form: BookingForm): { email?: string; phone?: string } {
  if (form.contactBy === 'phone') return { phone: form.phone ?? '' };
  if (form.contactBy === 'email') return { email: form.email ?? '' };
  return {};
}

function contactFields(form: BookingForm): FieldError[] {
  const fields: FieldError[] = [];
  if (!form.name?.trim()) fields.push({ field: 'name', code: 'validation.required' });
  if (form.contactBy !== 'email' && form.contactBy !== 'phone') fields.push({ field: 'contactBy', code: 'appointments.contactByRequired' });
  else if (!(form.contactBy === 'email' ? form.email : form.phone)?.trim()) fields.push({ field: form.contactBy, code: 'validation.required' });
  else fields.push(...contactErrors(chosenContact(form)));
  return fields;
}

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
  };
}

/** Field errors of a refusal to show in a form; anything else is rethrown to the error page. */
function formErrors(raw: unknown): { errors: FieldError[]; status: number; alternatives?: ReturnType<typeof toPublicSlot>[] } {
  const error = toAppError(raw as Error);
  if (error.status >= 500 || error.status === 404 || error.status === 401 || error.status === 403) throw raw;
  const errors = error.options.fields?.length ? error.options.fields : [{ field: 'form', code: `errors.${error.code}`, values: error.options.values }];
  return { errors, status: error.status, ...(raw instanceof SlotTakenError ? { alternatives: raw.alternatives } : {}) };
}

export function appointmentRoutes(app: App, services: Services) {
  const { appointments } = services;

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

  // ---- public booking flow
  const page = { hide: true, params: LangParams, querystring: FlowQuery };

  app.get('/:lang/appointments', { schema: page }, async (request, reply) => {
    return renderPage(
      request,
      reply,
      <BookingStartPage services={await appointments.bookableServices()} values={{ service: request.query.service, postalCode: request.query.postalCode }} />,
    );
  });

  app.get('/:lang/appointments/points', { schema: page }, async (request, reply) => {
    const { service = '', postalCode } = request.query;
    try {
      const result = await appointments.pointsForService(service, postalCode?.trim() || undefined);
      return renderPage(request, reply, <BookingPointsPage service={result.service} points={result.points} postalCode={postalCode} />);
    } catch (raw) {
      const { errors, status } = formErrors(raw);
      return renderPage(
        request,
        reply,
        <BookingStartPage services={await appointments.bookableServices()} errors={errors} values={{ service, postalCode }} />,
        status,
      );
    }
  });

  const slotsPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    settings: SettingsRecord,
    fromRaw: string | undefined,
    extra: {
      errors?: FieldError[];
      waitlistErrors?: FieldError[];
      waitlisted?: boolean;
      values?: Record<string, string | undefined>;
      move?: { token: string; current: Date };
    } = {},
    status = 200,
  ) => {
    const now = new Date();
    const today = brusselsDate(now);
    let from = fromRaw ? parseDate(fromRaw) : today;
    if (!from || from < today) from = today;
    const slots = await appointments.freeSlots(settings, from, SLOT_DAYS, now);
    return renderPage(request, reply, <BookingSlotsPage settings={settings} slots={slots} from={from} today={today} days={SLOT_DAYS} {...extra} />, status);
  };

  app.get('/:lang/appointments/slots', { schema: page }, async (request, reply) => {
    const settings = await appointments.bookable(request.query.point ?? '', request.query.service ?? '', 'service');
    return slotsPage(request, reply, settings, request.query.from, { waitlisted: request.query.waitlisted === '1' });
  });

  app.get('/:lang/appointments/details', { schema: page }, async (request, reply) => {
    const settings = await appointments.bookable(request.query.point ?? '', request.query.service ?? '', 'service');
    if (!request.query.start)
      return slotsPage(request, reply, settings, request.query.from, { errors: [{ field: 'start', code: 'appointments.chooseSlot' }] }, 400);
    try {
      const slot = await appointments.slotFor(settings, request.query.start);
      return renderPage(request, reply, <BookingDetailsPage settings={settings} slot={slot} />);
    } catch (raw) {
      const { errors, status } = formErrors(raw);
      return slotsPage(request, reply, settings, undefined, { errors }, status);
    }
  });

  app.post('/:lang/appointments', { schema: { hide: true, params: LangParams, body: BookingForm }, attachValidation: true }, async (request, reply) => {
    const form = request.body ?? {};
    const lang = request.params.lang;
    const settings = await appointments.bookable(form.point ?? '', form.service ?? '', 'service');
    const language: Language = LANGUAGES.includes(form.language as Language) ? (form.language as Language) : lang;
    const values = { name: form.name, contactBy: form.contactBy, email: form.email, phone: form.phone, language };
    const render = async (errors: FieldError[], status: number, alternatives?: ReturnType<typeof toPublicSlot>[]) => {
      let slot: { start: Date; end: Date };
      try {
        slot = await appointments.slotFor(settings, form.start ?? '');
      } catch (raw) {
        const refused = formErrors(raw);
        if (!(raw instanceof SlotTakenError)) return slotsPage(request, reply, settings, undefined, { errors: refused.errors }, refused.status);
        slot = { start: new Date(form.start!), end: new Date(new Date(form.start!).getTime() + settings.durationMinutes * 60_000) };
      }
      return renderPage(
        request,
        reply,
        <BookingDetailsPage settings={settings} slot={slot} errors={errors} values={values} {...(alternatives ? { alternatives } : {})} />,
        status,
      );
    };
    const validation = (request.validationError as (Error & { validation?: never[] }) | undefined)?.validation;
    const fields = validation ? fieldErrorsFromValidation(validation) : contactFields(form);
    if (fields.length) return render(fields, 400);
    try {
      const booked = await appointments.book(
        {
          contactPointId: settings.contactPointId,
          serviceCode: settings.serviceCode,
          start: form.start ?? '',
          name: form.name!,
          ...chosenContact(form),
          language,
        },
        new Date(),
        request.id,
      );
      return reply.redirect(`/${lang}/appointments/manage/${new URL(booked.manageUrl).pathname.split('/').pop()}?booked=1`, 303);
    } catch (raw) {
      const { errors, status, alternatives } = formErrors(raw);
      return render(errors, status, alternatives);
    }
  });

  app.post(
    '/:lang/appointments/waitlist',
    { schema: { hide: true, params: LangParams, body: BookingForm }, attachValidation: true },
    async (request, reply) => {
      const form = request.body ?? {};
      const lang = request.params.lang;
      const settings = await appointments.bookable(form.point ?? '', form.service ?? '', 'service');
      const fields = contactFields(form);
      if (fields.length)
        return slotsPage(
          request,
          reply,
          settings,
          undefined,
          { waitlistErrors: fields, values: { name: form.name, contactBy: form.contactBy, email: form.email, phone: form.phone } },
          400,
        );
      await appointments.joinWaitlist({
        contactPointId: settings.contactPointId,
        serviceCode: settings.serviceCode,
        name: form.name!,
        ...chosenContact(form),
        language: lang,
      });
      return reply.redirect(`/${lang}/appointments/slots?service=${settings.serviceCode}&point=${settings.contactPointId}&waitlisted=1`, 303);
    },
  );

  // ---- the secret link: see, cancel, move
  // The short form sent by text message (one SMS holds it): the manage page in the booking's language.
  app.get('/a/:token', { schema: { hide: true, params: Type.Object({ token: Text({ maxLength: 64 }) }) } }, async (request, reply) => {
    const view = await appointments.manageView(request.params.token);
    return reply.header('cache-control', 'no-store').redirect(`/${view.appointment.language}/appointments/manage/${request.params.token}`, 303);
  });

  const ManageQuery = Type.Object({ booked: Str(1), moved: Str(1), cancelled: Str(1), from: Str(20) });
  app.get('/:lang/appointments/manage/:token', { schema: { hide: true, params: TokenParams, querystring: ManageQuery } }, async (request, reply) => {
    const view = await appointments.manageView(request.params.token);
    const q = request.query;
    const notice = q.booked ? 'booked' : q.moved ? 'moved' : q.cancelled ? 'cancelled' : undefined;
    return renderPage(request, reply, <ManagePage {...view} notice={notice} token={request.params.token} />);
  });

  app.post('/:lang/appointments/manage/:token/cancel', { schema: { hide: true, params: TokenParams } }, async (request, reply) => {
    await appointments.cancel(request.params.token);
    return reply.redirect(`/${request.params.lang}/appointments/manage/${request.params.token}?cancelled=1`, 303);
  });

  app.get('/:lang/appointments/manage/:token/move', { schema: { hide: true, params: TokenParams, querystring: ManageQuery } }, async (request, reply) => {
    const view = await appointments.manageView(request.params.token);
    if (!view.changeable) throw new AppError(410, 'appointment.link_expired');
    return slotsPage(request, reply, view.settings, request.query.from, { move: { token: request.params.token, current: view.appointment.startsAt } });
  });

  app.post(
    '/:lang/appointments/manage/:token/move',
    { schema: { hide: true, params: TokenParams, body: Type.Object({ start: Str(40) }) }, attachValidation: true },
    async (request, reply) => {
      const { token, lang } = request.params;
      const start = (request.body as { start?: string } | undefined)?.start;
      const view = await appointments.manageView(token);
      const move = { token, current: view.appointment.startsAt };
      if (!start) return slotsPage(request, reply, view.settings, undefined, { move, errors: [{ field: 'start', code: 'appointments.chooseSlot' }] }, 400);
      try {
        await appointments.move(token, start);
        return reply.redirect(`/${lang}/appointments/manage/${token}?moved=1`, 303);
      } catch (raw) {
        const { errors, status } = formErrors(raw);
        return slotsPage(request, reply, view.settings, undefined, { move, errors }, status);
      }
    },
  );

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
    const { point, appointments: list } = await appointments.agenda(actor, request.params.id, date, view === 'week' ? 7 : 1, request.id);
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
    const updated = await appointments.setStatus(actor, request.params.id, request.body.status, new Date(), request.id);
    const date = request.body.date && parseDate(request.body.date) ? request.body.date : brusselsDate(updated.startsAt);
    const view = request.body.view === 'week' ? 'week' : 'day';
    return reply.redirect(`/${request.params.lang}/agenda/${updated.contactPointId}?date=${date}&view=${view}&saved=1`, 303);
  });

  // ---- settings (back office)
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
      (errors) => newForm(request, errors, form),
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
        (errors) => editForm(request, request.params.id, { errors, values: form }),
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
