// JSON API of the contact-center settings (/api/v1/contact-center/settings/{org}/…): the same service functions
// and the same rules as the back-office pages (403 for another organisation, 409 on a stale version or a
// duplicate). The role gate of the prefix is registered with the pages (routes.tsx).
import { Type, type Static } from 'typebox';
import type { FastifyRequest } from 'fastify';
import type { App } from '../../platform/http/types.ts';
import type { Services } from '../../services.ts';
import { errorResponses, BoundedInteger, Text, Nullable, Uuid } from '../../platform/http/schemas.ts';
import { requireActorPage } from '../../identity/guards.ts';
import { HOLIDAY_CALENDARS } from '../../platform/calendar/holidays.ts';
import { CONTACT_CHANNELS } from '../model.ts';
import { MAX_SLA_MINUTES, type CalendarView, type SlaTargetInput } from './service.ts';
import type { MailboxRow, SlaTargetRow } from './repository.ts';

const ApiOrg = Type.Object({ org: Text({ maxLength: 100, description: 'Organisation code' }) });
const ApiOrgId = Type.Object({ org: Text({ maxLength: 100 }), id: Text({ maxLength: 64 }) });
const ApiVersionQuery = Type.Object({ version: BoundedInteger({ minimum: 1, description: 'The version read (optimistic locking)' }) });
const ApiMailbox = Type.Object({
  id: Type.String(),
  address: Type.String(),
  unitId: Nullable(Type.String()),
  active: Type.Boolean(),
  version: BoundedInteger(),
  verified: Type.Boolean({ description: 'Proven by a confirmation mail or a platform administrator; mail to it is refused until then' }),
  verifiedBy: Nullable(Type.Enum(['confirmation', 'administrator', 'existing'])),
  confirmationSentAt: Nullable(Type.String({ format: 'date-time' })),
});
const ApiMailboxBody = Type.Object({
  address: Text({ minLength: 1, maxLength: 254 }),
  unitId: Type.Optional(Nullable(Uuid())),
  active: Type.Optional(Type.Boolean({ default: true })),
});
const ApiTarget = Type.Object({
  id: Type.String(),
  channel: Nullable(Type.Enum(CONTACT_CHANNELS)),
  serviceCode: Nullable(Type.String()),
  firstResponseMinutes: BoundedInteger(),
  resolutionMinutes: BoundedInteger(),
  warningPercent: BoundedInteger(),
  version: BoundedInteger(),
});
const ApiTargetBody = Type.Object({
  channel: Type.Optional(Nullable(Type.Enum(CONTACT_CHANNELS))),
  serviceCode: Type.Optional(Nullable(Type.String({ maxLength: 100, pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' }))),
  firstResponseMinutes: BoundedInteger({ minimum: 1, maximum: MAX_SLA_MINUTES, description: 'Business minutes' }),
  resolutionMinutes: BoundedInteger({ minimum: 1, maximum: MAX_SLA_MINUTES, description: 'Business minutes' }),
  warningPercent: Type.Optional(BoundedInteger({ minimum: 1, maximum: 99, default: 80 })),
});
const ApiCalendar = Type.Object({
  openingHours: Type.String({ description: 'OpenStreetMap opening_hours syntax' }),
  holidayCalendar: Type.Enum(HOLIDAY_CALENDARS),
  version: Nullable(BoundedInteger(), { description: 'null while the default calendar applies' }),
  isDefault: Type.Boolean(),
  nextPeriods: Type.Array(Type.Object({ start: Type.String({ format: 'date-time' }), end: Type.String({ format: 'date-time' }) })),
});
const ApiCalendarBody = Type.Object({
  version: Nullable(BoundedInteger({ minimum: 1 }), { description: 'The version read; null to replace the default calendar' }),
  openingHours: Text({ minLength: 1, maxLength: 1000 }),
  holidayCalendar: Type.Enum(HOLIDAY_CALENDARS),
});
const Saved = Type.Object({ id: Type.String(), version: BoundedInteger() });

const mailboxJson = (m: MailboxRow) => ({
  id: m.id,
  address: m.address,
  unitId: m.unitId,
  active: m.active,
  version: m.version,
  verified: m.verifiedAt !== null,
  verifiedBy: m.verifiedBy,
  confirmationSentAt: m.confirmationSentAt ? new Date(m.confirmationSentAt).toISOString() : null,
});
const targetJson = (t: SlaTargetRow) => ({
  id: t.id,
  channel: t.channel,
  serviceCode: t.serviceCode,
  firstResponseMinutes: t.firstResponseMinutes,
  resolutionMinutes: t.resolutionMinutes,
  warningPercent: t.warningPercent,
  version: t.version,
});
const calendarJson = (c: CalendarView) => ({
  openingHours: c.openingHours,
  holidayCalendar: c.holidayCalendar,
  version: c.version,
  isDefault: c.isDefault,
  nextPeriods: c.preview.periods.map((p) => ({ start: p.start.toISOString(), end: p.end.toISOString() })),
});

export function contactCenterSettingsApiRoutes(app: App, services: Services) {
  const settings = services.contactCenterSettings;

  const tags = ['contact center settings'];
  const security = [{ session: [] }];
  const apiOrg = async (request: FastifyRequest & { params: { org: string } }) => {
    const actor = requireActorPage(request);
    return { actor, org: await settings.organisation(actor, request.params.org, request.id) };
  };
  const API = '/api/v1/contact-center/settings/:org';

  app.get(
    `${API}/mailboxes`,
    {
      schema: {
        tags,
        security,
        summary: 'Inbound mailboxes of an organisation',
        params: ApiOrg,
        response: { 200: Type.Object({ mailboxes: Type.Array(ApiMailbox) }), ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => {
      const { org } = await apiOrg(request);
      return { mailboxes: (await settings.mailboxes(org)).map(mailboxJson) };
    },
  );
  app.post(
    `${API}/mailboxes`,
    {
      schema: {
        tags,
        security,
        summary: 'Add an inbound mailbox (mail to it becomes a request)',
        params: ApiOrg,
        body: ApiMailboxBody,
        response: { 201: Saved, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const { actor, org } = await apiOrg(request);
      const id = await settings.createMailbox(
        actor,
        org,
        { address: request.body.address, unitId: request.body.unitId ?? null, active: request.body.active ?? true },
        request.id,
        request.lang,
      );
      return reply.code(201).send({ id, version: 1 });
    },
  );
  app.put(
    `${API}/mailboxes/:id`,
    {
      schema: {
        tags,
        security,
        summary: 'Change an inbound mailbox at the version read',
        params: ApiOrgId,
        body: Type.Intersect([ApiMailboxBody, Type.Object({ version: BoundedInteger({ minimum: 1 }) })]),
        response: { 200: Saved, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { actor, org } = await apiOrg(request);
      const body = request.body;
      const version = await settings.updateMailbox(
        actor,
        org,
        request.params.id,
        body.version,
        { address: body.address, unitId: body.unitId ?? null, active: body.active ?? true },
        request.id,
        request.lang,
      );
      return { id: request.params.id, version };
    },
  );
  app.delete(
    `${API}/mailboxes/:id`,
    {
      schema: {
        tags,
        security,
        summary: 'Delete an inbound mailbox at the version read',
        params: ApiOrgId,
        querystring: ApiVersionQuery,
        response: { 204: Type.Null(), ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const { actor, org } = await apiOrg(request);
      await settings.deleteMailbox(actor, org, request.params.id, request.query.version, request.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    `${API}/mailboxes/:id/confirmation`,
    {
      schema: {
        tags,
        security,
        summary: 'Send the confirmation mail of a mailbox address again (a new link; at most once a minute)',
        params: ApiOrgId,
        response: { 204: Type.Null(), ...errorResponses(401, 403, 404, 409, 429) },
      },
    },
    async (request, reply) => {
      const { actor, org } = await apiOrg(request);
      await settings.resendConfirmation(actor, org, request.params.id, request.id, request.lang);
      return reply.code(204).send(null);
    },
  );
  app.post(
    `${API}/mailboxes/:id/approval`,
    {
      schema: {
        tags,
        security,
        summary: 'Approve a mailbox address without its confirmation (platform administrators)',
        params: ApiOrgId,
        response: { 204: Type.Null(), ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const { actor, org } = await apiOrg(request);
      await settings.approveMailbox(actor, org, request.params.id, request.id);
      return reply.code(204).send(null);
    },
  );

  const targetInput = (body: Static<typeof ApiTargetBody>): SlaTargetInput => ({
    channel: body.channel ?? null,
    serviceCode: body.serviceCode ?? null,
    firstResponseMinutes: body.firstResponseMinutes,
    resolutionMinutes: body.resolutionMinutes,
    warningPercent: body.warningPercent ?? 80,
  });
  app.get(
    `${API}/sla-targets`,
    {
      schema: {
        tags,
        security,
        summary: 'SLA targets of an organisation (the most specific one applies; without any, the default)',
        params: ApiOrg,
        response: {
          200: Type.Object({
            targets: Type.Array(ApiTarget),
            default: Type.Object({ firstResponseMinutes: BoundedInteger(), resolutionMinutes: BoundedInteger(), warningPercent: BoundedInteger() }),
          }),
          ...errorResponses(401, 403, 404),
        },
      },
    },
    async (request) => {
      const { org } = await apiOrg(request);
      return { targets: (await settings.slaTargets(org)).map(targetJson), default: settings.defaultTarget };
    },
  );
  app.post(
    `${API}/sla-targets`,
    {
      schema: {
        tags,
        security,
        summary: 'Add an SLA target for a channel and/or service',
        params: ApiOrg,
        body: ApiTargetBody,
        response: { 201: Saved, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const { actor, org } = await apiOrg(request);
      const id = await settings.createSlaTarget(actor, org, targetInput(request.body), request.id);
      return reply.code(201).send({ id, version: 1 });
    },
  );
  app.put(
    `${API}/sla-targets/:id`,
    {
      schema: {
        tags,
        security,
        summary: 'Change an SLA target at the version read',
        params: ApiOrgId,
        body: Type.Intersect([ApiTargetBody, Type.Object({ version: BoundedInteger({ minimum: 1 }) })]),
        response: { 200: Saved, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { actor, org } = await apiOrg(request);
      const version = await settings.updateSlaTarget(actor, org, request.params.id, request.body.version, targetInput(request.body), request.id);
      return { id: request.params.id, version };
    },
  );
  app.delete(
    `${API}/sla-targets/:id`,
    {
      schema: {
        tags,
        security,
        summary: 'Delete an SLA target at the version read',
        params: ApiOrgId,
        querystring: ApiVersionQuery,
        response: { 204: Type.Null(), ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const { actor, org } = await apiOrg(request);
      await settings.deleteSlaTarget(actor, org, request.params.id, request.query.version, request.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    `${API}/calendar`,
    {
      schema: {
        tags,
        security,
        summary: 'The business calendar of the SLA clocks, with the next open periods',
        params: ApiOrg,
        response: { 200: ApiCalendar, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => {
      const { org } = await apiOrg(request);
      return calendarJson(await settings.calendar(org));
    },
  );
  app.put(
    `${API}/calendar`,
    {
      schema: {
        tags,
        security,
        summary: 'Set the business calendar (opening_hours syntax and holiday calendar) at the version read',
        params: ApiOrg,
        body: ApiCalendarBody,
        response: { 200: ApiCalendar, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { actor, org } = await apiOrg(request);
      await settings.saveCalendar(
        actor,
        org,
        request.body.version,
        { openingHours: request.body.openingHours, holidayCalendar: request.body.holidayCalendar },
        request.id,
      );
      return calendarJson(await settings.calendar(org));
    },
  );
  app.delete(
    `${API}/calendar`,
    {
      schema: {
        tags,
        security,
        summary: 'Back to the default business calendar',
        params: ApiOrg,
        querystring: ApiVersionQuery,
        response: { 204: Type.Null(), ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const { actor, org } = await apiOrg(request);
      await settings.resetCalendar(actor, org, request.query.version, request.id);
      return reply.code(204).send(null);
    },
  );
}
