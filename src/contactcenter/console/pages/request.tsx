// The request view: conversation and time line, the party's earlier requests, replies, notes, status, tasks
// and closing.
import { usePage } from '../../../platform/views/context.ts';
import {
  Alert,
  CheckboxGroup,
  CsrfField,
  ErrorSummary,
  FileField,
  Form,
  Heading1,
  Link,
  Paragraph,
  SelectField,
  SubmitButton,
  Text,
  TextArea,
  TextField,
} from '../../../platform/views/components.tsx';
import { formatDateTime, formatNumber } from '../../../platform/i18n/format.ts';
import { LANGUAGE_NAMES, pickText, type Language } from '../../../platform/i18n/languages.ts';
import { attachmentPath } from '../attachments/paths.ts';
import type { FieldError } from '../../../platform/http/errors.ts';
import { IncidentReportButton } from '../../../safety/IncidentReportButton.tsx';
import { KnowledgePanel } from '../../../knowledge/pages.tsx';
import type { ArticleHit } from '../../../knowledge/service.ts';
import { CONTACT_OUTCOMES } from '../../model.ts';
import type * as repo from '../repository.ts';
import { parseEventBody } from '../service.ts';
import { isMacro, type ReplyTemplate } from '../templates.ts';
import { ConsoleLayout, ConsoleLinks, LiveNotice, SlaBadge } from './layout.tsx';
import type { UnreadCounts } from '../unread/service.ts';
import { MergePanel } from '../merge/panel.tsx';
import type { MergeState } from '../merge/service.ts';

export function EventText({ body }: { body: string }) {
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

/** A file size as people read it: "12 kB", "1.4 MB" (in the page's number format). */
function fileSize(bytes: number, lang: Language): string {
  if (bytes < 1024 * 1024) return `${formatNumber(Math.max(1, Math.round(bytes / 1024)), lang)} kB`;
  return `${formatNumber(bytes / 1024 / 1024, lang, 1)} MB`;
}

export function Timeline({
  messages,
  attachmentHref,
}: {
  messages: Array<{
    kind: string;
    channel: string | null;
    authorName?: string | null;
    author?: string | null;
    body: string;
    createdAt?: Date;
    at?: string;
    attachments?: Array<{ id: string; filename: string; size: number }>;
  }>;
  /** Where a message's file is downloaded (the request view); without it files are not listed. */
  attachmentHref?: (attachmentId: string) => string;
}) {
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
            {attachmentHref && m.attachments?.length ? (
              <div class="cc-attachments">
                <p class="utrecht-paragraph cc-message__meta">{t('console.attachments.title')}</p>
                <ul class="utrecht-unordered-list">
                  {m.attachments.map((file) => (
                    <li class="utrecht-unordered-list__item">
                      <a class="utrecht-link" href={attachmentHref(file.id)} download={file.filename}>
                        {t('console.attachments.download', { file: file.filename, size: fileSize(file.size, lang) })}
                      </a>
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
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
  routing: {
    organisations: repo.OrganisationChoice[];
    units: Array<{ id: string; organisationCode: string; name: import('../../../platform/i18n/languages.ts').LocalizedText }>;
  };
  knowledge: { q: string; results: ArticleHit[] };
  /** The limits of the reply's file field; null when uploads are off (no scanner configured). */
  uploads?: { maxFiles: number; maxFileBytes: number } | null | undefined;
  /** Merge and split (decision 0047): where this request went, what was merged here. */
  merge?: MergeState | undefined;
  /** Unread counts of the console's links. */
  counts?: UnreadCounts | undefined;
  /** The split view's list (wide screens): the agent's default inbox. */
  list?: repo.InboxRow[] | undefined;
  /** The reply with a template inserted without JavaScript, and the macro it brings. */
  composed?: { body: string; macro: string | undefined } | undefined;
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
  const macro = props.composed?.macro ?? (props.form === 'reply' ? v('macro') : undefined) ?? (chosen && isMacro(chosen) ? chosen.id : undefined);
  const macroTemplate = props.templates.find((tpl) => tpl.id === macro);
  const list = props.list ?? [];
  const position = list.findIndex((row) => row.id === r.id);
  const neighbour = (step: number) => (position >= 0 ? list[position + step] : step > 0 ? list[0] : undefined);
  return (
    <ConsoleLayout
      title={`${r.reference} – ${t('console.request.title')}`}
      live
      counts={props.counts}
      presence={actor ? { requestId: r.id, accountId: actor.accountId } : undefined}
    >
      <div class="cc-split">
        {list.length > 0 && (
          <nav class="cc-split__list" aria-label={t('console.split.list')}>
            <h2 class="utrecht-heading-2">{t('console.view.organisation')}</h2>
            <ol class="cc-split__items">
              {list.map((row) => (
                <li>
                  <a class="utrecht-link" href={`/${lang}/console/requests/${row.id}`} aria-current={row.id === r.id ? 'page' : undefined}>
                    {row.reference}
                  </a>{' '}
                  <span lang={row.language}>{row.subject}</span>
                </li>
              ))}
            </ol>
          </nav>
        )}
        <div class="cc-split__main">
          <p class="utrecht-paragraph cc-prevnext">
            <Link href={`/${lang}/console`}>{t('console.backToInbox')}</Link>
            {neighbour(-1) && (
              <a class="utrecht-link" href={`/${lang}/console/requests/${neighbour(-1)!.id}`} rel="prev" data-shortcut="previous">
                {t('console.split.previous', { reference: neighbour(-1)!.reference })}
              </a>
            )}
            {neighbour(1) && (
              <a class="utrecht-link" href={`/${lang}/console/requests/${neighbour(1)!.id}`} rel="next" data-shortcut="next">
                {t('console.split.next', { reference: neighbour(1)!.reference })}
              </a>
            )}
          </p>
          <Heading1>
            {r.reference} <span lang={r.language}>{r.subject}</span>
          </Heading1>
          <ConsoleLinks />
          {props.notice && <Alert type="ok">{t(`console.notice.${props.notice}`)}</Alert>}
          {r.senderCheck && r.senderCheck !== 'pass' && (
            <Alert type="warning">{t(r.senderCheck === 'temperror' ? 'console.request.unverifiedSenderDns' : 'console.request.unverifiedSender')}</Alert>
          )}
          {(props.form === 'actions' || (closed && props.form)) && <ErrorSummary errors={props.errors} labelOf={(field) => t(`console.field.${field}`)} />}
          <LiveNotice refreshHref={base} />
          <p class="utrecht-paragraph cc-presence" id="cc-presence" role="status" aria-live="polite"></p>
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
                    {r.firstResponseDueAt && !r.firstRespondedAt
                      ? ` · ${t('console.firstResponseDue', { at: formatDateTime(new Date(r.firstResponseDueAt), lang) })}`
                      : ''}
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
                      <form method="post" action={`${base}/claim`} class="utrecht-form" data-shortcut="assignToMe">
                        <CsrfField />
                        <input type="hidden" name="version" value={String(r.version)} />
                        <SubmitButton>{t('console.claim')}</SubmitButton>
                      </form>
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
                {!closed && (
                  <details class="cc-subject" open={props.form === 'actions' && !!v('subject')}>
                    <summary>{t('console.subject.edit')}</summary>
                    <Form action={`${base}/subject`}>
                      <input type="hidden" name="version" value={String(r.version)} />
                      <TextField
                        name="subject"
                        label={t('console.subject.label')}
                        value={v('subject') ?? r.subject}
                        maxLength={300}
                        description={t('console.subject.hint')}
                        errors={errorsOf('actions')}
                      />
                      <SubmitButton variant="secondary">{t('console.subject.save')}</SubmitButton>
                    </Form>
                  </details>
                )}
              </section>

              <section aria-labelledby="cc-timeline-title" id="cc-timeline" data-live-region>
                <h2 class="utrecht-heading-2" id="cc-timeline-title">
                  {t('console.timeline.title')}
                </h2>
                <Timeline messages={messages} attachmentHref={(id) => attachmentPath(lang, r.id, id)} />
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
                      <ErrorSummary errors={errorsOf('reply')} labelOf={(field) => t(`console.field.${field}`)} />
                      <Form action={`${base}/reply`} multipart={Boolean(props.uploads)} class="cc-reply">
                        <TextArea
                          name="body"
                          label={t('console.reply.body')}
                          value={props.composed?.body ?? v('body') ?? chosen?.body ?? ''}
                          rows={10}
                          maxLength={20000}
                          errors={errorsOf('reply')}
                        />
                        <input type="hidden" name="macro" value={macro ?? ''} data-macro-field />
                        <p class="utrecht-paragraph cc-macro" id="cc-macro-chosen" data-macro-chosen>
                          {macroTemplate ? t('console.macro.chosen', { title: macroTemplate.title, actions: macroText(macroTemplate, t) }) : ''}
                        </p>
                        <fieldset class="cc-templates">
                          <legend>{t('console.reply.templates')}</legend>
                          <p class="utrecht-paragraph cc-message__meta">{t('console.reply.templatesHint')}</p>
                          <ul class="irisdesk-inline-list">
                            {props.templates.map((tpl) => (
                              <li>
                                <button
                                  type="submit"
                                  class="utrecht-button utrecht-button--secondary-action"
                                  formaction={`${base}/compose`}
                                  formnovalidate
                                  name="template"
                                  value={tpl.id}
                                  data-template-body={tpl.body}
                                  data-template-macro={isMacro(tpl) ? tpl.id : undefined}
                                  data-template-chosen={isMacro(tpl) ? t('console.macro.chosen', { title: tpl.title, actions: macroText(tpl, t) }) : undefined}
                                  lang={r.language}
                                >
                                  {tpl.title}
                                  {isMacro(tpl) && <span class="cc-message__meta"> ({t('console.macro.label')})</span>}
                                </button>
                              </li>
                            ))}
                          </ul>
                        </fieldset>
                        {props.uploads && (
                          <FileField
                            name="attachments"
                            label={t('console.reply.attachments')}
                            description={t('console.reply.attachmentsHelp', {
                              files: props.uploads.maxFiles,
                              megabytes: props.uploads.maxFileBytes / 1024 / 1024,
                            })}
                            multiple
                            errors={errorsOf('reply')}
                          />
                        )}
                        <SubmitButton>{t('console.reply.send')}</SubmitButton>
                      </Form>
                    </>
                  ) : (
                    <Paragraph>{t('console.reply.noEmail')}</Paragraph>
                  )}
                  <h3 class="utrecht-heading-3">{t('console.note.title')}</h3>
                  <ErrorSummary errors={errorsOf('note')} labelOf={(field) => t(`console.field.${field}`)} />
                  <Form action={`${base}/notes`}>
                    <TextArea
                      name="note"
                      label={t('console.note.body')}
                      value={v('note')}
                      rows={4}
                      maxLength={20000}
                      errors={errorsOf('note')}
                      description={t('console.note.mentionHint', { example: colleagues.find((c) => c.id !== actor?.accountId)?.email.split('@')[0] ?? 'name' })}
                    />
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
                        ...props.routing.units.map((u) => ({
                          value: u.id,
                          label: `${pickText(props.routing.organisations.find((o) => o.code === u.organisationCode)?.name, lang).text} – ${pickText(u.name, lang).text}`,
                        })),
                      ]}
                      errors={errorsOf('task')}
                    />
                    <TextField
                      name="toAccount"
                      type="email"
                      label={t('console.field.toAccount')}
                      value={v('toAccount')}
                      maxLength={254}
                      description={t('console.field.toAccountHint')}
                      errors={errorsOf('task')}
                    />
                    <TextArea name="question" label={t('console.field.question')} value={v('question')} rows={4} maxLength={10000} errors={errorsOf('task')} />
                    <TextField
                      name="callbackPreferences"
                      label={t('console.field.callbackPreferences')}
                      value={v('callbackPreferences')}
                      maxLength={500}
                      description={t('console.field.callbackHint')}
                      errors={errorsOf('task')}
                    />
                    <CheckboxGroup
                      name="includeNotes"
                      legend={t('console.field.context')}
                      options={[{ value: 'true', label: t('console.field.includeNotes') }]}
                      checked={v('includeNotes') ? ['true'] : []}
                    />
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
                  <Form action={`${base}/close`} class="cc-close">
                    <input type="hidden" name="version" value={String(r.version)} />
                    <SelectField
                      name="outcome"
                      label={t('console.field.outcome')}
                      value={v('outcome') ?? 'answered_first_contact'}
                      options={CONTACT_OUTCOMES.map((o) => ({ value: o, label: t(`console.outcome.${o}`) }))}
                    />
                    <TextArea
                      name="message"
                      label={t('console.close.message')}
                      value={v('message')}
                      rows={3}
                      maxLength={5000}
                      description={t('console.close.hint')}
                    />
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
                          <Link href={`/${lang}/console/requests/${h.id}`}>{h.reference}</Link> – <span lang={r.language}>{h.subject}</span> (
                          {t(`console.status.${h.status}`)}, {formatDateTime(new Date(h.createdAt), lang)})
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
              {props.merge && (
                <MergePanel
                  base={base}
                  state={props.merge}
                  closed={closed}
                  messages={messages}
                  errors={errorsOf('merge') ?? errorsOf('split')}
                  values={props.values}
                />
              )}
              <IncidentReportButton returnTo={base} compact />
            </aside>
          </div>
        </div>
      </div>
    </ConsoleLayout>
  );
}

/** What a macro also does, in words: "assigns the request to you, sets the status to Waiting for the user, adds the tag x". */
function macroText(template: ReplyTemplate, t: (key: string, values?: Record<string, string | number>) => string): string {
  const a = template.actions ?? {};
  const parts: string[] = [];
  if (a.assignToMe) parts.push(t('console.macro.assigns'));
  if (a.toUnit) parts.push(t('console.macros.chosenUnit', { unit: a.toUnit.name }));
  if (a.status) parts.push(t('console.macro.status', { status: t(`console.status.${a.status}`) }));
  if (a.tag) parts.push(t('console.macro.tag', { tag: a.tag }));
  return parts.join(', ');
}
