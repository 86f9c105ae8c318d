// HTTP of the subject requests a person files themselves (decision 0060). Public: the form /{lang}/privacy/requests,
// "check your mailbox" …/sent, the link's confirmation …/confirm/{token}, the status page …/{reference}/{token}
// and its export …/{reference}/{token}/export.json. The DPO's: …/admin/privacy/requests/{id}/run and …/answer
// (under the privacy back office's gate).
import { Type, type Static } from 'typebox';
import type { FastifyRequest } from 'fastify';
import type { App } from '../platform/http/types.ts';
import type { Services } from '../services.ts';
import { LangParams, Text, Uuid } from '../platform/http/schemas.ts';
import { handleForm } from '../platform/http/forms.ts';
import { AppError, type FieldError } from '../platform/http/errors.ts';
import { renderPage } from '../platform/views/render.tsx';
import { requireActorPage } from '../identity/guards.ts';
import { CITIZEN_COOKIE } from '../citizens/service.ts';
import { SubjectRequestPage } from './pages.tsx';
import { ConfirmProofPage, PersonRequestFormPage, PersonRequestPanel, PersonRequestStatusPage, ProofSentPage } from './self-service-pages.tsx';

const KindSchema = Type.Union([Type.Literal('access'), Type.Literal('portability'), Type.Literal('rectification'), Type.Literal('erasure')]);
const RequestBody = Type.Object({
  kind: KindSchema,
  email: Text({ minLength: 3, maxLength: 254, format: 'email' }),
  organisation: Type.Optional(Text({ maxLength: 100 })),
  details: Type.Optional(Text({ maxLength: 2000 })),
  _csrf: Type.Optional(Type.String()),
});
const FormQuery = Type.Object({ organisation: Type.Optional(Text({ maxLength: 100 })) });
const TokenParams = Type.Object({ lang: LangParams.properties.lang, token: Text({ maxLength: 100 }) });
const StatusParams = Type.Object({ lang: LangParams.properties.lang, reference: Text({ maxLength: 20 }), token: Text({ maxLength: 64 }) });
const IdParams = Type.Object({ lang: LangParams.properties.lang, id: Uuid() });
const AnswerBody = Type.Object({
  outcome: Type.Union([Type.Literal('answered'), Type.Literal('refused')]),
  answer: Text({ maxLength: 4000 }),
  _csrf: Type.Optional(Type.String()),
});
const hide = { hide: true } as const;

export function selfServiceRoutes(app: App, { privacy, organisations, citizens }: Services) {
  const { selfService } = privacy;

  /** The signed-in citizen's verified address, if any. */
  const provenEmail = async (request: FastifyRequest) => (await citizens.identity(request.cookies[CITIZEN_COOKIE]))?.email ?? null;
  const organisationChoices = async (lang: 'fr' | 'nl' | 'en') =>
    (await organisations.listOrganisations())
      .map((item) => ({ code: item.code, name: item.name[lang] ?? item.code }))
      .sort((a, b) => a.name.localeCompare(b.name, lang));

  app.get('/:lang/privacy/requests', { schema: { ...hide, params: LangParams, querystring: FormQuery } }, async (request, reply) => {
    const lang = request.params.lang;
    return renderPage(
      request,
      reply,
      <PersonRequestFormPage
        organisations={await organisationChoices(lang)}
        values={{ organisation: request.query.organisation }}
        provenEmail={await provenEmail(request)}
      />,
    );
  });

  app.post('/:lang/privacy/requests', { schema: { ...hide, params: LangParams, body: RequestBody }, attachValidation: true }, async (request, reply) => {
    const lang = request.params.lang;
    const body: Partial<Static<typeof RequestBody>> = request.body ?? {};
    const proven = await provenEmail(request);
    const form = async (errors: FieldError[]) => (
      <PersonRequestFormPage organisations={await organisationChoices(lang)} values={body} provenEmail={proven} errors={errors} />
    );
    return handleForm(request, reply, form, async () => {
      const filed = await selfService.file({
        kind: body.kind!,
        email: body.email!,
        organisationCode: body.organisation || undefined,
        details: body.details,
        language: lang,
        clientAddress: request.ip,
        provenEmail: proven,
      });
      return filed.sent ? `/${lang}/privacy/requests/sent` : filed.path;
    });
  });

  app.get('/:lang/privacy/requests/sent', { schema: { ...hide, params: LangParams } }, async (request, reply) => renderPage(request, reply, <ProofSentPage />));

  app.get('/:lang/privacy/requests/confirm/:token', { schema: { ...hide, params: TokenParams } }, async (request, reply) => {
    const live = await selfService.proofIsLive(request.params.token);
    return renderPage(request, reply, <ConfirmProofPage token={request.params.token} live={live} />, live ? 200 : 410);
  });

  app.post('/:lang/privacy/requests/confirm/:token', { schema: { ...hide, params: TokenParams } }, async (request, reply) => {
    try {
      return reply.redirect(await selfService.confirm(request.params.token), 303);
    } catch (raw) {
      if (!(raw instanceof AppError) || raw.status !== 410) throw raw;
      return renderPage(request, reply, <ConfirmProofPage token={request.params.token} live={false} />, 410);
    }
  });

  app.get('/:lang/privacy/requests/:reference/:token', { schema: { ...hide, params: StatusParams } }, async (request, reply) => {
    const { reference, token, lang } = request.params;
    const found = await selfService.status(reference, token);
    return renderPage(request, reply, <PersonRequestStatusPage request={found} exportPath={`/${lang}/privacy/requests/${reference}/${token}/export.json`} />);
  });

  // The machine-readable copy (GDPR art. 20) once the DPO has answered.
  app.get('/:lang/privacy/requests/:reference/:token/export.json', { schema: { ...hide, params: StatusParams } }, async (request, reply) => {
    const found = await selfService.status(request.params.reference, request.params.token);
    if (found.status !== 'answered' || !found.export) throw new AppError(404, 'privacy.request_not_found');
    return reply
      .header('content-type', 'application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="${found.reference}.json"`)
      .header('cache-control', 'no-store')
      .send(JSON.stringify(found.export, null, 2));
  });

  // ---- the DPO's side (gated with the privacy back office)

  const requestPage = async (request: FastifyRequest, id: string, errors: FieldError[] = [], values?: Record<string, string>) => {
    const found = await privacy.getSubjectRequest(requireActorPage(request), id, request.id);
    return (
      <SubjectRequestPage request={found}>
        <PersonRequestPanel request={found} errors={errors} values={values} />
      </SubjectRequestPage>
    );
  };

  app.post('/:lang/admin/privacy/requests/:id/run', { schema: { ...hide, params: IdParams } }, async (request, reply) =>
    handleForm(
      request,
      reply,
      (errors) => requestPage(request, request.params.id, errors),
      async () => {
        await selfService.run(requireActorPage(request), request.params.id, request.id);
        return `/${request.params.lang}/admin/privacy/requests/${request.params.id}`;
      },
    ),
  );

  app.post(
    '/:lang/admin/privacy/requests/:id/answer',
    { schema: { ...hide, params: IdParams, body: AnswerBody }, attachValidation: true },
    async (request, reply) =>
      handleForm(
        request,
        reply,
        (errors) => requestPage(request, request.params.id, errors, request.body ?? {}),
        async () => {
          await selfService.answer(requireActorPage(request), request.params.id, { text: request.body.answer, outcome: request.body.outcome }, request.id);
          return `/${request.params.lang}/admin/privacy/requests/${request.params.id}`;
        },
      ),
  );
}
