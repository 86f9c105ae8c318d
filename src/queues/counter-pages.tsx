// The agents' queue screens: the counters of their contact points (/{lang}/queues) and one counter's screen,
// with the ticket being served, the people waiting and the actions (call next, serve, finish, transfer).
import type { ComponentChildren } from 'preact';
import { Layout } from '../platform/views/Layout.tsx';
import { Alert, CsrfField, ErrorSummary, Heading1, Paragraph, SelectField, Table, Text, TextField } from '../platform/views/components.tsx';
import { usePage } from '../platform/views/context.ts';
import { pickText } from '../platform/i18n/languages.ts';
import { formatTime } from '../platform/i18n/format.ts';
import type { FieldError } from '../platform/http/errors.ts';
import { CONTACT_OUTCOMES } from '../contactcenter/model.ts';
import type { ContactPointDetail } from '../contactpoints/service.ts';
import type { CounterRecord } from './repository.ts';
import type { AgentTicket, CounterScreen } from './service.ts';
import { assetsHead, eventsUrl, WaitList } from './pages.tsx';
import { canConfigureQueues } from './authorisation.ts';

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
            {canConfigureQueues(actor, point.organisation.id) && (
              <>
                {' · '}
                <a class="utrecht-link" href={`/${lang}/queues/remote-tickets/${point.id}`}>
                  {t('queues.remote.settings.link')}
                </a>
              </>
            )}
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

export function CounterPage({
  screen,
  errors,
  issued,
  checkedIn,
}: {
  screen: CounterScreen;
  errors?: FieldError[];
  issued?: string | undefined;
  /** The number of a remote ticket just checked in here. */
  checkedIn?: string | undefined;
}) {
  const { t, lang } = usePage();
  const base = `/${lang}/queues/counters/${screen.counter.id}`;
  const current = screen.current;
  const label = (field: string) => (field === 'code' ? t('queues.remote.field.code') : t(`queues.field.${field}`));
  const notCheckedIn = screen.wait.services.reduce((sum, service) => sum + service.notCheckedIn, 0);
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
        {checkedIn && <Alert type="ok">{t('queues.remote.counter.checkedIn', { number: checkedIn })}</Alert>}
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
          <WaitList report={screen.wait} />
          {notCheckedIn > 0 && <Paragraph>{t('queues.remote.counter.notCheckedIn', { count: notCheckedIn })}</Paragraph>}
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
        {screen.wait.remoteTickets && (
          <section aria-labelledby="check-in-title">
            <h2 class="utrecht-heading-2" id="check-in-title">
              {t('queues.remote.counter.checkInTitle')}
            </h2>
            <ActionForm action={`${base}/check-in`} label={t('queues.remote.counter.checkIn')}>
              <TextField
                name="code"
                label={t('queues.remote.field.code')}
                description={t('queues.remote.counter.codeHelp')}
                errors={errors}
                maxLength={40}
                autocomplete="off"
              />
            </ActionForm>
          </section>
        )}
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
