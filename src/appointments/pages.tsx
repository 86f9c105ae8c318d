// Screens of appointments: the public booking flow (service → contact point → slot → contact details →
// confirmation / manage link), the agents' day and week views with arrived / seen / no-show, no-show rates,
// and the back-office settings form with closures and absences. Every page works without JavaScript.
import type { FieldError } from '../platform/http/errors.ts';
import { usePage } from '../platform/views/context.ts';
import { Layout } from '../platform/views/Layout.tsx';
import {
  Alert,
  CheckboxField,
  ChoiceGroup,
  CsrfField,
  ErrorSummary,
  Form,
  Heading1,
  Link,
  Paragraph,
  SelectField,
  SubmitButton,
  Table,
  Text,
  TextField,
  fieldId,
} from '../platform/views/components.tsx';
import { formatDate, formatNumber, formatTime } from '../platform/i18n/format.ts';
import { LANGUAGES, LANGUAGE_NAMES, pickText, type LocalizedText } from '../platform/i18n/languages.ts';
import { addDays, brusselsDate, toBrusselsIso } from '../platform/calendar/brussels-time.ts';
import type { Slot } from './slots.ts';
import type { AppointmentRecord, AppointmentStatus, ClosureRecord, SettingsRecord } from './repository.ts';
import type { PublicSlot } from './service.ts';
import { parsePhoneNumber } from '../platform/sms/phone.ts';

type Values = Record<string, string | undefined>;

/** "How should we contact you?" (GOV.UK's pattern): e-mail or text message, the chosen one's field revealed under it. */
function ContactChoice({ errors, values, idSuffix }: { errors?: FieldError[] | undefined; values: Values; idSuffix?: string }) {
  const { t } = usePage();
  return (
    <ChoiceGroup
      type="radio"
      name="contactBy"
      {...(idSuffix ? { id: `field-contactBy-${idSuffix}` } : {})}
      legend={t('appointments.contact.legend')}
      hint={t('appointments.contact.hint')}
      label={t('appointments.field.contactBy')}
      checked={values.contactBy}
      errors={errors}
      required
      options={[
        {
          value: 'email',
          label: t('appointments.contact.byEmail'),
          conditional: (
            <TextField
              name="email"
              idSuffix={idSuffix}
              type="email"
              label={t('appointments.field.email')}
              errors={errors}
              value={values.email}
              autocomplete="email"
              maxLength={254}
            />
          ),
        },
        {
          value: 'phone',
          label: t('appointments.contact.byPhone'),
          conditional: (
            <TextField
              name="phone"
              idSuffix={idSuffix}
              type="tel"
              label={t('appointments.field.phone')}
              description={t('appointments.contact.phoneHelp')}
              errors={errors}
              value={values.phone}
              autocomplete="tel"
              maxLength={40}
            />
          ),
        },
      ]}
    />
  );
}

function Steps({ current }: { current: 1 | 2 | 3 | 4 | 5 }) {
  const { t } = usePage();
  const steps = ['service', 'point', 'slot', 'details', 'confirmation'];
  return (
    <p class="utrecht-paragraph irisdesk-muted">
      {t('appointments.step', { current, total: steps.length, name: t(`appointments.steps.${steps[current - 1]}`) })}
    </p>
  );
}

function PointAddress({ settings }: { settings: SettingsRecord }) {
  const { lang } = usePage();
  const side = lang === 'nl' ? 'nl' : 'fr';
  return (
    <>
      {settings.street[side]} {settings.houseNumber}, {settings.postalCode} {settings.municipality[side]}
    </>
  );
}

const qs = (params: Record<string, string | undefined>) =>
  new URLSearchParams(Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== undefined)).toString();

// ---- public flow

export function BookingStartPage({
  services,
  errors,
  values = {},
}: {
  services: Array<{ code: string; name: LocalizedText; competentKind: string }>;
  errors?: FieldError[];
  values?: Values;
}) {
  const { t, lang } = usePage();
  return (
    <Layout title={t('appointments.start.title')}>
      <Heading1>{t('appointments.start.title')}</Heading1>
      <Steps current={1} />
      <Paragraph lead>{t('appointments.start.intro')}</Paragraph>
      <ErrorSummary errors={errors} labelOf={(field) => t(`appointments.field.${field}`)} />
      <form method="get" action={`/${lang}/appointments/points`} class="utrecht-form" noValidate>
        <SelectField
          name="service"
          label={t('appointments.field.service')}
          errors={errors}
          value={values.service}
          options={[
            { value: '', label: t('appointments.start.chooseService') },
            ...services.map((s) => ({ value: s.code, label: pickText(s.name, lang).text })),
          ]}
        />
        <TextField
          name="postalCode"
          label={t('appointments.field.postalCode')}
          description={t('appointments.start.postalCodeHelp')}
          errors={errors}
          value={values.postalCode}
          autocomplete="postal-code"
          maxLength={4}
        />
        <SubmitButton>{t('appointments.next')}</SubmitButton>
      </form>
    </Layout>
  );
}

export function BookingPointsPage({
  service,
  points,
  postalCode,
}: {
  service: { code: string; name: LocalizedText };
  points: Array<{ settings: SettingsRecord; soonest: Slot | null }>;
  postalCode?: string | undefined;
}) {
  const { t, lang } = usePage();
  return (
    <Layout title={t('appointments.points.title')}>
      <Heading1>{t('appointments.points.title')}</Heading1>
      <Steps current={2} />
      <Paragraph>
        {t('appointments.points.for')}{' '}
        <strong>
          <Text value={service.name} />
        </strong>
      </Paragraph>
      <ul class="irisdesk-card-grid">
        {points.map(({ settings, soonest }) => (
          <li class="irisdesk-card">
            <h2 class="utrecht-heading-3">
              <Text value={settings.pointName} />
            </h2>
            <p class="utrecht-paragraph">
              <PointAddress settings={settings} />
            </p>
            <p class="utrecht-paragraph">
              {soonest
                ? t('appointments.points.soonest', { date: formatDate(soonest.start, lang), time: formatTime(soonest.start, lang) })
                : t('appointments.points.noneSoon')}
            </p>
            <Link
              href={`/${lang}/appointments/slots?${qs({ service: service.code, point: settings.contactPointId, from: soonest ? brusselsDate(soonest.start) : undefined })}`}
            >
              {t('appointments.points.choose')}
              <span class="visually-hidden"> – {pickText(settings.pointName, lang).text}</span>
            </Link>
          </li>
        ))}
      </ul>
      <Paragraph>
        <Link href={`/${lang}/appointments?${qs({ service: service.code, postalCode })}`}>{t('appointments.back')}</Link>
      </Paragraph>
    </Layout>
  );
}

function SlotChoices({ slots, errors, selected }: { slots: Slot[]; errors?: FieldError[] | undefined; selected?: string | undefined }) {
  const { t, lang } = usePage();
  const days = new Map<string, Slot[]>();
  for (const slot of slots) {
    const day = brusselsDate(slot.start);
    days.set(day, [...(days.get(day) ?? []), slot]);
  }
  const error = errors?.find((e) => e.field === 'start');
  return (
    // One radio group per day, all posting "start", in a group of groups that carries the field's error.
    <fieldset class="utrecht-form-fieldset" id={fieldId('start')} tabIndex={-1} aria-describedby={error ? `${fieldId('start')}-error` : undefined}>
      <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">{t('appointments.field.start')}</legend>
      {error && (
        <div class="utrecht-form-field-error-message" id={`${fieldId('start')}-error`}>
          {t(error.code, { ...error.values, field: t('appointments.field.start') })}
        </div>
      )}
      {[...days].map(([day, list]) => (
        <ChoiceGroup
          type="radio"
          id={`${fieldId('start')}-${day}`}
          class="irisdesk-slot-day"
          optionClass="irisdesk-slot"
          name="start"
          legend={formatDate(list[0]!.start, lang)}
          checked={selected}
          options={list.map((slot) => ({ value: toBrusselsIso(slot.start), label: formatTime(slot.start, lang) }))}
        />
      ))}
    </fieldset>
  );
}

export function BookingSlotsPage(props: {
  settings: SettingsRecord;
  slots: Slot[];
  from: string;
  today: string;
  days: number;
  move?: { token: string; current: Date } | undefined;
  errors?: FieldError[] | undefined;
  waitlistErrors?: FieldError[] | undefined;
  waitlisted?: boolean;
  values?: Values;
}) {
  const { t, lang } = usePage();
  const { settings, slots, from, move } = props;
  const title = move ? t('appointments.move.title') : t('appointments.slots.title');
  const base = move
    ? `/${lang}/appointments/manage/${move.token}/move?`
    : `/${lang}/appointments/slots?${qs({ service: settings.serviceCode, point: settings.contactPointId })}&`;
  const previous = addDays(from, -props.days) < props.today ? (from > props.today ? props.today : undefined) : addDays(from, -props.days);
  return (
    <Layout title={title}>
      <Heading1>{title}</Heading1>
      {!move && <Steps current={3} />}
      {props.waitlisted && <Alert type="ok">{t('appointments.waitlist.joined')}</Alert>}
      <Paragraph>
        <strong>
          <Text value={settings.serviceName} />
        </strong>{' '}
        – <Text value={settings.pointName} />, <PointAddress settings={settings} />
      </Paragraph>
      {move && <Paragraph>{t('appointments.move.current', { date: formatDate(move.current, lang), time: formatTime(move.current, lang) })}</Paragraph>}
      <Paragraph>
        {t('appointments.slots.period', {
          from: formatDate(new Date(`${from}T12:00:00Z`), lang),
          to: formatDate(new Date(`${addDays(from, props.days - 1)}T12:00:00Z`), lang),
        })}
      </Paragraph>
      <ErrorSummary errors={props.errors} labelOf={(field) => t(`appointments.field.${field}`)} />
      {slots.length === 0 ? (
        <Alert type="info">{t('appointments.slots.none')}</Alert>
      ) : move ? (
        <Form action={`/${lang}/appointments/manage/${move.token}/move`}>
          <SlotChoices slots={slots} errors={props.errors} selected={props.values?.start} />
          <SubmitButton>{t('appointments.move.submit')}</SubmitButton>
        </Form>
      ) : (
        <form method="get" action={`/${lang}/appointments/details`} class="utrecht-form" noValidate>
          <input type="hidden" name="service" value={settings.serviceCode} />
          <input type="hidden" name="point" value={settings.contactPointId} />
          <SlotChoices slots={slots} errors={props.errors} selected={props.values?.start} />
          <SubmitButton>{t('appointments.next')}</SubmitButton>
        </form>
      )}
      <nav class="irisdesk-actions" aria-label={t('appointments.slots.otherDates')}>
        {previous && <Link href={`${base}from=${previous}`}>{t('appointments.slots.earlier')}</Link>}
        <Link href={`${base}from=${addDays(from, props.days)}`}>{t('appointments.slots.later')}</Link>
      </nav>
      {!move && (
        <section aria-labelledby="waitlist-title">
          <h2 class="utrecht-heading-2" id="waitlist-title">
            {t('appointments.waitlist.title')}
          </h2>
          <Paragraph>{t('appointments.waitlist.intro')}</Paragraph>
          <ErrorSummary errors={props.waitlistErrors} labelOf={(field) => t(`appointments.field.${field}`)} />
          <Form action={`/${lang}/appointments/waitlist`}>
            <input type="hidden" name="service" value={settings.serviceCode} />
            <input type="hidden" name="point" value={settings.contactPointId} />
            <TextField
              name="name"
              label={t('appointments.field.name')}
              errors={props.waitlistErrors}
              value={props.values?.name}
              autocomplete="name"
              maxLength={200}
            />
            <ContactChoice errors={props.waitlistErrors} values={props.values ?? {}} />
            <SubmitButton variant="secondary">{t('appointments.waitlist.submit')}</SubmitButton>
          </Form>
        </section>
      )}
    </Layout>
  );
}

export function BookingDetailsPage({
  settings,
  slot,
  errors,
  values = {},
  alternatives,
}: {
  settings: SettingsRecord;
  slot: { start: Date; end: Date };
  errors?: FieldError[];
  values?: Values;
  alternatives?: PublicSlot[];
}) {
  const { t, lang } = usePage();
  return (
    <Layout title={t('appointments.details.title')}>
      <Heading1>{t('appointments.details.title')}</Heading1>
      <Steps current={4} />
      <ErrorSummary errors={errors} labelOf={(field) => t(`appointments.field.${field}`)} />
      {alternatives && (
        <section aria-labelledby="alternatives-title">
          <h2 class="utrecht-heading-2" id="alternatives-title">
            {t('appointments.alternatives.title')}
          </h2>
          {alternatives.length === 0 ? (
            <Paragraph>{t('appointments.slots.none')}</Paragraph>
          ) : (
            <ul class="utrecht-unordered-list">
              {alternatives.map((alt) => (
                <li class="utrecht-unordered-list__item">
                  <Link href={`/${lang}/appointments/details?${qs({ service: settings.serviceCode, point: settings.contactPointId, start: alt.start })}`}>
                    {formatDate(new Date(alt.start), lang)} – {formatTime(new Date(alt.start), lang)}
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      <dl class="irisdesk-summary">
        <dt>{t('appointments.field.service')}</dt>
        <dd>
          <Text value={settings.serviceName} />
        </dd>
        <dt>{t('appointments.field.point')}</dt>
        <dd>
          <Text value={settings.pointName} />, <PointAddress settings={settings} />
        </dd>
        <dt>{t('appointments.field.start')}</dt>
        <dd>
          {formatDate(slot.start, lang)} – {formatTime(slot.start, lang)}
        </dd>
      </dl>
      <Paragraph>
        <Link href={`/${lang}/appointments/slots?${qs({ service: settings.serviceCode, point: settings.contactPointId, from: brusselsDate(slot.start) })}`}>
          {t('appointments.details.otherSlot')}
        </Link>
      </Paragraph>
      <Form action={`/${lang}/appointments`}>
        <input type="hidden" name="service" value={settings.serviceCode} />
        <input type="hidden" name="point" value={settings.contactPointId} />
        <input type="hidden" name="start" value={toBrusselsIso(slot.start)} />
        <TextField name="name" label={t('appointments.field.name')} errors={errors} value={values.name} autocomplete="name" required maxLength={200} />
        <ContactChoice errors={errors} values={values} />
        <SelectField
          name="language"
          label={t('appointments.field.language')}
          errors={errors}
          value={values.language ?? lang}
          options={LANGUAGES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l], lang: l }))}
        />
        <SubmitButton>{t('appointments.details.submit')}</SubmitButton>
      </Form>
    </Layout>
  );
}

export function ManagePage({
  appointment,
  settings,
  changeable,
  notice,
  token,
}: {
  appointment: AppointmentRecord;
  settings: SettingsRecord;
  changeable: boolean;
  notice?: 'booked' | 'moved' | 'cancelled' | undefined;
  token: string;
}) {
  const { t, lang } = usePage();
  const title = notice === 'booked' ? t('appointments.manage.bookedTitle') : t('appointments.manage.title');
  return (
    <Layout title={title}>
      <Heading1>{title}</Heading1>
      {notice === 'booked' && <Steps current={5} />}
      {notice && (
        <Alert type="ok">
          {t(`appointments.manage.notice.${notice}`, {
            email: appointment.email ?? (appointment.phone ? (parsePhoneNumber(appointment.phone)?.international ?? appointment.phone) : ''),
          })}
        </Alert>
      )}
      <dl class="irisdesk-summary">
        <dt>{t('appointments.field.reference')}</dt>
        <dd>
          <strong>{appointment.reference}</strong>
        </dd>
        <dt>{t('appointments.field.status')}</dt>
        <dd>{t(`appointments.status.${appointment.status}`)}</dd>
        <dt>{t('appointments.field.service')}</dt>
        <dd>
          <Text value={settings.serviceName} />
        </dd>
        <dt>{t('appointments.field.point')}</dt>
        <dd>
          <Text value={settings.pointName} />, <PointAddress settings={settings} />
        </dd>
        <dt>{t('appointments.field.start')}</dt>
        <dd>
          {formatDate(appointment.startsAt, lang)} – {formatTime(appointment.startsAt, lang)}
        </dd>
      </dl>
      {changeable ? (
        <div class="irisdesk-actions">
          <Link href={`/${lang}/appointments/manage/${token}/move`}>{t('appointments.manage.move')}</Link>
          <Form action={`/${lang}/appointments/manage/${token}/cancel`}>
            <SubmitButton variant="secondary">{t('appointments.manage.cancel')}</SubmitButton>
          </Form>
        </div>
      ) : (
        appointment.status !== 'cancelled' && <Paragraph>{t('appointments.manage.notChangeable')}</Paragraph>
      )}
    </Layout>
  );
}

// ---- agents

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
            t('appointments.field.reference'),
            t('appointments.field.status'),
            t('appointments.agenda.actions'),
          ]}
          rows={appointments.map((a) => [
            view === 'week' ? `${formatDate(a.startsAt, lang)} ${formatTime(a.startsAt, lang)}` : formatTime(a.startsAt, lang),
            <Text value={a.serviceName} />,
            a.name,
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

// ---- settings

export function SettingsListPage({ settings }: { settings: SettingsRecord[] }) {
  const { t, lang } = usePage();
  return (
    <Layout title={t('appointments.settings.listTitle')} backOffice section="appointment-settings">
      <Heading1>{t('appointments.settings.listTitle')}</Heading1>
      <Paragraph>
        <Link href={`/${lang}/admin/appointments/new`}>{t('appointments.settings.new')}</Link>
      </Paragraph>
      {settings.length === 0 ? (
        <Paragraph>{t('appointments.settings.none')}</Paragraph>
      ) : (
        <Table
          caption={t('appointments.settings.caption')}
          head={[
            t('appointments.field.point'),
            t('appointments.field.service'),
            t('appointments.field.durationMinutes'),
            t('appointments.field.capacity'),
            t('appointments.field.active'),
          ]}
          rows={settings.map((s) => [
            <Link href={`/${lang}/admin/appointments/${s.id}`}>
              <Text value={s.pointName} />
            </Link>,
            <Text value={s.serviceName} />,
            formatNumber(s.durationMinutes, lang),
            formatNumber(s.capacity, lang),
            s.active ? t('appointments.yes') : t('appointments.no'),
          ])}
        />
      )}
    </Layout>
  );
}

export function SettingsFormPage(props: {
  settings?: SettingsRecord;
  closures?: ClosureRecord[];
  canEdit: boolean;
  points: Array<{ id: string; name: LocalizedText }>;
  services: Array<{ code: string; name: LocalizedText }>;
  errors?: FieldError[] | undefined;
  closureErrors?: FieldError[] | undefined;
  values?: Values;
  notice?: string | undefined;
}) {
  const { t, lang } = usePage();
  const { settings } = props;
  const v: Values =
    props.values ??
    (settings
      ? {
          durationMinutes: String(settings.durationMinutes),
          capacity: String(settings.capacity),
          openingHours: settings.openingHours ?? '',
          bufferMinutes: String(settings.bufferMinutes),
          minNoticeMinutes: String(settings.minNoticeMinutes),
          maxHorizonDays: String(settings.maxHorizonDays),
          maxPerPerson: String(settings.maxPerPerson),
          active: settings.active ? 'true' : undefined,
        }
      : { durationMinutes: '15', capacity: '1', bufferMinutes: '0', minNoticeMinutes: '120', maxHorizonDays: '60', maxPerPerson: '1', active: 'true' });
  const title = settings
    ? t('appointments.settings.editTitle', { point: pickText(settings.pointName, lang).text, service: pickText(settings.serviceName, lang).text })
    : t('appointments.settings.newTitle');
  const label = (field: string) => t(`appointments.field.${field}`);
  return (
    <Layout title={title} backOffice section="appointment-settings">
      <Heading1>{title}</Heading1>
      {props.notice && <Alert type="ok">{t(`appointments.settings.notice.${props.notice}`)}</Alert>}
      <ErrorSummary errors={props.errors} labelOf={label} />
      {props.canEdit ? (
        <Form action={settings ? `/${lang}/admin/appointments/${settings.id}` : `/${lang}/admin/appointments`}>
          {settings ? (
            <input type="hidden" name="version" value={String(settings.version)} />
          ) : (
            <>
              <SelectField
                name="contactPointId"
                label={label('point')}
                errors={props.errors}
                value={v.contactPointId}
                options={props.points.map((p) => ({ value: p.id, label: pickText(p.name, lang).text }))}
              />
              <SelectField
                name="serviceCode"
                label={label('service')}
                errors={props.errors}
                value={v.serviceCode}
                options={props.services.map((s) => ({ value: s.code, label: pickText(s.name, lang).text }))}
              />
            </>
          )}
          <TextField name="durationMinutes" type="number" label={label('durationMinutes')} errors={props.errors} value={v.durationMinutes} required />
          <TextField
            name="capacity"
            type="number"
            label={label('capacity')}
            description={t('appointments.settings.capacityHelp')}
            errors={props.errors}
            value={v.capacity}
            required
          />
          <TextField
            name="openingHours"
            label={label('openingHours')}
            description={t('appointments.settings.openingHoursHelp')}
            errors={props.errors}
            value={v.openingHours}
            maxLength={1000}
          />
          <TextField name="bufferMinutes" type="number" label={label('bufferMinutes')} errors={props.errors} value={v.bufferMinutes} />
          <TextField name="minNoticeMinutes" type="number" label={label('minNoticeMinutes')} errors={props.errors} value={v.minNoticeMinutes} />
          <TextField name="maxHorizonDays" type="number" label={label('maxHorizonDays')} errors={props.errors} value={v.maxHorizonDays} />
          <TextField name="maxPerPerson" type="number" label={label('maxPerPerson')} errors={props.errors} value={v.maxPerPerson} />
          <CheckboxField name="active" label={label('active')} errors={props.errors} checked={v.active === 'true'} />
          <SubmitButton>{t('appointments.settings.save')}</SubmitButton>
        </Form>
      ) : (
        <Paragraph>{t('appointments.settings.readOnly')}</Paragraph>
      )}
      {settings && (
        <section aria-labelledby="closures-title">
          <h2 class="utrecht-heading-2" id="closures-title">
            {t('appointments.closures.title')}
          </h2>
          {(props.closures ?? []).length === 0 ? (
            <Paragraph>{t('appointments.closures.none')}</Paragraph>
          ) : (
            <Table
              caption={t('appointments.closures.caption')}
              head={[
                t('appointments.field.from'),
                t('appointments.field.to'),
                t('appointments.field.seats'),
                t('appointments.field.reason'),
                t('appointments.agenda.actions'),
              ]}
              rows={(props.closures ?? []).map((c) => [
                formatDate(new Date(c.startsAt), lang),
                formatDate(new Date(new Date(c.endsAt).getTime() - 1), lang),
                `${c.seats === null ? t('appointments.closures.allSeats') : formatNumber(c.seats, lang)}${c.serviceId === null ? ` (${t('appointments.closures.wholePoint')})` : ''}`,
                c.reason,
                props.canEdit ? (
                  <form method="post" action={`/${lang}/admin/appointments/${settings.id}/closures/${c.id}/delete`} class="irisdesk-inline-form">
                    <CsrfField />
                    <button type="submit" class="utrecht-button utrecht-button--secondary-action">
                      {t('appointments.closures.remove')}
                    </button>
                  </form>
                ) : (
                  ''
                ),
              ])}
            />
          )}
          {props.canEdit && (
            <>
              <h3 class="utrecht-heading-3">{t('appointments.closures.add')}</h3>
              <ErrorSummary errors={props.closureErrors} labelOf={label} />
              <Form action={`/${lang}/admin/appointments/${settings.id}/closures`}>
                <TextField
                  name="from"
                  label={label('from')}
                  description={t('appointments.closures.dateHelp')}
                  errors={props.closureErrors}
                  value={props.values?.from}
                  required
                />
                <TextField
                  name="to"
                  label={label('to')}
                  description={t('appointments.closures.dateHelp')}
                  errors={props.closureErrors}
                  value={props.values?.to}
                  required
                />
                <TextField
                  name="seats"
                  type="number"
                  label={label('seats')}
                  description={t('appointments.closures.seatsHelp')}
                  errors={props.closureErrors}
                  value={props.values?.seats}
                />
                <TextField name="reason" label={label('reason')} errors={props.closureErrors} value={props.values?.reason} maxLength={200} />
                <CheckboxField name="allServices" label={label('allServices')} errors={props.closureErrors} checked={props.values?.allServices === 'true'} />
                <SubmitButton variant="secondary">{t('appointments.closures.submit')}</SubmitButton>
              </Form>
            </>
          )}
        </section>
      )}
    </Layout>
  );
}
