// Answering a survey: by public link (/{lang}/surveys/{slug}, one answer per browser) or by invitation (/{lang}/surveys/invitations/{token}), API and pages.
import { Type } from 'typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../platform/http/types.ts';
import type { Services } from '../../services.ts';
import { errorResponses, LangParams, LanguageSchema } from '../../platform/http/schemas.ts';
import { handleForm } from '../../platform/http/forms.ts';
import { renderPage } from '../../platform/views/render.tsx';
import { AppError } from '../../platform/http/errors.ts';
import type { Language } from '../../platform/i18n/languages.ts';
import { type SurveyRecord } from '../model.ts';
import { formAnswers, jsonAnswers } from '../forms.ts';
import { RespondPage, SurveyThanksPage, SurveyUnavailablePage } from './pages.tsx';
import { bodyOf, pageSchema } from '../route-parts.ts';
import { AnswersBody, QuestionOut, Slug, SurveyOut, Token, questionJson, surveyJson } from '../schemas.ts';

/** The answer guard of one browser for public links: the surveys it already answered (signed cookie). */
const GUARD_COOKIE = 'irisdesk_surveys';
function answeredInBrowser(request: FastifyRequest, surveyId: string): boolean {
  const raw = request.cookies[GUARD_COOKIE];
  if (!raw) return false;
  const unsigned = request.unsignCookie(raw);
  return unsigned.valid && (unsigned.value ?? '').split('.').includes(surveyId.replaceAll('-', ''));
}
function rememberAnswered(request: FastifyRequest, reply: FastifyReply, surveyId: string, secure: boolean) {
  const raw = request.cookies[GUARD_COOKIE];
  const unsigned = raw ? request.unsignCookie(raw) : { valid: false, value: null };
  const list = unsigned.valid ? (unsigned.value ?? '').split('.').filter(Boolean) : [];
  const value = [...list.filter((id) => id !== surveyId.replaceAll('-', '')), surveyId.replaceAll('-', '')].slice(-30).join('.');
  reply.setCookie(GUARD_COOKIE, value, { path: '/', httpOnly: true, sameSite: 'lax', secure, signed: true, maxAge: 180 * 86_400 });
}

export function answeringRoutes(app: App, { surveys, config }: Services) {
  const secure = config.secureCookies;

  // ---- API: respondents
  const PublicOut = Type.Object({ survey: SurveyOut, questions: Type.Array(QuestionOut) });
  app.get(
    '/api/v1/surveys/public/:slug',
    {
      schema: {
        tags: ['surveys'],
        summary: 'A published survey (link distribution): 404 unknown or not yet open, 410 closed',
        params: Type.Object({ slug: Slug }),
        response: { 200: PublicOut, ...errorResponses(400, 404, 410) },
      },
    },
    async (request) => {
      const { survey, state, questions } = await surveys.publicQuestionnaire(request.params.slug);
      if (state === 'scheduled' || state === 'draft') throw new AppError(404, 'surveys.not_yet_open');
      if (state === 'closed') throw new AppError(410, 'surveys.closed');
      return { survey: surveyJson(survey, state), questions: questions.map(questionJson) };
    },
  );

  app.post(
    '/api/v1/surveys/public/:slug/responses',
    {
      schema: {
        tags: ['surveys'],
        summary: 'Answer a published survey (anonymous; throttled per client address)',
        params: Type.Object({ slug: Slug }),
        querystring: Type.Object({ lang: Type.Optional(LanguageSchema) }),
        body: AnswersBody,
        response: { 201: Type.Object({ status: Type.Literal('recorded') }), ...errorResponses(400, 404, 409, 410, 415, 429) },
      },
    },
    async (request, reply) => {
      const survey = (await surveys.publicQuestionnaire(request.params.slug)).survey;
      if (answeredInBrowser(request, survey.id)) throw new AppError(409, 'surveys.already_answered');
      await surveys.submitByLink(request.params.slug, request.ip, request.lang, jsonAnswers(request.body.answers));
      rememberAnswered(request, reply, survey.id, secure);
      return reply.code(201).send({ status: 'recorded' as const });
    },
  );

  const TokenParams = Type.Object({ token: Token });
  app.get(
    '/api/v1/surveys/invitations/:token',
    {
      schema: {
        tags: ['surveys'],
        summary: 'The survey of an invitation after a contact',
        params: TokenParams,
        response: {
          200: Type.Object({
            state: Type.Enum(['draft', 'scheduled', 'open', 'closed', 'answered', 'expired']),
            language: LanguageSchema,
            survey: SurveyOut,
            questions: Type.Array(QuestionOut),
          }),
          ...errorResponses(400, 404),
        },
      },
    },
    async (request) => {
      const { survey, invitation, state, questions } = await surveys.invitationQuestionnaire(request.params.token);
      return {
        state,
        language: invitation.language as Language,
        survey: surveyJson(survey, state === 'answered' || state === 'expired' ? 'closed' : state),
        questions: questions.map(questionJson),
      };
    },
  );

  app.post(
    '/api/v1/surveys/invitations/:token',
    {
      schema: {
        tags: ['surveys'],
        summary: 'Answer the survey of an invitation (once: a second answer is refused with 409)',
        params: TokenParams,
        querystring: Type.Object({ lang: Type.Optional(LanguageSchema) }),
        body: AnswersBody,
        response: { 201: Type.Object({ status: Type.Literal('recorded') }), ...errorResponses(400, 404, 409, 410, 415) },
      },
    },
    async (request, reply) => {
      await surveys.submitByInvitation(request.params.token, request.lang, jsonAnswers(request.body.answers));
      return reply.code(201).send({ status: 'recorded' as const });
    },
  );

  // ---- Pages: respondents
  app.get('/:lang/surveys/thanks', { schema: pageSchema }, async (request, reply) => renderPage(request, reply, <SurveyThanksPage />));

  /** A survey that cannot be answered: its own page with 404 (not yet open) or 410 (closed, expired) or 409. */
  const unavailable = (request: FastifyRequest, reply: FastifyReply, survey: SurveyRecord, state: string) => {
    const reason = state === 'answered' ? 'already_answered' : state === 'expired' ? 'invitation_expired' : state === 'closed' ? 'closed' : 'not_yet_open';
    const status = reason === 'already_answered' ? 409 : reason === 'not_yet_open' ? 404 : 410;
    reply.header('referrer-policy', 'no-referrer');
    return renderPage(request, reply, <SurveyUnavailablePage survey={survey} reason={reason} />, status);
  };

  const SlugParams = Type.Object({ lang: LangParams.properties.lang, slug: Slug });
  app.get('/:lang/surveys/:slug', { schema: { hide: true, params: SlugParams } }, async (request, reply) => {
    const { survey, state, questions } = await surveys.publicQuestionnaire(request.params.slug);
    if (state !== 'open') return unavailable(request, reply, survey, state);
    if (answeredInBrowser(request, survey.id)) return unavailable(request, reply, survey, 'answered');
    return renderPage(request, reply, <RespondPage survey={survey} questions={questions} action={`/${request.params.lang}/surveys/${survey.slug}`} />);
  });
  app.post('/:lang/surveys/:slug', { schema: { hide: true, params: SlugParams } }, async (request, reply) => {
    const { survey, state, questions } = await surveys.publicQuestionnaire(request.params.slug);
    if (state !== 'open') return unavailable(request, reply, survey, state);
    if (answeredInBrowser(request, survey.id)) return unavailable(request, reply, survey, 'answered');
    const form = bodyOf(request);
    return handleForm(
      request,
      reply,
      (errors) => <RespondPage survey={survey} questions={questions} action={`/${request.params.lang}/surveys/${survey.slug}`} errors={errors} values={form} />,
      async () => {
        await surveys.submitByLink(survey.slug, request.ip, request.params.lang, formAnswers(form));
        rememberAnswered(request, reply, survey.id, secure);
        return `/${request.params.lang}/surveys/thanks`;
      },
    );
  });

  const InvitationParams = Type.Object({ lang: LangParams.properties.lang, token: Token });
  app.get('/:lang/surveys/invitations/:token', { schema: { hide: true, params: InvitationParams } }, async (request, reply) => {
    const { survey, state, questions } = await surveys.invitationQuestionnaire(request.params.token);
    if (state !== 'open') return unavailable(request, reply, survey, state);
    reply.header('referrer-policy', 'no-referrer');
    return renderPage(
      request,
      reply,
      <RespondPage survey={survey} questions={questions} action={`/${request.params.lang}/surveys/invitations/${request.params.token}`} />,
    );
  });
  app.post('/:lang/surveys/invitations/:token', { schema: { hide: true, params: InvitationParams } }, async (request, reply) => {
    const { survey, state, questions } = await surveys.invitationQuestionnaire(request.params.token);
    if (state !== 'open') return unavailable(request, reply, survey, state);
    const form = bodyOf(request);
    reply.header('referrer-policy', 'no-referrer');
    return handleForm(
      request,
      reply,
      (errors) => (
        <RespondPage
          survey={survey}
          questions={questions}
          action={`/${request.params.lang}/surveys/invitations/${request.params.token}`}
          errors={errors}
          values={form}
        />
      ),
      async () => {
        await surveys.submitByInvitation(request.params.token, request.params.lang, formAnswers(form));
        return `/${request.params.lang}/surveys/thanks`;
      },
    );
  });
}
