// Back-office screen of text messages: what IrisDesk sent or captured, filtered by status and number, with the
// gateway's answers; texts are short, so the list shows them whole while they are kept.
import { usePage } from '../views/context.ts';
import { Layout } from '../views/Layout.tsx';
import { Alert, Heading1, Link, Paragraph, SelectField, SubmitButton, Table, TextField } from '../views/components.tsx';
import { formatDateTime, formatNumber } from '../i18n/format.ts';
import { parsePhoneNumber } from './phone.ts';
import { SupportAccessHidden } from '../../privacy/support-notice.tsx';
import { SMS_STATUSES, type SmsRow, type SmsStatus } from './repository.ts';

function When({ at }: { at: Date | null }) {
  const { lang } = usePage();
  if (!at) return <>—</>;
  return <time dateTime={at.toISOString()}>{formatDateTime(at, lang)}</time>;
}

export function SmsListPage(props: {
  messages: SmsRow[];
  /** Messages of other organisations left out (a platform administrator without a support access). */
  hidden?: number;
  statistics: Record<SmsStatus, number>;
  mode: 'smpp' | 'capture';
  filter: { status?: string | undefined; to?: string | undefined };
}) {
  const { t, lang } = usePage();
  const { statistics } = props;
  return (
    <Layout title={t('sms.title')} backOffice section="sms">
      <Paragraph>
        <Link href={`/${lang}/admin/mail`}>{t('sms.toMail')}</Link>
      </Paragraph>
      <Heading1>{t('sms.title')}</Heading1>
      {props.mode === 'capture' ? <Alert type="warning">{t('sms.captureMode')}</Alert> : <Paragraph>{t('sms.smppMode')}</Paragraph>}
      {statistics.failed > 0 && <Alert type="error">{t('sms.failedCount', { count: statistics.failed })}</Alert>}
      <Paragraph>{SMS_STATUSES.map((status) => `${t(`sms.status.${status}`)}: ${formatNumber(statistics[status], lang)}`).join(' · ')}</Paragraph>
      <form method="get" action={`/${lang}/admin/sms`} class="utrecht-form" role="search" aria-label={t('sms.filter')}>
        <SelectField
          name="status"
          label={t('sms.field.status')}
          value={props.filter.status ?? ''}
          options={[{ value: '', label: t('sms.status.all') }, ...SMS_STATUSES.map((status) => ({ value: status, label: t(`sms.status.${status}`) }))]}
        />
        <TextField name="to" type="tel" label={t('sms.field.to')} value={props.filter.to} autocomplete="off" maxLength={40} />
        <SubmitButton variant="secondary">{t('sms.filter')}</SubmitButton>
      </form>
      <SupportAccessHidden count={props.hidden} />
      <Table
        caption={t('sms.tableCaption', { count: props.messages.length })}
        head={[t('sms.field.to'), t('sms.field.text'), t('sms.field.purpose'), t('sms.field.status'), t('sms.field.attempts'), t('sms.field.createdAt')]}
        rows={props.messages.map((message) => [
          parsePhoneNumber(message.to_number)?.international ?? message.to_number,
          message.body === null ? (
            <em>{t(message.status === 'opted_out' ? 'sms.optedOutText' : 'sms.contentRemoved')}</em>
          ) : (
            <span lang={message.language}>{message.body}</span>
          ),
          <code>{message.purpose}</code>,
          <>
            {t(`sms.status.${message.status}`)}
            {message.last_error && (
              <>
                <br />
                <code>{message.last_error}</code>
              </>
            )}
          </>,
          formatNumber(message.attempts, lang),
          <When at={message.created_at} />,
        ])}
      />
    </Layout>
  );
}
