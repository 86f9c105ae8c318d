// HTTP of the citizen provider's settings page (decision 0060): /{lang}/admin/citizen-sign-in (read, save),
// …/test (the discovery check) and …/reset (back to the CITIZEN_OIDC_* settings). Platform administrators only.
import { Type, type Static } from 'typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../platform/http/types.ts';
import type { Services } from '../services.ts';
import { LangParams, Text } from '../platform/http/schemas.ts';
import { renderPage } from '../platform/views/render.tsx';
import { gateRoutes, requireActorPage } from '../identity/guards.ts';
import { shownError, validationFields } from '../identity/form-errors.ts';
import { canConfigureCitizenProvider, type ProviderForm } from './provider-settings.ts';
import { CitizenProviderSettingsPage, type ProviderSettingsView } from './provider-pages.tsx';

const SettingsBody = Type.Object({
  enabled: Type.Optional(Type.Literal('true')),
  issuer: Text({ maxLength: 500 }),
  clientId: Text({ maxLength: 200 }),
  clientSecret: Type.Optional(Type.String({ maxLength: 500 })),
  scopes: Type.Optional(Text({ maxLength: 500 })),
  name: Text({ maxLength: 60 }),
  emailClaim: Type.Optional(Text({ maxLength: 60 })),
  emailVerifiedRequired: Type.Optional(Type.Literal('true')),
  nameClaim: Type.Optional(Text({ maxLength: 200 })),
  version: Type.Optional(Type.Integer({ minimum: 1 })),
  _csrf: Type.Optional(Type.String()),
});
const hidden = { hide: true, params: LangParams } as const;
const DoneQuery = Type.Object({ done: Type.Optional(Type.Literal('reset')) });

export function citizenProviderRoutes(app: App, { citizenProvider, citizens }: Services) {
  gateRoutes(app, ['/:lang/admin/citizen-sign-in'], canConfigureCitizenProvider);

  async function view(request: FastifyRequest, extra: Partial<ProviderSettingsView> = {}): Promise<ProviderSettingsView> {
    const current = await citizenProvider.view(requireActorPage(request));
    return {
      ...current,
      hasSecret: current.source !== 'none',
      redirectUri: citizens.redirectUri,
      signedOutUri: citizens.signedOutUri,
      ...extra,
    };
  }
  const page = async (request: FastifyRequest, reply: FastifyReply, extra: Partial<ProviderSettingsView> = {}, status = 200) =>
    renderPage(request, reply, <CitizenProviderSettingsPage {...await view(request, extra)} />, status);

  app.get('/:lang/admin/citizen-sign-in', { schema: { ...hidden, querystring: DoneQuery } }, async (request, reply) =>
    page(request, reply, { reset: request.query.done === 'reset' }),
  );

  app.post('/:lang/admin/citizen-sign-in', { schema: { ...hidden, body: SettingsBody }, attachValidation: true }, async (request, reply) => {
    const body: Partial<Static<typeof SettingsBody>> = request.body ?? {};
    const input: ProviderForm = {
      enabled: body.enabled === 'true',
      issuer: body.issuer ?? '',
      clientId: body.clientId ?? '',
      clientSecret: body.clientSecret ?? '',
      scopes: body.scopes ?? '',
      name: body.name ?? '',
      emailClaim: body.emailClaim ?? '',
      nameClaim: body.nameClaim ?? '',
      emailVerifiedRequired: body.emailVerifiedRequired === 'true',
      version: body.version ?? null,
    };
    const fields = validationFields(request);
    if (fields) return page(request, reply, { values: input, errors: fields }, 400);
    try {
      const discovery = await citizenProvider.save(requireActorPage(request), input, request.id);
      return page(request, reply, { outcome: { saved: true, discovery } });
    } catch (raw) {
      const error = shownError(raw);
      return page(request, reply, { values: input, error, errors: error.options.fields }, error.status);
    }
  });

  app.post('/:lang/admin/citizen-sign-in/test', { schema: hidden }, async (request, reply) => {
    const discovery = await citizenProvider.test(requireActorPage(request));
    return page(request, reply, { outcome: { saved: false, discovery } });
  });

  app.post('/:lang/admin/citizen-sign-in/reset', { schema: hidden }, async (request, reply) => {
    await citizenProvider.reset(requireActorPage(request), request.id);
    return reply.redirect(`/${request.params.lang}/admin/citizen-sign-in?done=reset`, 303);
  });
}
