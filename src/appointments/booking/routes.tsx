// HTTP of the public booking flow, without an account: service (and postal code) → place → week of times →
// details → check your answers → booked (redirect to the confirmation of the secret link), and the waiting
// list. The postal code given on a service page arrives as `postcode` and is not asked again.
import { Type } from 'typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../platform/http/types.ts';
import type { AppointmentService } from '../service.ts';
import { LangParams, LanguageSchema } from '../../platform/http/schemas.ts';
import { renderPage } from '../../platform/views/render.tsx';
import { fieldErrorsFromValidation, type FieldError } from '../../platform/http/errors.ts';
import { brusselsDate } from '../../platform/calendar/brussels-time.ts';
import type { SettingsRecord } from '../repository.ts';
import { parseDate } from '../fields.ts';
import { carriedOf, qs } from '../page-parts.tsx';
import { SlotTakenError, type PublicSlot } from './slot-finder.ts';
import { BookingForm, chosenContact, contactFields, formErrors, modeFields, modeOf, noticeLanguage, personValues, Str } from './forms.ts';
import { BookingDetailsPage, BookingPointsPage, BookingStartPage, CheckAnswersPage } from './pages.tsx';
import { BookingSlotsPage, type WeekViewProps } from './week-view.tsx';

const WEEK_DAYS = 7;
const POSTAL_CODE = /^[1-9]\d{3}$/;
const FlowQuery = Type.Object({
  service: Str(64),
  postalCode: Str(10),
  /** The postal code a service page passes on (catalogue), taken as given when well formed. */
  postcode: Str(10),
  point: Str(64),
  from: Str(20),
  start: Str(40),
  waitlisted: Str(1),
});

type WeekExtra = Partial<Pick<WeekViewProps, 'errors' | 'waitlistErrors' | 'waitlisted' | 'values' | 'move' | 'postalCode' | 'carry'>>;
const STEPS_CHANGED: readonly string[] = ['service', 'point', 'slot'];
const ChangeParams = Type.Object({ lang: LanguageSchema, step: Type.String({ maxLength: 10 }) });

/** Renders the week of times from a day (today at the earliest), with the soonest free time from now. */
export function weekRenderer(appointments: AppointmentService) {
  return async (request: FastifyRequest, reply: FastifyReply, settings: SettingsRecord, fromRaw: string | undefined, extra: WeekExtra = {}, status = 200) => {
    const now = new Date();
    const today = brusselsDate(now);
    let from = fromRaw ? parseDate(fromRaw) : today;
    if (!from || from < today) from = today;
    const [slots, next] = await Promise.all([appointments.freeSlots(settings, from, WEEK_DAYS, now), appointments.soonest(settings, now)]);
    return renderPage(
      request,
      reply,
      <BookingSlotsPage settings={settings} slots={slots} next={next} from={from} today={today} days={WEEK_DAYS} {...extra} />,
      status,
    );
  };
}

/** What the details form is filled in with for a signed-in citizen (src/citizens); nothing for anyone else. */
type Prefill = (request: FastifyRequest) => Promise<{ name?: string; email?: string }>;

export function bookingRoutes(app: App, appointments: AppointmentService, prefill: Prefill = async () => ({})) {
  const page = { hide: true, params: LangParams, querystring: FlowQuery };
  const weekPage = weekRenderer(appointments);
  const validPostalCode = (value: string | undefined) => (value && POSTAL_CODE.test(value.trim()) ? value.trim() : undefined);

  app.get('/:lang/appointments', { schema: page }, async (request, reply) => {
    const { service, postcode } = request.query;
    const given = validPostalCode(postcode);
    // From a service page with the postal code already given: straight to the places.
    if (service && given) return reply.redirect(`/${request.params.lang}/appointments/points?${qs({ service, postalCode: given })}`, 303);
    const values = { service, postalCode: request.query.postalCode ?? postcode };
    return renderPage(request, reply, <BookingStartPage services={await appointments.bookableServices()} values={values} />);
  });

  app.get('/:lang/appointments/points', { schema: page }, async (request, reply) => {
    const { service = '', postalCode } = request.query;
    try {
      const result = await appointments.pointsForService(service, postalCode?.trim() || undefined);
      return renderPage(request, reply, <BookingPointsPage service={result.service} points={result.points} postalCode={postalCode?.trim() || undefined} />);
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

  app.get('/:lang/appointments/slots', { schema: page }, async (request, reply) => {
    const settings = await appointments.bookable(request.query.point ?? '', request.query.service ?? '', 'service');
    return weekPage(request, reply, settings, request.query.from, {
      waitlisted: request.query.waitlisted === '1',
      postalCode: validPostalCode(request.query.postalCode),
    });
  });

  /** The details form for a chosen time; a time no longer free goes back to the week with the reason. */
  const detailsPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    settings: SettingsRecord,
    start: string | undefined,
    values: Record<string, string | undefined>,
    errors?: FieldError[],
    status = 200,
    alternatives?: PublicSlot[],
  ) => {
    const postalCode = validPostalCode(values.postalCode);
    if (!start) return weekPage(request, reply, settings, undefined, { errors: [{ field: 'start', code: 'appointments.chooseSlot' }], postalCode }, 400);
    let slot: { start: Date; end: Date };
    try {
      slot = await appointments.slotFor(settings, start);
    } catch (raw) {
      const refused = formErrors(raw);
      if (!(raw instanceof SlotTakenError) || !errors)
        return weekPage(request, reply, settings, undefined, { errors: refused.errors, postalCode }, refused.status);
      // A lost race at the last step: the details stay, with the nearby free times.
      slot = { start: new Date(start), end: new Date(new Date(start).getTime() + settings.durationMinutes * 60_000) };
    }
    return renderPage(
      request,
      reply,
      <BookingDetailsPage
        settings={settings}
        slot={slot}
        values={{ ...values, postalCode }}
        {...(errors ? { errors } : {})}
        {...(alternatives ? { alternatives } : {})}
      />,
      status,
    );
  };

  app.get('/:lang/appointments/details', { schema: page }, async (request, reply) => {
    const settings = await appointments.bookable(request.query.point ?? '', request.query.service ?? '', 'service');
    const known = await prefill(request);
    const person = known.email ? { ...known, contactBy: 'email' } : known;
    return detailsPage(request, reply, settings, request.query.start, { ...person, postalCode: request.query.postalCode });
  });

  const formRoute = { schema: { hide: true, params: LangParams, body: BookingForm }, attachValidation: true };
  const validationOf = (request: FastifyRequest) => (request.validationError as (Error & { validation?: never[] }) | undefined)?.validation;

  // "Change" on "check your answers": the details form again, filled in.
  app.post('/:lang/appointments/details', formRoute, async (request, reply) => {
    const form = request.body ?? {};
    const settings = await appointments.bookable(form.point ?? '', form.service ?? '', 'service');
    return detailsPage(request, reply, settings, form.start, personValues(form, request.params.lang));
  });

  // "Change" of the service, place or time with answers typed (check your answers, details): the step again,
  // its choices as buttons that post the answers along, so that the details form shows them filled in.
  app.post('/:lang/appointments/change/:step', { ...formRoute, schema: { ...formRoute.schema, params: ChangeParams } }, async (request, reply) => {
    if (!STEPS_CHANGED.includes(request.params.step)) return reply.callNotFound();
    const form = request.body ?? {};
    const lang = request.params.lang;
    const carry = carriedOf(personValues(form, lang));
    const postalCode = validPostalCode(form.postalCode);
    const startPage = async (errors?: FieldError[], status = 200) =>
      renderPage(
        request,
        reply,
        <BookingStartPage
          services={await appointments.bookableServices()}
          values={{ service: form.service, postalCode: form.postalCode }}
          carry={carry}
          {...(errors ? { errors } : {})}
        />,
        status,
      );
    if (request.params.step === 'service') return startPage();
    if (request.params.step === 'point') {
      try {
        const result = await appointments.pointsForService(form.service ?? '', form.postalCode?.trim() || undefined);
        return renderPage(
          request,
          reply,
          <BookingPointsPage service={result.service} points={result.points} postalCode={form.postalCode?.trim() || undefined} carry={carry} />,
        );
      } catch (raw) {
        const { errors, status } = formErrors(raw);
        return startPage(errors, status);
      }
    }
    const settings = await appointments.bookable(form.point ?? '', form.service ?? '', 'service');
    return weekPage(request, reply, settings, form.from, { postalCode, carry });
  });

  app.post('/:lang/appointments/check', formRoute, async (request, reply) => {
    const form = request.body ?? {};
    const lang = request.params.lang;
    const settings = await appointments.bookable(form.point ?? '', form.service ?? '', 'service');
    const validation = validationOf(request);
    const fields = validation ? fieldErrorsFromValidation(validation) : [...modeFields(form, settings), ...contactFields(form)];
    if (fields.length) return detailsPage(request, reply, settings, form.start, personValues(form, lang), fields, 400);
    let slot;
    try {
      slot = await appointments.slotFor(settings, form.start ?? '');
    } catch (raw) {
      const { errors, status, alternatives } = formErrors(raw);
      return detailsPage(request, reply, settings, form.start, personValues(form, lang), errors, status, alternatives);
    }
    const contactBy = form.contactBy === 'phone' ? 'phone' : 'email';
    return renderPage(
      request,
      reply,
      <CheckAnswersPage
        settings={settings}
        slot={slot}
        postalCode={validPostalCode(form.postalCode)}
        values={{ name: form.name!.trim(), contactBy, ...chosenContact(form), language: noticeLanguage(form, lang), mode: modeOf(form, settings) }}
      />,
    );
  });

  app.post('/:lang/appointments', formRoute, async (request, reply) => {
    const form = request.body ?? {};
    const lang = request.params.lang;
    const settings = await appointments.bookable(form.point ?? '', form.service ?? '', 'service');
    const validation = validationOf(request);
    const fields = validation ? fieldErrorsFromValidation(validation) : [...modeFields(form, settings), ...contactFields(form)];
    if (fields.length) return detailsPage(request, reply, settings, form.start, personValues(form, lang), fields, 400);
    try {
      const booked = await appointments.book(
        {
          contactPointId: settings.contactPointId,
          serviceCode: settings.serviceCode,
          start: form.start ?? '',
          name: form.name!,
          ...chosenContact(form),
          language: noticeLanguage(form, lang),
          mode: modeOf(form, settings),
        },
        new Date(),
        request.id,
      );
      return reply.redirect(`/${lang}/appointments/manage/${new URL(booked.manageUrl).pathname.split('/').pop()}?booked=1`, 303);
    } catch (raw) {
      const { errors, status, alternatives } = formErrors(raw);
      return detailsPage(request, reply, settings, form.start, personValues(form, lang), errors, status, alternatives);
    }
  });

  app.post('/:lang/appointments/waitlist', formRoute, async (request, reply) => {
    const form = request.body ?? {};
    const lang = request.params.lang;
    const settings = await appointments.bookable(form.point ?? '', form.service ?? '', 'service');
    const fields = contactFields(form);
    if (fields.length) return weekPage(request, reply, settings, undefined, { waitlistErrors: fields, values: personValues(form, lang) }, 400);
    await appointments.joinWaitlist({
      contactPointId: settings.contactPointId,
      serviceCode: settings.serviceCode,
      name: form.name!,
      ...chosenContact(form),
      language: lang,
    });
    return reply.redirect(`/${lang}/appointments/slots?${qs({ service: settings.serviceCode, point: settings.contactPointId, waitlisted: '1' })}`, 303);
  });
}
