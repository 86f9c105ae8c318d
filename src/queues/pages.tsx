// Queue screens: the kiosk of a contact point, the display board of its waiting room and the "my ticket" page
// on the visitor's phone (the agents' counters are in counter-pages.tsx). Every string comes from the catalogue; live updates are
// an enhancement (assets/queues.js) over complete server-rendered pages. The kiosk and the board use the
// screen frame of screen-layout.tsx (no site header, footer or links away); every wait shown anywhere is
// written by <WaitText> from the one estimate of wait-estimate.ts.
import { Layout } from '../platform/views/Layout.tsx';
import { Alert, ChoiceGroup, CsrfField, ErrorSummary, Heading1, Paragraph, Text, TextField } from '../platform/views/components.tsx';
import { usePage } from '../platform/views/context.ts';
import { LANGUAGES, LANGUAGE_NAMES, pickText } from '../platform/i18n/languages.ts';
import { translator, type Translate } from '../platform/i18n/messages.ts';
import { formatTime } from '../platform/i18n/format.ts';
import type { FieldError } from '../platform/http/errors.ts';
import type { ContactPointDetail } from '../contactpoints/service.ts';
import type { PriorityCategoryRecord, QueueServiceRecord } from './repository.ts';
import type { TicketView, WaitReport } from './service.ts';
import type { WaitEstimate } from './wait-estimate.ts';
import { registerAsset } from '../platform/http/assets.ts';
import { qrMatrix, qrPath } from '../platform/views/QrCode.tsx';
import { ScreenLayout } from './screen-layout.tsx';

// The queue screens' own stylesheet and script, linked from these pages only.
const queueAssets = {
  css: registerAsset({ name: 'queues', ext: 'css', files: [new URL('./assets/queues.css', import.meta.url)] }),
  js: registerAsset({ name: 'queues', ext: 'js', files: [new URL('./assets/queues.js', import.meta.url)] }),
};

export const assetsHead = (
  <>
    <link rel="stylesheet" href={queueAssets.css} />
    <script src={queueAssets.js} defer />
  </>
);

/** The public page that gives a ticket online (remote-pages.tsx), for one service when given. */
export const remoteTicketPath = (lang: string, contactPointId: string, serviceCode?: string) =>
  `/${lang}/contact-points/${contactPointId}/remote-ticket${serviceCode ? `?service=${encodeURIComponent(serviceCode)}` : ''}`;

export const eventsUrl = (contactPointId: string) => `/api/v1/contact-points/${contactPointId}/events`;

/** The words of an estimate: "about 10 to 20 minutes", "no wait", "no estimate yet"… */
export function waitWords(estimate: WaitEstimate, t: Translate): string {
  switch (estimate.kind) {
    case 'unknown':
      return t('queues.wait.unknown');
    case 'none':
      return t('queues.wait.none');
    case 'under':
      return t('queues.wait.under', { max: estimate.maxMinutes });
    case 'range':
      return t('queues.wait.range', { min: estimate.minMinutes, max: estimate.maxMinutes });
    case 'over':
      return t('queues.wait.over', { hours: Math.floor(estimate.minMinutes / 60) });
  }
}

/** A wait as every screen writes it (the portal, the kiosk ticket, the board, the counter, "my ticket"). */
export function WaitText({ estimate }: { estimate: WaitEstimate }) {
  const { t } = usePage();
  return <span data-wait-estimate={estimate.kind}>{waitWords(estimate, t)}</span>;
}

/** The waits of a contact point, one line per service: its letter and name, the people waiting, the estimate. */
export function WaitList({ report }: { report: WaitReport }) {
  const { t } = usePage();
  if (report.services.length === 0) return null;
  return (
    <ul class="queues-waits" aria-label={t('queues.wait.list')}>
      {report.services.map((service) => (
        <li class="queues-waits__item" data-wait-service={service.serviceCode}>
          <span class="queues-waits__service">
            <span class="queues-waits__prefix">{service.prefix}</span> <Text value={service.name} />
          </span>
          {/* Pages without the queue stylesheet (the portal) read it as one line: "A eID – 3 people waiting · about …". */}
          <span class="queues-waits__separator"> – </span>
          {report.open ? (
            <span class="queues-waits__figures">
              <span>{t('queues.wait.people', { count: service.waiting })}</span>
              {' · '}
              <strong>
                <WaitText estimate={service.estimate} />
              </strong>
            </span>
          ) : (
            <span class="queues-waits__figures">{t('queues.wait.closed')}</span>
          )}
        </li>
      ))}
    </ul>
  );
}

/** The section of the public contact-point page: today's waits when the point issues tickets. */
export function ContactPointWaitSection({ report, title }: { report: WaitReport | undefined; title?: string | undefined }) {
  const { t, lang } = usePage();
  if (!report || report.services.length === 0) return null;
  return (
    <section aria-labelledby="queue-wait-title">
      <h2 class="utrecht-heading-2" id="queue-wait-title">
        {title ?? t('queues.wait.title')}
      </h2>
      <WaitList report={report} />
      <Paragraph>
        <small class="queues-muted">{t('queues.wait.explain')}</small>
      </Paragraph>
      {report.open && report.remoteTickets && (
        <Paragraph>
          <a class="utrecht-link" href={remoteTicketPath(lang, report.contactPointId)}>
            {t('queues.remote.link')}
          </a>
        </Paragraph>
      )}
    </section>
  );
}

// ---- kiosk

/** The kiosk's language choice: the same kiosk screen in another language (never a link away from the kiosk). */
function KioskLanguages({ path }: { path: (lang: string) => string }) {
  const { t, lang } = usePage();
  return (
    <nav class="queues-kiosk__languages" aria-label={t('queues.kiosk.language')}>
      <ul>
        {LANGUAGES.map((other) => (
          <li>
            {other === lang ? (
              <span aria-current="true" lang={other}>
                {LANGUAGE_NAMES[other]}
              </span>
            ) : (
              <a class="utrecht-link" href={path(other)} hrefLang={other} lang={other}>
                {LANGUAGE_NAMES[other]}
              </a>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}

/**
 * Back to the kiosk's start screen after a time without a touch (queues.js): on the start screen after
 * something was chosen or typed, on a ticket always. A warning comes first, with a button to stay (WCAG 2.2.1).
 */
function KioskReturn({
  to,
  seconds,
  warnSeconds,
  warning,
  stay,
  armOnInteraction = false,
}: {
  to: string;
  seconds: number;
  warnSeconds: number;
  warning: string;
  stay: string;
  /** Count only from the first touch (an untouched start screen stays as it is). */
  armOnInteraction?: boolean;
}) {
  return (
    <div
      class="queues-kiosk-return"
      data-kiosk-return={to}
      data-kiosk-seconds={String(seconds)}
      data-kiosk-warn-seconds={String(warnSeconds)}
      data-kiosk-arm={armOnInteraction ? 'interaction' : undefined}
    >
      {/* Present (empty) from the start, so that screen readers announce the warning when it is written. */}
      <p class="utrecht-paragraph" role="status" data-kiosk-warning={warning}></p>
      <button type="button" class="utrecht-button utrecht-button--secondary-action" data-kiosk-stay hidden>
        {stay}
      </button>
    </div>
  );
}

/** The start screen goes back to its clean state after this long without a touch. */
export const KIOSK_IDLE_SECONDS = 90;

export function KioskPage({
  point,
  services,
  categories,
  remoteTickets = false,
  checkedIn = false,
  errors,
  values,
}: {
  point: ContactPointDetail;
  services: QueueServiceRecord[];
  categories: PriorityCategoryRecord[];
  /** The point gives tickets online: a form to check them in (decision 0061). */
  remoteTickets?: boolean;
  /** A ticket taken online was just checked in here. */
  checkedIn?: boolean;
  errors?: FieldError[];
  values?: { priorityCategory?: string | undefined; reference?: string | undefined; code?: string | undefined };
}) {
  const { t, lang } = usePage();
  const name = pickText(point.name, lang).text;
  const start = `/${lang}/contact-points/${point.id}/kiosk`;
  return (
    <ScreenLayout title={t('queues.kiosk.title', { name })} mode="kiosk" head={assetsHead}>
      <div class="queues-kiosk">
        <div class="queues-kiosk__top">
          <p class="queues-kiosk__place">
            <Text value={point.name} />
          </p>
          <KioskLanguages path={(other) => `/${other}/contact-points/${point.id}/kiosk`} />
        </div>
        <Heading1>{t('queues.kiosk.heading')}</Heading1>
        <ErrorSummary errors={errors} labelOf={(field) => (field === 'code' ? t('queues.remote.field.code') : t(`queues.field.${field}`))} />
        {checkedIn && <Alert type="ok">{t('queues.remote.kiosk.checkedIn')}</Alert>}
        {!point.status.openNow ? (
          <Alert type="warning">{t('errors.queue.point_closed')}</Alert>
        ) : services.length === 0 ? (
          <Alert type="info">{t('queues.kiosk.noServices')}</Alert>
        ) : (
          <>
            <form method="post" action={start} class="utrecht-form" noValidate>
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
            <form method="post" action={`${start}/check-in`} class="utrecht-form" noValidate>
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
            {remoteTickets && (
              <>
                <h2 class="utrecht-heading-2">{t('queues.remote.kiosk.heading')}</h2>
                <form method="post" action={`${start}/remote-check-in`} class="utrecht-form" noValidate>
                  <CsrfField />
                  <TextField
                    name="code"
                    label={t('queues.remote.field.code')}
                    description={t('queues.remote.kiosk.codeHelp')}
                    value={values?.code}
                    errors={errors}
                    maxLength={40}
                    autocomplete="off"
                  />
                  <button type="submit" class="utrecht-button utrecht-button--secondary-action">
                    {t('queues.remote.kiosk.checkIn')}
                  </button>
                </form>
              </>
            )}
          </>
        )}
        <KioskReturn
          to={start}
          seconds={KIOSK_IDLE_SECONDS}
          warnSeconds={KIOSK_WARN_SECONDS}
          warning={t('queues.kiosk.inactiveWarning', { seconds: KIOSK_WARN_SECONDS })}
          stay={t('queues.kiosk.continue')}
          armOnInteraction={!errors?.length}
        />
      </div>
    </ScreenLayout>
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

/** The kiosk's QR code to the ticket, without the written link under it: the kiosk leads nowhere else. */
function KioskQrCode({ value, label }: { value: string; label: string }) {
  const matrix = qrMatrix(value);
  const side = matrix.length + 8;
  return (
    <svg xmlns="http://www.w3.org/2000/svg" viewBox={`0 0 ${side} ${side}`} width={200} height={200} role="img" aria-label={label} shape-rendering="crispEdges">
      <title>{label}</title>
      <rect width={side} height={side} fill="#fff" />
      <path d={qrPath(matrix)} fill="#000" />
    </svg>
  );
}

/**
 * A ticket taken online and not checked in yet: the code for the kiosk or a counter, as text and as a QR code
 * (a kiosk scanner types it into the check-in field), and the deadline. Its place is kept meanwhile.
 */
function RemoteCheckIn({ view, kiosk }: { view: TicketView; kiosk: boolean }) {
  const { t, lang } = usePage();
  const by = formatTime(new Date(view.checkInBy!), lang);
  return (
    <div class="queues-remote">
      <Alert type="info">{t('queues.remote.ticket.notCheckedIn', { time: by })}</Alert>
      <p class="utrecht-paragraph">
        {t('queues.remote.ticket.codeLabel')} <strong class="queues-remote__code">{view.checkInCode}</strong>
      </p>
      {!kiosk && <KioskQrCode value={view.checkInCode!} label={t('queues.remote.ticket.qrLabel', { code: view.checkInCode! })} />}
    </div>
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
  const content = (
    <div
      class={kiosk ? 'queues-kiosk queues-ticket' : 'queues-ticket'}
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
        {view.status === 'remote' && view.checkInCode && <RemoteCheckIn view={view} kiosk={kiosk} />}
        {view.status === 'released' && <Paragraph lead>{t('queues.remote.ticket.released')}</Paragraph>}
        {(view.status === 'waiting' || view.status === 'remote') && view.position !== null && (
          <>
            <Paragraph lead>{t('queues.ticket.position', { position: view.position })}</Paragraph>
            {view.estimate && (
              <Paragraph lead>
                {t('queues.ticket.wait', { wait: '\u0000' })
                  .split('\u0000')
                  .map((part, index) => (index === 0 ? part : [<WaitText estimate={view.estimate!} />, part]))}
              </Paragraph>
            )}
          </>
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
      {!kiosk && phoneAction && (view.status === 'waiting' || view.status === 'remote') && (
        <SmsAlertForm view={view} action={phoneAction} nearPeople={nearPeople} errors={smsErrors} value={smsValue} />
      )}
      {!kiosk && (
        <Paragraph>
          <small class="queues-muted">{t('queues.ticket.keepLink')}</small>
        </Paragraph>
      )}
      {kiosk && (
        <section aria-labelledby="ticket-qr" class="queues-ticket-qr">
          <h2 class="utrecht-heading-2" id="ticket-qr">
            {t('queues.ticket.qrHeading')}
          </h2>
          <Paragraph>{t('queues.ticket.qrHelp')}</Paragraph>
          <Paragraph>{t('queues.ticket.qrSmsHelp')}</Paragraph>
          <KioskQrCode value={ticketUrl} label={t('queues.ticket.qrLabel', { number: view.number })} />
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
        // cannot follow (or give feedback on) this ticket; without JavaScript nothing happens.
        <KioskReturn
          to={newTicketUrl}
          seconds={KIOSK_RETURN_SECONDS}
          warnSeconds={KIOSK_WARN_SECONDS}
          warning={t('queues.kiosk.returnWarning', { seconds: KIOSK_WARN_SECONDS })}
          stay={t('queues.kiosk.stay')}
        />
      )}
    </div>
  );
  const title = t('queues.ticket.title', { number: view.number });
  return kiosk ? (
    <ScreenLayout title={title} mode="kiosk" head={assetsHead}>
      {content}
    </ScreenLayout>
  ) : (
    <Layout title={title} head={assetsHead}>
      {content}
    </Layout>
  );
}

// ---- display board

/** Previous calls shown beside the current one: as many as fit at a size readable from across the room. */
const BOARD_PREVIOUS_CALLS = 4;

/** How the board speaks a call in each language (the ticket's language is chosen by queues.js). */
const spokenTemplates = () =>
  Object.fromEntries(LANGUAGES.map((l) => [`data-spoken-${l}`, translator(l)('queues.board.spoken', { number: '{number}', counter: '{counter}' })]));

export function BoardPage({
  point,
  calls,
  wait,
  spokenCalls,
}: {
  point: ContactPointDetail;
  calls: Array<{ number: string; counter: string; calledAt: string }>;
  wait: WaitReport;
  /** The contact point's setting: a call is also spoken (Web Speech API) in the ticket's language. */
  spokenCalls: boolean;
}) {
  const { t, lang } = usePage();
  const [latest, ...previous] = calls;
  return (
    <ScreenLayout title={t('queues.board.title', { name: pickText(point.name, lang).text })} mode="board" head={assetsHead}>
      <div
        class="queues-board"
        data-queue-live
        data-events-url={eventsUrl(point.id)}
        data-call-template={t('queues.board.announcement', { number: '{number}', counter: '{counter}' })}
        data-spoken-calls={spokenCalls ? 'true' : undefined}
        {...spokenTemplates()}
      >
        <div class="queues-board__top">
          <Heading1>
            <Text value={point.name} />
          </Heading1>
          <button type="button" class="utrecht-button utrecht-button--secondary-action" data-queue-chime aria-pressed="false" hidden>
            {spokenCalls ? t('queues.board.soundSpoken') : t('queues.board.chime')}
          </button>
        </div>
        <p class="visually-hidden" aria-live="polite" data-queue-announcer></p>
        <div class="queues-board__calls-area">
          <div class="queues-board__current" data-live-part="now">
            <h2 class="queues-board__label">{t('queues.board.now')}</h2>
            {latest ? (
              <p class="queues-board__now">
                <span class="queues-board__now-number">{latest.number}</span>
                <span class="queues-board__now-counter">{t('queues.board.counter', { counter: latest.counter })}</span>
              </p>
            ) : (
              <p class="queues-board__none">{t('queues.board.noneYet')}</p>
            )}
          </div>
          <div class="queues-board__previous" data-live-part="calls">
            {previous.length > 0 && (
              <>
                <h2 class="queues-board__label">{t('queues.board.previous')}</h2>
                <ol class="queues-board__calls">
                  {previous.slice(0, BOARD_PREVIOUS_CALLS).map((call) => (
                    <li>
                      <span class="queues-board__call-number">{call.number}</span>
                      <span class="queues-board__call-counter">{t('queues.board.counter', { counter: call.counter })}</span>
                    </li>
                  ))}
                </ol>
              </>
            )}
          </div>
        </div>
        <div class="queues-board__waits" data-live-part="wait">
          <WaitList report={wait} />
        </div>
      </div>
    </ScreenLayout>
  );
}
