// The console's inboxes: per organisation, my units, mine and unassigned, with filters and keyset pages.
import { usePage } from '../../../platform/views/context.ts';
import { Alert, CsrfField, ErrorSummary, Heading1, Link, Paragraph, SelectField, SubmitButton, Text, TextField } from '../../../platform/views/components.tsx';
import { formatDateTime } from '../../../platform/i18n/format.ts';
import { pickText } from '../../../platform/i18n/languages.ts';
import type { FieldError } from '../../../platform/http/errors.ts';
import { CONTACT_CHANNELS, REQUEST_STATUSES, SLA_STATES } from '../../model.ts';
import { type InboxPage as InboxData } from '../service.ts';
import { ConsoleLayout, ConsoleLinks, LiveNotice, SlaBadge, VIEWS, query } from './layout.tsx';
import type { Colleague, UnitRow } from '../repository.ts';
import type { SavedView } from '../views/repository.ts';
import type { UnreadCounts } from '../unread/service.ts';
import type { ServiceChoice } from '../service-filter/service.ts';
import { CONTACT_OUTCOMES } from '../../model.ts';

export function InboxPage({
  page,
  notice,
  errors,
  colleagues,
  views,
  bulk,
  counts,
  unread,
  serviceChoices,
}: {
  page: InboxData;
  notice?: string | undefined;
  errors?: FieldError[] | undefined;
  colleagues?: Colleague[] | undefined;
  views?: { list: SavedView[]; units: UnitRow[] } | undefined;
  bulk?: { changed: number; skipped: number } | undefined;
  counts?: UnreadCounts | undefined;
  /** The requests of the page that the agent has not opened since they last changed (marked "New"). */
  unread?: Set<string> | undefined;
  /** The services to filter on, by name in the agent's language (the address keeps the catalogue code). */
  serviceChoices?: ServiceChoice[] | undefined;
}) {
  const { t, lang } = usePage();
  const f = page.filters;
  const base = { status: f.status === 'active' ? null : f.status, channel: f.channel, service: f.serviceCode, sla: f.slaState };
  const here = `/${lang}/console${query({ view: f.view, ...base })}`;
  return (
    <ConsoleLayout title={t('console.inbox.title')} live counts={counts}>
      <Heading1>{t('console.inbox.title')}</Heading1>
      <ConsoleLinks />
      {bulk ? (
        <Alert type={bulk.skipped ? 'warning' : 'ok'}>
          {t('console.notice.bulk', { count: bulk.changed })}
          {bulk.skipped ? ` ${t('console.notice.bulkSkipped', { count: bulk.skipped })}` : ''}
        </Alert>
      ) : (
        notice && <Alert type="ok">{t(`console.notice.${notice}`)}</Alert>
      )}
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
      {views && <SavedViews views={views.list} units={views.units} here={here} />}
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
        <SelectField
          name="service"
          label={t('console.filter.service')}
          value={f.serviceCode ?? ''}
          errors={errors}
          options={[
            { value: '', label: t('console.filter.serviceAny') },
            ...(serviceChoices ?? []).map((s) => ({ value: s.code, label: s.label, lang: s.lang })),
            // A filter whose choices were not read (a form re-shown after an error) keeps its code.
            ...(f.serviceCode && !serviceChoices ? [{ value: f.serviceCode, label: f.serviceCode }] : []),
          ]}
        />
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
                  <th class="utrecht-table__header-cell" scope="col">
                    <span class="visually-hidden">{t('console.col.select')}</span>
                  </th>
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
                    <td class="utrecht-table__cell">
                      <input
                        type="checkbox"
                        class="utrecht-checkbox utrecht-checkbox--html-input"
                        name="ids"
                        value={row.id}
                        form="cc-bulk"
                        aria-label={t('console.bulk.select', { reference: row.reference })}
                      />
                    </td>
                    <th class="utrecht-table__header-cell" scope="row">
                      {unread?.has(row.id) && <strong class="cc-new">{t('console.unread.new')} </strong>}
                      <a class="utrecht-link" href={`/${lang}/console/requests/${row.id}`}>
                        {row.reference}
                      </a>
                    </th>
                    <td class="utrecht-table__cell" lang={row.language}>
                      {row.subject}
                      {row.tags.length > 0 && (
                        <ul class="cc-tags" aria-label={t('console.field.tag')}>
                          {row.tags.map((tag) => (
                            <li>{tag}</li>
                          ))}
                        </ul>
                      )}
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
                          <button
                            type="submit"
                            class="utrecht-button utrecht-button--secondary-action"
                            aria-label={t('console.claimReference', { reference: row.reference })}
                          >
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
      {page.rows.length > 0 && colleagues && <BulkForm colleagues={colleagues} returnTo={here} errors={errors} />}
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

/**
 * Bulk actions on the rows checked above (their checkboxes belong to this form through form="cc-bulk", since
 * a row's own claim form cannot hold them): one choice of action and value, a tag field, one button.
 */
function BulkForm({ colleagues, returnTo, errors }: { colleagues: Colleague[]; returnTo: string; errors?: FieldError[] | undefined }) {
  const { t, lang } = usePage();
  return (
    <form method="post" action={`/${lang}/console/bulk`} id="cc-bulk" class="utrecht-form">
      <fieldset class="utrecht-form-fieldset cc-bulk">
        <legend class="utrecht-form-fieldset__legend">{t('console.bulk.legend')}</legend>
        <CsrfField />
        <input type="hidden" name="returnTo" value={returnTo} />
        <div class="utrecht-form-field">
          <label class="utrecht-form-label" for="cc-bulk-action">
            {t('console.field.bulkAction')}
          </label>
          <select class="utrecht-select utrecht-select--html-select" id="cc-bulk-action" name="action">
            <optgroup label={t('console.bulk.assign')}>
              {colleagues.map((c) => (
                <option value={`assign:${c.id}`}>{c.displayName}</option>
              ))}
              <option value="assign:">{t('console.unassigned')}</option>
            </optgroup>
            <optgroup label={t('console.bulk.status')}>
              {(['open', 'waiting_user', 'waiting_second_line'] as const).map((s) => (
                <option value={`status:${s}`}>{t(`console.status.${s}`)}</option>
              ))}
            </optgroup>
            <optgroup label={t('console.bulk.close')}>
              {CONTACT_OUTCOMES.map((o) => (
                <option value={`close:${o}`}>{t(`console.outcome.${o}`)}</option>
              ))}
            </optgroup>
            <optgroup label={t('console.bulk.tagGroup')}>
              <option value="tag">{t('console.bulk.tag')}</option>
            </optgroup>
          </select>
        </div>
        <TextField name="tag" label={t('console.field.tag')} maxLength={40} description={t('console.bulk.tagHint')} errors={errors} />
        <SubmitButton variant="secondary">{t('console.bulk.submit')}</SubmitButton>
      </fieldset>
    </form>
  );
}

/** The actor's saved views (own and shared with a unit) as links, and a form to save the current filters. */
function SavedViews({ views, units, here }: { views: SavedView[]; units: UnitRow[]; here: string }) {
  const { t, lang, actor } = usePage();
  const unitName = (id: string | null) => units.find((u) => u.id === id)?.name;
  return (
    <details class="cc-views" open={views.length > 0}>
      <summary>{t('console.views.title')}</summary>
      {views.length > 0 && (
        <ul class="irisdesk-inline-list cc-tabs">
          {views.map((view) => (
            <li>
              <a class="utrecht-link" href={`/${lang}/console${view.filters ? `?${view.filters}` : ''}`}>
                {view.name}
              </a>
              {view.unitId && (
                <>
                  {' '}
                  ({t('console.views.sharedWith')} <Text value={unitName(view.unitId) ?? null} />)
                </>
              )}
              {view.ownerAccountId === actor?.accountId && (
                <form method="post" action={`/${lang}/console/views/${view.id}/delete`} class="irisdesk-inline-form">
                  <CsrfField />
                  <button
                    type="submit"
                    class="utrecht-button utrecht-button--secondary-action"
                    aria-label={t('console.views.deleteNamed', { name: view.name })}
                  >
                    {t('console.views.delete')}
                  </button>
                </form>
              )}
            </li>
          ))}
        </ul>
      )}
      <form method="post" action={`/${lang}/console/views`} class="utrecht-form cc-filters">
        <CsrfField />
        <input type="hidden" name="returnTo" value={here} />
        <TextField name="viewName" label={t('console.field.viewName')} maxLength={80} />
        <SelectField
          name="shareWith"
          label={t('console.field.shareWith')}
          value=""
          options={[{ value: '', label: t('console.views.personal') }, ...units.map((u) => ({ value: u.id, label: pickText(u.name, lang).text }))]}
        />
        <SubmitButton variant="secondary">{t('console.views.save')}</SubmitButton>
      </form>
    </details>
  );
}
