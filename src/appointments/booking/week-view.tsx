// The choice of a time as a week (as the best booking tools show it): "next available" first, then the seven
// days as groups headed by weekday and date, each free time a link of its own (Tab reaches it, Enter takes it),
// a line of day links to jump ahead by keyboard, and the previous / next week as plain links. The same view
// moves an appointment, its current time marked. No JavaScript needed; on a phone the times wrap in a grid.
import type { ComponentChildren } from 'preact';
import type { FieldError } from '../../platform/http/errors.ts';
import { usePage } from '../../platform/views/context.ts';
import { Alert, ErrorSummary, Form, Heading1, Link, Paragraph, SubmitButton, Text } from '../../platform/views/components.tsx';
import { formatTime } from '../../platform/i18n/format.ts';
import { addDays, brusselsDate, toBrusselsIso } from '../../platform/calendar/brussels-time.ts';
import type { Slot } from '../slots.ts';
import type { SettingsRecord } from '../repository.ts';
import { AppointmentLayout, CarryForm, formatDay, middayOf, PersonFields, PointAddress, qs, Steps, type Values } from '../page-parts.tsx';

export interface WeekViewProps {
  settings: SettingsRecord;
  slots: Slot[];
  /** The first day shown (YYYY-MM-DD) and how many. */
  from: string;
  days: number;
  today: string;
  /** The soonest free time from now, whichever week it is in. */
  next: Slot | null;
  postalCode?: string | undefined;
  move?: { token: string; current: Date } | undefined;
  errors?: FieldError[] | undefined;
  waitlistErrors?: FieldError[] | undefined;
  waitlisted?: boolean;
  values?: Values;
  /** The person's answers, when "Change" led here: each time and week is a button that posts them along. */
  carry?: Values | undefined;
}

export function BookingSlotsPage(props: WeekViewProps) {
  const { t, lang } = usePage();
  const { settings, from, move } = props;
  const title = move ? t('appointments.move.title') : t('appointments.slots.title');
  const weekUrl = (day: string) =>
    move
      ? `/${lang}/appointments/manage/${move.token}/move?from=${day}`
      : `/${lang}/appointments/slots?${qs({ service: settings.serviceCode, point: settings.contactPointId, postalCode: props.postalCode, from: day })}`;
  const slotUrl = (slot: Slot) =>
    move
      ? `/${lang}/appointments/manage/${move.token}/move/confirm?${qs({ start: toBrusselsIso(slot.start) })}`
      : `/${lang}/appointments/details?${qs({ service: settings.serviceCode, point: settings.contactPointId, postalCode: props.postalCode, start: toBrusselsIso(slot.start) })}`;
  const last = addDays(from, props.days - 1);
  const previous = from > props.today ? (addDays(from, -props.days) < props.today ? props.today : addDays(from, -props.days)) : undefined;
  const week = Array.from({ length: props.days }, (_, i) => addDays(from, i));
  const byDay = new Map<string, Slot[]>(week.map((day) => [day, []]));
  for (const slot of props.slots) byDay.get(brusselsDate(slot.start))?.push(slot);
  const currentDay = move ? brusselsDate(move.current) : undefined;
  const carry = move ? undefined : props.carry;
  const detailsAction = `/${lang}/appointments/details`;
  // With answers carried, a week is a button of the carry form (name "from"), a time one posting to the details.
  const weekLink = (day: string, label: string) =>
    carry ? (
      <button type="submit" class="irisdesk-link-button" form="carry" name="from" value={day}>
        {label}
      </button>
    ) : (
      <Link href={weekUrl(day)}>{label}</Link>
    );
  const timeChoice = (slot: Slot, className: string, children: ComponentChildren) =>
    carry ? (
      <button type="submit" class={className} form="carry" formAction={detailsAction} name="start" value={toBrusselsIso(slot.start)}>
        {children}
      </button>
    ) : (
      <a class={className} href={slotUrl(slot)}>
        {children}
      </a>
    );
  const weekNav = (position: string) => (
    <nav class="irisdesk-week__nav" aria-label={t('appointments.slots.otherWeeks', { position })}>
      {previous ? weekLink(previous, t('appointments.slots.earlier')) : <span />}
      {weekLink(addDays(from, props.days), t('appointments.slots.later'))}
    </nav>
  );
  return (
    <AppointmentLayout title={title}>
      <Heading1>{title}</Heading1>
      {!move && <Steps current="slot" />}
      {carry && (
        <CarryForm
          action={`/${lang}/appointments/change/slot`}
          carry={carry}
          fields={{ service: settings.serviceCode, point: settings.contactPointId, postalCode: props.postalCode }}
        />
      )}
      {props.waitlisted && <Alert type="ok">{t('appointments.waitlist.joined')}</Alert>}
      <Paragraph>
        <strong>
          <Text value={settings.serviceName} />
        </strong>{' '}
        – <Text value={settings.pointName} />, <PointAddress settings={settings} />
      </Paragraph>
      {move && (
        <p class="utrecht-paragraph irisdesk-week__current-note">
          {t('appointments.move.current', { date: formatDay(move.current, lang), time: formatTime(move.current, lang) })}
        </p>
      )}
      <ErrorSummary errors={props.errors} labelOf={(field) => t(`appointments.field.${field}`)} />
      {props.next ? (
        <div class="irisdesk-next-available">
          <h2 class="utrecht-heading-3">{t('appointments.slots.nextTitle')}</h2>
          {timeChoice(
            props.next,
            'irisdesk-next-available__link',
            t('appointments.slots.at', { date: formatDay(props.next.start, lang), time: formatTime(props.next.start, lang) }),
          )}
        </div>
      ) : (
        <Alert type="info">{t('appointments.slots.noneAtAll')}</Alert>
      )}
      <section aria-labelledby="week-title" class="irisdesk-week" id={`field-start`} tabIndex={-1}>
        <h2 class="utrecht-heading-2" id="week-title">
          {t('appointments.slots.week', { from: formatDay(middayOf(from), lang), to: formatDay(middayOf(last), lang, true) })}
        </h2>
        {weekNav(t('appointments.slots.top'))}
        <nav aria-label={t('appointments.slots.days')}>
          <ul class="irisdesk-week__jump">
            {week.map((day) => {
              const count = byDay.get(day)!.length;
              return (
                <li>
                  {count > 0 ? (
                    <a class="utrecht-link" href={`#day-${day}`}>
                      {formatDay(middayOf(day), lang)}
                      <span class="irisdesk-muted"> ({t('appointments.slots.count', { count })})</span>
                    </a>
                  ) : (
                    <span class="irisdesk-muted">
                      {formatDay(middayOf(day), lang)} ({t('appointments.slots.count', { count })})
                    </span>
                  )}
                </li>
              );
            })}
          </ul>
        </nav>
        {week.map((day) => {
          const list = byDay.get(day)!;
          const current = currentDay === day && move ? move.current : undefined;
          if (list.length === 0 && !current) return null;
          // The current time is shown marked, never as a choice (with several counters it may still be free).
          const times: Array<{ slot?: Slot; current?: Date; at: number }> = list
            .filter((slot) => slot.start.getTime() !== current?.getTime())
            .map((slot) => ({ slot, at: slot.start.getTime() }));
          if (current) times.push({ current, at: current.getTime() });
          times.sort((a, b) => a.at - b.at);
          return (
            <section class="irisdesk-week__day" aria-labelledby={`day-${day}`}>
              <h3 class="utrecht-heading-3 irisdesk-week__day-title" id={`day-${day}`} tabIndex={-1}>
                {formatDay(middayOf(day), lang)}
              </h3>
              <ul class="irisdesk-week__times">
                {times.map((time) =>
                  time.slot ? (
                    <li>
                      {timeChoice(
                        time.slot,
                        'irisdesk-time',
                        <>
                          {formatTime(time.slot.start, lang)}
                          <span class="visually-hidden">, {formatDay(time.slot.start, lang)}</span>
                        </>,
                      )}
                    </li>
                  ) : (
                    <li class="irisdesk-week__current">
                      <span class="irisdesk-time irisdesk-time--current">
                        {formatTime(time.current!, lang)}
                        <span class="irisdesk-time__note">{t('appointments.move.yours')}</span>
                      </span>
                    </li>
                  ),
                )}
              </ul>
            </section>
          );
        })}
        {props.slots.length === 0 && <Paragraph>{t('appointments.slots.noneThisWeek')}</Paragraph>}
        {weekNav(t('appointments.slots.bottom'))}
      </section>
      {move ? (
        <Paragraph>
          <Link href={`/${lang}/appointments/manage/${move.token}`}>{t('appointments.move.keep')}</Link>
        </Paragraph>
      ) : (
        <WaitingList settings={settings} errors={props.waitlistErrors} values={props.values ?? carry ?? {}} />
      )}
    </AppointmentLayout>
  );
}

function WaitingList({ settings, errors, values }: { settings: SettingsRecord; errors?: FieldError[] | undefined; values: Values }) {
  const { t, lang } = usePage();
  return (
    <section aria-labelledby="waitlist-title" class="irisdesk-waitlist">
      <h2 class="utrecht-heading-2" id="waitlist-title">
        {t('appointments.waitlist.title')}
      </h2>
      <Paragraph>{t('appointments.waitlist.intro')}</Paragraph>
      <ErrorSummary errors={errors} labelOf={(field) => t(`appointments.field.${field}`)} />
      <Form action={`/${lang}/appointments/waitlist`}>
        <input type="hidden" name="service" value={settings.serviceCode} />
        <input type="hidden" name="point" value={settings.contactPointId} />
        <PersonFields errors={errors} values={values} />
        <SubmitButton variant="secondary">{t('appointments.waitlist.submit')}</SubmitButton>
      </Form>
    </section>
  );
}
