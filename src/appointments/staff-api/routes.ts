// HTTP of the staff API of appointments (issue 18 item 10, decision 0059): GET /api/v1/appointments for a back-office
// system with an API token of scope appointments:read, or a signed-in agent. (POST on the same path books, publicly.)
import { Type } from 'typebox';
import type { App } from '../../platform/http/types.ts';
import type { Services } from '../../services.ts';
import { BoundedInteger, CalendarDate, errorResponses, LocalizedTextSchema, Nullable, Text, Uuid } from '../../platform/http/schemas.ts';
import { requireActorPage } from '../../identity/guards.ts';
import { APPOINTMENT_STATUSES } from '../repository.ts';
import { APPOINTMENT_MODES } from '../modes.ts';
import type { ApiAppointmentRow } from './repository.ts';
import { APPOINTMENTS_MAX_DAYS, APPOINTMENTS_PAGE_MAX } from './service.ts';

const DateTime = Type.String({ format: 'date-time' });
/** A name in the languages it was given in. */
const Names = Type.Partial(LocalizedTextSchema);

const AppointmentsQuery = Type.Object({
  from: Type.Optional(CalendarDate({ description: 'First Brussels day (default today)' })),
  to: Type.Optional(CalendarDate({ description: `Last Brussels day, included (default from + 6 days; at most ${APPOINTMENTS_MAX_DAYS} days in all)` })),
  contactPoint: Type.Optional(Uuid({ description: 'Only this contact point of the organisation' })),
  status: Type.Optional(Type.Enum(APPOINTMENT_STATUSES)),
  cursor: Type.Optional(Text({ maxLength: 200, description: 'The next value of the previous page' })),
  limit: Type.Optional(BoundedInteger({ minimum: 1, maximum: APPOINTMENTS_PAGE_MAX, description: 'Appointments per page (default 100)' })),
});

const AppointmentJson = Type.Object({
  id: Uuid(),
  reference: Type.String(),
  status: Type.Enum(APPOINTMENT_STATUSES),
  mode: Type.Enum(APPOINTMENT_MODES),
  startsAt: DateTime,
  endsAt: DateTime,
  contactPoint: Type.Object({ id: Uuid(), name: Names }),
  service: Type.Object({ code: Type.String(), name: Names }),
  person: Type.Object({ name: Type.String(), email: Nullable(Type.String()), phone: Nullable(Type.String()), language: Type.Enum(['fr', 'nl', 'en']) }),
  createdAt: DateTime,
});

const appointmentJson = (a: ApiAppointmentRow) => ({
  id: a.id,
  reference: a.reference,
  status: a.status,
  mode: a.mode,
  startsAt: new Date(a.startsAt).toISOString(),
  endsAt: new Date(a.endsAt).toISOString(),
  contactPoint: { id: a.contactPointId, name: a.pointName },
  service: { code: a.serviceCode, name: a.serviceName },
  person: { name: a.name, email: a.email, phone: a.phone, language: a.language },
  createdAt: new Date(a.createdAt).toISOString(),
});

export function appointmentsApiRoutes(app: App, { appointmentsApi }: Services) {
  app.get(
    '/api/v1/appointments',
    {
      schema: {
        tags: ['staff API'],
        summary: 'The organisation’s appointments over a range of days, soonest first, by pages (each page read is audited)',
        description: 'A contact point of another organisation answers 404.',
        security: [{ session: [] }, { bearer: ['appointments:read'] }],
        querystring: AppointmentsQuery,
        response: {
          200: Type.Object({
            from: CalendarDate(),
            to: CalendarDate(),
            appointments: Type.Array(AppointmentJson),
            next: Nullable(Type.String({ description: 'Give it as cursor for the next page; null on the last one' })),
          }),
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) => {
      const { contactPoint, ...rest } = request.query;
      const page = await appointmentsApi.list(requireActorPage(request), { ...rest, contactPointId: contactPoint }, request.id);
      return { from: page.from, to: page.to, appointments: page.appointments.map(appointmentJson), next: page.next };
    },
  );
}
