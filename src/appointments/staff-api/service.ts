// The staff API of appointments (issue 18 item 10, decision 0059): the appointments of the actor's organisation in a
// range of Brussels days, optionally at one of its contact points, for a back-office system with an API token of
// scope appointments:read (or a signed-in agent). The agenda's predicate decides (canServeAppointments); a contact
// point of another organisation answers 404; each page read is audited like an agenda.
import type { Database } from '../../platform/db/database.ts';
import { AppError } from '../../platform/http/errors.ts';
import { isUuid } from '../../platform/http/schemas.ts';
import { isCalendarDate } from '../../platform/http/formats.ts';
import { authorise } from '../../identity/guards.ts';
import type { Actor } from '../../identity/actor.ts';
import { recordAudit } from '../../audit/service.ts';
import { addDays, brusselsDate, startOfBrusselsDay } from '../../platform/calendar/brussels-time.ts';
import type { ContactPointService } from '../../contactpoints/service.ts';
import { canServeAppointments } from '../authorisation.ts';
import type { AppointmentStatus } from '../repository.ts';
import * as repo from './repository.ts';

export const APPOINTMENTS_PAGE_DEFAULT = 100;
export const APPOINTMENTS_PAGE_MAX = 500;
/** Longest range of one call, in days (a week by default). */
export const APPOINTMENTS_MAX_DAYS = 31;

const CURSOR = /^(\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?(?:[+-]\d{2}(?::\d{2})?|Z))\|([0-9a-f-]{36})$/;

export function appointmentsApiService(db: Database, deps: { contactPoints: Pick<ContactPointService, 'find'> }) {
  return {
    async list(
      actor: Actor,
      filters: {
        from?: string | undefined;
        to?: string | undefined;
        contactPointId?: string | undefined;
        status?: AppointmentStatus | undefined;
        cursor?: string | undefined;
        limit?: number | undefined;
      },
      requestId?: string,
    ) {
      authorise(canServeAppointments(actor, actor.organisationId));
      const from = filters.from ?? brusselsDate(new Date());
      const to = filters.to ?? addDays(from, 6);
      // A default end past year 9999 (from = 9999-12-31) is no calendar date PostgreSQL or the clock could use.
      if (!isCalendarDate(to)) throw new AppError(400, 'validation.failed', { fields: [{ field: 'to', code: 'validation.invalid' }] });
      if (to < from) throw new AppError(400, 'validation.failed', { fields: [{ field: 'to', code: 'appointmentsApi.toBeforeFrom' }] });
      if (to > addDays(from, APPOINTMENTS_MAX_DAYS - 1)) {
        throw new AppError(400, 'validation.failed', {
          fields: [{ field: 'to', code: 'appointmentsApi.rangeTooLong', values: { days: APPOINTMENTS_MAX_DAYS } }],
        });
      }
      const pointId = filters.contactPointId ?? null;
      if (pointId !== null) {
        const point = isUuid(pointId) ? await deps.contactPoints.find(pointId) : undefined;
        if (!point || point.organisationId !== actor.organisationId) throw new AppError(404, 'contact_point.not_found');
      }
      let after: { startsAt: string; id: string } | null = null;
      if (filters.cursor) {
        const match = CURSOR.exec(Buffer.from(filters.cursor, 'base64url').toString('utf8'));
        if (!match || !isUuid(match[2])) throw new AppError(400, 'validation.failed', { fields: [{ field: 'cursor', code: 'validation.invalid' }] });
        after = { startsAt: match[1]!, id: match[2]! };
      }
      const limit = Math.min(Math.max(filters.limit ?? APPOINTMENTS_PAGE_DEFAULT, 1), APPOINTMENTS_PAGE_MAX);
      const rows = await repo.listOrganisationAppointments(db, {
        organisationId: actor.organisationId,
        from: startOfBrusselsDay(from),
        to: startOfBrusselsDay(addDays(to, 1)),
        contactPointId: pointId,
        status: filters.status ?? null,
        after,
        limit: limit + 1,
      });
      const page = rows.slice(0, limit);
      await recordAudit(db, actor, 'read', { type: 'appointment_agenda', id: pointId, organisationId: actor.organisationId }, requestId, {
        from,
        to,
        count: page.length,
        api: true,
      });
      const last = page[page.length - 1];
      const next = rows.length > limit && last ? Buffer.from(`${last.cursorAt}|${last.id}`).toString('base64url') : null;
      return { appointments: page, next, from, to };
    },
  };
}

export type AppointmentsApiService = ReturnType<typeof appointmentsApiService>;
