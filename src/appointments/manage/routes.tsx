// HTTP of the secret link: see the appointment (and the confirmation right after booking), add it to a
// calendar, cancel after an "are you sure?", move through the week view and a confirmation of the new time.
import { Type } from 'typebox';
import type { App } from '../../platform/http/types.ts';
import type { AppointmentService } from '../service.ts';
import { LangParams, Text } from '../../platform/http/schemas.ts';
import { renderPage } from '../../platform/views/render.tsx';
import { AppError } from '../../platform/http/errors.ts';
import { formErrors, Str } from '../booking/forms.ts';
import { weekRenderer } from '../booking/routes.tsx';
import { CancelPage, ManagePage, MoveConfirmPage } from './pages.tsx';

const TokenParams = Type.Object({ lang: LangParams.properties.lang, token: Text({ maxLength: 64 }) });
const ManageQuery = Type.Object({ booked: Str(1), moved: Str(1), cancelled: Str(1), from: Str(20), start: Str(40) });
const MoveForm = Type.Object({ start: Str(40) });

export function manageRoutes(app: App, appointments: AppointmentService) {
  const weekPage = weekRenderer(appointments);
  const schema = { hide: true, params: TokenParams, querystring: ManageQuery };

  // The short form sent by text message (one SMS holds it): the manage page in the booking's language.
  app.get('/a/:token', { schema: { hide: true, params: Type.Object({ token: Text({ maxLength: 64 }) }) } }, async (request, reply) => {
    const view = await appointments.manageView(request.params.token);
    return reply.header('cache-control', 'no-store').redirect(`/${view.appointment.language}/appointments/manage/${request.params.token}`, 303);
  });

  // The short link of a waiting-list offer by text message: the week of the freed time (short-links.ts).
  app.get('/t/:code', { schema: { hide: true, params: Type.Object({ code: Text({ maxLength: 40 }) }) } }, async (request, reply) => {
    return reply.header('cache-control', 'no-store').redirect(await appointments.offerLinkTarget(request.params.code), 303);
  });

  app.get('/:lang/appointments/manage/:token', { schema }, async (request, reply) => {
    const view = await appointments.manageView(request.params.token);
    const q = request.query;
    const notice = q.booked ? 'booked' : q.moved ? 'moved' : q.cancelled ? 'cancelled' : undefined;
    return renderPage(request, reply, <ManagePage {...view} notice={notice} token={request.params.token} />);
  });

  app.get('/:lang/appointments/manage/:token/appointment.ics', { schema }, async (request, reply) => {
    const ics = await appointments.calendar(request.params.token);
    return reply
      .header('content-type', 'text/calendar; charset=utf-8')
      .header('content-disposition', 'attachment; filename="appointment.ics"')
      .header('cache-control', 'no-store')
      .send(ics);
  });

  app.get('/:lang/appointments/manage/:token/cancel', { schema }, async (request, reply) => {
    const view = await appointments.manageView(request.params.token);
    if (!view.changeable) return reply.redirect(`/${request.params.lang}/appointments/manage/${request.params.token}`, 303);
    return renderPage(request, reply, <CancelPage {...view} token={request.params.token} />);
  });

  app.post('/:lang/appointments/manage/:token/cancel', { schema: { hide: true, params: TokenParams } }, async (request, reply) => {
    await appointments.cancel(request.params.token);
    return reply.redirect(`/${request.params.lang}/appointments/manage/${request.params.token}?cancelled=1`, 303);
  });

  app.get('/:lang/appointments/manage/:token/move', { schema }, async (request, reply) => {
    const view = await appointments.manageView(request.params.token);
    if (!view.changeable) throw new AppError(410, 'appointment.link_expired');
    return weekPage(request, reply, view.settings, request.query.from, { move: { token: request.params.token, current: view.appointment.startsAt } });
  });

  app.get('/:lang/appointments/manage/:token/move/confirm', { schema }, async (request, reply) => {
    const { token } = request.params;
    const view = await appointments.manageView(token);
    if (!view.changeable) throw new AppError(410, 'appointment.link_expired');
    const move = { token, current: view.appointment.startsAt };
    if (!request.query.start)
      return weekPage(request, reply, view.settings, undefined, { move, errors: [{ field: 'start', code: 'appointments.chooseSlot' }] }, 400);
    try {
      const slot = await appointments.slotFor(view.settings, request.query.start);
      return renderPage(request, reply, <MoveConfirmPage {...view} token={token} slot={slot} />);
    } catch (raw) {
      const { errors, status } = formErrors(raw);
      return weekPage(request, reply, view.settings, undefined, { move, errors }, status);
    }
  });

  app.post(
    '/:lang/appointments/manage/:token/move',
    { schema: { hide: true, params: TokenParams, body: MoveForm }, attachValidation: true },
    async (request, reply) => {
      const { token, lang } = request.params;
      const start = request.body?.start;
      const view = await appointments.manageView(token);
      const move = { token, current: view.appointment.startsAt };
      if (!start) return weekPage(request, reply, view.settings, undefined, { move, errors: [{ field: 'start', code: 'appointments.chooseSlot' }] }, 400);
      try {
        await appointments.move(token, start);
        return reply.redirect(`/${lang}/appointments/manage/${token}?moved=1`, 303);
      } catch (raw) {
        const { errors, status } = formErrors(raw);
        return weekPage(request, reply, view.settings, undefined, { move, errors }, status);
      }
    },
  );
}
