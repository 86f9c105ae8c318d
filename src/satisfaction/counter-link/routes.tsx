// HTTP for the staff screen "QR code at a counter" (pages in pages.tsx): a form, and on post the
// link of a new standard invitation for a counter contact of the agent's organisation, as a QR code.
import { randomUUID } from 'node:crypto';
import { Type, type Static } from 'typebox';
import type { FastifyRequest } from 'fastify';
import type { App } from '../../platform/http/types.ts';
import type { Services } from '../../services.ts';
import { LangParams, LanguageSchema, Text, Uuid } from '../../platform/http/schemas.ts';
import { AppError, fieldErrorsFromValidation, type FieldError } from '../../platform/http/errors.ts';
import { renderPage } from '../../platform/views/render.tsx';
import { gateRoutes, requireActorPage } from '../../identity/guards.ts';
import type { Actor } from '../../identity/actor.ts';
import type { Language } from '../../platform/i18n/languages.ts';
import { canMakeFeedbackLink } from '../authorisation.ts';
import { CounterLinkFormPage, CounterLinkResultPage, type CounterLinkChoices, type CounterLinkValues } from './pages.tsx';

const CounterLinkForm = Type.Object({
  language: LanguageSchema,
  serviceCode: Type.Optional(Type.Union([Type.Literal(''), Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 64 })])),
  contactPointId: Type.Optional(Type.Union([Type.Literal(''), Uuid()])),
});

export function counterLinkRoutes(app: App, { catalogue, satisfaction }: Services) {
  async function choicesFor(actor: Actor, lang: Language): Promise<CounterLinkChoices> {
    const view = await catalogue.organisationView(actor.organisationCode, lang);
    return { services: view.services, contactPoints: view.contactPoints };
  }

  // Staff who hand out counter invitations (which organisation's is the service's rule).
  gateRoutes(app, ['/:lang/satisfaction/counter-link'], canMakeFeedbackLink);
  const page = (request: FastifyRequest) => requireActorPage(request);

  // ?contactPoint and ?service preselect the form (the link on the agent's counter screen).
  const Preselect = Type.Object({
    contactPoint: Type.Optional(Text({ maxLength: 64 })),
    service: Type.Optional(Text({ maxLength: 64 })),
  });
  app.get('/:lang/satisfaction/counter-link', { schema: { hide: true, params: LangParams, querystring: Preselect } }, async (request, reply) => {
    const actor = page(request);
    const values: CounterLinkValues = { contactPointId: request.query.contactPoint, serviceCode: request.query.service };
    return renderPage(request, reply, <CounterLinkFormPage choices={await choicesFor(actor, request.params.lang)} values={values} />);
  });

  app.post(
    '/:lang/satisfaction/counter-link',
    { schema: { hide: true, params: LangParams, body: CounterLinkForm }, attachValidation: true },
    async (request, reply) => {
      const actor = page(request);
      const lang = request.params.lang;
      // With attachValidation the body may be what failed its schema: only partly there until checked below.
      const form: Partial<Static<typeof CounterLinkForm>> = request.body ?? {};
      const values: CounterLinkValues = { language: form.language, serviceCode: form.serviceCode, contactPointId: form.contactPointId };
      const refuse = async (errors: FieldError[]) =>
        renderPage(request, reply, <CounterLinkFormPage choices={await choicesFor(actor, lang)} values={values} errors={errors} />, 400);
      const validation = (request.validationError as (Error & { validation?: never[] }) | undefined)?.validation;
      if (validation) return refuse(fieldErrorsFromValidation(validation));
      const body = request.body;
      try {
        const link = await satisfaction.createInvitationForStaff(actor, {
          organisationId: actor.organisationId,
          channel: 'counter',
          serviceCode: body.serviceCode || undefined,
          contactPointId: body.contactPointId || undefined,
          contactAt: new Date(),
          language: body.language,
          source: { kind: 'link', id: randomUUID() },
        });
        // The link is shown once, on this answer; not kept in caches or sent on as a referrer.
        reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
        return renderPage(request, reply, <CounterLinkResultPage url={link.url} language={body.language} />, 201);
      } catch (error) {
        if (error instanceof AppError && error.status === 400 && error.options.fields?.length) return refuse(error.options.fields);
        throw error;
      }
    },
  );
}
