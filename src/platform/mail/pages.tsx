// Back-office screens of outgoing e-mail: the list (filter by status and recipient) and one message.
import type { ComponentChildren } from 'preact';
import { usePage } from '../views/context.ts';
import { Layout } from '../views/Layout.tsx';
import { Alert, Heading1, Link, Paragraph, SelectField, SubmitButton, Table, TextField } from '../views/components.tsx';
import { formatDateTime, formatNumber } from '../i18n/format.ts';
import { LANGUAGE_NAMES, isLanguage } from '../i18n/languages.ts';
import type { JobTypeStatistics } from '../jobs/queue.ts';
import { SupportAccessHidden } from '../../privacy/support-notice.tsx';
import type { MailRow, MailStatistics, MailStatus, MailSummaryRow } from './repository.ts';

export const MAIL_STATUSES: MailStatus[] = ['queued', 'sent', 'captured', 'failed'];

/** A message waiting longer than this is shown as a delivery problem (the README's alert uses the same). */
export const MAIL_SLOW_MINUTES = 15;

function When({ at }: { at: Date | null }) {
  const { lang } = usePage();
  if (!at) return <>—</>;
  return <time dateTime={at.toISOString()}>{formatDateTime(at, lang)}</time>;
}

function ModeNotice({ mode }: { mode: 'smtp' | 'capture' }) {
  const { t } = usePage();
  return mode === 'capture' ? <Alert type="warning">{t('mail.captureMode')}</Alert> : <Paragraph>{t('mail.smtpMode')}</Paragraph>;
}

/** The same figures as /metrics: messages by status, the oldest one waiting, and the job queue by type. */
function Delivery({ statistics, now }: { statistics: MailStatistics & { jobs: JobTypeStatistics[] }; now: Date }) {
  const { t, lang } = usePage();
  const { counts, oldestQueuedAt, jobs } = statistics;
  const waitingMinutes = oldestQueuedAt ? Math.floor((now.getTime() - oldestQueuedAt.getTime()) / 60_000) : 0;
  return (
    <section aria-labelledby="mail-delivery">
      <h2 class="utrecht-heading-2" id="mail-delivery">
        {t('mail.delivery.heading')}
      </h2>
      {counts.failed > 0 && <Alert type="error">{t('mail.delivery.failed', { count: counts.failed })}</Alert>}
      {waitingMinutes >= MAIL_SLOW_MINUTES && <Alert type="warning">{t('mail.delivery.slow', { minutes: waitingMinutes })}</Alert>}
      <Paragraph>{MAIL_STATUSES.map((status) => `${t(`mail.status.${status}`)}: ${formatNumber(counts[status], lang)}`).join(' · ')}</Paragraph>
      <Paragraph>{oldestQueuedAt ? t('mail.delivery.oldest', { time: formatDateTime(oldestQueuedAt, lang) }) : t('mail.delivery.noneWaiting')}</Paragraph>
      {jobs.length === 0 ? (
        <Paragraph>{t('mail.jobs.none')}</Paragraph>
      ) : (
        <Table
          caption={t('mail.jobs.caption')}
          head={[
            t('mail.jobs.type'),
            t('mail.jobs.due'),
            t('mail.jobs.scheduled'),
            t('mail.jobs.running'),
            t('mail.jobs.retrying'),
            t('mail.jobs.dead'),
            t('mail.jobs.oldestDue'),
          ]}
          rows={jobs.map((job) => [
            <code>{job.type}</code>,
            formatNumber(job.due, lang),
            formatNumber(job.scheduled, lang),
            formatNumber(job.running, lang),
            formatNumber(job.retrying, lang),
            formatNumber(job.dead, lang),
            <When at={job.oldestDueAt} />,
          ])}
        />
      )}
    </section>
  );
}

export function MailListPage(props: {
  messages: MailSummaryRow[];
  /** Messages of other organisations left out (a platform administrator without a support access). */
  hidden?: number;
  statistics: MailStatistics & { jobs: JobTypeStatistics[] };
  mode: 'smtp' | 'capture';
  now: Date;
  filter: { status?: string | undefined; to?: string | undefined };
}) {
  const { t, lang } = usePage();
  return (
    <Layout title={t('mail.title')} backOffice section="mail">
      <Heading1>{t('mail.title')}</Heading1>
      <ModeNotice mode={props.mode} />
      <Delivery statistics={props.statistics} now={props.now} />
      <form method="get" action={`/${lang}/admin/mail`} class="utrecht-form" role="search" aria-label={t('mail.filter')}>
        <SelectField
          name="status"
          label={t('mail.field.status')}
          value={props.filter.status ?? ''}
          options={[{ value: '', label: t('mail.status.all') }, ...MAIL_STATUSES.map((status) => ({ value: status, label: t(`mail.status.${status}`) }))]}
        />
        <TextField name="to" type="email" label={t('mail.field.to')} value={props.filter.to} autocomplete="off" maxLength={254} />
        <SubmitButton variant="secondary">{t('mail.filter')}</SubmitButton>
      </form>
      <SupportAccessHidden count={props.hidden} />
      <Table
        caption={t('mail.tableCaption', { count: props.messages.length })}
        head={[
          t('mail.field.subject'),
          t('mail.field.to'),
          t('mail.field.purpose'),
          t('mail.field.status'),
          t('mail.field.attempts'),
          t('mail.field.createdAt'),
        ]}
        rows={props.messages.map((message) => [
          <Link href={`/${lang}/admin/mail/${message.id}`}>{message.subject}</Link>,
          message.to_addresses.join(', '),
          <code>{message.purpose}</code>,
          t(`mail.status.${message.status}`),
          formatNumber(message.attempts, lang),
          <When at={message.created_at} />,
        ])}
      />
    </Layout>
  );
}

export function MailMessagePage({ mail }: { mail: MailRow }) {
  const { t, lang } = usePage();
  const language = isLanguage(mail.language) ? LANGUAGE_NAMES[mail.language] : mail.language;
  const details: Array<[string, ComponentChildren]> = [
    [t('mail.field.from'), mail.from_address],
    [t('mail.field.to'), mail.to_addresses.join(', ')],
    ...(mail.cc_addresses.length ? [[t('mail.field.cc'), mail.cc_addresses.join(', ')] as [string, string]] : []),
    ...(mail.reply_to ? [[t('mail.field.replyTo'), mail.reply_to] as [string, string]] : []),
    [t('mail.field.language'), <span lang={mail.language}>{language}</span>],
    [t('mail.field.purpose'), <code>{mail.purpose}</code>],
    [t('mail.field.status'), t(`mail.status.${mail.status}`)],
    [t('mail.field.attempts'), formatNumber(mail.attempts, lang)],
    [t('mail.field.createdAt'), <When at={mail.created_at} />],
    [t('mail.field.sentAt'), <When at={mail.sent_at} />],
    ...(mail.last_error ? [[t('mail.field.lastError'), <code>{mail.last_error}</code>] as [string, ComponentChildren]] : []),
    [t('mail.field.messageId'), <code>{mail.message_id}</code>],
  ];
  return (
    <Layout title={mail.subject} backOffice section="mail">
      <Paragraph>
        <Link href={`/${lang}/admin/mail`}>{t('mail.back')}</Link>
      </Paragraph>
      <Heading1>{mail.subject}</Heading1>
      <Table caption={t('mail.detailsCaption')} head={[t('mail.field.name'), t('mail.field.value')]} rows={details.map(([name, value]) => [name, value])} />
      <h2 class="utrecht-heading-2">{t('mail.text')}</h2>
      {mail.text_body === null ? (
        <Paragraph>{t('mail.contentRemoved')}</Paragraph>
      ) : (
        <pre class="irisdesk-mail-text" lang={mail.language} tabIndex={0} aria-label={t('mail.text')}>
          {mail.text_body}
        </pre>
      )}
      {mail.html_body !== null && <Paragraph>{t('mail.hasHtml')}</Paragraph>}
      <h2 class="utrecht-heading-2">{t('mail.attachments')}</h2>
      {mail.attachments.length === 0 ? (
        <Paragraph>{t('mail.noAttachments')}</Paragraph>
      ) : (
        <Table
          caption={t('mail.attachmentsCaption', { count: mail.attachments.length })}
          head={[t('mail.field.filename'), t('mail.field.contentType'), t('mail.field.size')]}
          rows={mail.attachments.map((attachment, index) => [
            attachment.content !== undefined ? (
              <Link href={`/${lang}/admin/mail/${mail.id}/attachments/${index}`}>{attachment.filename}</Link>
            ) : (
              attachment.filename
            ),
            <code>{attachment.contentType}</code>,
            t('mail.bytes', { size: attachment.size }),
          ])}
        />
      )}
    </Layout>
  );
}
