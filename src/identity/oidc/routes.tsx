// HTTP of organisation sign-in (decision 0040): the e-mail step (/{lang}/login/sso), a direct start per
// organisation (/{lang}/login/sso/{organisation code}, for an intranet link), the provider's answer
// (/auth/oidc/callback, one address to register whatever the language), the return after signing out at the
// provider, and the settings page /{lang}/admin/sign-in.
import { Type, type Static } from 'typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../platform/http/types.ts';
import type { Services } from '../../services.ts';
import { LangParams, Text } from '../../platform/http/schemas.ts';
import { AppError } from '../../platform/http/errors.ts';
import { shownError, validationFields } from '../form-errors.ts';
import { toAppError } from '../../platform/http/error-handler.tsx';
import { renderPage } from '../../platform/views/render.tsx';
import { localPath } from '../../platform/http/local-path.ts';
import { gateRoutes, requireActorPage } from '../guards.ts';
import { canConfigureSomeSignIn } from './authorisation.ts';
import { formatRoleMap } from './role-map.ts';
import { CALLBACK_PATH, SIGNED_OUT_PATH, type ProviderSettings } from './service.ts';
import { OrganisationSignInPage, SignInSettingsPage } from './pages.tsx';

/** Binds the provider's answer to the browser that left for it (decision 0040); as long as a sign-in may wait. */
export const OIDC_BROWSER_COOKIE = 'irisdesk_oidc';

const EmailBody = Type.Object({
  email: Text({ minLength: 3, maxLength: 254, format: 'email' }),
  next: Type.Optional(Text({ maxLength: 500 })),
  _csrf: Type.Optional(Type.String()),
});
const NextQuery = Type.Object({ next: Type.Optional(Text({ maxLength: 500 })) });
const StartParams = Type.Object({ lang: LangParams.properties.lang, organisation: Text({ minLength: 1, maxLength: 60, pattern: '^[a-z0-9-]+$' }) });
const CallbackQuery = Type.Object(
  {
    state: Type.Optional(Text({ maxLength: 500 })),
    code: Type.Optional(Text({ maxLength: 2000 })),
    error: Type.Optional(Text({ maxLength: 200 })),
  },
  { additionalProperties: true },
);
const SettingsQuery = Type.Object({ organisation: Type.Optional(Text({ maxLength: 60 })) });
const SettingsBody = Type.Object({
  issuer: Text({ maxLength: 500 }),
  clientId: Text({ maxLength: 200 }),
  clientSecret: Type.Optional(Type.String({ maxLength: 500 })),
  scopes: Type.Optional(Text({ maxLength: 500 })),
  domains: Type.Optional(Text({ maxLength: 1000 })),
  roleClaim: Type.Optional(Text({ maxLength: 100 })),
  roleMap: Type.Optional(Type.String({ maxLength: 5000 })),
  enabled: Type.Optional(Type.Literal('true')),
  justInTime: Type.Optional(Type.Literal('true')),
  version: Type.Optional(Type.Integer({ minimum: 1 })),
  _csrf: Type.Optional(Type.String()),
});

export function oidcRoutes(app: App, services: Services, setSessionCookie: (reply: FastifyReply, token: string, secure: boolean) => void) {
  const { oidc, organisations, config } = services;
  gateRoutes(app, ['/:lang/admin/sign-in'], canConfigureSomeSignIn);

  async function sendToProvider(reply: FastifyReply, organisationId: string, lang: 'fr' | 'nl' | 'en', next: string | undefined) {
    const { location, browserToken } = await oidc.begin(organisationId, lang, localPath(next) ?? null);
    reply.setCookie(OIDC_BROWSER_COOKIE, browserToken, { path: '/auth/oidc', httpOnly: true, sameSite: 'lax', secure: config.secureCookies, maxAge: 10 * 60 });
    return reply.redirect(location, 303);
  }

  app.get('/:lang/login/sso', { schema: { hide: true, params: LangParams, querystring: NextQuery } }, async (request, reply) => {
    return renderPage(request, reply, <OrganisationSignInPage next={request.query.next} />);
  });

  app.post('/:lang/login/sso', { schema: { hide: true, params: LangParams, body: EmailBody }, attachValidation: true }, async (request, reply) => {
    const body: Partial<Static<typeof EmailBody>> = request.body ?? {};
    const fields = validationFields(request);
    if (fields) return renderPage(request, reply, <OrganisationSignInPage next={body.next} email={body.email} errors={fields} />, 400);
    const provider = await oidc.providerForEmail(body.email!);
    if (!provider) {
      const errors = [{ field: 'email', code: 'oidc.noProviderForEmail' }];
      return renderPage(request, reply, <OrganisationSignInPage next={body.next} email={body.email} errors={errors} />, 400);
    }
    try {
      return await sendToProvider(reply, provider.organisationId, request.params.lang, body.next);
    } catch (raw) {
      const error = toAppError(raw as Error);
      if (error.status !== 503) throw raw;
      return renderPage(request, reply, <OrganisationSignInPage next={body.next} email={body.email} error={error} />, 503);
    }
  });

  app.get('/:lang/login/sso/:organisation', { schema: { hide: true, params: StartParams, querystring: NextQuery } }, async (request, reply) => {
    const organisation = await organisations.findByCode(request.params.organisation);
    if (!organisation) throw new AppError(404, 'oidc.noProvider');
    try {
      return await sendToProvider(reply, organisation.id, request.params.lang, request.query.next);
    } catch (raw) {
      const error = shownError(raw);
      return renderPage(request, reply, <OrganisationSignInPage next={request.query.next} error={error} />, error.status);
    }
  });

  // The provider sends the browser back here, with a code (or an error) and the state.
  app.get(CALLBACK_PATH, { schema: { hide: true, querystring: CallbackQuery } }, async (request, reply) => {
    reply.clearCookie(OIDC_BROWSER_COOKIE, { path: '/auth/oidc' });
    try {
      const callbackUrl = new URL(request.url, config.publicUrl);
      const done = await oidc.complete(callbackUrl, request.cookies[OIDC_BROWSER_COOKIE], request.id);
      if (done.kind === 'refused') {
        request.lang = done.language;
        return renderPage(request, reply, <OrganisationSignInPage error={done.error} />, done.error.status);
      }
      setSessionCookie(reply, done.sessionToken, config.secureCookies);
      return reply.redirect(done.nextPath ?? `/${done.language}/back-office`, 303);
    } catch (raw) {
      const error = raw instanceof AppError && raw.status === 503 ? raw : shownError(raw);
      return renderPage(request, reply, <OrganisationSignInPage error={error} />, error.status);
    }
  });

  // Back from signing out at the provider: the public home page in the visitor's language.
  app.get(SIGNED_OUT_PATH, { schema: { hide: true } }, async (request, reply) => reply.redirect(`/${request.lang}`, 303));

  // ---- settings

  async function settingsView(request: FastifyRequest, chosen: string | undefined) {
    const actor = requireActorPage(request);
    const choices = await organisations.managedOrganisations(actor); // all for administrators, their own for managers
    const code = chosen ?? actor.organisationCode;
    const organisation = choices.find((candidate) => candidate.code === code);
    if (!organisation) throw new AppError(404, 'organisation.not_found');
    const provider = await oidc.settings(actor, organisation.id);
    const values: ProviderSettings = provider
      ? {
          issuer: provider.issuer,
          clientId: provider.clientId,
          clientSecret: '',
          scopes: provider.scopes,
          roleClaim: provider.roleClaim ?? '',
          roleMap: formatRoleMap(provider.roleMap),
          justInTime: provider.justInTime,
          enabled: provider.enabled,
          domains: provider.domains.join(', '),
          version: provider.version,
        }
      : {
          issuer: '',
          clientId: '',
          clientSecret: '',
          scopes: 'openid email profile',
          roleClaim: '',
          roleMap: '',
          justInTime: false,
          enabled: true,
          domains: '',
          version: null,
        };
    const lang = request.lang;
    return {
      actor,
      organisation,
      view: {
        organisations: choices.map((choice) => ({ code: choice.code, name: choice.name[lang] ?? choice.code })),
        organisationCode: organisation.code,
        values,
        hasSecret: !!provider,
        redirectUri: oidc.redirectUri,
        signedOutUri: `${config.publicUrl}${SIGNED_OUT_PATH}`,
      },
    };
  }

  app.get('/:lang/admin/sign-in', { schema: { hide: true, params: LangParams, querystring: SettingsQuery } }, async (request, reply) => {
    const { view } = await settingsView(request, request.query.organisation);
    return renderPage(request, reply, <SignInSettingsPage {...view} />);
  });

  app.post(
    '/:lang/admin/sign-in',
    { schema: { hide: true, params: LangParams, querystring: SettingsQuery, body: SettingsBody }, attachValidation: true },
    async (request, reply) => {
      const { actor, organisation, view } = await settingsView(request, request.query.organisation);
      const body: Partial<Static<typeof SettingsBody>> = request.body ?? {};
      const input: ProviderSettings = {
        issuer: body.issuer ?? '',
        clientId: body.clientId ?? '',
        clientSecret: body.clientSecret ?? '',
        scopes: body.scopes ?? '',
        roleClaim: body.roleClaim ?? '',
        roleMap: body.roleMap ?? '',
        justInTime: body.justInTime === 'true',
        enabled: body.enabled === 'true',
        domains: body.domains ?? '',
        version: body.version ?? null,
      };
      const fields = validationFields(request);
      if (fields) return renderPage(request, reply, <SignInSettingsPage {...view} values={input} errors={fields} />, 400);
      try {
        const saved = await oidc.saveSettings(actor, organisation.id, input, request.id);
        const fresh = await settingsView(request, request.query.organisation);
        return renderPage(request, reply, <SignInSettingsPage {...fresh.view} saved={saved} />);
      } catch (raw) {
        const error = shownError(raw);
        return renderPage(request, reply, <SignInSettingsPage {...view} values={input} error={error} errors={error.options.fields} />, error.status);
      }
    },
  );
}
