// HTTP for agent safety: the report form and "I need help now", the incident and its follow-up, the lists,
// the anonymous dashboard, contact-point staff, and the same as JSON under /api/v1/safety.
import { Type, type Static } from 'typebox';
import type { FastifyRequest } from 'fastify';
import type { App } from '../platform/http/types.ts';
import type { Services } from '../services.ts';
import { errorResponses, LangParams, BoundedInteger, Text, Uuid, Nullable, EmptyOr, CalendarDate } from '../platform/http/schemas.ts';
import { handleForm } from '../platform/http/forms.ts';
import { renderPage } from '../platform/views/render.tsx';
import { requireActorPage } from '../identity/guards.ts';
import { AppError, fieldErrorsFromValidation, type FieldError } from '../platform/http/errors.ts';
import { toAppError } from '../platform/http/error-handler.tsx';
import { fromBrusselsWallClock } from '../platform/calendar/brussels-time.ts';
import { ACTION_KINDS, INCIDENT_TYPES, SEVERITIES, monthsBetween, toDateTimeLocal, type IncidentInput, type IncidentDetail } from './service.ts';
import { IncidentPage, ReportFormPage, SafetyHomePage, StaffPage, StatisticsPage, type FormValues, type IncidentForm } from './pages.tsx';
import { safeReturnPath } from './IncidentReportButton.tsx';
import { isSafetyManager } from './authorisation.ts';
import type { Actor } from '../identity/actor.ts';

const session = [{ session: [] }];
const Id = Uuid();
const LangIdParams = Type.Object({ lang: LangParams.properties.lang, id: Id });
const LangActionParams = Type.Object({ lang: LangParams.properties.lang, id: Id, actionId: Id });
const Month = Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$', description: 'A month, YYYY-MM (Brussels time)' });
const NullableText = (maxLength: number) => Type.Optional(Nullable(Text({ maxLength })));
const NullableId = Type.Optional(Nullable(Uuid()));
const FormId = Type.Optional(EmptyOr(Uuid()));

// ---- forms, flat as HTML posts them

const ReportForm = Type.Object({
  type: Type.Enum(INCIDENT_TYPES),
  severity: Type.Optional(Type.Enum(SEVERITIES)),
  contactPointId: FormId,
  placeText: Type.Optional(Text({ maxLength: 200 })),
  occurredAt: Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2})?$' }),
  description: Text({ minLength: 1, maxLength: 4000 }),
  personsInvolved: Type.Optional(Text({ maxLength: 2000 })),
  returnTo: Type.Optional(Text({ maxLength: 500 })),
});
type ReportForm = Static<typeof ReportForm>;
const HelpForm = Type.Object({
  contactPointId: FormId,
  returnTo: Type.Optional(Text({ maxLength: 500 })),
});
const ActionForm = Type.Object({
  kind: Type.Enum(ACTION_KINDS),
  assigneeAccountId: FormId,
  dueDate: Type.Optional(EmptyOr(CalendarDate())),
  note: Type.Optional(Text({ maxLength: 2000 })),
});
const FinishForm = Type.Object({ status: Type.Enum(['done', 'waived'] as const), outcomeNote: Type.Optional(Text({ maxLength: 2000 })) });
const CloseForm = Type.Object({ closingNote: Type.Optional(Text({ maxLength: 2000 })) });
const StaffForm = Type.Object({ contactPointId: Id, accountId: Id, isManager: Type.Optional(Type.Literal('true')) });
const RemoveStaffForm = Type.Object({ contactPointId: Id, accountId: Id });

// ---- API shapes

const IncidentBody = Type.Object({
  type: Type.Enum(INCIDENT_TYPES, { description: 'verbal_aggression, threat, physical_aggression or other' }),
  severity: Type.Optional(Nullable(Type.Enum(SEVERITIES))),
  contactPointId: NullableId,
  placeText: NullableText(200),
  occurredAt: Type.Optional(Type.String({ format: 'date-time', description: 'When it happened (default: now)' })),
  description: Text({ minLength: 1, maxLength: 4000, description: 'What happened' }),
  personsInvolved: NullableText(2000),
});
const HelpBody = Type.Object({ contactPointId: NullableId, placeText: NullableText(200) });
const ActionBody = Type.Object({
  kind: Type.Enum(ACTION_KINDS),
  assigneeAccountId: NullableId,
  dueDate: Type.Optional(Nullable(CalendarDate())),
  note: NullableText(2000),
});
const FinishBody = Type.Object({ status: Type.Enum(['done', 'waived'] as const), note: NullableText(2000) });
const CloseBody = Type.Object({ note: NullableText(2000) });

const LocalizedName = Nullable(Type.Record(Type.String(), Type.String()));
const ActionSchema = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  status: Type.String(),
  dueDate: Nullable(Type.String()),
  doneAt: Nullable(Type.String()),
  assigneeName: Nullable(Type.String()),
  note: Nullable(Type.String()),
  outcomeNote: Nullable(Type.String()),
});
const IncidentSchema = Type.Object({
  id: Type.String(),
  view: Type.String({ description: 'manager (everything) or reporter (own report, without managers’ notes)' }),
  type: Nullable(Type.String()),
  severity: Nullable(Type.String()),
  contactPointId: Nullable(Type.String()),
  contactPointName: LocalizedName,
  placeText: Nullable(Type.String()),
  occurredAt: Type.String(),
  description: Type.String(),
  personsInvolved: Nullable(Type.String()),
  reporterName: Nullable(Type.String()),
  helpRequested: Type.Boolean(),
  detailsPending: Type.Boolean(),
  status: Type.String(),
  closedAt: Nullable(Type.String()),
  closingNote: Nullable(Type.String()),
  anonymisedAt: Nullable(Type.String({ description: 'when the retention period ended and the free texts and accounts were erased' })),
  actions: Type.Array(ActionSchema),
  canClose: Type.Boolean(),
});
const IncidentSummarySchema = Type.Object({
  id: Type.String(),
  type: Nullable(Type.String()),
  severity: Nullable(Type.String()),
  contactPointName: LocalizedName,
  placeText: Nullable(Type.String()),
  occurredAt: Type.String(),
  status: Type.String(),
  detailsPending: Type.Boolean(),
  helpRequested: Type.Boolean(),
  reporterName: Nullable(Type.String()),
  openActions: BoundedInteger(),
});
const StatisticsSchema = Type.Object({
  organisationId: Type.String(),
  from: Type.String(),
  to: Type.String(),
  total: BoundedInteger(),
  rows: Type.Array(
    Type.Object({
      month: Type.String(),
      type: Type.String({ description: 'an incident type, or unspecified (a help alert still without details)' }),
      contactPointId: Nullable(Type.String(), { description: 'null: a place outside the contact points' }),
      contactPointName: LocalizedName,
      count: BoundedInteger(),
    }),
  ),
});

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

function incidentJson(detail: IncidentDetail) {
  const { incident } = detail;
  return {
    id: incident.id,
    view: detail.view,
    type: incident.type,
    severity: incident.severity,
    contactPointId: incident.contactPointId,
    contactPointName: incident.contactPointName as Record<string, string> | null,
    placeText: incident.placeText,
    occurredAt: iso(incident.occurredAt)!,
    description: incident.description,
    personsInvolved: incident.personsInvolved,
    reporterName: incident.reporterName,
    helpRequested: incident.helpRequested,
    detailsPending: incident.detailsPending,
    status: incident.status,
    closedAt: iso(incident.closedAt),
    closingNote: detail.view === 'manager' ? incident.closingNote : null,
    anonymisedAt: iso(incident.anonymisedAt),
    actions: detail.actions.map((action) => ({
      id: action.id,
      kind: action.kind,
      status: action.status,
      dueDate: action.dueDate,
      doneAt: iso(action.doneAt),
      assigneeName: action.assigneeName,
      note: action.note,
      outcomeNote: action.outcomeNote,
    })),
    canClose: detail.canClose,
  };
}

const summaryJson = (row: Awaited<ReturnType<Services['safety']['listOwn']>>[number]) => ({
  ...row,
  contactPointName: row.contactPointName as Record<string, string> | null,
  occurredAt: iso(row.occurredAt)!,
});

/** A Brussels "YYYY-MM-DDTHH:MM" from the form as an instant. */
function wallClock(value: string): Date {
  const [date, time] = value.split('T') as [string, string];
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  if (m < 1 || m > 12 || d < 1 || d > 31 || hh > 23 || mm > 59)
    throw new AppError(400, 'validation.failed', { fields: [{ field: 'occurredAt', code: 'validation.format', values: { format: 'date-time' } }] });
  return fromBrusselsWallClock(y, m, d, hh, mm);
}

function inputFromForm(form: ReportForm): IncidentInput {
  return {
    type: form.type,
    severity: form.severity ?? null,
    contactPointId: form.contactPointId || null,
    placeText: form.placeText ?? null,
    occurredAt: wallClock(form.occurredAt),
    description: form.description,
    personsInvolved: form.personsInvolved ?? null,
  };
}

/** Field errors of a refused form post, whatever refused it (schema or service). */
function formErrors(request: FastifyRequest, raw?: unknown): FieldError[] {
  const validation = (request.validationError as (Error & { validation?: never[] }) | undefined)?.validation;
  if (validation) return fieldErrorsFromValidation(validation);
  const error = toAppError(raw as Error);
  return error.options.fields?.length ? error.options.fields : [{ field: 'form', code: `errors.${error.code}`, values: error.options.values }];
}

export function safetyRoutes(app: App, services: Services) {
  const { safety } = services;

  const incidentPage = async (
    request: FastifyRequest,
    actor: Actor,
    id: string,
    extra: { notice?: string | undefined; errors?: { form: IncidentForm; list: FieldError[] }; values?: FormValues; returnTo?: string | undefined } = {},
  ) => {
    const detail = await safety.get(actor, id, request.id);
    const assignees = detail.view === 'manager' ? await safety.assignees(actor) : [];
    return <IncidentPage detail={detail} assignees={assignees} {...extra} />;
  };

  // ---- pages

  app.get('/:lang/safety', { schema: { hide: true, params: LangParams } }, async (request, reply) => {
    const actor = requireActorPage(request);
    const manages = await safety.managesIncidents(actor);
    const own = await safety.listOwn(actor);
    const managed = manages ? await safety.listManaged(actor, {}, request.id) : null;
    const myPlace = (await safety.contactPointsOf(actor.accountId))[0]?.contactPointId ?? null;
    return renderPage(
      request,
      reply,
      <SafetyHomePage own={own} managed={managed} myPlaceId={myPlace} statistics={manages} staff={isSafetyManager(actor, actor.organisationId)} />,
    );
  });

  app.get(
    '/:lang/safety/report',
    {
      schema: {
        hide: true,
        params: LangParams,
        querystring: Type.Object({ contactPoint: Type.Optional(Id), returnTo: Type.Optional(Text({ maxLength: 500 })) }),
      },
    },
    async (request, reply) => {
      const actor = requireActorPage(request);
      const places = await safety.placesFor(actor);
      const asked = request.query.contactPoint;
      const place = places.find((p) => p.id === asked) ?? places.find((p) => p.mine);
      const values: FormValues = { contactPointId: place?.id, occurredAt: toDateTimeLocal(new Date()) };
      return renderPage(request, reply, <ReportFormPage places={places} values={values} returnTo={safeReturnPath(request.query.returnTo)} />);
    },
  );

  app.post('/:lang/safety/report', { schema: { hide: true, params: LangParams, body: ReportForm }, attachValidation: true }, async (request, reply) => {
    const actor = requireActorPage(request);
    const form = request.body;
    const places = await safety.placesFor(actor);
    const returnTo = safeReturnPath(form.returnTo);
    return handleForm(
      request,
      reply,
      (errors) => <ReportFormPage places={places} values={form} errors={errors} returnTo={returnTo} />,
      async () => {
        const { id } = await safety.report(actor, inputFromForm(form), request.id);
        return `/${request.params.lang}/safety/incidents/${id}?notice=reported${returnTo ? `&returnTo=${encodeURIComponent(returnTo)}` : ''}`;
      },
    );
  });

  app.post('/:lang/safety/help', { schema: { hide: true, params: LangParams, body: HelpForm }, attachValidation: true }, async (request, reply) => {
    const actor = requireActorPage(request);
    const form = request.body ?? {};
    const returnTo = safeReturnPath(form.returnTo);
    const places = await safety.placesFor(actor);
    const contactPointId = form.contactPointId || places.find((p) => p.mine)?.id || null;
    try {
      if (request.validationError) throw request.validationError;
      const { id } = await safety.callForHelp(actor, { contactPointId }, request.id);
      return reply.redirect(`/${request.params.lang}/safety/incidents/${id}?notice=alerted${returnTo ? `&returnTo=${encodeURIComponent(returnTo)}` : ''}`, 303);
    } catch (raw) {
      const error = toAppError(raw as Error);
      if (error.status !== 400) throw raw;
      // No place known: the report form asks for one (the alert cannot go out without it).
      const values: FormValues = { occurredAt: toDateTimeLocal(new Date()) };
      return renderPage(request, reply, <ReportFormPage places={places} values={values} errors={formErrors(request, raw)} returnTo={returnTo} />, 400);
    }
  });

  app.get(
    '/:lang/safety/incidents/:id',
    {
      schema: {
        hide: true,
        params: LangIdParams,
        querystring: Type.Object({
          notice: Type.Optional(Type.Enum(['reported', 'alerted', 'completed', 'actionAdded', 'actionDone', 'closed'] as const)),
          returnTo: Type.Optional(Text({ maxLength: 500 })),
        }),
      },
    },
    async (request, reply) => {
      const actor = requireActorPage(request);
      return renderPage(
        request,
        reply,
        await incidentPage(request, actor, request.params.id, { notice: request.query.notice, returnTo: safeReturnPath(request.query.returnTo) }),
      );
    },
  );

  app.get('/:lang/safety/incidents/:id/details', { schema: { hide: true, params: LangIdParams } }, async (request, reply) => {
    const actor = requireActorPage(request);
    const detail = await safety.get(actor, request.params.id, request.id);
    if (!detail.incident.detailsPending) return reply.redirect(`/${request.params.lang}/safety/incidents/${detail.incident.id}`, 303);
    const places = await safety.placesFor(actor);
    const values: FormValues = {
      contactPointId: detail.incident.contactPointId ?? '',
      placeText: detail.incident.placeText ?? '',
      occurredAt: toDateTimeLocal(new Date(detail.incident.occurredAt)),
    };
    return renderPage(request, reply, <ReportFormPage places={places} values={values} completing={{ incidentId: detail.incident.id }} />);
  });

  app.post(
    '/:lang/safety/incidents/:id/details',
    { schema: { hide: true, params: LangIdParams, body: ReportForm }, attachValidation: true },
    async (request, reply) => {
      const actor = requireActorPage(request);
      const form = request.body;
      const places = await safety.placesFor(actor);
      return handleForm(
        request,
        reply,
        (errors) => <ReportFormPage places={places} values={form} errors={errors} completing={{ incidentId: request.params.id }} />,
        async () => {
          await safety.completeDetails(actor, request.params.id, inputFromForm(form), request.id);
          return `/${request.params.lang}/safety/incidents/${request.params.id}?notice=completed`;
        },
      );
    },
  );

  app.post(
    '/:lang/safety/incidents/:id/actions',
    { schema: { hide: true, params: LangIdParams, body: ActionForm }, attachValidation: true },
    async (request, reply) => {
      const actor = requireActorPage(request);
      const form = request.body;
      const { lang, id } = request.params;
      return handleForm(
        request,
        reply,
        async (errors) => incidentPage(request, actor, id, { errors: { form: 'action', list: errors }, values: form }),
        async () => {
          await safety.addAction(
            actor,
            id,
            { kind: form.kind, assigneeAccountId: form.assigneeAccountId || null, dueDate: form.dueDate || null, note: form.note ?? null },
            request.id,
          );
          return `/${lang}/safety/incidents/${id}?notice=actionAdded`;
        },
      );
    },
  );

  app.post(
    '/:lang/safety/incidents/:id/actions/:actionId',
    { schema: { hide: true, params: LangActionParams, body: FinishForm }, attachValidation: true },
    async (request, reply) => {
      const actor = requireActorPage(request);
      const form = request.body;
      const { lang, id, actionId } = request.params;
      return handleForm(
        request,
        reply,
        async (errors) => incidentPage(request, actor, id, { errors: { form: `finish-${actionId}`, list: errors } }),
        async () => {
          await safety.finishAction(actor, id, actionId, form.status, form.outcomeNote, request.id);
          return `/${lang}/safety/incidents/${id}?notice=actionDone`;
        },
      );
    },
  );

  app.post(
    '/:lang/safety/incidents/:id/close',
    { schema: { hide: true, params: LangIdParams, body: CloseForm }, attachValidation: true },
    async (request, reply) => {
      const actor = requireActorPage(request);
      const form = request.body ?? {};
      const { lang, id } = request.params;
      return handleForm(
        request,
        reply,
        async (errors) => incidentPage(request, actor, id, { errors: { form: 'close', list: errors }, values: form }),
        async () => {
          await safety.close(actor, id, form.closingNote, request.id);
          return `/${lang}/safety/incidents/${id}?notice=closed`;
        },
      );
    },
  );

  app.get(
    '/:lang/safety/statistics',
    {
      schema: {
        hide: true,
        params: LangParams,
        querystring: Type.Object({ from: Type.Optional(Text({ maxLength: 20 })), to: Type.Optional(Text({ maxLength: 20 })) }),
      },
    },
    async (request, reply) => {
      const actor = requireActorPage(request);
      const monthPattern = /^[0-9]{4}-(0[1-9]|1[0-2])$/;
      const errors: FieldError[] = [];
      const pick = (field: 'from' | 'to') => {
        const value = request.query[field];
        if (!value) return undefined;
        if (monthPattern.test(value)) return value;
        errors.push({ field, code: 'validation.pattern' });
        return undefined;
      };
      const range = { from: pick('from'), to: pick('to') };
      let statistics;
      try {
        statistics = await safety.statistics(actor, range);
      } catch (raw) {
        const error = toAppError(raw as Error);
        if (error.status !== 400) throw raw;
        errors.push(...formErrors(request, raw));
        statistics = await safety.statistics(actor, {});
      }
      return renderPage(
        request,
        reply,
        <StatisticsPage statistics={statistics} months={monthsBetween(statistics.from, statistics.to)} errors={errors.length ? errors : undefined} />,
        errors.length ? 400 : 200,
      );
    },
  );

  app.get(
    '/:lang/safety/staff',
    { schema: { hide: true, params: LangParams, querystring: Type.Object({ notice: Type.Optional(Type.Enum(['memberSaved', 'memberRemoved'] as const)) }) } },
    async (request, reply) => {
      const actor = requireActorPage(request);
      const overview = await safety.staffOverview(actor, request.id);
      return renderPage(request, reply, <StaffPage {...overview} notice={request.query.notice} />);
    },
  );

  app.post('/:lang/safety/staff', { schema: { hide: true, params: LangParams, body: StaffForm }, attachValidation: true }, async (request, reply) => {
    const actor = requireActorPage(request);
    const form = request.body;
    const overview = await safety.staffOverview(actor, request.id);
    return handleForm(
      request,
      reply,
      (errors) => <StaffPage {...overview} errors={errors} values={form} />,
      async () => {
        await safety.setMember(actor, { contactPointId: form.contactPointId, accountId: form.accountId, isManager: form.isManager === 'true' }, request.id);
        return `/${request.params.lang}/safety/staff?notice=memberSaved`;
      },
    );
  });

  app.post(
    '/:lang/safety/staff/remove',
    { schema: { hide: true, params: LangParams, body: RemoveStaffForm }, attachValidation: true },
    async (request, reply) => {
      const actor = requireActorPage(request);
      const form = request.body;
      const overview = await safety.staffOverview(actor, request.id);
      return handleForm(
        request,
        reply,
        (errors) => <StaffPage {...overview} errors={errors} />,
        async () => {
          await safety.removeMember(actor, form, request.id);
          return `/${request.params.lang}/safety/staff?notice=memberRemoved`;
        },
      );
    },
  );

  // ---- API

  app.post(
    '/api/v1/safety/incidents',
    {
      schema: {
        tags: ['safety'],
        summary: 'Report an incident (alerts the colleagues and managers of the contact point in real time)',
        security: session,
        body: IncidentBody,
        response: {
          201: Type.Object({ id: Type.String(), alerted: BoundedInteger({ description: 'How many colleagues and managers were alerted' }) }),
          ...errorResponses(400, 401, 403),
        },
      },
    },
    async (request, reply) => {
      const actor = requireActorPage(request);
      const body = request.body;
      const occurredAt = body.occurredAt ? new Date(body.occurredAt) : new Date();
      const created = await safety.report(
        actor,
        {
          type: body.type,
          severity: body.severity ?? null,
          contactPointId: body.contactPointId ?? null,
          placeText: body.placeText ?? null,
          occurredAt,
          description: body.description,
          personsInvolved: body.personsInvolved ?? null,
        },
        request.id,
      );
      return reply.code(201).send(created);
    },
  );

  app.post(
    '/api/v1/safety/help',
    {
      schema: {
        tags: ['safety'],
        summary: '"I need help now": alerts the colleagues and managers of the contact point at once; details follow',
        security: session,
        body: HelpBody,
        response: {
          201: Type.Object({
            id: Type.String(),
            alerted: BoundedInteger({ description: 'Accounts the realtime alert was sent to' }),
            mailed: BoundedInteger({ description: 'Organisation managers e-mailed because none of them had IrisDesk open' }),
          }),
          ...errorResponses(400, 401, 403),
        },
      },
    },
    async (request, reply) => {
      const actor = requireActorPage(request);
      const contactPointId = request.body.contactPointId || (await safety.contactPointsOf(actor.accountId))[0]?.contactPointId || null;
      return reply.code(201).send(await safety.callForHelp(actor, { contactPointId, placeText: request.body.placeText ?? null }, request.id));
    },
  );

  app.get(
    '/api/v1/safety/incidents',
    {
      schema: {
        tags: ['safety'],
        summary: 'Incidents: those the actor manages, or with mine=true those the actor reported',
        security: session,
        querystring: Type.Object({ mine: Type.Optional(Type.Boolean()), status: Type.Optional(Type.Enum(['open', 'closed'] as const)) }),
        response: { 200: Type.Object({ incidents: Type.Array(IncidentSummarySchema) }), ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const actor = requireActorPage(request);
      const rows = request.query.mine ? await safety.listOwn(actor) : await safety.listManaged(actor, { status: request.query.status ?? null }, request.id);
      return { incidents: rows.map(summaryJson) };
    },
  );

  app.get(
    '/api/v1/safety/incidents/:id',
    {
      schema: {
        tags: ['safety'],
        summary: 'One incident (its reporter and the reporter’s managers only; every read is audited)',
        security: session,
        params: Type.Object({ id: Id }),
        response: { 200: IncidentSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => incidentJson(await safety.get(requireActorPage(request), request.params.id, request.id)),
  );

  app.post(
    '/api/v1/safety/incidents/:id/actions',
    {
      schema: {
        tags: ['safety'],
        summary: 'Add a follow-up action (debrief, support, complaint_filed, other)',
        security: session,
        params: Type.Object({ id: Id }),
        body: ActionBody,
        response: { 201: Type.Object({ id: Type.String() }), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const actor = requireActorPage(request);
      const id = await safety.addAction(actor, request.params.id, request.body, request.id);
      return reply.code(201).send({ id });
    },
  );

  app.post(
    '/api/v1/safety/incidents/:id/actions/:actionId',
    {
      schema: {
        tags: ['safety'],
        summary: 'Mark a follow-up action done, or waived (with the reason in note)',
        security: session,
        params: Type.Object({ id: Id, actionId: Id }),
        body: FinishBody,
        response: { 200: IncidentSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const actor = requireActorPage(request);
      await safety.finishAction(actor, request.params.id, request.params.actionId, request.body.status, request.body.note, request.id);
      return reply.send(incidentJson(await safety.get(actor, request.params.id, request.id)));
    },
  );

  app.post(
    '/api/v1/safety/incidents/:id/close',
    {
      schema: {
        tags: ['safety'],
        summary: 'Close an incident (every follow-up action done or waived, at least one recorded)',
        security: session,
        params: Type.Object({ id: Id }),
        body: CloseBody,
        response: { 200: IncidentSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const actor = requireActorPage(request);
      await safety.close(actor, request.params.id, request.body.note, request.id);
      return reply.send(incidentJson(await safety.get(actor, request.params.id, request.id)));
    },
  );

  app.get(
    '/api/v1/safety/statistics',
    {
      schema: {
        tags: ['safety'],
        summary: 'Incident counts per month, type and contact point for the actor’s organisation (no names, no free text)',
        security: session,
        querystring: Type.Object({ from: Type.Optional(Month), to: Type.Optional(Month) }),
        response: { 200: StatisticsSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const statistics = await safety.statistics(requireActorPage(request), { from: request.query.from, to: request.query.to });
      return { ...statistics, rows: statistics.rows.map((row) => ({ ...row, contactPointName: row.contactPointName })) };
    },
  );
}
