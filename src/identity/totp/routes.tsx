// The second step of signing in, and the account page of two-factor sign-in (issue 18, item 8).
// Between the password and the code, the browser holds only a random token naming a pending sign-in kept in
// the database (10 minutes); the session cookie is set only when the second step succeeds.
import { Type, type Static } from 'typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../platform/http/types.ts';
import type { Services } from '../../services.ts';
import { LangParams, Text } from '../../platform/http/schemas.ts';
import { AppError, type FieldError } from '../../platform/http/errors.ts';
import { shownError, validationFields } from '../form-errors.ts';
import { renderPage } from '../../platform/views/render.tsx';
import { requireActorPage } from '../guards.ts';
import { localPath } from '../../platform/http/local-path.ts';
import { LoginPage } from '../pages.tsx';
import { PENDING_SIGN_IN_MINUTES } from '../service.ts';
import { AccountTwoFactorPage, EnrolAtSignInPage, RecoveryCodesPage, TwoFactorPage } from './pages.tsx';

export const PENDING_COOKIE = 'irisdesk_sign_in';

const CodeBody = Type.Object({
  code: Text({ minLength: 1, maxLength: 40 }),
  next: Type.Optional(Text({ maxLength: 500 })),
  _csrf: Type.Optional(Type.String()),
});
const NextQuery = Type.Object({ next: Type.Optional(Text({ maxLength: 500 })) });

export function setPendingCookie(reply: FastifyReply, token: string, secure: boolean) {
  reply.setCookie(PENDING_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure, maxAge: PENDING_SIGN_IN_MINUTES * 60 });
}

export function twoFactorRoutes(app: App, services: Services, setSessionCookie: (reply: FastifyReply, token: string, secure: boolean) => void) {
  const { identity, config } = services;
  const home = (lang: string, next: string | undefined) => localPath(next) ?? `/${lang}/back-office`;
  const expired = (request: FastifyRequest, reply: FastifyReply, next: string | undefined) => {
    reply.clearCookie(PENDING_COOKIE, { path: '/' });
    return renderPage(request, reply, <LoginPage next={next} error={new AppError(401, 'twoFactor.expired')} />, 401);
  };

  app.get('/:lang/login/two-factor', { schema: { hide: true, params: LangParams, querystring: NextQuery } }, async (request, reply) => {
    const pending = await identity.pendingSignIn(request.cookies[PENDING_COOKIE]);
    if (pending?.step !== 'verify') return expired(request, reply, request.query.next);
    return renderPage(request, reply, <TwoFactorPage next={request.query.next} />);
  });

  app.post('/:lang/login/two-factor', { schema: { hide: true, params: LangParams, body: CodeBody }, attachValidation: true }, async (request, reply) => {
    const body = (request.body ?? {}) as Partial<Static<typeof CodeBody>>;
    const pendingToken = request.cookies[PENDING_COOKIE];
    if (!pendingToken) return expired(request, reply, body.next);
    const fields = validationFields(request);
    if (fields) return renderPage(request, reply, <TwoFactorPage next={body.next} errors={fields} />, 400);
    try {
      const { token } = await identity.verifySecondFactor(pendingToken, body.code!, { clientIp: request.ip, requestId: request.id });
      reply.clearCookie(PENDING_COOKIE, { path: '/' });
      setSessionCookie(reply, token, config.secureCookies);
      return reply.redirect(home(request.params.lang, body.next), 303);
    } catch (raw) {
      const error = shownError(raw);
      if (error.code === 'twoFactor.expired') return expired(request, reply, body.next);
      return renderPage(request, reply, <TwoFactorPage next={body.next} errors={error.options.fields} error={error} />, error.status);
    }
  });

  app.get('/:lang/login/two-factor/enrol', { schema: { hide: true, params: LangParams, querystring: NextQuery } }, async (request, reply) => {
    const pending = await identity.pendingSignIn(request.cookies[PENDING_COOKIE]);
    if (pending?.step !== 'enrol') return expired(request, reply, request.query.next);
    const enrolment = await identity.enrolment(pending.accountId);
    return renderPage(request, reply, <EnrolAtSignInPage {...enrolment} next={request.query.next} />);
  });

  app.post('/:lang/login/two-factor/enrol', { schema: { hide: true, params: LangParams, body: CodeBody }, attachValidation: true }, async (request, reply) => {
    const body = (request.body ?? {}) as Partial<Static<typeof CodeBody>>;
    const pending = await identity.pendingSignIn(request.cookies[PENDING_COOKIE]);
    if (pending?.step !== 'enrol') return expired(request, reply, body.next);
    const page = async (problems: { errors?: FieldError[] | undefined; error?: AppError }, status: number) =>
      renderPage(request, reply, <EnrolAtSignInPage {...await identity.enrolment(pending.accountId)} next={body.next} {...problems} />, status);
    const fields = validationFields(request);
    if (fields) return page({ errors: fields }, 400);
    try {
      const { token, recoveryCodes } = await identity.completeEnrolmentSignIn(request.cookies[PENDING_COOKIE]!, body.code!, {
        clientIp: request.ip,
        requestId: request.id,
      });
      reply.clearCookie(PENDING_COOKIE, { path: '/' });
      setSessionCookie(reply, token, config.secureCookies);
      reply.header('cache-control', 'no-store');
      return renderPage(request, reply, <RecoveryCodesPage codes={recoveryCodes} continueTo={home(request.params.lang, body.next)} />);
    } catch (raw) {
      const error = shownError(raw);
      if (error.code === 'twoFactor.expired') return expired(request, reply, body.next);
      return page({ errors: error.options.fields, error }, error.status);
    }
  });

  const accountPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    problems: { errors?: FieldError[] | undefined; error?: AppError; turnedOff?: boolean } = {},
    status = 200,
  ) => {
    const actor = requireActorPage(request);
    const status_ = await identity.twoFactorStatus(actor.accountId, config.twoFactorRequiredRoles);
    const enrolment = status_.enabled ? undefined : await identity.enrolment(actor.accountId);
    return renderPage(request, reply, <AccountTwoFactorPage {...status_} enrolment={enrolment} {...problems} />, status);
  };

  app.get('/:lang/account/two-factor', { schema: { hide: true, params: LangParams } }, async (request, reply) => accountPage(request, reply));

  app.post('/:lang/account/two-factor', { schema: { hide: true, params: LangParams, body: CodeBody }, attachValidation: true }, async (request, reply) => {
    const actor = requireActorPage(request);
    const fields = validationFields(request);
    if (fields) return accountPage(request, reply, { errors: fields }, 400);
    try {
      const codes = await identity.confirmEnrolment(actor, request.body.code, { clientIp: request.ip, requestId: request.id });
      reply.header('cache-control', 'no-store');
      return renderPage(request, reply, <RecoveryCodesPage codes={codes} continueTo={`/${request.params.lang}/account/two-factor`} backOffice />);
    } catch (raw) {
      const error = shownError(raw);
      return accountPage(request, reply, { errors: error.options.fields, error }, error.status);
    }
  });

  app.post(
    '/:lang/account/two-factor/disable',
    { schema: { hide: true, params: LangParams, body: CodeBody }, attachValidation: true },
    async (request, reply) => {
      const actor = requireActorPage(request);
      const fields = validationFields(request);
      if (fields) return accountPage(request, reply, { errors: fields }, 400);
      try {
        await identity.disableTwoFactor(actor, request.body.code, config.twoFactorRequiredRoles, { clientIp: request.ip, requestId: request.id });
      } catch (raw) {
        const error = shownError(raw);
        return accountPage(request, reply, { errors: error.options.fields, error }, error.status);
      }
      return accountPage(request, reply, { turnedOff: true });
    },
  );
}
