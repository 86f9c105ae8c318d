// HTTP of the contact-center settings (back office, /{lang}/admin/contact-center): managers set up their own
// organisation, platform administrators every organisation. Forms post-redirect-get; refusals re-render the
// form with the error summary (400 validation, 409 stale version or duplicate, 403 another organisation).
import { Type, type Static, type TSchema } from 'typebox';
import type { VNode } from 'preact';
import type { FastifyRequest } from 'fastify';
import type { App } from '../../platform/http/types.ts';
import type { Services } from '../../services.ts';
import { LangParams, BoundedInteger, Text } from '../../platform/http/schemas.ts';
import { handleForm } from '../../platform/http/forms.ts';
import { formValues as postedValues } from '../../platform/http/form-values.ts';
import { renderPage } from '../../platform/views/render.tsx';
import { gateRoutes, requireActorPage } from '../../identity/guards.ts';
import type { Actor } from '../../identity/actor.ts';
import { AppError, type FieldError } from '../../platform/http/errors.ts';
import { HOLIDAY_CALENDARS } from '../../platform/calendar/holidays.ts';
import { LANGUAGES, type Language } from '../../platform/i18n/languages.ts';
import type { Organisation } from '../../organisations/service.ts';
import { CONTACT_CHANNELS } from '../model.ts';
import { canOpenContactCenterSettings, settingsForEveryOrganisation } from './authorisation.ts';
import { MAX_SLA_MINUTES, type SlaTargetInput } from './service.ts';
import { contactCenterSettingsApiRoutes } from './api-routes.ts';
import {
  CalendarPage,
  knownNotice,
  MailboxConfirmationPage,
  MailboxConfirmedPage,
  MailboxFormPage,
  SettingsIndexPage,
  SettingsOverviewPage,
  settingsBase,
  SlaTargetFormPage,
  type FormValues,
} from './pages.tsx';
import { OutOfHoursPage, WEB_FORM } from './out-of-hours-page.tsx';
import { ConsoleSettingsPage } from './console-settings-page.tsx';

const OrgParams = Type.Object({ lang: LangParams.properties.lang, org: Text({ maxLength: 100 }) });
const OrgIdParams = Type.Object({ lang: LangParams.properties.lang, org: Text({ maxLength: 100 }), id: Text({ maxLength: 64 }) });
const TokenParams = Type.Object({ lang: LangParams.properties.lang, token: Text({ maxLength: 200 }) });
const NoticeQuery = Type.Object({ notice: Type.Optional(Text({ maxLength: 30 })) });
const Version = BoundedInteger({ minimum: 1 });
const VersionForm = Type.Object({ version: Version });
const LangIdParams = Type.Object({ lang: LangParams.properties.lang, id: Text({ maxLength: 64 }) });
const UnitsForm = Type.Object({ autoAssign: Type.Optional(Type.Array(Text({ maxLength: 64 }), { maxItems: 200 })) });
const TemplateForm = Type.Object({
  language: Type.Enum(LANGUAGES),
  title: Text({ minLength: 1, maxLength: 120 }),
  body: Text({ minLength: 1, maxLength: 10000 }),
});
const CONSOLE_NOTICES = new Set(['saved', 'templateAdded', 'templateDeleted']);
const MailboxForm = Type.Object({
  version: Type.Optional(Version),
  address: Text({ minLength: 1, maxLength: 254 }),
  unitId: Type.Optional(Text({ maxLength: 64 })),
  active: Type.Optional(Type.Union([Type.Literal('true'), Type.Array(Type.Literal('true'), { maxItems: 1 })])),
});
const Minutes = BoundedInteger({ minimum: 1, maximum: MAX_SLA_MINUTES });
const SlaForm = Type.Object({
  version: Type.Optional(Version),
  channel: Type.Optional(Type.Enum(['', ...CONTACT_CHANNELS])),
  serviceCode: Type.Optional(Type.String({ maxLength: 100, pattern: '^([a-z0-9]+(-[a-z0-9]+)*)?$' })),
  firstResponseMinutes: Minutes,
  resolutionMinutes: Minutes,
  warningPercent: BoundedInteger({ minimum: 1, maximum: 99 }),
});
const CalendarForm = Type.Object({
  version: Type.Optional(Type.Union([Type.Literal(''), Version])),
  openingHours: Text({ minLength: 1, maxLength: 1000 }),
  holidayCalendar: Type.Enum(HOLIDAY_CALENDARS),
  intent: Type.Optional(Type.Enum(['save', 'preview'])),
});

const OutOfHoursForm = Type.Object({
  version: Type.Optional(Type.Union([Type.Literal(''), Version])),
  channels: Type.Optional(Type.Array(Text({ maxLength: 64 }), { maxItems: 200 })),
  textFr: Type.Optional(Text({ maxLength: 1000 })),
  textNl: Type.Optional(Text({ maxLength: 1000 })),
  textEn: Type.Optional(Text({ maxLength: 1000 })),
});

type OrgRequest = FastifyRequest & { params: { lang: Language; org: string; id?: string } };

export function contactCenterSettingsRoutes(app: App, services: Services) {
  const settings = services.contactCenterSettings;
  const hide = { hide: true } as const;
  // Organisation managers and platform administrators; which organisation is the service's rule.
  gateRoutes(app, ['/:lang/admin/contact-center', '/api/v1/contact-center/settings'], canOpenContactCenterSettings);
  contactCenterSettingsApiRoutes(app, services);

  /** The organisation of the URL, if the signed-in actor may set it up (403 / 404 otherwise). */
  const orgOf = async (request: OrgRequest): Promise<{ actor: ReturnType<typeof requireActorPage>; org: Organisation }> => {
    const actor = requireActorPage(request);
    return { actor, org: await settings.organisation(actor, request.params.org, request.id) };
  };
  const overview = (request: OrgRequest, org: Organisation, notice: string) => `${settingsBase(request.params.lang, org)}?notice=${notice}`;
  const formValues = (request: FastifyRequest) => postedValues(request.body);
  const active = (value: unknown) => value === 'true' || (Array.isArray(value) && value.includes('true'));
  const slaInput = (body: Static<typeof SlaForm>): SlaTargetInput => ({
    channel: body.channel || null,
    serviceCode: body.serviceCode || null,
    firstResponseMinutes: body.firstResponseMinutes,
    resolutionMinutes: body.resolutionMinutes,
    warningPercent: body.warningPercent,
  });

  app.get('/:lang/admin/contact-center', { schema: { ...hide, params: LangParams } }, async (request, reply) => {
    const actor = requireActorPage(request);
    if (!settingsForEveryOrganisation(actor)) return reply.redirect(`/${request.params.lang}/admin/contact-center/${actor.organisationCode}`, 303);
    return renderPage(request, reply, <SettingsIndexPage organisations={await settings.organisations(actor)} />);
  });

  app.get('/:lang/admin/contact-center/:org', { schema: { ...hide, params: OrgParams, querystring: NoticeQuery } }, async (request, reply) => {
    const { actor, org } = await orgOf(request);
    const [mailboxes, targets, calendar, outOfHours] = await Promise.all([
      settings.mailboxes(org),
      settings.slaTargets(org),
      settings.calendar(org),
      settings.outOfHours(org),
    ]);
    return renderPage(
      request,
      reply,
      <SettingsOverviewPage
        org={org}
        mailboxes={mailboxes}
        targets={targets}
        calendar={calendar}
        outOfHours={outOfHours}
        defaultTarget={settings.defaultTarget}
        everyOrganisation={settingsForEveryOrganisation(actor)}
        notice={knownNotice(request.query.notice)}
      />,
    );
  });

  /**
   * One form of an organisation's settings (a mailbox, an SLA target, the calendar), the shape every one of them
   * has: the organisation of the URL (403/404) and, on a record's URL (`:id`), the record itself (404) are checked
   * before the form is read; then the posted form is validated and saved. Success goes back to the overview with
   * the notice `save` returns; a refusal (400, 403, 409) shows `page` again with the errors.
   */
  const settingsForm = <B extends TSchema>(
    path: string,
    body: B | null,
    form: {
      record?: (org: Organisation, id: string) => Promise<unknown>;
      page: (org: Organisation, errors: FieldError[], posted: { id: string; values: FormValues }) => VNode | Promise<VNode>;
      save: (posted: { actor: Actor; org: Organisation; id: string; body: Static<B>; request: OrgRequest }) => Promise<string>;
    },
  ) =>
    app.post(
      path,
      body
        ? { schema: { ...hide, params: form.record ? OrgIdParams : OrgParams, body }, attachValidation: true }
        : { schema: { ...hide, params: form.record ? OrgIdParams : OrgParams } },
      async (request: OrgRequest, reply) => {
        const { actor, org } = await orgOf(request);
        const id = request.params.id ?? '';
        if (form.record) await form.record(org, id); // 404 before anything else
        return handleForm(
          request,
          reply,
          (errors) => form.page(org, errors, { id, values: formValues(request) }),
          async () => overview(request, org, await form.save({ actor, org, id, body: request.body as Static<B>, request })),
        );
      },
    );
  /** The version an edit is based on: required on a record's form (a form without it is refused, never saved blind). */
  const versionOf = (version: number | undefined) => {
    if (!version) throw new AppError(400, 'validation.failed', { fields: [{ field: 'version', code: 'validation.required' }] });
    return version;
  };

  // ---- inbound mailboxes

  const mailboxPage = async (org: Organisation, options: { id?: string; values?: FormValues; errors?: FieldError[] } = {}) => {
    const [{ units }, mailbox] = await Promise.all([settings.choices(org), options.id ? settings.mailbox(org, options.id) : undefined]);
    return <MailboxFormPage org={org} units={units} mailbox={mailbox} values={options.values} errors={options.errors} />;
  };
  const mailboxInput = (body: Static<typeof MailboxForm>) => ({ address: body.address, unitId: body.unitId || null, active: active(body.active) });
  const mailbox = (org: Organisation, id: string) => settings.mailbox(org, id);

  app.get('/:lang/admin/contact-center/:org/mailboxes/new', { schema: { ...hide, params: OrgParams } }, async (request, reply) => {
    const { org } = await orgOf(request);
    return renderPage(request, reply, await mailboxPage(org));
  });

  settingsForm('/:lang/admin/contact-center/:org/mailboxes', MailboxForm, {
    page: (org, errors, { values }) => mailboxPage(org, { values, errors }),
    save: async ({ actor, org, body, request }) => {
      await settings.createMailbox(actor, org, mailboxInput(body), request.id, request.params.lang);
      return 'mailboxAdded';
    },
  });

  app.get('/:lang/admin/contact-center/:org/mailboxes/:id', { schema: { ...hide, params: OrgIdParams } }, async (request, reply) => {
    const { org } = await orgOf(request);
    return renderPage(request, reply, await mailboxPage(org, { id: request.params.id }));
  });

  settingsForm('/:lang/admin/contact-center/:org/mailboxes/:id', MailboxForm, {
    record: mailbox,
    page: (org, errors, { id, values }) => mailboxPage(org, { id, values, errors }),
    save: async ({ actor, org, id, body, request }) => {
      await settings.updateMailbox(actor, org, id, versionOf(body.version), mailboxInput(body), request.id, request.params.lang);
      return 'mailboxSaved';
    },
  });

  settingsForm('/:lang/admin/contact-center/:org/mailboxes/:id/delete', VersionForm, {
    record: mailbox,
    page: (org, errors, { id }) => mailboxPage(org, { id, errors }),
    save: async ({ actor, org, id, body, request }) => {
      await settings.deleteMailbox(actor, org, id, body.version, request.id);
      return 'mailboxDeleted';
    },
  });

  // The address of a new mailbox waits for confirmation: send the mail again, or (administrators) approve it.
  settingsForm('/:lang/admin/contact-center/:org/mailboxes/:id/resend', null, {
    record: mailbox,
    page: (org, errors, { id }) => mailboxPage(org, { id, errors }),
    save: async ({ actor, org, id, request }) => {
      await settings.resendConfirmation(actor, org, id, request.id, request.params.lang);
      return 'confirmationResent';
    },
  });

  settingsForm('/:lang/admin/contact-center/:org/mailboxes/:id/approve', null, {
    record: mailbox,
    page: (org, errors, { id }) => mailboxPage(org, { id, errors }),
    save: async ({ actor, org, id, request }) => {
      await settings.approveMailbox(actor, org, id, request.id);
      return 'mailboxApproved';
    },
  });

  // The link of the confirmation mail (no sign-in: whoever reads mail at that address). A page with a button,
  // never a confirmation on GET: mail filters open links to scan them.
  const confirmationPath = (lang: Language, token: string) => `/${lang}/contact-center/mailbox-confirmation/${token}`;
  app.get('/:lang/contact-center/mailbox-confirmation/done', { schema: { ...hide, params: LangParams } }, async (request, reply) =>
    renderPage(request, reply, <MailboxConfirmedPage />),
  );
  app.get('/:lang/contact-center/mailbox-confirmation/:token', { schema: { ...hide, params: TokenParams } }, async (request, reply) => {
    const pending = await settings.pendingConfirmation(request.params.token);
    return renderPage(
      request,
      reply,
      <MailboxConfirmationPage pending={pending} action={confirmationPath(request.params.lang, request.params.token)} />,
      pending.expired ? 410 : 200,
    );
  });
  app.post('/:lang/contact-center/mailbox-confirmation/:token', { schema: { ...hide, params: TokenParams } }, async (request, reply) => {
    const pending = await settings.pendingConfirmation(request.params.token);
    const action = confirmationPath(request.params.lang, request.params.token);
    return handleForm(
      request,
      reply,
      (errors) => <MailboxConfirmationPage pending={pending} action={action} errors={errors} />,
      async () => {
        await settings.confirmMailbox(request.params.token, request.id);
        return `/${request.params.lang}/contact-center/mailbox-confirmation/done`;
      },
    );
  });

  // ---- SLA targets

  const targetPage = async (org: Organisation, options: { id?: string; values?: FormValues; errors?: FieldError[] } = {}) => {
    const [{ services: choices }, target] = await Promise.all([settings.choices(org), options.id ? settings.slaTarget(org, options.id) : undefined]);
    return <SlaTargetFormPage org={org} services={choices} target={target} values={options.values} errors={options.errors} />;
  };
  const target = (org: Organisation, id: string) => settings.slaTarget(org, id);

  app.get('/:lang/admin/contact-center/:org/sla/new', { schema: { ...hide, params: OrgParams } }, async (request, reply) => {
    const { org } = await orgOf(request);
    return renderPage(request, reply, await targetPage(org));
  });

  settingsForm('/:lang/admin/contact-center/:org/sla', SlaForm, {
    page: (org, errors, { values }) => targetPage(org, { values, errors }),
    save: async ({ actor, org, body, request }) => {
      await settings.createSlaTarget(actor, org, slaInput(body), request.id);
      return 'targetAdded';
    },
  });

  app.get('/:lang/admin/contact-center/:org/sla/:id', { schema: { ...hide, params: OrgIdParams } }, async (request, reply) => {
    const { org } = await orgOf(request);
    return renderPage(request, reply, await targetPage(org, { id: request.params.id }));
  });

  settingsForm('/:lang/admin/contact-center/:org/sla/:id', SlaForm, {
    record: target,
    page: (org, errors, { id, values }) => targetPage(org, { id, values, errors }),
    save: async ({ actor, org, id, body, request }) => {
      await settings.updateSlaTarget(actor, org, id, versionOf(body.version), slaInput(body), request.id);
      return 'targetSaved';
    },
  });

  settingsForm('/:lang/admin/contact-center/:org/sla/:id/delete', VersionForm, {
    record: target,
    page: (org, errors, { id }) => targetPage(org, { id, errors }),
    save: async ({ actor, org, id, body, request }) => {
      await settings.deleteSlaTarget(actor, org, id, body.version, request.id);
      return 'targetDeleted';
    },
  });

  // ---- business calendar

  app.get('/:lang/admin/contact-center/:org/calendar', { schema: { ...hide, params: OrgParams } }, async (request, reply) => {
    const { org } = await orgOf(request);
    return renderPage(request, reply, <CalendarPage org={org} calendar={await settings.calendar(org)} />);
  });

  app.post(
    '/:lang/admin/contact-center/:org/calendar',
    { schema: { ...hide, params: OrgParams, body: CalendarForm }, attachValidation: true },
    async (request, reply) => {
      const { actor, org } = await orgOf(request);
      const body = request.body;
      const values = formValues(request);
      const page = async (errors: Parameters<typeof CalendarPage>[0]['errors']) => (
        <CalendarPage org={org} calendar={await settings.calendar(org)} values={values} errors={errors} />
      );
      if (!request.validationError && body.intent === 'preview') {
        // The preview of what was typed, not saved: the same form again with the open periods it gives.
        try {
          const draftPreview = settings.previewCalendar({ openingHours: body.openingHours.trim(), holidayCalendar: body.holidayCalendar });
          return renderPage(request, reply, <CalendarPage org={org} calendar={await settings.calendar(org)} values={values} draftPreview={draftPreview} />);
        } catch (error) {
          if (!(error instanceof AppError) || error.status >= 500) throw error;
          return renderPage(request, reply, await page(error.options.fields ?? []), error.status);
        }
      }
      return handleForm(request, reply, page, async () => {
        const version = typeof body.version === 'number' ? body.version : null;
        await settings.saveCalendar(actor, org, version, { openingHours: body.openingHours, holidayCalendar: body.holidayCalendar }, request.id);
        return overview(request, org, 'calendarSaved');
      });
    },
  );

  settingsForm('/:lang/admin/contact-center/:org/calendar/reset', VersionForm, {
    page: async (org, errors) => <CalendarPage org={org} calendar={await settings.calendar(org)} errors={errors} />,
    save: async ({ actor, org, body, request }) => {
      await settings.resetCalendar(actor, org, body.version, request.id);
      return 'calendarReset';
    },
  });

  // ---- the automatic reply outside business hours (per mailbox and for the web form)

  const outOfHoursPage = async (org: Organisation, options: { values?: FormValues; errors?: FieldError[] } = {}) => {
    const [mailboxes, outOfHours] = await Promise.all([settings.mailboxes(org), settings.outOfHours(org)]);
    return <OutOfHoursPage org={org} mailboxes={mailboxes} outOfHours={outOfHours} values={options.values} errors={options.errors} />;
  };

  app.get('/:lang/admin/contact-center/:org/out-of-hours', { schema: { ...hide, params: OrgParams } }, async (request, reply) => {
    const { org } = await orgOf(request);
    return renderPage(request, reply, await outOfHoursPage(org));
  });

  settingsForm('/:lang/admin/contact-center/:org/out-of-hours', OutOfHoursForm, {
    page: (org, errors, { values }) => outOfHoursPage(org, { values, errors }),
    save: async ({ actor, org, body, request }) => {
      const channels = body.channels ?? [];
      await settings.saveOutOfHours(
        actor,
        org,
        typeof body.version === 'number' ? body.version : null,
        {
          webForm: channels.includes(WEB_FORM),
          mailboxIds: channels.filter((channel) => channel !== WEB_FORM),
          customText: { fr: body.textFr ?? '', nl: body.textNl ?? '', en: body.textEn ?? '' },
        },
        request.id,
      );
      return 'outOfHoursSaved';
    },
  });

  // ---- the console settings of managers (/{lang}/console/settings): units in the round-robin, reply templates.
  // Console users only: the console's gate covers /{lang}/console/… (contactcenter/console/routes.tsx); the
  // service lets only the organisation's managers in.
  const consoleActor = requireActorPage;
  const consoleNotice = (value: string | undefined) => (value && CONSOLE_NOTICES.has(value) ? value : undefined);

  const settingsPage = async (request: FastifyRequest, extra: { errors?: FieldError[]; values?: Record<string, string>; notice?: string } = {}) => {
    const actor = consoleActor(request);
    const [units, templates] = await Promise.all([settings.unitSettings(actor), settings.organisationTemplates(actor)]);
    return <ConsoleSettingsPage units={units} templates={templates} {...extra} />;
  };

  app.get(
    '/:lang/console/settings',
    { schema: { hide: true, params: LangParams, querystring: Type.Object({ notice: Type.Optional(Text({ maxLength: 30 })) }) } },
    async (request, reply) => {
      return renderPage(request, reply, await settingsPage(request, { notice: consoleNotice(request.query.notice) }));
    },
  );

  app.post('/:lang/console/settings/units', { schema: { hide: true, params: LangParams, body: UnitsForm }, attachValidation: true }, async (request, reply) => {
    const actor = consoleActor(request);
    const form = request.body ?? {};
    return handleForm(
      request,
      reply,
      (errors) => settingsPage(request, { errors }),
      async () => {
        await settings.saveUnitSettings(actor, form.autoAssign ?? [], request.id);
        return `/${request.params.lang}/console/settings?notice=saved`;
      },
    );
  });

  app.post(
    '/:lang/console/settings/templates',
    { schema: { hide: true, params: LangParams, body: TemplateForm }, attachValidation: true },
    async (request, reply) => {
      const actor = consoleActor(request);
      const form = request.body ?? {};
      return handleForm(
        request,
        reply,
        (errors) => settingsPage(request, { errors, values: form }),
        async () => {
          await settings.addTemplate(actor, form);
          return `/${request.params.lang}/console/settings?notice=templateAdded`;
        },
      );
    },
  );

  app.post('/:lang/console/settings/templates/:id/delete', { schema: { hide: true, params: LangIdParams } }, async (request, reply) => {
    const actor = consoleActor(request);
    await settings.deleteTemplate(actor, request.params.id);
    return reply.redirect(`/${request.params.lang}/console/settings?notice=templateDeleted`, 303);
  });
}
