// The screens of the agent console: inboxes, the request view, the task inbox and a task, recording a phone
// or counter contact, and the settings of managers. Server-rendered, working without JavaScript; live.js
// (served by routes.tsx) refreshes the marked regions on realtime events and announces it in a live region.
import type { ComponentChildren } from 'preact';
import { Layout } from '../../platform/views/Layout.tsx';
import { usePage } from '../../platform/views/context.ts';
import { Alert, CheckboxGroup, CsrfField, ErrorSummary, Form, Heading1, Link, Paragraph, SelectField, SubmitButton, Text, TextArea, TextField } from '../../platform/views/components.tsx';
import { formatDateTime } from '../../platform/i18n/format.ts';
import { LANGUAGES, LANGUAGE_NAMES, pickText, type Language } from '../../platform/i18n/languages.ts';
import type { FieldError } from '../../platform/http/errors.ts';
import { IncidentReportButton } from '../../safety/IncidentReportButton.tsx';
import { KnowledgePanel } from '../../knowledge/pages.tsx';
import type { ArticleHit } from '../../knowledge/service.ts';
import { CONTACT_CHANNELS, CONTACT_OUTCOMES, REQUEST_STATUSES, SLA_STATES, type SlaState } from '../model.ts';
import type * as repo from './repository.ts';
import { parseEventBody, type InboxPage as InboxData } from './service.ts';
import type { ReplyTemplate } from './templates.ts';

export const CONSOLE_ASSETS = { css: '/console-assets/console.css', js: '/console-assets/live.js' };

function ConsoleLayout({ title, children, live }: { title: string; children: ComponentChildren; live?: boolean }) {
  const { lang } = usePage();
  return (
    <Layout
      title={title}
      backOffice
      section="console"
      head={
        <>
          <link rel="stylesheet" href={`${CONSOLE_ASSETS.css}?v=${assetVersion}`} />
          {live && <script src={`${CONSOLE_ASSETS.js}?v=${assetVersion}`} defer data-events="/api/v1/console/events" />}
        </>
      }
    >
      {children}
    </Layout>
  );
}

/** Content hash of the console's CSS and JS, set by routes.tsx at start (cache busting). */
export let assetVersion = '0';
export function setAssetVersion(version: string) {
  assetVersion = version;
}

export function SlaBadge({ state }: { state: SlaState }) {
  const { t } = usePage();
  const icon = state === 'ok' ? '✓' : state === 'warning' ? '!' : '✕';
  return (
    <span class={`cc-sla cc-sla--${state}`}>
      <span aria-hidden="true">{icon} </span>
      {t(`console.sla.${state}`)}
    </span>
  );
}

/** Where live updates are announced, and the refresh link that works without JavaScript. */
function LiveNotice({ refreshHref }: { refreshHref: string }) {
  const { t } = usePage();
  return (
    <div class="cc-live">
      <p class="utrecht-paragraph" role="status" aria-live="polite" id="cc-live-status" data-live-message={t('console.live.updated')}></p>
      <a class="utrecht-link" href={refreshHref} data-live-refresh>
        {t('console.refresh')}
      </a>
    </div>
  );
}

function ConsoleLinks() {
  const { t, lang, actor } = usePage();
  return (
    <ul class="irisdesk-inline-list cc-links">
      <li>
        <Link href={`/${lang}/console/contacts/new`}>{t('console.contact.new')}</Link>
      </li>
      <li>
        <Link href={`/${lang}/console/tasks`}>{t('console.tasks.title')}</Link>
      </li>
      {actor?.roles.includes('organisation_manager') && (
        <li>
          <Link href={`/${lang}/console/settings`}>{t('console.settings.title')}</Link>
        </li>
      )}
    </ul>
  );
}

const VIEWS = ['organisation', 'units', 'mine', 'unassigned'] as const;

function query(values: Record<string, string | null | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function InboxPage({ page, notice, errors }: { page: InboxData; notice?: string | undefined; errors?: FieldError[] | undefined }) {
  const { t, lang } = usePage();
  const f = page.filters;
  const base = { status: f.status === 'active' ? null : f.status, channel: f.channel, service: f.serviceCode, sla: f.slaState };
  const here = `/${lang}/console${query({ view: f.view, ...base })}`;
  return (
    <ConsoleLayout title={t('console.inbox.title')} live>
      <Heading1>{t('console.inbox.title')}</Heading1>
      <ConsoleLinks />
      {notice && <Alert type="ok">{t(`console.notice.${notice}`)}</Alert>}
      <ErrorSummary errors={errors} labelOf={(field) => t(`console.field.${field}`)} />
      <nav aria-label={t('console.inbox.views')}>
        <ul class="irisdesk-inline-list cc-tabs">
          {VIEWS.map((view) => (
            <li>
              <a class="utrecht-link" href={`/${lang}/console${query({ view, ...base })}`} aria-current={view === f.view ? 'page' : undefined}>
                {t(`console.view.${view}`)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <form method="get" action={`/${lang}/console`} class="utrecht-form cc-filters" aria-label={t('console.filters')}>
        <input type="hidden" name="view" value={f.view} />
        <SelectField
          name="status"
          label={t('console.field.status')}
          value={f.status}
          options={[
            { value: 'active', label: t('console.status.allOpen') },
            ...REQUEST_STATUSES.map((s) => ({ value: s, label: t(`console.status.${s}`) })),
            { value: 'all', label: t('console.status.all') },
          ]}
        />
        <SelectField
          name="channel"
          label={t('console.field.channel')}
          value={f.channel ?? ''}
          options={[{ value: '', label: t('console.any') }, ...CONTACT_CHANNELS.map((c) => ({ value: c, label: t(`console.channel.${c}`) }))]}
        />
        <TextField name="service" label={t('console.field.service')} value={f.serviceCode ?? ''} maxLength={100} description={t('console.field.serviceHint')} />
        <SelectField
          name="sla"
          label={t('console.field.sla')}
          value={f.slaState ?? ''}
          options={[{ value: '', label: t('console.any') }, ...SLA_STATES.map((s) => ({ value: s, label: t(`console.sla.${s}`) }))]}
        />
        <SubmitButton variant="secondary">{t('console.filter')}</SubmitButton>
      </form>
      <LiveNotice refreshHref={here} />
      <div id="cc-results" data-live-region>
        {page.rows.length === 0 ? (
          <Paragraph>{t('console.inbox.empty')}</Paragraph>
        ) : (
          <div class="utrecht-table-container">
            <table class="utrecht-table utrecht-table--html-table">
              <caption class="utrecht-table__caption">{t(`console.view.${f.view}`)}</caption>
              <thead class="utrecht-table__header">
                <tr class="utrecht-table__row">
                  {['reference', 'subject', 'party', 'channel', 'status', 'sla', 'unit', 'assignee', 'received'].map((h) => (
                    <th class="utrecht-table__header-cell" scope="col">
                      {t(`console.col.${h}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody class="utrecht-table__body">
                {page.rows.map((row) => (
                  <tr class="utrecht-table__row" data-request-id={row.id}>
                    <th class="utrecht-table__header-cell" scope="row">
                      <a class="utrecht-link" href={`/${lang}/console/requests/${row.id}`}>
                        {row.reference}
                      </a>
                    </th>
                    <td class="utrecht-table__cell" lang={row.language}>
                      {row.subject}
                    </td>
                    <td class="utrecht-table__cell">{row.partyName}</td>
                    <td class="utrecht-table__cell">{t(`console.channel.${row.channel}`)}</td>
                    <td class="utrecht-table__cell">{t(`console.status.${row.status}`)}</td>
                    <td class="utrecht-table__cell">
                      <SlaBadge state={row.slaState} />
                    </td>
                    <td class="utrecht-table__cell">{row.unitName ? <Text value={row.unitName} /> : '—'}</td>
                    <td class="utrecht-table__cell">
                      {row.assigneeName ?? (
                        <form method="post" action={`/${lang}/console/requests/${row.id}/claim`} class="irisdesk-inline-form">
                          <CsrfField />
                          <input type="hidden" name="version" value={String(row.version)} />
                          <input type="hidden" name="returnTo" value={here} />
                          <button type="submit" class="utrecht-button utrecht-button--secondary-action" aria-label={t('console.claimReference', { reference: row.reference })}>
                            {t('console.claim')}
                          </button>
                        </form>
                      )}
                    </td>
                    <td class="utrecht-table__cell">{formatDateTime(new Date(row.createdAt), lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
      <nav aria-label={t('console.pagination')}>
        <ul class="irisdesk-inline-list">
          {f.cursor && (
            <li>
              <Link href={`/${lang}/console${query({ view: f.view, ...base })}`}>{t('console.firstPage')}</Link>
            </li>
          )}
          {page.next && (
            <li>
              <Link href={`/${lang}/console${query({ view: f.view, ...base, cursor: page.next })}`}>{t('console.nextPage')}</Link>
            </li>
          )}
        </ul>
      </nav>
    </ConsoleLayout>
  );
}

function EventText({ body }: { body: string }) {
  const { t } = usePage();
  const event = parseEventBody(body);
  if (!event) return <p class="utrecht-paragraph cc-pre">{body}</p>;
  const key = `console.event.${event.event}`;
  return (
    <>
      <p class="utrecht-paragraph">{t(key, { by: event.by ?? '', to: event.to ?? '' })}</p>
      {event.answer && <p class="utrecht-paragraph cc-pre">{event.answer}</p>}
    </>
  );
}

export function Timeline({ messages }: { messages: Array<{ kind: string; channel: string | null; authorName?: string | null; author?: string | null; body: string; createdAt?: Date; at?: string }> }) {
  const { t, lang } = usePage();
  if (messages.length === 0) return <Paragraph>{t('console.timeline.empty')}</Paragraph>;
  return (
    <ol class="cc-timeline">
      {messages.map((m) => {
        const at = new Date((m.createdAt ?? m.at)!);
        const author = m.authorName ?? m.author ?? null;
        return (
          <li class={`cc-message cc-message--${m.kind}`}>
            <p class="utrecht-paragraph cc-message__meta">
              <strong>{t(`console.kind.${m.kind}`)}</strong>
              {m.channel ? ` · ${t(`console.channel.${m.channel}`)}` : ''}
              {author ? ` · ${author}` : ''} · <time dateTime={at.toISOString()}>{formatDateTime(at, lang)}</time>
            </p>
            {m.kind === 'event' ? <EventText body={m.body} /> : <p class="utrecht-paragraph cc-pre">{m.body}</p>}
          </li>
        );
      })}
    </ol>
  );
}

export interface RequestPageProps {
  data: {
    request: repo.RequestRecord;
    messages: repo.MessageRow[];
    history: { requests: repo.HistoryRequest[]; contacts: repo.HistoryContact[] };
    tasks: repo.TaskRow[];
    colleagues: repo.Colleague[];
  };
  templates: ReplyTemplate[];
  chosenTemplate?: string | undefined;
  routing: { organisations: repo.OrganisationChoice[]; units: Array<{ id: string; organisationCode: string; name: import('../../platform/i18n/languages.ts').LocalizedText }> };
  knowledge: { q: string; results: ArticleHit[] };
  notice?: string | undefined;
  errors?: FieldError[] | undefined;
  /** Which form the errors belong to (its values are kept). */
  form?: string | undefined;
  values?: Record<string, string | string[] | undefined> | undefined;
}

export function RequestPage(props: RequestPageProps) {
  const { t, lang, actor } = usePage();
  const { request: r, messages, history, tasks, colleagues } = props.data;
  const base = `/${lang}/console/requests/${r.id}`;
  const v = (name: string) => (props.values?.[name] as string | undefined) ?? undefined;
  const errorsOf = (form: string) => (props.form === form ? props.errors : undefined);
  const chosen = props.templates.find((tpl) => tpl.id === props.chosenTemplate);
  const closed = r.status === 'closed';
  return (
    <ConsoleLayout title={`${r.reference} – ${t('console.request.title')}`} live>
      <p class="utrecht-paragraph">
        <Link href={`/${lang}/console`}>{t('console.backToInbox')}</Link>
      </p>
      <Heading1>
        {r.reference} <span lang={r.language}>{r.subject}</span>
      </Heading1>
      {props.notice && <Alert type="ok">{t(`console.notice.${props.notice}`)}</Alert>}
      {r.senderCheck && r.senderCheck !== 'pass' && (
        <Alert type="warning">{t(r.senderCheck === 'temperror' ? 'console.request.unverifiedSenderDns' : 'console.request.unverifiedSender')}</Alert>
      )}
      {(props.form === 'actions' || (closed && props.form)) && <ErrorSummary errors={props.errors} labelOf={(field) => t(`console.field.${field}`)} />}
      <LiveNotice refreshHref={base} />
      <div class="cc-request" data-request-id={r.id}>
        <div class="cc-request__main">
          <section aria-labelledby="cc-summary-title" id="cc-summary" data-live-region>
            <h2 class="utrecht-heading-2" id="cc-summary-title">
              {t('console.request.summary')}
            </h2>
            <dl class="cc-dl">
              <dt>{t('console.field.status')}</dt>
              <dd>
                {t(`console.status.${r.status}`)}
                {r.outcome ? ` (${t(`console.outcome.${r.outcome}`)})` : ''}
              </dd>
              <dt>{t('console.field.sla')}</dt>
              <dd>
                <SlaBadge state={r.slaState} />
                {r.slaPausedAt ? ` ${t('console.sla.paused')}` : ''}
                {r.resolutionDueAt ? ` · ${t('console.resolutionDue', { at: formatDateTime(new Date(r.resolutionDueAt), lang) })}` : ''}
                {r.firstResponseDueAt && !r.firstRespondedAt ? ` · ${t('console.firstResponseDue', { at: formatDateTime(new Date(r.firstResponseDueAt), lang) })}` : ''}
              </dd>
              <dt>{t('console.field.channel')}</dt>
              <dd>{t(`console.channel.${r.channel}`)}</dd>
              <dt>{t('console.field.language')}</dt>
              <dd>{LANGUAGE_NAMES[r.language]}</dd>
              <dt>{t('console.field.service')}</dt>
              <dd>
                {r.serviceCode ? (
                  <Link href={`/${lang}/services/${r.serviceCode}`}>{r.serviceName ? <Text value={r.serviceName} /> : r.serviceCode}</Link>
                ) : (
                  t('console.noService')
                )}
              </dd>
              <dt>{t('console.col.unit')}</dt>
              <dd>{r.unitName ? <Text value={r.unitName} /> : '—'}</dd>
              <dt>{t('console.col.assignee')}</dt>
              <dd>{r.assigneeName ?? t('console.unassigned')}</dd>
              <dt>{t('console.col.party')}</dt>
              <dd>
                {r.partyName}
                {r.partyEmail ? ` · ${r.partyEmail}` : ''}
                {r.partyPhone ? ` · ${r.partyPhone}` : ''}
              </dd>
              <dt>{t('console.col.received')}</dt>
              <dd>{formatDateTime(new Date(r.createdAt), lang)}</dd>
            </dl>
            {!closed && (
              <div class="cc-actions">
                {r.assigneeId !== actor?.accountId && (
                  <Form action={`${base}/claim`}>
                    <input type="hidden" name="version" value={String(r.version)} />
                    <SubmitButton>{t('console.claim')}</SubmitButton>
                  </Form>
                )}
                <Form action={`${base}/assign`}>
                  <input type="hidden" name="version" value={String(r.version)} />
                  <SelectField
                    name="assigneeId"
                    label={t('console.assignTo')}
                    value={r.assigneeId ?? ''}
                    options={[{ value: '', label: t('console.unassigned') }, ...colleagues.map((c) => ({ value: c.id, label: c.displayName }))]}
                  />
                  <SubmitButton variant="secondary">{t('console.assign')}</SubmitButton>
                </Form>
                <Form action={`${base}/status`}>
                  <input type="hidden" name="version" value={String(r.version)} />
                  <SelectField
                    name="status"
                    label={t('console.setStatus')}
                    value={r.status === 'new' ? 'open' : r.status}
                    options={(['open', 'waiting_user', 'waiting_second_line'] as const).map((s) => ({ value: s, label: t(`console.status.${s}`) }))}
                    description={t('console.waitingPausesSla')}
                  />
                  <SubmitButton variant="secondary">{t('console.save')}</SubmitButton>
                </Form>
              </div>
            )}
          </section>

          <section aria-labelledby="cc-timeline-title" id="cc-timeline" data-live-region>
            <h2 class="utrecht-heading-2" id="cc-timeline-title">
              {t('console.timeline.title')}
            </h2>
            <Timeline messages={messages} />
            {tasks.length > 0 && (
              <>
                <h3 class="utrecht-heading-3">{t('console.tasks.ofRequest')}</h3>
                <ul class="utrecht-unordered-list">
                  {tasks.map((task) => (
                    <li>
                      {t(`console.taskKind.${task.kind}`)} → <Text value={task.toOrganisationName} />
                      {task.toUnitName && (
                        <>
                          {' '}
                          (<Text value={task.toUnitName} />)
                        </>
                      )}
                      {task.toAccountName ? ` · ${task.toAccountName}` : ''} · {t(`console.taskStatus.${task.status}`)}
                      {task.answer && <p class="utrecht-paragraph cc-pre">{task.answer}</p>}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </section>

          {!closed && (
            <section aria-labelledby="cc-reply-title">
              <h2 class="utrecht-heading-2" id="cc-reply-title">
                {t('console.reply.title')}
              </h2>
              {r.partyEmail ? (
                <>
                  <p class="utrecht-paragraph">{t('console.reply.inLanguage', { language: LANGUAGE_NAMES[r.language], email: r.partyEmail })}</p>
                  <nav aria-label={t('console.reply.templates')}>
                    <ul class="irisdesk-inline-list">
                      {props.templates.map((tpl) => (
                        <li>
                          <a class="utrecht-link" href={`${base}?template=${encodeURIComponent(tpl.id)}#cc-reply-title`} aria-current={tpl.id === props.chosenTemplate ? 'true' : undefined} lang={r.language}>
                            {tpl.title}
                          </a>
                        </li>
                      ))}
                    </ul>
                  </nav>
                  <ErrorSummary errors={errorsOf('reply')} labelOf={(field) => t(`console.field.${field}`)} />
                  <Form action={`${base}/reply`}>
                    <TextArea name="body" label={t('console.reply.body')} value={v('body') ?? chosen?.body ?? ''} rows={10} maxLength={20000} errors={errorsOf('reply')} />
                    <SubmitButton>{t('console.reply.send')}</SubmitButton>
                  </Form>
                </>
              ) : (
                <Paragraph>{t('console.reply.noEmail')}</Paragraph>
              )}
              <h3 class="utrecht-heading-3">{t('console.note.title')}</h3>
              <ErrorSummary errors={errorsOf('note')} labelOf={(field) => t(`console.field.${field}`)} />
              <Form action={`${base}/notes`}>
                <TextArea name="note" label={t('console.note.body')} value={v('note')} rows={4} maxLength={20000} errors={errorsOf('note')} />
                <SubmitButton variant="secondary">{t('console.note.add')}</SubmitButton>
              </Form>
            </section>
          )}

          {!closed && (
            <section aria-labelledby="cc-task-title">
              <h2 class="utrecht-heading-2" id="cc-task-title">
                {t('console.task.title')}
              </h2>
              <ErrorSummary errors={errorsOf('task')} labelOf={(field) => t(`console.field.${field}`)} />
              <Form action={`${base}/tasks`}>
                <SelectField
                  name="kind"
                  label={t('console.field.kind')}
                  value={v('kind') ?? 'question'}
                  options={(['question', 'callback'] as const).map((k) => ({ value: k, label: t(`console.taskKind.${k}`) }))}
                />
                <SelectField
                  name="toOrganisation"
                  label={t('console.field.toOrganisation')}
                  value={v('toOrganisation') ?? actor?.organisationCode}
                  options={props.routing.organisations.map((o) => ({ value: o.code, label: pickText(o.name, lang).text }))}
                  errors={errorsOf('task')}
                />
                <SelectField
                  name="toUnit"
                  label={t('console.field.toUnit')}
                  value={v('toUnit') ?? ''}
                  options={[
                    { value: '', label: t('console.anyUnit') },
                    ...props.routing.units.map((u) => ({ value: u.id, label: `${pickText(props.routing.organisations.find((o) => o.code === u.organisationCode)?.name, lang).text} – ${pickText(u.name, lang).text}` })),
                  ]}
                  errors={errorsOf('task')}
                />
                <TextField name="toAccount" type="email" label={t('console.field.toAccount')} value={v('toAccount')} maxLength={254} description={t('console.field.toAccountHint')} errors={errorsOf('task')} />
                <TextArea name="question" label={t('console.field.question')} value={v('question')} rows={4} maxLength={10000} errors={errorsOf('task')} />
                <TextField name="callbackPreferences" label={t('console.field.callbackPreferences')} value={v('callbackPreferences')} maxLength={500} description={t('console.field.callbackHint')} errors={errorsOf('task')} />
                <CheckboxGroup name="includeNotes" legend={t('console.field.context')} options={[{ value: 'true', label: t('console.field.includeNotes') }]} checked={v('includeNotes') ? ['true'] : []} />
                <SubmitButton variant="secondary">{t('console.task.send')}</SubmitButton>
              </Form>
            </section>
          )}

          {!closed && (
            <section aria-labelledby="cc-close-title">
              <h2 class="utrecht-heading-2" id="cc-close-title">
                {t('console.close.title')}
              </h2>
              <ErrorSummary errors={errorsOf('close')} labelOf={(field) => t(`console.field.${field}`)} />
              <Form action={`${base}/close`}>
                <input type="hidden" name="version" value={String(r.version)} />
                <SelectField name="outcome" label={t('console.field.outcome')} value={v('outcome') ?? 'answered_first_contact'} options={CONTACT_OUTCOMES.map((o) => ({ value: o, label: t(`console.outcome.${o}`) }))} />
                <TextArea name="message" label={t('console.close.message')} value={v('message')} rows={3} maxLength={5000} description={t('console.close.hint')} />
                <SubmitButton>{t('console.close.submit')}</SubmitButton>
              </Form>
            </section>
          )}
        </div>

        <aside class="cc-request__side" aria-label={t('console.request.side')}>
          <section aria-labelledby="cc-history-title">
            <h2 class="utrecht-heading-2" id="cc-history-title">
              {t('console.history.title')}
            </h2>
            {history.requests.length === 0 && history.contacts.length === 0 ? (
              <Paragraph>{t('console.history.empty')}</Paragraph>
            ) : (
              <>
                <ul class="utrecht-unordered-list">
                  {history.requests.map((h) => (
                    <li>
                      <Link href={`/${lang}/console/requests/${h.id}`}>{h.reference}</Link> – <span lang={r.language}>{h.subject}</span> ({t(`console.status.${h.status}`)},{' '}
                      {formatDateTime(new Date(h.createdAt), lang)})
                    </li>
                  ))}
                </ul>
                <h3 class="utrecht-heading-3">{t('console.history.contacts')}</h3>
                <ul class="utrecht-unordered-list">
                  {history.contacts.map((c) => (
                    <li>
                      {formatDateTime(new Date(c.startedAt), lang)} · {t(`console.channel.${c.channel}`)}
                      {c.outcome ? ` · ${t(`console.outcome.${c.outcome}`)}` : ''}
                      {c.requestReference ? ` · ${c.requestReference}` : ''}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </section>
          <KnowledgePanel action={base} q={props.knowledge.q} results={props.knowledge.results} service={r.serviceCode ?? undefined} headingLevel={2} />
          <IncidentReportButton returnTo={base} compact />
        </aside>
      </div>
    </ConsoleLayout>
  );
}

export function TasksPage({ tasks, mineOnly, status }: { tasks: repo.TaskRow[]; mineOnly: boolean; status: string }) {
  const { t, lang } = usePage();
  return (
    <ConsoleLayout title={t('console.tasks.title')} live>
      <Heading1>{t('console.tasks.title')}</Heading1>
      <ConsoleLinks />
      <Paragraph>{t('console.tasks.intro')}</Paragraph>
      <form method="get" action={`/${lang}/console/tasks`} class="utrecht-form cc-filters" aria-label={t('console.filters')}>
        <SelectField
          name="scope"
          label={t('console.tasks.scope')}
          value={mineOnly ? 'mine' : 'all'}
          options={[
            { value: 'mine', label: t('console.tasks.scopeMine') },
            { value: 'all', label: t('console.tasks.scopeAll') },
          ]}
        />
        <SelectField
          name="status"
          label={t('console.field.status')}
          value={status}
          options={(['open', 'answered', 'all'] as const).map((s) => ({ value: s, label: t(`console.taskStatus.${s}`) }))}
        />
        <SubmitButton variant="secondary">{t('console.filter')}</SubmitButton>
      </form>
      <LiveNotice refreshHref={`/${lang}/console/tasks${query({ scope: mineOnly ? null : 'all', status: status === 'open' ? null : status })}`} />
      <div id="cc-results" data-live-region>
        {tasks.length === 0 ? (
          <Paragraph>{t('console.tasks.empty')}</Paragraph>
        ) : (
          <div class="utrecht-table-container">
            <table class="utrecht-table utrecht-table--html-table">
              <caption class="utrecht-table__caption">{t('console.tasks.title')}</caption>
              <thead class="utrecht-table__header">
                <tr class="utrecht-table__row">
                  {['reference', 'kind', 'from', 'to', 'status', 'received'].map((h) => (
                    <th class="utrecht-table__header-cell" scope="col">
                      {t(`console.taskCol.${h}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody class="utrecht-table__body">
                {tasks.map((task) => (
                  <tr class="utrecht-table__row">
                    <th class="utrecht-table__header-cell" scope="row">
                      <a class="utrecht-link" href={`/${lang}/console/tasks/${task.id}`}>
                        {task.context.reference}
                      </a>
                    </th>
                    <td class="utrecht-table__cell">{t(`console.taskKind.${task.kind}`)}</td>
                    <td class="utrecht-table__cell">
                      <Text value={task.fromOrganisationName} />
                      {task.fromAccountName ? ` · ${task.fromAccountName}` : ''}
                    </td>
                    <td class="utrecht-table__cell">
                      {task.toUnitName ? <Text value={task.toUnitName} /> : (task.toAccountName ?? t('console.anyUnit'))}
                    </td>
                    <td class="utrecht-table__cell">{t(`console.taskStatus.${task.status}`)}</td>
                    <td class="utrecht-table__cell">{formatDateTime(new Date(task.createdAt), lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </ConsoleLayout>
  );
}

export function TaskPage({ task, errors, values, notice }: { task: repo.TaskRow; errors?: FieldError[] | undefined; values?: { answer?: string } | undefined; notice?: string | undefined }) {
  const { t, lang } = usePage();
  const c = task.context;
  return (
    <ConsoleLayout title={`${c.reference} – ${t('console.task.view')}`} live>
      <p class="utrecht-paragraph">
        <Link href={`/${lang}/console/tasks`}>{t('console.backToTasks')}</Link>
      </p>
      <Heading1>
        {t('console.task.view')} {c.reference}
      </Heading1>
      {notice && <Alert type="ok">{t(`console.notice.${notice}`)}</Alert>}
      <dl class="cc-dl">
        <dt>{t('console.field.kind')}</dt>
        <dd>{t(`console.taskKind.${task.kind}`)}</dd>
        <dt>{t('console.taskCol.from')}</dt>
        <dd>
          <Text value={task.fromOrganisationName} />
          {task.fromAccountName ? ` · ${task.fromAccountName}` : ''}
        </dd>
        <dt>{t('console.field.status')}</dt>
        <dd>{t(`console.taskStatus.${task.status}`)}</dd>
        <dt>{t('console.col.party')}</dt>
        <dd>
          {c.party.name}
          {c.party.email ? ` · ${c.party.email}` : ''}
          {c.party.phone ? ` · ${c.party.phone}` : ''}
        </dd>
        {task.callbackPreferences && (
          <>
            <dt>{t('console.field.callbackPreferences')}</dt>
            <dd>{task.callbackPreferences}</dd>
          </>
        )}
        <dt>{t('console.col.subject')}</dt>
        <dd lang={c.language}>{c.subject}</dd>
      </dl>
      <h2 class="utrecht-heading-2">{t('console.field.question')}</h2>
      <p class="utrecht-paragraph cc-pre">{task.question}</p>
      <section aria-labelledby="cc-context-title">
        <h2 class="utrecht-heading-2" id="cc-context-title">
          {t('console.task.context')}
        </h2>
        <Timeline messages={c.messages} />
      </section>
      <section aria-labelledby="cc-answer-title">
        <h2 class="utrecht-heading-2" id="cc-answer-title">
          {t('console.task.answer')}
        </h2>
        {task.status === 'open' ? (
          <>
            <ErrorSummary errors={errors} labelOf={(field) => t(`console.field.${field}`)} />
            <Form action={`/${lang}/console/tasks/${task.id}/answer`}>
              <input type="hidden" name="version" value={String(task.version)} />
              <TextArea name="answer" label={t('console.task.answer')} value={values?.answer} rows={6} maxLength={10000} errors={errors} />
              <SubmitButton>{t('console.task.sendAnswer')}</SubmitButton>
            </Form>
          </>
        ) : (
          <>
            <p class="utrecht-paragraph cc-pre">{task.answer}</p>
            {task.answeredAt && <p class="utrecht-paragraph">{t('console.task.answeredBy', { name: task.answeredByName ?? '—', at: formatDateTime(new Date(task.answeredAt), lang) })}</p>}
          </>
        )}
      </section>
    </ConsoleLayout>
  );
}

export interface ContactFormValues {
  name?: string;
  email?: string;
  phone?: string;
  partyId?: string;
  channel?: string;
  serviceCode?: string;
  language?: string;
  startedAt?: string;
  endedAt?: string;
  outcome?: string;
  openRequest?: string;
  subject?: string;
  body?: string;
}

export function ContactPage({ parties, search, values, errors, notice }: { parties: repo.PartyRow[] | null; search: { name: string; email: string; phone: string }; values: ContactFormValues; errors?: FieldError[] | undefined; notice?: string | undefined }) {
  const { t, lang } = usePage();
  return (
    <ConsoleLayout title={t('console.contact.new')}>
      <p class="utrecht-paragraph">
        <Link href={`/${lang}/console`}>{t('console.backToInbox')}</Link>
      </p>
      <Heading1>{t('console.contact.new')}</Heading1>
      {notice && <Alert type="ok">{t(`console.notice.${notice}`)}</Alert>}
      <section aria-labelledby="cc-find-title">
        <h2 class="utrecht-heading-2" id="cc-find-title">
          {t('console.contact.find')}
        </h2>
        <form method="get" action={`/${lang}/console/contacts/new`} class="utrecht-form" role="search" aria-labelledby="cc-find-title">
          <TextField name="qname" label={t('console.field.name')} value={search.name} maxLength={200} />
          <TextField name="qemail" type="email" label={t('console.field.email')} value={search.email} maxLength={254} />
          <TextField name="qphone" type="tel" label={t('console.field.phone')} value={search.phone} maxLength={40} />
          <SubmitButton variant="secondary">{t('console.contact.search')}</SubmitButton>
        </form>
      </section>
      <section aria-labelledby="cc-record-title">
        <h2 class="utrecht-heading-2" id="cc-record-title">
          {t('console.contact.record')}
        </h2>
        <ErrorSummary errors={errors} labelOf={(field) => t(`console.field.${field}`)} />
        <Form action={`/${lang}/console/contacts`}>
          <fieldset class="utrecht-form-fieldset" id="field-partyId">
            <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">{t('console.contact.caller')}</legend>
            {parties === null ? null : parties.length === 0 ? <Paragraph>{t('console.contact.noMatch')}</Paragraph> : null}
            {(parties ?? []).map((p) => (
              <div class="utrecht-form-field utrecht-form-field--radio">
                <input class="utrecht-radio-button utrecht-radio-button--html-input" type="radio" name="partyId" id={`party-${p.id}`} value={p.id} checked={values.partyId === p.id} />
                <label class="utrecht-form-label utrecht-form-label--radio" for={`party-${p.id}`}>
                  {p.name}
                  {p.email ? ` · ${p.email}` : ''}
                  {p.phone ? ` · ${p.phone}` : ''}
                  {p.lastContactAt ? ` · ${t('console.contact.lastContact', { at: formatDateTime(new Date(p.lastContactAt), lang) })}` : ''}
                </label>
              </div>
            ))}
            <div class="utrecht-form-field utrecht-form-field--radio">
              <input class="utrecht-radio-button utrecht-radio-button--html-input" type="radio" name="partyId" id="party-new" value="" checked={!values.partyId} />
              <label class="utrecht-form-label utrecht-form-label--radio" for="party-new">
                {t('console.contact.newCaller')}
              </label>
            </div>
          </fieldset>
          <TextField name="name" label={t('console.field.name')} value={values.name ?? search.name} maxLength={200} errors={errors} description={t('console.contact.newCallerHint')} />
          <TextField name="email" type="email" label={t('console.field.email')} value={values.email ?? search.email} maxLength={254} errors={errors} />
          <TextField name="phone" type="tel" label={t('console.field.phone')} value={values.phone ?? search.phone} maxLength={40} errors={errors} />
          <SelectField name="channel" label={t('console.field.channel')} value={values.channel ?? 'phone'} options={(['phone', 'counter'] as const).map((c) => ({ value: c, label: t(`console.channel.${c}`) }))} />
          <TextField name="serviceCode" label={t('console.field.service')} value={values.serviceCode} maxLength={100} description={t('console.field.serviceHint')} errors={errors} />
          <SelectField name="language" label={t('console.field.language')} value={values.language ?? lang} options={LANGUAGES.map((l: Language) => ({ value: l, label: LANGUAGE_NAMES[l], lang: l }))} />
          <TextField name="startedAt" label={t('console.field.startedAt')} value={values.startedAt} maxLength={16} description={t('console.field.timeHint')} errors={errors} />
          <TextField name="endedAt" label={t('console.field.endedAt')} value={values.endedAt} maxLength={16} description={t('console.field.timeHint')} errors={errors} />
          <SelectField name="outcome" label={t('console.field.outcome')} value={values.outcome ?? 'answered_first_contact'} options={CONTACT_OUTCOMES.map((o) => ({ value: o, label: t(`console.outcome.${o}`) }))} />
          <CheckboxGroup name="openRequest" legend={t('console.contact.followUp')} options={[{ value: 'true', label: t('console.contact.openRequest') }]} checked={values.openRequest ? ['true'] : []} errors={errors} />
          <TextField name="subject" label={t('console.field.subject')} value={values.subject} maxLength={300} errors={errors} />
          <TextArea name="body" label={t('console.field.body')} value={values.body} rows={4} maxLength={20000} errors={errors} />
          <SubmitButton>{t('console.contact.save')}</SubmitButton>
        </Form>
      </section>
    </ConsoleLayout>
  );
}

export function SettingsPage({ units, templates, errors, values, notice }: { units: repo.UnitRow[]; templates: repo.TemplateRow[]; errors?: FieldError[] | undefined; values?: Record<string, string> | undefined; notice?: string | undefined }) {
  const { t, lang } = usePage();
  return (
    <ConsoleLayout title={t('console.settings.title')}>
      <p class="utrecht-paragraph">
        <Link href={`/${lang}/console`}>{t('console.backToInbox')}</Link>
      </p>
      <Heading1>{t('console.settings.title')}</Heading1>
      {notice && <Alert type="ok">{t(`console.notice.${notice}`)}</Alert>}
      <Paragraph>
        <Link href={`/${lang}/admin/contact-center`}>{t('console.settings.moreSettings')}</Link>
      </Paragraph>
      <ErrorSummary errors={errors} labelOf={(field) => t(`console.field.${field}`)} />
      <section aria-labelledby="cc-auto-title">
        <h2 class="utrecht-heading-2" id="cc-auto-title">
          {t('console.settings.autoAssign')}
        </h2>
        <Paragraph>{t('console.settings.autoAssignIntro')}</Paragraph>
        <Form action={`/${lang}/console/settings/units`}>
          <CheckboxGroup
            name="autoAssign"
            legend={t('console.settings.autoAssignLegend')}
            options={units.map((u) => ({ value: u.id, label: pickText(u.name, lang).text }))}
            checked={units.filter((u) => u.autoAssign).map((u) => u.id)}
          />
          <SubmitButton>{t('console.save')}</SubmitButton>
        </Form>
      </section>
      <section aria-labelledby="cc-templates-title">
        <h2 class="utrecht-heading-2" id="cc-templates-title">
          {t('console.settings.templates')}
        </h2>
        <Paragraph>{t('console.settings.templatesIntro')}</Paragraph>
        {templates.length > 0 && (
          <ul class="utrecht-unordered-list">
            {templates.map((tpl) => (
              <li>
                <span lang={tpl.language}>{tpl.title}</span> ({LANGUAGE_NAMES[tpl.language]})
                <form method="post" action={`/${lang}/console/settings/templates/${tpl.id}/delete`} class="irisdesk-inline-form">
                  <CsrfField />
                  <button type="submit" class="utrecht-button utrecht-button--subtle" aria-label={t('console.settings.deleteTemplate', { title: tpl.title })}>
                    {t('console.delete')}
                  </button>
                </form>
              </li>
            ))}
          </ul>
        )}
        <Form action={`/${lang}/console/settings/templates`}>
          <SelectField name="language" label={t('console.field.language')} value={values?.language ?? lang} options={LANGUAGES.map((l: Language) => ({ value: l, label: LANGUAGE_NAMES[l], lang: l }))} />
          <TextField name="title" label={t('console.field.title')} value={values?.title} maxLength={120} errors={errors} />
          <TextArea name="body" label={t('console.field.templateBody')} value={values?.body} rows={6} maxLength={10000} errors={errors} description={t('console.field.templateHint')} />
          <SubmitButton variant="secondary">{t('console.settings.addTemplate')}</SubmitButton>
        </Form>
      </section>
    </ConsoleLayout>
  );
}
