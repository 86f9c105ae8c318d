// The agent's calls page (/{lang}/console/calls): the call ringing or in progress with the caller's earlier
// requests, the agent's calls of the day (each linked to a request by its reference), and the organisation's
// missed calls to call back. Live through calls.js; a refresh link without JavaScript.
import { registerAsset } from '../platform/http/assets.ts';
import type { FieldError } from '../platform/http/errors.ts';
import { usePage } from '../platform/views/context.ts';
import { Layout } from '../platform/views/Layout.tsx';
import { Alert, ErrorSummary, Form, Heading1, Link, Paragraph, SubmitButton, Table, TextField } from '../platform/views/components.tsx';
import { formatDateTime, formatTime } from '../platform/i18n/format.ts';
import { parsePhoneNumber } from '../platform/sms/phone.ts';
import type { CallRow, ExtensionRow } from './repository.ts';
import type { ConsoleSearchService } from '../contactcenter/console/search/service.ts';

type SearchRow = Awaited<ReturnType<ConsoleSearchService['search']>>[number];

const script = registerAsset({ name: 'calls', ext: 'js', files: [new URL('./calls.js', import.meta.url)] });

/** A number as people read it, dialled with one tap (tel:); "withheld" when the caller hid it. */
function Caller({ number }: { number: string | null }) {
  const { t } = usePage();
  if (!number) return <>{t('telephony.withheld')}</>;
  return (
    <a href={`tel:${number}`} class="utrecht-link">
      {parsePhoneNumber(number)?.international ?? number}
    </a>
  );
}

function seconds(call: CallRow): number | null {
  return call.answeredAt && call.endedAt ? Math.round((new Date(call.endedAt).getTime() - new Date(call.answeredAt).getTime()) / 1000) : null;
}

export interface CallsView {
  /** The signed-in manager maps extensions: the page links to that page. */
  mapsExtensions?: boolean | undefined;
  current: CallRow | null;
  earlier: SearchRow[];
  /** The caller's appointments with the organisation (the last 30 days and to come), by number. */
  appointments: Array<{ reference: string; startsAt: Date; status: string }>;
  mine: CallRow[];
  callbacks: CallRow[];
  notice?: 'linked' | 'calledBack' | undefined;
  errors?: FieldError[] | undefined;
  errorFor?: string | undefined;
  error?: string | undefined;
}

export function CallsPage(props: CallsView) {
  const { t, lang } = usePage();
  const { current } = props;
  return (
    <Layout
      title={t('telephony.title')}
      backOffice
      section="calls"
      head={
        <script
          src={script}
          defer
          data-events="/api/v1/console/calls/events"
          data-message-ringing={t('telephony.live.ringing')}
          data-message-answered={t('telephony.live.answered')}
          data-message-ended={t('telephony.live.ended')}
          data-message-missed={t('telephony.live.missed')}
          data-message-called-back={t('telephony.live.calledBack')}
        />
      }
    >
      <Heading1>{t('telephony.title')}</Heading1>
      <Paragraph>
        {t('telephony.intro')} <Link href={`/${lang}/console/calls`}>{t('telephony.refresh')}</Link>
      </Paragraph>
      {props.mapsExtensions && (
        <Paragraph>
          <Link href={`/${lang}/console/calls/extensions`}>{t('telephony.extensions.link')}</Link>
        </Paragraph>
      )}
      <p id="calls-live-status" class="utrecht-paragraph visually-hidden" role="status" aria-live="polite"></p>
      {props.notice && <Alert type="ok">{t(`telephony.notice.${props.notice}`)}</Alert>}
      {props.error && <Alert type="error">{t(`errors.${props.error}`)}</Alert>}

      <section id="calls-current" data-live-region aria-labelledby="calls-current-title">
        <h2 class="utrecht-heading-2" id="calls-current-title">
          {t('telephony.current.title')}
        </h2>
        {current ? (
          <>
            <Paragraph lead>
              {t(`telephony.current.${current.status === 'ringing' ? 'ringing' : 'answered'}`, {
                time: formatTime(new Date(current.answeredAt ?? current.startedAt), lang),
              })}{' '}
              <Caller number={current.caller} />
            </Paragraph>
            {current.caller && (
              <>
                <h3 class="utrecht-heading-3">{t('telephony.current.earlier')}</h3>
                {props.earlier.length ? (
                  <ul class="utrecht-unordered-list">
                    {props.earlier.map((row) => (
                      <li class="utrecht-unordered-list__item">
                        <Link href={`/${lang}/console/requests/${row.id}`}>{row.reference}</Link> – {row.subject} ({t(`console.status.${row.status}`)})
                      </li>
                    ))}
                  </ul>
                ) : (
                  <Paragraph>{t('telephony.current.none')}</Paragraph>
                )}
                <h3 class="utrecht-heading-3">{t('telephony.current.appointments')}</h3>
                {props.appointments.length ? (
                  <ul class="utrecht-unordered-list">
                    {props.appointments.map((appointment) => (
                      <li class="utrecht-unordered-list__item">
                        {appointment.reference} – {formatDateTime(appointment.startsAt, lang)} ({t(`appointments.status.${appointment.status}`)})
                      </li>
                    ))}
                  </ul>
                ) : (
                  <Paragraph>{t('telephony.current.noAppointments')}</Paragraph>
                )}
                <Paragraph>
                  <Link href={`/${lang}/console/contacts/new?qphone=${encodeURIComponent(current.caller)}`}>{t('telephony.current.newRequest')}</Link>
                </Paragraph>
              </>
            )}
          </>
        ) : (
          <Paragraph>{t('telephony.current.idle')}</Paragraph>
        )}
      </section>

      <section id="calls-mine" data-live-region aria-labelledby="calls-mine-title">
        <h2 class="utrecht-heading-2" id="calls-mine-title">
          {t('telephony.mine.title')}
        </h2>
        <ErrorSummary errors={props.errors} />
        {props.mine.length ? (
          <Table
            caption={t('telephony.mine.caption')}
            head={[t('telephony.col.time'), t('telephony.col.caller'), t('telephony.col.status'), t('telephony.col.duration'), t('telephony.col.request')]}
            rows={props.mine.map((call) => {
              const duration = seconds(call);
              return [
                formatTime(new Date(call.startedAt), lang),
                <Caller number={call.caller} />,
                t(`telephony.status.${call.status}`),
                duration === null ? '–' : t('telephony.duration', { minutes: Math.floor(duration / 60), seconds: duration % 60 }),
                call.requestReference ? (
                  call.requestReference
                ) : call.status !== 'ended' ? (
                  '–'
                ) : (
                  <Form action={`/${lang}/console/calls/${call.id}/link`} class="irisdesk-inline-form">
                    <TextField
                      name="reference"
                      idSuffix={call.id}
                      label={t('telephony.link.reference')}
                      errors={props.errorFor === call.id ? props.errors : undefined}
                      maxLength={40}
                    />
                    <SubmitButton variant="secondary">{t('telephony.link.submit')}</SubmitButton>
                  </Form>
                ),
              ];
            })}
          />
        ) : (
          <Paragraph>{t('telephony.mine.none')}</Paragraph>
        )}
      </section>

      <section id="calls-callbacks" data-live-region aria-labelledby="calls-callbacks-title">
        <h2 class="utrecht-heading-2" id="calls-callbacks-title">
          {t('telephony.callbacks.title')}
        </h2>
        {props.callbacks.length ? (
          <Table
            caption={t('telephony.callbacks.caption')}
            head={[t('telephony.col.time'), t('telephony.col.caller'), t('telephony.col.action')]}
            rows={props.callbacks.map((call) => [
              formatTime(new Date(call.startedAt), lang),
              <Caller number={call.caller} />,
              <Form action={`/${lang}/console/calls/${call.id}/called-back`} class="irisdesk-inline-form">
                <SubmitButton variant="secondary">{t('telephony.callbacks.done')}</SubmitButton>
              </Form>,
            ])}
          />
        ) : (
          <Paragraph>{t('telephony.callbacks.none')}</Paragraph>
        )}
      </section>
    </Layout>
  );
}

export interface ExtensionsView {
  agents: ExtensionRow[];
  /** What the manager typed, shown again with the errors. */
  values?: Record<string, string> | undefined;
  errors?: FieldError[] | undefined;
  saved?: boolean | undefined;
}

/** The manager's page that maps the telephone system's extensions to the organisation's console agents. */
export function ExtensionsPage(props: ExtensionsView) {
  const { t, lang } = usePage();
  return (
    <Layout title={t('telephony.extensions.title')} backOffice section="calls">
      <Paragraph>
        <Link href={`/${lang}/console/calls`}>{t('telephony.extensions.back')}</Link>
      </Paragraph>
      <Heading1>{t('telephony.extensions.title')}</Heading1>
      <Paragraph>{t('telephony.extensions.intro')}</Paragraph>
      {props.saved && <Alert type="ok">{t('telephony.extensions.saved')}</Alert>}
      <ErrorSummary errors={props.errors} labelOf={(field) => props.agents.find((agent) => `ext-${agent.accountId}` === field)?.name ?? t('field.form')} />
      {props.agents.length ? (
        <Form action={`/${lang}/console/calls/extensions`}>
          {props.agents.map((agent) => (
            <TextField
              name={`ext-${agent.accountId}`}
              label={t('telephony.extensions.field', { name: agent.name, email: agent.email })}
              value={props.values ? props.values[agent.accountId] : (agent.extension ?? undefined)}
              errors={props.errors}
              maxLength={20}
              autocomplete="off"
            />
          ))}
          <SubmitButton>{t('telephony.extensions.submit')}</SubmitButton>
        </Form>
      ) : (
        <Paragraph>{t('telephony.extensions.none')}</Paragraph>
      )}
    </Layout>
  );
}
