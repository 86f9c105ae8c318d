// HTTP for contact points: the public page and API, and the back-office list and form.
import { Type, type Static } from 'typebox';
import type { FastifyRequest } from 'fastify';
import type { App } from '../platform/http/types.ts';
import type { Services } from '../services.ts';
import { errorResponses, LangParams, BoundedInteger, Text } from '../platform/http/schemas.ts';
import { handleForm } from '../platform/http/forms.ts';
import { renderPage } from '../platform/views/render.tsx';
import { createPageCache } from '../platform/views/page-cache.ts';
import { gateRoutes, requireActorPage } from '../identity/guards.ts';
import { AppError } from '../platform/http/errors.ts';
import { CodeSchema } from '../organisations/schemas.ts';
import { listOrganisationsForPicker } from './organisation-choices.ts';
import { HOLIDAY_CALENDARS } from '../platform/calendar/holidays.ts';
import { ACCESSIBILITY_FEATURES, CHANNELS, CONTACT_LANGUAGES, type ContactPointInput } from './service.ts';
import { ContactPointChangesBody, ContactPointCodeSchema, ContactPointSchema, ContactPointSummarySchema, NewContactPointBody } from './schemas.ts';
import { ContactPointFormPage, ContactPointPage, ContactPointsAdminPage } from './pages.tsx';
import { canUseContactPointAdmin } from './authorisation.ts';
import { formValues } from '../platform/http/form-values.ts';

// Ids are checked by the service (malformed → 404), so a bad id never reaches SQL as a uuid cast error.
const IdParams = Type.Object({ id: Text({ maxLength: 64 }) });
const LangIdParams = Type.Object({ lang: LangParams.properties.lang, id: Text({ maxLength: 64 }) });
const session = [{ session: [] }];

// The back-office form, flat as HTML posts it.
const Line = (max: number) => Type.String({ minLength: 1, maxLength: max });
const Optional = (max: number) => Type.Optional(Type.String({ maxLength: max }));
const ContactPointForm = Type.Object({
  version: Type.Optional(BoundedInteger({ minimum: 1 })),
  organisationCode: Type.Optional(CodeSchema),
  code: ContactPointCodeSchema,
  nameFr: Line(200),
  nameNl: Line(200),
  nameEn: Line(200),
  streetFr: Line(200),
  streetNl: Line(200),
  houseNumber: Line(20),
  postalCode: Type.String({ pattern: '^[1-9][0-9]{3}$' }),
  municipalityFr: Line(200),
  municipalityNl: Line(200),
  latitude: Type.Optional(Type.Union([Type.Literal(''), Type.String({ pattern: '^-?[0-9]{1,2}(\\.[0-9]+)?$', maxLength: 20 })])),
  longitude: Type.Optional(Type.Union([Type.Literal(''), Type.String({ pattern: '^-?[0-9]{1,3}(\\.[0-9]+)?$', maxLength: 20 })])),
  openingHours: Line(1000),
  holidayCalendar: Type.Enum(HOLIDAY_CALENDARS),
  phone: Type.Optional(Type.String({ maxLength: 40, pattern: '^[+0-9 ()./-]*$' })),
  email: Type.Optional(Type.Union([Type.Literal(''), Type.String({ format: 'email', maxLength: 254 })])),
  channels: Type.Optional(Type.Array(Type.Enum(CHANNELS), { maxItems: CHANNELS.length })),
  languages: Type.Optional(Type.Array(Type.Enum(CONTACT_LANGUAGES), { maxItems: CONTACT_LANGUAGES.length })),
  accessibility: Type.Optional(Type.Array(Type.Enum(ACCESSIBILITY_FEATURES), { maxItems: ACCESSIBILITY_FEATURES.length })),
  accessibilityNoteFr: Optional(1000),
  accessibilityNoteNl: Optional(1000),
  accessibilityNoteEn: Optional(1000),
  demo: Type.Optional(Type.Literal('true')),
  active: Type.Optional(Type.Literal('true')),
});
type ContactPointForm = Static<typeof ContactPointForm>;

function coordinatesOf(latitude: string | undefined, longitude: string | undefined): { latitude: number | null; longitude: number | null } {
  const lat = latitude?.trim() ? Number(latitude) : null;
  const lon = longitude?.trim() ? Number(longitude) : null;
  if ((lat === null) !== (lon === null) || (lat !== null && Math.abs(lat) > 90) || (lon !== null && Math.abs(lon) > 180)) {
    throw new AppError(400, 'contact_point.invalid_coordinates', { fields: [{ field: 'latitude', code: 'contactPoints.coordinatesPair' }] });
  }
  return { latitude: lat, longitude: lon };
}

/** The free-text accessibility details per language; null when all three are empty. */
function noteFromForm(form: ContactPointForm): { fr: string; nl: string; en: string } | null {
  const note = { fr: form.accessibilityNoteFr?.trim() ?? '', nl: form.accessibilityNoteNl?.trim() ?? '', en: form.accessibilityNoteEn?.trim() ?? '' };
  return note.fr || note.nl || note.en ? note : null;
}

function inputFromForm(form: ContactPointForm): ContactPointInput {
  return {
    code: form.code,
    name: { fr: form.nameFr, nl: form.nameNl, en: form.nameEn },
    street: { fr: form.streetFr, nl: form.streetNl },
    houseNumber: form.houseNumber,
    postalCode: form.postalCode,
    municipality: { fr: form.municipalityFr, nl: form.municipalityNl },
    ...coordinatesOf(form.latitude, form.longitude),
    accessibility: form.accessibility ?? [],
    accessibilityNote: noteFromForm(form),
    languages: form.languages ?? [],
    channels: form.channels ?? [],
    phone: form.phone ?? null,
    email: form.email ?? null,
    openingHours: form.openingHours,
    holidayCalendar: form.holidayCalendar,
    demo: form.demo === 'true',
    active: form.active === 'true',
  };
}

function inputFromApi(body: Static<typeof NewContactPointBody>): ContactPointInput {
  return {
    code: body.code,
    name: body.name,
    street: body.address.street,
    houseNumber: body.address.number,
    postalCode: body.address.postalCode,
    municipality: body.address.municipality,
    latitude: body.coordinates?.latitude ?? null,
    longitude: body.coordinates?.longitude ?? null,
    accessibility: body.accessibility ?? [],
    accessibilityNote: body.accessibilityNote ?? null,
    languages: body.languages ?? [],
    channels: body.channels ?? [],
    phone: body.phone ?? null,
    email: body.email ?? null,
    openingHours: body.openingHours,
    holidayCalendar: body.holidayCalendar,
    demo: body.demo ?? false,
    active: body.active ?? true,
  };
}

export function contactPointRoutes(app: App, services: Services) {
  const { contactPoints } = services;
  app.addSchema(ContactPointSummarySchema);
  app.addSchema(ContactPointSchema);

  // ---- API (public reads)
  app.get(
    '/api/v1/contact-points/:id',
    {
      schema: {
        tags: ['contact points'],
        summary: 'One contact point: address, accessibility, languages, channels, hours, open now and next change (Brussels time)',
        params: IdParams,
        response: { 200: Type.Ref('ContactPoint'), ...errorResponses(404) },
      },
    },
    async (request) => contactPoints.get(request.params.id),
  );
  app.get(
    '/api/v1/organisations/:code/contact-points',
    {
      schema: {
        tags: ['contact points'],
        summary: 'The active contact points of an organisation, with their status now',
        params: Type.Object({ code: CodeSchema }),
        response: { 200: Type.Object({ contactPoints: Type.Array(Type.Ref('ContactPointSummary')) }), ...errorResponses(400, 404) },
      },
    },
    async (request) => ({ contactPoints: await contactPoints.listForOrganisationCode(request.params.code) }),
  );

  // ---- API (editing, signed in)
  app.post(
    '/api/v1/organisations/:code/contact-points',
    {
      schema: {
        tags: ['contact points'],
        summary: 'Create a contact point (content editors and managers of the organisation, administrators)',
        security: session,
        params: Type.Object({ code: CodeSchema }),
        body: NewContactPointBody,
        response: { 201: Type.Ref('ContactPoint'), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const actor = requireActorPage(request);
      const created = await contactPoints.create(actor, request.params.code, inputFromApi(request.body), request.id);
      return reply.code(201).send(created);
    },
  );
  app.put(
    '/api/v1/contact-points/:id',
    {
      schema: {
        tags: ['contact points'],
        summary: 'Replace a contact point (send the version you read; a stale version gives 409)',
        security: session,
        params: IdParams,
        body: ContactPointChangesBody,
        response: { 200: Type.Ref('ContactPoint'), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const actor = requireActorPage(request);
      const { version, ...body } = request.body;
      return contactPoints.update(actor, request.params.id, version, inputFromApi(body), request.id);
    },
  );

  // ---- Public page
  // Rendered once a minute per URL (decision 0044): open now and the next change are of the minute; an edit and a
  // queue change (the waiting time, decision 0043) show at once on the instance that made them, within the minute on others.
  const pages = createPageCache({ max: 500 });
  app.get('/:lang/contact-points/:id', { schema: { hide: true, params: LangIdParams } }, async (request, reply) =>
    pages.send(
      request,
      reply,
      `${Math.floor(Date.now() / 60_000)}:${contactPoints.editGeneration()}:${services.queues.changeGeneration(request.params.id)}`,
      async () => {
        const now = new Date();
        const contactPoint = await contactPoints.get(request.params.id, now);
        const queueWait = await services.queues.waitTimes(contactPoint.id, now).catch(() => undefined);
        return <ContactPointPage contactPoint={contactPoint} now={now} queueWait={queueWait} publicUrl={services.config.publicUrl} />;
      },
    ),
  );

  // ---- Back office: editors, managers and administrators; which organisation's points is the service's rule.
  gateRoutes(app, ['/:lang/admin/contact-points'], canUseContactPointAdmin);
  const editableOrganisations = (request: FastifyRequest) => listOrganisationsForPicker(services, requireActorPage(request));

  app.get('/:lang/admin/contact-points', { schema: { hide: true, params: LangParams } }, async (request, reply) => {
    const actor = requireActorPage(request);
    const now = new Date();
    return renderPage(request, reply, <ContactPointsAdminPage contactPoints={await contactPoints.listForEditing(actor, now)} now={now} />);
  });

  app.get('/:lang/admin/contact-points/new', { schema: { hide: true, params: LangParams } }, async (request, reply) => {
    return renderPage(request, reply, <ContactPointFormPage organisations={await editableOrganisations(request)} />);
  });

  app.post(
    '/:lang/admin/contact-points',
    { schema: { hide: true, params: LangParams, body: ContactPointForm }, attachValidation: true },
    async (request, reply) => {
      const actor = requireActorPage(request);
      const form = request.body;
      const organisations = await editableOrganisations(request);
      return handleForm(
        request,
        reply,
        (errors) => <ContactPointFormPage organisations={organisations} errors={errors} values={formValues(form)} />,
        async () => {
          const created = await contactPoints.create(actor, form.organisationCode ?? actor.organisationCode, inputFromForm(form), request.id);
          return `/${request.params.lang}/admin/contact-points/${created.id}?created=1`;
        },
      );
    },
  );

  app.get(
    '/:lang/admin/contact-points/:id',
    { schema: { hide: true, params: LangIdParams, querystring: Type.Object({ created: Type.Optional(Type.String()), saved: Type.Optional(Type.String()) }) } },
    async (request, reply) => {
      const actor = requireActorPage(request);
      const contactPoint = await contactPoints.getForEditing(actor, request.params.id);
      const notice = request.query.created ? 'created' : request.query.saved ? 'saved' : undefined;
      return renderPage(request, reply, <ContactPointFormPage contactPoint={contactPoint} organisations={[]} notice={notice} />);
    },
  );

  app.post(
    '/:lang/admin/contact-points/:id',
    { schema: { hide: true, params: LangIdParams, body: ContactPointForm }, attachValidation: true },
    async (request, reply) => {
      const actor = requireActorPage(request);
      const contactPoint = await contactPoints.getForEditing(actor, request.params.id);
      const form = request.body;
      return handleForm(
        request,
        reply,
        (errors) => <ContactPointFormPage contactPoint={contactPoint} organisations={[]} errors={errors} values={formValues(form)} />,
        async () => {
          if (!form.version) throw new AppError(400, 'validation.failed', { fields: [{ field: 'version', code: 'validation.required' }] });
          await contactPoints.update(actor, contactPoint.id, form.version, inputFromForm(form), request.id);
          return `/${request.params.lang}/admin/contact-points/${contactPoint.id}?saved=1`;
        },
      );
    },
  );
}
