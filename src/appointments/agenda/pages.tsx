// The agents' screens: the points whose agenda they may open, a point's day or week with arrived / seen /
// no-show, and the no-show rates of the last 90 days.
import { usePage } from '../../platform/views/context.ts';
import { Layout } from '../../platform/views/Layout.tsx';
import { Alert, CsrfField, Heading1, Link, Paragraph, Table, Text } from '../../platform/views/components.tsx';
import { formatDate, formatNumber, formatTime } from '../../platform/i18n/format.ts';
import { pickText, type LocalizedText } from '../../platform/i18n/languages.ts';
import { addDays } from '../../platform/calendar/brussels-time.ts';
import { meetingLink } from '../modes.ts';
import { contactShown } from '../page-parts.tsx';
import type { AppointmentRecord, AppointmentStatus } from '../repository.ts';

const STATUS_ACTIONS: Array<{ status: AppointmentStatus; from: AppointmentStatus[] }> = [
  { status: 'arrived', from: ['booked', 'no_show'] },
  { status: 'seen', from: ['booked', 'arrived', 'no_show'] },
  { status: 'no_show', from: ['booked', 'arrived'] },
];

type RateRow = { serviceName: LocalizedText; pointName: LocalizedText; due: number; noShows: number; rate: number };

function NoShowTable({ rows, caption }: { rows: RateRow[]; caption: string }) {
  const { t, lang } = usePage();
  if (rows.length === 0) return <Paragraph>{t('appointments.noShow.none')}</Paragraph>;
  return (
    <Table
      caption={caption}
      head={[
        t('appointments.field.service'),
        t('appointments.field.point'),
        t('appointments.noShow.due'),
        t('appointments.noShow.count'),
        t('appointments.noShow.rate'),
      ]}
      rows={rows.map((row) => [
        <Text value={row.serviceName} />,
        <Text value={row.pointName} />,
        formatNumber(row.due, lang),
        formatNumber(row.noShows, lang),
        `${formatNumber(row.rate * 100, lang, 1)} %`,
      ])}
    />
  );
}

export function AgendaHomePage({ points, rates }: { points: Array<{ id: string; name: LocalizedText; services: LocalizedText[] }>; rates: RateRow[] }) {
  const { t, lang } = usePage();
  return (
    <Layout title={t('appointments.agenda.title')} backOffice section="agenda">
      <Heading1>{t('appointments.agenda.title')}</Heading1>
      {points.length === 0 ? (
        <Paragraph>{t('appointments.agenda.noPoints')}</Paragraph>
      ) : (
        <ul class="utrecht-unordered-list">
          {points.map((point) => (
            <li class="utrecht-unordered-list__item">
              <Link href={`/${lang}/agenda/${point.id}`}>
                <Text value={point.name} />
              </Link>{' '}
              <span class="irisdesk-muted">({point.services.map((s) => pickText(s, lang).text).join(', ')})</span>
            </li>
          ))}
        </ul>
      )}
      <h2 class="utrecht-heading-2">{t('appointments.noShow.title')}</h2>
      <NoShowTable rows={rates} caption={t('appointments.noShow.caption')} />
    </Layout>
  );
}

export function AgendaPage(props: {
  point: { id: string; name: LocalizedText };
  appointments: AppointmentRecord[];
  date: string;
  view: 'day' | 'week';
  rates: RateRow[];
  today: string;
  notice?: string | undefined;
}) {
  const { t, lang } = usePage();
  const { point, appointments, date, view } = props;
  const step = view === 'day' ? 1 : 7;
  const url = (d: string, v = view) => `/${lang}/agenda/${point.id}?date=${d}&view=${v}`;
  const title = t(view === 'day' ? 'appointments.agenda.dayTitle' : 'appointments.agenda.weekTitle', {
    point: pickText(point.name, lang).text,
    date: formatDate(new Date(`${date}T12:00:00Z`), lang),
  });
  return (
    <Layout title={title} backOffice section="agenda">
      <Heading1>{title}</Heading1>
      {props.notice && <Alert type="ok">{t('appointments.agenda.saved')}</Alert>}
      <nav class="irisdesk-actions" aria-label={t('appointments.agenda.navigation')}>
        <Link href={url(addDays(date, -step))}>{t(`appointments.agenda.previous.${view}`)}</Link>
        <Link href={url(props.today)}>{t('appointments.agenda.today')}</Link>
        <Link href={url(addDays(date, step))}>{t(`appointments.agenda.next.${view}`)}</Link>
        <Link href={url(date, view === 'day' ? 'week' : 'day')}>{t(view === 'day' ? 'appointments.agenda.showWeek' : 'appointments.agenda.showDay')}</Link>
      </nav>
      {appointments.length === 0 ? (
        <Paragraph>{t('appointments.agenda.empty')}</Paragraph>
      ) : (
        <Table
          caption={t('appointments.agenda.caption')}
          head={[
            t('appointments.field.start'),
            t('appointments.field.service'),
            t('appointments.field.name'),
            t('appointments.field.mode'),
            t('appointments.field.reference'),
            t('appointments.field.status'),
            t('appointments.agenda.actions'),
          ]}
          rows={appointments.map((a) => [
            view === 'week' ? `${formatDate(a.startsAt, lang)} ${formatTime(a.startsAt, lang)}` : formatTime(a.startsAt, lang),
            <Text value={a.serviceName} />,
            // The phone number to call (a phone appointment) or to reach the person, dialled as tel:+32…
            <>
              {a.name}
              {a.phone && (
                <>
                  <br />
                  <a class="utrecht-link" href={`tel:${a.phone}`}>
                    {contactShown({ email: null, phone: a.phone })}
                  </a>
                </>
              )}
            </>,
            a.mode === 'video' ? (
              <a class="utrecht-link" href={meetingLink(a)!}>
                {t('appointments.mode.video')}
                <span class="visually-hidden"> – {t('appointments.manage.meetingLink')}</span>
              </a>
            ) : (
              t(`appointments.mode.${a.mode}`)
            ),
            a.reference,
            t(`appointments.status.${a.status}`),
            <div class="irisdesk-actions">
              {STATUS_ACTIONS.filter((action) => action.from.includes(a.status)).map((action) => (
                <form method="post" action={`/${lang}/agenda/appointments/${a.id}/status`} class="irisdesk-inline-form">
                  <CsrfField />
                  <input type="hidden" name="status" value={action.status} />
                  <input type="hidden" name="date" value={date} />
                  <input type="hidden" name="view" value={view} />
                  <button type="submit" class="utrecht-button utrecht-button--secondary-action">
                    {t(`appointments.agenda.mark.${action.status}`)}
                    <span class="visually-hidden"> – {a.reference}</span>
                  </button>
                </form>
              ))}
            </div>,
          ])}
        />
      )}
      <h2 class="utrecht-heading-2">{t('appointments.noShow.title')}</h2>
      <NoShowTable rows={props.rates} caption={t('appointments.noShow.caption')} />
    </Layout>
  );
}
