// HTTP of the contact-center intake: the public API (POST /api/v1/contact-requests, GET …/{reference}?email=)
// and the portal pages /{lang}/contact (form, confirmation) and /{lang}/contact/status (form, token link).
import { randomUUID } from 'node:crypto';
import { Type } from 'typebox';
import type { App } from '../../platform/http/types.ts';
import type { Services } from '../../services.ts';
import { errorResponses, LangParams, Text, Nullable } from '../../platform/http/schemas.ts';
import { handleForm } from '../../platform/http/forms.ts';
import { renderPage } from '../../platform/views/render.tsx';
import { AppError } from '../../platform/http/errors.ts';
import { isLanguage, type Language } from '../../platform/i18n/languages.ts';
import { REFERENCE_PATTERN } from '../references.ts';
import { ContactFormPage, ContactSentPage, StatusFormPage, StatusPage } from './pages.tsx';
import { multipartRoutes, uploadsOf } from '../../platform/files/multipart.ts';
import type { FieldError } from '../../platform/http/errors.ts';
import { CITIZEN_COOKIE } from '../../citizens/service.ts';

const Str = (max: number, description?: string) => Type.String({ maxLength: max, ...(description ? { description } : {}) });
const ContactRequestBody = Type.Object(
  {
    serviceCode: Type.Optional(Nullable(Str(200), { description: 'Catalogue code of the service the question is about' })),
    message: Str(20_000, 'The question (at most 5000 characters)'),
    name: Str(2000),
    email: Str(2000, 'Where the receipt and answers go'),
    phone: Type.Optional(Nullable(Str(40), { description: 'A phone number for the answer (optional): E.164 or a Belgian national form' })),
    language: Str(10, 'fr, nl or en: the language of the answers (and of error messages)'),
    postalCode: Type.Optional(Nullable(Str(20), { description: 'Belgian postal code: routes commune and CPAS services' })),
  },
  { additionalProperties: false },
);
const PublicStatusSchema = Type.Object({
  reference: Type.String(),
  status: Type.Enum(['new', 'open', 'waiting_user', 'waiting_second_line', 'closed']),
  service: Nullable(Type.Object({ code: Type.String(), name: Type.String() })),
  organisation: Type.String({ description: 'Who handles the request' }),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  lastPublicUpdate: Nullable(Type.Object({ at: Type.String({ format: 'date-time' }), message: Type.String() }), {
    description: 'The last answer sent to the user (internal notes are never shown)',
  }),
  mergedInto: Type.Optional(Type.String({ description: 'Set when the request was merged into another: the status is the surviving request’s' })),
});
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{8,100}$/;

const ContactForm = Type.Object({
  serviceCode: Type.Optional(Str(200)),
  name: Type.Optional(Str(2000)),
  email: Type.Optional(Str(2000)),
  phone: Type.Optional(Str(40)),
  postalCode: Type.Optional(Str(20)),
  message: Type.Optional(Str(20_000)),
  website: Type.Optional(Str(2000)),
  idempotencyKey: Type.Optional(Str(200)),
});
const StatusForm = Type.Object({ reference: Type.Optional(Str(200)), email: Type.Optional(Str(2000)) });

export function contactIntakeRoutes(app: App, { contactCenter, catalogue, uploads, citizens }: Services) {
  // ---- public API
  app.post(
    '/api/v1/contact-requests',
    {
      schema: {
        tags: ['contact center'],
        summary: 'Send a question to the administration; answers its reference (give an Idempotency-Key header to retry safely)',
        description:
          'Routing: the competent organisation of the service; for a service of every commune/CPAS, the one of the postal code; ' +
          'otherwise the regional first line. Field errors come in the language of the body. The same Idempotency-Key with the same ' +
          'body answers the same reference (one request); with another body it is refused with 422.',
        headers: Type.Object({ 'idempotency-key': Type.Optional(Text({ maxLength: 300 })) }),
        body: ContactRequestBody,
        response: { 201: Type.Object({ reference: Type.String({ description: 'e.g. BXL-7K2M-Q9TF' }) }), ...errorResponses(400, 415, 422, 429) },
      },
      preValidation: async (request) => {
        const body: unknown = request.body;
        const language = typeof body === 'object' && body !== null && 'language' in body ? body.language : undefined;
        if (isLanguage(language)) request.lang = language;
      },
    },
    async (request, reply) => {
      await contactCenter.throttle(request.ip);
      const key = request.headers['idempotency-key'];
      const result = await contactCenter.submit(request.body, {
        idempotencyKey: typeof key === 'string' ? key : undefined,
        scope: 'api',
      });
      if (!result.created) reply.header('idempotent-replayed', 'true');
      return reply.code(201).send({ reference: result.reference });
    },
  );

  app.get(
    '/api/v1/contact-requests/:reference',
    {
      schema: {
        tags: ['contact center'],
        summary: 'The public status of a request: its reference and the e-mail address it was sent with',
        description: 'An unknown reference and a wrong e-mail address give the same 404.',
        params: Type.Object({ reference: Text({ maxLength: 100 }) }),
        querystring: Type.Object({ email: Type.Optional(Text({ maxLength: 300 })), lang: Type.Optional(Text({ maxLength: 5 })) }),
        response: { 200: PublicStatusSchema, ...errorResponses(404, 429) },
      },
    },
    async (request) => {
      await contactCenter.throttle(request.ip);
      const status = await contactCenter.publicStatus(request.params.reference, request.query.email ?? '', request.lang);
      const { language: _language, ...rest } = status;
      return rest;
    },
  );

  // ---- portal pages
  const uploadsOffer = uploads.enabled ? { maxFiles: uploads.limits.maxFiles, maxFileBytes: uploads.limits.maxFileBytes } : null;
  async function serviceOf(code: string | undefined, lang: Language) {
    if (!code || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(code) || code.length > 64) return null;
    try {
      const { view } = await catalogue.servicePage(code, lang);
      return { code: view.code, name: view.name };
    } catch {
      return null;
    }
  }

  app.get(
    '/:lang/contact',
    { schema: { hide: true, params: LangParams, querystring: Type.Object({ service: Type.Optional(Text({ maxLength: 200 })) }) } },
    async (request, reply) => {
      const service = await serviceOf(request.query.service, request.params.lang);
      // A signed-in citizen finds their name and address filled in (src/citizens); anyone else an empty form.
      const values = await citizens.formValues(request.cookies[CITIZEN_COOKIE]);
      return renderPage(request, reply, <ContactFormPage values={values} service={service} idempotencyKey={randomUUID()} uploads={uploadsOffer} />);
    },
  );

  // The form takes files (multipart/form-data, field `attachments`), also posted url-encoded without them.
  multipartRoutes(app, (scope) =>
    scope.post('/:lang/contact', { schema: { hide: true, params: LangParams, body: ContactForm }, attachValidation: true }, async (request, reply) => {
      const { lang } = request.params;
      const body = request.body ?? {};
      const key = body.idempotencyKey && IDEMPOTENCY_KEY.test(body.idempotencyKey) ? body.idempotencyKey : randomUUID();
      const service = await serviceOf(body.serviceCode, lang);
      const form = (errors: FieldError[]) => <ContactFormPage values={body} service={service} idempotencyKey={key} errors={errors} uploads={uploadsOffer} />;
      try {
        return await handleForm(request, reply, form, async () => {
          if (body.website) {
            await contactCenter.recordRefusal('honeypot', request.id);
            throw new AppError(400, 'contact.spam_suspected');
          }
          await contactCenter.throttle(request.ip);
          // Every file checked and scanned before anything is stored: one refused file refuses the form.
          const attachments = await uploads.accept(uploadsOf(request));
          const { reference } = await contactCenter.submit(
            {
              serviceCode: body.serviceCode,
              name: body.name,
              email: body.email,
              phone: body.phone,
              postalCode: body.postalCode,
              message: body.message,
              language: lang,
            },
            { idempotencyKey: key, scope: 'web-form', attachments },
          );
          return `/${lang}/contact/sent/${reference}`;
        });
      } catch (error) {
        // The scanner away: the same form again, with what was typed, and nothing stored.
        if (error instanceof AppError && error.code === 'files.scanner_unavailable') {
          return renderPage(request, reply, form([{ field: 'attachments', code: 'errors.files.scanner_unavailable' }]), 503);
        }
        throw error;
      }
    }),
  );

  app.get(
    '/:lang/contact/sent/:reference',
    { schema: { hide: true, params: Type.Object({ lang: LangParams.properties.lang, reference: Text({ maxLength: 100 }) }) } },
    async (request, reply) => {
      if (!REFERENCE_PATTERN.test(request.params.reference)) throw new AppError(404, 'not_found');
      return renderPage(request, reply, <ContactSentPage reference={request.params.reference} />);
    },
  );

  app.get('/:lang/contact/status', { schema: { hide: true, params: LangParams } }, async (request, reply) =>
    renderPage(request, reply, <StatusFormPage values={{}} />),
  );

  app.post('/:lang/contact/status', { schema: { hide: true, params: LangParams, body: StatusForm }, attachValidation: true }, async (request, reply) => {
    const body = request.body ?? {};
    const values = { reference: body.reference, email: body.email };
    const fields = [
      ...(body.reference?.trim() ? [] : [{ field: 'reference', code: 'validation.required' }]),
      ...(body.email?.trim() ? [] : [{ field: 'email', code: 'validation.required' }]),
    ];
    if (request.validationError || fields.length) {
      return renderPage(
        request,
        reply,
        <StatusFormPage values={values} errors={fields.length ? fields : [{ field: 'form', code: 'errors.validation.failed' }]} />,
        400,
      );
    }
    try {
      await contactCenter.throttle(request.ip);
      const status = await contactCenter.publicStatus(body.reference!, body.email!, request.params.lang);
      return renderPage(request, reply, <StatusPage status={status} />);
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      return renderPage(request, reply, <StatusFormPage values={values} errors={[{ field: 'form', code: `errors.${error.code}` }]} />, error.status);
    }
  });

  app.get(
    '/:lang/contact/status/:token',
    { schema: { hide: true, params: Type.Object({ lang: LangParams.properties.lang, token: Text({ maxLength: 200 }) }) } },
    async (request, reply) => {
      const status = await contactCenter.statusByToken(request.params.token, request.params.lang);
      return renderPage(request, reply, <StatusPage status={status} />);
    },
  );
}
