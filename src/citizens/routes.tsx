// HTTP of citizen sign-in and my space (decision 0054): /{lang}/my (sign in, or my space), the e-mail link
// (/{lang}/my/sign-in/{token}: a page that asks to confirm, so that a mail scanner opening the link does not use
// it), the region's provider (/{lang}/my/provider → /auth/citizen/callback), sign-out, and the request and
// appointment links of my space. The citizen cookie is not the staff session cookie: it never carries a role.
import { Type, type Static } from 'typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../platform/http/types.ts';
import type { Services } from '../services.ts';
import { LangParams, Text, Uuid } from '../platform/http/schemas.ts';
import { AppError } from '../platform/http/errors.ts';
import { renderPage } from '../platform/views/render.tsx';
import { localPath } from '../platform/http/local-path.ts';
import { validationFields } from '../identity/form-errors.ts';
import { StatusPage } from '../contactcenter/intake/pages.tsx';
import { REFERENCE_PATTERN } from '../contactcenter/references.ts';
import { CITIZEN_CALLBACK_PATH, CITIZEN_COOKIE, CITIZEN_SIGNED_OUT_PATH, SESSION_HOURS, type CitizenIdentity } from './service.ts';
import { CitizenSignInPage, ConfirmLinkPage, LinkSentPage, MySpacePage } from './pages.tsx';
import { citizenProviderRoutes } from './provider-routes.tsx';

/** Binds the provider's answer to the browser that left for it. */
const CITIZEN_OIDC_COOKIE = 'irisdesk_citizen_oidc';

const EmailBody = Type.Object({
  email: Text({ minLength: 3, maxLength: 254, format: 'email' }),
  next: Type.Optional(Text({ maxLength: 500 })),
  _csrf: Type.Optional(Type.String()),
});
const NextQuery = Type.Object({ next: Type.Optional(Text({ maxLength: 500 })) });
const TokenParams = Type.Object({ lang: LangParams.properties.lang, token: Text({ maxLength: 100 }) });
const ReferenceParams = Type.Object({ lang: LangParams.properties.lang, reference: Text({ maxLength: 40 }) });
const AppointmentParams = Type.Object({ lang: LangParams.properties.lang, id: Uuid() });
const CallbackQuery = Type.Object(
  { state: Type.Optional(Text({ maxLength: 500 })), code: Type.Optional(Text({ maxLength: 2000 })), error: Type.Optional(Text({ maxLength: 200 })) },
  { additionalProperties: true },
);

export function citizenRoutes(app: App, services: Services) {
  const { citizens, contactCenter, config } = services;
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: config.secureCookies };

  async function signedIn(request: FastifyRequest): Promise<CitizenIdentity | undefined> {
    return citizens.identity(request.cookies[CITIZEN_COOKIE]);
  }
  async function requireCitizen(request: FastifyRequest, reply: FastifyReply): Promise<CitizenIdentity | undefined> {
    const citizen = await signedIn(request);
    if (!citizen) {
      if (request.cookies[CITIZEN_COOKIE]) reply.clearCookie(CITIZEN_COOKIE, { path: '/' });
      void reply.redirect(`/${request.lang}/my?next=${encodeURIComponent(request.url)}`, 303);
    }
    return citizen;
  }
  // the provider's settings page (platform administrators)
  citizenProviderRoutes(app, services);

  const setSession = (reply: FastifyReply, token: string) => reply.setCookie(CITIZEN_COOKIE, token, { ...cookieOptions, maxAge: SESSION_HOURS * 3600 });

  app.get('/:lang/my', { schema: { hide: true, params: LangParams, querystring: NextQuery } }, async (request, reply) => {
    const citizen = await signedIn(request);
    if (!citizen) {
      if (request.cookies[CITIZEN_COOKIE]) reply.clearCookie(CITIZEN_COOKIE, { path: '/' });
      return renderPage(request, reply, <CitizenSignInPage providerName={await citizens.providerName()} next={localPath(request.query.next)} />);
    }
    const space = await citizens.space(citizen);
    return renderPage(request, reply, <MySpacePage citizen={citizen} space={space} providerName={await citizens.providerName()} />);
  });

  app.post('/:lang/my/sign-in', { schema: { hide: true, params: LangParams, body: EmailBody }, attachValidation: true }, async (request, reply) => {
    const body: Partial<Static<typeof EmailBody>> = request.body ?? {};
    const next = localPath(body.next);
    const fields = validationFields(request);
    if (fields)
      return renderPage(request, reply, <CitizenSignInPage providerName={await citizens.providerName()} next={next} email={body.email} errors={fields} />, 400);
    await citizens.sendLink(body.email!, request.params.lang, next ?? null, request.ip);
    return renderPage(request, reply, <LinkSentPage email={body.email!.trim().toLowerCase()} />);
  });

  app.get('/:lang/my/sign-in/:token', { schema: { hide: true, params: TokenParams } }, async (request, reply) => {
    const live = await citizens.linkIsLive(request.params.token);
    return renderPage(request, reply, <ConfirmLinkPage token={request.params.token} live={live} />, live ? 200 : 410);
  });

  app.post('/:lang/my/sign-in/:token', { schema: { hide: true, params: TokenParams } }, async (request, reply) => {
    try {
      const done = await citizens.completeLink(request.params.token, request.cookies[CITIZEN_COOKIE], request.id);
      setSession(reply, done.sessionToken);
      return reply.redirect(done.nextPath ?? `/${request.params.lang}/my`, 303);
    } catch (raw) {
      if (!(raw instanceof AppError) || raw.status >= 500) throw raw;
      return renderPage(request, reply, <ConfirmLinkPage token={request.params.token} live={false} />, raw.status);
    }
  });

  app.get('/:lang/my/provider', { schema: { hide: true, params: LangParams, querystring: NextQuery } }, async (request, reply) => {
    if (!(await citizens.providerName())) throw new AppError(404, 'citizens.noProvider');
    try {
      const { location, browserToken } = await citizens.beginProvider(request.params.lang, localPath(request.query.next) ?? null);
      reply.setCookie(CITIZEN_OIDC_COOKIE, browserToken, { ...cookieOptions, path: '/auth/citizen', maxAge: 10 * 60 });
      return reply.redirect(location, 303);
    } catch (raw) {
      if (!(raw instanceof AppError) || raw.status !== 503) throw raw;
      return renderPage(request, reply, <CitizenSignInPage providerName={await citizens.providerName()} error="errors.citizens.providerUnavailable" />, 503);
    }
  });

  // The provider sends the browser back here (one address to register, whatever the language).
  app.get(CITIZEN_CALLBACK_PATH, { schema: { hide: true, querystring: CallbackQuery } }, async (request, reply) => {
    reply.clearCookie(CITIZEN_OIDC_COOKIE, { path: '/auth/citizen' });
    try {
      const done = await citizens.completeProvider(new URL(request.url, config.publicUrl), request.cookies[CITIZEN_OIDC_COOKIE], request.id);
      setSession(reply, done.sessionToken);
      return reply.redirect(done.nextPath ?? `/${done.language}/my`, 303);
    } catch (raw) {
      if (!(raw instanceof AppError) || (raw.status >= 500 && raw.status !== 503)) throw raw;
      const language = raw.options.values?.language;
      if (language === 'fr' || language === 'nl' || language === 'en') request.lang = language;
      return renderPage(request, reply, <CitizenSignInPage providerName={await citizens.providerName()} error={`errors.${raw.code}`} />, raw.status);
    }
  });

  app.get(CITIZEN_SIGNED_OUT_PATH, { schema: { hide: true } }, async (request, reply) => reply.redirect(`/${request.lang}/my`, 303));

  app.post('/:lang/my/sign-out', { schema: { hide: true, params: LangParams } }, async (request, reply) => {
    const token = request.cookies[CITIZEN_COOKIE];
    reply.clearCookie(CITIZEN_COOKIE, { path: '/' });
    const atProvider = token ? await citizens.signOut(token, request.id) : undefined;
    return reply.redirect(atProvider ?? `/${request.params.lang}/my`, 303);
  });

  app.get('/:lang/my/requests/:reference', { schema: { hide: true, params: ReferenceParams } }, async (request, reply) => {
    const citizen = await requireCitizen(request, reply);
    if (!citizen) return reply;
    if (!citizen.email || !REFERENCE_PATTERN.test(request.params.reference)) throw new AppError(404, 'citizens.notYours');
    const status = await contactCenter.publicStatus(request.params.reference, citizen.email, request.params.lang);
    return renderPage(request, reply, <StatusPage status={status} />);
  });

  app.get('/:lang/my/appointments/:id', { schema: { hide: true, params: AppointmentParams } }, async (request, reply) => {
    const citizen = await requireCitizen(request, reply);
    if (!citizen) return reply;
    return reply.redirect(await citizens.manageLink(citizen, request.params.id, request.params.lang), 303);
  });
}
