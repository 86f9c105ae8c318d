// The pages of the secret link: the confirmation right after booking (a panel with the reference, "add to
// calendar" and "manage"), the appointment itself with move / cancel, "are you sure?" before cancelling and
// before moving to a new time, and after a cancellation "book again". Every end page leads on (OnwardLinks).
import { usePage } from '../../platform/views/context.ts';
import { Alert, Form, Heading1, Link, Paragraph, SubmitButton, Text } from '../../platform/views/components.tsx';
import { formatTime } from '../../platform/i18n/format.ts';
import { brusselsDate, toBrusselsIso } from '../../platform/calendar/brussels-time.ts';
import type { AppointmentRecord, SettingsRecord } from '../repository.ts';
import { meetingLink } from '../modes.ts';
import { AppointmentLayout, contactShown, formatDay, OnwardLinks, PointAddress, qs, Steps, SummaryList } from '../page-parts.tsx';

interface ManageProps {
  appointment: AppointmentRecord;
  settings: SettingsRecord;
  changeable: boolean;
  token: string;
}

function AppointmentSummary({ appointment, settings, at = appointment.startsAt }: { appointment: AppointmentRecord; settings: SettingsRecord; at?: Date }) {
  const { t, lang } = usePage();
  const link = meetingLink(appointment);
  return (
    <SummaryList
      rows={[
        { key: t('appointments.field.reference'), value: <strong>{appointment.reference}</strong> },
        { key: t('appointments.field.status'), value: t(`appointments.status.${appointment.status}`) },
        { key: t('appointments.field.service'), value: <Text value={settings.serviceName} /> },
        { key: t('appointments.field.start'), value: t('appointments.slots.at', { date: formatDay(at, lang, true), time: formatTime(at, lang) }) },
        // How it takes place (decision 0056): the counter's address, the number the agent calls, or the meeting link.
        appointment.mode === 'counter'
          ? {
              key: t('appointments.field.point'),
              value: (
                <>
                  <Text value={settings.pointName} />, <PointAddress settings={settings} />
                </>
              ),
            }
          : {
              key: t('appointments.field.mode'),
              value: (
                <>
                  {t(`appointments.mode.${appointment.mode}`)}
                  {' – '}
                  {appointment.mode === 'phone' ? (
                    t('appointments.manage.weCall', { phone: contactShown({ email: null, phone: appointment.phone }) })
                  ) : (
                    <a class="utrecht-link" href={link!}>
                      {t('appointments.manage.meetingLink')}
                      <span class="visually-hidden"> ({link})</span>
                    </a>
                  )}
                </>
              ),
            },
      ]}
    />
  );
}

const calendarUrl = (lang: string, token: string) => `/${lang}/appointments/manage/${token}/appointment.ics`;

export function ManagePage({ appointment, settings, changeable, notice, token }: ManageProps & { notice?: 'booked' | 'moved' | 'cancelled' | undefined }) {
  const { t, lang } = usePage();
  const manageUrl = `/${lang}/appointments/manage/${token}`;
  const bookAgain = `/${lang}/appointments/slots?${qs({ service: settings.serviceCode, point: settings.contactPointId })}`;
  if (notice === 'booked') {
    return (
      <AppointmentLayout title={t('appointments.manage.bookedTitle')}>
        <div class="irisdesk-panel">
          <h1 class="irisdesk-panel__title">{t('appointments.manage.bookedTitle')}</h1>
          <p class="irisdesk-panel__body">
            {t('appointments.confirmation.reference')}
            <br />
            <strong>{appointment.reference}</strong>
          </p>
        </div>
        <Steps current="confirmation" />
        <Paragraph>{t('appointments.manage.notice.booked', { email: contactShown(appointment) })}</Paragraph>
        <AppointmentSummary appointment={appointment} settings={settings} />
        <h2 class="utrecht-heading-2">{t('appointments.confirmation.nextTitle')}</h2>
        <ul class="utrecht-unordered-list">
          <li class="utrecht-unordered-list__item">
            <a class="utrecht-link" href={calendarUrl(lang, token)} download="appointment.ics">
              {t('appointments.confirmation.calendar')}
            </a>
          </li>
          <li class="utrecht-unordered-list__item">
            <Link href={manageUrl}>{t('appointments.confirmation.manage')}</Link>
          </li>
        </ul>
        <Paragraph>{appointment.mode === 'counter' ? t('appointments.confirmation.bring') : t(`appointments.confirmation.${appointment.mode}`)}</Paragraph>
        <OnwardLinks serviceCode={settings.serviceCode} />
      </AppointmentLayout>
    );
  }
  return (
    <AppointmentLayout title={t('appointments.manage.title')}>
      <Heading1>{t('appointments.manage.title')}</Heading1>
      {notice && <Alert type="ok">{t(`appointments.manage.notice.${notice}`, { email: contactShown(appointment) })}</Alert>}
      <AppointmentSummary appointment={appointment} settings={settings} />
      {changeable ? (
        <div class="irisdesk-actions">
          <a class="utrecht-button utrecht-button--primary-action irisdesk-button-link" href={`${manageUrl}/move`}>
            {t('appointments.manage.move')}
          </a>
          <a class="utrecht-button utrecht-button--secondary-action irisdesk-button-link" href={`${manageUrl}/cancel`}>
            {t('appointments.manage.cancel')}
          </a>
        </div>
      ) : (
        appointment.status !== 'cancelled' && <Paragraph>{t('appointments.manage.notChangeable')}</Paragraph>
      )}
      <OnwardLinks serviceCode={settings.serviceCode}>
        {appointment.status === 'cancelled' ? (
          <li class="utrecht-unordered-list__item">
            <Link href={bookAgain}>{t('appointments.manage.bookAgain')}</Link>
          </li>
        ) : (
          appointment.status === 'booked' && (
            <li class="utrecht-unordered-list__item">
              <a class="utrecht-link" href={calendarUrl(lang, token)} download="appointment.ics">
                {t('appointments.confirmation.calendar')}
              </a>
            </li>
          )
        )}
      </OnwardLinks>
    </AppointmentLayout>
  );
}

/** "Are you sure?" before a cancellation: nothing is cancelled by one click. */
export function CancelPage({ appointment, settings, token }: ManageProps) {
  const { t, lang } = usePage();
  return (
    <AppointmentLayout title={t('appointments.cancel.title')}>
      <Heading1>{t('appointments.cancel.title')}</Heading1>
      <AppointmentSummary appointment={appointment} settings={settings} />
      <Paragraph>{t('appointments.cancel.warning')}</Paragraph>
      <Form action={`/${lang}/appointments/manage/${token}/cancel`}>
        <div class="irisdesk-actions">
          <button type="submit" class="utrecht-button utrecht-button--primary-action irisdesk-button--warning">
            {t('appointments.cancel.submit')}
          </button>
          <Link href={`/${lang}/appointments/manage/${token}`}>{t('appointments.cancel.keep')}</Link>
        </div>
      </Form>
    </AppointmentLayout>
  );
}

/** "Move to this time?": the old and the new time side by side, one button to confirm. */
export function MoveConfirmPage({ appointment, settings, token, slot }: ManageProps & { slot: { start: Date } }) {
  const { t, lang } = usePage();
  const at = (date: Date) => t('appointments.slots.at', { date: formatDay(date, lang, true), time: formatTime(date, lang) });
  return (
    <AppointmentLayout title={t('appointments.move.confirmTitle')}>
      <Heading1>{t('appointments.move.confirmTitle')}</Heading1>
      <SummaryList
        rows={[
          { key: t('appointments.move.from'), value: at(appointment.startsAt) },
          {
            key: t('appointments.move.to'),
            value: <strong>{at(slot.start)}</strong>,
            change: { href: `/${lang}/appointments/manage/${token}/move?from=${brusselsDate(slot.start)}` },
          },
          { key: t('appointments.field.service'), value: <Text value={settings.serviceName} /> },
          {
            key: t('appointments.field.point'),
            value: (
              <>
                <Text value={settings.pointName} />, <PointAddress settings={settings} />
              </>
            ),
          },
        ]}
      />
      <Form action={`/${lang}/appointments/manage/${token}/move`}>
        <input type="hidden" name="start" value={toBrusselsIso(slot.start)} />
        <div class="irisdesk-actions">
          <SubmitButton>{t('appointments.move.submit')}</SubmitButton>
          <Link href={`/${lang}/appointments/manage/${token}`}>{t('appointments.move.keep')}</Link>
        </div>
      </Form>
    </AppointmentLayout>
  );
}
