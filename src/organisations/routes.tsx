// HTTP for organisations, units and accounts: the JSON API under /api/v1 and the back-office pages.
import { Type } from 'typebox';
import type { App } from '../platform/http/types.ts';
import type { Services } from '../services.ts';
import { errorResponses, LangParams, LanguageSchema, BoundedInteger, Text, Uuid } from '../platform/http/schemas.ts';
import { handleForm } from '../platform/http/forms.ts';
import { renderPage } from '../platform/views/render.tsx';
import { requireActorPage } from '../identity/guards.ts';
import { AppError } from '../platform/http/errors.ts';
import {
  AccountChangesBody,
  AccountSchema,
  CodeSchema,
  KindSchema,
  NewAccountBody,
  NewOrganisationBody,
  NewUnitBody,
  OrganisationSchema,
  RoleSchema,
  UnitSchema,
} from './schemas.ts';
import { AccountFormPage, AccountsPage, OrganisationPage, OrganisationsPage } from './pages.tsx';
import { canManageOrganisation } from './authorisation.ts';
import { ROLES } from '../identity/actor.ts';

const CodeParams = Type.Object({ code: CodeSchema });
const IdParams = Type.Object({ id: Text({ maxLength: 64 }) });
const session = [{ session: [] }];

// HTML forms post flat fields; these schemas describe them.
const Name = Text({ minLength: 1, maxLength: 200 });
const OrganisationForm = Type.Object({ code: CodeSchema, kind: KindSchema, nameFr: Name, nameNl: Name, nameEn: Name });
const UnitForm = Type.Object({ code: CodeSchema, nameFr: Name, nameNl: Name, nameEn: Name });
const AccountForm = Type.Object({
  organisationCode: CodeSchema,
  email: Type.String({ format: 'email', maxLength: 254 }),
  displayName: Text({ minLength: 1, maxLength: 120 }),
  password: Text({ minLength: 1, maxLength: 256 }),
  roles: Type.Array(RoleSchema, { minItems: 1, maxItems: ROLES.length }),
  preferredLanguage: LanguageSchema,
  unitIds: Type.Optional(Type.Array(Uuid(), { maxItems: 100 })),
});
const AccountEditForm = Type.Object({
  version: BoundedInteger({ minimum: 1 }),
  displayName: Text({ minLength: 1, maxLength: 120 }),
  roles: Type.Array(RoleSchema, { minItems: 1, maxItems: ROLES.length }),
  preferredLanguage: LanguageSchema,
  active: Type.Optional(Type.Literal('true')),
  unitIds: Type.Optional(Type.Array(Uuid(), { maxItems: 100 })),
});

export function organisationRoutes(app: App, { organisations }: Services) {
  app.addSchema(OrganisationSchema);
  app.addSchema(UnitSchema);
  app.addSchema(AccountSchema);

  // ---- API: reference data (public)
  app.get(
    '/api/v1/organisations',
    {
      schema: {
        tags: ['organisations'],
        summary: 'Organisations taking part in IrisDesk',
        querystring: Type.Object({ kind: Type.Optional(KindSchema) }),
        response: { 200: Type.Object({ organisations: Type.Array(Type.Ref('Organisation')) }), ...errorResponses(400) },
      },
    },
    async (request) => ({ organisations: await organisations.listOrganisations(request.query.kind) }),
  );
  app.get(
    '/api/v1/organisations/:code',
    {
      schema: {
        tags: ['organisations'],
        summary: 'One organisation',
        params: CodeParams,
        response: { 200: Type.Ref('Organisation'), ...errorResponses(400, 404) },
      },
    },
    async (request) => organisations.getOrganisation(request.params.code),
  );
  app.get(
    '/api/v1/organisations/:code/units',
    {
      schema: {
        tags: ['organisations'],
        summary: 'The units (departments receiving work) of an organisation',
        params: CodeParams,
        response: { 200: Type.Object({ units: Type.Array(Type.Ref('Unit')) }), ...errorResponses(400, 404) },
      },
    },
    async (request) => ({ units: await organisations.listUnits(request.params.code) }),
  );

  // ---- API: administration (signed in)
  app.post(
    '/api/v1/organisations',
    {
      schema: {
        tags: ['organisations'],
        summary: 'Create an organisation (platform administrators)',
        security: session,
        body: NewOrganisationBody,
        response: { 201: Type.Ref('Organisation'), ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      const created = await organisations.createOrganisation(requireActorPage(request), request.body);
      return reply.code(201).send(created);
    },
  );
  app.post(
    '/api/v1/organisations/:code/units',
    {
      schema: {
        tags: ['organisations'],
        summary: 'Create a unit in an organisation (its managers, administrators)',
        security: session,
        params: CodeParams,
        body: NewUnitBody,
        response: { 201: Type.Ref('Unit'), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const unit = await organisations.createUnit(requireActorPage(request), request.params.code, request.body);
      return reply.code(201).send(unit);
    },
  );
  app.get(
    '/api/v1/accounts',
    {
      schema: {
        tags: ['accounts'],
        summary: "Staff accounts of the caller's organisation (all for administrators)",
        security: session,
        response: { 200: Type.Object({ accounts: Type.Array(Type.Ref('Account')) }), ...errorResponses(401, 403) },
      },
    },
    async (request) => {
      const actor = requireActorPage(request);
      return { accounts: await organisations.listAccounts(actor) };
    },
  );
  app.get(
    '/api/v1/accounts/:id',
    {
      schema: {
        tags: ['accounts'],
        summary: 'One staff account (the read is audited)',
        security: session,
        params: IdParams,
        response: { 200: Type.Ref('Account'), ...errorResponses(401, 404) },
      },
    },
    async (request) => organisations.getAccount(requireActorPage(request), request.params.id, request.id),
  );
  app.post(
    '/api/v1/accounts',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Create a staff account',
        security: session,
        body: NewAccountBody,
        response: { 201: Type.Ref('Account'), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const account = await organisations.createAccount(requireActorPage(request), request.body, request.id);
      return reply.code(201).send(account);
    },
  );
  app.patch(
    '/api/v1/accounts/:id',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Change a staff account (send the version you read)',
        security: session,
        params: IdParams,
        body: AccountChangesBody,
        response: { 200: Type.Ref('Account'), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => organisations.updateAccount(requireActorPage(request), request.params.id, request.body, request.id),
  );

  // ---- Back-office pages
  const pageSchema = { hide: true, params: LangParams };

  app.get('/:lang/admin/organisations', { schema: pageSchema }, async (request, reply) => {
    const actor = requireActorPage(request);
    return renderPage(request, reply, <OrganisationsPage organisations={await organisations.managedOrganisations(actor)} />);
  });

  app.post('/:lang/admin/organisations', { schema: { ...pageSchema, body: OrganisationForm }, attachValidation: true }, async (request, reply) => {
    const actor = requireActorPage(request);
    const form = request.body;
    return handleForm(
      request,
      reply,
      async (errors) => <OrganisationsPage organisations={await organisations.managedOrganisations(actor)} errors={errors} values={form} />,
      async () => {
        const created = await organisations.createOrganisation(actor, {
          code: form.code,
          kind: form.kind,
          name: { fr: form.nameFr, nl: form.nameNl, en: form.nameEn },
        });
        return `/${request.params.lang}/admin/organisations/${created.code}`;
      },
    );
  });

  const OrgPageParams = Type.Object({ lang: LangParams.properties.lang, code: CodeSchema });
  const organisationPage = async (request: Parameters<typeof requireActorPage>[0], code: string) => {
    const actor = requireActorPage(request);
    const organisation = await organisations.getOrganisation(code);
    if (!canManageOrganisation(actor, organisation.id)) throw new AppError(404, 'organisation.not_found');
    return { organisation, units: await organisations.listUnits(code) };
  };

  app.get('/:lang/admin/organisations/:code', { schema: { hide: true, params: OrgPageParams } }, async (request, reply) => {
    const { organisation, units } = await organisationPage(request, request.params.code);
    return renderPage(request, reply, <OrganisationPage organisation={organisation} units={units} />);
  });

  app.post(
    '/:lang/admin/organisations/:code/units',
    { schema: { hide: true, params: OrgPageParams, body: UnitForm }, attachValidation: true },
    async (request, reply) => {
      const actor = requireActorPage(request);
      const { organisation, units } = await organisationPage(request, request.params.code);
      const form = request.body;
      return handleForm(
        request,
        reply,
        (errors) => <OrganisationPage organisation={organisation} units={units} errors={errors} values={form} />,
        async () => {
          await organisations.createUnit(actor, organisation.code, { code: form.code, name: { fr: form.nameFr, nl: form.nameNl, en: form.nameEn } });
          return `/${request.params.lang}/admin/organisations/${organisation.code}`;
        },
      );
    },
  );

  app.post(
    '/:lang/admin/organisations/:code/two-factor',
    {
      schema: {
        hide: true,
        params: OrgPageParams,
        body: Type.Object({ twoFactorRequired: Type.Optional(Type.Literal('true')), _csrf: Type.Optional(Type.String()) }),
      },
    },
    async (request, reply) => {
      const actor = requireActorPage(request);
      const { organisation } = await organisationPage(request, request.params.code);
      await organisations.setTwoFactorRequired(actor, organisation.code, request.body.twoFactorRequired === 'true', request.id);
      const updated = await organisationPage(request, request.params.code);
      return renderPage(request, reply, <OrganisationPage {...updated} twoFactorSaved />);
    },
  );

  app.get('/:lang/admin/accounts', { schema: pageSchema }, async (request, reply) => {
    const actor = requireActorPage(request);
    return renderPage(request, reply, <AccountsPage accounts={await organisations.listAccounts(actor)} />);
  });

  const accountFormData = async (actor: ReturnType<typeof requireActorPage>) => {
    const managed = await organisations.managedOrganisations(actor);
    const units = await Promise.all(managed.map(async (org) => ({ organisation: org, units: await organisations.listUnits(org.code) })));
    return units;
  };

  app.get('/:lang/admin/accounts/new', { schema: pageSchema }, async (request, reply) => {
    const actor = requireActorPage(request);
    return renderPage(request, reply, <AccountFormPage choices={await accountFormData(actor)} />);
  });

  app.post('/:lang/admin/accounts', { schema: { ...pageSchema, body: AccountForm }, attachValidation: true }, async (request, reply) => {
    const actor = requireActorPage(request);
    const form = request.body;
    const choices = await accountFormData(actor);
    return handleForm(
      request,
      reply,
      (errors) => <AccountFormPage choices={choices} errors={errors} values={form} />,
      async () => {
        const account = await organisations.createAccount(actor, { ...form, unitIds: form.unitIds ?? [] }, request.id);
        return `/${request.params.lang}/admin/accounts/${account.id}?created=1`;
      },
    );
  });

  const AccountPageParams = Type.Object({ lang: LangParams.properties.lang, id: Text({ maxLength: 64 }) });
  app.get(
    '/:lang/admin/accounts/:id',
    {
      schema: {
        hide: true,
        params: AccountPageParams,
        querystring: Type.Object({ created: Type.Optional(Type.String()), saved: Type.Optional(Type.String()) }),
      },
    },
    async (request, reply) => {
      const actor = requireActorPage(request);
      const account = await organisations.getAccount(actor, request.params.id, request.id);
      const choices = (await accountFormData(actor)).filter((choice) => choice.organisation.id === account.organisationId);
      return renderPage(
        request,
        reply,
        <AccountFormPage choices={choices} account={account} notice={request.query.created ? 'created' : request.query.saved ? 'saved' : undefined} />,
      );
    },
  );

  app.post(
    '/:lang/admin/accounts/:id',
    { schema: { hide: true, params: AccountPageParams, body: AccountEditForm }, attachValidation: true },
    async (request, reply) => {
      const actor = requireActorPage(request);
      const account = await organisations.getAccount(actor, request.params.id, request.id);
      const choices = (await accountFormData(actor)).filter((choice) => choice.organisation.id === account.organisationId);
      const form = request.body;
      return handleForm(
        request,
        reply,
        (errors) => <AccountFormPage choices={choices} account={account} errors={errors} />,
        async () => {
          await organisations.updateAccount(
            actor,
            account.id,
            {
              version: form.version,
              displayName: form.displayName,
              roles: form.roles,
              preferredLanguage: form.preferredLanguage,
              active: form.active === 'true',
              unitIds: form.unitIds ?? [],
            },
            request.id,
          );
          return `/${request.params.lang}/admin/accounts/${account.id}?saved=1`;
        },
      );
    },
  );
}
