// Queue screens: the kiosk of a contact point, the display board of its waiting room, the "my ticket" page
// on the visitor's phone, and the agent's counter. Every string comes from the catalogue; live updates are
// an enhancement (assets/queues.js) over complete server-rendered pages.
import type { ComponentChildren } from 'preact';
import { Layout } from '../platform/views/Layout.tsx';
import { Alert, ChoiceGroup, CsrfField, ErrorSummary, Heading1, Paragraph, SelectField, Table, Text, TextField } from '../platform/views/components.tsx';
import { usePage } from '../platform/views/context.ts';
import { pickText } from '../platform/i18n/languages.ts';
import { formatTime } from '../platform/i18n/format.ts';
import type { FieldError } from '../platform/http/errors.ts';
import { CONTACT_OUTCOMES } from '../contactcenter/model.ts';
import type { ContactPointDetail } from '../contactpoints/service.ts';
import type { CounterRecord, PriorityCategoryRecord, QueueServiceRecord } from './repository.ts';
import type { AgentTicket, CounterScreen, TicketView, WaitReport } from './service.ts';
import { registerAsset } from '../platform/http/assets.ts';
import { QrCode } from '../platform/views/QrCode.tsx';

// The queue screens' own stylesheet and script, linked from these pages only.
const queueAssets = {
  css: registerAsset({ name: 'queues', ext: 'css', files: [new URL('./assets/queues.css', import.meta.url)] }),
  js: registerAsset({ name: 'queues', ext: 'js', files: [new URL('./assets/queues.js', import.meta.url)] }),
};

const assetsHead = (
  <>
    <link rel="stylesheet" href={queueAssets.css} />
    <script src={queueAssets.js} defer />
  </>
);

const eventsUrl = (contactPointId: string) => `/api/v1/contact-points/${contactPointId}/events`;

/** "about 15 minutes now" (or "no wait"), as published on the contact-point and service pages. */
export function WaitText({ minutes }: { minutes: number }) {
  const { t } = usePage();
  return <>{minutes <= 0 ? t('queues.wait.none') : t('queues.wait.about', { minutes })}</>;
}

/** The waiting times of a contact point: a table with a caption (contact-point page, board, kiosk). */
export function WaitTable({ report, caption }: { report: WaitReport; caption?: string }) {
  const { t } = usePage();
  if (report.services.length === 0) return null;
  return (
    <Table
      caption={caption ?? t('queues.wait.caption')}
      head={[t('queues.wait.service'), t('queues.wait.waiting'), t('queues.wait.estimate')]}
      rows={report.services.map((service) => [
        <Text value={service.name} />,
        String(service.waiting),
        report.open ? <WaitText minutes={service.estimatedWaitMinutes} /> : t('queues.wait.closed'),
      ])}
    />
  );
}

/** The section of the public contact-point page: live waiting times when the point issues tickets. */
export function ContactPointWaitSection({ report }: { report: WaitReport | undefined }) {
  const { t, lang } = usePage();
  if (!report || report.services.length === 0) return null;
  return (
    <section aria-labelledby="queue-wait-title">
      <h2 class="utrecht-heading-2" id="queue-wait-title">
        {t('queues.wait.title')}
      </h2>
      <WaitTable report={report} />
      <Paragraph>
        <a class="utrecht-link" href={`/${lang}/contact-points/${report.contactPointId}/kiosk`}>
          {t('queues.wait.takeTicket')}
        </a>
        {' · '}
        <a class="utrecht-link" href={`/${lang}/contact-points/${report.contactPointId}/board`}>
          {t('queues.board.link')}
        </a>
      </Paragraph>
    </section>
  );
}

// ---- kiosk

export function KioskPage({
  point,
  services,
  categories,
  errors,
  values,
}: {
  point: ContactPointDetail;
  services: QueueServiceRecord[];
  categories: PriorityCategoryRecord[];
  errors?: FieldError[];
  values?: { priorityCategory?: string | undefined; reference?: string | undefined };
}) {
  const { t, lang } = usePage();
  const name = pickText(point.name, lang).text;
  return (
    <Layout title={t('queues.kiosk.title', { name })} head={assetsHead}>
      <Heading1>{t('queues.kiosk.heading')}</Heading1>
      <Paragraph lead>
        <Text value={point.name} />
      </Paragraph>
      <ErrorSummary errors={errors} labelOf={(field) => t(`queues.field.${field}`)} />
      {!point.status.openNow ? (
        <Alert type="warning">{t('errors.queue.point_closed')}</Alert>
      ) : services.length === 0 ? (
        <Alert type="info">{t('queues.kiosk.noServices')}</Alert>
      ) : (
        <>
          <form method="post" action={`/${lang}/contact-points/${point.id}/kiosk`} class="utrecht-form" noValidate>
            <CsrfField />
            {categories.length > 0 && (
              <ChoiceGroup
                type="radio"
                name="priorityCategory"
                legend={t('queues.kiosk.priorityLegend')}
                errors={errors}
                checked={values?.priorityCategory ?? ''}
                options={[
                  { value: '', label: t('queues.kiosk.noPriority') },
                  ...categories.map((category) => ({ value: category.code, label: <Text value={category.name} /> })),
                ]}
              />
            )}
            <h2 class="utrecht-heading-2">{t('queues.kiosk.chooseService')}</h2>
            <ul class="queues-kiosk__services" id="field-serviceCode">
              {services.map((service) => (
                <li>
                  <button
                    type="submit"
                    name="serviceCode"
                    value={service.serviceCode}
                    class="utrecht-button utrecht-button--primary-action queues-kiosk__button"
                  >
                    <span class="queues-kiosk__prefix" aria-hidden="true">
                      {service.prefix}
                    </span>
                    <Text value={service.serviceName} />
                  </button>
                </li>
              ))}
            </ul>
          </form>
          <h2 class="utrecht-heading-2">{t('queues.kiosk.appointmentHeading')}</h2>
          <form method="post" action={`/${lang}/contact-points/${point.id}/kiosk/check-in`} class="utrecht-form" noValidate>
            <CsrfField />
            <TextField
              name="reference"
              label={t('queues.field.reference')}
              description={t('queues.kiosk.referenceHelp')}
              value={values?.reference}
              errors={errors}
              maxLength={20}
            />
            <button type="submit" class="utrecht-button utrecht-button--secondary-action">
              {t('queues.kiosk.checkIn')}
            </button>
          </form>
        </>
      )}
    </Layout>
  );
}

// ---- my ticket

/**
 * After a visit, when the holder was also drawn for a custom survey of the organisation: the satisfaction
 * questionnaire first, then the survey (each link works once; the survey is answered on its own page).
 */
export function FeedbackLinksPage({ feedbackUrl, surveyUrl }: { feedbackUrl: string; surveyUrl: string }) {
  const { t } = usePage();
  return (
    <Layout title={t('queues.feedback.title')}>
      <Heading1>{t('queues.feedback.title')}</Heading1>
      <Paragraph>{t('queues.ticket.feedbackInvite')}</Paragraph>
      <Paragraph>
        <a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action" href={feedbackUrl}>
          {t('queues.ticket.feedbackButton')}
        </a>
      </Paragraph>
      <h2 class="utrecht-heading-2">{t('queues.feedback.surveyHeading')}</h2>
      <Paragraph>{t('queues.feedback.surveyInvite')}</Paragraph>
      <Paragraph>
        <a class="utrecht-link" href={surveyUrl}>
          {t('queues.feedback.surveyLink')}
        </a>
      </Paragraph>
    </Layout>
  );
}

/** The kiosk's copy of a ticket goes back to the start screen after this long, with a warning before. */
export const KIOSK_RETURN_SECONDS = 60;
export const KIOSK_WARN_SECONDS = 20;

/** On the holder's own phone (not on a shared kiosk): leave a mobile number for the SMS alerts, or remove it. */
function SmsAlertForm({
  view,
  action,
  nearPeople,
  errors,
  value,
}: {
  view: TicketView;
  action: string;
  nearPeople: number;
  errors?: FieldError[] | undefined;
  value?: string | undefined;
}) {
  const { t } = usePage();
  return (
    <section aria-labelledby="ticket-sms">
      <h2 class="utrecht-heading-2" id="ticket-sms">
        {t('queues.ticket.smsHeading')}
      </h2>
      <ErrorSummary errors={errors} labelOf={() => t('queues.ticket.smsField')} />
      {view.alertPhoneEnding ? (
        <form method="post" action={action} class="utrecht-form">
          <CsrfField />
          <Paragraph>{t('queues.ticket.smsLeft', { ending: view.alertPhoneEnding, people: nearPeople })}</Paragraph>
          <input type="hidden" name="phone" value="" />
          <button type="submit" class="utrecht-button utrecht-button--secondary-action">
            {t('queues.ticket.smsRemove')}
          </button>
        </form>
      ) : (
        <form method="post" action={action} class="utrecht-form">
          <CsrfField />
          <TextField
            name="phone"
            type="tel"
            label={t('queues.ticket.smsField')}
            description={t('queues.ticket.smsHelp', { people: nearPeople })}
            errors={errors}
            value={value}
            autocomplete="tel"
            maxLength={40}
            required
          />
          <button type="submit" class="utrecht-button utrecht-button--primary-action">
            {t('queues.ticket.smsSubmit')}
          </button>
        </form>
      )}
    </section>
  );
}

export function TicketPage({
  view,
  kiosk,
  newTicketUrl,
  ticketUrl,
  nearPeople = 3,
  smsErrors,
  smsValue,
  phoneAction,
}: {
  view: TicketView;
  kiosk: boolean;
  newTicketUrl: string;
  ticketUrl: string;
  nearPeople?: number;
  smsErrors?: FieldError[] | undefined;
  smsValue?: string | undefined;
  /** Where the SMS form posts (/{lang}/tickets/{token}/phone); without it, no form. */
  phoneAction?: string | undefined;
}) {
  const { t, lang, pathWithoutLang } = usePage();
  const called = view.status === 'called' || view.status === 'serving';
  return (
    <Layout title={t('queues.ticket.title', { number: view.number })} head={assetsHead}>
      <div
        data-queue-live
        data-events-url={eventsUrl(view.contactPointId)}
        data-ticket-number={view.number}
        data-call-template={t('queues.ticket.calledAnnouncement', { number: '{number}', counter: '{counter}' })}
      >
        <Heading1>{t('queues.ticket.heading')}</Heading1>
        <p class="queues-number">{view.number}</p>
        <dl class="queues-facts">
          <dt>{t('queues.ticket.service')}</dt>
          <dd>
            <Text value={view.serviceName} />
          </dd>
          <dt>{t('queues.ticket.place')}</dt>
          <dd>
            <Text value={view.contactPointName} />
          </dd>
          <dt>{t('queues.ticket.issuedAt')}</dt>
          <dd>{formatTime(new Date(view.issuedAt), lang)}</dd>
        </dl>
        <div data-live-part="status" aria-live="polite" aria-atomic="true">
          {view.status === 'waiting' && view.position !== null && (
            <Paragraph lead>
              {t('queues.ticket.position', { position: view.position })}{' '}
              {view.estimatedWaitMinutes !== null && <WaitText minutes={view.estimatedWaitMinutes} />}
            </Paragraph>
          )}
          {called && <p class="queues-called">{t('queues.ticket.calledAnnouncement', { number: view.number, counter: view.counter ?? '' })}</p>}
          {view.status === 'done' && <Paragraph lead>{t('queues.ticket.done')}</Paragraph>}
          {view.status === 'no_show' && <Paragraph lead>{t('queues.ticket.noShow')}</Paragraph>}
          {view.status === 'done' && view.feedbackAvailable && (
            <form method="post" action={`/${lang}${pathWithoutLang.split('?')[0]}/feedback`} class="utrecht-form">
              <CsrfField />
              <Paragraph>{t('queues.ticket.feedbackInvite')}</Paragraph>
              <button type="submit" class="utrecht-button utrecht-button--primary-action">
                {t('queues.ticket.feedbackButton')}
              </button>
            </form>
          )}
        </div>
        <p class="visually-hidden" aria-live="assertive" data-queue-announcer></p>
        {!kiosk && phoneAction && view.status === 'waiting' && (
          <SmsAlertForm view={view} action={phoneAction} nearPeople={nearPeople} errors={smsErrors} value={smsValue} />
        )}
        <Paragraph>
          <small class="queues-muted">{t('queues.ticket.keepLink')}</small>
        </Paragraph>
        {kiosk && (
          <section aria-labelledby="ticket-qr" class="queues-ticket-qr">
            <h2 class="utrecht-heading-2" id="ticket-qr">
              {t('queues.ticket.qrHeading')}
            </h2>
            <Paragraph>{t('queues.ticket.qrHelp')}</Paragraph>
            <Paragraph>{t('queues.ticket.qrSmsHelp')}</Paragraph>
            <QrCode value={ticketUrl} label={t('queues.ticket.qrLabel', { number: view.number })} />
          </section>
        )}
        {kiosk && (
          <Paragraph>
            <a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action" href={newTicketUrl}>
              {t('queues.ticket.newTicket')}
            </a>
          </Paragraph>
        )}
        {kiosk && (
          // A kiosk is shared: its copy of the ticket goes back to the start after a while, so the next person
          // cannot follow (or give feedback on) this ticket. queues.js shows this warning first, with a button
          // to stay (WCAG 2.2.1: the user can extend the time limit); without JavaScript nothing happens.
          <div
            class="queues-kiosk-return"
            data-kiosk-return={newTicketUrl}
            data-kiosk-seconds={String(KIOSK_RETURN_SECONDS)}
            data-kiosk-warn-seconds={String(KIOSK_WARN_SECONDS)}
          >
            {/* Present (empty) from the start, so that screen readers announce the warning when it is written. */}
            <p class="utrecht-paragraph" role="status" data-kiosk-warning={t('queues.kiosk.returnWarning', { seconds: KIOSK_WARN_SECONDS })}></p>
            <button type="button" class="utrecht-button utrecht-button--secondary-action" data-kiosk-stay hidden>
              {t('queues.kiosk.stay')}
            </button>
          </div>
        )}
      </div>
    </Layout>
  );
}

// ---- display board

export function BoardPage({
  point,
  calls,
  wait,
}: {
  point: ContactPointDetail;
  calls: Array<{ number: string; counter: string; calledAt: string }>;
  wait: WaitReport;
}) {
  const { t, lang } = usePage();
  const latest = calls[0];
  return (
    <Layout title={t('queues.board.title', { name: pickText(point.name, lang).text })} head={assetsHead}>
      <div
        class="queues-board"
        data-queue-live
        data-events-url={eventsUrl(point.id)}
        data-call-template={t('queues.board.announcement', { number: '{number}', counter: '{counter}' })}
      >
        <Heading1>
          <Text value={point.name} />
        </Heading1>
        <button type="button" class="utrecht-button utrecht-button--secondary-action" data-queue-chime aria-pressed="false" hidden>
          {t('queues.board.chime')}
        </button>
        <p class="visually-hidden" aria-live="polite" data-queue-announcer></p>
        <div data-live-part="now">
          <h2 class="utrecht-heading-2">{t('queues.board.now')}</h2>
          {latest ? (
            <p class="queues-board__now">
              <span class="queues-board__now-number">{latest.number}</span>
              <span class="queues-board__now-counter">{t('queues.board.counter', { counter: latest.counter })}</span>
            </p>
          ) : (
            <Paragraph>{t('queues.board.noneYet')}</Paragraph>
          )}
        </div>
        <div data-live-part="calls">
          <h2 class="utrecht-heading-2">{t('queues.board.recent')}</h2>
          <ol class="queues-board__calls">
            {calls.map((call) => (
              <li>
                <span>{call.number}</span>
                <span>{t('queues.board.counter', { counter: call.counter })}</span>
                <span class="queues-muted">{formatTime(new Date(call.calledAt), lang)}</span>
              </li>
            ))}
          </ol>
        </div>
        <div data-live-part="wait">
          <WaitTable report={wait} />
        </div>
      </div>
    </Layout>
  );
}

// ---- agents

export function AgentHomePage({ groups, errors }: { groups: Array<{ point: ContactPointDetail; counters: CounterRecord[] }>; errors?: FieldError[] }) {
  const { t, lang, actor } = usePage();
  return (
    <Layout title={t('queues.agent.title')} backOffice section="queues">
      <Heading1>{t('queues.agent.title')}</Heading1>
      <ErrorSummary errors={errors} />
      {groups.length === 0 && <Paragraph>{t('queues.agent.noCounters')}</Paragraph>}
      {groups.map(({ point, counters }) => (
        <section aria-labelledby={`point-${point.id}`}>
          <h2 class="utrecht-heading-2" id={`point-${point.id}`}>
            <Text value={point.name} />
          </h2>
          <Paragraph>
            <a class="utrecht-link" href={`/${lang}/contact-points/${point.id}/board`}>
              {t('queues.board.link')}
            </a>
            {' · '}
            <a class="utrecht-link" href={`/${lang}/contact-points/${point.id}/kiosk`}>
              {t('queues.kiosk.link')}
            </a>
          </Paragraph>
          <ul class="utrecht-unordered-list">
            {counters.map((counter) => (
              <li class="utrecht-unordered-list__item">
                <form method="post" action={`/${lang}/queues/counters/${counter.id}/open`} class="irisdesk-inline-form">
                  <CsrfField />
                  <strong>{counter.name}</strong>{' '}
                  {counter.agentAccountId === actor?.accountId ? (
                    <a class="utrecht-link" href={`/${lang}/queues/counters/${counter.id}`}>
                      {t('queues.agent.backToCounter')}
                    </a>
                  ) : counter.agentAccountId ? (
                    <span class="queues-muted">{t('queues.agent.takenBy', { name: counter.agentName ?? '' })}</span>
                  ) : (
                    <button type="submit" class="utrecht-button utrecht-button--secondary-action">
                      {t('queues.agent.sitAt', { counter: counter.name })}
                    </button>
                  )}
                </form>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </Layout>
  );
}

function ActionForm({
  action,
  label,
  variant = 'secondary',
  children,
}: {
  action: string;
  label: string;
  variant?: 'primary' | 'secondary';
  children?: ComponentChildren;
}) {
  return (
    <form method="post" action={action} class="utrecht-form" noValidate>
      <CsrfField />
      {children}
      <button type="submit" class={`utrecht-button utrecht-button--${variant}-action`}>
        {label}
      </button>
    </form>
  );
}

function ticketLabel(ticket: AgentTicket, t: ReturnType<typeof usePage>['t'], lang: ReturnType<typeof usePage>['lang']): string {
  const parts = [ticket.number];
  if (ticket.serviceName) parts.push(pickText(ticket.serviceName, lang).text);
  if (ticket.priority) parts.push(pickText(ticket.priority.name, lang).text);
  if (ticket.appointment) parts.push(t('queues.agent.appointment'));
  return parts.join(' – ');
}

export function CounterPage({ screen, errors, issued }: { screen: CounterScreen; errors?: FieldError[]; issued?: string | undefined }) {
  const { t, lang } = usePage();
  const base = `/${lang}/queues/counters/${screen.counter.id}`;
  const current = screen.current;
  const label = (field: string) => t(`queues.field.${field}`);
  const serviceOptions = screen.services
    .filter((s) => s.enabled)
    .map((s) => ({ value: s.serviceCode, label: `${s.prefix} – ${pickText(s.serviceName, lang).text}` }));
  return (
    <Layout title={t('queues.counter.title', { counter: screen.counter.name })} backOffice section="queues" head={assetsHead}>
      <div data-queue-live data-events-url={eventsUrl(screen.contactPoint.id)}>
        <Heading1>{t('queues.counter.title', { counter: screen.counter.name })}</Heading1>
        <Paragraph lead>
          <Text value={screen.contactPoint.name} />
        </Paragraph>
        <ErrorSummary errors={errors} labelOf={label} />
        {issued && <Alert type="ok">{t('queues.counter.issued', { number: issued })}</Alert>}
        {!screen.atCounter ? (
          <>
            <Paragraph>{t('queues.counter.notSeated')}</Paragraph>
            <ActionForm action={`${base}/open`} label={t('queues.agent.sitAt', { counter: screen.counter.name })} variant="primary" />
          </>
        ) : (
          <section aria-labelledby="current-title">
            <h2 class="utrecht-heading-2" id="current-title">
              {t('queues.counter.current')}
            </h2>
            {current ? (
              <>
                <p class="queues-number">{current.number}</p>
                <Paragraph>
                  {ticketLabel(current, t, lang)} · {t(`queues.status.${current.status}`)}
                  {current.recalls > 0 && <> · {t('queues.counter.recalls', { count: current.recalls })}</>}
                </Paragraph>
                <div class="queues-actions">
                  {current.status === 'called' && <ActionForm action={`${base}/start`} label={t('queues.counter.start')} variant="primary" />}
                  {current.status === 'called' && <ActionForm action={`${base}/recall`} label={t('queues.counter.recall')} />}
                  {current.status === 'called' && <ActionForm action={`${base}/no-show`} label={t('queues.counter.noShow')} />}
                </div>
                <div class="queues-actions">
                  <ActionForm action={`${base}/finish`} label={t('queues.counter.finish')} variant="primary">
                    <SelectField
                      name="outcome"
                      label={label('outcome')}
                      errors={errors}
                      options={CONTACT_OUTCOMES.map((outcome) => ({ value: outcome, label: t(`queues.outcome.${outcome}`) }))}
                    />
                  </ActionForm>
                  <ActionForm action={`${base}/transfer`} label={t('queues.counter.transfer')}>
                    <SelectField
                      name="target"
                      label={label('target')}
                      errors={errors}
                      options={[
                        ...serviceOptions.map((o) => ({ value: `service:${o.value}`, label: t('queues.counter.toService', { service: o.label }) })),
                        ...screen.counters
                          .filter((c) => c.id !== screen.counter.id)
                          .map((c) => ({ value: `counter:${c.id}`, label: t('queues.counter.toCounter', { counter: c.name }) })),
                      ]}
                    />
                  </ActionForm>
                </div>
              </>
            ) : (
              <>
                <Paragraph>{t('queues.counter.free')}</Paragraph>
                <form method="post" action={`${base}/call-next`} class="utrecht-form">
                  <CsrfField />
                  <button type="submit" class="utrecht-button utrecht-button--primary-action queues-call-next">
                    {t('queues.counter.callNext')}
                  </button>
                </form>
                <ActionForm action={`${base}/close`} label={t('queues.counter.close')} />
              </>
            )}
          </section>
        )}

        <div data-live-part="waiting">
          <h2 class="utrecht-heading-2">{t('queues.counter.waitingTitle', { count: screen.waiting.length })}</h2>
          {screen.waiting.length === 0 ? (
            <Paragraph>{t('queues.counter.nobodyWaiting')}</Paragraph>
          ) : (
            <Table
              caption={t('queues.counter.waitingCaption')}
              head={[t('queues.counter.number'), t('queues.wait.service'), t('queues.counter.priority'), t('queues.counter.since')]}
              rows={screen.waiting.map((ticket) => [
                ticket.number,
                ticket.serviceName ? <Text value={ticket.serviceName} /> : ticket.serviceCode,
                ticket.priority ? <Text value={ticket.priority.name} /> : ticket.appointment ? t('queues.agent.appointment') : '–',
                formatTime(new Date(ticket.queuedAt), lang),
              ])}
            />
          )}
          <WaitTable report={screen.wait} />
        </div>

        <section aria-labelledby="issue-title">
          <h2 class="utrecht-heading-2" id="issue-title">
            {t('queues.counter.issueTitle')}
          </h2>
          <ActionForm action={`${base}/tickets`} label={t('queues.counter.issue')}>
            <SelectField name="serviceCode" label={label('serviceCode')} errors={errors} options={serviceOptions} />
            <SelectField
              name="priorityCategory"
              label={label('priorityCategory')}
              errors={errors}
              options={[
                { value: '', label: t('queues.kiosk.noPriority') },
                ...screen.categories.map((c) => ({ value: c.code, label: pickText(c.name, lang).text })),
              ]}
            />
          </ActionForm>
        </section>
        <Paragraph>
          <a
            class="utrecht-link"
            href={`/${lang}/satisfaction/counter-link?contactPoint=${screen.contactPoint.id}${current?.serviceCode ? `&service=${current.serviceCode}` : ''}`}
          >
            {t('queues.counter.feedbackLink')}
          </a>
        </Paragraph>
      </div>
    </Layout>
  );
}
