// Sign in, sign out, the back-office start page, password change, and /api/v1/me.
import { Type, type Static } from 'typebox';
import type { FastifyReply } from 'fastify';
import type { App } from '../platform/http/types.ts';
import type { Services } from '../services.ts';
import { errorResponses, LangParams, LanguageSchema, Text, Uuid } from '../platform/http/schemas.ts';
import { AppError } from '../platform/http/errors.ts';
import { validationFields } from './form-errors.ts';
import { toAppError } from '../platform/http/error-handler.tsx';
import { renderPage } from '../platform/views/render.tsx';
import { SESSION_ABSOLUTE_HOURS, SESSION_COOKIE } from './sessions.ts';
import { PASSWORD_MAX_LENGTH } from './passwords.ts';
import { LoginPage, BackOfficeHomePage, PasswordPage } from './pages.tsx';
import { ROLES } from './actor.ts';
import { requireActorPage } from './guards.ts';
import { localPath } from '../platform/http/local-path.ts';
import { setPendingCookie, twoFactorRoutes } from './totp/routes.tsx';
import { oidcRoutes } from './oidc/routes.tsx';
import { twoFactorResetRoutes } from './totp/reset-routes.tsx';

const LoginBody = Type.Object({
  email: Text({ minLength: 1, maxLength: 254 }),
  password: Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH }),
  next: Type.Optional(Text({ maxLength: 500 })),
  _csrf: Type.Optional(Type.String()),
});

const PasswordBody = Type.Object({
  currentPassword: Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH }),
  newPassword: Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH }),
  confirmPassword: Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH }),
  _csrf: Type.Optional(Type.String()),
});

const MeSchema = Type.Object({
  accountId: Uuid(),
  displayName: Type.String(),
  email: Type.String(),
  organisation: Type.Object({ id: Uuid(), code: Type.String() }),
  roles: Type.Array(Type.Enum(ROLES)),
  unitIds: Type.Array(Type.String()),
  preferredLanguage: LanguageSchema,
  apiToken: Type.Optional(
    Type.Object(
      { id: Uuid(), name: Type.String(), scopes: Type.Array(Type.String()) },
      { description: 'Present when the call is made with an API token: the account is the manager who created it' },
    ),
  ),
});

/** Only local paths are followed after sign-in, so the login form cannot send anyone to another site. */
export function safeNext(next: string | undefined, fallback: string): string {
  return localPath(next) ?? fallback;
}

export function identityRoutes(app: App, services: Services) {
  const { identity, config } = services;
  twoFactorRoutes(app, services, setSessionCookie);
  oidcRoutes(app, services, setSessionCookie);
  twoFactorResetRoutes(app, services);

  // Secrets stored before they were encrypted (decision 0053) are sealed once the app is ready; a failure leaves
  // them readable as they are and is tried again at the next start.
  app.addHook('onReady', async () => {
    if (config.secretsKeyDerived && config.env !== 'test') {
      app.log.warn(
        'SECRETS_ENCRYPTION_KEY is not set: two-step and OIDC secrets are encrypted with a key derived from the database location (development only)',
      );
    }
    try {
      const sealed = (await identity.sealPlaintextSecrets()) + (await services.oidc.sealPlaintextSecrets());
      if (sealed > 0) app.log.info({ sealed }, 'secrets stored in plain text encrypted');
    } catch (error) {
      app.log.error({ err: error }, 'could not encrypt the secrets stored in plain text');
    }
  });

  app.get(
    '/:lang/login',
    { schema: { hide: true, params: LangParams, querystring: Type.Object({ next: Type.Optional(Text({ maxLength: 500 })) }) } },
    async (request, reply) => {
      if (request.actor) return reply.redirect(safeNext(request.query.next, `/${request.params.lang}/back-office`), 303);
      return renderPage(request, reply, <LoginPage next={request.query.next} />);
    },
  );

  app.post('/:lang/login', { schema: { hide: true, params: LangParams, body: LoginBody }, attachValidation: true }, async (request, reply) => {
    const body: Partial<Static<typeof LoginBody>> = request.body ?? {}; // with attachValidation, possibly what failed the schema
    const fields = validationFields(request);
    if (fields) {
      return renderPage(request, reply, <LoginPage next={body.next} email={body.email} errors={fields} />, 400);
    }
    try {
      const result = await identity.login({
        email: body.email!.trim(),
        password: body.password!,
        clientIp: request.ip,
        requestId: request.id,
        twoFactorRequiredRoles: config.twoFactorRequiredRoles,
      });
      if (result.kind === 'two-factor') {
        // the password was right: the second step (or setting one up first) decides whether a session opens
        setPendingCookie(reply, result.pendingToken, config.secureCookies);
        const next = localPath(body.next);
        const query = next ? `?next=${encodeURIComponent(next)}` : '';
        const step = result.step === 'verify' ? 'two-factor' : 'two-factor/enrol';
        return reply.redirect(`/${request.params.lang}/login/${step}${query}`, 303);
      }
      setSessionCookie(reply, result.token, config.secureCookies);
      return reply.redirect(safeNext(body.next, `/${request.params.lang}/back-office`), 303);
    } catch (raw) {
      const error = toAppError(raw as Error);
      if (error.status >= 500) throw raw;
      return renderPage(request, reply, <LoginPage next={body.next} email={body.email} error={error} />, error.status);
    }
  });

  app.post('/:lang/logout', { schema: { hide: true, params: LangParams } }, async (request, reply) => {
    // a session opened by an organisation's provider also ends there (decision 0040), read before it is gone
    const atProvider = request.sessionToken ? await services.oidc.endSessionUrl(request.sessionToken) : undefined;
    if (request.sessionToken) await identity.logout(request.sessionToken, request.actor, request.id);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect(atProvider ?? `/${request.params.lang}`, 303);
  });

  app.get('/:lang/back-office', { schema: { hide: true, params: LangParams } }, async (request, reply) => {
    requireActorPage(request);
    return renderPage(request, reply, <BackOfficeHomePage />);
  });

  app.get('/:lang/account/password', { schema: { hide: true, params: LangParams } }, async (request, reply) => {
    requireActorPage(request);
    return renderPage(request, reply, <PasswordPage />);
  });

  app.post('/:lang/account/password', { schema: { hide: true, params: LangParams, body: PasswordBody }, attachValidation: true }, async (request, reply) => {
    const actor = requireActorPage(request);
    const fields = validationFields(request);
    if (fields) return renderPage(request, reply, <PasswordPage errors={fields} />, 400);
    try {
      await identity.changePassword(actor, request.sessionToken!, request.body, { clientIp: request.ip, requestId: request.id });
    } catch (raw) {
      const error = toAppError(raw as Error);
      if (!(error instanceof AppError) || error.status >= 500) throw raw;
      return renderPage(request, reply, <PasswordPage errors={error.options.fields} />, error.status);
    }
    return renderPage(request, reply, <PasswordPage changed />);
  });

  app.get(
    '/api/v1/me',
    {
      schema: {
        tags: ['identity'],
        summary: 'The signed-in staff member, or the API token calling and the manager it acts for',
        security: [{ session: [] }, { bearer: [] }],
        response: { 200: MeSchema, ...errorResponses(401) },
      },
    },
    async (request) => {
      const actor = requireActorPage(request);
      return {
        accountId: actor.accountId,
        displayName: actor.displayName,
        email: actor.email,
        organisation: { id: actor.organisationId, code: actor.organisationCode },
        roles: actor.roles,
        unitIds: actor.unitIds,
        preferredLanguage: actor.preferredLanguage,
        ...(actor.apiToken ? { apiToken: actor.apiToken } : {}),
      };
    },
  );
}

function setSessionCookie(reply: FastifyReply, token: string, secure: boolean) {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure,
    maxAge: SESSION_ABSOLUTE_HOURS * 3600, // the server ends idle sessions earlier
  });
}
