// Screens of data protection: the public privacy notice, the DPO's back office (subject requests, the register
// of processing activities with the retention periods, settings, support access) and a subject request's
// readable export in the person's language.
import { usePage } from '../platform/views/context.ts';
import { Layout } from '../platform/views/Layout.tsx';
import { Alert, CheckboxField, Form, Heading1, Link, Paragraph, SelectField, SubmitButton, Table, TextArea, TextField } from '../platform/views/components.tsx';
import { formatDate, formatDateTime } from '../platform/i18n/format.ts';
import type { ComponentChildren } from 'preact';
import type { FieldError } from '../platform/http/errors.ts';
import type { RetentionRule } from './retention.ts';
import type { PrivacySettingsRow, SubjectRequestRow, SupportAccessRow } from './repository.ts';
import type { SubjectExport } from './service.ts';

type Period = RetentionRule & { days: number; chosen: boolean };

/** A period in the reader's words: whole years when it is whole years, else months or days. */
function PeriodText({ days }: { days: number }) {
  const { t } = usePage();
  if (days % 365 === 0) return <>{t('privacy.years', { count: days / 365 })}</>;
  if (days % 30 === 0) return <>{t('privacy.months', { count: days / 30 })}</>;
  return <>{t('privacy.days', { count: days })}</>;
}

function RetentionTable({ periods, caption }: { periods: Period[]; caption: string }) {
  const { t } = usePage();
  return (
    <Table
      caption={caption}
      head={[t('privacy.category'), t('privacy.purposeBasis'), t('privacy.period'), t('privacy.afterwards')]}
      rows={periods.map((rule) => [
        t(`privacy.categories.${rule.category}`),
        t(`privacy.basis.${rule.basis}`),
        <>
          <PeriodText days={rule.days} /> {t(`privacy.from.${rule.from}`)}
        </>,
        t(`privacy.outcome.${rule.outcome}`),
      ])}
    />
  );
}

export interface NoticeProps {
  periods: Period[];
  processors: Array<'hosting' | 'mail' | 'sms'>;
  organisation: { code: string; name: string; contact: string | null } | null;
  organisations: Array<{ code: string; name: string }>;
}

/** The public privacy notice (GDPR art. 13 and 14), drawn from the retention schedule and the settings. */
export function PrivacyNoticePage({ periods, processors, organisation, organisations }: NoticeProps) {
  const { t, lang } = usePage();
  return (
    <Layout title={t('privacy.notice.title')} description={t('privacy.notice.lead')}>
      <Heading1>{t('privacy.notice.title')}</Heading1>
      <Paragraph lead>{t('privacy.notice.lead')}</Paragraph>
      <h2 class="utrecht-heading-2">{t('privacy.notice.controllerHeading')}</h2>
      <Paragraph>{organisation ? t('privacy.notice.controllerOne', { name: organisation.name }) : t('privacy.notice.controllerAll')}</Paragraph>
      {organisation?.contact && <Paragraph>{t('privacy.notice.contact', { contact: organisation.contact })}</Paragraph>}
      <form method="get" action={`/${lang}/privacy`} class="utrecht-form">
        <SelectField
          name="organisation"
          label={t('privacy.notice.chooseOrganisation')}
          value={organisation?.code ?? ''}
          options={[{ value: '', label: t('privacy.notice.allOrganisations') }, ...organisations.map((item) => ({ value: item.code, label: item.name }))]}
        />
        <SubmitButton variant="secondary">{t('privacy.notice.show')}</SubmitButton>
      </form>
      <h2 class="utrecht-heading-2">{t('privacy.notice.whatHeading')}</h2>
      <Paragraph>{t('privacy.notice.what')}</Paragraph>
      <h2 class="utrecht-heading-2">{t('privacy.notice.howLongHeading')}</h2>
      <RetentionTable periods={periods} caption={t('privacy.notice.howLongCaption')} />
      <h2 class="utrecht-heading-2">{t('privacy.notice.processorsHeading')}</h2>
      <ul class="utrecht-unordered-list">
        {processors.map((processor) => (
          <li class="utrecht-unordered-list__item">{t(`privacy.processors.${processor}`)}</li>
        ))}
      </ul>
      <Paragraph>{t('privacy.notice.noTransfer')}</Paragraph>
      <h2 class="utrecht-heading-2">{t('privacy.notice.rightsHeading')}</h2>
      <Paragraph>{t('privacy.notice.rights')}</Paragraph>
      <Paragraph>
        <Link href={`/${lang}/privacy/requests${organisation ? `?organisation=${encodeURIComponent(organisation.code)}` : ''}`}>
          {t('privacy.selfService.noticeLink')}
        </Link>
      </Paragraph>
      <Paragraph>{t('privacy.notice.statistics')}</Paragraph>
      <h2 class="utrecht-heading-2">{t('privacy.notice.complaintHeading')}</h2>
      <Paragraph>
        {t('privacy.notice.complaint')} <Link href={t('privacy.notice.authorityUrl')}>{t('privacy.notice.authorityName')}</Link>
      </Paragraph>
    </Layout>
  );
}

export interface BackOfficeProps {
  organisation: { id: string; code: string; name: string } | null;
  periods: Period[];
  settings: PrivacySettingsRow;
  requests: SubjectRequestRow[];
  accesses: Array<SupportAccessRow & { accountName: string; organisationCode: string }>;
  isOfficer: boolean;
  canOpenAccess: boolean;
  organisations: Array<{ code: string; name: string }>;
  errors?: FieldError[] | undefined;
  values?: Record<string, string> | undefined;
  notice?: string | undefined;
}

/** The DPO's page: the register of processing activities (art. 30), subject requests, settings; support access. */
export function PrivacyBackOfficePage(props: BackOfficeProps) {
  const { t, lang } = usePage();
  const { organisation, periods, settings, requests, accesses, errors, values } = props;
  const editable = periods.filter((rule) => rule.appliedBy === 'privacy');
  return (
    <Layout title={t('privacy.admin.title')} backOffice section="privacy">
      <Heading1>{t('privacy.admin.title')}</Heading1>
      {props.notice && <Alert type="ok">{t(props.notice)}</Alert>}
      {props.isOfficer && (
        <>
          <h2 class="utrecht-heading-2">{t('privacy.admin.requestsHeading')}</h2>
          <Paragraph>{t('privacy.admin.requestsIntro')}</Paragraph>
          <Form action={`/${lang}/admin/privacy/requests`}>
            <SelectField
              name="kind"
              label={t('privacy.admin.kind')}
              value={values?.kind ?? 'access'}
              options={[
                { value: 'access', label: t('privacy.kind.access') },
                { value: 'erasure', label: t('privacy.kind.erasure') },
              ]}
              errors={errors}
            />
            <TextField name="email" type="email" label={t('privacy.admin.email')} value={values?.email} required errors={errors} autocomplete="off" />
            <TextField
              name="phone"
              type="tel"
              label={t('privacy.admin.phone')}
              value={values?.phone}
              errors={errors}
              description={t('privacy.admin.phoneHint')}
            />
            <SelectField
              name="language"
              label={t('privacy.admin.language')}
              value={values?.language ?? lang}
              options={[
                { value: 'fr', label: 'Français', lang: 'fr' },
                { value: 'nl', label: 'Nederlands', lang: 'nl' },
                { value: 'en', label: 'English', lang: 'en' },
              ]}
            />
            <TextArea name="reason" label={t('privacy.admin.reason')} value={values?.reason} maxLength={1000} rows={3} errors={errors} />
            <SubmitButton>{t('privacy.admin.start')}</SubmitButton>
          </Form>
          <Table
            caption={t('privacy.admin.requestsCaption', { count: requests.length })}
            head={[
              t('privacy.admin.when'),
              t('privacy.selfService.reference'),
              t('privacy.admin.kind'),
              t('privacy.admin.status'),
              t('privacy.selfService.due'),
              t('privacy.admin.found'),
            ]}
            rows={requests.map((request) => [
              <Link href={`/${lang}/admin/privacy/requests/${request.id}`}>
                <time dateTime={request.createdAt.toISOString()}>{formatDateTime(request.createdAt, lang)}</time>
              </Link>,
              request.reference ?? '—',
              t(`privacy.kind.${request.kind}`),
              t(`privacy.status.${request.status}`),
              <DueDate request={request} />,
              Object.entries(request.summary)
                .filter(([, count]) => count > 0)
                .map(([key, count]) => `${t(`privacy.counts.${key}`)}: ${count}`)
                .join(', ') || '—',
            ])}
          />
        </>
      )}
      {organisation && (
        <>
          <h2 class="utrecht-heading-2">{t('privacy.admin.registerHeading', { name: organisation.name })}</h2>
          <Paragraph>{t('privacy.admin.registerIntro')}</Paragraph>
          <RetentionTable periods={periods} caption={t('privacy.admin.registerCaption')} />
          <h3 class="utrecht-heading-3">{t('privacy.admin.changePeriod')}</h3>
          <Form action={`/${lang}/admin/privacy/retention`}>
            <SelectField
              name="category"
              label={t('privacy.category')}
              value={values?.category}
              options={editable.map((rule) => ({
                value: rule.category,
                label: t('privacy.admin.categoryBounds', { category: t(`privacy.categories.${rule.category}`), min: rule.minDays, max: rule.maxDays }),
              }))}
            />
            <TextField
              name="days"
              type="number"
              label={t('privacy.admin.days')}
              value={values?.days}
              description={t('privacy.admin.daysHint')}
              errors={errors}
            />
            <SubmitButton variant="secondary">{t('privacy.admin.savePeriod')}</SubmitButton>
          </Form>
          <h3 class="utrecht-heading-3">{t('privacy.admin.settingsHeading')}</h3>
          <Form action={`/${lang}/admin/privacy/settings`}>
            <CheckboxField
              name="releaseFreeText"
              label={t('privacy.admin.releaseFreeText')}
              description={t('privacy.admin.releaseHint')}
              checked={settings.releaseFreeText}
            />
            <TextField
              name="controllerContact"
              label={t('privacy.admin.controllerContact')}
              value={settings.controllerContact ?? ''}
              maxLength={300}
              errors={errors}
            />
            <SubmitButton variant="secondary">{t('privacy.admin.saveSettings')}</SubmitButton>
          </Form>
        </>
      )}
      <h2 class="utrecht-heading-2" id="support-access">
        {t('privacy.admin.supportHeading')}
      </h2>
      <Paragraph>{t('privacy.admin.supportIntro')}</Paragraph>
      {props.canOpenAccess && (
        <Form action={`/${lang}/admin/privacy/support-access`}>
          <SelectField
            name="organisation"
            label={t('privacy.admin.supportOrganisation')}
            value={values?.organisation}
            options={props.organisations.map((item) => ({ value: item.code, label: item.name }))}
          />
          <TextArea
            name="reason"
            label={t('privacy.admin.supportReason')}
            value={values?.supportReason}
            maxLength={1000}
            rows={3}
            required
            errors={errors}
            idSuffix="support"
          />
          <TextField name="minutes" type="number" label={t('privacy.admin.supportMinutes')} value={values?.minutes ?? '60'} errors={errors} />
          <SubmitButton variant="secondary">{t('privacy.admin.supportOpen')}</SubmitButton>
        </Form>
      )}
      <Table
        caption={t('privacy.admin.supportCaption', { count: accesses.length })}
        head={[
          t('privacy.admin.when'),
          t('privacy.admin.supportWho'),
          t('privacy.admin.supportOrganisation'),
          t('privacy.admin.supportReason'),
          t('privacy.admin.supportUntil'),
        ]}
        rows={accesses.map((access) => [
          formatDateTime(access.openedAt, lang),
          access.accountName,
          access.organisationCode,
          access.reason,
          formatDateTime(access.closedAt ?? access.expiresAt, lang),
        ])}
      />
    </Layout>
  );
}

/** When a request the person filed is due (GDPR art. 12(3)), marked when late and still open. */
export function DueDate({ request }: { request: SubjectRequestRow }) {
  const { t, lang } = usePage();
  if (!request.dueAt) return <>—</>;
  const open = !['answered', 'refused'].includes(request.status);
  return (
    <>
      <time dateTime={request.dueAt.toISOString()}>{formatDate(request.dueAt, lang)}</time>
      {open && request.dueAt.getTime() < Date.now() && <strong> {t('privacy.selfService.overdue')}</strong>}
    </>
  );
}

/** What an access export holds, readable: the requests with their references, appointments, mail, other counts. */
export function ExportTables({ data }: { data: SubjectExport }) {
  const { t, lang } = usePage();
  return (
    <>
      <Table
        caption={t('privacy.request.requestsCaption', { count: data.contactCenter.requests.length })}
        head={[t('privacy.request.reference'), t('privacy.request.subject'), t('privacy.admin.status'), t('privacy.admin.when')]}
        rows={data.contactCenter.requests.map((item) => [
          item.reference,
          item.subject,
          t(`privacy.requestStatus.${item.status}`),
          formatDateTime(new Date(item.createdAt), lang),
        ])}
      />
      <Table
        caption={t('privacy.request.appointmentsCaption', { count: data.appointments.appointments.length })}
        head={[t('privacy.request.reference'), t('privacy.admin.when'), t('privacy.admin.status')]}
        rows={(data.appointments.appointments as Array<{ reference: string; startsAt: string; status: string }>).map((item) => [
          item.reference,
          formatDateTime(new Date(item.startsAt), lang),
          item.status,
        ])}
      />
      <Table
        caption={t('privacy.request.mailCaption', { count: data.mail.length })}
        head={[t('privacy.request.subject'), t('privacy.admin.when')]}
        rows={(data.mail as Array<{ subject: string; createdAt: string }>).map((item) => [item.subject, formatDateTime(new Date(item.createdAt), lang)])}
      />
      <Paragraph>
        {(
          [
            ['chats', data.chats],
            ['tickets', data.queueTickets],
            ['inboundMail', data.inboundMail],
            ['sms', data.sms],
          ] as const
        )
          .map(([key, items]) => `${t(`privacy.counts.${key}`)}: ${items?.length ?? 0}`)
          .join(' · ')}
      </Paragraph>
      <Paragraph>{t('privacy.request.auditCount', { count: data.audit.length })}</Paragraph>
    </>
  );
}

/** A subject request: its state and, for an access request, the readable export (in the person's language). */
export function SubjectRequestPage({ request, children }: { request: SubjectRequestRow; children?: ComponentChildren }) {
  const { t, lang } = usePage();
  const data = request.export as SubjectExport | null;
  return (
    <Layout title={t('privacy.request.title')} backOffice section="privacy">
      <Heading1>{t('privacy.request.title')}</Heading1>
      <Paragraph>
        {t(`privacy.kind.${request.kind}`)} · {t(`privacy.status.${request.status}`)} · {formatDateTime(request.createdAt, lang)}
      </Paragraph>
      {(request.kind === 'access' || request.kind === 'portability') && request.language !== lang && (
        <Paragraph>
          <Link href={`/${request.language}/admin/privacy/requests/${request.id}`} hrefLang={request.language}>
            {t('privacy.request.inPersonLanguage')}
          </Link>
        </Paragraph>
      )}
      {request.kind === 'erasure' && request.status === 'done' && <Alert type="ok">{t('privacy.request.erased')}</Alert>}
      {children}
      {data && (
        <>
          <Paragraph>
            <Link href={`/api/v1/privacy/subject-requests/${request.id}`}>{t('privacy.request.json')}</Link>
          </Paragraph>
          <ExportTables data={data} />
        </>
      )}
    </Layout>
  );
}
