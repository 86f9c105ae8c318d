// The task inbox of the receiving organisation, and one task with its context and answer.
import { usePage } from '../../../platform/views/context.ts';
import { Alert, ErrorSummary, Form, Heading1, Link, Paragraph, SelectField, SubmitButton, Text, TextArea } from '../../../platform/views/components.tsx';
import { formatDateTime } from '../../../platform/i18n/format.ts';
import type { FieldError } from '../../../platform/http/errors.ts';
import type * as repo from '../repository.ts';
import { ConsoleLayout, ConsoleLinks, LiveNotice, query } from './layout.tsx';
import { Timeline } from './request.tsx';
import type { UnreadCounts } from '../unread/service.ts';

export function TasksPage({
  tasks,
  mineOnly,
  status,
  counts,
  unread,
}: {
  tasks: repo.TaskRow[];
  mineOnly: boolean;
  status: string;
  counts?: UnreadCounts | undefined;
  /** The tasks the agent has not opened yet (marked "New"). */
  unread?: Set<string> | undefined;
}) {
  const { t, lang } = usePage();
  return (
    <ConsoleLayout title={t('console.tasks.title')} live counts={counts}>
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
                      {unread?.has(task.id) && <strong class="cc-new">{t('console.unread.new')} </strong>}
                      <a class="utrecht-link" href={`/${lang}/console/tasks/${task.id}`}>
                        {task.context.reference}
                      </a>
                    </th>
                    <td class="utrecht-table__cell">{t(`console.taskKind.${task.kind}`)}</td>
                    <td class="utrecht-table__cell">
                      <Text value={task.fromOrganisationName} />
                      {task.fromAccountName ? ` · ${task.fromAccountName}` : ''}
                    </td>
                    <td class="utrecht-table__cell">{task.toUnitName ? <Text value={task.toUnitName} /> : (task.toAccountName ?? t('console.anyUnit'))}</td>
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

export function TaskPage({
  task,
  errors,
  values,
  notice,
}: {
  task: repo.TaskRow;
  errors?: FieldError[] | undefined;
  values?: { answer?: string } | undefined;
  notice?: string | undefined;
}) {
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
            {task.answeredAt && (
              <p class="utrecht-paragraph">
                {t('console.task.answeredBy', { name: task.answeredByName ?? '—', at: formatDateTime(new Date(task.answeredAt), lang) })}
              </p>
            )}
          </>
        )}
      </section>
    </ConsoleLayout>
  );
}
