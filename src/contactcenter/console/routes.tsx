// HTTP of the agent console: pages under /{lang}/console, form posts (POST-redirect-GET, errors re-render the
// page), the Server-Sent Events stream /api/v1/console/events (its CSS and script go through the asset pipeline).
import { Type, type Static, type TSchema } from 'typebox';
import type { FastifyRequest } from 'fastify';
import type { App } from '../../platform/http/types.ts';
import type { Services } from '../../services.ts';
import { errorResponses, LangParams, BoundedInteger, Text } from '../../platform/http/schemas.ts';
import { handleForm } from '../../platform/http/forms.ts';
import { renderPage } from '../../platform/views/render.tsx';
import { gateRoutes, requireActorPage } from '../../identity/guards.ts';
import { requestAttachmentRoutes } from './attachments/routes.ts';
import { multipartRoutes, uploadsOf } from '../../platform/files/multipart.ts';
import { AppError, type FieldError } from '../../platform/http/errors.ts';
import { LANGUAGES, type Language } from '../../platform/i18n/languages.ts';
import { PANEL_RESULTS } from '../../knowledge/service.ts';
import { CONTACT_CHANNELS, CONTACT_OUTCOMES, REQUEST_STATUSES, SLA_STATES } from '../model.ts';
import { canUseConsole } from './authorisation.ts';
import { InboxPage } from './pages/inbox.tsx';
import { RequestPage } from './pages/request.tsx';
import { TaskPage, TasksPage } from './pages/tasks.tsx';
import { ContactPage, type ContactFormValues } from './pages/contact.tsx';
import type { InboxFilters } from './service.ts';
import { localPath } from '../../platform/http/local-path.ts';
import { consoleSearchRoutes } from './search/routes.tsx';
import { consoleMacroRoutes } from './macros/routes.tsx';
import { parseBulkAction } from './bulk/service.ts';
import { PRESENCE_STATES } from './presence/service.ts';
import { insertTemplate } from './templates.ts';

const SERVICE_CODE = '^([a-z0-9]+(-[a-z0-9]+)*)?$';
const Id = Text({ maxLength: 64 });
const LangId = Type.Object({ lang: LangParams.properties.lang, id: Id });
const Version = BoundedInteger({ minimum: 1 });

const InboxQuery = Type.Object({
  view: Type.Optional(Type.Enum(['organisation', 'units', 'mine', 'unassigned'])),
  status: Type.Optional(Type.Enum(['active', 'all', ...REQUEST_STATUSES])),
  channel: Type.Optional(Type.Enum(['', ...CONTACT_CHANNELS])),
  // A catalogue code; one that no service has gets the page's own message (service-filter/service.ts).
  service: Type.Optional(Text({ maxLength: 100 })),
  sla: Type.Optional(Type.Enum(['', ...SLA_STATES])),
  cursor: Type.Optional(Text({ maxLength: 200 })),
  notice: Type.Optional(Text({ maxLength: 30 })),
  changed: Type.Optional(Type.String({ maxLength: 3, pattern: '^[0-9]*$' })),
  skipped: Type.Optional(Type.String({ maxLength: 3, pattern: '^[0-9]*$' })),
});
const RequestQuery = Type.Object({
  template: Type.Optional(Text({ maxLength: 100 })),
  kq: Type.Optional(Text({ maxLength: 500 })),
  kservice: Type.Optional(Text({ maxLength: 100 })),
  notice: Type.Optional(Text({ maxLength: 30 })),
});
const ClaimForm = Type.Object({ version: Version, returnTo: Type.Optional(Text({ maxLength: 500 })) });
const AssignForm = Type.Object({ version: Version, assigneeId: Type.Optional(Text({ maxLength: 64 })) });
const StatusForm = Type.Object({ version: Version, status: Type.Enum(['open', 'waiting_user', 'waiting_second_line']) });
const ReplyForm = Type.Object({ body: Text({ minLength: 1, maxLength: 20000 }), macro: Type.Optional(Text({ maxLength: 100 })) });
// "Insert" of a template without JavaScript: the reply form posted to /compose with the text typed so far.
const ComposeForm = Type.Object({ body: Type.Optional(Text({ maxLength: 20000 })), template: Text({ minLength: 1, maxLength: 100 }) });
const SubjectForm = Type.Object({ version: Version, subject: Text({ minLength: 1, maxLength: 300 }) });
const PresenceBody = Type.Object({ state: Type.Enum(PRESENCE_STATES) });
const NoteForm = Type.Object({ note: Text({ minLength: 1, maxLength: 20000 }) });
const CloseForm = Type.Object({ version: Version, outcome: Type.Enum(CONTACT_OUTCOMES), message: Type.Optional(Text({ maxLength: 5000 })) });
const TaskForm = Type.Object({
  kind: Type.Enum(['question', 'callback']),
  toOrganisation: Text({ minLength: 1, maxLength: 100 }),
  toUnit: Type.Optional(Text({ maxLength: 64 })),
  toAccount: Type.Optional(Type.Union([Type.Literal(''), Type.String({ format: 'email', maxLength: 254 })])),
  question: Text({ minLength: 1, maxLength: 10000 }),
  callbackPreferences: Type.Optional(Text({ maxLength: 500 })),
  includeNotes: Type.Optional(Type.Literal('true')),
});
const TasksQuery = Type.Object({
  scope: Type.Optional(Type.Enum(['mine', 'all'])),
  status: Type.Optional(Type.Enum(['open', 'answered', 'all'])),
});
const AnswerForm = Type.Object({ version: Version, answer: Text({ minLength: 1, maxLength: 10000 }) });
const ContactQuery = Type.Object({
  qname: Type.Optional(Text({ maxLength: 200 })),
  qemail: Type.Optional(Text({ maxLength: 254 })),
  qphone: Type.Optional(Text({ maxLength: 40 })),
  notice: Type.Optional(Text({ maxLength: 30 })),
});
// Brussels wall-clock "YYYY-MM-DD HH:MM" or "HH:MM" (today); empty = now.
const TIME = '^((\\d{4}-\\d{2}-\\d{2}[ T])?\\d{2}:\\d{2})?$';
const DATE = '^(\\d{4}-\\d{2}-\\d{2})?$';
const CLOCK = '^(\\d{2}:\\d{2})?$';

/** A date field and a time field as one "YYYY-MM-DD HH:MM" / "HH:MM" text (a date alone: that day at 00:00). */
export function joinDateTime(date: string | undefined, time: string | undefined): string | undefined {
  const d = date?.trim();
  const t = time?.trim();
  if (!d && !t) return undefined;
  return d ? `${d} ${t || '00:00'}` : t;
}
const ContactForm = Type.Object({
  partyId: Type.Optional(Text({ maxLength: 64 })),
  name: Type.Optional(Text({ maxLength: 200 })),
  email: Type.Optional(Type.Union([Type.Literal(''), Type.String({ format: 'email', maxLength: 254 })])),
  phone: Type.Optional(Type.String({ maxLength: 40, pattern: '^[+0-9 ()./-]*$' })),
  channel: Type.Enum(['phone', 'counter']),
  serviceCode: Type.Optional(Type.String({ maxLength: 100, pattern: SERVICE_CODE })),
  language: Type.Enum(LANGUAGES),
  startedAt: Type.Optional(Type.String({ maxLength: 16, pattern: TIME })),
  endedAt: Type.Optional(Type.String({ maxLength: 16, pattern: TIME })),
  // The form's shared date field and time field (issue 14); startedAt/endedAt stay for callers that send one text.
  startedDate: Type.Optional(Type.String({ maxLength: 10, pattern: DATE })),
  startedTime: Type.Optional(Type.String({ maxLength: 5, pattern: CLOCK })),
  endedDate: Type.Optional(Type.String({ maxLength: 10, pattern: DATE })),
  endedTime: Type.Optional(Type.String({ maxLength: 5, pattern: CLOCK })),
  outcome: Type.Enum(CONTACT_OUTCOMES),
  openRequest: Type.Optional(Type.Literal('true')),
  subject: Type.Optional(Text({ maxLength: 300 })),
  body: Type.Optional(Text({ maxLength: 20000 })),
});

const BulkForm = Type.Object({
  ids: Type.Optional(Type.Union([Text({ maxLength: 64 }), Type.Array(Text({ maxLength: 64 }), { maxItems: 100 })])),
  action: Text({ maxLength: 100 }),
  tag: Type.Optional(Text({ maxLength: 40 })),
  returnTo: Type.Optional(Text({ maxLength: 500 })),
});
const ViewForm = Type.Object({
  viewName: Text({ minLength: 1, maxLength: 80 }),
  shareWith: Type.Optional(Text({ maxLength: 64 })),
  returnTo: Type.Optional(Text({ maxLength: 500 })),
});
const MergeForm = Type.Object({ into: Text({ minLength: 1, maxLength: 40 }) });
const UnmergeForm = Type.Object({ reference: Text({ minLength: 1, maxLength: 40 }) });
const SplitForm = Type.Object({ messageId: Text({ minLength: 1, maxLength: 64 }), subject: Text({ minLength: 1, maxLength: 300 }) });
const PartyMergeForm = Type.Object({ partyId: Text({ minLength: 1, maxLength: 64 }), into: Text({ minLength: 1, maxLength: 64 }) });

const NOTICES = new Set([
  'claimed',
  'assigned',
  'status',
  'replied',
  'noted',
  'taskSent',
  'closed',
  'answered',
  'recorded',
  'requestOpened',
  'merged',
  'unmerged',
  'split',
  'partiesMerged',
  'bulk',
  'viewSaved',
  'viewDeleted',
  'subject',
]);
const notice = (value: string | undefined) => (value && NOTICES.has(value) ? value : undefined);

/** "YYYY-MM-DD HH:MM" or "HH:MM" (today) in Brussels time → Date; empty → fallback. */
export function parseBrusselsTime(value: string | undefined, fallback: Date, now = new Date()): Date {
  if (!value?.trim()) return fallback;
  const match = /^(?:(\d{4})-(\d{2})-(\d{2})[ T])?(\d{2}):(\d{2})$/.exec(value.trim());
  if (!match) throw new AppError(400, 'validation.failed', { fields: [{ field: 'startedAt', code: 'validation.pattern' }] });
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  const [y, m, d] = match[1] ? [match[1], match[2], match[3]] : today.split('-');
  const hour = Number(match[4]);
  const minute = Number(match[5]);
  if (hour > 23 || minute > 59) throw new AppError(400, 'validation.failed', { fields: [{ field: 'startedAt', code: 'validation.pattern' }] });
  // Brussels offset at that moment: try +1 h and +2 h, keep the one that reads back as the same wall clock.
  for (const offset of [1, 2]) {
    const candidate = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d), hour - offset, minute));
    const back = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Brussels', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(candidate);
    if (back === `${match[4]}:${match[5]}`) return candidate;
  }
  return new Date(Date.UTC(Number(y), Number(m) - 1, Number(d), hour - 1, minute));
}

export function contactConsoleRoutes(app: App, services: Services) {
  const { contactConsole: cc, knowledge } = services;

  // Console users only, on every screen and stream of the console (its settings included).
  gateRoutes(app, ['/:lang/console', '/api/v1/console'], canUseConsole);
  requestAttachmentRoutes(app, services);
  const consoleActor = requireActorPage;
  consoleSearchRoutes(app, services);
  consoleMacroRoutes(app, services);

  app.get(
    '/api/v1/console/events',
    {
      schema: {
        tags: ['contact center'],
        summary: 'Server-Sent Events of the agent console: changes to the requests of the organisation, the units and the agent',
        security: [{ session: [] }],
        querystring: Type.Object({
          lastEventId: Type.Optional(Text({ maxLength: 30 })),
          request: Type.Optional(Type.String({ format: 'uuid', description: 'Also who is viewing or replying to this request (request.presence)' })),
        }),
        response: {
          200: {
            description: 'text/event-stream of request.*, task.* and notification.* events (ids and references only)',
            content: { 'text/event-stream': { schema: Type.String() } },
          },
          ...errorResponses(401, 403),
        },
      },
    },
    async (request, reply) => {
      const actor = requireActorPage(request);
      const presence = request.query.request ? [await services.requestPresence.channelOf(actor, request.query.request)] : [];
      await services.realtime.streamEvents(request, reply, [...cc.liveChannels(actor), ...presence]);
      return reply;
    },
  );

  // Unread counts of the console's links (issue 17 item 2), read again by live.js after each event.
  app.get(
    '/api/v1/console/unread',
    {
      schema: {
        tags: ['contact center'],
        summary: 'What waits unread for the signed-in agent: requests, tasks, notifications, work instructions and news',
        security: [{ session: [] }],
        response: {
          200: Type.Object({ requests: Type.Integer(), tasks: Type.Integer(), notifications: Type.Integer(), announcements: Type.Integer() }),
          ...errorResponses(401, 403),
        },
      },
    },
    async (request) => services.consoleUnread.counts(requireActorPage(request)),
  );

  // "X is viewing / replying": an open request page says what its agent does there (presence/service.ts).
  app.post(
    '/api/v1/console/requests/:id/presence',
    {
      schema: {
        tags: ['contact center'],
        summary: 'Tells the other agents on this request that the signed-in agent is viewing it, replying, or has left',
        security: [{ session: [] }],
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        body: PresenceBody,
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404, 415) },
      },
    },
    async (request, reply) => {
      await services.requestPresence.announce(requireActorPage(request), request.params.id, request.body.state);
      return reply.code(204).send(null);
    },
  );

  // ---- inbox
  const inboxFilters = (q: Static<typeof InboxQuery>): InboxFilters => ({
    view: q.view ?? 'organisation',
    status: q.status ?? 'active',
    channel: q.channel || null,
    serviceCode: q.service || null,
    slaState: q.sla || null,
    cursor: q.cursor || null,
  });

  app.get('/:lang/console', { schema: { hide: true, params: LangParams, querystring: InboxQuery } }, async (request, reply) => {
    const actor = consoleActor(request);
    const [page, colleagues, views, units, counts, serviceChoices] = await Promise.all([
      cc.inbox(actor, inboxFilters(request.query)),
      cc.colleagues(actor),
      services.savedViews.list(actor),
      cc.units(actor),
      services.consoleUnread.counts(actor),
      services.consoleServiceFilter.choices(request.lang),
    ]);
    const filterErrors = services.consoleServiceFilter.errorsOf(page.filters.serviceCode, serviceChoices);
    const bulk = request.query.notice === 'bulk' ? { changed: Number(request.query.changed ?? 0), skipped: Number(request.query.skipped ?? 0) } : undefined;
    const myUnits = units.filter((u) => actor.unitIds.includes(u.id));
    const unread = await services.consoleUnread.unreadAmong(
      actor,
      page.rows.map((row) => row.id),
    );
    return renderPage(
      request,
      reply,
      <InboxPage
        page={page}
        colleagues={colleagues}
        views={{ list: views, units: myUnits }}
        bulk={bulk}
        counts={counts}
        unread={unread}
        serviceChoices={serviceChoices}
        errors={filterErrors.length ? filterErrors : undefined}
        notice={notice(request.query.notice)}
      />,
      filterErrors.length ? 400 : 200,
    );
  });

  // Saved views: the inbox's current filters under a name, for oneself or one of one's units.
  app.post('/:lang/console/views', { schema: { hide: true, params: LangParams, body: ViewForm }, attachValidation: true }, async (request, reply) => {
    const actor = consoleActor(request);
    const body = request.body ?? {};
    return handleForm(
      request,
      reply,
      async (errors) => {
        const [page, colleagues] = await Promise.all([cc.inbox(actor, inboxFilters({})), cc.colleagues(actor)]);
        return <InboxPage page={page} colleagues={colleagues} errors={errors} />;
      },
      async () => {
        const back = localPath(body.returnTo) ?? '';
        await services.savedViews.save(actor, { name: body.viewName ?? '', unitId: body.shareWith || null, query: back.split('?')[1] ?? '' }, request.id);
        const target = back.startsWith(`/${request.params.lang}/console`) ? back : `/${request.params.lang}/console`;
        return `${target}${target.includes('?') ? '&' : '?'}notice=viewSaved`;
      },
    );
  });
  app.post(
    '/:lang/console/views/:id/delete',
    { schema: { hide: true, params: LangId, body: Type.Object({ returnTo: Type.Optional(Text({ maxLength: 500 })) }) } },
    async (request, reply) => {
      await services.savedViews.remove(consoleActor(request), request.params.id, request.id);
      return reply.redirect(`/${request.params.lang}/console?notice=viewDeleted`, 303);
    },
  );

  // Bulk actions on the inbox's selection (checkboxes of the rows, form="cc-bulk"): POST-redirect-GET back.
  app.post('/:lang/console/bulk', { schema: { hide: true, params: LangParams, body: BulkForm }, attachValidation: true }, async (request, reply) => {
    const actor = consoleActor(request);
    const body = request.body ?? {};
    return handleForm(
      request,
      reply,
      async (errors) => {
        const [page, colleagues] = await Promise.all([cc.inbox(actor, inboxFilters({})), cc.colleagues(actor)]);
        return <InboxPage page={page} colleagues={colleagues} errors={errors} />;
      },
      async () => {
        const ids = body.ids === undefined ? [] : Array.isArray(body.ids) ? body.ids : [body.ids];
        const result = await services.consoleBulk.apply(actor, ids, parseBulkAction(body.action, body.tag), request.id);
        const back = localPath(body.returnTo);
        const target = back?.startsWith(`/${request.params.lang}/console`) ? back : `/${request.params.lang}/console`;
        return `${target}${target.includes('?') ? '&' : '?'}notice=bulk&changed=${result.changed}&skipped=${result.skipped}`;
      },
    );
  });

  // ---- request view
  type RequestPageOptions = {
    form?: string;
    errors?: FieldError[];
    values?: Record<string, string | string[] | undefined>;
    query?: Static<typeof RequestQuery>;
    /** The reply typed so far with a template inserted (the no-JavaScript "Insert"), and the macro chosen. */
    composed?: { body: string; macro: string | undefined };
  };
  const requestPage = async (request: FastifyRequest, options: RequestPageOptions = {}) => {
    const actor = consoleActor(request);
    const params = request.params as { lang: Language; id: string };
    const data = await cc.getRequest(actor, params.id, request.id);
    const q = options.query ?? {};
    const kq = q.kq ?? '';
    const [templates, routing, found, merge, counts, list] = await Promise.all([
      cc.templatesFor(actor, data.request),
      cc.routingChoices(),
      knowledge.search(actor, { q: kq, lang: params.lang, service: q.kservice || undefined, limit: PANEL_RESULTS }),
      services.requestMerge.stateOf(data.request),
      services.consoleUnread.counts(actor),
      // The split view's list (wide screens): the agent's default inbox, as on the inbox page.
      cc.inbox(actor, inboxFilters({})),
    ]);
    return (
      <RequestPage
        data={data}
        templates={templates}
        chosenTemplate={q.template}
        routing={routing}
        knowledge={{ q: kq, results: found.results }}
        merge={merge}
        uploads={services.uploads.enabled ? services.uploads.limits : null}
        counts={counts}
        list={list.rows}
        composed={options.composed}
        notice={notice(q.notice)}
        form={options.form}
        errors={options.errors}
        values={options.values}
      />
    );
  };

  app.get('/:lang/console/requests/:id', { schema: { hide: true, params: LangId, querystring: RequestQuery } }, async (request, reply) => {
    return renderPage(request, reply, await requestPage(request, { query: request.query }));
  });

  type Posted = FastifyRequest & { params: { lang: Language; id: string } };
  const base = (request: Posted) => `/${request.params.lang}/console/requests/${request.params.id}`;
  const requestForm = <B,>(path: string, body: TSchema, form: string, act: (request: Posted, body: B) => Promise<string>) =>
    app.post(`/:lang/console/requests/:id/${path}`, { schema: { hide: true, params: LangId, body }, attachValidation: true }, async (request, reply) => {
      return handleForm(
        request,
        reply,
        (errors) => requestPage(request, { form, errors, values: (request.body ?? {}) as Record<string, string> }),
        () => act(request, request.body as B),
      );
    });

  requestForm<Static<typeof ClaimForm>>('claim', ClaimForm, 'actions', async (request, body) => {
    await cc.claim(requireActorPage(request), request.params.id, body.version, request.id);
    const back = localPath(body.returnTo);
    if (back?.startsWith(`/${request.params.lang}/console`)) {
      return `${back}${back.includes('?') ? '&' : '?'}notice=claimed`;
    }
    return `${base(request)}?notice=claimed`;
  });
  requestForm<Static<typeof AssignForm>>('assign', AssignForm, 'actions', async (request, body) => {
    await cc.assign(requireActorPage(request), request.params.id, body.version, body.assigneeId || null, request.id);
    return `${base(request)}?notice=assigned`;
  });
  requestForm<Static<typeof StatusForm>>('status', StatusForm, 'actions', async (request, body) => {
    await cc.setStatus(requireActorPage(request), request.params.id, body.version, body.status, request.id);
    return `${base(request)}?notice=status`;
  });
  // The reply takes files (multipart, field `attachments`): checked and scanned before anything is sent or stored.
  multipartRoutes(app, (scope) =>
    scope.post(
      '/:lang/console/requests/:id/reply',
      { schema: { hide: true, params: LangId, body: ReplyForm }, attachValidation: true },
      async (request, reply) => {
        const form = (errors: FieldError[]) => requestPage(request, { form: 'reply', errors, values: { body: request.body?.body } });
        try {
          return await handleForm(request, reply, form, async () => {
            const attachments = await services.uploads.accept(uploadsOf(request));
            await cc.reply(requireActorPage(request), request.params.id, request.body.body, request.id, attachments, request.body.macro || undefined);
            return `${base(request)}?notice=replied`;
          });
        } catch (error) {
          // The scanner away: the page again with the text typed, nothing sent.
          if (!(error instanceof AppError) || error.code !== 'files.scanner_unavailable') throw error;
          return renderPage(request, reply, await form([{ field: 'attachments', code: 'errors.files.scanner_unavailable' }]), 503);
        }
      },
    ),
  );
  // A template inserted without JavaScript: the page again, the typed text kept and the template added at its end
  // (with JavaScript, live.js inserts it at the cursor and nothing is posted). Nothing is sent or stored.
  // Multipart like the reply form it belongs to; files chosen are not kept (the browser cannot be given them back).
  multipartRoutes(app, (scope) =>
    scope.post(
      '/:lang/console/requests/:id/compose',
      { schema: { hide: true, params: LangId, body: ComposeForm }, attachValidation: true },
      async (request, reply) => {
        const actor = requireActorPage(request);
        const record = await cc.getRequest(actor, request.params.id, request.id);
        const template = (await cc.templatesFor(actor, record.request)).find((tpl) => tpl.id === request.body?.template);
        const typed = request.body?.body ?? '';
        const composed = { body: template ? insertTemplate(typed, typed.length, template.body).text : typed, macro: template?.id };
        return renderPage(request, reply, await requestPage(request, { composed }));
      },
    ),
  );
  requestForm<Static<typeof SubjectForm>>('subject', SubjectForm, 'actions', async (request, body) => {
    await cc.setSubject(requireActorPage(request), request.params.id, body.version, body.subject, request.id);
    return `${base(request)}?notice=subject`;
  });
  requestForm<Static<typeof NoteForm>>('notes', NoteForm, 'note', async (request, body) => {
    await cc.note(requireActorPage(request), request.params.id, body.note, request.id);
    return `${base(request)}?notice=noted`;
  });
  requestForm<Static<typeof TaskForm>>('tasks', TaskForm, 'task', async (request, body) => {
    await cc.createTask(
      requireActorPage(request),
      request.params.id,
      {
        kind: body.kind,
        toOrganisationCode: body.toOrganisation,
        toUnitId: body.toUnit || null,
        toAccountEmail: body.toAccount || null,
        question: body.question,
        callbackPreferences: body.callbackPreferences || null,
        includeNotes: body.includeNotes === 'true',
      },
      request.id,
    );
    return `${base(request)}?notice=taskSent`;
  });
  requestForm<Static<typeof CloseForm>>('close', CloseForm, 'close', async (request, body) => {
    await cc.close(requireActorPage(request), request.params.id, body.version, body.outcome, body.message || null, request.id);
    return `${base(request)}?notice=closed`;
  });

  // ---- merge and split (decision 0047); the JSON API is in search/routes.tsx
  requestForm<Static<typeof MergeForm>>('merge', MergeForm, 'merge', async (request, body) => {
    const actor = requireActorPage(request);
    const record = await cc.getRequest(actor, request.params.id, request.id);
    await services.requestMerge.merge(actor, record.request.reference, body.into, request.id);
    return `${base(request)}?notice=merged`;
  });
  requestForm<Static<typeof UnmergeForm>>('unmerge', UnmergeForm, 'merge', async (request, body) => {
    await cc.getRequest(requireActorPage(request), request.params.id, request.id);
    await services.requestMerge.unmerge(requireActorPage(request), body.reference, request.id);
    return `${base(request)}?notice=unmerged`;
  });
  requestForm<Static<typeof SplitForm>>('split', SplitForm, 'split', async (request, body) => {
    const created = await services.requestMerge.split(requireActorPage(request), request.params.id, body.messageId, body.subject, request.id);
    return `/${request.params.lang}/console/requests/${created.id}?notice=split`;
  });

  // ---- tasks
  app.get('/:lang/console/tasks', { schema: { hide: true, params: LangParams, querystring: TasksQuery } }, async (request, reply) => {
    const actor = consoleActor(request);
    const mineOnly = request.query.scope !== 'all';
    const status = request.query.status ?? 'open';
    const [tasks, counts] = await Promise.all([cc.tasks(actor, { mineOnly, status }), services.consoleUnread.counts(actor)]);
    const unread = await services.consoleUnread.unreadAmong(
      actor,
      tasks.filter((task) => task.status === 'open').map((task) => task.id),
    );
    return renderPage(request, reply, <TasksPage tasks={tasks} mineOnly={mineOnly} status={status} counts={counts} unread={unread} />);
  });

  app.get(
    '/:lang/console/tasks/:id',
    { schema: { hide: true, params: LangId, querystring: Type.Object({ notice: Type.Optional(Text({ maxLength: 30 })) }) } },
    async (request, reply) => {
      const actor = consoleActor(request);
      const task = await cc.getTask(actor, request.params.id, request.id);
      return renderPage(request, reply, <TaskPage task={task} notice={notice(request.query.notice)} />);
    },
  );

  app.post('/:lang/console/tasks/:id/answer', { schema: { hide: true, params: LangId, body: AnswerForm }, attachValidation: true }, async (request, reply) => {
    const actor = consoleActor(request);
    const body = request.body;
    return handleForm(
      request,
      reply,
      async (errors) => <TaskPage task={await cc.getTask(actor, request.params.id, request.id)} errors={errors} values={{ answer: body?.answer }} />,
      async () => {
        await cc.answerTask(actor, request.params.id, body.version, body.answer, request.id);
        return `/${request.params.lang}/console/tasks/${request.params.id}?notice=answered`;
      },
    );
  });

  // ---- phone and counter
  app.get('/:lang/console/contacts/new', { schema: { hide: true, params: LangParams, querystring: ContactQuery } }, async (request, reply) => {
    const actor = consoleActor(request);
    const search = { name: request.query.qname ?? '', email: request.query.qemail ?? '', phone: request.query.qphone ?? '' };
    const searched = !!(search.name.trim() || search.email.trim() || search.phone.trim());
    const [parties, serviceChoices] = await Promise.all([
      searched ? cc.searchParties(actor, search) : null,
      services.consoleServiceFilter.choices(request.lang),
    ]);
    return renderPage(
      request,
      reply,
      <ContactPage parties={parties} search={search} values={{}} notice={notice(request.query.notice)} serviceChoices={serviceChoices} />,
    );
  });

  app.post(
    '/:lang/console/contacts/merge',
    { schema: { hide: true, params: LangParams, body: PartyMergeForm }, attachValidation: true },
    async (request, reply) => {
      const actor = consoleActor(request);
      const search = { name: '', email: '', phone: '' };
      return handleForm(
        request,
        reply,
        async (errors) => (
          <ContactPage parties={null} search={search} values={{}} errors={errors} serviceChoices={await services.consoleServiceFilter.choices(request.lang)} />
        ),
        async () => {
          await services.requestMerge.mergeParties(actor, request.body.partyId, request.body.into, request.id);
          return `/${request.params.lang}/console/contacts/new?notice=partiesMerged`;
        },
      );
    },
  );

  app.post('/:lang/console/contacts', { schema: { hide: true, params: LangParams, body: ContactForm }, attachValidation: true }, async (request, reply) => {
    const actor = consoleActor(request);
    const form = request.body ?? {};
    const values: ContactFormValues = form;
    const parties = form.partyId ? await cc.searchParties(actor, { name: form.name ?? null, email: form.email ?? null, phone: form.phone ?? null }) : null;
    const serviceChoices = await services.consoleServiceFilter.choices(request.lang);
    return handleForm(
      request,
      reply,
      (errors) => <ContactPage parties={parties} search={{ name: '', email: '', phone: '' }} values={values} errors={errors} serviceChoices={serviceChoices} />,
      async () => {
        const unknownService = services.consoleServiceFilter.errorsOf(form.serviceCode, serviceChoices, 'serviceCode');
        if (unknownService.length) throw new AppError(400, 'validation.failed', { fields: unknownService });
        const now = new Date();
        const split = form.startedAt === undefined && form.endedAt === undefined;
        const startedText = form.startedAt ?? joinDateTime(form.startedDate, form.startedTime);
        const endedText = form.endedAt ?? joinDateTime(form.endedDate, form.endedTime);
        let startedAt: Date;
        try {
          startedAt = parseBrusselsTime(startedText, now, now);
        } catch {
          throw new AppError(400, 'validation.failed', { fields: [{ field: split ? 'startedTime' : 'startedAt', code: 'validation.pattern' }] });
        }
        let endedAt: Date;
        try {
          endedAt = parseBrusselsTime(endedText, now, now);
        } catch {
          throw new AppError(400, 'validation.failed', { fields: [{ field: split ? 'endedTime' : 'endedAt', code: 'validation.pattern' }] });
        }
        if (split && endedText && endedAt < startedAt) {
          throw new AppError(400, 'validation.failed', { fields: [{ field: 'endedTime', code: 'console.endBeforeStart' }] });
        }
        const open = form.openRequest === 'true';
        if (open) {
          const fields: FieldError[] = [];
          if (!form.subject?.trim()) fields.push({ field: 'subject', code: 'validation.required' });
          if (!form.body?.trim()) fields.push({ field: 'body', code: 'validation.required' });
          if (fields.length) throw new AppError(400, 'validation.failed', { fields });
        }
        const result = await cc.recordConsoleContact(
          actor,
          {
            partyId: form.partyId || null,
            newParty: form.partyId ? null : { name: form.name ?? '', email: form.email || null, phone: form.phone || null },
            channel: form.channel,
            serviceCode: form.serviceCode || null,
            language: form.language,
            startedAt,
            endedAt: endedText?.trim() ? endedAt : startedAt > now ? startedAt : now,
            outcome: form.outcome,
            openRequest: open ? { subject: form.subject!, body: form.body! } : null,
          },
          request.id,
        );
        return result.requestId
          ? `/${request.params.lang}/console/requests/${result.requestId}?notice=requestOpened`
          : `/${request.params.lang}/console/contacts/new?notice=recorded`;
      },
    );
  });
}
