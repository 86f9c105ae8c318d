// Screens of agent safety: the short report form (and the completion of a help alert), the incident with
// its follow-up, the lists, the anonymous dashboard and the contact-point staff. Every text comes from the
// catalogue; every form works without JavaScript.
import type { ComponentChildren } from 'preact';
import { usePage } from '../platform/views/context.ts';
import { Layout } from '../platform/views/Layout.tsx';
import {
  Alert,
  CheckboxField,
  ChoiceGroup,
  CsrfField,
  DateField,
  ErrorSummary,
  Form,
  Heading1,
  Link,
  Paragraph,
  SelectField,
  SubmitButton,
  Table,
  Text,
  TextArea,
  TextField,
} from '../platform/views/components.tsx';
import type { FieldError } from '../platform/http/errors.ts';
import { LOCALES, pickText, type Language, type LocalizedText } from '../platform/i18n/languages.ts';
import { formatDate, formatDateTime, formatNumber } from '../platform/i18n/format.ts';
import type { Translate } from '../platform/i18n/messages.ts';
import { ACTION_KINDS, INCIDENT_TYPES, SEVERITIES, type IncidentListRow, type MemberRecord } from './repository.ts';
import type { IncidentDetail } from './service.ts';
import { IncidentReportButton } from './IncidentReportButton.tsx';

export type FormValues = Record<string, string | undefined>;

const SECTION = 'safety';
const label = (t: Translate) => (field: string) => t(`safety.field.${field}`);

function placeName(row: { contactPointName: LocalizedText | null; placeText: string | null }, lang: Language): ComponentChildren {
  if (row.contactPointName) {
    const picked = pickText(row.contactPointName, lang);
    return picked.lang === lang ? picked.text : <span lang={picked.lang}>{picked.text}</span>;
  }
  return row.placeText ?? '–';
}

/** Free text with its line breaks kept (no inline styles: the CSP forbids them). */
function Lines({ text }: { text: string }) {
  const lines = text.split(/\r?\n/);
  return (
    <>
      {lines.map((line, index) => (
        <>
          {index > 0 && <br />}
          {line}
        </>
      ))}
    </>
  );
}

function typeText(type: string | null, t: Translate): string {
  return type ? t(`safety.type.${type}`) : t('safety.type.unspecified');
}

// ---- the report form

export interface ReportFormProps {
  places: Array<{ id: string; name: LocalizedText; mine: boolean }>;
  values: FormValues;
  errors?: FieldError[] | undefined;
  /** Completing the details of a help alert instead of a new report. */
  completing?: { incidentId: string } | undefined;
  returnTo?: string | undefined;
}

function ReportFields({ places, values, errors }: Pick<ReportFormProps, 'places' | 'values' | 'errors'>) {
  const { t, lang } = usePage();
  return (
    <>
      <ChoiceGroup
        type="radio"
        class="irisdesk-choice"
        optionClass="irisdesk-safety-radio"
        name="type"
        legend={t('safety.field.type')}
        checked={values.type}
        errors={errors}
        required
        options={INCIDENT_TYPES.map((type) => ({ value: type, label: t(`safety.type.${type}`) }))}
      />
      <SelectField
        name="contactPointId"
        label={t('safety.field.contactPointId')}
        errors={errors}
        value={values.contactPointId ?? ''}
        options={[...places.map((place) => ({ value: place.id, label: pickText(place.name, lang).text })), { value: '', label: t('safety.form.otherPlace') }]}
      />
      <TextField
        name="placeText"
        label={t('safety.field.placeText')}
        description={t('safety.form.placeTextHint')}
        errors={errors}
        value={values.placeText ?? ''}
        maxLength={200}
      />
      <TextField
        name="occurredAt"
        type="datetime-local"
        label={t('safety.field.occurredAt')}
        description={t('safety.form.occurredAtHint')}
        errors={errors}
        value={values.occurredAt ?? ''}
        required
      />
      <TextArea
        name="description"
        label={t('safety.field.description')}
        description={t('safety.form.descriptionHint')}
        errors={errors}
        value={values.description}
        rows={5}
        maxLength={4000}
        required
      />
      <TextArea
        name="personsInvolved"
        label={t('safety.field.personsInvolved')}
        description={t('safety.form.personsHint')}
        errors={errors}
        value={values.personsInvolved}
        rows={3}
        maxLength={2000}
      />
      <ChoiceGroup
        type="radio"
        class="irisdesk-choice"
        optionClass="irisdesk-safety-radio"
        name="severity"
        legend={t('safety.field.severity')}
        checked={values.severity}
        errors={errors}
        options={SEVERITIES.map((severity) => ({ value: severity, label: t(`safety.severity.${severity}`) }))}
      />
    </>
  );
}

export function ReportFormPage(props: ReportFormProps) {
  const { t, lang } = usePage();
  const action = props.completing ? `/${lang}/safety/incidents/${props.completing.incidentId}/details` : `/${lang}/safety/report`;
  const title = props.completing ? t('safety.complete.title') : t('safety.report.title');
  return (
    <Layout title={title} backOffice section={SECTION}>
      <Heading1>{title}</Heading1>
      <Paragraph lead>{props.completing ? t('safety.complete.intro') : t('safety.report.intro')}</Paragraph>
      <ErrorSummary errors={props.errors} labelOf={label(t)} />
      <Form action={action}>
        {props.returnTo && <input type="hidden" name="returnTo" value={props.returnTo} />}
        <ReportFields places={props.places} values={props.values} errors={props.errors} />
        <Paragraph>{t('safety.report.visibility')}</Paragraph>
        <div class="irisdesk-actions">
          <SubmitButton>{props.completing ? t('safety.complete.submit') : t('safety.report.submit')}</SubmitButton>
          {props.returnTo && <Link href={props.returnTo}>{t('safety.back')}</Link>}
        </div>
      </Form>
    </Layout>
  );
}

// ---- lists

function IncidentTable({ caption, rows, withReporter }: { caption: string; rows: IncidentListRow[]; withReporter: boolean }) {
  const { t, lang } = usePage();
  if (rows.length === 0) return <Paragraph>{t('safety.list.empty')}</Paragraph>;
  const head = [
    t('safety.field.occurredAt'),
    t('safety.field.type'),
    t('safety.field.place'),
    ...(withReporter ? [t('safety.list.reporter')] : []),
    t('safety.list.status'),
    t('safety.list.openActions'),
  ];
  return (
    <Table
      caption={caption}
      head={head}
      rows={rows.map((row) => [
        <Link href={`/${lang}/safety/incidents/${row.id}`}>{formatDateTime(new Date(row.occurredAt), lang)}</Link>,
        <>
          {typeText(row.type, t)}
          {row.helpRequested && ` (${t('safety.list.help')})`}
        </>,
        placeName(row, lang),
        ...(withReporter ? [row.reporterName ?? t('safety.list.formerAccount')] : []),
        row.detailsPending ? t('safety.status.pending') : t(`safety.status.${row.status}`),
        formatNumber(row.openActions, lang),
      ])}
    />
  );
}

export function SafetyHomePage(props: {
  own: IncidentListRow[];
  managed: IncidentListRow[] | null;
  myPlaceId: string | null;
  statistics: boolean;
  staff: boolean;
}) {
  const { t, lang } = usePage();
  return (
    <Layout title={t('safety.home.title')} backOffice section={SECTION}>
      <Heading1>{t('safety.home.title')}</Heading1>
      <Paragraph lead>{t('safety.home.intro')}</Paragraph>
      <IncidentReportButton contactPointId={props.myPlaceId} />
      {(props.statistics || props.staff) && (
        <ul class="utrecht-unordered-list">
          {props.statistics && (
            <li class="utrecht-unordered-list__item">
              <Link href={`/${lang}/safety/statistics`}>{t('safety.statistics.title')}</Link>
            </li>
          )}
          {props.staff && (
            <li class="utrecht-unordered-list__item">
              <Link href={`/${lang}/safety/staff`}>{t('safety.staff.title')}</Link>
            </li>
          )}
        </ul>
      )}
      {props.managed && (
        <section aria-labelledby="managed-title">
          <h2 class="utrecht-heading-2" id="managed-title">
            {t('safety.home.managed')}
          </h2>
          <IncidentTable caption={t('safety.home.managedCaption')} rows={props.managed} withReporter />
        </section>
      )}
      <section aria-labelledby="own-title">
        <h2 class="utrecht-heading-2" id="own-title">
          {t('safety.home.own')}
        </h2>
        <IncidentTable caption={t('safety.home.ownCaption')} rows={props.own} withReporter={false} />
      </section>
    </Layout>
  );
}

// ---- one incident

export type IncidentForm = 'action' | 'close' | `finish-${string}`;

export function IncidentPage(props: {
  detail: IncidentDetail;
  assignees: Array<{ id: string; displayName: string }>;
  notice?: string | undefined;
  errors?: { form: IncidentForm; list: FieldError[] } | undefined;
  values?: FormValues | undefined;
  returnTo?: string | undefined;
}) {
  const { t, lang, actor } = usePage();
  const { incident, actions, view } = props.detail;
  const title = t('safety.incident.title', { type: typeText(incident.type, t) });
  const errorsFor = (form: IncidentForm) => (props.errors?.form === form ? props.errors.list : undefined);
  const values = props.values ?? {};
  const manager = view === 'manager';
  return (
    <Layout title={title} backOffice section={SECTION}>
      <Heading1>{title}</Heading1>
      {props.notice && <Alert type="ok">{t(`safety.notice.${props.notice}`)}</Alert>}
      {props.returnTo && (
        <Paragraph>
          <Link href={props.returnTo}>{t('safety.back')}</Link>
        </Paragraph>
      )}
      {incident.detailsPending && (
        <Alert type="warning">
          {t('safety.incident.pending')}{' '}
          {(incident.reporterAccountId === actor?.accountId || manager) && (
            <Link href={`/${lang}/safety/incidents/${incident.id}/details`}>{t('safety.incident.completeLink')}</Link>
          )}
        </Alert>
      )}
      {incident.anonymisedAt && (
        <Alert type="info">
          {t('safety.incident.anonymised', {
            date: formatDateTime(new Date(incident.anonymisedAt), lang),
            years: Math.round((new Date(incident.anonymisedAt).getTime() - new Date(incident.createdAt).getTime()) / (365.25 * 86_400_000)),
          })}
        </Alert>
      )}
      <dl class="irisdesk-safety-incident">
        <dt>{t('safety.field.type')}</dt>
        <dd>{typeText(incident.type, t)}</dd>
        <dt>{t('safety.field.severity')}</dt>
        <dd>{incident.severity ? t(`safety.severity.${incident.severity}`) : '–'}</dd>
        <dt>{t('safety.field.place')}</dt>
        <dd>{placeName(incident, lang)}</dd>
        <dt>{t('safety.field.occurredAt')}</dt>
        <dd>{formatDateTime(new Date(incident.occurredAt), lang)}</dd>
        <dt>{t('safety.list.reporter')}</dt>
        <dd>{incident.anonymisedAt ? t('safety.incident.removedText') : (incident.reporterName ?? t('safety.list.formerAccount'))}</dd>
        <dt>{t('safety.field.description')}</dt>
        <dd>
          <Lines text={incident.anonymisedAt ? t('safety.incident.removedText') : incident.description || '–'} />
        </dd>
        <dt>{t('safety.field.personsInvolved')}</dt>
        <dd>
          <Lines text={incident.anonymisedAt ? t('safety.incident.removedText') : (incident.personsInvolved ?? '–')} />
        </dd>
        <dt>{t('safety.list.status')}</dt>
        <dd>
          {incident.detailsPending ? t('safety.status.pending') : t(`safety.status.${incident.status}`)}
          {incident.closedAt &&
            ` — ${t('safety.incident.closedOn', { date: formatDateTime(new Date(incident.closedAt), lang), name: incident.closedByName ?? '–' })}`}
        </dd>
        {manager && incident.closingNote && (
          <>
            <dt>{t('safety.field.closingNote')}</dt>
            <dd>
              <Lines text={incident.closingNote} />
            </dd>
          </>
        )}
      </dl>
      {view === 'reporter' && <Paragraph>{t('safety.incident.reporterNote')}</Paragraph>}

      <section aria-labelledby="actions-title">
        <h2 class="utrecht-heading-2" id="actions-title">
          {t('safety.actions.title')}
        </h2>
        {actions.length === 0 ? (
          <Paragraph>{t('safety.actions.none')}</Paragraph>
        ) : (
          <ul class="utrecht-unordered-list irisdesk-safety-action-list">
            {actions.map((action) => {
              const form: IncidentForm = `finish-${action.id}`;
              const errors = errorsFor(form);
              return (
                <li class="utrecht-unordered-list__item">
                  <h3 class="utrecht-heading-3">
                    {t(`safety.action.${action.kind}`)} — {t(`safety.actionStatus.${action.status}`)}
                  </h3>
                  <p class="utrecht-paragraph">
                    {action.dueDate && t('safety.actions.due', { date: formatDate(new Date(`${action.dueDate}T12:00:00Z`), lang) })}
                    {action.doneAt && ` ${t('safety.actions.doneOn', { date: formatDateTime(new Date(action.doneAt), lang) })}`}
                    {manager && action.assigneeName && ` ${t('safety.actions.assignee', { name: action.assigneeName })}`}
                  </p>
                  {manager && action.note && (
                    <p class="utrecht-paragraph">
                      <Lines text={action.note} />
                    </p>
                  )}
                  {manager && action.outcomeNote && <p class="utrecht-paragraph">{t('safety.actions.outcome', { note: action.outcomeNote })}</p>}
                  {manager && action.status === 'open' && incident.status === 'open' && (
                    <Form action={`/${lang}/safety/incidents/${incident.id}/actions/${action.id}`}>
                      <ErrorSummary errors={errors} labelOf={label(t)} />
                      <TextField
                        name="outcomeNote"
                        idSuffix={errors ? undefined : action.id}
                        label={t('safety.field.outcomeNote')}
                        description={t('safety.actions.outcomeHint')}
                        errors={errors}
                        maxLength={2000}
                      />
                      <div class="irisdesk-actions">
                        <button type="submit" name="status" value="done" class="utrecht-button utrecht-button--primary-action">
                          {t('safety.actions.markDone')}
                        </button>
                        <button type="submit" name="status" value="waived" class="utrecht-button utrecht-button--secondary-action">
                          {t('safety.actions.waive')}
                        </button>
                      </div>
                    </Form>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </section>

      {manager && incident.status === 'open' && (
        <section aria-labelledby="add-action-title">
          <h2 class="utrecht-heading-2" id="add-action-title">
            {t('safety.actions.add')}
          </h2>
          <ErrorSummary errors={errorsFor('action')} labelOf={label(t)} />
          <Form action={`/${lang}/safety/incidents/${incident.id}/actions`}>
            <ChoiceGroup
              type="radio"
              class="irisdesk-choice"
              optionClass="irisdesk-safety-radio"
              name="kind"
              legend={t('safety.field.kind')}
              checked={values.kind}
              errors={errorsFor('action')}
              required
              options={ACTION_KINDS.map((kind) => ({ value: kind, label: t(`safety.action.${kind}`) }))}
            />
            <SelectField
              name="assigneeAccountId"
              label={t('safety.field.assigneeAccountId')}
              errors={errorsFor('action')}
              value={values.assigneeAccountId}
              options={[
                { value: '', label: t('safety.actions.noAssignee') },
                ...props.assignees.map((account) => ({ value: account.id, label: account.displayName })),
              ]}
            />
            <DateField name="dueDate" label={t('safety.field.dueDate')} errors={errorsFor('action')} value={values.dueDate} />
            <TextArea name="note" label={t('safety.field.note')} errors={errorsFor('action')} value={values.note} rows={3} maxLength={2000} />
            <SubmitButton variant="secondary">{t('safety.actions.addSubmit')}</SubmitButton>
          </Form>
        </section>
      )}

      {manager && incident.status === 'open' && (
        <section aria-labelledby="close-title">
          <h2 class="utrecht-heading-2" id="close-title">
            {t('safety.close.title')}
          </h2>
          <Paragraph>{t('safety.close.rule')}</Paragraph>
          <ErrorSummary errors={errorsFor('close')} labelOf={label(t)} />
          <Form action={`/${lang}/safety/incidents/${incident.id}/close`}>
            <TextArea
              name="closingNote"
              label={t('safety.field.closingNote')}
              errors={errorsFor('close')}
              value={values.closingNote}
              rows={3}
              maxLength={2000}
            />
            <SubmitButton>{t('safety.close.submit')}</SubmitButton>
          </Form>
        </section>
      )}
      <Paragraph>
        <Link href={`/${lang}/safety`}>{t('safety.home.title')}</Link>
      </Paragraph>
    </Layout>
  );
}

// ---- dashboard (no names, no free text)

export interface StatisticsView {
  from: string;
  to: string;
  total: number;
  rows: Array<{ month: string; type: string; contactPointId: string | null; contactPointName: LocalizedText | null; count: number }>;
}

const monthLabel = (month: string, lang: Language) =>
  new Intl.DateTimeFormat(LOCALES[lang], { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-01T12:00:00Z`));

export function StatisticsPage({ statistics, months, errors }: { statistics: StatisticsView; months: string[]; errors?: FieldError[] | undefined }) {
  const { t, lang } = usePage();
  const types = [...INCIDENT_TYPES, 'unspecified'] as const;
  const byType = (predicate: (row: StatisticsView['rows'][number]) => boolean) =>
    types.map((type) => statistics.rows.filter((row) => row.type === type && predicate(row)).reduce((sum, row) => sum + row.count, 0));
  const places = new Map<string, { name: LocalizedText | null }>();
  for (const row of statistics.rows) places.set(row.contactPointId ?? '', { name: row.contactPointName });
  const usedTypes = types.filter((type, index) => type !== 'unspecified' || byType(() => true)[index]! > 0);
  const cells = (counts: number[]) => usedTypes.map((type) => formatNumber(counts[types.indexOf(type)]!, lang));
  return (
    <Layout title={t('safety.statistics.title')} backOffice section={SECTION}>
      <Heading1>{t('safety.statistics.title')}</Heading1>
      <Paragraph lead>{t('safety.statistics.intro')}</Paragraph>
      <ErrorSummary errors={errors} labelOf={label(t)} />
      <form method="get" action={`/${lang}/safety/statistics`} class="utrecht-form irisdesk-actions">
        <TextField name="from" type="month" label={t('safety.field.from')} errors={errors} value={statistics.from} />
        <TextField name="to" type="month" label={t('safety.field.to')} errors={errors} value={statistics.to} />
        <SubmitButton variant="secondary">{t('safety.statistics.show')}</SubmitButton>
      </form>
      <Paragraph>{t('safety.statistics.total', { count: statistics.total, countText: formatNumber(statistics.total, lang) })}</Paragraph>
      <Table
        caption={t('safety.statistics.byMonth')}
        head={[t('safety.statistics.month'), ...usedTypes.map((type) => typeText(type === 'unspecified' ? null : type, t)), t('safety.statistics.totalColumn')]}
        rows={months.map((month) => {
          const counts = byType((row) => row.month === month);
          return [
            monthLabel(month, lang),
            ...cells(counts),
            formatNumber(
              counts.reduce((a, b) => a + b, 0),
              lang,
            ),
          ];
        })}
      />
      <Table
        caption={t('safety.statistics.byPlace')}
        head={[t('safety.field.place'), ...usedTypes.map((type) => typeText(type === 'unspecified' ? null : type, t)), t('safety.statistics.totalColumn')]}
        rows={[...places.entries()].map(([id, place]) => {
          const counts = byType((row) => (row.contactPointId ?? '') === id);
          return [
            place.name ? <Text value={place.name} /> : t('safety.statistics.otherPlaces'),
            ...cells(counts),
            formatNumber(
              counts.reduce((a, b) => a + b, 0),
              lang,
            ),
          ];
        })}
      />
      <Paragraph>
        <Link href={`/api/v1/safety/statistics?from=${statistics.from}&to=${statistics.to}`}>{t('safety.statistics.json')}</Link>
      </Paragraph>
    </Layout>
  );
}

// ---- who works where

export function StaffPage(props: {
  contactPoints: Array<{ id: string; name: LocalizedText; active: boolean }>;
  members: MemberRecord[];
  accounts: Array<{ id: string; displayName: string; email: string }>;
  errors?: FieldError[] | undefined;
  values?: FormValues | undefined;
  notice?: string | undefined;
}) {
  const { t, lang } = usePage();
  const values = props.values ?? {};
  return (
    <Layout title={t('safety.staff.title')} backOffice section={SECTION}>
      <Heading1>{t('safety.staff.title')}</Heading1>
      <Paragraph lead>{t('safety.staff.intro')}</Paragraph>
      {props.notice && <Alert type="ok">{t(`safety.notice.${props.notice}`)}</Alert>}
      {props.contactPoints.map((point) => {
        const members = props.members.filter((member) => member.contactPointId === point.id);
        return (
          <section aria-labelledby={`cp-${point.id}`}>
            <h2 class="utrecht-heading-2" id={`cp-${point.id}`}>
              <Text value={point.name} />
            </h2>
            {members.length === 0 ? (
              <Paragraph>{t('safety.staff.none')}</Paragraph>
            ) : (
              <Table
                caption={t('safety.staff.caption', { place: pickText(point.name, lang).text })}
                head={[t('safety.staff.name'), t('safety.staff.role'), t('safety.staff.change')]}
                rows={members.map((member) => [
                  member.displayName,
                  member.isManager ? t('safety.staff.manager') : t('safety.staff.colleague'),
                  <form method="post" action={`/${lang}/safety/staff/remove`} class="irisdesk-inline-form">
                    <CsrfField />
                    <input type="hidden" name="contactPointId" value={point.id} />
                    <input type="hidden" name="accountId" value={member.accountId} />
                    <button type="submit" class="utrecht-button utrecht-button--subtle">
                      {t('safety.staff.remove', { name: member.displayName })}
                    </button>
                  </form>,
                ])}
              />
            )}
          </section>
        );
      })}
      <section aria-labelledby="add-member-title">
        <h2 class="utrecht-heading-2" id="add-member-title">
          {t('safety.staff.add')}
        </h2>
        <ErrorSummary errors={props.errors} labelOf={label(t)} />
        <Form action={`/${lang}/safety/staff`}>
          <SelectField
            name="contactPointId"
            label={t('safety.field.contactPointId')}
            errors={props.errors}
            value={values.contactPointId}
            options={props.contactPoints.map((point) => ({ value: point.id, label: pickText(point.name, lang).text }))}
          />
          <SelectField
            name="accountId"
            label={t('safety.field.accountId')}
            errors={props.errors}
            value={values.accountId}
            options={props.accounts.map((account) => ({ value: account.id, label: `${account.displayName} (${account.email})` }))}
          />
          <CheckboxField name="isManager" label={t('safety.field.isManager')} errors={props.errors} checked={values.isManager === 'true'} />
          <SubmitButton>{t('safety.staff.addSubmit')}</SubmitButton>
        </Form>
      </section>
    </Layout>
  );
}
